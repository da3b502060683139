/*
 * CPU control: interrupts, halting, CPUID.
 */
#ifndef ASM_PROCESSOR_H
#define ASM_PROCESSOR_H

#include <xen/compiler.h>
#include <xen/types.h>

static inline void local_irq_disable(void)
{
    __asm__ __volatile__ ( "cli" ::: "memory" );
}

static inline void halt(void)
{
    __asm__ __volatile__ ( "hlt" ::: "memory" );
}

static inline void cpu_relax(void)
{
    __asm__ __volatile__ ( "pause" ::: "memory" );
}

static inline void cpuid_count(uint32_t leaf, uint32_t subleaf, uint32_t *eax,
                               uint32_t *ebx, uint32_t *ecx, uint32_t *edx)
{
    __asm__ __volatile__ ( "cpuid"
                           : "=a" (*eax), "=b" (*ebx), "=c" (*ecx), "=d" (*edx)
                           : "0" (leaf), "2" (subleaf) );
}

/* Stop this CPU for good: interrupts off, halt forever. */
static inline void __noreturn cpu_halt_forever(void)
{
    local_irq_disable();
    for ( ;; )
        halt();
}

#endif /* ASM_PROCESSOR_H */
