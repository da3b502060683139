/*
 * Invalidation descriptor encoders and page-selective range splitting.
 */
#include "vtd-invdesc.h"

#define DESC_GRAN_SHIFT     4
#define DESC_DID_SHIFT      16
#define DESC_SID_SHIFT      32
#define DESC_FM_SHIFT       48
#define IOTLB_DW            (1ULL << 6)
#define IOTLB_DR            (1ULL << 7)
#define IOTLB_IH            (1ULL << 6)     /* in the high qword */
#define DEVTLB_SIZE         (1ULL << 0)     /* in the high qword */
#define WAIT_IF             (1ULL << 4)
#define WAIT_SW             (1ULL << 5)
#define WAIT_FN             (1ULL << 6)
#define PAGE_MASK_4K        (~0xfffULL)

struct vtd_desc vtd_desc_context(unsigned int granularity, uint16_t did,
                                 uint16_t sid, unsigned int function_mask)
{
    struct vtd_desc d = {
        .lo = VTD_DESC_CONTEXT | ((uint64_t)granularity << DESC_GRAN_SHIFT) |
              ((uint64_t)did << DESC_DID_SHIFT) | ((uint64_t)sid << DESC_SID_SHIFT) |
              ((uint64_t)(function_mask & 3) << DESC_FM_SHIFT),
        .hi = 0,
    };

    return d;
}

struct vtd_desc vtd_desc_iotlb(unsigned int granularity, uint16_t did,
                               uint64_t addr, unsigned int am, bool leaf_only,
                               bool drain_reads, bool drain_writes)
{
    struct vtd_desc d = {
        .lo = VTD_DESC_IOTLB | ((uint64_t)granularity << DESC_GRAN_SHIFT) |
              ((uint64_t)did << DESC_DID_SHIFT) |
              (drain_writes ? IOTLB_DW : 0) | (drain_reads ? IOTLB_DR : 0),
        .hi = 0,
    };

    if ( granularity == VTD_GRAN_PAGE )
        d.hi = (addr & PAGE_MASK_4K) | (leaf_only ? IOTLB_IH : 0) | (am & 0x3f);
    return d;
}

struct vtd_desc vtd_desc_devtlb(uint16_t sid, uint64_t addr, unsigned int order)
{
    struct vtd_desc d = {
        .lo = VTD_DESC_DEVTLB | ((uint64_t)sid << DESC_SID_SHIFT),
        .hi = addr & PAGE_MASK_4K,
    };

    /*
     * PCIe ATS: with S set, the lowest clear address bit above bit 11 gives
     * the size; bits 12 .. 12 + order - 2 are set to say 2^order pages.
     */
    if ( order )
        d.hi = (d.hi & ~((1ULL << (12 + order)) - 1)) |
               (((1ULL << (order - 1)) - 1) << 12) | DEVTLB_SIZE;
    return d;
}

struct vtd_desc vtd_desc_wait(uint64_t status_addr, uint32_t status_data,
                              bool interrupt)
{
    struct vtd_desc d = {
        .lo = VTD_DESC_WAIT | WAIT_SW | WAIT_FN | (interrupt ? WAIT_IF : 0) |
              ((uint64_t)status_data << 32),
        .hi = status_addr & ~3ULL,
    };

    return d;
}

unsigned int vtd_psi_split(uint64_t first, uint64_t nr, unsigned int mamv,
                           struct vtd_psi_block *out, unsigned int max)
{
    unsigned int count = 0;

    while ( nr )
    {
        unsigned int am = 0;

        /* Grow while still aligned, inside the range and within MAMV. */
        while ( am < mamv && !(first & ((2ULL << am) - 1)) && (2ULL << am) <= nr )
            am++;
        if ( count < max )
        {
            out[count].first = first;
            out[count].am = am;
        }
        count++;
        first += 1ULL << am;
        nr -= 1ULL << am;
    }
    return count;
}

bool vtd_psi_cover(uint64_t first, uint64_t nr, unsigned int mamv,
                   struct vtd_psi_block *out)
{
    uint64_t last = first + nr - 1;
    unsigned int am = 0;

    if ( nr == 0 )
        return false;
    while ( (first >> am) != (last >> am) )
        am++;
    if ( am > mamv || (1ULL << am) > 2 * nr )
        return false;
    out->first = first & ~((1ULL << am) - 1);
    out->am = am;
    return true;
}
