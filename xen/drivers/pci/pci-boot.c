/*
 * The boot-time scan through the real configuration space: each ECAM
 * region's buses, or segment 0 through the ports when there is no MCFG.
 */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/pci.h>
#include <xen/pci-dev.h>

static struct pci_dev *alloc_pdev(void)
{
    return xzalloc(struct pci_dev);
}

static const struct pci_conf_ops real_conf = {
    .read = pci_conf_read,
    .write = pci_conf_write,
};

void pci_init(void)
{
    unsigned int nr = pci_conf_nr_ecam();
    int rc = 0;

    if ( nr == 0 )
        rc = pci_scan(&real_conf, alloc_pdev, 0, 0, 255);
    for ( unsigned int i = 0; i < nr && rc >= 0; i++ )
    {
        const struct pci_ecam_region *r = pci_conf_ecam(i);

        rc = pci_scan(&real_conf, alloc_pdev, r->seg, r->bus_start, r->bus_end);
    }
    if ( rc < 0 )
        printk(XENLOG_ERR "PCI: scan stopped: out of memory\n");
    printk("PCI: %u functions found\n", pci_nr_devices());
    pci_print_devices();
}
