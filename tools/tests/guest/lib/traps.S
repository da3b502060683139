/*
 * Exception entry stubs for test kernels.  The hypervisor bounces an
 * exception onto our stack as RCX, R11, [error code,] RIP, CS, RFLAGS, RSP,
 * SS.  Each stub calls trap_handler(vector, frame) with the frame after
 * RCX/R11, then returns with the iret hypercall.
 */
#include "entry-macros.h"

        .macro TRAP_STUB vector, has_error
        .global trap_stub_\vector
trap_stub_\vector:
        pop     %rcx
        pop     %r11
        SAVE_CALLER_SAVED
        mov     $\vector, %edi
        lea     72(%rsp), %rsi                  /* the frame: [error,] RIP, ... */
        mov     $\has_error, %edx
        call    trap_handler
        RESTORE_CALLER_SAVED
        .if \has_error
        add     $8, %rsp
        .endif
        IRET_HYPERCALL
        .endm

        .text
        TRAP_STUB 0, 0
        TRAP_STUB 3, 0
        TRAP_STUB 6, 0
        TRAP_STUB 7, 0
        TRAP_STUB 13, 1
        TRAP_STUB 14, 1
