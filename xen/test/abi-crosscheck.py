#!/usr/bin/env python3
"""Compare Argon's public ABI headers with Xen's installed ones.

Builds one probe program twice, against Xen's headers (Debian's libxen-dev,
/usr/include/xen, built with __XEN_TOOLS__) and against ours
(tools/include/xen), prints every listed size, field offset, constant and
error number from each, and diffs the two outputs.  Exit status: 0 when
identical, 1 on any difference, 0 with "SKIP" when Xen's headers are not
installed.  Usage: abi-crosscheck.py ARGON_ROOT [CC]
"""
import os
import subprocess
import sys
import tempfile

# Layouts: type -> fields whose offsets are compared (sizes always are).
items = {
 "struct start_info": "magic nr_pages shared_info flags store_mfn store_evtchn console console.domU.mfn console.domU.evtchn console.dom0.info_off console.dom0.info_size pt_base nr_pt_frames mfn_list mod_start mod_len cmd_line first_p2m_pfn nr_p2m_frames",
 "struct shared_info": "vcpu_info evtchn_pending evtchn_mask wc_version wc_sec wc_nsec wc_sec_hi arch",
 "struct vcpu_info": "evtchn_upcall_pending evtchn_upcall_mask evtchn_pending_sel arch time",
 "struct vcpu_time_info": "version tsc_timestamp system_time tsc_to_system_mul tsc_shift flags",
 "struct arch_vcpu_info": "cr2 pad",
 "struct arch_shared_info": "max_pfn pfn_to_mfn_frame_list_list nmi_reason p2m_cr3 p2m_vaddr p2m_generation",
 "struct mmu_update": "ptr val",
 "struct mmuext_op": "cmd arg1 arg1.mfn arg1.linear_addr arg2 arg2.nr_ents arg2.vcpumask arg2.src_mfn",
 "struct multicall_entry": "op result args",
 "struct dom0_vga_console_info": "video_type u u.text_mode_3.font_height u.text_mode_3.columns u.vesa_lfb.width u.vesa_lfb.lfb_base u.vesa_lfb.lfb_size u.vesa_lfb.red_pos u.vesa_lfb.rsvd_size u.vesa_lfb.gbl_caps u.vesa_lfb.mode_attrs u.vesa_lfb.ext_lfb_base",
 "struct xen_multiboot_mod_list": "mod_start mod_end cmdline pad",
 "struct xenctl_bitmap": "bitmap nr_bits",
 "struct iret_context": "rax r11 rcx flags rip cs rflags rsp ss",
 "cpu_user_regs_t": "r15 r14 r13 r12 rbp rbx r11 r10 r9 r8 rax rcx rdx rsi rdi error_code entry_vector rip cs saved_upcall_mask rflags rsp ss es ds fs gs",
 "struct trap_info": "vector flags cs address",
 "struct vcpu_guest_context": "fpu_ctxt flags user_regs trap_ctxt ldt_base ldt_ents gdt_frames gdt_ents kernel_ss kernel_sp ctrlreg debugreg event_callback_eip failsafe_callback_eip syscall_callback_eip vm_assist fs_base gs_base_kernel gs_base_user",
 "struct xen_arch_domainconfig": "emulation_flags misc_flags",
 "struct xen_cpuid_leaf": "leaf subleaf a b c d",
 "struct xen_msr_entry": "idx flags val",
 "struct callback_register": "type flags address",
 "struct callback_unregister": "type",
 "struct xen_compile_info": "compiler compile_by compile_domain compile_date",
 "struct xen_platform_parameters": "virt_start",
 "struct xen_feature_info": "submap_idx submap",
 "struct xen_build_id": "len buf",
 "struct sched_shutdown": "reason",
 "struct sched_poll": "ports nr_ports timeout",
 "struct sched_remote_shutdown": "domain_id reason",
 "struct sched_watchdog": "id timeout",
 "struct sched_pin_override": "pcpu",
 "struct vcpu_runstate_info": "state state_entry_time time",
 "struct vcpu_register_runstate_memory_area": "addr",
 "struct vcpu_set_periodic_timer": "period_ns",
 "struct vcpu_set_singleshot_timer": "timeout_abs_ns flags",
 "struct vcpu_register_vcpu_info": "mfn offset rsvd",
 "struct vcpu_get_physid": "phys_id",
 "struct vcpu_register_time_memory_area": "addr",
 "struct evtchn_alloc_unbound": "dom remote_dom port",
 "struct evtchn_bind_interdomain": "remote_dom remote_port local_port",
 "struct evtchn_bind_virq": "virq vcpu port",
 "struct evtchn_bind_pirq": "pirq flags port",
 "struct evtchn_bind_ipi": "vcpu port",
 "struct evtchn_close": "port",
 "struct evtchn_send": "port",
 "struct evtchn_status": "dom port status vcpu u u.unbound.dom u.interdomain.dom u.interdomain.port u.pirq u.virq",
 "struct evtchn_bind_vcpu": "port vcpu",
 "struct evtchn_unmask": "port",
 "struct evtchn_reset": "dom",
 "struct evtchn_init_control": "control_gfn offset vcpu link_bits",
 "struct evtchn_expand_array": "array_gfn",
 "struct evtchn_set_priority": "port priority",
 "struct evtchn_op": "cmd u",
 "struct evtchn_fifo_control_block": "ready head",
 "struct grant_entry_v1": "flags domid frame",
 "union grant_entry_v2": "hdr full_page.frame sub_page.page_off sub_page.length sub_page.frame transitive.trans_domid transitive.gref",
 "struct gnttab_map_grant_ref": "host_addr flags ref dom status handle dev_bus_addr",
 "struct gnttab_unmap_grant_ref": "host_addr dev_bus_addr handle status",
 "struct gnttab_setup_table": "dom nr_frames status frame_list",
 "struct gnttab_dump_table": "dom status",
 "struct gnttab_transfer": "mfn domid ref status",
 "struct gnttab_copy": "source source.u.ref source.domid source.offset dest dest.u.gmfn dest.domid dest.offset len flags status",
 "struct gnttab_query_size": "dom nr_frames max_nr_frames status",
 "struct gnttab_unmap_and_replace": "host_addr new_addr handle status",
 "struct gnttab_set_version": "version",
 "struct gnttab_get_status_frames": "nr_frames dom status frame_list",
 "struct gnttab_get_version": "dom pad version",
 "struct gnttab_swap_grant_ref": "ref_a ref_b status",
 "struct gnttab_cache_flush": "a offset length op",
 "struct xen_memory_reservation": "extent_start nr_extents extent_order mem_flags domid",
 "struct xen_memory_exchange": "in out nr_exchanged",
 "struct xen_memory_domain": "domid",
 "struct xen_machphys_mfn_list": "max_extents extent_start nr_extents",
 "struct xen_machphys_mapping": "v_start v_end max_mfn",
 "struct xen_add_to_physmap": "domid size space idx gpfn",
 "struct xen_add_to_physmap_batch": "domid space size u idxs gpfns errs",
 "struct xen_remove_from_physmap": "domid gpfn",
 "struct xen_memory_map": "nr_entries buffer",
 "struct xen_foreign_memory_map": "domid map",
 "struct xen_pod_target": "target_pages tot_pages pod_cache_pages pod_entries domid",
 "struct xen_reserved_device_memory": "start_pfn nr_pages",
 "struct xen_reserved_device_memory_map": "flags nr_entries buffer dev",
 "struct xen_mem_acquire_resource": "domid type id nr_frames pad frame frame_list",
 "struct xen_vmemrange": "start end flags nid",
 "struct xen_vnuma_topology_info": "domid pad nr_vnodes nr_vcpus nr_vmemranges vdistance vcpu_to_vnode vmemrange",
 "struct physdev_eoi": "irq",
 "struct physdev_pirq_eoi_gmfn": "gmfn",
 "struct physdev_irq_status_query": "irq flags",
 "struct physdev_set_iopl": "iopl",
 "struct physdev_set_iobitmap": "bitmap nr_ports",
 "struct physdev_apic": "apic_physbase reg value",
 "struct physdev_irq": "irq vector",
 "struct physdev_map_pirq": "domid type index pirq bus devfn entry_nr table_base",
 "struct physdev_unmap_pirq": "domid pirq",
 "struct physdev_manage_pci": "bus devfn",
 "struct physdev_restore_msi": "bus devfn",
 "struct physdev_manage_pci_ext": "bus devfn is_extfn is_virtfn physfn physfn.bus physfn.devfn",
 "struct physdev_op": "cmd u",
 "struct physdev_setup_gsi": "gsi triggering polarity",
 "struct physdev_get_free_pirq": "type pirq",
 "struct physdev_pci_mmcfg_reserved": "address segment start_bus end_bus flags",
 "struct physdev_pci_device_add": "seg bus devfn flags physfn optarr",
 "struct physdev_pci_device": "seg bus devfn",
 "struct physdev_dbgp_op": "op bus u",
 "struct xen_domctl_createdomain": "ssidref handle flags iommu_opts max_vcpus max_evtchn_port max_grant_frames max_maptrack_frames grant_opts vmtrace_size cpupool_id arch",
 "struct xen_domctl_getdomaininfo": "domain pad1 flags tot_pages max_pages outstanding_pages shr_pages paged_pages shared_info_frame cpu_time nr_online_vcpus max_vcpu_id ssidref handle cpupool gpaddr_bits pad2 arch_config",
 "struct xen_domctl_getpageframeinfo3": "num array",
 "struct xen_domctl_shadow_op": "op mode mb dirty_bitmap pages stats",
 "struct xen_domctl_max_mem": "max_memkb",
 "struct xen_domctl_vcpucontext": "vcpu ctxt",
 "struct xen_domctl_getvcpuinfo": "vcpu online blocked running cpu_time cpu",
 "struct xen_domctl_nodeaffinity": "nodemap",
 "struct xen_domctl_vcpuaffinity": "vcpu flags cpumap_hard cpumap_soft",
 "struct xen_domctl_max_vcpus": "max",
 "struct xen_domctl_scheduler_op": "sched_id cmd u u.credit.weight u.credit.cap u.rtds.period u.rtds.budget u.rtds.flags u.v.vcpus u.v.nr_vcpus",
 "struct xen_domctl_schedparam_vcpu": "u vcpuid",
 "struct xen_domctl_setdomainhandle": "handle",
 "struct xen_domctl_setdebugging": "enable",
 "struct xen_domctl_irq_permission": "pirq allow_access",
 "struct xen_domctl_iomem_permission": "first_mfn nr_mfns allow_access",
 "struct xen_domctl_ioport_permission": "first_port nr_ports allow_access",
 "struct xen_domctl_hypercall_init": "gmfn",
 "struct xen_domctl_settimeoffset": "time_offset_seconds",
 "struct xen_domctl_address_size": "size",
 "struct xen_domctl_sendtrigger": "trigger vcpu",
 "struct xen_domctl_assign_device": "dev flags u u.pci.machine_sbdf u.dt.size u.dt.path",
 "struct xen_domctl_get_device_group": "machine_sbdf max_sdevs num_sdevs sdev_array",
 "struct xen_domctl_memory_mapping": "first_gfn first_mfn nr_mfns add_mapping padding",
 "struct xen_domctl_ioport_mapping": "first_gport first_mport nr_ports add_mapping",
 "struct xen_domctl_set_target": "target",
 "struct xen_domctl_subscribe": "port",
 "struct xen_domctl_set_virq_handler": "virq",
 "struct xen_domctl_cpu_policy": "nr_leaves nr_msrs leaves msrs err_leaf err_subleaf err_msr",
 "struct xen_domctl_tsc_info": "tsc_mode gtsc_khz incarnation pad elapsed_nsec",
 "struct xen_domctl_paging_mempool": "size",
 "struct xen_domctl": "cmd interface_version domain u",
 "struct xen_sysctl_readconsole": "clear incremental index buffer count",
 "struct xen_sysctl_tbuf_op": "cmd cpu_mask evt_mask buffer_mfn size",
 "struct xen_sysctl_physinfo": "threads_per_core cores_per_socket nr_cpus max_cpu_id nr_nodes max_node_id cpu_khz capabilities arch_capabilities pad total_pages free_pages scrub_pages outstanding_pages max_mfn hw_cap",
 "struct xen_sysctl_sched_id": "sched_id",
 "struct xen_sysctl_perfc_desc": "name nr_vals",
 "struct xen_sysctl_perfc_op": "cmd nr_counters nr_vals desc val",
 "struct xen_sysctl_getdomaininfolist": "first_domain max_domains buffer num_domains",
 "struct xen_sysctl_debug_keys": "keys nr_keys",
 "struct xen_sysctl_cpuinfo": "idletime",
 "struct xen_sysctl_getcpuinfo": "max_cpus info nr_cpus",
 "struct xen_sysctl_availheap": "min_bitwidth max_bitwidth node avail_bytes",
 "struct xen_sysctl_cpu_hotplug": "cpu op",
 "struct xen_sysctl_cputopo": "core socket node",
 "struct xen_sysctl_cputopoinfo": "num_cpus cputopo",
 "struct xen_sysctl_meminfo": "memsize memfree",
 "struct xen_sysctl_numainfo": "num_nodes meminfo distance",
 "struct xen_sysctl_pcitopoinfo": "num_devs devs nodes",
 "struct xen_sysctl_cpupool_op": "op cpupool_id sched_id domid cpu n_dom cpumap",
 "struct xen_sysctl_credit_schedule": "tslice_ms ratelimit_us vcpu_migr_delay_us",
 "struct xen_sysctl_credit2_schedule": "ratelimit_us",
 "struct xen_sysctl_scheduler_op": "cpupool_id sched_id cmd u u.sched_credit.tslice_ms",
 "struct xen_sysctl_cpu_levelling_caps": "caps",
 "struct xen_sysctl_cpu_featureset": "index nr_features features",
 "struct xen_sysctl_cpu_policy": "index nr_leaves nr_msrs leaves msrs",
 "struct xen_sysctl": "cmd interface_version u",
 "struct xencons_interface": "in out in_cons in_prod out_cons out_prod",
 "struct xsd_sockmsg": "type req_id tx_id len",
 "struct xenstore_domain_interface": "req rsp req_cons req_prod rsp_cons rsp_prod server_features connection error",
}
consts = """__HYPERVISOR_set_trap_table __HYPERVISOR_mmu_update __HYPERVISOR_set_gdt __HYPERVISOR_stack_switch __HYPERVISOR_set_callbacks __HYPERVISOR_fpu_taskswitch __HYPERVISOR_sched_op_compat __HYPERVISOR_platform_op __HYPERVISOR_set_debugreg __HYPERVISOR_get_debugreg __HYPERVISOR_update_descriptor __HYPERVISOR_memory_op __HYPERVISOR_multicall __HYPERVISOR_update_va_mapping __HYPERVISOR_set_timer_op __HYPERVISOR_event_channel_op_compat __HYPERVISOR_xen_version __HYPERVISOR_console_io __HYPERVISOR_physdev_op_compat __HYPERVISOR_grant_table_op __HYPERVISOR_vm_assist __HYPERVISOR_update_va_mapping_otherdomain __HYPERVISOR_iret __HYPERVISOR_vcpu_op __HYPERVISOR_set_segment_base __HYPERVISOR_mmuext_op __HYPERVISOR_xsm_op __HYPERVISOR_nmi_op __HYPERVISOR_sched_op __HYPERVISOR_callback_op __HYPERVISOR_xenoprof_op __HYPERVISOR_event_channel_op __HYPERVISOR_physdev_op __HYPERVISOR_hvm_op __HYPERVISOR_sysctl __HYPERVISOR_domctl __HYPERVISOR_kexec_op __HYPERVISOR_tmem_op __HYPERVISOR_argo_op __HYPERVISOR_xenpmu_op __HYPERVISOR_dm_op __HYPERVISOR_hypfs_op __HYPERVISOR_arch_0 __HYPERVISOR_arch_7
VIRQ_TIMER VIRQ_DEBUG VIRQ_CONSOLE VIRQ_DOM_EXC VIRQ_TBUF VIRQ_DEBUGGER VIRQ_XENOPROF VIRQ_CON_RING VIRQ_PCPU_STATE VIRQ_MEM_EVENT VIRQ_ARGO VIRQ_ENOMEM VIRQ_XENPMU VIRQ_ARCH_0 VIRQ_ARCH_7 NR_VIRQS
MMU_NORMAL_PT_UPDATE MMU_MACHPHYS_UPDATE MMU_PT_UPDATE_PRESERVE_AD MMU_PT_UPDATE_NO_TRANSLATE
MMUEXT_PIN_L1_TABLE MMUEXT_PIN_L2_TABLE MMUEXT_PIN_L3_TABLE MMUEXT_PIN_L4_TABLE MMUEXT_UNPIN_TABLE MMUEXT_NEW_BASEPTR MMUEXT_TLB_FLUSH_LOCAL MMUEXT_INVLPG_LOCAL MMUEXT_TLB_FLUSH_MULTI MMUEXT_INVLPG_MULTI MMUEXT_TLB_FLUSH_ALL MMUEXT_INVLPG_ALL MMUEXT_FLUSH_CACHE MMUEXT_SET_LDT MMUEXT_NEW_USER_BASEPTR MMUEXT_CLEAR_PAGE MMUEXT_COPY_PAGE MMUEXT_FLUSH_CACHE_GLOBAL MMUEXT_MARK_SUPER MMUEXT_UNMARK_SUPER
UVMF_NONE UVMF_TLB_FLUSH UVMF_INVLPG UVMF_FLUSHTYPE_MASK UVMF_MULTI UVMF_LOCAL UVMF_ALL CONSOLEIO_write CONSOLEIO_read
VMASST_CMD_enable VMASST_CMD_disable VMASST_TYPE_4gb_segments VMASST_TYPE_4gb_segments_notify VMASST_TYPE_writable_pagetables VMASST_TYPE_pae_extended_cr3 VMASST_TYPE_architectural_iopl VMASST_TYPE_runstate_update_flag VMASST_TYPE_m2p_strict
DOMID_FIRST_RESERVED DOMID_SELF DOMID_IO DOMID_XEN DOMID_COW DOMID_INVALID DOMID_IDLE DOMID_MASK
XEN_PVCLOCK_TSC_STABLE_BIT XEN_PVCLOCK_GUEST_STOPPED MAX_GUEST_CMDLINE
SIF_PRIVILEGED SIF_INITDOMAIN SIF_MULTIBOOT_MOD SIF_MOD_START_PFN SIF_VIRT_P2M_4TOOLS SIF_PM_MASK
XEN_VGATYPE_TEXT_MODE_3 XEN_VGATYPE_VESA_LFB XEN_VGATYPE_EFI_LFB XEN_LEGACY_MAX_VCPUS
FLAT_RING3_CS32 FLAT_RING3_CS64 FLAT_RING3_DS32 FLAT_RING3_DS64 FLAT_RING3_SS32 FLAT_RING3_SS64 FLAT_KERNEL_CS FLAT_KERNEL_DS FLAT_KERNEL_SS FLAT_USER_CS FLAT_USER_DS FLAT_USER_SS FLAT_KERNEL_CS32 FLAT_USER_SS32
__HYPERVISOR_VIRT_START __HYPERVISOR_VIRT_END __MACH2PHYS_VIRT_START __MACH2PHYS_VIRT_END HYPERVISOR_VIRT_START HYPERVISOR_VIRT_END MACH2PHYS_VIRT_START MACH2PHYS_VIRT_END MACH2PHYS_NR_ENTRIES
FIRST_RESERVED_GDT_PAGE FIRST_RESERVED_GDT_BYTE FIRST_RESERVED_GDT_ENTRY SEGBASE_FS SEGBASE_GS_USER SEGBASE_GS_KERNEL SEGBASE_GS_USER_SEL
VGCF_i387_valid VGCF_in_kernel VGCF_failsafe_disables_events VGCF_syscall_disables_events VGCF_online VGCF_in_syscall VGCF_IN_SYSCALL VGCF_I387_VALID VGCF_IN_KERNEL
XEN_X86_EMU_LAPIC XEN_X86_EMU_VPCI XEN_X86_EMU_ALL XEN_X86_MSR_RELAXED XEN_CPUID_NO_SUBLEAF
XEN_ELFNOTE_INFO XEN_ELFNOTE_ENTRY XEN_ELFNOTE_HYPERCALL_PAGE XEN_ELFNOTE_VIRT_BASE XEN_ELFNOTE_PADDR_OFFSET XEN_ELFNOTE_XEN_VERSION XEN_ELFNOTE_GUEST_OS XEN_ELFNOTE_GUEST_VERSION XEN_ELFNOTE_LOADER XEN_ELFNOTE_PAE_MODE XEN_ELFNOTE_FEATURES XEN_ELFNOTE_BSD_SYMTAB XEN_ELFNOTE_HV_START_LOW XEN_ELFNOTE_L1_MFN_VALID XEN_ELFNOTE_SUSPEND_CANCEL XEN_ELFNOTE_INIT_P2M XEN_ELFNOTE_MOD_START_PFN XEN_ELFNOTE_SUPPORTED_FEATURES XEN_ELFNOTE_PHYS32_ENTRY XEN_ELFNOTE_MAX
XENFEAT_writable_page_tables XENFEAT_writable_descriptor_tables XENFEAT_auto_translated_physmap XENFEAT_supervisor_mode_kernel XENFEAT_pae_pgdir_above_4gb XENFEAT_mmu_pt_update_preserve_ad XENFEAT_highmem_assist XENFEAT_gnttab_map_avail_bits XENFEAT_hvm_callback_vector XENFEAT_hvm_safe_pvclock XENFEAT_hvm_pirqs XENFEAT_dom0 XENFEAT_memory_op_vnode_supported XENFEAT_ARM_SMCCC_supported XENFEAT_linux_rsdp_unrestricted XENFEAT_not_direct_mapped XENFEAT_direct_mapped XENFEAT_NR_SUBMAPS
XENVER_version XENVER_extraversion XENVER_compile_info XENVER_capabilities XENVER_changeset XENVER_platform_parameters XENVER_get_features XENVER_pagesize XENVER_guest_handle XENVER_commandline XENVER_build_id XEN_EXTRAVERSION_LEN XEN_CAPABILITIES_INFO_LEN XEN_CHANGESET_INFO_LEN
SCHEDOP_yield SCHEDOP_block SCHEDOP_shutdown SCHEDOP_poll SCHEDOP_remote_shutdown SCHEDOP_shutdown_code SCHEDOP_watchdog SCHEDOP_pin_override SHUTDOWN_poweroff SHUTDOWN_reboot SHUTDOWN_suspend SHUTDOWN_crash SHUTDOWN_watchdog SHUTDOWN_soft_reset SHUTDOWN_MAX
VCPUOP_initialise VCPUOP_up VCPUOP_down VCPUOP_is_up VCPUOP_get_runstate_info VCPUOP_register_runstate_memory_area VCPUOP_set_periodic_timer VCPUOP_stop_periodic_timer VCPUOP_set_singleshot_timer VCPUOP_stop_singleshot_timer VCPUOP_register_vcpu_info VCPUOP_send_nmi VCPUOP_get_physid VCPUOP_register_vcpu_time_memory_area RUNSTATE_running RUNSTATE_runnable RUNSTATE_blocked RUNSTATE_offline VCPU_SSHOTTMR_future XEN_RUNSTATE_UPDATE
EVTCHNOP_bind_interdomain EVTCHNOP_bind_virq EVTCHNOP_bind_pirq EVTCHNOP_close EVTCHNOP_send EVTCHNOP_status EVTCHNOP_alloc_unbound EVTCHNOP_bind_ipi EVTCHNOP_bind_vcpu EVTCHNOP_unmask EVTCHNOP_reset EVTCHNOP_init_control EVTCHNOP_expand_array EVTCHNOP_set_priority EVTCHNSTAT_closed EVTCHNSTAT_unbound EVTCHNSTAT_interdomain EVTCHNSTAT_pirq EVTCHNSTAT_virq EVTCHNSTAT_ipi BIND_PIRQ__WILL_SHARE EVTCHN_2L_NR_CHANNELS EVTCHN_FIFO_PRIORITY_MAX EVTCHN_FIFO_PRIORITY_DEFAULT EVTCHN_FIFO_PRIORITY_MIN EVTCHN_FIFO_MAX_QUEUES EVTCHN_FIFO_PENDING EVTCHN_FIFO_MASKED EVTCHN_FIFO_LINKED EVTCHN_FIFO_BUSY EVTCHN_FIFO_LINK_BITS EVTCHN_FIFO_LINK_MASK EVTCHN_FIFO_NR_CHANNELS
GNTTABOP_map_grant_ref GNTTABOP_unmap_grant_ref GNTTABOP_setup_table GNTTABOP_dump_table GNTTABOP_transfer GNTTABOP_copy GNTTABOP_query_size GNTTABOP_unmap_and_replace GNTTABOP_set_version GNTTABOP_get_status_frames GNTTABOP_get_version GNTTABOP_swap_grant_ref GNTTABOP_cache_flush GNTTAB_NR_RESERVED_ENTRIES GNTTAB_RESERVED_CONSOLE GNTTAB_RESERVED_XENSTORE
GTF_invalid GTF_permit_access GTF_accept_transfer GTF_transitive GTF_type_mask GTF_readonly GTF_reading GTF_writing GTF_PWT GTF_PCD GTF_PAT GTF_sub_page GTF_transfer_committed GTF_transfer_completed
GNTMAP_device_map GNTMAP_host_map GNTMAP_readonly GNTMAP_application_map GNTMAP_contains_pte _GNTMAP_guest_avail0 GNTMAP_guest_avail_mask GNTCOPY_source_gref GNTCOPY_dest_gref GNTTAB_CACHE_CLEAN GNTTAB_CACHE_INVAL GNTTAB_CACHE_SOURCE_GREF
GNTST_okay GNTST_general_error GNTST_bad_domain GNTST_bad_gntref GNTST_bad_handle GNTST_bad_virt_addr GNTST_bad_dev_addr GNTST_no_device_space GNTST_permission_denied GNTST_bad_page GNTST_bad_copy_arg GNTST_address_too_big GNTST_eagain GNTST_no_space
XENMEM_increase_reservation XENMEM_decrease_reservation XENMEM_maximum_ram_page XENMEM_current_reservation XENMEM_maximum_reservation XENMEM_machphys_mfn_list XENMEM_populate_physmap XENMEM_add_to_physmap XENMEM_memory_map XENMEM_machine_memory_map XENMEM_exchange XENMEM_machphys_mapping XENMEM_set_memory_map XENMEM_maximum_gpfn XENMEM_remove_from_physmap XENMEM_set_pod_target XENMEM_get_pod_target XENMEM_get_sharing_freed_pages XENMEM_get_sharing_shared_pages XENMEM_paging_op XENMEM_access_op XENMEM_sharing_op XENMEM_add_to_physmap_batch XENMEM_claim_pages XENMEM_machphys_compat_mfn_list XENMEM_get_vnumainfo XENMEM_reserved_device_memory_map XENMEM_acquire_resource
XENMEMF_populate_on_demand XENMEMF_exact_node_request XENMEMF_vnode XENMAPSPACE_shared_info XENMAPSPACE_grant_table XENMAPSPACE_gmfn XENMAPSPACE_gmfn_range XENMAPSPACE_gmfn_foreign XENMAPSPACE_dev_mmio XENMAPIDX_grant_table_status XENMEM_RDM_ALL XENMEM_resource_ioreq_server XENMEM_resource_grant_table XENMEM_resource_vmtrace_buf XENMEM_resource_grant_table_id_shared XENMEM_resource_grant_table_id_status
PHYSDEVOP_IRQ_UNMASK_NOTIFY PHYSDEVOP_irq_status_query PHYSDEVOP_set_iopl PHYSDEVOP_set_iobitmap PHYSDEVOP_apic_read PHYSDEVOP_apic_write PHYSDEVOP_alloc_irq_vector PHYSDEVOP_free_irq_vector PHYSDEVOP_eoi PHYSDEVOP_map_pirq PHYSDEVOP_unmap_pirq PHYSDEVOP_manage_pci_add PHYSDEVOP_manage_pci_remove PHYSDEVOP_pirq_eoi_gmfn_v1 PHYSDEVOP_restore_msi PHYSDEVOP_manage_pci_add_ext PHYSDEVOP_setup_gsi PHYSDEVOP_get_free_pirq PHYSDEVOP_pci_mmcfg_reserved PHYSDEVOP_pci_device_add PHYSDEVOP_pci_device_remove PHYSDEVOP_restore_msi_ext PHYSDEVOP_pirq_eoi_gmfn_v2 PHYSDEVOP_dbgp_op PHYSDEVOP_prepare_msix PHYSDEVOP_release_msix PHYSDEVOP_pirq_eoi_gmfn
XENIRQSTAT_needs_eoi XENIRQSTAT_shared MAP_PIRQ_TYPE_MSI MAP_PIRQ_TYPE_GSI MAP_PIRQ_TYPE_UNKNOWN MAP_PIRQ_TYPE_MSI_SEG MAP_PIRQ_TYPE_MULTI_MSI XEN_PCI_MMCFG_RESERVED XEN_PCI_DEV_EXTFN XEN_PCI_DEV_VIRTFN XEN_PCI_DEV_PXM PHYSDEVOP_DBGP_RESET_PREPARE PHYSDEVOP_DBGP_RESET_DONE PHYSDEVOP_DBGP_BUS_UNKNOWN PHYSDEVOP_DBGP_BUS_PCI
CALLBACKTYPE_event CALLBACKTYPE_failsafe CALLBACKTYPE_syscall CALLBACKTYPE_sysenter_deprecated CALLBACKTYPE_nmi CALLBACKTYPE_sysenter CALLBACKTYPE_syscall32 CALLBACKF_mask_events CALLBACKOP_register CALLBACKOP_unregister
XEN_DOMCTL_INTERFACE_VERSION XEN_DOMCTL_createdomain XEN_DOMCTL_destroydomain XEN_DOMCTL_pausedomain XEN_DOMCTL_unpausedomain XEN_DOMCTL_getdomaininfo XEN_DOMCTL_setvcpuaffinity XEN_DOMCTL_shadow_op XEN_DOMCTL_max_mem XEN_DOMCTL_setvcpucontext XEN_DOMCTL_getvcpucontext XEN_DOMCTL_getvcpuinfo XEN_DOMCTL_max_vcpus XEN_DOMCTL_scheduler_op XEN_DOMCTL_setdomainhandle XEN_DOMCTL_setdebugging XEN_DOMCTL_irq_permission XEN_DOMCTL_iomem_permission XEN_DOMCTL_ioport_permission XEN_DOMCTL_hypercall_init XEN_DOMCTL_settimeoffset XEN_DOMCTL_getvcpuaffinity XEN_DOMCTL_real_mode_area XEN_DOMCTL_resumedomain XEN_DOMCTL_sendtrigger XEN_DOMCTL_subscribe XEN_DOMCTL_gethvmcontext XEN_DOMCTL_sethvmcontext XEN_DOMCTL_set_address_size XEN_DOMCTL_get_address_size XEN_DOMCTL_assign_device XEN_DOMCTL_bind_pt_irq XEN_DOMCTL_memory_mapping XEN_DOMCTL_ioport_mapping XEN_DOMCTL_set_ext_vcpucontext XEN_DOMCTL_get_ext_vcpucontext XEN_DOMCTL_set_opt_feature XEN_DOMCTL_test_assign_device XEN_DOMCTL_set_target XEN_DOMCTL_deassign_device XEN_DOMCTL_unbind_pt_irq XEN_DOMCTL_get_device_group XEN_DOMCTL_debug_op XEN_DOMCTL_gethvmcontext_partial XEN_DOMCTL_vm_event_op XEN_DOMCTL_mem_sharing_op XEN_DOMCTL_gettscinfo XEN_DOMCTL_settscinfo XEN_DOMCTL_getpageframeinfo3 XEN_DOMCTL_setvcpuextstate XEN_DOMCTL_getvcpuextstate XEN_DOMCTL_set_access_required XEN_DOMCTL_audit_p2m XEN_DOMCTL_set_virq_handler XEN_DOMCTL_set_broken_page_p2m XEN_DOMCTL_setnodeaffinity XEN_DOMCTL_getnodeaffinity XEN_DOMCTL_cacheflush XEN_DOMCTL_get_vcpu_msrs XEN_DOMCTL_set_vcpu_msrs XEN_DOMCTL_setvnumainfo XEN_DOMCTL_psr_cmt_op XEN_DOMCTL_monitor_op XEN_DOMCTL_psr_alloc XEN_DOMCTL_soft_reset XEN_DOMCTL_vuart_op XEN_DOMCTL_get_cpu_policy XEN_DOMCTL_set_cpu_policy XEN_DOMCTL_vmtrace_op XEN_DOMCTL_get_paging_mempool_size XEN_DOMCTL_set_paging_mempool_size XEN_DOMCTL_gdbsx_guestmemio XEN_DOMCTL_gdbsx_domstatus
XEN_DOMCTL_CDF_hvm XEN_DOMCTL_CDF_hap XEN_DOMCTL_CDF_s3_integrity XEN_DOMCTL_CDF_oos_off XEN_DOMCTL_CDF_xs_domain XEN_DOMCTL_CDF_iommu XEN_DOMCTL_CDF_nested_virt XEN_DOMCTL_CDF_vpmu XEN_DOMCTL_CDF_MAX XEN_DOMCTL_IOMMU_no_sharept XEN_DOMCTL_GRANT_version_mask
XEN_DOMINF_dying XEN_DOMINF_hvm_guest XEN_DOMINF_shutdown XEN_DOMINF_paused XEN_DOMINF_blocked XEN_DOMINF_running XEN_DOMINF_debugged XEN_DOMINF_xs_domain XEN_DOMINF_hap XEN_DOMINF_shutdownmask XEN_DOMINF_shutdownshift XEN_INVALID_MAX_VCPU_ID
XEN_VCPUAFFINITY_HARD XEN_VCPUAFFINITY_SOFT XEN_VCPUAFFINITY_FORCE XEN_SCHEDULER_CREDIT XEN_SCHEDULER_CREDIT2 XEN_SCHEDULER_ARINC653 XEN_SCHEDULER_RTDS XEN_SCHEDULER_NULL XEN_DOMCTL_SCHEDOP_putinfo XEN_DOMCTL_SCHEDOP_getinfo XEN_DOMCTL_SCHEDOP_putvcpuinfo XEN_DOMCTL_SCHEDOP_getvcpuinfo
XEN_DOMCTL_PFINFO_LTAB_SHIFT XEN_DOMCTL_PFINFO_NOTAB XEN_DOMCTL_PFINFO_L1TAB XEN_DOMCTL_PFINFO_L2TAB XEN_DOMCTL_PFINFO_L3TAB XEN_DOMCTL_PFINFO_L4TAB XEN_DOMCTL_PFINFO_LTABTYPE_MASK XEN_DOMCTL_PFINFO_LPINTAB XEN_DOMCTL_PFINFO_XTAB XEN_DOMCTL_PFINFO_XALLOC XEN_DOMCTL_PFINFO_BROKEN XEN_DOMCTL_PFINFO_LTAB_MASK XEN_DOMCTL_DEV_PCI XEN_DOMCTL_DEV_DT XEN_DOMCTL_DEV_RDM_RELAXED XEN_DOMCTL_SENDTRIGGER_NMI XEN_DOMCTL_SENDTRIGGER_SLEEP DPCI_ADD_MAPPING DPCI_REMOVE_MAPPING XEN_CPUID_INPUT_UNUSED
XEN_SYSCTL_INTERFACE_VERSION XEN_SYSCTL_readconsole XEN_SYSCTL_tbuf_op XEN_SYSCTL_physinfo XEN_SYSCTL_sched_id XEN_SYSCTL_perfc_op XEN_SYSCTL_getdomaininfolist XEN_SYSCTL_debug_keys XEN_SYSCTL_getcpuinfo XEN_SYSCTL_availheap XEN_SYSCTL_get_pmstat XEN_SYSCTL_cpu_hotplug XEN_SYSCTL_pm_op XEN_SYSCTL_page_offline_op XEN_SYSCTL_lockprof_op XEN_SYSCTL_cputopoinfo XEN_SYSCTL_numainfo XEN_SYSCTL_cpupool_op XEN_SYSCTL_scheduler_op XEN_SYSCTL_coverage_op XEN_SYSCTL_psr_cmt_op XEN_SYSCTL_pcitopoinfo XEN_SYSCTL_psr_alloc XEN_SYSCTL_get_cpu_levelling_caps XEN_SYSCTL_get_cpu_featureset XEN_SYSCTL_livepatch_op XEN_SYSCTL_get_cpu_policy
XEN_SYSCTL_PHYSCAP_hvm XEN_SYSCTL_PHYSCAP_pv XEN_SYSCTL_PHYSCAP_directio XEN_SYSCTL_PHYSCAP_hap XEN_SYSCTL_PHYSCAP_shadow XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share XEN_SYSCTL_PHYSCAP_vmtrace XEN_SYSCTL_PHYSCAP_vpmu XEN_SYSCTL_PHYSCAP_gnttab_v1 XEN_SYSCTL_PHYSCAP_gnttab_v2 XEN_SYSCTL_PHYSCAP_MAX XEN_SYSCTL_PERFCOP_reset XEN_SYSCTL_PERFCOP_query XEN_SYSCTL_CPU_HOTPLUG_ONLINE XEN_SYSCTL_CPU_HOTPLUG_SMT_DISABLE
XS_CONTROL XS_DEBUG XS_DIRECTORY XS_READ XS_GET_PERMS XS_WATCH XS_UNWATCH XS_TRANSACTION_START XS_TRANSACTION_END XS_INTRODUCE XS_RELEASE XS_GET_DOMAIN_PATH XS_WRITE XS_MKDIR XS_RM XS_SET_PERMS XS_WATCH_EVENT XS_ERROR XS_IS_DOMAIN_INTRODUCED XS_RESUME XS_SET_TARGET XS_RESET_WATCHES XS_DIRECTORY_PART XS_TYPE_COUNT XS_INVALID XS_WATCH_PATH XS_WATCH_TOKEN
XENSTORE_RING_SIZE XENSTORE_PAYLOAD_MAX XENSTORE_ABS_PATH_MAX XENSTORE_REL_PATH_MAX XENSTORE_SERVER_FEATURE_RECONNECTION XENSTORE_SERVER_FEATURE_ERROR XENSTORE_CONNECTED XENSTORE_RECONNECT XENSTORE_ERROR_NONE XENSTORE_ERROR_COMM XENSTORE_ERROR_RINGIDX XENSTORE_ERROR_PROTO
XEN_INVALID_CORE_ID XEN_INVALID_SOCKET_ID XEN_INVALID_NODE_ID XEN_INVALID_MEM_SZ XEN_INVALID_NODE_DIST XEN_INVALID_DEV XEN_SYSCTL_CPUPOOL_OP_CREATE XEN_SYSCTL_CPUPOOL_OP_FREEINFO XEN_SYSCTL_CPUPOOL_PAR_ANY XEN_SYSCTL_SCHEDOP_putinfo XEN_SYSCTL_SCHEDOP_getinfo XEN_SYSCTL_cpu_featureset_raw XEN_SYSCTL_cpu_featureset_hvm_max XEN_SYSCTL_cpu_policy_raw XEN_SYSCTL_cpu_policy_hvm_default
""".split()
errnos = "EPERM ENOENT ESRCH EIO ENXIO E2BIG ENOEXEC EBADF ECHILD EAGAIN EWOULDBLOCK ENOMEM EACCES EFAULT EBUSY EEXIST EXDEV ENODEV ENOTDIR EISDIR EINVAL ENFILE EMFILE ENOSPC EROFS EMLINK EDOM ERANGE EDEADLK EDEADLOCK ENAMETOOLONG ENOLCK ENOSYS ENOTEMPTY ENODATA ETIME EBADMSG EOVERFLOW EILSEQ ENOTSOCK EMSGSIZE EOPNOTSUPP EADDRINUSE EADDRNOTAVAIL ENOBUFS EISCONN ENOTCONN ETIMEDOUT ECONNREFUSED".split()


