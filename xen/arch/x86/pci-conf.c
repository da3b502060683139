/*
 * PCI configuration access: ECAM windows from the MCFG, mapped uncached
 * once at boot, and the 0xCF8/0xCFC ports for segment 0 where no window
 * covers a bus.  The rules are in xen/pci.h.
 */
#include <asm/io.h>
#include <xen/acpi.h>
#include <xen/lib.h>
#include <xen/pci.h>
#include <xen/spinlock.h>
#include <xen/vmap.h>

#define MAX_ECAM            8

/* PCI Local Bus 3.0, 3.2.2.3.2: configuration mechanism #1. */
#define PCI_CONF1_ADDRESS   0xcf8
#define PCI_CONF1_DATA      0xcfc
#define PCI_CONF1_ENABLE    0x80000000u

struct ecam {
    struct pci_ecam_region r;
    volatile uint8_t *va;       /* maps pci_ecam_window(&r) */
};

/* Written by pci_conf_init() on the boot CPU only; read-only afterwards. */
static struct ecam ecams[MAX_ECAM];
static unsigned int nr_ecams;
static DEFINE_SPINLOCK(cf8_lock);  /* the address/data port pair */

void pci_conf_init(void)
{
    struct pci_ecam_region r[MAX_ECAM];
    int n = pci_mcfg_parse(acpi_find_table("MCFG", 0), r, MAX_ECAM);

    if ( n <= 0 )
    {
        printk("PCI: no MCFG; configuration through ports 0xcf8/0xcfc\n");
        return;
    }
    for ( int i = 0; i < n; i++ )
    {
        struct ecam *e = &ecams[nr_ecams];

        e->r = r[i];
        e->va = ioremap(pci_ecam_window(&r[i]), pci_ecam_size(&r[i]));
        /*
         * Memory-mapped configuration has no latch to race on: dom0's Linux
         * reads and writes it beside us (its writes are not filtered yet).
         */
        if ( e->va )
            ioremap_share_with_hardware_domain((void *)e->va);
        if ( e->va == NULL )
        {
            printk(XENLOG_ERR "PCI: cannot map ECAM at %#lx (%lu MiB)\n",
                   (unsigned long)pci_ecam_window(&r[i]),
                   (unsigned long)(pci_ecam_size(&r[i]) >> 20));
            continue;
        }
        printk("PCI: ECAM at %#lx for segment %u buses %u-%u\n", (unsigned long)r[i].base,
               r[i].seg, r[i].bus_start, r[i].bus_end);
        nr_ecams++;
    }
}

unsigned int pci_conf_nr_ecam(void)
{
    return nr_ecams;
}

const struct pci_ecam_region *pci_conf_ecam(unsigned int i)
{
    return i < nr_ecams ? &ecams[i].r : NULL;
}

static volatile uint8_t *ecam_address(uint16_t seg, uint16_t bdf, unsigned int reg)
{
    unsigned int bus = PCI_BUS(bdf);

    for ( unsigned int i = 0; i < nr_ecams; i++ )
    {
        const struct ecam *e = &ecams[i];

        if ( e->r.seg == seg && bus >= e->r.bus_start && bus <= e->r.bus_end )
            return e->va + ((uint64_t)(bus - e->r.bus_start) << PCI_ECAM_BUS_SHIFT) +
                   ((uint64_t)PCI_DEVFN_OF(bdf) << 12) + reg;
    }
    return NULL;
}

static bool bad_access(unsigned int reg, unsigned int size)
{
    return (size != 1 && size != 2 && size != 4) || (reg & (size - 1)) ||
           reg >= PCI_CFG_SPACE_EXP_SIZE;
}

static uint32_t all_ones(unsigned int size)
{
    return size >= 4 ? ~0u : (1u << (8 * size)) - 1;
}

static uint32_t conf1_address(uint16_t bdf, unsigned int reg)
{
    return PCI_CONF1_ENABLE | ((uint32_t)bdf << 8) | (reg & 0xfc);
}

uint32_t pci_conf_read(uint16_t seg, uint16_t bdf, unsigned int reg, unsigned int size)
{
    volatile uint8_t *a;
    unsigned long flags;
    uint32_t v;

    if ( bad_access(reg, size) )
        return all_ones(size);
    if ( (a = ecam_address(seg, bdf, reg)) != NULL )
        return size == 1 ? *a : size == 2 ? *(volatile uint16_t *)a
                                          : *(volatile uint32_t *)a;
    if ( seg != 0 || reg >= PCI_CFG_SPACE_SIZE )
        return all_ones(size);

    flags = spin_lock_irqsave(&cf8_lock);
    outl(conf1_address(bdf, reg), PCI_CONF1_ADDRESS);
    if ( size == 1 )
        v = inb(PCI_CONF1_DATA + (reg & 3));
    else if ( size == 2 )
        v = inw(PCI_CONF1_DATA + (reg & 2));
    else
        v = inl(PCI_CONF1_DATA);
    spin_unlock_irqrestore(&cf8_lock, flags);
    return v;
}

void pci_conf_write(uint16_t seg, uint16_t bdf, unsigned int reg, unsigned int size,
                    uint32_t value)
{
    volatile uint8_t *a;
    unsigned long flags;

    if ( bad_access(reg, size) )
        return;
    if ( (a = ecam_address(seg, bdf, reg)) != NULL )
    {
        if ( size == 1 )
            *a = value;
        else if ( size == 2 )
            *(volatile uint16_t *)a = value;
        else
            *(volatile uint32_t *)a = value;
        return;
    }
    if ( seg != 0 || reg >= PCI_CFG_SPACE_SIZE )
        return;

    flags = spin_lock_irqsave(&cf8_lock);
    outl(conf1_address(bdf, reg), PCI_CONF1_ADDRESS);
    if ( size == 1 )
        outb(value, PCI_CONF1_DATA + (reg & 3));
    else if ( size == 2 )
        outw(value, PCI_CONF1_DATA + (reg & 2));
    else
        outl(value, PCI_CONF1_DATA);
    spin_unlock_irqrestore(&cf8_lock, flags);
}
