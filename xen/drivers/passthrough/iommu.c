/*
 * The generic IOMMU layer: boot options, the flush policy, domain ids, the
 * quarantine context, per-domain batches of pending invalidations, and
 * device ownership.  Hardware details are in vtd/.
 */
#include <xen/acpi.h>
#include <xen/errno.h>
#include <xen/iommu.h>
#include <xen/iommu-did.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/pci-dev.h>
#include <xen/string.h>

#include "vtd/dmar.h"
#include "vtd/vtd-entries.h"
#include "vtd/vtd-iommu.h"

#define MAX_ASSIGNED_DEVICES    64
#define QUARANTINE_DID          1       /* 0 is reserved in caching mode */
_Static_assert(QUARANTINE_DID < IOMMU_DID_FIRST, "the pool never hands out the quarantine's id");

enum iommu_mode { IOMMU_OFF, IOMMU_ON, IOMMU_REQUIRED };

static enum iommu_mode iommu_mode = IOMMU_ON;
static bool iommu_verbose;
static bool iommu_up;
enum iommu_flush_policy iommu_flush_policy = IOMMU_FLUSH_STRICT_BATCHED;
extern bool vtd_force_register_invalidation;

static struct dmar_info dmar;
static struct domain_iommu quarantine;
static struct iommu_did_pool did_pool;
static DEFINE_SPINLOCK(did_lock);

static struct {
    uint16_t bdf;
    bool ats;                           /* the device caches translations (ATS) */
    struct domain_iommu *owner;
} assigned[MAX_ASSIGNED_DEVICES];
static unsigned int nr_assigned;
static DEFINE_SPINLOCK(assign_lock);

static const char *const policy_names[IOMMU_FLUSH_NR_POLICIES] = {
    [IOMMU_FLUSH_STRICT_PSI] = "strict-psi",
    [IOMMU_FLUSH_STRICT_BATCHED] = "strict-batched",
    [IOMMU_FLUSH_STRICT_DOMAIN] = "strict-domain",
    [IOMMU_FLUSH_GLOBAL] = "global",
    [IOMMU_FLUSH_NONE] = "none",
};

const char *iommu_flush_policy_name(enum iommu_flush_policy p)
{
    return p < IOMMU_FLUSH_NR_POLICIES ? policy_names[p] : "?";
}

int iommu_flush_policy_from_name(const char *name)
{
    for ( unsigned int p = 0; p < IOMMU_FLUSH_NR_POLICIES; p++ )
        if ( !strcmp(name, policy_names[p]) )
            return p;
    return -EINVAL;
}

int iommu_set_flush_policy(enum iommu_flush_policy p)
{
    if ( p >= IOMMU_FLUSH_NR_POLICIES )
        return -EINVAL;
    if ( p == IOMMU_FLUSH_NONE )
        printk(XENLOG_WARNING "IOMMU: *** flush policy 'none': unmapped pages stay "
               "reachable by devices through stale IOTLB entries. UNSAFE. ***\n");
    iommu_flush_policy = p;
    return 0;
}

/* iommu=off|on|required|verbose|no-qinval|<policy>[,...] */
static int parse_iommu(const char *s)
{
    char word[32];

    while ( *s )
    {
        const char *comma = strchr(s, ',');
        size_t n = comma ? (size_t)(comma - s) : strlen(s);
        int p;

        if ( n >= sizeof(word) )
            return -EINVAL;
        memcpy(word, s, n);
        word[n] = '\0';
        if ( !strcmp(word, "off") || !strcmp(word, "0") )
            iommu_mode = IOMMU_OFF;
        else if ( !strcmp(word, "on") || !strcmp(word, "1") )
            iommu_mode = IOMMU_ON;
        else if ( !strcmp(word, "required") || !strcmp(word, "force") )
            iommu_mode = IOMMU_REQUIRED;
        else if ( !strcmp(word, "verbose") )
            iommu_verbose = true;
        else if ( !strcmp(word, "no-qinval") )
            vtd_force_register_invalidation = true;
        else if ( (p = iommu_flush_policy_from_name(word)) >= 0 )
            iommu_flush_policy = p;
        else
            return -EINVAL;
        s += n + (comma != NULL);
    }
    return 0;
}
custom_param("iommu", parse_iommu);

bool iommu_enabled(void)
{
    return iommu_up;
}

unsigned int iommu_nr_units(void)
{
    return iommu_up ? dmar.nr_units : 0;
}

