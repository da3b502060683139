/*
 * platform_op: the hardware domain's requests of the platform.  Only
 * setting the wall clock is implemented (Linux's dom0 keeps retrying it
 * every tick until it succeeds); other sub-ops answer -ENOSYS and are
 * counted.
 */
#include <public/platform.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/sched.h>
#include <xen/wallclock.h>

/* secs/nsecs was the wall time at system time 'at': move the domains' wall clock there. */
static long set_wallclock(struct domain *d, uint64_t secs, uint32_t nsecs, uint64_t at)
{
    if ( nsecs >= 1000000000 )
        return -EINVAL;
    /* The clock keeps whole seconds at system time 0: express the sample that way. */
    wallclock_init(secs, (s_time_t)at - nsecs);
    update_domain_wallclock(d);
    return 0;
}

long do_platform_op(uint64_t arg, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5,
                    uint64_t a6)
{
    struct domain *d = current_vcpu()->domain;
    struct xen_platform_op op;

    if ( !d->is_privileged )
        return -EPERM;
    if ( copy_from_guest(&op, arg, sizeof(op)) )
        return -EFAULT;
    if ( op.interface_version != XENPF_INTERFACE_VERSION )
        return -EACCES;
    switch ( op.cmd )
    {
    case XENPF_settime32:
        return set_wallclock(d, op.u.settime32.secs, op.u.settime32.nsecs,
                             op.u.settime32.system_time);
    case XENPF_settime64:
        if ( op.u.settime64.mbz )
            return -EINVAL;
        return set_wallclock(d, op.u.settime64.secs, op.u.settime64.nsecs,
                             op.u.settime64.system_time);
    default:
        return hypercall_subop_unimplemented(__HYPERVISOR_platform_op, op.cmd);
    }
}
