/*
 * domain.c - one domain's console: its ring, event channel, pty and log.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <termios.h>
#include <unistd.h>

#include <xencall.h>

#include "consoled.h"

/*
 * A decimal node under the domain's console directory: 0, 1 when it is
 * absent, -1 after a message when it holds something else.
 */
static int read_number_node(struct consoled *cd, uint32_t domid, const char *node,
                            uint64_t max, uint64_t *value)
{
    char path[96], *text, *end;
    unsigned int len;
    int rc = 0;

    snprintf(path, sizeof(path), "/local/domain/%" PRIu32 "/console/%s", domid, node);
    if ( !(text = xs_read(cd->xs, XBT_NULL, path, &len)) )
        return 1;
    errno = 0;
    *value = strtoull(text, &end, 10);
    if ( errno || end == text || *end || *value > max )
    {
        consoled_log("domain %" PRIu32 ": %s is '%.32s', not a number up to %" PRIu64,
                     domid, path, text, max);
        rc = -1;
    }
    free(text);
    return rc;
}

/* The console is ours unless the toolstack gave it to another back end. */
static bool console_is_ours(struct consoled *cd, uint32_t domid)
{
    char path[96], *type;
    bool ours;

    snprintf(path, sizeof(path), "/local/domain/%" PRIu32 "/console/type", domid);
    if ( !(type = xs_read(cd->xs, XBT_NULL, path, NULL)) )
        return true;
    ours = !strcmp(type, "xenconsoled");
    free(type);
    return ours;
}

/* The domain's name for its log file, with '/' (from a hostile name) made '_'. */
static void read_name(struct consoled *cd, struct console_domain *dom)
{
    char path[64], *name;

    snprintf(path, sizeof(path), "/local/domain/%" PRIu32 "/name", dom->domid);
    name = xs_read(cd->xs, XBT_NULL, path, NULL);
    if ( name && *name && strcmp(name, ".") && strcmp(name, "..") )
        snprintf(dom->name, sizeof(dom->name), "%s", name);
    else
        snprintf(dom->name, sizeof(dom->name), "domain-%" PRIu32, dom->domid);
    free(name);
    for ( char *c = dom->name; *c; c++ )
        if ( *c == '/' )
            *c = '_';
}

/* A pty pair in raw mode, the master non-blocking; the slave stays open in the daemon. */
static int open_pty(struct console_domain *dom)
{
    struct termios t;

    if ( openpty(&dom->master_fd, &dom->slave_fd, NULL, NULL, NULL) )
        return -1;
    if ( tcgetattr(dom->slave_fd, &t) == 0 )
    {
        cfmakeraw(&t);
        tcsetattr(dom->slave_fd, TCSANOW, &t);
    }
    if ( fcntl(dom->master_fd, F_SETFL, O_NONBLOCK) ||
         fcntl(dom->master_fd, F_SETFD, FD_CLOEXEC) ||
         fcntl(dom->slave_fd, F_SETFD, FD_CLOEXEC) ||
         ttyname_r(dom->slave_fd, dom->tty, sizeof(dom->tty)) )
        return -1;
    return 0;
}

static int open_log(struct consoled *cd, struct console_domain *dom)
{
    char path[4096];

    if ( !cd->log_dir )
        return 0;
    snprintf(path, sizeof(path), "%s/guest-%s.log", cd->log_dir, dom->name);
    dom->log_fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
    if ( dom->log_fd < 0 )
        consoled_log("domain %" PRIu32 ": cannot open %s: %s (its output is not logged)",
                     dom->domid, path, strerror(errno));
    return 0;
}

static void release(struct consoled *cd, struct console_domain *dom)
{
    if ( dom->local_port )
        xenevtchn_unbind(cd->xce, dom->local_port);
    if ( dom->intf )
        xenforeignmemory_unmap(cd->fmem, dom->intf, 1);
    if ( dom->master_fd >= 0 )
        close(dom->master_fd);
    if ( dom->slave_fd >= 0 )
        close(dom->slave_fd);
    if ( dom->log_fd >= 0 )
        close(dom->log_fd);
    console_buffer_free(&dom->pending);
    free(dom);
}

static struct console_domain *find_domain(struct consoled *cd, uint32_t domid)
{
    for ( struct console_domain *dom = cd->domains; dom; dom = dom->next )
        if ( dom->domid == domid )
            return dom;
    return NULL;
}

struct console_domain *console_domain_by_port(struct consoled *cd, evtchn_port_t port)
{
    for ( struct console_domain *dom = cd->domains; dom; dom = dom->next )
        if ( dom->local_port == port )
            return dom;
    return NULL;
}

