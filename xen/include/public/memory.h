/*
 * memory_op: reservations, physmap changes, memory maps, the
 * machine-to-physical table and resource mapping.  Extents are runs of
 * 2^extent_order frames; "gmfn"/"gpfn" are the domain's own frame numbers,
 * which for a PV guest are MFNs.
 */
#ifndef __XEN_PUBLIC_MEMORY_H__
#define __XEN_PUBLIC_MEMORY_H__

#include "xen.h"
#include "physdev.h"

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
#define XENMEM_exchange                 11
#define XENMEM_machphys_mapping         12
#define XENMEM_set_memory_map           13
#define XENMEM_maximum_gpfn             14
#define XENMEM_remove_from_physmap      15
#define XENMEM_set_pod_target           16
#define XENMEM_get_pod_target           17
#define XENMEM_get_sharing_freed_pages  18
#define XENMEM_get_sharing_shared_pages 19
#define XENMEM_paging_op                20
#define XENMEM_access_op                21
#define XENMEM_sharing_op               22
#define XENMEM_add_to_physmap_batch     23
#define XENMEM_claim_pages              24
#define XENMEM_machphys_compat_mfn_list 25
#define XENMEM_get_vnumainfo            26
#define XENMEM_reserved_device_memory_map 27
#define XENMEM_acquire_resource         28

/* xen_memory_reservation.mem_flags: address width, NUMA node, PoD. */
#define XENMEMF_address_bits(x)         (x)
#define XENMEMF_get_address_bits(x)     ((x) & 0xffu)
#define XENMEMF_node(x)                 (((x) + 1) << 8)
#define XENMEMF_get_node(x)             ((((x) >> 8) - 1) & 0xffu)
#define XENMEMF_populate_on_demand      (1 << 16)
#define XENMEMF_exact_node_request      (1 << 17)
#define XENMEMF_exact_node(n)           (XENMEMF_node(n) | XENMEMF_exact_node_request)
#define XENMEMF_vnode                   (1 << 18)

/* add_to_physmap spaces. */
#define XENMAPSPACE_shared_info         0
#define XENMAPSPACE_grant_table         1   /* idx | XENMAPIDX_grant_table_status */
#define XENMAPSPACE_gmfn                2
#define XENMAPSPACE_gmfn_range          3
#define XENMAPSPACE_gmfn_foreign        4
#define XENMAPSPACE_dev_mmio            5
#define XENMAPIDX_grant_table_status    0x80000000U

#define XENMEM_RDM_ALL                  1   /* all devices, not just one */

/* acquire_resource types and ids. */
#define XENMEM_resource_ioreq_server    0
#define XENMEM_resource_grant_table     1
#define XENMEM_resource_vmtrace_buf     2
#define XENMEM_resource_grant_table_id_shared   0
#define XENMEM_resource_grant_table_id_status   1
#define XENMEM_resource_ioreq_server_frame_bufioreq     0
#define XENMEM_resource_ioreq_server_frame_ioreq(n)     (1 + (n))

#define INVALID_M2P_ENTRY               (~0UL)

/* E820 types in the maps memory_map and machine_memory_map return. */
#define XEN_E820_RAM        1
#define XEN_E820_RESERVED   2
#define XEN_E820_ACPI       3
#define XEN_E820_NVS        4
#define XEN_E820_UNUSABLE   5

#ifndef __ASSEMBLY__
struct xen_memory_reservation {
    XEN_GUEST_HANDLE(xen_pfn_t) extent_start;   /* in/out frame list */
    xen_ulong_t nr_extents;
    unsigned int extent_order;
    unsigned int mem_flags;     /* XENMEMF_* */
    domid_t domid;
};
typedef struct xen_memory_reservation xen_memory_reservation_t;

/* Trade the 'in' extents for new 'out' ones; nr_exchanged says how far. */
struct xen_memory_exchange {
    struct xen_memory_reservation in;
    struct xen_memory_reservation out;
    xen_ulong_t nr_exchanged;
};
typedef struct xen_memory_exchange xen_memory_exchange_t;

