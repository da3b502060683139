/*
 * The privileged operations a PV kernel performs at ring 3: forced-prefix
 * CPUID (the hypervisor leaves and the PV feature policy), RDMSR/WRMSR of
 * the segment bases and PAT (GS_BASE even before a trap table exists, as
 * Linux's first instruction does), unknown or bad MSRs turned into #GP,
 * control-register reads and writes, and the small registration
 * hypercalls (segment bases, stack switch, callbacks, VM assists, virtual TS).
 */
#include <public/callback.h>
#include <public/xen.h>

#include "traptest.h"

#define XEN_CPUID(leaf, sub, a, b, c, d)                                        \
    __asm__ __volatile__ ( "ud2; .ascii \"xen\"; cpuid"                         \
                           : "=a" (a), "=b" (b), "=c" (c), "=d" (d)            \
                           : "0" (leaf), "2" (sub) )

static uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;

    __asm__ __volatile__ ( "rdmsr" : "=a" (lo), "=d" (hi) : "c" (msr) );
    return ((uint64_t)hi << 32) | lo;
}

static void wrmsr(uint32_t msr, uint64_t v)
{
    __asm__ __volatile__ ( "wrmsr" :: "c" (msr), "a" ((uint32_t)v), "d" ((uint32_t)(v >> 32)) );
}

static uint64_t gs_value = 0x5a5a5a5a12345678ULL;
static uint64_t fs_value = 0x0102030405060708ULL;

static void check_cpuid(void)
{
    uint32_t a, b, c, d;

    XEN_CPUID(0x40000000, 0, a, b, c, d);
    check_eq(a, 0x40000005, "max hypervisor leaf");
    check(b == 0x566e6558 && c == 0x65584d4d && d == 0x4d4d566e, "signature XenVMMXenVMM");
    XEN_CPUID(0x40000001, 0, a, b, c, d);
    check_eq(a, 0x40011, "hypervisor version leaf: 4.17");
    XEN_CPUID(0x40000004, 0, a, b, c, d);
    check(a == 0 && b == 0 && c == 0 && d == 0, "leaf 0x40000004 is empty for PV");
    XEN_CPUID(1, 0, a, b, c, d);
    check(c & (1u << 31), "hypervisor bit");
    check(!(d & ((1u << 3) | (1u << 13))), "PSE and PGE hidden");
    check(!(c & ((1u << 17) | (1u << 21) | (1u << 26))), "PCID, x2APIC, XSAVE hidden");
    check(d & (1u << 4), "TSC visible");
    XEN_CPUID(7, 0, a, b, c, d);
    check(!(b & ((1u << 7) | (1u << 20))), "SMEP and SMAP hidden");
    XEN_CPUID(0x80000001, 0, a, b, c, d);
    check(!(d & (1u << 26)), "1 GiB pages hidden");
    check(d & (1u << 29), "long mode visible");
}

static void check_msrs(void)
{
    uint64_t got;

    check_eq(rdmsr(0xc0000101), (uint64_t)&gs_value, "GS_BASE as written before the trap table");
    __asm__ __volatile__ ( "mov %%gs:0, %0" : "=r" (got) );
    check_eq(got, gs_value, "a GS-relative load uses the base");
    check_eq(rdmsr(0x277), 0x0000050100070406ULL, "PAT (Xen's ABI value)");
    check(rdmsr(0xc0000080) & (1u << 8), "EFER.LME");
    EXPECT_TRAP(13, 0, 2, "rdmsr", "c" (0x12345678));
    EXPECT_TRAP(13, 0, 2, "wrmsr", "c" (0xc0000101), "a" (0), "d" (0x80000000));
    check_eq(rdmsr(0xc0000101), (uint64_t)&gs_value, "GS_BASE unchanged by a bad write");
}

