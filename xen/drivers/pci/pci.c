/*
 * PCI enumeration: every function reachable from bus 0 through bridges,
 * with BARs sized (decoding off while probing) and the capabilities the
 * hypervisor cares about.  Capability walks are bounded, so a corrupt or
 * looping list ends as an error instead of a hang.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/pci.h>
#include <xen/pci-dev.h>
#include <xen/pci_regs.h>

#define MAX_CAPS        48      /* (256 - 64) / 4: more means a loop */
#define MAX_EXT_CAPS    960     /* (4096 - 256) / 4 */

static struct pci_dev *devices;
static unsigned int nr_devices;

int pci_find_cap(const struct pci_conf_ops *ops, uint16_t seg, uint16_t bdf, uint8_t id)
{
    unsigned int pos;

    if ( !(ops->read(seg, bdf, PCI_STATUS, 2) & PCI_STATUS_CAP_LIST) )
        return 0;
    pos = ops->read(seg, bdf, PCI_CAPABILITY_LIST, 1) & ~3u;
    for ( unsigned int n = 0; pos; n++ )
    {
        if ( n == MAX_CAPS || pos < 0x40 )
            return -EINVAL;
        if ( ops->read(seg, bdf, pos, 1) == id )
            return pos;
        pos = ops->read(seg, bdf, pos + 1, 1) & ~3u;
    }
    return 0;
}

int pci_find_ext_cap(const struct pci_conf_ops *ops, uint16_t seg, uint16_t bdf,
                     uint16_t id)
{
    unsigned int pos = PCI_EXT_CAP_START;

    for ( unsigned int n = 0; n < MAX_EXT_CAPS; n++ )
    {
        uint32_t header = ops->read(seg, bdf, pos, 4);

        if ( header == 0 || header == ~0u )
            return 0;
        if ( (header & 0xffff) == id )
            return pos;
        pos = (header >> 20) & ~3u;
        if ( pos == 0 )
            return 0;
        if ( pos < PCI_EXT_CAP_START )
            return -EINVAL;
    }
    return -EINVAL;
}

/* Size BARs by writing all-ones with decoding disabled, then restore. */
static void size_bars(const struct pci_conf_ops *ops, struct pci_dev *d, unsigned int n)
{
    uint16_t cmd = ops->read(d->seg, d->bdf, PCI_COMMAND, 2);

    ops->write(d->seg, d->bdf, PCI_COMMAND, 2, cmd & ~(PCI_COMMAND_MEMORY | 1));
    for ( unsigned int i = 0; i < n; i++ )
    {
        unsigned int reg = PCI_BAR0 + 4 * i;
        uint32_t orig = ops->read(d->seg, d->bdf, reg, 4), probe;
        struct pci_bar *bar = &d->bars[i];
        uint64_t mask;

        ops->write(d->seg, d->bdf, reg, 4, ~0u);
        probe = ops->read(d->seg, d->bdf, reg, 4);
        ops->write(d->seg, d->bdf, reg, 4, orig);
        if ( probe == 0 || probe == ~0u )
            continue;

        bar->io = orig & PCI_BAR_IO;
        if ( bar->io )
        {
            bar->base = orig & ~3u;
            bar->size = (uint16_t)~(probe & ~3u) + 1;
            continue;
        }
        bar->prefetchable = orig & PCI_BAR_PREFETCH;
        bar->mem64 = (orig & PCI_BAR_MEM_TYPE_MASK) == PCI_BAR_MEM_64;
        bar->base = orig & ~0xfu;
        mask = probe & ~0xfu;
        if ( bar->mem64 && i + 1 < n )
        {
            uint32_t orig_hi = ops->read(d->seg, d->bdf, reg + 4, 4);

            ops->write(d->seg, d->bdf, reg + 4, 4, ~0u);
            mask |= (uint64_t)ops->read(d->seg, d->bdf, reg + 4, 4) << 32;
            ops->write(d->seg, d->bdf, reg + 4, 4, orig_hi);
            bar->base |= (uint64_t)orig_hi << 32;
            i++;                /* the upper half is not a BAR of its own */
        }
        else
            mask |= 0xffffffff00000000ULL;
        bar->size = ~mask + 1;
    }
    ops->write(d->seg, d->bdf, PCI_COMMAND, 2, cmd);
}

