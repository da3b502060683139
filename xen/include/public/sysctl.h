/*
 * sysctl: the toolstack's host-wide operations, in Xen 4.17's numbering
 * and layout (interface version 0x15).  Only the control domain may issue
 * them; a mismatched interface_version is refused with -EACCES before cmd
 * is looked at.  Argon's own operations travel in the same envelope with
 * numbers of their own: see argon-sysctl.h.
 */
#ifndef __XEN_PUBLIC_SYSCTL_H__
#define __XEN_PUBLIC_SYSCTL_H__

#include "xen.h"
#include "domctl.h"
#include "physdev.h"

#define XEN_SYSCTL_INTERFACE_VERSION    0x00000015

#define XEN_SYSCTL_readconsole                  1
#define XEN_SYSCTL_tbuf_op                      2
#define XEN_SYSCTL_physinfo                     3
#define XEN_SYSCTL_sched_id                     4
#define XEN_SYSCTL_perfc_op                     5
#define XEN_SYSCTL_getdomaininfolist            6
#define XEN_SYSCTL_debug_keys                   7
#define XEN_SYSCTL_getcpuinfo                   8
#define XEN_SYSCTL_availheap                    9
#define XEN_SYSCTL_get_pmstat                   10
#define XEN_SYSCTL_cpu_hotplug                  11
#define XEN_SYSCTL_pm_op                        12
#define XEN_SYSCTL_page_offline_op              14
#define XEN_SYSCTL_lockprof_op                  15
#define XEN_SYSCTL_cputopoinfo                  16
#define XEN_SYSCTL_numainfo                     17
#define XEN_SYSCTL_cpupool_op                   18
#define XEN_SYSCTL_scheduler_op                 19
#define XEN_SYSCTL_coverage_op                  20
#define XEN_SYSCTL_psr_cmt_op                   21
#define XEN_SYSCTL_pcitopoinfo                  22
#define XEN_SYSCTL_psr_alloc                    23
#define XEN_SYSCTL_get_cpu_levelling_caps       25
#define XEN_SYSCTL_get_cpu_featureset           26
#define XEN_SYSCTL_livepatch_op                 27
#define XEN_SYSCTL_get_cpu_policy               29

/* physinfo capabilities. */
#define _XEN_SYSCTL_PHYSCAP_hvm                 0
#define XEN_SYSCTL_PHYSCAP_hvm                  (1U << _XEN_SYSCTL_PHYSCAP_hvm)
#define _XEN_SYSCTL_PHYSCAP_pv                  1
#define XEN_SYSCTL_PHYSCAP_pv                   (1U << _XEN_SYSCTL_PHYSCAP_pv)
#define _XEN_SYSCTL_PHYSCAP_directio            2   /* an IOMMU is in use */
#define XEN_SYSCTL_PHYSCAP_directio             (1U << _XEN_SYSCTL_PHYSCAP_directio)
#define _XEN_SYSCTL_PHYSCAP_hap                 3
#define XEN_SYSCTL_PHYSCAP_hap                  (1U << _XEN_SYSCTL_PHYSCAP_hap)
#define _XEN_SYSCTL_PHYSCAP_shadow              4
#define XEN_SYSCTL_PHYSCAP_shadow               (1U << _XEN_SYSCTL_PHYSCAP_shadow)
#define _XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share  5
#define XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share   (1U << _XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share)
#define XEN_SYSCTL_PHYSCAP_vmtrace              (1U << 6)
#define XEN_SYSCTL_PHYSCAP_vpmu                 (1U << 7)
#define XEN_SYSCTL_PHYSCAP_gnttab_v1            (1U << 8)
#define XEN_SYSCTL_PHYSCAP_gnttab_v2            (1U << 9)
#define XEN_SYSCTL_PHYSCAP_MAX                  XEN_SYSCTL_PHYSCAP_gnttab_v2

#define XEN_SYSCTL_PERFCOP_reset                1
#define XEN_SYSCTL_PERFCOP_query                2

#define XEN_SYSCTL_CPU_HOTPLUG_ONLINE           0
#define XEN_SYSCTL_CPU_HOTPLUG_OFFLINE          1
#define XEN_SYSCTL_CPU_HOTPLUG_SMT_ENABLE       2
#define XEN_SYSCTL_CPU_HOTPLUG_SMT_DISABLE      3

/* Entries of topology arrays a CPU, node or device has none for. */
#define XEN_INVALID_CORE_ID                     (~0U)
#define XEN_INVALID_SOCKET_ID                   (~0U)
#define XEN_INVALID_NODE_ID                     (~0U)
#define XEN_INVALID_MEM_SZ                      (~0U)
#define XEN_INVALID_NODE_DIST                   (~0U)
#define XEN_INVALID_DEV                         (XEN_INVALID_NODE_ID - 1)

