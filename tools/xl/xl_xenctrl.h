/*
 * xl_xenctrl.h - what the xenctrl backend needs beyond single library
 * calls: building a PV domain from its config (xl_create.c) and the
 * domain's entries in xenstore (xl_xenstore.c).
 *
 * Rules:
 *  - xl_xenctrl_create() either leaves a built domain, announced in
 *    xenstore and introduced to xenstored, or nothing: every step it took
 *    is undone on failure (the domain destroyed, its nodes removed).
 *  - xenstore is reached over xenstored's Unix socket; create needs it,
 *    list and lookup use it when it answers and fall back to ids.
 *  - Each function returns 0, or -1 after printing one "xl: ..." line.
 */
#ifndef XL_XENCTRL_H
#define XL_XENCTRL_H

#include <stdbool.h>
#include <stdint.h>

#include <xenctrl.h>

#include "xl.h"

/* Xen's LIBXL_MAXMEM_CONSTANT: the hypervisor's limit sits this far above the target. */
#define XL_MAXMEM_SLACK_KIB 1024

int xl_xenctrl_create(xc_interface *xch, const struct argon_domain_config *c, bool paused,
                      uint32_t *domid);

/*
 * Destroy domid even while its vCPUs are up: shut down, unpaused so they
 * stop, then destroyed.  Its xenstore nodes are the caller's to remove.
 */
int xl_xenctrl_destroy(xc_interface *xch, uint32_t domid);

/* What xenstore announces of a domain being created (xl_xenstore.c). */
struct xl_domain_nodes {
    uint32_t domid;
    const char *name;
    uint64_t target_kib, static_max_kib;
    unsigned int vcpus;
    uint64_t store_mfn, console_mfn;
    uint32_t store_port, console_port;
};

/* xenstored over its socket, or NULL after the message naming what failed. */
struct xs_handle *xl_xs_open(void);
/* Write /local/domain/N/... and introduce the domain to xenstored. */
int xl_xs_announce(struct xs_handle *xs, const struct xl_domain_nodes *n);
/*
 * Remove /local/domain/N and release it in xenstored, which unmaps its ring
 * (what is there; never fails).  Before the destroy, so no frame stays mapped.
 */
void xl_xs_forget(struct xs_handle *xs, uint32_t domid);
/* memory/target of domid, checked against its memory/static-max. */
int xl_xs_set_target(struct xs_handle *xs, uint32_t domid, uint64_t kib);
/* The name xenstore holds for domid (malloc'd), or NULL. */
char *xl_xs_name(struct xs_handle *xs, uint32_t domid);
/* The domain named name: 0 and *domid, or -1 (silently) if none has that name. */
int xl_xs_find_name(struct xs_handle *xs, const char *name, uint32_t *domid);

#endif /* XL_XENCTRL_H */
