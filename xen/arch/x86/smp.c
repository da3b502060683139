/*
 * Cross-CPU function calls.  One call is in flight at a time (call_lock);
 * the target runs the function from its IPI handler and reports completion
 * through the 'done' flag the caller spins on.
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

static DEFINE_SPINLOCK(call_lock);
static struct {
    void (*fn)(void *);
    void *data;
    unsigned int target;
    volatile bool done;
} call;

static void call_function_interrupt(struct cpu_user_regs *regs, void *unused)
{
    if ( call.target != smp_processor_id() || call.done )
        return;
    call.fn(call.data);
    __atomic_store_n(&call.done, true, __ATOMIC_RELEASE);
}

/* The call that never returns: release the caller, finish the IPI, run the guest. */
static void run_vcpu_here(void *data)
{
    __atomic_store_n(&call.done, true, __ATOMIC_RELEASE);
    apic_eoi();
    vcpu_run(data);
}

int smp_run_vcpu_on(unsigned int cpu, struct vcpu *v)
{
    return smp_call_function_on(cpu, run_vcpu_here, v);
}

void smp_ipi_init(void)
{
    irq_bind_fixed_vector(CALL_FUNCTION_VECTOR, "call-function",
                          call_function_interrupt, NULL);
}

int smp_call_function_on(unsigned int cpu, void (*fn)(void *), void *data)
{
    s_time_t deadline;
    int rc = 0;

    if ( cpu == smp_processor_id() || !cpu_online(cpu) )
        return -EINVAL;

    spin_lock(&call_lock);
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
