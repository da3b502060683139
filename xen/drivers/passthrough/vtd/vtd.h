/*
 * The VT-d driver's internal interface: one struct vtd_unit per remapping
 * hardware unit of the DMAR table.
 *
 * Locking: unit->lock serialises register writes that come in sequences
 * (command/status handshakes, invalidation registers) and the invalidation
 * queue (its tail, its wait-status word).  It is taken inside a domain's
 * iommu lock, never the other way round, and never held across anything
 * but register access.
 *
 * GCMD is write-only in effect: the bits we have set are kept in
 * unit->gcmd and every command writes that shadow plus the one-shot bit,
 * never GSTS read back (QEMU re-triggers SRTP from it and would hide
 * missing flushes; QEMU-PLATFORM.md).
 */
#ifndef VTD_H
#define VTD_H

#include <xen/iommu.h>
#include <xen/spinlock.h>
#include <xen/types.h>

#include "dmar.h"
#include "vtd-entries.h"
#include "vtd-invdesc.h"

#define VTD_QUEUE_ENTRIES   256         /* one 4 KiB page of 16-byte descriptors */

struct vtd_unit {
    unsigned int index;
    paddr_t base;
    volatile uint8_t *regs;
    uint64_t cap, ecap;
    unsigned int width, levels;         /* the address width in use */
    unsigned int nr_domain_ids;
    bool coherent;                      /* ECAP.C: page walks snoop the caches */
    bool caching_mode;                  /* CAP.CM: non-present entries may be cached */
    bool use_qi;
    uint32_t gcmd;                      /* the GCMD bits we keep set */
    spinlock_t lock;

    struct vtd_root_entry *root;        /* 256 buses */
    struct vtd_context_entry *context[256];

    struct vtd_desc *queue;             /* queued invalidation */
    unsigned int queue_tail;
    volatile uint32_t wait_status;
    uint32_t wait_sequence;

    int fault_vector;
    const struct dmar_unit *dmar;
    struct iommu_stats stats;
};

extern struct vtd_unit vtd_units[DMAR_MAX_UNITS];
extern unsigned int vtd_nr_units;
extern bool vtd_force_register_invalidation;

/* Register access (4-byte accesses for 32-bit registers: QEMU insists). */
uint32_t vtd_read32(const struct vtd_unit *u, unsigned int reg);
uint64_t vtd_read64(const struct vtd_unit *u, unsigned int reg);
void vtd_write32(struct vtd_unit *u, unsigned int reg, uint32_t v);
void vtd_write64(struct vtd_unit *u, unsigned int reg, uint64_t v);

/* Write one GCMD bit (set or clear) and wait for GSTS to follow. */
int vtd_gcmd_update(struct vtd_unit *u, uint32_t bit, bool set);

/* Make a CPU write to a translation structure visible to a non-coherent unit. */
void vtd_sync_entry(struct vtd_unit *u, const void *entry, size_t size);
void vtd_sync_entry_all(const void *entry, size_t size);

/* Invalidation (vtd-flush.c): queued or register-based, each with completion. */
int vtd_inv_context_global(struct vtd_unit *u);
int vtd_inv_context_device(struct vtd_unit *u, uint16_t did, uint16_t sid);
int vtd_inv_iotlb_global(struct vtd_unit *u);
int vtd_inv_iotlb_domain(struct vtd_unit *u, uint16_t did);
/* Queue page-selective invalidations; vtd_inv_wait() completes them. */
int vtd_inv_iotlb_pages(struct vtd_unit *u, uint16_t did,
                        const struct vtd_psi_block *blocks, unsigned int n);
/* Queue a device-TLB (ATS) invalidation of 2^order frames; vtd_inv_wait() completes it. */
int vtd_inv_devtlb(struct vtd_unit *u, uint16_t sid, uint64_t first_frame,
                   unsigned int order);
int vtd_inv_wait(struct vtd_unit *u);
int vtd_qinval_enable(struct vtd_unit *u);

/* Faults (vtd-fault.c). */
int vtd_fault_init(struct vtd_unit *u);
unsigned int vtd_fault_poll(struct vtd_unit *u);

/* Page-table depth shared by every unit (vtd-domain.c). */
unsigned int vtd_levels(void);

/* Translation tables (vtd-pagetable.c). */
void *vtd_alloc_table(void);
void vtd_free_table(void *table);
int vtd_set_context(struct vtd_unit *u, uint16_t bdf, uint64_t root_mfn, uint16_t did,
                    bool ats);
int vtd_clear_context(struct vtd_unit *u, uint16_t bdf, uint16_t did);

#endif /* VTD_H */
