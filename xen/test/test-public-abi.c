/*
 * The public guest ABI as built for the host: every header in
 * xen/include/public is included together (no clashes between them), and
 * the layouts guests and tools depend on most are checked at run time
 * against the numbers of Xen 4.17's x86-64 ABI.  The headers assert the
 * same at compile time; this table is the readable summary, and the one
 * place a wrong number shows up in a test report by name.
 */
#include <stddef.h>
#include <stdint.h>

#include <public/xen.h>
#include <public/arch-x86_64.h>
#include <public/argon-sysctl.h>
#include <public/callback.h>
#include <public/domctl.h>
#include <public/elfnote.h>
#include <public/event_channel.h>
#include <public/features.h>
#include <public/grant_table.h>
#include <public/io/console.h>
#include <public/io/ring.h>
#include <public/memory.h>
#include <public/physdev.h>
#include <public/sched.h>
#include <public/sysctl.h>
#include <public/vcpu.h>
#include <public/version.h>
#include <public/xen-errno.h>

#include "hostenv.h"

struct abi_fact {
    const char *what;
    unsigned long long actual, expected;
};

#define SIZE(type, n)           { "sizeof " #type, sizeof(type), n }
#define OFF(type, field, n)     { "offsetof " #type "." #field, offsetof(type, field), n }
#define NUM(name, n)            { #name, (unsigned long long)(name), n }

static const struct abi_fact facts[] = {
    /* Boot contract (LINUX-PV-CHECKLIST.md A5). */
    SIZE(struct start_info, 1168),
    OFF(struct start_info, nr_pages, 32),
    OFF(struct start_info, shared_info, 40),
    OFF(struct start_info, flags, 48),
    OFF(struct start_info, store_mfn, 56),
    OFF(struct start_info, store_evtchn, 64),
    OFF(struct start_info, console, 72),
    OFF(struct start_info, pt_base, 88),
    OFF(struct start_info, mfn_list, 104),
    OFF(struct start_info, mod_start, 112),
    OFF(struct start_info, cmd_line, 128),
    OFF(struct start_info, first_p2m_pfn, 1152),
    OFF(struct start_info, nr_p2m_frames, 1160),
    SIZE(struct dom0_vga_console_info, 40),
    NUM(SIF_PRIVILEGED | SIF_INITDOMAIN | SIF_MOD_START_PFN, 0xb),

    /* Shared page and per-vCPU state. */
    SIZE(struct shared_info, 3136),
    SIZE(struct vcpu_info, 64),
    SIZE(struct vcpu_time_info, 32),
    OFF(struct vcpu_info, evtchn_upcall_mask, 1),
    OFF(struct vcpu_info, evtchn_pending_sel, 8),
    OFF(struct vcpu_info, arch.cr2, 16),
    OFF(struct vcpu_info, time, 32),
    OFF(struct shared_info, evtchn_pending, 2048),
    OFF(struct shared_info, evtchn_mask, 2560),
    OFF(struct shared_info, wc_version, 3072),
    OFF(struct shared_info, wc_sec_hi, 3084),
    OFF(struct shared_info, arch, 3088),
    OFF(struct shared_info, arch.p2m_generation, 3128),
    NUM(XEN_LEGACY_MAX_VCPUS, 32),

    /* Hypercall payloads of the PV MMU and friends. */
    SIZE(struct mmu_update, 16),
    SIZE(struct mmuext_op, 24),
    SIZE(struct multicall_entry, 64),
    OFF(struct multicall_entry, args, 16),
    SIZE(struct iret_context, 72),
    SIZE(struct trap_info, 16),
    SIZE(cpu_user_regs_t, 200),
    SIZE(struct vcpu_guest_context, 5168),
    OFF(struct vcpu_guest_context, user_regs, 520),
    OFF(struct vcpu_guest_context, ctrlreg, 4984),
    OFF(struct vcpu_guest_context, gs_base_user, 5160),
    SIZE(struct callback_register, 16),
    NUM(FLAT_KERNEL_CS, 0xe033),
    NUM(FLAT_KERNEL_SS, 0xe02b),
    NUM(FLAT_USER_CS32, 0xe023),
    NUM(HYPERVISOR_VIRT_START, 0xffff800000000000ULL),
    NUM(HYPERVISOR_VIRT_END, 0xffff880000000000ULL),
    NUM(MACH2PHYS_VIRT_END, 0xffff804000000000ULL),
    NUM(__HYPERVISOR_iret, 23),
    NUM(__HYPERVISOR_sysctl, 35),
    NUM(__HYPERVISOR_domctl, 36),
    NUM(__HYPERVISOR_hypfs_op, 42),
    NUM(CALLBACKTYPE_sysenter, 5),
    NUM(XENFEAT_not_direct_mapped, 16),
    NUM(XENFEAT_direct_mapped, 17),
    NUM(XEN_ELFNOTE_PHYS32_ENTRY, 18),

    /* Events, vCPUs, scheduling. */
    SIZE(struct evtchn_status, 24),
    SIZE(struct evtchn_op, 28),
    SIZE(struct evtchn_init_control, 24),
    NUM(EVTCHN_2L_NR_CHANNELS, 4096),
    SIZE(struct vcpu_runstate_info, 48),
    SIZE(struct vcpu_register_vcpu_info, 16),
    SIZE(struct vcpu_set_singleshot_timer, 16),
    SIZE(struct sched_poll, 24),

    /* Grant tables. */
    SIZE(struct grant_entry_v1, 8),
    SIZE(union grant_entry_v2, 16),
    SIZE(struct gnttab_map_grant_ref, 32),
    OFF(struct gnttab_map_grant_ref, status, 18),
    OFF(struct gnttab_map_grant_ref, handle, 20),
    OFF(struct gnttab_map_grant_ref, dev_bus_addr, 24),
    SIZE(struct gnttab_unmap_grant_ref, 24),
    SIZE(struct gnttab_setup_table, 24),
    SIZE(struct gnttab_copy, 40),
    SIZE(struct gnttab_query_size, 16),
    NUM(GNTMAP_contains_pte, 0x10),
    NUM(_GNTMAP_guest_avail0, 16),
    NUM(GNTST_eagain, -12LL),
    NUM(GNTST_no_space, -13LL),

    /* Memory, physdev. */
    SIZE(struct xen_memory_reservation, 32),
    SIZE(struct xen_memory_exchange, 72),
    SIZE(struct xen_add_to_physmap, 24),
    SIZE(struct xen_e820_entry, 20),
    SIZE(struct xen_mem_acquire_resource, 32),
    OFF(struct xen_mem_acquire_resource, frame_list, 24),
    SIZE(struct physdev_map_pirq, 40),
    SIZE(struct physdev_pci_device_add, 12),
    SIZE(struct physdev_irq_status_query, 8),

    /* domctl / sysctl (LINUX-PV-CHECKLIST.md E5). */
    NUM(XEN_DOMCTL_INTERFACE_VERSION, 0x15),
    NUM(XEN_SYSCTL_INTERFACE_VERSION, 0x15),
    SIZE(struct xen_domctl, 144),
    OFF(struct xen_domctl, interface_version, 4),
    OFF(struct xen_domctl, domain, 8),
    OFF(struct xen_domctl, u, 16),
    SIZE(struct xen_domctl_createdomain, 64),
    OFF(struct xen_domctl_createdomain, flags, 20),
    OFF(struct xen_domctl_createdomain, arch, 56),
    SIZE(struct xen_domctl_getdomaininfo, 112),
    OFF(struct xen_domctl_getdomaininfo, tot_pages, 8),
    OFF(struct xen_domctl_getdomaininfo, cpu_time, 56),
    OFF(struct xen_domctl_getdomaininfo, handle, 76),
    OFF(struct xen_domctl_getdomaininfo, cpupool, 92),
    OFF(struct xen_domctl_getdomaininfo, arch_config, 104),
    SIZE(struct xen_domctl_getvcpuinfo, 24),
    SIZE(struct xen_domctl_assign_device, 24),
    NUM(XEN_DOMCTL_settimeoffset, 24),
    NUM(XEN_DOMCTL_assign_device, 37),
    NUM(XEN_DOMCTL_test_assign_device, 45),
    NUM(XEN_DOMCTL_deassign_device, 47),
    SIZE(struct xen_sysctl, 136),
    OFF(struct xen_sysctl, u, 8),
    SIZE(struct xen_sysctl_physinfo, 112),
    OFF(struct xen_sysctl_physinfo, total_pages, 40),
    OFF(struct xen_sysctl_physinfo, hw_cap, 80),
    SIZE(struct xen_sysctl_getdomaininfolist, 24),
    OFF(struct xen_sysctl_getdomaininfolist, buffer, 8),
    SIZE(struct xen_sysctl_readconsole, 24),
    NUM(XEN_SYSCTL_cputopoinfo, 16),
    NUM(XEN_SYSCTL_numainfo, 17),
    SIZE(struct argon_sysctl, 136),
    NUM(ARGON_SYSCTL_iommu_flush_policy, 0x4100),
    NUM(ARGON_SYSCTL_iommu_stats, 0x4101),

    /* Rings and errors. */
    SIZE(struct xencons_interface, 3088),
    NUM(XEN_EACCES, 13),
    NUM(XEN_ENOSYS, 38),
    NUM(XEN_EOPNOTSUPP, 95),
};

