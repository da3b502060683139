/*
 * domctl: the toolstack's per-domain control operations, in Xen 4.17's
 * numbering and layout (interface version 0x15) so that Xen's own tools
 * and Argon's can drive the same hypervisor.  Only the control domain may
 * issue them.  The hypervisor checks interface_version before it looks at
 * cmd and refuses a mismatch with -EACCES.
 *
 * Every payload is a member of xen_domctl.u, which is padded to 128 bytes;
 * anything larger travels through a guest handle.
 */
#ifndef __XEN_PUBLIC_DOMCTL_H__
#define __XEN_PUBLIC_DOMCTL_H__

#include "xen.h"
#include "event_channel.h"
#include "grant_table.h"
#include "memory.h"

#define XEN_DOMCTL_INTERFACE_VERSION    0x00000015

#define XEN_DOMCTL_createdomain                 1
#define XEN_DOMCTL_destroydomain                2
#define XEN_DOMCTL_pausedomain                  3
#define XEN_DOMCTL_unpausedomain                4
#define XEN_DOMCTL_getdomaininfo                5
#define XEN_DOMCTL_setvcpuaffinity              9
#define XEN_DOMCTL_shadow_op                    10
#define XEN_DOMCTL_max_mem                      11
#define XEN_DOMCTL_setvcpucontext               12
#define XEN_DOMCTL_getvcpucontext               13
#define XEN_DOMCTL_getvcpuinfo                  14
#define XEN_DOMCTL_max_vcpus                    15
#define XEN_DOMCTL_scheduler_op                 16
#define XEN_DOMCTL_setdomainhandle              17
#define XEN_DOMCTL_setdebugging                 18
#define XEN_DOMCTL_irq_permission               19
#define XEN_DOMCTL_iomem_permission             20
#define XEN_DOMCTL_ioport_permission            21
#define XEN_DOMCTL_hypercall_init               22
#define XEN_DOMCTL_settimeoffset                24
#define XEN_DOMCTL_getvcpuaffinity              25
#define XEN_DOMCTL_real_mode_area               26
#define XEN_DOMCTL_resumedomain                 27
#define XEN_DOMCTL_sendtrigger                  28
#define XEN_DOMCTL_subscribe                    29
#define XEN_DOMCTL_gethvmcontext                33
#define XEN_DOMCTL_sethvmcontext                34
#define XEN_DOMCTL_set_address_size             35
#define XEN_DOMCTL_get_address_size             36
#define XEN_DOMCTL_assign_device                37
#define XEN_DOMCTL_bind_pt_irq                  38
#define XEN_DOMCTL_memory_mapping               39
#define XEN_DOMCTL_ioport_mapping               40
#define XEN_DOMCTL_set_ext_vcpucontext          42
#define XEN_DOMCTL_get_ext_vcpucontext          43
#define XEN_DOMCTL_set_opt_feature              44
#define XEN_DOMCTL_test_assign_device           45
#define XEN_DOMCTL_set_target                   46
#define XEN_DOMCTL_deassign_device              47
#define XEN_DOMCTL_unbind_pt_irq                48
#define XEN_DOMCTL_get_device_group             50
#define XEN_DOMCTL_debug_op                     54
#define XEN_DOMCTL_gethvmcontext_partial        55
#define XEN_DOMCTL_vm_event_op                  56
#define XEN_DOMCTL_mem_sharing_op               57
#define XEN_DOMCTL_gettscinfo                   59
#define XEN_DOMCTL_settscinfo                   60
#define XEN_DOMCTL_getpageframeinfo3            61
#define XEN_DOMCTL_setvcpuextstate              62
#define XEN_DOMCTL_getvcpuextstate              63
#define XEN_DOMCTL_set_access_required          64
#define XEN_DOMCTL_audit_p2m                    65
#define XEN_DOMCTL_set_virq_handler             66
#define XEN_DOMCTL_set_broken_page_p2m          67
#define XEN_DOMCTL_setnodeaffinity              68
#define XEN_DOMCTL_getnodeaffinity              69
#define XEN_DOMCTL_cacheflush                   71
#define XEN_DOMCTL_get_vcpu_msrs                72
#define XEN_DOMCTL_set_vcpu_msrs                73
#define XEN_DOMCTL_setvnumainfo                 74
#define XEN_DOMCTL_psr_cmt_op                   75
#define XEN_DOMCTL_monitor_op                   77
#define XEN_DOMCTL_psr_alloc                    78
#define XEN_DOMCTL_soft_reset                   79
#define XEN_DOMCTL_vuart_op                     81
#define XEN_DOMCTL_get_cpu_policy               82
#define XEN_DOMCTL_set_cpu_policy               83
#define XEN_DOMCTL_vmtrace_op                   84
#define XEN_DOMCTL_get_paging_mempool_size      85
#define XEN_DOMCTL_set_paging_mempool_size      86
#define XEN_DOMCTL_gdbsx_guestmemio             1000
#define XEN_DOMCTL_gdbsx_pausevcpu              1001
#define XEN_DOMCTL_gdbsx_unpausevcpu            1002
#define XEN_DOMCTL_gdbsx_domstatus              1003

