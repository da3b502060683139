/*
 * xl_backend.c - the hypervisor behind xl's commands: libxenctrl.
 *
 * The "xenctrl" backend opens one xc_interface for the process; each
 * operation is one or two library calls, and a failure is the library's
 * one-line message (which names the hypervisor operation, e.g. "sysctl
 * getdomaininfolist: not implemented by this hypervisor (ENOSYS)").
 * Creating a domain is xl_create.c's (libxenguest, then xenstore); names
 * of domains other than Domain-0 come from xenstore when xenstored
 * answers; mem-set writes the balloon target there.  The console is
 * xl_console.c's (xenconsoled's pty, found in xenstore), PCI passthrough
 * xl_pciback.c's (pciback, permissions, backend nodes).  Tests install
 * their own backend with
 * xl_backend_set().
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <xenctrl.h>
#include <xenstore.h>

#include "xl_pciback.h"
#include "xl_xenctrl.h"

static xc_interface *xch;

static int xc_failed(void)
{
    return xl_fail("%s", xc_get_last_error(xch)->message);
}

static int xenctrl_open(void)
{
    xc_interface_close(xch);        /* a test may have reopened the backend */
    if ( !(xch = xc_interface_open(NULL, NULL, 0)) )
        return xc_failed();
    return 0;
}

/* A decimal domain id, "Domain-0", or a name xenstore holds. */
static int xenctrl_lookup(const char *name_or_id, uint32_t *domid)
{
    struct xs_handle *xs;
    char *end;
    unsigned long v;
    int rc;

    if ( !strcmp(name_or_id, "Domain-0") )
    {
        *domid = 0;
        return 0;
    }
    errno = 0;
    v = strtoul(name_or_id, &end, 10);
    if ( !errno && end != name_or_id && !*end && v < DOMID_FIRST_RESERVED )
    {
        *domid = (uint32_t)v;
        return 0;
    }
    if ( !(xs = xs_open(XS_OPEN_SOCKETONLY)) )
        return xl_fail("'%s' is not a domain id (and xenstored, which knows names, is not "
                       "running)", name_or_id);
    rc = xl_xs_find_name(xs, name_or_id, domid);
    xs_close(xs);
    return rc ? xl_fail("no domain is named '%s'", name_or_id) : 0;
}

static int xenctrl_create(const struct argon_domain_config *c, bool paused, uint32_t *domid)
{
    return xl_xenctrl_create(xch, c, paused, domid);
}

