/*
 * Debug key 'q': every domain and its vCPUs, as the scheduler last saw
 * them, and for a vCPU on another CPU, where that CPU's guest is now (a
 * cross-call reads its guest frame).  Read without locks (a debugging
 * snapshot: fields may be mid-change).
 */
#include <asm/current.h>
#include <asm/smp.h>
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/sched.h>

static const char *vcpu_state(const struct vcpu *v)
{
    if ( !v->is_up )
        return "down";
    if ( v->is_running )
        return "running";
    if ( v->blocked )
        return v->poll_nr ? "polling" : "blocked";
    if ( v->pause_count || v->domain->pause_count )
        return "paused";
    return "runnable";
}

/* On the vCPU's CPU: the guest registers it entered the hypervisor with. */
static void print_live_frame(void *data)
{
    const struct vcpu *v = data;
    const struct cpu_user_regs *f = guest_frame();

    if ( current_vcpu() != v )
        return;                         /* it moved meanwhile */
    printk("       now: rip %#lx rsp %#lx rax %#lx rcx %#lx rdx %#lx cs %#x rflags %#lx\n",
           (unsigned long)f->rip, (unsigned long)f->rsp, (unsigned long)f->rax,
           (unsigned long)f->rcx, (unsigned long)f->rdx, (unsigned int)f->cs,
           (unsigned long)f->rflags);
}

static void dump_domain(struct domain *d, void *unused)
{
    printk(" d%u: %lu pages (max %lu), %u vCPUs, %u pauses (%u by its controller)%s%s\n",
           d->domain_id, (unsigned long)d->tot_pages, (unsigned long)d->max_pages,
           d->max_vcpus, d->pause_count, d->controller_pause_count,
           d->is_privileged ? ", privileged" : "", d->is_shutting_down ? ", shutting down" : "");
    for ( unsigned int i = 0; i < d->max_vcpus; i++ )
    {
        const struct vcpu *v = d->vcpu[i];
        const struct vcpu_info *vi = v->vcpu_info;

        printk("   v%u: %s on CPU%u, %s mode, rip %#lx rsp %#lx cr2 %#lx, events %s%s\n",
               v->vcpu_id, vcpu_state(v), v->processor, v->pv.kernel_mode ? "kernel" : "user",
               (unsigned long)v->regs.rip, (unsigned long)v->regs.rsp,
               (unsigned long)(vi ? vi->arch.cr2 : 0),
               vi && vi->evtchn_upcall_mask ? "masked" : "unmasked",
               vi && vi->evtchn_upcall_pending ? ", upcall pending" : "");
        if ( v->is_running && v->processor != (unsigned int)smp_processor_id() )
            smp_call_function_on(v->processor, print_live_frame, (void *)v);
    }
}

static void key_domains(unsigned char key, struct cpu_user_regs *regs)
{
    domain_for_each(dump_domain, NULL);
}

void keyhandler_domains_init(void)
{
    register_keyhandler('q', key_domains, "show every domain and its vCPUs");
}