/* createdomain flags. */
#define _XEN_DOMCTL_CDF_hvm             0
#define XEN_DOMCTL_CDF_hvm              (1U << _XEN_DOMCTL_CDF_hvm)
#define _XEN_DOMCTL_CDF_hap             1
#define XEN_DOMCTL_CDF_hap              (1U << _XEN_DOMCTL_CDF_hap)
#define _XEN_DOMCTL_CDF_s3_integrity    2
#define XEN_DOMCTL_CDF_s3_integrity     (1U << _XEN_DOMCTL_CDF_s3_integrity)
#define _XEN_DOMCTL_CDF_oos_off         3
#define XEN_DOMCTL_CDF_oos_off          (1U << _XEN_DOMCTL_CDF_oos_off)
#define _XEN_DOMCTL_CDF_xs_domain       4
#define XEN_DOMCTL_CDF_xs_domain        (1U << _XEN_DOMCTL_CDF_xs_domain)
#define _XEN_DOMCTL_CDF_iommu           5   /* the domain may get devices */
#define XEN_DOMCTL_CDF_iommu            (1U << _XEN_DOMCTL_CDF_iommu)
#define _XEN_DOMCTL_CDF_nested_virt     6
#define XEN_DOMCTL_CDF_nested_virt      (1U << _XEN_DOMCTL_CDF_nested_virt)
#define XEN_DOMCTL_CDF_vpmu             (1U << 7)
#define XEN_DOMCTL_CDF_MAX              XEN_DOMCTL_CDF_vpmu

#define _XEN_DOMCTL_IOMMU_no_sharept    0
#define XEN_DOMCTL_IOMMU_no_sharept     (1U << _XEN_DOMCTL_IOMMU_no_sharept)
#define XEN_DOMCTL_IOMMU_MAX            XEN_DOMCTL_IOMMU_no_sharept

#define XEN_DOMCTL_GRANT_version_mask   0xf
#define XEN_DOMCTL_GRANT_version(v)     ((v) & XEN_DOMCTL_GRANT_version_mask)

/* getdomaininfo flags; the shutdown reason sits in bits 16-23. */
#define _XEN_DOMINF_dying               0
#define XEN_DOMINF_dying                (1U << _XEN_DOMINF_dying)
#define _XEN_DOMINF_hvm_guest           1
#define XEN_DOMINF_hvm_guest            (1U << _XEN_DOMINF_hvm_guest)
#define _XEN_DOMINF_shutdown            2
#define XEN_DOMINF_shutdown             (1U << _XEN_DOMINF_shutdown)
#define _XEN_DOMINF_paused              3
#define XEN_DOMINF_paused               (1U << _XEN_DOMINF_paused)
#define _XEN_DOMINF_blocked             4
#define XEN_DOMINF_blocked              (1U << _XEN_DOMINF_blocked)
#define _XEN_DOMINF_running             5
#define XEN_DOMINF_running              (1U << _XEN_DOMINF_running)
#define _XEN_DOMINF_debugged            6
#define XEN_DOMINF_debugged             (1U << _XEN_DOMINF_debugged)
#define _XEN_DOMINF_xs_domain           7
#define XEN_DOMINF_xs_domain            (1U << _XEN_DOMINF_xs_domain)
#define _XEN_DOMINF_hap                 8
#define XEN_DOMINF_hap                  (1U << _XEN_DOMINF_hap)
#define XEN_DOMINF_shutdownmask         255
#define XEN_DOMINF_shutdownshift        16

