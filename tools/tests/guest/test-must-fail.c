/*
 * A test written to fail: proves the harness reports a FAILURE result line
 * as a failed test (boot case guest-failure-is-reported).
 */
#include "guest.h"

void test_main(void)
{
    check_eq(hypercall2(__HYPERVISOR_xen_version, 0, 0), 0x12345, "a deliberately wrong expectation");
}
