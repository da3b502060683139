/*
 * The hypervisor's own page tables.
 *
 * boot_l4 (built by head.S) stays the idle page table: every CPU runs on it
 * when no guest is loaded, and PV guests copy its slots 256-271 when their
 * L4 is made.  So that later changes reach every guest, each of those slots
 * points to an L3 table from init_memory() on and the hypervisor only ever
 * changes entries below L4 (pagetable_prefill_l4()).
 *
 * Intermediate entries are present+writable and never NX: the leaves alone
 * decide permissions.  Page-table pages come from the boot allocator until
 * the heap exists, then from the xenheap; they are never freed (mappings
 * are made once at boot or device initialisation).  xen_pt_lock serialises
 * every change; walks without the lock only read.
 */
#include <asm/boot-alloc.h>
#include <asm/config.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <asm/x86-defs.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/spinlock.h>
#include <xen/string.h>

#include "mm-internal.h"

#define PTE_ADDR_MASK   0x000ffffffffff000ULL
#define TABLE_FLAGS     (_PAGE_PRESENT | _PAGE_RW)
#define GIB_PAGES       (1ULL << (L3_PAGETABLE_SHIFT - PAGE_SHIFT))
#define MIB2_PAGES      (1ULL << (L2_PAGETABLE_SHIFT - PAGE_SHIFT))

extern uint64_t boot_l4[512];

static DEFINE_SPINLOCK(xen_pt_lock);
static bool use_heap;
static bool use_1g;

void pagetable_use_heap(void)
{
    use_heap = true;
}

void pagetable_allow_1g(bool allow)
{
    use_1g = allow;
}

/* A zeroed page-table page: its machine address, or 0 when memory is out. */
static paddr_t pt_alloc(void)
{
    paddr_t ma;

    if ( use_heap )
    {
        void *p = alloc_xenheap_pages(0);

        if ( p == NULL )
            return 0;
        ma = virt_to_maddr(p);
    }
    else
    {
        /* Below 4 GiB: reachable through the boot direct map and the final one. */
        ma = boot_mem_alloc(PAGE_SIZE, PAGE_SIZE, BOOT_DIRECTMAP_BYTES);
        if ( ma == BOOT_MEM_FAILED )
            return 0;
    }
    memset(maddr_to_virt(ma), 0, PAGE_SIZE);
    return ma;
}

static uint64_t *table_of(uint64_t e)
{
    return maddr_to_virt(e & PTE_ADDR_MASK);
}

/*
 * Make *e (an entry at a level whose entries span 'span' pages) point to a
 * table: allocate an empty one, or split a large leaf into 512 leaves of
 * the next size with the same permissions.  Returns the table or NULL.
 */
static uint64_t *descend(uint64_t *e, uint64_t span)
{
    uint64_t *t;
    paddr_t ma;

    if ( (*e & _PAGE_PRESENT) && !(*e & _PAGE_PSE) )
        return table_of(*e);
    ma = pt_alloc();
    if ( ma == 0 )
        return NULL;
    t = maddr_to_virt(ma);
    if ( *e & _PAGE_PRESENT )
    {
        uint64_t sub = span / 512;
        uint64_t base = *e & PTE_ADDR_MASK & ~((span << PAGE_SHIFT) - 1);
        uint64_t flags = *e & ~PTE_ADDR_MASK;

        if ( sub == 1 )
            flags &= ~_PAGE_PSE;                /* 4 KiB leaves: bit 7 is PAT */
        for ( unsigned int i = 0; i < 512; i++ )
            t[i] = (base + ((uint64_t)i * sub << PAGE_SHIFT)) | flags;
    }
    /* The new table maps exactly what the leaf did: no flush needed yet. */
    __atomic_store_n(e, ma | TABLE_FLAGS, __ATOMIC_RELEASE);
    return t;
}

static void flush_local(void *unused)
{
    uint64_t cr4, cr3;

    __asm__ __volatile__ ( "mov %%cr4, %0" : "=r" (cr4) );
    if ( cr4 & X86_CR4_PGE )
    {
        /* Toggling PGE drops global entries too. */
        __asm__ __volatile__ ( "mov %0, %%cr4; mov %1, %%cr4"
                               :: "r" (cr4 & ~X86_CR4_PGE), "r" (cr4) : "memory" );
        return;
    }
    __asm__ __volatile__ ( "mov %%cr3, %0; mov %0, %%cr3" : "=r" (cr3) :: "memory" );
}

/* Every CPU forgets stale translations of hypervisor mappings. */
static void flush_all_cpus(void)
{
    unsigned long rflags;

    flush_local(NULL);
    __asm__ __volatile__ ( "pushf; pop %0" : "=r" (rflags) );
    if ( !(rflags & X86_EFLAGS_IF) )
        return;                 /* boot, before other CPUs run; IPIs need IF */
    for ( unsigned int cpu = 0; cpu < NR_CPUS; cpu++ )
        if ( cpu_online(cpu) )
            smp_call_function_on(cpu, flush_local, NULL);  /* -EINVAL for self */
}

