/*
 * XEN_DOMCTL: the hardware domain creates, inspects and destroys other
 * domains.  The envelope is checked as sysctl's is (interface version,
 * then privilege), the target domain is looked up once here, and each
 * sub-op is one function that checks all it is given before it changes
 * anything.  Sub-ops run one at a time under domctl_lock (xen/domctl.h).
 *
 * A domain made here is paused by its controller: vCPU 0 has no context,
 * nothing runs it until unpausedomain (the scheduler's), and it is not one
 * of the boot domains whose end powers the machine off.
 */
#include <asm/mm.h>
#include <asm/page.h>
#include <asm/pv.h>
#include <asm/pv-layout.h>
#include <public/domctl.h>
#include <public/vcpu.h>
#include <xen/domctl.h>
#include <xen/domid.h>
#include <xen/errno.h>
#include <xen/grant_table.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/time.h>
#include <xen/wallclock.h>

DEFINE_SPINLOCK(domctl_lock);

/* What a sub-op needs the envelope's domain to be. */
enum domctl_target {
    TARGET_EXISTING,            /* looked up here: -ESRCH if absent */
    TARGET_NONE,                /* createdomain: the id is the new domain's */
    TARGET_NEAREST,             /* getdomaininfo: that id or the next one above */
    TARGET_EXISTING_OR_ANY,     /* test_assign_device: DOMID_INVALID asks about any */
};

static bool domid_in_use(domid_t id)
{
    return domain_by_id(id) != NULL;
}

/* Flags a PV domain may be created with (XEN_DOMCTL_CDF_*). */
#define CDF_ACCEPTED        (XEN_DOMCTL_CDF_iommu | XEN_DOMCTL_CDF_xs_domain)

static long check_createdomain(const struct xen_domctl_createdomain *c)
{
    /* HVM, HAP, shadow and vPMU options have no meaning for PV: refused. */
    if ( c->flags & ~CDF_ACCEPTED )
        return -EINVAL;
    if ( (c->iommu_opts & ~XEN_DOMCTL_IOMMU_MAX) ||
         (c->iommu_opts && !(c->flags & XEN_DOMCTL_CDF_iommu)) )
        return -EINVAL;
    if ( c->max_vcpus < 1 || c->max_vcpus > MAX_VIRT_CPUS )
        return -EINVAL;
    if ( c->max_grant_frames < -1 || c->max_grant_frames == 0 ||
         c->max_grant_frames > GNTTAB_MAX_FRAMES )
        return -EINVAL;
    if ( c->max_maptrack_frames < -1 || c->max_maptrack_frames > MAPTRACK_MAX_CHUNKS )
        return -EINVAL;
    /* Grant tables v1 only: the version must be 1 and nothing else set. */
    if ( c->grant_opts != 1 )
        return -EINVAL;
    if ( c->vmtrace_size || c->cpupool_id || c->arch.emulation_flags ||
         (c->arch.misc_flags & ~XEN_X86_MISC_FLAGS_MAX) )
        return -EINVAL;
    return 0;
}

static long domctl_createdomain(struct xen_domctl *op, struct domain *unused)
{
    const struct xen_domctl_createdomain *c = &op->u.createdomain;
    struct grant_table *gt;
    struct domain *d;
    long id, rc;

    if ( (rc = check_createdomain(c)) )
        return rc;
    if ( (id = domid_choose(op->domain, domid_in_use)) < 0 )
        return id;
    if ( (d = domain_create_paused(id)) == NULL )
        return -ENOMEM;
    if ( (rc = domain_add_vcpus(d, c->max_vcpus)) )
    {
        domain_destroy(d);
        return rc;
    }
    d->max_evtchn_port = MIN(c->max_evtchn_port, NR_EVTCHN_PORTS - 1u);
    gt = d->grant_table;
    if ( c->max_grant_frames > 0 )
        gt->max_frames = c->max_grant_frames;
    if ( c->max_maptrack_frames >= 0 )
        gt->max_maptrack_chunks = c->max_maptrack_frames;
    memcpy(d->handle, c->handle, sizeof(d->handle));
    d->devices_allowed = c->flags & XEN_DOMCTL_CDF_iommu;
    op->domain = id;
    printk("Domain %ld created by d%u (%u vCPUs, paused)\n", id,
           current_vcpu()->domain->domain_id, d->max_vcpus);
    return 0;
}

