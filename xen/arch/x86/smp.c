/*
 * Cross-CPU function calls.  One call is in flight at a time (call_lock);
 * the target runs the function from its IPI handler (or, if it is itself
 * waiting to make a call, from that wait) and reports completion through
 * the 'done' flag the caller spins on.
 */
#include <asm/apic.h>
#include <asm/current.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <xen/errno.h>
#include <xen/irq.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <xen/time.h>
#include <xen/timer.h>

static DEFINE_SPINLOCK(call_lock);
static struct {
    void (*fn)(void *);
    void *data;
    unsigned int target;
    volatile bool done;
} call;

static void call_function_interrupt(struct cpu_user_regs *regs, void *unused)
{
    if ( __atomic_load_n(&call.done, __ATOMIC_ACQUIRE) || call.fn == NULL ||
         call.target != smp_processor_id() )
        return;
    call.fn(call.data);
    __atomic_store_n(&call.done, true, __ATOMIC_RELEASE);
}

/*
 * EVENT_CHECK: another CPU woke a vCPU for us, asked us to reschedule, or
 * set one of our timers.  Coming here is most of the work: the way back
 * to a guest (or the idle loop) looks at the run queue.
 */
static void event_check_interrupt(struct cpu_user_regs *regs, void *unused)
{
    timer_interrupt();                  /* runs what is due, reprograms for the rest */
}

void timer_kick_cpu(unsigned int cpu)
{
    sched_kick_cpu(cpu);
}

void smp_ipi_init(void)
{
    irq_bind_fixed_vector(CALL_FUNCTION_VECTOR, "call-function",
                          call_function_interrupt, NULL);
    irq_bind_fixed_vector(EVENT_CHECK_VECTOR, "event-check", event_check_interrupt, NULL);
}

int smp_call_function_on(unsigned int cpu, void (*fn)(void *), void *data)
{
    s_time_t deadline;
    int rc = 0;

    if ( cpu == smp_processor_id() || !cpu_online(cpu) )
        return -EINVAL;

    /*
     * Callers run with interrupts off: while we wait for the lock, the call
     * in flight may be for us, and its IPI cannot get in; serve it here.
     */
    while ( !spin_trylock(&call_lock) )
    {
        call_function_interrupt(NULL, NULL);
        cpu_relax();
    }
    call.fn = fn;
    call.data = data;
    call.target = cpu;
    __atomic_store_n(&call.done, false, __ATOMIC_RELEASE);
    apic_send_icr(cpu_to_apic_id[cpu], CALL_FUNCTION_VECTOR);

    deadline = NOW() + SECONDS(1);
    while ( !__atomic_load_n(&call.done, __ATOMIC_ACQUIRE) )
    {
        if ( NOW() > deadline )
        {
            rc = -ETIMEDOUT;
            call.done = true;   /* a late IPI must not run a stale call */
            break;
        }
        cpu_relax();
    }
    spin_unlock(&call_lock);
    return rc;
}
