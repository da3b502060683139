/*
 * The PV MMU hypercalls: mmu_update, mmuext_op, update_va_mapping and
 * update_va_mapping_otherdomain.  Each request is checked and carried out
 * through the reference rules of asm/pv-mm.h; a batch stops at its first
 * refused request and reports how many were done.
 *
 * A vCPU's kernel and user roots each hold a type reference on their L4;
 * pinned tables hold one more.  A guest writes a validated table only
 * through these calls (or the trapped-write emulation), under its domain's
 * mm_lock.  Whenever a reference from a table entry is dropped, the TLB is
 * flushed before the guest runs again, so no stale translation outlives
 * the reference that made it safe.
 */
#include <asm/current.h>
#include <asm/mm.h>
#include <asm/page.h>
#include <asm/smp.h>
#include <asm/pv-mm.h>
#include <asm/x86-defs.h>
#include <public/xen.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/m2p.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/string.h>

#define MAX_BATCH       4096            /* requests per call */

static uint64_t read_cr3(void)
{
    uint64_t cr3;

    __asm__ __volatile__ ( "mov %%cr3, %0" : "=r" (cr3) );
    return cr3;
}

void pv_flush_tlb_local(void)
{
    __asm__ __volatile__ ( "mov %0, %%cr3" :: "r" (read_cr3()) : "memory" );
}

static void flush_here(void *unused)
{
    pv_flush_tlb_local();
}

void pv_flush_tlb_domain(const struct domain *d)
{
    pv_flush_tlb_local();
    for ( unsigned int i = 0; i < d->max_vcpus; i++ )
    {
        const struct vcpu *o = d->vcpu[i];

        if ( o && o->is_up && o->processor != smp_processor_id() )
            smp_call_function_on(o->processor, flush_here, NULL);
    }
}

static void flush_tlb_one(uint64_t va)
{
    __asm__ __volatile__ ( "invlpg %0" :: "m" (*(const char *)va) : "memory" );
}

/*
 * Whose frames a request may map: the caller's own, or (privileged callers
 * only) another domain's, or with DOMID_IO only I/O frames (NULL).
 */
static int lookup_pg_owner(struct domain *d, uint64_t domid, struct domain **owner)
{
    domid &= 0xffff;
    if ( domid == DOMID_SELF || domid == d->domain_id )
    {
        *owner = d;
        return 0;
    }
    if ( !d->is_privileged )
        return -EPERM;
    if ( domid == DOMID_IO )
    {
        *owner = NULL;
        return 0;
    }
    *owner = domain_by_id(domid);
    return *owner ? 0 : -ESRCH;
}

/* A frame of d's that is RAM, or NULL. */
static struct page_info *own_frame(const struct domain *d, uint64_t mfn)
{
    struct page_info *pg;

    if ( !mfn_valid(mfn) || !mfn_is_ram(mfn) )
        return NULL;
    pg = mfn_to_page(mfn);
    return pg->owner == d ? pg : NULL;
}

/*
 * Write one entry of a frame of d's.  A validated table takes the new
 * entry through the rules; any other frame is ordinary memory the guest
 * could write itself, so it only has to be writable.
 */
static int update_entry_at(struct domain *d, uint64_t maddr, uint64_t val,
                           struct domain *pg_owner, bool preserve_ad, bool *dropped)
{
    uint64_t mfn = maddr >> PAGE_SHIFT;
    struct page_info *pg = own_frame(d, mfn);
    unsigned int type;
    int rc;

    if ( pg == NULL || !get_page(pg, d) )
        return -EINVAL;
    type = page_type(pg);
    if ( page_is_page_table(type) && !get_page_type(pg, type) )
    {
        rc = pv_update_entry(d, mfn, type, (maddr & (PAGE_SIZE - 1)) / 8, val, pg_owner,
                             preserve_ad, dropped);
        put_page_type(pg);
    }
    else if ( !get_page_type(pg, PGT_writable) )
    {
        ((uint64_t *)page_to_virt(pg))[(maddr & (PAGE_SIZE - 1)) / 8] = val;
        put_page_type(pg);
        rc = 0;
    }
    else
        rc = -EINVAL;                   /* a descriptor table, or typed meanwhile */
    put_page(pg);
    return rc;
}

