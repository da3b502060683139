/*
 * Per-CPU data at the top of each CPU's stack.  Stacks are STACK_SIZE
 * aligned, so the running CPU finds its cpu_info from RSP alone, whatever
 * a guest left in GS.
 */
#ifndef ASM_CURRENT_H
#define ASM_CURRENT_H

#include <asm/config.h>

#define CPU_INFO_RESERVE    256     /* bytes at the top of every stack */

#ifndef __ASSEMBLY__
#include <xen/types.h>

struct vcpu;

struct cpu_info {
    unsigned int cpu_id;
    uint64_t stack_top;             /* highest usable RSP */
    struct vcpu *current;           /* the vCPU this CPU runs, or NULL */
    uint64_t syscall_scratch;       /* the SYSCALL stub parks RAX here */
};

static inline struct cpu_info *get_cpu_info(void)
{
    unsigned long sp;

    __asm__ ( "mov %%rsp, %0" : "=r" (sp) );
    return (struct cpu_info *)((sp & ~(STACK_SIZE - 1)) + STACK_SIZE -
                               CPU_INFO_RESERVE);
}

#define smp_processor_id() (get_cpu_info()->cpu_id)
#endif

#endif /* ASM_CURRENT_H */
