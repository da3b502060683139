/*
 * xs-domain: xenstored's side of a domain's ring against the real
 * hypervisor, from dom0.  It creates a domain (paused, one page), offers
 * the domain's port to dom0 and INTRODUCEs it to xenstored with that
 * page's mfn, then plays the domain itself through its own foreign
 * mapping of the page: requests go in the ring, answers come out.  The
 * domain has no vCPU running to notify xenstored, so each request is
 * followed by one over the socket (xenstored looks at every ring each
 * round, as Xen's does).  Then RELEASE and INTRODUCE again (the port is
 * bound anew), shutdown (@releaseDomain, the ring stays), destroy
 * (VIRQ_DOM_EXC: xenstored finds the domain gone, drops it and fires
 * @releaseDomain).  A line per step; the exit status is 0 only if all
 * passed.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xen/io/xs_wire.h>
#include <xen/sched.h>

#include <xenctrl.h>
#include <xenforeignmemory.h>
#include <xenstore.h>

#include "ring.h"

static int failures;

static void step(int ok, const char *what)
{
    printf("argon-dom0: xs-domain: %s: %s\n", what, ok ? "ok" : "FAILED");
    failures += !ok;
}

/* The next watch event within two seconds: its path, or "" on none. */
static const char *next_event(struct xs_handle *xs)
{
    static char path[64];
    struct pollfd pfd = { .fd = xs_fileno(xs), .events = POLLIN };
    path[0] = '\0';
    if (poll(&pfd, 1, 2000) == 1) {
        char **ev = xs_read_watch(xs, NULL);
        if (ev)
            snprintf(path, sizeof(path), "%s", ev[XS_WATCH_PATH]);
        free(ev);
    }
    return path;
}

/* One request on the domain's ring; its answer's type and body. */
static uint32_t ring_call(struct xs_handle *xs, struct xenstore_domain_interface *intf,
                          uint32_t type, const char *payload, uint32_t len, char *body)
{
    static uint32_t req_id;
    struct xsd_sockmsg hdr = { .type = type, .req_id = ++req_id, .len = len }, ans;
    if (ring_put(intf->req, &intf->req_cons, &intf->req_prod, &hdr, sizeof(hdr)) != sizeof(hdr) ||
        ring_put(intf->req, &intf->req_cons, &intf->req_prod, payload, len) != len)
        return XS_TYPE_COUNT;
    for (int tries = 0; tries < 100; tries++) {
        free(xs_read(xs, XBT_NULL, "/", NULL));     /* a round of xenstored's loop */
        if (intf->rsp_prod - intf->rsp_cons < sizeof(ans)) {
            usleep(10000);
            continue;
        }
        ring_get(intf->rsp, &intf->rsp_cons, &intf->rsp_prod, &ans, sizeof(ans));
        if (ans.len > XENSTORE_PAYLOAD_MAX || ans.req_id != hdr.req_id)
            return XS_TYPE_COUNT;
        while (intf->rsp_prod - intf->rsp_cons < ans.len)
            free(xs_read(xs, XBT_NULL, "/", NULL));
        ring_get(intf->rsp, &intf->rsp_cons, &intf->rsp_prod, body, ans.len);
        body[ans.len] = '\0';
        return ans.type;
    }
    return XS_TYPE_COUNT;
}

static void talk(struct xs_handle *xs, struct xenstore_domain_interface *intf, unsigned int domid,
                 const char *when)
{
    char body[XENSTORE_PAYLOAD_MAX + 1], what[96], path[64];
    uint32_t t = ring_call(xs, intf, XS_READ, "name", 5, body);
    snprintf(what, sizeof(what), "%s: its ring reads its name (%.32s)", when,
             t == XS_READ ? body : "no answer");
    step(t == XS_READ && !strcmp(body, "xs-domain"), what);
    t = ring_call(xs, intf, XS_WRITE, "data/x\0from the ring", 21, body);
    snprintf(path, sizeof(path), "/local/domain/%u/data/x", domid);
    char *v = xs_read(xs, XBT_NULL, path, NULL);
    snprintf(what, sizeof(what), "%s: its ring's write read over the socket", when);
    step(t == XS_WRITE && v && !strcmp(v, "from the ring"), what);
    free(v);
    t = ring_call(xs, intf, XS_READ, "/local/domain/0/name", 21, body);
    snprintf(what, sizeof(what), "%s: dom0's nodes refused to it (%.16s)", when, body);
    step(t == XS_ERROR && !strcmp(body, "EACCES"), what);
}

