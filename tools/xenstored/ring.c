/* Byte moves on a xenstore ring (see ring.h). */
#include <string.h>

#include "ring.h"

ssize_t ring_put(char *ring, volatile XENSTORE_RING_IDX *cons,
                 volatile XENSTORE_RING_IDX *prod, const void *data, size_t len)
{
    XENSTORE_RING_IDX c = __atomic_load_n(cons, __ATOMIC_ACQUIRE);
    XENSTORE_RING_IDX p = *prod;
    if ((XENSTORE_RING_IDX)(p - c) > XENSTORE_RING_SIZE)
        return -1;
    size_t space = XENSTORE_RING_SIZE - (p - c);
    size_t n = len < space ? len : space;
    size_t first = XENSTORE_RING_SIZE - MASK_XENSTORE_IDX(p);
    if (first > n)
        first = n;
    memcpy(ring + MASK_XENSTORE_IDX(p), data, first);
    memcpy(ring, (const char *)data + first, n - first);
    /* The data must be in place before the peer sees the new index. */
    __atomic_store_n(prod, p + (XENSTORE_RING_IDX)n, __ATOMIC_RELEASE);
    return (ssize_t)n;
}

ssize_t ring_get(const char *ring, volatile XENSTORE_RING_IDX *cons,
                 volatile XENSTORE_RING_IDX *prod, void *data, size_t len)
{
    XENSTORE_RING_IDX p = __atomic_load_n(prod, __ATOMIC_ACQUIRE);
    XENSTORE_RING_IDX c = *cons;
    if ((XENSTORE_RING_IDX)(p - c) > XENSTORE_RING_SIZE)
        return -1;
    size_t avail = p - c;
    size_t n = len < avail ? len : avail;
    size_t first = XENSTORE_RING_SIZE - MASK_XENSTORE_IDX(c);
    if (first > n)
        first = n;
    memcpy(data, ring + MASK_XENSTORE_IDX(c), first);
    memcpy((char *)data + first, ring, n - first);
    /* The copy must be done before the peer may overwrite the space. */
    __atomic_store_n(cons, c + (XENSTORE_RING_IDX)n, __ATOMIC_RELEASE);
    return (ssize_t)n;
}
