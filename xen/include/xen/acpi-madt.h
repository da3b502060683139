/*
 * What the MADT (ACPI 6.x, 5.2.12) says about interrupt controllers: the
 * CPUs' local APICs, the IO-APICs and the ISA interrupt overrides.  Parsed
 * once at boot into fixed tables; read-only afterwards.
 */
#ifndef XEN_ACPI_MADT_H
#define XEN_ACPI_MADT_H

#include <xen/acpi.h>
#include <xen/types.h>

#define MADT_MAX_CPUS       64
#define MADT_MAX_IOAPICS    8
#define MADT_MAX_OVERRIDES  16

struct madt_ioapic {
    uint8_t id;
    uint32_t address;
    uint32_t gsi_base;
};

struct madt_override {
    uint8_t isa_irq;
    uint32_t gsi;
    uint16_t flags;             /* MPS INTI flags: polarity bits 0-1, trigger 2-3 */
};

struct madt_info {
    uint64_t lapic_address;
    bool pcat_compat;           /* dual 8259s present (must be masked) */
    unsigned int nr_cpus;
    uint32_t cpu_apic_ids[MADT_MAX_CPUS];
    unsigned int nr_disabled_cpus;
    unsigned int nr_ioapics;
    struct madt_ioapic ioapics[MADT_MAX_IOAPICS];
    unsigned int nr_overrides;
    struct madt_override overrides[MADT_MAX_OVERRIDES];
};

/* Parse a MADT; -EINVAL if malformed (entries overrunning the table). */
int acpi_parse_madt(const struct acpi_table_header *madt, struct madt_info *info);

/* The GSI an ISA IRQ is wired to, with its flags (identity if no override). */
uint32_t madt_isa_irq_to_gsi(const struct madt_info *info, unsigned int irq,
                             uint16_t *flags);

#endif /* XEN_ACPI_MADT_H */
