/*
 * Shared request/response rings, the transport of every split driver
 * (console excepted).  One page holds four indexes, padding to 64 bytes,
 * then a power-of-two array of slots, each a union of one request and one
 * response.  Indexes run freely and are reduced modulo the ring size.
 *
 * Ownership: the front end owns req_prod and rsp_event, the back end owns
 * rsp_prod and req_event; each side keeps its private producer and
 * consumer in its own front_ring/back_ring.  A producer fills slots, then
 * publishes its index (write barrier between); the *_event indexes let
 * the other side ask for a notification only when it is about to sleep.
 *
 * The barriers default to x86-64's (TSO: only the store-load case needs
 * a fence); an includer may define xen_mb/xen_rmb/xen_wmb first.
 */
#ifndef __XEN_PUBLIC_IO_RING_H__
#define __XEN_PUBLIC_IO_RING_H__

#include <stddef.h>
#include <stdint.h>

#ifndef xen_mb
#define xen_mb()    __atomic_thread_fence(__ATOMIC_SEQ_CST)
#endif
#ifndef xen_rmb
#define xen_rmb()   __atomic_signal_fence(__ATOMIC_SEQ_CST)
#endif
#ifndef xen_wmb
#define xen_wmb()   __atomic_signal_fence(__ATOMIC_SEQ_CST)
#endif

typedef unsigned int RING_IDX;

/* The largest power of two not above x (x > 0), as a constant expression. */
#define __RING_POW2_FLOOR(x)    (1U << (31 - __builtin_clz((unsigned int)(x))))

/* Slots in a ring of sz bytes, from the shared ring type's name. */
#define __CONST_RING_SIZE(name, sz) \
    __RING_POW2_FLOOR(((sz) - offsetof(struct name##_sring, ring)) / \
                      sizeof(((struct name##_sring *)0)->ring[0]))

/* The same from a pointer to the shared ring. */
#define __RING_SIZE(s, sz) \
    __RING_POW2_FLOOR(((sz) - ((size_t)((char *)&(s)->ring[0] - (char *)(s)))) / \
                      sizeof((s)->ring[0]))

#define DEFINE_RING_TYPES(name, req_t, rsp_t)                          \
union name##_sring_entry {                                             \
    req_t req;                                                         \
    rsp_t rsp;                                                         \
};                                                                     \
struct name##_sring {                                                  \
    RING_IDX req_prod, req_event;                                      \
    RING_IDX rsp_prod, rsp_event;                                      \
    uint8_t __pad[48];                                                 \
    union name##_sring_entry ring[1];   /* really __RING_SIZE slots */ \
};                                                                     \
struct name##_front_ring {                                             \
    RING_IDX req_prod_pvt;                                             \
    RING_IDX rsp_cons;                                                 \
    unsigned int nr_ents;                                              \
    struct name##_sring *sring;                                        \
};                                                                     \
struct name##_back_ring {                                              \
    RING_IDX rsp_prod_pvt;                                             \
    RING_IDX req_cons;                                                 \
    unsigned int nr_ents;                                              \
    struct name##_sring *sring;                                        \
};                                                                     \
typedef struct name##_sring name##_sring_t;                            \
typedef struct name##_front_ring name##_front_ring_t;                  \
typedef struct name##_back_ring name##_back_ring_t

/* Called once by the side that allocates the page (the front end). */
#define SHARED_RING_INIT(s) do {                                       \
    (s)->req_prod = (s)->rsp_prod = 0;                                 \
    (s)->req_event = (s)->rsp_event = 1;                               \
    __builtin_memset((s)->__pad, 0, sizeof((s)->__pad));               \
} while ( 0 )

#define FRONT_RING_ATTACH(r, s, i, sz) do {                            \
    (r)->req_prod_pvt = (i);                                           \
    (r)->rsp_cons = (i);                                               \
    (r)->nr_ents = __RING_SIZE(s, sz);                                 \
    (r)->sring = (s);                                                  \
} while ( 0 )
#define FRONT_RING_INIT(r, s, sz)   FRONT_RING_ATTACH(r, s, 0, sz)

#define BACK_RING_ATTACH(r, s, i, sz) do {                             \
    (r)->rsp_prod_pvt = (i);                                           \
    (r)->req_cons = (i);                                               \
    (r)->nr_ents = __RING_SIZE(s, sz);                                 \
    (r)->sring = (s);                                                  \
} while ( 0 )
#define BACK_RING_INIT(r, s, sz)    BACK_RING_ATTACH(r, s, 0, sz)

