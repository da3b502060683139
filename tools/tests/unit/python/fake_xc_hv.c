/*
 * fake_xc_hv.c - a small model of the hypervisor behind the fake privcmd
 * transport (call/fake_privcmd.c), built as a shared object that the
 * xen.lowlevel.xc tests load with ctypes.  Installed into the same shared
 * libxencall the extension module uses, it answers the module's calls on a
 * host that has no /dev/xen.
 *
 * It keeps the hypervisor's rules where the binding could get them wrong:
 * a foreign interface version gets -EACCES, unknown operations -ENOSYS,
 * missing domains -ESRCH, a domid in use -EEXIST, and the console ring
 * reads on from an index and clears only once read.  libxenctrl's encoding
 * of each payload is test-ctrl's job, so the model reads the public
 * structures directly.  The fake_xc_* functions are the test's controls.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include <xen/argon-sysctl.h>
#include <xen/domctl.h>
#include <xen/sched.h>
#include <xen/sysctl.h>
#include <xen/version.h>
#include <xen/xen.h>

#include "../call/fake_privcmd.h"

#define MAX_DOMS 16
#define RING_SIZE (64 * 1024)

#define EXPORT __attribute__((visibility("default")))

struct fake_domain {
    bool exists;
    unsigned int pauses;
    uint32_t max_vcpus, ssidref;
    uint64_t tot_pages, max_pages;
    xen_domain_handle_t handle;
    bool shutdown;
    unsigned int shutdown_reason;
};

static struct {
    uint32_t version;
    bool changeset_fails;           /* XENVER_changeset: -EFAULT */
    struct fake_domain doms[MAX_DOMS];
    struct xen_domctl_createdomain last_create;
    char ring[RING_SIZE];
    uint32_t ring_len, ring_cleared;
    uint32_t flush_policy, batch_threshold;
    struct argon_sysctl_iommu_stats stats;
} hv;

static struct fake_domain *domain(uint32_t id)
{
    return id < MAX_DOMS && hv.doms[id].exists ? &hv.doms[id] : NULL;
}

static void fill_info(uint32_t id, struct xen_domctl_getdomaininfo *info)
{
    const struct fake_domain *d = &hv.doms[id];

    memset(info, 0, sizeof(*info));
    info->domain = (domid_t)id;
    info->flags = (d->pauses ? XEN_DOMINF_paused : XEN_DOMINF_running) |
                  (d->shutdown ? XEN_DOMINF_shutdown |
                   (d->shutdown_reason << XEN_DOMINF_shutdownshift) : 0);
    info->tot_pages = d->tot_pages;
    info->max_pages = d->max_pages;
    info->cpu_time = 1000000ull * (id + 1);
    info->nr_online_vcpus = 1;
    info->max_vcpu_id = d->max_vcpus - 1;
    info->ssidref = d->ssidref;
    memcpy(info->handle, d->handle, sizeof(info->handle));
}

static long readconsole(struct xen_sysctl_readconsole *rc)
{
    uint32_t start = rc->incremental && rc->index >= hv.ring_cleared &&
                     rc->index <= hv.ring_len ? rc->index : hv.ring_cleared;
    uint32_t n = hv.ring_len - start < rc->count ? hv.ring_len - start : rc->count;

    if ( !fake_in_buffer(rc->buffer, rc->count) )
        return -EFAULT;
    memcpy((char *)(uintptr_t)rc->buffer, hv.ring + start, n);
    rc->index = start + n;
    rc->count = n;
    if ( rc->clear )
        hv.ring_cleared = hv.ring_len;
    return 0;
}

static long argon_sysctl(struct argon_sysctl *op)
{
    if ( op->cmd == ARGON_SYSCTL_iommu_flush_policy )
    {
        struct argon_sysctl_iommu_flush_policy *p = &op->u.iommu_flush_policy;

        p->prev_policy = hv.flush_policy;
        if ( p->cmd == ARGON_IOMMU_FLUSH_POLICY_get )
        {
            p->policy = hv.flush_policy;
            p->batch_threshold = hv.batch_threshold;
            return 0;
        }
        if ( p->cmd != ARGON_IOMMU_FLUSH_POLICY_set || p->policy > ARGON_IOMMU_FLUSH_MAX ||
             (p->policy == ARGON_IOMMU_FLUSH_none &&
              !(p->flags & ARGON_IOMMU_FLUSH_F_allow_unsafe)) )
            return -EINVAL;
        hv.flush_policy = p->policy;
        if ( p->batch_threshold )
            hv.batch_threshold = p->batch_threshold;
        return 0;
    }
    if ( op->cmd == ARGON_SYSCTL_iommu_stats )
    {
        struct argon_sysctl_iommu_stats *s = &op->u.iommu_stats;
        uint32_t scope = s->scope, id = s->id, flags = s->flags;

        if ( (scope == ARGON_IOMMU_STATS_domain && !domain(id)) ||
             (scope == ARGON_IOMMU_STATS_unit && id != 0) )
            return -ESRCH;
        *s = hv.stats;
        s->scope = scope;
        s->id = id;
        s->flags = flags;
        if ( flags & ARGON_IOMMU_STATS_F_reset )
        {
            uint32_t units = hv.stats.nr_units;

            memset(&hv.stats, 0, sizeof(hv.stats));
            hv.stats.nr_units = units;
        }
        return 0;
    }
    return -ENOSYS;
}

