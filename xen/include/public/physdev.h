/*
 * physdev_op: physical-device operations of privileged domains.  Only the
 * I/O privilege level is implemented so far.
 */
#ifndef __XEN_PUBLIC_PHYSDEV_H__
#define __XEN_PUBLIC_PHYSDEV_H__

#include "xen.h"

#define PHYSDEVOP_eoi                   12
#define PHYSDEVOP_pirq_eoi_gmfn_v2      28
#define PHYSDEVOP_irq_status_query      5
#define PHYSDEVOP_set_iopl              6
#define PHYSDEVOP_set_iobitmap          7
#define PHYSDEVOP_apic_read             8
#define PHYSDEVOP_apic_write            9
#define PHYSDEVOP_alloc_irq_vector      10
#define PHYSDEVOP_free_irq_vector       11
#define PHYSDEVOP_map_pirq              13
#define PHYSDEVOP_unmap_pirq            14
#define PHYSDEVOP_manage_pci_add        15
#define PHYSDEVOP_manage_pci_remove     16
#define PHYSDEVOP_pci_device_add        25
#define PHYSDEVOP_pci_device_remove     26

#ifndef __ASSEMBLY__
struct physdev_set_iopl {
    uint32_t iopl;
};

_Static_assert(sizeof(struct physdev_set_iopl) == 4, "physdev_set_iopl");
#endif

#endif /* __XEN_PUBLIC_PHYSDEV_H__ */
