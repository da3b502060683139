/*
 * Argon's definition of the Xen x86-64 PV guest ABI: the core.
 *
 * Numbers and layouts are those of Xen's public interface (Xen 4.17), so
 * unmodified PV kernels run; the definitions here are Argon's own.  Every
 * structure a guest shares with the hypervisor has its size and key
 * offsets checked at compile time.
 *
 * Hypercalls (x86-64): SYSCALL from the guest kernel with RAX = number and
 * RDI, RSI, RDX, R10, R8, R9 = arguments; the result comes back in RAX.
 * Buffers inside payloads are guest virtual addresses held in 64-bit
 * fields (XEN_GUEST_HANDLE, arch-x86_64.h), copied in and out, never
 * dereferenced by the hypervisor.
 */
#ifndef __XEN_PUBLIC_XEN_H__
#define __XEN_PUBLIC_XEN_H__

#include "arch-x86_64.h"

#define __HYPERVISOR_set_trap_table                 0
#define __HYPERVISOR_mmu_update                     1
#define __HYPERVISOR_set_gdt                        2
#define __HYPERVISOR_stack_switch                   3
#define __HYPERVISOR_set_callbacks                  4
#define __HYPERVISOR_fpu_taskswitch                 5
#define __HYPERVISOR_sched_op_compat                6
#define __HYPERVISOR_platform_op                    7
#define __HYPERVISOR_set_debugreg                   8
#define __HYPERVISOR_get_debugreg                   9
#define __HYPERVISOR_update_descriptor              10
#define __HYPERVISOR_memory_op                      12
#define __HYPERVISOR_multicall                      13
#define __HYPERVISOR_update_va_mapping              14
#define __HYPERVISOR_set_timer_op                   15
#define __HYPERVISOR_event_channel_op_compat        16
#define __HYPERVISOR_xen_version                    17
#define __HYPERVISOR_console_io                     18
#define __HYPERVISOR_physdev_op_compat              19
#define __HYPERVISOR_grant_table_op                 20
#define __HYPERVISOR_vm_assist                      21
#define __HYPERVISOR_update_va_mapping_otherdomain  22
#define __HYPERVISOR_iret                           23
#define __HYPERVISOR_vcpu_op                        24
#define __HYPERVISOR_set_segment_base               25
#define __HYPERVISOR_mmuext_op                      26
#define __HYPERVISOR_xsm_op                         27
#define __HYPERVISOR_nmi_op                         28
#define __HYPERVISOR_sched_op                       29
#define __HYPERVISOR_callback_op                    30
#define __HYPERVISOR_xenoprof_op                    31
#define __HYPERVISOR_event_channel_op               32
#define __HYPERVISOR_physdev_op                     33
#define __HYPERVISOR_hvm_op                         34
#define __HYPERVISOR_sysctl                         35
#define __HYPERVISOR_domctl                         36
#define __HYPERVISOR_kexec_op                       37
#define __HYPERVISOR_tmem_op                        38
#define __HYPERVISOR_argo_op                        39
#define __HYPERVISOR_xenpmu_op                      40
#define __HYPERVISOR_dm_op                          41
#define __HYPERVISOR_hypfs_op                       42
/* 48-55 are per-architecture; x86 uses none of them for PV. */
#define __HYPERVISOR_arch_0                         48
#define __HYPERVISOR_arch_1                         49
#define __HYPERVISOR_arch_2                         50
#define __HYPERVISOR_arch_3                         51
#define __HYPERVISOR_arch_4                         52
#define __HYPERVISOR_arch_5                         53
#define __HYPERVISOR_arch_6                         54
#define __HYPERVISOR_arch_7                         55
#define NR_hypercalls                               64

/* console_io commands. */
#define CONSOLEIO_write     0
#define CONSOLEIO_read      1

/* vm_assist. */
#define VMASST_CMD_enable                   0
#define VMASST_CMD_disable                  1
#define VMASST_TYPE_4gb_segments            0
#define VMASST_TYPE_4gb_segments_notify     1
#define VMASST_TYPE_writable_pagetables     2
#define VMASST_TYPE_pae_extended_cr3        3
#define VMASST_TYPE_architectural_iopl      4
#define VMASST_TYPE_runstate_update_flag    5
#define VMASST_TYPE_m2p_strict              32

