/*
 * How the daemon reaches a domain's ring: map its page and bind its event
 * channel, and learn what became of the domain.  In dom0 (ring_xen.c):
 * the kernel's own page and port for domain 0 (/dev/xen/xenbus_backend or
 * xenfs), the reserved grant (else a foreign mapping of the mfn) for the
 * others, /dev/xen/evtchn for the ports and VIRQ_DOM_EXC, getdomaininfo
 * for their state.  The directory backend serves host tests: the page is
 * the file DIR/domainN.page (4096 bytes, mmap'd shared), notifications
 * are bytes on the FIFOs DIR/domainN.to-store and DIR/domainN.to-guest,
 * a byte on the FIFO DIR/dom-exc stands for VIRQ_DOM_EXC, and the file
 * DIR/domainN.state holds running, shutdown, dying or gone (no file:
 * running).
 */
#ifndef XENSTORED_RING_BACKEND_H
#define XENSTORED_RING_BACKEND_H

#include <stdbool.h>
#include <stdint.h>

#include <xen/io/xs_wire.h>

struct caller;
struct conn;
struct store;

struct ring_channel {
    struct xenstore_domain_interface *intf;
    int notify_fd;              /* readable when the domain kicks us */
    void *priv;
};

enum domain_state { DOMAIN_RUNNING, DOMAIN_SHUTDOWN, DOMAIN_DYING, DOMAIN_GONE };

struct ring_backend {
    /* Domain 0's ring is the kernel's own: mfn and port are ignored. */
    int (*open)(struct ring_backend *be, unsigned int domid, uint64_t mfn, unsigned int port,
                struct ring_channel *ch);
    void (*kick)(struct ring_backend *be, struct ring_channel *ch);
    /* Consumes pending kicks. */
    void (*ack)(struct ring_backend *be, struct ring_channel *ch);
    void (*close)(struct ring_backend *be, struct ring_channel *ch);
    void *priv;
    /* Optional (NULL: domains never go away on their own).  A descriptor
     * readable when some domain shut down or died, -1 if there is none;
     * consuming that news; and one domain's state now (0, or an errno). */
    int (*exc_fd)(struct ring_backend *be);
    void (*exc_ack)(struct ring_backend *be);
    int (*domain_state)(struct ring_backend *be, unsigned int domid, enum domain_state *state);
    void (*destroy)(struct ring_backend *be);     /* ring_backend_free's work */
};

struct ring_backend *ring_backend_dir(const char *dir);
/* True where /dev/xen/evtchn is: the daemon runs in a real domain. */
bool ring_backend_xen_here(void);
/* NULL with a message on standard error if dom0's devices cannot be opened. */
struct ring_backend *ring_backend_xen(void);
void ring_backend_free(struct ring_backend *be);

/* The transport over CH for WHO; the connection owns CH from now on. */
struct conn *ring_conn_new(struct store *store, const struct caller *who,
                           struct ring_channel *ch);

#endif