int map_pages_in(uint64_t *l4, uint64_t va, uint64_t mfn, uint64_t nr,
                 uint64_t flags, bool *replaced)
{
    while ( nr )
    {
        uint64_t *l3, *l2, *l1, *e;

        l3 = descend(&l4[(va >> L4_PAGETABLE_SHIFT) & 511], GIB_PAGES * 512);
        if ( l3 == NULL )
            return -ENOMEM;
        e = &l3[(va >> L3_PAGETABLE_SHIFT) & 511];
        if ( use_1g && !((va >> PAGE_SHIFT) & (GIB_PAGES - 1)) &&
             !(mfn & (GIB_PAGES - 1)) && nr >= GIB_PAGES &&
             !((*e & _PAGE_PRESENT) && !(*e & _PAGE_PSE)) )
        {
            *replaced |= *e & _PAGE_PRESENT;
            *e = (mfn << PAGE_SHIFT) | flags | _PAGE_PSE;
            va += GIB_PAGES << PAGE_SHIFT;
            mfn += GIB_PAGES;
            nr -= GIB_PAGES;
            continue;
        }
        l2 = descend(e, GIB_PAGES);
        if ( l2 == NULL )
            return -ENOMEM;
        e = &l2[(va >> L2_PAGETABLE_SHIFT) & 511];
        if ( !((va >> PAGE_SHIFT) & (MIB2_PAGES - 1)) && !(mfn & (MIB2_PAGES - 1)) &&
             nr >= MIB2_PAGES && !((*e & _PAGE_PRESENT) && !(*e & _PAGE_PSE)) )
        {
            *replaced |= *e & _PAGE_PRESENT;
            *e = (mfn << PAGE_SHIFT) | flags | _PAGE_PSE;
            va += MIB2_PAGES << PAGE_SHIFT;
            mfn += MIB2_PAGES;
            nr -= MIB2_PAGES;
            continue;
        }
        l1 = descend(e, MIB2_PAGES);
        if ( l1 == NULL )
            return -ENOMEM;
        e = &l1[(va >> L1_PAGETABLE_SHIFT) & 511];
        *replaced |= *e & _PAGE_PRESENT;
        *e = (mfn << PAGE_SHIFT) | flags;
        va += PAGE_SIZE;
        mfn++;
        nr--;
    }
    return 0;
}

int map_pages_to_xen(uint64_t va, uint64_t mfn, uint64_t nr, uint64_t flags)
{
    bool replaced = false;
    unsigned long irq;
    int rc;

    if ( (va & ~PAGE_MASK) || (flags & (PTE_ADDR_MASK | _PAGE_PSE)) )
        return -EINVAL;
    irq = spin_lock_irqsave(&xen_pt_lock);
    rc = map_pages_in(boot_l4, va, mfn, nr, flags, &replaced);
    spin_unlock_irqrestore(&xen_pt_lock, irq);
    /* Not-present to present needs no flush; replacing a translation does. */
    if ( replaced )
        flush_all_cpus();
    return rc;
}

int destroy_xen_mappings(uint64_t va, uint64_t va_end)
{
    unsigned long irq;
    bool changed = false;
    int rc = 0;

    if ( (va | va_end) & ~PAGE_MASK )
        return -EINVAL;
    irq = spin_lock_irqsave(&xen_pt_lock);
    while ( va < va_end )
    {
        uint64_t *e = &boot_l4[(va >> L4_PAGETABLE_SHIFT) & 511];
        uint64_t span = GIB_PAGES * 512;

        uint64_t size;

        /* Walk down until an absent entry or a leaf inside [va, va_end). */
        for ( unsigned int shift = L4_PAGETABLE_SHIFT; ; )
        {
            bool whole;

            size = span << PAGE_SHIFT;
            whole = !(va & (size - 1)) && va_end - va >= size;
            if ( !(*e & _PAGE_PRESENT) )
                break;
            if ( shift == L1_PAGETABLE_SHIFT ||
                 (shift < L4_PAGETABLE_SHIFT && (*e & _PAGE_PSE) && whole) )
            {
                *e = 0;
                changed = true;
                break;
            }
            if ( descend(e, span) == NULL )
            {
                rc = -ENOMEM;
                goto out;
            }
            shift -= PAGETABLE_ORDER;
            span /= 512;
            e = &table_of(*e)[(va >> shift) & 511];
        }
        /* Go on after the entry we stopped at. */
        va = ROUNDDOWN(va, size) + size;
        if ( va == 0 )
            break;
    }
 out:
    spin_unlock_irqrestore(&xen_pt_lock, irq);
    if ( changed )
        flush_all_cpus();
    return rc;
}

/* The leaf mapping va, and the bytes it spans; NULL when va is unmapped. */
static const uint64_t *lookup(uint64_t va, uint64_t *size)
{
    const uint64_t *e = &boot_l4[(va >> L4_PAGETABLE_SHIFT) & 511];

    for ( unsigned int shift = L4_PAGETABLE_SHIFT; ; shift -= PAGETABLE_ORDER )
    {
        if ( !(*e & _PAGE_PRESENT) )
            return NULL;
        if ( shift == L1_PAGETABLE_SHIFT || (shift < L4_PAGETABLE_SHIFT && (*e & _PAGE_PSE)) )
        {
            *size = 1ULL << shift;
            return e;
        }
        e = &table_of(*e)[(va >> (shift - PAGETABLE_ORDER)) & 511];
    }
}

uint64_t *xen_l1e_of(uint64_t va)
{
    uint64_t size;
    const uint64_t *e = lookup(va, &size);

    return e && size == PAGE_SIZE ? (uint64_t *)e : NULL;
}

bool xen_range_mapped(uint64_t va, uint64_t len)
{
    uint64_t end = va + len;

    if ( end < va )
        return false;
    while ( va < end )
    {
        uint64_t size;

        if ( lookup(va, &size) == NULL )
            return false;
        va = ROUNDDOWN(va, size) + size;
        if ( va == 0 )
            break;                              /* wrapped past the top */
    }
    return true;
}

void pagetable_prefill_l4(uint64_t *l4)
{
    for ( unsigned int slot = 256; slot < 272; slot++ )
        if ( !(l4[slot] & _PAGE_PRESENT) && descend(&l4[slot], GIB_PAGES * 512) == NULL )
            panic("Memory: no page for the L3 table of slot %u", slot);
}