#define XEN_SYSCTL_CPUPOOL_OP_CREATE            1
#define XEN_SYSCTL_CPUPOOL_OP_DESTROY           2
#define XEN_SYSCTL_CPUPOOL_OP_INFO              3
#define XEN_SYSCTL_CPUPOOL_OP_ADDCPU            4
#define XEN_SYSCTL_CPUPOOL_OP_RMCPU             5
#define XEN_SYSCTL_CPUPOOL_OP_MOVEDOMAIN        6
#define XEN_SYSCTL_CPUPOOL_OP_FREEINFO          7
#define XEN_SYSCTL_CPUPOOL_PAR_ANY              0xFFFFFFFF

#define XEN_SYSCTL_SCHEDOP_putinfo              0
#define XEN_SYSCTL_SCHEDOP_getinfo              1

#define XEN_SYSCTL_cpu_featureset_raw           0
#define XEN_SYSCTL_cpu_featureset_host          1
#define XEN_SYSCTL_cpu_featureset_pv            2
#define XEN_SYSCTL_cpu_featureset_hvm           3
#define XEN_SYSCTL_cpu_featureset_pv_max        4
#define XEN_SYSCTL_cpu_featureset_hvm_max       5

#define XEN_SYSCTL_cpu_policy_raw               0
#define XEN_SYSCTL_cpu_policy_host              1
#define XEN_SYSCTL_cpu_policy_pv_max            2
#define XEN_SYSCTL_cpu_policy_hvm_max           3
#define XEN_SYSCTL_cpu_policy_pv_default        4
#define XEN_SYSCTL_cpu_policy_hvm_default       5

#ifndef __ASSEMBLY__
/*
 * Read the hypervisor's console ring.  With incremental set, index is the
 * position to continue from and comes back advanced.
 */
struct xen_sysctl_readconsole {
    uint8_t clear;
    uint8_t incremental;
    uint8_t pad0, pad1;
    uint32_t index;
    XEN_GUEST_HANDLE_64(char) buffer;
    uint32_t count;             /* in: buffer size; out: bytes written */
};

struct xen_sysctl_tbuf_op {
    uint32_t cmd;
    struct xenctl_bitmap cpu_mask;
    uint32_t evt_mask;
    uint64_t buffer_mfn;
    uint32_t size;
};

struct xen_sysctl_physinfo {
    uint32_t threads_per_core;
    uint32_t cores_per_socket;
    uint32_t nr_cpus;           /* online */
    uint32_t max_cpu_id;
    uint32_t nr_nodes;
    uint32_t max_node_id;
    uint32_t cpu_khz;
    uint32_t capabilities;      /* XEN_SYSCTL_PHYSCAP_* */
    uint32_t arch_capabilities;
    uint32_t pad;
    uint64_t total_pages;
    uint64_t free_pages;
    uint64_t scrub_pages;
    uint64_t outstanding_pages;
    uint64_t max_mfn;
    uint32_t hw_cap[8];
};
typedef struct xen_sysctl_physinfo xen_sysctl_physinfo_t;

struct xen_sysctl_sched_id {
    uint32_t sched_id;          /* out: XEN_SCHEDULER_* */
};

/* Performance counters (Argon counts each unimplemented hypercall). */
struct xen_sysctl_perfc_desc {
    char name[80];
    uint32_t nr_vals;           /* values this counter contributes */
};
typedef struct xen_sysctl_perfc_desc xen_sysctl_perfc_desc_t;
typedef uint32_t xen_sysctl_perfc_val_t;

struct xen_sysctl_perfc_op {
    uint32_t cmd;               /* XEN_SYSCTL_PERFCOP_* */
    uint32_t nr_counters;       /* out */
    uint32_t nr_vals;           /* out */
    XEN_GUEST_HANDLE_64(xen_sysctl_perfc_desc_t) desc;
    XEN_GUEST_HANDLE_64(xen_sysctl_perfc_val_t) val;
};

/* Records of domains with id >= first_domain, in id order. */
struct xen_sysctl_getdomaininfolist {
    domid_t first_domain;
    uint32_t max_domains;
    XEN_GUEST_HANDLE_64(xen_domctl_getdomaininfo_t) buffer;
    uint32_t num_domains;       /* out */
};

struct xen_sysctl_debug_keys {
    XEN_GUEST_HANDLE_64(const_char) keys;
    uint32_t nr_keys;
};

struct xen_sysctl_cpuinfo {
    uint64_t idletime;          /* ns */
};
typedef struct xen_sysctl_cpuinfo xen_sysctl_cpuinfo_t;

struct xen_sysctl_getcpuinfo {
    uint32_t max_cpus;
    XEN_GUEST_HANDLE_64(xen_sysctl_cpuinfo_t) info;
    uint32_t nr_cpus;           /* out */
};

