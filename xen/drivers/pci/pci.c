/*
 * PCI enumeration: every function of a bus range, with BARs sized and the
 * capabilities the hypervisor cares about (MSI, MSI-X, PCI Express, ATS).
 * The rules are in xen/pci-dev.h.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/pci.h>
#include <xen/pci-dev.h>
#include <xen/pci_regs.h>

/* A capability is at least 4 bytes above the header: more than this is a loop. */
#define MAX_CAPS        ((PCI_CFG_SPACE_SIZE - PCI_STD_HEADER_SIZE) / 4)
#define MAX_EXT_CAPS    ((PCI_CFG_SPACE_EXP_SIZE - PCI_CFG_SPACE_SIZE) / 4)

static struct pci_dev *devices;
static unsigned int nr_devices;

/*
 * Walk the capability list.  With rec == NULL, return the offset of 'id';
 * otherwise record the first MSI, MSI-X and PCIe capability in rec and
 * walk to the end.
 */
static int walk_caps(const struct pci_conf_ops *ops, uint16_t seg, uint16_t bdf,
                     uint8_t id, struct pci_dev *rec)
{
    unsigned int pos, n = 0;

    if ( !(ops->read(seg, bdf, PCI_STATUS, 2) & PCI_STATUS_CAP_LIST) )
        return 0;
    for ( pos = ops->read(seg, bdf, PCI_CAPABILITY_LIST, 1) & ~3u; pos != 0;
          pos = ops->read(seg, bdf, pos + PCI_CAP_LIST_NEXT, 1) & ~3u )
    {
        uint8_t cap;

        if ( pos < PCI_STD_HEADER_SIZE || ++n > MAX_CAPS )
            return -EINVAL;
        cap = ops->read(seg, bdf, pos + PCI_CAP_LIST_ID, 1);
        if ( rec == NULL )
        {
            if ( cap == id )
                return pos;
            continue;
        }
        if ( cap == PCI_CAP_ID_MSI && !rec->msi_cap )
            rec->msi_cap = pos;
        else if ( cap == PCI_CAP_ID_MSIX && !rec->msix_cap )
            rec->msix_cap = pos;
        else if ( cap == PCI_CAP_ID_EXP && !rec->exp_cap )
            rec->exp_cap = pos;
    }
    return 0;
}

int pci_find_cap(const struct pci_conf_ops *ops, uint16_t seg, uint16_t bdf, uint8_t id)
{
    return walk_caps(ops, seg, bdf, id, NULL);
}

int pci_find_ext_cap(const struct pci_conf_ops *ops, uint16_t seg, uint16_t bdf,
                     uint16_t id)
{
    unsigned int pos = PCI_EXT_CAP_START;

    for ( unsigned int n = 0; n < MAX_EXT_CAPS; n++ )
    {
        uint32_t header = ops->read(seg, bdf, pos, 4);

        /* 0: no extended capabilities; all-ones: no extended space reachable. */
        if ( header == 0 || header == ~0u )
            return 0;
        if ( PCI_EXT_CAP_ID(header) == id )
            return pos;
        pos = PCI_EXT_CAP_NEXT(header);
        if ( pos == 0 )
            return 0;
        if ( pos < PCI_EXT_CAP_START )
            return -EINVAL;
    }
    return -EINVAL;
}

/*
 * Size one BAR (PCI 3.0, 6.2.5.1): write all-ones, read back which address
 * bits are writable, restore.  Returns how many BAR registers it used.
 */
