/*
 * The scheduling sub-ops of XEN_DOMCTL (dispatched from common/domctl.c,
 * under domctl_lock): the controller's pause of a domain, and the credit
 * scheduler's parameters of a domain (weight and cap, Xen's layout).
 *
 * The controller's pauses are counted apart from the guest's own state
 * and from the hypervisor's internal pauses, as in Xen: each one holds
 * one of the domain's scheduler pause counts (xen/sched.h).  A domain made
 * by createdomain starts with one, which the toolstack's first unpause
 * undoes once the builder is done; an unpause with none left is -EINVAL.
 */
#include <asm/current.h>
#include <public/domctl.h>
#include <xen/domctl.h>
#include <xen/errno.h>
#include <xen/sched.h>

/* As Xen: a bound on the controller's count, so it cannot overflow the domain's. */
#define CONTROLLER_PAUSE_MAX    255

long domctl_pausedomain(struct xen_domctl *op, struct domain *d)
{
    /* Waiting for our own vCPU to leave its CPU would never end. */
    if ( d == current_vcpu()->domain )
        return -EINVAL;
    if ( d->controller_pause_count >= CONTROLLER_PAUSE_MAX )
        return -EOVERFLOW;
    d->controller_pause_count++;
    domain_pause(d);                    /* returns once none of d's vCPUs runs */
    return 0;
}

long domctl_unpausedomain(struct xen_domctl *op, struct domain *d)
{
    if ( d->controller_pause_count == 0 )
        return -EINVAL;
    d->controller_pause_count--;
    domain_unpause(d);
    return 0;
}

/* As Xen's credit scheduler: weight 0 and cap 0xffff in a putinfo leave that one alone. */
#define CREDIT_WEIGHT_KEEP      0
#define CREDIT_CAP_KEEP         0xffff

long domctl_scheduler_op(struct xen_domctl *op, struct domain *d)
{
    struct xen_domctl_scheduler_op *s = &op->u.scheduler_op;

    if ( s->sched_id != XEN_SCHEDULER_CREDIT )
        return -EINVAL;                 /* the only scheduler here */
    switch ( s->cmd )
    {
    case XEN_DOMCTL_SCHEDOP_getinfo:
        s->u.credit.weight = d->sched_weight;
        s->u.credit.cap = d->sched_cap;
        return 0;
    case XEN_DOMCTL_SCHEDOP_putinfo:
        /* Every uint16 weight from 1 and every cap is valid; the next accounting uses them. */
        if ( s->u.credit.weight != CREDIT_WEIGHT_KEEP )
            __atomic_store_n(&d->sched_weight, s->u.credit.weight, __ATOMIC_RELAXED);
        if ( s->u.credit.cap != CREDIT_CAP_KEEP )
            __atomic_store_n(&d->sched_cap, s->u.credit.cap, __ATOMIC_RELAXED);
        return 0;
    default:
        return -EINVAL;                 /* per-vCPU parameters are credit2's and RTDS's */
    }
}