/* Virtual interrupts. */
#define VIRQ_TIMER      0
#define VIRQ_DEBUG      1
#define VIRQ_CONSOLE    2
#define VIRQ_DOM_EXC    3
#define VIRQ_TBUF       4
#define VIRQ_DEBUGGER   6
#define VIRQ_XENOPROF   7
#define VIRQ_CON_RING   8
#define VIRQ_PCPU_STATE 9
#define VIRQ_MEM_EVENT  10
#define VIRQ_ARGO       11
#define VIRQ_ENOMEM     12
#define VIRQ_XENPMU     13
#define VIRQ_ARCH_0     16
#define VIRQ_ARCH_1     17
#define VIRQ_ARCH_2     18
#define VIRQ_ARCH_3     19
#define VIRQ_ARCH_4     20
#define VIRQ_ARCH_5     21
#define VIRQ_ARCH_6     22
#define VIRQ_ARCH_7     23
#define NR_VIRQS        24

/* mmu_update: the low two bits of 'ptr' say what to do. */
#define MMU_NORMAL_PT_UPDATE        0
#define MMU_MACHPHYS_UPDATE         1
#define MMU_PT_UPDATE_PRESERVE_AD   2
#define MMU_PT_UPDATE_NO_TRANSLATE  3

/* mmuext_op commands. */
#define MMUEXT_PIN_L1_TABLE         0
#define MMUEXT_PIN_L2_TABLE         1
#define MMUEXT_PIN_L3_TABLE         2
#define MMUEXT_PIN_L4_TABLE         3
#define MMUEXT_UNPIN_TABLE          4
#define MMUEXT_NEW_BASEPTR          5
#define MMUEXT_TLB_FLUSH_LOCAL      6
#define MMUEXT_INVLPG_LOCAL         7
#define MMUEXT_TLB_FLUSH_MULTI      8
#define MMUEXT_INVLPG_MULTI         9
#define MMUEXT_TLB_FLUSH_ALL        10
#define MMUEXT_INVLPG_ALL           11
#define MMUEXT_FLUSH_CACHE          12
#define MMUEXT_SET_LDT              13
#define MMUEXT_NEW_USER_BASEPTR     15
#define MMUEXT_CLEAR_PAGE           16
#define MMUEXT_COPY_PAGE            17
#define MMUEXT_FLUSH_CACHE_GLOBAL   18
#define MMUEXT_MARK_SUPER           19
#define MMUEXT_UNMARK_SUPER         20

/* update_va_mapping flags. */
#define UVMF_NONE               0x0
#define UVMF_TLB_FLUSH          0x1
#define UVMF_INVLPG             0x2
#define UVMF_FLUSHTYPE_MASK     0x3
#define UVMF_MULTI              0x0
#define UVMF_LOCAL              0x0
#define UVMF_ALL                0x4

#ifndef __ASSEMBLY__

#include <stdint.h>

/* Xen's helpers for typed constants; tools use them in their own macros. */
#define xen_mk_uint(x)      x ## U
#define xen_mk_ulong(x)     x ## UL
#define xen_mk_ullong(x)    x ## ULL

/* Trailing arrays sized by another field. */
#define XEN_FLEX_ARRAY_DIM

typedef uint16_t domid_t;

/* A domain's 128-bit handle (its UUID, chosen by the toolstack). */
typedef uint8_t xen_domain_handle_t[16];
typedef struct {
    uint8_t a[16];
} xen_uuid_t;

/* A CPU or node bitmap the toolstack passes by reference. */
struct xenctl_bitmap {
    XEN_GUEST_HANDLE_64(uint8) bitmap;
    uint32_t nr_bits;
};

#define DOMID_FIRST_RESERVED    0x7ff0U
#define DOMID_SELF              0x7ff0U
#define DOMID_IO                0x7ff1U
#define DOMID_XEN               0x7ff2U
#define DOMID_COW               0x7ff3U
#define DOMID_INVALID           0x7ff4U
#define DOMID_IDLE              0x7fffU
#define DOMID_MASK              0x7fffU

struct mmu_update {
    uint64_t ptr;               /* machine address of the entry, low bits: MMU_* */
    uint64_t val;
};

struct mmuext_op {
    unsigned int cmd;           /* MMUEXT_* */
    union {
        xen_pfn_t mfn;
        unsigned long linear_addr;
    } arg1;
    union {
        unsigned int nr_ents;
        XEN_GUEST_HANDLE(const_void) vcpumask;  /* bitmap of vCPUs */
        xen_pfn_t src_mfn;
    } arg2;
};

struct multicall_entry {
    xen_ulong_t op;
    xen_long_t result;          /* the call's return value */
    xen_ulong_t args[6];
};
typedef struct mmu_update mmu_update_t;
typedef struct mmuext_op mmuext_op_t;
typedef struct multicall_entry multicall_entry_t;

