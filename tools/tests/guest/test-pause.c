/*
 * The controller's pause, from dom0: it creates a domain and builds it by
 * hand (four page-table levels, a code page, a data page dom0 also maps),
 * whose one vCPU counts in the data page until dom0 asks it to shut
 * down.  The count shows when it runs: not after setvcpucontext while the
 * domain is still paused from its creation, yes after unpausedomain, not
 * while pausedomain holds it (nested pauses too), again after the last
 * unpause.  Then the refusals (-EINVAL for an unpause with no pause left
 * and for dom0 pausing itself, -EOVERFLOW past 255 pauses), getvcpuinfo's
 * CPU time standing still while paused, the credit scheduler's weight
 * and cap read and set (a 10% cap holds its CPU time far below what it
 * gets uncapped on a CPU of its own), the CPUs' idle time
 * (XEN_SYSCTL_getcpuinfo: two CPUs' worth while everything naps, less
 * while it spins), and its shutdown code as
 * getdomaininfo reports it before destroydomain.  Last, a second such
 * domain is destroyed while its vCPU runs (what xl destroy does).
 */
#include <public/domctl.h>
#include <public/memory.h>
#include <public/sched.h>
#include <public/sysctl.h>

#include "domctl.h"
#include "guest.h"
#include "mm.h"

#define NEW_PAGES       8
#define QUIET_NS        30000000ULL         /* how long a paused domain must stay still */
#define WAIT_NS         5000000000ULL       /* 5 s of system time for anything to happen */
#define PAUSE_MAX       255                 /* the controller's limit, as Xen's */

/* The new domain's layout: frame i of NEW_PAGES, and where its kernel sees them. */
enum { ROOT, L3, L2, L1, CODE, DATA, STACK };
#define NEW_BASE        0xffffffff80000000
#define NEW_VA(frame)   ((unsigned long)NEW_BASE + (unsigned long)(frame) * PAGE_SIZE)
#define NEW_DATA_VA     0xffffffff80005000  /* NEW_VA(DATA), for the assembler */

#define STR_(x)         #x
#define STR(x)          STR_(x)

/*
 * The new domain's kernel: count in data[0] until data[1] is set, then
 * shut down with the reason in data[2] (a struct sched_shutdown).
 */
extern const uint8_t counter_start[], counter_end[];
__asm__ ( ".pushsection .rodata\n"
          "counter_start:\n"
          "    movabs $" STR(NEW_DATA_VA) ", %rbx\n"
          "1:  incq (%rbx)\n"
          "    cmpq $0, 8(%rbx)\n"
          "    je 1b\n"
          "    mov $" STR(__HYPERVISOR_sched_op) ", %eax\n"
          "    mov $" STR(SCHEDOP_shutdown) ", %edi\n"
          "    lea 16(%rbx), %rsi\n"
          "    syscall\n"
          "2:  jmp 2b\n"
          "counter_end:\n"
          ".popsection\n" );

struct counter_page {
    volatile uint64_t count, stop, reason;
};

DEFINE_WINDOW(window);
DEFINE_WINDOW(data_window);
DEFINE_WINDOW(shared_window);
static volatile struct shared_info *shared;
static unsigned long frames[NEW_PAGES];
static domid_t new_domid;
static struct vcpu_guest_context ctx;

static uint64_t now_ns(void)
{
    return pvclock_read_ns(&shared->vcpu_info[0].time);
}

/* Let the CPU go for ns (SCHEDOP_poll on no port, with a timeout). */
static void nap(uint64_t ns)
{
    struct sched_poll p = { .nr_ports = 0, .timeout = now_ns() + ns };

    while ( now_ns() < p.timeout )
        hypercall2(__HYPERVISOR_sched_op, SCHEDOP_poll, &p);
}

static struct counter_page *counter(void)
{
    return (struct counter_page *)data_window;
}

/* Whether the count moves within WAIT_NS. */
static bool counts(void)
{
    uint64_t from = counter()->count, until = now_ns() + WAIT_NS;

    while ( now_ns() < until )
    {
        if ( counter()->count != from )
            return true;
        nap(1000000);
    }
    return false;
}

/* Whether the count stands still for QUIET_NS. */
static bool still(void)
{
    uint64_t from = counter()->count;

    nap(QUIET_NS);
    return counter()->count == from;
}

/* Write one frame of the new domain through dom0's window. */
static void fill(unsigned int frame, const void *bytes, unsigned long len)
{
    check_eq(domctl_map_foreign(window, frames[frame], new_domid), 0, "map a frame of the new domain");
    memset(window, 0, PAGE_SIZE);
    memcpy(window, bytes, len);
    check_eq(restore_window(window), 0, "unmap it");
}

