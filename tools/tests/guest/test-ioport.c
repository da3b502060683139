/*
 * Port I/O of the hardware domain: refused (#GP) until PHYSDEVOP_set_iopl
 * gives its kernel I/O privilege, then carried out (the CMOS clock is
 * read through ports 0x70/0x71), except for the ports the hypervisor keeps
 * (COM1, the PICs, PCI configuration), which stay #GP.
 */
#include <public/physdev.h>

#include "traptest.h"

void test_main(void)
{
    struct physdev_set_iopl iopl = { .iopl = 1 };
    uint8_t seconds;

    check_eq(install_trap_stubs(), 0, "set_trap_table");
    EXPECT_TRAP(13, 0, 2, "in $0x71, %%al");
    check_eq(hypercall2(__HYPERVISOR_physdev_op, PHYSDEVOP_set_iopl, &iopl), 0, "set_iopl(1)");
    iopl.iopl = 4;
    check_eq(hypercall2(__HYPERVISOR_physdev_op, PHYSDEVOP_set_iopl, &iopl), -22,
             "set_iopl(4): -EINVAL");
    check_eq(hypercall2(__HYPERVISOR_physdev_op, PHYSDEVOP_set_iopl, 0x10), -14,
             "set_iopl from a bad pointer: -EFAULT");
    check_eq(hypercall2(__HYPERVISOR_physdev_op, 99, 0), -38, "unknown physdev op: -ENOSYS");

    __asm__ __volatile__ ( "out %%al, $0x70; in $0x71, %%al" : "=a" (seconds) : "a" (0) );
    check(seconds < 0x60 && (seconds & 0xf) < 10, "CMOS seconds %#x (BCD)", seconds);
    EXPECT_TRAP(13, 0, 1, "out %%al, %%dx", "d" (0x3f8), "a" (0));
    EXPECT_TRAP(13, 0, 2, "in $0x21, %%al");
    {
        uint32_t id;

        /* PCI configuration mechanism 1 is emulated: 00:00.0 is q35's host bridge. */
        __asm__ __volatile__ ( "outl %%eax, %%dx" :: "a" (0x80000000u), "d" (0xcf8) );
        __asm__ __volatile__ ( "inl %%dx, %%eax" : "=a" (id) : "d" (0xcfc) );
        check_eq(id, 0x29c08086, "vendor and device of 00:00.0 through CF8/CFC");
        __asm__ __volatile__ ( "outl %%eax, %%dx" :: "a" (0u), "d" (0xcf8) );
        __asm__ __volatile__ ( "inl %%dx, %%eax" : "=a" (id) : "d" (0xcfc) );
        check_eq(id, 0xffffffff, "CFC reads all ones while CF8 is disabled");
    }
    printf("test-ioport: I/O privilege, permitted and reserved ports checked\n");
}
