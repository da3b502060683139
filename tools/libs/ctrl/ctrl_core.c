/*
 * ctrl_core.c - libxenctrl's handle, its interface check at open, error
 * messages and the hypercall helpers.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ctrl_internal.h"

static __thread xc_error last_error;

int xc_fail(enum xc_error_code code, int err, const char *fmt, ...)
{
    va_list ap;

    last_error.code = code;
    va_start(ap, fmt);
    vsnprintf(last_error.message, sizeof(last_error.message), fmt, ap);
    va_end(ap);
    errno = err;
    return -1;
}

const xc_error *xc_get_last_error(xc_interface *xch)
{
    return &last_error;
}

void xc_clear_last_error(xc_interface *xch)
{
    last_error.code = XC_ERROR_NONE;
    last_error.message[0] = '\0';
}

const char *xc_error_code_to_desc(int code)
{
    switch ( code )
    {
    case XC_ERROR_NONE: return "No error details";
    case XC_INTERNAL_ERROR: return "Internal error";
    case XC_INVALID_KERNEL: return "Invalid kernel";
    case XC_INVALID_PARAM: return "Invalid configuration";
    case XC_OUT_OF_MEMORY: return "Out of memory";
    }
    return "Unknown error code";
}

/* The hypervisor's refusal in words; ENOSYS and EACCES say what they mean here. */
static int hypercall_failed(int err, const char *what)
{
    if ( err == ENOSYS )
        return xc_fail(XC_INTERNAL_ERROR, err,
                       "%s: not implemented by this hypervisor (ENOSYS)", what);
    if ( err == EACCES )
        return xc_fail(XC_INTERNAL_ERROR, err,
                       "%s: refused (EACCES): interface version 0x%x does not match the "
                       "hypervisor's", what, XEN_SYSCTL_INTERFACE_VERSION);
    return xc_fail(XC_INTERNAL_ERROR, err, "%s: %s", what, strerror(err));
}

void *xc_bounce_in(xc_interface *xch, const void *src, size_t len, const char *what)
{
    void *p = xencall_alloc_buffer(xch->xcall, len ? len : 1);

    if ( !p )
        return xc_fail(XC_OUT_OF_MEMORY, errno, "%s: %s", what, xencall_last_error()), NULL;
    if ( src )
        memcpy(p, src, len);
    return p;
}

void xc_bounce_out(xc_interface *xch, void *hbuf, void *dst, size_t len)
{
    if ( !hbuf )
        return;
    if ( dst )
        memcpy(dst, hbuf, len);
    xencall_free_buffer(xch->xcall, hbuf);
}

/* One hypercall whose first argument (or second, after cmd) is the payload. */
static long call_with_payload(xc_interface *xch, unsigned int hypercall, bool has_cmd,
                              unsigned int cmd, void *payload, size_t len, uint64_t arg3,
                              const char *what)
{
    void *buf = xc_bounce_in(xch, payload, len, what);
    long rc;
    int err;

    if ( !buf )
        return -1;
    if ( has_cmd )
        rc = xencall3(xch->xcall, hypercall, cmd, (uintptr_t)buf, arg3);
    else
        rc = xencall1(xch->xcall, hypercall, (uintptr_t)buf);
    err = errno;
    /* Failed operations may still report through the payload (e.g. a status). */
    xc_bounce_out(xch, buf, payload, len);
    if ( rc < 0 )
        return hypercall_failed(err, what);
    return rc;
}

int xc_do_sysctl(xc_interface *xch, struct xen_sysctl *op, const char *what)
{
    op->interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    return call_with_payload(xch, __HYPERVISOR_sysctl, false, 0, op, sizeof(*op), 0,
                             what) < 0 ? -1 : 0;
}

int xc_do_domctl(xc_interface *xch, struct xen_domctl *op, const char *what)
{
    op->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    return call_with_payload(xch, __HYPERVISOR_domctl, false, 0, op, sizeof(*op), 0,
                             what) < 0 ? -1 : 0;
}

long xc_do_cmd_op(xc_interface *xch, unsigned int hypercall, unsigned int cmd,
                  void *payload, size_t len, uint64_t arg3, const char *what)
{
    return call_with_payload(xch, hypercall, true, cmd, payload, len, arg3, what);
}

/*
 * Both control interfaces check interface_version before anything else,
 * so one harmless call of each tells whether the hypervisor speaks ours:
 * only EACCES means it does not.  A hypervisor without domctl (ENOSYS)
 * still serves the host operations.
 */
static int check_interface_versions(xc_interface *xch)
{
    struct xen_sysctl sysctl = { .cmd = XEN_SYSCTL_physinfo };
    struct xen_domctl domctl = { .cmd = XEN_DOMCTL_getdomaininfo, .domain = 0 };

    if ( xc_do_sysctl(xch, &sysctl, "xc_interface_open: sysctl physinfo") && errno == EACCES )
        return -1;
    if ( xc_do_domctl(xch, &domctl, "xc_interface_open: domctl getdomaininfo") &&
         errno == EACCES )
        return -1;
    xc_clear_last_error(xch);
    return 0;
}

xc_interface *xc_interface_open(struct xentoollog_logger *logger,
                                struct xentoollog_logger *dombuild_logger,
                                unsigned int open_flags)
{
    xc_interface *xch;
    int err;

    if ( logger || dombuild_logger )
        return xc_invalid("xc_interface_open: loggers are not supported (pass NULL)"), NULL;
    if ( open_flags )
        return xc_invalid("xc_interface_open: unknown open flags %#x", open_flags), NULL;
    if ( !(xch = calloc(1, sizeof(*xch))) )
        return xc_fail(XC_OUT_OF_MEMORY, ENOMEM, "xc_interface_open: out of memory"), NULL;
    if ( !(xch->xcall = xencall_open(NULL, 0)) )
    {
        err = errno;
        free(xch);
        return xc_fail(XC_INTERNAL_ERROR, err, "%s", xencall_last_error()), NULL;
    }
    if ( check_interface_versions(xch) )
    {
        err = errno;
        xencall_close(xch->xcall);
        free(xch);
        errno = err;
        return NULL;
    }
    return xch;
}

int xc_interface_close(xc_interface *xch)
{
    if ( !xch )
        return 0;
    xencall_close(xch->xcall);
    free(xch);
    return 0;
}
