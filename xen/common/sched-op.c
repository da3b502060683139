/*
 * sched_op: what a vCPU asks of the scheduler.
 */
#include <asm/current.h>
#include <asm/smp.h>
#include <public/sched.h>
#include <public/vcpu.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>

#define MAX_POLL_PORTS  128

static bool any_pending(const struct domain *d, const evtchn_port_t *ports, unsigned int n)
{
    for ( unsigned int i = 0; i < n; i++ )
        if ( d->shared_info->evtchn_pending[ports[i] / 64] & (1UL << (ports[i] % 64)) )
            return true;
    return false;
}

/*
 * Wait until one of the given ports is pending or the timeout (absolute
 * system time, 0 = none) passes; events stay masked, so nothing is
 * delivered, the guest just learns to look.
 */
static long sched_poll(struct vcpu *v, uint64_t arg)
{
    struct sched_poll p;
    evtchn_port_t ports[MAX_POLL_PORTS];

    if ( copy_from_guest(&p, arg, sizeof(p)) )
        return -EFAULT;
    if ( p.nr_ports > MAX_POLL_PORTS || (p.nr_ports == 0 && p.timeout == 0) )
        return -EINVAL;                 /* nothing could ever end the wait */
    if ( copy_from_guest(ports, p.ports, p.nr_ports * sizeof(ports[0])) )
        return -EFAULT;
    for ( unsigned int i = 0; i < p.nr_ports; i++ )
        if ( ports[i] >= NR_EVTCHN_PORTS )
            return -EINVAL;
    if ( p.timeout )
        set_timer(&v->poll_timer, p.timeout);   /* its interrupt ends the wait */
    while ( !any_pending(v->domain, ports, p.nr_ports) &&
            (p.timeout == 0 || NOW() < (s_time_t)p.timeout) )
        __asm__ __volatile__ ( "sti; hlt; cli" ::: "memory" );
    stop_timer(&v->poll_timer);
    return 0;
}

static void kick(void *unused)
{
    /* Nothing to do here: the interrupt's way back to the guest looks at its domain. */
}

/* The toolstack's (or dom0's) shutdown of another domain; it stops on its next entry. */
static long remote_shutdown(struct domain *caller, uint64_t arg)
{
    struct sched_remote_shutdown r;
    struct domain *d;
    struct vcpu *v;

    if ( copy_from_guest(&r, arg, sizeof(r)) )
        return -EFAULT;
    if ( !caller->is_privileged )
        return -EPERM;
    if ( r.reason > SHUTDOWN_MAX )
        return -EINVAL;
    if ( (d = domain_by_id(r.domain_id)) == NULL )
        return -ESRCH;
    domain_shutdown(d, r.reason);
    if ( d == caller )
        return 0;
    v = d->vcpu[0];
    v->blocked = false;
    if ( v->processor != smp_processor_id() )
        smp_call_function_on(v->processor, kick, NULL);
    return 0;
}

long do_sched_op(uint64_t cmd, uint64_t arg, uint64_t a3, uint64_t a4,
                 uint64_t a5, uint64_t a6)
{
    struct vcpu *v = current_vcpu();

    switch ( cmd )
    {
    case SCHEDOP_yield:
        return 0;               /* one vCPU per CPU so far: nothing to yield to */
    case SCHEDOP_block:
        /*
         * Blocking unmasks events (the ABI's rule, so no wake-up is lost)
         * and waits, with interrupts on, until one is pending.
         */
        v->vcpu_info->evtchn_upcall_mask = 0;
        v->blocked = !v->vcpu_info->evtchn_upcall_pending;
        if ( v->blocked )
            vcpu_runstate_change(v, RUNSTATE_blocked);
        while ( v->blocked && !v->domain->is_shutting_down )
            __asm__ __volatile__ ( "sti; hlt; cli" ::: "memory" );
        if ( v->runstate == RUNSTATE_blocked )
            vcpu_runstate_change(v, RUNSTATE_running);
        update_vcpu_system_time(v);
        return 0;
    case SCHEDOP_shutdown:
    {
        struct sched_shutdown s;

        if ( copy_from_guest(&s, arg, sizeof(s)) )
            return -EFAULT;
        if ( s.reason > SHUTDOWN_MAX )
            return -EINVAL;
        domain_shutdown(v->domain, s.reason);
        return 0;
    }
    case SCHEDOP_poll:
        return sched_poll(v, arg);
    case SCHEDOP_remote_shutdown:
        return remote_shutdown(v->domain, arg);
    default:
        return hypercall_subop_unimplemented(__HYPERVISOR_sched_op, cmd);
    }
}
