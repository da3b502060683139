/*
 * IOMMU domain ids (DIDs): the tag a VT-d unit puts on a domain's cached
 * translations, so every live domain needs its own, below the smallest
 * limit of any unit (CAP.ND) — a wider id would be truncated by the
 * hardware and two domains would share IOTLB entries.
 *
 * Rules: DIDs below IOMMU_DID_FIRST are never handed out (0 is reserved
 * when the unit runs in caching mode; 1 tags the quarantine).  The lowest
 * free id is given first, and a destroyed domain's id returns to the pool
 * after its translations were flushed (the caller's order).  Callers
 * serialise (the allocator has no lock of its own).
 */
#ifndef XEN_IOMMU_DID_H
#define XEN_IOMMU_DID_H

#include <xen/types.h>

#define IOMMU_DID_FIRST 2
#define IOMMU_DID_MAX   65536u          /* 16-bit field: 2^(4 + 2*6) */

struct iommu_did_pool {
    uint64_t used[IOMMU_DID_MAX / 64];
    unsigned int limit;                 /* ids are < limit */
};

/* Every id from IOMMU_DID_FIRST below limit (at most IOMMU_DID_MAX) free. */
void iommu_did_pool_init(struct iommu_did_pool *p, unsigned int limit);
/* The lowest free id, or -ENOSPC. */
int iommu_did_alloc(struct iommu_did_pool *p);
/* Give back an id from iommu_did_alloc(); anything else is ignored. */
void iommu_did_free(struct iommu_did_pool *p, unsigned int did);

#endif /* XEN_IOMMU_DID_H */