static unsigned int size_bar(const struct pci_conf_ops *ops, struct pci_dev *d,
                             unsigned int i, unsigned int nr)
{
    unsigned int reg = PCI_BASE_ADDRESS_0 + 4 * i;
    uint32_t orig = ops->read(d->seg, d->bdf, reg, 4), probe, orig_hi, probe_hi;
    struct pci_bar *bar = &d->bars[i];
    uint64_t mask;

    ops->write(d->seg, d->bdf, reg, 4, ~0u);
    probe = ops->read(d->seg, d->bdf, reg, 4);
    ops->write(d->seg, d->bdf, reg, 4, orig);
    if ( probe == 0 || probe == ~0u )
        return 1;               /* not implemented (or the function vanished) */

    if ( orig & PCI_BAR_SPACE_IO )
    {
        mask = probe & PCI_BAR_IO_MASK;     /* 16-bit decoders read 0 above */
        bar->io = true;
        bar->base = orig & PCI_BAR_IO_MASK;
        bar->size = (uint32_t)(mask & -mask);
        return 1;
    }

    switch ( orig & PCI_BAR_MEM_TYPE_MASK )
    {
    case PCI_BAR_MEM_TYPE_64:
        if ( i + 1 >= nr )
        {
            printk(XENLOG_WARNING "PCI: %04x:%02x:%02x.%u: BAR%u is 64-bit but the last\n",
                   d->seg, d->bus, PCI_SLOT(d->devfn), PCI_FUNC(d->devfn), i);
            return 1;
        }
        orig_hi = ops->read(d->seg, d->bdf, reg + 4, 4);
        ops->write(d->seg, d->bdf, reg + 4, 4, ~0u);
        probe_hi = ops->read(d->seg, d->bdf, reg + 4, 4);
        ops->write(d->seg, d->bdf, reg + 4, 4, orig_hi);
        mask = ((uint64_t)probe_hi << 32) | (probe & PCI_BAR_MEM_MASK);
        bar->mem64 = true;
        bar->base = ((uint64_t)orig_hi << 32) | (orig & PCI_BAR_MEM_MASK);
        break;
    case PCI_BAR_MEM_TYPE_32:
    case PCI_BAR_MEM_TYPE_1M:
        mask = 0xffffffff00000000ULL | (probe & PCI_BAR_MEM_MASK);
        bar->base = orig & PCI_BAR_MEM_MASK;
        break;
    default:
        return 1;               /* reserved type: leave it alone */
    }
    bar->prefetchable = orig & PCI_BAR_MEM_PREFETCH;
    bar->size = mask & -mask;   /* the lowest writable address bit */
    return bar->mem64 ? 2 : 1;
}

