/*
 * PCI configuration space access.  ECAM (from the ACPI MCFG) when the
 * platform has it, the 0xCF8/0xCFC ports otherwise (segment 0, the first
 * 256 bytes).  Accesses must be naturally aligned; the port pair is
 * serialised by a lock, ECAM needs none.
 */
#ifndef XEN_PCI_H
#define XEN_PCI_H

#include <xen/types.h>

#define PCI_BDF(bus, dev, fn)   ((uint16_t)(((bus) << 8) | ((dev) << 3) | (fn)))
#define PCI_BUS(bdf)            ((bdf) >> 8)
#define PCI_SLOT(bdf)           (((bdf) >> 3) & 0x1f)
#define PCI_FUNC(bdf)           ((bdf) & 7)

#define PCI_VENDOR_ID           0x00
#define PCI_DEVICE_ID           0x02
#define PCI_COMMAND             0x04
#define  PCI_COMMAND_MEMORY     0x2
#define  PCI_COMMAND_MASTER     0x4
#define PCI_CLASS_REVISION      0x08
#define PCI_HEADER_TYPE         0x0e
#define PCI_BAR0                0x10

/* Find ECAM in the MCFG; until then (or without one) the ports are used. */
void pci_conf_init(void);

uint32_t pci_conf_read(uint16_t seg, uint16_t bdf, unsigned int reg, unsigned int size);
void pci_conf_write(uint16_t seg, uint16_t bdf, unsigned int reg, unsigned int size,
                    uint32_t value);

static inline uint32_t pci_conf_read32(uint16_t bdf, unsigned int reg)
{
    return pci_conf_read(0, bdf, reg, 4);
}
static inline uint16_t pci_conf_read16(uint16_t bdf, unsigned int reg)
{
    return pci_conf_read(0, bdf, reg, 2);
}
static inline void pci_conf_write16(uint16_t bdf, unsigned int reg, uint16_t v)
{
    pci_conf_write(0, bdf, reg, 2, v);
}

#endif /* XEN_PCI_H */
