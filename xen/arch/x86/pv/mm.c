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

/* An L4 page table of this domain (the only roots a vCPU may run on). */
static bool is_own_l4(const struct domain *d, uint64_t mfn)
{
    const struct page_info *pg;

    if ( mfn >= max_page )
        return false;
    pg = mfn_to_page(mfn);
    return pg->owner == d && pg->type_info == PGT_l4_page_table;
}

static long mmuext_one(struct vcpu *v, const struct mmuext_op *op)
{
    switch ( op->cmd )
    {
    case MMUEXT_NEW_BASEPTR:
        if ( !is_own_l4(v->domain, op->arg1.mfn) )
            return -EINVAL;
        v->pv.guest_cr3_kernel = op->arg1.mfn << PAGE_SHIFT;
        if ( v->pv.kernel_mode )
            __asm__ __volatile__ ( "mov %0, %%cr3" :: "r" (v->pv.guest_cr3_kernel)
                                   : "memory" );
        return 0;
    case MMUEXT_NEW_USER_BASEPTR:
        if ( op->arg1.mfn && !is_own_l4(v->domain, op->arg1.mfn) )
            return -EINVAL;
        v->pv.guest_cr3_user = op->arg1.mfn << PAGE_SHIFT;
        return 0;
    case MMUEXT_TLB_FLUSH_LOCAL:
    case MMUEXT_TLB_FLUSH_ALL:          /* one vCPU per domain so far: local is all */
        __asm__ __volatile__ ( "mov %0, %%cr3" :: "r" (read_cr3()) : "memory" );
        return 0;
    case MMUEXT_INVLPG_LOCAL:
    case MMUEXT_INVLPG_ALL:
        if ( !guest_range_ok(op->arg1.linear_addr, 1) )
            return -EINVAL;
        __asm__ __volatile__ ( "invlpg %0" :: "m" (*(const char *)op->arg1.linear_addr)
                               : "memory" );
        return 0;
    default:
        return -ENOSYS;                 /* pinning and the rest come with the PV MMU */
    }
}

long do_mmuext_op(uint64_t ops, uint64_t count, uint64_t pdone, uint64_t foreigndom,
                  uint64_t a5, uint64_t a6)
{
    struct vcpu *v = current_vcpu();
    unsigned int done = 0;
    long rc = 0;

    if ( (foreigndom & 0xffff) != DOMID_SELF && (foreigndom & 0xffff) != v->domain->domain_id )
        return -ENOSYS;                 /* foreign operations come with the toolstack */
    if ( count > 4096 )
        return -E2BIG;
    for ( ; done < count; done++ )
    {
        struct mmuext_op op;

        if ( copy_from_guest(&op, ops + done * sizeof(op), sizeof(op)) )
        {
            rc = -EFAULT;
            break;
        }
        rc = mmuext_one(v, &op);
        if ( rc )
            break;
    }
    if ( pdone && copy_to_guest(pdone, &done, sizeof(done)) )
        return -EFAULT;
    return rc;
}
