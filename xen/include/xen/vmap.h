/*
 * Mapping device memory (MMIO) into the hypervisor.  ioremap() returns an
 * uncached mapping of [maddr, maddr + size); the mapping lives until
 * iounmap().  Callers map a device's registers once at initialisation.
 */
#ifndef XEN_VMAP_H
#define XEN_VMAP_H

#include <xen/types.h>

void *ioremap(paddr_t maddr, size_t size);
void iounmap(void *va);

/*
 * Whether a live ioremap() covers this frame (the hypervisor drives that
 * device), unless the mapping was shared: registers without hidden state,
 * such as PCIe ECAM, that the hardware domain may use at the same time.
 */
bool ioremap_owns_frame(uint64_t mfn);
void ioremap_share_with_hardware_domain(void *va);

#endif /* XEN_VMAP_H */
