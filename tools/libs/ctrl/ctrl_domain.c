/*
 * ctrl_domain.c - the operations on one domain: domctl, and the memory,
 * event-channel, grant, physdev and scheduler calls made on its behalf.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include <xen/event_channel.h>
#include <xen/grant_table.h>
#include <xen/memory.h>
#include <xen/physdev.h>
#include <xen/sched.h>

#include "ctrl_internal.h"

/* Ids a caller may name: real domains, below the reserved DOMID_* values. */
static bool valid_domid(uint32_t domid)
{
    return domid < DOMID_FIRST_RESERVED;
}

#define CHECK_DOMID(fn, domid)                                                  \
    do {                                                                        \
        if ( !xch )                                                             \
            return xc_invalid(fn ": no handle");                                \
        if ( !valid_domid(domid) )                                              \
            return xc_invalid(fn ": domain id %u is not a domain", domid);      \
    } while ( 0 )

/* A domctl that carries nothing but the domain (pause, unpause, destroy). */
static int simple_domctl(xc_interface *xch, uint32_t domid, uint32_t cmd, const char *what)
{
    struct xen_domctl op = { .cmd = cmd, .domain = (domid_t)domid };

    return xc_do_domctl(xch, &op, what);
}

int xc_domain_create(xc_interface *xch, uint32_t *pdomid,
                     struct xen_domctl_createdomain *config)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_createdomain };

    if ( !xch || !pdomid || !config )
        return xc_invalid("xc_domain_create: no %s", !xch ? "handle" : "domid or config");
    if ( *pdomid != 0 && !valid_domid(*pdomid) )
        return xc_invalid("xc_domain_create: domain id %u is not a domain", *pdomid);
    if ( config->flags & ~(XEN_DOMCTL_CDF_MAX | (XEN_DOMCTL_CDF_MAX - 1)) )
        return xc_invalid("xc_domain_create: unknown flags %#x", config->flags);
    if ( config->max_vcpus == 0 )
        return xc_invalid("xc_domain_create: a domain needs at least one vCPU");
    op.domain = (domid_t)*pdomid;
    op.u.createdomain = *config;
    if ( xc_do_domctl(xch, &op, "domctl createdomain") )
        return -1;
    *pdomid = op.domain;
    *config = op.u.createdomain;
    return 0;
}

int xc_domain_destroy(xc_interface *xch, uint32_t domid)
{
    CHECK_DOMID("xc_domain_destroy", domid);
    return simple_domctl(xch, domid, XEN_DOMCTL_destroydomain, "domctl destroydomain");
}

int xc_domain_pause(xc_interface *xch, uint32_t domid)
{
    CHECK_DOMID("xc_domain_pause", domid);
    return simple_domctl(xch, domid, XEN_DOMCTL_pausedomain, "domctl pausedomain");
}

int xc_domain_unpause(xc_interface *xch, uint32_t domid)
{
    CHECK_DOMID("xc_domain_unpause", domid);
    return simple_domctl(xch, domid, XEN_DOMCTL_unpausedomain, "domctl unpausedomain");
}

int xc_domain_shutdown(xc_interface *xch, uint32_t domid, int reason)
{
    struct sched_remote_shutdown arg = { .domain_id = (domid_t)domid };

    CHECK_DOMID("xc_domain_shutdown", domid);
    if ( reason < 0 || reason > SHUTDOWN_MAX )
        return xc_invalid("xc_domain_shutdown: unknown reason %d", reason);
    arg.reason = (unsigned int)reason;
    return xc_do_cmd_op(xch, __HYPERVISOR_sched_op, SCHEDOP_remote_shutdown, &arg,
                        sizeof(arg), 0, "sched_op remote_shutdown") < 0 ? -1 : 0;
}

int xc_domain_getinfo_single(xc_interface *xch, uint32_t domid, xc_domaininfo_t *info)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_getdomaininfo, .domain = (domid_t)domid };

    CHECK_DOMID("xc_domain_getinfo_single", domid);
    if ( !info )
        return xc_invalid("xc_domain_getinfo_single: no result");
    if ( xc_do_domctl(xch, &op, "domctl getdomaininfo") )
        return -1;
    /* Xen answers with the next domain up when domid is gone. */
    if ( op.u.getdomaininfo.domain != domid )
        return xc_fail(XC_INTERNAL_ERROR, ESRCH, "domctl getdomaininfo: no domain %u", domid);
    *info = op.u.getdomaininfo;
    return 0;
}