static void print_dmar(void)
{
    printk("DMAR: %u-bit DMA addresses, %u unit%s, %u RMRR%s, %u ATSR%s\n",
           dmar.host_address_width, dmar.nr_units, dmar.nr_units == 1 ? "" : "s",
           dmar.nr_rmrrs, dmar.nr_rmrrs == 1 ? "" : "s", dmar.nr_atsr,
           dmar.nr_atsr == 1 ? "" : "s");
    for ( unsigned int i = 0; i < dmar.nr_units; i++ )
    {
        const struct dmar_unit *u = &dmar.units[i];

        printk("DMAR: unit at %#lx, segment %u%s, %u device scope%s\n",
               (unsigned long)u->register_base, u->segment,
               u->include_all ? ", all other devices" : "", u->nr_scopes,
               u->nr_scopes == 1 ? "" : "s");
        for ( unsigned int s = 0; s < u->nr_scopes && iommu_verbose; s++ )
        {
            const struct dmar_scope *sc = &u->scopes[s];
            int bdf = dmar_scope_simple_bdf(sc);

            if ( sc->type == DMAR_SCOPE_IOAPIC || sc->type == DMAR_SCOPE_HPET )
                printk("DMAR:   %s %u\n", sc->type == DMAR_SCOPE_IOAPIC ? "IO-APIC" : "HPET",
                       sc->enumeration_id);
            else if ( bdf >= 0 )
                printk("DMAR:   PCI %s %04x:%02x:%02x.%u\n",
                       sc->type == DMAR_SCOPE_PCI_ENDPOINT ? "device" : "bridge",
                       u->segment, bdf >> 8, (bdf >> 3) & 0x1f, bdf & 7);
            else
                printk("DMAR:   scope type %u at bus %u, %u hops\n", sc->type,
                       sc->start_bus, sc->path_len);
        }
    }
}

/*
 * Every PCI function a unit translates starts in the quarantine: its DMA
 * reaches nothing but its RMRRs until it is assigned to a domain.
 */
static int quarantine_devices(void)
{
    for ( const struct pci_dev *d = pci_devices(); d; d = d->next )
    {
        int rc;

        if ( d->seg != 0 || vtd_unit_for_device(d->bdf) == NULL )
            continue;
        rc = iommu_assign_device(&quarantine, d->bdf);
        if ( rc )
            return rc;
    }
    return 0;
}

/* VT-d 8.4: a device with an RMRR keeps DMA access to it, 1:1, wherever it goes. */
static int map_rmrrs(struct domain_iommu *di, uint16_t bdf)
{
    for ( unsigned int r = 0; r < dmar.nr_rmrrs; r++ )
        for ( unsigned int s = 0; s < dmar.rmrrs[r].nr_scopes; s++ )
        {
            uint64_t first = dmar.rmrrs[r].base >> 12, last = dmar.rmrrs[r].limit >> 12;

            if ( dmar_scope_simple_bdf(&dmar.rmrrs[r].scopes[s]) != bdf )
                continue;
            for ( uint64_t f = first; f <= last; f++ )
            {
                uint64_t old;
                int rc = vtd_domain_set(di, f, f, IOMMUF_readable | IOMMUF_writable, 1,
                                        &old);

                if ( rc )
                    return rc;
            }
        }
    return 0;
}

int iommu_setup(void)
{
    const struct acpi_table_header *t = acpi_find_table("DMAR", 0);
    int rc;

    if ( iommu_mode == IOMMU_OFF )
    {
        printk("IOMMU: disabled on the command line (iommu=off)\n");
        return 0;
    }
    rc = t ? dmar_parse(t, &dmar) : -ENOENT;
    if ( rc == 0 && dmar.nr_units == 0 )
        rc = -ENODEV;
    if ( rc == 0 )
    {
        print_dmar();
        rc = vtd_units_init(&dmar, dmar.host_address_width);
    }
    if ( rc > 0 )
    {
        iommu_did_pool_init(&did_pool, vtd_nr_domain_ids());
        quarantine.did = QUARANTINE_DID;
        spin_lock_init(&quarantine.lock);
        rc = vtd_domain_init(&quarantine);
        if ( !rc )
            rc = quarantine_devices();
        if ( !rc )
            rc = vtd_enable_translation();
    }
    if ( rc < 0 )
    {
        if ( iommu_mode == IOMMU_REQUIRED )
            panic("IOMMU: required (iommu=required) but unusable (%d)", rc);
        printk(XENLOG_WARNING "IOMMU: not in use (%d): devices can reach all memory\n", rc);
        return rc;
    }
    iommu_up = true;
    printk("IOMMU: DMA remapping on; %u device%s quarantined; flush policy %s%s\n",
           quarantine.nr_devices, quarantine.nr_devices == 1 ? "" : "s",
           iommu_flush_policy_name(iommu_flush_policy),
           vtd_force_register_invalidation ? ", register-based invalidation" : "");
    if ( iommu_flush_policy == IOMMU_FLUSH_NONE )
        iommu_set_flush_policy(IOMMU_FLUSH_NONE);       /* for the warning */
    return 0;
}

