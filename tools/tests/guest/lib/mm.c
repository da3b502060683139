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

volatile struct shared_info *map_shared_info(const void *window)
{
    long rc = map_frame_at(window, start_info->shared_info / PAGE_SIZE,
                           PTE_PRESENT | PTE_RW | PTE_ACCESSED | PTE_DIRTY);

    check_eq(rc, 0, "map shared_info");
    return rc ? NULL : (volatile struct shared_info *)window;
}

long restore_window(const void *va)
{
    return map_frame_at(va, virt_to_mfn(va), PTE_PRESENT | PTE_RW | PTE_ACCESSED | PTE_DIRTY);
}

/* A table of ours seen through the kernel mapping (our frames map linearly from VIRT_BASE). */
static const unsigned long *table_va(unsigned long mfn)
{
    const unsigned long *m2p = (const unsigned long *)0xffff800000000000UL;

    return (const unsigned long *)(GUEST_VIRT_BASE + m2p[mfn] * PAGE_SIZE);
}

unsigned long pte_maddr_of(const void *va)
{
    unsigned long cr3_mfn = virt_to_mfn((const void *)start_info->pt_base), mfn = cr3_mfn;

    for ( unsigned int shift = 39; shift > 12; shift -= 9 )
    {
        unsigned long e = table_va(mfn)[((unsigned long)va >> shift) & 511];

        if ( !(e & PTE_PRESENT) )
            return 0;
        mfn = (e & 0x000ffffffffff000UL) / PAGE_SIZE;
    }
    return mfn * PAGE_SIZE + (((unsigned long)va >> 12) & 511) * 8;
}
