/*
 * Entry of an Argon test kernel, and the Xen ELF notes that make it a PV
 * kernel.  The builder starts us at ring 3 with RSI = start_info.
 */
#define NOTE(type, desc_directive, value)               \
        .balign 4;                                      \
        .long 4;                                        \
        .long 22f - 21f;                                \
        .long type;                                     \
        .asciz "Xen";                                   \
        .balign 4;                                      \
21:     desc_directive value;                           \
22:     .balign 4

        .section .note.Xen, "a", @note
        NOTE(6, .asciz, "Argon-test")           /* GUEST_OS */
        NOTE(5, .asciz, "xen-3.0")              /* XEN_VERSION */
        NOTE(8, .asciz, "generic")              /* LOADER */
        NOTE(3, .quad, 0xffffffff80000000)      /* VIRT_BASE */
        NOTE(4, .quad, 0)                       /* PADDR_OFFSET */
        NOTE(1, .quad, _start)                  /* ENTRY */
#ifdef WITH_HYPERCALL_PAGE
        NOTE(2, .quad, hypercall_page)          /* HYPERCALL_PAGE */
#endif
        NOTE(10, .asciz, "!writable_page_tables") /* FEATURES */

        .text
        .global _start
_start:
        lea     stack_top(%rip), %rsp
        mov     %rsi, %rdi
        call    guest_start
1:      hlt                                     /* never reached: a #GP ends the test */
        jmp     1b

#ifdef WITH_HYPERCALL_PAGE
        .balign 4096
        .global hypercall_page
hypercall_page:
        .skip 4096, 0xcc
#endif

        .bss
        .balign 16
        .skip 16384
stack_top:
