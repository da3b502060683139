/*
 * The local APIC timer behind reprogram_timer(): TSC-deadline mode where
 * the CPU has it (the deadline is a TSC value: no conversion error), else
 * one-shot mode with the APIC timer rate measured against the TSC.
 * apic-timer=oneshot forces the latter, so both paths can be tested.
 */
#include <asm/apic.h>
#include <asm/msr.h>
#include <asm/processor.h>
#include <xen/irq.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/string.h>
#include <xen/timer.h>

#define CPUID1_ECX_TSC_DEADLINE (1u << 24)

static bool use_tsc_deadline;
static uint64_t apic_ticks_per_ms;          /* one-shot mode, divide by 1 */
static char opt_apic_timer[16] = "auto";
string_param("apic-timer", opt_apic_timer);

void reprogram_timer(s_time_t deadline)
{
    s_time_t delta;
    uint64_t ticks;

    if ( use_tsc_deadline )
    {
        wrmsr(MSR_IA32_TSC_DEADLINE, deadline ? stime_to_tsc(deadline) : 0);
        return;
    }
    if ( deadline == 0 )
    {
        apic_write(APIC_TMICT, 0);
        return;
    }
    delta = deadline - NOW();
    ticks = delta <= 0 ? 1 : (uint64_t)delta * apic_ticks_per_ms / 1000000;
    if ( ticks == 0 )
        ticks = 1;
    apic_write(APIC_TMICT, ticks > UINT32_MAX ? UINT32_MAX : (uint32_t)ticks);
}

static void timer_vector_handler(struct cpu_user_regs *regs, void *data)
{
    timer_interrupt();
}

static uint64_t measure_apic_timer(void)
{
    uint64_t tsc_per_ms = cpu_khz, start;
    uint32_t remaining;

    apic_write(APIC_TDCR, APIC_TDCR_DIV_1);
    apic_write(APIC_LVT_TIMER, APIC_LVT_MASKED | APIC_TIMER_ONESHOT);
    apic_write(APIC_TMICT, UINT32_MAX);
    start = rdtsc();
    while ( rdtsc() - start < 10 * tsc_per_ms )
        ;
    remaining = apic_read(APIC_TMCCT);
    apic_write(APIC_TMICT, 0);
    return (UINT32_MAX - remaining) / 10;
}

/* Program this CPU's APIC timer in the chosen mode (all CPUs). */
void apic_timer_init_cpu(void)
{
    if ( use_tsc_deadline )
        apic_write(APIC_LVT_TIMER, TIMER_VECTOR | APIC_TIMER_TSC_DEADLINE);
    else
    {
        apic_write(APIC_TDCR, APIC_TDCR_DIV_1);
        apic_write(APIC_LVT_TIMER, TIMER_VECTOR | APIC_TIMER_ONESHOT);
    }
}

/* Choose the mode and calibrate, on the boot CPU after time_init(). */
void apic_timer_init(void)
{
    uint32_t eax, ebx, ecx, edx;

    cpuid_count(1, 0, &eax, &ebx, &ecx, &edx);
    if ( strcmp(opt_apic_timer, "auto") && strcmp(opt_apic_timer, "oneshot") &&
         strcmp(opt_apic_timer, "tsc-deadline") )
        printk(XENLOG_WARNING "apic-timer=%s: not auto, oneshot or tsc-deadline; "
               "using auto\n", opt_apic_timer);
    use_tsc_deadline = (ecx & CPUID1_ECX_TSC_DEADLINE) &&
                       strcmp(opt_apic_timer, "oneshot");
    if ( !strcmp(opt_apic_timer, "tsc-deadline") && !use_tsc_deadline )
        printk(XENLOG_WARNING "APIC timer: this CPU has no TSC-deadline mode\n");

    irq_bind_fixed_vector(TIMER_VECTOR, "timer", timer_vector_handler, NULL);
    if ( use_tsc_deadline )
        printk("APIC timer: TSC-deadline mode\n");
    else
    {
        apic_ticks_per_ms = measure_apic_timer();
        printk("APIC timer: one-shot mode, %lu ticks per ms\n",
               (unsigned long)apic_ticks_per_ms);
        if ( apic_ticks_per_ms == 0 )
            panic("APIC timer: it does not count");
    }
    apic_timer_init_cpu();
}