struct xen_sysctl_availheap {
    uint32_t min_bitwidth;
    uint32_t max_bitwidth;
    int32_t node;               /* -1: all nodes */
    uint64_t avail_bytes;       /* out */
};

struct xen_sysctl_cpu_hotplug {
    uint32_t cpu;
    uint32_t op;                /* XEN_SYSCTL_CPU_HOTPLUG_* */
};

struct xen_sysctl_cputopo {
    uint32_t core;
    uint32_t socket;
    uint32_t node;
};
typedef struct xen_sysctl_cputopo xen_sysctl_cputopo_t;

/* A null cputopo handle asks for the number of CPUs only. */
struct xen_sysctl_cputopoinfo {
    uint32_t num_cpus;
    XEN_GUEST_HANDLE_64(xen_sysctl_cputopo_t) cputopo;
};

struct xen_sysctl_meminfo {
    uint64_t memsize;
    uint64_t memfree;
};
typedef struct xen_sysctl_meminfo xen_sysctl_meminfo_t;

struct xen_sysctl_numainfo {
    uint32_t num_nodes;
    XEN_GUEST_HANDLE_64(xen_sysctl_meminfo_t) meminfo;
    XEN_GUEST_HANDLE_64(uint32) distance;   /* num_nodes x num_nodes */
};

struct xen_sysctl_pcitopoinfo {
    uint32_t num_devs;
    XEN_GUEST_HANDLE_64(physdev_pci_device_t) devs;
    XEN_GUEST_HANDLE_64(uint32) nodes;
};

struct xen_sysctl_cpupool_op {
    uint32_t op;                /* XEN_SYSCTL_CPUPOOL_OP_* */
    uint32_t cpupool_id;
    uint32_t sched_id;
    uint32_t domid;
    uint32_t cpu;
    uint32_t n_dom;             /* out */
    struct xenctl_bitmap cpumap;
};

struct xen_sysctl_credit_schedule {
    uint32_t tslice_ms;
    uint32_t ratelimit_us;
    uint32_t vcpu_migr_delay_us;
};

struct xen_sysctl_credit2_schedule {
    uint32_t ratelimit_us;
};

struct xen_sysctl_scheduler_op {
    uint32_t cpupool_id;
    uint32_t sched_id;
    uint32_t cmd;               /* XEN_SYSCTL_SCHEDOP_* */
    union {
        struct {
            XEN_GUEST_HANDLE_64(void) schedule;
        } sched_arinc653;
        struct xen_sysctl_credit_schedule sched_credit;
        struct xen_sysctl_credit2_schedule sched_credit2;
    } u;
};

struct xen_sysctl_cpu_levelling_caps {
    uint32_t caps;
};

struct xen_sysctl_cpu_featureset {
    uint32_t index;             /* XEN_SYSCTL_cpu_featureset_* */
    uint32_t nr_features;
    XEN_GUEST_HANDLE_64(uint32) features;
};

struct xen_sysctl_cpu_policy {
    uint32_t index;             /* XEN_SYSCTL_cpu_policy_* */
    uint32_t nr_leaves;
    uint32_t nr_msrs;
    uint32_t _rsvd;
    XEN_GUEST_HANDLE_64(xen_cpuid_leaf_t) leaves;
    XEN_GUEST_HANDLE_64(xen_msr_entry_t) msrs;
};

struct xen_sysctl {
    uint32_t cmd;               /* XEN_SYSCTL_* or ARGON_SYSCTL_* */
    uint32_t interface_version; /* XEN_SYSCTL_INTERFACE_VERSION */
    union {
        struct xen_sysctl_readconsole readconsole;
        struct xen_sysctl_tbuf_op tbuf_op;
        struct xen_sysctl_physinfo physinfo;
        struct xen_sysctl_cputopoinfo cputopoinfo;
        struct xen_sysctl_pcitopoinfo pcitopoinfo;
        struct xen_sysctl_numainfo numainfo;
        struct xen_sysctl_sched_id sched_id;
        struct xen_sysctl_perfc_op perfc_op;
        struct xen_sysctl_getdomaininfolist getdomaininfolist;
        struct xen_sysctl_debug_keys debug_keys;
        struct xen_sysctl_getcpuinfo getcpuinfo;
        struct xen_sysctl_availheap availheap;
        struct xen_sysctl_cpu_hotplug cpu_hotplug;
        struct xen_sysctl_cpupool_op cpupool_op;
        struct xen_sysctl_scheduler_op scheduler_op;
        struct xen_sysctl_cpu_levelling_caps cpu_levelling_caps;
        struct xen_sysctl_cpu_featureset cpu_featureset;
        struct xen_sysctl_cpu_policy cpu_policy;
        uint8_t pad[128];
    } u;
};
typedef struct xen_sysctl xen_sysctl_t;

