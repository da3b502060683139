/*
 * PCI configuration space access.
 *
 * ECAM (PCIe enhanced configuration, one 4 KiB page per function) for the
 * bus ranges the ACPI MCFG lists; the 0xCF8/0xCFC port pair otherwise,
 * which reaches only segment 0 and the first 256 bytes of a function.
 * pci_conf_init() maps the ECAM windows once at boot, before any other
 * CPU runs, and they never change afterwards: ECAM accesses need no lock.
 * The port pair is a two-step access (address, then data) and is
 * serialised by a lock taken with interrupts off.
 *
 * Accesses are 1, 2 or 4 bytes, naturally aligned, below 4096.  A read
 * that cannot be done (bad size or alignment, no mechanism reaches the
 * function) returns all-ones of its size, as an absent function does; such
 * a write is dropped.
 */
#ifndef XEN_PCI_H
#define XEN_PCI_H

#include <xen/acpi.h>
#include <xen/pci_regs.h>
#include <xen/types.h>

/* A function's address on its segment: bus << 8 | devfn, devfn = dev << 3 | fn. */
#define PCI_DEVFN(dev, fn)      ((uint8_t)(((dev) << 3) | (fn)))
#define PCI_BDF(bus, dev, fn)   ((uint16_t)(((bus) << 8) | PCI_DEVFN(dev, fn)))
#define PCI_BDF2(bus, devfn)    ((uint16_t)(((bus) << 8) | (devfn)))
#define PCI_BUS(bdf)            (((bdf) >> 8) & 0xff)
#define PCI_DEVFN_OF(bdf)       ((bdf) & 0xff)
#define PCI_SLOT(bdf)           (((bdf) >> 3) & 0x1f)
#define PCI_FUNC(bdf)           ((bdf) & 7)

/*
 * One MCFG allocation (PCI Firmware 3.0, 4.1.2).  'base' is where bus 0 of
 * the segment would be, even when bus_start is not 0: bus b's window is at
 * base + (b << 20).
 */
struct pci_ecam_region {
    uint64_t base;
    uint16_t seg;
    uint8_t bus_start, bus_end;
};

#define PCI_ECAM_BUS_SHIFT      20

/* Machine address and size of the part of 'r' that exists. */
static inline uint64_t pci_ecam_window(const struct pci_ecam_region *r)
{
    return r->base + ((uint64_t)r->bus_start << PCI_ECAM_BUS_SHIFT);
}
static inline uint64_t pci_ecam_size(const struct pci_ecam_region *r)
{
    return (uint64_t)(r->bus_end - r->bus_start + 1) << PCI_ECAM_BUS_SHIFT;
}

/*
 * Decode an MCFG table into at most 'max' regions.  Allocations with an
 * empty bus range or a base that is not 1 MiB aligned are skipped (with a
 * warning).  Returns the number of regions, or -EINVAL for a table too
 * short to be an MCFG.
 */
int pci_mcfg_parse(const struct acpi_table_header *mcfg, struct pci_ecam_region *r,
                   unsigned int max);

/* Map the ECAM regions of the MCFG; without one, only the ports are used. */
void pci_conf_init(void);

/* The regions pci_conf_init() mapped (for the scan: which buses exist). */
unsigned int pci_conf_nr_ecam(void);
const struct pci_ecam_region *pci_conf_ecam(unsigned int i);

uint32_t pci_conf_read(uint16_t seg, uint16_t bdf, unsigned int reg, unsigned int size);
void pci_conf_write(uint16_t seg, uint16_t bdf, unsigned int reg, unsigned int size,
                    uint32_t value);

/* Segment 0 shorthands. */
static inline uint32_t pci_conf_read32(uint16_t bdf, unsigned int reg)
{
    return pci_conf_read(0, bdf, reg, 4);
}
static inline uint16_t pci_conf_read16(uint16_t bdf, unsigned int reg)
{
    return pci_conf_read(0, bdf, reg, 2);
}
static inline uint8_t pci_conf_read8(uint16_t bdf, unsigned int reg)
{
    return pci_conf_read(0, bdf, reg, 1);
}
static inline void pci_conf_write32(uint16_t bdf, unsigned int reg, uint32_t v)
{
    pci_conf_write(0, bdf, reg, 4, v);
}
static inline void pci_conf_write16(uint16_t bdf, unsigned int reg, uint16_t v)
{
    pci_conf_write(0, bdf, reg, 2, v);
}
static inline void pci_conf_write8(uint16_t bdf, unsigned int reg, uint8_t v)
{
    pci_conf_write(0, bdf, reg, 1, v);
}

#endif /* XEN_PCI_H */