static void release_did(struct domain_iommu *di)
{
    unsigned long flags = spin_lock_irqsave(&did_lock);

    iommu_did_free(&did_pool, di->did);
    spin_unlock_irqrestore(&did_lock, flags);
    di->did = 0;
}

int iommu_domain_init(struct domain_iommu *di)
{
    unsigned long flags;
    int did, rc;

    memset(di, 0, sizeof(*di));
    spin_lock_init(&di->lock);
    if ( !iommu_up )
        return -ENODEV;
    flags = spin_lock_irqsave(&did_lock);
    did = iommu_did_alloc(&did_pool);
    spin_unlock_irqrestore(&did_lock, flags);
    if ( did < 0 )
    {
        printk(XENLOG_WARNING "IOMMU: no domain id left (the units tag %u)\n",
               vtd_nr_domain_ids());
        return did;
    }
    di->did = (uint16_t)did;
    if ( (rc = vtd_domain_init(di)) )
        release_did(di);
    return rc;
}

/* A device di translates with, or -1. */
static int first_device_of(const struct domain_iommu *di)
{
    unsigned long flags = spin_lock_irqsave(&assign_lock);
    int bdf = -1;

    for ( unsigned int i = 0; i < nr_assigned && bdf < 0; i++ )
        if ( assigned[i].owner == di )
            bdf = assigned[i].bdf;
    spin_unlock_irqrestore(&assign_lock, flags);
    return bdf;
}

void iommu_domain_destroy(struct domain_iommu *di)
{
    int bdf;

    /* Devices go back to the quarantine before their tables disappear. */
    while ( (bdf = first_device_of(di)) >= 0 )
        if ( iommu_assign_device(&quarantine, (uint16_t)bdf) )
            panic("IOMMU: device %04x cannot return to the quarantine", bdf);
    vtd_domain_destroy(di);             /* flushes what the id tagged */
    release_did(di);
}

/* Remember removed or demoted frames, merging with an overlapping or adjacent range. */
static void batch_add(struct domain_iommu *di, uint64_t first, uint64_t nr)
{
    for ( unsigned int i = 0; i < di->nr_ranges; i++ )
    {
        struct iommu_range *r = &di->ranges[i];
        uint64_t lo = MIN(r->first, first), hi = MAX(r->first + r->nr, first + nr);

        if ( first <= r->first + r->nr && r->first <= first + nr )
        {
            r->first = lo;
            r->nr = hi - lo;
            return;
        }
    }
    if ( di->nr_ranges == IOMMU_BATCH_RANGES )
    {
        di->flush_all = true;
        return;
    }
    di->ranges[di->nr_ranges].first = first;
    di->ranges[di->nr_ranges].nr = nr;
    di->nr_ranges++;
}

static int flush_locked(struct domain_iommu *di)
{
    int rc = 0;

    if ( di->nr_ranges || di->flush_all )
    {
        if ( iommu_flush_policy != IOMMU_FLUSH_NONE )
            rc = vtd_domain_flush(di, iommu_flush_policy, di->ranges, di->nr_ranges,
                                  di->flush_all, di->ats_sids, di->nr_ats);
        di->nr_ranges = 0;
        di->flush_all = false;
    }
    return rc;
}

/* The largest level a run of nr frames at bfn -> mfn may be mapped with. */
static unsigned int best_level(uint64_t bfn, uint64_t mfn, uint64_t nr)
{
    unsigned int allowed = vtd_superpage_levels();

    for ( unsigned int level = 3; level > 1; level-- )
    {
        uint64_t frames = vtd_level_frames(level);

        if ( (allowed & (1u << level)) && !((bfn | mfn) & (frames - 1)) && nr >= frames )
            return level;
    }
    return 1;
}

