/*
 * Memory helpers for test kernels: frame numbers of the kernel's own
 * pages (through the p2m list the builder gave), and remapping one of
 * its page-aligned windows onto another frame with update_va_mapping.
 */
#ifndef GUEST_MM_H
#define GUEST_MM_H

#include <stdint.h>

#define PAGE_SIZE           4096UL
#define GUEST_VIRT_BASE     0xffffffff80000000UL    /* head.S's VIRT_BASE note */

#define PTE_PRESENT         0x001UL
#define PTE_RW              0x002UL
#define PTE_USER            0x004UL
#define PTE_PCD             0x010UL
#define PTE_ACCESSED        0x020UL
#define PTE_DIRTY           0x040UL

/* A page-aligned window of the kernel image, for mapping other frames at. */
#define DEFINE_WINDOW(name) \
    static uint8_t name[PAGE_SIZE] __attribute__((aligned(4096)))

struct shared_info;

unsigned long virt_to_mfn(const void *va);

/* Point va's L1 entry at mfn with the given PTE flags; 0 or the hypercall's error. */
long map_frame_at(const void *va, unsigned long mfn, unsigned long flags);

/* The machine address of va's L1 entry (walking the running tables through the M2P), or 0. */
unsigned long pte_maddr_of(const void *va);

/*
 * This domain's shared_info page (start_info's frame) mapped writable at
 * window; NULL after the failed check "map shared_info".
 */
volatile struct shared_info *map_shared_info(const void *window);

/* Put va's own frame back (read-write), as the builder mapped it. */
long restore_window(const void *va);

#endif /* GUEST_MM_H */
