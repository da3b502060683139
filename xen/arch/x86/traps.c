/*
 * Exception dispatch and the fatal-fault report.
 */
#include <asm/current.h>
#include <asm/desc.h>
#include <asm/pv.h>
#include <asm/traps.h>
#include <xen/console.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/symbols.h>

BUILD_BUG_ON(offsetof(struct cpu_user_regs, error_code) != UREGS_error_code);
BUILD_BUG_ON(offsetof(struct cpu_user_regs, entry_vector) != UREGS_entry_vector);
BUILD_BUG_ON(offsetof(struct cpu_user_regs, rip) != UREGS_rip);
BUILD_BUG_ON(sizeof(struct cpu_user_regs) != UREGS_kernel_sizeof);

static const char *const exception_names[32] = {
    [X86_EXC_DE] = "divide error",       [X86_EXC_DB] = "debug",
    [X86_EXC_NMI] = "NMI",               [X86_EXC_BP] = "breakpoint",
    [X86_EXC_OF] = "overflow",           [X86_EXC_BR] = "bound range",
    [X86_EXC_UD] = "invalid opcode",     [X86_EXC_NM] = "device not available",
    [X86_EXC_DF] = "double fault",       [9] = "coprocessor segment overrun",
    [X86_EXC_TS] = "invalid TSS",        [X86_EXC_NP] = "segment not present",
    [X86_EXC_SS] = "stack-segment fault", [X86_EXC_GP] = "general protection",
    [X86_EXC_PF] = "page fault",         [X86_EXC_MF] = "x87 floating point",
    [X86_EXC_AC] = "alignment check",    [X86_EXC_MC] = "machine check",
    [X86_EXC_XM] = "SIMD floating point", [X86_EXC_VE] = "virtualization",
    [X86_EXC_CP] = "control protection",
};

static uint64_t read_cr0(void) { uint64_t v; __asm__ ("mov %%cr0, %0" : "=r" (v)); return v; }
static uint64_t read_cr2(void) { uint64_t v; __asm__ ("mov %%cr2, %0" : "=r" (v)); return v; }
static uint64_t read_cr3(void) { uint64_t v; __asm__ ("mov %%cr3, %0" : "=r" (v)); return v; }
static uint64_t read_cr4(void) { uint64_t v; __asm__ ("mov %%cr4, %0" : "=r" (v)); return v; }

void show_registers(const struct cpu_user_regs *r)
{
    printk("RIP:    %04lx:[<%016lx>]  RFLAGS: %016lx  CPU: %u\n",
           (unsigned long)r->cs, (unsigned long)r->rip, (unsigned long)r->rflags,
           smp_processor_id());
    print_symbol_line("RIP is ", r->rip);
    printk("rax: %016lx  rbx: %016lx  rcx: %016lx\n", r->rax, r->rbx, r->rcx);
    printk("rdx: %016lx  rsi: %016lx  rdi: %016lx\n", r->rdx, r->rsi, r->rdi);
    printk("rbp: %016lx  rsp: %016lx  r8:  %016lx\n", r->rbp, r->rsp, r->r8);
    printk("r9:  %016lx  r10: %016lx  r11: %016lx\n", r->r9, r->r10, r->r11);
    printk("r12: %016lx  r13: %016lx  r14: %016lx\n", r->r12, r->r13, r->r14);
    printk("r15: %016lx  ss: %04lx\n", r->r15, (unsigned long)r->ss);
    printk("cr0: %016lx  cr2: %016lx  cr3: %016lx  cr4: %016lx\n",
           read_cr0(), read_cr2(), read_cr3(), read_cr4());
}

/*
 * Walk the frame-pointer chain (the hypervisor is built with frame
 * pointers), staying inside the current stack so a corrupt chain ends the
 * walk instead of faulting again.
 */
