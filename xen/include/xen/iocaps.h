/*
 * What a domain other than the hardware domain may reach of the machine:
 * ranges of machine frames (MMIO it may map), I/O ports and physical IRQs,
 * granted and revoked by the hardware domain (XEN_DOMCTL_iomem_permission,
 * ioport_permission, irq_permission).  The hardware domain itself reaches
 * everything but what the hypervisor keeps, and needs no entries.
 *
 * A domain's sets live in d->iocaps, allocated with its first grant and
 * freed with the domain; their lock makes a lookup (page-table validation,
 * port I/O emulation, on any CPU) see a change whole.
 */
#ifndef XEN_IOCAPS_H
#define XEN_IOCAPS_H

#include <xen/rangeset.h>
#include <xen/spinlock.h>
#include <xen/types.h>

struct domain;

enum iocap {
    IOCAP_IOMEM,            /* machine frame numbers */
    IOCAP_IOPORT,           /* port numbers */
    IOCAP_IRQ,              /* physical IRQ numbers */
    IOCAP_NR
};

struct iocaps {
    spinlock_t lock;
    struct rangeset set[IOCAP_NR];
};

/* Whether d was granted all of [first, last] of this kind. */
bool iocaps_permitted(const struct domain *d, enum iocap kind, uint64_t first, uint64_t last);

/* Free d's sets (domain teardown). */
void iocaps_destroy(struct domain *d);

#endif /* XEN_IOCAPS_H */
