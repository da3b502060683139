/*
 * Encoders for root, context and second-level page-table entries.
 */
#include "vtd-entries.h"

#define CTX_LO_PRESENT      (1ULL << 0)
#define CTX_LO_TT_SHIFT     2
#define CTX_HI_DID_SHIFT    8
#define ROOT_LO_PRESENT     (1ULL << 0)

unsigned int vtd_width_to_levels(unsigned int width)
{
    switch ( width )
    {
    case 39: return 3;
    case 48: return 4;
    case 57: return 5;
    default: return 0;
    }
}

unsigned int vtd_levels_to_aw(unsigned int levels)
{
    return levels >= 3 && levels <= 5 ? levels - 2 : 0;
}

unsigned int vtd_choose_width(unsigned int sagaw, unsigned int needed_bits)
{
    static const unsigned int widths[] = { 39, 48, 57 };   /* SAGAW bits 1, 2, 3 */
    unsigned int best = 0;

    for ( unsigned int i = 0; i < 3; i++ )
    {
        if ( !(sagaw & (2u << i)) )
            continue;
        best = widths[i];
        if ( widths[i] >= needed_bits )
            return widths[i];
    }
    return best;
}

uint64_t vtd_pte_leaf(uint64_t mfn, bool readable, bool writable, unsigned int level)
{
    uint64_t pte = (mfn << VTD_PAGE_SHIFT) & VTD_PTE_ADDR_MASK;

    if ( readable )
        pte |= VTD_PTE_R;
    if ( writable )
        pte |= VTD_PTE_W;
    if ( level > 1 )
        pte |= VTD_PTE_SP;
    return pte;
}

uint64_t vtd_pte_table(uint64_t table_mfn)
{
    /* Non-leaf entries grant both; the leaf decides. */
    return ((table_mfn << VTD_PAGE_SHIFT) & VTD_PTE_ADDR_MASK) | VTD_PTE_R | VTD_PTE_W;
}

struct vtd_root_entry vtd_root_entry(uint64_t context_table_mfn)
{
    struct vtd_root_entry e = {
        .lo = (context_table_mfn << VTD_PAGE_SHIFT) | ROOT_LO_PRESENT,
        .hi = 0,
    };

    return e;
}

struct vtd_context_entry vtd_context_entry(uint64_t pt_root_mfn, unsigned int levels,
                                           uint16_t did, unsigned int tt)
{
    struct vtd_context_entry e = {
        .lo = (pt_root_mfn << VTD_PAGE_SHIFT) | ((uint64_t)tt << CTX_LO_TT_SHIFT) |
              CTX_LO_PRESENT,
        .hi = vtd_levels_to_aw(levels) | ((uint64_t)did << CTX_HI_DID_SHIFT),
    };

    return e;
}