int xc_domain_getinfolist(xc_interface *xch, uint32_t first_domain,
                          unsigned int max_domains, xc_domaininfo_t *info)
{
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_getdomaininfolist };
    size_t len = (size_t)max_domains * sizeof(*info);
    void *hbuf;
    int rc;

    CHECK_DOMID("xc_domain_getinfolist", first_domain);
    if ( !info || max_domains == 0 )
        return xc_invalid("xc_domain_getinfolist: no room for records");
    if ( max_domains > DOMID_FIRST_RESERVED )
        return xc_invalid("xc_domain_getinfolist: %u records is more than there can be "
                          "domains", max_domains);
    if ( !(hbuf = xc_bounce_in(xch, NULL, len, "sysctl getdomaininfolist")) )
        return -1;
    op.u.getdomaininfolist.first_domain = (domid_t)first_domain;
    op.u.getdomaininfolist.max_domains = max_domains;
    op.u.getdomaininfolist.buffer = (uintptr_t)hbuf;
    rc = xc_do_sysctl(xch, &op, "sysctl getdomaininfolist");
    if ( rc == 0 && op.u.getdomaininfolist.num_domains > max_domains )
        rc = xc_fail(XC_INTERNAL_ERROR, EIO, "sysctl getdomaininfolist: %u records for %u",
                     op.u.getdomaininfolist.num_domains, max_domains);
    if ( rc == 0 )
    {
        memcpy(info, hbuf, op.u.getdomaininfolist.num_domains * sizeof(*info));
        rc = (int)op.u.getdomaininfolist.num_domains;
    }
    xc_bounce_out(xch, hbuf, NULL, 0);
    return rc;
}

int xc_domain_max_vcpus(xc_interface *xch, uint32_t domid, unsigned int max)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_max_vcpus, .domain = (domid_t)domid };

    CHECK_DOMID("xc_domain_max_vcpus", domid);
    if ( max == 0 )
        return xc_invalid("xc_domain_max_vcpus: a domain needs at least one vCPU");
    op.u.max_vcpus.max = max;
    return xc_do_domctl(xch, &op, "domctl max_vcpus");
}

int xc_domain_setmaxmem(xc_interface *xch, uint32_t domid, uint64_t max_memkb)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_max_mem, .domain = (domid_t)domid };

    CHECK_DOMID("xc_domain_setmaxmem", domid);
    op.u.max_mem.max_memkb = max_memkb;
    return xc_do_domctl(xch, &op, "domctl max_mem");
}

int xc_domain_setvcpucontext(xc_interface *xch, uint32_t domid, uint32_t vcpu,
                             const vcpu_guest_context_t *ctxt)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_setvcpucontext, .domain = (domid_t)domid };
    void *hbuf;
    int rc;

    CHECK_DOMID("xc_domain_setvcpucontext", domid);
    if ( !ctxt )
        return xc_invalid("xc_domain_setvcpucontext: no context");
    if ( !(hbuf = xc_bounce_in(xch, ctxt, sizeof(*ctxt), "domctl setvcpucontext")) )
        return -1;
    op.u.vcpucontext.vcpu = vcpu;
    op.u.vcpucontext.ctxt = (uintptr_t)hbuf;
    rc = xc_do_domctl(xch, &op, "domctl setvcpucontext");
    xc_bounce_out(xch, hbuf, NULL, 0);
    return rc;
}

int xc_vcpu_getinfo(xc_interface *xch, uint32_t domid, uint32_t vcpu, xc_vcpuinfo_t *info)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_getvcpuinfo, .domain = (domid_t)domid };

    CHECK_DOMID("xc_vcpu_getinfo", domid);
    if ( !info )
        return xc_invalid("xc_vcpu_getinfo: no record to fill");
    op.u.getvcpuinfo.vcpu = vcpu;
    if ( xc_do_domctl(xch, &op, "domctl getvcpuinfo") )
        return -1;
    *info = op.u.getvcpuinfo;
    return 0;
}

