/*
 * memory_op sub-operations that change a PV domain's memory: increase and
 * decrease reservation, populate_physmap and exchange.  A PV domain keeps
 * its own pseudo-physical map; the hypervisor hands out machine frames,
 * records their pseudo-physical numbers in the M2P where the guest names
 * them, and takes frames back only from their owner.
 *
 * Every extent is checked before it changes anything; a batch stops at
 * the first extent that fails and returns how many were done (exchange
 * reports its progress in nr_exchanged and never loses a frame: new
 * frames are allocated before the old ones are given up).
 */
#include <asm/mm.h>
#include <public/memory.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/iommu.h>
#include <xen/lib.h>
#include <xen/m2p.h>
#include <xen/mm.h>
#include <xen/sched.h>

#define MAX_EXTENT_ORDER    9           /* 2 MiB: what balloon drivers and swiotlb use */

/* Whose memory changes: the caller's own, or (the toolstack only) any domain's. */
static long reservation_domain(struct domain *cur, domid_t domid, struct domain **d)
{
    if ( domid == DOMID_SELF || domid == cur->domain_id )
        *d = cur;
    else if ( !cur->is_privileged )
        return -EPERM;
    else if ( (*d = domain_by_id(domid)) == NULL )
        return -ESRCH;
    return 0;
}

static unsigned int memflags_of(const struct xen_memory_reservation *r)
{
    unsigned int bits = XENMEMF_get_address_bits(r->mem_flags);

    return bits ? MEMF_bits(bits < PADDR_BITS ? bits : PADDR_BITS) : 0;
}

/* A new frame of d's that its devices may reach, if it has any. */
static void frame_joins_domain(struct domain *d, struct page_info *pg, uint64_t pfn)
{
    domain_assign_page(d, pg);
    set_m2p(page_to_mfn(pg), pfn);
    if ( d->iommu_sync &&
         iommu_map(&d->iommu, page_to_mfn(pg), page_to_mfn(pg), IOMMUF_readable | IOMMUF_writable) )
        printk(XENLOG_WARNING "d%u: frame %#lx not in the IOMMU (out of memory)\n",
               d->domain_id, (unsigned long)page_to_mfn(pg));
}

/* 2^order fresh frames for d within its limit and memflags, or NULL. */
static struct page_info *alloc_extent(struct domain *d, unsigned int order, unsigned int memflags)
{
    if ( d->tot_pages + (1ULL << order) > d->max_pages )
        return NULL;
    return alloc_domheap_pages(d, order, memflags);
}

/* The request of a reservation sub-op, and the domain it names (checked). */
static long read_reservation(struct domain *cur, uint64_t arg, struct xen_memory_reservation *r,
                             struct domain **d)
{
    if ( copy_from_guest(r, arg, sizeof(*r)) )
        return -EFAULT;
    if ( r->extent_order > MAX_EXTENT_ORDER )
        return -EINVAL;
    return reservation_domain(cur, r->domid, d);
}

/* increase_reservation (frames out) and populate_physmap (pfns in, frames out). */
static long grow(struct domain *cur, uint64_t arg, bool populate)
{
    struct xen_memory_reservation r;
    struct domain *d;
    uint64_t done;
    long rc = read_reservation(cur, arg, &r, &d);

    if ( rc )
        return rc;
    for ( done = 0; done < r.nr_extents; done++ )
    {
        uint64_t pfn = 0, mfn, at = r.extent_start + done * sizeof(uint64_t);
        struct page_info *pg;

        if ( populate && copy_from_guest(&pfn, at, sizeof(pfn)) )
            return done ? (long)done : -EFAULT;
        if ( (pg = alloc_extent(d, r.extent_order, memflags_of(&r))) == NULL )
            break;
        for ( unsigned int i = 0; i < (1u << r.extent_order); i++ )
            frame_joins_domain(d, pg + i, populate ? pfn + i : INVALID_M2P_ENTRY);
        mfn = page_to_mfn(pg);
        if ( r.extent_start && copy_to_guest(at, &mfn, sizeof(mfn)) )
        {
            done++;
            break;                      /* the frames are the domain's; it lost their numbers */
        }
    }
    if ( d->iommu_sync && iommu_flush(&d->iommu) )
        return -EIO;
    return done;
}

/* Whether d may give the frames [mfn, mfn + 2^order) back: all its own. */
static bool extent_owned(const struct domain *d, uint64_t mfn, unsigned int order)
{
    for ( uint64_t i = 0; i < (1ULL << order); i++ )
        if ( !mfn_valid(mfn + i) || !mfn_is_ram(mfn + i) ||
             mfn_to_page(mfn + i)->owner != d ||
             !(mfn_to_page(mfn + i)->flags & PGF_allocated) ||
             (mfn_to_page(mfn + i)->flags & PGF_xenheap) )
            return false;
    return true;
}

static void frame_leaves_domain(struct domain *d, struct page_info *pg)
{
    if ( d->iommu_sync && iommu_unmap(&d->iommu, page_to_mfn(pg)) )
        printk(XENLOG_WARNING "d%u: frame %#lx still in the IOMMU\n", d->domain_id,
               (unsigned long)page_to_mfn(pg));
    domain_release_page(d, pg);
}

