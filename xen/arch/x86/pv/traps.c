/*
 * Exceptions of PV guests: the trap table a guest registers, and delivery
 * of an exception to the guest kernel's handler through a bounce frame on
 * its stack, in Xen's x86-64 layout (lowest address first):
 *     RCX, R11, [error code,] RIP, CS, RFLAGS, RSP, SS
 * CS carries the saved event mask in bits 32-39; RFLAGS.IF is the guest's
 * virtual IF (events unmasked).  A guest without a handler for the
 * exception, or whose stack cannot take the frame, is stopped with a report;
 * the hypervisor is never at risk.
 */
#include <asm/pv.h>
#include <asm/traps.h>
#include <asm/x86-defs.h>
#include <public/xen.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <asm/ptwr.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/string.h>

#define TI_DPL_MASK         3
#define TI_DISABLE_EVENTS   4       /* trap_info.flags: mask events in the handler */
#define MAX_TRAPS           256
#define PF_ERROR_USER       4

static bool has_error_code(unsigned int vector)
{
    return vector == X86_EXC_DF || (vector >= X86_EXC_TS && vector <= X86_EXC_PF) ||
           vector == X86_EXC_AC || vector == X86_EXC_CP;
}

static bool kernel_address_ok(uint64_t va)
{
    return va && guest_range_ok(va, 1);
}

long do_set_trap_table(uint64_t table, uint64_t a2, uint64_t a3, uint64_t a4,
                       uint64_t a5, uint64_t a6)
{
    struct vcpu *v = current_vcpu();

    /* A null table clears every entry (the ABI's way to reset). */
    if ( table == 0 )
    {
        memset(v->pv.traps, 0, sizeof(v->pv.traps));
        return 0;
    }
    for ( unsigned int i = 0; i < MAX_TRAPS; i++ )
    {
        struct trap_info ti;

        if ( copy_from_guest(&ti, table + i * sizeof(ti), sizeof(ti)) )
            return -EFAULT;
        if ( ti.address == 0 )
            return 0;                   /* the terminator */
        if ( !kernel_address_ok(ti.address) )
            return -EINVAL;
        ti.cs = FLAT_KERNEL_CS;         /* the only code selector a PV kernel has */
        v->pv.traps[ti.vector] = ti;
    }
    return -E2BIG;                      /* no terminator within 256 entries */
}

/* The top of the guest's stack, for the post-mortem: return addresses name the callers. */
static void show_guest_stack(const struct cpu_user_regs *regs)
{
    uint64_t words[8];

    if ( copy_from_guest(words, regs->rsp, sizeof(words)) )
    {
        printk("Guest stack at %#lx: not readable\n", (unsigned long)regs->rsp);
        return;
    }
    printk("Guest stack at %#lx:\n", (unsigned long)regs->rsp);
    for ( unsigned int i = 0; i < 8; i += 4 )
        printk("  %016lx %016lx %016lx %016lx\n", (unsigned long)words[i],
               (unsigned long)words[i + 1], (unsigned long)words[i + 2],
               (unsigned long)words[i + 3]);
}

static void __noreturn crash(struct vcpu *v, const struct cpu_user_regs *regs,
                             const char *what, uint64_t cr2)
{
    char why[128];

    snprintf(why, sizeof(why), "%s: exception %u (error %#x) at %#lx, cr2 %#lx", what,
             regs->entry_vector, regs->error_code, (unsigned long)regs->rip,
             (unsigned long)cr2);
    show_registers(regs);
    show_guest_stack(regs);
    domain_crash(v->domain, why);
}

/*
 * Switch the vCPU between guest kernel and guest user mode: the other root
 * page table, and the other GS base (SWAPGS exchanges the two MSRs exactly
 * as the guest expects).  Returns false if user mode has no page tables.
 */
