/*
 * Argon's own sysctl operations: the IOMMU flush policy and IOMMU
 * statistics, for the flush-strategy benchmarks.  They use the xen_sysctl
 * envelope (same cmd/interface_version header, same 128-byte union, same
 * interface version) so one dispatcher and one privcmd path serve both.
 *
 * Numbers: Xen 4.17 uses sysctl 1-29 and grows the list one by one from
 * there, so Argon's start at 0x4100 ("A" << 8), far above any number Xen
 * is likely to reach and obviously foreign in a trace.  A Xen-built tool
 * that sends them gets -ENOSYS from Xen, never a different operation.
 */
#ifndef __XEN_PUBLIC_ARGON_SYSCTL_H__
#define __XEN_PUBLIC_ARGON_SYSCTL_H__

#include "sysctl.h"

#define ARGON_SYSCTL_BASE                   0x4100
#define ARGON_SYSCTL_iommu_flush_policy     (ARGON_SYSCTL_BASE + 0)
#define ARGON_SYSCTL_iommu_stats            (ARGON_SYSCTL_BASE + 1)

/*
 * Flush policies.  All but "none" complete the IOTLB (and device-IOTLB)
 * invalidation of every removed or demoted entry before the unmap returns;
 * they differ in how invalidations are grouped:
 *   strict_psi      one page-selective invalidation per entry, each waited for
 *   strict_batched  one batch per hypercall: page-selective with address
 *                   masks, domain-selective past batch_threshold, one wait
 *   strict_domain   one domain-selective invalidation per hypercall
 *   global          one global invalidation per hypercall
 *   none            no invalidation at all: unsafe, for measurement only;
 *                   refused unless ARGON_IOMMU_FLUSH_F_allow_unsafe is set
 */
#define ARGON_IOMMU_FLUSH_strict_psi        0
#define ARGON_IOMMU_FLUSH_strict_batched    1
#define ARGON_IOMMU_FLUSH_strict_domain     2
#define ARGON_IOMMU_FLUSH_global            3
#define ARGON_IOMMU_FLUSH_none              4
#define ARGON_IOMMU_FLUSH_MAX               ARGON_IOMMU_FLUSH_none

#define ARGON_IOMMU_FLUSH_POLICY_get        0
#define ARGON_IOMMU_FLUSH_POLICY_set        1

#define ARGON_IOMMU_FLUSH_F_allow_unsafe    (1U << 0)

/* Statistics scopes. */
#define ARGON_IOMMU_STATS_total             0   /* id ignored */
#define ARGON_IOMMU_STATS_domain            1   /* id = domid */
#define ARGON_IOMMU_STATS_unit              2   /* id = IOMMU unit index */

#define ARGON_IOMMU_STATS_F_reset           (1U << 0)   /* zero after reading */

#ifndef __ASSEMBLY__
struct argon_sysctl_iommu_flush_policy {
    uint32_t cmd;               /* ARGON_IOMMU_FLUSH_POLICY_* */
    uint32_t policy;            /* set: the new policy; get: out */
    uint32_t flags;             /* ARGON_IOMMU_FLUSH_F_* */
    uint32_t batch_threshold;   /* pages; set: 0 keeps the current value */
    uint32_t prev_policy;       /* out: the policy before this call */
    uint32_t pad;
};

/*
 * Counters since boot (or the last reset).  Invalidations are counted by
 * the descriptor issued, so one strict_batched unmap of many pages counts
 * one page-selective invalidation per mask-aligned run.
 */
struct argon_sysctl_iommu_stats {
    uint32_t scope;             /* ARGON_IOMMU_STATS_* */
    uint32_t id;
    uint32_t flags;             /* ARGON_IOMMU_STATS_F_* */
    uint32_t nr_units;          /* out: IOMMU units present */
    uint64_t maps;              /* entries added or promoted */
    uint64_t unmaps;            /* entries removed or demoted */
    uint64_t inv_global;
    uint64_t inv_domain;
    uint64_t inv_page;          /* page-selective (with address mask) */
    uint64_t inv_devtlb;        /* device-IOTLB (ATS) */
    uint64_t waits;             /* invalidation-wait descriptors completed */
    uint64_t flush_cycles;      /* TSC cycles from first invalidation to wait done */
    uint64_t clflushes;         /* cache lines written back (no page-walk coherency) */
};

/* The xen_sysctl envelope with Argon's payloads; same size and offsets. */
struct argon_sysctl {
    uint32_t cmd;               /* ARGON_SYSCTL_* */
    uint32_t interface_version; /* XEN_SYSCTL_INTERFACE_VERSION */
    union {
        struct argon_sysctl_iommu_flush_policy iommu_flush_policy;
        struct argon_sysctl_iommu_stats iommu_stats;
        uint8_t pad[128];
    } u;
};

_Static_assert(sizeof(struct argon_sysctl_iommu_flush_policy) == 24,
               "argon_sysctl_iommu_flush_policy");
_Static_assert(sizeof(struct argon_sysctl_iommu_stats) == 88, "argon_sysctl_iommu_stats");
_Static_assert(__builtin_offsetof(struct argon_sysctl_iommu_stats, maps) == 16,
               "argon_sysctl_iommu_stats.maps");
_Static_assert(__builtin_offsetof(struct argon_sysctl_iommu_stats, clflushes) == 80,
               "argon_sysctl_iommu_stats.clflushes");
_Static_assert(sizeof(struct argon_sysctl) == sizeof(struct xen_sysctl), "argon_sysctl");
_Static_assert(__builtin_offsetof(struct argon_sysctl, interface_version) ==
               __builtin_offsetof(struct xen_sysctl, interface_version),
               "argon_sysctl.interface_version");
_Static_assert(__builtin_offsetof(struct argon_sysctl, u) ==
               __builtin_offsetof(struct xen_sysctl, u), "argon_sysctl.u");
#endif

#endif /* __XEN_PUBLIC_ARGON_SYSCTL_H__ */
