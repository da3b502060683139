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

/* IOCTL_PRIVCMD_MMAPBATCH_V2: map frames of dom at addr; err[i] per frame. */
struct xencall_privcmd_mmapbatch_v2 {
    uint32_t num;
    uint16_t dom;
    uint64_t addr;
    const uint64_t *arr;
    int *err;
};

/* IOCTL_PRIVCMD_MMAP_RESOURCE: map num frames from idx of resource type/id of dom. */
struct xencall_privcmd_mmap_resource {
    uint16_t dom;
    uint32_t type;
    uint32_t id;
    uint32_t idx;
    uint64_t num;
    uint64_t addr;
};

struct xencall_transport {
    int (*open)(const char *path, int flags);
    int (*close)(int fd);
    /* IOCTL_PRIVCMD_HYPERCALL: the hypercall's result, or -1 with errno = -result. */
    long (*hypercall)(int privcmd_fd, struct xencall_privcmd_hypercall *call);
    /* fd < 0: anonymous locked memory; else pages of /dev/xen/hypercall. */
    void *(*map_buffer)(int hypercall_fd, size_t len);
    int (*unmap_buffer)(void *p, size_t len);
    /* A privcmd mapping to be filled by the ioctls below (mmap of privcmd_fd). */
    void *(*map_privcmd)(int privcmd_fd, size_t len, int prot);
    /* IOCTL_PRIVCMD_MMAPBATCH_V2 and IOCTL_PRIVCMD_MMAP_RESOURCE: 0, or -1 and errno. */
    int (*mmapbatch)(int privcmd_fd, struct xencall_privcmd_mmapbatch_v2 *batch);
    int (*mmap_resource)(int privcmd_fd, struct xencall_privcmd_mmap_resource *res);
};

/* Install t for the handles opened from now on; NULL restores Linux's. */
void xencall_set_transport(const struct xencall_transport *t);
/* The table in use (libxenforeignmemory opens its handles through it too). */
const struct xencall_transport *xencall_get_transport(void);

#define XENCALL_PRIVCMD_PATH    "/dev/xen/privcmd"
#define XENCALL_HYPERCALL_PATH  "/dev/xen/hypercall"

#endif /* XENCALL_TRANSPORT_H */
