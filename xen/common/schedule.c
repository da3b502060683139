/*
 * The generic scheduler: per-CPU run queues, time slices, block/wake,
 * yield, poll, pause, and the credit accounting pass.  The rules (which
 * lock guards what, who may change v->processor) are in xen/sched.h; the
 * policy's pure logic is in sched-credit.c.
 *
 * A CPU switches vCPUs only on its way out to a guest
 * (sched_exit_to_guest), when the hypervisor holds nothing: the timer (a
 * time slice ended), a wake-up of a higher-priority vCPU, a block, a yield
 * or a pause set the CPU's resched flag, and an IPI brings a remote CPU to
 * its exit path.
 */
#include <asm/apic.h>
#include <asm/current.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <public/vcpu.h>
#include <xen/compiler.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <xen/timer.h>

#define SCHED_TSLICE    MILLISECS(10)
#define SCHED_PERIOD    MILLISECS(30)       /* credit accounting */

struct sched_cpu {
    spinlock_t lock;                        /* runq, curr, and its vCPUs' states */
    struct sched_runq runq;
    struct vcpu *curr;                      /* NULL while idle */
    volatile bool resched;                  /* switch on the way out */
    struct timer slice_timer;
} __aligned(64);

static struct sched_cpu sched_cpus[NR_CPUS];
static struct timer accounting_timer;

static struct vcpu *unit_vcpu(struct sched_unit *u)
{
    return u ? container_of(u, struct vcpu, sched) : NULL;
}

static bool vcpu_may_run(const struct vcpu *v)
{
    return v->is_up && !v->blocked && !ACCESS_ONCE(v->pause_count) &&
           !ACCESS_ONCE(v->domain->pause_count);
}

/* Lock the CPU v->processor names (it may change until we hold that lock). */
static unsigned int vcpu_schedule_lock(const struct vcpu *v, unsigned long *flags)
{
    for ( ;; )
    {
        unsigned int cpu = ACCESS_ONCE(v->processor);

        *flags = spin_lock_irqsave(&sched_cpus[cpu].lock);
        if ( cpu == ACCESS_ONCE(v->processor) )
            return cpu;
        spin_unlock_irqrestore(&sched_cpus[cpu].lock, *flags);
    }
}

static void vcpu_schedule_unlock(unsigned int cpu, unsigned long flags)
{
    spin_unlock_irqrestore(&sched_cpus[cpu].lock, flags);
}

void sched_kick_cpu(unsigned int cpu)
{
    if ( cpu != smp_processor_id() && cpu_online(cpu) )
        apic_send_icr(cpu_to_apic_id[cpu], EVENT_CHECK_VECTOR);
}

/* Ask v's CPU to reschedule; the caller holds its lock. */
static void resched_cpu_locked(unsigned int cpu)
{
    sched_cpus[cpu].resched = true;
    sched_kick_cpu(cpu);
}

static void slice_fired(void *data)
{
    struct sched_cpu *sc = data;

    sc->resched = true;
}

/* The vCPU's timers follow it, so they fire (and are programmed) where it runs. */
static void vcpu_move_timers(struct vcpu *v, unsigned int cpu)
{
    migrate_timer(&v->singleshot_timer, cpu);
    migrate_timer(&v->periodic_timer, cpu);
    migrate_timer(&v->poll_timer, cpu);
}

static unsigned int cpu_load(unsigned int cpu)
{
    const struct sched_cpu *sc = &sched_cpus[cpu];

    return ACCESS_ONCE(sc->runq.len) + (ACCESS_ONCE(sc->curr) != NULL);
}

static unsigned int pick_cpu_for(const struct vcpu *v)
{
    extern volatile uint64_t cpu_online_map;
    unsigned int load[NR_CPUS];
    int cpu;

    for ( unsigned int i = 0; i < NR_CPUS; i++ )
        load[i] = cpu_online(i) ? cpu_load(i) : 0;
    cpu = sched_pick_cpu(load, NR_CPUS, vcpu_hard_affinity(v) & cpu_online_map, v->processor);
    return cpu < 0 ? v->processor : (unsigned int)cpu;    /* no allowed CPU online: stay */
}

