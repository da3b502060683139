/*
 * Model-specific registers.
 */
#ifndef ASM_MSR_H
#define ASM_MSR_H

#include <xen/types.h>

#define MSR_IA32_APIC_BASE          0x0000001b
#define  APIC_BASE_BSP              (1UL << 8)
#define  APIC_BASE_EXTD             (1UL << 10)     /* x2APIC mode */
#define  APIC_BASE_ENABLE           (1UL << 11)
#define  APIC_BASE_ADDR_MASK        0x000ffffffffff000UL
#define MSR_IA32_TSC_DEADLINE       0x000006e0
#define MSR_X2APIC_FIRST            0x00000800
#define MSR_FS_BASE                 0xc0000100
#define MSR_GS_BASE                 0xc0000101
#define MSR_SHADOW_GS_BASE          0xc0000102

static inline uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;

    __asm__ __volatile__ ( "rdmsr" : "=a" (lo), "=d" (hi) : "c" (msr) );
    return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t value)
{
    __asm__ __volatile__ ( "wrmsr" :: "c" (msr), "a" ((uint32_t)value),
                           "d" ((uint32_t)(value >> 32)) : "memory" );
}

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;

    __asm__ __volatile__ ( "rdtsc" : "=a" (lo), "=d" (hi) );
    return ((uint64_t)hi << 32) | lo;
}

/* RDTSC ordered after earlier loads (for measurements). */
static inline uint64_t rdtsc_ordered(void)
{
    __asm__ __volatile__ ( "lfence" ::: "memory" );
    return rdtsc();
}

#endif /* ASM_MSR_H */
