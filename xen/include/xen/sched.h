/*
 * Domains and virtual CPUs.
 *
 * Rules:
 *  - A domain is created by domain_create() and lives on the domain list
 *    (guarded by domlist_lock) until it is destroyed.  Its pages are on
 *    d->page_list (guarded by d->page_lock); tot_pages counts them.
 *  - A vCPU belongs to one domain and, while it runs, to one physical CPU
 *    (that CPU's cpu_info->current).  Its register state is saved in
 *    v->regs whenever it is not running.
 *  - Shutdown is one-way: is_shutting_down is set once, with the reason.
 */
#ifndef XEN_SCHED_H
#define XEN_SCHED_H

#include <asm/regs.h>
#include <public/xen.h>
#include <xen/iommu.h>
#include <xen/spinlock.h>
#include <xen/timer.h>
#include <xen/types.h>

#define MAX_VIRT_CPUS       XEN_LEGACY_MAX_VCPUS
#define NR_EVTCHN_PORTS     4096        /* 2-level ABI with 64-bit words */

struct domain;
struct page_info;

/* What a PV vCPU asked for through set_trap_table, callbacks and friends. */
struct pv_vcpu {
    struct trap_info traps[256];
    uint64_t kernel_ss, kernel_sp;      /* stack_switch */
    uint64_t event_callback, failsafe_callback, syscall_callback;
    uint64_t guest_cr3_kernel;          /* machine address of the kernel L4 */
    uint64_t guest_cr3_user;
    bool kernel_mode;                   /* running the guest kernel (not user) */
    uint64_t fs_base, gs_base_kernel, gs_base_user;
    bool virtual_ts;                    /* fpu_taskswitch / CR0.TS as the guest sees it */
    uint64_t vm_assist;                 /* VMASST_TYPE_* bits enabled */
    bool syscall_disables_events, failsafe_disables_events;
    uint64_t nmi_callback;
    unsigned int iopl;                  /* virtual IOPL (PHYSDEVOP_set_iopl) */
    uint64_t gdt_mfns[14];              /* set_gdt frames (each PGT_seg_desc_page) */
    unsigned int gdt_frames, gdt_ents;
    uint64_t ldt_mfns[16];              /* MMUEXT_SET_LDT frames (the same type) */
    unsigned int ldt_frames, ldt_ents;
};

struct vcpu {
    unsigned int vcpu_id;
    struct domain *domain;
    struct cpu_user_regs regs;          /* saved guest state */
    struct vcpu_info *vcpu_info;        /* shared info page, or where the guest put it */
    struct page_info *vcpu_info_page;   /* holds a writable reference, if registered */
    unsigned int processor;             /* the CPU it runs (or last ran) on */
    bool is_initialised;                /* has a context (vCPU 0 from the builder) */
    bool is_up;                         /* running, or ready to (VCPUOP_up) */
    struct pv_vcpu pv;
    struct timer singleshot_timer;      /* VCPUOP_set_singleshot_timer / set_timer_op */
    struct timer periodic_timer;
    struct timer poll_timer;            /* ends SCHEDOP_poll waits */
    s_time_t periodic_period;
    uint16_t virq_to_port[NR_VIRQS];    /* 0: not bound */
    volatile bool blocked;              /* in SCHEDOP_block */
    int runstate;                       /* RUNSTATE_* */
    s_time_t runstate_entry;
    uint64_t runstate_time[4];
    uint64_t runstate_guest_va;         /* where the guest wants it copied, or 0 */
    /* setvcpuaffinity's masks (bit n: CPU n), kept for the scheduler; all CPUs until set. */
    bool affinity_set;
    uint64_t hard_affinity, soft_affinity;
};

static inline uint64_t vcpu_hard_affinity(const struct vcpu *v)
{
    return v->affinity_set ? v->hard_affinity : ~0ULL;
}

static inline uint64_t vcpu_soft_affinity(const struct vcpu *v)
{
    return v->affinity_set ? v->soft_affinity : ~0ULL;
}

/* One event-channel port (2-level ABI). */
struct evtchn {
    uint8_t state;                      /* ECS_* */
    uint8_t virq;
    uint16_t notify_vcpu;
    domid_t remote_dom;                 /* unbound: who may bind; interdomain: the peer */
    uint16_t remote_port;               /* interdomain: the peer's port */
};