int main(void)
{
    xc_interface *xch = xc_interface_open(NULL, NULL, 0);
    xenforeignmemory_handle *fmem = xenforeignmemory_open(NULL, 0);
    struct xs_handle *xs = xs_open(XS_OPEN_SOCKETONLY);
    struct xen_domctl_createdomain config = {
        .max_vcpus = 1, .max_evtchn_port = 15, .max_grant_frames = 1,
        .max_maptrack_frames = 1, .grant_opts = XEN_DOMCTL_GRANT_version(1),
    };
    uint32_t domid = 0;
    xen_pfn_t frame = 0;
    char path[64];

    if (!xch || !fmem || !xs) {
        printf("argon-dom0: xs-domain: cannot open libxenctrl, privcmd or xenstored\n");
        return 1;
    }
    if (xc_domain_create(xch, &domid, &config) || xc_domain_setmaxmem(xch, domid, 4) ||
        xc_domain_populate_physmap_exact(xch, domid, 1, 0, 0, &frame)) {
        printf("argon-dom0: xs-domain: cannot build the domain: %s\n",
               xc_get_last_error(xch)->message);
        return 1;
    }
    struct xenstore_domain_interface *intf =
        xenforeignmemory_map(fmem, domid, PROT_READ | PROT_WRITE, 1, &frame, NULL);
    int port = xc_evtchn_alloc_unbound(xch, domid, 0);
    printf("argon-dom0: xs-domain: domain %u, store mfn %#lx, port %d\n", domid,
           (unsigned long)frame, port);
    if (!intf || port < 0)
        return 1;

    /* What the toolstack does first: the domain's home, its own. */
    struct xs_permissions own = { .id = domid, .perms = XS_PERM_NONE };
    snprintf(path, sizeof(path), "/local/domain/%u/name", domid);
    xs_write(xs, XBT_NULL, path, "xs-domain", 9);
    xs_set_permissions(xs, XBT_NULL, path, &own, 1);
    snprintf(path, sizeof(path), "/local/domain/%u", domid);
    xs_set_permissions(xs, XBT_NULL, path, &own, 1);
    xs_watch(xs, "@introduceDomain", "in");
    xs_watch(xs, "@releaseDomain", "out");
    next_event(xs);
    next_event(xs);

    step(xs_introduce_domain(xs, domid, frame, (unsigned int)port) &&
         !strcmp(next_event(xs), "@introduceDomain"), "INTRODUCE fires @introduceDomain");
    step(intf->server_features & XENSTORE_SERVER_FEATURE_ERROR,
         "xenstored's mapping is the domain's page (its features are there)");
    char *home = xs_get_domain_path(xs, domid);
    step(xs_is_domain_introduced(xs, domid) && home && !strcmp(home, path),
         "IS_DOMAIN_INTRODUCED and GET_DOMAIN_PATH");
    free(home);
    talk(xs, intf, domid, "introduced");

    step(xs_release_domain(xs, domid) && !strcmp(next_event(xs), "@releaseDomain") &&
         !xs_is_domain_introduced(xs, domid), "RELEASE fires @releaseDomain");
    step(xs_introduce_domain(xs, domid, frame, (unsigned int)port) &&
         !strcmp(next_event(xs), "@introduceDomain"), "INTRODUCE again (the port bound anew)");
    talk(xs, intf, domid, "again");

    step(!xc_domain_shutdown(xch, domid, SHUTDOWN_poweroff) &&
         !strcmp(next_event(xs), "@releaseDomain") && xs_is_domain_introduced(xs, domid),
         "shutdown: VIRQ_DOM_EXC, @releaseDomain, still introduced");
    xenforeignmemory_unmap(fmem, intf, 1);
    step(!xc_domain_destroy(xch, domid) && !strcmp(next_event(xs), "@releaseDomain") &&
         !xs_is_domain_introduced(xs, domid),
         "destroy: VIRQ_DOM_EXC, @releaseDomain, no longer introduced");
    xs_close(xs);
    xenforeignmemory_close(fmem);
    xc_interface_close(xch);
    return failures ? 1 : 0;
}
