/*
 * The credit policy's pure logic (common/sched-credit.c): run-queue order,
 * each vCPU's share by weight and cap, refills and parking, and two
 * simulated CPUs that run the policy as common/schedule.c does: weights
 * 512 and 256 get 2:1 of a contended CPU, a 25% cap holds on an idle one.
 */
#include <stdbool.h>
#include <string.h>

#include <xen/sched-credit.h>

#include "hostenv.h"

#define MS          1000000ULL
#define PERIOD      (30 * MS)
#define SLICE       (10 * MS)

static struct sched_unit unit_with(int pri, int64_t credit)
{
    struct sched_unit u;

    memset(&u, 0, sizeof(u));
    u.pri = pri;
    u.credit = credit;
    return u;
}

START_TEST(queue_order_by_priority_then_fifo)
{
    struct sched_runq rq = { 0 };
    struct sched_unit over = unit_with(CREDIT_PRI_OVER, -1), under1 = unit_with(CREDIT_PRI_UNDER, 0),
                      under2 = unit_with(CREDIT_PRI_UNDER, 0), boost = unit_with(CREDIT_PRI_BOOST, 0),
                      yielder = unit_with(CREDIT_PRI_BOOST, 0);

    runq_insert(&rq, &over, false);
    runq_insert(&rq, &under1, false);
    runq_insert(&rq, &under2, false);
    runq_insert(&rq, &boost, false);
    runq_insert(&rq, &yielder, true);       /* behind everyone, whatever its priority */
    ck_assert_uint_eq(rq.len, 5);
    ck_assert_ptr_eq(runq_pop(&rq), &boost);
    ck_assert_ptr_eq(runq_pop(&rq), &under1);
    ck_assert_ptr_eq(runq_pop(&rq), &under2);
    ck_assert_ptr_eq(runq_pop(&rq), &over);
    ck_assert_ptr_eq(runq_pop(&rq), &yielder);
    ck_assert_ptr_null(runq_pop(&rq));
    ck_assert_uint_eq(rq.len, 0);
}
END_TEST

START_TEST(share_in_proportion_to_weight)
{
    /* One CPU, two domains of one vCPU each: 512 and 256 of 768. */
    ck_assert_int_eq(credit_vcpu_share(PERIOD, 1, 512, 768, 1, CREDIT_NO_CAP), 20 * MS);
    ck_assert_int_eq(credit_vcpu_share(PERIOD, 1, 256, 768, 1, CREDIT_NO_CAP), 10 * MS);
    /* A domain's weight counts once per active vCPU, as in Xen: each vCPU gets the same. */
    ck_assert_int_eq(credit_vcpu_share(PERIOD, 1, 256, 256 * 2 + 256, 2, CREDIT_NO_CAP),
                     10 * MS);
    /* Two CPUs, the heavier alone would get 4/3 of a CPU: a vCPU uses at most one. */
    ck_assert_int_eq(credit_vcpu_share(PERIOD, 2, 512, 768, 1, CREDIT_NO_CAP), PERIOD);
    ck_assert_int_eq(credit_vcpu_share(PERIOD, 2, 256, 768, 1, CREDIT_NO_CAP), 20 * MS);
    /* Nothing to share: no weight, nobody active. */
    ck_assert_int_eq(credit_vcpu_share(PERIOD, 1, 256, 0, 1, CREDIT_NO_CAP), 0);
    ck_assert_int_eq(credit_vcpu_share(PERIOD, 1, 256, 256, 0, CREDIT_NO_CAP), 0);
}
END_TEST

START_TEST(cap_bounds_the_domain)
{
    /* Alone on 2 CPUs a vCPU would get a whole period; 25% of one CPU caps it. */
    ck_assert_int_eq(credit_vcpu_share(PERIOD, 2, 256, 256, 1, 25), PERIOD / 4);
    /* The cap is the domain's: 2 active vCPUs split 50% of one CPU. */
    ck_assert_int_eq(credit_vcpu_share(PERIOD, 2, 256, 512, 2, 50), PERIOD / 4);
    /* A cap above the fair share changes nothing. */
    ck_assert_int_eq(credit_vcpu_share(PERIOD, 1, 256, 768, 1, 90), 10 * MS);
}
END_TEST

