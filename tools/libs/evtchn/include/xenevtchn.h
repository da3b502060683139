/*
 * xenevtchn.h - libxenevtchn: event channels of this domain through
 * Linux's /dev/xen/evtchn, in the names of Xen's library.
 *
 * Rules:
 *  - A handle owns one /dev/xen/evtchn descriptor; every port bound
 *    through it is unbound by the kernel when it is closed.
 *  - A bound port starts masked once it fires: xenevtchn_pending() reads
 *    the next port that fired (blocking unless the descriptor is set
 *    non-blocking), and xenevtchn_unmask() lets it fire again.
 *  - Failures return -1 with errno set and a one-line message in
 *    xenevtchn_last_error(); the hypervisor's refusals arrive as errno.
 *  - Tests replace the system calls with xenevtchn_set_transport().
 */
#ifndef XENEVTCHN_H
#define XENEVTCHN_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <xen/event_channel.h>

typedef struct xenevtchn_handle xenevtchn_handle;
typedef int xenevtchn_port_or_error_t;
struct xentoollog_logger;

#define XENEVTCHN_NO_CLOEXEC    (1U << 0)

/* logger must be NULL; open_flags XENEVTCHN_*. */
xenevtchn_handle *xenevtchn_open(struct xentoollog_logger *logger, unsigned int open_flags);
int xenevtchn_close(xenevtchn_handle *xce);
/* The descriptor, for poll(): readable when a port is pending. */
int xenevtchn_fd(xenevtchn_handle *xce);

/* Each returns the new local port. */
xenevtchn_port_or_error_t xenevtchn_bind_unbound_port(xenevtchn_handle *xce, uint32_t domid);
xenevtchn_port_or_error_t xenevtchn_bind_interdomain(xenevtchn_handle *xce, uint32_t domid,
                                                     evtchn_port_t remote_port);
xenevtchn_port_or_error_t xenevtchn_bind_virq(xenevtchn_handle *xce, unsigned int virq);
int xenevtchn_unbind(xenevtchn_handle *xce, evtchn_port_t port);
int xenevtchn_notify(xenevtchn_handle *xce, evtchn_port_t port);

xenevtchn_port_or_error_t xenevtchn_pending(xenevtchn_handle *xce);
int xenevtchn_unmask(xenevtchn_handle *xce, evtchn_port_t port);

const char *xenevtchn_last_error(void);

/* The system calls behind a handle (Linux's unless a test installed others). */
struct xenevtchn_transport {
    int (*open)(const char *path, int flags);
    int (*close)(int fd);
    int (*ioctl)(int fd, unsigned long request, void *arg);
    ssize_t (*read)(int fd, void *buf, size_t len);
    ssize_t (*write)(int fd, const void *buf, size_t len);
};
/* For the handles opened from now on; NULL restores Linux's. */
void xenevtchn_set_transport(const struct xenevtchn_transport *t);

#define XENEVTCHN_PATH "/dev/xen/evtchn"

#endif /* XENEVTCHN_H */
