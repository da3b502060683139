/*
 * PCI configuration access: ECAM windows from the MCFG, port I/O otherwise.
 */
#include <asm/io.h>
#include <xen/acpi.h>
#include <xen/lib.h>
#include <xen/pci.h>
#include <xen/spinlock.h>
#include <xen/string.h>
#include <xen/vmap.h>

#define MCFG_ENTRIES_OFFSET 44
#define MAX_ECAM            4

struct ecam {
    uint64_t base;
    uint16_t segment;
    uint8_t bus_start, bus_end;
    volatile uint8_t *va;
};

static struct ecam ecams[MAX_ECAM];
static unsigned int nr_ecams;
static DEFINE_SPINLOCK(cf8_lock);

void pci_conf_init(void)
{
    const struct acpi_table_header *mcfg = acpi_find_table("MCFG", 0);
    const uint8_t *p, *end;

    if ( mcfg == NULL || mcfg->length < MCFG_ENTRIES_OFFSET )
    {
        printk("PCI: no MCFG; configuration through ports 0xcf8/0xcfc\n");
        return;
    }
    end = (const uint8_t *)mcfg + mcfg->length;
    for ( p = (const uint8_t *)mcfg + MCFG_ENTRIES_OFFSET; p + 16 <= end; p += 16 )
    {
        struct ecam *e = &ecams[nr_ecams];
        size_t size;

        if ( nr_ecams == MAX_ECAM )
            break;
        memcpy(&e->base, p, 8);
        memcpy(&e->segment, p + 8, 2);
        e->bus_start = p[10];
        e->bus_end = p[11];
        if ( e->bus_end < e->bus_start )
            continue;
        size = (size_t)(e->bus_end - e->bus_start + 1) << 20;
        e->va = ioremap(e->base, size);
        if ( e->va == NULL )
            continue;
        printk("PCI: ECAM at %#lx for segment %u buses %u-%u\n", (unsigned long)e->base,
               e->segment, e->bus_start, e->bus_end);
        nr_ecams++;
    }
}

static volatile uint8_t *ecam_address(uint16_t seg, uint16_t bdf, unsigned int reg)
{
    for ( unsigned int i = 0; i < nr_ecams; i++ )
        if ( ecams[i].segment == seg && PCI_BUS(bdf) >= ecams[i].bus_start &&
             PCI_BUS(bdf) <= ecams[i].bus_end )
            return ecams[i].va + ((uint64_t)(bdf - (ecams[i].bus_start << 8)) << 12) + reg;
    return NULL;
}

static bool bad_access(uint16_t seg, unsigned int reg, unsigned int size)
{
    return (size != 1 && size != 2 && size != 4) || (reg & (size - 1)) || reg >= 4096;
}

uint32_t pci_conf_read(uint16_t seg, uint16_t bdf, unsigned int reg, unsigned int size)
{
    volatile uint8_t *a;
    unsigned long flags;
    uint32_t v;

    if ( bad_access(seg, reg, size) )
        return ~0u;
    if ( (a = ecam_address(seg, bdf, reg)) != NULL )
        return size == 1 ? *a : size == 2 ? *(volatile uint16_t *)a
                                          : *(volatile uint32_t *)a;
    if ( seg || reg >= 256 )
        return ~0u;
    flags = spin_lock_irqsave(&cf8_lock);
    outl(0x80000000u | ((uint32_t)bdf << 8) | (reg & 0xfc), 0xcf8);
    v = size == 1 ? inb(0xcfc + (reg & 3)) : size == 2 ? inw(0xcfc + (reg & 2))
                                                       : inl(0xcfc);
    spin_unlock_irqrestore(&cf8_lock, flags);
    return v;
}

void pci_conf_write(uint16_t seg, uint16_t bdf, unsigned int reg, unsigned int size,
                    uint32_t value)
{
    volatile uint8_t *a;
    unsigned long flags;

    if ( bad_access(seg, reg, size) )
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
    if ( seg || reg >= 256 )
        return;
    flags = spin_lock_irqsave(&cf8_lock);
    outl(0x80000000u | ((uint32_t)bdf << 8) | (reg & 0xfc), 0xcf8);
    if ( size == 1 )
        outb(value, 0xcfc + (reg & 3));
    else if ( size == 2 )
        outw(value, 0xcfc + (reg & 2));
    else
        outl(value, 0xcfc);
    spin_unlock_irqrestore(&cf8_lock, flags);
}
