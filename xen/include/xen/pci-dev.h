/*
 * The PCI functions found at boot: one struct pci_dev per function, in one
 * list sorted by (segment, bus, devfn).  The list is built by pci_scan()
 * on the boot CPU before the others start and is read-only afterwards
 * (no hot-plug yet), so readers take no lock.  Assignment state lives
 * with the IOMMU layer, not here.
 *
 * The scan reads configuration space through a struct pci_conf_ops, so
 * host tests run it over a fake configuration space.  Capability walks
 * are bounded: a looping or corrupt list ends with -EINVAL, never a hang.
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
    union {
        uint16_t bdf;           /* bus << 8 | devfn */
        struct {
            uint8_t devfn;      /* x86 is little-endian: the low byte */
            uint8_t bus;
        };
    };
    uint16_t vendor, device;
    uint32_t class_rev;         /* class << 8 | revision */
    uint8_t header_type;        /* without the multi-function bit */
    bool multi_function;
    uint8_t secondary_bus, subordinate_bus;     /* bridges */
    struct pci_bar bars[PCI_MAX_BARS];
    uint8_t msi_cap, msix_cap, exp_cap;         /* capability offsets, 0 if absent */
    uint16_t ats_cap;                           /* extended capability offset */
    bool caps_corrupt;          /* a capability list was malformed; walk stopped */
    struct pci_dev *next;
};

/* Configuration access as the scanner sees it (pci_conf_read/write at boot). */
struct pci_conf_ops {
    uint32_t (*read)(uint16_t seg, uint16_t bdf, unsigned int reg, unsigned int size);
    void (*write)(uint16_t seg, uint16_t bdf, unsigned int reg, unsigned int size,
                  uint32_t value);
};

/*
 * Scan buses bus_start..bus_end of 'seg': from bus_start through bridges,
 * then every other bus of the range (root buses of other host bridges).
 * BARs are sized with I/O and memory decoding off.  New functions come
 * from 'alloc' (zeroed; xzalloc in the hypervisor) and join the list;
 * functions already listed are skipped, so ranges may overlap.  Returns
 * the number added, or -ENOMEM if 'alloc' failed (the list keeps what was
 * found).  Boot CPU only, before other CPUs run.
 */
int pci_scan(const struct pci_conf_ops *ops, struct pci_dev *(*alloc)(void),
             uint16_t seg, uint8_t bus_start, uint8_t bus_end);

/*
 * Offset of the first capability 'id' of a function, 0 if it has none,
 * -EINVAL if the list is corrupt (a pointer into the header, or a loop).
 */
int pci_find_cap(const struct pci_conf_ops *ops, uint16_t seg, uint16_t bdf, uint8_t id);
/* The same for extended capabilities (PCIe, from offset 0x100). */
int pci_find_ext_cap(const struct pci_conf_ops *ops, uint16_t seg, uint16_t bdf,
                     uint16_t id);

/* The list: first function, lookup, count. */
struct pci_dev *pci_devices(void);
struct pci_dev *pci_get_pdev(uint16_t seg, uint16_t bdf);
unsigned int pci_nr_devices(void);

static inline struct pci_dev *pci_get_pdev_devfn(uint16_t seg, uint8_t bus, uint8_t devfn)
{
    return pci_get_pdev(seg, (uint16_t)(bus << 8 | devfn));
}

#define for_each_pdev(pdev) \
    for ( (pdev) = pci_devices(); (pdev) != NULL; (pdev) = (pdev)->next )

/* One line per function: address, ids, class, name, BARs, capabilities. */
void pci_print_devices(void);

/* The boot-time scan of every ECAM region (or segment 0 through the ports). */
void pci_init(void);

#endif /* XEN_PCI_DEV_H */
