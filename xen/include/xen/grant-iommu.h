/*
 * How many grant mappings of each foreign frame a domain holds, so that
 * its IOMMU entry can follow them in O(1) per map or unmap (DESIGN
 * section 4): the entry exists while any mapping does, and is writable
 * while any writable mapping does.
 *
 * One table per mapping domain, an open-addressed hash of frame ->
 * (readable count, writable count), guarded by the caller (the domain's
 * grant lock).  It grows by doubling when half full, so the cost of an
 * operation does not depend on how many frames are mapped.
 */
#ifndef XEN_GRANT_IOMMU_H
#define XEN_GRANT_IOMMU_H

#include <xen/types.h>

/* What the frame's IOMMU entry must become after a count changed. */
enum grant_iommu_action {
    GRANT_IOMMU_KEEP,           /* no change to the entry */
    GRANT_IOMMU_MAP_RO,         /* add read-only, or demote to read-only */
    GRANT_IOMMU_MAP_RW,         /* add read-write, or promote */
    GRANT_IOMMU_UNMAP,          /* the last mapping went */
};

struct grant_iommu_slot {
    uint64_t mfn;               /* GRANT_IOMMU_EMPTY / _DELETED when unused */
    uint32_t readers;           /* read-only mappings */
    uint32_t writers;           /* writable mappings */
};

struct grant_iommu_counts {
    struct grant_iommu_slot *slots;
    uint32_t size;              /* a power of two, or 0 before the first use */
    uint32_t used;              /* frames counted */
    uint32_t occupied;          /* used + deleted slots (what probing sees) */
};

/* Count one more mapping; -ENOMEM (nothing changed) when the table cannot grow. */
int grant_iommu_get(struct grant_iommu_counts *c, uint64_t mfn, bool writable,
                    enum grant_iommu_action *action);

/* Count one mapping less; -ENOENT if there was no such mapping (a caller bug). */
int grant_iommu_put(struct grant_iommu_counts *c, uint64_t mfn, bool writable,
                    enum grant_iommu_action *action);

/* The counts of a frame (both 0 if it is not mapped). */
void grant_iommu_lookup(const struct grant_iommu_counts *c, uint64_t mfn,
                        uint32_t *readers, uint32_t *writers);

void grant_iommu_free(struct grant_iommu_counts *c);

#endif /* XEN_GRANT_IOMMU_H */
