/*
 * How the daemon reaches an introduced domain's ring: map its page and
 * bind its event channel.  In dom0 that is a foreign mapping and
 * /dev/xen/evtchn (not written yet: their libraries come first).  The
 * directory backend serves host tests: the page is the file
 * DIR/domainN.page (4096 bytes, mmap'd shared) and notifications are bytes
 * on the FIFOs DIR/domainN.to-store and DIR/domainN.to-guest.
 */
#ifndef XENSTORED_RING_BACKEND_H
#define XENSTORED_RING_BACKEND_H

#include <stdint.h>

#include <xen/io/xs_wire.h>

struct conn;
struct store;

struct ring_channel {
    struct xenstore_domain_interface *intf;
    int notify_fd;              /* readable when the domain kicks us */
    void *priv;
};

struct ring_backend {
    int (*open)(struct ring_backend *be, unsigned int domid, uint64_t mfn, unsigned int port,
                struct ring_channel *ch);
    void (*kick)(struct ring_backend *be, struct ring_channel *ch);
    /* Consumes pending kicks. */
    void (*ack)(struct ring_backend *be, struct ring_channel *ch);
    void (*close)(struct ring_backend *be, struct ring_channel *ch);
    void *priv;
};

struct ring_backend *ring_backend_dir(const char *dir);
void ring_backend_free(struct ring_backend *be);

/* The transport over CH for DOMID; the connection owns CH from now on. */
struct conn *ring_conn_new(struct store *store, unsigned int domid, struct ring_channel *ch);

#endif
