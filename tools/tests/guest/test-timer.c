/*
 * Time, timers and events: vcpu_info moved into the guest's own page,
 * pvclock time from it, shared_info mapped with update_va_mapping (and the
 * mappings that must be refused), VIRQ_TIMER bound to a port, one-shot,
 * periodic and set_timer_op timers waking SCHEDOP_block through the event
 * callback, and the event-channel error paths.
 */
#include <public/callback.h>
#include <public/event_channel.h>
#include <public/sched.h>
#include <public/vcpu.h>

#include "traptest.h"

#define VIRT_BASE   0xffffffff80000000UL
#define PAGE        4096UL

extern char event_stub[];

static struct vcpu_info my_vcpu_info __attribute__((aligned(64)));
static volatile struct vcpu_runstate_info runstate;
static volatile struct shared_info *shared;
static volatile unsigned int timer_events, spurious;
static unsigned int timer_port;

static unsigned long mfn_of(const void *va)
{
    const unsigned long *p2m = (const unsigned long *)start_info->mfn_list;

    return p2m[((unsigned long)va - VIRT_BASE) / PAGE];
}

/* System time from the pvclock in our vcpu_info. */
static uint64_t system_time(void)
{
    return pvclock_read_ns(&my_vcpu_info.time);
}

void event_handler(void);
void event_handler(void)
{
    unsigned long sel;

    my_vcpu_info.evtchn_upcall_pending = 0;
    sel = __atomic_exchange_n(&my_vcpu_info.evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
    for ( unsigned int w = 0; w < 64; w++ )
    {
        unsigned long bits;

        if ( !(sel & (1UL << w)) )
            continue;
        bits = __atomic_exchange_n(&((volatile unsigned long *)shared->evtchn_pending)[w], 0,
                                   __ATOMIC_SEQ_CST);
        for ( unsigned int b = 0; b < 64; b++ )
            if ( bits & (1UL << b) )
            {
                if ( w * 64 + b == timer_port )
                    timer_events++;
                else
                    spurious++;
            }
    }
}

static void map_shared_info(void)
{
    unsigned long stack = start_info->pt_base + start_info->nr_pt_frames * PAGE;
    unsigned long region_end = (stack + PAGE + (4UL << 20) - 1) & ~((4UL << 20) - 1);
    unsigned long va = region_end - PAGE;        /* slack page at the end of the region */
    unsigned long l4_mfn = mfn_of((const void *)start_info->pt_base);

    check_eq(hypercall3(__HYPERVISOR_update_va_mapping, va,
                        start_info->shared_info | 0x27, UVMF_INVLPG), 0,
             "map shared_info");
    shared = (volatile struct shared_info *)va;
    check_eq(hypercall3(__HYPERVISOR_update_va_mapping, va, (l4_mfn << 12) | 0x27,
                        UVMF_INVLPG), -22, "map our own L4 writable: -EINVAL");
    check_eq(hypercall3(__HYPERVISOR_update_va_mapping, va, (l4_mfn << 12) | 0x25,
                        UVMF_INVLPG), 0, "map our own L4 read-only");
    check_eq(hypercall3(__HYPERVISOR_update_va_mapping, va, 0x100027UL, UVMF_INVLPG), -22,
             "map a frame we do not own: -EINVAL");
    check_eq(hypercall3(__HYPERVISOR_update_va_mapping, 0xffff830000000000UL,
                        start_info->shared_info | 0x27, UVMF_INVLPG), -22,
             "map into the hypervisor's range: -EINVAL");
    check_eq(hypercall3(__HYPERVISOR_update_va_mapping, 0x100000000000UL,
                        start_info->shared_info | 0x27, UVMF_INVLPG), -22,
             "map where no L1 table exists: -EINVAL");
    check_eq(hypercall3(__HYPERVISOR_update_va_mapping, va,
                        start_info->shared_info | 0x27, UVMF_INVLPG), 0,
             "map shared_info again");
}

static void block_until_timer(unsigned int want_total)
{
    for ( unsigned int tries = 0; tries < 20 && timer_events < want_total; tries++ )
        check_eq(hypercall2(__HYPERVISOR_sched_op, SCHEDOP_block, 0), 0, "block");
}

void test_main(void)
{
    struct vcpu_register_vcpu_info vi = {
        .mfn = mfn_of(&my_vcpu_info),
        .offset = (unsigned long)&my_vcpu_info & (PAGE - 1),
    };
    struct callback_register cb = { CALLBACKTYPE_event, 0, (unsigned long)event_stub };
    struct evtchn_bind_virq bind = { .virq = VIRQ_TIMER, .vcpu = 0 };
    struct vcpu_set_singleshot_timer one;
    struct vcpu_set_periodic_timer periodic = { .period_ns = 10000000 };
    uint64_t t0, t1, deadline;
    evtchn_port_t port;

    check_eq(install_trap_stubs(), 0, "set_trap_table");
    check_eq(hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_register_vcpu_info, 0, &vi), 0,
             "register_vcpu_info");
    check_eq(hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_register_vcpu_info, 0, &vi), -22,
             "register_vcpu_info twice: -EINVAL");
    check(my_vcpu_info.evtchn_upcall_pending, "the forced event after registration");
    check(my_vcpu_info.evtchn_upcall_mask, "events still masked");
    check_eq(hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_is_up, 0, 0), 1, "vCPU 0 is up");
    check_eq(hypercall2(__HYPERVISOR_vm_assist, VMASST_CMD_enable,
                        VMASST_TYPE_runstate_update_flag), 0, "runstate update flag");
    {
        /* The ABI's argument is one 64-bit address (a union in Xen's headers). */
        uint64_t area = (unsigned long)&runstate;

        runstate.state = 99;
        check_eq(hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_register_runstate_memory_area, 0,
                            &area), 0, "register_runstate_memory_area");
        check_eq(runstate.state, RUNSTATE_running, "runstate right after registering");
        area = 0xffff830000000000UL;
        check_eq(hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_register_runstate_memory_area, 0,
                            &area), -22, "a runstate area in the hypervisor: -EINVAL");
        area = (unsigned long)&runstate;
        check_eq(hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_register_runstate_memory_area, 0,
                            &area), 0, "register it again");
    }
    check_eq(hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_is_up, 5, 0), -2, "vCPU 5: -ENOENT");
    check_eq(hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_is_up, 100, 0), -22,
             "vCPU 100: -EINVAL");

    t0 = system_time();
    for ( volatile unsigned int i = 0; i < 1000000; i++ )
        ;
    t1 = system_time();
    check(t1 > t0, "pvclock time advances (%lu -> %lu)", (unsigned long)t0, (unsigned long)t1);

    map_shared_info();

    check_eq(hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_bind_virq, &bind), 0,
             "bind VIRQ_TIMER");
    timer_port = bind.port;
    check(timer_port > 0, "a real port");
    check_eq(hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_bind_virq, &bind), -17,
             "bind VIRQ_TIMER twice: -EEXIST");
    bind.virq = 20;
    check_eq(hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_bind_virq, &bind), -22,
             "bind an unknown VIRQ: -EINVAL");
    check_eq(hypercall2(__HYPERVISOR_callback_op, CALLBACKOP_register, &cb), 0,
             "register the event callback");
    /* Forget the forced event; from here on events mean timers. */
    my_vcpu_info.evtchn_upcall_pending = 0;
    my_vcpu_info.evtchn_pending_sel = 0;

    /* One-shot timer, 20 ms ahead, then block until it fires. */
    deadline = system_time() + 20000000;
    one.timeout_abs_ns = deadline;
    one.flags = 0;
    check_eq(hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_set_singleshot_timer, 0, &one), 0,
             "set_singleshot_timer");
    block_until_timer(1);
    check_eq(timer_events, 1, "timer events after the one-shot");
    check(system_time() >= deadline, "woken no earlier than the deadline");
    check(!my_vcpu_info.evtchn_upcall_mask, "events unmasked again after the callback");

    one.timeout_abs_ns = system_time() - 1000000;
    one.flags = VCPU_SSHOTTMR_future;
    check_eq(hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_set_singleshot_timer, 0, &one), -62,
             "a timeout in the past with the future flag: -ETIME");

    /* set_timer_op is the older one-shot interface. */
    check_eq(hypercall1(__HYPERVISOR_set_timer_op, system_time() + 10000000), 0,
             "set_timer_op");
    block_until_timer(2);
    check_eq(timer_events, 2, "timer events after set_timer_op");

    /* A 10 ms periodic timer: five more events. */
    check_eq(hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_set_periodic_timer, 0, &periodic), 0,
             "set_periodic_timer");
    block_until_timer(7);
    check_eq(hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_stop_periodic_timer, 0, 0), 0,
             "stop_periodic_timer");
    check(timer_events >= 7, "periodic timer events: %u", timer_events);
    periodic.period_ns = 10;
    check_eq(hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_set_periodic_timer, 0, &periodic), -22,
             "a 10 ns period: -EINVAL");
    check_eq(spurious, 0, "events on ports nobody bound");
    check_eq(runstate.state, RUNSTATE_running, "running again after blocking");
    check(runstate.time[RUNSTATE_blocked] >= 20000000, "blocked for %lu ns (>= 20 ms)",
          (unsigned long)runstate.time[RUNSTATE_blocked]);
    check(!(runstate.state_entry_time & XEN_RUNSTATE_UPDATE), "no update in progress");

    /* The wall clock in shared_info: a date after 2020 from the platform clock. */
    check(!(shared->wc_version & 1), "wall clock version even");
    check(shared->wc_sec > 1577836800u, "wall clock %u is after 2020", shared->wc_sec);

    /* SCHEDOP_poll: a timeout with no port pending, then bad arguments. */
    {
        evtchn_port_t ports[1] = { timer_port };
        struct sched_poll poll = { (unsigned long)ports, 1, system_time() + 5000000 };
        uint64_t before = system_time();

        check_eq(hypercall2(__HYPERVISOR_sched_op, SCHEDOP_poll, &poll), 0, "poll");
        check(system_time() >= before + 4000000, "poll waited for its timeout");
        poll.nr_ports = 0;
        poll.timeout = 0;
        check_eq(hypercall2(__HYPERVISOR_sched_op, SCHEDOP_poll, &poll), -22,
                 "poll on nothing forever: -EINVAL");
        poll.nr_ports = 1;
        ports[0] = 99999;
        check_eq(hypercall2(__HYPERVISOR_sched_op, SCHEDOP_poll, &poll), -22,
                 "poll on a bad port: -EINVAL");
    }

    /* A multicall of three hypercalls, one of them bad, one forbidden. */
    {
        struct multicall_entry calls[3] = {
            { __HYPERVISOR_xen_version, 0, { 0, 0 } },
            { __HYPERVISOR_console_io, 0, { CONSOLEIO_write, 4, 0x10 } },
            { __HYPERVISOR_multicall, 0, { 0, 0 } },
        };

        check_eq(hypercall2(__HYPERVISOR_multicall, calls, 3), 0, "multicall");
        check_eq(calls[0].result, 0x40011, "multicall entry 0: xen_version");
        check_eq(calls[1].result, -14, "multicall entry 1: bad buffer");
        check_eq(calls[2].result, -22, "multicall entry 2: nested multicall refused");
        check_eq(hypercall2(__HYPERVISOR_multicall, 0x10, 1), -14, "multicall of a bad list");
    }

    port = 5000;
    check_eq(hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_unmask, &port), -22,
             "unmask port 5000: -EINVAL");
    port = timer_port;
    check_eq(hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_close, &port), 0,
             "close the timer port");
    check_eq(hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_close, &port), -22,
             "close it again: -EINVAL");
    check_eq(hypercall2(__HYPERVISOR_event_channel_op, 99, &port), -38,
             "unknown event-channel op: -ENOSYS");
    printf("test-timer: %u timer events, pvclock at %lu ns\n", timer_events,
           (unsigned long)system_time());
}
