/*
 * Switch a CPU in 32-bit protected mode with paging off to long mode on
 * the page tables whose machine address is in 'cr3src' (a 32-bit operand).
 * Used by the boot CPU's entry and by the secondary-CPU trampoline.
 */
#ifndef ASM_LONG_MODE_H
#define ASM_LONG_MODE_H

#include <asm/x86-defs.h>

        .macro ENABLE_LONG_MODE cr3src
        mov     %cr4, %eax
        or      $X86_CR4_PAE, %eax
        mov     %eax, %cr4
        mov     \cr3src, %eax
        mov     %eax, %cr3
        mov     $MSR_EFER, %ecx
        rdmsr
        or      $(EFER_LME | EFER_NXE), %eax
        wrmsr
        mov     $(X86_CR0_PG | X86_CR0_WP | X86_CR0_NE | X86_CR0_ET | \
                  X86_CR0_MP | X86_CR0_PE), %eax
        mov     %eax, %cr0
        .endm

#endif /* ASM_LONG_MODE_H */
