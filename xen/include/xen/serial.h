/*
 * Serial ports (16550-compatible UARTs).
 */
#ifndef XEN_SERIAL_H
#define XEN_SERIAL_H

#include <xen/types.h>

/* Program the UART at I/O port 'base' and register it as a console sink. */
void ns16550_init(uint16_t base, unsigned int baud);

#endif /* XEN_SERIAL_H */
