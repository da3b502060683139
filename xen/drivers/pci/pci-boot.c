/*
 * The boot-time scan through the real configuration space.
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
    int n = pci_scan(&real_conf, alloc_pdev);

    printk("PCI: %d functions found\n", n);
    pci_print_devices();
}