/* Write one leaf and note what its old contents leave stale. */
static int set_leaf(struct domain_iommu *di, uint64_t bfn, uint64_t mfn, unsigned int flags,
                    unsigned int level)
{
    uint64_t old, frames = vtd_level_frames(level);
    int rc = vtd_domain_set(di, bfn, mfn, flags, level, &old);

    if ( rc )
        return rc;
    if ( flags )
    {
        di->stats.maps += frames;
        /*
         * Losing write permission, or replacing a frame, leaves a stale
         * translation: that is a removal.  In caching mode even a new entry
         * may be shadowed by a cached "not present".
         */
        if ( (old & VTD_PTE_W) && !(flags & IOMMUF_writable) )
            batch_add(di, bfn, frames);
        else if ( vtd_pte_present(old) && vtd_pte_mfn(old) != mfn )
            batch_add(di, bfn, frames);
        else if ( !vtd_pte_present(old) && vtd_any_caching_mode() )
            batch_add(di, bfn, frames);
    }
    else if ( vtd_pte_present(old) )
    {
        di->stats.unmaps += frames;
        batch_add(di, bfn, frames);
    }
    return 0;
}

int iommu_map_range(struct domain_iommu *di, uint64_t bfn, uint64_t mfn, uint64_t nr,
                    unsigned int flags)
{
    int rc = 0;

    if ( !iommu_up )
        return -ENODEV;
    if ( !(flags & (IOMMUF_readable | IOMMUF_writable)) || bfn + nr < bfn )
        return -EINVAL;
    spin_lock(&di->lock);
    while ( nr && !rc )
    {
        unsigned int level = best_level(bfn, mfn, nr);
        uint64_t frames = vtd_level_frames(level);

        rc = set_leaf(di, bfn, mfn, flags, level);
        if ( rc == -EBUSY )             /* smaller pages are there already */
        {
            frames = 1;
            rc = set_leaf(di, bfn, mfn, flags, 1);
        }
        bfn += frames;
        mfn += frames;
        nr -= frames;
        if ( !rc && iommu_flush_policy == IOMMU_FLUSH_STRICT_PSI )
            rc = flush_locked(di);
    }
    spin_unlock(&di->lock);
    return rc;
}

int iommu_unmap_range(struct domain_iommu *di, uint64_t bfn, uint64_t nr)
{
    int rc = 0;

    if ( !iommu_up )
        return -ENODEV;
    if ( bfn + nr < bfn )
        return -EINVAL;
    spin_lock(&di->lock);
    while ( nr && !rc )
    {
        unsigned int level;
        uint64_t frames;

        vtd_domain_get(di, bfn, &level);
        /* A whole superpage goes in one step; part of one is split first. */
        if ( level > 1 && !(bfn & (vtd_level_frames(level) - 1)) &&
             nr >= vtd_level_frames(level) )
            frames = vtd_level_frames(level);
        else
            level = 1, frames = 1;
        rc = set_leaf(di, bfn, 0, 0, level);
        bfn += frames;
        nr -= frames;
        if ( !rc && iommu_flush_policy == IOMMU_FLUSH_STRICT_PSI )
            rc = flush_locked(di);
    }
    spin_unlock(&di->lock);
    return rc;
}

int iommu_map(struct domain_iommu *di, uint64_t bfn, uint64_t mfn, unsigned int flags)
{
    return iommu_map_range(di, bfn, mfn, 1, flags);
}

int iommu_unmap(struct domain_iommu *di, uint64_t bfn)
{
    return iommu_unmap_range(di, bfn, 1);
}

unsigned int iommu_lookup(struct domain_iommu *di, uint64_t bfn, uint64_t *mfn,
                          unsigned int *level)
{
    unsigned int l = 0;
    uint64_t pte;

    if ( !iommu_up )
        return 0;
    spin_lock(&di->lock);
    pte = vtd_domain_get(di, bfn, &l);
    spin_unlock(&di->lock);
    *mfn = l ? vtd_pte_mfn(pte) + (bfn & (vtd_level_frames(l) - 1)) : 0;
    if ( level )
        *level = l;
    return (pte & VTD_PTE_R ? IOMMUF_readable : 0) | (pte & VTD_PTE_W ? IOMMUF_writable : 0);
}