static enum argon_domain_state state_of(uint32_t flags)
{
    if ( flags & XEN_DOMINF_dying )
        return ARGON_DOMAIN_STATE_DYING;
    if ( flags & XEN_DOMINF_shutdown )
        return ((flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask) ==
               SHUTDOWN_crash ? ARGON_DOMAIN_STATE_CRASHED : ARGON_DOMAIN_STATE_SHUTDOWN;
    if ( flags & XEN_DOMINF_paused )
        return ARGON_DOMAIN_STATE_PAUSED;
    if ( flags & XEN_DOMINF_blocked )
        return ARGON_DOMAIN_STATE_BLOCKED;
    return ARGON_DOMAIN_STATE_RUNNING;
}

#define LIST_BATCH 64

/* A domain's name (malloc'd): Domain-0's own, else xenstore's if it answers, else NULL. */
static char *domain_name(struct xs_handle *xs, uint32_t domid)
{
    return domid == 0 ? strdup("Domain-0") : xs ? xl_xs_name(xs, domid) : NULL;
}

static int xenctrl_list(struct argon_domain_info **infos, unsigned int *nr)
{
    xc_domaininfo_t batch[LIST_BATCH];
    struct argon_domain_info *out = NULL, *grown;
    unsigned int n = 0;
    uint32_t next = 0;
    int got;
    /* Names are xenstore's; without xenstored the list still shows ids. */
    struct xs_handle *xs = xs_open(XS_OPEN_SOCKETONLY);

    do {
        if ( (got = xc_domain_getinfolist(xch, next, LIST_BATCH, batch)) < 0 )
            goto fail;
        if ( got && !(grown = realloc(out, (n + (unsigned int)got) * sizeof(*out))) )
            goto fail;
        if ( got )
            out = grown;
        for ( int i = 0; i < got; i++ )
        {
            struct argon_domain_info *d = &out[n++];

            argon_domain_info_init(d);
            d->domid = batch[i].domain;
            d->state = state_of(batch[i].flags);
            d->cpu_time_ns = batch[i].cpu_time;
            d->config.name = domain_name(xs, d->domid);
            d->config.memory = batch[i].tot_pages >> 8;        /* 4 KiB pages to MiB */
            d->config.vcpus = batch[i].nr_online_vcpus;
            next = batch[i].domain + 1u;
        }
    } while ( got == LIST_BATCH && next < DOMID_FIRST_RESERVED );
    xs_close(xs);
    *infos = out;
    *nr = n;
    return 0;

 fail:
    xs_close(xs);
    if ( got >= 0 )
        xl_fail("out of memory");
    else
        xc_failed();
    for ( unsigned int i = 0; i < n; i++ )
        argon_domain_info_dispose(&out[i]);
    free(out);
    return -1;
}

/* Its xenstore nodes (if xenstored runs: it may have none), then the domain. */
static int xenctrl_destroy(uint32_t domid)
{
    struct xs_handle *xs;
    xc_domaininfo_t info;

    if ( domid == 0 )
        return xl_fail("destroy: Domain-0 cannot be destroyed");
    if ( xc_domain_getinfo_single(xch, domid, &info) )
        return xc_failed();
    /* xenstored lets go of the domain's ring first, so every frame is free to return. */
    if ( (xs = xs_open(XS_OPEN_SOCKETONLY)) )
        xl_xs_forget(xs, domid);
    xs_close(xs);
    return xl_xenctrl_destroy(xch, domid);
}

/*
 * As Xen's xl: a guest with PV drivers that said it can (control/feature-
 * poweroff or -reboot = 1) is asked through control/shutdown and shuts
 * itself down cleanly; any other is shut down by the hypervisor.
 */
static int xenctrl_shutdown(uint32_t domid, bool reboot)
{
    const char *action = reboot ? "reboot" : "poweroff";
    struct xs_handle *xs = xs_open(XS_OPEN_SOCKETONLY);
    char path[64], *feature;
    bool pv_control = false;
    int rc = 0;

    if ( xs )
    {
        snprintf(path, sizeof(path), "/local/domain/%u/control/feature-%s", domid, action);
        feature = xs_read(xs, XBT_NULL, path, NULL);
        pv_control = feature && !strcmp(feature, "1");
        free(feature);
        if ( pv_control )
        {
            snprintf(path, sizeof(path), "/local/domain/%u/control/shutdown", domid);
            if ( !xs_write(xs, XBT_NULL, path, action, (unsigned int)strlen(action)) )
                rc = xl_fail("domain %u: cannot write %s: %s", domid, path, strerror(errno));
        }
        xs_close(xs);
    }
    if ( pv_control )
        return rc ? -1 : 0;
    return xc_domain_shutdown(xch, domid, reboot ? SHUTDOWN_reboot : SHUTDOWN_poweroff)
           ? xc_failed() : 0;
}

static int xenctrl_pause(uint32_t domid)
{
    return xc_domain_pause(xch, domid) ? xc_failed() : 0;
}

static int xenctrl_unpause(uint32_t domid)
{
    return xc_domain_unpause(xch, domid) ? xc_failed() : 0;
}

/* One line per vCPU of one domain, in the columns xl_cmd_vcpu_list() heads. */
static int vcpu_lines(struct xs_handle *xs, const xc_domaininfo_t *d, FILE *out)
{
    char *name = domain_name(xs, d->domain);
    int rc = 0;

    for ( uint32_t v = 0; v <= d->max_vcpu_id && rc == 0; v++ )
    {
        xc_vcpuinfo_t vi;
        char cpu[12] = "-", state[4] = "---";

        if ( xc_vcpu_getinfo(xch, d->domain, v, &vi) )
        {
            rc = xc_failed();
            break;
        }
        if ( vi.online )
        {
            snprintf(cpu, sizeof(cpu), "%u", vi.cpu);
            state[0] = vi.running ? 'r' : '-';
            state[1] = vi.blocked ? 'b' : '-';
        }
        state[2] = d->flags & XEN_DOMINF_paused ? 'p' : '-';
        fprintf(out, "%-32s %5u %5u %5s %-5s %9.1f\n", name ? name : "-", d->domain, v, cpu,
                state, (double)vi.cpu_time / 1e9);
    }
    free(name);
    return rc;
}

static int xenctrl_vcpu_list(uint32_t domid, FILE *out)
{
    struct xs_handle *xs = xs_open(XS_OPEN_SOCKETONLY);
    xc_domaininfo_t batch[LIST_BATCH];
    uint32_t next = 0;
    int got, rc = 0;

    if ( domid != UINT32_MAX )
    {
        if ( xc_domain_getinfo_single(xch, domid, &batch[0]) )
            rc = xc_failed();
        else
            rc = vcpu_lines(xs, &batch[0], out);
        xs_close(xs);
        return rc;
    }
    do {
        if ( (got = xc_domain_getinfolist(xch, next, LIST_BATCH, batch)) < 0 )
            rc = xc_failed();
        for ( int i = 0; i < got && rc == 0; i++ )
        {
            rc = vcpu_lines(xs, &batch[i], out);
            next = batch[i].domain + 1u;
        }
    } while ( rc == 0 && got == LIST_BATCH && next < DOMID_FIRST_RESERVED );
    xs_close(xs);
    return rc;
}

/*
 * As Xen's xl: the balloon target goes to xenstore's memory/target, and
 * the hypervisor's limit follows it (with the builder's slack), so the
 * guest can neither stay above a lowered target nor grow past it.
 */
static int xenctrl_mem_set(uint32_t domid, uint64_t kib)
{
    struct xs_handle *xs;
    int rc;

    if ( domid == 0 )
        return xl_fail("mem-set: dom0's memory is set at boot (dom0_mem=)");
    if ( !(xs = xl_xs_open()) )
        return -1;
    rc = xl_xs_set_target(xs, domid, kib);
    if ( rc == 0 && xc_domain_setmaxmem(xch, domid, kib + XL_MAXMEM_SLACK_KIB) )
        rc = xc_failed();
    xs_close(xs);
    return rc;
}

static void info_line(FILE *out, const char *key, const char *value)
{
    fprintf(out, "%-23s: %s\n", key, value);
}

/* One xen_version string sub-op, or why it is missing. */
static void info_version_string(FILE *out, const char *key, int cmd)
{
    char buf[sizeof(xen_commandline_t)], why[128];

    _Static_assert(sizeof(xen_capabilities_info_t) <= sizeof(buf) &&
                   sizeof(xen_changeset_info_t) <= sizeof(buf) &&
                   sizeof(xen_extraversion_t) <= sizeof(buf), "xen_version strings");

    if ( xc_version(xch, cmd, buf) == 0 )
        info_line(out, key, buf);
    else
    {
        snprintf(why, sizeof(why), "(unavailable: %s)", strerror(errno));
        info_line(out, key, why);
    }
}

static const char *const physcap_names[] = {
    "hvm", "pv", "directio", "hap", "shadow", "iommu_hap_pt_share", "vmtrace", "vpmu",
    "gnttab-v1", "gnttab-v2",
};

/* The names the hypervisor's command line and boot report use. */
static const char *const flush_policy_names[] = {
    [ARGON_IOMMU_FLUSH_strict_psi] = "strict-psi",
    [ARGON_IOMMU_FLUSH_strict_batched] = "strict-batched",
    [ARGON_IOMMU_FLUSH_strict_domain] = "strict-domain",
    [ARGON_IOMMU_FLUSH_global] = "global",
    [ARGON_IOMMU_FLUSH_none] = "none",
};

/* Argon's own line: how IOMMU entries removed by unmaps are flushed. */
static void info_flush_policy(FILE *out)
{
    uint32_t policy, threshold;

    if ( xc_iommu_flush_policy_get(xch, &policy, &threshold) )
        fprintf(out, "%-23s: (unavailable: %s)\n", "iommu_flush_policy", strerror(errno));
    else if ( policy <= ARGON_IOMMU_FLUSH_MAX )
        fprintf(out, "%-23s: %s (batch_threshold %u)\n", "iommu_flush_policy",
                flush_policy_names[policy], threshold);
    else
        fprintf(out, "%-23s: %u\n", "iommu_flush_policy", policy);
}

/* The layout of Xen's `xl info`: one "key : value" line each, keys padded to 23. */
static int xenctrl_info(FILE *out)
{
    xc_physinfo_t pi;
    struct utsname u;
    xen_compile_info_t ci;
    xen_platform_parameters_t pp;
    char buf[256];
    size_t len = 0;
    int version, pagesize;
    unsigned long mib_shift;

    if ( xc_physinfo(xch, &pi) || (version = xc_version(xch, XENVER_version, NULL)) < 0 ||
         (pagesize = xc_version(xch, XENVER_pagesize, NULL)) <= 0 )
        return xc_failed();
    mib_shift = 20 - (unsigned long)__builtin_ctz((unsigned int)pagesize);
    uname(&u);
    info_line(out, "host", u.nodename);
    info_line(out, "release", u.release);
    info_line(out, "version", u.version);
    info_line(out, "machine", u.machine);
    fprintf(out, "%-23s: %u\n", "nr_cpus", pi.nr_cpus);
    fprintf(out, "%-23s: %u\n", "max_cpu_id", pi.max_cpu_id);
    fprintf(out, "%-23s: %u\n", "nr_nodes", pi.nr_nodes);
    fprintf(out, "%-23s: %u\n", "cores_per_socket", pi.cores_per_socket);
    fprintf(out, "%-23s: %u\n", "threads_per_core", pi.threads_per_core);
    fprintf(out, "%-23s: %u.%03u\n", "cpu_mhz", pi.cpu_khz / 1000, pi.cpu_khz % 1000);
    fprintf(out, "%-23s: %08x:%08x:%08x:%08x:%08x:%08x:%08x:%08x\n", "hw_caps",
            pi.hw_cap[0], pi.hw_cap[1], pi.hw_cap[2], pi.hw_cap[3], pi.hw_cap[4],
            pi.hw_cap[5], pi.hw_cap[6], pi.hw_cap[7]);
    buf[0] = '\0';
    for ( unsigned int i = 0; i < sizeof(physcap_names) / sizeof(physcap_names[0]); i++ )
        if ( pi.capabilities & (1u << i) )
            len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s", len ? " " : "",
                                    physcap_names[i]);
    info_line(out, "virt_caps", buf);
    fprintf(out, "%-23s: %llu\n", "total_memory",
            (unsigned long long)(pi.total_pages >> mib_shift));
    fprintf(out, "%-23s: %llu\n", "free_memory",
            (unsigned long long)(pi.free_pages >> mib_shift));
    fprintf(out, "%-23s: %llu\n", "outstanding_claims",
            (unsigned long long)(pi.outstanding_pages >> mib_shift));
    if ( pi.capabilities & XEN_SYSCTL_PHYSCAP_directio )
        info_flush_policy(out);
    fprintf(out, "%-23s: %d\n", "xen_major", version >> 16);
    fprintf(out, "%-23s: %d\n", "xen_minor", version & 0xffff);
    info_version_string(out, "xen_extra", XENVER_extraversion);
    info_version_string(out, "xen_caps", XENVER_capabilities);
    fprintf(out, "%-23s: %d\n", "xen_pagesize", pagesize);
    if ( xc_version(xch, XENVER_platform_parameters, &pp) == 0 )
        fprintf(out, "%-23s: virt_start=0x%llx\n", "platform_params",
                (unsigned long long)pp.virt_start);
    info_version_string(out, "xen_changeset", XENVER_changeset);
    info_version_string(out, "xen_commandline", XENVER_commandline);
    if ( xc_version(xch, XENVER_compile_info, &ci) == 0 )
    {
        info_line(out, "cc_compiler", ci.compiler);
        info_line(out, "cc_compile_by", ci.compile_by);
        info_line(out, "cc_compile_domain", ci.compile_domain);
        info_line(out, "cc_compile_date", ci.compile_date);
    }
    return 0;
}

