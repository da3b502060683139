/*
 * The scheduler, seen from four vCPUs of dom0 (dom0_max_vcpus=4), on
 * fewer CPUs than vCPUs:
 *   vCPU 1 spins forever and never enters the hypervisor: the others only
 *          get a CPU it shares if the time slice preempts it;
 *   vCPU 2 yields in a loop, then blocks until vCPU 0 sends it an event
 *          and answers on vCPU 0's port (vCPU 0 blocks for the answer),
 *          then once more (vCPU 0 polls for that one);
 *   vCPU 3 blocks on a one-shot timer (VIRQ_TIMER) three times and checks
 *          each wake-up came after its deadline.
 * vCPU 0 checks everyone progressed and, on two CPUs or more, that the
 * spinner goes to and stays on the one CPU its hard affinity allows
 * (setvcpuaffinity), for each CPU in turn; then it shuts the domain down
 * with the spinner still spinning (the shutdown stops it).
 */
#include <public/event_channel.h>
#include <public/sched.h>
#include <public/sysctl.h>
#include <public/vcpu.h>

#include "domctl.h"
#include "guest.h"
#include "mm.h"

#define NR_VCPUS        4
#define WAIT_NS         10000000000ULL      /* 10 s of system time for anything to happen */
#define TIMER_NS        5000000ULL          /* vCPU 3's naps */
#define NR_YIELDS       100

DEFINE_WINDOW(shared_window);
static uint8_t stacks[NR_VCPUS][2 * PAGE_SIZE] __attribute__((aligned(16)));
static volatile struct shared_info *shared;
static struct vcpu_guest_context ctx;
static evtchn_port_t port_of[NR_VCPUS];     /* an IPI port bound to each vCPU */
static evtchn_port_t timer_port;            /* VIRQ_TIMER of vCPU 3 */
static volatile unsigned long progress[NR_VCPUS];
static volatile int vcpu2_answered, vcpu3_naps, vcpu3_early;

/* System time from vCPU id's pvclock in shared_info. */
static uint64_t now_ns(unsigned int id)
{
    return pvclock_read_ns(&shared->vcpu_info[id].time);
}

static bool take_pending(evtchn_port_t port)
{
    volatile xen_ulong_t *word = &shared->evtchn_pending[port / 64];
    xen_ulong_t bit = 1UL << (port % 64);

    return __atomic_fetch_and(word, ~bit, __ATOMIC_SEQ_CST) & bit;
}

/* Block until 'port' is pending (events are not delivered: no callback is registered). */
static bool block_for(unsigned int id, evtchn_port_t port)
{
    uint64_t deadline = now_ns(id) + WAIT_NS;

    while ( !take_pending(port) )
    {
        if ( now_ns(id) > deadline )
            return false;
        shared->vcpu_info[id].evtchn_upcall_pending = 0;
        if ( take_pending(port) )
            break;
        hypercall2(__HYPERVISOR_sched_op, SCHEDOP_block, 0);
    }
    return true;
}

static void send(evtchn_port_t port)
{
    struct evtchn_send s = { .port = port };

    hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_send, &s);
}

static void __attribute__((noreturn)) spinner(void)
{
    for ( ;; )
        progress[1]++;
}

static void __attribute__((noreturn)) yielder(void)
{
    for ( unsigned int i = 0; i < NR_YIELDS; i++ )
    {
        hypercall2(__HYPERVISOR_sched_op, SCHEDOP_yield, 0);
        progress[2]++;
    }
    if ( block_for(2, port_of[2]) )
    {
        vcpu2_answered = 1;
        send(port_of[0]);
    }
    if ( block_for(2, port_of[2]) )
        send(port_of[0]);               /* ends vCPU 0's poll */
    for ( ;; )
        hypercall2(__HYPERVISOR_sched_op, SCHEDOP_block, 0);
}

static void __attribute__((noreturn)) napper(void)
{
    for ( int nap = 0; nap < 3; nap++ )
    {
        uint64_t deadline = now_ns(3) + TIMER_NS;

        hypercall1(__HYPERVISOR_set_timer_op, deadline);
        if ( !block_for(3, timer_port) )
            break;
        if ( now_ns(3) < deadline )
            vcpu3_early = 1;
        vcpu3_naps++;
        progress[3]++;
    }
    for ( ;; )
        hypercall2(__HYPERVISOR_sched_op, SCHEDOP_block, 0);
}

static void (*const entry_of[NR_VCPUS])(void) = { NULL, spinner, yielder, napper };

static long bind_ipi(unsigned int vcpu, evtchn_port_t *port)
{
    struct evtchn_bind_ipi b = { .vcpu = vcpu };
    long rc = hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_bind_ipi, &b);

    *port = b.port;
    return rc;
}

static long bind_timer(unsigned int vcpu, evtchn_port_t *port)
{
    struct evtchn_bind_virq b = { .virq = VIRQ_TIMER, .vcpu = vcpu };
    long rc = hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_bind_virq, &b);

    *port = b.port;
    return rc;
}

static bool wait_until(volatile int *flag, volatile unsigned long *counter)
{
    uint64_t deadline = now_ns(0) + WAIT_NS;

    while ( !(flag ? *flag : *counter != 0) )
        if ( now_ns(0) > deadline )
            return false;
    return true;
}

