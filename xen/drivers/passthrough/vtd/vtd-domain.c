/*
 * A domain's DMA translation on VT-d: one second-level page table shared by
 * all units (at the smallest depth they all support), the domain's context
 * entries, and the invalidation of its IOTLB entries under a flush policy.
 * Called by the generic layer with the domain's iommu lock held.
 */
#include <asm/msr.h>
#include <asm/page.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/string.h>

#include "vtd.h"
#include "vtd-regs.h"

/* Page-selective runs beyond this many descriptors become one domain flush. */
#define PSI_MAX_BLOCKS  64

unsigned int vtd_levels(void);
unsigned int vtd_levels(void)
{
    unsigned int levels = 0;

    for ( unsigned int i = 0; i < vtd_nr_units; i++ )
        if ( levels == 0 || vtd_units[i].levels < levels )
            levels = vtd_units[i].levels;
    return levels;
}

bool vtd_any_caching_mode(void);
bool vtd_any_caching_mode(void)
{
    for ( unsigned int i = 0; i < vtd_nr_units; i++ )
        if ( vtd_units[i].caching_mode )
            return true;
    return false;
}

/* The leaf slot for bfn, creating missing tables if asked. */
static uint64_t *leaf_slot(struct domain_iommu *di, uint64_t bfn, bool create)
{
    uint64_t *table = maddr_to_virt(di->root_mfn << PAGE_SHIFT);

    for ( unsigned int level = vtd_levels(); level > 1; level-- )
    {
        uint64_t *entry = &table[vtd_level_index(bfn, level)];

        if ( !vtd_pte_present(*entry) )
        {
            void *next;

            if ( !create )
                return NULL;
            next = vtd_alloc_table();
            if ( next == NULL )
                return NULL;
            vtd_sync_entry_all(next, PAGE_SIZE);
            *entry = vtd_pte_table(virt_to_maddr(next) >> PAGE_SHIFT);
            vtd_sync_entry_all(entry, sizeof(*entry));
        }
        table = maddr_to_virt(vtd_pte_mfn(*entry) << PAGE_SHIFT);
    }
    return &table[vtd_level_index(bfn, 1)];
}

int vtd_domain_init(struct domain_iommu *di);
int vtd_domain_init(struct domain_iommu *di)
{
    void *root = vtd_alloc_table();

    if ( root == NULL )
        return -ENOMEM;
    vtd_sync_entry_all(root, PAGE_SIZE);
    di->root_mfn = virt_to_maddr(root) >> PAGE_SHIFT;
    return 0;
}

static void free_tree(uint64_t mfn, unsigned int level)
{
    uint64_t *table = maddr_to_virt(mfn << PAGE_SHIFT);

    if ( level > 1 )
        for ( unsigned int i = 0; i < VTD_ENTRIES_PER_TABLE; i++ )
            if ( vtd_pte_present(table[i]) )
                free_tree(vtd_pte_mfn(table[i]), level - 1);
    vtd_free_table(table);
}

void vtd_domain_destroy(struct domain_iommu *di);
void vtd_domain_destroy(struct domain_iommu *di)
{
    if ( di->root_mfn )
        free_tree(di->root_mfn, vtd_levels());
    di->root_mfn = 0;
}

/* Write the leaf for bfn; *old receives what was there. */
int vtd_domain_set(struct domain_iommu *di, uint64_t bfn, uint64_t mfn,
                   unsigned int flags, uint64_t *old);
int vtd_domain_set(struct domain_iommu *di, uint64_t bfn, uint64_t mfn,
                   unsigned int flags, uint64_t *old)
{
    uint64_t *slot;

    if ( bfn >> (vtd_levels() * VTD_LEVEL_STRIDE) )
        return -ERANGE;             /* beyond the address width */
    slot = leaf_slot(di, bfn, flags != 0);
    if ( slot == NULL )
    {
        *old = 0;
        return flags ? -ENOMEM : 0;
    }
    *old = *slot;
    *slot = flags ? vtd_pte_leaf(mfn, flags & IOMMUF_readable,
                                 flags & IOMMUF_writable, 1) : 0;
    vtd_sync_entry_all(slot, sizeof(*slot));
    return 0;
}

