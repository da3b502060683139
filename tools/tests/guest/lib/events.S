/*
 * The event callback of test kernels: the hypervisor enters it with
 * RCX, R11, RIP, CS, RFLAGS, RSP, SS on the stack and events masked; it
 * calls event_handler() and returns with the iret hypercall, which
 * restores the event mask from the saved RFLAGS.IF.
 */
#include "entry-macros.h"

        .text
        .global event_stub
event_stub:
        pop     %rcx
        pop     %r11
        SAVE_CALLER_SAVED
        call    event_handler
        RESTORE_CALLER_SAVED
        IRET_HYPERCALL
