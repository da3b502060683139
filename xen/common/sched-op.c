/*
 * sched_op: what a vCPU asks of the scheduler.
 */
#include <public/sched.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>

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
        while ( v->blocked )
            __asm__ __volatile__ ( "sti; hlt; cli" ::: "memory" );
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
    default:
        return -ENOSYS;
    }
}
