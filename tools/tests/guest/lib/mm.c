/*
 * Memory helpers for test kernels (mm.h).
 */
#include <public/xen.h>

#include "guest.h"
#include "mm.h"

unsigned long virt_to_mfn(const void *va)
{
    const unsigned long *p2m = (const unsigned long *)start_info->mfn_list;

    return p2m[((unsigned long)va - GUEST_VIRT_BASE) / PAGE_SIZE];
}

long map_frame_at(const void *va, unsigned long mfn, unsigned long flags)
{
    return hypercall3(__HYPERVISOR_update_va_mapping, va, (mfn * PAGE_SIZE) | flags,
                      UVMF_INVLPG);
}

long restore_window(const void *va)
{
    return map_frame_at(va, virt_to_mfn(va), PTE_PRESENT | PTE_RW | PTE_ACCESSED | PTE_DIRTY);
}