/* current/maximum_reservation, maximum_gpfn, claim arguments name a domain. */
struct xen_memory_domain {
    domid_t domid;
};

struct xen_machphys_mfn_list {
    unsigned int max_extents;
    XEN_GUEST_HANDLE(xen_pfn_t) extent_start;   /* MFNs backing the M2P */
    unsigned int nr_extents;
};
typedef struct xen_machphys_mfn_list xen_machphys_mfn_list_t;

struct xen_machphys_mapping {
    xen_ulong_t v_start, v_end;         /* where the read-only M2P table is */
    xen_ulong_t max_mfn;                /* its last entry */
};
typedef struct xen_machphys_mapping xen_machphys_mapping_t;

struct xen_add_to_physmap {
    domid_t domid;
    uint16_t size;              /* gmfn_range: number of frames */
    unsigned int space;         /* XENMAPSPACE_* */
    xen_ulong_t idx;
    xen_pfn_t gpfn;
};
typedef struct xen_add_to_physmap xen_add_to_physmap_t;

struct xen_add_to_physmap_batch {
    domid_t domid;
    uint16_t space;
    uint16_t size;
    union xen_add_to_physmap_batch_extra {
        domid_t foreign_domid;  /* gmfn_foreign */
        uint16_t res0;
    } u;
    XEN_GUEST_HANDLE(xen_ulong_t) idxs;
    XEN_GUEST_HANDLE(xen_pfn_t) gpfns;
    XEN_GUEST_HANDLE(int) errs;
};
typedef struct xen_add_to_physmap_batch xen_add_to_physmap_batch_t;

struct xen_remove_from_physmap {
    domid_t domid;
    xen_pfn_t gpfn;
};
typedef struct xen_remove_from_physmap xen_remove_from_physmap_t;

struct xen_memory_map {
    unsigned int nr_entries;            /* in: room in buffer; out: entries written */
    XEN_GUEST_HANDLE(void) buffer;      /* e820 entries */
};
typedef struct xen_memory_map xen_memory_map_t;

struct xen_foreign_memory_map {
    domid_t domid;
    struct xen_memory_map map;
};
typedef struct xen_foreign_memory_map xen_foreign_memory_map_t;

/* One e820 entry as the ABI packs it (20 bytes). */
struct xen_e820_entry {
    uint64_t addr;
    uint64_t size;
    uint32_t type;              /* XEN_E820_* */
} __attribute__((packed));

struct xen_pod_target {
    uint64_t target_pages;
    uint64_t tot_pages;         /* out */
    uint64_t pod_cache_pages;   /* out */
    uint64_t pod_entries;       /* out */
    domid_t domid;
};
typedef struct xen_pod_target xen_pod_target_t;

struct xen_reserved_device_memory {
    xen_pfn_t start_pfn;
    xen_ulong_t nr_pages;
};
typedef struct xen_reserved_device_memory xen_reserved_device_memory_t;

struct xen_reserved_device_memory_map {
    uint32_t flags;             /* XENMEM_RDM_* */
    unsigned int nr_entries;
    XEN_GUEST_HANDLE(xen_reserved_device_memory_t) buffer;
    union {
        struct physdev_pci_device pci;
    } dev;
};
typedef struct xen_reserved_device_memory_map xen_reserved_device_memory_map_t;

/*
 * Map a domain's resource (e.g. its grant table).  nr_frames == 0 with no
 * frame list asks for the resource's size.  For a PV caller frame_list
 * comes back holding MFNs for it to map with mmu_update.
 */
struct xen_mem_acquire_resource {
    domid_t domid;
    uint16_t type;              /* XENMEM_resource_* */
    uint32_t id;
    uint32_t nr_frames;
    uint32_t pad;               /* must be zero */
    uint64_t frame;             /* first frame of the resource */
    XEN_GUEST_HANDLE(xen_pfn_t) frame_list;
};
typedef struct xen_mem_acquire_resource xen_mem_acquire_resource_t;