static bool toggle_guest_mode(struct vcpu *v)
{
    uint64_t cr3 = v->pv.kernel_mode ? v->pv.guest_cr3_user : v->pv.guest_cr3_kernel;

    if ( cr3 == 0 )
        return false;
    v->pv.kernel_mode = !v->pv.kernel_mode;
    __asm__ __volatile__ ( "swapgs; mov %0, %%cr3" :: "r" (cr3) : "memory" );
    return true;
}

/*
 * Enter the guest kernel at 'entry' with a bounce frame: from kernel mode on
 * the current stack, from user mode on the stack given with stack_switch
 * (switching to kernel mode first).  The saved CS says which mode to
 * return to: RPL 0 for the kernel, FLAT_USER_CS for user mode.  Between
 * R11 and RIP go nr_extra words: an error code, or a failsafe frame's
 * DS, ES, FS and GS.
 */
static void bounce_frame(struct vcpu *v, struct cpu_user_regs *regs, uint64_t entry,
                         const uint64_t *extra, unsigned int nr_extra, bool mask_events,
                         const char *what)
{
    uint8_t mask = v->vcpu_info->evtchn_upcall_mask;
    bool from_user = !v->pv.kernel_mode;
    uint64_t frame[11], stack = regs->rsp, sp;
    unsigned int n = 0;

    frame[n++] = regs->rcx;
    frame[n++] = regs->r11;
    for ( unsigned int i = 0; i < nr_extra && i < 4; i++ )
        frame[n++] = extra[i];
    frame[n++] = regs->rip;
    /* User mode's own selector (the guest GDT's, or FLAT_USER_CS); the kernel's with RPL 0. */
    frame[n++] = (from_user ? regs->cs : (FLAT_KERNEL_CS & ~3ULL)) | ((uint64_t)mask << 32);
    frame[n++] = (regs->rflags & ~X86_EFLAGS_IF) | (mask ? 0 : X86_EFLAGS_IF);
    frame[n++] = regs->rsp;
    frame[n++] = regs->ss;

    if ( from_user )
    {
        if ( v->pv.kernel_sp == 0 )
            domain_crash(v->domain, "user-mode entry to the kernel without a kernel stack "
                         "(stack_switch)");
        toggle_guest_mode(v);
        stack = v->pv.kernel_sp;
    }
    sp = (stack & ~15ULL) - n * sizeof(uint64_t);
    if ( copy_to_guest(sp, frame, n * sizeof(uint64_t)) )
    {
        char why[96];

        snprintf(why, sizeof(why), "the guest kernel stack cannot take the %s frame", what);
        domain_crash(v->domain, why);
    }
    if ( mask_events )
        v->vcpu_info->evtchn_upcall_mask = 1;
    regs->rip = entry;
    regs->cs = FLAT_KERNEL_CS;
    regs->rsp = sp;
    regs->ss = FLAT_KERNEL_SS;
    /* The kernel starts with real interrupts on and no single-stepping. */
    regs->rflags = (regs->rflags & ~(0x100 | 0x4000 | 0x10000)) | X86_EFLAGS_IF;
}

static void bounce(struct vcpu *v, struct cpu_user_regs *regs, uint64_t entry,
                   bool has_error, uint32_t error, bool mask_events, const char *what)
{
    uint64_t error_code = error;

    bounce_frame(v, regs, entry, &error_code, has_error, mask_events, what);
}

void pv_bounce_failsafe(struct cpu_user_regs *regs, const uint16_t *selectors)
{
    struct vcpu *v = current_vcpu();
    uint64_t sels[4] = { selectors[0], selectors[1], selectors[2], selectors[3] };

    bounce_frame(v, regs, v->pv.failsafe_callback, sels, 4, v->pv.failsafe_disables_events,
                 "failsafe");
}

