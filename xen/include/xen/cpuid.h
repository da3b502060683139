/*
 * The CPUID a PV guest sees: the host's leaves filtered to what a PV
 * kernel may use (no large or global pages, no SMEP/SMAP/PKU/PCID, no
 * x2APIC or TSC-deadline, no XSAVE yet), the hypervisor bit set, and the
 * hypervisor leaves at 0x40000000 that identify Xen 4.17's ABI.
 */
#ifndef XEN_CPUID_H
#define XEN_CPUID_H

#include <xen/types.h>

struct cpuid_leaf {
    uint32_t a, b, c, d;
};

/* How the policy reads the real CPU (the host's CPUID, or a test's table). */
typedef void (*cpuid_raw_fn)(uint32_t leaf, uint32_t subleaf, struct cpuid_leaf *out);

void pv_cpuid(cpuid_raw_fn raw, uint32_t leaf, uint32_t subleaf, struct cpuid_leaf *out);

#define XEN_CPUID_BASE          0x40000000
#define XEN_CPUID_MAX           0x40000005

#endif /* XEN_CPUID_H */
