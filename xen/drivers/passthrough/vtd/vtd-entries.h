/*
 * VT-d translation structures in legacy (non-scalable) mode (VT-d spec,
 * chapter 9): root entries, context entries and second-level page-table
 * entries, as pure encoders the driver and the host tests share.
 *
 * A second-level table maps a BFN (bus frame number; for PV domains
 * BFN = MFN) to a machine frame.  Levels count from 1 (4 KiB leaves) up to
 * the unit's AGAW: 3 levels for a 39-bit, 4 for a 48-bit address width.
 */
#ifndef VTD_ENTRIES_H
#define VTD_ENTRIES_H

#include <xen/types.h>

#define VTD_PAGE_SHIFT          12
#define VTD_LEVEL_STRIDE        9
#define VTD_ENTRIES_PER_TABLE   512

/* Second-level PTE bits. */
#define VTD_PTE_R               (1ULL << 0)
#define VTD_PTE_W               (1ULL << 1)
#define VTD_PTE_SP              (1ULL << 7)     /* superpage (level 2 or 3 leaf) */
#define VTD_PTE_SNP             (1ULL << 11)
#define VTD_PTE_ADDR_MASK       0x000ffffffffff000ULL

/* Context-entry translation types (low qword bits 3:2). */
#define VTD_CTX_TT_UNTRANSLATED 0
#define VTD_CTX_TT_ALL          1               /* also ATS-translated requests */
#define VTD_CTX_TT_PASSTHROUGH  2

struct vtd_root_entry {
    uint64_t lo;
    uint64_t hi;
};

struct vtd_context_entry {
    uint64_t lo;
    uint64_t hi;
};

/* Page-table levels for an address width in bits (39 -> 3, 48 -> 4, 57 -> 5). */
unsigned int vtd_width_to_levels(unsigned int width);

/* The context entry's AW field for a number of levels (3 -> 1, 4 -> 2, 5 -> 3). */
unsigned int vtd_levels_to_aw(unsigned int levels);

/*
 * The address width to use on a unit: the smallest width its SAGAW allows
 * that covers 'needed_bits', else the largest it allows; 0 if none.
 */
unsigned int vtd_choose_width(unsigned int sagaw, unsigned int needed_bits);

/* Index into the table at 'level' for a BFN. */
static inline unsigned int vtd_level_index(uint64_t bfn, unsigned int level)
{
    return (bfn >> (VTD_LEVEL_STRIDE * (level - 1))) & (VTD_ENTRIES_PER_TABLE - 1);
}

/* Frames covered by one entry at 'level' (1, 512, 262144, ...). */
static inline uint64_t vtd_level_frames(unsigned int level)
{
    return 1ULL << (VTD_LEVEL_STRIDE * (level - 1));
}

uint64_t vtd_pte_leaf(uint64_t mfn, bool readable, bool writable, unsigned int level);
uint64_t vtd_pte_table(uint64_t table_mfn);
static inline bool vtd_pte_present(uint64_t pte)
{
    return pte & (VTD_PTE_R | VTD_PTE_W);
}
static inline uint64_t vtd_pte_mfn(uint64_t pte)
{
    return (pte & VTD_PTE_ADDR_MASK) >> VTD_PAGE_SHIFT;
}

struct vtd_root_entry vtd_root_entry(uint64_t context_table_mfn);
struct vtd_context_entry vtd_context_entry(uint64_t pt_root_mfn, unsigned int levels,
                                           uint16_t did, unsigned int tt);

#endif /* VTD_ENTRIES_H */
