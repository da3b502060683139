/*
 * The guest's bootstrap page tables are mapped read-only (DESIGN section 3):
 * a direct write to its own L4 must fault.  Without exception delivery the
 * fault stops the domain, and the boot case checks the hypervisor reported
 * it and stayed up.  If the write lands, the rule is broken.
 */
#include "guest.h"

void test_main(void)
{
    volatile unsigned long *l4 = (volatile unsigned long *)start_info->pt_base;

    printf("writing to my own L4 at %p (must fault)\n", (void *)l4);
    l4[0] = l4[0];
    fail("a write to the guest's own page table was allowed");
}
