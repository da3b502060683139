/*
 * Grant tables v1: the grant_table_op hypercall (rules in xen/grant_table.h).
 *
 * Every sub-op decodes and checks its request before it changes anything;
 * a map that fails halfway undoes what it did, so a failed operation
 * leaves no pin, reference, PTE or IOMMU entry behind.  Batches of maps
 * and unmaps share one IOMMU flush, issued (and waited for) before the
 * hypercall returns.
 */
#include <asm/mm.h>
#include <asm/page.h>
#include <asm/pv-mm.h>
#include <asm/x86-defs.h>
#include <xen/errno.h>
#include <xen/grant_table.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/iommu.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/string.h>

#define MAPTRACK_NONE       UINT32_MAX
#define MAX_BATCH           4096
#define GNTMAP_KNOWN        (GNTMAP_device_map | GNTMAP_host_map | GNTMAP_readonly | \
                             GNTMAP_application_map | GNTMAP_contains_pte)

int grant_table_init(struct domain *d)
{
    struct grant_table *gt = xzalloc(struct grant_table);

    if ( gt == NULL )
        return -ENOMEM;
    spin_lock_init(&gt->lock);
    spin_lock_init(&gt->maptrack_lock);
    gt->maptrack_free = MAPTRACK_NONE;
    gt->max_frames = GNTTAB_MAX_FRAMES;             /* createdomain may lower both */
    gt->max_maptrack_chunks = MAPTRACK_MAX_CHUNKS;
    d->grant_table = gt;
    return 0;
}

/* Grow d's shared table to nr frames (it never shrinks). */
static int grow_table(struct domain *d, unsigned int nr)
{
    struct grant_table *gt = d->grant_table;

    while ( gt->nr_frames < nr )
    {
        void *frame = alloc_xenheap_pages(0);
        struct active_grant *act = xzalloc_array(struct active_grant,
                                                 GNTTAB_ENTRIES_PER_FRAME);

        if ( frame == NULL || act == NULL )
        {
            if ( frame )
                free_xenheap_pages(frame, 0);
            xfree(act);
            return -ENOMEM;
        }
        memset(frame, 0, PAGE_SIZE);
        share_xen_page_with_domain(d, frame);
        gt->active[gt->nr_frames] = act;
        gt->shared[gt->nr_frames++] = frame;
    }
    return 0;
}

static struct grant_entry_v1 *shared_entry(struct grant_table *gt, grant_ref_t ref)
{
    return &gt->shared[ref / GNTTAB_ENTRIES_PER_FRAME][ref % GNTTAB_ENTRIES_PER_FRAME];
}

static struct active_grant *active_entry(struct grant_table *gt, grant_ref_t ref)
{
    return &gt->active[ref / GNTTAB_ENTRIES_PER_FRAME][ref % GNTTAB_ENTRIES_PER_FRAME];
}

/*
 * Start one use of grant 'ref' of rd by ld, under rd's lock: check the
 * entry, mark it in use in the shared table (atomically: the granter may
 * be revoking it), and take the frame's references.
 */