static void wake(struct vcpu *v, bool unblock)
{
    unsigned long flags;
    unsigned int cpu = vcpu_schedule_lock(v, &flags), target;
    struct sched_cpu *sc;
    bool boost = unblock && v->blocked, preempt;

    if ( unblock )
        v->blocked = false;
    if ( !vcpu_may_run(v) || v->is_running || v->sched.queued )
    {
        vcpu_schedule_unlock(cpu, flags);
        return;
    }
    target = pick_cpu_for(v);
    if ( target != cpu )
    {
        /* Under the old CPU's lock, so two wakers never move it (or its timers) at once. */
        vcpu_move_timers(v, target);
        v->processor = target;
        vcpu_schedule_unlock(cpu, flags);
        cpu = vcpu_schedule_lock(v, &flags);
        if ( !vcpu_may_run(v) || v->is_running || v->sched.queued )
        {
            vcpu_schedule_unlock(cpu, flags);
            return;
        }
    }
    sc = &sched_cpus[cpu];
    if ( boost && v->sched.pri == CREDIT_PRI_UNDER )
        v->sched.pri = CREDIT_PRI_BOOST;
    vcpu_runstate_change(v, RUNSTATE_runnable);
    runq_insert(&sc->runq, &v->sched, false);
    preempt = sc->curr == NULL || v->sched.pri < sc->curr->sched.pri;
    if ( preempt )
        resched_cpu_locked(cpu);
    vcpu_schedule_unlock(cpu, flags);
}

void vcpu_wake(struct vcpu *v)
{
    wake(v, false);
}

void vcpu_unblock(struct vcpu *v)
{
    wake(v, true);
}

void vcpu_block(struct vcpu *v)
{
    v->blocked = true;
    sched_cpus[smp_processor_id()].resched = true;
}

void vcpu_yield(struct vcpu *v)
{
    struct sched_cpu *sc = &sched_cpus[smp_processor_id()];

    if ( ACCESS_ONCE(sc->runq.len) == 0 )
        return;                         /* nobody to yield to here */
    v->yielding = true;
    sc->resched = true;
}

void sched_poll_port_pending(struct domain *d, unsigned int port)
{
    for ( unsigned int i = 0; i < d->max_vcpus; i++ )
    {
        struct vcpu *v = d->vcpu[i];

        if ( v == NULL || !ACCESS_ONCE(v->poll_nr) || !v->blocked )
            continue;
        for ( unsigned int p = 0; p < ACCESS_ONCE(v->poll_nr) && p < MAX_POLL_PORTS; p++ )
            if ( v->poll_ports[p] == port )
            {
                vcpu_unblock(v);
                break;
            }
    }
}

/* A poll is over once its vCPU runs again, whatever ended it. */
void vcpu_end_poll(struct vcpu *v)
{
    if ( v->poll_nr == 0 )
        return;
    stop_timer(&v->poll_timer);
    v->poll_nr = 0;
}

/* The next vCPU to run from this CPU's queue; units that may no longer run are dropped. */
static struct vcpu *pick_next(struct sched_cpu *sc)
{
    struct vcpu *v;

    while ( (v = unit_vcpu(runq_pop(&sc->runq))) != NULL )
        if ( vcpu_may_run(v) )
            return v;
    return NULL;
}

/* Under sc->lock: next gets the CPU for a slice. */
static void start_running(struct sched_cpu *sc, struct vcpu *next, s_time_t now)
{
    sc->curr = next;
    if ( next == NULL )
    {
        stop_timer(&sc->slice_timer);
        return;
    }
    next->is_running = true;
    next->sched_start = now;
    set_timer(&sc->slice_timer, now + SCHED_TSLICE);
}

