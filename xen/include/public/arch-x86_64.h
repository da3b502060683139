/*
 * The x86-64 specifics of the PV ABI: the hypervisor's reserved virtual
 * range, the flat selectors guests run with, the iret frame, the register
 * and vCPU context layouts, the trap table and the per-vCPU and shared
 * architectural state.
 *
 * This is the one place for x86-64 layout; xen.h includes it first.  Only
 * <stdint.h> is needed, so the hypervisor (freestanding) and the tools
 * (hosted) build the same definitions.
 */
#ifndef __XEN_PUBLIC_ARCH_X86_64_H__
#define __XEN_PUBLIC_ARCH_X86_64_H__

/*
 * Ring-3 selectors of a 64-bit PV guest.  The guest kernel runs in ring 3
 * too, so kernel and user share them; the 32-bit ones serve compat code.
 */
#define FLAT_RING3_CS32     0xe023
#define FLAT_RING3_CS64     0xe033
#define FLAT_RING3_DS32     0xe02b
#define FLAT_RING3_DS64     0x0000
#define FLAT_RING3_SS32     0xe02b
#define FLAT_RING3_SS64     0xe02b
#define FLAT_KERNEL_CS32    FLAT_RING3_CS32
#define FLAT_KERNEL_CS64    FLAT_RING3_CS64
#define FLAT_KERNEL_DS32    FLAT_RING3_DS32
#define FLAT_KERNEL_DS64    FLAT_RING3_DS64
#define FLAT_KERNEL_SS32    FLAT_RING3_SS32
#define FLAT_KERNEL_SS64    FLAT_RING3_SS64
#define FLAT_KERNEL_CS      FLAT_KERNEL_CS64
#define FLAT_KERNEL_DS      FLAT_KERNEL_DS64
#define FLAT_KERNEL_SS      FLAT_KERNEL_SS64
#define FLAT_USER_CS32      FLAT_RING3_CS32
#define FLAT_USER_CS64      FLAT_RING3_CS64
#define FLAT_USER_DS32      FLAT_RING3_DS32
#define FLAT_USER_DS64      FLAT_RING3_DS64
#define FLAT_USER_SS32      FLAT_RING3_SS32
#define FLAT_USER_SS64      FLAT_RING3_SS64
#define FLAT_USER_CS        FLAT_USER_CS64
#define FLAT_USER_DS        FLAT_USER_DS64
#define FLAT_USER_SS        FLAT_USER_SS64

/*
 * The hypervisor's ring-0 code selector, in the reserved GDT range.  Xen
 * keeps it private; it is listed here because it shares that range's ABI.
 */
#define __HYPERVISOR_CS     0xe008

/*
 * L4 slots 256-271 belong to the hypervisor in every address space; the
 * read-only M2P table (8 bytes per MFN) sits at the bottom of that range.
 * The unsuffixed literals keep these usable from assembly and identical to
 * the hypervisor's own layout constants, so both may be seen at once.
 */
#define __HYPERVISOR_VIRT_START 0xffff800000000000
#define __HYPERVISOR_VIRT_END   0xffff880000000000
#define __MACH2PHYS_VIRT_START  0xffff800000000000
#define __MACH2PHYS_VIRT_END    0xffff804000000000
#define __MACH2PHYS_SHIFT       3
#ifndef HYPERVISOR_VIRT_START
#define HYPERVISOR_VIRT_START   0xffff800000000000
#define HYPERVISOR_VIRT_END     0xffff880000000000
#endif
#define MACH2PHYS_VIRT_START    0xffff800000000000
#define MACH2PHYS_VIRT_END      0xffff804000000000
#define MACH2PHYS_NR_ENTRIES    \
    ((MACH2PHYS_VIRT_END - MACH2PHYS_VIRT_START) >> __MACH2PHYS_SHIFT)

/*
 * GDT frames from page 14 on are the hypervisor's: a guest's own GDT may
 * use entries below FIRST_RESERVED_GDT_ENTRY only.
 */
#define FIRST_RESERVED_GDT_PAGE     14
#define FIRST_RESERVED_GDT_BYTE     0xe000
#define FIRST_RESERVED_GDT_ENTRY    7168

