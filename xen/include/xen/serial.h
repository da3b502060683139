/*
 * Serial ports (16550-compatible UARTs).
 */
#ifndef XEN_SERIAL_H
#define XEN_SERIAL_H

#include <xen/types.h>

/* Program the UART at I/O port 'base' and register it as a console sink. */
void ns16550_init(uint16_t base, unsigned int baud);

/* Take debug keys from the UART's interrupt (ISA IRQ isa_irq via the IO-APIC). */
struct madt_info;
int ns16550_enable_input(const struct madt_info *madt, unsigned int isa_irq);

#endif /* XEN_SERIAL_H */
