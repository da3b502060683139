/*
 * call_linux.c - libxencall's transport on Linux: the privcmd ioctls
 * (hypercall, foreign mappings) and the mappings of hypercall buffers.
 */
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../lib_sys.h"
#include "call_internal.h"

/* Linux's include/uapi/xen/privcmd.h numbers the ioctl 'P' 0 with no direction bits. */
#define IOCTL_PRIVCMD_HYPERCALL \
    _IOC(_IOC_NONE, 'P', 0, sizeof(struct xencall_privcmd_hypercall))
#define IOCTL_PRIVCMD_MMAPBATCH_V2 \
    _IOC(_IOC_NONE, 'P', 4, sizeof(struct xencall_privcmd_mmapbatch_v2))
#define IOCTL_PRIVCMD_MMAP_RESOURCE \
    _IOC(_IOC_NONE, 'P', 7, sizeof(struct xencall_privcmd_mmap_resource))

_Static_assert(sizeof(struct xencall_privcmd_mmapbatch_v2) == 32, "privcmd_mmapbatch_v2");
_Static_assert(sizeof(struct xencall_privcmd_mmap_resource) == 32, "privcmd_mmap_resource");

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

static void *linux_map_privcmd(int fd, size_t len, int prot)
{
    return mmap(NULL, len, prot, MAP_SHARED, fd, 0);
}

static int linux_mmapbatch(int fd, struct xencall_privcmd_mmapbatch_v2 *batch)
{
    return ioctl(fd, IOCTL_PRIVCMD_MMAPBATCH_V2, batch);
}

static int linux_mmap_resource(int fd, struct xencall_privcmd_mmap_resource *res)
{
    return ioctl(fd, IOCTL_PRIVCMD_MMAP_RESOURCE, res);
}

const struct xencall_transport xencall_linux_transport = {
    .open = lib_sys_open,
    .close = close,
    .hypercall = linux_hypercall,
    .map_buffer = linux_map_buffer,
    .unmap_buffer = linux_unmap_buffer,
    .map_privcmd = linux_map_privcmd,
    .mmapbatch = linux_mmapbatch,
    .mmap_resource = linux_mmap_resource,
};
