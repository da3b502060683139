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
 * delivered, the guest just learns to look.  The vCPU leaves its CPU on
 * the way out and returns 0 when a port, the timeout or a kick wakes it.
 */
static long sched_poll(struct vcpu *v, uint64_t arg)
{
    struct sched_poll p;

    if ( copy_from_guest(&p, arg, sizeof(p)) )
        return -EFAULT;
    if ( p.nr_ports > MAX_POLL_PORTS || (p.nr_ports == 0 && p.timeout == 0) )
        return -EINVAL;                 /* nothing could ever end the wait */
    if ( copy_from_guest(v->poll_ports, p.ports, p.nr_ports * sizeof(v->poll_ports[0])) )
        return -EFAULT;
    for ( unsigned int i = 0; i < p.nr_ports; i++ )
        if ( v->poll_ports[i] >= NR_EVTCHN_PORTS )
            return -EINVAL;
    if ( p.timeout && NOW() >= (s_time_t)p.timeout )
        return 0;
    /* Blocked first, then look: a port set pending meanwhile finds us blocked and wakes us. */
    __atomic_store_n(&v->poll_nr, p.nr_ports, __ATOMIC_SEQ_CST);
    vcpu_block(v);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if ( any_pending(v->domain, v->poll_ports, p.nr_ports) || v->domain->is_shutting_down )
    {
        v->poll_nr = 0;
        vcpu_unblock(v);
        return 0;
    }
    if ( p.timeout )
        set_timer(&v->poll_timer, p.timeout);   /* ends the wait */
    return 0;
}

/* The toolstack's (or dom0's) shutdown of another domain; it stops on its next entry. */
static long remote_shutdown(struct domain *caller, uint64_t arg)
{
    struct sched_remote_shutdown r;
    struct domain *d;

    if ( copy_from_guest(&r, arg, sizeof(r)) )
        return -EFAULT;
    if ( !caller->is_privileged )
        return -EPERM;
    if ( r.reason > SHUTDOWN_MAX )
        return -EINVAL;
    if ( (d = domain_by_id(r.domain_id)) == NULL )
        return -ESRCH;
    domain_shutdown(d, r.reason);       /* its vCPUs are kicked and stop */
    return 0;
}

long do_sched_op(uint64_t cmd, uint64_t arg, uint64_t a3, uint64_t a4,
                 uint64_t a5, uint64_t a6)
{
    struct vcpu *v = current_vcpu();

    switch ( cmd )
    {
    case SCHEDOP_yield:
        vcpu_yield(v);
        return 0;
    case SCHEDOP_block:
        /*
         * Blocking unmasks events (the ABI's rule, so no wake-up is lost).
         * Blocked first, then look: an event sent meanwhile finds the vCPU
         * blocked and wakes it.  It leaves its CPU on the way out.
         */
        v->vcpu_info->evtchn_upcall_mask = 0;
        vcpu_block(v);
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
        if ( v->vcpu_info->evtchn_upcall_pending || v->domain->is_shutting_down )
            vcpu_unblock(v);
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
