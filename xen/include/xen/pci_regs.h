/*
 * PCI configuration-space registers: the type 0/1 headers (PCI Local Bus
 * 3.0, chapter 6; PCI-to-PCI Bridge 1.2, chapter 3), capability ids (PCI
 * Code and ID Assignment), extended capabilities (PCI Express Base,
 * 7.6) and ATS.  Only layout facts live here; the code that uses them is
 * in drivers/pci.
 */
#ifndef XEN_PCI_REGS_H
#define XEN_PCI_REGS_H

/* Common header, offsets 0x00-0x3f. */
#define PCI_VENDOR_ID               0x00    /* 16 bits; 0xffff: no function */
#define PCI_DEVICE_ID               0x02
#define PCI_COMMAND                 0x04
#define  PCI_COMMAND_IO             0x0001  /* decode I/O BARs */
#define  PCI_COMMAND_MEMORY         0x0002  /* decode memory BARs */
#define  PCI_COMMAND_MASTER         0x0004  /* may initiate DMA */
#define  PCI_COMMAND_INTX_DISABLE   0x0400
#define PCI_STATUS                  0x06
#define  PCI_STATUS_CAP_LIST        0x0010  /* PCI_CAPABILITY_LIST is valid */
#define PCI_CLASS_REVISION          0x08    /* class << 8 | revision */
#define PCI_HEADER_TYPE             0x0e
#define  PCI_HEADER_TYPE_MASK       0x7f
#define  PCI_HEADER_TYPE_NORMAL     0
#define  PCI_HEADER_TYPE_BRIDGE     1
#define  PCI_HEADER_TYPE_CARDBUS    2
#define  PCI_HEADER_MULTI_FUNCTION  0x80    /* of function 0: functions 1-7 may exist */

/* Base address registers: six in a type 0 header, two in a bridge's. */
#define PCI_BASE_ADDRESS_0          0x10
#define PCI_BAR0                    PCI_BASE_ADDRESS_0
#define PCI_BAR_COUNT_NORMAL        6
#define PCI_BAR_COUNT_BRIDGE        2
#define PCI_BAR_COUNT_CARDBUS       1
#define  PCI_BAR_SPACE_IO           0x1     /* bit 0: I/O, else memory */
#define  PCI_BAR_IO_MASK            (~0x3u)
#define  PCI_BAR_MEM_TYPE_MASK      0x6
#define   PCI_BAR_MEM_TYPE_32       0x0
#define   PCI_BAR_MEM_TYPE_1M       0x2     /* below 1 MiB: PCI 2.x only */
#define   PCI_BAR_MEM_TYPE_64       0x4     /* the next BAR holds bits 63:32 */
#define  PCI_BAR_MEM_PREFETCH       0x8
#define  PCI_BAR_MEM_MASK           (~0xfu)

/* Type 1 (PCI-to-PCI bridge) header. */
#define PCI_PRIMARY_BUS             0x18
#define PCI_SECONDARY_BUS           0x19
#define PCI_SUBORDINATE_BUS         0x1a

#define PCI_CAPABILITY_LIST         0x34    /* 8 bits; low two bits reserved */
#define PCI_STD_HEADER_SIZE         0x40    /* capabilities live above it */
#define PCI_CFG_SPACE_SIZE          0x100
#define PCI_CFG_SPACE_EXP_SIZE      0x1000

/* A capability: id byte, next-pointer byte, then its registers. */
#define PCI_CAP_LIST_ID             0
#define PCI_CAP_LIST_NEXT           1
#define PCI_CAP_ID_PM               0x01
#define PCI_CAP_ID_MSI              0x05
#define PCI_CAP_ID_VNDR             0x09
#define PCI_CAP_ID_EXP              0x10
#define PCI_CAP_ID_MSIX             0x11

/*
 * Extended capabilities (PCIe only, from 0x100): a 32-bit header with the
 * id in bits 15:0, version in 19:16, next offset in 31:20 (0: last).
 */
#define PCI_EXT_CAP_START           0x100
#define PCI_EXT_CAP_ID(h)           ((h) & 0xffff)
#define PCI_EXT_CAP_VER(h)          (((h) >> 16) & 0xf)
#define PCI_EXT_CAP_NEXT(h)         (((h) >> 20) & 0xffc)
#define PCI_EXT_CAP_ID_ERR          0x0001  /* advanced error reporting */
#define PCI_EXT_CAP_ID_ATS          0x000f  /* address translation services */

/* Class codes (upper 16 bits of the 24-bit class) the hypervisor names. */
#define PCI_CLASS_BRIDGE_HOST       0x0600
#define PCI_CLASS_BRIDGE_ISA        0x0601
#define PCI_CLASS_BRIDGE_PCI        0x0604

#endif /* XEN_PCI_REGS_H */
