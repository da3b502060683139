/*
 * Physical memory at boot: the boot allocator (free ranges from the
 * Multiboot2 map minus everything the loader and firmware use), the direct
 * map of all RAM, the frame table, and the hand-over of the remaining
 * frames to the heap.  Runs once, on the boot CPU, before other CPUs start.
 */
#include <asm/config.h>
#include <asm/mm.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/x86-defs.h>
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/multiboot2.h>
#include <xen/string.h>

#define MAX_RANGES      (BOOT_MAX_MEMMAP + BOOT_MAX_MODULES + 8)
#define GIB             (1ULL << 30)
#define DIRECTMAP_MAX   (512 * GIB)         /* one L3 table */

struct range {
    uint64_t start, end;                    /* bytes, page aligned, end exclusive */
};

static struct range ranges[MAX_RANGES];
static unsigned int nr_ranges;

extern uint64_t boot_l4[512];
extern const char __image_start[], __image_end[];
extern paddr_t directmap_limit;

static void add_range(uint64_t start, uint64_t end)
{
    start = ROUNDUP(start, PAGE_SIZE);
    end = ROUNDDOWN(end, PAGE_SIZE);
    if ( start >= end )
        return;
    if ( nr_ranges == MAX_RANGES )
    {
        printk(XENLOG_WARNING "Memory: too many ranges; %#lx-%#lx unused\n",
               (unsigned long)start, (unsigned long)end);
        return;
    }
    ranges[nr_ranges].start = start;
    ranges[nr_ranges].end = end;
    nr_ranges++;
}

/* Cut [start, end) out of every free range. */
static void reserve_range(uint64_t start, uint64_t end)
{
    start = ROUNDDOWN(start, PAGE_SIZE);
    end = ROUNDUP(end, PAGE_SIZE);
    for ( unsigned int i = 0; i < nr_ranges; i++ )
    {
        struct range *r = &ranges[i];

        if ( end <= r->start || start >= r->end )
            continue;
        if ( start > r->start && end < r->end )
        {
            uint64_t tail = r->end;

            r->end = start;
            add_range(end, tail);
        }
        else if ( start <= r->start && end >= r->end )
            r->start = r->end;                  /* emptied */
        else if ( start <= r->start )
            r->start = end;
        else
            r->end = start;
    }
}

/* Pages from the top of the highest free range below 'limit'. */
static uint64_t boot_alloc(uint64_t bytes, uint64_t limit)
{
    struct range *best = NULL;

    bytes = ROUNDUP(bytes, PAGE_SIZE);
    for ( unsigned int i = 0; i < nr_ranges; i++ )
    {
        struct range *r = &ranges[i];
        uint64_t top = MIN(r->end, limit);

        if ( top > r->start && top - r->start >= bytes &&
             (best == NULL || top > MIN(best->end, limit)) )
            best = r;
    }
    if ( best == NULL )
        panic("Memory: the boot allocator cannot find %lu bytes below %#lx",
              (unsigned long)bytes, (unsigned long)limit);
    if ( best->end > limit )
    {
        add_range(limit, best->end);            /* keep what lies above */
        best->end = limit;
    }
    best->end -= bytes;
    return best->end;
}

static bool cpu_has_1g_pages(void)
{
    uint32_t eax, ebx, ecx, edx;

    cpuid_count(0x80000000, 0, &eax, &ebx, &ecx, &edx);
    if ( eax < 0x80000001 )
        return false;
    cpuid_count(0x80000001, 0, &eax, &ebx, &ecx, &edx);
    return edx & (1u << X86_FEATURE_PAGE1GB_BIT);
}

/*
 * Give the direct map its own L3 (the boot one is shared with the low
 * identity map) and extend it with 1 GiB or 2 MiB pages up to 'end'.
 */
static void extend_directmap(uint64_t end)
{
    uint64_t *old_l3 = maddr_to_virt(boot_l4[262] & 0x000ffffffffff000ULL);
    uint64_t *l3 = maddr_to_virt(boot_alloc(PAGE_SIZE, BOOT_DIRECTMAP_BYTES));
    bool huge = cpu_has_1g_pages();
    const uint64_t leaf = _PAGE_PRESENT | _PAGE_RW | _PAGE_PSE | _PAGE_NX;

    memset(l3, 0, PAGE_SIZE);
    memcpy(l3, old_l3, 4 * sizeof(uint64_t));   /* 0-4 GiB, already mapped */
    for ( uint64_t gib = 4; gib * GIB < end && gib < 512; gib++ )
    {
        if ( huge )
            l3[gib] = (gib * GIB) | leaf;
        else
        {
            uint64_t l2_ma = boot_alloc(PAGE_SIZE, BOOT_DIRECTMAP_BYTES);
            uint64_t *l2 = maddr_to_virt(l2_ma);

            for ( unsigned int i = 0; i < 512; i++ )
                l2[i] = (gib * GIB + ((uint64_t)i << L2_PAGETABLE_SHIFT)) | leaf;
            l3[gib] = l2_ma | _PAGE_PRESENT | _PAGE_RW;
        }
    }
    boot_l4[262] = virt_to_maddr(l3) | _PAGE_PRESENT | _PAGE_RW;
    __asm__ __volatile__ ( "mov %%cr3, %%rax; mov %%rax, %%cr3" ::: "rax", "memory" );
    directmap_limit = MIN(ROUNDUP(end, GIB), DIRECTMAP_MAX);
    if ( directmap_limit < BOOT_DIRECTMAP_BYTES )
        directmap_limit = BOOT_DIRECTMAP_BYTES;
    printk("Memory: direct map covers 0-%#lx with %s pages\n",
           (unsigned long)directmap_limit, huge ? "1 GiB" : "2 MiB");
}

