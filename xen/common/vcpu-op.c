/*
 * vcpu_op and set_timer_op: where a vCPU's vcpu_info lives, its one-shot
 * and periodic timers (which raise VIRQ_TIMER), and the pvclock time in
 * its vcpu_info.
 */
#include <asm/current.h>
#include <asm/mm.h>
#include <asm/msr.h>
#include <asm/smp.h>
#include <asm/pv-mm.h>
#include <asm/page.h>
#include <public/vcpu.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/string.h>
#include <xen/time.h>

/* Publish the TSC->system-time conversion (seqlock style: odd while writing). */
void update_vcpu_system_time(struct vcpu *v)
{
    struct vcpu_time_info *t = &v->vcpu_info->time;
    uint64_t tsc = rdtsc();

    t->version++;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    t->tsc_timestamp = tsc;
    t->system_time = NOW();
    t->tsc_to_system_mul = tsc_scale_for_guests.mul_frac;
    t->tsc_shift = tsc_scale_for_guests.shift;
    t->flags = XEN_PVCLOCK_TSC_STABLE_BIT;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    t->version++;
}

/* Copy the runstate to the guest's area, with the update flag if it asked for it. */
static void publish_runstate(struct vcpu *v)
{
    struct vcpu_runstate_info info = {
        .state = v->runstate,
        .state_entry_time = v->runstate_entry,
    };
    bool flag = v->pv.vm_assist & (1ULL << VMASST_TYPE_runstate_update_flag);
    uint64_t entry_va = v->runstate_guest_va +
                        __builtin_offsetof(struct vcpu_runstate_info, state_entry_time);

    if ( v->runstate_guest_va == 0 )
        return;
    memcpy(info.time, v->runstate_time, sizeof(info.time));
    if ( flag )
    {
        uint64_t marked = info.state_entry_time | XEN_RUNSTATE_UPDATE;

        if ( copy_to_guest(entry_va, &marked, sizeof(marked)) )
            return;                     /* an unmapped area is the guest's loss only */
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
    }
    if ( copy_to_guest(v->runstate_guest_va, &info, sizeof(info)) )
        return;
}

/* The guest's copy is written only through v's own page tables (when it is current). */
void vcpu_runstate_change(struct vcpu *v, int state)
{
    s_time_t now = NOW();

    v->runstate_time[v->runstate] += now - v->runstate_entry;
    v->runstate = state;
    v->runstate_entry = now;
    if ( v == current_vcpu() )
        publish_runstate(v);
}

static void singleshot_fired(void *data)
{
    struct vcpu *v = data;

    update_vcpu_system_time(v);
    send_guest_virq(v, VIRQ_TIMER);
}

static void periodic_fired(void *data)
{
    struct vcpu *v = data;

    update_vcpu_system_time(v);
    send_guest_virq(v, VIRQ_TIMER);
    set_timer(&v->periodic_timer, v->periodic_timer.expires + v->periodic_period);
}

static void poll_timeout(void *data)
{
    vcpu_unblock(data);
}

void vcpu_timers_init(struct vcpu *v, unsigned int cpu)
{
    init_timer(&v->poll_timer, poll_timeout, v, cpu);
    init_timer(&v->singleshot_timer, singleshot_fired, v, cpu);
    init_timer(&v->periodic_timer, periodic_fired, v, cpu);
}

static long register_vcpu_info(struct vcpu *v, uint64_t arg)
{
    struct vcpu_register_vcpu_info info;
    struct page_info *pg;
    struct vcpu_info *new;

    if ( copy_from_guest(&info, arg, sizeof(info)) )
        return -EFAULT;
    if ( info.offset > PAGE_SIZE - sizeof(struct vcpu_info) || info.rsvd ||
         info.mfn >= max_page )
        return -EINVAL;
    if ( v->vcpu_info != &v->domain->shared_info->vcpu_info[v->vcpu_id] )
        return -EINVAL;                 /* once only, as in Xen */
    /* Only an ordinary page of the domain's own (never one of its page tables). */
    pg = mfn_to_page(info.mfn);
    if ( get_page_and_type(pg, v->domain, PGT_writable) )
        return -EINVAL;
    v->vcpu_info_page = pg;             /* its references go with the domain */

    new = (struct vcpu_info *)((uint8_t *)maddr_to_virt(info.mfn << PAGE_SHIFT) +
                               info.offset);
    memcpy(new, v->vcpu_info, sizeof(*new));
    v->vcpu_info = new;
    /* Linux expects an event right away (LINUX-PV-CHECKLIST B2.18). */
    new->evtchn_upcall_pending = 1;
    new->evtchn_pending_sel = ~0UL;
    update_vcpu_system_time(v);
    return 0;
}