/*
 * A guest's INT $N reaches us as #GP (the IDT gates are not for ring 3).
 * The vector is read from the instruction, not from the error code, which
 * QEMU 7.2 gets wrong (QEMU-PLATFORM.md).  The guest's trap table decides:
 * allowed if the entry's DPL admits the guest's privilege (its kernel
 * counts as ring 1, its user as ring 3).
 */
static bool guest_software_interrupt(struct vcpu *v, struct cpu_user_regs *regs)
{
    uint8_t insn[2];
    const struct trap_info *ti;
    unsigned int cpl = v->pv.kernel_mode ? 1 : 3;

    if ( copy_from_guest(insn, regs->rip, sizeof(insn)) || insn[0] != 0xcd )
        return false;
    ti = &v->pv.traps[insn[1]];
    if ( ti->address == 0 || (ti->flags & TI_DPL_MASK) < cpl )
    {
        /* Not permitted: #GP naming the IDT entry, as hardware would. */
        regs->error_code = (insn[1] << 3) | 2;
        return false;
    }
    regs->rip += 2;                     /* a trap: the handler returns past it */
    bounce(v, regs, ti->address, false, 0, ti->flags & TI_DISABLE_EVENTS, "interrupt");
    return true;
}

/* A debugging aid: log each domain's first n exceptions bounced to it (0: none). */
static unsigned int opt_log_guest_exceptions;
integer_param("log-guest-exceptions", opt_log_guest_exceptions);

static void log_bounce(struct vcpu *v, const struct cpu_user_regs *regs, uint64_t cr2)
{
    if ( __atomic_fetch_add(&v->domain->exceptions_logged, 1, __ATOMIC_RELAXED) >=
         opt_log_guest_exceptions )
        return;
    printk("d%uv%u: exception %u at %#lx (error %#lx, cr2 %#lx, rsp %#lx) to its handler\n",
           v->domain->domain_id, v->vcpu_id, (unsigned int)regs->entry_vector,
           (unsigned long)regs->rip, (unsigned long)regs->error_code, (unsigned long)cr2,
           (unsigned long)regs->rsp);
}

void pv_guest_exception(struct cpu_user_regs *regs)
{
    struct vcpu *v = current_vcpu();
    unsigned int vector = regs->entry_vector;
    const struct trap_info *ti;
    uint64_t cr2;

    __asm__ __volatile__ ( "mov %%cr2, %0" : "=r" (cr2) );
    if ( v == NULL )
        panic("guest-mode exception %u with no guest", vector);
    if ( pv_emulate_privileged(regs) )
        return;
    if ( vector == X86_EXC_PF && pv_ptwr_emulate(v, regs, cr2) )
        return;
    if ( vector == X86_EXC_GP && guest_software_interrupt(v, regs) )
        return;
    /* #NM with the guest's virtual TS set: the guest's own lazy FPU switch. */
    if ( vector == X86_EXC_NM && v->pv.virtual_ts )
    {
        v->pv.virtual_ts = false;
        pv_set_ts(false);
    }
    ti = &v->pv.traps[vector];
    if ( ti->address == 0 )
        crash(v, regs, "no handler registered", cr2);
    if ( opt_log_guest_exceptions )
        log_bounce(v, regs, cr2);

    if ( vector == X86_EXC_PF )
    {
        v->vcpu_info->arch.cr2 = cr2;
        /* The hardware says "user" for every ring-3 access; the guest wants its own view. */
        if ( v->pv.kernel_mode )
            regs->error_code &= ~PF_ERROR_USER;
    }
    bounce(v, regs, ti->address, has_error_code(vector), regs->error_code,
           ti->flags & TI_DISABLE_EVENTS, "exception");
}

/* SYSCALL from guest user space belongs to the guest kernel's syscall callback. */
void pv_bounce_syscall(struct cpu_user_regs *regs)
{
    struct vcpu *v = current_vcpu();

    if ( v->pv.syscall_callback == 0 )
        domain_crash(v->domain, "SYSCALL from guest user mode without a syscall callback");
    bounce(v, regs, v->pv.syscall_callback, false, 0, v->pv.syscall_disables_events,
           "syscall");
}

