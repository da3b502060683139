/*
 * Running a PV vCPU: its page tables, then IRET into it at ring 3.
 */
#include <asm/current.h>
#include <asm/desc.h>
#include <asm/msr.h>
#include <asm/pv-mm.h>
#include <xen/lib.h>
#include <xen/sched.h>

void pv_enter_frame(struct cpu_user_regs *regs) __noreturn;

/* What each CPU runs, until the scheduler keeps run queues. */
static struct vcpu *running[NR_CPUS];

bool cpu_is_idle(unsigned int cpu)
{
    return __atomic_load_n(&running[cpu], __ATOMIC_ACQUIRE) == NULL;
}

void vcpu_stopped_here(void)
{
    __atomic_store_n(&running[smp_processor_id()], NULL, __ATOMIC_RELEASE);
}

void vcpu_run(struct vcpu *v)
{
    struct cpu_info *info = get_cpu_info();

    info->current = v;
    __atomic_store_n(&running[smp_processor_id()], v, __ATOMIC_RELEASE);
    v->processor = smp_processor_id();
    pv_load_gdt(v);
    /* A vCPU that starts here starts with the bases its context gave (zero for vCPU 0). */
    wrmsr(MSR_FS_BASE, v->pv.fs_base);
    wrmsr(MSR_GS_BASE, v->pv.gs_base_kernel);
    wrmsr(MSR_SHADOW_GS_BASE, v->pv.gs_base_user);
    __asm__ __volatile__ ( "mov %0, %%cr3" :: "r" (v->pv.guest_cr3_kernel) : "memory" );
    pv_enter_frame(&v->regs);
}
