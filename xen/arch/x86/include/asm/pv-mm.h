/*
 * The PV MMU's rules for guest page tables (DESIGN section 3).
 *
 *  - A guest page table holds, for each present entry, the references its
 *    target needs: an L1 entry a general reference on the frame (and a
 *    writable type reference if the entry is writable); an L2/L3/L4 entry
 *    a general and a type reference on the next-lower table.  I/O frames
 *    (not RAM) take no references and need the domain's permission.
 *  - These references are taken when the table is validated (its first
 *    type reference) and when a validated entry is replaced, new before
 *    old; they are dropped when the table's type count returns to zero.
 *  - L4 slots 256-271 belong to the hypervisor: validation writes its
 *    entries there and guests cannot change them.
 *  - Every entry a guest gets has _PAGE_USER: the guest kernel runs in ring 3.
 *  - A domain whose devices DMA through the IOMMU (iommu_sync) has its own
 *    frames mapped read-write there, except page-table and descriptor
 *    frames: a frame leaves the IOMMU, flushed, before it is validated as
 *    a table, and returns when it stops being one.
 *  - Changes to one domain's tables are serialised by its mm_lock.
 */
#ifndef ASM_PV_MM_H
#define ASM_PV_MM_H

#include <xen/types.h>

struct domain;
struct page_info;

#define HYPERVISOR_L4_FIRST     256
#define HYPERVISOR_L4_LAST      271
#define PTE_ADDR_MASK           0x000ffffffffff000ULL

static inline uint64_t pte_mfn(uint64_t pte)
{
    return (pte & PTE_ADDR_MASK) >> 12;
}

/* Called by get_page_type()/put_page_type() for table and descriptor types. */
int pv_validate_frame(struct page_info *pg, unsigned int type);
void pv_devalidate_frame(struct page_info *pg, unsigned int type);

/*
 * Replace entry 'index' of the validated table at 'table_mfn' (of the given
 * PGT_l*_page_table type): the references of 'val' are taken first (frames
 * of pg_owner; I/O frames if d may map them), then the old entry's are
 * dropped.  preserve_ad keeps the old entry's accessed and dirty bits.
 * Returns 0, -EINVAL (refused entry, or a frame in use as another type)
 * or -EPERM (a frame the domain may not map, the hypervisor's slots).  *dropped is set if any reference was let go, so the
 * caller flushes the TLB before the guest runs again.
 */
int pv_update_entry(struct domain *d, uint64_t table_mfn, unsigned int type,
                    unsigned int index, uint64_t val, struct domain *pg_owner,
                    bool preserve_ad, bool *dropped);

/* The machine address of va's L1 entry in the running tables, or 0 (no L1 maps it). */
uint64_t pv_l1e_maddr_of(uint64_t va);

/* The L1 entries' references, for grant mappings placed in guest tables. */
int pv_get_l1e_refs(uint64_t l1e, struct domain *d, struct domain *pg_owner);
void pv_put_l1e_refs(uint64_t l1e);

/*
 * Grant host mappings (common/grant_table.c): put 'pte' (a frame of rd)
 * into ld's validated L1, at a virtual address of the running root or at
 * a PTE's machine address, and take it out again if it still maps mfn.
 * The caller flushes the TLB after removals.
 */
int pv_grant_install_pte(struct domain *ld, uint64_t addr, bool is_pte_maddr, uint64_t pte,
                         struct domain *rd, uint64_t *pte_maddr);
int pv_grant_remove_pte(struct domain *ld, uint64_t pte_maddr, uint64_t mfn);
void pv_flush_tlb_local(void);
/* The TLB of every CPU running one of d's vCPUs (this one included). */
void pv_flush_tlb_domain(const struct domain *d);

/* What a guest may map: I/O frames are for domains granted I/O memory (dom0). */
bool pv_iomem_permitted(const struct domain *d, uint64_t mfn);

struct vcpu;

/* The builder's root: pinned, and the vCPU's kernel root, as PV kernels expect. */
int pv_set_initial_root(struct vcpu *v, uint64_t l4_mfn);

/* Drop the roots and pins of a finished domain: its tables let go of everything. */
void pv_domain_relinquish_tables(struct domain *d);

/* VCPUOP_initialise: take a vcpu_guest_context (pv/vcpu-context.c); 0 or -EINVAL. */
struct vcpu_guest_context;
int pv_vcpu_initialise(struct vcpu *v, const struct vcpu_guest_context *c);
/* The context of a vCPU that is not running, as getvcpucontext returns it. */
void pv_vcpu_get_context(const struct vcpu *v, struct vcpu_guest_context *c);

/* Descriptor tables (pv/descriptor-tables.c). */
int pv_validate_descriptor_frame(struct page_info *pg);
void pv_load_gdt(const struct vcpu *v);         /* when v starts running on this CPU */
void pv_release_gdt(struct vcpu *v);            /* its GDT and LDT frames' references */
int pv_set_ldt(struct vcpu *v, uint64_t va, unsigned int ents);     /* under d->mm_lock */

/* A frame's general references are all gone: it goes back to the heap. */
void page_last_reference_gone(struct page_info *pg);

#endif /* ASM_PV_MM_H */
