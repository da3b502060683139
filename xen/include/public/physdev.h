/*
 * physdev_op: physical-device operations of privileged domains (I/O
 * privilege, interrupt routing, PCI device reporting, MSI set-up).
 * PCI devices are named by segment, bus and devfn as the host sees them.
 */
#ifndef __XEN_PUBLIC_PHYSDEV_H__
#define __XEN_PUBLIC_PHYSDEV_H__

#include "xen.h"

#define PHYSDEVOP_IRQ_UNMASK_NOTIFY     4
#define PHYSDEVOP_irq_status_query      5
#define PHYSDEVOP_set_iopl              6
#define PHYSDEVOP_set_iobitmap          7
#define PHYSDEVOP_apic_read             8
#define PHYSDEVOP_apic_write            9
#define PHYSDEVOP_alloc_irq_vector      10
#define PHYSDEVOP_free_irq_vector       11
#define PHYSDEVOP_eoi                   12
#define PHYSDEVOP_map_pirq              13
#define PHYSDEVOP_unmap_pirq            14
#define PHYSDEVOP_manage_pci_add        15
#define PHYSDEVOP_manage_pci_remove     16
#define PHYSDEVOP_pirq_eoi_gmfn_v1      17
#define PHYSDEVOP_restore_msi           19
#define PHYSDEVOP_manage_pci_add_ext    20
#define PHYSDEVOP_setup_gsi             21
#define PHYSDEVOP_get_free_pirq         23
#define PHYSDEVOP_pci_mmcfg_reserved    24
#define PHYSDEVOP_pci_device_add        25
#define PHYSDEVOP_pci_device_remove     26
#define PHYSDEVOP_restore_msi_ext       27
#define PHYSDEVOP_pirq_eoi_gmfn_v2      28
#define PHYSDEVOP_dbgp_op               29
#define PHYSDEVOP_prepare_msix          30
#define PHYSDEVOP_release_msix          31
#define PHYSDEVOP_pirq_eoi_gmfn         PHYSDEVOP_pirq_eoi_gmfn_v2

/* irq_status_query flags. */
#define _XENIRQSTAT_needs_eoi           0
#define XENIRQSTAT_needs_eoi            (1U << _XENIRQSTAT_needs_eoi)
#define _XENIRQSTAT_shared              1
#define XENIRQSTAT_shared               (1U << _XENIRQSTAT_shared)

/* map_pirq types. */
#define MAP_PIRQ_TYPE_MSI               0x0
#define MAP_PIRQ_TYPE_GSI               0x1
#define MAP_PIRQ_TYPE_UNKNOWN           0x2
#define MAP_PIRQ_TYPE_MSI_SEG           0x3     /* bus carries segment << 16 */
#define MAP_PIRQ_TYPE_MULTI_MSI         0x4     /* entry_nr vectors */

/* pci_mmcfg_reserved flags: the window is reserved in the E820 map. */
#define XEN_PCI_MMCFG_RESERVED          0x1

/* pci_device_add flags. */
#define XEN_PCI_DEV_EXTFN               0x1
#define XEN_PCI_DEV_VIRTFN              0x2     /* physfn names the PF */
#define XEN_PCI_DEV_PXM                 0x4     /* optarr[0] is the proximity */

#define PHYSDEVOP_DBGP_RESET_PREPARE    1
#define PHYSDEVOP_DBGP_RESET_DONE       2
#define PHYSDEVOP_DBGP_BUS_UNKNOWN      0
#define PHYSDEVOP_DBGP_BUS_PCI          1

#ifndef __ASSEMBLY__
struct physdev_eoi {
    uint32_t irq;
};
typedef struct physdev_eoi physdev_eoi_t;

/* A guest frame the hypervisor keeps a needs-EOI bitmap of pirqs in. */
struct physdev_pirq_eoi_gmfn {
    xen_pfn_t gmfn;
};
typedef struct physdev_pirq_eoi_gmfn physdev_pirq_eoi_gmfn_t;

struct physdev_irq_status_query {
    uint32_t irq;
    uint32_t flags;             /* out: XENIRQSTAT_* */
};
typedef struct physdev_irq_status_query physdev_irq_status_query_t;

struct physdev_set_iopl {
    uint32_t iopl;              /* 0-3: the guest kernel's virtual IOPL */
};
typedef struct physdev_set_iopl physdev_set_iopl_t;

struct physdev_set_iobitmap {
    XEN_GUEST_HANDLE(uint8) bitmap;
    uint32_t nr_ports;
};
typedef struct physdev_set_iobitmap physdev_set_iobitmap_t;

struct physdev_apic {
    unsigned long apic_physbase;
    uint32_t reg;
    uint32_t value;
};
typedef struct physdev_apic physdev_apic_t;

struct physdev_irq {
    uint32_t irq;
    uint32_t vector;
};
typedef struct physdev_irq physdev_irq_t;

struct physdev_map_pirq {
    domid_t domid;
    int type;                   /* MAP_PIRQ_TYPE_* */
    int index;                  /* GSI, or MSI(-X) entry */
    int pirq;                   /* in: wanted or -1; out: allocated */
    int bus;
    int devfn;
    int entry_nr;
    uint64_t table_base;        /* MSI-X table's BAR address */
};
typedef struct physdev_map_pirq physdev_map_pirq_t;

struct physdev_unmap_pirq {
    domid_t domid;
    int pirq;
};
typedef struct physdev_unmap_pirq physdev_unmap_pirq_t;

