/*
 * sysctl: the control interface of the hardware domain.  The envelope's
 * interface version is checked before anything else (-EACCES on a
 * mismatch, as Xen 4.17 does), then the caller's privilege; each sub-op is
 * one function in one table.  Argon's own sub-ops (ARGON_SYSCTL_*) use the
 * same envelope.
 */
#include <asm/mm.h>
#include <asm/smp.h>
#include <public/argon-sysctl.h>
#include <public/sysctl.h>
#include <xen/console.h>
#include <xen/domctl.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/iommu.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/time.h>

BUILD_BUG_ON(sizeof(struct argon_sysctl) != sizeof(struct xen_sysctl));
/* The public policy numbers are the hypervisor's enum, so no translation. */
BUILD_BUG_ON(ARGON_IOMMU_FLUSH_strict_psi != IOMMU_FLUSH_STRICT_PSI);
BUILD_BUG_ON(ARGON_IOMMU_FLUSH_strict_batched != IOMMU_FLUSH_STRICT_BATCHED);
BUILD_BUG_ON(ARGON_IOMMU_FLUSH_strict_domain != IOMMU_FLUSH_STRICT_DOMAIN);
BUILD_BUG_ON(ARGON_IOMMU_FLUSH_global != IOMMU_FLUSH_GLOBAL);
BUILD_BUG_ON(ARGON_IOMMU_FLUSH_none != IOMMU_FLUSH_NONE);
BUILD_BUG_ON(ARGON_IOMMU_FLUSH_MAX + 1 != IOMMU_FLUSH_NR_POLICIES);

#define READCONSOLE_MAX     (64 * 1024)

static long sysctl_readconsole(struct xen_sysctl *op)
{
    struct xen_sysctl_readconsole *rc = &op->u.readconsole;
    static char buf[READCONSOLE_MAX];
    size_t n;

    n = console_read_ring(buf, MIN((size_t)rc->count, sizeof(buf)), &rc->index,
                          rc->incremental);
    if ( copy_to_guest(rc->buffer, buf, n) )
        return -EFAULT;
    /* Only once the caller has the log, so a bad buffer loses nothing. */
    if ( rc->clear )
        console_clear_ring();
    rc->count = n;
    return 0;
}

static long sysctl_physinfo(struct xen_sysctl *op)
{
    struct xen_sysctl_physinfo *pi = &op->u.physinfo;

    memset(pi, 0, sizeof(*pi));
    pi->threads_per_core = 1;
    pi->cores_per_socket = nr_cpus_online;
    pi->nr_cpus = nr_cpus_online;
    pi->max_cpu_id = nr_cpus_online - 1;
    pi->nr_nodes = 1;
    pi->cpu_khz = cpu_khz;
    pi->capabilities = XEN_SYSCTL_PHYSCAP_pv |
                       XEN_SYSCTL_PHYSCAP_gnttab_v1 |
                       (iommu_enabled() ? XEN_SYSCTL_PHYSCAP_directio : 0);
    pi->total_pages = heap_total_pages();
    pi->free_pages = heap_free_pages();
    pi->max_mfn = max_page - 1;
    return 0;
}

static long sysctl_iommu_flush_policy(struct xen_sysctl *op)
{
    struct argon_sysctl_iommu_flush_policy *p =
        &((struct argon_sysctl *)op)->u.iommu_flush_policy;

    p->prev_policy = iommu_flush_policy;
    switch ( p->cmd )
    {
    case ARGON_IOMMU_FLUSH_POLICY_get:
        p->policy = iommu_flush_policy;
        return 0;
    case ARGON_IOMMU_FLUSH_POLICY_set:
        if ( p->policy > ARGON_IOMMU_FLUSH_MAX )
            return -EINVAL;
        /* The unsafe policy must be asked for by name, never by accident. */
        if ( p->policy == ARGON_IOMMU_FLUSH_none &&
             !(p->flags & ARGON_IOMMU_FLUSH_F_allow_unsafe) )
            return -EPERM;
        return iommu_set_flush_policy(p->policy);
    default:
        return -EINVAL;
    }
}

static long sysctl_iommu_stats(struct xen_sysctl *op)
{
    struct argon_sysctl_iommu_stats *s = &((struct argon_sysctl *)op)->u.iommu_stats;
    struct iommu_stats st;
    struct domain *d;

    switch ( s->scope )
    {
    case ARGON_IOMMU_STATS_total:
        iommu_unit_stats(&st);
        break;
    case ARGON_IOMMU_STATS_domain:
        if ( (d = domain_by_id(s->id)) == NULL )
            return -ESRCH;
        st = d->iommu.stats;
        break;
    default:
        return -EINVAL;
    }
    s->nr_units = iommu_nr_units();
    s->maps = st.maps;
    s->unmaps = st.unmaps;
    s->inv_global = st.inv_global;
    s->inv_domain = st.inv_domain;
    s->inv_page = st.inv_page;
    s->inv_devtlb = st.inv_devtlb;
    s->waits = st.waits;
    s->flush_cycles = st.flush_cycles;
    s->clflushes = st.clflushes;
    return 0;
}