_Static_assert(sizeof(struct xen_sysctl_readconsole) == 24, "xen_sysctl_readconsole");
_Static_assert(__builtin_offsetof(struct xen_sysctl_readconsole, index) == 4,
               "xen_sysctl_readconsole.index");
_Static_assert(__builtin_offsetof(struct xen_sysctl_readconsole, buffer) == 8,
               "xen_sysctl_readconsole.buffer");
_Static_assert(__builtin_offsetof(struct xen_sysctl_readconsole, count) == 16,
               "xen_sysctl_readconsole.count");
_Static_assert(sizeof(struct xen_sysctl_tbuf_op) == 48, "xen_sysctl_tbuf_op");
_Static_assert(sizeof(struct xen_sysctl_physinfo) == 112, "xen_sysctl_physinfo");
_Static_assert(__builtin_offsetof(struct xen_sysctl_physinfo, cpu_khz) == 24,
               "xen_sysctl_physinfo.cpu_khz");
_Static_assert(__builtin_offsetof(struct xen_sysctl_physinfo, capabilities) == 28,
               "xen_sysctl_physinfo.capabilities");
_Static_assert(__builtin_offsetof(struct xen_sysctl_physinfo, total_pages) == 40,
               "xen_sysctl_physinfo.total_pages");
_Static_assert(__builtin_offsetof(struct xen_sysctl_physinfo, max_mfn) == 72,
               "xen_sysctl_physinfo.max_mfn");
_Static_assert(__builtin_offsetof(struct xen_sysctl_physinfo, hw_cap) == 80,
               "xen_sysctl_physinfo.hw_cap");
_Static_assert(sizeof(struct xen_sysctl_sched_id) == 4, "xen_sysctl_sched_id");
_Static_assert(sizeof(struct xen_sysctl_perfc_desc) == 84, "xen_sysctl_perfc_desc");
_Static_assert(sizeof(struct xen_sysctl_perfc_op) == 32, "xen_sysctl_perfc_op");
_Static_assert(sizeof(struct xen_sysctl_getdomaininfolist) == 24,
               "xen_sysctl_getdomaininfolist");
_Static_assert(__builtin_offsetof(struct xen_sysctl_getdomaininfolist, max_domains) == 4,
               "xen_sysctl_getdomaininfolist.max_domains");
_Static_assert(__builtin_offsetof(struct xen_sysctl_getdomaininfolist, buffer) == 8,
               "xen_sysctl_getdomaininfolist.buffer");
_Static_assert(__builtin_offsetof(struct xen_sysctl_getdomaininfolist, num_domains) == 16,
               "xen_sysctl_getdomaininfolist.num_domains");
_Static_assert(sizeof(struct xen_sysctl_debug_keys) == 16, "xen_sysctl_debug_keys");
_Static_assert(sizeof(struct xen_sysctl_getcpuinfo) == 24, "xen_sysctl_getcpuinfo");
_Static_assert(sizeof(struct xen_sysctl_availheap) == 24, "xen_sysctl_availheap");
_Static_assert(sizeof(struct xen_sysctl_cpu_hotplug) == 8, "xen_sysctl_cpu_hotplug");
_Static_assert(sizeof(struct xen_sysctl_cputopo) == 12, "xen_sysctl_cputopo");
_Static_assert(sizeof(struct xen_sysctl_cputopoinfo) == 16, "xen_sysctl_cputopoinfo");
_Static_assert(sizeof(struct xen_sysctl_meminfo) == 16, "xen_sysctl_meminfo");
_Static_assert(sizeof(struct xen_sysctl_numainfo) == 24, "xen_sysctl_numainfo");
_Static_assert(sizeof(struct xen_sysctl_pcitopoinfo) == 24, "xen_sysctl_pcitopoinfo");
_Static_assert(sizeof(struct xen_sysctl_cpupool_op) == 40, "xen_sysctl_cpupool_op");
_Static_assert(sizeof(struct xen_sysctl_scheduler_op) == 32, "xen_sysctl_scheduler_op");
_Static_assert(sizeof(struct xen_sysctl_cpu_featureset) == 16, "xen_sysctl_cpu_featureset");
_Static_assert(sizeof(struct xen_sysctl_cpu_policy) == 32, "xen_sysctl_cpu_policy");
_Static_assert(sizeof(struct xen_sysctl) == 136, "xen_sysctl");
_Static_assert(__builtin_offsetof(struct xen_sysctl, interface_version) == 4,
               "xen_sysctl.interface_version");
_Static_assert(__builtin_offsetof(struct xen_sysctl, u) == 8, "xen_sysctl.u");
#endif

#endif /* __XEN_PUBLIC_SYSCTL_H__ */