/*
 * Before returning to a guest: if an event is pending and the vCPU has
 * events unmasked, enter its event callback (a frame without error code),
 * with events masked as the ABI says.
 */
void pv_deliver_events(struct cpu_user_regs *regs)
{
    struct vcpu *v = current_vcpu();
    struct vcpu_info *vi;

    if ( v == NULL || v->domain->is_shutting_down )
        return;
    vi = v->vcpu_info;
    if ( !vi->evtchn_upcall_pending || vi->evtchn_upcall_mask || !v->pv.event_callback )
        return;
    bounce(v, regs, v->pv.event_callback, false, 0, true, "event");
}

/*
 * A selector user mode may run with: the hypervisor's flat ones, or one of
 * the guest's own GDT (validated as code or data with DPL 3 by set_gdt),
 * always with RPL 3.  The CPU checks the descriptor itself on the way out.
 */
static bool user_selector_ok(const struct vcpu *v, uint64_t sel, bool code)
{
    if ( (sel & 3) != 3 )
        return false;
    if ( code && (sel == FLAT_USER_CS64 || sel == FLAT_USER_CS32) )
        return true;
    if ( !code && (sel == FLAT_USER_SS64 || sel == FLAT_USER_SS32) )
        return true;
    return !(sel & 4) && (sel >> 3) != 0 && (sel >> 3) < v->pv.gdt_ents;
}

/*
 * The iret hypercall: the guest pushed an iret_context on its stack.  A
 * frame that would return anywhere but guest memory, or with the
 * hypervisor's selectors, stops the guest.
 */
long do_iret(uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5,
             uint64_t a6)
{
    struct vcpu *v = current_vcpu();
    struct cpu_user_regs *regs = pv_current_regs();
    struct iret_context ctx;

    if ( copy_from_guest(&ctx, regs->rsp, sizeof(ctx)) )
        domain_crash(v->domain, "iret: the frame is not readable");
    if ( !kernel_address_ok(ctx.rip) || (ctx.rsp && !guest_range_ok(ctx.rsp, 1)) )
        domain_crash(v->domain, "iret: return address outside guest memory");
    ctx.cs &= 0xffff;                   /* bits 32-39 may hold a saved event mask */
    ctx.ss &= 0xffff;
    /* RPL 3 means guest user mode (kernel frames carry RPL 0). */
    if ( (ctx.cs & 3) && !user_selector_ok(v, ctx.cs, true) )
        domain_crash(v->domain, "iret: unsupported code selector");
    if ( (ctx.cs & 3) && v->pv.kernel_mode && !toggle_guest_mode(v) )
        domain_crash(v->domain, "iret to user mode without user page tables");

    /* Returning from a system call: RCX and R11 are the caller's, as after SYSRET. */
    regs->r11 = ctx.flags & VGCF_in_syscall ? ctx.rflags : ctx.r11;
    regs->rcx = ctx.flags & VGCF_in_syscall ? ctx.rip : ctx.rcx;
    regs->rip = ctx.rip;
    regs->cs = (ctx.cs & 3) ? ctx.cs : FLAT_KERNEL_CS;
    /* IOPL, NT and VM are the hypervisor's; real interrupts always stay on. */
    regs->rflags = (ctx.rflags & ~(0x3000 | 0x4000 | 0x20000)) | X86_EFLAGS_IF | 0x2;
    regs->rsp = ctx.rsp;
    regs->ss = (ctx.cs & 3) && user_selector_ok(v, ctx.ss, false) ? ctx.ss
               : (ctx.cs & 3) ? FLAT_USER_SS : FLAT_KERNEL_SS;
    v->vcpu_info->evtchn_upcall_mask = !(ctx.rflags & X86_EFLAGS_IF);
    return ctx.rax;                     /* lands in RAX */
}
