/*
 * Bringing up the secondary CPUs: INIT-SIPI-SIPI through the trampoline,
 * one CPU at a time, each on its own stack with its own GDT, TSS and APIC.
 */
#include <asm/apic.h>
#include <asm/current.h>
#include <asm/desc.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/pv.h>
#include <asm/smp.h>
#include <xen/errno.h>
#include <xen/irq.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/time.h>

volatile uint64_t cpu_online_map = 1;       /* the boot CPU */
unsigned int nr_cpus_online = 1;
uint32_t cpu_to_apic_id[NR_CPUS];

static unsigned int opt_maxcpus = NR_CPUS;
integer_param("maxcpus", opt_maxcpus);

/* Secondary stacks; STACK_SIZE alignment lets each CPU find its cpu_info. */
static uint8_t cpu_stacks[NR_CPUS][STACK_SIZE] __aligned(STACK_SIZE);

extern const char trampoline_start[], trampoline_end[];
extern uint64_t tramp_cr3, tramp_stack, tramp_entry;

static void __noreturn start_secondary(void)
{
    unsigned int cpu = smp_processor_id();

    load_system_tables(cpu);
    pat_init_cpu();
    apic_init_ap();
    apic_timer_init_cpu();
    gdt_area_init(cpu);
    pv_syscall_init_cpu(cpu, get_cpu_info());
    __atomic_or_fetch(&cpu_online_map, 1ULL << cpu, __ATOMIC_SEQ_CST);

    sched_idle();               /* runs what the scheduler gives it, idles otherwise */
}

static uint64_t read_cr3(void)
{
    uint64_t cr3;

    __asm__ __volatile__ ( "mov %%cr3, %0" : "=r" (cr3) );
    return cr3;
}

/* The trampoline slots as seen in the copy below 1 MiB. */
static uint64_t *tramp_slot(uint64_t *slot_in_image)
{
    return maddr_to_virt(TRAMPOLINE_PADDR +
                         ((const char *)slot_in_image - trampoline_start));
}

static int boot_one_cpu(unsigned int cpu, uint32_t apic)
{
    struct cpu_info *info = (struct cpu_info *)(cpu_stacks[cpu] + STACK_SIZE -
                                                CPU_INFO_RESERVE);
    s_time_t deadline;

    memset(info, 0, sizeof(*info));
    info->cpu_id = cpu;
    info->stack_top = (uint64_t)info;
    cpu_to_apic_id[cpu] = apic;

    *tramp_slot(&tramp_cr3) = read_cr3();
    *tramp_slot(&tramp_stack) = (uint64_t)info;
    *tramp_slot(&tramp_entry) = (uint64_t)start_secondary;

    /* Intel SDM vol. 3, 8.4.4.1: INIT, 10 ms, then two STARTUPs 200 us apart. */
    apic_send_icr(apic, APIC_ICR_INIT | APIC_ICR_ASSERT | APIC_ICR_LEVEL);
    udelay(10000);
    apic_send_icr(apic, APIC_ICR_INIT | APIC_ICR_LEVEL);
    for ( unsigned int i = 0; i < 2 && !cpu_online(cpu); i++ )
    {
        apic_send_icr(apic, APIC_ICR_STARTUP | (TRAMPOLINE_PADDR >> 12));
        udelay(200);
    }

    deadline = NOW() + SECONDS(1);
    while ( !cpu_online(cpu) && NOW() < deadline )
        cpu_relax();
    return cpu_online(cpu) ? 0 : -ETIMEDOUT;
}

void smp_boot_cpus(const struct madt_info *madt)
{
    uint32_t self = apic_id();
    unsigned int next = 1;
    size_t tramp_size = trampoline_end - trampoline_start;

    BUILD_BUG_ON(TRAMPOLINE_PADDR & (PAGE_SIZE - 1));
    BUG_ON(tramp_size > PAGE_SIZE);
    cpu_to_apic_id[0] = self;
    memcpy(maddr_to_virt(TRAMPOLINE_PADDR), trampoline_start, tramp_size);
    smp_ipi_init();

    for ( unsigned int i = 0; i < madt->nr_cpus; i++ )
    {
        uint32_t apic = madt->cpu_apic_ids[i];
        int rc;

        if ( apic == self )
            continue;
        if ( next >= opt_maxcpus || next >= NR_CPUS )
        {
            printk("SMP: CPU with APIC id %u not started (maxcpus=%u)\n", apic,
                   opt_maxcpus);
            continue;
        }
        rc = boot_one_cpu(next, apic);
        if ( rc )
        {
            printk(XENLOG_ERR "SMP: CPU with APIC id %u did not come up (%d)\n",
                   apic, rc);
            continue;
        }
        next++;
        nr_cpus_online++;
    }
    printk("SMP: %u CPU%s online\n", nr_cpus_online, nr_cpus_online == 1 ? "" : "s");
    for ( unsigned int cpu = 0; cpu < nr_cpus_online; cpu++ )
        printk(" CPU%u: APIC id %u%s\n", cpu, cpu_to_apic_id[cpu],
               cpu == 0 ? " (boot CPU)" : "");
}
