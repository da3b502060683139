/*
 * Physical memory at boot (init_memory): the boot allocator from the
 * Multiboot2 map, the final idle page tables (the image with per-section
 * permissions, the direct map of every map region, a one-page identity
 * map for the secondary-CPU trampoline), the frame table, and the
 * hand-over of the remaining frames to the heap.  Runs once, on the boot
 * CPU, before other CPUs start.
 */
#include <asm/boot-alloc.h>
#include <asm/config.h>
#include <asm/mm.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <asm/x86-defs.h>
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/multiboot2.h>
#include <xen/string.h>

#include "mm-internal.h"

#define MIB             (1ULL << 20)
#define GIB             (1ULL << 30)
#define DIRECTMAP_BYTES (DIRECTMAP_VIRT_END - DIRECTMAP_VIRT_START)
#define PAGE_RW_NX      (_PAGE_PRESENT | _PAGE_RW | _PAGE_NX)

struct span {
    paddr_t start, end;
};

extern uint64_t boot_l4[512];
extern const char __image_start[], __image_end[], _stext[], _etext[];
extern const char __rodata_start[], __rodata_end[], __stubs_start[], __stubs_end[];

/* Usable RAM of the map, for mem_is_ram() (read-only after boot). */
static struct span ram[BOOT_MAX_MEMMAP];
static unsigned int nr_ram;
static uint64_t usable_pages;