static int16_t acquire_grant(struct domain *rd, grant_ref_t ref, const struct domain *ld,
                             bool writable, uint64_t *mfn)
{
    struct grant_table *gt = rd->grant_table;
    struct grant_entry_v1 *e;
    struct active_grant *act;
    uint32_t *hdr, old, want;
    struct page_info *pg;

    if ( ref >= gt->nr_frames * GNTTAB_ENTRIES_PER_FRAME )
        return GNTST_bad_gntref;
    e = shared_entry(gt, ref);
    act = active_entry(gt, ref);
    hdr = (uint32_t *)e;                /* flags and domid, changed as one */
    old = __atomic_load_n(hdr, __ATOMIC_ACQUIRE);
    do {
        uint16_t flags = old & 0xffff, domid = old >> 16;

        if ( (flags & GTF_type_mask) != GTF_permit_access || domid != ld->domain_id )
            return GNTST_permission_denied;
        if ( writable && (flags & GTF_readonly) )
            return GNTST_permission_denied;
        want = old | GTF_reading | (writable ? GTF_writing : 0);
    } while ( !__atomic_compare_exchange_n(hdr, &old, want, false, __ATOMIC_ACQ_REL,
                                           __ATOMIC_ACQUIRE) );

    /* In use already: the frame first seen stays the frame. */
    *mfn = (act->readers || act->writers) ? act->mfn : e->frame;
    pg = mfn_valid(*mfn) && mfn_is_ram(*mfn) ? mfn_to_page(*mfn) : NULL;
    if ( pg == NULL || !get_page(pg, rd) )
        goto bad_page;
    if ( writable && get_page_type(pg, PGT_writable) )
    {
        put_page(pg);
        goto bad_page;                  /* a page table or descriptor frame */
    }
    act->mfn = *mfn;
    if ( writable )
        act->writers++;
    else
        act->readers++;
    return GNTST_okay;

 bad_page:
    /* Leave the bits as they were unless other users still need them. */
    if ( !act->writers )
        __atomic_and_fetch(hdr, ~(uint32_t)GTF_writing, __ATOMIC_RELEASE);
    if ( !act->readers && !act->writers )
        __atomic_and_fetch(hdr, ~(uint32_t)GTF_reading, __ATOMIC_RELEASE);
    return GNTST_bad_page;
}

/* End one use; under rd's lock. */
static void release_grant(struct domain *rd, grant_ref_t ref, bool writable)
{
    struct grant_table *gt = rd->grant_table;
    struct active_grant *act = active_entry(gt, ref);
    uint32_t *hdr = (uint32_t *)shared_entry(gt, ref);
    struct page_info *pg = mfn_to_page(act->mfn);

    if ( writable )
    {
        BUG_ON(act->writers == 0);
        if ( --act->writers == 0 )
            __atomic_and_fetch(hdr, ~(uint32_t)GTF_writing, __ATOMIC_RELEASE);
        put_page_and_type(pg);
    }
    else
    {
        BUG_ON(act->readers == 0);
        act->readers--;
        put_page(pg);
    }
    if ( !act->readers && !act->writers )
        __atomic_and_fetch(hdr, ~(uint32_t)GTF_reading, __ATOMIC_RELEASE);
}

static struct domain *granting_domain(struct domain *ld, domid_t domid)
{
    return domid == DOMID_SELF ? ld : domain_by_id(domid);
}

/* Maptrack records: allocated in chunks, reused through a free list. */
static struct grant_mapping *maptrack_entry(struct grant_table *gt, uint32_t handle)
{
    return &gt->maptrack[handle / MAPTRACK_PER_CHUNK][handle % MAPTRACK_PER_CHUNK];
}

static uint32_t maptrack_alloc(struct grant_table *gt)
{
    uint32_t handle;

    spin_lock(&gt->maptrack_lock);
    if ( gt->maptrack_free == MAPTRACK_NONE && gt->maptrack_chunks < gt->max_maptrack_chunks )
    {
        struct grant_mapping *chunk = xzalloc_array(struct grant_mapping, MAPTRACK_PER_CHUNK);

        if ( chunk )
        {
            uint32_t first = gt->maptrack_chunks * MAPTRACK_PER_CHUNK;

            gt->maptrack[gt->maptrack_chunks++] = chunk;
            for ( uint32_t i = MAPTRACK_PER_CHUNK; i-- > 0; )
            {
                chunk[i].next_free = gt->maptrack_free;
                gt->maptrack_free = first + i;
            }
        }
    }
    handle = gt->maptrack_free;
    if ( handle != MAPTRACK_NONE )
    {
        gt->maptrack_free = maptrack_entry(gt, handle)->next_free;
        gt->maptrack_used++;
    }
    spin_unlock(&gt->maptrack_lock);
    return handle;
}

/* Under maptrack_lock. */
static void maptrack_free_locked(struct grant_table *gt, uint32_t handle)
{
    struct grant_mapping *m = maptrack_entry(gt, handle);

    m->flags = 0;
    m->busy = false;
    m->next_free = gt->maptrack_free;
    gt->maptrack_free = handle;
    gt->maptrack_used--;
}

