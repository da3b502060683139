/*
 * Power-off, restart, halt and panic.
 */
#include <asm/pirq.h>
#include <asm/processor.h>
#include <xen/acpi.h>
#include <xen/console.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/shutdown.h>

/* Last words before the machine stops: what guests asked for and did not get. */
static void final_report(void)
{
    static bool done;

    if ( done )
        return;
    done = true;
    hypercall_report_unimplemented();
    pirq_report_refusals();
}

void machine_halt(void)
{
    final_report();
    printk("%s\n", HALT_MESSAGE);
    cpu_halt_forever();
}

void machine_power_off(void)
{
    local_irq_disable();
    final_report();
    printk("Powering off\n");
    acpi_poweroff();
    machine_halt();
}

void machine_restart(void)
{
    local_irq_disable();
    final_report();
    printk("Restarting\n");
    acpi_reboot();
    machine_halt();
}

void panic(const char *fmt, ...)
{
    static bool in_panic;
    va_list args;

    local_irq_disable();
    if ( in_panic )             /* a panic while panicking: just stop */
        cpu_halt_forever();
    in_panic = true;
    console_force_unlock();

    printk("****************************************\n");
    printk("Panic: ");
    va_start(args, fmt);
    vprintk(fmt, args);
    va_end(args);
    printk("\n****************************************\n");
    machine_halt();
}
