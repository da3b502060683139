/*
 * test-ctrl.c - libxenctrl through the fake privcmd.  The fake hypervisor
 * below applies the real one's rules (sysctl/domctl refuse a foreign
 * interface version with -EACCES, unknown operations get -ENOSYS) and
 * reads every payload at its ABI byte offset, so each test checks the
 * library's encoding: hypercall number, sub-op, interface version, fields.
 * Bad arguments must be refused before any hypercall.
 */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <xen/event_channel.h>
#include <xen/grant_table.h>
#include <xen/memory.h>
#include <xen/sched.h>
#include <xenctrl.h>

#include "../call/fake_privcmd.h"
#include "../check_run.h"

/* What the fake hypervisor implements and what it last saw. */
static struct {
    uint32_t version;               /* the interface version it speaks */
    bool has_domctl;
    uint32_t sysctl_cmd, domctl_cmd;
    unsigned int populate_done;     /* extents populate_physmap manages */
    char ring[64];
    uint32_t ring_len;
    bool ring_cleared;
} hv;

/* xen_sysctl / xen_domctl: cmd at 0, interface_version at 4; payload at 8 (domctl: 16). */
static long fake_sysctl(uint64_t op)
{
    uint64_t u = op + 8;

    if ( fake_u32(op, 4) != hv.version )
        return -EACCES;
    hv.sysctl_cmd = fake_u32(op, 0);
    switch ( hv.sysctl_cmd )
    {
    case XEN_SYSCTL_physinfo:
        fake_put_u32(u, 8, 4);                      /* nr_cpus */
        fake_put_u32(u, 24, 2400000);               /* cpu_khz */
        fake_put_u64(u, 40, 524288);                /* total_pages: 2 GiB */
        fake_put_u64(u, 48, 131072);                /* free_pages */
        return 0;
    case XEN_SYSCTL_readconsole:
    {
        uint8_t clear = *(uint8_t *)(uintptr_t)u, incremental = *(uint8_t *)(uintptr_t)(u + 1);
        uint32_t index = fake_u32(u, 4), count = fake_u32(u, 16), start, n;
        uint64_t buffer = fake_u64(u, 8);

        if ( !fake_in_buffer(buffer, count) )
            return -EFAULT;
        start = incremental && index <= hv.ring_len ? index : 0;
        n = hv.ring_len - start < count ? hv.ring_len - start : count;
        memcpy((char *)(uintptr_t)buffer, hv.ring + start, n);
        fake_put_u32(u, 4, start + n);
        fake_put_u32(u, 16, n);
        hv.ring_cleared = clear;
        return 0;
    }
    case ARGON_SYSCTL_iommu_flush_policy:
        if ( fake_u32(u, 0) != ARGON_IOMMU_FLUSH_POLICY_set || fake_u32(u, 4) != 1 ||
             fake_u32(u, 8) != 0 || fake_u32(u, 12) != 32 )
            return -EINVAL;
        fake_put_u32(u, 16, ARGON_IOMMU_FLUSH_strict_psi);   /* prev_policy */
        return 0;
    }
    return -ENOSYS;
}

static long fake_domctl(uint64_t op)
{
    uint64_t u = op + 16;

    if ( !hv.has_domctl )
        return -ENOSYS;
    if ( fake_u32(op, 4) != hv.version )
        return -EACCES;
    hv.domctl_cmd = fake_u32(op, 0);
    switch ( hv.domctl_cmd )
    {
    case XEN_DOMCTL_getdomaininfo:
        return fake_u16(op, 8) == 0 ? 0 : -ESRCH;
    case XEN_DOMCTL_pausedomain:
        return fake_u16(op, 8) == 5 ? 0 : -ESRCH;
    case XEN_DOMCTL_max_mem:
        return fake_u16(op, 8) == 5 && fake_u64(u, 0) == 262144 ? 0 : -EINVAL;
    case XEN_DOMCTL_getvcpuinfo:
        /* vcpu 0 (in); online 4, blocked 5, running 6, cpu_time 8, cpu 16 (out) */
        if ( fake_u16(op, 8) != 5 || fake_u32(u, 0) != 1 )
            return -EINVAL;
        *(uint8_t *)(uintptr_t)(u + 4) = 1;
        *(uint8_t *)(uintptr_t)(u + 6) = 1;
        fake_put_u64(u, 8, 2500000000ULL);
        fake_put_u32(u, 16, 3);
        return 0;
    case XEN_DOMCTL_iomem_permission:
        return fake_u64(u, 0) == 0xfee00 && fake_u64(u, 8) == 2 &&
               *(uint8_t *)(uintptr_t)(u + 16) == 1 ? 0 : -EINVAL;
    }
    return -ENOSYS;
}

