/*
 * memory_op: reservations, memory maps and the machine-to-physical table.
 * The sub-ops implemented so far are the ones that describe memory; the
 * ones that change a domain's memory follow with the PV MMU work.
 */
#ifndef __XEN_PUBLIC_MEMORY_H__
#define __XEN_PUBLIC_MEMORY_H__

#include "xen.h"

#define XENMEM_increase_reservation     0
#define XENMEM_decrease_reservation     1
#define XENMEM_maximum_ram_page         2
#define XENMEM_current_reservation      3
#define XENMEM_maximum_reservation      4
#define XENMEM_machphys_mfn_list        5
#define XENMEM_populate_physmap         6
#define XENMEM_add_to_physmap           7
#define XENMEM_memory_map               9
#define XENMEM_machine_memory_map       10
#define XENMEM_set_memory_map           13
#define XENMEM_exchange                 11
#define XENMEM_machphys_mapping         12
#define XENMEM_maximum_gpfn             14
#define XENMEM_claim_pages              24
#define XENMEM_acquire_resource         28

#define INVALID_M2P_ENTRY               (~0UL)

#ifndef __ASSEMBLY__
struct xen_machphys_mapping {
    xen_ulong_t v_start, v_end;         /* where the read-only M2P table is */
    xen_ulong_t max_mfn;                /* its last entry */
};

struct xen_memory_map {
    unsigned int nr_entries;            /* in: room in buffer; out: entries written */
    uint64_t buffer;                    /* guest pointer to e820 entries */
};

/* One e820 entry as the ABI packs it (20 bytes). */
struct xen_e820_entry {
    uint64_t addr;
    uint64_t size;
    uint32_t type;
} __attribute__((packed));

#define XEN_E820_RAM        1
#define XEN_E820_RESERVED   2
#define XEN_E820_ACPI       3
#define XEN_E820_NVS        4
#define XEN_E820_UNUSABLE   5

_Static_assert(sizeof(struct xen_machphys_mapping) == 24, "xen_machphys_mapping");
_Static_assert(sizeof(struct xen_memory_map) == 16, "xen_memory_map");
_Static_assert(sizeof(struct xen_e820_entry) == 20, "xen_e820_entry");
#endif

#endif /* __XEN_PUBLIC_MEMORY_H__ */
