/*
 * Argon's IOMMU sysctls from a test kernel (iommu-policy.h).
 */
#include "guest.h"
#include "iommu-policy.h"

long argon_sysctl(struct argon_sysctl *op)
{
    op->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    return hypercall1(__HYPERVISOR_sysctl, op);
}

bool iommu_set_policy(unsigned int policy)
{
    struct argon_sysctl op = { .cmd = ARGON_SYSCTL_iommu_flush_policy };

    op.u.iommu_flush_policy.cmd = ARGON_IOMMU_FLUSH_POLICY_set;
    op.u.iommu_flush_policy.policy = policy;
    op.u.iommu_flush_policy.flags = ARGON_IOMMU_FLUSH_F_allow_unsafe;
    return argon_sysctl(&op) == 0;
}

bool iommu_domain_stats(domid_t domid, struct argon_sysctl_iommu_stats *out)
{
    struct argon_sysctl op = { .cmd = ARGON_SYSCTL_iommu_stats };

    op.u.iommu_stats.scope = ARGON_IOMMU_STATS_domain;
    op.u.iommu_stats.id = domid;
    if ( argon_sysctl(&op) )
        return false;
    *out = op.u.iommu_stats;
    return true;
}
