/*
 * What a PV kernel learns about memory: the read-only machine-to-physical
 * table (agreeing with its p2m list, and not writable), its reservation,
 * its pseudo-physical and the machine memory maps, with the error paths.
 */
#include <public/memory.h>

#include "traptest.h"

void test_main(void)
{
    const unsigned long *p2m = (const unsigned long *)start_info->mfn_list;
    struct xen_machphys_mapping mp;
    struct xen_e820_entry e820[32];
    struct xen_memory_map map;
    const volatile unsigned long *m2p;
    domid_t self = DOMID_SELF, other = 5;

    check_eq(install_trap_stubs(), 0, "set_trap_table");
    check(hypercall2(__HYPERVISOR_memory_op, XENMEM_maximum_ram_page, 0) > 1000,
          "maximum RAM page");
    check_eq(hypercall2(__HYPERVISOR_memory_op, XENMEM_current_reservation, &self),
             start_info->nr_pages, "current reservation");
    check_eq(hypercall2(__HYPERVISOR_memory_op, XENMEM_maximum_reservation, &self),
             start_info->nr_pages, "maximum reservation");
    check_eq(hypercall2(__HYPERVISOR_memory_op, XENMEM_current_reservation, &other), -3,
             "reservation of a domain that does not exist: -ESRCH");

    check_eq(hypercall2(__HYPERVISOR_memory_op, XENMEM_machphys_mapping, &mp), 0,
             "machphys_mapping");
    check_eq(mp.v_start, 0xffff800000000000UL, "M2P at the start of the hypervisor range");
    m2p = (const volatile unsigned long *)mp.v_start;
    for ( unsigned long pfn = 0; pfn < start_info->nr_pages; pfn += 1021 )
        check_eq(m2p[p2m[pfn]], pfn, "m2p[p2m[pfn]] == pfn");
    EXPECT_TRAP(14, 3, 3, "mov %%rax, (%%rcx)", "c" (&m2p[p2m[0]]), "a" (0UL));

    map.nr_entries = 32;
    map.buffer = (unsigned long)e820;
    check_eq(hypercall2(__HYPERVISOR_memory_op, XENMEM_memory_map, &map), 0, "memory_map");
    check_eq(map.nr_entries, 1, "one RAM entry");
    check(e820[0].addr == 0 && e820[0].size == start_info->nr_pages * 4096 &&
          e820[0].type == XEN_E820_RAM, "pseudo-physical RAM from 0");
    map.nr_entries = 0;
    check_eq(hypercall2(__HYPERVISOR_memory_op, XENMEM_memory_map, &map), -105,
             "memory_map into no room: -ENOBUFS");

    map.nr_entries = 32;
    check_eq(hypercall2(__HYPERVISOR_memory_op, XENMEM_machine_memory_map, &map), 0,
             "machine_memory_map (dom0)");
    check(map.nr_entries >= 3 && e820[0].addr == 0 && e820[0].type == XEN_E820_RAM,
          "the machine map starts with low RAM (%u entries)", map.nr_entries);
    map.nr_entries = 1;
    check_eq(hypercall2(__HYPERVISOR_memory_op, XENMEM_machine_memory_map, &map), -105,
             "machine map into one entry: -ENOBUFS");
    check_eq(hypercall2(__HYPERVISOR_memory_op, XENMEM_populate_physmap, 0), -14,
             "populate_physmap from a bad pointer: -EFAULT");
    check_eq(hypercall2(__HYPERVISOR_memory_op, XENMEM_claim_pages, &map), -38,
             "an unimplemented sub-op: -ENOSYS");
    printf("test-memory: M2P, reservations and memory maps checked\n");
}
