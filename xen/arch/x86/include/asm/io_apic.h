/*
 * IO-APICs: every pin is masked at boot; a pin is unmasked only when a
 * vector is routed to it.  Pins the hypervisor routes for itself are never
 * a guest's; the others may be routed for guests' pirqs (asm/pirq.h).
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

bool io_apic_has_gsi(uint32_t gsi);

/* Whether the GSI is on an IO-APIC and not one the hypervisor keeps. */
bool io_apic_gsi_for_guests(uint32_t gsi);

/* The GSI's trigger and polarity by the MADT's overrides, else by its bus's default. */
void io_apic_gsi_default_mode(uint32_t gsi, bool *level, bool *active_low);

/* Route a guests' GSI to 'vector' on APIC id 'dest', unmasked; -ENOENT if not a guests' GSI. */
int io_apic_route_guest_gsi(uint32_t gsi, unsigned int vector, uint32_t dest, bool level,
                            bool active_low);

/* Mask or unmask a guests' GSI's pin (the hypervisor's are left alone). */
void io_apic_guest_gsi_mask(uint32_t gsi, bool masked);

#endif /* ASM_IO_APIC_H */
