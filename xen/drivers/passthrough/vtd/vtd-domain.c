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
#include <xen/pci.h>
#include <xen/pci-dev.h>
#include <xen/string.h>

#include "vtd.h"
#include "vtd-iommu.h"
#include "vtd-regs.h"

/* Page-selective runs beyond this many descriptors become one domain flush. */
#define PSI_MAX_BLOCKS  64

unsigned int vtd_levels(void)
{
    unsigned int levels = 0;

    for ( unsigned int i = 0; i < vtd_nr_units; i++ )
        if ( levels == 0 || vtd_units[i].levels < levels )
            levels = vtd_units[i].levels;
    return levels;
}

bool vtd_any_caching_mode(void)
{
    for ( unsigned int i = 0; i < vtd_nr_units; i++ )
        if ( vtd_units[i].caching_mode )
            return true;
    return false;
}

unsigned int vtd_superpage_levels(void)
{
    unsigned int sllps = 3;

    for ( unsigned int i = 0; i < vtd_nr_units; i++ )
        sllps &= CAP_SLLPS(vtd_units[i].cap);
    return sllps << 2;                  /* SLLPS bit 0 is level 2, bit 1 level 3 */
}

static bool is_superpage(uint64_t pte, unsigned int level)
{
    return level > 1 && vtd_pte_present(pte) && (pte & VTD_PTE_SP);
}

/*
 * Replace a superpage leaf at 'level' by a table of leaves one level down
 * with the same frames and permissions.  The translation does not change,
 * so nothing needs invalidating.
 */
static int shatter(uint64_t *entry, unsigned int level)
{
    uint64_t *table = vtd_alloc_table(), old = *entry;
    uint64_t step = vtd_level_frames(level - 1);

    if ( table == NULL )
        return -ENOMEM;
    for ( unsigned int i = 0; i < VTD_ENTRIES_PER_TABLE; i++ )
        table[i] = vtd_pte_leaf(vtd_pte_mfn(old) + i * step, old & VTD_PTE_R,
                                old & VTD_PTE_W, level - 1);
    vtd_sync_entry_all(table, PAGE_SIZE);
    *entry = vtd_pte_table(virt_to_maddr(table) >> PAGE_SHIFT);
    vtd_sync_entry_all(entry, sizeof(*entry));
    return 0;
}

/*
 * The entry for bfn at 'level'.  With 'create', missing tables are added and
 * superpages above 'level' split; without it, NULL where no table exists
 * (superpages above are still split, so that a part can be removed).
 */
static uint64_t *entry_at(struct domain_iommu *di, uint64_t bfn, unsigned int level,
                          bool create, int *rc)
{
    uint64_t *table = maddr_to_virt(di->root_mfn << PAGE_SHIFT);

    *rc = 0;
    for ( unsigned int l = vtd_levels(); l > level; l-- )
    {
        uint64_t *entry = &table[vtd_level_index(bfn, l)];

        if ( !vtd_pte_present(*entry) )
        {
            void *next;

            if ( !create )
                return NULL;
            if ( (next = vtd_alloc_table()) == NULL )
            {
                *rc = -ENOMEM;
                return NULL;
            }
            vtd_sync_entry_all(next, PAGE_SIZE);
            *entry = vtd_pte_table(virt_to_maddr(next) >> PAGE_SHIFT);
            vtd_sync_entry_all(entry, sizeof(*entry));
        }
        else if ( is_superpage(*entry, l) && (*rc = shatter(entry, l)) )
            return NULL;
        table = maddr_to_virt(vtd_pte_mfn(*entry) << PAGE_SHIFT);
    }
    return &table[vtd_level_index(bfn, level)];
}

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

    /* Superpage leaves map domain memory: only tables are freed. */
    if ( level > 1 )
        for ( unsigned int i = 0; i < VTD_ENTRIES_PER_TABLE; i++ )
            if ( vtd_pte_present(table[i]) && !is_superpage(table[i], level) )
                free_tree(vtd_pte_mfn(table[i]), level - 1);
    vtd_free_table(table);
}

