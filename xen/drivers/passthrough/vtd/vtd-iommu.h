/*
 * What the generic IOMMU layer (iommu.c) asks of the VT-d driver.  All of
 * it runs under the domain's iommu lock, except the bring-up calls.
 */
#ifndef VTD_IOMMU_H
#define VTD_IOMMU_H

#include <xen/iommu.h>

#include "dmar.h"

struct vtd_unit;

int vtd_units_init(const struct dmar_info *dmar, unsigned int dma_bits);
int vtd_enable_translation(void);
bool vtd_any_caching_mode(void);
void vtd_units_stats(struct iommu_stats *out);
struct vtd_unit *vtd_unit_for_device(uint16_t bdf);

/* Levels at which every unit accepts a superpage leaf: bit 2 = 2 MiB, bit 3 = 1 GiB. */
unsigned int vtd_superpage_levels(void);
/* Domain ids every unit can tag (the smallest CAP.ND among them). */
unsigned int vtd_nr_domain_ids(void);

int vtd_domain_init(struct domain_iommu *di);
void vtd_domain_destroy(struct domain_iommu *di);

/*
 * Write the leaf for bfn at 'level' (1: 4 KiB, 2: 2 MiB, 3: 1 GiB); flags 0
 * clears it.  *old receives the entry that was there.  A superpage met above
 * 'level' is split first; -EBUSY if a table already occupies the slot of a
 * superpage being written.
 */
int vtd_domain_set(struct domain_iommu *di, uint64_t bfn, uint64_t mfn,
                   unsigned int flags, unsigned int level, uint64_t *old);

/* The leaf covering bfn and its level (0 if unmapped). */
uint64_t vtd_domain_get(struct domain_iommu *di, uint64_t bfn, unsigned int *level);

/*
 * Invalidate the domain's translations of 'ranges' (or all of them) under
 * 'policy' on every unit, with the device TLBs of its ATS devices, and wait.
 */
int vtd_domain_flush(struct domain_iommu *di, enum iommu_flush_policy policy,
                     const struct iommu_range *ranges, unsigned int nr, bool all,
                     const uint16_t *ats_sids, unsigned int nr_ats);

/* Translate bdf with the domain's tables; *ats says whether ATS was enabled. */
int vtd_domain_attach(struct domain_iommu *di, uint16_t bdf, bool *ats);

#endif /* VTD_IOMMU_H */