/* set_segment_base. */
#define SEGBASE_FS              0
#define SEGBASE_GS_USER         1
#define SEGBASE_GS_KERNEL       2
#define SEGBASE_GS_USER_SEL     3

/*
 * vcpu_guest_context.flags, and iret_context.flags (where only
 * VGCF_in_syscall has a meaning: return the way SYSRET would).
 */
#define _VGCF_i387_valid                0
#define VGCF_i387_valid                 (1 << _VGCF_i387_valid)
#define VGCF_I387_VALID                 VGCF_i387_valid
#define _VGCF_in_kernel                 2
#define VGCF_in_kernel                  (1 << _VGCF_in_kernel)
#define VGCF_IN_KERNEL                  VGCF_in_kernel
#define _VGCF_failsafe_disables_events  3
#define VGCF_failsafe_disables_events   (1 << _VGCF_failsafe_disables_events)
#define _VGCF_syscall_disables_events   4
#define VGCF_syscall_disables_events    (1 << _VGCF_syscall_disables_events)
#define _VGCF_online                    5
#define VGCF_online                     (1 << _VGCF_online)
#define _VGCF_in_syscall                8
#define VGCF_in_syscall                 (1 << _VGCF_in_syscall)
#define VGCF_IN_SYSCALL                 VGCF_in_syscall

/* Tools test these to know a PV entry and an upcall mask exist. */
#define XEN_HAVE_PV_GUEST_ENTRY     1
#define XEN_HAVE_PV_UPCALL_MASK     1

#define XEN_LEGACY_MAX_VCPUS        32

#ifndef __ASSEMBLY__
#include <stdint.h>

typedef unsigned long xen_pfn_t;
typedef unsigned long xen_ulong_t;
typedef long xen_long_t;
typedef unsigned long xen_callback_t;   /* an entry point: just the RIP */
typedef uint64_t tsc_timestamp_t;

#define PRI_xen_pfn     "lx"
#define PRIu_xen_pfn    "lu"
#define PRI_xen_ulong   "lx"

/*
 * Guest buffers in hypercall payloads.  Xen wraps the pointer in a
 * one-member struct; on x86-64 that is 8 bytes either way, so Argon keeps
 * a plain 64-bit guest address.  The handle's type is documentation only:
 * the hypervisor must never dereference it directly.
 */
#define XEN_GUEST_HANDLE(type)          uint64_t
#define XEN_GUEST_HANDLE_64(type)       uint64_t
#define XEN_GUEST_HANDLE_PARAM(type)    uint64_t
#define set_xen_guest_handle(hnd, val)  ((hnd) = (uint64_t)(uintptr_t)(val))
#define set_xen_guest_handle_raw(hnd, val) set_xen_guest_handle(hnd, val)

#define xen_pfn_to_cr3(pfn)     ((unsigned long)(pfn) << 12)
#define xen_cr3_to_pfn(cr3)     ((unsigned long)(cr3) >> 12)

/* The frame the guest pushes before the iret hypercall (lowest address first). */
struct iret_context {
    uint64_t rax, r11, rcx, flags, rip, cs, rflags, rsp, ss;
};

/*
 * Guest registers as exchanged with the toolstack (vcpu_guest_context).
 * The tag differs from Xen's (cpu_user_regs) because the hypervisor's own
 * exception frame, asm/regs.h, owns that name; the layout is Xen's.
 */
struct xen_cpu_user_regs {
    uint64_t r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
    uint64_t rax, rcx, rdx, rsi, rdi;
    uint32_t error_code;
    uint32_t entry_vector;
    uint64_t rip;
    uint16_t cs, _pad0[1];
    uint8_t saved_upcall_mask;  /* events were masked when this was saved */
    uint8_t _pad1[3];
    uint64_t rflags;
    uint64_t rsp;
    uint16_t ss, _pad2[3];
    uint16_t es, _pad3[3];
    uint16_t ds, _pad4[3];
    uint16_t fs, _pad5[3];
    uint16_t gs, _pad6[3];
};
typedef struct xen_cpu_user_regs cpu_user_regs_t;

