/*
 * The ring backend of a real dom0 (see ring_backend.h).  Domain 0's ring
 * is the page the kernel allocated for its own xenbus (XS_LOCAL), mapped
 * through /dev/xen/xenbus_backend (xenfs's xsd_kva and xsd_port when that
 * device is missing); another domain's is the grant the builder reserved
 * for xenstore (ref 1), as Xen 4.17 maps it, else a foreign mapping of the
 * mfn INTRODUCE named, as older Xen did.  Each channel has its own
 * /dev/xen/evtchn handle, so its descriptor wakes the main loop for that
 * connection alone; one more handle holds VIRQ_DOM_EXC.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xen/grant_table.h>
#include <xen/xen.h>

#include <xenctrl.h>
#include <xenevtchn.h>
#include <xencall.h>
#include <xenforeignmemory.h>
#include <xengnttab.h>

#include "log.h"
#include "ring_backend.h"

#define PAGE_BYTES 4096
#define XENBUS_BACKEND_DEVICE "/dev/xen/xenbus_backend"
#define XSD_KVA "/proc/xen/xsd_kva"
#define XSD_PORT "/proc/xen/xsd_port"
/* Linux's include/xen/xenbus_dev.h: the kernel's store port, as the result. */
#define IOCTL_XENBUS_BACKEND_EVTCHN _IOC(_IOC_NONE, 'B', 0, 0)

enum mapped_by { BY_KERNEL, BY_GRANT, BY_FOREIGN };

struct xen_backend {
    xc_interface *xch;
    xengnttab_handle *xgt;          /* NULL without /dev/xen/gntdev */
    xenforeignmemory_handle *fmem;
    xenevtchn_handle *exc;          /* bound to VIRQ_DOM_EXC */
};

struct xen_channel {
    xenevtchn_handle *xce;
    evtchn_port_t local_port;
    enum mapped_by how;
};