static long fake_memory_op(uint64_t cmd, uint64_t r)
{
    uint64_t frames = fake_u64(r, 0), nr = fake_u64(r, 8);

    /* xen_memory_reservation: extent_start 0, nr_extents 8, order 16, flags 20, domid 24 */
    if ( cmd != XENMEM_populate_physmap || fake_u32(r, 16) != 0 || fake_u16(r, 24) != 5 ||
         !fake_in_buffer(frames, nr * 8) )
        return -EINVAL;
    for ( unsigned int i = 0; i < hv.populate_done && i < nr; i++ )
        fake_put_u64(frames, i * 8, 0x1000 + i);
    return hv.populate_done < nr ? hv.populate_done : (long)nr;
}

static long hypervisor(const struct xencall_privcmd_hypercall *c)
{
    switch ( c->op )
    {
    case __HYPERVISOR_sysctl:
        return fake_sysctl(c->arg[0]);
    case __HYPERVISOR_domctl:
        return fake_domctl(c->arg[0]);
    case __HYPERVISOR_xen_version:
        if ( c->arg[0] == XENVER_version )
            return (4 << 16) | 17;
        if ( c->arg[0] == XENVER_extraversion )
            return memcpy((char *)(uintptr_t)c->arg[1], ".0-argon", 9), 0;
        return -EINVAL;
    case __HYPERVISOR_memory_op:
        return fake_memory_op(c->arg[0], c->arg[1]);
    case __HYPERVISOR_sched_op:
        /* sched_remote_shutdown: domain_id 0, reason 4 */
        return c->arg[0] == SCHEDOP_remote_shutdown && fake_u16(c->arg[1], 0) == 5 &&
               fake_u32(c->arg[1], 4) == SHUTDOWN_reboot ? 0 : -EINVAL;
    case __HYPERVISOR_mmuext_op:
        /* (ops, count, pdone, foreigndom); mmuext_op: cmd 0, arg1.mfn 8 */
        return c->arg[1] == 1 && c->arg[3] == 5 && fake_in_buffer(c->arg[0], 32) &&
               fake_u32(c->arg[0], 0) == MMUEXT_PIN_L4_TABLE &&
               fake_u64(c->arg[0], 8) == 0x4321 ? 0 : -EINVAL;
    case __HYPERVISOR_grant_table_op:
    {
        /* gnttab_setup_table: dom 0, nr_frames 4, status 8 (out), frame_list 16 */
        uint64_t st = c->arg[1], list = fake_u64(st, 16);

        if ( c->arg[0] != GNTTABOP_setup_table || c->arg[2] != 1 || fake_u32(st, 4) != 1 ||
             !fake_in_buffer(list, 8) )
            return -EINVAL;
        if ( fake_u16(st, 0) != 5 )
        {
            *(int16_t *)(uintptr_t)(st + 8) = GNTST_permission_denied;
            return 0;
        }
        *(int16_t *)(uintptr_t)(st + 8) = GNTST_okay;
        fake_put_u64(list, 0, 0x777);
        return 0;
    }
    case __HYPERVISOR_event_channel_op:
        /* evtchn_alloc_unbound: dom 0, remote_dom 2, port 4 (out) */
        if ( c->arg[0] != EVTCHNOP_alloc_unbound || fake_u16(c->arg[1], 0) != 5 ||
             fake_u16(c->arg[1], 2) != 0 )
            return -EINVAL;
        fake_put_u32(c->arg[1], 4, 7);
        return 0;
    }
    return -ENOSYS;
}