/*
 * The IOMMU entry of a foreign frame follows ld's mappings of it.  Own
 * frames are in the IOMMU already (asm/pv-mm.h), and a domain without a
 * device has no IOMMU table to keep.
 */
static int iommu_follow(struct domain *ld, const struct domain *rd, uint64_t mfn,
                        bool writable, bool mapping, bool *changed)
{
    struct grant_table *gt = ld->grant_table;
    enum grant_iommu_action action;
    int rc;

    if ( !ld->iommu_sync || rd == ld )
        return 0;
    spin_lock(&gt->maptrack_lock);
    rc = mapping ? grant_iommu_get(&gt->iommu_counts, mfn, writable, &action)
                 : grant_iommu_put(&gt->iommu_counts, mfn, writable, &action);
    if ( !rc )
    {
        switch ( action )
        {
        case GRANT_IOMMU_KEEP:
            break;
        case GRANT_IOMMU_MAP_RO:
            rc = iommu_map(&ld->iommu, mfn, mfn, IOMMUF_readable);
            break;
        case GRANT_IOMMU_MAP_RW:
            rc = iommu_map(&ld->iommu, mfn, mfn, IOMMUF_readable | IOMMUF_writable);
            break;
        case GRANT_IOMMU_UNMAP:
            rc = iommu_unmap(&ld->iommu, mfn);
            break;
        }
        if ( rc && mapping )
        {
            enum grant_iommu_action undo;

            /* The entry could not follow: forget this mapping again. */
            BUG_ON(grant_iommu_put(&gt->iommu_counts, mfn, writable, &undo));
        }
        *changed |= action != GRANT_IOMMU_KEEP;
    }
    spin_unlock(&gt->maptrack_lock);
    return rc;
}

/* The guest's software bits for the PTE ride in GNTMAP_guest_avail (XENFEAT_gnttab_map_avail_bits). */
#define PTE_AVAIL_SHIFT     9
#define PTE_AVAIL_BITS      7ULL

static uint64_t host_pte(uint64_t mfn, bool writable, uint16_t gtf, uint32_t map_flags)
{
    uint64_t pte = (mfn << PAGE_SHIFT) | _PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_USER |
                   (((map_flags >> _GNTMAP_guest_avail0) & PTE_AVAIL_BITS) << PTE_AVAIL_SHIFT);

    if ( writable )
        pte |= _PAGE_RW | _PAGE_DIRTY;
    /* Cache attributes the granter asked for (GTF_PWT/PCD/PAT map onto PTE bits 3, 4, 7). */
    if ( gtf & GTF_PWT )
        pte |= _PAGE_PWT;
    if ( gtf & GTF_PCD )
        pte |= _PAGE_PCD;
    if ( gtf & GTF_PAT )
        pte |= 0x80;
    return pte;
}