/* XENMEM_{populate_physmap,increase,decrease}_reservation: extents done, or -1. */
static int reservation_op(xc_interface *xch, unsigned int cmd, uint32_t domid,
                          unsigned long nr_extents, unsigned int extent_order,
                          unsigned int mem_flags, xen_pfn_t *extent_start, const char *what)
{
    struct xen_memory_reservation r = {
        .nr_extents = nr_extents, .extent_order = extent_order, .mem_flags = mem_flags,
        .domid = (domid_t)domid,
    };
    size_t len = nr_extents * sizeof(*extent_start);
    void *hbuf;
    long rc;

    if ( !xch )
        return xc_invalid("%s: no handle", what);
    if ( !valid_domid(domid) )
        return xc_invalid("%s: domain id %u is not a domain", what, domid);
    if ( nr_extents == 0 || !extent_start )
        return xc_invalid("%s: no extents", what);
    if ( nr_extents > INT32_MAX / sizeof(*extent_start) )
        return xc_invalid("%s: %lu extents is too many for one call", what, nr_extents);
    if ( extent_order >= 64 - 12 )
        return xc_invalid("%s: extent order %u is too large", what, extent_order);
    if ( !(hbuf = xc_bounce_in(xch, extent_start, len, what)) )
        return -1;
    r.extent_start = (uintptr_t)hbuf;
    rc = xc_do_cmd_op(xch, __HYPERVISOR_memory_op, cmd, &r, sizeof(r), 0, what);
    xc_bounce_out(xch, hbuf, rc >= 0 ? extent_start : NULL, len);
    return (int)rc;
}

int xc_domain_populate_physmap_exact(xc_interface *xch, uint32_t domid,
                                     unsigned long nr_extents, unsigned int extent_order,
                                     unsigned int mem_flags, xen_pfn_t *extent_start)
{
    int rc = reservation_op(xch, XENMEM_populate_physmap, domid, nr_extents, extent_order,
                            mem_flags, extent_start, "memory_op populate_physmap");

    if ( rc >= 0 && (unsigned long)rc != nr_extents )
        return xc_fail(XC_INTERNAL_ERROR, EBUSY, "memory_op populate_physmap: %d of %lu "
                       "extents for domain %u", rc, nr_extents, domid);
    return rc < 0 ? -1 : 0;
}

int xc_domain_increase_reservation(xc_interface *xch, uint32_t domid,
                                   unsigned long nr_extents, unsigned int extent_order,
                                   unsigned int mem_flags, xen_pfn_t *extent_start)
{
    return reservation_op(xch, XENMEM_increase_reservation, domid, nr_extents, extent_order,
                          mem_flags, extent_start, "memory_op increase_reservation");
}

int xc_domain_decrease_reservation(xc_interface *xch, uint32_t domid,
                                   unsigned long nr_extents, unsigned int extent_order,
                                   xen_pfn_t *extent_start)
{
    return reservation_op(xch, XENMEM_decrease_reservation, domid, nr_extents, extent_order,
                          0, extent_start, "memory_op decrease_reservation");
}

int xc_evtchn_alloc_unbound(xc_interface *xch, uint32_t dom, uint32_t remote_dom)
{
    struct evtchn_alloc_unbound arg = { .dom = (domid_t)dom, .remote_dom = (domid_t)remote_dom };

    CHECK_DOMID("xc_evtchn_alloc_unbound", dom);
    if ( !valid_domid(remote_dom) )
        return xc_invalid("xc_evtchn_alloc_unbound: remote domain id %u is not a domain",
                          remote_dom);
    if ( xc_do_cmd_op(xch, __HYPERVISOR_event_channel_op, EVTCHNOP_alloc_unbound, &arg,
                      sizeof(arg), 0, "event_channel_op alloc_unbound") < 0 )
        return -1;
    return (int)arg.port;
}

int xc_gnttab_get_version(xc_interface *xch, uint32_t domid)
{
    struct gnttab_get_version arg = { .dom = (domid_t)domid };

    CHECK_DOMID("xc_gnttab_get_version", domid);
    if ( xc_do_cmd_op(xch, __HYPERVISOR_grant_table_op, GNTTABOP_get_version, &arg,
                      sizeof(arg), 1, "grant_table_op get_version") < 0 )
        return -1;
    return (int)arg.version;
}

