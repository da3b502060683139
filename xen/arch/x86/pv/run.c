/*
 * Switching PV vCPUs on a CPU: what the CPU holds of a vCPU (registers,
 * page tables, GDT/LDT, segment selectors and bases, FPU/SSE) is saved in
 * struct vcpu when it leaves and loaded when it comes back.  A guest's
 * frame always sits at the top of the CPU's stack (the TSS and SYSCALL
 * stub put it there), so entering a vCPU means writing its registers
 * there and IRETing.
 */
#include <asm/current.h>
#include <asm/desc.h>
#include <asm/msr.h>
#include <asm/pv.h>
#include <asm/pv-mm.h>
#include <public/vcpu.h>
#include <xen/lib.h>
#include <xen/string.h>
#include <xen/sched.h>

void pv_enter_frame(struct cpu_user_regs *regs) __noreturn;
/* Load DS, ES, FS and GS; if one faults (a stale selector) all four end up null. */
void load_guest_selectors(const uint16_t *sel);

struct cpu_user_regs *guest_frame(void)
{
    return (struct cpu_user_regs *)get_cpu_info() - 1;
}

static void fpu_save(struct vcpu *v)
{
    __asm__ __volatile__ ( "clts; fxsaveq %0" : "=m" (v->fpu) :: "memory" );
}

static void fpu_load(const struct vcpu *v)
{
    __asm__ __volatile__ ( "clts; fxrstorq %0" :: "m" (v->fpu) : "memory" );
    pv_set_ts(v->pv.virtual_ts);
}

/* In user mode the CPU holds the user's GS base active and the kernel's in the shadow. */
void vcpu_save_context(struct vcpu *v, const struct cpu_user_regs *frame)
{
    uint64_t gs = rdmsr(MSR_GS_BASE), shadow = rdmsr(MSR_SHADOW_GS_BASE);

    v->regs = *frame;
    __asm__ __volatile__ ( "mov %%ds, %0; mov %%es, %1; mov %%fs, %2; mov %%gs, %3"
                           : "=m" (v->selectors[0]), "=m" (v->selectors[1]),
                             "=m" (v->selectors[2]), "=m" (v->selectors[3]) );
    v->pv.fs_base = rdmsr(MSR_FS_BASE);
    v->pv.gs_base_kernel = v->pv.kernel_mode ? gs : shadow;
    v->pv.gs_base_user = v->pv.kernel_mode ? shadow : gs;
    fpu_save(v);
}

void vcpu_run(struct vcpu *v)
{
    struct cpu_user_regs *frame = guest_frame();

    get_cpu_info()->current = v;
    pv_load_gdt(v);
    load_guest_selectors(v->selectors);     /* before the bases: a selector load sets one */
    wrmsr(MSR_FS_BASE, v->pv.fs_base);
    wrmsr(MSR_GS_BASE, v->pv.kernel_mode ? v->pv.gs_base_kernel : v->pv.gs_base_user);
    wrmsr(MSR_SHADOW_GS_BASE, v->pv.kernel_mode ? v->pv.gs_base_user : v->pv.gs_base_kernel);
    __asm__ __volatile__ ( "mov %0, %%cr3"
                           :: "r" (v->pv.kernel_mode ? v->pv.guest_cr3_kernel
                                                     : v->pv.guest_cr3_user) : "memory" );
    fpu_load(v);
    *frame = v->regs;
    vcpu_end_poll(v);
    update_vcpu_system_time(v);         /* its TSC stamp may be another CPU's */
    vcpu_runstate_change(v, RUNSTATE_running);
    if ( v->domain->is_shutting_down )
        domain_finished(v->domain);
    pv_deliver_events(frame);
    pv_enter_frame(frame);
}

/* A new vCPU's FPU: what FNINIT and the reset MXCSR give. */
void vcpu_fpu_init(struct vcpu *v)
{
    uint16_t fcw = 0x37f;
    uint32_t mxcsr = 0x1f80;

    memset(v->fpu, 0, sizeof(v->fpu));
    memcpy(&v->fpu[0], &fcw, sizeof(fcw));
    memcpy(&v->fpu[24], &mxcsr, sizeof(mxcsr));
}