uint64_t vtd_domain_get(struct domain_iommu *di, uint64_t bfn);
uint64_t vtd_domain_get(struct domain_iommu *di, uint64_t bfn)
{
    uint64_t *slot;

    if ( bfn >> (vtd_levels() * VTD_LEVEL_STRIDE) )
        return 0;
    slot = leaf_slot(di, bfn, false);
    return slot ? *slot : 0;
}

/*
 * Invalidate the domain's cached translations for 'ranges' on every unit,
 * then wait once per unit.  Returns the first error.
 */
int vtd_domain_flush(struct domain_iommu *di, enum iommu_flush_policy policy,
                     const struct iommu_range *ranges, unsigned int nr, bool all);
int vtd_domain_flush(struct domain_iommu *di, enum iommu_flush_policy policy,
                     const struct iommu_range *ranges, unsigned int nr, bool all)
{
    int rc = 0;

    for ( unsigned int i = 0; i < vtd_nr_units && !rc; i++ )
    {
        struct vtd_unit *u = &vtd_units[i];
        uint64_t start = rdtsc_ordered();
        struct iommu_stats before = u->stats;

        if ( policy == IOMMU_FLUSH_GLOBAL )
            rc = vtd_inv_iotlb_global(u);
        else if ( policy == IOMMU_FLUSH_STRICT_DOMAIN || all )
            rc = vtd_inv_iotlb_domain(u, di->did);
        else
        {
            struct vtd_psi_block blocks[PSI_MAX_BLOCKS];
            unsigned int total = 0;

            /* Count first: past the threshold one domain flush is cheaper. */
            for ( unsigned int r = 0; r < nr; r++ )
                total += vtd_psi_split(ranges[r].first, ranges[r].nr,
                                       CAP_MAMV(u->cap), blocks, 0);
            if ( total > PSI_MAX_BLOCKS || !(u->cap & CAP_PSI) )
                rc = vtd_inv_iotlb_domain(u, di->did);
            else
                for ( unsigned int r = 0; r < nr && !rc; r++ )
                {
                    unsigned int n = vtd_psi_split(ranges[r].first, ranges[r].nr,
                                                   CAP_MAMV(u->cap), blocks,
                                                   PSI_MAX_BLOCKS);

                    rc = vtd_inv_iotlb_pages(u, di->did, blocks, n);
                }
            if ( !rc )
                rc = vtd_inv_wait(u);
        }
        u->stats.flush_cycles += rdtsc_ordered() - start;

        /* Account this domain's share of what the unit just did. */
        di->stats.inv_global += u->stats.inv_global - before.inv_global;
        di->stats.inv_domain += u->stats.inv_domain - before.inv_domain;
        di->stats.inv_page += u->stats.inv_page - before.inv_page;
        di->stats.inv_page_frames += u->stats.inv_page_frames - before.inv_page_frames;
        di->stats.waits += u->stats.waits - before.waits;
        di->stats.flush_cycles += u->stats.flush_cycles - before.flush_cycles;
    }
    return rc;
}

/* The unit whose device scope names bdf, else the segment's catch-all unit. */
struct vtd_unit *vtd_unit_for_device(uint16_t bdf);
struct vtd_unit *vtd_unit_for_device(uint16_t bdf)
{
    struct vtd_unit *catch_all = NULL;

    for ( unsigned int i = 0; i < vtd_nr_units; i++ )
    {
        const struct dmar_unit *d = vtd_units[i].dmar;

        for ( unsigned int s = 0; s < d->nr_scopes; s++ )
            if ( (d->scopes[s].type == DMAR_SCOPE_PCI_ENDPOINT ||
                  d->scopes[s].type == DMAR_SCOPE_PCI_SUBHIERARCHY) &&
                 dmar_scope_simple_bdf(&d->scopes[s]) == bdf )
                return &vtd_units[i];
        if ( d->include_all )
            catch_all = &vtd_units[i];
    }
    return catch_all;
}

int vtd_domain_attach(struct domain_iommu *di, uint16_t bdf);
int vtd_domain_attach(struct domain_iommu *di, uint16_t bdf)
{
    struct vtd_unit *u = vtd_unit_for_device(bdf);

    return u ? vtd_set_context(u, bdf, di->root_mfn, di->did) : -ENODEV;
}

int vtd_enable_translation(void);
int vtd_enable_translation(void)
{
    for ( unsigned int i = 0; i < vtd_nr_units; i++ )
    {
        int rc = vtd_gcmd_update(&vtd_units[i], GCMD_TE, true);

        if ( rc )
            return rc;
    }
    return 0;
}
