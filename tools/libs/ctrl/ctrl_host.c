/*
 * ctrl_host.c - the host operations: xen_version, physinfo, the console
 * ring, and Argon's IOMMU flush policy and statistics.
 */
#include <errno.h>
#include <string.h>

#include "ctrl_internal.h"

/* The size of what each xen_version sub-op writes; 0: it only returns a value. */
static int version_payload_size(int cmd, size_t *len)
{
    switch ( cmd )
    {
    case XENVER_version: case XENVER_pagesize: *len = 0; return 0;
    case XENVER_extraversion: *len = sizeof(xen_extraversion_t); return 0;
    case XENVER_compile_info: *len = sizeof(xen_compile_info_t); return 0;
    case XENVER_capabilities: *len = sizeof(xen_capabilities_info_t); return 0;
    case XENVER_changeset: *len = sizeof(xen_changeset_info_t); return 0;
    case XENVER_platform_parameters: *len = sizeof(xen_platform_parameters_t); return 0;
    case XENVER_get_features: *len = sizeof(xen_feature_info_t); return 0;
    case XENVER_commandline: *len = sizeof(xen_commandline_t); return 0;
    }
    return -1;
}

int xc_version(xc_interface *xch, int cmd, void *arg)
{
    size_t len;
    long rc;

    if ( !xch )
        return xc_invalid("xc_version: no handle");
    if ( version_payload_size(cmd, &len) )
        return xc_invalid("xc_version: unknown sub-op %d", cmd);
    if ( len && !arg )
        return xc_invalid("xc_version: sub-op %d needs a result buffer", cmd);
    if ( !len )
    {
        rc = xencall2(xch->xcall, __HYPERVISOR_xen_version, (unsigned int)cmd, 0);
        return rc < 0 ? xc_fail(XC_INTERNAL_ERROR, errno, "xen_version %d: %s", cmd,
                                strerror(errno)) : (int)rc;
    }
    rc = xc_do_cmd_op(xch, __HYPERVISOR_xen_version, (unsigned int)cmd, arg, len, 0,
                      "xen_version");
    if ( rc < 0 )
        return -1;
    /* Strings the hypervisor fills to the brim still end inside the caller's array. */
    if ( cmd != XENVER_compile_info && cmd != XENVER_platform_parameters &&
         cmd != XENVER_get_features )
        ((char *)arg)[len - 1] = '\0';
    return 0;
}

int xc_physinfo(xc_interface *xch, xc_physinfo_t *info)
{
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_physinfo };

    if ( !xch || !info )
        return xc_invalid("xc_physinfo: no %s", xch ? "result" : "handle");
    if ( xc_do_sysctl(xch, &op, "sysctl physinfo") )
        return -1;
    *info = op.u.physinfo;
    return 0;
}

int xc_readconsolering(xc_interface *xch, char *buffer, unsigned int *pnr_chars,
                       int clear, int incremental, uint32_t *pindex)
{
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_readconsole };
    char *hbuf;
    int rc;

    if ( !xch || !buffer || !pnr_chars || *pnr_chars == 0 )
        return xc_invalid("xc_readconsolering: no %s",
                          !xch ? "handle" : !buffer || !pnr_chars ? "buffer" : "room");
    if ( incremental && !pindex )
        return xc_invalid("xc_readconsolering: incremental reads need an index");
    if ( !(hbuf = xc_bounce_in(xch, NULL, *pnr_chars, "sysctl readconsole")) )
        return -1;
    op.u.readconsole.clear = !!clear;
    op.u.readconsole.incremental = !!incremental;
    op.u.readconsole.index = incremental ? *pindex : 0;
    op.u.readconsole.buffer = (uintptr_t)hbuf;
    op.u.readconsole.count = *pnr_chars;
    rc = xc_do_sysctl(xch, &op, "sysctl readconsole");
    if ( rc == 0 && op.u.readconsole.count > *pnr_chars )
        rc = xc_fail(XC_INTERNAL_ERROR, EIO, "sysctl readconsole: %u bytes into %u",
                     op.u.readconsole.count, *pnr_chars);
    if ( rc == 0 )
    {
        memcpy(buffer, hbuf, op.u.readconsole.count);
        *pnr_chars = op.u.readconsole.count;
        if ( incremental )
            *pindex = op.u.readconsole.index;
    }
    xc_bounce_out(xch, hbuf, NULL, 0);
    return rc;
}

