/*
 * xencall_transport.h - the system calls libxencall makes, as one table.
 *
 * Rules:
 *  - Linux's table (open, ioctl, mmap, munmap, close on the real devices)
 *    is in use unless xencall_set_transport() installed another; a handle
 *    keeps the table it was opened with.
 *  - Only tests replace it, so the library's encoding of each hypercall can
 *    be checked on a machine that has no /dev/xen/privcmd.  Every entry
 *    behaves like the system call it stands for (-1 and errno on failure).
 */
#ifndef XENCALL_TRANSPORT_H
#define XENCALL_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Linux's include/uapi/xen/privcmd.h: the argument of IOCTL_PRIVCMD_HYPERCALL. */
struct xencall_privcmd_hypercall {
    uint64_t op;
    uint64_t arg[5];
};

struct xencall_transport {
    int (*open)(const char *path, int flags);
    int (*close)(int fd);
    /* IOCTL_PRIVCMD_HYPERCALL: the hypercall's result, or -1 with errno = -result. */
    long (*hypercall)(int privcmd_fd, struct xencall_privcmd_hypercall *call);
    /* fd < 0: anonymous locked memory; else pages of /dev/xen/hypercall. */
    void *(*map_buffer)(int hypercall_fd, size_t len);
    int (*unmap_buffer)(void *p, size_t len);
};

/* Install t for the handles opened from now on; NULL restores Linux's. */
void xencall_set_transport(const struct xencall_transport *t);

#define XENCALL_PRIVCMD_PATH    "/dev/xen/privcmd"
#define XENCALL_HYPERCALL_PATH  "/dev/xen/hypercall"

#endif /* XENCALL_TRANSPORT_H */
