/*
 * Argon's IOMMU sysctls from a test kernel (dom0): switch the flush policy
 * (unsafe ones allowed: tests and benchmarks ask for them on purpose) and
 * read a domain's IOMMU statistics.
 */
#ifndef GUEST_IOMMU_POLICY_H
#define GUEST_IOMMU_POLICY_H

#include <public/argon-sysctl.h>
#include <stdbool.h>

long argon_sysctl(struct argon_sysctl *op);
bool iommu_set_policy(unsigned int policy);
/* A domain's counters; false if the sysctl failed. */
bool iommu_domain_stats(domid_t domid, struct argon_sysctl_iommu_stats *out);

#endif /* GUEST_IOMMU_POLICY_H */
