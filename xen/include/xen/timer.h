/*
 * Per-CPU software timers.
 *
 * A timer belongs to one CPU and fires there, from the timer interrupt,
 * with interrupts off and no timer lock held, so its function may set or
 * stop timers (itself included).  Each CPU's pending timers are kept in
 * expiry order under that CPU's lock; the hardware timer is programmed for
 * the earliest one.  A timer must be stopped before its memory is freed.
 */
#ifndef XEN_TIMER_H
#define XEN_TIMER_H

#include <xen/time.h>

struct timer {
    s_time_t expires;
    void (*function)(void *data);
    void *data;
    unsigned int cpu;
    bool active;                /* on its CPU's list */
    struct timer *next;
};

void init_timer(struct timer *t, void (*function)(void *), void *data,
                unsigned int cpu);

/* (Re)arm to fire at system time 'expires' (which may already be past). */
void set_timer(struct timer *t, s_time_t expires);
void stop_timer(struct timer *t);

/* Move a timer to another CPU, keeping its expiry if it is set. */
void migrate_timer(struct timer *t, unsigned int cpu);

/* Provided by the architecture: make another CPU reprogram its timer (an IPI). */
void timer_kick_cpu(unsigned int cpu);

/* Called by the timer interrupt: run what has expired, reprogram. */
void timer_interrupt(void);

/* Provided by the architecture: fire the timer interrupt at 'deadline' (0: never). */
void reprogram_timer(s_time_t deadline);

/* Timer interrupts handled per CPU. */
uint64_t timer_interrupt_count(unsigned int cpu);

#endif /* XEN_TIMER_H */
