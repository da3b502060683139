/*
 * The PV MMU, first part: update_va_mapping, a validated write of one L1
 * entry of the current address space.  The rules (DESIGN section 3): a
 * guest maps only frames it owns (and its shared_info page); a page-table
 * frame is never mapped writable; the hypervisor's range is untouchable.
 * Pinning, type counts for writable mappings and mmu_update follow.
 */
#include <asm/mm.h>
#include <asm/page.h>
#include <asm/x86-defs.h>
#include <public/xen.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>

#define PTE_ADDR_MASK       0x000ffffffffff000ULL
/* L1 bits a guest may set: P RW US PWT PCD A D PAT G? (no G: global pages are hidden), avail, NX. */
#define L1_ALLOWED          (0x1ffULL & ~_PAGE_GLOBAL) | 0xe00ULL | _PAGE_NX

static uint64_t read_cr3(void)
{
    uint64_t cr3;

    __asm__ __volatile__ ( "mov %%cr3, %0" : "=r" (cr3) );
    return cr3;
}

/* The L1 entry mapping va in the current guest tables, or NULL. */
static uint64_t *guest_l1e(uint64_t va)
{
    uint64_t *table = maddr_to_virt(read_cr3() & PTE_ADDR_MASK);

    for ( unsigned int shift = L4_PAGETABLE_SHIFT; shift > L1_PAGETABLE_SHIFT;
          shift -= PAGETABLE_ORDER )
    {
        uint64_t e = table[(va >> shift) & 511];

        if ( !(e & _PAGE_PRESENT) || (e & _PAGE_PSE) )
            return NULL;
        table = maddr_to_virt(e & PTE_ADDR_MASK);
    }
    return &table[(va >> L1_PAGETABLE_SHIFT) & 511];
}

static bool frame_mappable(const struct domain *d, uint64_t mfn, bool writable)
{
    const struct page_info *pg;

    if ( mfn == virt_to_maddr(d->shared_info) >> PAGE_SHIFT )
        return true;                    /* shared with the guest by design */
    if ( mfn >= max_page )
        return false;
    pg = mfn_to_page(mfn);
    if ( pg->owner != d )
        return false;
    return !writable || pg->type_info <= PGT_writable;
}

long do_update_va_mapping(uint64_t va, uint64_t val, uint64_t flags, uint64_t a4,
                          uint64_t a5, uint64_t a6)
{
    struct vcpu *v = current_vcpu();
    uint64_t *l1e;

    if ( !guest_range_ok(va, 1) )
        return -EINVAL;
    if ( (val & _PAGE_PRESENT) &&
         ((val & ~(PTE_ADDR_MASK | L1_ALLOWED)) ||
          !frame_mappable(v->domain, (val & PTE_ADDR_MASK) >> PAGE_SHIFT, val & _PAGE_RW)) )
        return -EINVAL;
    if ( (flags & ~(UVMF_FLUSHTYPE_MASK | UVMF_ALL)) ||
         (flags & UVMF_FLUSHTYPE_MASK) == UVMF_FLUSHTYPE_MASK )
        return -EINVAL;                 /* CPU bitmaps (UVMF_MULTI) come with SMP guests */
    l1e = guest_l1e(va);
    if ( l1e == NULL )
        return -EINVAL;                 /* no L1 table maps this address */
    /* Every guest mapping is a user mapping: the guest kernel runs at ring 3. */
    *l1e = (val & _PAGE_PRESENT) ? val | _PAGE_USER : val;

    if ( (flags & UVMF_FLUSHTYPE_MASK) == UVMF_INVLPG )
        __asm__ __volatile__ ( "invlpg %0" :: "m" (*(const char *)va) : "memory" );
    else if ( (flags & UVMF_FLUSHTYPE_MASK) == UVMF_TLB_FLUSH )
        __asm__ __volatile__ ( "mov %0, %%cr3" :: "r" (read_cr3()) : "memory" );
    return 0;
}
