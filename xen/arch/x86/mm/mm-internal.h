/*
 * Between the files of arch/x86/mm: boot set-up, page tables, ioremap.
 * Everything here runs on the boot CPU during init_memory() unless said.
 */
#ifndef X86_MM_INTERNAL_H
#define X86_MM_INTERNAL_H

#include <xen/types.h>

/* Page-table pages come from the heap from now on (not the boot allocator). */
void pagetable_use_heap(void);

/* Whether map_pages_in() may use 1 GiB pages (CPUID pdpe1gb). */
void pagetable_allow_1g(bool allow);

/*
 * Map [va, va + nr pages) to frames from mfn in the tables rooted at l4,
 * with the largest pages that fit.  *replaced is set if a present entry was
 * overwritten (the caller flushes).  Caller holds the right to change l4.
 */
int map_pages_in(uint64_t *l4, uint64_t va, uint64_t mfn, uint64_t nr,
                 uint64_t flags, bool *replaced);

/* Give every hypervisor slot (256-271) of l4 an L3 table; panics on OOM. */
void pagetable_prefill_l4(uint64_t *l4);

/* Whether [start, end) overlaps usable RAM of the loader's map (any CPU). */

#endif /* X86_MM_INTERNAL_H */
