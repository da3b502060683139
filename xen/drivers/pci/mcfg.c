/*
 * The ACPI MCFG table (PCI Firmware 3.0, 4.1.2): after the 36-byte header
 * and 8 reserved bytes, 16-byte allocations of base (8), segment (2),
 * start bus (1), end bus (1) and 4 reserved bytes.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/pci.h>
#include <xen/string.h>

#define MCFG_ENTRIES_OFFSET     44
#define MCFG_ENTRY_SIZE         16

int pci_mcfg_parse(const struct acpi_table_header *mcfg, struct pci_ecam_region *r,
                   unsigned int max)
{
    const uint8_t *p, *end;
    unsigned int n = 0;

    if ( mcfg == NULL || mcfg->length < MCFG_ENTRIES_OFFSET )
        return -EINVAL;
    end = (const uint8_t *)mcfg + mcfg->length;
    for ( p = (const uint8_t *)mcfg + MCFG_ENTRIES_OFFSET;
          p + MCFG_ENTRY_SIZE <= end && n < max; p += MCFG_ENTRY_SIZE )
    {
        struct pci_ecam_region e;

        memcpy(&e.base, p, 8);
        memcpy(&e.seg, p + 8, 2);
        e.bus_start = p[10];
        e.bus_end = p[11];
        /* Each bus is 1 MiB of ECAM, so the base is 1 MiB aligned. */
        if ( e.bus_end < e.bus_start || e.base == 0 ||
             (e.base & ((1ULL << PCI_ECAM_BUS_SHIFT) - 1)) )
        {
            printk(XENLOG_WARNING "PCI: MCFG allocation %#lx segment %u buses %u-%u "
                   "ignored\n", (unsigned long)e.base, e.seg, e.bus_start, e.bus_end);
            continue;
        }
        r[n++] = e;
    }
    return n;
}
