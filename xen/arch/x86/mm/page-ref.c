/*
 * General and type references of machine frames (DESIGN section 3; the
 * rules are in asm/mm.h).
 *
 * Both counts change by atomic operations only, so a domain mapping a
 * frame granted to it and the frame's owner typing it cannot race.  A
 * page-table type becomes usable only once validated: until then (and
 * while the last reference devalidates it) the frame refuses further
 * references of its type (-EINVAL) rather than handing out a reference
 * to entries nobody has checked.
 */
#include <asm/mm.h>
#include <asm/pv-mm.h>
#include <xen/errno.h>
#include <xen/lib.h>

static bool needs_validation(unsigned int type)
{
    return page_is_page_table(type) || type == PGT_seg_desc_page;
}

bool get_page(struct page_info *pg, const struct domain *d)
{
    uint32_t x = __atomic_load_n(&pg->count_info, __ATOMIC_RELAXED);

    do {
        /* No count: the frame is free or on its way there. */
        if ( x == 0 || x == UINT32_MAX )
            return false;
    } while ( !__atomic_compare_exchange_n(&pg->count_info, &x, x + 1, false,
                                           __ATOMIC_ACQUIRE, __ATOMIC_RELAXED) );
    /* The owner cannot change while we hold a reference: check it now. */
    if ( pg->owner != d || !(pg->flags & PGF_allocated) )
    {
        put_page(pg);
        return false;
    }
    return true;
}

void put_page(struct page_info *pg)
{
    uint32_t left = __atomic_sub_fetch(&pg->count_info, 1, __ATOMIC_RELEASE);

    BUG_ON(left == UINT32_MAX);         /* a put without a get: our own bug */
    if ( left == 0 )
        page_last_reference_gone(pg);
}

int get_page_type(struct page_info *pg, unsigned int type)
{
    uint64_t x = __atomic_load_n(&pg->type_info, __ATOMIC_ACQUIRE), nx;

    for ( ;; )
    {
        uint64_t count = x & PGT_count_mask;

        if ( count == 0 )
        {
            nx = ((uint64_t)type << PGT_type_shift) | 1;
            if ( !needs_validation(type) )
                nx |= PGT_validated;
        }
        else
        {
            if ( ((x & PGT_type_mask) >> PGT_type_shift) != type )
                return -EINVAL;         /* in use as something else */
            if ( !(x & PGT_validated) )
                return -EINVAL;         /* being validated or torn down */
            if ( count == PGT_count_mask )
                return -EOVERFLOW;
            nx = x + 1;
        }
        if ( __atomic_compare_exchange_n(&pg->type_info, &x, nx, false,
                                         __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE) )
            break;
    }
    if ( nx & PGT_validated )
        return 0;

    /* First reference of a table type: nobody else can take the type yet. */
    {
        int rc = pv_validate_frame(pg, type);

        if ( rc )
        {
            __atomic_store_n(&pg->type_info, 0, __ATOMIC_RELEASE);
            return rc;
        }
        __atomic_or_fetch(&pg->type_info, PGT_validated, __ATOMIC_RELEASE);
    }
    return 0;
}

void put_page_type(struct page_info *pg)
{
    uint64_t x = __atomic_load_n(&pg->type_info, __ATOMIC_ACQUIRE);

    for ( ;; )
    {
        unsigned int type = (x & PGT_type_mask) >> PGT_type_shift;

        BUG_ON((x & PGT_count_mask) == 0);
        if ( (x & PGT_count_mask) == 1 && needs_validation(type) )
        {
            /* The last reference of a table: close it to newcomers, then release. */
            if ( !__atomic_compare_exchange_n(&pg->type_info, &x, x & ~PGT_validated,
                                              false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE) )
                continue;
            pv_devalidate_frame(pg, type);
            __atomic_store_n(&pg->type_info, 0, __ATOMIC_RELEASE);
            return;
        }
        if ( __atomic_compare_exchange_n(&pg->type_info, &x, x - 1, false,
                                         __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE) )
            return;
    }
}

int get_page_and_type(struct page_info *pg, const struct domain *d, unsigned int type)
{
    int rc;

    if ( !get_page(pg, d) )
        return -EINVAL;
    rc = get_page_type(pg, type);
    if ( rc )
        put_page(pg);
    return rc;
}

void put_page_and_type(struct page_info *pg)
{
    put_page_type(pg);
    put_page(pg);
}
