/*
 * selftest=smp: every secondary CPU runs a function sent by IPI, and arms
 * a software timer on itself that must fire there.
 */
#include <asm/current.h>
#include <asm/smp.h>
#include <xen/lib.h>
#include <xen/selftest.h>
#include <xen/timer.h>

static volatile unsigned int ran_on[NR_CPUS];
static volatile unsigned int fired_on[NR_CPUS];
static struct timer cpu_timers_under_test[NR_CPUS];

static void timer_fired(void *data)
{
    fired_on[(uintptr_t)data] = smp_processor_id() + 1;
}

static void remote_function(void *data)
{
    unsigned int cpu = smp_processor_id();

    ran_on[cpu] = cpu + 1;
    init_timer(&cpu_timers_under_test[cpu], timer_fired, (void *)(uintptr_t)cpu, cpu);
    set_timer(&cpu_timers_under_test[cpu], NOW() + MILLISECS(10));
}

static bool smp_selftest(void)
{
    unsigned int bad = 0;
    s_time_t deadline;

    if ( nr_cpus_online < 2 )
    {
        printk("Self-test smp: FAIL: only %u CPU online\n", nr_cpus_online);
        return false;
    }
    for ( unsigned int cpu = 1; cpu < nr_cpus_online; cpu++ )
    {
        int rc = smp_call_function_on(cpu, remote_function, NULL);

        if ( rc || ran_on[cpu] != cpu + 1 )
        {
            printk("Self-test smp: CPU%u did not run the call (%d)\n", cpu, rc);
            bad++;
        }
    }
    deadline = NOW() + MILLISECS(500);
    while ( NOW() < deadline )
        ;
    for ( unsigned int cpu = 1; cpu < nr_cpus_online; cpu++ )
        if ( fired_on[cpu] != cpu + 1 )
        {
            printk("Self-test smp: CPU%u's timer fired on %d\n", cpu,
                   (int)fired_on[cpu] - 1);
            bad++;
        }
    if ( bad )
    {
        printk("Self-test smp: FAIL: %u problems\n", bad);
        return false;
    }
    printk("Self-test smp: PASS: %u secondary CPUs ran IPI calls and their own timers\n",
           nr_cpus_online - 1);
    return true;
}
REGISTER_SELFTEST("smp", smp_selftest);