int xc_gnttab_query_size(xc_interface *xch, uint32_t domid, uint32_t *nr_frames,
                         uint32_t *max_nr_frames)
{
    struct gnttab_query_size arg = { .dom = (domid_t)domid };

    CHECK_DOMID("xc_gnttab_query_size", domid);
    if ( xc_do_cmd_op(xch, __HYPERVISOR_grant_table_op, GNTTABOP_query_size, &arg,
                      sizeof(arg), 1, "grant_table_op query_size") < 0 )
        return -1;
    /* The hypercall succeeds and reports per-op failures in status. */
    if ( arg.status != GNTST_okay )
        return xc_fail(XC_INTERNAL_ERROR, arg.status == GNTST_bad_domain ? ESRCH : EINVAL,
                       "grant_table_op query_size: status %d for domain %u", arg.status,
                       domid);
    if ( nr_frames )
        *nr_frames = arg.nr_frames;
    if ( max_nr_frames )
        *max_nr_frames = arg.max_nr_frames;
    return 0;
}

/*
 * The grant table's first nr_frames frames of domid (the builder seeds its
 * reserved entries through them); the table grows to nr_frames if smaller.
 */
int xc_gnttab_setup_table(xc_interface *xch, uint32_t domid, uint32_t nr_frames,
                          xen_pfn_t *frames)
{
    struct gnttab_setup_table arg = { .dom = (domid_t)domid, .nr_frames = nr_frames };
    size_t len = nr_frames * sizeof(*frames);
    void *hbuf;
    long rc;

    CHECK_DOMID("xc_gnttab_setup_table", domid);
    if ( nr_frames == 0 || nr_frames > 64 || !frames )
        return xc_invalid("xc_gnttab_setup_table: %u frames (1 to 64, with a list)",
                          nr_frames);
    if ( !(hbuf = xc_bounce_in(xch, NULL, len, "grant_table_op setup_table")) )
        return -1;
    arg.frame_list = (uintptr_t)hbuf;
    rc = xc_do_cmd_op(xch, __HYPERVISOR_grant_table_op, GNTTABOP_setup_table, &arg,
                      sizeof(arg), 1, "grant_table_op setup_table");
    xc_bounce_out(xch, hbuf, rc >= 0 && arg.status == GNTST_okay ? frames : NULL, len);
    if ( rc < 0 )
        return -1;
    if ( arg.status != GNTST_okay )
        return xc_fail(XC_INTERNAL_ERROR, arg.status == GNTST_bad_domain ? ESRCH :
                       arg.status == GNTST_permission_denied ? EPERM : EINVAL,
                       "grant_table_op setup_table: status %d for domain %u", arg.status,
                       domid);
    return 0;
}

int xc_mmuext_op(xc_interface *xch, struct mmuext_op *ops, unsigned int nr_ops, uint32_t dom)
{
    const char *what = "mmuext_op";
    size_t len = nr_ops * sizeof(*ops);
    void *hbuf;
    long rc;
    int err;

    CHECK_DOMID("xc_mmuext_op", dom);
    if ( nr_ops == 0 || !ops || nr_ops > 4096 )
        return xc_invalid("xc_mmuext_op: %u operations (1 to 4096, with a list)", nr_ops);
    if ( !(hbuf = xc_bounce_in(xch, ops, len, what)) )
        return -1;
    rc = xencall4(xch->xcall, __HYPERVISOR_mmuext_op, (uintptr_t)hbuf, nr_ops, 0, dom);
    err = errno;
    xc_bounce_out(xch, hbuf, NULL, len);
    if ( rc < 0 )
        return xc_fail(XC_INTERNAL_ERROR, err, "%s for domain %u: %s", what, dom,
                       strerror(err));
    return 0;
}

static int device_domctl(xc_interface *xch, uint32_t domid, uint32_t cmd, uint32_t sbdf,
                         uint32_t flags, const char *what)
{
    struct xen_domctl op = { .cmd = cmd, .domain = (domid_t)domid };

    op.u.assign_device.dev = XEN_DOMCTL_DEV_PCI;
    op.u.assign_device.flags = flags;
    op.u.assign_device.u.pci.machine_sbdf = sbdf;
    return xc_do_domctl(xch, &op, what);
}