/* One set_trap_table entry; a zero address ends the table. */
struct trap_info {
    uint8_t vector;
    uint8_t flags;              /* bits 0-1: DPL; bit 2: clear the event mask */
    uint16_t cs;
    unsigned long address;
};
typedef struct trap_info trap_info_t;

#define TI_GET_DPL(ti)          ((ti)->flags & 3)
#define TI_GET_IF(ti)           ((ti)->flags & 4)
#define TI_SET_DPL(ti, dpl)     ((ti)->flags |= (dpl))
#define TI_SET_IF(ti, ifl)      ((ti)->flags |= ((!!(ifl)) << 2))

/* A whole vCPU's state, for VCPUOP_initialise and set/getvcpucontext. */
struct vcpu_guest_context {
    struct { char x[512]; } fpu_ctxt;   /* FXSAVE image */
    unsigned long flags;                /* VGCF_* */
    struct xen_cpu_user_regs user_regs;
    struct trap_info trap_ctxt[256];
    unsigned long ldt_base, ldt_ents;
    unsigned long gdt_frames[16], gdt_ents;
    unsigned long kernel_ss, kernel_sp;
    unsigned long ctrlreg[8];           /* CR3 holds a frame (xen_pfn_to_cr3) */
    unsigned long debugreg[8];
    unsigned long event_callback_eip;
    unsigned long failsafe_callback_eip;
    unsigned long syscall_callback_eip;
    unsigned long vm_assist;            /* VMASST_TYPE_* bits */
    uint64_t fs_base;
    uint64_t gs_base_kernel;
    uint64_t gs_base_user;
};
typedef struct vcpu_guest_context vcpu_guest_context_t;

struct arch_vcpu_info {
    unsigned long cr2;          /* faulting address of the last #PF bounced */
    unsigned long pad;
};
typedef struct arch_vcpu_info arch_vcpu_info_t;

struct arch_shared_info {
    unsigned long max_pfn;
    xen_pfn_t pfn_to_mfn_frame_list_list;
    unsigned long nmi_reason;
    unsigned long p2m_cr3;      /* with p2m_vaddr: the guest's linear p2m */
    unsigned long p2m_vaddr;
    unsigned long p2m_generation;   /* odd while the guest rewrites it */
};
typedef struct arch_shared_info arch_shared_info_t;

/* createdomain's x86 part: which devices the hypervisor emulates. */
#define _XEN_X86_EMU_LAPIC      0
#define XEN_X86_EMU_LAPIC       (1U << _XEN_X86_EMU_LAPIC)
#define _XEN_X86_EMU_HPET       1
#define XEN_X86_EMU_HPET        (1U << _XEN_X86_EMU_HPET)
#define _XEN_X86_EMU_PM         2
#define XEN_X86_EMU_PM          (1U << _XEN_X86_EMU_PM)
#define _XEN_X86_EMU_RTC        3
#define XEN_X86_EMU_RTC         (1U << _XEN_X86_EMU_RTC)
#define _XEN_X86_EMU_IOAPIC     4
#define XEN_X86_EMU_IOAPIC      (1U << _XEN_X86_EMU_IOAPIC)
#define _XEN_X86_EMU_PIC        5
#define XEN_X86_EMU_PIC         (1U << _XEN_X86_EMU_PIC)
#define _XEN_X86_EMU_VGA        6
#define XEN_X86_EMU_VGA         (1U << _XEN_X86_EMU_VGA)
#define _XEN_X86_EMU_IOMMU      7
#define XEN_X86_EMU_IOMMU       (1U << _XEN_X86_EMU_IOMMU)
#define _XEN_X86_EMU_PIT        8
#define XEN_X86_EMU_PIT         (1U << _XEN_X86_EMU_PIT)
#define _XEN_X86_EMU_USE_PIRQ   9
#define XEN_X86_EMU_USE_PIRQ    (1U << _XEN_X86_EMU_USE_PIRQ)
#define _XEN_X86_EMU_VPCI       10
#define XEN_X86_EMU_VPCI        (1U << _XEN_X86_EMU_VPCI)
#define XEN_X86_EMU_ALL         0x7ffU

#define XEN_X86_MSR_RELAXED     (1U << 0)
#define XEN_X86_MISC_FLAGS_MAX  XEN_X86_MSR_RELAXED

