/*
 * Software timers: a sorted list per CPU.  Lists are short (a few timers
 * per vCPU), so insertion by walking is cheaper than a heap's bookkeeping.
 */
#include <asm/config.h>
#include <asm/current.h>
#include <xen/lib.h>
#include <xen/spinlock.h>
#include <xen/timer.h>

struct cpu_timers {
    spinlock_t lock;
    struct timer *head;
    uint64_t interrupts;
} __aligned(64);

static struct cpu_timers cpu_timers[NR_CPUS];

void init_timer(struct timer *t, void (*function)(void *), void *data,
                unsigned int cpu)
{
    ASSERT(cpu < NR_CPUS);
    t->expires = 0;
    t->function = function;
    t->data = data;
    t->cpu = cpu;
    t->active = false;
    t->next = NULL;
}

static void unlink_timer(struct cpu_timers *ct, struct timer *t)
{
    for ( struct timer **pp = &ct->head; *pp; pp = &(*pp)->next )
        if ( *pp == t )
        {
            *pp = t->next;
            break;
        }
    t->active = false;
    t->next = NULL;
}

/* Lock the list of the CPU t belongs to (migrate_timer may change it until we hold it). */
static struct cpu_timers *lock_timer(const struct timer *t, unsigned long *flags)
{
    for ( ;; )
    {
        unsigned int cpu = ACCESS_ONCE(t->cpu);
        struct cpu_timers *ct = &cpu_timers[cpu];

        *flags = spin_lock_irqsave(&ct->lock);
        if ( cpu == ACCESS_ONCE(t->cpu) )
            return ct;
        spin_unlock_irqrestore(&ct->lock, *flags);
    }
}

void set_timer(struct timer *t, s_time_t expires)
{
    unsigned long flags;
    struct cpu_timers *ct = lock_timer(t, &flags);
    struct timer **pp;
    bool new_head;

    if ( t->active )
        unlink_timer(ct, t);
    t->expires = expires;
    for ( pp = &ct->head; *pp && (*pp)->expires <= expires; pp = &(*pp)->next )
        ;
    t->next = *pp;
    *pp = t;
    t->active = true;
    new_head = ct->head == t;
    spin_unlock_irqrestore(&ct->lock, flags);

    /* Only the owning CPU programs its hardware timer: another is asked to. */
    if ( new_head && ct == &cpu_timers[smp_processor_id()] )
        reprogram_timer(expires);
    else if ( new_head )
        timer_kick_cpu(ct - cpu_timers);
}

void migrate_timer(struct timer *t, unsigned int cpu)
{
    unsigned long flags;
    struct cpu_timers *ct = lock_timer(t, &flags);
    bool was_active = t->active;

    if ( was_active )
        unlink_timer(ct, t);
    ACCESS_ONCE(t->cpu) = cpu;          /* unlinked: no list holds it while it moves */
    spin_unlock_irqrestore(&ct->lock, flags);
    if ( was_active )
        set_timer(t, t->expires);
}

void stop_timer(struct timer *t)
{
    unsigned long flags;
    struct cpu_timers *ct = lock_timer(t, &flags);

    if ( t->active )
        unlink_timer(ct, t);
    spin_unlock_irqrestore(&ct->lock, flags);
}

void timer_interrupt(void)
{
    struct cpu_timers *ct = &cpu_timers[smp_processor_id()];
    s_time_t next;

    ct->interrupts++;
    for ( ;; )
    {
        struct timer *t;

        spin_lock(&ct->lock);
        t = ct->head;
        if ( t == NULL || t->expires > NOW() )
            break;
        ct->head = t->next;
        t->active = false;
        t->next = NULL;
        spin_unlock(&ct->lock);
        t->function(t->data);
    }
    next = ct->head ? ct->head->expires : 0;
    spin_unlock(&ct->lock);
    reprogram_timer(next);
}

uint64_t timer_interrupt_count(unsigned int cpu)
{
    return cpu < NR_CPUS ? cpu_timers[cpu].interrupts : 0;
}