struct domain {
    domid_t domain_id;
    bool is_privileged;                 /* dom0: may use the control interfaces */
    bool is_shutting_down;
    unsigned int shutdown_reason;       /* SHUTDOWN_* */
    spinlock_t page_lock;
    struct page_info *page_list;        /* doubly linked through next/prev */
    spinlock_t mm_lock;                 /* serialises changes to its page tables */
    bool iommu_sync;                    /* own frames mirrored in the IOMMU (asm/pv-mm.h) */
    uint64_t tot_pages, max_pages;
    uint64_t *p2m;                      /* pfn -> mfn, hypervisor's copy */
    uint64_t nr_p2m;
    struct shared_info *shared_info;
    unsigned int max_vcpus;
    struct vcpu *vcpu[MAX_VIRT_CPUS];
    struct domain_iommu iommu;
    struct grant_table *grant_table;    /* xen/grant_table.h */
    uint32_t pci_cf8;                   /* PCI configuration address latch (port CF8) */
    struct evtchn *evtchn;              /* NR_EVTCHN_PORTS entries, under evtchn_lock */
    spinlock_t evtchn_lock;
    char console_line[256];             /* console_io output not yet printed */
    unsigned int console_len;
    struct domain *next_in_list;
    unsigned int running_vcpus;         /* up and not yet stopped by a shutdown */
    /* Toolstack-made domains (common/domctl.c). */
    bool controller_paused;             /* made by createdomain, not yet unpaused */
    xen_domain_handle_t handle;         /* the toolstack's UUID for it */
    unsigned int max_evtchn_port;       /* highest port alloc_port may hand out */
    int64_t time_offset_seconds;        /* settimeoffset: added to its wall clock */
    struct iocaps *iocaps;              /* granted MMIO, ports, IRQs (xen/iocaps.h), or NULL */
    bool devices_allowed;               /* created with XEN_DOMCTL_CDF_iommu */
};

/*
 * The domain's frames (common/domain-memory.c).  assign: d owns pg, with
 * the allocation reference, listed and counted.  release: d lets go of
 * it (false if d did not own it); the frame is freed with its last
 * reference.  A hypervisor page shared with a guest (shared_info) is
 * owned by it and counted like its own, but not listed.
 */
void domain_assign_page(struct domain *d, struct page_info *pg);
bool domain_release_page(struct domain *d, struct page_info *pg);
void share_xen_page_with_domain(struct domain *d, void *va);
void unshare_xen_page(void *va);

/* Create a domain with one vCPU whose timers run on 'cpu'; NULL on failure (reported). */
struct domain *domain_create(domid_t domid, bool privileged, unsigned int cpu);

/*
 * A domain for the toolstack (createdomain): unprivileged, vCPU 0 without
 * a context, nothing running until it is unpaused, and not one of the
 * domains whose end powers the machine off.  NULL on failure (reported).
 */
struct domain *domain_create_paused(domid_t domid);

/*
 * Tear a domain that runs nowhere down: off the list, its tables, grants
 * and channels released, every frame back to the heap once unreferenced.
 * Returns the number of frames freed at once.
 */
uint64_t domain_destroy(struct domain *d);

/*
 * vCPUs 1..nr-1 of a new domain, offline until VCPUOP_initialise and
 * VCPUOP_up.  Until the scheduler exists, vCPU i runs on CPU i alone.
 */
int domain_add_vcpus(struct domain *d, unsigned int nr);

/* Give the domain nr pages (owner set, counted); -ENOMEM if they are not there. */
int domain_alloc_pages(struct domain *d, uint64_t nr_pages);

struct domain *domain_by_id(domid_t domid);

/* Record a shutdown; the caller stops running the domain. */
void domain_shutdown(struct domain *d, unsigned int reason);

/* A guest did something that cannot be reported to it: stop it, say why. */
void __noreturn domain_crash(struct domain *d, const char *why);

/* Leave a domain that has shut down: for dom0 this stops the machine. */
void __noreturn domain_finished(struct domain *d);

/* Start running vCPU v on this CPU; never returns. */
void __noreturn vcpu_run(struct vcpu *v);

/* Whether a CPU runs no vCPU (one vCPU per CPU until the scheduler exists). */
bool cpu_is_idle(unsigned int cpu);
/* This CPU's vCPU has stopped for good. */
void vcpu_stopped_here(void);

struct vcpu *current_vcpu(void);

/* vCPU time and timers (common/vcpu-op.c). */
void vcpu_timers_init(struct vcpu *v, unsigned int cpu);
void update_vcpu_system_time(struct vcpu *v);

/* Enter a runstate (RUNSTATE_*), accounting the time spent in the last. */
void vcpu_runstate_change(struct vcpu *v, int state);

extern struct domain *hardware_domain;

#endif /* XEN_SCHED_H */