void show_backtrace(uint64_t rbp)
{
    uint64_t lo = (uint64_t)get_cpu_info() + CPU_INFO_RESERVE - STACK_SIZE;
    uint64_t hi = (uint64_t)get_cpu_info();

    printk("Backtrace:\n");
    for ( unsigned int depth = 0; depth < 32; depth++ )
    {
        const uint64_t *frame = (const uint64_t *)rbp;

        if ( rbp < lo || rbp + 16 > hi || rbp & 7 )
            break;
        if ( frame[1] == 0 )
            break;
        print_symbol_line("   ", frame[1]);
        if ( frame[0] <= rbp )          /* frames only go up the stack */
            break;
        rbp = frame[0];
    }
}

void fatal_trap(const struct cpu_user_regs *regs)
{
    unsigned int vector = regs->entry_vector;

    console_force_unlock();
    printk("FATAL TRAP: vector %u (%s), error code %#x, in the hypervisor\n", vector,
           vector < 32 && exception_names[vector] ? exception_names[vector] : "?",
           regs->error_code);
    if ( vector == X86_EXC_PF )
        printk("Faulting address (cr2): %016lx (%s, %s)\n", read_cr2(),
               regs->error_code & 2 ? "write" : "read",
               regs->error_code & 1 ? "protection" : "not present");
    show_registers(regs);
    /* A double fault's frame may be anywhere; the IST stack has no chain. */
    if ( vector != X86_EXC_DF )
        show_backtrace(regs->rbp);
    panic("FATAL TRAP: vector %u at %016lx", vector, (unsigned long)regs->rip);
}

__attribute__((weak)) void do_IRQ(struct cpu_user_regs *regs)
{
    printk(XENLOG_WARNING "Unexpected interrupt vector %u\n", regs->entry_vector);
}

void do_entry(struct cpu_user_regs *regs)
{
    if ( regs->entry_vector >= FIRST_EXTERNAL_VECTOR )
    {
        do_IRQ(regs);
        if ( regs_from_hypervisor(regs) )
            return;
        /* Shut down from outside (SCHEDOP_remote_shutdown): it stops here. */
        if ( current_vcpu() && current_vcpu()->domain->is_shutting_down )
            domain_finished(current_vcpu()->domain);
        pv_deliver_events(regs);
        sched_exit_to_guest(regs);
        return;
    }
    if ( !regs_from_hypervisor(regs) )
    {
        pv_guest_exception(regs);
        pv_deliver_events(regs);
        sched_exit_to_guest(regs);
        return;
    }
    /* A guest-memory copy that faulted resumes at its fixup and reports it. */
    if ( (regs->entry_vector == X86_EXC_PF || regs->entry_vector == X86_EXC_GP ||
          regs->entry_vector == X86_EXC_NP) && fixup_guest_copy_fault(&regs->rip) )
        return;
    fatal_trap(regs);
}

/*
 * inject-fault=pf|ud|gp|de: fault on purpose once the traps are set up, to
 * prove the fatal-fault report works (boot test inject-fault).
 */
static char inject_fault[8];
string_param("inject-fault", inject_fault);

static void __noinline maybe_inject_fault(void)
{
    if ( !inject_fault[0] )
        return;
    printk("Injecting a '%s' fault as asked (inject-fault=)\n", inject_fault);
    if ( !strcmp(inject_fault, "pf") )
        ACCESS_ONCE(*(volatile uint64_t *)0x0000100000000000UL) = 1;  /* never mapped */
    else if ( !strcmp(inject_fault, "ud") )
        __asm__ __volatile__ ( "ud2" );
    else if ( !strcmp(inject_fault, "gp") )
        ACCESS_ONCE(*(volatile uint64_t *)0x8000000000000000UL) = 1;  /* non-canonical */
    else if ( !strcmp(inject_fault, "de") )
    {
        volatile unsigned int zero = 0;

        ACCESS_ONCE(zero) = 10 / zero;
    }
    printk("inject-fault=%s: unknown kind (pf, ud, gp, de)\n", inject_fault);
}

void trap_init(void)
{
    get_cpu_info()->cpu_id = 0;
    pat_init_cpu();
    init_idt();
    load_system_tables(0);
    maybe_inject_fault();
}
