/*
 * selftest=timer: a periodic 10 ms software timer runs for 500 ms of
 * TSC-derived system time on the boot CPU.  It must fire 50 times (+-1 for
 * the window's edges) and never early.  Re-arming from the previous
 * deadline, not from "now", keeps lateness from accumulating into drift.
 */
#include <asm/processor.h>
#include <xen/irq.h>
#include <xen/lib.h>
#include <xen/selftest.h>
#include <xen/timer.h>

#define PERIOD      MILLISECS(10)
#define WINDOW      MILLISECS(500)

static struct timer tick_timer;
static volatile unsigned int ticks, early;
static s_time_t max_late;

static void tick(void *data)
{
    s_time_t now = NOW(), late = now - tick_timer.expires;

    if ( late < 0 )
        early++;
    else if ( late > max_late )
        max_late = late;
    ticks++;
    set_timer(&tick_timer, tick_timer.expires + PERIOD);
}

static bool timer_selftest(void)
{
    s_time_t start, end;
    unsigned int counted;

    init_timer(&tick_timer, tick, NULL, 0);
    ticks = early = 0;
    max_late = 0;
    start = NOW();
    set_timer(&tick_timer, start + PERIOD);
    end = start + WINDOW;
    while ( NOW() < end )
        halt();                 /* interrupts are on: the timer wakes us */
    counted = ticks;
    stop_timer(&tick_timer);

    if ( counted < WINDOW / PERIOD - 1 || counted > WINDOW / PERIOD + 1 || early )
    {
        printk("Self-test timer: FAIL: %u ticks of 10 ms in 500 ms (want 50), "
               "%u early\n", counted, early);
        return false;
    }
    printk("Self-test timer: PASS: %u ticks of 10 ms in 500 ms of TSC time, "
           "max lateness %lu us, %lu timer interrupts\n", counted,
           (unsigned long)(max_late / 1000), (unsigned long)timer_interrupt_count(0));
    return true;
}
REGISTER_SELFTEST("timer", timer_selftest);
