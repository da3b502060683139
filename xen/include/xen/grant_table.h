/*
 * Grant tables, version 1 (DESIGN section 4).
 *
 * Ownership and counts:
 *  - A domain's shared table (frames the hypervisor shares with it, up to
 *    GNTTAB_MAX_FRAMES) holds the grants it offers.  Beside each entry the
 *    hypervisor keeps an active entry: how many mappings (and copies in
 *    progress) of the grant exist, readable and writable.  While any
 *    exists, GTF_reading (and GTF_writing for writable ones) stay set in
 *    the shared entry, and the frame first seen is the one used.
 *  - Each mapping holds a general reference on the granted frame, and a
 *    writable type reference if writable, so the frame can neither be
 *    freed nor become a page table while it is mapped.  A host mapping's
 *    PTE holds its own references besides (asm/pv-mm.h).
 *  - A domain's maptrack records the mappings it holds of others' grants;
 *    a handle is the index of its record, checked on every use.
 *  - A domain whose devices use the IOMMU (iommu_sync) counts its mappings
 *    per frame (xen/grant-iommu.h): the frame's IOMMU entry is added or
 *    promoted on map, demoted or removed on unmap, and the invalidation is
 *    complete before the hypercall returns.
 * Locks: the granter's gt->lock guards its shared frames and active
 * entries; the mapper's gt->maptrack_lock guards its maptrack and counts.
 * They are never held together.
 */
#ifndef XEN_GRANT_TABLE_H
#define XEN_GRANT_TABLE_H

#include <public/grant_table.h>
#include <xen/grant-iommu.h>
#include <xen/spinlock.h>
#include <xen/types.h>

#define GNTTAB_MAX_FRAMES       32          /* 16384 v1 entries */
#define GNTTAB_ENTRIES_PER_FRAME (4096 / sizeof(struct grant_entry_v1))
#define MAPTRACK_PER_CHUNK      256
#define MAPTRACK_MAX_CHUNKS     128         /* 32768 mappings per domain */

struct domain;

struct active_grant {
    uint32_t readers;           /* read-only users (mappings, copies) */
    uint32_t writers;           /* writable users */
    uint64_t mfn;               /* the frame while in use */
};

struct grant_mapping {
    uint32_t flags;             /* GNTMAP_* as mapped; 0: the record is free */
    grant_ref_t ref;
    domid_t domid;              /* the granter */
    bool busy;                  /* being unmapped */
    uint64_t mfn;
    uint64_t pte_maddr;         /* the PTE of a host mapping */
    uint64_t host_addr;         /* as the guest named it (VA or PTE address) */
    uint32_t next_free;
};

struct grant_table {
    spinlock_t lock;
    unsigned int nr_frames;
    unsigned int max_frames;    /* at most GNTTAB_MAX_FRAMES (createdomain's limit) */
    struct grant_entry_v1 *shared[GNTTAB_MAX_FRAMES];
    struct active_grant *active[GNTTAB_MAX_FRAMES];

    spinlock_t maptrack_lock;
    struct grant_mapping *maptrack[MAPTRACK_MAX_CHUNKS];
    unsigned int maptrack_chunks;
    unsigned int max_maptrack_chunks;   /* one chunk per maptrack frame asked for */
    uint32_t maptrack_free;     /* head of the free list, or MAPTRACK_NONE */
    uint32_t maptrack_used;
    struct grant_iommu_counts iommu_counts;
};

int grant_table_init(struct domain *d);

/* Unmap everything d holds of others' grants, then free d's own table. */
void grant_table_destroy(struct domain *d);

/* Mappings held (for statistics and tests). */
uint32_t grant_mappings_held(const struct domain *d);

#endif /* XEN_GRANT_TABLE_H */
