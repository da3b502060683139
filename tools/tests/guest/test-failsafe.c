/*
 * The failsafe callback: a selector the vCPU holds stops loading (its LDT
 * descriptor is cleared under it), the vCPU leaves its CPU (a poll with a
 * timeout) and comes back; reloading FS faults in the hypervisor, which
 * enters the failsafe callback with Xen's frame (RCX, R11, DS, ES, FS,
 * GS, then RIP, CS, RFLAGS, RSP, SS) and null selectors, and with events
 * masked as CALLBACKF_mask_events asks.  The handler returns with the iret
 * hypercall to just after the poll.  A selector that still loads comes
 * back through the same switch without a failsafe entry.
 */
#include <public/callback.h>
#include <public/sched.h>
#include <public/xen.h>

#include "guest.h"
#include "mm.h"

#define STR_(x)         #x
#define STR(x)          STR_(x)
#define LDT_FS          0xf                 /* LDT entry 1, RPL 3 */
#define NAP_NS          5000000ULL

enum { F_RCX, F_R11, F_DS, F_ES, F_FS, F_GS, F_RIP, F_CS, F_RFLAGS, F_RSP, F_SS, F_WORDS };

volatile uint64_t failsafe_frame[F_WORDS];
volatile unsigned int failsafe_count;
volatile uint8_t failsafe_mask;             /* evtchn_upcall_mask as the handler saw it */
volatile uint8_t *upcall_mask;

/*
 * The handler: copy the frame, note the event mask, turn the frame into
 * an iret_context in place (RAX, R11, RCX, flags below the RIP..SS it
 * already has) and return with the iret hypercall.  RCX and R11 are free:
 * the context restores them; RAX is the interrupted hypercall's result.
 */
extern const char failsafe_entry[];
__asm__ ( ".pushsection .text\n"
          "failsafe_entry:\n"
          "    incl failsafe_count(%rip)\n"
          "    mov upcall_mask(%rip), %r11\n"
          "    movb (%r11), %cl\n"
          "    movb %cl, failsafe_mask(%rip)\n"
          "    lea failsafe_frame(%rip), %r11\n"
          "    .irp i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10\n"
          "    mov \\i*8(%rsp), %rcx\n"
          "    mov %rcx, \\i*8(%r11)\n"
          "    .endr\n"
          "    mov 0(%rsp), %rcx\n"
          "    mov 8(%rsp), %r11\n"
          "    mov %rax, 16(%rsp)\n"
          "    mov %r11, 24(%rsp)\n"
          "    mov %rcx, 32(%rsp)\n"
          "    movq $0, 40(%rsp)\n"
          "    add $16, %rsp\n"
          "    mov $" STR(__HYPERVISOR_iret) ", %eax\n"
          "    syscall\n"
          "    ud2\n"
          ".popsection\n" );

static uint64_t ldt_page[512] __attribute__((aligned(4096)));
DEFINE_WINDOW(shared_window);
static volatile struct shared_info *shared;

static uint64_t now_ns(void)
{
    return pvclock_read_ns(&shared->vcpu_info[0].time);
}

/* Leave the CPU for a while and come back through the scheduler's switch. */
static void nap(void)
{
    struct sched_poll p = { .nr_ports = 0, .timeout = now_ns() + NAP_NS };

    check_eq(hypercall2(__HYPERVISOR_sched_op, SCHEDOP_poll, &p), 0, "poll with a timeout");
}

static uint16_t fs_now(void)
{
    uint16_t fs;

    __asm__ __volatile__ ( "mov %%fs, %0" : "=r" (fs) );
    return fs;
}

void test_main(void)
{
    struct callback_register cb = { .type = CALLBACKTYPE_failsafe,
                                    .flags = CALLBACKF_mask_events,
                                    .address = (unsigned long)failsafe_entry };
    struct mmuext_op ldt = { .cmd = MMUEXT_SET_LDT, .arg1.linear_addr = (unsigned long)ldt_page,
                             .arg2.nr_ents = 2 };
    uint64_t descriptor = virt_to_mfn(ldt_page) * PAGE_SIZE + 8;

    shared = map_shared_info(shared_window);
    upcall_mask = &shared->vcpu_info[0].evtchn_upcall_mask;
    check_eq(hypercall2(__HYPERVISOR_callback_op, CALLBACKOP_register, &cb), 0,
             "register the failsafe callback");

    ldt_page[1] = 0x00cff2000000ffffUL;          /* flat data, DPL 3 */
    check_eq(map_frame_at(ldt_page, virt_to_mfn(ldt_page), PTE_PRESENT | PTE_ACCESSED), 0,
             "map the LDT read-only");
    check_eq(hypercall4(__HYPERVISOR_mmuext_op, &ldt, 1, 0, DOMID_SELF), 0, "set the LDT");
    __asm__ __volatile__ ( "mov %0, %%fs" :: "r" (LDT_FS) );

    nap();
    check_eq(failsafe_count, 0, "a selector that still loads: no failsafe entry");
    check_eq(fs_now(), LDT_FS, "and FS is kept across the switch");

    /* The CPU keeps its cached copy: FS goes on working until it is reloaded. */
    check_eq(hypercall2(__HYPERVISOR_update_descriptor, descriptor, 0), 0,
             "clear FS's descriptor");
    *upcall_mask = 0;
    nap();
    check_eq(failsafe_count, 1, "the failsafe callback was entered once");
    check_eq(failsafe_frame[F_FS], LDT_FS, "the frame holds the FS that would not load");
    check_eq(failsafe_frame[F_CS] & 0xffff, FLAT_KERNEL_CS & ~3, "it interrupted the kernel");
    check_eq(failsafe_frame[F_SS], FLAT_KERNEL_SS, "with the kernel's SS");
    check(failsafe_frame[F_RFLAGS] & 0x200, "events were on, so the saved IF is set");
    check_eq(failsafe_mask, 1, "events masked in the callback (CALLBACKF_mask_events)");
    check_eq(*upcall_mask, 0, "unmasked again by the iret");
    check_eq(fs_now(), 0, "FS is null afterwards");
    *upcall_mask = 1;

    ldt.arg1.linear_addr = 0;
    ldt.arg2.nr_ents = 0;
    check_eq(hypercall4(__HYPERVISOR_mmuext_op, &ldt, 1, 0, DOMID_SELF), 0, "no LDT");
    printf("test-failsafe: a selector that fails to load on the way back enters the failsafe "
           "callback with its frame\n");
}
