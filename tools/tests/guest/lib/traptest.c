/*
 * The handler behind EXPECT_TRAP: record the bounce frame, skip the
 * faulting instruction.
 */
#include "traptest.h"

extern char trap_stub_0[], trap_stub_3[], trap_stub_6[], trap_stub_7[], trap_stub_13[],
            trap_stub_14[];

struct trap_seen trap_seen;
unsigned int trap_skip_bytes;

void trap_handler(unsigned int vector, uint64_t *frame, int has_error);
void trap_handler(unsigned int vector, uint64_t *frame, int has_error)
{
    uint64_t *f = frame + (has_error ? 1 : 0);

    trap_seen.vector = vector;
    trap_seen.error = has_error ? frame[0] : ~0ULL;
    trap_seen.rip = f[0];
    trap_seen.cs = f[1];
    trap_seen.rflags = f[2];
    trap_seen.ss = f[4];
    trap_seen.count++;
    if ( trap_seen.count > 1000 )
    {
        printf("Test result: ERROR: exception %u repeats at %#lx\n", vector,
               (unsigned long)f[0]);
        shutdown(3);
    }
    f[0] += trap_skip_bytes;
}

long install_trap_stubs(void)
{
    struct trap_info table[] = {
        { 0, 0, FLAT_KERNEL_CS, (unsigned long)trap_stub_0 },
        { 3, 3, FLAT_KERNEL_CS, (unsigned long)trap_stub_3 },
        { 6, 0, FLAT_KERNEL_CS, (unsigned long)trap_stub_6 },
        { 7, 0, FLAT_KERNEL_CS, (unsigned long)trap_stub_7 },
        { 13, 0, FLAT_KERNEL_CS, (unsigned long)trap_stub_13 },
        { 14, 0, FLAT_KERNEL_CS, (unsigned long)trap_stub_14 },
        { 0, 0, 0, 0 },
    };

    return hypercall1(__HYPERVISOR_set_trap_table, table);
}
