/*
 * Running a PV vCPU: its page tables, then IRET into it at ring 3.
 */
#include <asm/current.h>
#include <asm/desc.h>
#include <asm/pv-mm.h>
#include <xen/lib.h>
#include <xen/sched.h>

void pv_enter_frame(struct cpu_user_regs *regs) __noreturn;

void vcpu_run(struct vcpu *v)
{
    struct cpu_info *info = get_cpu_info();

    info->current = v;
    v->processor = smp_processor_id();
    pv_load_gdt(v);
    __asm__ __volatile__ ( "mov %0, %%cr3" :: "r" (v->pv.guest_cr3_kernel) : "memory" );
    pv_enter_frame(&v->regs);
}
