/*
 * Memory allocation.
 *
 *  - The boot allocator (asm/boot-alloc.h) hands out frames before the
 *    frame table exists; what it has left becomes the heap.
 *  - The heap (a buddy allocator over every free RAM frame) serves the
 *    hypervisor (xenheap: direct-mapped, PGF_xenheap) and domains (domheap:
 *    owner set, scrubbed).  One lock, the heap lock, guards the free lists
 *    and the counters; it is taken with interrupts off and nests inside no
 *    other lock but xmalloc's.
 *  - xmalloc() serves small objects from pages of the heap.
 *
 * Freeing what was not allocated, or freeing twice, is a hypervisor bug and
 * stops the machine (BUG); running out of memory is an ordinary error (NULL).
 */
#ifndef XEN_MM_H
#define XEN_MM_H

#include <xen/compiler.h>
#include <xen/types.h>

#define MAX_ORDER 18                    /* 1 GiB blocks */

/* alloc_domheap_pages() flags. */
#define MEMF_no_scrub   (1u << 0)       /* the caller overwrites every byte itself */
#define MEMF_no_owner   (1u << 1)       /* do not make d the owner */
#define _MEMF_bits      8
#define MEMF_bits(n)    ((unsigned int)(n) << _MEMF_bits)  /* below 2^n bytes */

struct page_info;
struct domain;

/* Hypervisor pages: direct-mapped virtual addresses, or NULL.  Not zeroed. */
void *alloc_xenheap_pages(unsigned int order);
void free_xenheap_pages(void *va, unsigned int order);

/*
 * Domain pages (d may be NULL for anonymous ones): 2^order frames, naturally
 * aligned, zeroed unless MEMF_no_scrub, owned by d unless MEMF_no_owner.
 * Freed pages are zeroed at once.  NULL when no such block is free.
 */
struct page_info *alloc_domheap_pages(struct domain *d, unsigned int order,
                                      unsigned int memflags);
void free_domheap_pages(struct page_info *pg, unsigned int order);

void *page_to_virt(const struct page_info *pg);
struct page_info *virt_to_page(const void *va);

/* Boot: page tables, direct map, frame table and heap from the loader's map. */
struct boot_info;
void init_memory(const struct boot_info *bi);

/* Add [first_mfn, first_mfn + nr) to the heap as free (dirty) frames. */
void heap_add_frames(uint64_t first_mfn, uint64_t nr);

/* Counters for physinfo: every frame the heap manages, and those free. */
uint64_t heap_total_pages(void);
uint64_t heap_free_pages(void);
/* Free frames below 2^bits bytes (walks the free lists: diagnostics only). */
uint64_t heap_free_pages_below(unsigned int bits);

/* Small objects from the heap, aligned to their size class (at least 16). */
void *xmalloc_bytes(size_t size);
void *xzalloc_bytes(size_t size);
void xfree(void *p);
#define xmalloc(type) ((type *)xmalloc_bytes(sizeof(type)))
#define xzalloc(type) ((type *)xzalloc_bytes(sizeof(type)))
/* An array of n elements, or NULL when n * size overflows. */
void *xmalloc_array_bytes(size_t size, size_t n);
#define xmalloc_array(type, n) ((type *)xmalloc_array_bytes(sizeof(type), (n)))
#define xzalloc_array(type, n) ((type *)xzalloc_array_bytes(sizeof(type), (n)))
void *xzalloc_array_bytes(size_t size, size_t n);

/*
 * The hypervisor's own mappings (arch/x86/mm/pagetable.c), in every address
 * space (slots 256-271 are shared).  flags are 4 KiB PTE flags (_PAGE_*);
 * larger pages are used where va, mfn and nr allow.  Both return 0 or
 * -ENOMEM; destroy flushes the TLB of every online CPU.
 */
int map_pages_to_xen(uint64_t va, uint64_t mfn, uint64_t nr, uint64_t flags);
int destroy_xen_mappings(uint64_t va, uint64_t va_end);
/*
 * The 4 KiB leaf entry mapping va in the hypervisor's tables, or NULL.  For
 * areas one CPU owns and remaps itself (then invlpg on that CPU suffices).
 */
uint64_t *xen_l1e_of(uint64_t va);
/* Whether [va, va + len) is mapped in the hypervisor's tables. */
bool xen_range_mapped(uint64_t va, uint64_t len);

#endif /* XEN_MM_H */
