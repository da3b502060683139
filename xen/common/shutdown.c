/*
 * Power-off, restart, halt and panic.
 */
#include <asm/processor.h>
#include <xen/acpi.h>
#include <xen/console.h>
#include <xen/lib.h>
#include <xen/shutdown.h>

void machine_halt(void)
{
    printk("%s\n", HALT_MESSAGE);
    cpu_halt_forever();
}

void machine_power_off(void)
{
    local_irq_disable();
    printk("Powering off\n");
    acpi_poweroff();
    machine_halt();
}

void machine_restart(void)
{
    local_irq_disable();
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
