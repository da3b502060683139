/*
 * The hardware domain's control of other domains (XEN_DOMCTL, common/domctl*.c).
 * Every domctl runs under one lock, so a domain cannot be created or
 * destroyed while another domctl looks at it; sysctls that read domains
 * (getdomaininfolist) take the same lock.
 */
#ifndef XEN_DOMCTL_H
#define XEN_DOMCTL_H

#include <public/domctl.h>
#include <xen/spinlock.h>

struct domain;

extern spinlock_t domctl_lock;

/* The record getdomaininfo and getdomaininfolist return for d. */
void domain_get_info(const struct domain *d, struct xen_domctl_getdomaininfo *info);

/* Sub-ops in common/domctl-vcpu.c; each gets the envelope and the target. */
long domctl_setvcpucontext(struct xen_domctl *op, struct domain *d);
long domctl_getvcpucontext(struct xen_domctl *op, struct domain *d);
long domctl_getvcpuinfo(struct xen_domctl *op, struct domain *d);
long domctl_setvcpuaffinity(struct xen_domctl *op, struct domain *d);
long domctl_getvcpuaffinity(struct xen_domctl *op, struct domain *d);

/* Sub-ops in common/domctl-sched.c. */
long domctl_pausedomain(struct xen_domctl *op, struct domain *d);
long domctl_unpausedomain(struct xen_domctl *op, struct domain *d);

/* Sub-ops in common/domctl-perm.c. */
long domctl_iomem_permission(struct xen_domctl *op, struct domain *d);
long domctl_ioport_permission(struct xen_domctl *op, struct domain *d);
long domctl_irq_permission(struct xen_domctl *op, struct domain *d);
long domctl_test_assign_device(struct xen_domctl *op, struct domain *d);
long domctl_assign_device(struct xen_domctl *op, struct domain *d);
long domctl_deassign_device(struct xen_domctl *op, struct domain *d);

#endif /* XEN_DOMCTL_H */
