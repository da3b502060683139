/*
 * Memory allocation.
 *
 *  - The boot allocator hands out frames before the frame table exists.
 *  - The heap (a buddy allocator over every free RAM frame) serves the
 *    hypervisor (xenheap: direct-mapped, PGF_xenheap) and domains (domheap:
 *    owner set, counted in the domain, scrubbed when freed).  One lock,
 *    the heap lock, guards the free lists and the counters.
 *  - xmalloc() serves small objects from pages of the heap.
 */
#ifndef XEN_MM_H
#define XEN_MM_H

#include <xen/compiler.h>
#include <xen/types.h>

#define MAX_ORDER 18                    /* 1 GiB blocks */

struct page_info;
struct domain;

/* Hypervisor pages: direct-mapped virtual addresses, or NULL. */
void *alloc_xenheap_pages(unsigned int order);
void free_xenheap_pages(void *va, unsigned int order);

/* Domain pages (owner d may be NULL for anonymous ones), scrubbed on free. */
struct page_info *alloc_domheap_pages(struct domain *d, unsigned int order);
void free_domheap_pages(struct page_info *pg, unsigned int order);

void *page_to_virt(const struct page_info *pg);
struct page_info *virt_to_page(const void *va);

/* Boot: direct map, frame table and heap from the loader's memory map. */
struct boot_info;
void init_memory(const struct boot_info *bi);

/* Add [first_mfn, first_mfn + nr) to the heap as free frames. */
void heap_add_frames(uint64_t first_mfn, uint64_t nr);

uint64_t heap_total_pages(void);
uint64_t heap_free_pages(void);

/* Small objects from the heap. */
void *xmalloc_bytes(size_t size);
void *xzalloc_bytes(size_t size);
void xfree(void *p);
#define xmalloc(type) ((type *)xmalloc_bytes(sizeof(type)))
#define xzalloc(type) ((type *)xzalloc_bytes(sizeof(type)))
/* An array of n elements, or NULL when n * size overflows. */
void *xmalloc_array_bytes(size_t size, size_t n);
#define xmalloc_array(type, n) ((type *)xmalloc_array_bytes(sizeof(type), (n)))

#endif /* XEN_MM_H */