HEADERS = ("xen arch-x86_64 elfnote features version sched vcpu event_channel "
           "grant_table memory physdev callback domctl sysctl io/console io/xs_wire").split()


def probe_source(errno_header):
    out = ["#include <stdio.h>", "#include <stddef.h>", "#include <stdint.h>"]
    out += ["#include <xen/%s.h>" % h for h in HEADERS]
    out.append("#include <xen/%s>" % errno_header)
    out.append("int main(void)\n{")
    for t, fields in items.items():
        out.append('    printf("sizeof %s = %%zu\\n", sizeof(%s));' % (t, t))
        for f in fields.split():
            out.append('    printf("offsetof %s.%s = %%zu\\n", offsetof(%s, %s));'
                       % (t, f, t, f))
    for c in consts:
        out.append('    printf("const %s = %%lld\\n", (long long)(%s));' % (c, c))
    for e in errnos:
        out.append('    printf("errno %s = %%d\\n", (int)XEN_%s);' % (e, e))
    out.append("    return 0;\n}")
    return "\n".join(out) + "\n"


def build_and_run(cc, tmp, name, source, flags):
    c_file = os.path.join(tmp, name + ".c")
    exe = os.path.join(tmp, name)
    with open(c_file, "w") as f:
        f.write(source)
    subprocess.run([cc, "-std=gnu11", "-o", exe, c_file] + flags, check=True)
    return subprocess.run([exe], check=True, capture_output=True, text=True).stdout


def main():
    root = os.path.abspath(sys.argv[1])
    cc = sys.argv[2] if len(sys.argv) > 2 else "cc"
    if not os.path.exists("/usr/include/xen/domctl.h"):
        print("abi-crosscheck: SKIP (Xen's headers are not installed: libxen-dev)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        xen = build_and_run(cc, tmp, "probe-xen", probe_source("errno.h"),
                            ["-D__XEN_TOOLS__"])
        argon = build_and_run(cc, tmp, "probe-argon", probe_source("xen-errno.h"),
                              ["-Wall", "-Werror", "-I" + os.path.join(root, "tools/include")])
    xen_lines, argon_lines = xen.splitlines(), argon.splitlines()
    diffs = [(a, b) for a, b in zip(xen_lines, argon_lines) if a != b]
    if diffs or len(xen_lines) != len(argon_lines):
        for a, b in diffs:
            print("differs: Xen %s, Argon %s" % (a, b.split(" = ")[1]))
        print("abi-crosscheck: FAIL, %d of %d values differ" % (len(diffs), len(xen_lines)))
        return 1
    print("abi-crosscheck: %d sizes, offsets and numbers identical to Xen's headers"
          % len(xen_lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
