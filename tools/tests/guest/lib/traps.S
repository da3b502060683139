/*
 * Exception entry stubs for test kernels.  The hypervisor bounces an
 * exception onto our stack as RCX, R11, [error code,] RIP, CS, RFLAGS, RSP,
 * SS.  Each stub calls trap_handler(vector, frame) with the frame after
 * RCX/R11, then returns with the iret hypercall (the iret_context is the
 * frame plus flags, RCX, R11, RAX pushed in front of it).
 */
        .macro TRAP_STUB vector, has_error
        .global trap_stub_\vector
trap_stub_\vector:
        pop     %rcx
        pop     %r11
        push    %rax
        push    %rdi
        push    %rsi
        push    %rdx
        push    %rcx
        push    %r8
        push    %r9
        push    %r10
        push    %r11
        mov     $\vector, %edi
        lea     72(%rsp), %rsi                  /* the frame: [error,] RIP, ... */
        mov     $\has_error, %edx
        call    trap_handler
        pop     %r11
        pop     %r10
        pop     %r9
        pop     %r8
        pop     %rcx
        pop     %rdx
        pop     %rsi
        pop     %rdi
        pop     %rax
        .if \has_error
        add     $8, %rsp
        .endif
        push    $0                              /* iret_context.flags */
        push    %rcx
        push    %r11
        push    %rax
        mov     $23, %eax                       /* __HYPERVISOR_iret */
        syscall
        ud2                                     /* iret does not return */
        .endm

        .text
        TRAP_STUB 0, 0
        TRAP_STUB 3, 0
        TRAP_STUB 6, 0
        TRAP_STUB 7, 0
        TRAP_STUB 13, 1
        TRAP_STUB 14, 1
