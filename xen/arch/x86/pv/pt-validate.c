/*
 * Validation of PV guest page tables: which entries a guest may have, and
 * the references each present entry holds (the rules are in asm/pv-mm.h).
 */
#include <asm/mm.h>
#include <asm/pv-mm.h>
#include <asm/x86-defs.h>
#include <xen/errno.h>
#include <xen/iocaps.h>
#include <xen/iommu.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/vmap.h>

#define _PAGE_PAT_4K        0x080ULL
#define _PAGE_AVAIL         0xe00ULL
/* L1: P RW US PWT PCD A D PAT, the three software bits, NX.  Never G. */
#define L1_ALLOWED          (0x07fULL | _PAGE_PAT_4K | _PAGE_AVAIL | _PAGE_NX)
/* Upper levels: the same without PAT/PSE (no superpages for PV guests). */
#define UPPER_ALLOWED       (0x07fULL | _PAGE_AVAIL | _PAGE_NX)

/* The hypervisor's L4 entries, copied into every guest root it validates. */
extern uint64_t boot_l4[512];

static uint64_t *table_of(uint64_t mfn)
{
    return page_to_virt(mfn_to_page(mfn));
}

static bool hypervisor_slot(unsigned int level, unsigned int index)
{
    return level == 4 && index >= HYPERVISOR_L4_FIRST && index <= HYPERVISOR_L4_LAST;
}

/* The local APIC and MSI window: interrupt delivery is the hypervisor's. */
#define MSI_WINDOW_FIRST    0xfee00ULL
#define MSI_WINDOW_LAST     0xfeeffULL

bool pv_iomem_permitted(const struct domain *d, uint64_t mfn)
{
    /*
     * The hardware domain drives every device but those the hypervisor
     * keeps; another domain what it was granted of the same.
     */
    return (d->is_privileged || iocaps_permitted(d, IOCAP_IOMEM, mfn, mfn)) &&
           !(mfn >= MSI_WINDOW_FIRST && mfn <= MSI_WINDOW_LAST) && !ioremap_owns_frame(mfn);
}

int pv_get_l1e_refs(uint64_t e, struct domain *d, struct domain *pg_owner)
{
    struct page_info *pg;
    uint64_t mfn = pte_mfn(e);

    if ( !(e & _PAGE_PRESENT) )
        return 0;
    if ( e & ~(PTE_ADDR_MASK | L1_ALLOWED) )
        return -EINVAL;
    if ( !mfn_valid(mfn) || !mfn_is_ram(mfn) )
        return pv_iomem_permitted(d, mfn) ? 0 : -EPERM;
    if ( pg_owner == NULL )
        return -EPERM;                  /* DOMID_IO: I/O frames only */
    pg = mfn_to_page(mfn);
    if ( e & _PAGE_RW )
        return get_page_and_type(pg, pg_owner, PGT_writable);
    return get_page(pg, pg_owner) ? 0 : -EINVAL;
}

void pv_put_l1e_refs(uint64_t e)
{
    uint64_t mfn = pte_mfn(e);

    if ( !(e & _PAGE_PRESENT) || !mfn_valid(mfn) || !mfn_is_ram(mfn) )
        return;
    if ( e & _PAGE_RW )
        put_page_and_type(mfn_to_page(mfn));
    else
        put_page(mfn_to_page(mfn));
}

/* An entry of an L2/L3/L4 table refers to the next-lower table of the same domain. */
static int get_upper_refs(unsigned int level, uint64_t e, struct domain *d)
{
    uint64_t mfn = pte_mfn(e);

    if ( !(e & _PAGE_PRESENT) )
        return 0;
    if ( e & ~(PTE_ADDR_MASK | UPPER_ALLOWED) )
        return -EINVAL;
    if ( !mfn_valid(mfn) || !mfn_is_ram(mfn) )
        return -EINVAL;
    return get_page_and_type(mfn_to_page(mfn), d, PGT_l1_page_table + level - 2);
}

static void put_upper_refs(uint64_t e)
{
    if ( e & _PAGE_PRESENT )
        put_page_and_type(mfn_to_page(pte_mfn(e)));
}

static int get_entry_refs(unsigned int level, uint64_t e, struct domain *d,
                          struct domain *pg_owner)
{
    return level == 1 ? pv_get_l1e_refs(e, d, pg_owner) : get_upper_refs(level, e, d);
}

