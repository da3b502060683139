/*
 * Byte moves on one ring of a struct xenstore_domain_interface, for either
 * end: the producer copies in and then publishes prod; the consumer reads
 * prod, copies out, then publishes cons.  Indexes are free-running; a pair
 * further apart than the ring is a broken peer (-1).  The caller notifies
 * the other end after a move.  Host-testable: the page is plain memory.
 */
#ifndef XENSTORED_RING_H
#define XENSTORED_RING_H

#include <stddef.h>
#include <sys/types.h>

#include <xen/io/xs_wire.h>

/* Bytes copied into RING (0 if it is full), or -1 on broken indexes. */
ssize_t ring_put(char *ring, volatile XENSTORE_RING_IDX *cons,
                 volatile XENSTORE_RING_IDX *prod, const void *data, size_t len);
/* Bytes copied out of RING (0 if it is empty), or -1 on broken indexes. */
ssize_t ring_get(const char *ring, volatile XENSTORE_RING_IDX *cons,
                 volatile XENSTORE_RING_IDX *prod, void *data, size_t len);

#endif