static void map_one(struct domain *ld, struct gnttab_map_grant_ref *op, bool *iommu_changed,
                    bool *tlb_flush)
{
    bool writable = !(op->flags & GNTMAP_readonly);
    struct grant_table *lgt = ld->grant_table;
    struct grant_mapping *m;
    struct domain *rd;
    uint64_t mfn, pte_maddr = 0;
    uint32_t handle;
    uint16_t gtf;
    int16_t st;

    op->handle = 0;
    op->dev_bus_addr = 0;
    if ( !(op->flags & (GNTMAP_host_map | GNTMAP_device_map)) ||
         (op->flags & ~(GNTMAP_KNOWN | GNTMAP_guest_avail_mask)) )
    {
        op->status = GNTST_bad_gntref;  /* Xen's answer to flags that map nothing */
        return;
    }
    if ( (op->flags & GNTMAP_contains_pte) && !(op->flags & GNTMAP_host_map) )
    {
        op->status = GNTST_general_error;
        return;
    }
    rd = granting_domain(ld, op->dom);
    if ( rd == NULL || rd->grant_table == NULL )
    {
        op->status = GNTST_bad_domain;
        return;
    }
    handle = maptrack_alloc(lgt);
    if ( handle == MAPTRACK_NONE )
    {
        op->status = GNTST_no_space;
        return;
    }

    spin_lock(&rd->grant_table->lock);
    st = acquire_grant(rd, op->ref, ld, writable, &mfn);
    gtf = st == GNTST_okay ? shared_entry(rd->grant_table, op->ref)->flags : 0;
    spin_unlock(&rd->grant_table->lock);
    if ( st != GNTST_okay )
        goto free_handle;

    if ( op->flags & GNTMAP_host_map )
    {
        int rc = pv_grant_install_pte(ld, op->host_addr,
                                      op->flags & GNTMAP_contains_pte,
                                      host_pte(mfn, writable, gtf, op->flags), rd, &pte_maddr);

        if ( rc )
        {
            st = GNTST_general_error;
            goto release;
        }
    }
    if ( iommu_follow(ld, rd, mfn, writable, true, iommu_changed) )
    {
        st = GNTST_no_device_space;
        goto remove_pte;
    }

    spin_lock(&lgt->maptrack_lock);
    m = maptrack_entry(lgt, handle);
    m->flags = op->flags & GNTMAP_KNOWN;
    m->ref = op->ref;
    m->domid = rd->domain_id;
    m->mfn = mfn;
    m->pte_maddr = pte_maddr;
    m->host_addr = op->host_addr;
    spin_unlock(&lgt->maptrack_lock);
    op->handle = handle;
    if ( op->flags & GNTMAP_device_map )
        op->dev_bus_addr = mfn << PAGE_SHIFT;      /* BFN = MFN for PV domains */
    op->status = GNTST_okay;
    return;

 remove_pte:
    if ( op->flags & GNTMAP_host_map )
    {
        BUG_ON(pv_grant_remove_pte(ld, pte_maddr, mfn));
        *tlb_flush = true;
    }
 release:
    spin_lock(&rd->grant_table->lock);
    release_grant(rd, op->ref, writable);
    spin_unlock(&rd->grant_table->lock);
 free_handle:
    spin_lock(&lgt->maptrack_lock);
    maptrack_free_locked(lgt, handle);
    spin_unlock(&lgt->maptrack_lock);
    op->status = st;
}

/* An unmap names a host mapping by the address its map gave. */
static bool same_host_addr(const struct grant_mapping *m, uint64_t addr)
{
    return addr != 0 && addr == m->host_addr;
}

/*
 * Take a mapping apart: its PTE, its IOMMU count, its use of the grant.
 * 'dying' skips the PTE (the domain's tables are gone already).
 */
static void release_mapping(struct domain *ld, struct grant_mapping *m, bool dying,
                            bool *iommu_changed, bool *tlb_flush)
{
    bool writable = !(m->flags & GNTMAP_readonly);
    struct domain *rd = granting_domain(ld, m->domid);

    if ( (m->flags & GNTMAP_host_map) && !dying )
    {
        if ( pv_grant_remove_pte(ld, m->pte_maddr, m->mfn) )
            printk(XENLOG_WARNING "d%u: grant mapping of frame %#lx: its PTE was "
                   "changed behind the grant table\n", ld->domain_id, (unsigned long)m->mfn);
        *tlb_flush = true;
    }
    if ( iommu_follow(ld, rd, m->mfn, writable, false, iommu_changed) )
        printk(XENLOG_ERR "d%u: IOMMU entry of frame %#lx could not be removed\n",
               ld->domain_id, (unsigned long)m->mfn);
    if ( rd && rd->grant_table )
    {
        spin_lock(&rd->grant_table->lock);
        release_grant(rd, m->ref, writable);
        spin_unlock(&rd->grant_table->lock);
    }
    else if ( writable )
        put_page_and_type(mfn_to_page(m->mfn));     /* the granter is gone */
    else
        put_page(mfn_to_page(m->mfn));
}

