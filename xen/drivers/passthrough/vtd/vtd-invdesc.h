/*
 * Queued-invalidation descriptors (VT-d spec 6.5.2) and the split of a
 * frame range into page-selective invalidations (address + mask), as pure
 * functions shared by the driver and the host tests.
 */
#ifndef VTD_INVDESC_H
#define VTD_INVDESC_H

#include <xen/types.h>

struct vtd_desc {
    uint64_t lo;
    uint64_t hi;
};

#define VTD_DESC_CONTEXT    0x1
#define VTD_DESC_IOTLB      0x2
#define VTD_DESC_DEVTLB     0x3
#define VTD_DESC_WAIT       0x5

#define VTD_GRAN_GLOBAL     1
#define VTD_GRAN_DOMAIN     2
#define VTD_GRAN_DEVICE     3       /* context cache */
#define VTD_GRAN_PAGE       3       /* IOTLB */

struct vtd_desc vtd_desc_context(unsigned int granularity, uint16_t did,
                                 uint16_t sid, unsigned int function_mask);
struct vtd_desc vtd_desc_iotlb(unsigned int granularity, uint16_t did,
                               uint64_t addr, unsigned int am, bool leaf_only,
                               bool drain_reads, bool drain_writes);
/* Device-IOTLB (ATS) invalidation of 2^order pages at addr for device sid. */
struct vtd_desc vtd_desc_devtlb(uint16_t sid, uint64_t addr, unsigned int order);
struct vtd_desc vtd_desc_wait(uint64_t status_addr, uint32_t status_data,
                              bool interrupt);

/* One page-selective invalidation: 2^am frames from 'first' (aligned). */
struct vtd_psi_block {
    uint64_t first;
    unsigned int am;
};

/*
 * Exact cover of [first, first + nr) by naturally aligned power-of-two
 * blocks no larger than 2^mamv, largest first.  Writes at most 'max'
 * blocks; returns how many are needed (which may exceed max: then the
 * caller should flush the whole domain instead).
 */
unsigned int vtd_psi_split(uint64_t first, uint64_t nr, unsigned int mamv,
                           struct vtd_psi_block *out, unsigned int max);

/*
 * The smallest single aligned block covering the range, if it is at most
 * 2^mamv frames and at most twice the range (so over-invalidation stays
 * cheap); false otherwise.
 */
bool vtd_psi_cover(uint64_t first, uint64_t nr, unsigned int mamv,
                   struct vtd_psi_block *out);

#endif /* VTD_INVDESC_H */
