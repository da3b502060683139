/*
 * multicall: a batch of hypercalls in one trap.  Each entry's result is
 * written back; the batch stops early only if the guest's array cannot be
 * read or written.  A multicall may not contain another multicall (or
 * iret, which does not return to the batch).
 */
#include <public/xen.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/sched.h>

#define MAX_MULTICALL   512

long do_multicall(uint64_t list, uint64_t count, uint64_t a3, uint64_t a4, uint64_t a5,
                  uint64_t a6)
{
    struct vcpu *v = current_vcpu();

    if ( count > MAX_MULTICALL )
        return -E2BIG;
    for ( uint64_t i = 0; i < count; i++ )
    {
        uint64_t addr = list + i * sizeof(struct multicall_entry);
        struct multicall_entry e;

        if ( copy_from_guest(&e, addr, sizeof(e)) )
            return -EFAULT;
        if ( e.op == __HYPERVISOR_multicall || e.op == __HYPERVISOR_iret )
            e.result = -EINVAL;
        else
            e.result = hypercall_dispatch(e.op, e.args[0], e.args[1], e.args[2], e.args[3],
                                          e.args[4], e.args[5]);
        if ( copy_to_guest(addr + __builtin_offsetof(struct multicall_entry, result),
                           &e.result, sizeof(e.result)) )
            return -EFAULT;
        if ( v->domain->is_shutting_down )
            break;
    }
    return 0;
}
