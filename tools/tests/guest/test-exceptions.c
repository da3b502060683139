/*
 * Exceptions delivered to the guest kernel through its trap table, and the
 * iret hypercall back: #DE, #BP (int3), #UD, #GP (hlt at ring 3) and #PF,
 * each with the frame layout, error code and event-mask bits the ABI
 * defines; registers survive the round trip.  Bad set_trap_table
 * arguments are refused.
 */
#include <public/xen.h>

#include "traptest.h"

void test_main(void)
{
    struct trap_info bad[] = {
        { 6, 0, FLAT_KERNEL_CS, 0xffff830000000000UL },
        { 0, 0, 0, 0 },
    };

    check_eq(hypercall1(__HYPERVISOR_set_trap_table, 0x10), -14,
             "set_trap_table from an unmapped address: -EFAULT");
    check_eq(hypercall1(__HYPERVISOR_set_trap_table, bad), -22,
             "a handler inside the hypervisor: -EINVAL");
    check_eq(install_trap_stubs(), 0, "set_trap_table");

    EXPECT_TRAP(6, ~0ULL, 2, "ud2");
    /* The bounce frame: kernel CS with RPL 0, events masked at boot (mask 1, IF 0). */
    check_eq(trap_seen.cs, 0x100000000ULL | (FLAT_KERNEL_CS & ~3),
             "saved CS with the event mask");
    check_eq(trap_seen.rflags & 0x200, 0, "saved virtual IF (events masked)");
    check_eq(trap_seen.ss, FLAT_KERNEL_SS, "saved SS");

    EXPECT_TRAP(3, ~0ULL, 1, "int3");
    EXPECT_TRAP(0, ~0ULL, 3, "div %%rcx", "c" (0UL), "a" (1UL), "d" (0UL));
    EXPECT_TRAP(13, 0, 1, "hlt");
    /* A read of an unmapped page by the guest kernel: not present, read, not user. */
    EXPECT_TRAP(14, 0, 3, "mov (%%rax), %%rcx", "a" (0x1000UL));
    /* INT $N: through the trap table if its DPL allows, else #GP naming the IDT entry. */
    EXPECT_TRAP(3, ~0ULL, 2, ".byte 0xcd, 0x03");          /* int $3, long form */
    EXPECT_TRAP(13, (0x80 << 3) | 2, 2, "int $0x80");
    printf("test-exceptions: %s\n", "all vectors delivered and returned");
}