static long sysctl(struct xen_sysctl *op)
{
    if ( op->interface_version != hv.version )
        return -EACCES;
    switch ( op->cmd )
    {
    case XEN_SYSCTL_physinfo:
        memset(&op->u.physinfo, 0, sizeof(op->u.physinfo));
        op->u.physinfo.threads_per_core = 1;
        op->u.physinfo.cores_per_socket = 2;
        op->u.physinfo.nr_cpus = 2;
        op->u.physinfo.max_cpu_id = 1;
        op->u.physinfo.nr_nodes = 1;
        op->u.physinfo.cpu_khz = 2400000;
        op->u.physinfo.capabilities = XEN_SYSCTL_PHYSCAP_pv | XEN_SYSCTL_PHYSCAP_directio |
                                      XEN_SYSCTL_PHYSCAP_gnttab_v1;
        op->u.physinfo.total_pages = 524288;
        op->u.physinfo.free_pages = 131072;
        op->u.physinfo.max_mfn = 0x7ffff;
        op->u.physinfo.hw_cap[0] = 0x178bfbff;
        return 0;
    case XEN_SYSCTL_readconsole:
        return readconsole(&op->u.readconsole);
    case XEN_SYSCTL_getdomaininfolist:
    {
        struct xen_sysctl_getdomaininfolist *l = &op->u.getdomaininfolist;
        struct xen_domctl_getdomaininfo *out = (void *)(uintptr_t)l->buffer;
        uint32_t n = 0;

        if ( !fake_in_buffer(l->buffer, l->max_domains * sizeof(*out)) )
            return -EFAULT;
        for ( uint32_t id = l->first_domain; id < MAX_DOMS && n < l->max_domains; id++ )
            if ( domain(id) )
                fill_info(id, &out[n++]);
        l->num_domains = n;
        return 0;
    }
    }
    return argon_sysctl((struct argon_sysctl *)op);
}

static long createdomain(struct xen_domctl *op)
{
    const struct xen_domctl_createdomain *c = &op->u.createdomain;
    uint32_t id = op->domain;
    struct fake_domain *d;

    if ( c->max_vcpus < 1 || c->grant_opts != 1 || c->max_grant_frames == 0 )
        return -EINVAL;
    if ( id == 0 )
        for ( id = 1; id < MAX_DOMS && hv.doms[id].exists; id++ )
            ;
    if ( id >= MAX_DOMS )
        return -ENOMEM;
    if ( hv.doms[id].exists )
        return -EEXIST;
    hv.last_create = *c;
    d = &hv.doms[id];
    memset(d, 0, sizeof(*d));
    d->exists = true;
    d->pauses = 1;
    d->max_vcpus = c->max_vcpus;
    d->ssidref = c->ssidref;
    memcpy(d->handle, c->handle, sizeof(d->handle));
    op->domain = (domid_t)id;
    return 0;
}

static long domctl(struct xen_domctl *op)
{
    struct fake_domain *d;

    if ( op->interface_version != hv.version )
        return -EACCES;
    if ( op->cmd == XEN_DOMCTL_createdomain )
        return createdomain(op);
    if ( op->cmd == XEN_DOMCTL_getdomaininfo )
    {
        /* As Xen: the first domain at or above the one asked for. */
        for ( uint32_t id = op->domain; id < MAX_DOMS; id++ )
            if ( domain(id) )
            {
                fill_info(id, &op->u.getdomaininfo);
                return 0;
            }
        return -ESRCH;
    }
    if ( !(d = domain(op->domain)) )
        return -ESRCH;
    switch ( op->cmd )
    {
    case XEN_DOMCTL_destroydomain:
        if ( op->domain == 0 )
            return -EINVAL;
        d->exists = false;
        return 0;
    case XEN_DOMCTL_pausedomain:
        d->pauses++;
        return 0;
    case XEN_DOMCTL_unpausedomain:
        if ( !d->pauses )
            return -EINVAL;
        d->pauses--;
        return 0;
    case XEN_DOMCTL_max_mem:
        d->max_pages = op->u.max_mem.max_memkb / 4;
        return 0;
    case XEN_DOMCTL_max_vcpus:
        if ( op->u.max_vcpus.max > 32 )
            return -EINVAL;
        d->max_vcpus = op->u.max_vcpus.max;
        return 0;
    }
    return -ENOSYS;
}

