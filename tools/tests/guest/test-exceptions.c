/*
 * Exceptions delivered to the guest kernel through its trap table, and the
 * iret hypercall back: #DE, #BP (int3), #UD, #GP (hlt at ring 3) and #PF,
 * each with the frame layout, error code and event-mask bits the ABI
 * defines; registers survive the round trip.  Bad set_trap_table
 * arguments are refused.
 */
#include <public/xen.h>

#include "guest.h"

extern char trap_stub_0[], trap_stub_3[], trap_stub_6[], trap_stub_13[], trap_stub_14[];

static struct {
    unsigned int vector;
    uint64_t error, rip, cs, rflags, ss;
    unsigned int count;
} seen;
static unsigned int skip_bytes;

void trap_handler(unsigned int vector, uint64_t *frame, int has_error);
void trap_handler(unsigned int vector, uint64_t *frame, int has_error)
{
    uint64_t *f = frame + (has_error ? 1 : 0);

    seen.vector = vector;
    seen.error = has_error ? frame[0] : ~0ULL;
    seen.rip = f[0];
    seen.cs = f[1];
    seen.rflags = f[2];
    seen.ss = f[4];
    seen.count++;
    f[0] += skip_bytes;                         /* resume after the instruction */
}

#define EXPECT_TRAP(vec, err, insn_bytes, asm_insn, ...) do {                  \
        uint64_t rbx_in = 0x1122334455667788ULL, rbx_out, at;                  \
        seen.count = 0;                                                        \
        skip_bytes = (vec) == 3 ? 0 : (insn_bytes);  /* int3 is a trap */  \
        __asm__ __volatile__ ( "lea 1f(%%rip), %[at]\n\t"                      \
                               "1: " asm_insn "\n\t"                           \
                               : [at] "=&r" (at), "=b" (rbx_out)               \
                               : "b" (rbx_in), ##__VA_ARGS__                    \
                               : "memory", "cc" );                              \
        check_eq(seen.count, 1, "exceptions taken for " #vec);                 \
        check_eq(seen.vector, vec, "vector");                                  \
        check_eq(seen.error, err, "error code of " #vec);                      \
        check_eq(seen.rip, at + ((vec) == 3 ? (insn_bytes) : 0), "saved RIP of " #vec); \
        check_eq(rbx_out, rbx_in, "RBX across " #vec);                         \
    } while ( 0 )

void test_main(void)
{
    struct trap_info table[] = {
        { 0, 0, FLAT_KERNEL_CS, (unsigned long)trap_stub_0 },
        { 3, 3, FLAT_KERNEL_CS, (unsigned long)trap_stub_3 },
        { 6, 0, FLAT_KERNEL_CS, (unsigned long)trap_stub_6 },
        { 13, 0, FLAT_KERNEL_CS, (unsigned long)trap_stub_13 },
        { 14, 0, FLAT_KERNEL_CS, (unsigned long)trap_stub_14 },
        { 0, 0, 0, 0 },
    };
    struct trap_info bad[] = {
        { 6, 0, FLAT_KERNEL_CS, 0xffff830000000000UL },
        { 0, 0, 0, 0 },
    };

    check_eq(hypercall1(__HYPERVISOR_set_trap_table, 0x10), -14,
             "set_trap_table from an unmapped address: -EFAULT");
    check_eq(hypercall1(__HYPERVISOR_set_trap_table, bad), -22,
             "a handler inside the hypervisor: -EINVAL");
    check_eq(hypercall1(__HYPERVISOR_set_trap_table, table), 0, "set_trap_table");

    EXPECT_TRAP(6, ~0ULL, 2, "ud2");
    /* The bounce frame: kernel CS with RPL 0, events masked at boot (mask 1, IF 0). */
    check_eq(seen.cs, 0x100000000ULL | (FLAT_KERNEL_CS & ~3), "saved CS with the event mask");
    check_eq(seen.rflags & 0x200, 0, "saved virtual IF (events masked)");
    check_eq(seen.ss, FLAT_KERNEL_SS, "saved SS");

    EXPECT_TRAP(3, ~0ULL, 1, "int3");
    EXPECT_TRAP(0, ~0ULL, 3, "div %%rcx", "c" (0UL), "a" (1UL), "d" (0UL));
    EXPECT_TRAP(13, 0, 1, "hlt");
    /* A read of an unmapped page by the guest kernel: not present, read, not user. */
    EXPECT_TRAP(14, 0, 3, "mov (%%rax), %%rcx", "a" (0x1000UL));
    printf("test-exceptions: %s\n", "all vectors delivered and returned");
}
