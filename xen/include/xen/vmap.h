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

#endif /* XEN_VMAP_H */