static void table(unsigned int frame, unsigned int slot, unsigned long entry)
{
    unsigned long t[512] = { 0 };

    t[slot] = entry;
    fill(frame, t, sizeof(t));
}

static unsigned long pte(unsigned int frame, unsigned long flags)
{
    return frames[frame] * PAGE_SIZE | PTE_PRESENT | PTE_USER | PTE_ACCESSED | flags;
}

static void build(void)
{
    struct xen_domctl op;
    struct xen_memory_reservation r = { .extent_start = (unsigned long)frames,
                                        .nr_extents = NEW_PAGES };
    unsigned long l1[512] = { 0 };

    domctl_init(&op, XEN_DOMCTL_createdomain, 0);   /* any free id */
    op.u.createdomain.max_vcpus = 1;
    op.u.createdomain.max_grant_frames = 1;
    op.u.createdomain.max_maptrack_frames = 1;
    op.u.createdomain.grant_opts = XEN_DOMCTL_GRANT_version(1);
    check_eq(domctl(&op), 0, "createdomain");
    new_domid = r.domid = op.domain;
    domctl_init(&op, XEN_DOMCTL_max_mem, new_domid);
    op.u.max_mem.max_memkb = NEW_PAGES * 4;
    check_eq(domctl(&op), 0, "max_mem");
    for ( unsigned long i = 0; i < NEW_PAGES; i++ )
        frames[i] = i;
    check_eq(hypercall2(__HYPERVISOR_memory_op, XENMEM_populate_physmap, &r), NEW_PAGES,
             "populate");

    table(ROOT, 511, pte(L3, PTE_RW));
    table(L3, 510, pte(L2, PTE_RW));
    table(L2, 0, pte(L1, PTE_RW));
    l1[CODE] = pte(CODE, 0);
    l1[DATA] = pte(DATA, PTE_RW | PTE_DIRTY);
    l1[STACK] = pte(STACK, PTE_RW | PTE_DIRTY);
    fill(L1, l1, sizeof(l1));
    fill(CODE, counter_start, (unsigned long)(counter_end - counter_start));
    check_eq(domctl_map_foreign(data_window, frames[DATA], new_domid), 0, "map its data page");
    memset(data_window, 0, PAGE_SIZE);
    counter()->reason = SHUTDOWN_reboot;

    memset(&ctx, 0, sizeof(ctx));
    ctx.flags = VGCF_in_kernel | VGCF_online;
    ctx.user_regs.rip = NEW_VA(CODE);
    ctx.user_regs.rsp = NEW_VA(STACK + 1);
    ctx.kernel_sp = NEW_VA(STACK + 1);
    ctx.ctrlreg[3] = frames[ROOT] * PAGE_SIZE;
    domctl_init(&op, XEN_DOMCTL_setvcpucontext, new_domid);
    op.u.vcpucontext.ctxt = (unsigned long)&ctx;
    check_eq(domctl(&op), 0, "setvcpucontext, online");
}

static uint32_t flags_of(domid_t domid)
{
    struct xen_domctl_getdomaininfo info;

    check_eq(domctl_getinfo(domid, &info), 0, "getdomaininfo");
    check_eq(info.domain, domid, "getdomaininfo's domain");
    return info.flags;
}

/* Its flags, or -1 when no such domain exists any more. */
static long flags_of_any(domid_t domid)
{
    struct xen_domctl_getdomaininfo info;

    if ( domctl_getinfo(domid, &info) || info.domain != domid )
        return -1;
    return info.flags;
}

static uint64_t cpu_time_of(domid_t domid)
{
    struct xen_domctl_getvcpuinfo info;

    check_eq(domctl_getvcpuinfo(domid, 0, &info), 0, "getvcpuinfo");
    return info.cpu_time;
}

#define NR_CPUS_MAX     8
static long cpuinfo(uint32_t max, struct xen_sysctl_cpuinfo *info, uint32_t *nr)
{
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_getcpuinfo,
                             .interface_version = XEN_SYSCTL_INTERFACE_VERSION };
    long rc;

    op.u.getcpuinfo.max_cpus = max;
    op.u.getcpuinfo.info = (unsigned long)info;
    rc = hypercall1(__HYPERVISOR_sysctl, &op);
    *nr = op.u.getcpuinfo.nr_cpus;
    return rc;
}

