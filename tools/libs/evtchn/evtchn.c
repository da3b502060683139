/*
 * evtchn.c - libxenevtchn over Linux's /dev/xen/evtchn: the bind ioctls
 * return the local port; read() yields pending ports, write() unmasks.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xenevtchn.h>

#include "../lib_error.h"
#include "../lib_sys.h"

/* Linux's include/uapi/xen/evtchn.h: the ioctls ('E', no direction bits) and their arguments. */
struct evtchn_bind_virq_arg { uint32_t virq; };
struct evtchn_bind_interdomain_arg { uint32_t remote_domain, remote_port; };
struct evtchn_bind_unbound_arg { uint32_t remote_domain; };
struct evtchn_port_arg { uint32_t port; };

#define IOCTL_EVTCHN_BIND_VIRQ \
    _IOC(_IOC_NONE, 'E', 0, sizeof(struct evtchn_bind_virq_arg))
#define IOCTL_EVTCHN_BIND_INTERDOMAIN \
    _IOC(_IOC_NONE, 'E', 1, sizeof(struct evtchn_bind_interdomain_arg))
#define IOCTL_EVTCHN_BIND_UNBOUND_PORT \
    _IOC(_IOC_NONE, 'E', 2, sizeof(struct evtchn_bind_unbound_arg))
#define IOCTL_EVTCHN_UNBIND     _IOC(_IOC_NONE, 'E', 3, sizeof(struct evtchn_port_arg))
#define IOCTL_EVTCHN_NOTIFY     _IOC(_IOC_NONE, 'E', 4, sizeof(struct evtchn_port_arg))

#define MAX_DOMID   (DOMID_FIRST_RESERVED - 1)
#define MAX_VIRQ    (NR_VIRQS - 1)

struct xenevtchn_handle {
    const struct xenevtchn_transport *t;
    int fd;
};

static const struct xenevtchn_transport linux_transport = {
    .open = lib_sys_open, .close = close, .ioctl = lib_sys_ioctl,
    .read = read, .write = write,
};
static const struct xenevtchn_transport *transport = &linux_transport;

void xenevtchn_set_transport(const struct xenevtchn_transport *t)
{
    transport = t ? t : &linux_transport;
}

static int fail(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
LIB_LAST_ERROR(static, fail, xenevtchn_last_error)

xenevtchn_handle *xenevtchn_open(struct xentoollog_logger *logger, unsigned int open_flags)
{
    xenevtchn_handle *h;
    int err;

    if ( logger )
        return fail(EINVAL, "xenevtchn_open: loggers are not supported (pass NULL)"), NULL;
    if ( open_flags & ~XENEVTCHN_NO_CLOEXEC )
        return fail(EINVAL, "xenevtchn_open: unknown open flags %#x", open_flags), NULL;
    if ( !(h = calloc(1, sizeof(*h))) )
        return fail(ENOMEM, "xenevtchn_open: out of memory"), NULL;
    h->t = transport;
    h->fd = h->t->open(XENEVTCHN_PATH,
                       O_RDWR | (open_flags & XENEVTCHN_NO_CLOEXEC ? 0 : O_CLOEXEC));
    if ( h->fd < 0 )
    {
        err = errno;
        free(h);
        return fail(err, "cannot open %s: %s (is xen-evtchn loaded?)", XENEVTCHN_PATH,
                    strerror(err)), NULL;
    }
    return h;
}

int xenevtchn_close(xenevtchn_handle *h)
{
    if ( !h )
        return 0;
    h->t->close(h->fd);
    free(h);
    return 0;
}

int xenevtchn_fd(xenevtchn_handle *h)
{
    return h ? h->fd : fail(EINVAL, "xenevtchn_fd: no handle");
}

/* One ioctl; the bind ioctls' non-negative result is the local port. */
static int evtchn_ioctl(xenevtchn_handle *h, unsigned long request, void *arg,
                        const char *what)
{
    int rc;

    if ( !h )
        return fail(EINVAL, "%s: no handle", what);
    rc = h->t->ioctl(h->fd, request, arg);
    if ( rc < 0 )
        return fail(errno, "%s: %s", what, strerror(errno));
    return rc;
}

xenevtchn_port_or_error_t xenevtchn_bind_unbound_port(xenevtchn_handle *h, uint32_t domid)
{
    struct evtchn_bind_unbound_arg a = { .remote_domain = domid };

    if ( domid > MAX_DOMID )
        return fail(EINVAL, "xenevtchn_bind_unbound_port: domain id %u is not a domain", domid);
    return evtchn_ioctl(h, IOCTL_EVTCHN_BIND_UNBOUND_PORT, &a, "xenevtchn_bind_unbound_port");
}

xenevtchn_port_or_error_t xenevtchn_bind_interdomain(xenevtchn_handle *h, uint32_t domid,
                                                     evtchn_port_t remote_port)
{
    struct evtchn_bind_interdomain_arg a = { .remote_domain = domid, .remote_port = remote_port };

    if ( domid > MAX_DOMID )
        return fail(EINVAL, "xenevtchn_bind_interdomain: domain id %u is not a domain", domid);
    if ( remote_port == 0 )
        return fail(EINVAL, "xenevtchn_bind_interdomain: port 0 is never bound");
    return evtchn_ioctl(h, IOCTL_EVTCHN_BIND_INTERDOMAIN, &a, "xenevtchn_bind_interdomain");
}

xenevtchn_port_or_error_t xenevtchn_bind_virq(xenevtchn_handle *h, unsigned int virq)
{
    struct evtchn_bind_virq_arg a = { .virq = virq };

    if ( virq > MAX_VIRQ )
        return fail(EINVAL, "xenevtchn_bind_virq: VIRQ %u does not exist", virq);
    return evtchn_ioctl(h, IOCTL_EVTCHN_BIND_VIRQ, &a, "xenevtchn_bind_virq");
}

int xenevtchn_unbind(xenevtchn_handle *h, evtchn_port_t port)
{
    struct evtchn_port_arg a = { .port = port };

    return evtchn_ioctl(h, IOCTL_EVTCHN_UNBIND, &a, "xenevtchn_unbind") < 0 ? -1 : 0;
}

int xenevtchn_notify(xenevtchn_handle *h, evtchn_port_t port)
{
    struct evtchn_port_arg a = { .port = port };

    return evtchn_ioctl(h, IOCTL_EVTCHN_NOTIFY, &a, "xenevtchn_notify") < 0 ? -1 : 0;
}

xenevtchn_port_or_error_t xenevtchn_pending(xenevtchn_handle *h)
{
    evtchn_port_t port;
    ssize_t n;

    if ( !h )
        return fail(EINVAL, "xenevtchn_pending: no handle");
    n = h->t->read(h->fd, &port, sizeof(port));
    if ( n < 0 )
        return fail(errno, "xenevtchn_pending: %s", strerror(errno));
    if ( n != sizeof(port) )
        return fail(EIO, "xenevtchn_pending: read %zd bytes of a port", n);
    if ( port > INT32_MAX )
        return fail(EIO, "xenevtchn_pending: port %u out of range", port);
    return (int)port;
}

int xenevtchn_unmask(xenevtchn_handle *h, evtchn_port_t port)
{
    ssize_t n;

    if ( !h )
        return fail(EINVAL, "xenevtchn_unmask: no handle");
    n = h->t->write(h->fd, &port, sizeof(port));
    if ( n < 0 )
        return fail(errno, "xenevtchn_unmask: port %u: %s", port, strerror(errno));
    if ( n != sizeof(port) )
        return fail(EIO, "xenevtchn_unmask: port %u: wrote %zd bytes", port, n);
    return 0;
}
