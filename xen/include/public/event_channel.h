/*
 * Event channels: port operations and their payloads, the 2-level ABI's
 * limits and the FIFO ABI's control block.  Argon implements the 2-level
 * ABI; the FIFO definitions are here so init_control can be decoded (and
 * refused).  Ports are per-domain numbers starting at 1 (0 is never valid).
 */
#ifndef __XEN_PUBLIC_EVENT_CHANNEL_H__
#define __XEN_PUBLIC_EVENT_CHANNEL_H__

#include "xen.h"

#define EVTCHNOP_bind_interdomain   0
#define EVTCHNOP_bind_virq          1
#define EVTCHNOP_bind_pirq          2
#define EVTCHNOP_close              3
#define EVTCHNOP_send               4
#define EVTCHNOP_status             5
#define EVTCHNOP_alloc_unbound      6
#define EVTCHNOP_bind_ipi           7
#define EVTCHNOP_bind_vcpu          8
#define EVTCHNOP_unmask             9
#define EVTCHNOP_reset              10
#define EVTCHNOP_init_control       11
#define EVTCHNOP_expand_array       12
#define EVTCHNOP_set_priority       13

#define EVTCHNSTAT_closed           0
#define EVTCHNSTAT_unbound          1
#define EVTCHNSTAT_interdomain      2
#define EVTCHNSTAT_pirq             3
#define EVTCHNSTAT_virq             4
#define EVTCHNSTAT_ipi              5

#define BIND_PIRQ__WILL_SHARE       1

/* FIFO ABI: priorities (0 is highest) and event word bits. */
#define EVTCHN_FIFO_PRIORITY_MAX        0
#define EVTCHN_FIFO_PRIORITY_DEFAULT    7
#define EVTCHN_FIFO_PRIORITY_MIN        15
#define EVTCHN_FIFO_MAX_QUEUES          (EVTCHN_FIFO_PRIORITY_MIN + 1)
#define EVTCHN_FIFO_PENDING             31
#define EVTCHN_FIFO_MASKED              30
#define EVTCHN_FIFO_LINKED              29
#define EVTCHN_FIFO_BUSY                28
#define EVTCHN_FIFO_LINK_BITS           17
#define EVTCHN_FIFO_LINK_MASK           ((1 << EVTCHN_FIFO_LINK_BITS) - 1)
#define EVTCHN_FIFO_NR_CHANNELS         (1 << EVTCHN_FIFO_LINK_BITS)

#ifndef __ASSEMBLY__
typedef uint32_t evtchn_port_t;

/* 2-level ABI: one pending and one mask bit per port in shared_info. */
#define EVTCHN_2L_NR_CHANNELS   (sizeof(xen_ulong_t) * sizeof(xen_ulong_t) * 64)

/* A port in dom that remote_dom may later bind to. */
struct evtchn_alloc_unbound {
    domid_t dom, remote_dom;
    evtchn_port_t port;         /* out */
};
typedef struct evtchn_alloc_unbound evtchn_alloc_unbound_t;

struct evtchn_bind_interdomain {
    domid_t remote_dom;
    evtchn_port_t remote_port;
    evtchn_port_t local_port;   /* out */
};
typedef struct evtchn_bind_interdomain evtchn_bind_interdomain_t;

struct evtchn_bind_virq {
    uint32_t virq;              /* VIRQ_* */
    uint32_t vcpu;
    evtchn_port_t port;         /* out */
};
typedef struct evtchn_bind_virq evtchn_bind_virq_t;

struct evtchn_bind_pirq {
    uint32_t pirq;
    uint32_t flags;             /* BIND_PIRQ__* */
    evtchn_port_t port;         /* out */
};
typedef struct evtchn_bind_pirq evtchn_bind_pirq_t;

struct evtchn_bind_ipi {
    uint32_t vcpu;
    evtchn_port_t port;         /* out */
};
typedef struct evtchn_bind_ipi evtchn_bind_ipi_t;

struct evtchn_close {
    evtchn_port_t port;
};
typedef struct evtchn_close evtchn_close_t;

struct evtchn_send {
    evtchn_port_t port;
};
typedef struct evtchn_send evtchn_send_t;

