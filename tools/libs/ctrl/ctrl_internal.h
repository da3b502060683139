/*
 * ctrl_internal.h - libxenctrl's handle, errors and the hypercall helpers
 * every operation goes through (shared by the library's files only).
 *
 * Each helper copies the caller's payload into a hypercall buffer, makes
 * one hypercall, copies the payload back on success, and on failure leaves
 * a message "WHAT: reason" that names the operation.
 */
#ifndef CTRL_INTERNAL_H
#define CTRL_INTERNAL_H

#include <stddef.h>

#include <xencall.h>
#include <xenctrl.h>

struct xc_interface_core {
    xencall_handle *xcall;
};

/* Record the error (errno = err); returns -1. */
int xc_fail(enum xc_error_code code, int err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* An argument refused before any hypercall: XC_INVALID_PARAM, EINVAL. */
#define xc_invalid(...) xc_fail(XC_INVALID_PARAM, EINVAL, __VA_ARGS__)

/* sysctl / domctl with the interface version filled in. */
int xc_do_sysctl(xc_interface *xch, struct xen_sysctl *op, const char *what);
int xc_do_domctl(xc_interface *xch, struct xen_domctl *op, const char *what);
/* hypercall(cmd, &payload, arg3): the hypercall's result, or -1. */
long xc_do_cmd_op(xc_interface *xch, unsigned int hypercall, unsigned int cmd,
                  void *payload, size_t len, uint64_t arg3, const char *what);

/* A hypercall buffer holding a copy of src (or zeros when src is NULL). */
void *xc_bounce_in(xc_interface *xch, const void *src, size_t len, const char *what);
/* Copy the buffer back to dst (unless NULL), then free it. */
void xc_bounce_out(xc_interface *xch, void *hbuf, void *dst, size_t len);

#endif /* CTRL_INTERNAL_H */
