/*
 * The boot allocator: free machine memory before the heap exists.
 *
 * It holds a small list of free ranges: the usable RAM of the loader's map
 * (rounded inward to whole pages) minus every reservation (rounded outward:
 * the hypervisor image, the MBI, the modules, the first MiB).  Allocations
 * come from the top of the highest range that fits, so low memory is kept
 * for callers that need it.  boot_mem_handover() gives what is left to the
 * heap and closes the allocator for good.  Boot CPU only, no lock.
 */
#ifndef ASM_BOOT_ALLOC_H
#define ASM_BOOT_ALLOC_H

#include <xen/types.h>

#define BOOT_MEM_MAX_RANGES     192
#define BOOT_MEM_FAILED         (~(paddr_t)0)

/* Forget every range (tests; boot starts empty). */
void boot_mem_reset(void);

/* Add usable memory [start, end); returns false when the range table is full. */
bool boot_mem_add(paddr_t start, paddr_t end);

/* Never hand out [start, end). */
void boot_mem_reserve(paddr_t start, paddr_t end);

/*
 * 'bytes' (rounded up to pages) aligned to 'align' (a power of two, at
 * least a page), entirely below 'limit'; BOOT_MEM_FAILED if no range fits.
 */
paddr_t boot_mem_alloc(uint64_t bytes, uint64_t align, paddr_t limit);

/* Bytes still free, and bytes handed out by boot_mem_alloc() so far. */
uint64_t boot_mem_free_bytes(void);
uint64_t boot_mem_allocated_bytes(void);

/* Call add(first_mfn, nr) for every free range, then refuse allocations. */
void boot_mem_handover(void (*add)(uint64_t first_mfn, uint64_t nr));

#endif /* ASM_BOOT_ALLOC_H */