struct evtchn_status {
    domid_t dom;
    evtchn_port_t port;
    uint32_t status;            /* out: EVTCHNSTAT_* */
    uint32_t vcpu;              /* out: the vCPU notified */
    union {
        struct {
            domid_t dom;
        } unbound;
        struct {
            domid_t dom;
            evtchn_port_t port;
        } interdomain;
        uint32_t pirq;
        uint32_t virq;
    } u;
};
typedef struct evtchn_status evtchn_status_t;

struct evtchn_bind_vcpu {
    evtchn_port_t port;
    uint32_t vcpu;
};
typedef struct evtchn_bind_vcpu evtchn_bind_vcpu_t;

struct evtchn_unmask {
    evtchn_port_t port;
};
typedef struct evtchn_unmask evtchn_unmask_t;

struct evtchn_reset {
    domid_t dom;
};
typedef struct evtchn_reset evtchn_reset_t;

struct evtchn_init_control {
    uint64_t control_gfn;
    uint32_t offset;
    uint32_t vcpu;
    uint8_t link_bits;          /* out */
    uint8_t _pad[7];
};
typedef struct evtchn_init_control evtchn_init_control_t;

struct evtchn_expand_array {
    uint64_t array_gfn;
};
typedef struct evtchn_expand_array evtchn_expand_array_t;

struct evtchn_set_priority {
    evtchn_port_t port;
    uint32_t priority;
};
typedef struct evtchn_set_priority evtchn_set_priority_t;

/* The envelope of the old event_channel_op_compat hypercall. */
struct evtchn_op {
    uint32_t cmd;               /* EVTCHNOP_* */
    union {
        struct evtchn_alloc_unbound alloc_unbound;
        struct evtchn_bind_interdomain bind_interdomain;
        struct evtchn_bind_virq bind_virq;
        struct evtchn_bind_pirq bind_pirq;
        struct evtchn_bind_ipi bind_ipi;
        struct evtchn_close close;
        struct evtchn_send send;
        struct evtchn_status status;
        struct evtchn_bind_vcpu bind_vcpu;
        struct evtchn_unmask unmask;
    } u;
};
typedef struct evtchn_op evtchn_op_t;

typedef uint32_t event_word_t;

struct evtchn_fifo_control_block {
    uint32_t ready;
    uint32_t _rsvd;
    uint32_t head[EVTCHN_FIFO_MAX_QUEUES];
};
typedef struct evtchn_fifo_control_block evtchn_fifo_control_block_t;

_Static_assert(sizeof(struct evtchn_alloc_unbound) == 8, "evtchn_alloc_unbound");
_Static_assert(sizeof(struct evtchn_bind_interdomain) == 12, "evtchn_bind_interdomain");
_Static_assert(__builtin_offsetof(struct evtchn_bind_interdomain, remote_port) == 4,
               "evtchn_bind_interdomain.remote_port");
_Static_assert(sizeof(struct evtchn_bind_virq) == 12, "evtchn_bind_virq");
_Static_assert(sizeof(struct evtchn_bind_pirq) == 12, "evtchn_bind_pirq");
_Static_assert(sizeof(struct evtchn_bind_ipi) == 8, "evtchn_bind_ipi");
_Static_assert(sizeof(struct evtchn_close) == 4, "evtchn_close");
_Static_assert(sizeof(struct evtchn_send) == 4, "evtchn_send");
_Static_assert(sizeof(struct evtchn_status) == 24, "evtchn_status");
_Static_assert(__builtin_offsetof(struct evtchn_status, u) == 16, "evtchn_status.u");
_Static_assert(sizeof(struct evtchn_bind_vcpu) == 8, "evtchn_bind_vcpu");
_Static_assert(sizeof(struct evtchn_unmask) == 4, "evtchn_unmask");
_Static_assert(sizeof(struct evtchn_reset) == 2, "evtchn_reset");
_Static_assert(sizeof(struct evtchn_init_control) == 24, "evtchn_init_control");
_Static_assert(sizeof(struct evtchn_expand_array) == 8, "evtchn_expand_array");
_Static_assert(sizeof(struct evtchn_set_priority) == 8, "evtchn_set_priority");
_Static_assert(sizeof(struct evtchn_op) == 28, "evtchn_op");
_Static_assert(sizeof(struct evtchn_fifo_control_block) == 72, "evtchn_fifo_control_block");
_Static_assert(EVTCHN_2L_NR_CHANNELS == 4096, "2-level channel count");
#endif

#endif /* __XEN_PUBLIC_EVENT_CHANNEL_H__ */