static void check_control_registers(void)
{
    uint64_t cr0, cr2, cr4;

    __asm__ __volatile__ ( "mov %%cr4, %0" : "=r" (cr4) );
    check_eq(cr4, 0x620, "CR4 as the guest sees it (PAE, OSFXSR, OSXMMEXCPT)");
    EXPECT_TRAP(14, 0, 3, "mov (%%rax), %%rcx", "a" (0x2000UL));
    __asm__ __volatile__ ( "mov %%cr2, %0" : "=r" (cr2) );
    check_eq(cr2, 0x2000, "CR2 after a page fault");

    check_eq(hypercall1(__HYPERVISOR_fpu_taskswitch, 1), 0, "fpu_taskswitch(1)");
    __asm__ __volatile__ ( "mov %%cr0, %0" : "=r" (cr0) );
    check(cr0 & 8, "CR0.TS after fpu_taskswitch(1)");
    EXPECT_TRAP(7, ~0ULL, 2, "fnop");
    __asm__ __volatile__ ( "mov %%cr0, %0" : "=r" (cr0) );
    check(!(cr0 & 8), "CR0.TS cleared by the #NM");
    __asm__ __volatile__ ( "fnop" );            /* no fault now */
    __asm__ __volatile__ ( "mov %0, %%cr0" :: "r" (cr0 | 8) );
    __asm__ __volatile__ ( "clts" );
    __asm__ __volatile__ ( "mov %%cr0, %0" : "=r" (cr0) );
    check(!(cr0 & 8), "clts clears the virtual TS");
}

static void check_registrations(void)
{
    struct callback_register cb = { CALLBACKTYPE_event, 0, (unsigned long)check_msrs };
    uint64_t got;

    check_eq(hypercall2(__HYPERVISOR_set_segment_base, SEGBASE_FS, &fs_value), 0,
             "set_segment_base(FS)");
    __asm__ __volatile__ ( "mov %%fs:0, %0" : "=r" (got) );
    check_eq(got, fs_value, "an FS-relative load uses the base");
    check_eq(hypercall2(__HYPERVISOR_set_segment_base, SEGBASE_GS_USER,
                        0x0000900000000000UL), -22, "non-canonical base: -EINVAL");
    check_eq(hypercall2(__HYPERVISOR_set_segment_base, 9, 0), -22, "unknown segment: -EINVAL");

    check_eq(hypercall2(__HYPERVISOR_stack_switch, FLAT_KERNEL_SS, (unsigned long)&got), 0,
             "stack_switch");
    check_eq(hypercall2(__HYPERVISOR_stack_switch, 0xe008, (unsigned long)&got), -22,
             "stack_switch to the hypervisor's selector: -EINVAL");

    check_eq(hypercall2(__HYPERVISOR_callback_op, CALLBACKOP_register, &cb), 0,
             "register the event callback");
    cb.type = CALLBACKTYPE_nmi;
    check_eq(hypercall2(__HYPERVISOR_callback_op, CALLBACKOP_register, &cb), 0,
             "register the NMI callback");
    cb.type = 99;
    check_eq(hypercall2(__HYPERVISOR_callback_op, CALLBACKOP_register, &cb), -22,
             "unknown callback type: -EINVAL");
    cb.type = CALLBACKTYPE_syscall;
    cb.address = 0xffff830000000000UL;
    check_eq(hypercall2(__HYPERVISOR_callback_op, CALLBACKOP_register, &cb), -22,
             "a callback inside the hypervisor: -EINVAL");
    check_eq(hypercall2(__HYPERVISOR_callback_op, CALLBACKOP_register, 0x10), -14,
             "callback_op from an unmapped address: -EFAULT");
    check_eq(hypercall3(__HYPERVISOR_set_callbacks, (unsigned long)check_msrs, 0, 0), 0,
             "set_callbacks");

    check_eq(hypercall2(__HYPERVISOR_vm_assist, VMASST_CMD_enable,
                        VMASST_TYPE_writable_pagetables), 0, "vm_assist writable_pagetables");
    check_eq(hypercall2(__HYPERVISOR_vm_assist, VMASST_CMD_enable, 9), -22,
             "unknown vm_assist type: -EINVAL");
}

void test_main(void)
{
    /* Linux's first instruction: WRMSR GS_BASE, before any trap table exists. */
    wrmsr(0xc0000101, (uint64_t)&gs_value);
    check_eq(install_trap_stubs(), 0, "set_trap_table");
    check_cpuid();
    check_msrs();
    check_control_registers();
    check_registrations();
    printf("test-privileged: emulated CPUID, MSRs, control registers; registrations checked\n");
}
