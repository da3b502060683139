/*
 * ioremap: uncached (PCD|PWT) 4 KiB mappings of device registers in their
 * own virtual area, so that device memory is never accessed write-back
 * through the direct map.  The area is handed out by a bump pointer under
 * a lock; iounmap removes the mappings but does not recycle the addresses
 * (devices are mapped once, at initialisation, and the area is 1 GiB).
 */
#include <asm/config.h>
#include <asm/page.h>
#include <asm/x86-defs.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/spinlock.h>
#include <xen/string.h>
#include <xen/vmap.h>

#define PTE_ADDR_MASK   0x000ffffffffff000ULL

extern uint64_t boot_l4[512];

static DEFINE_SPINLOCK(ioremap_lock);
static uint64_t ioremap_next = IOREMAP_VIRT_START;

/* The L1 slot for va in the hypervisor's tables, creating tables as needed. */
static uint64_t *l1_slot(uint64_t va)
{
    uint64_t *table = boot_l4;

    for ( unsigned int shift = L4_PAGETABLE_SHIFT; shift > L1_PAGETABLE_SHIFT;
          shift -= PAGETABLE_ORDER )
    {
        uint64_t *entry = &table[(va >> shift) & 511];

        if ( !(*entry & _PAGE_PRESENT) )
        {
            void *next = alloc_xenheap_pages(0);

            if ( next == NULL )
                return NULL;
            memset(next, 0, PAGE_SIZE);
            *entry = virt_to_maddr(next) | _PAGE_PRESENT | _PAGE_RW;
        }
        BUG_ON(*entry & _PAGE_PSE);
        table = maddr_to_virt(*entry & PTE_ADDR_MASK);
    }
    return &table[(va >> L1_PAGETABLE_SHIFT) & 511];
}

int map_pages_to_xen(uint64_t va, uint64_t mfn, uint64_t nr, uint64_t flags);
int map_pages_to_xen(uint64_t va, uint64_t mfn, uint64_t nr, uint64_t flags)
{
    for ( uint64_t i = 0; i < nr; i++ )
    {
        uint64_t *slot = l1_slot(va + i * PAGE_SIZE);

        if ( slot == NULL )
            return -1;
        *slot = ((mfn + i) << PAGE_SHIFT) | flags;
        __asm__ __volatile__ ( "invlpg %0" :: "m" (*(const char *)(va + i * PAGE_SIZE))
                               : "memory" );
    }
    return 0;
}

void *ioremap(paddr_t maddr, size_t size)
{
    paddr_t first = ROUNDDOWN(maddr, PAGE_SIZE);
    uint64_t nr = (ROUNDUP(maddr + size, PAGE_SIZE) - first) >> PAGE_SHIFT;
    unsigned long flags;
    uint64_t va;

    if ( size == 0 || maddr + size < maddr )
        return NULL;
    flags = spin_lock_irqsave(&ioremap_lock);
    va = ioremap_next;
    if ( va + nr * PAGE_SIZE > IOREMAP_VIRT_END ||
         map_pages_to_xen(va, first >> PAGE_SHIFT, nr,
                          _PAGE_PRESENT | _PAGE_RW | _PAGE_PCD | _PAGE_PWT | _PAGE_NX) )
    {
        spin_unlock_irqrestore(&ioremap_lock, flags);
        printk(XENLOG_ERR "ioremap: cannot map %#lx+%#zx\n", (unsigned long)maddr, size);
        return NULL;
    }
    ioremap_next = va + (nr + 1) * PAGE_SIZE;       /* an unmapped guard page */
    spin_unlock_irqrestore(&ioremap_lock, flags);
    return (void *)(va + (maddr - first));
}

void iounmap(void *va)
{
    uint64_t page = ROUNDDOWN((uint64_t)va, PAGE_SIZE);
    unsigned long flags = spin_lock_irqsave(&ioremap_lock);

    /* Mappings end at the guard page that follows each one. */
    for ( ; page < ioremap_next; page += PAGE_SIZE )
    {
        uint64_t *slot = l1_slot(page);

        if ( slot == NULL || !(*slot & _PAGE_PRESENT) )
            break;
        *slot = 0;
        __asm__ __volatile__ ( "invlpg %0" :: "m" (*(const char *)page) : "memory" );
    }
    spin_unlock_irqrestore(&ioremap_lock, flags);
}
