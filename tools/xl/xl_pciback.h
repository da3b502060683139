/*
 * xl_pciback.h - PCI passthrough to PV guests as dom0 carries it out:
 * binding devices to Linux's xen-pciback (sysfs), the hypervisor's
 * permissions and IOMMU assignment (libxenctrl), and the xenstore nodes
 * that pciback (backend, in dom0) and pcifront (in the guest) read.
 *
 * Rules:
 *  - A device is assignable while it is bound to pciback; the driver it
 *    left is remembered in xenstore (/libxl/pci/DDDD-BB-DD-F/driver_path,
 *    as libxl keeps it) so remove -r can give it back.
 *  - A device is attached to at most one domain: attach refuses one that
 *    any domain's backend lists, and it checks everything (pciback, the
 *    device's resources) before it changes anything; a failing step undoes
 *    the steps before it.
 *  - The backend of domain N is /local/domain/0/backend/pci/N/0 (num_devs,
 *    dev-I = "DDDD:BB:DD.F", state-I); its frontend /local/domain/N/device/pci/0.
 *  - Functions return 0, or -1 after one "xl: ..." line.
 */
#ifndef XL_PCIBACK_H
#define XL_PCIBACK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <xenctrl.h>
#include <xenstore.h>

#include "xl.h"

/* Where sysfs is ("/sys"); the unit tests point it elsewhere. */
extern const char *xl_sysfs_root;

int xl_pci_assignable_add(const struct argon_pci_dev *dev);
int xl_pci_assignable_remove(const struct argon_pci_dev *dev, bool rebind);
int xl_pci_assignable_list(FILE *out);

int xl_pci_attach(xc_interface *xch, uint32_t domid, const struct argon_pci_dev *dev);
int xl_pci_detach(xc_interface *xch, uint32_t domid, const struct argon_pci_dev *dev,
                  bool force);
int xl_pci_list(uint32_t domid, FILE *out);

/* The xenstore half of attach and detach (also used by the unit tests). */
int xl_pci_backend_add(struct xs_handle *xs, uint32_t domid, const struct argon_pci_dev *dev);
int xl_pci_backend_remove(struct xs_handle *xs, uint32_t domid,
                          const struct argon_pci_dev *dev, bool force);
/* The domain whose backend lists dev: 0 and *domid, 1 if none, -1 after a message. */
int xl_pci_backend_owner(struct xs_handle *xs, const struct argon_pci_dev *dev,
                         uint32_t *domid);

#endif /* XL_PCIBACK_H */
