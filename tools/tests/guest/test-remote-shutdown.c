/*
 * SCHEDOP_remote_shutdown, run in both domains of a second-domain boot
 * (the same kernel, telling its role from start_info).  Domain 1 is
 * refused shutting dom0 down, says so, and then blocks forever; dom0
 * checks the argument rules and shuts domain 1 down from outside — the
 * hypervisor stops it wherever it is and returns all its memory.
 */
#include <public/sched.h>

#include "guest.h"

#define PATIENCE    20000000UL

static long remote_shutdown(domid_t domid, unsigned int reason)
{
    struct sched_remote_shutdown r = { .domain_id = domid, .reason = reason };

    return hypercall2(__HYPERVISOR_sched_op, SCHEDOP_remote_shutdown, &r);
}

/* Set by domain 1 in its own memory; dom0 learns of it through the console only. */
static void domain1(void)
{
    check_eq(remote_shutdown(0, SHUTDOWN_poweroff), -1, "shutting dom0 down from domain 1");
    printf("test-remote-shutdown: domain 1 waits to be shut down\n");
    for ( ;; )
        hypercall2(__HYPERVISOR_sched_op, SCHEDOP_block, 0);
}

static void domain0(void)
{
    check_eq(remote_shutdown(99, SHUTDOWN_poweroff), -3, "a domain that is not there: -ESRCH");
    check_eq(remote_shutdown(1, 99), -22, "a reason that does not exist: -EINVAL");
    check_eq(hypercall2(__HYPERVISOR_sched_op, SCHEDOP_remote_shutdown, 0x10), -14,
             "a bad pointer: -EFAULT");
    /* Give domain 1 time to reach its wait (the order is only for a tidy log). */
    for ( unsigned long i = 0; i < PATIENCE; i++ )
        hypercall2(__HYPERVISOR_sched_op, SCHEDOP_yield, 0);
    check_eq(remote_shutdown(1, SHUTDOWN_poweroff), 0, "shut domain 1 down");
}

void test_main(void)
{
    if ( start_info->flags & SIF_INITDOMAIN )
        domain0();
    else
        domain1();
    printf("test-remote-shutdown: done\n");
}
