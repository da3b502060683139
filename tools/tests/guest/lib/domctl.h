/*
 * XEN_DOMCTL from a test kernel (it must run as dom0): the envelope and
 * the sub-ops tests use over and over.  Each returns the hypercall's result.
 */
#ifndef GUEST_DOMCTL_H
#define GUEST_DOMCTL_H

#include <public/domctl.h>

long domctl(struct xen_domctl *op);
/* A zeroed envelope for cmd on domid, with the interface version. */
void domctl_init(struct xen_domctl *op, uint32_t cmd, domid_t domid);
/* A sub-op that carries nothing but the domain (pause, unpause, destroy). */
long domctl_simple(uint32_t cmd, domid_t domid);
long domctl_getinfo(domid_t domid, struct xen_domctl_getdomaininfo *info);
long domctl_getvcpuinfo(domid_t domid, uint32_t vcpu, struct xen_domctl_getvcpuinfo *info);
/* Map frame mfn of domid at the page va (one of the kernel's windows), writable. */
long domctl_map_foreign(void *va, unsigned long mfn, domid_t domid);

#endif /* GUEST_DOMCTL_H */
