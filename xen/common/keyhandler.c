/*
 * The debug-key table and the handlers that need nothing but the core.
 * Subsystems register their own keys ('m' memory, 'q' domains, ...).
 */
#include <asm/current.h>
#include <asm/smp.h>
#include <asm/traps.h>
#include <xen/irq.h>
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/shutdown.h>
#include <xen/time.h>
#include <xen/timer.h>

struct keyhandler {
    keyhandler_fn fn;
    const char *desc;
};

static struct keyhandler handlers[128];

void register_keyhandler(unsigned char key, keyhandler_fn fn, const char *desc)
{
    BUG_ON(key >= ARRAY_SIZE(handlers) || handlers[key].fn);
    handlers[key].fn = fn;
    handlers[key].desc = desc;
}

void handle_keypress(unsigned char key, struct cpu_user_regs *regs)
{
    if ( key < ARRAY_SIZE(handlers) && handlers[key].fn )
    {
        printk("'%c' pressed -> %s\n", key, handlers[key].desc);
        handlers[key].fn(key, regs);
    }
    else if ( key >= ' ' && key < 127 )
        printk("'%c' is not a debug key ('h' lists them)\n", key);
}

static void key_help(unsigned char key, struct cpu_user_regs *regs)
{
    for ( unsigned int k = 0; k < ARRAY_SIZE(handlers); k++ )
        if ( handlers[k].fn )
            printk(" '%c' %s\n", k, handlers[k].desc);
}

static void key_dump_registers(unsigned char key, struct cpu_user_regs *regs)
{
    show_registers(regs);
    if ( regs_from_hypervisor(regs) )
        show_backtrace(regs->rbp);
}

static void key_run_queues(unsigned char key, struct cpu_user_regs *regs)
{
    for ( unsigned int cpu = 0; cpu < NR_CPUS; cpu++ )
        if ( cpu_online(cpu) )
            printk(" CPU%u: APIC id %u, idle, %lu timer interrupts\n", cpu,
                   cpu_to_apic_id[cpu], (unsigned long)timer_interrupt_count(cpu));
}

static void key_time(unsigned char key, struct cpu_user_regs *regs)
{
    s_time_t now = NOW();

    printk(" System time %lu.%09lu s since boot, TSC %lu kHz\n",
           (unsigned long)(now / SECONDS(1)), (unsigned long)(now % SECONDS(1)),
           (unsigned long)cpu_khz);
}

static void key_interrupts(unsigned char key, struct cpu_user_regs *regs)
{
    irq_dump();
}

static void key_reboot(unsigned char key, struct cpu_user_regs *regs)
{
    machine_restart();
}

static void key_poweroff(unsigned char key, struct cpu_user_regs *regs)
{
    machine_power_off();
}

void keyhandler_init(void)
{
    register_keyhandler('h', key_help, "show this help");
    register_keyhandler('d', key_dump_registers, "dump registers of the CPU that took the key");
    register_keyhandler('i', key_interrupts, "show interrupt vectors and counts");
    register_keyhandler('r', key_run_queues, "show the CPUs and their run queues");
    register_keyhandler('t', key_time, "show system time");
    register_keyhandler('R', key_reboot, "reboot the machine");
    register_keyhandler('O', key_poweroff, "power the machine off");
    keyhandler_domains_init();
}