static int iommu_sysctl(xc_interface *xch, struct argon_sysctl *op, const char *what)
{
    /* Argon's envelope is xen_sysctl's, byte for byte (argon-sysctl.h). */
    return xc_do_sysctl(xch, (struct xen_sysctl *)op, what);
}

int xc_iommu_flush_policy_get(xc_interface *xch, uint32_t *policy, uint32_t *batch_threshold)
{
    struct argon_sysctl op = { .cmd = ARGON_SYSCTL_iommu_flush_policy };

    if ( !xch || !policy )
        return xc_invalid("xc_iommu_flush_policy_get: no %s", xch ? "result" : "handle");
    op.u.iommu_flush_policy.cmd = ARGON_IOMMU_FLUSH_POLICY_get;
    if ( iommu_sysctl(xch, &op, "sysctl iommu_flush_policy get") )
        return -1;
    *policy = op.u.iommu_flush_policy.policy;
    if ( batch_threshold )
        *batch_threshold = op.u.iommu_flush_policy.batch_threshold;
    return 0;
}

int xc_iommu_flush_policy_set(xc_interface *xch, uint32_t policy, uint32_t flags,
                              uint32_t batch_threshold, uint32_t *prev_policy)
{
    struct argon_sysctl op = { .cmd = ARGON_SYSCTL_iommu_flush_policy };

    if ( !xch )
        return xc_invalid("xc_iommu_flush_policy_set: no handle");
    if ( policy > ARGON_IOMMU_FLUSH_MAX )
        return xc_invalid("xc_iommu_flush_policy_set: unknown policy %u", policy);
    if ( flags & ~ARGON_IOMMU_FLUSH_F_allow_unsafe )
        return xc_invalid("xc_iommu_flush_policy_set: unknown flags %#x", flags);
    if ( policy == ARGON_IOMMU_FLUSH_none && !(flags & ARGON_IOMMU_FLUSH_F_allow_unsafe) )
        return xc_invalid("xc_iommu_flush_policy_set: policy 'none' is unsafe and needs "
                          "ARGON_IOMMU_FLUSH_F_allow_unsafe");
    op.u.iommu_flush_policy.cmd = ARGON_IOMMU_FLUSH_POLICY_set;
    op.u.iommu_flush_policy.policy = policy;
    op.u.iommu_flush_policy.flags = flags;
    op.u.iommu_flush_policy.batch_threshold = batch_threshold;
    if ( iommu_sysctl(xch, &op, "sysctl iommu_flush_policy set") )
        return -1;
    if ( prev_policy )
        *prev_policy = op.u.iommu_flush_policy.prev_policy;
    return 0;
}

int xc_iommu_stats(xc_interface *xch, uint32_t scope, uint32_t id, uint32_t flags,
                   struct argon_sysctl_iommu_stats *stats)
{
    struct argon_sysctl op = { .cmd = ARGON_SYSCTL_iommu_stats };

    if ( !xch || !stats )
        return xc_invalid("xc_iommu_stats: no %s", xch ? "result" : "handle");
    if ( scope > ARGON_IOMMU_STATS_unit )
        return xc_invalid("xc_iommu_stats: unknown scope %u", scope);
    if ( flags & ~ARGON_IOMMU_STATS_F_reset )
        return xc_invalid("xc_iommu_stats: unknown flags %#x", flags);
    op.u.iommu_stats.scope = scope;
    op.u.iommu_stats.id = id;
    op.u.iommu_stats.flags = flags;
    if ( iommu_sysctl(xch, &op, "sysctl iommu_stats") )
        return -1;
    *stats = op.u.iommu_stats;
    return 0;
}