static int machphys_update(struct domain *pg_owner, uint64_t mfn, uint64_t pfn)
{
    struct page_info *pg;

    if ( pg_owner == NULL || !mfn_valid(mfn) )
        return -EINVAL;
    pg = mfn_to_page(mfn);
    if ( !get_page(pg, pg_owner) )
        return -EINVAL;
    set_m2p(mfn, pfn);
    put_page(pg);
    return 0;
}

/*
 * Run a batch of requests of 'size' bytes each under the domain's mm_lock:
 * stop at the first refused one, report how many were done, and flush
 * the TLB if any table entry let go of a reference.
 */
typedef long (*batch_request_fn)(struct vcpu *v, struct domain *pg_owner, uint64_t at,
                                 bool *dropped);

static long run_batch(uint64_t list, uint64_t count, size_t size, uint64_t pdone,
                      uint64_t foreigndom, batch_request_fn one)
{
    struct vcpu *v = current_vcpu();
    struct domain *d = v->domain, *pg_owner;
    unsigned int done = 0;
    bool dropped = false;
    long rc;

    if ( count > MAX_BATCH )
        return -E2BIG;                  /* also refuses the preemption-continuation bit */
    rc = lookup_pg_owner(d, foreigndom, &pg_owner);
    if ( rc )
        return rc;

    spin_lock(&d->mm_lock);
    for ( ; done < count; done++ )
    {
        rc = one(v, pg_owner, list + done * size, &dropped);
        if ( rc )
            break;
    }
    spin_unlock(&d->mm_lock);

    if ( dropped )
        pv_flush_tlb_domain(d);
    if ( pdone && copy_to_guest(pdone, &done, sizeof(done)) )
        return -EFAULT;
    return rc;
}

static long mmu_update_one(struct vcpu *v, struct domain *pg_owner, uint64_t at, bool *dropped)
{
    struct mmu_update req;

    if ( copy_from_guest(&req, at, sizeof(req)) )
        return -EFAULT;
    switch ( req.ptr & 3 )
    {
    case MMU_MACHPHYS_UPDATE:
        return machphys_update(pg_owner, req.ptr >> PAGE_SHIFT, req.val);
    default:                            /* normal, no-translate (the same for PV), preserve-A/D */
        return update_entry_at(v->domain, req.ptr & ~7ULL, req.val, pg_owner,
                               (req.ptr & 3) == MMU_PT_UPDATE_PRESERVE_AD, dropped);
    }
}

long do_mmu_update(uint64_t reqs, uint64_t count, uint64_t pdone, uint64_t foreigndom,
                   uint64_t a5, uint64_t a6)
{
    if ( (foreigndom >> 16) & 0xffff )
        return -EINVAL;                 /* another domain's tables: not for PV guests here */
    return run_batch(reqs, count, sizeof(struct mmu_update), pdone, foreigndom,
                     mmu_update_one);
}

uint64_t pv_l1e_maddr_of(uint64_t va)
{
    uint64_t table = read_cr3() & PTE_ADDR_MASK;

    for ( unsigned int shift = L4_PAGETABLE_SHIFT; shift > L1_PAGETABLE_SHIFT;
          shift -= PAGETABLE_ORDER )
    {
        uint64_t e = ((uint64_t *)maddr_to_virt(table))[(va >> shift) & 511];

        if ( !(e & _PAGE_PRESENT) || (e & _PAGE_PSE) )
            return 0;
        table = e & PTE_ADDR_MASK;
    }
    return table + ((va >> L1_PAGETABLE_SHIFT) & 511) * 8;
}

/* UVMF flags: a flush type, and local, all, or a pointer to a vCPU bitmap. */
static int check_uvmf(uint64_t flags)
{
    uint64_t mask;

    if ( (flags & UVMF_FLUSHTYPE_MASK) == UVMF_FLUSHTYPE_MASK )
        return -EINVAL;
    flags &= ~(uint64_t)(UVMF_FLUSHTYPE_MASK | UVMF_ALL);
    if ( flags && copy_from_guest(&mask, flags, sizeof(mask)) )
        return -EFAULT;
    return 0;
}