void domain_get_info(const struct domain *d, struct xen_domctl_getdomaininfo *info)
{
    uint32_t flags = XEN_DOMINF_blocked;
    unsigned int online = 0;
    uint64_t cpu_time = 0;
    s_time_t now = NOW();

    memset(info, 0, sizeof(*info));
    for ( unsigned int i = 0; i < d->max_vcpus; i++ )
    {
        const struct vcpu *v = d->vcpu[i];

        cpu_time += v->runstate_time[RUNSTATE_running];
        if ( !v->is_up )
            continue;
        online++;
        if ( v->runstate == RUNSTATE_running )
            cpu_time += now - v->runstate_entry;
        /* As Xen: blocked if every vCPU is, running if one is on a CPU now. */
        if ( !v->blocked )
            flags &= ~XEN_DOMINF_blocked;
        if ( v->is_running )
            flags |= XEN_DOMINF_running;
    }
    info->domain = d->domain_id;
    info->flags = (online ? flags : 0) |
                  (d->is_shutting_down ? XEN_DOMINF_shutdown |
                   (d->shutdown_reason & XEN_DOMINF_shutdownmask) << XEN_DOMINF_shutdownshift
                   : 0) |
                  (d->controller_pause_count ? XEN_DOMINF_paused : 0);
    info->tot_pages = d->tot_pages;
    info->max_pages = d->max_pages;
    info->shared_info_frame = virt_to_maddr(d->shared_info) >> PAGE_SHIFT;
    info->cpu_time = cpu_time;
    info->nr_online_vcpus = online;
    info->max_vcpu_id = d->max_vcpus ? d->max_vcpus - 1 : XEN_INVALID_MAX_VCPU_ID;
    memcpy(info->handle, d->handle, sizeof(info->handle));
}

static long domctl_getdomaininfo(struct xen_domctl *op, struct domain *d)
{
    domain_get_info(d, &op->u.getdomaininfo);
    op->domain = d->domain_id;
    return 0;
}

static long domctl_max_vcpus(struct xen_domctl *op, struct domain *d)
{
    /*
     * Xen 4.17 allocates the vCPUs here, with the number createdomain was
     * given; they exist from createdomain on here, so only that number is right.
     */
    return op->u.max_vcpus.max == d->max_vcpus ? 0 : -EINVAL;
}

static long domctl_max_mem(struct xen_domctl *op, struct domain *d)
{
    /* As Xen: a limit below what the domain has stops its growth, takes nothing. */
    d->max_pages = op->u.max_mem.max_memkb >> (PAGE_SHIFT - 10);
    return 0;
}

static long domctl_setdomainhandle(struct xen_domctl *op, struct domain *d)
{
    memcpy(d->handle, op->u.setdomainhandle.handle, sizeof(d->handle));
    return 0;
}

static long domctl_destroydomain(struct xen_domctl *op, struct domain *d)
{
    uint64_t expected, freed;

    if ( d == current_vcpu()->domain || d == hardware_domain )
        return -EINVAL;
    /* A domain whose vCPUs are up must shut down first (their last step leaves them). */
    if ( __atomic_load_n(&d->running_vcpus, __ATOMIC_ACQUIRE) )
        return -EBUSY;
    expected = d->tot_pages;
    freed = domain_destroy(d);
    printk("Domain %u destroyed: %lu of its %lu pages returned to the heap\n",
           op->domain, (unsigned long)freed, (unsigned long)expected);
    return 0;
}

static long domctl_set_address_size(struct xen_domctl *op, struct domain *d)
{
    /* PV guests here are 64-bit only. */
    return op->u.address_size.size == 64 ? 0 : -EINVAL;
}

static long domctl_get_address_size(struct xen_domctl *op, struct domain *d)
{
    op->u.address_size.size = 64;
    return 0;
}

