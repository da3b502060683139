/*
 * The frame table: one struct page_info per machine frame.
 *
 * Ownership and counts (DESIGN section 3):
 *  - owner: the domain a frame belongs to, or NULL for hypervisor and free
 *    frames.  A domain maps only frames it owns (or granted, or I/O).
 *  - count_info: general references.  A frame is freed only at zero.
 *  - type_info: the frame's use (none, writable, L1..L4 page table,
 *    descriptor table) and how many references hold that type.  A frame
 *    typed as a page or descriptor table is never writable by its guest,
 *    through the CPU or through the IOMMU.
 *  - While free, 'free_order' and the list links belong to the buddy
 *    allocator, under the heap lock.
 *
 * The table lives at FRAMETABLE_VIRT_START and covers frames [0, max_page).
 * Its pages that describe only frames outside every RAM region of the
 * memory map are one shared read-only zero page: such entries read as
 * "no owner, no flags", and writing one is a hypervisor bug that faults.
 */
#ifndef ASM_MM_H
#define ASM_MM_H

#include <asm/config.h>
#include <xen/types.h>

#define PGT_none            0u
#define PGT_writable        1u
#define PGT_l1_page_table   2u
#define PGT_l2_page_table   3u
#define PGT_l3_page_table   4u
#define PGT_l4_page_table   5u
#define PGT_seg_desc_page   6u

#define PGF_free            (1u << 0)   /* on a buddy free list (head of a block) */
#define PGF_xenheap         (1u << 1)   /* allocated to the hypervisor itself */
#define PGF_reserved        (1u << 2)   /* never allocatable (firmware, image, modules) */
#define PGF_xmalloc         (1u << 3)   /* a page of xmalloc's small-object pool */
#define PGF_dirty           (1u << 4)   /* free, contents unknown: zero before a domain gets it */

struct domain;

struct page_info {
    struct page_info *next, *prev;      /* free list, or the owner's page list */
    struct domain *owner;
    uint32_t count_info;                /* general references */
    uint32_t type_count;                /* references holding type_info */
    uint16_t type_info;                 /* PGT_* */
    uint8_t flags;                      /* PGF_* */
    uint8_t free_order;                 /* block order while free / xmalloc class */
    uint32_t xmalloc_used;              /* xmalloc: objects in use in this page */
};

extern struct page_info *frame_table;
extern uint64_t max_page;               /* frames covered by the frame table */

/* A frame the frame table describes (RAM, or a hole that reads as unowned). */
static inline bool mfn_valid(uint64_t mfn)
{
    return mfn < max_page;
}

static inline struct page_info *mfn_to_page(uint64_t mfn)
{
    return &frame_table[mfn];
}

static inline uint64_t page_to_mfn(const struct page_info *pg)
{
    return pg - frame_table;
}

#endif /* ASM_MM_H */