static long update_va_mapping(uint64_t va, uint64_t val, uint64_t flags, uint64_t domid)
{
    struct vcpu *v = current_vcpu();
    struct domain *d = v->domain, *pg_owner;
    uint64_t maddr;
    bool dropped = false;
    long rc;

    if ( !guest_range_ok(va, 1) )
        return -EINVAL;
    rc = check_uvmf(flags);
    if ( !rc )
        rc = lookup_pg_owner(d, domid, &pg_owner);
    if ( rc )
        return rc;

    spin_lock(&d->mm_lock);
    maddr = pv_l1e_maddr_of(va);
    if ( maddr == 0 )
        rc = -EINVAL;                   /* no L1 table maps this address */
    else if ( page_type(mfn_to_page(maddr >> PAGE_SHIFT)) != PGT_l1_page_table )
        rc = -EINVAL;
    else
        rc = update_entry_at(d, maddr, val, pg_owner, false, &dropped);
    spin_unlock(&d->mm_lock);
    if ( rc )
        return rc;

    /* "All" and vCPU bitmaps reach every CPU the domain runs on; a dropped reference too. */
    if ( dropped || ((flags & UVMF_FLUSHTYPE_MASK) && (flags & ~(uint64_t)UVMF_FLUSHTYPE_MASK)) )
        pv_flush_tlb_domain(d);
    else if ( (flags & UVMF_FLUSHTYPE_MASK) == UVMF_TLB_FLUSH )
        pv_flush_tlb_local();
    else if ( (flags & UVMF_FLUSHTYPE_MASK) == UVMF_INVLPG )
        flush_tlb_one(va);
    return 0;
}

long do_update_va_mapping(uint64_t va, uint64_t val, uint64_t flags, uint64_t a4,
                          uint64_t a5, uint64_t a6)
{
    return update_va_mapping(va, val, flags, DOMID_SELF);
}

long do_update_va_mapping_otherdomain(uint64_t va, uint64_t val, uint64_t flags,
                                      uint64_t domid, uint64_t a5, uint64_t a6)
{
    return update_va_mapping(va, val, flags, domid);
}

static int pin_table(struct domain *pg_owner, uint64_t mfn, unsigned int type)
{
    struct page_info *pg = own_frame(pg_owner, mfn);
    int rc;

    if ( pg == NULL )
        return -EINVAL;
    rc = get_page_and_type(pg, pg_owner, type);
    if ( rc )
        return rc;
    if ( __atomic_fetch_or(&pg->type_info, PGT_pinned, __ATOMIC_ACQ_REL) & PGT_pinned )
    {
        put_page_and_type(pg);
        return -EINVAL;                 /* pinned already */
    }
    return 0;
}

static int unpin_table(struct domain *pg_owner, uint64_t mfn, bool *dropped)
{
    struct page_info *pg = own_frame(pg_owner, mfn);

    if ( pg == NULL || !page_is_page_table(page_type(pg)) )
        return -EINVAL;
    if ( !(__atomic_fetch_and(&pg->type_info, ~PGT_pinned, __ATOMIC_ACQ_REL) & PGT_pinned) )
        return -EINVAL;                 /* not pinned */
    put_page_and_type(pg);
    *dropped = true;
    return 0;
}

/* Switch a root (kernel or user): the new one's reference first, the old one's last. */
static int new_baseptr(struct vcpu *v, uint64_t mfn, bool user)
{
    uint64_t *slot = user ? &v->pv.guest_cr3_user : &v->pv.guest_cr3_kernel, old = *slot;
    struct page_info *pg = NULL;

    if ( mfn || !user )
    {
        int rc;

        pg = own_frame(v->domain, mfn);
        if ( pg == NULL )
            return -EINVAL;
        rc = get_page_and_type(pg, v->domain, PGT_l4_page_table);
        if ( rc )
            return rc;
    }
    *slot = pg ? mfn << PAGE_SHIFT : 0;
    if ( !user && v->pv.kernel_mode )
        __asm__ __volatile__ ( "mov %0, %%cr3" :: "r" (*slot) : "memory" );
    if ( old )
        put_page_and_type(mfn_to_page(old >> PAGE_SHIFT));
    return 0;
}