/* A RAM frame d owns outright (not a frame the hypervisor shares with it), or NULL. */
static struct page_info *owned_frame(const struct domain *d, uint64_t mfn)
{
    struct page_info *pg;

    if ( !mfn_valid(mfn) || !mfn_is_ram(mfn) )
        return NULL;
    pg = mfn_to_page(mfn);
    if ( pg->owner != d || !(pg->flags & PGF_allocated) || (pg->flags & PGF_xenheap) )
        return NULL;
    return pg;
}

static long domctl_hypercall_init(struct xen_domctl *op, struct domain *d)
{
    struct page_info *pg = owned_frame(d, op->u.hypercall_init.gmfn);

    /* Writable means not a page table or descriptor frame of the guest's. */
    if ( pg == NULL || get_page_and_type(pg, d, PGT_writable) )
        return -EINVAL;
    pv_write_hypercall_page(page_to_virt(pg));
    put_page_and_type(pg);
    return 0;
}

static long domctl_settimeoffset(struct xen_domctl *op, struct domain *d)
{
    d->time_offset_seconds = op->u.settimeoffset.time_offset_seconds;
    update_domain_wallclock(d);
    return 0;
}

#define PAGEFRAMEINFO_MAX   1024        /* frames per call, as Xen allows */

static uint64_t frame_type_info(const struct domain *d, uint64_t mfn)
{
    static const uint32_t table_type[] = {
        [PGT_l1_page_table] = XEN_DOMCTL_PFINFO_L1TAB,
        [PGT_l2_page_table] = XEN_DOMCTL_PFINFO_L2TAB,
        [PGT_l3_page_table] = XEN_DOMCTL_PFINFO_L3TAB,
        [PGT_l4_page_table] = XEN_DOMCTL_PFINFO_L4TAB,
    };
    struct page_info *pg = owned_frame(d, mfn);
    unsigned int type;
    uint64_t info;

    if ( pg == NULL )
        return XEN_DOMCTL_PFINFO_XTAB;
    type = page_type(pg);
    info = type < ARRAY_SIZE(table_type) ? table_type[type] : XEN_DOMCTL_PFINFO_NOTAB;
    if ( __atomic_load_n(&pg->type_info, __ATOMIC_ACQUIRE) & PGT_pinned )
        info |= XEN_DOMCTL_PFINFO_LPINTAB;
    return info;
}

/* Each frame number in the caller's array is replaced by its type (PFINFO_*). */
static long domctl_getpageframeinfo3(struct xen_domctl *op, struct domain *d)
{
    const struct xen_domctl_getpageframeinfo3 *p = &op->u.getpageframeinfo3;

    if ( p->num > PAGEFRAMEINFO_MAX )
        return -E2BIG;
    for ( uint64_t i = 0; i < p->num; i++ )
    {
        uint64_t at = p->array + i * sizeof(uint64_t), mfn;

        if ( copy_from_guest(&mfn, at, sizeof(mfn)) )
            return -EFAULT;
        mfn = frame_type_info(d, mfn) | (mfn & ~(uint64_t)XEN_DOMCTL_PFINFO_LTAB_MASK);
        if ( copy_to_guest(at, &mfn, sizeof(mfn)) )
            return -EFAULT;
    }
    return 0;
}

struct domctl_op {
    uint32_t cmd;
    enum domctl_target target;
    long (*fn)(struct xen_domctl *op, struct domain *d);
};