struct physdev_manage_pci {
    uint8_t bus;
    uint8_t devfn;
};
typedef struct physdev_manage_pci physdev_manage_pci_t;

struct physdev_restore_msi {
    uint8_t bus;
    uint8_t devfn;
};
typedef struct physdev_restore_msi physdev_restore_msi_t;

struct physdev_manage_pci_ext {
    uint8_t bus;
    uint8_t devfn;
    uint32_t is_extfn;
    uint32_t is_virtfn;
    struct {
        uint8_t bus;
        uint8_t devfn;
    } physfn;
};
typedef struct physdev_manage_pci_ext physdev_manage_pci_ext_t;

/* The envelope of the old physdev_op_compat hypercall. */
struct physdev_op {
    uint32_t cmd;
    union {
        struct physdev_irq_status_query irq_status_query;
        struct physdev_set_iopl set_iopl;
        struct physdev_set_iobitmap set_iobitmap;
        struct physdev_apic apic_op;
        struct physdev_irq irq_op;
    } u;
};
typedef struct physdev_op physdev_op_t;

struct physdev_setup_gsi {
    int gsi;
    uint8_t triggering;         /* 0 edge, 1 level */
    uint8_t polarity;           /* 0 high, 1 low */
};
typedef struct physdev_setup_gsi physdev_setup_gsi_t;

struct physdev_get_free_pirq {
    int type;                   /* MAP_PIRQ_TYPE_* */
    uint32_t pirq;              /* out */
};
typedef struct physdev_get_free_pirq physdev_get_free_pirq_t;

struct physdev_pci_mmcfg_reserved {
    uint64_t address;
    uint16_t segment;
    uint8_t start_bus;
    uint8_t end_bus;
    uint32_t flags;             /* XEN_PCI_MMCFG_* */
};
typedef struct physdev_pci_mmcfg_reserved physdev_pci_mmcfg_reserved_t;

struct physdev_pci_device_add {
    uint16_t seg;
    uint8_t bus;
    uint8_t devfn;
    uint32_t flags;             /* XEN_PCI_DEV_* */
    struct {
        uint8_t bus;
        uint8_t devfn;
    } physfn;
    uint32_t optarr[XEN_FLEX_ARRAY_DIM];
};
typedef struct physdev_pci_device_add physdev_pci_device_add_t;

/* pci_device_remove, restore_msi_ext, prepare/release_msix. */
struct physdev_pci_device {
    uint16_t seg;
    uint8_t bus;
    uint8_t devfn;
};
typedef struct physdev_pci_device physdev_pci_device_t;

struct physdev_dbgp_op {
    uint8_t op;                 /* PHYSDEVOP_DBGP_RESET_* */
    uint8_t bus;                /* PHYSDEVOP_DBGP_BUS_* */
    union {
        struct physdev_pci_device pci;
    } u;
};
typedef struct physdev_dbgp_op physdev_dbgp_op_t;

_Static_assert(sizeof(struct physdev_eoi) == 4, "physdev_eoi");
_Static_assert(sizeof(struct physdev_pirq_eoi_gmfn) == 8, "physdev_pirq_eoi_gmfn");
_Static_assert(sizeof(struct physdev_irq_status_query) == 8, "physdev_irq_status_query");
_Static_assert(sizeof(struct physdev_set_iopl) == 4, "physdev_set_iopl");
_Static_assert(sizeof(struct physdev_set_iobitmap) == 16, "physdev_set_iobitmap");
_Static_assert(sizeof(struct physdev_apic) == 16, "physdev_apic");
_Static_assert(sizeof(struct physdev_irq) == 8, "physdev_irq");
_Static_assert(sizeof(struct physdev_map_pirq) == 40, "physdev_map_pirq");
_Static_assert(__builtin_offsetof(struct physdev_map_pirq, type) == 4, "physdev_map_pirq.type");
_Static_assert(__builtin_offsetof(struct physdev_map_pirq, entry_nr) == 24,
               "physdev_map_pirq.entry_nr");
_Static_assert(__builtin_offsetof(struct physdev_map_pirq, table_base) == 32,
               "physdev_map_pirq.table_base");
_Static_assert(sizeof(struct physdev_unmap_pirq) == 8, "physdev_unmap_pirq");
_Static_assert(sizeof(struct physdev_manage_pci) == 2, "physdev_manage_pci");
_Static_assert(sizeof(struct physdev_manage_pci_ext) == 16, "physdev_manage_pci_ext");
_Static_assert(sizeof(struct physdev_op) == 24, "physdev_op");
_Static_assert(sizeof(struct physdev_setup_gsi) == 8, "physdev_setup_gsi");
_Static_assert(sizeof(struct physdev_get_free_pirq) == 8, "physdev_get_free_pirq");
_Static_assert(sizeof(struct physdev_pci_mmcfg_reserved) == 16, "physdev_pci_mmcfg_reserved");
_Static_assert(sizeof(struct physdev_pci_device_add) == 12, "physdev_pci_device_add");
_Static_assert(__builtin_offsetof(struct physdev_pci_device_add, physfn) == 8,
               "physdev_pci_device_add.physfn");
_Static_assert(__builtin_offsetof(struct physdev_pci_device_add, optarr) == 12,
               "physdev_pci_device_add.optarr");
_Static_assert(sizeof(struct physdev_pci_device) == 4, "physdev_pci_device");
_Static_assert(sizeof(struct physdev_dbgp_op) == 6, "physdev_dbgp_op");
#endif

#endif /* __XEN_PUBLIC_PHYSDEV_H__ */
