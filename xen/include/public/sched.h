/*
 * sched_op: yielding, blocking, polling and shutting down.
 */
#ifndef __XEN_PUBLIC_SCHED_H__
#define __XEN_PUBLIC_SCHED_H__

#include "event_channel.h"

#define SCHEDOP_yield           0
#define SCHEDOP_block           1   /* sleep until an event; unmasks events */
#define SCHEDOP_shutdown        2
#define SCHEDOP_poll            3
#define SCHEDOP_remote_shutdown 4
#define SCHEDOP_shutdown_code   5   /* record the reason, shut down later */
#define SCHEDOP_watchdog        6
#define SCHEDOP_pin_override    7

#define SHUTDOWN_poweroff       0
#define SHUTDOWN_reboot         1
#define SHUTDOWN_suspend        2
#define SHUTDOWN_crash          3
#define SHUTDOWN_watchdog       4
#define SHUTDOWN_soft_reset     5
#define SHUTDOWN_MAX            5

#ifndef __ASSEMBLY__
struct sched_shutdown {
    unsigned int reason;        /* SHUTDOWN_* */
};
typedef struct sched_shutdown sched_shutdown_t;

/* Block until one of the ports is pending or the absolute timeout (ns). */
struct sched_poll {
    XEN_GUEST_HANDLE(evtchn_port_t) ports;
    unsigned int nr_ports;
    uint64_t timeout;
};
typedef struct sched_poll sched_poll_t;

struct sched_remote_shutdown {
    domid_t domain_id;
    unsigned int reason;
};
typedef struct sched_remote_shutdown sched_remote_shutdown_t;

/* id 0 allocates a watchdog; timeout 0 destroys it. */
struct sched_watchdog {
    uint32_t id;
    uint32_t timeout;           /* seconds */
};
typedef struct sched_watchdog sched_watchdog_t;

struct sched_pin_override {
    int32_t pcpu;               /* negative: end the override */
};
typedef struct sched_pin_override sched_pin_override_t;

_Static_assert(sizeof(struct sched_shutdown) == 4, "sched_shutdown");
_Static_assert(sizeof(struct sched_poll) == 24, "sched_poll");
_Static_assert(__builtin_offsetof(struct sched_poll, timeout) == 16, "sched_poll.timeout");
_Static_assert(sizeof(struct sched_remote_shutdown) == 8, "sched_remote_shutdown");
_Static_assert(sizeof(struct sched_watchdog) == 8, "sched_watchdog");
_Static_assert(sizeof(struct sched_pin_override) == 4, "sched_pin_override");
#endif

#endif /* __XEN_PUBLIC_SCHED_H__ */
