/*
 * physdev_op: a guest's I/O privilege and its physical interrupts.  Every
 * sub-op is one function in the table below; the dispatcher copies the
 * argument in (its size is the table's), the function checks all of it
 * before it changes anything, and the dispatcher copies it back for the
 * sub-ops that answer through it.  Sub-ops not in the table return -ENOSYS
 * and are counted.
 */
#include <asm/pv.h>
#include <public/physdev.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/sched.h>

union physdev_arg {
    struct physdev_set_iopl set_iopl;
};

static long physdev_set_iopl(struct vcpu *v, union physdev_arg *a)
{
    if ( a->set_iopl.iopl > 3 )
        return -EINVAL;
    v->pv.iopl = a->set_iopl.iopl;
    return 0;
}

struct physdev_op_desc {
    uint32_t cmd;
    uint32_t size;              /* bytes of the guest's argument */
    bool answers;               /* copied back to the guest on success */
    long (*fn)(struct vcpu *v, union physdev_arg *a);
};

static const struct physdev_op_desc physdev_ops[] = {
    { PHYSDEVOP_set_iopl, sizeof(struct physdev_set_iopl), false, physdev_set_iopl },
};

long do_physdev_op(uint64_t cmd, uint64_t arg, uint64_t a3, uint64_t a4, uint64_t a5,
                   uint64_t a6)
{
    for ( unsigned int i = 0; i < ARRAY_SIZE(physdev_ops); i++ )
    {
        const struct physdev_op_desc *op = &physdev_ops[i];
        union physdev_arg a;
        long rc;

        if ( op->cmd != cmd )
            continue;
        if ( copy_from_guest(&a, arg, op->size) )
            return -EFAULT;
        rc = op->fn(current_vcpu(), &a);
        if ( rc == 0 && op->answers && copy_to_guest(arg, &a, op->size) )
            rc = -EFAULT;
        return rc;
    }
    return hypercall_subop_unimplemented(__HYPERVISOR_physdev_op, cmd);
}
