/*
 * Choosing the id of a new domain (XEN_DOMCTL_createdomain): the id the
 * toolstack names, or, when it names none (0 or a reserved id), the
 * lowest free one from 1.  The caller serialises creation (the domctl
 * lock) so that the answer stays true until the domain is listed.
 */
#ifndef XEN_DOMID_H
#define XEN_DOMID_H

#include <public/xen.h>
#include <xen/types.h>

/* The id to use, or -EEXIST (the named id is taken) or -ENOMEM (none is free). */
long domid_choose(domid_t requested, bool (*in_use)(domid_t id));

#endif /* XEN_DOMID_H */
