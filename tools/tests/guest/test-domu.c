/*
 * An unprivileged domain (domain 1, started with second-domain beside
 * dom0): its start_info says so, and what only the hardware domain may do
 * is refused: the machine memory map, other domains' reservations, port
 * I/O without an I/O privilege level (#GP) and the devices behind ports
 * it does not own with one (all ones, as in Xen), and what the toolstack does on
 * another domain's behalf (-EPERM): populating its memory, pinning or
 * mapping its frames, opening its ports, reaching its grant table.
 */
#include <public/event_channel.h>
#include <public/features.h>
#include <public/grant_table.h>
#include <public/memory.h>
#include <public/physdev.h>
#include <public/platform.h>
#include <public/sysctl.h>
#include <public/version.h>

#include "traptest.h"

void test_main(void)
{
    struct xen_feature_info fi = { .submap_idx = 0 };
    struct physdev_set_iopl iopl = { .iopl = 3 };
    struct xen_e820_entry e820[8];
    struct xen_memory_map map = { 8, (unsigned long)e820 };
    domid_t dom0 = 0;

    check_eq(install_trap_stubs(), 0, "set_trap_table");
    check_eq(start_info->flags & (SIF_PRIVILEGED | SIF_INITDOMAIN), 0,
             "not privileged, not the initial domain");
    check_eq(hypercall2(__HYPERVISOR_xen_version, XENVER_get_features, &fi), 0,
             "get_features");
    check(!(fi.submap & (1u << XENFEAT_dom0)), "no dom0 feature bit");
    check_eq(hypercall2(__HYPERVISOR_memory_op, XENMEM_machine_memory_map, &map), -1,
             "the machine memory map: -EPERM");
    check_eq(hypercall2(__HYPERVISOR_memory_op, XENMEM_current_reservation, &dom0), -3,
             "dom0's reservation: -ESRCH");
    check_eq(hypercall2(__HYPERVISOR_memory_op, XENMEM_memory_map, &map), 0,
             "its own memory map");
    EXPECT_TRAP(13, 0, 2, "in $0x71, %%al");         /* no I/O privilege yet */
    check_eq(hypercall2(__HYPERVISOR_physdev_op, PHYSDEVOP_set_iopl, &iopl), 0, "set_iopl");
    {
        uint8_t v;

        /* With it, as in Xen: a port it does not own reads all ones, the device untouched. */
        trap_seen.count = 0;
        trap_skip_bytes = 2;
        __asm__ __volatile__ ( "outb %%al, $0x70; inb $0x71, %%al" : "=a" (v) : "a" (0x0d)
                               : "memory" );
        check_eq(trap_seen.count, 0, "port I/O with I/O privilege: no #GP");
        check_eq(v, 0xff, "the CMOS, not granted: all ones");
    }
    {
        struct xen_sysctl op = { .cmd = XEN_SYSCTL_physinfo,
                                 .interface_version = XEN_SYSCTL_INTERFACE_VERSION };

        check_eq(hypercall1(__HYPERVISOR_sysctl, &op), -1, "sysctl from domain 1: -EPERM");
    }
    {
        struct xen_platform_op op = { .cmd = XENPF_settime64,
                                      .interface_version = XENPF_INTERFACE_VERSION };

        check_eq(hypercall1(__HYPERVISOR_platform_op, &op), -1, "platform_op: -EPERM");
    }
    {
        uint64_t frame = 0;
        struct xen_memory_reservation r = { (unsigned long)&frame, 1, 0, 0, 0 };
        struct mmuext_op pin = { .cmd = MMUEXT_PIN_L4_TABLE, .arg1.mfn = 1 };
        struct mmu_update u = { .ptr = 0, .val = 0 };
        struct evtchn_alloc_unbound a = { .dom = 0, .remote_dom = DOMID_SELF };
        struct gnttab_setup_table st = { .dom = 0, .nr_frames = 1,
                                         .frame_list = (unsigned long)&frame };

        check_eq(hypercall2(__HYPERVISOR_memory_op, XENMEM_populate_physmap, &r), -1,
                 "populate_physmap for dom0: -EPERM");
        check_eq(hypercall4(__HYPERVISOR_mmuext_op, &pin, 1, 0, 0), -1,
                 "mmuext_op pin with foreigndom 0: -EPERM");
        check_eq(hypercall4(__HYPERVISOR_mmu_update, &u, 1, 0, 0), -1,
                 "mmu_update with foreigndom 0: -EPERM");
        check_eq(hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_alloc_unbound, &a), -1,
                 "alloc_unbound in dom0: -EPERM");
        check_eq(hypercall3(__HYPERVISOR_grant_table_op, GNTTABOP_setup_table, &st, 1), 0,
                 "setup_table for dom0: the call returns");
        check_eq(st.status, GNTST_permission_denied, "setup_table for dom0: permission denied");
        check_eq(frame, 0, "no frame of dom0's given out");
    }
    printf("test-domu: domain 1 is unprivileged and refused what only dom0 may do\n");
}