static xc_interface *open_fake(bool has_domctl)
{
    xc_interface *xch;

    fake_privcmd_install(hypervisor);
    memset(&hv, 0, sizeof(hv));
    hv.version = 0x15;
    hv.has_domctl = has_domctl;
    xch = xc_interface_open(NULL, NULL, 0);
    ck_assert_msg(xch, "open: %s", xc_get_last_error(NULL)->message);
    fake.nr_calls = 0;
    return xch;
}

START_TEST(open_checks_interface_versions)
{
    xc_interface *xch;

    /* a hypervisor speaking another version refuses the probe: the open fails */
    fake_privcmd_install(hypervisor);
    memset(&hv, 0, sizeof(hv));
    hv.version = 0x14;
    ck_assert_ptr_null(xc_interface_open(NULL, NULL, 0));
    ck_assert_int_eq(errno, EACCES);
    ck_assert_str_eq(xc_get_last_error(NULL)->message,
                     "xc_interface_open: sysctl physinfo: refused (EACCES): interface "
                     "version 0x15 does not match the hypervisor's");
    ck_assert_uint_eq(fake.live_buffers, 0);
    ck_assert_uint_eq(fake.closes, 2);
    /* the probes are physinfo, then getdomaininfo of dom0, both at 0x15 */
    xch = open_fake(true);
    ck_assert_uint_eq(hv.sysctl_cmd, XEN_SYSCTL_physinfo);
    ck_assert_uint_eq(hv.domctl_cmd, XEN_DOMCTL_getdomaininfo);
    xc_interface_close(xch);
    /* no domctl yet (today's main): the host operations still work */
    xch = open_fake(false);
    ck_assert_str_eq(xc_get_last_error(xch)->message, "");
    xc_interface_close(xch);
    /* loggers and flags are refused before anything is opened */
    fake_privcmd_install(hypervisor);
    ck_assert_ptr_null(xc_interface_open(NULL, NULL, 1));
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_int_eq(xc_get_last_error(NULL)->code, XC_INVALID_PARAM);
    ck_assert_uint_eq(fake.opens, 0);
}
END_TEST

