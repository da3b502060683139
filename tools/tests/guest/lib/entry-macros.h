/*
 * Assembly helpers shared by the test kernels' entry stubs: the registers
 * a C call may clobber, and the iret hypercall that ends every stub.
 */
#ifndef GUEST_ENTRY_MACROS_H
#define GUEST_ENTRY_MACROS_H

        .macro SAVE_CALLER_SAVED
        push    %rax
        push    %rdi
        push    %rsi
        push    %rdx
        push    %rcx
        push    %r8
        push    %r9
        push    %r10
        push    %r11
        .endm

        .macro RESTORE_CALLER_SAVED
        pop     %r11
        pop     %r10
        pop     %r9
        pop     %r8
        pop     %rcx
        pop     %rdx
        pop     %rsi
        pop     %rdi
        pop     %rax
        .endm

/* Complete an iret_context (flags, RCX, R11, RAX) and return through it. */
        .macro IRET_HYPERCALL flags=0
        push    $\flags
        push    %rcx
        push    %r11
        push    %rax
        mov     $23, %eax                       /* __HYPERVISOR_iret */
        syscall
        ud2                                     /* iret does not return */
        .endm

#endif /* GUEST_ENTRY_MACROS_H */
