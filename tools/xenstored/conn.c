/* Client connections: request assembly and the answer queue (see conn.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "log.h"
#include "ops.h"
#include "proto.h"
#include "store.h"
#include "transaction.h"
#include "watch.h"

struct conn *conn_new(struct store *store, const struct conn_ops *ops, void *transport,
                      int fd, const struct caller *who, const char *id)
{
    struct conn *c = calloc(1, sizeof(*c));
    if (!c)
        return NULL;
    c->store = store;
    c->ops = ops;
    c->transport = transport;
    c->fd = fd;
    c->who = *who;
    c->next_tx_id = 1;
    strncpy(c->id, id, sizeof(c->id) - 1);
    c->next = store->conns;
    store->conns = c;
    return c;
}

void conn_destroy(struct conn *conn)
{
    struct conn **p = &conn->store->conns;
    while (*p && *p != conn)
        p = &(*p)->next;
    if (*p)
        *p = conn->next;
    watch_remove_all(conn);
    transaction_abort_all(conn);
    while (conn->out_head) {
        struct out_msg *m = conn->out_head;
        conn->out_head = m->next;
        free(m);
    }
    free(conn->payload);
    if (conn->ops->destroy)
        conn->ops->destroy(conn);
    free(conn);
}

bool conn_has_output(const struct conn *conn)
{
    return conn->out_head != NULL;
}

int conn_send(struct conn *conn, uint32_t type, uint32_t req_id, uint32_t tx_id,
              const void *data, size_t len)
{
    struct out_msg *m = malloc(sizeof(*m) + sizeof(struct xsd_sockmsg) + len);
    if (!m)
        return ENOMEM;
    struct xsd_sockmsg hdr = { type, req_id, tx_id, (uint32_t)len };
    memcpy(m->data, &hdr, sizeof(hdr));
    if (len)
        memcpy(m->data + sizeof(hdr), data, len);
    m->len = sizeof(hdr) + len;
    m->done = 0;
    m->next = NULL;
    if (conn->out_tail)
        conn->out_tail->next = m;
    else
        conn->out_head = m;
    conn->out_tail = m;
    return 0;
}

int conn_send_error(struct conn *conn, uint32_t req_id, uint32_t tx_id, int err)
{
    const char *name = xs_error_name(err);
    return conn_send(conn, XS_ERROR, req_id, tx_id, name, strlen(name) + 1);
}

void conn_flush(struct conn *conn)
{
    while (conn->out_head && !conn->dead) {
        struct out_msg *m = conn->out_head;
        ssize_t n = conn->ops->write(conn, m->data + m->done, m->len - m->done);
        if (n < 0) {
            conn->dead = true;
            return;
        }
        if (n == 0)
            return;
        m->done += (size_t)n;
        if (m->done < m->len)
            return;
        conn->out_head = m->next;
        if (!conn->out_head)
            conn->out_tail = NULL;
        free(m);
    }
}

/* Reads toward WANT bytes of the current message; true once they are in. */
static bool read_toward(struct conn *conn, char *base, size_t offset, size_t want)
{
    while (conn->have - offset < want) {
        ssize_t n = conn->ops->read(conn, base + (conn->have - offset),
                                    want - (conn->have - offset));
        if (n < 0) {
            conn->dead = true;
            return false;
        }
        if (n == 0)
            return false;
        conn->have += (size_t)n;
    }
    return true;
}

void conn_input(struct conn *conn)
{
    const size_t hlen = sizeof(struct xsd_sockmsg);
    while (!conn->dead) {
        if (conn->have < hlen) {
            if (!read_toward(conn, (char *)&conn->hdr, 0, hlen))
                return;
            if (conn->hdr.len > XENSTORE_PAYLOAD_MAX) {
                xs_log(LOG_ERROR, "%s: message of %u bytes (limit %u), disconnecting",
                       conn->id, conn->hdr.len, XENSTORE_PAYLOAD_MAX);
                conn->dead = true;
                return;
            }
            conn->payload = malloc(conn->hdr.len + 1);
            if (!conn->payload) {
                conn->dead = true;
                return;
            }
        }
        if (!read_toward(conn, conn->payload, hlen, conn->hdr.len))
            return;
        conn->payload[conn->hdr.len] = '\0';
        ops_handle(conn, &conn->hdr, conn->payload);
        free(conn->payload);
        conn->payload = NULL;
        conn->have = 0;
    }
}