/* A context for an offline vCPU (any vCPU but the caller may be set up once). */
static long vcpu_initialise(struct vcpu *v, uint64_t arg)
{
    static struct vcpu_guest_context ctx;       /* 5 KiB: too big for the stack */
    static DEFINE_SPINLOCK(ctx_lock);
    long rc;

    if ( v->is_initialised )
        return -EEXIST;
    spin_lock(&ctx_lock);
    rc = copy_from_guest(&ctx, arg, sizeof(ctx)) ? -EFAULT : pv_vcpu_initialise(v, &ctx);
    spin_unlock(&ctx_lock);
    return rc;
}

/* Start an initialised vCPU: the scheduler finds it a CPU. */
static long vcpu_up(struct vcpu *v)
{
    if ( !v->is_initialised )
        return -EINVAL;
    vcpu_bring_up(v);
    return 0;
}

long do_vcpu_op(uint64_t cmd, uint64_t vcpuid, uint64_t arg, uint64_t a4, uint64_t a5,
                uint64_t a6)
{
    struct vcpu *cur = current_vcpu(), *v;
    struct domain *d = cur->domain;

    if ( vcpuid >= MAX_VIRT_CPUS )
        return -EINVAL;
    v = vcpuid < d->max_vcpus ? d->vcpu[vcpuid] : NULL;
    if ( v == NULL )
        return -ENOENT;

    switch ( cmd )
    {
    case VCPUOP_is_up:
        return v->is_up;
    case VCPUOP_initialise:
        return vcpu_initialise(v, arg);
    case VCPUOP_up:
        return vcpu_up(v);
    case VCPUOP_register_vcpu_info:
        return register_vcpu_info(v, arg);
    case VCPUOP_register_runstate_memory_area:
    {
        /* The argument is one 64-bit guest address (a handle/pointer union in the ABI). */
        uint64_t addr;

        BUILD_BUG_ON(sizeof(struct vcpu_register_runstate_memory_area) != sizeof(addr));
        if ( copy_from_guest(&addr, arg, sizeof(addr)) )
            return -EFAULT;
        if ( addr && !guest_range_ok(addr, sizeof(struct vcpu_runstate_info)) )
            return -EINVAL;
        v->runstate_guest_va = addr;
        vcpu_runstate_change(v, v->runstate);
        return 0;
    }
    case VCPUOP_set_singleshot_timer:
    {
        struct vcpu_set_singleshot_timer t;

        if ( v != cur )
            return -EINVAL;
        if ( copy_from_guest(&t, arg, sizeof(t)) )
            return -EFAULT;
        if ( (t.flags & VCPU_SSHOTTMR_future) && (s_time_t)t.timeout_abs_ns < NOW() )
            return -ETIME;
        set_timer(&v->singleshot_timer, t.timeout_abs_ns);
        return 0;
    }
    case VCPUOP_stop_singleshot_timer:
        if ( v != cur )
            return -EINVAL;
        stop_timer(&v->singleshot_timer);
        return 0;
    case VCPUOP_set_periodic_timer:
    {
        struct vcpu_set_periodic_timer t;

        if ( copy_from_guest(&t, arg, sizeof(t)) )
            return -EFAULT;
        if ( t.period_ns < MILLISECS(1) || t.period_ns > SECONDS(3600) )
            return -EINVAL;
        v->periodic_period = t.period_ns;
        set_timer(&v->periodic_timer, NOW() + t.period_ns);
        return 0;
    }
    case VCPUOP_stop_periodic_timer:
        stop_timer(&v->periodic_timer);
        return 0;
    default:
        return hypercall_subop_unimplemented(__HYPERVISOR_vcpu_op, cmd);
    }
}

long do_set_timer_op(uint64_t timeout, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5,
                     uint64_t a6)
{
    struct vcpu *v = current_vcpu();

    if ( timeout == 0 )
        stop_timer(&v->singleshot_timer);
    else
        set_timer(&v->singleshot_timer, timeout);
    return 0;
}
