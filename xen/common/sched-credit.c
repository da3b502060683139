/*
 * The credit policy's pure logic: rules in xen/sched-credit.h.
 */
#include <xen/sched-credit.h>

void runq_insert(struct sched_runq *rq, struct sched_unit *u, bool yielding)
{
    struct sched_unit *after = rq->tail;

    /* Walk back from the tail past every unit that should run after u. */
    if ( !yielding )
        while ( after && after->pri > u->pri )
            after = after->prev;
    u->prev = after;
    u->next = after ? after->next : rq->head;
    if ( u->next )
        u->next->prev = u;
    else
        rq->tail = u;
    if ( after )
        after->next = u;
    else
        rq->head = u;
    u->queued = true;
    rq->len++;
}

void runq_remove(struct sched_runq *rq, struct sched_unit *u)
{
    if ( !u->queued )
        return;
    if ( u->prev )
        u->prev->next = u->next;
    else
        rq->head = u->next;
    if ( u->next )
        u->next->prev = u->prev;
    else
        rq->tail = u->prev;
    u->next = u->prev = NULL;
    u->queued = false;
    rq->len--;
}

struct sched_unit *runq_pop(struct sched_runq *rq)
{
    struct sched_unit *u = rq->head;

    if ( u )
        runq_remove(rq, u);
    return u;
}

int credit_priority(int64_t credit)
{
    return credit >= 0 ? CREDIT_PRI_UNDER : CREDIT_PRI_OVER;
}

void credit_charge(struct sched_unit *u, uint64_t ran_ns, uint64_t period_ns)
{
    int64_t floor = -(int64_t)period_ns;

    if ( ran_ns > period_ns * 2 )
        ran_ns = period_ns * 2;         /* keeps the arithmetic far from overflow */
    u->credit -= (int64_t)ran_ns;
    if ( u->credit < floor )
        u->credit = floor;
    if ( u->pri != CREDIT_PRI_BOOST )
        u->pri = credit_priority(u->credit);
}

int64_t credit_vcpu_share(uint64_t period_ns, unsigned int nr_cpus, unsigned int weight,
                          unsigned int total_weight, unsigned int nr_active)
{
    uint64_t share;

    if ( total_weight == 0 || nr_active == 0 || weight == 0 )
        return 0;
    /* Periods are milliseconds and weights 16-bit: the product stays far below 2^64. */
    share = period_ns * nr_cpus * weight / total_weight / nr_active;
    return share > period_ns ? (int64_t)period_ns : (int64_t)share;
}

void credit_refill(struct sched_unit *u, int64_t share, uint64_t period_ns)
{
    u->credit += share;
    if ( u->credit > (int64_t)period_ns )
        u->credit = (int64_t)period_ns;
    u->pri = credit_priority(u->credit);
}

int sched_pick_cpu(const unsigned int *load, unsigned int nr_cpus, uint64_t allowed,
                   unsigned int prefer)
{
    int best = -1;

    if ( prefer < nr_cpus && (allowed & (1ULL << prefer)) )
        best = (int)prefer;
    for ( unsigned int cpu = 0; cpu < nr_cpus && cpu < 64; cpu++ )
        if ( (allowed & (1ULL << cpu)) && (best < 0 || load[cpu] < load[best]) )
            best = (int)cpu;
    return best;
}
