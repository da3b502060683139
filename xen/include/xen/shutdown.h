/*
 * Stopping the machine.  machine_power_off() and machine_restart() go
 * through ACPI; if that fails they halt with a final line, so the machine
 * never resets silently.
 */
#ifndef XEN_SHUTDOWN_H
#define XEN_SHUTDOWN_H

#include <xen/compiler.h>

/* The line a halted hypervisor prints last; the boot harness watches for it. */
#define HALT_MESSAGE "*** Argon halted ***"

void __noreturn machine_power_off(void);
void __noreturn machine_restart(void);
void __noreturn machine_halt(void);

#endif /* XEN_SHUTDOWN_H */
