/*
 * The register frame every exception, interrupt and (later) hypercall
 * entry builds on the stack: general registers pushed by the entry code,
 * then the error code and vector, then what the CPU pushed.  The order is
 * fixed by arch/x86/entry.S.
 */
#ifndef ASM_REGS_H
#define ASM_REGS_H

#ifndef __ASSEMBLY__
#include <xen/types.h>

struct cpu_user_regs {
    uint64_t r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
    uint64_t rax, rcx, rdx, rsi, rdi;
    uint32_t error_code;
    uint32_t entry_vector;
    /* Pushed by the CPU. */
    uint64_t rip;
    uint64_t cs;
    uint64_t rflags;
    uint64_t rsp;
    uint64_t ss;
};

/* Did this frame interrupt the hypervisor itself (CPL 0)? */
static inline bool regs_from_hypervisor(const struct cpu_user_regs *regs)
{
    return (regs->cs & 3) == 0;
}
#endif

/* Offsets used by entry.S; checked against the struct in traps.c. */
#define UREGS_error_code    120
#define UREGS_entry_vector  124
#define UREGS_rip           128
#define UREGS_kernel_sizeof 168

#endif /* ASM_REGS_H */