static void scan_bus(const struct pci_conf_ops *ops, struct pci_dev *(*alloc)(void),
                     uint8_t bus, unsigned int depth, uint8_t *seen)
{
    if ( depth > 32 || (seen[bus / 8] & (1u << (bus % 8))) )
        return;                 /* a loop in the bridge topology */
    seen[bus / 8] |= 1u << (bus % 8);

    for ( unsigned int dev = 0; dev < 32; dev++ )
        for ( unsigned int fn = 0; fn < 8; fn++ )
        {
            uint16_t bdf = PCI_BDF(bus, dev, fn);
            uint32_t id = ops->read(0, bdf, PCI_VENDOR_ID, 4);
            struct pci_dev *d;
            uint8_t type;
            int cap;

            if ( (id & 0xffff) == 0xffff || (id & 0xffff) == 0 )
            {
                if ( fn == 0 )
                    break;      /* no function 0: no device */
                continue;
            }
            type = ops->read(0, bdf, PCI_HEADER_TYPE, 1);
            d = alloc();
            if ( d == NULL )
                return;
            d->seg = 0;
            d->bdf = bdf;
            d->vendor = id & 0xffff;
            d->device = id >> 16;
            d->class_rev = ops->read(0, bdf, PCI_CLASS_REVISION, 4);
            d->header_type = type & PCI_HEADER_TYPE_MASK;
            size_bars(ops, d, d->header_type == PCI_HEADER_TYPE_BRIDGE
                              ? PCI_BAR_COUNT_BRIDGE : PCI_BAR_COUNT_NORMAL);
            cap = pci_find_cap(ops, 0, bdf, PCI_CAP_ID_MSI);
            d->msi_cap = cap > 0 ? cap : 0;
            cap = pci_find_cap(ops, 0, bdf, PCI_CAP_ID_MSIX);
            d->msix_cap = cap > 0 ? cap : 0;
            cap = pci_find_cap(ops, 0, bdf, PCI_CAP_ID_EXP);
            d->exp_cap = cap > 0 ? cap : 0;
            if ( d->exp_cap )
            {
                cap = pci_find_ext_cap(ops, 0, bdf, PCI_EXT_CAP_ID_ATS);
                d->ats_cap = cap > 0 ? cap : 0;
            }
            if ( cap < 0 )
                printk(XENLOG_WARNING "PCI %02x:%02x.%u: corrupt capability list\n",
                       bus, dev, fn);
            d->next = devices;
            devices = d;
            nr_devices++;

            if ( d->header_type == PCI_HEADER_TYPE_BRIDGE )
            {
                d->secondary_bus = ops->read(0, bdf, PCI_SECONDARY_BUS, 1);
                d->subordinate_bus = ops->read(0, bdf, PCI_SUBORDINATE_BUS, 1);
                if ( d->secondary_bus > bus )
                    scan_bus(ops, alloc, d->secondary_bus, depth + 1, seen);
            }
            if ( fn == 0 && !(type & PCI_HEADER_MULTI_FUNCTION) )
                break;
        }
}

int pci_scan(const struct pci_conf_ops *ops, struct pci_dev *(*alloc)(void))
{
    uint8_t seen[256 / 8] = { 0 };

    devices = NULL;
    nr_devices = 0;
    scan_bus(ops, alloc, 0, 0, seen);
    /* Put the list in BDF order: the scan pushed devices in reverse. */
    {
        struct pci_dev *sorted = NULL;

        while ( devices )
        {
            struct pci_dev *d = devices, **pp = &sorted;

            devices = d->next;
            while ( *pp && (*pp)->bdf < d->bdf )
                pp = &(*pp)->next;
            d->next = *pp;
            *pp = d;
        }
        devices = sorted;
    }
    return nr_devices;
}

struct pci_dev *pci_devices(void)
{
    return devices;
}

unsigned int pci_nr_devices(void)
{
    return nr_devices;
}

struct pci_dev *pci_get_pdev(uint16_t seg, uint16_t bdf)
{
    for ( struct pci_dev *d = devices; d; d = d->next )
        if ( d->seg == seg && d->bdf == bdf )
            return d;
    return NULL;
}

void pci_print_devices(void)
{
    for ( const struct pci_dev *d = devices; d; d = d->next )
    {
        printk("PCI %04x:%02x:%02x.%u %04x:%04x class %06x%s%s%s%s%s\n", d->seg,
               PCI_BUS(d->bdf), PCI_SLOT(d->bdf), PCI_FUNC(d->bdf), d->vendor, d->device,
               d->class_rev >> 8, d->header_type == PCI_HEADER_TYPE_BRIDGE ? " bridge" : "",
               d->msi_cap ? " MSI" : "", d->msix_cap ? " MSI-X" : "",
               d->exp_cap ? " PCIe" : "", d->ats_cap ? " ATS" : "");
        for ( unsigned int i = 0; i < PCI_MAX_BARS; i++ )
            if ( d->bars[i].size )
                printk("PCI %04x:%02x:%02x.%u   BAR%u %s %#lx size %#lx%s\n", d->seg,
                       PCI_BUS(d->bdf), PCI_SLOT(d->bdf), PCI_FUNC(d->bdf), i,
                       d->bars[i].io ? "io" : d->bars[i].mem64 ? "mem64" : "mem",
                       (unsigned long)d->bars[i].base, (unsigned long)d->bars[i].size,
                       d->bars[i].prefetchable ? " prefetchable" : "");
    }
}