static void __noreturn idle_loop(void)
{
    unsigned int cpu = smp_processor_id();
    struct sched_cpu *sc = &sched_cpus[cpu];

    for ( ;; )
    {
        struct vcpu *next;

        local_irq_disable();
        spin_lock(&sc->lock);
        sc->resched = false;
        next = pick_next(sc);
        if ( next )
        {
            start_running(sc, next, NOW());
            spin_unlock(&sc->lock);
            vcpu_run(next);
        }
        spin_unlock(&sc->lock);
        /* STI's one-instruction shadow covers HLT: a wake-up IPI cannot slip between. */
        __asm__ __volatile__ ( "sti; hlt" ::: "memory" );
    }
}

extern uint64_t boot_l4[512];
void __noreturn reset_stack_and_call(void (*fn)(void));

void sched_idle(void)
{
    get_cpu_info()->current = NULL;
    /* Off the last guest's page tables: its domain may be destroyed while we idle. */
    __asm__ __volatile__ ( "mov %0, %%cr3" :: "r" (virt_to_maddr(boot_l4)) : "memory" );
    reset_stack_and_call(idle_loop);
}

void sched_exit_to_guest(struct cpu_user_regs *frame)
{
    unsigned int cpu = smp_processor_id();
    struct sched_cpu *sc = &sched_cpus[cpu];
    struct vcpu *prev = current_vcpu(), *next;
    s_time_t now;
    bool may_run;

    local_irq_disable();
    if ( prev == NULL || (!sc->resched && vcpu_may_run(prev)) )
        return;
    spin_lock(&sc->lock);
    sc->resched = false;
    now = NOW();
    credit_charge(&prev->sched, now - prev->sched_start, SCHED_PERIOD);
    if ( prev->sched.pri == CREDIT_PRI_BOOST )
        prev->sched.pri = credit_priority(prev->sched.credit);   /* a boost lasts one run */
    may_run = vcpu_may_run(prev);
    if ( may_run )
        runq_insert(&sc->runq, &prev->sched, prev->yielding);
    prev->yielding = false;
    next = pick_next(sc);
    if ( next == prev )
    {
        vcpu_end_poll(prev);
        /* It goes on: its slice runs on, or a new one starts if that was what ended. */
        prev->sched_start = now;
        if ( !sc->slice_timer.active )
            set_timer(&sc->slice_timer, now + SCHED_TSLICE);
        spin_unlock(&sc->lock);
        return;
    }
    vcpu_save_context(prev, frame);
    vcpu_runstate_change(prev, may_run ? RUNSTATE_runnable
                               : prev->blocked ? RUNSTATE_blocked : RUNSTATE_offline);
    prev->is_running = false;
    start_running(sc, next, now);
    spin_unlock(&sc->lock);
    if ( next )
        vcpu_run(next);
    sched_idle();
}

void sched_vcpu_stopped(struct vcpu *v)
{
    unsigned long flags;
    unsigned int cpu = vcpu_schedule_lock(v, &flags);

    v->is_up = false;
    v->is_running = false;
    runq_remove(&sched_cpus[cpu].runq, &v->sched);
    if ( sched_cpus[cpu].curr == v )
        start_running(&sched_cpus[cpu], NULL, NOW());
    vcpu_runstate_change(v, RUNSTATE_offline);
    vcpu_schedule_unlock(cpu, flags);
}

void sched_kick_vcpu(struct vcpu *v)
{
    unsigned long flags;
    unsigned int cpu = vcpu_schedule_lock(v, &flags);

    if ( v->is_running )
        resched_cpu_locked(cpu);
    vcpu_schedule_unlock(cpu, flags);
    vcpu_unblock(v);
}

