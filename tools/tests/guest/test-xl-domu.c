/*
 * A domain xl built from dom0 (boot case linux-dom0-create): its
 * start_info is what the config and the toolstack gave (32 MiB, the
 * command line, xenstore and console rings with their event channels, no
 * privilege), and its output reaches the console ring as well as
 * console_io, for dom0 to read back.
 */
#include <public/memory.h>

#include "console-ring.h"

void test_main(void)
{
    const struct start_info *si = start_info;
    struct xen_e820_entry ram[2];
    struct xen_memory_map map = { 2, (unsigned long)ram };

    check_eq(si->flags & (SIF_PRIVILEGED | SIF_INITDOMAIN), 0, "no privilege");
    check_eq(si->nr_pages, 32 << 8, "nr_pages of memory = 32");
    check(!strcmp((const char *)si->cmd_line, "argon-domu"), "command line '%s'",
          (const char *)si->cmd_line);
    check(si->store_mfn && si->store_evtchn, "a xenstore ring (mfn %lu, port %u)",
          (unsigned long)si->store_mfn, si->store_evtchn);
    check(si->console.domU.mfn && si->console.domU.evtchn &&
          si->console.domU.evtchn != si->store_evtchn,
          "a console ring of its own (mfn %lu, port %u)",
          (unsigned long)si->console.domU.mfn, si->console.domU.evtchn);
    check_eq(hypercall2(__HYPERVISOR_memory_op, XENMEM_memory_map, &map), 0, "memory_map");
    check_eq(ram[0].size, 32UL << 20, "32 MiB of RAM");
    printf("test-xl-domu: built by the toolstack, %lu pages, console on port %u\n",
           (unsigned long)si->nr_pages, si->console.domU.evtchn);
}
