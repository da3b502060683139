/*
 * The boot listing of PCI functions, one line each:
 *   PCI 0000:00:05.0 1234:11e8 class 00ff00 edu BAR0 mem 0xfea00000 size 1M MSI
 * Names are given only for devices whose identity is certain (QEMU's own
 * ids) and otherwise for the class; unknown ones get none.
 */
#include <xen/lib.h>
#include <xen/pci.h>
#include <xen/pci-dev.h>
#include <xen/pci_regs.h>

static const struct {
    uint16_t vendor, device;
    const char *name;
} device_names[] = {
    { 0x1234, 0x11e8, "edu" },                  /* QEMU's educational device */
};

/* Base class and subclass (PCI Code and ID Assignment 1.x, appendix D). */
static const struct {
    uint16_t class;
    const char *name;
} class_names[] = {
    { 0x0100, "SCSI controller" },
    { 0x0101, "IDE controller" },
    { 0x0106, "SATA controller" },
    { 0x0108, "NVM controller" },
    { 0x0200, "Ethernet controller" },
    { 0x0300, "VGA controller" },
    { 0x0403, "audio device" },
    { PCI_CLASS_BRIDGE_HOST, "host bridge" },
    { PCI_CLASS_BRIDGE_ISA, "ISA bridge" },
    { PCI_CLASS_BRIDGE_PCI, "PCI bridge" },
    { 0x0c03, "USB controller" },
    { 0x0c05, "SMBus controller" },
};

static const char *pdev_name(const struct pci_dev *d)
{
    for ( unsigned int i = 0; i < ARRAY_SIZE(device_names); i++ )
        if ( device_names[i].vendor == d->vendor && device_names[i].device == d->device )
            return device_names[i].name;
    for ( unsigned int i = 0; i < ARRAY_SIZE(class_names); i++ )
        if ( class_names[i].class == d->class_rev >> 16 )
            return class_names[i].name;
    return NULL;
}

/* "1M", "16K", "32": the largest unit that divides the size exactly. */
static int format_size(char *buf, size_t len, uint64_t size)
{
    static const char units[] = "KMGT";
    unsigned int u = 0;

    if ( size == 0 || (size & 1023) )
        return snprintf(buf, len, "%lu", (unsigned long)size);
    while ( size >= 1024 && !(size & 1023) && u < sizeof(units) - 1 )
    {
        size >>= 10;
        u++;
    }
    return snprintf(buf, len, "%lu%c", (unsigned long)size, units[u - 1]);
}

void pci_print_devices(void)
{
    const struct pci_dev *d;

    for_each_pdev ( d )
    {
        char line[320], size[24];
        const char *name = pdev_name(d);
        size_t n;

        n = snprintf(line, sizeof(line), "%04x:%02x:%02x.%u %04x:%04x class %06x%s%s",
                     d->seg, d->bus, PCI_SLOT(d->devfn), PCI_FUNC(d->devfn), d->vendor,
                     d->device, d->class_rev >> 8, name ? " " : "", name ? name : "");
        if ( d->header_type == PCI_HEADER_TYPE_BRIDGE && n < sizeof(line) )
            n += snprintf(line + n, sizeof(line) - n, " to buses %02x-%02x", d->secondary_bus,
                          d->subordinate_bus);
        for ( unsigned int i = 0; i < PCI_MAX_BARS && n < sizeof(line); i++ )
        {
            const struct pci_bar *b = &d->bars[i];

            if ( b->size == 0 )
                continue;
            format_size(size, sizeof(size), b->size);
            n += snprintf(line + n, sizeof(line) - n, " BAR%u %s%s %#lx size %s", i,
                          b->io ? "io" : b->mem64 ? "mem64" : "mem",
                          b->prefetchable ? " pref" : "", (unsigned long)b->base, size);
        }
        if ( n < sizeof(line) )
            snprintf(line + n, sizeof(line) - n, "%s%s%s%s%s", d->msi_cap ? " MSI" : "",
                     d->msix_cap ? " MSI-X" : "", d->exp_cap ? " PCIe" : "",
                     d->ats_cap ? " ATS" : "", d->caps_corrupt ? " corrupt-caps" : "");
        printk("PCI %s\n", line);
    }
}