static void unmap_one(struct domain *ld, struct gnttab_unmap_grant_ref *op,
                      bool *iommu_changed, bool *tlb_flush)
{
    struct grant_table *lgt = ld->grant_table;
    struct grant_mapping *m = NULL;
    int16_t st = GNTST_okay;

    spin_lock(&lgt->maptrack_lock);
    if ( op->handle >= lgt->maptrack_chunks * MAPTRACK_PER_CHUNK ||
         (m = maptrack_entry(lgt, op->handle))->flags == 0 || m->busy )
        st = GNTST_bad_handle;
    else if ( (m->flags & GNTMAP_host_map) && !same_host_addr(m, op->host_addr) )
        st = GNTST_bad_virt_addr;
    else if ( op->dev_bus_addr &&
              (!(m->flags & GNTMAP_device_map) || op->dev_bus_addr != m->mfn << PAGE_SHIFT) )
        st = GNTST_bad_dev_addr;
    else
        m->busy = true;                 /* ours: a second unmap of it gets bad_handle */
    spin_unlock(&lgt->maptrack_lock);
    op->status = st;
    if ( st != GNTST_okay )
        return;

    release_mapping(ld, m, false, iommu_changed, tlb_flush);
    spin_lock(&lgt->maptrack_lock);
    maptrack_free_locked(lgt, op->handle);
    spin_unlock(&lgt->maptrack_lock);
}

/* One side of a copy: a grant (held while copying) or the caller's own frame. */
struct copy_side {
    struct domain *rd;          /* the granter, if a grant */
    grant_ref_t ref;
    struct page_info *pg;
    bool writable;
};

static int16_t copy_acquire(struct domain *ld, const struct gnttab_copy_ptr *p, bool is_gref,
                            bool writable, struct copy_side *s)
{
    uint64_t mfn;
    int16_t st;

    s->rd = NULL;
    s->writable = writable;
    if ( !is_gref )
    {
        if ( p->domid != DOMID_SELF && p->domid != ld->domain_id )
            return GNTST_permission_denied;
        mfn = p->u.gmfn;
        if ( !mfn_valid(mfn) || !mfn_is_ram(mfn) )
            return GNTST_bad_page;
        s->pg = mfn_to_page(mfn);
        if ( writable ? get_page_and_type(s->pg, ld, PGT_writable) : !get_page(s->pg, ld) )
            return GNTST_bad_page;
        return GNTST_okay;
    }
    s->rd = granting_domain(ld, p->domid);
    if ( s->rd == NULL || s->rd->grant_table == NULL )
        return GNTST_bad_domain;
    s->ref = p->u.ref;
    spin_lock(&s->rd->grant_table->lock);
    st = acquire_grant(s->rd, s->ref, ld, writable, &mfn);
    spin_unlock(&s->rd->grant_table->lock);
    if ( st == GNTST_okay )
        s->pg = mfn_to_page(mfn);
    return st;
}

static void copy_release(struct copy_side *s)
{
    if ( s->rd )
    {
        spin_lock(&s->rd->grant_table->lock);
        release_grant(s->rd, s->ref, s->writable);
        spin_unlock(&s->rd->grant_table->lock);
    }
    else if ( s->writable )
        put_page_and_type(s->pg);
    else
        put_page(s->pg);
}

static void copy_one(struct domain *ld, struct gnttab_copy *op)
{
    struct copy_side src, dst;

    if ( op->len == 0 || op->source.offset + op->len > PAGE_SIZE ||
         op->dest.offset + op->len > PAGE_SIZE ||
         (op->flags & ~(GNTCOPY_source_gref | GNTCOPY_dest_gref)) )
    {
        op->status = GNTST_bad_copy_arg;
        return;
    }
    op->status = copy_acquire(ld, &op->source, op->flags & GNTCOPY_source_gref, false, &src);
    if ( op->status != GNTST_okay )
        return;
    op->status = copy_acquire(ld, &op->dest, op->flags & GNTCOPY_dest_gref, true, &dst);
    if ( op->status == GNTST_okay )
    {
        memmove((uint8_t *)page_to_virt(dst.pg) + op->dest.offset,
                (const uint8_t *)page_to_virt(src.pg) + op->source.offset, op->len);
        copy_release(&dst);
    }
    copy_release(&src);
}

