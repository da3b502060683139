/*
 * call_linux.c - libxencall's transport on Linux: the privcmd hypercall
 * ioctl and the mappings of hypercall buffers.
 */
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "call_internal.h"

/* Linux's include/uapi/xen/privcmd.h numbers the ioctl 'P' 0 with no direction bits. */
#define IOCTL_PRIVCMD_HYPERCALL \
    _IOC(_IOC_NONE, 'P', 0, sizeof(struct xencall_privcmd_hypercall))

static int linux_open(const char *path, int flags)
{
    return open(path, flags);
}

static long linux_hypercall(int fd, struct xencall_privcmd_hypercall *call)
{
    return ioctl(fd, IOCTL_PRIVCMD_HYPERCALL, call);
}

/*
 * privcmd-buf's pages are never migrated or swapped while mapped; anonymous
 * memory needs MAP_LOCKED for the same, and MADV_DONTFORK so a fork does not
 * make the parent's copy-on-write pages move under a hypercall.
 */
static void *linux_map_buffer(int fd, size_t len)
{
    void *p;

    if ( fd >= 0 )
        return mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED,
             -1, 0);
    if ( p != MAP_FAILED && madvise(p, len, MADV_DONTFORK) )
    {
        munmap(p, len);
        return MAP_FAILED;
    }
    return p;
}

static int linux_unmap_buffer(void *p, size_t len)
{
    return munmap(p, len);
}

const struct xencall_transport xencall_linux_transport = {
    .open = linux_open,
    .close = close,
    .hypercall = linux_hypercall,
    .map_buffer = linux_map_buffer,
    .unmap_buffer = linux_unmap_buffer,
};
