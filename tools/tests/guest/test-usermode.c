/*
 * Guest user mode: the kernel enters user space with the iret hypercall
 * (CS with RPL 3, the user root table from MMUEXT_NEW_USER_BASEPTR, the
 * user GS base); a SYSCALL from user space reaches the kernel's syscall
 * callback on the stack_switch stack with a frame that says "user"; a
 * privileged instruction in user mode is not emulated but raises #GP in
 * the kernel; returns to user space restore its state.
 */
#include <public/callback.h>
#include <public/xen.h>

#include "traptest.h"

#define VIRT_BASE   0xffffffff80000000UL

static uint8_t kernel_stack[8192] __attribute__((aligned(16)));
static uint8_t user_stack[8192] __attribute__((aligned(16)));
static uint64_t kernel_gs_value = 0x6b65726e656c6773ULL;   /* "kernelgs" */
static uint64_t user_gs_value = 0x7573657267730000ULL;
static volatile uint64_t user_saw_gs, syscall_frame_cs, syscall_frame_rip, kernel_saw_gs;
static volatile uint64_t kernel_cr4_in_callback;
static volatile unsigned int syscalls;

extern char syscall_stub[], user_entry[], user_after_first_syscall[];

/* User-space code: a syscall, a privileged instruction, then "exit". */
__asm__ (
    ".text\n"
    "user_entry:\n"
    "  mov %gs:0, %rax\n"
    "  mov %rax, user_saw_gs(%rip)\n"
    "  mov $1, %eax\n"
    "  syscall\n"
    "user_after_first_syscall:\n"
    "  mov %cr4, %rax\n"                    /* #GP: not emulated in user mode */
    "  mov $2, %eax\n"
    "  syscall\n"
    "  ud2\n"
);

/* The syscall callback: [RCX, R11, RIP, CS, RFLAGS, RSP, SS] on the kernel stack. */
__asm__ (
    ".text\n"
    "syscall_stub:\n"
    "  pop %rcx\n"
    "  pop %r11\n"
    "  push %rax\n"
    "  push %rcx\n"
    "  push %r11\n"
    "  mov %rax, %rdi\n"
    "  lea 24(%rsp), %rsi\n"
    "  call syscall_handler\n"
    "  pop %r11\n"
    "  pop %rcx\n"
    "  pop %rax\n"
    "  push $0x100\n"                       /* VGCF_in_syscall */
    "  push %rcx\n"
    "  push %r11\n"
    "  push %rax\n"
    "  mov $23, %eax\n"
    "  syscall\n"
    "  ud2\n"
);

static void __attribute__((noreturn)) finish(void);

void syscall_handler(uint64_t nr, const uint64_t *frame);
void syscall_handler(uint64_t nr, const uint64_t *frame)
{
    uint64_t gs, cr4;

    syscalls++;
    syscall_frame_rip = frame[0];
    syscall_frame_cs = frame[1];
    __asm__ __volatile__ ( "mov %%gs:0, %0" : "=r" (gs) );
    kernel_saw_gs = gs;
    __asm__ __volatile__ ( "mov %%cr4, %0" : "=r" (cr4) );   /* kernel mode: emulated */
    kernel_cr4_in_callback = cr4;
    if ( nr == 2 )
        finish();
    check_eq(nr, 1, "first system call number");
    trap_skip_bytes = 3;                    /* the user's mov %cr4 */
}

static void finish(void)
{
    check_eq(syscalls, 2, "system calls from user mode");
    check_eq(user_saw_gs, user_gs_value, "user mode sees the user GS base");
    check_eq(kernel_saw_gs, kernel_gs_value, "the syscall callback sees the kernel GS base");
    check_eq(syscall_frame_cs & 0xffff, FLAT_USER_CS, "syscall frame CS says user mode");
    check_eq(kernel_cr4_in_callback, 0x620, "privileged emulation in the callback");
    check_eq(trap_seen.count, 1, "#GP from user mode");
    check_eq(trap_seen.vector, 13, "vector of the user's mov %%cr4");
    check_eq(trap_seen.cs & 0xffff, FLAT_USER_CS, "exception frame CS says user mode");
    printf("test-usermode: user mode entered, syscalls and a #GP came back to the kernel\n");
    test_finish();
}

void test_main(void)
{
    const unsigned long *p2m = (const unsigned long *)start_info->mfn_list;
    unsigned long l4_mfn = p2m[(start_info->pt_base - VIRT_BASE) >> 12];
    unsigned long data_mfn = p2m[((unsigned long)user_stack - VIRT_BASE) >> 12];
    struct callback_register cb = { CALLBACKTYPE_syscall, 0, (unsigned long)syscall_stub };
    struct mmuext_op op;
    unsigned int done = 99;
    struct iret_context to_user;

    check_eq(install_trap_stubs(), 0, "set_trap_table");
    check_eq(hypercall2(__HYPERVISOR_set_segment_base, SEGBASE_GS_KERNEL, &kernel_gs_value),
             0, "kernel GS base");
    check_eq(hypercall2(__HYPERVISOR_set_segment_base, SEGBASE_GS_USER, &user_gs_value), 0,
             "user GS base");
    check_eq(hypercall2(__HYPERVISOR_stack_switch, FLAT_KERNEL_SS,
                        (unsigned long)kernel_stack + sizeof(kernel_stack)), 0, "stack_switch");
    check_eq(hypercall2(__HYPERVISOR_callback_op, CALLBACKOP_register, &cb), 0,
             "syscall callback");

    op.cmd = MMUEXT_NEW_USER_BASEPTR;
    op.arg1.mfn = data_mfn;
    check_eq(hypercall4(__HYPERVISOR_mmuext_op, &op, 1, &done, DOMID_SELF), -22,
             "a data page as the user root: -EINVAL");
    check_eq(done, 0, "operations done before the error");
    op.cmd = MMUEXT_NEW_BASEPTR;
    check_eq(hypercall4(__HYPERVISOR_mmuext_op, &op, 1, 0, DOMID_SELF), -22,
             "a data page as the kernel root: -EINVAL");
    op.cmd = MMUEXT_PIN_L4_TABLE;
    check_eq(hypercall4(__HYPERVISOR_mmuext_op, &op, 1, 0, DOMID_SELF), -22,
             "a data page (mapped writable) pinned as an L4: -EINVAL");
    op.cmd = MMUEXT_TLB_FLUSH_LOCAL;
    check_eq(hypercall4(__HYPERVISOR_mmuext_op, &op, 1, &done, DOMID_SELF), 0, "TLB flush");
    check_eq(done, 1, "operations done");
    op.cmd = MMUEXT_NEW_USER_BASEPTR;
    op.arg1.mfn = l4_mfn;                   /* the kernel's own root serves as the user's */
    check_eq(hypercall4(__HYPERVISOR_mmuext_op, &op, 1, 0, DOMID_SELF), 0,
             "NEW_USER_BASEPTR");

    /* Into user mode. */
    to_user.rax = 0;
    to_user.r11 = 0;
    to_user.rcx = 0;
    to_user.flags = 0;
    to_user.rip = (unsigned long)user_entry;
    to_user.cs = FLAT_USER_CS;
    to_user.rflags = 0x202;
    to_user.rsp = (unsigned long)user_stack + sizeof(user_stack);
    to_user.ss = FLAT_USER_SS;
    __asm__ __volatile__ ( "mov %0, %%rsp\n\t"
                           "mov $23, %%eax\n\t"
                           "syscall\n\t"
                           "ud2" :: "r" (&to_user) : "memory" );
    __builtin_unreachable();
}