START_TEST(refill_saves_at_most_a_period)
{
    struct sched_unit u = unit_with(CREDIT_PRI_BOOST, 25 * MS);

    credit_refill(&u, 10 * MS, PERIOD, false);
    ck_assert_int_eq(u.credit, PERIOD);
    ck_assert_int_eq(u.pri, CREDIT_PRI_UNDER);     /* a refill ends a boost */
    credit_charge(&u, 45 * MS, PERIOD);
    ck_assert_int_eq(u.credit, -15 * (int64_t)MS);
    ck_assert_int_eq(u.pri, CREDIT_PRI_OVER);
    credit_charge(&u, 100 * MS, PERIOD);
    ck_assert_int_eq(u.credit, -(int64_t)PERIOD);  /* debt is bounded */
    credit_refill(&u, 20 * MS, PERIOD, false);
    ck_assert_int_eq(u.credit, -10 * (int64_t)MS);
    ck_assert(!u.parked);                          /* only a capped unit parks */
}
END_TEST

START_TEST(capped_unit_parks_until_back_at_zero)
{
    struct sched_unit u = unit_with(CREDIT_PRI_UNDER, -(int64_t)PERIOD);
    int64_t share = PERIOD / 4;

    credit_refill(&u, share, PERIOD, true);        /* -22.5 ms: beyond -share */
    ck_assert(u.parked);
    credit_refill(&u, share, PERIOD, true);        /* -15 ms */
    credit_refill(&u, share, PERIOD, true);        /* -7.5 ms: within -share, still parked */
    ck_assert(u.parked);
    credit_refill(&u, share, PERIOD, true);        /* 0 */
    ck_assert(!u.parked);
    ck_assert_int_eq(u.pri, CREDIT_PRI_UNDER);
    u.credit = -(int64_t)share;                    /* a debt of one share does not park */
    credit_refill(&u, share, PERIOD, true);
    ck_assert(!u.parked);
}
END_TEST

/* A simulated CPU running always-runnable vCPUs as common/schedule.c does. */
struct sim_vcpu {
    struct sched_unit unit;             /* first: a unit is its vCPU */
    unsigned int weight, cap;
    uint64_t ran;
};

static void simulate(struct sim_vcpu *v, unsigned int n, unsigned int periods)
{
    struct sched_runq rq = { 0 };

    for ( unsigned int i = 0; i < n; i++ )
        runq_insert(&rq, &v[i].unit, false);
    for ( unsigned int p = 0; p < periods; p++ )
    {
        uint64_t total_weight = 0;

        for ( uint64_t t = 0; t < PERIOD; t += SLICE )
        {
            struct sim_vcpu *curr = (struct sim_vcpu *)runq_pop(&rq);

            if ( curr == NULL )
                continue;                   /* idle: everyone is parked */
            curr->ran += SLICE;
            credit_charge(&curr->unit, SLICE, PERIOD);
            runq_insert(&rq, &curr->unit, false);
        }
        for ( unsigned int i = 0; i < n; i++ )
            total_weight += v[i].weight;    /* one active vCPU per domain */
        for ( unsigned int i = 0; i < n; i++ )
        {
            struct sched_unit *u = &v[i].unit;

            credit_refill(u, credit_vcpu_share(PERIOD, 1, v[i].weight, total_weight, 1,
                                               v[i].cap),
                          PERIOD, v[i].cap != CREDIT_NO_CAP);
            /* A parked vCPU leaves its queue, and comes back when it unparks. */
            if ( u->parked )
                runq_remove(&rq, u);
            else if ( !u->queued )
                runq_insert(&rq, u, false);
        }
    }
}

START_TEST(weights_share_a_contended_cpu)
{
    struct sim_vcpu v[2] = { { .weight = 512 }, { .weight = 256 } };
    double ratio;

    simulate(v, 2, 300);
    ratio = (double)v[0].ran / (double)v[1].ran;
    ck_assert_msg(ratio > 1.8 && ratio < 2.2, "512:256 ran %.2f:1", ratio);
    ck_assert_uint_eq(v[0].ran + v[1].ran, 300 * PERIOD);   /* the CPU never idled */
}
END_TEST

START_TEST(cap_holds_on_an_idle_cpu)
{
    struct sim_vcpu v[1] = { { .weight = 256, .cap = 25 } };
    double used;

    simulate(v, 1, 400);
    used = (double)v[0].ran / (double)(400 * PERIOD);
    ck_assert_msg(used > 0.2 && used < 0.3, "a 25%% cap used %.2f of the CPU", used);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("sched-credit");
    TCase *tc = tcase_create("policy");

    tcase_add_test(tc, queue_order_by_priority_then_fifo);
    tcase_add_test(tc, share_in_proportion_to_weight);
    tcase_add_test(tc, cap_bounds_the_domain);
    tcase_add_test(tc, refill_saves_at_most_a_period);
    tcase_add_test(tc, capped_unit_parks_until_back_at_zero);
    tcase_add_test(tc, weights_share_a_contended_cpu);
    tcase_add_test(tc, cap_holds_on_an_idle_cpu);
    suite_add_tcase(s, tc);
    return hostenv_run_suite(s);
}