static long setup_table(struct domain *ld, uint64_t arg)
{
    struct gnttab_setup_table op;
    struct domain *d;

    if ( copy_from_guest(&op, arg, sizeof(op)) )
        return -EFAULT;
    d = op.dom == DOMID_SELF ? ld : domain_by_id(op.dom);
    if ( d == NULL )
        op.status = GNTST_bad_domain;
    else if ( d != ld && !ld->is_privileged )
        op.status = GNTST_permission_denied;
    else if ( op.nr_frames > d->grant_table->max_frames )
        op.status = GNTST_general_error;
    else
    {
        spin_lock(&d->grant_table->lock);
        op.status = grow_table(d, op.nr_frames) ? GNTST_no_space : GNTST_okay;
        for ( uint32_t i = 0; op.status == GNTST_okay && i < op.nr_frames; i++ )
        {
            uint64_t mfn = virt_to_maddr(d->grant_table->shared[i]) >> PAGE_SHIFT;

            if ( copy_to_guest(op.frame_list + i * sizeof(mfn), &mfn, sizeof(mfn)) )
            {
                spin_unlock(&d->grant_table->lock);
                return -EFAULT;
            }
        }
        spin_unlock(&d->grant_table->lock);
    }
    return copy_to_guest(arg, &op, sizeof(op)) ? -EFAULT : 0;
}

static long query_size(struct domain *ld, uint64_t arg)
{
    struct gnttab_query_size op;
    struct domain *d;

    if ( copy_from_guest(&op, arg, sizeof(op)) )
        return -EFAULT;
    d = op.dom == DOMID_SELF ? ld : domain_by_id(op.dom);
    op.status = d == NULL ? GNTST_bad_domain
              : d != ld && !ld->is_privileged ? GNTST_permission_denied : GNTST_okay;
    op.nr_frames = op.status == GNTST_okay ? d->grant_table->nr_frames : 0;
    op.max_nr_frames = op.status == GNTST_okay ? d->grant_table->max_frames : 0;
    return copy_to_guest(arg, &op, sizeof(op)) ? -EFAULT : 0;
}

static long get_version(struct domain *ld, uint64_t arg)
{
    struct gnttab_get_version op;

    if ( copy_from_guest(&op, arg, sizeof(op)) )
        return -EFAULT;
    if ( op.dom != DOMID_SELF && op.dom != ld->domain_id && !ld->is_privileged )
        return -EPERM;
    if ( op.dom != DOMID_SELF && domain_by_id(op.dom) == NULL )
        return -ESRCH;
    op.version = 1;
    return copy_to_guest(arg, &op, sizeof(op)) ? -EFAULT : 0;
}

static long set_version(uint64_t arg)
{
    struct gnttab_set_version op;
    long rc;

    if ( copy_from_guest(&op, arg, sizeof(op)) )
        return -EFAULT;
    rc = op.version == 1 ? 0 : -EINVAL;     /* version 2 is not offered (CPUID says so) */
    op.version = 1;
    return copy_to_guest(arg, &op, sizeof(op)) ? -EFAULT : rc;
}

/* Complete what a batch of maps or unmaps left to do before returning. */
static long finish_batch(struct domain *ld, bool iommu_changed, bool tlb_flush)
{
    if ( tlb_flush )
        pv_flush_tlb_domain(ld);
    if ( iommu_changed && iommu_flush(&ld->iommu) )
    {
        printk(XENLOG_ERR "d%u: IOMMU invalidation failed after a grant batch\n",
               ld->domain_id);
        return -EIO;
    }
    return 0;
}

/* One map or unmap of a batch, read from and answered to guest memory at 'at'. */
typedef long (*grant_request_fn)(struct domain *ld, uint64_t at, bool *iommu_changed,
                                 bool *tlb_flush);

static long map_request(struct domain *ld, uint64_t at, bool *iommu_changed, bool *tlb_flush)
{
    struct gnttab_map_grant_ref op;

    if ( copy_from_guest(&op, at, sizeof(op)) )
        return -EFAULT;
    map_one(ld, &op, iommu_changed, tlb_flush);
    return copy_to_guest(at, &op, sizeof(op)) ? -EFAULT : 0;
}

static long unmap_request(struct domain *ld, uint64_t at, bool *iommu_changed, bool *tlb_flush)
{
    struct gnttab_unmap_grant_ref op;

    if ( copy_from_guest(&op, at, sizeof(op)) )
        return -EFAULT;
    unmap_one(ld, &op, iommu_changed, tlb_flush);
    return copy_to_guest(at + offsetof(struct gnttab_unmap_grant_ref, status), &op.status,
                         sizeof(op.status)) ? -EFAULT : 0;
}

