/*
 * sysctl from dom0: the interface version is checked first, physinfo
 * describes the machine, readconsole returns the hypervisor's log, and
 * Argon's IOMMU flush-policy and statistics operations work, with the
 * unsafe policy refused unless asked for explicitly.
 */
#include <public/argon-sysctl.h>
#include <public/platform.h>
#include <public/sysctl.h>

#include "guest.h"

static char log[4096];

static bool log_has(const struct xen_sysctl_readconsole *rc, const char *s)
{
    size_t len = strlen(s);

    for ( size_t i = 0; i + len <= rc->count; i++ )
        if ( !memcmp(log + i, s, len) )
            return true;
    return false;
}

static long sysctl(struct xen_sysctl *op)
{
    return hypercall1(__HYPERVISOR_sysctl, op);
}

void test_main(void)
{
    struct xen_sysctl op;
    struct argon_sysctl *aop = (struct argon_sysctl *)&op;

    memset(&op, 0, sizeof(op));
    op.cmd = XEN_SYSCTL_physinfo;
    op.interface_version = 0x14;
    check_eq(sysctl(&op), -13, "an older interface version: -EACCES");
    op.interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    check_eq(sysctl(&op), 0, "physinfo");
    check_eq(op.u.physinfo.nr_cpus, 2, "CPUs");
    check(op.u.physinfo.cpu_khz > 100000, "cpu_khz %u", op.u.physinfo.cpu_khz);
    check(op.u.physinfo.total_pages > op.u.physinfo.free_pages &&
          op.u.physinfo.free_pages > 1000, "total %lu, free %lu pages",
          (unsigned long)op.u.physinfo.total_pages, (unsigned long)op.u.physinfo.free_pages);
    check((op.u.physinfo.capabilities & (XEN_SYSCTL_PHYSCAP_pv | XEN_SYSCTL_PHYSCAP_directio)) ==
          (XEN_SYSCTL_PHYSCAP_pv | XEN_SYSCTL_PHYSCAP_directio), "PV and IOMMU capabilities");

    memset(&op.u, 0, sizeof(op.u));
    op.cmd = XEN_SYSCTL_readconsole;
    op.u.readconsole.buffer = (unsigned long)log;
    op.u.readconsole.count = sizeof(log);
    check_eq(sysctl(&op), 0, "readconsole");
    check(op.u.readconsole.count > 0 && op.u.readconsole.count <= sizeof(log), "log bytes");
    check(log_has(&op.u.readconsole, "(XEN) Argon "), "the log starts with the banner");

    /* Incremental: from the index the last read returned, only what is new. */
    op.u.readconsole.incremental = 1;
    while ( op.u.readconsole.count == sizeof(log) )
        check_eq(sysctl(&op), 0, "incremental readconsole to the end");
    printf("test-sysctl: first marker\n");
    op.u.readconsole.count = sizeof(log);
    check_eq(sysctl(&op), 0, "incremental readconsole");
    check(log_has(&op.u.readconsole, "first marker"), "the new line is read");
    check(!log_has(&op.u.readconsole, "(XEN) Argon"), "the banner read before is not read again");

    /* Clear: later reads start after everything written so far. */
    op.u.readconsole.incremental = 0;
    op.u.readconsole.clear = 1;
    op.u.readconsole.count = sizeof(log);
    check_eq(sysctl(&op), 0, "readconsole and clear");
    printf("test-sysctl: second marker\n");
    op.u.readconsole.clear = 0;
    op.u.readconsole.count = sizeof(log);
    check_eq(sysctl(&op), 0, "readconsole after clear");
    check(log_has(&op.u.readconsole, "second marker"), "a line after the clear is read");
    check(!log_has(&op.u.readconsole, "first marker"), "a line before the clear is not");

    op.u.readconsole.buffer = 0x10;
    op.u.readconsole.clear = 1;
    check_eq(sysctl(&op), -14, "readconsole into a bad buffer: -EFAULT");
    op.u.readconsole.buffer = (unsigned long)log;
    op.u.readconsole.clear = 0;
    op.u.readconsole.count = sizeof(log);
    check_eq(sysctl(&op), 0, "readconsole after a failed clear");
    check(log_has(&op.u.readconsole, "second marker"), "a failed read does not clear");

    op.cmd = 99;
    check_eq(sysctl(&op), -38, "unknown sysctl: -ENOSYS");

    memset(&op.u, 0, sizeof(op.u));
    op.cmd = ARGON_SYSCTL_iommu_flush_policy;
    aop->u.iommu_flush_policy.cmd = ARGON_IOMMU_FLUSH_POLICY_get;
    check_eq(sysctl(&op), 0, "get the flush policy");
    check_eq(aop->u.iommu_flush_policy.policy, ARGON_IOMMU_FLUSH_strict_batched, "default policy");
    aop->u.iommu_flush_policy.cmd = ARGON_IOMMU_FLUSH_POLICY_set;
    aop->u.iommu_flush_policy.policy = ARGON_IOMMU_FLUSH_strict_domain;
    check_eq(sysctl(&op), 0, "set strict-domain");
    check_eq(aop->u.iommu_flush_policy.prev_policy, ARGON_IOMMU_FLUSH_strict_batched,
             "previous policy");
    aop->u.iommu_flush_policy.policy = ARGON_IOMMU_FLUSH_none;
    check_eq(sysctl(&op), -1, "the unsafe policy without asking: -EPERM");
    aop->u.iommu_flush_policy.flags = ARGON_IOMMU_FLUSH_F_allow_unsafe;
    check_eq(sysctl(&op), 0, "the unsafe policy when asked for by name");
    aop->u.iommu_flush_policy.policy = 9;
    check_eq(sysctl(&op), -22, "policy 9: -EINVAL");
    aop->u.iommu_flush_policy.policy = ARGON_IOMMU_FLUSH_strict_batched;
    check_eq(sysctl(&op), 0, "back to strict-batched");

    memset(&op.u, 0, sizeof(op.u));
    op.cmd = ARGON_SYSCTL_iommu_stats;
    aop->u.iommu_stats.scope = ARGON_IOMMU_STATS_total;
    check_eq(sysctl(&op), 0, "IOMMU statistics");
    check_eq(aop->u.iommu_stats.nr_units, 1, "one VT-d unit");
    check(aop->u.iommu_stats.waits > 0, "invalidations were waited for at boot");
    aop->u.iommu_stats.scope = ARGON_IOMMU_STATS_domain;
    aop->u.iommu_stats.id = 77;
    check_eq(sysctl(&op), -3, "statistics of a domain that does not exist: -ESRCH");
    {
        struct xen_platform_op op = { .cmd = XENPF_settime64, .interface_version = 1,
                                      .u.settime64 = { .secs = 2000000000, .nsecs = 5 } };

        check_eq(hypercall1(__HYPERVISOR_platform_op, &op), -13,
                 "platform_op with a wrong interface version: -EACCES");
        op.interface_version = XENPF_INTERFACE_VERSION;
        op.u.settime64.nsecs = 1000000000;
        check_eq(hypercall1(__HYPERVISOR_platform_op, &op), -22, "settime64 nsecs too big");
        op.u.settime64.nsecs = 5;
        check_eq(hypercall1(__HYPERVISOR_platform_op, &op), 0, "settime64");
        op.cmd = 55;
        check_eq(hypercall1(__HYPERVISOR_platform_op, &op), -38,
                 "an unimplemented platform_op: -ENOSYS");
    }
    printf("test-sysctl: version check, physinfo, readconsole and the IOMMU controls work\n");
}
