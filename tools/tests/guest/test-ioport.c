/*
 * Port I/O of the hardware domain: refused (#GP) until PHYSDEVOP_set_iopl
 * gives its kernel I/O privilege, then carried out (the CMOS clock is
 * read through ports 0x70/0x71); the ports the hypervisor keeps (COM1,
 * the PICs) read as absent (all ones) and ignore writes, and PCI
 * configuration mechanism 1 is emulated.
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
    {
        uint8_t v = 0;

        /* The hypervisor's own ports: reads see nothing, writes go nowhere, no fault. */
        __asm__ __volatile__ ( "out %%al, %%dx" :: "a" (0x55), "d" (0x3f8) );
        __asm__ __volatile__ ( "in $0x21, %%al" : "=a" (v) );
        check_eq(v, 0xff, "the master PIC's mask register reads as absent");
        __asm__ __volatile__ ( "in %%dx, %%al" : "=a" (v) : "d" (0x3fd) );
        check_eq(v, 0xff, "COM1's line status reads as absent");
    }
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