static long decrease(struct domain *cur, uint64_t arg)
{
    struct xen_memory_reservation r;
    struct domain *d;
    uint64_t done;
    long rc = read_reservation(cur, arg, &r, &d);

    if ( rc )
        return rc;
    for ( done = 0; done < r.nr_extents; done++ )
    {
        uint64_t mfn;

        if ( copy_from_guest(&mfn, r.extent_start + done * sizeof(mfn), sizeof(mfn)) )
            return done ? (long)done : -EFAULT;
        if ( !extent_owned(d, mfn, r.extent_order) )
            break;
        for ( unsigned int i = 0; i < (1u << r.extent_order); i++ )
            frame_leaves_domain(d, mfn_to_page(mfn + i));
    }
    /* Released frames are freed with their last reference: no device reaches them. */
    if ( d->iommu_sync && iommu_flush(&d->iommu) )
        return -EIO;
    return done;
}

/* A frame exchange gives up only frames nothing else holds: no mapping, no type. */
static bool extent_unused(const struct domain *d, uint64_t mfn, unsigned int order)
{
    if ( !extent_owned(d, mfn, order) )
        return false;
    for ( uint64_t i = 0; i < (1ULL << order); i++ )
        if ( mfn_to_page(mfn + i)->count_info != 1 || page_type_count(mfn_to_page(mfn + i)) )
            return false;
    return true;
}

/*
 * Exchange: each step trades 'in' extents for 'out' extents covering the
 * same number of frames (the larger of the two orders).  The new frames
 * are allocated first, so a step either completes or changes nothing.
 */
static long exchange(struct domain *d, uint64_t arg)
{
    struct xen_memory_exchange x;
    unsigned int in_order, out_order, step_order, nr_in, nr_out;
    uint64_t *in_mfn, *out_pfn;
    struct page_info **out;
    long rc = 0;

    if ( copy_from_guest(&x, arg, sizeof(x)) )
        return -EFAULT;
    in_order = x.in.extent_order;
    out_order = x.out.extent_order;
    if ( in_order > MAX_EXTENT_ORDER || out_order > MAX_EXTENT_ORDER ||
         (x.in.nr_extents << in_order) != (x.out.nr_extents << out_order) ||
         (x.in.domid != DOMID_SELF && x.in.domid != d->domain_id) ||
         x.in.domid != x.out.domid || x.nr_exchanged > x.in.nr_extents )
        return -EINVAL;
    step_order = in_order > out_order ? in_order : out_order;
    nr_in = 1u << (step_order - in_order);
    nr_out = 1u << (step_order - out_order);
    in_mfn = xmalloc_array(uint64_t, nr_in);
    out_pfn = xmalloc_array(uint64_t, nr_out);
    out = xmalloc_array(struct page_info *, nr_out);
    if ( in_mfn == NULL || out_pfn == NULL || out == NULL )
        rc = -ENOMEM;

    while ( !rc && x.nr_exchanged < x.in.nr_extents )
    {
        uint64_t in_at = x.in.extent_start + x.nr_exchanged * sizeof(uint64_t);
        uint64_t out_first = (x.nr_exchanged >> (step_order - in_order)) << (step_order - out_order);
        unsigned int got = 0;

        if ( copy_from_guest(in_mfn, in_at, nr_in * sizeof(uint64_t)) ||
             copy_from_guest(out_pfn, x.out.extent_start + out_first * sizeof(uint64_t),
                             nr_out * sizeof(uint64_t)) )
        {
            rc = -EFAULT;
            break;
        }
        for ( unsigned int i = 0; i < nr_in; i++ )
            if ( !extent_unused(d, in_mfn[i], in_order) )
                rc = -EINVAL;
        for ( ; !rc && got < nr_out; got++ )
            if ( (out[got] = alloc_domheap_pages(d, out_order, memflags_of(&x.out))) == NULL )
                rc = -ENOMEM;
        if ( rc )
        {
            while ( got-- > 0 )
                free_domheap_pages(out[got], out_order);
            break;
        }

        for ( unsigned int i = 0; i < nr_in; i++ )
            for ( unsigned int j = 0; j < (1u << in_order); j++ )
                frame_leaves_domain(d, mfn_to_page(in_mfn[i] + j));
        for ( unsigned int i = 0; i < nr_out; i++ )
        {
            uint64_t mfn = page_to_mfn(out[i]);

            for ( unsigned int j = 0; j < (1u << out_order); j++ )
                frame_joins_domain(d, out[i] + j, out_pfn[i] + j);
            if ( copy_to_guest(x.out.extent_start + (out_first + i) * sizeof(uint64_t), &mfn,
                               sizeof(mfn)) )
                rc = -EFAULT;
        }
        x.nr_exchanged += nr_in;
        if ( rc )
            break;
    }
    xfree(in_mfn);
    xfree(out_pfn);
    xfree(out);
    if ( d->iommu_sync && iommu_flush(&d->iommu) && !rc )
        rc = -EIO;
    if ( copy_to_guest(arg + offsetof(struct xen_memory_exchange, nr_exchanged),
                       &x.nr_exchanged, sizeof(x.nr_exchanged)) )
        return -EFAULT;
    return rc;
}

long memory_op_reservation(struct domain *d, uint64_t cmd, uint64_t arg)
{
    switch ( cmd )
    {
    case XENMEM_increase_reservation:
        return grow(d, arg, false);
    case XENMEM_populate_physmap:
        return grow(d, arg, true);
    case XENMEM_decrease_reservation:
        return decrease(d, arg);
    case XENMEM_exchange:
        return exchange(d, arg);
    default:
        return hypercall_subop_unimplemented(__HYPERVISOR_memory_op, cmd);
    }
}
