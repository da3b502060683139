/*
 * VCPUOP_initialise for PV vCPUs: a guest-built vcpu_guest_context becomes
 * the vCPU's state.  Everything is checked and every reference taken (its
 * kernel and user roots, its GDT frames) before anything changes, so a
 * refused context leaves the vCPU as it was.
 */
#include <asm/mm.h>
#include <asm/pv-mm.h>
#include <asm/x86-defs.h>
#include <public/xen.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>

#define MAX_GDT_ENTRIES     (14 * 512)

static bool canonical_or_zero(uint64_t va)
{
    return va == 0 || guest_range_ok(va, 1);
}

/* A type reference on one of d's frames as 'type', or false. */
static bool take_frame(struct domain *d, uint64_t mfn, unsigned int type)
{
    return mfn_valid(mfn) && mfn_is_ram(mfn) &&
           !get_page_and_type(mfn_to_page(mfn), d, type);
}

int pv_vcpu_initialise(struct vcpu *v, const struct vcpu_guest_context *c)
{
    struct domain *d = v->domain;
    uint64_t l4 = c->ctrlreg[3] >> PAGE_SHIFT, user_l4 = c->ctrlreg[1] >> PAGE_SHIFT;
    unsigned int gdt_frames = (c->gdt_ents + 511) / 512, got = 0;
    const struct xen_cpu_user_regs *r = &c->user_regs;
    int rc = -EINVAL;

    if ( !(c->flags & VGCF_in_kernel) || r->rip == 0 || !guest_range_ok(r->rip, 1) ||
         !canonical_or_zero(c->kernel_sp) || !canonical_or_zero(c->event_callback_eip) ||
         !canonical_or_zero(c->failsafe_callback_eip) ||
         !canonical_or_zero(c->syscall_callback_eip) || c->gdt_ents > MAX_GDT_ENTRIES ||
         !canonical_or_zero(c->fs_base) || !canonical_or_zero(c->gs_base_kernel) ||
         !canonical_or_zero(c->gs_base_user) )
        return -EINVAL;

    spin_lock(&d->mm_lock);
    if ( !take_frame(d, l4, PGT_l4_page_table) )
        goto out;
    if ( user_l4 && !take_frame(d, user_l4, PGT_l4_page_table) )
        goto put_l4;
    for ( ; got < gdt_frames; got++ )
        if ( !take_frame(d, c->gdt_frames[got], PGT_seg_desc_page) )
            goto put_gdt;

    memset(&v->regs, 0, sizeof(v->regs));
    v->regs.r15 = r->r15; v->regs.r14 = r->r14; v->regs.r13 = r->r13; v->regs.r12 = r->r12;
    v->regs.rbp = r->rbp; v->regs.rbx = r->rbx; v->regs.r11 = r->r11; v->regs.r10 = r->r10;
    v->regs.r9 = r->r9; v->regs.r8 = r->r8; v->regs.rax = r->rax; v->regs.rcx = r->rcx;
    v->regs.rdx = r->rdx; v->regs.rsi = r->rsi; v->regs.rdi = r->rdi;
    v->regs.rip = r->rip;
    v->regs.rsp = r->rsp;
    v->regs.cs = FLAT_KERNEL_CS;
    v->regs.ss = FLAT_KERNEL_SS;
    /* IOPL, NT and VM are the hypervisor's; real interrupts stay on. */
    v->regs.rflags = (r->rflags & ~(0x3000ULL | 0x4000 | 0x20000)) | X86_EFLAGS_IF | 0x2;
    /* The context's IOPL is the vCPU's virtual one (Linux gives its secondaries ring 1's). */
    v->pv.iopl = (r->rflags >> 12) & 3;

    memset(&v->pv.traps, 0, sizeof(v->pv.traps));
    for ( unsigned int i = 0; i < 256; i++ )
        if ( canonical_or_zero(c->trap_ctxt[i].address) )
            v->pv.traps[c->trap_ctxt[i].vector] = c->trap_ctxt[i];
    v->pv.kernel_ss = c->kernel_ss | 3;
    v->pv.kernel_sp = c->kernel_sp;
    v->pv.event_callback = c->event_callback_eip;
    v->pv.failsafe_callback = c->failsafe_callback_eip;
    v->pv.syscall_callback = c->syscall_callback_eip;
    v->pv.failsafe_disables_events = c->flags & VGCF_failsafe_disables_events;
    v->pv.syscall_disables_events = c->flags & VGCF_syscall_disables_events;
    v->pv.vm_assist = c->vm_assist;
    v->pv.fs_base = c->fs_base;
    v->pv.gs_base_kernel = c->gs_base_kernel;
    v->pv.gs_base_user = c->gs_base_user;
    v->pv.kernel_mode = true;
    v->pv.guest_cr3_kernel = l4 << PAGE_SHIFT;
    v->pv.guest_cr3_user = user_l4 << PAGE_SHIFT;
    for ( unsigned int i = 0; i < gdt_frames; i++ )
        v->pv.gdt_mfns[i] = c->gdt_frames[i];
    v->pv.gdt_frames = gdt_frames;
    v->pv.gdt_ents = c->gdt_ents;
    v->is_initialised = true;
    spin_unlock(&d->mm_lock);
    return 0;

 put_gdt:
    while ( got-- > 0 )
        put_page_and_type(mfn_to_page(c->gdt_frames[got]));
    if ( user_l4 )
        put_page_and_type(mfn_to_page(user_l4));
 put_l4:
    put_page_and_type(mfn_to_page(l4));
 out:
    spin_unlock(&d->mm_lock);
    return rc;
}

