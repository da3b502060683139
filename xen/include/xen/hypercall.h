/*
 * Hypercall handlers.  Every hypercall goes through the one table in
 * arch/x86/pv/hypercall.c; a number without a handler returns -ENOSYS and
 * is counted, and the counts are printed when the machine stops, so a
 * missing hypercall is named rather than guessed at.  Handlers take the
 * guest's raw argument registers and return the value for RAX.
 */
#ifndef XEN_HYPERCALL_H
#define XEN_HYPERCALL_H

#include <xen/types.h>

typedef long (*hypercall_fn_t)(uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
                               uint64_t a5, uint64_t a6);

long do_console_io(uint64_t cmd, uint64_t count, uint64_t buffer, uint64_t a4,
                   uint64_t a5, uint64_t a6);
long do_xen_version(uint64_t cmd, uint64_t arg, uint64_t a3, uint64_t a4,
                    uint64_t a5, uint64_t a6);
long do_set_trap_table(uint64_t table, uint64_t a2, uint64_t a3, uint64_t a4,
                       uint64_t a5, uint64_t a6);
long do_iret(uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5,
             uint64_t a6);
long do_stack_switch(uint64_t ss, uint64_t sp, uint64_t a3, uint64_t a4, uint64_t a5,
                     uint64_t a6);
long do_set_callbacks(uint64_t event, uint64_t failsafe, uint64_t syscall,
                      uint64_t a4, uint64_t a5, uint64_t a6);
long do_callback_op(uint64_t cmd, uint64_t arg, uint64_t a3, uint64_t a4, uint64_t a5,
                    uint64_t a6);
long do_set_segment_base(uint64_t which, uint64_t base, uint64_t a3, uint64_t a4,
                         uint64_t a5, uint64_t a6);
long do_fpu_taskswitch(uint64_t set, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5,
                       uint64_t a6);
long do_vm_assist(uint64_t cmd, uint64_t type, uint64_t a3, uint64_t a4, uint64_t a5,
                  uint64_t a6);
long do_vcpu_op(uint64_t cmd, uint64_t vcpuid, uint64_t arg, uint64_t a4, uint64_t a5,
                uint64_t a6);
long do_set_timer_op(uint64_t timeout, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5,
                     uint64_t a6);
long do_update_va_mapping(uint64_t va, uint64_t val, uint64_t flags, uint64_t a4,
                          uint64_t a5, uint64_t a6);
long do_update_va_mapping_otherdomain(uint64_t va, uint64_t val, uint64_t flags,
                                      uint64_t domid, uint64_t a5, uint64_t a6);
long do_mmu_update(uint64_t reqs, uint64_t count, uint64_t pdone, uint64_t foreigndom,
                   uint64_t a5, uint64_t a6);
long do_grant_table_op(uint64_t cmd, uint64_t uop, uint64_t count, uint64_t a4,
                       uint64_t a5, uint64_t a6);
long do_set_gdt(uint64_t frame_list, uint64_t entries, uint64_t a3, uint64_t a4,
                uint64_t a5, uint64_t a6);
long do_update_descriptor(uint64_t maddr, uint64_t desc, uint64_t a3, uint64_t a4,
                          uint64_t a5, uint64_t a6);
long do_platform_op(uint64_t arg, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5,
                    uint64_t a6);
long do_mmuext_op(uint64_t ops, uint64_t count, uint64_t pdone, uint64_t foreigndom,
                  uint64_t a5, uint64_t a6);
long do_multicall(uint64_t list, uint64_t count, uint64_t a3, uint64_t a4, uint64_t a5,
                  uint64_t a6);
long do_physdev_op(uint64_t cmd, uint64_t arg, uint64_t a3, uint64_t a4, uint64_t a5,
                   uint64_t a6);
long do_memory_op(uint64_t cmd, uint64_t arg, uint64_t a3, uint64_t a4, uint64_t a5,
                  uint64_t a6);
long do_domctl(uint64_t arg, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5,
               uint64_t a6);
long do_sysctl(uint64_t arg, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5,
               uint64_t a6);
long do_sched_op(uint64_t cmd, uint64_t arg, uint64_t a3, uint64_t a4,
                 uint64_t a5, uint64_t a6);

/* The guest frame of the hypercall being handled (for iret and friends). */
struct cpu_user_regs *pv_current_regs(void);

/* memory_op learns the machine's memory map at boot. */
struct boot_info;
void memory_op_init(const struct boot_info *bi);

/*
 * A sub-operation this build does not implement: counted per (hypercall,
 * sub-op) and listed at shutdown, so a guest's failure names what it
 * missed.  Returns -ENOSYS for the caller to return.
 */
long hypercall_subop_unimplemented(unsigned int nr, uint32_t subop);

struct domain;
/* The memory_op sub-ops that change a domain's memory (common/reservation.c). */
long memory_op_reservation(struct domain *d, uint64_t cmd, uint64_t arg);

/* Dispatch one hypercall of the current vCPU. */
long hypercall_dispatch(uint64_t nr, uint64_t a1, uint64_t a2, uint64_t a3,
                        uint64_t a4, uint64_t a5, uint64_t a6);

/* Print the hypercalls that were refused with -ENOSYS, with counts. */
void hypercall_report_unimplemented(void);

#endif /* XEN_HYPERCALL_H */
