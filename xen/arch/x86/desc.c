/*
 * GDT, TSS and IDT.  Each CPU has its own GDT page (the hypervisor's
 * entries of Xen's layout, from FIRST_RESERVED_GDT_BYTE) and TSS with
 * separate IST stacks for #DF, NMI and #MC, so even a hypervisor stack
 * overflow ends in a register dump instead of a triple fault.  The IDT is
 * shared and written once by the boot CPU.
 */
#include <asm/config.h>
#include <asm/desc.h>
#include <asm/page.h>
#include <asm/current.h>
#include <asm/x86-defs.h>
#include <xen/compiler.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/string.h>

#define IST_STACK_SIZE  PAGE_SIZE

struct gate {
    uint16_t offset_low;
    uint16_t selector;
    uint8_t ist;
    uint8_t type_attr;
    uint16_t offset_mid;
    uint32_t offset_high;
    uint32_t reserved;
};
BUILD_BUG_ON(sizeof(struct gate) != 16);

/* One page of hypervisor descriptors per CPU, seen at GDT offset 0xe000. */
struct gdt_page {
    uint64_t entries[PAGE_SIZE / 8];
} __aligned(PAGE_SIZE);

static struct gate idt[256] __aligned(PAGE_SIZE);
static struct gdt_page gdt_pages[NR_CPUS];
static struct tss64 tss[NR_CPUS] __aligned(128);
static uint8_t ist_stacks[NR_CPUS][IST_COUNT][IST_STACK_SIZE] __aligned(16);

#define GDT_INDEX(sel)  (((sel) - FIRST_RESERVED_GDT_BYTE) >> 3)

/* Code/data descriptors: long-mode code, or flat 4 GiB data/compat code. */
#define DESC_CODE64(dpl)  (0x00af9a000000ffffULL | ((uint64_t)(dpl) << 45))
#define DESC_CODE32(dpl)  (0x00cf9a000000ffffULL | ((uint64_t)(dpl) << 45))
#define DESC_DATA(dpl)    (0x00cf92000000ffffULL | ((uint64_t)(dpl) << 45))