int console_domain_connect(struct consoled *cd, uint32_t domid)
{
    struct console_domain *dom;
    uint64_t mfn, port;
    xen_pfn_t frame;
    char path[96];
    int rc;

    rc = read_number_node(cd, domid, "ring-ref", UINT64_MAX >> 12, &mfn);
    if ( !rc )
        rc = read_number_node(cd, domid, "port", UINT32_MAX, &port);
    if ( (dom = find_domain(cd, domid)) )
    {
        if ( !rc && dom->ring_mfn == mfn && dom->remote_port == port )
            return 0;
        console_domain_disconnect(cd, dom);     /* the id's earlier domain */
    }
    if ( rc )
        return rc;
    if ( !console_is_ours(cd, domid) )
        return 1;

    if ( !(dom = calloc(1, sizeof(*dom))) || console_buffer_init(&dom->pending,
                                                                 CONSOLE_PENDING_LIMIT) )
    {
        free(dom);
        consoled_log("domain %" PRIu32 ": out of memory", domid);
        return -1;
    }
    dom->domid = domid;
    dom->ring_mfn = mfn;
    dom->remote_port = (uint32_t)port;
    dom->master_fd = dom->slave_fd = dom->log_fd = -1;
    read_name(cd, dom);

    frame = mfn;
    if ( !(dom->intf = xenforeignmemory_map(cd->fmem, domid, PROT_READ | PROT_WRITE, 1,
                                            &frame, NULL)) )
    {
        consoled_log("domain %" PRIu32 ": cannot map its console frame %#" PRIx64 ": %s",
                     domid, mfn, xencall_last_error());
        goto fail;
    }
    if ( (rc = xenevtchn_bind_interdomain(cd->xce, domid, (evtchn_port_t)port)) < 0 )
    {
        consoled_log("domain %" PRIu32 ": cannot bind its console port %" PRIu64 ": %s",
                     domid, port, xenevtchn_last_error());
        goto fail;
    }
    dom->local_port = (evtchn_port_t)rc;
    if ( open_pty(dom) )
    {
        consoled_log("domain %" PRIu32 ": cannot open a pty: %s", domid, strerror(errno));
        goto fail;
    }
    open_log(cd, dom);
    snprintf(path, sizeof(path), "/local/domain/%" PRIu32 "/console/tty", domid);
    if ( !xs_write(cd->xs, XBT_NULL, path, dom->tty, (unsigned int)strlen(dom->tty)) )
    {
        consoled_log("domain %" PRIu32 ": cannot write %s: %s", domid, path, strerror(errno));
        goto fail;
    }

    dom->next = cd->domains;
    cd->domains = dom;
    consoled_log("domain %" PRIu32 " (%s): console on %s", domid, dom->name, dom->tty);
    console_domain_ring_event(cd, dom);     /* what it wrote before we came */
    return 0;

 fail:
    release(cd, dom);
    return -1;
}

void console_domain_disconnect(struct consoled *cd, struct console_domain *dom)
{
    console_domain_ring_event(cd, dom);     /* its last words, into the log */
    for ( struct console_domain **pp = &cd->domains; *pp; pp = &(*pp)->next )
        if ( *pp == dom )
        {
            *pp = dom->next;
            break;
        }
    consoled_log("domain %" PRIu32 " (%s): console closed", dom->domid, dom->name);
    release(cd, dom);
}

static void reset_corrupt_ring(struct console_domain *dom)
{
    if ( !dom->reset_reported )
        consoled_log("domain %" PRIu32 ": console ring indexes out of range; ring reset",
                     dom->domid);
    dom->reset_reported = true;
    console_ring_reset(dom->intf);
}

static void write_log(struct console_domain *dom, const char *buf, size_t len)
{
    while ( dom->log_fd >= 0 && len )
    {
        ssize_t w = write(dom->log_fd, buf, len);

        if ( w < 0 && errno == EINTR )
            continue;
        if ( w <= 0 )
        {
            consoled_log("domain %" PRIu32 ": log write failed: %s (logging stops)",
                         dom->domid, strerror(errno));
            close(dom->log_fd);
            dom->log_fd = -1;
            return;
        }
        buf += w;
        len -= (size_t)w;
    }
}

void console_domain_ring_event(struct consoled *cd, struct console_domain *dom)
{
    char buf[sizeof(dom->intf->out)];
    bool took = false;
    ssize_t n;

    while ( (n = console_ring_take_output(dom->intf, buf, sizeof(buf))) > 0 )
    {
        write_log(dom, buf, (size_t)n);
        console_buffer_append(&dom->pending, buf, (size_t)n);
        took = true;
    }
    if ( n == CONSOLE_RING_CORRUPT )
        reset_corrupt_ring(dom);
    console_domain_pty_flush(dom);
    /* The guest may be waiting for room in out[], and may have made room in in[]. */
    dom->input_full = false;
    if ( took )
        xenevtchn_notify(cd->xce, dom->local_port);
}

void console_domain_pty_input(struct consoled *cd, struct console_domain *dom)
{
    char buf[sizeof(dom->intf->in)];
    ssize_t space = console_ring_input_space(dom->intf), n;

    if ( space == CONSOLE_RING_CORRUPT )
    {
        reset_corrupt_ring(dom);
        return;
    }
    if ( space == 0 )
    {
        dom->input_full = true;
        return;
    }
    n = read(dom->master_fd, buf, (size_t)space);
    if ( n <= 0 )
        return;                 /* EAGAIN, or nothing: the next poll says again */
    if ( console_ring_give_input(dom->intf, buf, (size_t)n) == CONSOLE_RING_CORRUPT )
    {
        reset_corrupt_ring(dom);
        return;
    }
    xenevtchn_notify(cd->xce, dom->local_port);
}

void console_domain_pty_flush(struct console_domain *dom)
{
    while ( dom->pending.len )
    {
        ssize_t w = write(dom->master_fd, dom->pending.data, dom->pending.len);

        if ( w < 0 && errno == EINTR )
            continue;
        if ( w <= 0 )
            return;             /* the pty is full: POLLOUT brings us back */
        console_buffer_consume(&dom->pending, (size_t)w);
    }
}
