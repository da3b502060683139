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
#include <xen/compiler.h>
#include <xen/types.h>

/*
 * type_info packs, so that one compare-and-swap changes them together:
 *   bits 0-31   the type count (references that rely on the type)
 *   bits 56-59  the type (PGT_*)
 *   bit 60      validated: a page-table type whose entries all hold their references
 *   bit 61      pinned: the guest holds one type reference by MMUEXT_PIN_*
 * A frame whose type count is zero has no type that matters: the next
 * reference may give it any type.
 */
#define PGT_none            0u
#define PGT_writable        1u
#define PGT_l1_page_table   2u
#define PGT_l2_page_table   3u
#define PGT_l3_page_table   4u
#define PGT_l4_page_table   5u
#define PGT_seg_desc_page   6u

#define PGT_count_mask      0xffffffffULL
#define PGT_type_shift      56
#define PGT_type_mask       (0xfULL << PGT_type_shift)
#define PGT_validated       (1ULL << 60)
#define PGT_pinned          (1ULL << 61)

#define PGF_free            (1u << 0)   /* on a buddy free list (head of a block) */
#define PGF_xenheap         (1u << 1)   /* allocated to the hypervisor itself */
#define PGF_reserved        (1u << 2)   /* never allocatable (firmware, image, modules) */
#define PGF_xmalloc         (1u << 3)   /* a page of xmalloc's small-object pool */
#define PGF_dirty           (1u << 4)   /* free, contents unknown: zero before a domain gets it */
#define PGF_allocated       (1u << 5)   /* its owner holds the allocation reference */

struct domain;

struct page_info {
    struct page_info *next, *prev;      /* free list, or the owner's page list */
    struct domain *owner;
    uint64_t type_info;                 /* type, type count and flags (above) */
    uint32_t count_info;                /* general references */
    uint8_t flags;                      /* PGF_* */
    uint8_t free_order;                 /* block order while free / xmalloc class */
    uint16_t _pad;
    uint32_t xmalloc_used;              /* xmalloc: objects in use in this page */
};

extern struct page_info *frame_table;
extern uint64_t max_page;               /* frames covered by the frame table */

/* A frame the frame table describes (RAM, or a hole that reads as unowned). */
static inline bool mfn_valid(uint64_t mfn)
{
    return mfn < max_page;
}

/* Whether any byte of [start, end) is usable RAM of the machine's memory map. */
bool mem_is_ram(paddr_t start, paddr_t end);

static inline bool mfn_is_ram(uint64_t mfn)
{
    return mem_is_ram(mfn << 12, (mfn + 1) << 12);
}

static inline struct page_info *mfn_to_page(uint64_t mfn)
{
    return &frame_table[mfn];
}

static inline uint64_t page_to_mfn(const struct page_info *pg)
{
    return pg - frame_table;
}

static inline unsigned int page_type(const struct page_info *pg)
{
    uint64_t t = __atomic_load_n(&pg->type_info, __ATOMIC_ACQUIRE);

    return (t & PGT_count_mask) ? (unsigned int)((t & PGT_type_mask) >> PGT_type_shift)
                                : PGT_none;
}

static inline uint32_t page_type_count(const struct page_info *pg)
{
    return __atomic_load_n(&pg->type_info, __ATOMIC_ACQUIRE) & PGT_count_mask;
}

static inline bool page_is_page_table(unsigned int type)
{
    return type >= PGT_l1_page_table && type <= PGT_l4_page_table;
}

/*
 * References (arch/x86/mm/page-ref.c).  A general reference keeps a frame
 * from being freed; get_page() takes one only if d owns the frame.  A type
 * reference also fixes the frame's use: get_page_type() fails with -EINVAL
 * if the frame is in use as another type, and validates a page-table or
 * descriptor frame when it first takes that type (-EINVAL if an entry is
 * refused).  put_page_type() at zero releases what validation took.
 * The last put_page() of a frame its owner has let go of frees it.
 */
bool __must_check get_page(struct page_info *pg, const struct domain *d);
void put_page(struct page_info *pg);
int __must_check get_page_type(struct page_info *pg, unsigned int type);
void put_page_type(struct page_info *pg);
int __must_check get_page_and_type(struct page_info *pg, const struct domain *d,
                                   unsigned int type);
void put_page_and_type(struct page_info *pg);

#endif /* ASM_MM_H */