/* Off its queue, and off its CPU before this returns. */
static void vcpu_sleep_sync(struct vcpu *v)
{
    unsigned long flags;
    unsigned int cpu = vcpu_schedule_lock(v, &flags);

    runq_remove(&sched_cpus[cpu].runq, &v->sched);
    if ( v->is_running )
        resched_cpu_locked(cpu);
    vcpu_schedule_unlock(cpu, flags);
    while ( ACCESS_ONCE(v->is_running) )
        cpu_relax();
}

void vcpu_pause(struct vcpu *v)
{
    BUG_ON(v == current_vcpu());
    __atomic_add_fetch(&v->pause_count, 1, __ATOMIC_SEQ_CST);
    vcpu_sleep_sync(v);
}

void vcpu_unpause(struct vcpu *v)
{
    BUG_ON(v->pause_count == 0);
    if ( __atomic_sub_fetch(&v->pause_count, 1, __ATOMIC_SEQ_CST) == 0 )
        vcpu_wake(v);
}

void domain_pause(struct domain *d)
{
    BUG_ON(current_vcpu() && current_vcpu()->domain == d);
    __atomic_add_fetch(&d->pause_count, 1, __ATOMIC_SEQ_CST);
    for ( unsigned int i = 0; i < d->max_vcpus; i++ )
        vcpu_sleep_sync(d->vcpu[i]);
}

void domain_unpause(struct domain *d)
{
    BUG_ON(d->pause_count == 0);
    if ( __atomic_sub_fetch(&d->pause_count, 1, __ATOMIC_SEQ_CST) )
        return;
    for ( unsigned int i = 0; i < d->max_vcpus; i++ )
        vcpu_wake(d->vcpu[i]);
}

/* One accounting period: every active vCPU gets its domain's share of the machine. */
struct accounting {
    unsigned int total_weight;
};

static unsigned int active_vcpus(const struct domain *d)
{
    unsigned int n = 0;

    for ( unsigned int i = 0; i < d->max_vcpus; i++ )
        n += d->vcpu[i]->is_running || vcpu_may_run(d->vcpu[i]);
    return n;
}

static void sum_weights(struct domain *d, void *arg)
{
    struct accounting *a = arg;

    if ( active_vcpus(d) )
        a->total_weight += d->sched_weight;
}

static void refill_domain(struct domain *d, void *arg)
{
    const struct accounting *a = arg;
    unsigned int active = active_vcpus(d);
    int64_t share = credit_vcpu_share(SCHED_PERIOD, nr_cpus_online, d->sched_weight,
                                      a->total_weight, active);

    for ( unsigned int i = 0; i < d->max_vcpus && active; i++ )
    {
        struct vcpu *v = d->vcpu[i];
        unsigned long flags;
        unsigned int cpu;

        if ( !v->is_running && !vcpu_may_run(v) )
            continue;
        cpu = vcpu_schedule_lock(v, &flags);
        credit_refill(&v->sched, share, SCHED_PERIOD);
        vcpu_schedule_unlock(cpu, flags);
    }
}

static void accounting_fired(void *unused)
{
    struct accounting a = { 0 };

    domain_for_each(sum_weights, &a);
    domain_for_each(refill_domain, &a);
    set_timer(&accounting_timer, accounting_timer.expires + SCHED_PERIOD);
}

void sched_vcpu_init(struct vcpu *v)
{
    v->sched.pri = CREDIT_PRI_UNDER;
    v->runstate = RUNSTATE_offline;
    v->runstate_entry = NOW();
}

void sched_init(void)
{
    for ( unsigned int cpu = 0; cpu < NR_CPUS; cpu++ )
    {
        spin_lock_init(&sched_cpus[cpu].lock);
        init_timer(&sched_cpus[cpu].slice_timer, slice_fired, &sched_cpus[cpu], cpu);
    }
    init_timer(&accounting_timer, accounting_fired, NULL, 0);
    set_timer(&accounting_timer, NOW() + SCHED_PERIOD);
}