/* The kernel's page and port: its backend device, else xenfs. */
static int map_kernel_ring(void **page, unsigned int *port)
{
    int fd = open(XENBUS_BACKEND_DEVICE, O_RDWR | O_CLOEXEC);
    if (fd >= 0) {
        int p = ioctl(fd, IOCTL_XENBUS_BACKEND_EVTCHN);
        int err = p < 0 ? errno : p == 0 ? ENODEV : 0;
        void *map = err ? MAP_FAILED
                        : mmap(NULL, PAGE_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        if (!err && map == MAP_FAILED)
            err = errno;
        close(fd);
        if (err)
            return err;
        *page = map;
        *port = (unsigned int)p;
        return 0;
    }
    char text[16] = "";
    FILE *f = fopen(XSD_PORT, "r");
    int ok = f && fgets(text, sizeof(text), f) && sscanf(text, "%u", port) == 1 && *port;
    if (f)
        fclose(f);
    if (!ok)
        return ENODEV;
    fd = open(XSD_KVA, O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return errno;
    void *map = mmap(NULL, PAGE_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    int err = errno;
    close(fd);
    if (map == MAP_FAILED)
        return err;
    *page = map;
    return 0;
}

static int map_domain_ring(struct xen_backend *xb, unsigned int domid, uint64_t mfn,
                           void **page, enum mapped_by *how)
{
    if (xb->xgt) {
        *page = xengnttab_map_grant_ref(xb->xgt, domid, GNTTAB_RESERVED_XENSTORE,
                                        PROT_READ | PROT_WRITE);
        if (*page) {
            *how = BY_GRANT;
            return 0;
        }
        xs_log(LOG_INFO, "domain %u: no xenstore grant (%s), mapping mfn %#llx", domid,
               xengnttab_last_error(), (unsigned long long)mfn);
    }
    xen_pfn_t frame = (xen_pfn_t)mfn;
    *page = xenforeignmemory_map(xb->fmem, domid, PROT_READ | PROT_WRITE, 1, &frame, NULL);
    if (!*page) {
        xs_log(LOG_ERROR, "domain %u: cannot map mfn %#llx: %s", domid,
               (unsigned long long)mfn, xencall_last_error());
        return errno ? errno : EINVAL;
    }
    *how = BY_FOREIGN;
    return 0;
}

static void unmap_ring(struct xen_backend *xb, void *page, enum mapped_by how)
{
    if (how == BY_GRANT)
        xengnttab_unmap(xb->xgt, page, 1);
    else if (how == BY_FOREIGN)
        xenforeignmemory_unmap(xb->fmem, page, 1);
    else
        munmap(page, PAGE_BYTES);
}

/* A handle whose descriptor never blocks the main loop. */
static xenevtchn_handle *open_evtchn(void)
{
    xenevtchn_handle *xce = xenevtchn_open(NULL, 0);
    if (xce) {
        int fd = xenevtchn_fd(xce);
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    }
    return xce;
}

static int xen_open(struct ring_backend *be, unsigned int domid, uint64_t mfn, unsigned int port,
                    struct ring_channel *ch)
{
    struct xen_backend *xb = be->priv;
    struct xen_channel *xc = calloc(1, sizeof(*xc));
    void *page = NULL;
    if (!xc)
        return ENOMEM;
    int err = domid == 0 ? map_kernel_ring(&page, &port)
                         : map_domain_ring(xb, domid, mfn, &page, &xc->how);
    if (domid == 0)
        xc->how = BY_KERNEL;
    if (!err && !(xc->xce = open_evtchn()))
        err = errno;
    if (!err) {
        int local = xenevtchn_bind_interdomain(xc->xce, domid, port);
        if (local < 0) {
            err = errno;
            xs_log(LOG_ERROR, "domain %u: %s", domid, xenevtchn_last_error());
        } else {
            xc->local_port = (evtchn_port_t)local;
        }
    }
    if (err) {
        if (xc->xce)
            xenevtchn_close(xc->xce);
        if (page)
            unmap_ring(xb, page, xc->how);
        free(xc);
        return err;
    }
    ch->intf = page;
    ch->notify_fd = xenevtchn_fd(xc->xce);
    ch->priv = xc;
    return 0;
}

static void xen_kick(struct ring_backend *be, struct ring_channel *ch)
{
    struct xen_channel *xc = ch->priv;
    xenevtchn_notify(xc->xce, xc->local_port);
}

/* Each pending port is masked until unmasked here. */
static void drain(xenevtchn_handle *xce)
{
    int port;
    while ((port = xenevtchn_pending(xce)) >= 0)
        xenevtchn_unmask(xce, (evtchn_port_t)port);
}

static void xen_ack(struct ring_backend *be, struct ring_channel *ch)
{
    drain(((struct xen_channel *)ch->priv)->xce);
}

static void xen_close(struct ring_backend *be, struct ring_channel *ch)
{
    struct xen_channel *xc = ch->priv;
    xenevtchn_close(xc->xce);       /* the kernel unbinds the port */
    unmap_ring(be->priv, ch->intf, xc->how);
    free(xc);
}

static int xen_exc_fd(struct ring_backend *be)
{
    return xenevtchn_fd(((struct xen_backend *)be->priv)->exc);
}

static void xen_exc_ack(struct ring_backend *be)
{
    drain(((struct xen_backend *)be->priv)->exc);
}

static int xen_domain_state(struct ring_backend *be, unsigned int domid,
                            enum domain_state *state)
{
    struct xen_backend *xb = be->priv;
    xc_domaininfo_t info;
    if (xc_domain_getinfo_single(xb->xch, domid, &info)) {
        if (errno != ESRCH)
            return errno;
        *state = DOMAIN_GONE;
    } else if (info.domain != domid) {
        *state = DOMAIN_GONE;       /* getdomaininfo's answer is the next domain up */
    } else if (info.flags & XEN_DOMINF_dying) {
        *state = DOMAIN_DYING;
    } else if (info.flags & XEN_DOMINF_shutdown) {
        *state = DOMAIN_SHUTDOWN;
    } else {
        *state = DOMAIN_RUNNING;
    }
    return 0;
}

static void release_handles(struct xen_backend *xb)
{
    if (xb->exc)
        xenevtchn_close(xb->exc);
    if (xb->xgt)
        xengnttab_close(xb->xgt);
    if (xb->fmem)
        xenforeignmemory_close(xb->fmem);
    if (xb->xch)
        xc_interface_close(xb->xch);
    free(xb);
}

static void xen_destroy(struct ring_backend *be)
{
    release_handles(be->priv);
    free(be);
}

bool ring_backend_xen_here(void)
{
    return access(XENEVTCHN_PATH, F_OK) == 0;
}

struct ring_backend *ring_backend_xen(void)
{
    struct ring_backend *be = calloc(1, sizeof(*be));
    struct xen_backend *xb = calloc(1, sizeof(*xb));
    if (!be || !xb) {
        fprintf(stderr, "xenstored: out of memory\n");
        goto fail;
    }
    if (!(xb->xch = xc_interface_open(NULL, NULL, 0))) {
        fprintf(stderr, "xenstored: cannot open libxenctrl: %s\n", strerror(errno));
        goto fail;
    }
    if (!(xb->fmem = xenforeignmemory_open(NULL, 0))) {
        fprintf(stderr, "xenstored: %s\n", xencall_last_error());
        goto fail;
    }
    xb->xgt = xengnttab_open(NULL, 0);
    if (!xb->xgt)
        xs_log(LOG_INFO, "no grant device (%s): rings by foreign mapping only",
               xengnttab_last_error());
    xb->exc = open_evtchn();
    if (!xb->exc || xenevtchn_bind_virq(xb->exc, VIRQ_DOM_EXC) < 0) {
        fprintf(stderr, "xenstored: cannot bind VIRQ_DOM_EXC: %s\n", xenevtchn_last_error());
        goto fail;
    }
    be->open = xen_open;
    be->kick = xen_kick;
    be->ack = xen_ack;
    be->close = xen_close;
    be->exc_fd = xen_exc_fd;
    be->exc_ack = xen_exc_ack;
    be->domain_state = xen_domain_state;
    be->destroy = xen_destroy;
    be->priv = xb;
    return be;

fail:
    if (xb)
        release_handles(xb);
    free(be);
    return NULL;
}
