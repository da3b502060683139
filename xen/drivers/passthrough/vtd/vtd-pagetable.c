/*
 * Context tables and second-level page tables.
 *
 * Tables are whole pages from the hypervisor heap.  Every entry written is
 * made visible to non-coherent units (vtd_sync_entry) before any
 * invalidation that depends on it.  Intermediate page tables stay until
 * the domain's table is destroyed: they are cheap, and freeing them would
 * need an invalidation of the paging-structure caches.
 */
#include <asm/page.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/string.h>

#include "vtd.h"
#include "vtd-regs.h"

void *vtd_alloc_table(void)
{
    void *t = alloc_xenheap_pages(0);

    if ( t )
        memset(t, 0, PAGE_SIZE);
    return t;
}

void vtd_free_table(void *table)
{
    free_xenheap_pages(table, 0);
}

static struct vtd_context_entry *context_slot(struct vtd_unit *u, uint16_t bdf,
                                              bool create)
{
    unsigned int bus = bdf >> 8;

    if ( u->context[bus] == NULL )
    {
        if ( !create )
            return NULL;
        u->context[bus] = vtd_alloc_table();
        if ( u->context[bus] == NULL )
            return NULL;
        vtd_sync_entry(u, u->context[bus], PAGE_SIZE);
        u->root[bus] = vtd_root_entry(virt_to_maddr(u->context[bus]) >> PAGE_SHIFT);
        vtd_sync_entry(u, &u->root[bus], sizeof(u->root[bus]));
    }
    return &u->context[bus][bdf & 0xff];
}

int vtd_set_context(struct vtd_unit *u, uint16_t bdf, uint64_t root_mfn, uint16_t did,
                    bool ats)
{
    unsigned int tt = ats ? VTD_CTX_TT_ALL : VTD_CTX_TT_UNTRANSLATED;
    struct vtd_context_entry *slot = context_slot(u, bdf, true);
    uint16_t old_did;
    bool was_present;

    if ( slot == NULL )
        return -ENOMEM;
    was_present = slot->lo & 1;
    old_did = (slot->hi >> 8) & 0xffff;

    /* VT-d 6.5.3.3: a present entry is cleared and flushed before it is replaced. */
    if ( was_present )
    {
        slot->lo = 0;
        vtd_sync_entry(u, slot, sizeof(*slot));
        vtd_inv_context_device(u, old_did, bdf);
        vtd_inv_iotlb_domain(u, old_did);
    }
    slot->hi = vtd_context_entry(root_mfn, u->levels, did, tt).hi;
    __asm__ __volatile__ ( "" ::: "memory" );   /* hi before the present bit */
    slot->lo = vtd_context_entry(root_mfn, u->levels, did, tt).lo;
    vtd_sync_entry(u, slot, sizeof(*slot));

    /* Non-present -> present needs a flush only in caching mode (VT-d 6.1). */
    if ( u->caching_mode || was_present )
    {
        int rc = vtd_inv_context_device(u, did, bdf);

        if ( !rc )
            rc = vtd_inv_iotlb_domain(u, did);
        /* Translations the device itself cached under the old owner go too. */
        if ( !rc && ats )
            rc = vtd_inv_devtlb(u, bdf, 0, 52) ?: vtd_inv_wait(u);
        return rc;
    }
    return 0;
}

int vtd_clear_context(struct vtd_unit *u, uint16_t bdf, uint16_t did)
{
    struct vtd_context_entry *slot = context_slot(u, bdf, false);
    int rc;

    if ( slot == NULL || !(slot->lo & 1) )
        return 0;
    slot->lo = 0;
    slot->hi = 0;
    vtd_sync_entry(u, slot, sizeof(*slot));
    rc = vtd_inv_context_device(u, did, bdf);
    return rc ? rc : vtd_inv_iotlb_domain(u, did);
}