#define XEN_INVALID_MAX_VCPU_ID         (~0U)   /* no vCPUs yet */

/* vcpuaffinity flags. */
#define _XEN_VCPUAFFINITY_HARD          0
#define XEN_VCPUAFFINITY_HARD           (1U << _XEN_VCPUAFFINITY_HARD)
#define _XEN_VCPUAFFINITY_SOFT          1
#define XEN_VCPUAFFINITY_SOFT           (1U << _XEN_VCPUAFFINITY_SOFT)
#define _XEN_VCPUAFFINITY_FORCE         2
#define XEN_VCPUAFFINITY_FORCE          (1U << _XEN_VCPUAFFINITY_FORCE)

/* Scheduler ids (also sysctl sched_id). */
#define XEN_SCHEDULER_CREDIT            5
#define XEN_SCHEDULER_CREDIT2           6
#define XEN_SCHEDULER_ARINC653          7
#define XEN_SCHEDULER_RTDS              8
#define XEN_SCHEDULER_NULL              9

#define XEN_DOMCTL_SCHEDOP_putinfo      0
#define XEN_DOMCTL_SCHEDOP_getinfo      1
#define XEN_DOMCTL_SCHEDOP_putvcpuinfo  2
#define XEN_DOMCTL_SCHEDOP_getvcpuinfo  3

/* assign_device: device kinds and flags. */
#define XEN_DOMCTL_DEV_PCI              0
#define XEN_DOMCTL_DEV_DT               1
#define XEN_DOMCTL_DEV_RDM_RELAXED      1

#define XEN_DOMCTL_SENDTRIGGER_NMI      0
#define XEN_DOMCTL_SENDTRIGGER_RESET    1
#define XEN_DOMCTL_SENDTRIGGER_INIT     2
#define XEN_DOMCTL_SENDTRIGGER_POWER    3
#define XEN_DOMCTL_SENDTRIGGER_SLEEP    4

/* memory_mapping add_mapping. */
#define DPCI_ADD_MAPPING                1
#define DPCI_REMOVE_MAPPING             0

#define XEN_CPUID_INPUT_UNUSED          0xFFFFFFFF

#ifndef __ASSEMBLY__
/* PCI devices are named by one 32-bit SBDF: seg << 16 | bus << 8 | devfn. */
#define XEN_DOMCTL_SBDF(seg, bus, devfn) \
    (((uint32_t)(seg) << 16) | ((uint32_t)(bus) << 8) | (uint32_t)(devfn))

/* The domain is named by xen_domctl.domain; DOMID_INVALID asks for any. */
struct xen_domctl_createdomain {
    uint32_t ssidref;
    xen_domain_handle_t handle;
    uint32_t flags;             /* XEN_DOMCTL_CDF_* */
    uint32_t iommu_opts;        /* XEN_DOMCTL_IOMMU_* */
    uint32_t max_vcpus;
    uint32_t max_evtchn_port;
    int32_t max_grant_frames;   /* -1: the hypervisor's default */
    int32_t max_maptrack_frames;
    uint32_t grant_opts;        /* XEN_DOMCTL_GRANT_version() */
    uint32_t vmtrace_size;
    uint32_t cpupool_id;
    struct xen_arch_domainconfig arch;
};
typedef struct xen_domctl_createdomain xen_domctl_createdomain_t;