#define RING_SIZE(r)                ((r)->nr_ents)
#define RING_FREE_REQUESTS(r)       (RING_SIZE(r) - ((r)->req_prod_pvt - (r)->rsp_cons))
#define RING_FULL(r)                (RING_FREE_REQUESTS(r) == 0)

#define RING_HAS_UNCONSUMED_RESPONSES(r) \
    ((r)->sring->rsp_prod - (r)->rsp_cons)

/* Requests waiting, bounded by the slots not holding unsent responses. */
#define RING_HAS_UNCONSUMED_REQUESTS(r) __extension__ ({               \
    RING_IDX __waiting = (r)->sring->req_prod - (r)->req_cons;         \
    RING_IDX __room = RING_SIZE(r) - ((r)->req_cons - (r)->rsp_prod_pvt); \
    __waiting < __room ? __waiting : __room;                           \
})

#define RING_GET_REQUEST(r, idx) \
    (&((r)->sring->ring[(idx) & (RING_SIZE(r) - 1)].req))
#define RING_GET_RESPONSE(r, idx) \
    (&((r)->sring->ring[(idx) & (RING_SIZE(r) - 1)].rsp))

/* Read a request once, so a hostile front end cannot change it under us. */
#define RING_COPY_REQUEST(r, idx, req) \
    (*(req) = *(volatile __typeof__(req))RING_GET_REQUEST(r, idx))

#define RING_REQUEST_CONS_OVERFLOW(r, cons) \
    (((cons) - (r)->rsp_prod_pvt) >= RING_SIZE(r))
#define RING_REQUEST_PROD_OVERFLOW(r, prod) \
    (((prod) - (r)->rsp_prod_pvt) > RING_SIZE(r))
#define RING_RESPONSE_PROD_OVERFLOW(r, prod) \
    (((prod) - (r)->rsp_cons) > RING_SIZE(r))

#define RING_PUSH_REQUESTS(r) do {                                     \
    xen_wmb();                                                         \
    (r)->sring->req_prod = (r)->req_prod_pvt;                          \
} while ( 0 )

#define RING_PUSH_RESPONSES(r) do {                                    \
    xen_wmb();                                                         \
    (r)->sring->rsp_prod = (r)->rsp_prod_pvt;                          \
} while ( 0 )

/*
 * Publish, then notify only if the other side's event index lies in the
 * range just published (it asked to be woken at one of these entries).
 */
#define RING_PUSH_REQUESTS_AND_CHECK_NOTIFY(r, notify) do {            \
    RING_IDX __old = (r)->sring->req_prod;                             \
    RING_IDX __new = (r)->req_prod_pvt;                                \
    xen_wmb();                                                         \
    (r)->sring->req_prod = __new;                                      \
    xen_mb();                                                          \
    (notify) = (RING_IDX)(__new - (r)->sring->req_event) <             \
               (RING_IDX)(__new - __old);                              \
} while ( 0 )

#define RING_PUSH_RESPONSES_AND_CHECK_NOTIFY(r, notify) do {           \
    RING_IDX __old = (r)->sring->rsp_prod;                             \
    RING_IDX __new = (r)->rsp_prod_pvt;                                \
    xen_wmb();                                                         \
    (r)->sring->rsp_prod = __new;                                      \
    xen_mb();                                                          \
    (notify) = (RING_IDX)(__new - (r)->sring->rsp_event) <             \
               (RING_IDX)(__new - __old);                              \
} while ( 0 )

/* Before sleeping: ask for an event at the next entry, then look again. */
#define RING_FINAL_CHECK_FOR_REQUESTS(r, work) do {                    \
    (work) = RING_HAS_UNCONSUMED_REQUESTS(r);                          \
    if ( (work) )                                                      \
        break;                                                         \
    (r)->sring->req_event = (r)->req_cons + 1;                         \
    xen_mb();                                                          \
    (work) = RING_HAS_UNCONSUMED_REQUESTS(r);                          \
} while ( 0 )

#define RING_FINAL_CHECK_FOR_RESPONSES(r, work) do {                   \
    (work) = RING_HAS_UNCONSUMED_RESPONSES(r);                         \
    if ( (work) )                                                      \
        break;                                                         \
    (r)->sring->rsp_event = (r)->rsp_cons + 1;                         \
    xen_mb();                                                          \
    (work) = RING_HAS_UNCONSUMED_RESPONSES(r);                         \
} while ( 0 )

#endif /* __XEN_PUBLIC_IO_RING_H__ */