int xc_assign_device(xc_interface *xch, uint32_t domid, uint32_t machine_sbdf,
                     uint32_t flags)
{
    CHECK_DOMID("xc_assign_device", domid);
    if ( flags & ~XEN_DOMCTL_DEV_RDM_RELAXED )
        return xc_invalid("xc_assign_device: unknown flags %#x", flags);
    return device_domctl(xch, domid, XEN_DOMCTL_assign_device, machine_sbdf, flags,
                         "domctl assign_device");
}

int xc_test_assign_device(xc_interface *xch, uint32_t domid, uint32_t machine_sbdf)
{
    CHECK_DOMID("xc_test_assign_device", domid);
    return device_domctl(xch, domid, XEN_DOMCTL_test_assign_device, machine_sbdf, 0,
                         "domctl test_assign_device");
}

int xc_deassign_device(xc_interface *xch, uint32_t domid, uint32_t machine_sbdf)
{
    CHECK_DOMID("xc_deassign_device", domid);
    return device_domctl(xch, domid, XEN_DOMCTL_deassign_device, machine_sbdf, 0,
                         "domctl deassign_device");
}

int xc_domain_iomem_permission(xc_interface *xch, uint32_t domid, unsigned long first_mfn,
                               unsigned long nr_mfns, uint8_t allow_access)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_iomem_permission, .domain = (domid_t)domid };

    CHECK_DOMID("xc_domain_iomem_permission", domid);
    if ( nr_mfns == 0 || first_mfn + nr_mfns < first_mfn )
        return xc_invalid("xc_domain_iomem_permission: bad range %#lx+%lu", first_mfn,
                          nr_mfns);
    op.u.iomem_permission.first_mfn = first_mfn;
    op.u.iomem_permission.nr_mfns = nr_mfns;
    op.u.iomem_permission.allow_access = !!allow_access;
    return xc_do_domctl(xch, &op, "domctl iomem_permission");
}

int xc_domain_ioport_permission(xc_interface *xch, uint32_t domid, uint32_t first_port,
                                uint32_t nr_ports, uint32_t allow_access)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_ioport_permission, .domain = (domid_t)domid };

    CHECK_DOMID("xc_domain_ioport_permission", domid);
    if ( nr_ports == 0 || first_port > 0xffff || nr_ports > 0x10000 - first_port )
        return xc_invalid("xc_domain_ioport_permission: bad port range %#x+%u", first_port,
                          nr_ports);
    op.u.ioport_permission.first_port = first_port;
    op.u.ioport_permission.nr_ports = nr_ports;
    op.u.ioport_permission.allow_access = !!allow_access;
    return xc_do_domctl(xch, &op, "domctl ioport_permission");
}

int xc_domain_irq_permission(xc_interface *xch, uint32_t domid, uint32_t pirq,
                             uint8_t allow_access)
{
    struct xen_domctl op = { .cmd = XEN_DOMCTL_irq_permission, .domain = (domid_t)domid };

    CHECK_DOMID("xc_domain_irq_permission", domid);
    op.u.irq_permission.pirq = pirq;
    op.u.irq_permission.allow_access = !!allow_access;
    return xc_do_domctl(xch, &op, "domctl irq_permission");
}

int xc_physdev_map_pirq(xc_interface *xch, uint32_t domid, int index, int *pirq)
{
    struct physdev_map_pirq arg = {
        .domid = (domid_t)domid, .type = MAP_PIRQ_TYPE_GSI, .index = index,
    };

    CHECK_DOMID("xc_physdev_map_pirq", domid);
    if ( !pirq || index < 0 )
        return xc_invalid("xc_physdev_map_pirq: %s", !pirq ? "no pirq" : "negative GSI");
    arg.pirq = *pirq;
    if ( xc_do_cmd_op(xch, __HYPERVISOR_physdev_op, PHYSDEVOP_map_pirq, &arg, sizeof(arg),
                      0, "physdev_op map_pirq") < 0 )
        return -1;
    *pirq = arg.pirq;
    return 0;
}
