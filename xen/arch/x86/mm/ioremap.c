/*
 * ioremap: uncached (PCD|PWT) mappings of device registers in their own
 * virtual area (IOREMAP_VIRT_START, 1 GiB), so that device memory is never
 * accessed write-back.  Where the mapped range is not RAM but the direct
 * map covers it (a "reserved" region of the memory map, e.g. PCIe ECAM),
 * the direct mapping is removed first: a frame is never mapped with two
 * memory types at once (Intel SDM vol. 3, 11.12.4).
 *
 * The area is handed out by a bump pointer under ioremap_lock, each
 * mapping followed by an unmapped guard page; iounmap removes the mapping
 * up to that guard but does not recycle the addresses (devices are mapped
 * once, at initialisation).
 *
 * What the hypervisor maps is its own: guests may not map those frames
 * (ioremap_owns_frame(), for the PV MMU) until iounmap gives them up.
 */
#include <asm/config.h>
#include <asm/mm.h>
#include <asm/page.h>
#include <asm/x86-defs.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/spinlock.h>
#include <xen/vmap.h>

#include "mm-internal.h"

#define IOREMAP_FLAGS   (_PAGE_PRESENT | _PAGE_RW | _PAGE_PCD | _PAGE_PWT | _PAGE_NX)

#define MAX_OWNED_RANGES 64

static DEFINE_SPINLOCK(ioremap_lock);
static uint64_t ioremap_next = IOREMAP_VIRT_START;

/* Frames of live mappings, under ioremap_lock. */
static struct {
    uint64_t va, first_mfn, nr;
    bool shared;                /* the hardware domain may map it too */
} owned[MAX_OWNED_RANGES];

bool ioremap_owns_frame(uint64_t mfn)
{
    unsigned long flags = spin_lock_irqsave(&ioremap_lock);
    bool found = false;

    for ( unsigned int i = 0; i < MAX_OWNED_RANGES && !found; i++ )
        found = owned[i].nr && !owned[i].shared && mfn - owned[i].first_mfn < owned[i].nr;
    spin_unlock_irqrestore(&ioremap_lock, flags);
    return found;
}

/* Record a live mapping; false if the table is full (the mapping is refused). */
static bool own_range(uint64_t va, uint64_t first_mfn, uint64_t nr)
{
    for ( unsigned int i = 0; i < MAX_OWNED_RANGES; i++ )
        if ( owned[i].nr == 0 )
        {
            owned[i].va = va;
            owned[i].first_mfn = first_mfn;
            owned[i].nr = nr;
            owned[i].shared = false;
            return true;
        }
    return false;
}

void *ioremap(paddr_t maddr, size_t size)
{
    paddr_t first = ROUNDDOWN(maddr, PAGE_SIZE), last;
    uint64_t nr, va;
    unsigned long flags;

    if ( size == 0 || maddr + size < maddr || maddr + size > (1ULL << PADDR_BITS) )
        return NULL;
    last = ROUNDUP(maddr + size, PAGE_SIZE);
    nr = (last - first) >> PAGE_SHIFT;

    flags = spin_lock_irqsave(&ioremap_lock);
    va = ioremap_next;
    if ( nr + 1 > (IOREMAP_VIRT_END - va) >> PAGE_SHIFT )
    {
        spin_unlock_irqrestore(&ioremap_lock, flags);
        printk(XENLOG_ERR "ioremap: area full; cannot map %#lx+%#zx\n",
               (unsigned long)maddr, size);
        return NULL;
    }
    if ( !own_range(va, first >> PAGE_SHIFT, nr) )
    {
        spin_unlock_irqrestore(&ioremap_lock, flags);
        printk(XENLOG_ERR "ioremap: too many mappings; cannot map %#lx+%#zx\n",
               (unsigned long)maddr, size);
        return NULL;
    }
    ioremap_next = va + (nr + 1) * PAGE_SIZE;       /* an unmapped guard page */
    spin_unlock_irqrestore(&ioremap_lock, flags);

    if ( mem_is_ram(first, last) )
        printk(XENLOG_WARNING "ioremap: %#lx+%#zx is RAM; mapping it uncached anyway\n",
               (unsigned long)maddr, size);
    else if ( destroy_xen_mappings((uint64_t)maddr_to_virt(first),
                                   (uint64_t)maddr_to_virt(last)) )
        return NULL;
    if ( map_pages_to_xen(va, first >> PAGE_SHIFT, nr, IOREMAP_FLAGS) )
    {
        printk(XENLOG_ERR "ioremap: cannot map %#lx+%#zx\n", (unsigned long)maddr, size);
        return NULL;
    }
    return (void *)(va + (maddr - first));
}

void ioremap_share_with_hardware_domain(void *va)
{
    uint64_t start = ROUNDDOWN((uint64_t)va, PAGE_SIZE);
    unsigned long flags = spin_lock_irqsave(&ioremap_lock);

    for ( unsigned int i = 0; i < MAX_OWNED_RANGES; i++ )
        if ( owned[i].nr && owned[i].va == start )
            owned[i].shared = true;
    spin_unlock_irqrestore(&ioremap_lock, flags);
}

void iounmap(void *va)
{
    uint64_t start = ROUNDDOWN((uint64_t)va, PAGE_SIZE), end = start;

    if ( start < IOREMAP_VIRT_START || start >= IOREMAP_VIRT_END )
        return;
    /* Each mapping ends at the guard page that follows it. */
    while ( end < IOREMAP_VIRT_END && xen_range_mapped(end, PAGE_SIZE) )
        end += PAGE_SIZE;
    if ( end > start )
        destroy_xen_mappings(start, end);
    {
        unsigned long flags = spin_lock_irqsave(&ioremap_lock);

        for ( unsigned int i = 0; i < MAX_OWNED_RANGES; i++ )
            if ( owned[i].nr && owned[i].va == start )
                owned[i].nr = 0;
        spin_unlock_irqrestore(&ioremap_lock, flags);
    }
}