static void bring_up(unsigned int id)
{
    memset(&ctx, 0, sizeof(ctx));
    ctx.flags = VGCF_in_kernel;
    ctx.user_regs.rip = (unsigned long)entry_of[id];
    ctx.user_regs.rsp = (unsigned long)stacks[id] + sizeof(stacks[id]) - 8;
    ctx.ctrlreg[3] = virt_to_mfn((const void *)start_info->pt_base) * PAGE_SIZE;
    check_eq(hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_initialise, id, &ctx), 0, "initialise");
    check_eq(hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_up, id, 0), 0, "up");
}

static long set_hard_affinity(uint32_t vcpu, uint8_t cpus)
{
    struct xen_domctl op;

    domctl_init(&op, XEN_DOMCTL_setvcpuaffinity, 0);
    op.u.vcpuaffinity.vcpu = vcpu;
    op.u.vcpuaffinity.flags = XEN_VCPUAFFINITY_HARD;
    op.u.vcpuaffinity.cpumap_hard.bitmap = (unsigned long)&cpus;
    op.u.vcpuaffinity.cpumap_hard.nr_bits = 8;
    return domctl(&op);
}

static unsigned int cpu_of(uint32_t vcpu)
{
    struct xen_domctl_getvcpuinfo info;

    check_eq(domctl_getvcpuinfo(0, vcpu, &info), 0, "getvcpuinfo");
    return info.cpu;
}

#define STAY_NS         50000000ULL         /* five time slices */

/* The spinner reaches 'cpu' and is on no other for STAY_NS while it runs. */
static bool spinner_stays_on(unsigned int cpu)
{
    uint64_t deadline = now_ns(0) + WAIT_NS, until;
    unsigned long spun;

    while ( cpu_of(1) != cpu )
        if ( now_ns(0) > deadline )
            return false;
    spun = progress[1];
    for ( until = now_ns(0) + STAY_NS; now_ns(0) < until; )
        if ( cpu_of(1) != cpu )
            return false;
    return progress[1] != spun;
}

static unsigned int nr_cpus(void)
{
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_physinfo,
                             .interface_version = XEN_SYSCTL_INTERFACE_VERSION };

    check_eq(hypercall1(__HYPERVISOR_sysctl, &op), 0, "physinfo");
    return op.u.physinfo.nr_cpus;
}

static void affinity(void)
{
    for ( unsigned int cpu = 0; cpu < 2; cpu++ )
    {
        check_eq(set_hard_affinity(1, 1u << cpu), 0, "the spinner's hard affinity");
        check(spinner_stays_on(cpu), "the spinner runs on CPU%u alone, as its affinity says",
              cpu);
    }
    check_eq(set_hard_affinity(1, 3), 0, "the spinner may use both CPUs again");
    printf("test-sched: the spinner followed its hard affinity to CPU0, then CPU1\n");
}

void test_main(void)
{
    unsigned long spun;

    shared = map_shared_info(shared_window);
    for ( unsigned int id = 0; id < NR_VCPUS; id++ )
        check_eq(bind_ipi(id, &port_of[id]), 0, "an IPI port per vCPU");
    check_eq(bind_timer(3, &timer_port), 0, "VIRQ_TIMER for vCPU 3");

    for ( unsigned int id = 1; id < NR_VCPUS; id++ )
        bring_up(id);
    check(wait_until(NULL, &progress[1]), "the spinner (vCPU 1) runs");
    check(wait_until(NULL, &progress[2]), "the yielder (vCPU 2) runs");
    check(wait_until(&vcpu3_naps, NULL), "vCPU 3 wakes from its timer");

    /* vCPU 2 ends its yields and blocks; our event wakes it, its answer wakes us. */
    for ( uint64_t deadline = now_ns(0) + WAIT_NS; progress[2] < NR_YIELDS && now_ns(0) < deadline; )
        hypercall2(__HYPERVISOR_sched_op, SCHEDOP_yield, 0);
    check_eq(progress[2], NR_YIELDS, "vCPU 2 yielded all its yields");
    send(port_of[2]);
    check(block_for(0, port_of[0]), "blocked vCPU 0 woken by vCPU 2's answer");
    check(vcpu2_answered, "vCPU 2 woken by our event");
    send(port_of[2]);
    {
        evtchn_port_t ports[1] = { port_of[0] };
        struct sched_poll p = { .nr_ports = 1, .timeout = now_ns(0) + WAIT_NS };

        set_xen_guest_handle(p.ports, ports);
        check_eq(hypercall2(__HYPERVISOR_sched_op, SCHEDOP_poll, &p), 0, "poll");
        check(take_pending(port_of[0]), "the poll ended with the port pending");
    }
    check(wait_until(NULL, &progress[3]), "vCPU 3 progressed");
    check(!vcpu3_early, "vCPU 3 never woke before its deadline");

    /* The spinner still gets time while we run (and we run while it spins). */
    spun = progress[1];
    for ( uint64_t deadline = now_ns(0) + WAIT_NS; progress[1] == spun && now_ns(0) < deadline; )
        ;
    check(progress[1] != spun, "the spinner keeps running beside vCPU 0");
    printf("test-sched: 4 vCPUs: a spinner preempted, 100 yields, 3 timer naps, "
           "an event round trip and a poll\n");
    if ( nr_cpus() >= 2 )
        affinity();
}
