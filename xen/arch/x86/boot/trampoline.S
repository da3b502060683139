/*
 * The secondary-CPU trampoline.  A CPU woken by a startup IPI begins in
 * real mode at TRAMPOLINE_PADDR; this code takes it through protected mode
 * to long mode on the page tables in tramp_cr3, then jumps to tramp_entry
 * on tramp_stack.  It is assembled here and copied to TRAMPOLINE_PADDR
 * (below 1 MiB, page aligned) by smpboot.c, which fills the three slots.
 */
#include <asm/config.h>
#include <asm/smp.h>
#include <asm/long-mode.h>
#include <asm/x86-defs.h>

#define TRAMP(sym)      (TRAMPOLINE_PADDR + (sym) - trampoline_start)

#define T_CS32          0x08
#define T_DS            0x10
#define T_CS64          0x18

        .section .rodata.trampoline, "a", @progbits
        .global trampoline_start, trampoline_end
        .global tramp_cr3, tramp_stack, tramp_entry
        .balign 16
        .code16
trampoline_start:
        cli
        cld
        mov     %cs, %ax
        mov     %ax, %ds
        lgdtl   tramp_gdtr - trampoline_start
        mov     %cr0, %eax
        or      $X86_CR0_PE, %eax
        mov     %eax, %cr0
        ljmpl   $T_CS32, $TRAMP(tramp32)

        .code32
tramp32:
        mov     $T_DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        ENABLE_LONG_MODE TRAMP(tramp_cr3)
        ljmp    $T_CS64, $TRAMP(tramp64)

        .code64
tramp64:
        mov     TRAMP(tramp_stack), %rsp
        mov     TRAMP(tramp_entry), %rax
        xor     %ebp, %ebp
        jmp     *%rax

        .balign 8
tramp_gdt:
        .quad   0
        .quad   0x00cf9a000000ffff              /* T_CS32 */
        .quad   0x00cf92000000ffff              /* T_DS */
        .quad   0x00af9a000000ffff              /* T_CS64 */
tramp_gdtr:
        .word   tramp_gdtr - tramp_gdt - 1
        .long   TRAMP(tramp_gdt)
        .balign 8
tramp_cr3:      .quad   0
tramp_stack:    .quad   0
tramp_entry:    .quad   0
trampoline_end:
