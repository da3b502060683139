/*
 * Domains and virtual CPUs.
 *
 * Rules:
 *  - A domain is created by domain_create() and lives on the domain list
 *    (guarded by domlist_lock) until it is destroyed.  Its pages are on
 *    d->page_list (guarded by d->page_lock); tot_pages counts them.
 *  - A vCPU belongs to one domain and, while it runs, to one physical CPU
 *    (that CPU's cpu_info->current).  Its state (registers, segments,
 *    FPU) is in struct vcpu whenever is_running is false.
 *  - Scheduling (common/schedule.c, policy in xen/sched-credit.h): each CPU
 *    has a run queue guarded by that CPU's scheduler lock.  A vCPU is at
 *    any time either running on v->processor, queued on v->processor's
 *    queue, or neither (blocked, paused, offline); which one, and
 *    v->processor itself, change only under the lock of the CPU that
 *    v->processor names, and v->processor changes only while the vCPU is
 *    neither running nor queued.  Switching happens only on the way out
 *    to a guest, where the hypervisor holds no lock.
 *  - A vCPU may run when it is up, not blocked, not parked by its domain's
 *    cap (xen/sched-credit.h), and both its own and its domain's pause
 *    counts are zero.  Pause counts nest: each pause is undone by one
 *    unpause, and the vCPU runs again when all are.  The controller's
 *    pauses (pausedomain) are counted apart, each holding one domain pause.
 *  - Shutdown is one-way: is_shutting_down is set once, with the reason.
 */
#ifndef XEN_SCHED_H
#define XEN_SCHED_H

#include <asm/regs.h>
#include <public/xen.h>
#include <xen/iommu.h>
#include <xen/sched-credit.h>
#include <xen/spinlock.h>
#include <xen/timer.h>
#include <xen/types.h>

#define MAX_VIRT_CPUS       XEN_LEGACY_MAX_VCPUS
#define NR_EVTCHN_PORTS     4096        /* 2-level ABI with 64-bit words */
#define MAX_POLL_PORTS      128         /* SCHEDOP_poll's limit */

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
    unsigned int processor;             /* the CPU it runs, is queued on, or last ran on */
    bool is_initialised;                /* has a context (vCPU 0 from the builder) */
    bool is_up;                         /* running, or ready to (VCPUOP_up) */
    struct pv_vcpu pv;
    struct timer singleshot_timer;      /* VCPUOP_set_singleshot_timer / set_timer_op */
    struct timer periodic_timer;
    struct timer poll_timer;            /* ends SCHEDOP_poll waits */
    s_time_t periodic_period;
    uint16_t virq_to_port[NR_VIRQS];    /* 0: not bound */
    volatile bool blocked;              /* in SCHEDOP_block or SCHEDOP_poll */
    bool is_running;                    /* on a CPU: its state is in that CPU */
    bool yielding;                      /* SCHEDOP_yield: behind the others next time */
    unsigned int pause_count;           /* vcpu_pause()s not yet undone */
    struct sched_unit sched;            /* the policy's view: queue links, credit */
    s_time_t sched_start;               /* when it last got its CPU */
    uint32_t poll_ports[MAX_POLL_PORTS]; /* SCHEDOP_poll: the ports it waits for */
    unsigned int poll_nr;               /* how many (0: not polling) */
    uint16_t selectors[4];              /* DS, ES, FS, GS while not running */
    uint8_t fpu[512] __attribute__((aligned(16)));  /* FXSAVE image while not running */
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
    uint16_t pirq;                      /* pirq: the domain's pirq (asm/pirq.h) */
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
    unsigned int exceptions_logged;     /* log-guest-exceptions= (pv/traps.c) */
    unsigned int pause_count;           /* domain_pause()s not yet undone (1 at creation) */
    unsigned int sched_weight;          /* its share of the CPUs against others' */
    unsigned int sched_cap;             /* percent of one CPU it may use at most, 0: no cap */
    bool is_boot_domain;                /* built at boot: the machine runs while one lives */
    bool is_finished;                   /* a boot domain whose last vCPU has stopped */
    /* Toolstack-made domains (common/domctl.c). */
    unsigned int controller_pause_count; /* pausedomain()s held (common/domctl-sched.c) */
    xen_domain_handle_t handle;         /* the toolstack's UUID for it */
    unsigned int max_evtchn_port;       /* highest port alloc_port may hand out */
    int64_t time_offset_seconds;        /* settimeoffset: added to its wall clock */
    struct iocaps *iocaps;              /* granted MMIO, ports, IRQs (xen/iocaps.h), or NULL */
    bool devices_allowed;               /* created with XEN_DOMCTL_CDF_iommu */
    struct domain_pirq *pirqs;          /* physical interrupts (asm/pirq.h), or NULL */
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

/*
 * A boot domain with one vCPU, up once the boot builder gives it its
 * context.  It is created paused: nothing of it runs until
 * domain_unpause().  NULL on failure (reported).
 */
struct domain *domain_create(domid_t domid, bool privileged);

/*
 * A domain for the toolstack (createdomain): unprivileged, vCPU 0 without
 * a context, nothing running until it is unpaused, and not one of the
 * domains whose end powers the machine off: once shut down it stays until
 * destroyed.  NULL on failure (reported).
 */
struct domain *domain_create_paused(domid_t domid);

