/*
 * Exceptions of PV guests.  Delivering them to the guest's own handlers
 * (bounce frames) is the next step of the PV work; until then an exception
 * in a guest stops that guest with a report, never the hypervisor.
 */
#include <asm/traps.h>
#include <xen/lib.h>
#include <xen/sched.h>

void pv_guest_exception(struct cpu_user_regs *regs)
{
    struct vcpu *v = current_vcpu();
    uint64_t cr2;
    char why[96];

    __asm__ __volatile__ ( "mov %%cr2, %0" : "=r" (cr2) );
    snprintf(why, sizeof(why), "exception %u (error %#x) at %#lx, cr2 %#lx",
             regs->entry_vector, regs->error_code, (unsigned long)regs->rip,
             (unsigned long)cr2);
    if ( v == NULL )
        panic("guest-mode exception with no guest: %s", why);
    show_registers(regs);
    domain_crash(v->domain, why);
}