static long xen_version(uint64_t cmd, void *arg)
{
    switch ( cmd )
    {
    case XENVER_version:
        return (4 << 16) | 17;
    case XENVER_pagesize:
        return 4096;
    case XENVER_extraversion:
        strcpy(arg, ".0-argon");
        return 0;
    case XENVER_compile_info:
    {
        xen_compile_info_t *ci = arg;

        strcpy(ci->compiler, "gcc (Debian 12.2.0-14) 12.2.0");
        strcpy(ci->compile_by, "argon");
        strcpy(ci->compile_domain, "example.org");
        /* Filled to the brim, no NUL: the binding must stop at the array's end. */
        memset(ci->compile_date, 'D', sizeof(ci->compile_date));
        return 0;
    }
    case XENVER_capabilities:
        strcpy(arg, "xen-3.0-x86_64");
        return 0;
    case XENVER_platform_parameters:
        ((xen_platform_parameters_t *)arg)->virt_start = 0xffff800000000000ull;
        return 0;
    case XENVER_commandline:
        return -EPERM;              /* as Argon: withheld from guests */
    case XENVER_changeset:
        if ( hv.changeset_fails )
            return -EFAULT;
        strcpy(arg, "argon");
        return 0;
    }
    return -ENOSYS;
}

static long hypervisor(const struct xencall_privcmd_hypercall *call)
{
    void *p0 = (void *)(uintptr_t)call->arg[0], *p1 = (void *)(uintptr_t)call->arg[1];

    switch ( call->op )
    {
    case __HYPERVISOR_sysctl:
        return sysctl(p0);
    case __HYPERVISOR_domctl:
        return domctl(p0);
    case __HYPERVISOR_xen_version:
        return xen_version(call->arg[0], p1);
    case __HYPERVISOR_sched_op:
    {
        struct sched_remote_shutdown *r = p1;
        struct fake_domain *d;

        if ( call->arg[0] != SCHEDOP_remote_shutdown )
            return -ENOSYS;
        if ( !(d = domain(r->domain_id)) )
            return -ESRCH;
        d->shutdown = true;
        d->shutdown_reason = r->reason;
        return 0;
    }
    }
    return -ENOSYS;
}

/* ---- the test's controls ---- */

/* A fresh hypervisor with dom0 (512 MiB) and the fake transport installed. */
EXPORT void fake_xc_install(void);
EXPORT void fake_xc_install(void)
{
    memset(&hv, 0, sizeof(hv));
    hv.version = XEN_SYSCTL_INTERFACE_VERSION;
    hv.doms[0].exists = true;
    hv.doms[0].max_vcpus = 2;
    hv.doms[0].tot_pages = hv.doms[0].max_pages = 131072;
    hv.batch_threshold = 512;
    hv.stats.nr_units = 1;
    hv.stats.maps = 10;
    hv.stats.unmaps = 7;
    hv.stats.inv_page = 3;
    hv.stats.flush_cycles = 1ull << 40;
    fake_privcmd_install(hypervisor);
}

/* The interface version the model speaks (the library's is 0x15). */
EXPORT void fake_xc_set_version(uint32_t version);
EXPORT void fake_xc_set_version(uint32_t version)
{
    hv.version = version;
}

/* Whether XENVER_changeset fails (with EFAULT) from now on. */
EXPORT void fake_xc_set_changeset_fails(int fails);
EXPORT void fake_xc_set_changeset_fails(int fails)
{
    hv.changeset_fails = fails;
}

/* Whether /dev/xen/privcmd is missing from now on. */
EXPORT void fake_xc_set_no_privcmd(int missing);
EXPORT void fake_xc_set_no_privcmd(int missing)
{
    fake.no_privcmd = missing;
}

EXPORT unsigned int fake_xc_hypercalls(void);
EXPORT unsigned int fake_xc_hypercalls(void)
{
    return fake.nr_calls;
}

/* Hypercall buffers still mapped (the binding must free each one). */
EXPORT unsigned int fake_xc_live_buffers(void);
EXPORT unsigned int fake_xc_live_buffers(void)
{
    return fake.live_buffers;
}

/* Append text to the console ring. */
EXPORT int fake_xc_console_append(const char *text);
EXPORT int fake_xc_console_append(const char *text)
{
    size_t n = strlen(text);

    if ( n > RING_SIZE - hv.ring_len )
        return -1;
    memcpy(hv.ring + hv.ring_len, text, n);
    hv.ring_len += (uint32_t)n;
    return 0;
}

/* The createdomain payload last accepted, to be read at its ABI offsets. */
EXPORT const struct xen_domctl_createdomain *fake_xc_last_create(void);
EXPORT const struct xen_domctl_createdomain *fake_xc_last_create(void)
{
    return &hv.last_create;
}