START_TEST(abi_fact_holds)
{
    const struct abi_fact *f = &facts[_i];

    ck_assert_msg(f->actual == f->expected, "%s is %llu (%#llx), the ABI says %llu (%#llx)",
                  f->what, f->actual, f->actual, f->expected, f->expected);
}
END_TEST

/* Argon's sysctl numbers must not collide with any of Xen 4.17's. */
START_TEST(argon_sysctls_are_clear_of_xen)
{
    ck_assert_uint_gt(ARGON_SYSCTL_iommu_flush_policy, XEN_SYSCTL_get_cpu_policy);
    ck_assert_uint_gt(ARGON_SYSCTL_iommu_stats, XEN_SYSCTL_get_cpu_policy);
    ck_assert_uint_le(sizeof(struct argon_sysctl_iommu_stats), 128);
    ck_assert_uint_le(sizeof(struct argon_sysctl_iommu_flush_policy), 128);
}
END_TEST

/* set_xen_guest_handle stores the address as a plain 64-bit value. */
START_TEST(guest_handles_are_addresses)
{
    static xen_pfn_t frames[4];
    struct xen_memory_reservation r = { 0 };

    set_xen_guest_handle(r.extent_start, frames);
    ck_assert_uint_eq(r.extent_start, (uintptr_t)frames);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("public-abi");
    TCase *tc = tcase_create("layout");

    tcase_add_loop_test(tc, abi_fact_holds, 0, sizeof(facts) / sizeof(facts[0]));
    tcase_add_test(tc, argon_sysctls_are_clear_of_xen);
    tcase_add_test(tc, guest_handles_are_addresses);
    suite_add_tcase(s, tc);
    return hostenv_run_suite(s);
}