static const struct domctl_op domctl_ops[] = {
    { XEN_DOMCTL_createdomain, TARGET_NONE, domctl_createdomain },
    { XEN_DOMCTL_destroydomain, TARGET_EXISTING, domctl_destroydomain },
    { XEN_DOMCTL_getdomaininfo, TARGET_NEAREST, domctl_getdomaininfo },
    { XEN_DOMCTL_max_mem, TARGET_EXISTING, domctl_max_mem },
    { XEN_DOMCTL_max_vcpus, TARGET_EXISTING, domctl_max_vcpus },
    { XEN_DOMCTL_setdomainhandle, TARGET_EXISTING, domctl_setdomainhandle },
    { XEN_DOMCTL_setvcpucontext, TARGET_EXISTING, domctl_setvcpucontext },
    { XEN_DOMCTL_getvcpucontext, TARGET_EXISTING, domctl_getvcpucontext },
    { XEN_DOMCTL_getvcpuinfo, TARGET_EXISTING, domctl_getvcpuinfo },
    { XEN_DOMCTL_setvcpuaffinity, TARGET_EXISTING, domctl_setvcpuaffinity },
    { XEN_DOMCTL_getvcpuaffinity, TARGET_EXISTING, domctl_getvcpuaffinity },
    { XEN_DOMCTL_set_address_size, TARGET_EXISTING, domctl_set_address_size },
    { XEN_DOMCTL_get_address_size, TARGET_EXISTING, domctl_get_address_size },
    { XEN_DOMCTL_hypercall_init, TARGET_EXISTING, domctl_hypercall_init },
    { XEN_DOMCTL_settimeoffset, TARGET_EXISTING, domctl_settimeoffset },
    { XEN_DOMCTL_getpageframeinfo3, TARGET_EXISTING, domctl_getpageframeinfo3 },
    { XEN_DOMCTL_iomem_permission, TARGET_EXISTING, domctl_iomem_permission },
    { XEN_DOMCTL_ioport_permission, TARGET_EXISTING, domctl_ioport_permission },
    { XEN_DOMCTL_irq_permission, TARGET_EXISTING, domctl_irq_permission },
    { XEN_DOMCTL_test_assign_device, TARGET_EXISTING_OR_ANY, domctl_test_assign_device },
    { XEN_DOMCTL_assign_device, TARGET_EXISTING, domctl_assign_device },
    { XEN_DOMCTL_deassign_device, TARGET_EXISTING, domctl_deassign_device },
    /* Scheduling (common/domctl-sched.c). */
    { XEN_DOMCTL_pausedomain, TARGET_EXISTING, domctl_pausedomain },
    { XEN_DOMCTL_unpausedomain, TARGET_EXISTING, domctl_unpausedomain },
};

/* The domain with the lowest id at or above 'from', or NULL. */
static struct domain *domain_at_or_above(domid_t from)
{
    for ( unsigned int id = from; id < DOMID_FIRST_RESERVED; id++ )
    {
        struct domain *d = domain_by_id(id);

        if ( d )
            return d;
    }
    return NULL;
}

static long domctl_run(const struct domctl_op *o, struct xen_domctl *op)
{
    struct domain *d = NULL;

    switch ( o->target )
    {
    case TARGET_EXISTING:
        if ( (d = domain_by_id(op->domain)) == NULL )
            return -ESRCH;
        break;
    case TARGET_NEAREST:
        if ( op->domain >= DOMID_FIRST_RESERVED )
            return -EINVAL;
        if ( (d = domain_at_or_above(op->domain)) == NULL )
            return -ESRCH;
        break;
    case TARGET_EXISTING_OR_ANY:
        if ( op->domain != DOMID_INVALID && (d = domain_by_id(op->domain)) == NULL )
            return -ESRCH;
        break;
    case TARGET_NONE:
        break;
    }
    return o->fn(op, d);
}

long do_domctl(uint64_t arg, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5,
               uint64_t a6)
{
    struct domain *caller = current_vcpu()->domain;
    struct xen_domctl op;
    long rc;

    if ( copy_from_guest(&op, arg, sizeof(op)) )
        return -EFAULT;
    if ( op.interface_version != XEN_DOMCTL_INTERFACE_VERSION )
        return -EACCES;
    if ( !caller->is_privileged )
        return -EPERM;
    for ( unsigned int i = 0; i < ARRAY_SIZE(domctl_ops); i++ )
        if ( domctl_ops[i].cmd == op.cmd )
        {
            spin_lock(&domctl_lock);
            rc = domctl_run(&domctl_ops[i], &op);
            spin_unlock(&domctl_lock);
            if ( !rc && copy_to_guest(arg, &op, sizeof(op)) )
                rc = -EFAULT;
            return rc;
        }
    return hypercall_subop_unimplemented(__HYPERVISOR_domctl, op.cmd);
}
