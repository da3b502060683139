/*
 * The credit policy's pure logic (common/sched-credit.c), host-testable:
 * run-queue order, credit accounting and placement.  No locks here: the
 * caller (common/schedule.c) holds the lock of the CPU whose queue it
 * touches, and the accounting pass holds each vCPU's queue lock in turn.
 *
 * Credit is CPU time in nanoseconds.  Every accounting period the machine
 * hands out (CPUs x period) to the domains that want to run, in
 * proportion to their weights, split evenly among each domain's active
 * vCPUs; running debits it.  A vCPU with credit >= 0 is UNDER, below 0 it
 * is OVER; OVER vCPUs run only when no UNDER one wants the CPU.  A vCPU
 * woken from blocking is BOOSTed (ahead of UNDER) until it is next
 * descheduled, so event latency does not wait for a time slice.
 */
#ifndef XEN_SCHED_CREDIT_H
#define XEN_SCHED_CREDIT_H

#include <xen/types.h>

#define CREDIT_PRI_BOOST    0
#define CREDIT_PRI_UNDER    1
#define CREDIT_PRI_OVER     2

#define CREDIT_DEFAULT_WEIGHT   256
#define CREDIT_MAX_WEIGHT       65535

/* One schedulable vCPU as the policy sees it; lives inside struct vcpu. */
struct sched_unit {
    struct sched_unit *next, *prev;     /* on a run queue, if queued */
    bool queued;
    int pri;                            /* CREDIT_PRI_* */
    int64_t credit;                     /* ns of CPU time it may still use */
};

/* A CPU's run queue: a list in the order units should run. */
struct sched_runq {
    struct sched_unit *head, *tail;
    unsigned int len;
};

/*
 * Queue u behind every unit of its priority or better (FIFO within a
 * priority); a yielding unit goes behind every queued unit.
 */
void runq_insert(struct sched_runq *rq, struct sched_unit *u, bool yielding);
void runq_remove(struct sched_runq *rq, struct sched_unit *u);
/* The first unit, dequeued; NULL if the queue is empty. */
struct sched_unit *runq_pop(struct sched_runq *rq);

/* The priority credit gives (BOOST is granted by the caller at wake-up). */
int credit_priority(int64_t credit);

/* Debit ran_ns of running; credit never falls below -period (a bound on debt). */
void credit_charge(struct sched_unit *u, uint64_t ran_ns, uint64_t period_ns);

/*
 * Each active vCPU's share of one period: the machine's CPU time
 * (nr_cpus x period) times weight / total_weight, split over the
 * domain's nr_active vCPUs, at most one period (a vCPU uses one CPU).
 */
int64_t credit_vcpu_share(uint64_t period_ns, unsigned int nr_cpus, unsigned int weight,
                          unsigned int total_weight, unsigned int nr_active);

/* Add a period's share; credit saved up is capped at one period. Resets BOOST. */
void credit_refill(struct sched_unit *u, int64_t share, uint64_t period_ns);

/*
 * Where a waking vCPU should run: the least loaded CPU among 'allowed',
 * 'prefer' on a tie (its caches are warm); -1 if no CPU is allowed.
 * load[cpu] is what the CPU runs and has queued.
 */
int sched_pick_cpu(const unsigned int *load, unsigned int nr_cpus, uint64_t allowed,
                   unsigned int prefer);

#endif /* XEN_SCHED_CREDIT_H */
