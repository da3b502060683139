/*
 * libxenstore's internals.  Locking: request_lock keeps one request in
 * flight per handle (held from sending it to taking its reply); lock
 * guards the reply slot, the event queue and the broken flag, and cond
 * signals any change of them.  Once the reader thread runs it alone reads
 * the fd; before that the requesting thread reads its own reply.
 */
#ifndef XS_INTERNAL_H
#define XS_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <sys/uio.h>

#define XS_MAX_IOV 40           /* header + SET_PERMS with its entries */

#include "xenstore.h"

struct xs_msg {
    struct xs_msg *next;
    struct xsd_sockmsg hdr;
    char body[];                /* hdr.len bytes and a NUL */
};

struct xs_handle {
    int fd;
    pthread_mutex_t request_lock;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    struct xs_msg *reply;
    struct xs_msg *events, *events_tail;
    int event_pipe[2];          /* -1 until xs_fileno */
    bool reader_running;
    pthread_t reader;
    int broken;                 /* errno once the connection failed */
    uint32_t next_req_id;
};

/* Sends one request and returns its reply's payload (NUL-terminated, free
 * it), or NULL with errno: the daemon's error, or the transport's. */
void *xs_talk(struct xs_handle *h, uint32_t type, xs_transaction_t t, const struct iovec *iov,
              unsigned int niov, unsigned int *len);
int xs_start_reader(struct xs_handle *h);

#endif