static int clear_or_copy_page(struct domain *d, uint64_t dst_mfn, const uint64_t *src_mfn)
{
    struct page_info *dst = own_frame(d, dst_mfn), *src = NULL;
    int rc;

    if ( dst == NULL )
        return -EINVAL;
    if ( src_mfn )
    {
        src = own_frame(d, *src_mfn);
        if ( src == NULL || !get_page(src, d) )
            return -EINVAL;
    }
    rc = get_page_and_type(dst, d, PGT_writable);
    if ( !rc )
    {
        if ( src )
            memcpy(page_to_virt(dst), page_to_virt(src), PAGE_SIZE);
        else
            memset(page_to_virt(dst), 0, PAGE_SIZE);
        put_page_and_type(dst);
    }
    if ( src )
        put_page(src);
    return rc;
}

static long mmuext_one(struct vcpu *v, struct domain *pg_owner, const struct mmuext_op *op,
                       bool *dropped)
{
    uint64_t mask;

    switch ( op->cmd )
    {
    case MMUEXT_PIN_L1_TABLE:
    case MMUEXT_PIN_L2_TABLE:
    case MMUEXT_PIN_L3_TABLE:
    case MMUEXT_PIN_L4_TABLE:
        if ( pg_owner == NULL )
            return -EINVAL;
        return pin_table(pg_owner, op->arg1.mfn, PGT_l1_page_table + op->cmd);
    case MMUEXT_UNPIN_TABLE:
        if ( pg_owner == NULL )
            return -EINVAL;
        return unpin_table(pg_owner, op->arg1.mfn, dropped);
    case MMUEXT_NEW_BASEPTR:
        if ( pg_owner != v->domain )
            return -EINVAL;
        *dropped = true;
        return new_baseptr(v, op->arg1.mfn, false);
    case MMUEXT_NEW_USER_BASEPTR:
        if ( pg_owner != v->domain )
            return -EINVAL;
        *dropped = true;
        return new_baseptr(v, op->arg1.mfn, true);
    case MMUEXT_TLB_FLUSH_MULTI:
    case MMUEXT_INVLPG_MULTI:
        if ( copy_from_guest(&mask, op->arg2.vcpumask, sizeof(mask)) )
            return -EFAULT;
        /* A set of vCPUs: flushing all of them is never less than asked. */
        __attribute__((fallthrough));
    case MMUEXT_TLB_FLUSH_ALL:
    case MMUEXT_INVLPG_ALL:
        if ( (op->cmd == MMUEXT_INVLPG_ALL || op->cmd == MMUEXT_INVLPG_MULTI) &&
             !guest_range_ok(op->arg1.linear_addr, 1) )
            return -EINVAL;
        pv_flush_tlb_domain(v->domain);
        return 0;
    case MMUEXT_TLB_FLUSH_LOCAL:
        pv_flush_tlb_local();
        return 0;
    case MMUEXT_INVLPG_LOCAL:
        if ( !guest_range_ok(op->arg1.linear_addr, 1) )
            return -EINVAL;
        flush_tlb_one(op->arg1.linear_addr);
        return 0;
    case MMUEXT_SET_LDT:
        return pv_set_ldt(v, op->arg1.linear_addr, op->arg2.nr_ents);
    case MMUEXT_CLEAR_PAGE:
        return clear_or_copy_page(v->domain, op->arg1.mfn, NULL);
    case MMUEXT_COPY_PAGE:
        return clear_or_copy_page(v->domain, op->arg1.mfn, &op->arg2.src_mfn);
    default:
        return hypercall_subop_unimplemented(__HYPERVISOR_mmuext_op, op->cmd);
    }
}

static long mmuext_request(struct vcpu *v, struct domain *pg_owner, uint64_t at, bool *dropped)
{
    struct mmuext_op op;

    if ( copy_from_guest(&op, at, sizeof(op)) )
        return -EFAULT;
    return mmuext_one(v, pg_owner, &op, dropped);
}

long do_mmuext_op(uint64_t ops, uint64_t count, uint64_t pdone, uint64_t foreigndom,
                  uint64_t a5, uint64_t a6)
{
    return run_batch(ops, count, sizeof(struct mmuext_op), pdone, foreigndom, mmuext_request);
}