#define DMESG_CHUNK 16384
#define DMESG_MAX (1u << 20)

/* One more chunk of the console ring at *log + *len: 0, or -1 after the message. */
static int read_ring_chunk(char **log, size_t *len, uint32_t *index, bool clear,
                           unsigned int *got)
{
    char *grown = realloc(*log, *len + DMESG_CHUNK);

    if ( !grown )
        return xl_fail("out of memory");
    *log = grown;
    *got = DMESG_CHUNK;
    if ( xc_readconsolering(xch, *log + *len, got, clear, 1, index) )
        return xc_failed();
    *len += *got;
    return 0;
}

/*
 * The whole ring, read incrementally in chunks and only then written out:
 * in dom0 our own output lands in the same ring, so writing between reads
 * would chase it forever.  -c empties the ring with one last read.
 */
static int xenctrl_dmesg(FILE *out, bool clear)
{
    char *log = NULL;
    size_t len = 0;
    uint32_t index = 0;
    unsigned int got;
    int rc;

    do
        rc = read_ring_chunk(&log, &len, &index, false, &got);
    while ( rc == 0 && got == DMESG_CHUNK && len + DMESG_CHUNK <= DMESG_MAX );
    if ( rc == 0 && clear )
        rc = read_ring_chunk(&log, &len, &index, true, &got);
    if ( rc == 0 )
        fwrite(log, 1, len, out);
    free(log);
    return rc;
}

