/*
 * Address conversions between the direct map, the image mapping and
 * machine addresses.
 */
#ifndef ASM_PAGE_H
#define ASM_PAGE_H

#include <asm/config.h>
#include <xen/types.h>

/* A machine address inside the direct map. */
static inline void *maddr_to_virt(paddr_t ma)
{
    return (void *)(DIRECTMAP_VIRT_START + ma);
}

/* The machine address of a hypervisor virtual address (direct map or image). */
static inline paddr_t virt_to_maddr(const void *va)
{
    uintptr_t v = (uintptr_t)va;

    if ( v >= XEN_VIRT_BASE && v < DIRECTMAP_VIRT_START )
        return v - XEN_VIRT_BASE;
    return v - DIRECTMAP_VIRT_START;
}

#endif /* ASM_PAGE_H */
