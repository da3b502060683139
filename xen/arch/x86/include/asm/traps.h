/*
 * Exceptions and interrupts as the C side sees them.  A fault taken in the
 * hypervisor is fatal: registers and a backtrace are printed and the
 * machine halts.  Faults of guests are delivered to them (PV code).
 */
#ifndef ASM_TRAPS_H
#define ASM_TRAPS_H

#include <asm/regs.h>
#include <xen/compiler.h>

#define X86_EXC_DE   0
#define X86_EXC_DB   1
#define X86_EXC_NMI  2
#define X86_EXC_BP   3
#define X86_EXC_OF   4
#define X86_EXC_BR   5
#define X86_EXC_UD   6
#define X86_EXC_NM   7
#define X86_EXC_DF   8
#define X86_EXC_TS  10
#define X86_EXC_NP  11
#define X86_EXC_SS  12
#define X86_EXC_GP  13
#define X86_EXC_PF  14
#define X86_EXC_MF  16
#define X86_EXC_AC  17
#define X86_EXC_MC  18
#define X86_EXC_XM  19
#define X86_EXC_VE  20
#define X86_EXC_CP  21
#define FIRST_EXTERNAL_VECTOR 32

void do_entry(struct cpu_user_regs *regs);

/* Handler of external interrupt vectors (>= 32); the APIC code provides it. */
void do_IRQ(struct cpu_user_regs *regs);

void show_registers(const struct cpu_user_regs *regs);
void show_backtrace(uint64_t rbp);

void __noreturn fatal_trap(const struct cpu_user_regs *regs);

void trap_init(void);

/* An exception taken while a PV guest ran (pv/traps.c). */
void pv_guest_exception(struct cpu_user_regs *regs);

#endif /* ASM_TRAPS_H */
