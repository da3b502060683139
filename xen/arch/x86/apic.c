/*
 * Local APIC access and initialisation.  The x2APIC is used when the CPU
 * offers it (register access by MSR, 32-bit APIC ids); otherwise the xAPIC
 * registers are reached through an uncached mapping.  Every CPU runs its
 * own apic_init_*().
 */
#include <asm/apic.h>
#include <asm/config.h>
#include <asm/io.h>
#include <asm/msr.h>
#include <asm/processor.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/vmap.h>

bool x2apic_enabled;
static volatile uint32_t *xapic_mmio;
static bool opt_x2apic = true;
boolean_param("x2apic", opt_x2apic);

#define CPUID1_ECX_X2APIC   (1u << 21)

uint32_t apic_read(unsigned int reg)
{
    if ( x2apic_enabled )
        return rdmsr(MSR_X2APIC_FIRST + (reg >> 4));
    return xapic_mmio[reg / 4];
}

void apic_write(unsigned int reg, uint32_t value)
{
    if ( x2apic_enabled )
        wrmsr(MSR_X2APIC_FIRST + (reg >> 4), value);
    else
        xapic_mmio[reg / 4] = value;
}

void apic_eoi(void)
{
    apic_write(APIC_EOI, 0);
}

uint32_t apic_id(void)
{
    uint32_t id = apic_read(APIC_ID);

    return x2apic_enabled ? id : id >> 24;
}

void apic_send_icr(uint32_t dest, uint32_t icr_low)
{
    if ( x2apic_enabled )
    {
        /* One 64-bit write; x2APIC has no delivery-status bit to poll. */
        wrmsr(MSR_X2APIC_FIRST + (APIC_ICR >> 4), ((uint64_t)dest << 32) | icr_low);
        return;
    }
    apic_write(APIC_ICR2, dest << 24);
    apic_write(APIC_ICR, icr_low);
    for ( unsigned int spin = 0; spin < 1000000; spin++ )
        if ( !(apic_read(APIC_ICR) & APIC_ICR_BUSY) )
            return;
    printk(XENLOG_ERR "APIC: IPI %#x to APIC %u not delivered\n", icr_low, dest);
}

static void apic_enable_this_cpu(void)
{
    uint64_t base = rdmsr(MSR_IA32_APIC_BASE);

    base |= APIC_BASE_ENABLE;
    if ( x2apic_enabled )
        base |= APIC_BASE_EXTD;
    wrmsr(MSR_IA32_APIC_BASE, base);

    apic_write(APIC_TPR, 0);                    /* accept every priority */
    apic_write(APIC_LVT_TIMER, APIC_LVT_MASKED);
    apic_write(APIC_LVT_LINT0, APIC_LVT_MASKED);
    apic_write(APIC_LVT_LINT1, APIC_LVT_MASKED | APIC_ICR_NMI);
    apic_write(APIC_LVT_ERROR, ERROR_APIC_VECTOR);
    apic_write(APIC_ESR, 0);
    apic_write(APIC_SPIV, APIC_SPIV_ENABLE | SPURIOUS_APIC_VECTOR);
    apic_eoi();
}

void apic_init_bsp(uint64_t madt_lapic_address)
{
    uint32_t eax, ebx, ecx, edx;
    uint64_t base = rdmsr(MSR_IA32_APIC_BASE) & APIC_BASE_ADDR_MASK;

    cpuid_count(1, 0, &eax, &ebx, &ecx, &edx);
    x2apic_enabled = opt_x2apic && (ecx & CPUID1_ECX_X2APIC);
    if ( !x2apic_enabled )
    {
        if ( madt_lapic_address && madt_lapic_address != base )
            printk(XENLOG_WARNING "APIC: MADT says %#lx, MSR says %#lx; using the MSR\n",
                   (unsigned long)madt_lapic_address, (unsigned long)base);
        xapic_mmio = ioremap(base, PAGE_SIZE);
        if ( xapic_mmio == NULL )
            panic("APIC: cannot map the local APIC at %#lx", (unsigned long)base);
    }
    apic_enable_this_cpu();
    printk("APIC: %s mode, boot CPU APIC id %u, version %#x\n",
           x2apic_enabled ? "x2APIC" : "xAPIC", apic_id(),
           apic_read(APIC_VERSION) & 0xff);
}

void apic_init_ap(void)
{
    apic_enable_this_cpu();
}

/* The 8259s come up at vectors 0x08-0x0f, on top of the CPU exceptions. */
void i8259_disable(void)
{
    outb(0x11, 0x20);           /* ICW1: init, ICW4 follows */
    outb(0x11, 0xa0);
    outb(0x20, 0x21);           /* ICW2: master at 0x20 */
    outb(0x28, 0xa1);           /*       slave at 0x28 */
    outb(0x04, 0x21);           /* ICW3: slave on IRQ2 */
    outb(0x02, 0xa1);
    outb(0x01, 0x21);           /* ICW4: 8086 mode */
    outb(0x01, 0xa1);
    outb(0xff, 0x21);           /* mask everything */
    outb(0xff, 0xa1);
}