static int xenctrl_pci_attach(uint32_t domid, const struct argon_pci_dev *dev)
{
    return xl_pci_attach(xch, domid, dev);
}

static int xenctrl_pci_detach(uint32_t domid, const struct argon_pci_dev *dev, bool force)
{
    return xl_pci_detach(xch, domid, dev, force);
}

static const struct xl_backend xenctrl_backend = {
    .name = "xenctrl",
    .open = xenctrl_open,
    .lookup = xenctrl_lookup,
    .create = xenctrl_create,
    .list = xenctrl_list,
    .destroy = xenctrl_destroy,
    .shutdown = xenctrl_shutdown,
    .pause = xenctrl_pause,
    .unpause = xenctrl_unpause,
    .console = xl_console_attach,
    .info = xenctrl_info,
    .dmesg = xenctrl_dmesg,
    .pci_assignable_add = xl_pci_assignable_add,
    .pci_assignable_remove = xl_pci_assignable_remove,
    .pci_assignable_list = xl_pci_assignable_list,
    .pci_attach = xenctrl_pci_attach,
    .pci_detach = xenctrl_pci_detach,
    .pci_list = xl_pci_list,
    .mem_set = xenctrl_mem_set,
    .vcpu_list = xenctrl_vcpu_list,
};

static const struct xl_backend *current = &xenctrl_backend;
static bool opened;

void xl_backend_set(const struct xl_backend *b)
{
    current = b ? b : &xenctrl_backend;
    opened = false;
}

int xl_backend_open(const struct xl_backend **b)
{
    if ( !opened )
    {
        if ( current->open && current->open() )
            return -1;
        opened = true;
    }
    *b = current;
    return 0;
}

int xl_backend_missing(const char *op)
{
    xl_fail("%s: not available yet (the %s backend does not implement it)", op,
            current->name);
    return -1;
}
