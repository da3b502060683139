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

#endif /* XEN_DOMCTL_H */
