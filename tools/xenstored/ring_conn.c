/* The shared-ring transport of a domain's connection (see ring_backend.h). */
#include <stdio.h>
#include <stdlib.h>

#include "conn.h"
#include "log.h"
#include "ring.h"
#include "ring_backend.h"
#include "store.h"

struct ring_transport {
    struct ring_channel ch;
    struct ring_backend *be;
};

static void broken(struct conn *conn, struct ring_transport *rt)
{
    xs_log(LOG_ERROR, "%s: ring indexes out of range, disconnecting", conn->id);
    rt->ch.intf->error = XENSTORE_ERROR_RINGIDX;
}

static ssize_t ring_read(struct conn *conn, void *buf, size_t len)
{
    struct ring_transport *rt = conn->transport;
    struct xenstore_domain_interface *intf = rt->ch.intf;
    ssize_t n = ring_get(intf->req, &intf->req_cons, &intf->req_prod, buf, len);
    if (n < 0)
        broken(conn, rt);
    else if (n > 0)
        rt->be->kick(rt->be, &rt->ch);      /* the domain may be waiting for space */
    return n;
}

static ssize_t ring_write(struct conn *conn, const void *buf, size_t len)
{
    struct ring_transport *rt = conn->transport;
    struct xenstore_domain_interface *intf = rt->ch.intf;
    ssize_t n = ring_put(intf->rsp, &intf->rsp_cons, &intf->rsp_prod, buf, len);
    if (n < 0)
        broken(conn, rt);
    else if (n > 0)
        rt->be->kick(rt->be, &rt->ch);
    return n;
}

static void ring_destroy(struct conn *conn)
{
    struct ring_transport *rt = conn->transport;
    rt->be->close(rt->be, &rt->ch);
    free(rt);
}

static void ring_woken(struct conn *conn)
{
    struct ring_transport *rt = conn->transport;
    rt->be->ack(rt->be, &rt->ch);
}

static const struct conn_ops ring_ops = {
    .read = ring_read, .write = ring_write, .destroy = ring_destroy, .woken = ring_woken,
    .shared_memory = true,
};

struct conn *ring_conn_new(struct store *store, const struct caller *who,
                           struct ring_channel *ch)
{
    struct ring_transport *rt = malloc(sizeof(*rt));
    if (!rt)
        return NULL;
    rt->ch = *ch;
    rt->be = store->rings;
    char id[32];
    snprintf(id, sizeof(id), "domain %u", who->domid);
    ch->intf->server_features = XENSTORE_SERVER_FEATURE_ERROR;
    struct conn *c = conn_new(store, &ring_ops, rt, ch->notify_fd, who, id);
    if (!c)
        free(rt);
    return c;
}

void ring_backend_free(struct ring_backend *be)
{
    if (be)
        be->destroy(be);
}