/*
 * A batch of maps or unmaps shares one IOMMU flush, completed before we
 * return: for unmaps that is the safety promise (no device reaches an
 * unmapped frame once the hypercall returns); for maps only caching-mode
 * units need it, which the IOMMU layer knows.
 */
static long grant_batch(struct domain *ld, uint64_t uop, uint64_t count, size_t size,
                        grant_request_fn one)
{
    bool iommu_changed = false, tlb_flush = false;
    long rc = 0;

    for ( uint64_t i = 0; i < count && !rc; i++ )
        rc = one(ld, uop + i * size, &iommu_changed, &tlb_flush);
    return finish_batch(ld, iommu_changed, tlb_flush) ?: rc;
}

static long copy_batch(struct domain *ld, uint64_t uop, uint64_t count)
{
    for ( uint64_t i = 0; i < count; i++ )
    {
        struct gnttab_copy op;
        uint64_t at = uop + i * sizeof(op);

        if ( copy_from_guest(&op, at, sizeof(op)) )
            return -EFAULT;
        copy_one(ld, &op);
        if ( copy_to_guest(at + offsetof(struct gnttab_copy, status), &op.status,
                           sizeof(op.status)) )
            return -EFAULT;
    }
    return 0;
}

long do_grant_table_op(uint64_t cmd, uint64_t uop, uint64_t count, uint64_t a4,
                       uint64_t a5, uint64_t a6)
{
    struct domain *ld = current_vcpu()->domain;

    if ( count > MAX_BATCH )
        return -E2BIG;
    if ( ld->grant_table == NULL )
        return -ENOSYS;
    switch ( cmd )
    {
    case GNTTABOP_map_grant_ref:
        return grant_batch(ld, uop, count, sizeof(struct gnttab_map_grant_ref), map_request);
    case GNTTABOP_unmap_grant_ref:
        return grant_batch(ld, uop, count, sizeof(struct gnttab_unmap_grant_ref), unmap_request);
    case GNTTABOP_copy:
        return copy_batch(ld, uop, count);
    case GNTTABOP_setup_table:
        return count == 1 ? setup_table(ld, uop) : -EINVAL;
    case GNTTABOP_query_size:
        return count == 1 ? query_size(ld, uop) : -EINVAL;
    case GNTTABOP_get_version:
        return count == 1 ? get_version(ld, uop) : -EINVAL;
    case GNTTABOP_set_version:
        return count == 1 ? set_version(uop) : -EINVAL;
    default:
        return hypercall_subop_unimplemented(__HYPERVISOR_grant_table_op, cmd);
    }
}

uint32_t grant_mappings_held(const struct domain *d)
{
    return d->grant_table ? d->grant_table->maptrack_used : 0;
}

void grant_table_destroy(struct domain *d)
{
    struct grant_table *gt = d->grant_table;
    bool iommu_changed = false, tlb_flush = false;

    if ( gt == NULL )
        return;
    for ( uint32_t h = 0; h < gt->maptrack_chunks * MAPTRACK_PER_CHUNK; h++ )
    {
        struct grant_mapping *m = maptrack_entry(gt, h);

        if ( m->flags )
        {
            release_mapping(d, m, true, &iommu_changed, &tlb_flush);
            maptrack_free_locked(gt, h);
        }
    }
    if ( iommu_changed && d->iommu_sync && iommu_flush(&d->iommu) )
        printk(XENLOG_ERR "d%u: IOMMU invalidation failed while dying\n", d->domain_id);
    for ( unsigned int i = 0; i < gt->maptrack_chunks; i++ )
        xfree(gt->maptrack[i]);
    for ( unsigned int i = 0; i < gt->nr_frames; i++ )
    {
        unshare_xen_page(gt->shared[i]);
        xfree(gt->active[i]);
    }
    grant_iommu_free(&gt->iommu_counts);
    xfree(gt);
    d->grant_table = NULL;
}