/* One domain's record; getdomaininfolist returns arrays of these. */
struct xen_domctl_getdomaininfo {
    domid_t domain;
    uint16_t pad1;
    uint32_t flags;             /* XEN_DOMINF_* */
    uint64_t tot_pages;
    uint64_t max_pages;
    uint64_t outstanding_pages;
    uint64_t shr_pages;
    uint64_t paged_pages;
    uint64_t shared_info_frame; /* MFN of the shared_info page */
    uint64_t cpu_time;          /* ns, all vCPUs */
    uint32_t nr_online_vcpus;
    uint32_t max_vcpu_id;
    uint32_t ssidref;
    xen_domain_handle_t handle;
    uint32_t cpupool;
    uint8_t gpaddr_bits;
    uint8_t pad2[7];
    struct xen_arch_domainconfig arch_config;
};
typedef struct xen_domctl_getdomaininfo xen_domctl_getdomaininfo_t;

/* getpageframeinfo3: each frame number is replaced by its type in the top bits. */
#define XEN_DOMCTL_PFINFO_LTAB_SHIFT    28
#define XEN_DOMCTL_PFINFO_NOTAB         (0x0U << 28)
#define XEN_DOMCTL_PFINFO_L1TAB         (0x1U << 28)
#define XEN_DOMCTL_PFINFO_L2TAB         (0x2U << 28)
#define XEN_DOMCTL_PFINFO_L3TAB         (0x3U << 28)
#define XEN_DOMCTL_PFINFO_L4TAB         (0x4U << 28)
#define XEN_DOMCTL_PFINFO_LTABTYPE_MASK (0x7U << 28)
#define XEN_DOMCTL_PFINFO_LPINTAB       (0x1U << 31)
#define XEN_DOMCTL_PFINFO_XTAB          (0xfU << 28)    /* not the domain's */
#define XEN_DOMCTL_PFINFO_XALLOC        (0xeU << 28)
#define XEN_DOMCTL_PFINFO_BROKEN        (0xdU << 28)
#define XEN_DOMCTL_PFINFO_LTAB_MASK     (0xfU << 28)

struct xen_domctl_getpageframeinfo3 {
    uint64_t num;
    XEN_GUEST_HANDLE_64(xen_pfn_t) array;
};

struct xen_domctl_shadow_op_stats {
    uint32_t fault_count;
    uint32_t dirty_count;
};

struct xen_domctl_shadow_op {
    uint32_t op;
    uint32_t mode;
    uint32_t mb;
    XEN_GUEST_HANDLE_64(uint8) dirty_bitmap;
    uint64_t pages;
    struct xen_domctl_shadow_op_stats stats;
};

struct xen_domctl_max_mem {
    uint64_t max_memkb;
};

/* setvcpucontext and getvcpucontext. */
struct xen_domctl_vcpucontext {
    uint32_t vcpu;
    XEN_GUEST_HANDLE_64(vcpu_guest_context_t) ctxt;
};

struct xen_domctl_getvcpuinfo {
    uint32_t vcpu;              /* in */
    uint8_t online;
    uint8_t blocked;
    uint8_t running;
    uint64_t cpu_time;          /* ns */
    uint32_t cpu;               /* the physical CPU it is on */
};

struct xen_domctl_nodeaffinity {
    struct xenctl_bitmap nodemap;
};

struct xen_domctl_vcpuaffinity {
    uint32_t vcpu;
    uint32_t flags;             /* XEN_VCPUAFFINITY_* */
    struct xenctl_bitmap cpumap_hard;
    struct xenctl_bitmap cpumap_soft;
};

struct xen_domctl_max_vcpus {
    uint32_t max;
};

struct xen_domctl_sched_credit {
    uint16_t weight;
    uint16_t cap;
};

struct xen_domctl_sched_credit2 {
    uint16_t weight;
    uint16_t cap;
};

struct xen_domctl_sched_rtds {
    uint32_t period;
    uint32_t budget;
    uint32_t flags;
};

