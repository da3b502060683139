/*
 * The machine-to-physical table: for every machine frame, the pseudo-
 * physical frame its owner sees it as (INVALID_M2P_ENTRY when none).  The
 * hypervisor writes it through the direct map; PV guests read it at
 * RO_MPT_VIRT_START (L4 slot 256), mapped read-only and user-accessible.
 * An entry changes only when its frame changes owner or its owner remaps it.
 */
#ifndef XEN_M2P_H
#define XEN_M2P_H

#include <xen/types.h>

int m2p_init(void);
void set_m2p(uint64_t mfn, uint64_t pfn);
uint64_t get_m2p(uint64_t mfn);

/* Where guests see it: [RO_MPT_VIRT_START, m2p_virt_end()). */
uint64_t m2p_virt_end(void);

#endif /* XEN_M2P_H */