/* BARs are probed with decoding off, so the transient all-ones address is never claimed. */
static void size_bars(const struct pci_conf_ops *ops, struct pci_dev *d, unsigned int nr)
{
    uint16_t cmd = ops->read(d->seg, d->bdf, PCI_COMMAND, 2);

    if ( cmd & (PCI_COMMAND_IO | PCI_COMMAND_MEMORY) )
        ops->write(d->seg, d->bdf, PCI_COMMAND, 2,
                   cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
    for ( unsigned int i = 0; i < nr; )
        i += size_bar(ops, d, i, nr);
    if ( cmd & (PCI_COMMAND_IO | PCI_COMMAND_MEMORY) )
        ops->write(d->seg, d->bdf, PCI_COMMAND, 2, cmd);
}

static unsigned int nr_bars(uint8_t header_type)
{
    switch ( header_type )
    {
    case PCI_HEADER_TYPE_NORMAL:
        return PCI_BAR_COUNT_NORMAL;
    case PCI_HEADER_TYPE_BRIDGE:
        return PCI_BAR_COUNT_BRIDGE;
    case PCI_HEADER_TYPE_CARDBUS:
        return PCI_BAR_COUNT_CARDBUS;
    default:
        return 0;               /* unknown layout: touch nothing */
    }
}

static void insert_sorted(struct pci_dev *d)
{
    struct pci_dev **pp = &devices;

    while ( *pp && ((*pp)->seg < d->seg || ((*pp)->seg == d->seg && (*pp)->bdf < d->bdf)) )
        pp = &(*pp)->next;
    d->next = *pp;
    *pp = d;
    nr_devices++;
}

/* Read one present function into a new pci_dev. */
static struct pci_dev *probe_function(const struct pci_conf_ops *ops,
                                      struct pci_dev *(*alloc)(void), uint16_t seg,
                                      uint16_t bdf, uint32_t id)
{
    uint8_t type = ops->read(seg, bdf, PCI_HEADER_TYPE, 1);
    struct pci_dev *d = alloc();
    int rc;

    if ( d == NULL )
        return NULL;
    d->seg = seg;
    d->bdf = bdf;
    d->vendor = id & 0xffff;
    d->device = id >> 16;
    d->class_rev = ops->read(seg, bdf, PCI_CLASS_REVISION, 4);
    d->header_type = type & PCI_HEADER_TYPE_MASK;
    d->multi_function = type & PCI_HEADER_MULTI_FUNCTION;
    size_bars(ops, d, nr_bars(d->header_type));

    rc = walk_caps(ops, seg, bdf, 0, d);
    if ( d->exp_cap )
    {
        int ats = pci_find_ext_cap(ops, seg, bdf, PCI_EXT_CAP_ID_ATS);

        d->ats_cap = ats > 0 ? ats : 0;
        if ( ats < 0 )
            rc = ats;
    }
    if ( rc < 0 )
    {
        d->caps_corrupt = true;
        printk(XENLOG_WARNING "PCI: %04x:%02x:%02x.%u: corrupt capability list\n",
               seg, PCI_BUS(bdf), PCI_SLOT(bdf), PCI_FUNC(bdf));
    }

    if ( d->header_type == PCI_HEADER_TYPE_BRIDGE )
    {
        d->secondary_bus = ops->read(seg, bdf, PCI_SECONDARY_BUS, 1);
        d->subordinate_bus = ops->read(seg, bdf, PCI_SUBORDINATE_BUS, 1);
    }
    return d;
}

struct scan {
    const struct pci_conf_ops *ops;
    struct pci_dev *(*alloc)(void);
    uint16_t seg;
    uint8_t bus_start, bus_end;
    uint8_t queued[256 / 8];    /* buses already scanned or waiting */
    uint8_t queue[256];
    unsigned int head, tail;
    int added;
};

static void queue_bus(struct scan *s, unsigned int bus)
{
    if ( bus < s->bus_start || bus > s->bus_end || (s->queued[bus / 8] & (1u << (bus % 8))) )
        return;
    s->queued[bus / 8] |= 1u << (bus % 8);
    s->queue[s->tail++] = bus;  /* at most 256 buses are ever queued */
}

static int scan_bus(struct scan *s, uint8_t bus)
{
    for ( unsigned int dev = 0; dev < 32; dev++ )
    {
        bool multi = false;

        for ( unsigned int fn = 0; fn < (multi ? 8 : 1); fn++ )
        {
            uint16_t bdf = PCI_BDF(bus, dev, fn);
            uint32_t id = s->ops->read(s->seg, bdf, PCI_VENDOR_ID, 4);
            struct pci_dev *d;

            /* 0xffff: nothing answered; 0: some bridges' answer for the same. */
            if ( (id & 0xffff) == 0xffff || (id & 0xffff) == 0 )
                continue;       /* without function 0, 'multi' stays false */
            if ( fn == 0 )
                multi = s->ops->read(s->seg, bdf, PCI_HEADER_TYPE, 1) &
                        PCI_HEADER_MULTI_FUNCTION;

            d = pci_get_pdev(s->seg, bdf);
            if ( d == NULL )
            {
                d = probe_function(s->ops, s->alloc, s->seg, bdf, id);
                if ( d == NULL )
                    return -ENOMEM;
                insert_sorted(d);
                s->added++;
            }
            /* Only buses the bridge claims, and never back up the tree. */
            if ( d->header_type == PCI_HEADER_TYPE_BRIDGE && d->secondary_bus > bus &&
                 d->secondary_bus <= d->subordinate_bus )
                queue_bus(s, d->secondary_bus);
        }
    }
    return 0;
}

int pci_scan(const struct pci_conf_ops *ops, struct pci_dev *(*alloc)(void),
             uint16_t seg, uint8_t bus_start, uint8_t bus_end)
{
    struct scan s = {
        .ops = ops, .alloc = alloc, .seg = seg, .bus_start = bus_start, .bus_end = bus_end,
    };

    /*
     * Bridges first, from the range's first bus; then the rest of the
     * range, which finds root buses of other host bridges (and buses
     * behind misprogrammed bridges).  Each bus is scanned once.
     */
    for ( unsigned int bus = bus_start; bus <= bus_end; bus++ )
    {
        queue_bus(&s, bus);
        while ( s.head < s.tail )
            if ( scan_bus(&s, s.queue[s.head++]) )
                return -ENOMEM;
    }
    return s.added;
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
    struct pci_dev *d;

    for_each_pdev ( d )
        if ( d->seg == seg && d->bdf == bdf )
            return d;
    return NULL;
}
