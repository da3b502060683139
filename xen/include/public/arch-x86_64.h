/*
 * The x86-64 specifics of the PV ABI: the hypervisor's reserved virtual
 * range, the flat selectors guests run with, the iret frame, the trap
 * table and the per-vCPU and shared architectural state.
 */
#ifndef __XEN_PUBLIC_ARCH_X86_64_H__
#define __XEN_PUBLIC_ARCH_X86_64_H__

/* Ring-3 selectors of a 64-bit PV guest (kernel and user share them). */
#define FLAT_RING3_CS32     0xe023
#define FLAT_RING3_CS64     0xe033
#define FLAT_RING3_DS32     0xe02b
#define FLAT_RING3_DS64     0x0000
#define FLAT_RING3_SS32     0xe02b
#define FLAT_RING3_SS64     0xe02b
#define FLAT_KERNEL_CS64    FLAT_RING3_CS64
#define FLAT_KERNEL_DS64    FLAT_RING3_DS64
#define FLAT_KERNEL_SS64    FLAT_RING3_SS64
#define FLAT_KERNEL_CS      FLAT_KERNEL_CS64
#define FLAT_KERNEL_DS      FLAT_KERNEL_DS64
#define FLAT_KERNEL_SS      FLAT_KERNEL_SS64
#define FLAT_USER_CS64      FLAT_RING3_CS64
#define FLAT_USER_DS64      FLAT_RING3_DS64
#define FLAT_USER_SS64      FLAT_RING3_SS64
#define FLAT_USER_CS        FLAT_USER_CS64
#define FLAT_USER_DS        FLAT_USER_DS64
#define FLAT_USER_SS        FLAT_USER_SS64

/* L4 slots 256-271 belong to the hypervisor in every address space. */
#define __HYPERVISOR_VIRT_START 0xffff800000000000
#define __HYPERVISOR_VIRT_END   0xffff880000000000
#define __MACH2PHYS_VIRT_START  0xffff800000000000
#define __MACH2PHYS_VIRT_END    0xffff804000000000
#define __MACH2PHYS_SHIFT       3

/* The iret hypercall: set in 'flags' to return with a plain SYSRET path. */
#define VGCF_in_syscall         (1 << 8)
#define _VGCF_i387_valid        0
#define VGCF_i387_valid         (1 << _VGCF_i387_valid)
#define _VGCF_failsafe_disables_events 3
#define VGCF_failsafe_disables_events (1 << _VGCF_failsafe_disables_events)
#define _VGCF_syscall_disables_events  4
#define VGCF_syscall_disables_events   (1 << _VGCF_syscall_disables_events)
#define _VGCF_online            5
#define VGCF_online             (1 << _VGCF_online)

/* set_segment_base. */
#define SEGBASE_FS              0
#define SEGBASE_GS_USER         1
#define SEGBASE_GS_KERNEL       2
#define SEGBASE_GS_USER_SEL     3

#ifndef __ASSEMBLY__
#include <stdint.h>

typedef unsigned long xen_pfn_t;
typedef unsigned long xen_ulong_t;
typedef long xen_long_t;

/* The frame the guest pushes before the iret hypercall (lowest address first). */
struct iret_context {
    uint64_t rax, r11, rcx, flags, rip, cs, rflags, rsp, ss;
};

struct trap_info {
    uint8_t vector;
    uint8_t flags;              /* bits 0-1: DPL; bit 2: clear the event mask */
    uint16_t cs;
    unsigned long address;
};

struct arch_vcpu_info {
    unsigned long cr2;
    unsigned long pad;
};

struct arch_shared_info {
    unsigned long max_pfn;
    xen_pfn_t pfn_to_mfn_frame_list_list;
    unsigned long nmi_reason;
    unsigned long p2m_cr3;
    unsigned long p2m_vaddr;
    unsigned long p2m_generation;
};

_Static_assert(sizeof(struct iret_context) == 72, "iret_context");
_Static_assert(sizeof(struct trap_info) == 16, "trap_info");
_Static_assert(sizeof(struct arch_vcpu_info) == 16, "arch_vcpu_info");
_Static_assert(sizeof(struct arch_shared_info) == 48, "arch_shared_info");
#endif

#endif /* __XEN_PUBLIC_ARCH_X86_64_H__ */
