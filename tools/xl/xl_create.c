/*
 * xl_create.c - `xl create` on libxenctrl: check the config, create the
 * domain paused, size it, open its console and xenstore event channels,
 * build it with libxenguest, announce it in xenstore, then unpause it.
 * Any failure after the domain exists destroys it and removes its nodes,
 * so a refused create leaves the host as it found it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xenforeignmemory.h>
#include <xenguest.h>
#include <xenstore.h>

#include "xl_pciback.h"
#include "xl_xenctrl.h"

/* What a domain gets when its config says nothing (Xen's xl defaults). */
#define DEFAULT_MEMORY_MIB 128
#define MAX_EVTCHN_PORT 1023

/* A create request, checked and with defaults applied before anything happens. */
struct create_plan {
    const char *name, *kernel, *ramdisk;
    char *cmdline;
    uint64_t memory_mib, maxmem_mib;
    unsigned int vcpus, max_vcpus;
    const struct argon_pci_dev *pci;    /* pci = [...]: attached before it runs */
    unsigned int num_pci;
};

/* Xen's rule: cmdline wins; otherwise "root=ROOT EXTRA" from what is set. */
static char *kernel_cmdline(const struct argon_domain_config *c)
{
    size_t len;
    char *s;

    if ( c->cmdline )
        return strdup(c->cmdline);
    len = (c->root ? strlen(c->root) + 6 : 0) + (c->extra ? strlen(c->extra) : 0) + 2;
    if ( !(s = malloc(len)) )
        return NULL;
    snprintf(s, len, "%s%s%s%s", c->root ? "root=" : "", c->root ? c->root : "",
             c->root && c->extra ? " " : "", c->extra ? c->extra : "");
    return s;
}

static int plan_create(const struct argon_domain_config *c, struct create_plan *p)
{
    *p = (struct create_plan){
        .name = c->name, .kernel = c->kernel, .ramdisk = c->ramdisk,
        .memory_mib = c->memory ? c->memory : DEFAULT_MEMORY_MIB,
        .vcpus = c->vcpus ? c->vcpus : 1,
    };
    p->maxmem_mib = c->maxmem ? c->maxmem : p->memory_mib;
    p->max_vcpus = c->maxvcpus ? c->maxvcpus : p->vcpus;
    if ( c->type != ARGON_DOMAIN_TYPE_PV )
        return xl_fail("type '%s': only PV domains can be created",
                       argon_domain_type_to_string(c->type) ?: "?");
    if ( !p->name || !*p->name )
        return xl_fail("the config gives no name");
    if ( !p->kernel )
        return xl_fail("the config gives no kernel");
    if ( p->maxmem_mib < p->memory_mib )
        return xl_fail("maxmem (%llu MiB) is below memory (%llu MiB)",
                       (unsigned long long)p->maxmem_mib, (unsigned long long)p->memory_mib);
    if ( p->max_vcpus < p->vcpus )
        return xl_fail("maxvcpus (%u) is below vcpus (%u)", p->max_vcpus, p->vcpus);
    p->pci = c->pci;
    p->num_pci = c->num_pci;
    if ( !(p->cmdline = kernel_cmdline(c)) )
        return xl_fail("out of memory");
    return 0;
}

/* Build domid with libxenguest; its rings' frames go into n. */
static int build(xc_interface *xch, const struct create_plan *p, struct xl_domain_nodes *n)
{
    struct xg_xenctrl x = { .xch = xch, .fmem = xenforeignmemory_open(NULL, 0) };
    struct xg_dom_layout layout;
    struct xg_dom *dom;
    int rc;

    if ( !x.fmem )
        return xl_fail("cannot open foreign mappings: %s", strerror(errno));
    if ( !(dom = xg_dom_allocate(&xg_xenctrl_ops, &x, p->cmdline, NULL)) )
    {
        xenforeignmemory_close(x.fmem);
        return xl_fail("out of memory");
    }
    xg_dom_set_store(dom, n->store_port, 0);
    xg_dom_set_console(dom, n->console_port, 0);
    rc = xg_dom_kernel_file(dom, p->kernel);
    if ( !rc && p->ramdisk )
        rc = xg_dom_ramdisk_file(dom, p->ramdisk);
    if ( !rc )
        rc = xg_dom_set_vcpus(dom, p->max_vcpus);
    if ( !rc )
        rc = xg_dom_boot_xen_init(dom, n->domid);
    if ( !rc )
        rc = xg_dom_parse_image(dom);
    if ( !rc )
        rc = xg_dom_mem_init(dom, (unsigned int)p->memory_mib);
    if ( !rc )
        rc = xg_dom_boot_mem_init(dom);
    if ( !rc )
        rc = xg_dom_build_image(dom);
    if ( !rc )
        rc = xg_dom_boot_image(dom);
    if ( !rc )
        rc = xg_dom_get_layout(dom, &layout);
    if ( rc )
        xl_fail("building domain %u: %s", n->domid, xg_dom_error(dom));
    else
    {
        n->store_mfn = layout.store_mfn;
        n->console_mfn = layout.console_mfn;
    }
    xg_dom_release(dom);
    xenforeignmemory_close(x.fmem);
    return rc ? -1 : 0;
}