/* Idle time over a nap of ns, summed over the CPUs, in percent of one CPU's time. */
static unsigned int idle_percent(uint64_t ns)
{
    struct xen_sysctl_cpuinfo before[NR_CPUS_MAX], after[NR_CPUS_MAX];
    uint64_t start = now_ns(), idle = 0;
    uint32_t nr;

    check_eq(cpuinfo(NR_CPUS_MAX, before, &nr), 0, "getcpuinfo");
    check_eq(nr, 2, "getcpuinfo: 2 CPUs");
    nap(ns);
    check_eq(cpuinfo(NR_CPUS_MAX, after, &nr), 0, "getcpuinfo");
    for ( uint32_t cpu = 0; cpu < nr && cpu < NR_CPUS_MAX; cpu++ )
    {
        check(after[cpu].idletime >= before[cpu].idletime, "CPU%u's idle time never falls", cpu);
        idle += after[cpu].idletime - before[cpu].idletime;
    }
    return (unsigned int)(idle * 100 / (now_ns() - start));
}

static void cpuinfo_refusals(void)
{
    struct xen_sysctl_cpuinfo info[1];
    uint32_t nr;

    check_eq(cpuinfo(1, info, &nr), 0, "getcpuinfo for one CPU");
    check_eq(nr, 1, "room for one: one");
    check_eq(cpuinfo(2, (void *)0x10, &nr), -14, "getcpuinfo into a bad pointer: -EFAULT");
}

static long sched_credit(domid_t domid, uint32_t cmd, struct xen_domctl_sched_credit *credit)
{
    struct xen_domctl op;
    long rc;

    domctl_init(&op, XEN_DOMCTL_scheduler_op, domid);
    op.u.scheduler_op.sched_id = XEN_SCHEDULER_CREDIT;
    op.u.scheduler_op.cmd = cmd;
    op.u.scheduler_op.u.credit = *credit;
    rc = domctl(&op);
    *credit = op.u.scheduler_op.u.credit;
    return rc;
}

/* The share of CPU_SHARE_NS of system time the new domain's vCPU used. */
#define CPU_SHARE_NS    600000000ULL
static unsigned int cpu_percent(domid_t domid)
{
    uint64_t t0 = cpu_time_of(domid), start = now_ns(), t1;

    nap(CPU_SHARE_NS);
    t1 = cpu_time_of(domid);
    return (unsigned int)((t1 - t0) * 100 / (now_ns() - start));
}

#define IDLE_NS         200000000ULL
static unsigned int idle_paused, idle_spinning;

static void weight_and_cap(domid_t domid)
{
    struct xen_domctl_sched_credit c = { 0 };
    struct xen_domctl op;
    unsigned int capped, free;

    check_eq(sched_credit(domid, XEN_DOMCTL_SCHEDOP_getinfo, &c), 0, "scheduler_op getinfo");
    check(c.weight == 256 && c.cap == 0, "default weight 256, no cap (%u, %u)", c.weight, c.cap);
    c.weight = 512;
    c.cap = 10;
    check_eq(sched_credit(domid, XEN_DOMCTL_SCHEDOP_putinfo, &c), 0, "putinfo 512, 10%");
    c.weight = 0;                       /* 0 and 0xffff leave weight and cap alone */
    c.cap = 0xffff;
    check_eq(sched_credit(domid, XEN_DOMCTL_SCHEDOP_putinfo, &c), 0, "putinfo, nothing");
    check_eq(sched_credit(domid, XEN_DOMCTL_SCHEDOP_getinfo, &c), 0, "getinfo");
    check(c.weight == 512 && c.cap == 10, "weight 512, cap 10 (%u, %u)", c.weight, c.cap);
    check_eq(sched_credit(domid, XEN_DOMCTL_SCHEDOP_getvcpuinfo, &c), -22,
             "per-vCPU parameters (not credit's): -EINVAL");
    domctl_init(&op, XEN_DOMCTL_scheduler_op, domid);
    op.u.scheduler_op.sched_id = 6;     /* credit2 */
    op.u.scheduler_op.cmd = XEN_DOMCTL_SCHEDOP_getinfo;
    check_eq(domctl(&op), -22, "another scheduler's id: -EINVAL");

    capped = cpu_percent(domid);
    c.weight = 0;
    c.cap = 0;
    check_eq(sched_credit(domid, XEN_DOMCTL_SCHEDOP_putinfo, &c), 0, "putinfo: no cap");
    free = cpu_percent(domid);
    idle_spinning = idle_percent(IDLE_NS);
    check(capped < 40 && free > 60, "capped at 10%%: %u%% of a CPU, uncapped %u%%", capped, free);
    printf("test-pause: weight and cap set and read; capped at 10%% it used %u%% of a CPU, "
           "uncapped %u%%\n", capped, free);
}

