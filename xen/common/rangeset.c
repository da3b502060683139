/*
 * Range sets (rules in xen/rangeset.h).
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/rangeset.h>
#include <xen/string.h>

/* The index of the first range that ends at or after v (nr if none). */
static unsigned int first_ending_at_or_after(const struct rangeset *r, uint64_t v)
{
    unsigned int lo = 0, hi = r->nr;

    while ( lo < hi )
    {
        unsigned int mid = lo + (hi - lo) / 2;

        if ( r->ranges[mid].last < v )
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Room for nr + extra ranges, or -ENOMEM with the set unchanged. */
static int reserve(struct rangeset *r, unsigned int extra)
{
    unsigned int cap = r->cap ? r->cap : 4;
    struct range *bigger;

    if ( r->nr + extra <= r->cap )
        return 0;
    while ( cap < r->nr + extra )
        cap *= 2;
    if ( (bigger = xmalloc_array(struct range, cap)) == NULL )
        return -ENOMEM;
    if ( r->nr )
        memcpy(bigger, r->ranges, r->nr * sizeof(*bigger));
    xfree(r->ranges);
    r->ranges = bigger;
    r->cap = cap;
    return 0;
}

/* Replace ranges [at, at + old) by the nr_new ranges given (room reserved). */
static void splice(struct rangeset *r, unsigned int at, unsigned int old,
                   const struct range *repl, unsigned int nr_new)
{
    memmove(&r->ranges[at + nr_new], &r->ranges[at + old],
            (r->nr - at - old) * sizeof(r->ranges[0]));
    if ( nr_new )
        memcpy(&r->ranges[at], repl, nr_new * sizeof(*repl));
    r->nr = r->nr - old + nr_new;
}

int rangeset_add(struct rangeset *r, uint64_t first, uint64_t last)
{
    struct range merged = { first, last };
    unsigned int at, end;
    int rc;

    if ( first > last )
        return -EINVAL;
    /* Ranges ending just before first touch it and merge. */
    at = first_ending_at_or_after(r, first ? first - 1 : 0);
    for ( end = at; end < r->nr && (last == UINT64_MAX || r->ranges[end].first <= last + 1);
          end++ )
    {
        merged.first = MIN(merged.first, r->ranges[end].first);
        merged.last = MAX(merged.last, r->ranges[end].last);
    }
    if ( end == at && (rc = reserve(r, 1)) )
        return rc;
    splice(r, at, end - at, &merged, 1);
    return 0;
}

int rangeset_remove(struct rangeset *r, uint64_t first, uint64_t last)
{
    struct range keep[2];
    unsigned int at, end, nr_keep = 0;
    int rc;

    if ( first > last )
        return -EINVAL;
    at = first_ending_at_or_after(r, first);
    for ( end = at; end < r->nr && r->ranges[end].first <= last; end++ )
        ;
    if ( end == at )
        return 0;
    if ( r->ranges[at].first < first )
        keep[nr_keep++] = (struct range){ r->ranges[at].first, first - 1 };
    if ( r->ranges[end - 1].last > last )
        keep[nr_keep++] = (struct range){ last + 1, r->ranges[end - 1].last };
    /* Cutting a hole in one range splits it in two. */
    if ( nr_keep > end - at && (rc = reserve(r, nr_keep - (end - at))) )
        return rc;
    splice(r, at, end - at, keep, nr_keep);
    return 0;
}

bool rangeset_contains(const struct rangeset *r, uint64_t first, uint64_t last)
{
    unsigned int at = first_ending_at_or_after(r, first);

    return first <= last && at < r->nr && r->ranges[at].first <= first &&
           r->ranges[at].last >= last;
}

void rangeset_destroy(struct rangeset *r)
{
    xfree(r->ranges);
    r->ranges = NULL;
    r->nr = r->cap = 0;
}
