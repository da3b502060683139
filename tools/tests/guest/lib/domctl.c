/*
 * XEN_DOMCTL helpers for test kernels: rules in domctl.h.
 */
#include "domctl.h"
#include "guest.h"
#include "mm.h"

long domctl(struct xen_domctl *op)
{
    return hypercall1(__HYPERVISOR_domctl, op);
}

void domctl_init(struct xen_domctl *op, uint32_t cmd, domid_t domid)
{
    memset(op, 0, sizeof(*op));
    op->cmd = cmd;
    op->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    op->domain = domid;
}

long domctl_simple(uint32_t cmd, domid_t domid)
{
    struct xen_domctl op;

    domctl_init(&op, cmd, domid);
    return domctl(&op);
}

long domctl_getinfo(domid_t domid, struct xen_domctl_getdomaininfo *info)
{
    struct xen_domctl op;
    long rc;

    domctl_init(&op, XEN_DOMCTL_getdomaininfo, domid);
    rc = domctl(&op);
    *info = op.u.getdomaininfo;
    return rc;
}

long domctl_getvcpuinfo(domid_t domid, uint32_t vcpu, struct xen_domctl_getvcpuinfo *info)
{
    struct xen_domctl op;
    long rc;

    domctl_init(&op, XEN_DOMCTL_getvcpuinfo, domid);
    op.u.getvcpuinfo.vcpu = vcpu;
    rc = domctl(&op);
    *info = op.u.getvcpuinfo;
    return rc;
}

long domctl_map_foreign(void *va, unsigned long mfn, domid_t domid)
{
    struct mmu_update u = { .ptr = pte_maddr_of(va),
                            .val = mfn * PAGE_SIZE | PTE_PRESENT | PTE_RW | PTE_ACCESSED |
                                   PTE_DIRTY };

    return hypercall4(__HYPERVISOR_mmu_update, &u, 1, 0, domid);
}
