/*
 * The PV CPUID policy (LINUX-PV-CHECKLIST C2: what Linux needs hidden and
 * what it needs to see).
 */
#include <xen/cpuid.h>
#include <xen/string.h>

/* Leaf 1. */
#define L1_ECX_MONITOR      (1u << 3)
#define L1_ECX_DS_CPL       (1u << 4)
#define L1_ECX_VMX          (1u << 5)
#define L1_ECX_SMX          (1u << 6)
#define L1_ECX_EST          (1u << 7)
#define L1_ECX_TM2          (1u << 8)
#define L1_ECX_PDCM         (1u << 15)
#define L1_ECX_PCID         (1u << 17)
#define L1_ECX_X2APIC       (1u << 21)
#define L1_ECX_TSC_DEADLINE (1u << 24)
#define L1_ECX_XSAVE        (1u << 26)
#define L1_ECX_OSXSAVE      (1u << 27)
#define L1_ECX_HYPERVISOR   (1u << 31)
#define L1_EDX_VME          (1u << 1)
#define L1_EDX_PSE          (1u << 3)
#define L1_EDX_MCE          (1u << 7)
#define L1_EDX_MTRR         (1u << 12)
#define L1_EDX_PGE          (1u << 13)
#define L1_EDX_MCA          (1u << 14)
#define L1_EDX_PSE36        (1u << 17)
#define L1_EDX_DS           (1u << 21)
#define L1_EDX_ACPI         (1u << 22)
#define L1_EDX_TM           (1u << 29)
#define L1_EDX_PBE          (1u << 31)
/* Leaf 7, subleaf 0. */
#define L7_EBX_FSGSBASE     (1u << 0)
#define L7_EBX_TSC_ADJUST   (1u << 1)
#define L7_EBX_SMEP         (1u << 7)
#define L7_EBX_INVPCID      (1u << 10)
#define L7_EBX_SMAP         (1u << 20)
#define L7_ECX_UMIP         (1u << 2)
#define L7_ECX_PKU          (1u << 3)
#define L7_ECX_OSPKE        (1u << 4)
#define L7_EDX_IBRS_IBPB    (1u << 26)
#define L7_EDX_STIBP        (1u << 27)
#define L7_EDX_ARCH_CAPS    (1u << 29)
#define L7_EDX_SSBD         (1u << 31)
/* Leaf 0x80000001. */
#define E1_ECX_SVM          (1u << 2)
#define E1_EDX_PAGE1GB      (1u << 26)

static const char signature[12] = "XenVMMXenVMM";

static void hypervisor_leaf(uint32_t leaf, struct cpuid_leaf *out)
{
    memset(out, 0, sizeof(*out));
    switch ( leaf - XEN_CPUID_BASE )
    {
    case 0:
        out->a = XEN_CPUID_MAX;
        memcpy(&out->b, signature, 4);
        memcpy(&out->c, signature + 4, 4);
        memcpy(&out->d, signature + 8, 4);
        break;
    case 1:
        out->a = (4 << 16) | 17;            /* the ABI version: Xen 4.17 */
        break;
    case 2:
        out->a = 1;                         /* one hypercall page */
        out->b = XEN_CPUID_BASE;            /* its MSR */
        break;
    case 5:
        out->b = 39;                        /* machine address width Linux may assume */
        break;
    default:
        break;                              /* 3: TSC info, 4: HVM only (must be 0) */
    }
}

void pv_cpuid(cpuid_raw_fn raw, uint32_t leaf, uint32_t subleaf, struct cpuid_leaf *out)
{
    if ( leaf >= XEN_CPUID_BASE && leaf <= XEN_CPUID_MAX )
    {
        hypervisor_leaf(leaf, out);
        return;
    }
    if ( leaf > XEN_CPUID_MAX && leaf < 0x80000000 && leaf >= XEN_CPUID_BASE )
    {
        memset(out, 0, sizeof(*out));
        return;
    }

    raw(leaf, subleaf, out);
    switch ( leaf )
    {
    case 1:
        out->c &= ~(L1_ECX_MONITOR | L1_ECX_DS_CPL | L1_ECX_VMX | L1_ECX_SMX | L1_ECX_EST |
                    L1_ECX_TM2 | L1_ECX_PDCM | L1_ECX_PCID | L1_ECX_X2APIC |
                    L1_ECX_TSC_DEADLINE | L1_ECX_XSAVE | L1_ECX_OSXSAVE);
        out->c |= L1_ECX_HYPERVISOR;
        out->d &= ~(L1_EDX_VME | L1_EDX_PSE | L1_EDX_MCE | L1_EDX_MTRR | L1_EDX_PGE |
                    L1_EDX_MCA | L1_EDX_PSE36 | L1_EDX_DS | L1_EDX_ACPI | L1_EDX_TM |
                    L1_EDX_PBE);
        break;
    case 7:
        if ( subleaf == 0 )
        {
            out->b &= ~(L7_EBX_FSGSBASE | L7_EBX_TSC_ADJUST | L7_EBX_SMEP |
                        L7_EBX_INVPCID | L7_EBX_SMAP);
            out->c &= ~(L7_ECX_UMIP | L7_ECX_PKU | L7_ECX_OSPKE);
            out->d &= ~(L7_EDX_IBRS_IBPB | L7_EDX_STIBP | L7_EDX_ARCH_CAPS | L7_EDX_SSBD);
        }
        break;
    case 0xd:
        memset(out, 0, sizeof(*out));       /* XSAVE is hidden */
        break;
    case 0x80000001:
        out->c &= ~E1_ECX_SVM;
        out->d &= ~E1_EDX_PAGE1GB;
        break;
    default:
        break;
    }
}
