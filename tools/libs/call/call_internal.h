/*
 * call_internal.h - libxencall's handle and its error reporting, shared by
 * the library's files only.
 */
#ifndef CALL_INTERNAL_H
#define CALL_INTERNAL_H

#include <xencall.h>
#include <xencall_transport.h>

struct xencall_handle {
    const struct xencall_transport *t;
    int privcmd_fd;
    int buf_fd;                 /* /dev/xen/hypercall, or -1: locked anonymous memory */
};

extern const struct xencall_transport xencall_linux_transport;

/* Record "fmt..." as this thread's last error, set errno to err; returns -1. */
int xencall_fail(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif /* CALL_INTERNAL_H */
