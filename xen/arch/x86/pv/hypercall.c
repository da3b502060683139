/*
 * The hypercall table: one entry per hypercall number.
 */
#include <public/xen.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/spinlock.h>

static const hypercall_fn_t hypercall_table[NR_hypercalls] = {
    [__HYPERVISOR_set_trap_table] = do_set_trap_table,
    [__HYPERVISOR_set_gdt] = do_set_gdt,
    [__HYPERVISOR_update_descriptor] = do_update_descriptor,
    [__HYPERVISOR_stack_switch] = do_stack_switch,
    [__HYPERVISOR_set_callbacks] = do_set_callbacks,
    [__HYPERVISOR_fpu_taskswitch] = do_fpu_taskswitch,
    [__HYPERVISOR_vm_assist] = do_vm_assist,
    [__HYPERVISOR_set_segment_base] = do_set_segment_base,
    [__HYPERVISOR_callback_op] = do_callback_op,
    [__HYPERVISOR_iret] = do_iret,
    [__HYPERVISOR_console_io] = do_console_io,
    [__HYPERVISOR_xen_version] = do_xen_version,
    [__HYPERVISOR_sched_op] = do_sched_op,
    [__HYPERVISOR_vcpu_op] = do_vcpu_op,
    [__HYPERVISOR_set_timer_op] = do_set_timer_op,
    [__HYPERVISOR_event_channel_op] = do_event_channel_op,
    [__HYPERVISOR_update_va_mapping] = do_update_va_mapping,
    [__HYPERVISOR_update_va_mapping_otherdomain] = do_update_va_mapping_otherdomain,
    [__HYPERVISOR_mmu_update] = do_mmu_update,
    [__HYPERVISOR_mmuext_op] = do_mmuext_op,
    [__HYPERVISOR_multicall] = do_multicall,
    [__HYPERVISOR_grant_table_op] = do_grant_table_op,
    [__HYPERVISOR_physdev_op] = do_physdev_op,
    [__HYPERVISOR_memory_op] = do_memory_op,
    [__HYPERVISOR_sysctl] = do_sysctl,
    [__HYPERVISOR_domctl] = do_domctl,
    [__HYPERVISOR_platform_op] = do_platform_op,
};

/* Refusals per number; one extra slot counts numbers beyond the table. */
static uint64_t enosys_count[NR_hypercalls + 1];

/* Sub-operations refused, per (hypercall, sub-op); the first ones seen get a slot. */
#define MAX_SUBOP_SLOTS 64
static struct {
    uint32_t nr, subop;
    uint64_t count;
} subop_refusals[MAX_SUBOP_SLOTS];
static DEFINE_SPINLOCK(subop_lock);

long hypercall_subop_unimplemented(unsigned int nr, uint32_t subop)
{
    unsigned long flags = spin_lock_irqsave(&subop_lock);

    for ( unsigned int i = 0; i < MAX_SUBOP_SLOTS; i++ )
        if ( subop_refusals[i].count == 0 || (subop_refusals[i].nr == nr &&
                                             subop_refusals[i].subop == subop) )
        {
            subop_refusals[i].nr = nr;
            subop_refusals[i].subop = subop;
            subop_refusals[i].count++;
            break;
        }
    spin_unlock_irqrestore(&subop_lock, flags);
    return -ENOSYS;
}

long hypercall_dispatch(uint64_t nr, uint64_t a1, uint64_t a2, uint64_t a3,
                        uint64_t a4, uint64_t a5, uint64_t a6)
{
    if ( nr >= NR_hypercalls || hypercall_table[nr] == NULL )
    {
        enosys_count[nr < NR_hypercalls ? nr : NR_hypercalls]++;
        return -ENOSYS;
    }
    return hypercall_table[nr](a1, a2, a3, a4, a5, a6);
}

void hypercall_report_unimplemented(void)
{
    for ( unsigned int nr = 0; nr <= NR_hypercalls; nr++ )
        if ( enosys_count[nr] )
            printk("Hypercall %s%u refused with -ENOSYS %lu time%s\n",
                   nr == NR_hypercalls ? ">=" : "", nr, (unsigned long)enosys_count[nr],
                   enosys_count[nr] == 1 ? "" : "s");
    for ( unsigned int i = 0; i < MAX_SUBOP_SLOTS && subop_refusals[i].count; i++ )
        printk("Hypercall %u sub-op %u refused with -ENOSYS %lu time%s\n",
               subop_refusals[i].nr, subop_refusals[i].subop,
               (unsigned long)subop_refusals[i].count, subop_refusals[i].count == 1 ? "" : "s");
}
