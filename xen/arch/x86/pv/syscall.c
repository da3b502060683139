/*
 * SYSCALL from PV guests.  The guest kernel and its user space both run at
 * ring 3, so every SYSCALL arrives here: from the guest kernel it is a
 * hypercall; from guest user space it belongs to the guest kernel.
 *
 * SYSCALL does not switch stacks, and the guest owns GS, so each CPU gets
 * a stub of its own (in .data.syscall_stubs) with its stack and scratch
 * slot built in as absolute addresses.  The stubs are mapped read-only and
 * executable in the image; they are written through the direct map.
 */
#include <asm/current.h>
#include <asm/desc.h>
#include <asm/msr.h>
#include <asm/page.h>
#include <asm/pv.h>
#include <asm/x86-defs.h>
#include <asm/regs.h>
#include <public/xen.h>
#include <xen/compiler.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>

#define MSR_STAR        0xc0000081
#define MSR_LSTAR       0xc0000082
#define MSR_CSTAR       0xc0000083
#define MSR_SFMASK      0xc0000084
#define STUB_SIZE       128
#define SYSCALL_VECTOR  0x100       /* entry_vector of a SYSCALL frame */

static uint8_t syscall_stubs[NR_CPUS][STUB_SIZE] __section(".data.syscall_stubs")
    __aligned(STUB_SIZE);

extern void syscall_common(void);

static uint8_t *emit(uint8_t *p, const void *bytes, size_t n)
{
    memcpy(p, bytes, n);
    return p + n;
}

static uint8_t *emit_u64(uint8_t *p, uint64_t v)
{
    return emit(p, &v, 8);
}

static uint8_t *emit_u32(uint8_t *p, uint32_t v)
{
    return emit(p, &v, 4);
}

/* Build this CPU's stub and point the SYSCALL MSRs at it. */
void pv_syscall_init_cpu(unsigned int cpu, struct cpu_info *info)
{
    /* Written through the direct map: the image maps the stubs read-only. */
    uint8_t *stub = maddr_to_virt(virt_to_maddr(syscall_stubs[cpu]));
    uint8_t *p = stub;
    uint64_t scratch = (uint64_t)&info->syscall_scratch;

    p = emit(p, "\x48\xa3", 2);                 /* movabs %rax, scratch */
    p = emit_u64(p, scratch);
    p = emit(p, "\x48\x89\xe0", 3);             /* mov %rsp, %rax */
    p = emit(p, "\x48\xbc", 2);                 /* movabs $stack, %rsp */
    p = emit_u64(p, (uint64_t)info);
    p = emit(p, "\x68", 1);                     /* push $FLAT_KERNEL_SS */
    p = emit_u32(p, FLAT_KERNEL_SS);
    p = emit(p, "\x50", 1);                     /* push %rax (guest RSP) */
    p = emit(p, "\x41\x53", 2);                 /* push %r11 (guest RFLAGS) */
    p = emit(p, "\x68", 1);                     /* push $FLAT_KERNEL_CS */
    p = emit_u32(p, FLAT_KERNEL_CS);
    p = emit(p, "\x51", 1);                     /* push %rcx (guest RIP) */
    p = emit(p, "\x68", 1);                     /* push $0: error code ... */
    p = emit_u32(p, 0);
    p = emit(p, "\xc7\x44\x24\x04", 4);         /* movl $SYSCALL_VECTOR, 4(%rsp) */
    p = emit_u32(p, SYSCALL_VECTOR);
    p = emit(p, "\x48\xa1", 2);                 /* movabs scratch, %rax */
    p = emit_u64(p, scratch);
    p = emit(p, "\xe9", 1);                     /* jmp syscall_common, from where it runs */
    p = emit_u32(p, (uint32_t)((uint64_t)syscall_common -
                               (uint64_t)(syscall_stubs[cpu] + (p - stub) + 4)));
    BUG_ON(p > stub + STUB_SIZE);

    /* SYSCALL: CS = 0xe008, SS = 0xe010; SYSRET would use FLAT_RING3_CS32 + 16. */
    wrmsr(MSR_STAR, ((uint64_t)FLAT_RING3_CS32 << 48) | ((uint64_t)__HYPERVISOR_CS << 32));
    wrmsr(MSR_LSTAR, (uint64_t)syscall_stubs[cpu]);
    wrmsr(MSR_CSTAR, 0);
    /* Interrupts, traps, direction and alignment checks off on entry. */
    wrmsr(MSR_SFMASK, 0x47700);
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
    tss_set_rsp0(cpu, (uint64_t)info);
}

static struct cpu_user_regs *syscall_regs[NR_CPUS];

struct cpu_user_regs *pv_current_regs(void)
{
    return syscall_regs[smp_processor_id()];
}

void do_syscall(struct cpu_user_regs *regs);
void do_syscall(struct cpu_user_regs *regs)
{
    struct vcpu *v = current_vcpu();

    syscall_regs[smp_processor_id()] = regs;
    if ( v == NULL )
        panic("SYSCALL with no guest running");
    if ( !v->pv.kernel_mode )
    {
        pv_bounce_syscall(regs);
        pv_deliver_events(regs);
        sched_exit_to_guest(regs);
        return;
    }

    regs->rax = hypercall_dispatch(regs->rax, regs->rdi, regs->rsi, regs->rdx,
                                   regs->r10, regs->r8, regs->r9);
    if ( v->domain->is_shutting_down )
        domain_finished(v->domain);
    pv_deliver_events(regs);
    sched_exit_to_guest(regs);
}
