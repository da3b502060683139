/*
 * The generic IOMMU layer: per-domain DMA translation (BFN -> MFN with
 * read/write permission), batched invalidation under a flush policy, and
 * statistics.  The VT-d driver implements the hardware side.
 *
 * Rules:
 *  - A domain's IOMMU page table is changed only under its iommu lock.
 *  - Adding a mapping needs no IOTLB flush unless a unit is in caching
 *    mode.  Removing or demoting one records the frame in the domain's
 *    pending batch; iommu_flush() issues the invalidations the policy asks
 *    for and returns only once they have completed.  Callers (grant unmap,
 *    the self-test) flush before returning to whoever asked for the unmap:
 *    after that, no device can reach the frame.
 *  - Device ownership (which domain each device translates with) is kept
 *    under the layer's assign lock; a domain's copy of its ATS devices is
 *    changed under both.  Order: the assign lock, then a domain's lock.
 *  - The 'none' policy skips invalidation on removal.  It exists to
 *    measure what flushing costs and to show the probes can fail; it is
 *    never the default and is logged loudly when chosen.
 */
#ifndef XEN_IOMMU_H
#define XEN_IOMMU_H

#include <xen/spinlock.h>
#include <xen/types.h>

enum iommu_flush_policy {
    IOMMU_FLUSH_STRICT_PSI,     /* a page-selective invalidation and wait per page */
    IOMMU_FLUSH_STRICT_BATCHED, /* per batch: masked page-selective, one wait */
    IOMMU_FLUSH_STRICT_DOMAIN,  /* per batch: one domain-selective invalidation */
    IOMMU_FLUSH_GLOBAL,         /* per batch: one global invalidation */
    IOMMU_FLUSH_NONE,           /* unsafe: no invalidation on removal */
    IOMMU_FLUSH_NR_POLICIES
};

const char *iommu_flush_policy_name(enum iommu_flush_policy p);
int iommu_flush_policy_from_name(const char *name);   /* policy or -EINVAL */

extern enum iommu_flush_policy iommu_flush_policy;
int iommu_set_flush_policy(enum iommu_flush_policy p);

#define IOMMUF_readable     (1u << 0)
#define IOMMUF_writable     (1u << 1)

/* Counters; every field only grows. */
struct iommu_stats {
    uint64_t maps;
    uint64_t unmaps;
    uint64_t inv_global;
    uint64_t inv_domain;
    uint64_t inv_page;          /* page-selective descriptors or register writes */
    uint64_t inv_page_frames;   /* frames those covered */
    uint64_t inv_devtlb;
    uint64_t inv_context;
    uint64_t waits;             /* completion waits (QI wait descriptors or polls) */
    uint64_t flush_cycles;      /* TSC cycles spent issuing and waiting */
    uint64_t clflushes;         /* cache lines written back for non-coherent walks */
    uint64_t faults;
};

#define IOMMU_BATCH_RANGES  32
#define IOMMU_MAX_ATS_DEVICES 8     /* per domain */

struct iommu_range {
    uint64_t first;
    uint64_t nr;
};

struct iommu_fault {
    uint64_t count;             /* faults recorded so far */
    uint64_t addr;              /* of the last one: page address */
    uint16_t sid;               /* requester: bus << 8 | devfn */
    uint8_t reason;             /* VT-d fault reason */
    bool read;
};

struct domain_iommu {
    spinlock_t lock;
    uint16_t did;               /* the same domain id on every unit */
    uint64_t root_mfn;          /* second-level page-table root */
    unsigned int nr_ranges;     /* pending removals, merged */
    struct iommu_range ranges[IOMMU_BATCH_RANGES];
    bool flush_all;             /* the batch overflowed: flush the whole domain */
    unsigned int nr_devices;
    unsigned int nr_ats;        /* its devices that cache translations (ATS), */
    uint16_t ats_sids[IOMMU_MAX_ATS_DEVICES];  /* whose device TLBs flush with it */
    struct iommu_stats stats;
    struct iommu_fault last_fault;
};

/* Bring the IOMMUs up from the DMAR table; returns the number of units. */
int iommu_setup(void);
bool iommu_enabled(void);
unsigned int iommu_nr_units(void);

int iommu_domain_init(struct domain_iommu *di);
void iommu_domain_destroy(struct domain_iommu *di);

/* Map or unmap one frame; removals are remembered for iommu_flush(). */
int __must_check iommu_map(struct domain_iommu *di, uint64_t bfn, uint64_t mfn,
                           unsigned int flags);
int __must_check iommu_unmap(struct domain_iommu *di, uint64_t bfn);

/*
 * The same for a run of frames: aligned stretches use 2 MiB or 1 GiB
 * leaves where every unit supports them; removing part of a superpage
 * splits it first.
 */
int __must_check iommu_map_range(struct domain_iommu *di, uint64_t bfn, uint64_t mfn,
                                 uint64_t nr, unsigned int flags);
int __must_check iommu_unmap_range(struct domain_iommu *di, uint64_t bfn, uint64_t nr);

/* The permission flags of a mapped BFN (0 if unmapped), its MFN and leaf level. */
unsigned int iommu_lookup(struct domain_iommu *di, uint64_t bfn, uint64_t *mfn,
                          unsigned int *level);

/* Issue and complete the invalidations of the pending batch. */
int __must_check iommu_flush(struct domain_iommu *di);

/* Attach a PCI function (seg 0) to this domain's translation, or detach it. */
int iommu_assign_device(struct domain_iommu *di, uint16_t bdf);
int iommu_deassign_device(struct domain_iommu *di, uint16_t bdf);

/* Whether PCI function bdf is attached to di's translation (NULL: the quarantine). */
bool iommu_device_owned_by(uint16_t bdf, const struct domain_iommu *di);

struct domain;

/*
 * Give PCI function bdf (segment 0) to d; its IOMMU table starts following
 * its memory (drivers/passthrough/assign.c).  -ENODEV without IOMMU or device.
 */
int domain_assign_pci(struct domain *d, uint16_t bdf);

/* Whether PCI function bdf (segment 0) exists. */
bool pci_function_exists(uint16_t bdf);

/* The assign-pci= boot option, once the boot domains exist. */
void boot_assign_devices(void);

/* A DMA fault seen by a unit: counted for the device's owner, if any. */
void iommu_record_fault(uint16_t sid, uint64_t addr, unsigned int reason, bool read);

/* Sum of the units' counters (global statistics). */
void iommu_unit_stats(struct iommu_stats *out);

#endif /* XEN_IOMMU_H */