struct vcpu_time_info {
    uint32_t version;           /* odd while an update is in progress */
    uint32_t pad0;
    uint64_t tsc_timestamp;
    uint64_t system_time;       /* ns since boot at tsc_timestamp */
    uint32_t tsc_to_system_mul;
    int8_t tsc_shift;
    uint8_t flags;
    uint8_t pad1[2];
};

#define XEN_PVCLOCK_TSC_STABLE_BIT  (1 << 0)
#define XEN_PVCLOCK_GUEST_STOPPED   (1 << 1)

typedef struct vcpu_time_info vcpu_time_info_t;

/* Per-vCPU event state and clock; the first 32 live in shared_info. */
struct vcpu_info {
    uint8_t evtchn_upcall_pending;
    uint8_t evtchn_upcall_mask;
    xen_ulong_t evtchn_pending_sel;
    struct arch_vcpu_info arch;
    struct vcpu_time_info time;
};

struct shared_info {
    struct vcpu_info vcpu_info[XEN_LEGACY_MAX_VCPUS];
    xen_ulong_t evtchn_pending[sizeof(xen_ulong_t) * 8];
    xen_ulong_t evtchn_mask[sizeof(xen_ulong_t) * 8];
    uint32_t wc_version;
    uint32_t wc_sec;
    uint32_t wc_nsec;
    uint32_t wc_sec_hi;
    struct arch_shared_info arch;
};
typedef struct vcpu_info vcpu_info_t;
typedef struct shared_info shared_info_t;

#define MAX_GUEST_CMDLINE   1024

struct start_info {
    char magic[32];             /* "xen-3.0-x86_64" */
    unsigned long nr_pages;
    unsigned long shared_info;  /* machine address */
    uint32_t flags;             /* SIF_* */
    xen_pfn_t store_mfn;
    uint32_t store_evtchn;
    union {
        struct {
            xen_pfn_t mfn;
            uint32_t evtchn;
        } domU;
        struct {
            uint32_t info_off;
            uint32_t info_size;
        } dom0;
    } console;
    unsigned long pt_base;      /* virtual address of the L4 */
    unsigned long nr_pt_frames;
    unsigned long mfn_list;     /* virtual address of the p2m list */
    unsigned long mod_start;    /* virtual address, or PFN with SIF_MOD_START_PFN */
    unsigned long mod_len;
    int8_t cmd_line[MAX_GUEST_CMDLINE];
    unsigned long first_p2m_pfn;
    unsigned long nr_p2m_frames;
};
typedef struct start_info start_info_t;

#define SIF_PRIVILEGED          (1 << 0)
#define SIF_INITDOMAIN          (1 << 1)
#define SIF_MULTIBOOT_MOD       (1 << 2)
#define SIF_MOD_START_PFN       (1 << 3)
#define SIF_VIRT_P2M_4TOOLS     (1 << 4)
#define SIF_PM_MASK             (0xff << 8)

/* With SIF_MULTIBOOT_MOD, mod_start points at an array of these. */
struct xen_multiboot_mod_list {
    uint32_t mod_start;         /* physical addresses */
    uint32_t mod_end;
    uint32_t cmdline;
    uint32_t pad;
};

/*
 * dom0's firmware console, placed console.dom0.info_off bytes into the
 * start_info page; info_size says which trailing fields are valid.
 */
struct dom0_vga_console_info {
    uint8_t video_type;         /* XEN_VGATYPE_* */
    union {
        struct {
            uint16_t font_height;
            uint16_t cursor_x, cursor_y;
            uint16_t rows, columns;
        } text_mode_3;
        struct {
            uint16_t width, height;
            uint16_t bytes_per_line;
            uint16_t bits_per_pixel;
            uint32_t lfb_base;      /* low 32 bits; ext_lfb_base has the rest */
            uint32_t lfb_size;      /* in 64 KiB units */
            uint8_t red_pos, red_size;
            uint8_t green_pos, green_size;
            uint8_t blue_pos, blue_size;
            uint8_t rsvd_pos, rsvd_size;
            uint32_t gbl_caps;
            uint16_t mode_attrs;
            uint16_t pad;
            uint32_t ext_lfb_base;
        } vesa_lfb;
    } u;
};
typedef struct dom0_vga_console_info dom0_vga_console_info_t;
#define xen_vga_console_info    dom0_vga_console_info
#define xen_vga_console_info_t  dom0_vga_console_info_t

#define XEN_VGATYPE_TEXT_MODE_3 0x03
#define XEN_VGATYPE_VESA_LFB    0x23
#define XEN_VGATYPE_EFI_LFB     0x70