struct xen_domctl_schedparam_vcpu {
    union {
        struct xen_domctl_sched_credit credit;
        struct xen_domctl_sched_credit2 credit2;
        struct xen_domctl_sched_rtds rtds;
    } u;
    uint32_t vcpuid;
};
typedef struct xen_domctl_schedparam_vcpu xen_domctl_schedparam_vcpu_t;

struct xen_domctl_scheduler_op {
    uint32_t sched_id;          /* XEN_SCHEDULER_* */
    uint32_t cmd;               /* XEN_DOMCTL_SCHEDOP_* */
    union {
        struct xen_domctl_sched_credit credit;
        struct xen_domctl_sched_credit2 credit2;
        struct xen_domctl_sched_rtds rtds;
        struct {
            XEN_GUEST_HANDLE_64(xen_domctl_schedparam_vcpu_t) vcpus;
            uint32_t nr_vcpus;
            uint32_t padding;
        } v;
    } u;
};

struct xen_domctl_setdomainhandle {
    xen_domain_handle_t handle;
};

struct xen_domctl_setdebugging {
    uint8_t enable;
};

struct xen_domctl_irq_permission {
    uint32_t pirq;
    uint8_t allow_access;
    uint8_t pad[3];
};

struct xen_domctl_iomem_permission {
    uint64_t first_mfn;
    uint64_t nr_mfns;
    uint8_t allow_access;
};

struct xen_domctl_ioport_permission {
    uint32_t first_port;
    uint32_t nr_ports;
    uint8_t allow_access;
};

struct xen_domctl_hypercall_init {
    uint64_t gmfn;              /* the frame to fill with hypercall stubs */
};

struct xen_domctl_settimeoffset {
    int64_t time_offset_seconds;
};

struct xen_domctl_address_size {
    uint32_t size;
};

struct xen_domctl_sendtrigger {
    uint32_t trigger;           /* XEN_DOMCTL_SENDTRIGGER_* */
    uint32_t vcpu;
};

/* assign_device, test_assign_device, deassign_device. */
struct xen_domctl_assign_device {
    uint32_t dev;               /* XEN_DOMCTL_DEV_* */
    uint32_t flags;             /* XEN_DOMCTL_DEV_RDM_RELAXED */
    union {
        struct {
            uint32_t machine_sbdf;
        } pci;
        struct {
            uint32_t size;
            XEN_GUEST_HANDLE_64(char) path;
        } dt;
    } u;
};

struct xen_domctl_get_device_group {
    uint32_t machine_sbdf;
    uint32_t max_sdevs;
    uint32_t num_sdevs;         /* out */
    XEN_GUEST_HANDLE_64(uint32) sdev_array;
};

struct xen_domctl_memory_mapping {
    uint64_t first_gfn;
    uint64_t first_mfn;
    uint64_t nr_mfns;
    uint32_t add_mapping;       /* DPCI_* */
    uint32_t padding;
};

struct xen_domctl_ioport_mapping {
    uint32_t first_gport;
    uint32_t first_mport;
    uint32_t nr_ports;
    uint32_t add_mapping;
};

struct xen_domctl_set_target {
    domid_t target;
};

struct xen_domctl_subscribe {
    uint32_t port;
};

struct xen_domctl_set_virq_handler {
    uint32_t virq;
};

struct xen_domctl_cpu_policy {
    uint32_t nr_leaves;
    uint32_t nr_msrs;
    XEN_GUEST_HANDLE_64(xen_cpuid_leaf_t) leaves;
    XEN_GUEST_HANDLE_64(xen_msr_entry_t) msrs;
    uint32_t err_leaf, err_subleaf, err_msr;
};

struct xen_domctl_tsc_info {
    uint32_t tsc_mode;
    uint32_t gtsc_khz;
    uint32_t incarnation;
    uint32_t pad;
    uint64_t elapsed_nsec;
};

struct xen_domctl_paging_mempool {
    uint64_t size;              /* bytes */
};