int iommu_flush(struct domain_iommu *di)
{
    int rc;

    if ( !iommu_up )
        return 0;
    spin_lock(&di->lock);
    rc = flush_locked(di);
    spin_unlock(&di->lock);
    return rc;
}

static void forget_ats_device(struct domain_iommu *di, uint16_t bdf)
{
    spin_lock(&di->lock);
    for ( unsigned int a = 0; a < di->nr_ats; a++ )
        if ( di->ats_sids[a] == bdf )
            di->ats_sids[a] = di->ats_sids[--di->nr_ats];
    spin_unlock(&di->lock);
}

int iommu_assign_device(struct domain_iommu *di, uint16_t bdf)
{
    struct domain_iommu *old = NULL;
    unsigned long flags;
    unsigned int i;
    bool ats = false;
    int rc;

    if ( !iommu_up && di != &quarantine )
        return -ENODEV;
    flags = spin_lock_irqsave(&assign_lock);
    for ( i = 0; i < nr_assigned && assigned[i].bdf != bdf; i++ )
        ;
    if ( i == nr_assigned && nr_assigned == MAX_ASSIGNED_DEVICES )
    {
        spin_unlock_irqrestore(&assign_lock, flags);
        return -ENOSPC;
    }
    if ( i < nr_assigned )
        old = assigned[i].owner;

    /* Checked before anything changes: the device may turn out to use ATS. */
    spin_lock(&di->lock);
    rc = di->nr_ats == IOMMU_MAX_ATS_DEVICES ? -ENOSPC : map_rmrrs(di, bdf);
    if ( !rc )
        rc = vtd_domain_attach(di, bdf, &ats);
    if ( !rc && ats && old != di )
        di->ats_sids[di->nr_ats++] = bdf;
    spin_unlock(&di->lock);

    if ( !rc )
    {
        if ( ats && !assigned[i].ats )
            printk("IOMMU: %02x:%02x.%u uses ATS: its device TLB is invalidated with "
                   "its domain's\n", bdf >> 8, (bdf >> 3) & 0x1f, bdf & 7);
        if ( old && old != di )
        {
            forget_ats_device(old, bdf);
            old->nr_devices--;
        }
        else if ( !old )
            nr_assigned++;
        assigned[i].ats = ats;
        assigned[i].bdf = bdf;
        assigned[i].owner = di;
        if ( old != di )
            di->nr_devices++;
    }
    spin_unlock_irqrestore(&assign_lock, flags);
    return rc;
}

bool iommu_device_owned_by(uint16_t bdf, const struct domain_iommu *di)
{
    unsigned long flags = spin_lock_irqsave(&assign_lock);
    bool owned = false;

    for ( unsigned int i = 0; i < nr_assigned; i++ )
        if ( assigned[i].bdf == bdf )
            owned = assigned[i].owner == (di ? di : &quarantine);
    spin_unlock_irqrestore(&assign_lock, flags);
    return owned;
}

int iommu_deassign_device(struct domain_iommu *di, uint16_t bdf)
{
    unsigned long flags = spin_lock_irqsave(&assign_lock);
    int rc = -ENODEV;

    for ( unsigned int i = 0; i < nr_assigned; i++ )
        if ( assigned[i].bdf == bdf )
            rc = assigned[i].owner == di ? 0 : -EPERM;
    spin_unlock_irqrestore(&assign_lock, flags);
    /* Only this domain's controller moves its devices (domctl_lock): still true here. */
    return rc ? rc : iommu_assign_device(&quarantine, bdf);
}

void iommu_record_fault(uint16_t sid, uint64_t addr, unsigned int reason, bool read)
{
    unsigned long flags = spin_lock_irqsave(&assign_lock);

    for ( unsigned int i = 0; i < nr_assigned; i++ )
        if ( assigned[i].bdf == sid )
        {
            struct domain_iommu *di = assigned[i].owner;

            di->stats.faults++;
            di->last_fault.addr = addr;
            di->last_fault.sid = sid;
            di->last_fault.reason = reason;
            di->last_fault.read = read;
            __atomic_store_n(&di->last_fault.count, di->last_fault.count + 1,
                             __ATOMIC_RELEASE);
            break;
        }
    spin_unlock_irqrestore(&assign_lock, flags);
}

void iommu_unit_stats(struct iommu_stats *out)
{
    memset(out, 0, sizeof(*out));
    if ( iommu_up )
        vtd_units_stats(out);
}
