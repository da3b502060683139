/*
 * PCI configuration-space registers and capability ids used by the
 * hypervisor (PCI Local Bus 3.0, PCI Express Base, ATS specifications).
 */
#ifndef XEN_PCI_REGS_H
#define XEN_PCI_REGS_H

#define PCI_STATUS                  0x06
#define  PCI_STATUS_CAP_LIST        0x10
#define PCI_HEADER_TYPE_MASK        0x7f
#define  PCI_HEADER_TYPE_NORMAL     0
#define  PCI_HEADER_TYPE_BRIDGE     1
#define  PCI_HEADER_MULTI_FUNCTION  0x80
#define PCI_BAR_COUNT_NORMAL        6
#define PCI_BAR_COUNT_BRIDGE        2
#define  PCI_BAR_IO                 0x1
#define  PCI_BAR_MEM_TYPE_MASK      0x6
#define  PCI_BAR_MEM_64             0x4
#define  PCI_BAR_PREFETCH           0x8
#define PCI_PRIMARY_BUS             0x18
#define PCI_SECONDARY_BUS           0x19
#define PCI_SUBORDINATE_BUS         0x1a
#define PCI_CAPABILITY_LIST         0x34

#define PCI_CAP_ID_MSI              0x05
#define PCI_CAP_ID_EXP              0x10
#define PCI_CAP_ID_MSIX             0x11

#define PCI_EXT_CAP_START           0x100
#define PCI_EXT_CAP_ID_ATS          0x000f

#endif /* XEN_PCI_REGS_H */
