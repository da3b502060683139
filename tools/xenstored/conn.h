/*
 * A client connection, whatever carries it.  A transport (socket.c,
 * ring_conn.c) supplies the byte moves behind struct conn_ops; this layer
 * assembles requests (header, then payload) and queues answers and watch
 * events in order.  A connection belongs to the store's list from
 * conn_new() to conn_destroy(); it owns its watches and transactions.
 * A message longer than XENSTORE_PAYLOAD_MAX or a transport error marks
 * it dead; the main loop destroys dead connections.
 */
#ifndef XENSTORED_CONN_H
#define XENSTORED_CONN_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include <xen/io/xs_wire.h>

#include "perms.h"

struct conn;
struct store;

struct conn_ops {
    /* Bytes read or written, 0 if nothing can move now, -1 on a broken transport. */
    ssize_t (*read)(struct conn *conn, void *buf, size_t len);
    ssize_t (*write)(struct conn *conn, const void *buf, size_t len);
    void (*destroy)(struct conn *conn);
    /* Optional: the fd became readable (consume the notification). */
    void (*woken)(struct conn *conn);
    bool poll_out;              /* poll the fd for POLLOUT while output waits */
    /* Input may be in place before its notification (a ring the peer
     * filled while nobody was bound): the main loop looks every round. */
    bool shared_memory;
};

struct out_msg {
    struct out_msg *next;
    size_t len, done;
    char data[];                /* header and payload */
};

struct conn {
    struct conn *next;
    struct store *store;
    const struct conn_ops *ops;
    void *transport;            /* the transport's own state */
    int fd;                     /* what the main loop polls */
    struct caller who;
    char id[32];                /* for the log: "socket 5", "domain 3" */

    struct xsd_sockmsg hdr;     /* the request being read */
    size_t have;                /* bytes of header + payload read so far */
    char *payload;

    struct out_msg *out_head, *out_tail;

    struct watch *watches;
    unsigned int nwatches;
    struct transaction *transactions;
    unsigned int ntransactions;
    uint32_t next_tx_id;

    bool dead;
};

struct conn *conn_new(struct store *store, const struct conn_ops *ops, void *transport,
                      int fd, const struct caller *who, const char *id);
void conn_destroy(struct conn *conn);
/* Moves bytes in and serves every complete request. */
void conn_input(struct conn *conn);
/* Moves queued answers out as far as the transport takes them. */
void conn_flush(struct conn *conn);
bool conn_has_output(const struct conn *conn);

int conn_send(struct conn *conn, uint32_t type, uint32_t req_id, uint32_t tx_id,
              const void *data, size_t len);
int conn_send_error(struct conn *conn, uint32_t req_id, uint32_t tx_id, int err);

#endif