struct xen_domctl {
    uint32_t cmd;               /* XEN_DOMCTL_* */
    uint32_t interface_version; /* XEN_DOMCTL_INTERFACE_VERSION */
    domid_t domain;
    uint16_t _pad[3];
    union {
        struct xen_domctl_createdomain createdomain;
        struct xen_domctl_getdomaininfo getdomaininfo;
        struct xen_domctl_getpageframeinfo3 getpageframeinfo3;
        struct xen_domctl_nodeaffinity nodeaffinity;
        struct xen_domctl_vcpuaffinity vcpuaffinity;
        struct xen_domctl_shadow_op shadow_op;
        struct xen_domctl_max_mem max_mem;
        struct xen_domctl_vcpucontext vcpucontext;
        struct xen_domctl_getvcpuinfo getvcpuinfo;
        struct xen_domctl_max_vcpus max_vcpus;
        struct xen_domctl_scheduler_op scheduler_op;
        struct xen_domctl_setdomainhandle setdomainhandle;
        struct xen_domctl_setdebugging setdebugging;
        struct xen_domctl_irq_permission irq_permission;
        struct xen_domctl_iomem_permission iomem_permission;
        struct xen_domctl_ioport_permission ioport_permission;
        struct xen_domctl_hypercall_init hypercall_init;
        struct xen_domctl_settimeoffset settimeoffset;
        struct xen_domctl_tsc_info tsc_info;
        struct xen_domctl_address_size address_size;
        struct xen_domctl_sendtrigger sendtrigger;
        struct xen_domctl_get_device_group get_device_group;
        struct xen_domctl_assign_device assign_device;
        struct xen_domctl_memory_mapping memory_mapping;
        struct xen_domctl_ioport_mapping ioport_mapping;
        struct xen_domctl_set_target set_target;
        struct xen_domctl_subscribe subscribe;
        struct xen_domctl_set_virq_handler set_virq_handler;
        struct xen_domctl_cpu_policy cpu_policy;
        struct xen_domctl_paging_mempool paging_mempool;
        uint8_t pad[128];
    } u;
};
typedef struct xen_domctl xen_domctl_t;

_Static_assert(sizeof(struct xen_domctl_createdomain) == 64, "xen_domctl_createdomain");
_Static_assert(__builtin_offsetof(struct xen_domctl_createdomain, flags) == 20,
               "xen_domctl_createdomain.flags");
_Static_assert(__builtin_offsetof(struct xen_domctl_createdomain, max_vcpus) == 28,
               "xen_domctl_createdomain.max_vcpus");
_Static_assert(__builtin_offsetof(struct xen_domctl_createdomain, grant_opts) == 44,
               "xen_domctl_createdomain.grant_opts");
_Static_assert(__builtin_offsetof(struct xen_domctl_createdomain, cpupool_id) == 52,
               "xen_domctl_createdomain.cpupool_id");
_Static_assert(__builtin_offsetof(struct xen_domctl_createdomain, arch) == 56,
               "xen_domctl_createdomain.arch");
_Static_assert(sizeof(struct xen_domctl_getdomaininfo) == 112, "xen_domctl_getdomaininfo");
_Static_assert(__builtin_offsetof(struct xen_domctl_getdomaininfo, flags) == 4,
               "xen_domctl_getdomaininfo.flags");
_Static_assert(__builtin_offsetof(struct xen_domctl_getdomaininfo, tot_pages) == 8,
               "xen_domctl_getdomaininfo.tot_pages");
_Static_assert(__builtin_offsetof(struct xen_domctl_getdomaininfo, shared_info_frame) == 48,
               "xen_domctl_getdomaininfo.shared_info_frame");
_Static_assert(__builtin_offsetof(struct xen_domctl_getdomaininfo, cpu_time) == 56,
               "xen_domctl_getdomaininfo.cpu_time");
_Static_assert(__builtin_offsetof(struct xen_domctl_getdomaininfo, nr_online_vcpus) == 64,
               "xen_domctl_getdomaininfo.nr_online_vcpus");
