/*
 * The event callback of test kernels: the hypervisor enters it with
 * RCX, R11, RIP, CS, RFLAGS, RSP, SS on the stack and events masked; it
 * calls event_handler() and returns with the iret hypercall, which
 * restores the event mask from the saved RFLAGS.IF.
 */
        .text
        .global event_stub
event_stub:
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
        call    event_handler
        pop     %r11
        pop     %r10
        pop     %r9
        pop     %r8
        pop     %rcx
        pop     %rdx
        pop     %rsi
        pop     %rdi
        pop     %rax
        push    $0
        push    %rcx
        push    %r11
        push    %rax
        mov     $23, %eax
        syscall
        ud2