/* The validated L1 of ld holding the entry at maddr, with a type reference, or NULL. */
static struct page_info *get_l1_of(struct domain *ld, uint64_t maddr)
{
    struct page_info *l1 = maddr ? own_frame(ld, maddr >> PAGE_SHIFT) : NULL;

    if ( l1 == NULL || page_type(l1) != PGT_l1_page_table ||
         get_page_type(l1, PGT_l1_page_table) )
        return NULL;
    return l1;
}

int pv_grant_install_pte(struct domain *ld, uint64_t addr, bool is_pte_maddr, uint64_t pte,
                         struct domain *rd, uint64_t *pte_maddr)
{
    struct page_info *l1;
    uint64_t maddr;
    bool dropped = false;
    int rc = -EINVAL;

    if ( is_pte_maddr ? (addr & 7) : (!guest_range_ok(addr, 1) || (addr & (PAGE_SIZE - 1))) )
        return -EINVAL;
    spin_lock(&ld->mm_lock);
    maddr = is_pte_maddr ? addr : pv_l1e_maddr_of(addr);
    l1 = get_l1_of(ld, maddr);
    if ( l1 )
    {
        rc = pv_update_entry(ld, maddr >> PAGE_SHIFT, PGT_l1_page_table,
                             (maddr & (PAGE_SIZE - 1)) / 8, pte, rd, false, &dropped);
        put_page_type(l1);
    }
    spin_unlock(&ld->mm_lock);
    if ( dropped )
        pv_flush_tlb_domain(ld);        /* it replaced a mapping */
    *pte_maddr = maddr;
    return rc;
}

int pv_grant_remove_pte(struct domain *ld, uint64_t pte_maddr, uint64_t mfn)
{
    struct page_info *l1;
    bool dropped = false;
    int rc = -EINVAL;

    spin_lock(&ld->mm_lock);
    l1 = get_l1_of(ld, pte_maddr);
    if ( l1 )
    {
        uint64_t e = ((uint64_t *)page_to_virt(l1))[(pte_maddr & (PAGE_SIZE - 1)) / 8];

        /* Only the grant's own mapping goes; anything the guest put there instead stays. */
        if ( (e & _PAGE_PRESENT) && pte_mfn(e) == mfn )
            rc = pv_update_entry(ld, pte_maddr >> PAGE_SHIFT, PGT_l1_page_table,
                                 (pte_maddr & (PAGE_SIZE - 1)) / 8, 0, ld, false, &dropped);
        put_page_type(l1);
    }
    spin_unlock(&ld->mm_lock);
    return rc;
}

int pv_set_initial_root(struct vcpu *v, uint64_t l4_mfn)
{
    struct domain *d = v->domain;
    int rc;

    spin_lock(&d->mm_lock);
    rc = pin_table(d, l4_mfn, PGT_l4_page_table);
    if ( !rc )
    {
        rc = new_baseptr(v, l4_mfn, false);
        if ( rc )
        {
            bool dropped;

            unpin_table(d, l4_mfn, &dropped);
        }
    }
    spin_unlock(&d->mm_lock);
    return rc;
}

void pv_domain_relinquish_tables(struct domain *d)
{
    spin_lock(&d->mm_lock);
    for ( unsigned int i = 0; i < MAX_VIRT_CPUS; i++ )
    {
        struct vcpu *v = d->vcpu[i];

        if ( v == NULL )
            continue;
        for ( unsigned int user = 0; user < 2; user++ )
        {
            uint64_t *slot = user ? &v->pv.guest_cr3_user : &v->pv.guest_cr3_kernel;

            if ( *slot )
                put_page_and_type(mfn_to_page(*slot >> PAGE_SHIFT));
            *slot = 0;
        }
        pv_release_gdt(v);
        if ( v->vcpu_info_page )
            put_page_and_type(v->vcpu_info_page);
        v->vcpu_info_page = NULL;
        v->vcpu_info = &d->shared_info->vcpu_info[i];
    }
    for ( struct page_info *pg = d->page_list; pg; pg = pg->next )
    {
        bool dropped;

        if ( __atomic_load_n(&pg->type_info, __ATOMIC_ACQUIRE) & PGT_pinned )
            unpin_table(d, page_to_mfn(pg), &dropped);
    }
    spin_unlock(&d->mm_lock);
}