_Static_assert(__builtin_offsetof(struct xen_domctl_getdomaininfo, handle) == 76,
               "xen_domctl_getdomaininfo.handle");
_Static_assert(__builtin_offsetof(struct xen_domctl_getdomaininfo, cpupool) == 92,
               "xen_domctl_getdomaininfo.cpupool");
_Static_assert(__builtin_offsetof(struct xen_domctl_getdomaininfo, gpaddr_bits) == 96,
               "xen_domctl_getdomaininfo.gpaddr_bits");
_Static_assert(__builtin_offsetof(struct xen_domctl_getdomaininfo, arch_config) == 104,
               "xen_domctl_getdomaininfo.arch_config");
_Static_assert(sizeof(struct xen_domctl_max_mem) == 8, "xen_domctl_max_mem");
_Static_assert(sizeof(struct xen_domctl_vcpucontext) == 16, "xen_domctl_vcpucontext");
_Static_assert(sizeof(struct xen_domctl_getvcpuinfo) == 24, "xen_domctl_getvcpuinfo");
_Static_assert(__builtin_offsetof(struct xen_domctl_getvcpuinfo, cpu_time) == 8,
               "xen_domctl_getvcpuinfo.cpu_time");
_Static_assert(__builtin_offsetof(struct xen_domctl_getvcpuinfo, cpu) == 16,
               "xen_domctl_getvcpuinfo.cpu");
_Static_assert(sizeof(struct xen_domctl_vcpuaffinity) == 40, "xen_domctl_vcpuaffinity");
_Static_assert(sizeof(struct xen_domctl_max_vcpus) == 4, "xen_domctl_max_vcpus");
_Static_assert(sizeof(struct xen_domctl_scheduler_op) == 24, "xen_domctl_scheduler_op");
_Static_assert(sizeof(struct xen_domctl_setdomainhandle) == 16, "xen_domctl_setdomainhandle");
_Static_assert(sizeof(struct xen_domctl_irq_permission) == 8, "xen_domctl_irq_permission");
_Static_assert(sizeof(struct xen_domctl_iomem_permission) == 24,
               "xen_domctl_iomem_permission");
_Static_assert(sizeof(struct xen_domctl_ioport_permission) == 12,
               "xen_domctl_ioport_permission");
_Static_assert(sizeof(struct xen_domctl_settimeoffset) == 8, "xen_domctl_settimeoffset");
_Static_assert(sizeof(struct xen_domctl_assign_device) == 24, "xen_domctl_assign_device");
_Static_assert(__builtin_offsetof(struct xen_domctl_assign_device, u.pci.machine_sbdf) == 8,
               "xen_domctl_assign_device.machine_sbdf");
_Static_assert(sizeof(struct xen_domctl_get_device_group) == 24,
               "xen_domctl_get_device_group");
_Static_assert(sizeof(struct xen_domctl_memory_mapping) == 32, "xen_domctl_memory_mapping");
_Static_assert(sizeof(struct xen_domctl_cpu_policy) == 40, "xen_domctl_cpu_policy");
_Static_assert(sizeof(struct xen_domctl_getpageframeinfo3) == 16,
               "xen_domctl_getpageframeinfo3");
_Static_assert(sizeof(struct xen_domctl_hypercall_init) == 8, "xen_domctl_hypercall_init");
_Static_assert(sizeof(struct xen_domctl_address_size) == 4, "xen_domctl_address_size");
_Static_assert(sizeof(struct xen_domctl) == 144, "xen_domctl");
_Static_assert(__builtin_offsetof(struct xen_domctl, interface_version) == 4,
               "xen_domctl.interface_version");
_Static_assert(__builtin_offsetof(struct xen_domctl, domain) == 8, "xen_domctl.domain");
_Static_assert(__builtin_offsetof(struct xen_domctl, u) == 16, "xen_domctl.u");
#endif

#endif /* __XEN_PUBLIC_DOMCTL_H__ */
