/*
 * call_core.c - libxencall's handles, hypercalls and error messages.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include "../lib_error.h"
#include "call_internal.h"

static const struct xencall_transport *transport = &xencall_linux_transport;

void xencall_set_transport(const struct xencall_transport *t)
{
    transport = t ? t : &xencall_linux_transport;
}

const struct xencall_transport *xencall_get_transport(void)
{
    return transport;
}

LIB_LAST_ERROR(, xencall_fail, xencall_last_error)

xencall_handle *xencall_open(struct xentoollog_logger *logger, unsigned int open_flags)
{
    xencall_handle *h;
    int err;

    if ( logger )
        return xencall_fail(EINVAL, "xencall_open: loggers are not supported (pass NULL)"),
               NULL;
    if ( open_flags & ~XENCALL_OPENFLAG_NON_REENTRANT )
        return xencall_fail(EINVAL, "xencall_open: unknown open flags %#x",
                            open_flags & ~XENCALL_OPENFLAG_NON_REENTRANT), NULL;
    if ( !(h = calloc(1, sizeof(*h))) )
        return xencall_fail(ENOMEM, "xencall_open: out of memory"), NULL;
    h->t = transport;
    h->privcmd_fd = h->t->open(XENCALL_PRIVCMD_PATH, O_RDWR | O_CLOEXEC);
    if ( h->privcmd_fd < 0 )
    {
        err = errno;
        free(h);
        return xencall_fail(err, "cannot open %s: %s (is this dom0 on Argon?)",
                            XENCALL_PRIVCMD_PATH, strerror(err)), NULL;
    }
    /* Kernels before 4.18 lack privcmd-buf: buffers then are locked anonymous memory. */
    h->buf_fd = h->t->open(XENCALL_HYPERCALL_PATH, O_RDWR | O_CLOEXEC);
    return h;
}

int xencall_close(xencall_handle *h)
{
    if ( !h )
        return 0;
    h->t->close(h->privcmd_fd);
    if ( h->buf_fd >= 0 )
        h->t->close(h->buf_fd);
    free(h);
    return 0;
}

int xencall_fd(xencall_handle *h)
{
    return h->privcmd_fd;
}

int xencall_buffers_from_device(xencall_handle *h)
{
    return h->buf_fd >= 0;
}

static long hypercall(xencall_handle *h, unsigned int op, uint64_t a1, uint64_t a2,
                      uint64_t a3, uint64_t a4, uint64_t a5)
{
    struct xencall_privcmd_hypercall call = { .op = op, .arg = { a1, a2, a3, a4, a5 } };
    long rc;

    if ( !h )
        return xencall_fail(EINVAL, "hypercall %u: no handle", op);
    rc = h->t->hypercall(h->privcmd_fd, &call);
    if ( rc < 0 )
        return xencall_fail(errno, "hypercall %u (arg %#llx): %s", op,
                            (unsigned long long)a1, strerror(errno));
    return rc;
}

long xencall0(xencall_handle *h, unsigned int op)
{
    return hypercall(h, op, 0, 0, 0, 0, 0);
}

long xencall1(xencall_handle *h, unsigned int op, uint64_t a1)
{
    return hypercall(h, op, a1, 0, 0, 0, 0);
}

long xencall2(xencall_handle *h, unsigned int op, uint64_t a1, uint64_t a2)
{
    return hypercall(h, op, a1, a2, 0, 0, 0);
}

long xencall3(xencall_handle *h, unsigned int op, uint64_t a1, uint64_t a2, uint64_t a3)
{
    return hypercall(h, op, a1, a2, a3, 0, 0);
}

long xencall4(xencall_handle *h, unsigned int op, uint64_t a1, uint64_t a2, uint64_t a3,
              uint64_t a4)
{
    return hypercall(h, op, a1, a2, a3, a4, 0);
}

long xencall5(xencall_handle *h, unsigned int op, uint64_t a1, uint64_t a2, uint64_t a3,
              uint64_t a4, uint64_t a5)
{
    return hypercall(h, op, a1, a2, a3, a4, a5);
}