_Static_assert(sizeof(struct mmu_update) == 16, "mmu_update");
_Static_assert(sizeof(struct mmuext_op) == 24, "mmuext_op");
_Static_assert(sizeof(struct multicall_entry) == 64, "multicall_entry");
_Static_assert(sizeof(struct vcpu_time_info) == 32, "vcpu_time_info");
_Static_assert(sizeof(struct vcpu_info) == 64, "vcpu_info");
_Static_assert(__builtin_offsetof(struct vcpu_info, arch) == 16, "vcpu_info.arch");
_Static_assert(__builtin_offsetof(struct vcpu_info, time) == 32, "vcpu_info.time");
_Static_assert(__builtin_offsetof(struct shared_info, evtchn_pending) == 2048,
               "shared_info.evtchn_pending");
_Static_assert(__builtin_offsetof(struct shared_info, evtchn_mask) == 2560,
               "shared_info.evtchn_mask");
_Static_assert(__builtin_offsetof(struct shared_info, wc_version) == 3072,
               "shared_info.wc_version");
_Static_assert(__builtin_offsetof(struct shared_info, arch) == 3088, "shared_info.arch");
_Static_assert(sizeof(struct xenctl_bitmap) == 16, "xenctl_bitmap");
_Static_assert(sizeof(struct shared_info) == 3136, "shared_info");
_Static_assert(__builtin_offsetof(struct shared_info, wc_sec_hi) == 3084,
               "shared_info.wc_sec_hi");
_Static_assert(__builtin_offsetof(struct vcpu_info, evtchn_pending_sel) == 8,
               "vcpu_info.evtchn_pending_sel");
_Static_assert(__builtin_offsetof(struct vcpu_time_info, tsc_to_system_mul) == 24,
               "vcpu_time_info.tsc_to_system_mul");
_Static_assert(__builtin_offsetof(struct vcpu_time_info, tsc_shift) == 28,
               "vcpu_time_info.tsc_shift");
_Static_assert(sizeof(struct xen_multiboot_mod_list) == 16, "xen_multiboot_mod_list");
_Static_assert(sizeof(struct dom0_vga_console_info) == 40, "dom0_vga_console_info");
_Static_assert(__builtin_offsetof(struct dom0_vga_console_info, u.vesa_lfb.lfb_base) == 12,
               "dom0_vga_console_info.lfb_base");
_Static_assert(__builtin_offsetof(struct dom0_vga_console_info, u.vesa_lfb.gbl_caps) == 28,
               "dom0_vga_console_info.gbl_caps");
_Static_assert(__builtin_offsetof(struct dom0_vga_console_info, u.vesa_lfb.ext_lfb_base) == 36,
               "dom0_vga_console_info.ext_lfb_base");
_Static_assert(sizeof(struct start_info) == 1168, "start_info");
_Static_assert(__builtin_offsetof(struct start_info, nr_pages) == 32, "start_info.nr_pages");
_Static_assert(__builtin_offsetof(struct start_info, shared_info) == 40,
               "start_info.shared_info");
_Static_assert(__builtin_offsetof(struct start_info, flags) == 48, "start_info.flags");
_Static_assert(__builtin_offsetof(struct start_info, store_mfn) == 56, "start_info.store_mfn");
_Static_assert(__builtin_offsetof(struct start_info, store_evtchn) == 64,
               "start_info.store_evtchn");
_Static_assert(__builtin_offsetof(struct start_info, console.domU.evtchn) == 80,
               "start_info.console.domU.evtchn");
_Static_assert(__builtin_offsetof(struct start_info, console.dom0.info_size) == 76,
               "start_info.console.dom0.info_size");
_Static_assert(__builtin_offsetof(struct start_info, console) == 72, "start_info.console");
_Static_assert(__builtin_offsetof(struct start_info, pt_base) == 88, "start_info.pt_base");
_Static_assert(__builtin_offsetof(struct start_info, nr_pt_frames) == 96,
               "start_info.nr_pt_frames");
_Static_assert(__builtin_offsetof(struct start_info, mfn_list) == 104, "start_info.mfn_list");
_Static_assert(__builtin_offsetof(struct start_info, mod_start) == 112,
               "start_info.mod_start");
_Static_assert(__builtin_offsetof(struct start_info, mod_len) == 120, "start_info.mod_len");
_Static_assert(__builtin_offsetof(struct start_info, cmd_line) == 128,
               "start_info.cmd_line");
_Static_assert(__builtin_offsetof(struct start_info, first_p2m_pfn) == 1152,
               "start_info.first_p2m_pfn");
_Static_assert(__builtin_offsetof(struct start_info, nr_p2m_frames) == 1160,
               "start_info.nr_p2m_frames");

#endif /* __ASSEMBLY__ */

#endif /* __XEN_PUBLIC_XEN_H__ */
