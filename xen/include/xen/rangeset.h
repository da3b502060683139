/*
 * Sets of inclusive integer ranges [first, last]: what a domain may reach
 * of machine frames, I/O ports and IRQs (XEN_DOMCTL_*_permission).
 *
 * The ranges are kept sorted, disjoint and never adjacent (touching
 * ranges merge), in an array owned by the set.  A change allocates what
 * it needs before it alters anything, so a failed change (-ENOMEM) leaves
 * the set as it was.  The set has no lock: its owner serialises changes
 * and lookups (struct domain's iocaps_lock).
 */
#ifndef XEN_RANGESET_H
#define XEN_RANGESET_H

#include <xen/types.h>

struct range {
    uint64_t first, last;
};

struct rangeset {
    struct range *ranges;               /* xmalloc'd, nr in use */
    unsigned int nr, cap;
};

/* Add or remove [first, last]; -EINVAL if first > last, -ENOMEM. */
int rangeset_add(struct rangeset *r, uint64_t first, uint64_t last);
int rangeset_remove(struct rangeset *r, uint64_t first, uint64_t last);

/* Whether every value of [first, last] is in the set. */
bool rangeset_contains(const struct rangeset *r, uint64_t first, uint64_t last);

/* Empty the set and free its array. */
void rangeset_destroy(struct rangeset *r);

#endif /* XEN_RANGESET_H */