static void refusals(domid_t domid)
{
    unsigned int paused = 0;

    check_eq(domctl_simple(XEN_DOMCTL_unpausedomain, domid), -22,
             "unpause without a pause: -EINVAL");
    check_eq(domctl_simple(XEN_DOMCTL_pausedomain, 0), -22, "dom0 pausing itself: -EINVAL");
    check_eq(domctl_simple(XEN_DOMCTL_pausedomain, 999), -3, "pause a domain not there: -ESRCH");
    while ( paused < PAUSE_MAX && domctl_simple(XEN_DOMCTL_pausedomain, domid) == 0 )
        paused++;
    check_eq(paused, PAUSE_MAX, "255 pauses nest");
    check_eq(domctl_simple(XEN_DOMCTL_pausedomain, domid), -75, "the 256th: -EOVERFLOW");
    while ( paused && domctl_simple(XEN_DOMCTL_unpausedomain, domid) == 0 )
        paused--;
    check_eq(paused, 0, "each undone by one unpause");
    check(counts(), "it counts again after the last of them");
}

void test_main(void)
{
    uint32_t flags;
    uint64_t t0;
    domid_t domid;
    long rc;

    shared = map_shared_info(shared_window);
    build();
    domid = new_domid;

    check(still() && counter()->count == 0, "with a context, still paused: it does not run");
    flags = flags_of(domid);
    check((flags & XEN_DOMINF_paused) && !(flags & XEN_DOMINF_running),
          "getdomaininfo: paused, not running (flags %#x)", flags);
    check_eq(cpu_time_of(domid), 0, "no CPU time before it ran");

    check_eq(domctl_simple(XEN_DOMCTL_unpausedomain, domid), 0, "unpausedomain");
    check(counts(), "unpaused, it runs");
    check(!(flags_of(domid) & XEN_DOMINF_paused), "getdomaininfo: not paused");
    printf("test-pause: a created domain runs only once unpaused\n");

    check_eq(domctl_simple(XEN_DOMCTL_pausedomain, domid), 0, "pausedomain");
    t0 = cpu_time_of(domid);
    check(t0 > 0, "CPU time once it ran");
    check(still(), "paused, it stands still");
    idle_paused = idle_percent(IDLE_NS);
    check_eq(cpu_time_of(domid), t0, "and so does its CPU time");
    flags = flags_of(domid);
    check((flags & XEN_DOMINF_paused) && !(flags & XEN_DOMINF_running),
          "getdomaininfo: paused, not running (flags %#x)", flags);
    check_eq(domctl_simple(XEN_DOMCTL_pausedomain, domid), 0, "a second pause");
    check_eq(domctl_simple(XEN_DOMCTL_unpausedomain, domid), 0, "one unpause");
    check(still(), "one pause still held: it stands still");
    check_eq(domctl_simple(XEN_DOMCTL_unpausedomain, domid), 0, "the last unpause");
    check(counts(), "it runs again");
    check(cpu_time_of(domid) > t0, "its CPU time grows again");
    printf("test-pause: pausedomain stops it, nested pauses hold until the last unpause\n");

    weight_and_cap(domid);
    refusals(domid);
    cpuinfo_refusals();
    check(idle_paused > 150 && idle_spinning < 150,
          "idle: %u%% of a CPU while it was paused, %u%% while it spun", idle_paused,
          idle_spinning);
    printf("test-pause: getcpuinfo: the CPUs idled %u%% of a CPU's time while it was paused, "
           "%u%% while it spun\n", idle_paused, idle_spinning);

    counter()->stop = 1;
    for ( uint64_t until = now_ns() + WAIT_NS;
          now_ns() < until && !(flags_of(domid) & XEN_DOMINF_shutdown); )
        nap(1000000);
    flags = flags_of(domid);
    check(flags & XEN_DOMINF_shutdown, "it shut down (flags %#x)", flags);
    check_eq((flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask, SHUTDOWN_reboot,
             "with its code");
    check_eq(restore_window(data_window), 0, "unmap its data page");
    /* Shutdown is flagged first; its vCPU leaves its CPU a moment later (-EBUSY till then). */
    for ( uint64_t until = now_ns() + WAIT_NS;
          (rc = domctl_simple(XEN_DOMCTL_destroydomain, domid)) == -16 && now_ns() < until; )
        nap(1000000);
    check_eq(rc, 0, "destroydomain");
    printf("test-pause: it shut itself down with its code, and was destroyed\n");

    /* xl destroy's case: a domain destroyed while its vCPU runs. */
    build();
    check_eq(domctl_simple(XEN_DOMCTL_unpausedomain, new_domid), 0, "unpause the second");
    check(counts(), "the second runs");
    check_eq(restore_window(data_window), 0, "unmap its data page");
    check_eq(domctl_simple(XEN_DOMCTL_destroydomain, new_domid), 0,
             "destroydomain while it runs");
    check(flags_of_any(new_domid) < 0, "it is gone");
    printf("test-pause: a running domain is destroyed at once\n");
}