bool mem_is_ram(paddr_t start, paddr_t end)
{
    for ( unsigned int i = 0; i < nr_ram; i++ )
        if ( start < ram[i].end && end > ram[i].start )
            return true;
    return false;
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

static bool is_ram_type(uint32_t type)
{
    return type == MB2_MEMORY_AVAILABLE || type == MB2_MEMORY_ACPI ||
           type == MB2_MEMORY_NVS;
}

/* Sort spans by start and merge overlapping or touching ones; returns the count. */
static unsigned int merge_spans(struct span *s, unsigned int n)
{
    unsigned int out = 0;

    for ( unsigned int i = 1; i < n; i++ )
        for ( unsigned int j = i; j > 0 && s[j - 1].start > s[j].start; j-- )
        {
            struct span t = s[j];

            s[j] = s[j - 1];
            s[j - 1] = t;
        }
    for ( unsigned int i = 0; i < n; i++ )
    {
        if ( s[i].start >= s[i].end )
            continue;
        if ( out && s[i].start <= s[out - 1].end )
            s[out - 1].end = MAX(s[out - 1].end, s[i].end);
        else
            s[out++] = s[i];
    }
    return out;
}

static void map_or_panic(uint64_t *l4, uint64_t va, paddr_t ma, uint64_t bytes,
                         uint64_t flags)
{
    bool replaced = false;

    if ( map_pages_in(l4, va, ma >> PAGE_SHIFT, bytes >> PAGE_SHIFT, flags, &replaced) )
        panic("Memory: out of boot memory for page tables");
}

static void map_image_part(uint64_t *l4, const char *start, const char *end,
                           uint64_t flags)
{
    uint64_t va = ROUNDDOWN((uint64_t)start, PAGE_SIZE);

    if ( end > start )
        map_or_panic(l4, va, va - XEN_VIRT_BASE, ROUNDUP((uint64_t)end, PAGE_SIZE) - va,
                     flags);
}

/*
 * The final tables, built in a staging L4 and then installed slot by slot
 * into boot_l4 (which stays the idle table; guests copy its slots).
 */
static void build_idle_tables(const struct boot_info *bi, bool huge)
{
    static struct span regions[BOOT_MAX_MEMMAP];
    unsigned int n = 0;
    paddr_t l4_ma = boot_mem_alloc(PAGE_SIZE, PAGE_SIZE, BOOT_DIRECTMAP_BYTES);
    uint64_t *l4, mapped = 0;

    if ( l4_ma == BOOT_MEM_FAILED )
        panic("Memory: no page for the idle page table");
    l4 = maddr_to_virt(l4_ma);
    memset(l4, 0, PAGE_SIZE);
    pagetable_prefill_l4(l4);

    /* The image: W^X, section by section (xen.lds.S aligns them to pages). */
    map_image_part(l4, _stext, _etext, _PAGE_PRESENT);
    map_image_part(l4, __rodata_start, __rodata_end, _PAGE_PRESENT | _PAGE_NX);
    map_image_part(l4, __rodata_end, __stubs_start, PAGE_RW_NX);
    /* The per-CPU SYSCALL stubs: executed here, written through the direct map. */
    map_image_part(l4, __stubs_start, __stubs_end, _PAGE_PRESENT);
    map_image_part(l4, __stubs_end, __image_end, PAGE_RW_NX);

    /* The direct map: the regions of the map; holes stay out. */
    for ( unsigned int i = 0; i < bi->nr_memmap; i++ )
    {
        const struct boot_memmap_entry *e = &bi->memmap[i];

        /*
         * Firmware tables lie in RAM, ACPI or (below 4 GiB) reserved regions;
         * reserved regions above 4 GiB are device holes (e.g. AMD's
         * HyperTransport range) and get no cacheable mapping.
         */
        if ( e->type == MB2_MEMORY_BADRAM || e->addr >= DIRECTMAP_BYTES ||
             (!is_ram_type(e->type) && e->addr >= BOOT_DIRECTMAP_BYTES) )
            continue;
        regions[n].start = ROUNDDOWN(e->addr, PAGE_SIZE);
        regions[n].end = ROUNDUP(MIN(e->addr + e->len, DIRECTMAP_BYTES), PAGE_SIZE);
        n++;
    }
    n = merge_spans(regions, n);
    for ( unsigned int i = 0; i < n; i++ )
    {
        map_or_panic(l4, DIRECTMAP_VIRT_START + regions[i].start, regions[i].start,
                     regions[i].end - regions[i].start, PAGE_RW_NX);
        mapped += regions[i].end - regions[i].start;
    }

    /* Slot 0: the trampoline page alone, where secondary CPUs enable paging. */
    map_or_panic(l4, TRAMPOLINE_PADDR, TRAMPOLINE_PADDR, PAGE_SIZE, _PAGE_PRESENT);

    /* Each store swaps one slot; old and new tables agree on what both map. */
    boot_l4[0] = l4[0];
    for ( unsigned int slot = 256; slot < 272; slot++ )
        boot_l4[slot] = l4[slot];
    __asm__ __volatile__ ( "mov %0, %%cr3" :: "r" (virt_to_maddr(boot_l4)) : "memory" );
    printk("Memory: direct map of %u regions, %lu MiB, with %s pages; image W^X\n",
           n, (unsigned long)(mapped / MIB), huge ? "1 GiB" : "2 MiB");
}

/* Frame-table bytes [first, end) of FRAMETABLE_VIRT_START get real, zeroed pages. */
static void back_frame_table(uint64_t first, uint64_t end)
{
    uint64_t va = FRAMETABLE_VIRT_START + ROUNDDOWN(first, PAGE_SIZE);
    uint64_t va_end = FRAMETABLE_VIRT_START + ROUNDUP(end, PAGE_SIZE);

    while ( va < va_end )
    {
        uint64_t chunk = PAGE_SIZE;
        paddr_t ma = BOOT_MEM_FAILED;

        if ( xen_range_mapped(va, PAGE_SIZE) )
        {
            va += PAGE_SIZE;                    /* shared with the previous region */
            continue;
        }
        if ( !(va & (2 * MIB - 1)) && va_end - va >= 2 * MIB &&
             !xen_range_mapped(va + 2 * MIB - PAGE_SIZE, PAGE_SIZE) )
        {
            ma = boot_mem_alloc(2 * MIB, 2 * MIB, DIRECTMAP_BYTES);
            chunk = 2 * MIB;
        }
        if ( ma == BOOT_MEM_FAILED )
        {
            chunk = PAGE_SIZE;
            ma = boot_mem_alloc(PAGE_SIZE, PAGE_SIZE, DIRECTMAP_BYTES);
        }
        if ( ma == BOOT_MEM_FAILED )
            panic("Memory: no memory for the frame table");
        memset(maddr_to_virt(ma), 0, chunk);
        if ( map_pages_to_xen(va, ma >> PAGE_SHIFT, chunk >> PAGE_SHIFT, PAGE_RW_NX) )
            panic("Memory: cannot map the frame table");
        va += chunk;
    }
}

static uint64_t init_frame_table(const struct boot_info *bi)
{
    paddr_t zero = boot_mem_alloc(PAGE_SIZE, PAGE_SIZE, DIRECTMAP_BYTES);
    uint64_t ft_end, real = 0;

    for ( unsigned int i = 0; i < bi->nr_memmap; i++ )
    {
        const struct boot_memmap_entry *e = &bi->memmap[i];

        uint64_t end = ROUNDUP(MIN(e->addr + e->len, DIRECTMAP_BYTES), PAGE_SIZE);

        if ( is_ram_type(e->type) && e->addr < DIRECTMAP_BYTES && end > max_page << PAGE_SHIFT )
            max_page = end >> PAGE_SHIFT;
    }
    BUILD_BUG_ON((DIRECTMAP_VIRT_END - DIRECTMAP_VIRT_START) / PAGE_SIZE *
                 sizeof(struct page_info) > FRAMETABLE_VIRT_END - FRAMETABLE_VIRT_START);
    if ( zero == BOOT_MEM_FAILED )
        panic("Memory: no memory for the frame table");
    memset(maddr_to_virt(zero), 0, PAGE_SIZE);

    for ( unsigned int i = 0; i < bi->nr_memmap; i++ )
    {
        const struct boot_memmap_entry *e = &bi->memmap[i];
        uint64_t s = e->addr >> PAGE_SHIFT;
        uint64_t t = ROUNDUP(MIN(e->addr + e->len, DIRECTMAP_BYTES), PAGE_SIZE) >> PAGE_SHIFT;

        if ( is_ram_type(e->type) && s < t )
            back_frame_table(s * sizeof(struct page_info), t * sizeof(struct page_info));
    }

    /* Entries for holes: the shared zero page, read-only. */
    ft_end = FRAMETABLE_VIRT_START + ROUNDUP(max_page * sizeof(struct page_info), PAGE_SIZE);
    for ( uint64_t va = FRAMETABLE_VIRT_START; va < ft_end; va += PAGE_SIZE )
    {
        if ( xen_range_mapped(va, PAGE_SIZE) )
        {
            real++;
            continue;
        }
        if ( map_pages_to_xen(va, zero >> PAGE_SHIFT, 1, _PAGE_PRESENT | _PAGE_NX) )
            panic("Memory: cannot map the frame table");
    }
    frame_table = (struct page_info *)FRAMETABLE_VIRT_START;
    return real;
}

void *page_to_virt(const struct page_info *pg)
{
    return maddr_to_virt(page_to_mfn(pg) << PAGE_SHIFT);
}

struct page_info *virt_to_page(const void *va)
{
    return mfn_to_page(virt_to_maddr(va) >> PAGE_SHIFT);
}

static void key_memory(unsigned char key, struct cpu_user_regs *regs)
{
    printk(" RAM %lu MiB; heap %lu pages, %lu free (%lu MiB), %lu free below 4 GiB\n",
           (unsigned long)(usable_pages >> 8), (unsigned long)heap_total_pages(),
           (unsigned long)heap_free_pages(), (unsigned long)(heap_free_pages() >> 8),
           (unsigned long)heap_free_pages_below(32));
}

/*
 * Pages of usable RAM that no reservation covers, computed apart from the
 * boot allocator (sorted, merged reservations against each RAM range), so
 * that the heap's count can be checked against the map.
 */
static uint64_t unreserved_pages(struct span *resv, unsigned int n)
{
    uint64_t pages = 0;

    n = merge_spans(resv, n);
    for ( unsigned int i = 0; i < nr_ram; i++ )
    {
        uint64_t bytes = ram[i].end - ram[i].start;

        for ( unsigned int j = 0; j < n; j++ )
        {
            paddr_t s = MAX(ram[i].start, resv[j].start);
            paddr_t e = MIN(ram[i].end, resv[j].end);

            if ( s < e )
                bytes -= e - s;
        }
        pages += bytes >> PAGE_SHIFT;
    }
    return pages;
}

void init_memory(const struct boot_info *bi)
{
    static struct span resv[BOOT_MAX_MODULES + 4];
    unsigned int nr_resv = 0;
    bool huge = cpu_has_1g_pages();
    uint64_t expected, ft_pages;

    boot_mem_reset();
    pagetable_allow_1g(huge);
    for ( unsigned int i = 0; i < bi->nr_memmap; i++ )
    {
        const struct boot_memmap_entry *e = &bi->memmap[i];
        paddr_t s = ROUNDUP(e->addr, PAGE_SIZE);
        paddr_t t = ROUNDDOWN(MIN(e->addr + e->len, DIRECTMAP_BYTES), PAGE_SIZE);

        if ( e->type != MB2_MEMORY_AVAILABLE )
            continue;
        if ( e->addr + e->len > DIRECTMAP_BYTES )
            printk(XENLOG_WARNING "Memory: RAM above %lu GiB is not used\n",
                   (unsigned long)(DIRECTMAP_BYTES / GIB));
        if ( s >= t )
            continue;
        if ( !boot_mem_add(s, t) )
            printk(XENLOG_WARNING "Memory: too many ranges; %#lx-%#lx unused\n",
                   (unsigned long)s, (unsigned long)t);
        ram[nr_ram].start = s;
        ram[nr_ram].end = t;
        nr_ram++;
    }
    nr_ram = merge_spans(ram, nr_ram);
    for ( unsigned int i = 0; i < nr_ram; i++ )
        usable_pages += (ram[i].end - ram[i].start) >> PAGE_SHIFT;

    /* What the firmware, the loader and the image occupy is never handed out. */
    resv[nr_resv++] = (struct span){ 0, MIB };
    resv[nr_resv++] = (struct span){ XEN_LOAD_PADDR,
                                     (paddr_t)(__image_end - XEN_VIRT_BASE) };
    resv[nr_resv++] = (struct span){ bi->mbi_start, bi->mbi_end };
    for ( unsigned int i = 0; i < bi->nr_modules; i++ )
        resv[nr_resv++] = (struct span){ bi->modules[i].start, bi->modules[i].end };
    for ( unsigned int i = 0; i < nr_resv; i++ )
    {
        resv[i].start = ROUNDDOWN(resv[i].start, PAGE_SIZE);
        resv[i].end = ROUNDUP(resv[i].end, PAGE_SIZE);
        boot_mem_reserve(resv[i].start, resv[i].end);
    }

    build_idle_tables(bi, huge);
    ft_pages = init_frame_table(bi);

    for ( unsigned int i = 0; i < nr_ram; i++ )
        if ( !xen_range_mapped((uint64_t)maddr_to_virt(ram[i].start),
                               ram[i].end - ram[i].start) )
            panic("Memory: RAM %#lx-%#lx is missing from the direct map",
                  (unsigned long)ram[i].start, (unsigned long)ram[i].end);
    printk("Memory: every RAM range is direct-mapped\n");

    expected = unreserved_pages(resv, nr_resv) - (boot_mem_allocated_bytes() >> PAGE_SHIFT);
    boot_mem_handover(heap_add_frames);
    pagetable_use_heap();

    printk("Memory: %lu MiB usable RAM in %u ranges; frame table %lu KiB for %lu frames\n",
           (unsigned long)(usable_pages >> 8), nr_ram,
           (unsigned long)(ft_pages * PAGE_SIZE >> 10), (unsigned long)max_page);
    printk("Memory: %lu MiB total, %lu MiB free (heap %lu pages, %lu free)\n",
           (unsigned long)(heap_total_pages() >> 8), (unsigned long)(heap_free_pages() >> 8),
           (unsigned long)heap_total_pages(), (unsigned long)heap_free_pages());
    if ( heap_total_pages() == expected && heap_free_pages() == expected )
        printk("Memory: map and allocator agree (%lu of %lu usable pages kept for the "
               "hypervisor, firmware and modules)\n",
               (unsigned long)(usable_pages - expected), (unsigned long)usable_pages);
    else
        printk(XENLOG_ERR "Memory: MISMATCH: heap %lu pages (%lu free), the map "
               "leaves %lu\n", (unsigned long)heap_total_pages(),
               (unsigned long)heap_free_pages(), (unsigned long)expected);
    register_keyhandler('m', key_memory, "show memory use");
}