/* A PV guest has emulation_flags == 0. */
struct xen_arch_domainconfig {
    uint32_t emulation_flags;   /* XEN_X86_EMU_* */
    uint32_t misc_flags;        /* XEN_X86_MSR_RELAXED */
};

/* CPU policy records for get/set_cpu_policy. */
#define XEN_CPUID_NO_SUBLEAF    0xffffffffU
typedef struct xen_cpuid_leaf {
    uint32_t leaf, subleaf;
    uint32_t a, b, c, d;
} xen_cpuid_leaf_t;

typedef struct xen_msr_entry {
    uint32_t idx;
    uint32_t flags;             /* must be zero */
    uint64_t val;
} xen_msr_entry_t;

_Static_assert(sizeof(struct iret_context) == 72, "iret_context");
_Static_assert(__builtin_offsetof(struct iret_context, flags) == 24, "iret_context.flags");
_Static_assert(__builtin_offsetof(struct iret_context, ss) == 64, "iret_context.ss");
_Static_assert(sizeof(struct xen_cpu_user_regs) == 200, "cpu_user_regs");
_Static_assert(__builtin_offsetof(struct xen_cpu_user_regs, error_code) == 120,
               "cpu_user_regs.error_code");
_Static_assert(__builtin_offsetof(struct xen_cpu_user_regs, rip) == 128, "cpu_user_regs.rip");
_Static_assert(__builtin_offsetof(struct xen_cpu_user_regs, cs) == 136, "cpu_user_regs.cs");
_Static_assert(__builtin_offsetof(struct xen_cpu_user_regs, saved_upcall_mask) == 140,
               "cpu_user_regs.saved_upcall_mask");
_Static_assert(__builtin_offsetof(struct xen_cpu_user_regs, rflags) == 144,
               "cpu_user_regs.rflags");
_Static_assert(__builtin_offsetof(struct xen_cpu_user_regs, ss) == 160, "cpu_user_regs.ss");
_Static_assert(__builtin_offsetof(struct xen_cpu_user_regs, gs) == 192, "cpu_user_regs.gs");
_Static_assert(sizeof(struct trap_info) == 16, "trap_info");
_Static_assert(sizeof(struct vcpu_guest_context) == 5168, "vcpu_guest_context");
_Static_assert(__builtin_offsetof(struct vcpu_guest_context, flags) == 512,
               "vcpu_guest_context.flags");
_Static_assert(__builtin_offsetof(struct vcpu_guest_context, user_regs) == 520,
               "vcpu_guest_context.user_regs");
_Static_assert(__builtin_offsetof(struct vcpu_guest_context, trap_ctxt) == 720,
               "vcpu_guest_context.trap_ctxt");
_Static_assert(__builtin_offsetof(struct vcpu_guest_context, ldt_base) == 4816,
               "vcpu_guest_context.ldt_base");
_Static_assert(__builtin_offsetof(struct vcpu_guest_context, ctrlreg) == 4984,
               "vcpu_guest_context.ctrlreg");
_Static_assert(__builtin_offsetof(struct vcpu_guest_context, event_callback_eip) == 5112,
               "vcpu_guest_context.event_callback_eip");
_Static_assert(__builtin_offsetof(struct vcpu_guest_context, fs_base) == 5144,
               "vcpu_guest_context.fs_base");
_Static_assert(sizeof(struct arch_vcpu_info) == 16, "arch_vcpu_info");
_Static_assert(sizeof(struct arch_shared_info) == 48, "arch_shared_info");
_Static_assert(__builtin_offsetof(struct arch_shared_info, p2m_cr3) == 24,
               "arch_shared_info.p2m_cr3");
_Static_assert(sizeof(struct xen_arch_domainconfig) == 8, "xen_arch_domainconfig");
_Static_assert(sizeof(struct xen_cpuid_leaf) == 24, "xen_cpuid_leaf");
_Static_assert(sizeof(struct xen_msr_entry) == 16, "xen_msr_entry");
#endif /* __ASSEMBLY__ */

#endif /* __XEN_PUBLIC_ARCH_X86_64_H__ */