/* vCPUs 1..nr-1 of a new domain, offline until VCPUOP_initialise and VCPUOP_up. */
int domain_add_vcpus(struct domain *d, unsigned int nr);

/* Give the domain nr pages (owner set, counted); -ENOMEM if they are not there. */
int domain_alloc_pages(struct domain *d, uint64_t nr_pages);

struct domain *domain_by_id(domid_t domid);

/* Call fn for every domain, under the domain list's lock (fn must not take it). */
void domain_for_each(void (*fn)(struct domain *d, void *arg), void *arg);

/* Record a shutdown; the caller stops running the domain. */
void domain_shutdown(struct domain *d, unsigned int reason);

/* A guest did something that cannot be reported to it: stop it, say why. */
void __noreturn domain_crash(struct domain *d, const char *why);

/*
 * The running vCPU of a domain that has shut down stops for good; the
 * last one to stop ends the domain (dom0's end powers the machine off).
 * The CPU goes back to its run queue.
 */
void __noreturn domain_finished(struct domain *d);

/*
 * Free everything of a domain none of whose vCPUs runs or is queued
 * (paused with domain_pause, or finished): its memory, ports, grants and
 * bookkeeping.  Not for the hardware domain.  Returns the frames that
 * went back to the heap.
 */
uint64_t domain_destroy(struct domain *d);

/*
 * Stop a toolstack-created domain's vCPUs for good, wherever they are
 * (destroydomain of a live domain, as xl destroy asks): paused off their
 * CPUs, then out of the scheduler.  When it returns nothing of d runs and
 * domain_destroy() may free it.  Not for boot domains or the caller's own.
 */
void domain_stop_vcpus(struct domain *d);

/*
 * Pausing.  domain_pause(d): once it returns none of d's vCPUs runs on
 * any CPU or will, until a matching domain_unpause(d).  Not for the
 * caller's own domain (it would wait for itself).  vcpu_pause/unpause do
 * the same for one vCPU (not the caller).  Counts nest.
 */
void domain_pause(struct domain *d);
void domain_unpause(struct domain *d);
void vcpu_pause(struct vcpu *v);
void vcpu_unpause(struct vcpu *v);

/* A vCPU with a context comes up (VCPUOP_up, or setvcpucontext with VGCF_online). */
void vcpu_bring_up(struct vcpu *v);

/* The scheduler (common/schedule.c). */
void sched_init(void);
/* A new vCPU's scheduling state: any CPU, default credit, offline. */
void sched_vcpu_init(struct vcpu *v);
/* Bring a vCPU that may now run (up, unpaused) to a CPU's queue. */
void vcpu_wake(struct vcpu *v);
/* The same for a blocked vCPU an event or a timer wakes (it ends the block). */
void vcpu_unblock(struct vcpu *v);
/* Make a vCPU enter the hypervisor soon (a shutdown): unblocked, its CPU interrupted. */
void sched_kick_vcpu(struct vcpu *v);
/* SCHEDOP_block / SCHEDOP_poll: the running vCPU leaves its CPU on the way out. */
void vcpu_block(struct vcpu *v);
/* SCHEDOP_yield: the running vCPU lets the others of its priority go first. */
void vcpu_yield(struct vcpu *v);
/* A vCPU that polled runs again: its poll (and the poll's timer) is over. */
void vcpu_end_poll(struct vcpu *v);
/* Wake the vCPUs of d polling 'port' (it became pending). */
void sched_poll_port_pending(struct domain *d, unsigned int port);
/* The exit-to-guest check: switch vCPUs if this CPU was asked to. Interrupts off. */
void sched_exit_to_guest(struct cpu_user_regs *frame);
/* This CPU runs nothing (its vCPU stopped or left): pick from the queue, or idle. */
void __noreturn sched_idle(void);
/* The running vCPU stops for good: its CPU forgets it (domain_finished). */
void sched_vcpu_stopped(struct vcpu *v);
/* The time (ns) CPU cpu has spent with no vCPU to run since it came up. */
uint64_t sched_cpu_idle_ns(unsigned int cpu);
/* v's hard affinity changed: if its CPU is no longer in it, it moves to one that is. */
void sched_vcpu_affinity_changed(struct vcpu *v);
/* The EVENT_CHECK IPI's target. */
void sched_kick_cpu(unsigned int cpu);

/* Save the running vCPU's state from this CPU (frame: its registers at the stack top). */
void vcpu_save_context(struct vcpu *v, const struct cpu_user_regs *frame);
/* Load v's state onto this CPU and enter it; never returns. */
void __noreturn vcpu_run(struct vcpu *v);
/* A new vCPU's FPU/SSE state: the reset values. */
void vcpu_fpu_init(struct vcpu *v);
/* Where this CPU's guest frame sits: the top of its stack. */
struct cpu_user_regs *guest_frame(void);

struct vcpu *current_vcpu(void);

/* vCPU time and timers (common/vcpu-op.c). */
void vcpu_timers_init(struct vcpu *v, unsigned int cpu);
void update_vcpu_system_time(struct vcpu *v);

/* Enter a runstate (RUNSTATE_*), accounting the time spent in the last. */
void vcpu_runstate_change(struct vcpu *v, int state);

extern struct domain *hardware_domain;

#endif /* XEN_SCHED_H */