void vtd_domain_destroy(struct domain_iommu *di)
{
    /*
     * Nothing cached under the id may outlive the tables: the id goes back
     * to the pool for the next domain, and its paging-structure entries
     * would point into freed pages.
     */
    for ( unsigned int i = 0; i < vtd_nr_units; i++ )
        vtd_inv_iotlb_domain(&vtd_units[i], di->did);
    if ( di->root_mfn )
        free_tree(di->root_mfn, vtd_levels());
    di->root_mfn = 0;
}

int vtd_domain_set(struct domain_iommu *di, uint64_t bfn, uint64_t mfn,
                   unsigned int flags, unsigned int level, uint64_t *old)
{
    uint64_t *slot;
    int rc;

    *old = 0;
    if ( level < 1 || level > 3 || (bfn | mfn) & (vtd_level_frames(level) - 1) ||
         (level > 1 && !(vtd_superpage_levels() & (1u << level))) )
        return -EINVAL;
    if ( bfn >> (vtd_levels() * VTD_LEVEL_STRIDE) )
        return -ERANGE;                 /* beyond the address width */
    slot = entry_at(di, bfn, level, flags != 0, &rc);
    if ( slot == NULL )
        return rc;
    if ( level > 1 && vtd_pte_present(*slot) && !(*slot & VTD_PTE_SP) )
        return -EBUSY;                  /* a table of smaller pages is there */
    *old = *slot;
    *slot = flags ? vtd_pte_leaf(mfn, flags & IOMMUF_readable, flags & IOMMUF_writable,
                                 level) : 0;
    vtd_sync_entry_all(slot, sizeof(*slot));
    return 0;
}

uint64_t vtd_domain_get(struct domain_iommu *di, uint64_t bfn, unsigned int *level)
{
    uint64_t *table = maddr_to_virt(di->root_mfn << PAGE_SHIFT);

    *level = 0;
    if ( bfn >> (vtd_levels() * VTD_LEVEL_STRIDE) )
        return 0;
    for ( unsigned int l = vtd_levels(); l >= 1; l-- )
    {
        uint64_t e = table[vtd_level_index(bfn, l)];

        if ( !vtd_pte_present(e) )
            return 0;
        if ( l == 1 || is_superpage(e, l) )
        {
            *level = l;
            return e;
        }
        table = maddr_to_virt(vtd_pte_mfn(e) << PAGE_SHIFT);
    }
    return 0;
}

/*
 * Invalidate the domain's cached translations for 'ranges' on every unit,
 * then wait once per unit.  Returns the first error.
 */
