/*
 * GDT, TSS and IDT.  Each CPU has its own GDT page (the hypervisor's
 * entries of Xen's layout, from FIRST_RESERVED_GDT_BYTE) and TSS with
 * separate IST stacks for #DF, NMI and #MC, so even a hypervisor stack
 * overflow ends in a register dump instead of a triple fault.  The IDT is
 * shared and written once by the boot CPU.
 */
#include <asm/config.h>
#include <asm/desc.h>
#include <xen/compiler.h>
#include <xen/lib.h>
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

void tss_set_rsp0(unsigned int cpu, uint64_t rsp)
{
    tss[cpu].rsp[0] = rsp;
}
