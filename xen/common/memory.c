/*
 * memory_op: the sub-operations that describe a domain's memory and the
 * machine's; those that change a domain's memory are in reservation.c.
 */
#include <asm/mm.h>
#include <public/memory.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/m2p.h>
#include <xen/multiboot2.h>
#include <xen/sched.h>

/* The loader's memory map, for XENMEM_machine_memory_map (set at boot). */
static const struct boot_info *machine_map;

void memory_op_init(const struct boot_info *bi)
{
    machine_map = bi;
}

/* The domain a reservation query names: itself, or any domain for dom0. */
static struct domain *target_domain(struct domain *cur, uint64_t arg)
{
    domid_t domid;

    if ( copy_from_guest(&domid, arg, sizeof(domid)) )
        return NULL;
    if ( domid == DOMID_SELF || domid == cur->domain_id )
        return cur;
    return cur->is_privileged ? domain_by_id(domid) : NULL;
}

static long copy_e820(uint64_t arg, const struct xen_e820_entry *entries, unsigned int n)
{
    struct xen_memory_map map;

    if ( copy_from_guest(&map, arg, sizeof(map)) )
        return -EFAULT;
    if ( map.nr_entries < n )
        return -ENOBUFS;
    if ( copy_to_guest(map.buffer, entries, n * sizeof(entries[0])) )
        return -EFAULT;
    map.nr_entries = n;
    return copy_to_guest(arg, &map, sizeof(map));
}

long do_memory_op(uint64_t cmd, uint64_t arg, uint64_t a3, uint64_t a4, uint64_t a5,
                  uint64_t a6)
{
    struct domain *d = current_vcpu()->domain, *t;

    switch ( cmd )
    {
    case XENMEM_maximum_ram_page:
        return max_page;
    case XENMEM_current_reservation:
    case XENMEM_maximum_reservation:
        if ( (t = target_domain(d, arg)) == NULL )
            return -ESRCH;
        return cmd == XENMEM_current_reservation ? t->tot_pages : t->max_pages;
    case XENMEM_machphys_mapping:
    {
        struct xen_machphys_mapping m = {
            .v_start = RO_MPT_VIRT_START,
            .v_end = m2p_virt_end(),
            .max_mfn = max_page - 1,
        };

        return copy_to_guest(arg, &m, sizeof(m));
    }
    case XENMEM_memory_map:
    {
        /* A PV domain's pseudo-physical memory is one run of RAM from 0. */
        struct xen_e820_entry ram = { 0, d->tot_pages << PAGE_SHIFT, XEN_E820_RAM };

        return copy_e820(arg, &ram, 1);
    }
    case XENMEM_machine_memory_map:
    {
        struct xen_e820_entry e[BOOT_MAX_MEMMAP];

        if ( !d->is_privileged )
            return -EPERM;
        for ( unsigned int i = 0; i < machine_map->nr_memmap; i++ )
        {
            e[i].addr = machine_map->memmap[i].addr;
            e[i].size = machine_map->memmap[i].len;
            e[i].type = machine_map->memmap[i].type;   /* Multiboot2 types are e820's */
        }
        return copy_e820(arg, e, machine_map->nr_memmap);
    }
    case XENMEM_add_to_physmap:
        /* A PV domain keeps its own physical map: there is nothing to add to here. */
        return -EACCES;
    default:
        return memory_op_reservation(d, cmd, arg);
    }
}