static void set_tss_desc(uint64_t *slot, const struct tss64 *t)
{
    uint64_t base = (uint64_t)t, limit = sizeof(*t) - 1;

    slot[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
              (0x89ULL << 40) |                 /* present, 64-bit TSS (available) */
              (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
    slot[1] = base >> 32;
}

void set_intr_gate(unsigned int vector, void *handler, unsigned int ist, unsigned int dpl)
{
    uint64_t addr = (uint64_t)handler;
    struct gate *g = &idt[vector];

    g->offset_low = addr & 0xffff;
    g->selector = __HYPERVISOR_CS;
    g->ist = ist;
    g->type_attr = 0x8e | (dpl << 5);           /* present, 64-bit interrupt gate */
    g->offset_mid = (addr >> 16) & 0xffff;
    g->offset_high = addr >> 32;
    g->reserved = 0;
}

void init_idt(void)
{
    for ( unsigned int v = 0; v < 256; v++ )
        set_intr_gate(v, entry_stubs[v], 0, 0);
    /* int3 and into may be used by guests at ring 3; other vectors may not. */
    set_intr_gate(3, entry_stubs[3], 0, 3);
    set_intr_gate(4, entry_stubs[4], 0, 3);
    set_intr_gate(2, entry_stubs[2], IST_NMI, 0);
    set_intr_gate(8, entry_stubs[8], IST_DF, 0);
    set_intr_gate(18, entry_stubs[18], IST_MCE, 0);
}

void load_system_tables(unsigned int cpu)
{
    uint64_t *gdt = gdt_pages[cpu].entries;
    struct tss64 *t = &tss[cpu];
    struct desc_ptr gdtr, idtr = { sizeof(idt) - 1, (uint64_t)idt };

    memset(gdt, 0, sizeof(gdt_pages[cpu]));
    gdt[GDT_INDEX(__HYPERVISOR_CS)] = DESC_CODE64(0);
    gdt[GDT_INDEX(__HYPERVISOR_DS)] = DESC_DATA(0);
    gdt[GDT_INDEX(FLAT_RING3_CS32 & ~3)] = DESC_CODE32(3);
    gdt[GDT_INDEX(FLAT_RING3_DS & ~3)] = DESC_DATA(3);
    gdt[GDT_INDEX(FLAT_RING3_CS64 & ~3)] = DESC_CODE64(3);

    memset(t, 0, sizeof(*t));
    for ( unsigned int i = 0; i < IST_COUNT; i++ )
        t->ist[i] = (uint64_t)&ist_stacks[cpu][i][IST_STACK_SIZE];
    t->iomap_base = sizeof(*t);                 /* no I/O bitmap */
    set_tss_desc(&gdt[GDT_INDEX(TSS_SELECTOR)], t);

    /*
     * The GDT base is placed so that offset 0xe000 lands on this CPU's page.
     * The limit stops at the end of that page: until guests have GDT frames
     * of their own mapped below it, a selector under 0xe000 is never loaded.
     */
    gdtr.base = (uint64_t)gdt - FIRST_RESERVED_GDT_BYTE;
    gdtr.limit = FIRST_RESERVED_GDT_BYTE + sizeof(gdt_pages[cpu]) - 1;

    __asm__ __volatile__ (
        "lgdt %[gdtr]\n\t"
        "lidt %[idtr]\n\t"
        /* Reload CS through a far return, then the data segments. */
        "lea 1f(%%rip), %%rax\n\t"
        "pushq %[cs]\n\t"
        "push %%rax\n\t"
        "lretq\n"
        "1:\n\t"
        "mov %[ds], %%eax\n\t"
        "mov %%eax, %%ss\n\t"
        "xor %%eax, %%eax\n\t"
        "mov %%eax, %%ds\n\t"
        "mov %%eax, %%es\n\t"
        "mov %%eax, %%fs\n\t"
        "mov %%eax, %%gs\n\t"
        "ltr %w[tr]\n\t"
        :
        : [gdtr] "m" (gdtr), [idtr] "m" (idtr), [cs] "i" (__HYPERVISOR_CS),
          [ds] "i" (__HYPERVISOR_DS), [tr] "r" (TSS_SELECTOR)
        : "rax", "memory" );
}

static uint64_t gdt_area(unsigned int cpu)
{
    return GDT_AREA_VIRT_START + (uint64_t)cpu * GDT_AREA_PAGES * PAGE_SIZE;
}

static uint64_t zero_page_mfn;
static uint64_t *guest_ldt_l1e[NR_CPUS];

/* The LDT areas follow the GDT areas of every CPU in the same slot. */
static uint64_t ldt_area(unsigned int cpu)
{
    return GDT_AREA_VIRT_START + (uint64_t)NR_CPUS * GDT_AREA_PAGES * PAGE_SIZE +
           (uint64_t)cpu * LDT_AREA_PAGES * PAGE_SIZE;
}
static uint64_t *guest_gdt_l1e[NR_CPUS];            /* the area's first L1 entry */

#define GDT_GUEST_PROT  (_PAGE_PRESENT | _PAGE_NX)  /* the CPU never writes them: accessed bits are preset */

void gdt_area_init(unsigned int cpu)
{
    uint64_t va = gdt_area(cpu);
    struct desc_ptr gdtr;

    if ( zero_page_mfn == 0 )
    {
        void *z = alloc_xenheap_pages(0);

        if ( z == NULL )
            panic("GDT: no memory for the zero page");
        memset(z, 0, PAGE_SIZE);
        zero_page_mfn = virt_to_maddr(z) >> PAGE_SHIFT;
    }
    for ( unsigned int i = 0; i < GUEST_GDT_PAGES; i++ )
        if ( map_pages_to_xen(va + i * PAGE_SIZE, zero_page_mfn, 1, GDT_GUEST_PROT) )
            panic("GDT: cannot map CPU%u's area", cpu);
    /* The hypervisor's descriptors are written by the CPU (accessed and busy bits). */
    if ( map_pages_to_xen(va + GUEST_GDT_PAGES * PAGE_SIZE,
                          virt_to_maddr(gdt_pages[cpu].entries) >> PAGE_SHIFT, 1,
                          _PAGE_PRESENT | _PAGE_RW | _PAGE_NX) )
        panic("GDT: cannot map CPU%u's area", cpu);
    for ( unsigned int i = 0; i < LDT_AREA_PAGES; i++ )
        if ( map_pages_to_xen(ldt_area(cpu) + i * PAGE_SIZE, zero_page_mfn, 1, GDT_GUEST_PROT) )
            panic("GDT: cannot map CPU%u's LDT area", cpu);
    guest_ldt_l1e[cpu] = xen_l1e_of(ldt_area(cpu));
    BUG_ON(guest_ldt_l1e[cpu] == NULL ||
           xen_l1e_of(ldt_area(cpu) + (LDT_AREA_PAGES - 1) * PAGE_SIZE) !=
           guest_ldt_l1e[cpu] + LDT_AREA_PAGES - 1);
    guest_gdt_l1e[cpu] = xen_l1e_of(va);
    BUG_ON(guest_gdt_l1e[cpu] == NULL || xen_l1e_of(va + 13 * PAGE_SIZE) != guest_gdt_l1e[cpu] + 13);

    gdtr.base = va;
    gdtr.limit = FIRST_RESERVED_GDT_BYTE + sizeof(gdt_pages[cpu]) - 1;
    __asm__ __volatile__ ( "lgdt %0" :: "m" (gdtr) : "memory" );
}

void gdt_area_load_guest(const uint64_t *mfns, unsigned int nr)
{
    unsigned int cpu = smp_processor_id();
    uint64_t *l1e = guest_gdt_l1e[cpu];

    if ( l1e == NULL )
        return;                         /* before gdt_area_init: no guest runs yet */
    /* Only entries that change are rewritten, so switching between GDT-less vCPUs is free. */
    for ( unsigned int i = 0; i < GUEST_GDT_PAGES; i++ )
    {
        uint64_t want = ((i < nr ? mfns[i] : zero_page_mfn) << PAGE_SHIFT) | GDT_GUEST_PROT;

        if ( l1e[i] != want )
        {
            l1e[i] = want;
            __asm__ __volatile__ ( "invlpg %0" :: "m" (*(char *)(gdt_area(cpu) + i * PAGE_SIZE))
                                   : "memory" );
        }
    }
}

void ldt_load_guest(const uint64_t *mfns, unsigned int nr, unsigned int ents)
{
    unsigned int cpu = smp_processor_id();
    uint64_t *l1e = guest_ldt_l1e[cpu], *slot = &gdt_pages[cpu].entries[GDT_INDEX(LDT_SELECTOR)];
    uint64_t base = ldt_area(cpu), limit = ents * 8 - 1;

    if ( l1e == NULL )
        return;
    for ( unsigned int i = 0; i < LDT_AREA_PAGES; i++ )
    {
        uint64_t want = ((i < nr ? mfns[i] : zero_page_mfn) << PAGE_SHIFT) | GDT_GUEST_PROT;

        if ( l1e[i] != want )
        {
            l1e[i] = want;
            __asm__ __volatile__ ( "invlpg %0" :: "m" (*(char *)(base + i * PAGE_SIZE))
                                   : "memory" );
        }
    }
    if ( ents == 0 )
    {
        __asm__ __volatile__ ( "lldt %w0" :: "r" (0) );
        return;
    }
    /* A 16-byte system descriptor: present, type 2 (LDT). */
    slot[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x82ULL << 40) |
              (((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xff) << 56);
    slot[1] = base >> 32;
    __asm__ __volatile__ ( "lldt %w0" :: "r" (LDT_SELECTOR) : "memory" );
}

void tss_set_rsp0(unsigned int cpu, uint64_t rsp)
{
    tss[cpu].rsp[0] = rsp;
}