void pv_vcpu_get_context(const struct vcpu *v, struct vcpu_guest_context *c)
{
    const struct cpu_user_regs *g = &v->regs;
    struct xen_cpu_user_regs *r = &c->user_regs;

    memset(c, 0, sizeof(*c));
    c->flags = (v->pv.kernel_mode ? VGCF_in_kernel : 0) | (v->is_up ? VGCF_online : 0) |
               (v->pv.failsafe_disables_events ? VGCF_failsafe_disables_events : 0) |
               (v->pv.syscall_disables_events ? VGCF_syscall_disables_events : 0);
    r->r15 = g->r15; r->r14 = g->r14; r->r13 = g->r13; r->r12 = g->r12;
    r->rbp = g->rbp; r->rbx = g->rbx; r->r11 = g->r11; r->r10 = g->r10;
    r->r9 = g->r9; r->r8 = g->r8; r->rax = g->rax; r->rcx = g->rcx;
    r->rdx = g->rdx; r->rsi = g->rsi; r->rdi = g->rdi;
    r->rip = g->rip;
    r->cs = g->cs;
    r->rflags = g->rflags;
    r->rsp = g->rsp;
    r->ss = g->ss;
    r->saved_upcall_mask = v->vcpu_info->evtchn_upcall_mask;
    for ( unsigned int i = 0; i < 256; i++ )
        c->trap_ctxt[i] = v->pv.traps[i];
    for ( unsigned int i = 0; i < v->pv.gdt_frames; i++ )
        c->gdt_frames[i] = v->pv.gdt_mfns[i];
    c->gdt_ents = v->pv.gdt_ents;
    c->kernel_ss = v->pv.kernel_ss;
    c->kernel_sp = v->pv.kernel_sp;
    c->ctrlreg[3] = v->pv.guest_cr3_kernel;
    c->ctrlreg[1] = v->pv.guest_cr3_user;
    c->event_callback_eip = v->pv.event_callback;
    c->failsafe_callback_eip = v->pv.failsafe_callback;
    c->syscall_callback_eip = v->pv.syscall_callback;
    c->vm_assist = v->pv.vm_assist;
    c->fs_base = v->pv.fs_base;
    c->gs_base_kernel = v->pv.gs_base_kernel;
    c->gs_base_user = v->pv.gs_base_user;
}