static int xc_failed(xc_interface *xch)
{
    return xl_fail("%s", xc_get_last_error(xch)->message);
}

/* How long a shut-down domain's vCPUs get to leave their CPUs before destroy gives up. */
#define DESTROY_WAIT_MS 10000
#define DESTROY_POLL_MS 20

int xl_xenctrl_destroy(xc_interface *xch, uint32_t domid)
{
    unsigned int waited = 0;

    if ( xc_domain_destroy(xch, domid) == 0 )
        return 0;
    if ( errno != EBUSY )
        return xc_failed(xch);
    /*
     * Its vCPUs are up: the hypervisor destroys a domain only once they have
     * stopped, and they stop on their own CPU.  Shut it down and let it run
     * to that point (a paused domain never would); the guest gets no more
     * instructions once the shutdown is pending.
     */
    if ( xc_domain_shutdown(xch, domid, SHUTDOWN_poweroff) && errno != EINVAL )
        return xc_failed(xch);
    while ( xc_domain_unpause(xch, domid) == 0 )
        ;                               /* every pause the controller holds */
    while ( xc_domain_destroy(xch, domid) )
    {
        if ( errno != EBUSY || waited >= DESTROY_WAIT_MS )
            return xc_failed(xch);
        usleep(DESTROY_POLL_MS * 1000);
        waited += DESTROY_POLL_MS;
    }
    return 0;
}

/* Everything after the domain exists; on failure the caller destroys it. */
static int populate_domain(xc_interface *xch, struct xs_handle *xs, const struct create_plan *p,
                           uint32_t domid, bool paused)
{
    struct xl_domain_nodes n = {
        .domid = domid, .name = p->name, .vcpus = p->vcpus,
        .target_kib = p->memory_mib << 10, .static_max_kib = p->maxmem_mib << 10,
    };
    int port;

    if ( xc_domain_setmaxmem(xch, domid, (p->maxmem_mib << 10) + XL_MAXMEM_SLACK_KIB) )
        return xc_failed(xch);
    /* Both rings are served from dom0: xenstored and the console daemon. */
    if ( (port = xc_evtchn_alloc_unbound(xch, domid, 0)) < 0 )
        return xc_failed(xch);
    n.store_port = (uint32_t)port;
    if ( (port = xc_evtchn_alloc_unbound(xch, domid, 0)) < 0 )
        return xc_failed(xch);
    n.console_port = (uint32_t)port;
    if ( build(xch, p, &n) || xl_xs_announce(xs, &n) )
        return -1;
    /* Its PCI devices, as xl pci-attach gives them, before its kernel looks for them. */
    for ( unsigned int i = 0; i < p->num_pci; i++ )
        if ( xl_pci_attach(xch, domid, &p->pci[i]) )
            return -1;
    if ( !paused && xc_domain_unpause(xch, domid) )
        return xc_failed(xch);
    return 0;
}

int xl_xenctrl_create(xc_interface *xch, const struct argon_domain_config *c, bool paused,
                      uint32_t *domid)
{
    struct xen_domctl_createdomain config = {
        .max_evtchn_port = MAX_EVTCHN_PORT,
        .max_grant_frames = -1,         /* the hypervisor's defaults */
        .max_maptrack_frames = -1,
        .grant_opts = 1,                /* XEN_DOMCTL_GRANT_version(1) */
    };
    struct create_plan p;
    struct xs_handle *xs;
    uint32_t existing;
    int rc = -1;

    if ( plan_create(c, &p) )
        return -1;
    config.max_vcpus = p.max_vcpus;
    if ( p.num_pci )
        config.flags |= XEN_DOMCTL_CDF_iommu;   /* it may own devices (libxl's passthrough) */
    _Static_assert(sizeof(config.handle) == sizeof(c->uuid.bytes), "a UUID is a handle");
    memcpy(config.handle, c->uuid.bytes, sizeof(config.handle));
    if ( !(xs = xl_xs_open()) )
        goto out;
    if ( xl_xs_find_name(xs, p.name, &existing) == 0 )
    {
        xl_fail("domain %u is already named '%s'", existing, p.name);
        goto out;
    }
    *domid = 0;
    if ( xc_domain_create(xch, domid, &config) )
    {
        xc_failed(xch);
        goto out;
    }
    rc = populate_domain(xch, xs, &p, *domid, paused);
    if ( rc )
    {
        /* Keep the message that says why; the clean-up speaks only if it fails too. */
        xl_xs_forget(xs, *domid);
        xl_xenctrl_destroy(xch, *domid);
    }
 out:
    xs_close(xs);
    free(p.cmdline);
    return rc;
}
