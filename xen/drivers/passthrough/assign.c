/*
 * Giving PCI functions to domains.  A PV domain's DMA addresses are
 * machine addresses (BFN = MFN): when it gets its first device, its
 * IOMMU table is filled with its own frames that are not page or
 * descriptor tables (read-write), and from then on the table follows it:
 * frames leave while they are tables (asm/pv-mm.h) and foreign frames
 * come and go with its grant mappings (xen/grant_table.h).
 *
 * Until the toolstack assigns devices, `assign-pci=D:BB:DD.F[,...]` gives
 * function BB:DD.F to domain D when the boot domains are built.
 */
#include <asm/mm.h>
#include <xen/errno.h>
#include <xen/iommu.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/pci.h>
#include <xen/pci-dev.h>
#include <xen/sched.h>
#include <xen/string.h>

#define MAX_BOOT_ASSIGNMENTS 8

static struct {
    domid_t domid;
    uint16_t bdf;
} boot_assignments[MAX_BOOT_ASSIGNMENTS];
static unsigned int nr_boot_assignments;

/* Start d's IOMMU table with its own frames; under d's mm_lock, so no frame changes type meanwhile. */
static int iommu_follow_domain(struct domain *d)
{
    uint64_t mapped = 0;
    int rc;

    rc = iommu_domain_init(&d->iommu);
    if ( rc )
        return rc;
    spin_lock(&d->mm_lock);
    for ( struct page_info *pg = d->page_list; pg && !rc; pg = pg->next )
    {
        unsigned int type = page_type(pg);

        if ( page_is_page_table(type) || type == PGT_seg_desc_page )
            continue;
        rc = iommu_map(&d->iommu, page_to_mfn(pg), page_to_mfn(pg),
                       IOMMUF_readable | IOMMUF_writable);
        mapped++;
    }
    if ( !rc )
        rc = iommu_flush(&d->iommu);
    if ( !rc )
        d->iommu_sync = true;
    spin_unlock(&d->mm_lock);
    if ( rc )
        return rc;
    printk("d%u: IOMMU table follows the domain: %lu own frames mapped (BFN = MFN)\n",
           d->domain_id, (unsigned long)mapped);
    return 0;
}

bool pci_function_exists(uint16_t bdf)
{
    for ( const struct pci_dev *p = pci_devices(); p; p = p->next )
        if ( p->seg == 0 && p->bdf == bdf )
            return true;
    return false;
}

int domain_assign_pci(struct domain *d, uint16_t bdf)
{
    int rc;

    if ( !iommu_enabled() )
        return -ENODEV;
    if ( !pci_function_exists(bdf) )
        return -ENODEV;
    if ( !d->iommu_sync )
    {
        rc = iommu_follow_domain(d);
        if ( rc )
            return rc;
    }
    return iommu_assign_device(&d->iommu, bdf);
}

static int hex_field(const char *s, size_t len, unsigned int max, unsigned int *out)
{
    *out = 0;
    if ( len == 0 || len > 2 )
        return -EINVAL;
    for ( size_t i = 0; i < len; i++ )
    {
        char c = s[i];
        int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;

        if ( v < 0 )
            return -EINVAL;
        *out = *out * 16 + v;
    }
    return *out <= max ? 0 : -EINVAL;
}

/* D:BB:DD.F, with bus, device and function in hexadecimal as lspci prints them. */
static int parse_one(const char *s, size_t len, domid_t *domid, uint16_t *bdf)
{
    const char *end = s + len, *c1 = memchr(s, ':', len), *c2, *dot;
    unsigned int bus, dev, fn;
    uint64_t d;

    if ( c1 == NULL || parse_uint_value(s, c1 - s, &d) || d >= DOMID_FIRST_RESERVED )
        return -EINVAL;
    c2 = memchr(c1 + 1, ':', end - c1 - 1);
    dot = c2 ? memchr(c2 + 1, '.', end - c2 - 1) : NULL;
    if ( dot == NULL || hex_field(c1 + 1, c2 - c1 - 1, 0xff, &bus) ||
         hex_field(c2 + 1, dot - c2 - 1, 0x1f, &dev) || hex_field(dot + 1, end - dot - 1, 7, &fn) )
        return -EINVAL;
    *domid = d;
    *bdf = PCI_BDF(bus, dev, fn);
    return 0;
}

static int parse_assign_pci(const char *s)
{
    while ( *s )
    {
        const char *end = strchr(s, ',');
        size_t len = end ? (size_t)(end - s) : strlen(s);

        if ( nr_boot_assignments == MAX_BOOT_ASSIGNMENTS )
            return -EINVAL;
        if ( parse_one(s, len, &boot_assignments[nr_boot_assignments].domid,
                       &boot_assignments[nr_boot_assignments].bdf) )
            return -EINVAL;
        nr_boot_assignments++;
        s += len + (end != NULL);
    }
    return 0;
}
custom_param("assign-pci", parse_assign_pci);

void boot_assign_devices(void)
{
    for ( unsigned int i = 0; i < nr_boot_assignments; i++ )
    {
        domid_t domid = boot_assignments[i].domid;
        uint16_t bdf = boot_assignments[i].bdf;
        struct domain *d = domain_by_id(domid);
        int rc = d ? domain_assign_pci(d, bdf) : -ESRCH;

        if ( rc )
            printk(XENLOG_ERR "assign-pci: %02x:%02x.%u to d%u failed (%d)\n", bdf >> 8,
                   (bdf >> 3) & 0x1f, bdf & 7, domid, rc);
        else
            printk("assign-pci: %02x:%02x.%u assigned to d%u\n", bdf >> 8,
                   (bdf >> 3) & 0x1f, bdf & 7, domid);
    }
}
