/*
 * The ACPI DMAR table (Intel VT-d spec, chapter 8): which remapping
 * hardware units exist, which devices each one translates, and the memory
 * ranges (RMRRs) devices must keep reaching.  Parsed once at boot into
 * fixed arrays; read-only afterwards.
 */
#ifndef VTD_DMAR_H
#define VTD_DMAR_H

#include <xen/acpi.h>
#include <xen/types.h>

#define DMAR_MAX_UNITS      8
#define DMAR_MAX_SCOPES     32
#define DMAR_MAX_RMRRS      8

/* Device scope entry types (VT-d 8.3.1). */
#define DMAR_SCOPE_PCI_ENDPOINT     1
#define DMAR_SCOPE_PCI_SUBHIERARCHY 2
#define DMAR_SCOPE_IOAPIC           3
#define DMAR_SCOPE_HPET             4
#define DMAR_SCOPE_ACPI_NAMESPACE   5

#define DMAR_PATH_MAX       8

struct dmar_scope {
    uint8_t type;
    uint8_t enumeration_id;     /* IO-APIC / HPET id */
    uint8_t start_bus;
    uint8_t path_len;           /* (device, function) hops from start_bus */
    uint8_t path[DMAR_PATH_MAX][2];
};

struct dmar_unit {
    uint64_t register_base;
    uint16_t segment;
    bool include_all;           /* every device of the segment not claimed elsewhere */
    unsigned int nr_scopes;
    struct dmar_scope scopes[DMAR_MAX_SCOPES];
};

struct dmar_rmrr {
    uint16_t segment;
    uint64_t base;
    uint64_t limit;             /* inclusive */
    unsigned int nr_scopes;
    struct dmar_scope scopes[DMAR_MAX_SCOPES];
};

struct dmar_info {
    uint8_t host_address_width; /* the table's value + 1: bits of DMA address */
    uint8_t flags;              /* bit 0 INTR_REMAP, bit 1 X2APIC_OPT_OUT, bit 2 DMA_CTRL_OPT_IN */
    unsigned int nr_units;
    struct dmar_unit units[DMAR_MAX_UNITS];
    unsigned int nr_rmrrs;
    struct dmar_rmrr rmrrs[DMAR_MAX_RMRRS];
    unsigned int nr_atsr;       /* root ports with ATS support listed */
};

/* Parse; -EINVAL for a malformed table, -E2BIG if it has more than fits. */
int dmar_parse(const struct acpi_table_header *table, struct dmar_info *info);

/*
 * The BDF (bus << 8 | devfn) a PCI scope names when its path has one hop
 * (a device on the start bus); -ENODEV for longer paths, which need the
 * bridges' bus numbers (resolved by the caller against the PCI tree).
 */
int dmar_scope_simple_bdf(const struct dmar_scope *scope);

#endif /* VTD_DMAR_H */