void *page_to_virt(const struct page_info *pg)
{
    return maddr_to_virt(page_to_mfn(pg) << PAGE_SHIFT);
}

struct page_info *virt_to_page(const void *va)
{
    return mfn_to_page(virt_to_maddr(va) >> PAGE_SHIFT);
}

static uint64_t usable_bytes;

static void key_memory(unsigned char key, struct cpu_user_regs *regs)
{
    printk(" RAM %lu MiB; heap %lu pages, %lu free (%lu MiB)\n",
           (unsigned long)(usable_bytes >> 20), (unsigned long)heap_total_pages(),
           (unsigned long)heap_free_pages(), (unsigned long)(heap_free_pages() >> 8));
}

void init_memory(const struct boot_info *bi)
{
    uint64_t ram_end = 0, heap_expected = 0;
    uint64_t ft_bytes, ft_ma;

    for ( unsigned int i = 0; i < bi->nr_memmap; i++ )
    {
        const struct boot_memmap_entry *e = &bi->memmap[i];

        if ( e->type != MB2_MEMORY_AVAILABLE )
            continue;
        add_range(e->addr, e->addr + e->len);
        usable_bytes += ROUNDDOWN(e->addr + e->len, PAGE_SIZE) - ROUNDUP(e->addr, PAGE_SIZE);
        ram_end = MAX(ram_end, e->addr + e->len);
    }
    if ( ram_end > DIRECTMAP_MAX )
    {
        printk(XENLOG_WARNING "Memory: RAM above %lu GiB is not used\n",
               (unsigned long)(DIRECTMAP_MAX / GIB));
        reserve_range(DIRECTMAP_MAX, ram_end);
        ram_end = DIRECTMAP_MAX;
    }

    /* What the firmware, the loader and the image occupy is never handed out. */
    reserve_range(0, 0x100000);
    reserve_range((uint64_t)(__image_start - XEN_VIRT_BASE),
                  (uint64_t)(__image_end - XEN_VIRT_BASE));
    reserve_range(bi->mbi_start, bi->mbi_end);
    for ( unsigned int i = 0; i < bi->nr_modules; i++ )
        reserve_range(bi->modules[i].start, bi->modules[i].end);

    extend_directmap(ram_end);

    max_page = ram_end >> PAGE_SHIFT;
    ft_bytes = max_page * sizeof(struct page_info);
    ft_ma = boot_alloc(ft_bytes, BOOT_DIRECTMAP_BYTES);
    frame_table = maddr_to_virt(ft_ma);
    memset(frame_table, 0, ROUNDUP(ft_bytes, PAGE_SIZE));

    for ( unsigned int i = 0; i < nr_ranges; i++ )
        if ( ranges[i].end > ranges[i].start )
        {
            heap_expected += (ranges[i].end - ranges[i].start) >> PAGE_SHIFT;
            heap_add_frames(ranges[i].start >> PAGE_SHIFT,
                            (ranges[i].end - ranges[i].start) >> PAGE_SHIFT);
        }
    printk("Memory: %lu MiB usable RAM, frame table %lu KiB for %lu frames\n",
           (unsigned long)(usable_bytes >> 20), (unsigned long)(ft_bytes >> 10),
           (unsigned long)max_page);
    printk("Memory: heap %lu pages (%lu MiB), %lu free\n",
           (unsigned long)heap_total_pages(), (unsigned long)(heap_total_pages() >> 8),
           (unsigned long)heap_free_pages());
    if ( heap_total_pages() == heap_expected && heap_free_pages() == heap_expected &&
         heap_expected <= usable_bytes >> PAGE_SHIFT )
        printk("Memory: map and allocator agree (%lu pages kept back for the "
               "hypervisor, firmware and modules)\n",
               (unsigned long)((usable_bytes >> PAGE_SHIFT) - heap_expected));
    else
        printk(XENLOG_ERR "Memory: MISMATCH: heap %lu pages, free ranges %lu pages\n",
               (unsigned long)heap_total_pages(), (unsigned long)heap_expected);
    register_keyhandler('m', key_memory, "show memory use");
}