static long sysctl_sched_id(struct xen_sysctl *op)
{
    /* Weights, caps, run queues per CPU: Xen's credit scheduler (common/sched-credit.c). */
    op->u.sched_id.sched_id = XEN_SCHEDULER_CREDIT;
    return 0;
}

/* Each CPU's idle time (the scheduler's), for as many CPUs as the caller has room. */
static long sysctl_getcpuinfo(struct xen_sysctl *op)
{
    struct xen_sysctl_getcpuinfo *ci = &op->u.getcpuinfo;
    unsigned int nr = MIN(ci->max_cpus, nr_cpus_online);

    for ( unsigned int cpu = 0; cpu < nr; cpu++ )
    {
        struct xen_sysctl_cpuinfo info = { .idletime = sched_cpu_idle_ns(cpu) };

        if ( copy_to_guest(ci->info + cpu * sizeof(info), &info, sizeof(info)) )
            return -EFAULT;
    }
    ci->nr_cpus = nr;
    return 0;
}

/* One socket of single-threaded cores, one node, as physinfo describes it. */
static long sysctl_cputopoinfo(struct xen_sysctl *op)
{
    struct xen_sysctl_cputopoinfo *ti = &op->u.cputopoinfo;

    if ( ti->cputopo )
        for ( unsigned int cpu = 0; cpu < MIN(ti->num_cpus, nr_cpus_online); cpu++ )
        {
            struct xen_sysctl_cputopo t = { .core = cpu, .socket = 0, .node = 0 };

            if ( copy_to_guest(ti->cputopo + cpu * sizeof(t), &t, sizeof(t)) )
                return -EFAULT;
        }
    ti->num_cpus = nr_cpus_online;
    return 0;
}

static long sysctl_numainfo(struct xen_sysctl *op)
{
    struct xen_sysctl_numainfo *ni = &op->u.numainfo;
    struct xen_sysctl_meminfo mem = { .memsize = heap_total_pages() << PAGE_SHIFT,
                                      .memfree = heap_free_pages() << PAGE_SHIFT };
    uint32_t distance = 10;             /* a node's distance to itself (ACPI SLIT) */

    if ( ni->meminfo && ni->distance )
    {
        if ( ni->num_nodes < 1 )
            return -ENOBUFS;
        if ( copy_to_guest(ni->meminfo, &mem, sizeof(mem)) ||
             copy_to_guest(ni->distance, &distance, sizeof(distance)) )
            return -EFAULT;
    }
    ni->num_nodes = 1;
    return 0;
}

/* What `xl list` reads: the records of domains from first_domain up, in id order. */
static long sysctl_getdomaininfolist(struct xen_sysctl *op)
{
    struct xen_sysctl_getdomaininfolist *l = &op->u.getdomaininfolist;
    struct xen_domctl_getdomaininfo info;
    uint32_t n = 0;
    long rc = 0;

    spin_lock(&domctl_lock);
    for ( unsigned int id = l->first_domain; id < DOMID_FIRST_RESERVED && n < l->max_domains;
          id++ )
    {
        struct domain *d = domain_by_id(id);

        if ( d == NULL )
            continue;
        domain_get_info(d, &info);
        if ( copy_to_guest(l->buffer + n * sizeof(info), &info, sizeof(info)) )
        {
            rc = -EFAULT;
            break;
        }
        n++;
    }
    spin_unlock(&domctl_lock);
    l->num_domains = n;
    return rc;
}

struct sysctl_op {
    uint32_t cmd;
    long (*fn)(struct xen_sysctl *op);
};

static const struct sysctl_op sysctl_ops[] = {
    { XEN_SYSCTL_readconsole, sysctl_readconsole },
    { XEN_SYSCTL_physinfo, sysctl_physinfo },
    { XEN_SYSCTL_getdomaininfolist, sysctl_getdomaininfolist },
    { XEN_SYSCTL_sched_id, sysctl_sched_id },
    { XEN_SYSCTL_cputopoinfo, sysctl_cputopoinfo },
    { XEN_SYSCTL_numainfo, sysctl_numainfo },
    { XEN_SYSCTL_getcpuinfo, sysctl_getcpuinfo },
    { ARGON_SYSCTL_iommu_flush_policy, sysctl_iommu_flush_policy },
    { ARGON_SYSCTL_iommu_stats, sysctl_iommu_stats },
};

long do_sysctl(uint64_t arg, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5,
               uint64_t a6)
{
    struct domain *d = current_vcpu()->domain;
    struct xen_sysctl op;
    long rc;

    if ( copy_from_guest(&op, arg, sizeof(op)) )
        return -EFAULT;
    if ( op.interface_version != XEN_SYSCTL_INTERFACE_VERSION )
        return -EACCES;
    if ( !d->is_privileged )
        return -EPERM;
    for ( unsigned int i = 0; i < ARRAY_SIZE(sysctl_ops); i++ )
        if ( sysctl_ops[i].cmd == op.cmd )
        {
            rc = sysctl_ops[i].fn(&op);
            if ( !rc && copy_to_guest(arg, &op, sizeof(op)) )
                rc = -EFAULT;
            return rc;
        }
    return hypercall_subop_unimplemented(__HYPERVISOR_sysctl, op.cmd);
}