static void put_entry_refs(unsigned int level, uint64_t e)
{
    if ( level == 1 )
        pv_put_l1e_refs(e);
    else
        put_upper_refs(e);
}

/*
 * A frame becoming a table must not stay writable through the IOMMU: it
 * leaves, and the invalidation completes, before its entries are trusted.
 */
static int iommu_frame_leaves(struct domain *d, uint64_t mfn)
{
    int rc;

    if ( !d->iommu_sync )
        return 0;
    rc = iommu_unmap(&d->iommu, mfn);
    if ( !rc )
        rc = iommu_flush(&d->iommu);
    return rc;
}

static void iommu_frame_returns(struct domain *d, uint64_t mfn)
{
    if ( d->iommu_sync && iommu_map(&d->iommu, mfn, mfn, IOMMUF_readable | IOMMUF_writable) )
        printk(XENLOG_WARNING "d%u: frame %#lx not back in the IOMMU (out of memory)\n",
               d->domain_id, (unsigned long)mfn);
}

static unsigned int level_of(unsigned int type)
{
    return type - PGT_l1_page_table + 1;
}

int pv_validate_frame(struct page_info *pg, unsigned int type)
{
    struct domain *d = pg->owner;
    uint64_t mfn = page_to_mfn(pg), *table;
    unsigned int level, i;
    int rc;

    if ( !page_is_page_table(type) && type != PGT_seg_desc_page )
        return -EINVAL;
    rc = iommu_frame_leaves(d, mfn);
    if ( rc )
        return rc;
    if ( type == PGT_seg_desc_page )
    {
        rc = pv_validate_descriptor_frame(pg);
        if ( rc )
            iommu_frame_returns(d, mfn);
        return rc;
    }
    if ( rc )
        return rc;
    level = level_of(type);
    table = table_of(mfn);
    for ( i = 0; i < 512; i++ )
    {
        if ( hypervisor_slot(level, i) )
        {
            table[i] = boot_l4[i];
            continue;
        }
        rc = get_entry_refs(level, table[i], d, d);
        if ( rc )
            break;
        if ( table[i] & _PAGE_PRESENT )
            table[i] |= _PAGE_USER;
    }
    if ( i == 512 )
        return 0;

    while ( i-- )
        if ( !hypervisor_slot(level, i) )
            put_entry_refs(level, table[i]);
    iommu_frame_returns(d, mfn);
    return rc;
}

void pv_devalidate_frame(struct page_info *pg, unsigned int type)
{
    uint64_t mfn = page_to_mfn(pg), *table = table_of(mfn);
    unsigned int level = level_of(type);

    if ( type == PGT_seg_desc_page )
    {
        iommu_frame_returns(pg->owner, mfn);    /* descriptors hold no references */
        return;
    }
    for ( unsigned int i = 0; i < 512; i++ )
        if ( !hypervisor_slot(level, i) )
            put_entry_refs(level, table[i]);
    iommu_frame_returns(pg->owner, mfn);
}

int pv_update_entry(struct domain *d, uint64_t table_mfn, unsigned int type,
                    unsigned int index, uint64_t val, struct domain *pg_owner,
                    bool preserve_ad, bool *dropped)
{
    unsigned int level = level_of(type);
    uint64_t *entry = &table_of(table_mfn)[index], old, new;
    int rc;

    if ( !page_is_page_table(type) || index >= 512 || (preserve_ad && level != 1) )
        return -EINVAL;
    if ( hypervisor_slot(level, index) )
        return -EPERM;
    rc = get_entry_refs(level, val, d, pg_owner);
    if ( rc )
        return rc;
    new = (val & _PAGE_PRESENT) ? val | _PAGE_USER : val;
    old = __atomic_load_n(entry, __ATOMIC_RELAXED);
    do {
        /* The CPU may set A/D at any moment: keep what it set if asked to. */
        if ( preserve_ad )
            new = (new & ~(uint64_t)(_PAGE_ACCESSED | _PAGE_DIRTY)) |
                  (old & (_PAGE_ACCESSED | _PAGE_DIRTY));
    } while ( !__atomic_compare_exchange_n(entry, &old, new, false, __ATOMIC_ACQ_REL,
                                           __ATOMIC_RELAXED) );
    if ( old & _PAGE_PRESENT )
    {
        put_entry_refs(level, old);
        *dropped = true;
    }
    return 0;
}