START_TEST(version_and_physinfo)
{
    xc_interface *xch = open_fake(false);
    xen_extraversion_t extra;
    xc_physinfo_t pi;

    ck_assert_int_eq(xc_version(xch, XENVER_version, NULL), 0x40011);
    ck_assert_int_eq(xc_version(xch, XENVER_extraversion, extra), 0);
    ck_assert_str_eq(extra, ".0-argon");
    ck_assert_int_eq(xc_physinfo(xch, &pi), 0);
    ck_assert_uint_eq(pi.nr_cpus, 4);
    ck_assert_uint_eq(pi.cpu_khz, 2400000);
    ck_assert_uint_eq(pi.total_pages, 524288);
    ck_assert_uint_eq(pi.free_pages, 131072);
    ck_assert_uint_eq(fake.nr_calls, 3);
    ck_assert_uint_eq(fake.faults, 0);
    /* refused before any hypercall */
    ck_assert_int_eq(xc_version(xch, 4242, extra), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_str_eq(xc_get_last_error(xch)->message, "xc_version: unknown sub-op 4242");
    ck_assert_int_eq(xc_version(xch, XENVER_capabilities, NULL), -1);
    ck_assert_int_eq(xc_physinfo(xch, NULL), -1);
    ck_assert_uint_eq(fake.nr_calls, 3);
    ck_assert_uint_eq(fake.live_buffers, 0);
    xc_interface_close(xch);
}
END_TEST

START_TEST(readconsolering_incremental_and_clear)
{
    xc_interface *xch = open_fake(false);
    char buf[8];
    unsigned int n = 5;
    uint32_t index = 0;

    strcpy(hv.ring, "(XEN) boot\n");
    hv.ring_len = (uint32_t)strlen(hv.ring);
    ck_assert_int_eq(xc_readconsolering(xch, buf, &n, 0, 1, &index), 0);
    ck_assert_uint_eq(n, 5);
    ck_assert_int_eq(memcmp(buf, "(XEN)", 5), 0);
    ck_assert_uint_eq(index, 5);
    n = sizeof(buf);
    ck_assert_int_eq(xc_readconsolering(xch, buf, &n, 1, 1, &index), 0);
    ck_assert_uint_eq(n, 6);
    ck_assert_int_eq(memcmp(buf, " boot\n", 6), 0);
    ck_assert_uint_eq(index, 11);
    ck_assert(hv.ring_cleared);
    ck_assert_uint_eq(hv.sysctl_cmd, XEN_SYSCTL_readconsole);
    /* refused before any hypercall */
    ck_assert_int_eq(xc_readconsolering(xch, buf, &n, 0, 1, NULL), -1);
    ck_assert_int_eq(errno, EINVAL);
    n = 0;
    ck_assert_int_eq(xc_readconsolering(xch, buf, &n, 0, 0, NULL), -1);
    ck_assert_uint_eq(fake.nr_calls, 2);
    ck_assert_uint_eq(fake.faults, 0);
    ck_assert_uint_eq(fake.live_buffers, 0);
    xc_interface_close(xch);
}
END_TEST

START_TEST(enosys_names_the_missing_operation)
{
    xc_interface *xch = open_fake(false);
    xc_domaininfo_t info[4];

    ck_assert_int_eq(xc_domain_getinfolist(xch, 0, 4, info), -1);
    ck_assert_int_eq(errno, ENOSYS);
    ck_assert_str_eq(xc_get_last_error(xch)->message,
                     "sysctl getdomaininfolist: not implemented by this hypervisor (ENOSYS)");
    ck_assert_int_eq(xc_domain_pause(xch, 5), -1);
    ck_assert_int_eq(errno, ENOSYS);
    ck_assert_str_eq(xc_get_last_error(xch)->message,
                     "domctl pausedomain: not implemented by this hypervisor (ENOSYS)");
    ck_assert_uint_eq(fake.live_buffers, 0);
    xc_interface_close(xch);
}
END_TEST

START_TEST(domain_calls_encoding)
{
    xc_interface *xch = open_fake(true);
    xen_pfn_t frames[3] = { 0, 1, 2 };
    uint32_t prev = 99;

    ck_assert_int_eq(xc_domain_pause(xch, 5), 0);
    ck_assert_uint_eq(fake.calls[0].op, __HYPERVISOR_domctl);
    ck_assert_int_eq(xc_domain_setmaxmem(xch, 5, 262144), 0);
    ck_assert_int_eq(xc_domain_iomem_permission(xch, 5, 0xfee00, 2, 1), 0);
    ck_assert_int_eq(xc_domain_shutdown(xch, 5, SHUTDOWN_reboot), 0);
    ck_assert_int_eq(xc_evtchn_alloc_unbound(xch, 5, 0), 7);
    ck_assert_int_eq(xc_iommu_flush_policy_set(xch, ARGON_IOMMU_FLUSH_strict_batched, 0, 32,
                                               &prev), 0);
    ck_assert_uint_eq(prev, ARGON_IOMMU_FLUSH_strict_psi);
    hv.populate_done = 3;
    ck_assert_int_eq(xc_domain_populate_physmap_exact(xch, 5, 3, 0, 0, frames), 0);
    ck_assert_uint_eq(frames[2], 0x1002);
    /* fewer extents than asked is a failure of the exact variant */
    hv.populate_done = 2;
    ck_assert_int_eq(xc_domain_populate_physmap_exact(xch, 5, 3, 0, 0, frames), -1);
    ck_assert_int_eq(errno, EBUSY);
    ck_assert_uint_eq(fake.nr_calls, 8);
    ck_assert_uint_eq(fake.faults, 0);
    ck_assert_uint_eq(fake.live_buffers, 0);
    xc_interface_close(xch);
}
END_TEST

START_TEST(builder_calls_encoding)
{
    xc_interface *xch = open_fake(true);
    struct mmuext_op pin = { .cmd = MMUEXT_PIN_L4_TABLE, .arg1.mfn = 0x4321 };
    xen_pfn_t frame = 0;
    xc_vcpuinfo_t vi;

    ck_assert_int_eq(xc_mmuext_op(xch, &pin, 1, 5), 0);
    ck_assert_int_eq(xc_gnttab_setup_table(xch, 5, 1, &frame), 0);
    ck_assert_uint_eq(frame, 0x777);
    /* the per-op status is the answer: a refusal arrives as EPERM, the list untouched */
    frame = 0;
    ck_assert_int_eq(xc_gnttab_setup_table(xch, 6, 1, &frame), -1);
    ck_assert_int_eq(errno, EPERM);
    ck_assert_uint_eq(frame, 0);
    ck_assert_int_eq(xc_vcpu_getinfo(xch, 5, 1, &vi), 0);
    ck_assert(vi.online && vi.running && !vi.blocked);
    ck_assert_uint_eq(vi.cpu_time, 2500000000ULL);
    ck_assert_uint_eq(vi.cpu, 3);
    ck_assert_uint_eq(fake.nr_calls, 4);
    ck_assert_uint_eq(fake.faults, 0);
    ck_assert_uint_eq(fake.live_buffers, 0);
    /* bad arguments never reach the hypervisor */
    fake.nr_calls = 0;
    ck_assert_int_eq(xc_mmuext_op(xch, &pin, 0, 5), -1);
    ck_assert_int_eq(xc_mmuext_op(xch, &pin, 1, DOMID_IO), -1);
    ck_assert_int_eq(xc_gnttab_setup_table(xch, 5, 0, &frame), -1);
    ck_assert_int_eq(xc_gnttab_setup_table(xch, 5, 1, NULL), -1);
    ck_assert_int_eq(xc_vcpu_getinfo(xch, 5, 0, NULL), -1);
    ck_assert_int_eq(xc_get_last_error(xch)->code, XC_INVALID_PARAM);
    ck_assert_uint_eq(fake.nr_calls, 0);
    xc_interface_close(xch);
}
END_TEST

START_TEST(domain_calls_refuse_bad_arguments)
{
    xc_interface *xch = open_fake(true);
    xen_pfn_t frames[1];
    xc_domaininfo_t info;

    ck_assert_int_eq(xc_domain_pause(xch, DOMID_SELF), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_str_eq(xc_get_last_error(xch)->message,
                     "xc_domain_pause: domain id 32752 is not a domain");
    ck_assert_int_eq(xc_domain_shutdown(xch, 5, SHUTDOWN_MAX + 1), -1);
    ck_assert_int_eq(xc_domain_max_vcpus(xch, 5, 0), -1);
    ck_assert_int_eq(xc_domain_populate_physmap_exact(xch, 5, 0, 0, 0, frames), -1);
    ck_assert_int_eq(xc_domain_populate_physmap_exact(xch, 5, 1, 60, 0, frames), -1);
    ck_assert_int_eq(xc_domain_getinfolist(xch, 0, 0, &info), -1);
    ck_assert_int_eq(xc_domain_ioport_permission(xch, 5, 0xfff0, 0x20, 1), -1);
    ck_assert_int_eq(xc_domain_iomem_permission(xch, 5, ~0UL, 2, 1), -1);
    ck_assert_int_eq(xc_evtchn_alloc_unbound(xch, 5, 0x7ff5), -1);
    ck_assert_int_eq(xc_assign_device(xch, 5, 0x18, 0x80), -1);
    ck_assert_int_eq(xc_iommu_flush_policy_set(xch, ARGON_IOMMU_FLUSH_MAX + 1, 0, 0, NULL), -1);
    ck_assert_int_eq(xc_iommu_flush_policy_set(xch, ARGON_IOMMU_FLUSH_none, 0, 0, NULL), -1);
    ck_assert_int_eq(xc_get_last_error(xch)->code, XC_INVALID_PARAM);
    ck_assert_uint_eq(fake.nr_calls, 0);
    xc_interface_close(xch);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("xenctrl");
    TCase *tc = tcase_create("xenctrl");

    tcase_add_test(tc, open_checks_interface_versions);
    tcase_add_test(tc, version_and_physinfo);
    tcase_add_test(tc, readconsolering_incremental_and_clear);
    tcase_add_test(tc, enosys_names_the_missing_operation);
    tcase_add_test(tc, domain_calls_encoding);
    tcase_add_test(tc, builder_calls_encoding);
    tcase_add_test(tc, domain_calls_refuse_bad_arguments);
    suite_add_tcase(s, tc);
    return check_run(s);
}
