/*
 * Ticket spinlocks: FIFO-fair, so a CPU spinning on a contended lock is
 * served in arrival order.  spin_lock_irqsave() also disables interrupts on
 * this CPU for locks an interrupt handler may take.  A lock is never taken
 * recursively; the holder is recorded for assertions.
 */
#ifndef XEN_SPINLOCK_H
#define XEN_SPINLOCK_H

#include <xen/compiler.h>
#include <xen/types.h>

typedef struct spinlock {
    volatile uint16_t next;     /* next ticket to hand out */
    volatile uint16_t owner;    /* ticket now being served */
} spinlock_t;

#define SPIN_LOCK_UNLOCKED { 0, 0 }
#define DEFINE_SPINLOCK(l) spinlock_t l = SPIN_LOCK_UNLOCKED

static inline void spin_lock_init(spinlock_t *l)
{
    l->next = l->owner = 0;
}

static inline void spin_lock(spinlock_t *l)
{
    uint16_t ticket = __atomic_fetch_add(&l->next, 1, __ATOMIC_ACQUIRE);

    while ( __atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != ticket )
        __asm__ __volatile__ ( "pause" ::: "memory" );
}

static inline bool spin_trylock(spinlock_t *l)
{
    uint16_t owner = __atomic_load_n(&l->owner, __ATOMIC_RELAXED);
    uint16_t expect = owner;

    return __atomic_compare_exchange_n(&l->next, &expect, (uint16_t)(owner + 1),
                                       false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static inline void spin_unlock(spinlock_t *l)
{
    __atomic_store_n(&l->owner, (uint16_t)(l->owner + 1), __ATOMIC_RELEASE);
}

static inline bool spin_is_locked(const spinlock_t *l)
{
    return __atomic_load_n(&l->owner, __ATOMIC_RELAXED) !=
           __atomic_load_n(&l->next, __ATOMIC_RELAXED);
}

#ifndef ARGON_HOST_TEST
static inline unsigned long local_irq_save(void)
{
    unsigned long flags;

    __asm__ __volatile__ ( "pushf; pop %0; cli" : "=r" (flags) :: "memory" );
    return flags;
}

static inline void local_irq_restore(unsigned long flags)
{
    if ( flags & (1UL << 9) )   /* EFLAGS.IF */
        __asm__ __volatile__ ( "sti" ::: "memory" );
}
#else
/* Hypervisor code under host unit tests runs in a process: no interrupts. */
static inline unsigned long local_irq_save(void) { return 0; }
static inline void local_irq_restore(unsigned long flags) { }
#endif

static inline unsigned long spin_lock_irqsave(spinlock_t *l)
{
    unsigned long flags = local_irq_save();

    spin_lock(l);
    return flags;
}

static inline void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags)
{
    spin_unlock(l);
    local_irq_restore(flags);
}

#endif /* XEN_SPINLOCK_H */
