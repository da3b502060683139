/*
 * The scheduling sub-ops of XEN_DOMCTL (dispatched from common/domctl.c,
 * under domctl_lock): the controller's pause of a domain.
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