struct xen_vmemrange {
    uint64_t start, end;
    unsigned int flags;
    unsigned int nid;
};
typedef struct xen_vmemrange xen_vmemrange_t;

struct xen_vnuma_topology_info {
    domid_t domid;
    uint16_t pad;
    unsigned int nr_vnodes;
    unsigned int nr_vcpus;
    unsigned int nr_vmemranges;
    union {
        XEN_GUEST_HANDLE(uint) h;
        uint64_t pad;
    } vdistance;
    union {
        XEN_GUEST_HANDLE(uint) h;
        uint64_t pad;
    } vcpu_to_vnode;
    union {
        XEN_GUEST_HANDLE(xen_vmemrange_t) h;
        uint64_t pad;
    } vmemrange;
};
typedef struct xen_vnuma_topology_info xen_vnuma_topology_info_t;

_Static_assert(sizeof(struct xen_memory_reservation) == 32, "xen_memory_reservation");
_Static_assert(__builtin_offsetof(struct xen_memory_reservation, nr_extents) == 8,
               "xen_memory_reservation.nr_extents");
_Static_assert(__builtin_offsetof(struct xen_memory_reservation, mem_flags) == 20,
               "xen_memory_reservation.mem_flags");
_Static_assert(__builtin_offsetof(struct xen_memory_reservation, domid) == 24,
               "xen_memory_reservation.domid");
_Static_assert(sizeof(struct xen_memory_exchange) == 72, "xen_memory_exchange");
_Static_assert(__builtin_offsetof(struct xen_memory_exchange, nr_exchanged) == 64,
               "xen_memory_exchange.nr_exchanged");
_Static_assert(sizeof(struct xen_machphys_mfn_list) == 24, "xen_machphys_mfn_list");
_Static_assert(sizeof(struct xen_machphys_mapping) == 24, "xen_machphys_mapping");
_Static_assert(sizeof(struct xen_add_to_physmap) == 24, "xen_add_to_physmap");
_Static_assert(__builtin_offsetof(struct xen_add_to_physmap, idx) == 8,
               "xen_add_to_physmap.idx");
_Static_assert(sizeof(struct xen_add_to_physmap_batch) == 32, "xen_add_to_physmap_batch");
_Static_assert(sizeof(struct xen_remove_from_physmap) == 16, "xen_remove_from_physmap");
_Static_assert(sizeof(struct xen_memory_map) == 16, "xen_memory_map");
_Static_assert(sizeof(struct xen_foreign_memory_map) == 24, "xen_foreign_memory_map");
_Static_assert(sizeof(struct xen_e820_entry) == 20, "xen_e820_entry");
_Static_assert(sizeof(struct xen_pod_target) == 40, "xen_pod_target");
_Static_assert(sizeof(struct xen_reserved_device_memory) == 16,
               "xen_reserved_device_memory");
_Static_assert(sizeof(struct xen_reserved_device_memory_map) == 24,
               "xen_reserved_device_memory_map");
_Static_assert(sizeof(struct xen_mem_acquire_resource) == 32, "xen_mem_acquire_resource");
_Static_assert(__builtin_offsetof(struct xen_mem_acquire_resource, pad) == 12,
               "xen_mem_acquire_resource.pad");
_Static_assert(__builtin_offsetof(struct xen_mem_acquire_resource, frame) == 16,
               "xen_mem_acquire_resource.frame");
_Static_assert(__builtin_offsetof(struct xen_mem_acquire_resource, frame_list) == 24,
               "xen_mem_acquire_resource.frame_list");
_Static_assert(sizeof(struct xen_vmemrange) == 24, "xen_vmemrange");
_Static_assert(sizeof(struct xen_vnuma_topology_info) == 40, "xen_vnuma_topology_info");
#endif

#endif /* __XEN_PUBLIC_MEMORY_H__ */
