/*
 * Secondary CPUs.  Logical CPU numbers are dense: 0 is the boot CPU, the
 * others follow the MADT's order.  cpu_online_map changes only while CPUs
 * are brought up (by the boot CPU); readers may race with that growth.
 */
#ifndef ASM_SMP_H
#define ASM_SMP_H

/* Where the real-mode trampoline is copied: page aligned, below 1 MiB. */
#define TRAMPOLINE_PADDR    0x8000

#ifndef __ASSEMBLY__
#include <asm/config.h>
#include <xen/acpi-madt.h>
#include <xen/types.h>

extern unsigned int nr_cpus_online;
extern uint32_t cpu_to_apic_id[NR_CPUS];

static inline bool cpu_online(unsigned int cpu)
{
    extern volatile uint64_t cpu_online_map;

    return cpu < 64 && (cpu_online_map & (1ULL << cpu));
}

/* Start every enabled CPU of the MADT, up to maxcpus=. */
void smp_boot_cpus(const struct madt_info *madt);

/*
 * Run fn(data) on 'cpu' (not the caller's) through an IPI and wait until
 * it has returned.  Returns 0, or -EINVAL for an offline or own CPU, or
 * -ETIMEDOUT if it did not run within a second.
 */
int smp_call_function_on(unsigned int cpu, void (*fn)(void *), void *data);

void smp_ipi_init(void);
#endif

#endif /* ASM_SMP_H */
