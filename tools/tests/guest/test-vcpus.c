/*
 * A second vCPU (dom0_max_vcpus=2): VCPUOP_initialise with a context of
 * our own (refused when it is bad, or given twice), VCPUOP_up and is_up,
 * and an event-channel round trip between the two vCPUs: vCPU 0 signals
 * an IPI port bound to vCPU 1, vCPU 1 answers on one bound to vCPU 0.
 */
#include <public/event_channel.h>
#include <public/sched.h>
#include <public/vcpu.h>

#include "guest.h"
#include "mm.h"

#define PATIENCE    50000000UL

DEFINE_WINDOW(shared_window);
static uint8_t vcpu1_stack[2 * PAGE_SIZE] __attribute__((aligned(16)));
static volatile struct shared_info *shared;
static struct vcpu_guest_context ctx;
static evtchn_port_t to_vcpu1, to_vcpu0;
static volatile int vcpu1_reached;

static bool take_pending(evtchn_port_t port)
{
    volatile xen_ulong_t *word = &shared->evtchn_pending[port / 64];
    xen_ulong_t bit = 1UL << (port % 64);

    for ( unsigned long polls = 0; polls < PATIENCE; polls++ )
    {
        if ( *word & bit )
        {
            __atomic_fetch_and(word, ~bit, __ATOMIC_SEQ_CST);
            return true;
        }
        __asm__ __volatile__ ( "pause" );
    }
    return false;
}

static void __attribute__((noreturn, used)) vcpu1_main(void)
{
    vcpu1_reached = 1;
    if ( take_pending(to_vcpu1) )
        hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_send, &to_vcpu0);
    for ( ;; )
        hypercall2(__HYPERVISOR_sched_op, SCHEDOP_block, 0);
}

static long bind_ipi(unsigned int vcpu, evtchn_port_t *port)
{
    struct evtchn_bind_ipi b = { .vcpu = vcpu };
    long rc = hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_bind_ipi, &b);

    *port = b.port;
    return rc;
}

void test_main(void)
{
    shared = map_shared_info(shared_window);
    check_eq(hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_is_up, 0, 0), 1, "vCPU 0 is up");
    check_eq(hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_is_up, 1, 0), 0, "vCPU 1 is not yet");
    check_eq(hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_is_up, 2, 0), -2, "no vCPU 2: -ENOENT");
    check_eq(hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_up, 1, 0), -22, "up before initialise");
    check_eq(bind_ipi(1, &to_vcpu1), 0, "an IPI port for vCPU 1");
    check_eq(bind_ipi(0, &to_vcpu0), 0, "an IPI port for vCPU 0");

    ctx.flags = VGCF_in_kernel;
    ctx.user_regs.rip = 0;                      /* bad: refused, nothing taken */
    ctx.user_regs.rsp = (unsigned long)vcpu1_stack + sizeof(vcpu1_stack) - 8;
    ctx.ctrlreg[3] = virt_to_mfn((const void *)start_info->pt_base) * PAGE_SIZE;
    check_eq(hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_initialise, 1, &ctx), -22,
             "a context with no entry point");
    ctx.user_regs.rip = (unsigned long)vcpu1_main;
    ctx.ctrlreg[3] = virt_to_mfn(vcpu1_stack) * PAGE_SIZE;
    check_eq(hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_initialise, 1, &ctx), -22,
             "a data page as the root");
    ctx.ctrlreg[3] = virt_to_mfn((const void *)start_info->pt_base) * PAGE_SIZE;
    check_eq(hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_initialise, 1, 0x10), -14,
             "a context at a bad address");
    check_eq(hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_initialise, 1, &ctx), 0, "initialise vCPU 1");
    check_eq(hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_initialise, 1, &ctx), -17,
             "initialise it twice: -EEXIST");
    check_eq(hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_up, 1, 0), 0, "bring vCPU 1 up");
    check_eq(hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_is_up, 1, 0), 1, "vCPU 1 is up");

    for ( unsigned long polls = 0; polls < PATIENCE && !vcpu1_reached; polls++ )
        __asm__ __volatile__ ( "pause" );
    check(vcpu1_reached, "vCPU 1 runs its entry point");
    check_eq(hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_send, &to_vcpu1), 0,
             "signal vCPU 1");
    check(take_pending(to_vcpu0), "vCPU 1 answered on vCPU 0's port");
    printf("test-vcpus: two vCPUs, an event round trip between them\n");
}
