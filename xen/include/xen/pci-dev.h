/*
 * The PCI devices found at boot: one struct pci_dev per function, in a
 * list built once by pci_scan() and read-only afterwards (devices are not
 * hot-plugged yet).  Assignment state lives with the IOMMU layer.
 */
#ifndef XEN_PCI_DEV_H
#define XEN_PCI_DEV_H

#include <xen/types.h>

#define PCI_MAX_BARS 6

struct pci_bar {
    uint64_t base;
    uint64_t size;              /* 0: not implemented */
    bool io, mem64, prefetchable;
};

struct pci_dev {
    uint16_t seg;
    uint16_t bdf;
    uint16_t vendor, device;
    uint32_t class_rev;         /* class << 8 | revision */
    uint8_t header_type;
    uint8_t secondary_bus, subordinate_bus;     /* bridges */
    struct pci_bar bars[PCI_MAX_BARS];
    uint8_t msi_cap, msix_cap, exp_cap;         /* capability offsets, 0 if absent */
    uint16_t ats_cap;                           /* extended capability offset */
    struct pci_dev *next;
};

/*
 * Configuration access as the scanner sees it, so that the scan runs on a
 * fake configuration space in host tests.
 */
struct pci_conf_ops {
    uint32_t (*read)(uint16_t seg, uint16_t bdf, unsigned int reg, unsigned int size);
    void (*write)(uint16_t seg, uint16_t bdf, unsigned int reg, unsigned int size,
                  uint32_t value);
};

/*
 * Scan segment 0 from bus 0, following bridges.  Devices come from
 * 'alloc' (xzalloc in the hypervisor).  Returns the number of functions.
 */
int pci_scan(const struct pci_conf_ops *ops, struct pci_dev *(*alloc)(void));

/* Walk a capability list; returns the offset of 'id' or 0.  -EINVAL if corrupt. */
int pci_find_cap(const struct pci_conf_ops *ops, uint16_t seg, uint16_t bdf, uint8_t id);
int pci_find_ext_cap(const struct pci_conf_ops *ops, uint16_t seg, uint16_t bdf,
                     uint16_t id);

struct pci_dev *pci_devices(void);
struct pci_dev *pci_get_pdev(uint16_t seg, uint16_t bdf);
unsigned int pci_nr_devices(void);
void pci_print_devices(void);

/* The hypervisor's scan at boot, through the real configuration space. */
void pci_init(void);

#endif /* XEN_PCI_DEV_H */