int vtd_domain_flush(struct domain_iommu *di, enum iommu_flush_policy policy,
                     const struct iommu_range *ranges, unsigned int nr, bool all,
                     const uint16_t *ats_sids, unsigned int nr_ats)
{
    int rc = 0;

    for ( unsigned int i = 0; i < vtd_nr_units && !rc; i++ )
    {
        struct vtd_unit *u = &vtd_units[i];
        uint64_t start = rdtsc_ordered();
        struct iommu_stats before = u->stats;

        bool need_wait = false, per_range;

        if ( policy == IOMMU_FLUSH_GLOBAL )
            rc = vtd_inv_iotlb_global(u);           /* waits itself */
        else if ( policy == IOMMU_FLUSH_STRICT_DOMAIN || all )
            rc = vtd_inv_iotlb_domain(u, di->did);  /* waits itself */
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
            {
                for ( unsigned int r = 0; r < nr && !rc; r++ )
                {
                    unsigned int n = vtd_psi_split(ranges[r].first, ranges[r].nr,
                                                   CAP_MAMV(u->cap), blocks,
                                                   PSI_MAX_BLOCKS);

                    rc = vtd_inv_iotlb_pages(u, di->did, blocks, n);
                }
                need_wait = true;
            }
        }

        /* Devices with ATS cache translations too: theirs go in the same batch. */
        per_range = !all && (policy == IOMMU_FLUSH_STRICT_BATCHED ||
                             policy == IOMMU_FLUSH_STRICT_PSI);
        for ( unsigned int a = 0; a < nr_ats && !rc; a++ )
        {
            if ( vtd_unit_for_device(ats_sids[a]) != u )
                continue;
            need_wait = true;
            if ( !per_range )
            {
                rc = vtd_inv_devtlb(u, ats_sids[a], 0, 52);     /* everything */
                continue;
            }
            for ( unsigned int r = 0; r < nr && !rc; r++ )
            {
                struct vtd_psi_block blocks[PSI_MAX_BLOCKS];
                unsigned int n = vtd_psi_split(ranges[r].first, ranges[r].nr, 52, blocks,
                                               PSI_MAX_BLOCKS);

                for ( unsigned int b = 0; b < MIN(n, PSI_MAX_BLOCKS + 0u) && !rc; b++ )
                    rc = vtd_inv_devtlb(u, ats_sids[a], blocks[b].first, blocks[b].am);
                if ( !rc && n > PSI_MAX_BLOCKS )
                    rc = vtd_inv_devtlb(u, ats_sids[a], 0, 52);
            }
        }
        if ( !rc && need_wait )
            rc = vtd_inv_wait(u);
        u->stats.flush_cycles += rdtsc_ordered() - start;

        /* Account this domain's share of what the unit just did. */
        di->stats.inv_global += u->stats.inv_global - before.inv_global;
        di->stats.inv_domain += u->stats.inv_domain - before.inv_domain;
        di->stats.inv_page += u->stats.inv_page - before.inv_page;
        di->stats.inv_page_frames += u->stats.inv_page_frames - before.inv_page_frames;
        di->stats.inv_devtlb += u->stats.inv_devtlb - before.inv_devtlb;
        di->stats.waits += u->stats.waits - before.waits;
        di->stats.flush_cycles += u->stats.flush_cycles - before.flush_cycles;
    }
    return rc;
}

/* The unit whose device scope names bdf, else the segment's catch-all unit. */
/* Does a DMAR scope name bdf, or a bridge that bdf sits behind? */
static bool scope_covers(const struct dmar_scope *scope, uint16_t bdf)
{
    int scope_bdf = dmar_scope_simple_bdf(scope);
    const struct pci_dev *bridge;

    if ( scope_bdf < 0 )
        return false;
    if ( scope->type == DMAR_SCOPE_PCI_ENDPOINT )
        return scope_bdf == bdf;
    if ( scope->type != DMAR_SCOPE_PCI_SUBHIERARCHY )
        return false;
    if ( scope_bdf == bdf )
        return true;
    bridge = pci_get_pdev(0, scope_bdf);
    return bridge && bridge->secondary_bus && (bdf >> 8) >= bridge->secondary_bus &&
           (bdf >> 8) <= bridge->subordinate_bus;
}

struct vtd_unit *vtd_unit_for_device(uint16_t bdf)
{
    struct vtd_unit *catch_all = NULL;

    for ( unsigned int i = 0; i < vtd_nr_units; i++ )
    {
        const struct dmar_unit *d = vtd_units[i].dmar;

        for ( unsigned int s = 0; s < d->nr_scopes; s++ )
            if ( scope_covers(&d->scopes[s], bdf) )
                return &vtd_units[i];
        if ( d->include_all )
            catch_all = &vtd_units[i];
    }
    return catch_all;
}

#define PCI_ATS_CTRL        6
#define  PCI_ATS_ENABLE     0x8000

int vtd_domain_attach(struct domain_iommu *di, uint16_t bdf, bool *ats)
{
    struct vtd_unit *u = vtd_unit_for_device(bdf);
    const struct pci_dev *pdev = pci_get_pdev(0, bdf);

    if ( u == NULL )
        return -ENODEV;
    /* ATS needs the unit's device-TLB support, and its invalidations need the queue. */
    *ats = pdev && pdev->ats_cap && (u->ecap & ECAP_DT) && u->queue;
    if ( *ats )
        pci_conf_write(0, bdf, pdev->ats_cap + PCI_ATS_CTRL, 2, PCI_ATS_ENABLE);
    return vtd_set_context(u, bdf, di->root_mfn, di->did, *ats);
}

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
