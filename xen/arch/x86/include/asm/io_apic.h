/*
 * IO-APICs: every pin is masked at boot; a pin is unmasked only when a
 * vector is routed to it.
 */
#ifndef ASM_IO_APIC_H
#define ASM_IO_APIC_H

#include <xen/acpi-madt.h>
#include <xen/types.h>

void io_apic_init(const struct madt_info *madt);

/*
 * Route a GSI to 'vector' on the CPU with APIC id 'dest', with the MPS
 * INTI polarity/trigger 'flags' (0 = the bus default: ISA edge, high).
 */
int io_apic_route_gsi(uint32_t gsi, unsigned int vector, uint32_t dest, uint16_t flags);

#endif /* ASM_IO_APIC_H */
