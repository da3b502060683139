/*
 * The small per-vCPU registrations of a PV kernel: its kernel stack for
 * exceptions from user mode, its event/failsafe/syscall/NMI entry points,
 * segment bases, the virtual TS flag and the VM assists.  Each checks its
 * arguments and refuses what it does not implement with -ENOSYS or -EINVAL.
 */
#include <asm/msr.h>
#include <asm/pv.h>
#include <public/callback.h>
#include <public/xen.h>
#include <asm/desc.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/sched.h>
#include <xen/spinlock.h>

/* VM assists Argon understands (recorded; behaviour follows with the PV MMU). */
#define KNOWN_ASSISTS  ((1ULL << VMASST_TYPE_writable_pagetables) | \
                        (1ULL << VMASST_TYPE_pae_extended_cr3) | \
                        (1ULL << VMASST_TYPE_runstate_update_flag))

static bool entry_ok(uint64_t va)
{
    return va == 0 || guest_range_ok(va, 1);
}

long do_stack_switch(uint64_t ss, uint64_t sp, uint64_t a3, uint64_t a4, uint64_t a5,
                     uint64_t a6)
{
    struct vcpu *v = current_vcpu();

    /*
     * Any selector of the guest's own GDT (Linux passes its __KERNEL_DS),
     * at ring 3 where its kernel runs; of the hypervisor's, only the flat
     * kernel one.  64-bit bounce frames use FLAT_KERNEL_SS whatever it is.
     */
    ss &= 0xffff;
    if ( (ss >= FIRST_RESERVED_GDT_BYTE && ss != FLAT_KERNEL_SS) || !guest_range_ok(sp, 1) )
        return -EINVAL;
    v->pv.kernel_ss = ss | 3;
    v->pv.kernel_sp = sp;
    return 0;
}

long do_set_callbacks(uint64_t event, uint64_t failsafe, uint64_t syscall,
                      uint64_t a4, uint64_t a5, uint64_t a6)
{
    struct vcpu *v = current_vcpu();

    if ( !entry_ok(event) || !entry_ok(failsafe) || !entry_ok(syscall) )
        return -EINVAL;
    v->pv.event_callback = event;
    v->pv.failsafe_callback = failsafe;
    v->pv.syscall_callback = syscall;
    return 0;
}

static long register_callback(struct vcpu *v, const struct callback_register *r)
{
    bool mask = r->flags & CALLBACKF_mask_events;

    if ( !entry_ok(r->address) || (r->flags & ~CALLBACKF_mask_events) )
        return -EINVAL;
    switch ( r->type )
    {
    case CALLBACKTYPE_event:
        v->pv.event_callback = r->address;
        return 0;
    case CALLBACKTYPE_failsafe:
        v->pv.failsafe_callback = r->address;
        v->pv.failsafe_disables_events = mask;
        return 0;
    case CALLBACKTYPE_syscall:
        v->pv.syscall_callback = r->address;
        v->pv.syscall_disables_events = mask;
        return 0;
    case CALLBACKTYPE_nmi:
        v->pv.nmi_callback = r->address;
        return 0;
    case CALLBACKTYPE_syscall32:
    case CALLBACKTYPE_sysenter:
        return -ENOSYS;                 /* no 32-bit user space on PV yet */
    default:
        return -EINVAL;
    }
}

long do_callback_op(uint64_t cmd, uint64_t arg, uint64_t a3, uint64_t a4, uint64_t a5,
                    uint64_t a6)
{
    struct vcpu *v = current_vcpu();

    switch ( cmd )
    {
    case CALLBACKOP_register:
    {
        struct callback_register r;

        if ( copy_from_guest(&r, arg, sizeof(r)) )
            return -EFAULT;
        return register_callback(v, &r);
    }
    case CALLBACKOP_unregister:
    {
        struct callback_unregister u;
        struct callback_register r = { 0 };

        if ( copy_from_guest(&u, arg, sizeof(u)) )
            return -EFAULT;
        r.type = u.type;
        return register_callback(v, &r);
    }
    default:
        return -ENOSYS;
    }
}

int pv_set_segment_base(struct vcpu *v, unsigned int which, uint64_t base)
{
    if ( which != SEGBASE_GS_USER_SEL && (int64_t)(base << 16) >> 16 != (int64_t)base )
        return -EINVAL;                 /* non-canonical */
    switch ( which )
    {
    case SEGBASE_FS:
        v->pv.fs_base = base;
        wrmsr(MSR_FS_BASE, base);
        return 0;
    case SEGBASE_GS_KERNEL:
        v->pv.gs_base_kernel = base;
        wrmsr(MSR_GS_BASE, base);
        return 0;
    case SEGBASE_GS_USER:
        v->pv.gs_base_user = base;
        wrmsr(MSR_SHADOW_GS_BASE, base);
        return 0;
    case SEGBASE_GS_USER_SEL:
    {
        unsigned long flags = local_irq_save();

        /*
         * The user's GS base is live while the guest's user runs: swap it
         * in, load the selector (which sets the base from its descriptor;
         * a bad selector leaves null), note the base, swap back.
         */
        __asm__ __volatile__ ( "swapgs" ::: "memory" );
        load_gs_selector(base & 0xffff);
        v->pv.gs_base_user = rdmsr(MSR_GS_BASE);
        __asm__ __volatile__ ( "swapgs" ::: "memory" );
        local_irq_restore(flags);
        return 0;
    }
    default:
        return -EINVAL;
    }
}

long do_set_segment_base(uint64_t which, uint64_t base, uint64_t a3, uint64_t a4,
                         uint64_t a5, uint64_t a6)
{
    return pv_set_segment_base(current_vcpu(), which, base);
}

long do_fpu_taskswitch(uint64_t set, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5,
                       uint64_t a6)
{
    struct vcpu *v = current_vcpu();

    v->pv.virtual_ts = set != 0;
    pv_set_ts(v->pv.virtual_ts);
    return 0;
}

long do_vm_assist(uint64_t cmd, uint64_t type, uint64_t a3, uint64_t a4, uint64_t a5,
                  uint64_t a6)
{
    struct vcpu *v = current_vcpu();

    if ( type >= 64 || !(KNOWN_ASSISTS & (1ULL << type)) )
        return -EINVAL;
    switch ( cmd )
    {
    case VMASST_CMD_enable:
        v->pv.vm_assist |= 1ULL << type;
        return 0;
    case VMASST_CMD_disable:
        v->pv.vm_assist &= ~(1ULL << type);
        return 0;
    default:
        return -ENOSYS;
    }
}
