/*
 * Introduced domains.  INTRODUCE records a domain, maps its ring page and
 * binds its event channel through the store's ring backend, and opens a
 * ring connection for it; RELEASE marks that connection dead (the main
 * loop destroys it) and forgets the domain.  The store owns the list.
 * Domain 0's kernel ring is a connection of its own, not in the list.
 */
#ifndef XENSTORED_DOMAIN_H
#define XENSTORED_DOMAIN_H

#include <stdbool.h>
#include <stdint.h>

struct conn;
struct store;

struct domain {
    struct domain *next;
    unsigned int domid;
    uint64_t mfn;
    unsigned int port;
    struct conn *conn;          /* NULL once released */
    bool has_target;
    unsigned int target;
    bool shutdown;              /* seen shut down (@releaseDomain fired once for it) */
};

struct domain *domain_find(struct store *store, unsigned int domid);
int domain_introduce(struct store *store, unsigned int domid, uint64_t mfn, unsigned int port);
int domain_release(struct store *store, unsigned int domid);
/* Serves dom0's kernel over its own ring (the xenbus of XS_LOCAL). */
int domain_connect_kernel(struct store *store);
/* After VIRQ_DOM_EXC: domains that shut down, died or vanished fire
 * @releaseDomain; the dying and the vanished lose their connection. */
void domain_check_exceptions(struct store *store);
int domain_set_target(struct store *store, unsigned int domid, unsigned int target);
/* Called when a domain's connection goes away on its own. */
void domain_conn_gone(struct store *store, struct conn *conn);
void domain_free_all(struct store *store);

#endif
