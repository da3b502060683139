/*
 * Exception and interrupt entry: one stub per vector pushes a zero error
 * code where the CPU pushes none and records the vector, then the common
 * path saves the general registers as a struct cpu_user_regs and calls
 * do_entry(regs).  Returning restores the frame and IRETs.
 */
#include <asm/config.h>
#include <asm/current.h>
#include <asm/regs.h>

        .altmacro

/* Push the general registers in struct cpu_user_regs order (R15 lowest). */
        .macro SAVE_ALL
        push    %rdi
        push    %rsi
        push    %rdx
        push    %rcx
        push    %rax
        push    %r8
        push    %r9
        push    %r10
        push    %r11
        push    %rbx
        push    %rbp
        push    %r12
        push    %r13
        push    %r14
        push    %r15
        .endm

/* Vectors for which the CPU pushes an error code (SDM vol. 3, 6.3.1). */
        .macro ENTRY_STUB vec
        .p2align 4
entry_stub_\vec:
        .if !((\vec == 8) || (\vec >= 10 && \vec <= 14) || (\vec == 17) || \
              (\vec == 21) || (\vec == 29) || (\vec == 30))
        push    $0
        .endif
        movl    $\vec, 4(%rsp)                  /* entry_vector */
        jmp     common_entry
        .endm

        .macro STUB_ADDRESS vec
        .quad   entry_stub_\vec
        .endm

        .text
        .set    vec, 0
        .rept   256
        ENTRY_STUB %vec
        .set    vec, vec + 1
        .endr

common_entry:
        cld
        SAVE_ALL
        mov     %rsp, %rdi
        mov     %rsp, %rbx                      /* callee-saved: the frame */
        and     $~15, %rsp                      /* the ABI's call alignment */
        call    do_entry
        mov     %rbx, %rsp
        jmp     restore_all_and_iret

/*
 * SYSCALL from a guest: the per-CPU stub (pv/syscall.c) has switched to
 * this CPU's stack and pushed an IRET frame (SS, RSP, RFLAGS, CS, RIP) and
 * the error-code/vector slot; save the rest and hand over to do_syscall.
 */
        .global syscall_common
syscall_common:
        SAVE_ALL
        mov     %rsp, %rdi
        mov     %rsp, %rbx
        and     $~15, %rsp
        call    do_syscall
        mov     %rbx, %rsp
        jmp     restore_all_and_iret

/*
 * Go on in fn (RDI) on this CPU's stack just below its guest frame: what
 * was on the stack is abandoned (the scheduler's idle loop, which never
 * returns, starts from here).
 */
        .global reset_stack_and_call
reset_stack_and_call:
        mov     %rsp, %rax
        and     $~((1 << (PAGE_SHIFT + STACK_ORDER)) - 1), %rax
        add     $((1 << (PAGE_SHIFT + STACK_ORDER)) - CPU_INFO_RESERVE - UREGS_kernel_sizeof), %rax
        and     $~15, %rax
        mov     %rax, %rsp
        xor     %ebp, %ebp
        call    *%rdi
        ud2

/* Enter a guest: RDI = its frame (struct cpu_user_regs) at the top of this CPU's stack. */
        .global pv_enter_frame
pv_enter_frame:
        cli
        mov     %rdi, %rsp
        /* fall through */

restore_all_and_iret:
        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %rbp
        pop     %rbx
        pop     %r11
        pop     %r10
        pop     %r9
        pop     %r8
        pop     %rax
        pop     %rcx
        pop     %rdx
        pop     %rsi
        pop     %rdi
        add     $8, %rsp                        /* error code and vector */
        iretq

        .section .rodata
        .balign 8
        .global entry_stubs
entry_stubs:
        .set    vec, 0
        .rept   256
        STUB_ADDRESS %vec
        .set    vec, vec + 1
        .endr
