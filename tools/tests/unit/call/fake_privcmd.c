/*
 * fake_privcmd.c - the fake privcmd transport (see fake_privcmd.h).
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xen/xen.h>

#include "fake_privcmd.h"

#define FAKE_PRIVCMD_FD 100
#define FAKE_BUFDEV_FD  101
#define MAX_BUFFERS 64

struct fake_privcmd fake;

static struct { char *base; size_t len; } buffers[MAX_BUFFERS];

bool fake_in_buffer(uint64_t p, size_t len)
{
    for ( unsigned int i = 0; i < MAX_BUFFERS; i++ )
        if ( buffers[i].base && p >= (uintptr_t)buffers[i].base &&
             p + len <= (uintptr_t)buffers[i].base + buffers[i].len )
            return true;
    return false;
}

static int fake_open(const char *path, int flags)
{
    fake.opens++;
    if ( !strcmp(path, XENCALL_PRIVCMD_PATH) && !fake.no_privcmd )
        return FAKE_PRIVCMD_FD;
    if ( !strcmp(path, XENCALL_HYPERCALL_PATH) && !fake.no_bufdev )
        return FAKE_BUFDEV_FD;
    errno = ENOENT;
    return -1;
}

static int fake_close(int fd)
{
    fake.closes++;
    return 0;
}

/* The hypercalls whose first (or, after a sub-op, second) argument is a payload. */
static int payload_arg(uint64_t op)
{
    switch ( op )
    {
    case __HYPERVISOR_sysctl: case __HYPERVISOR_domctl:
        return 0;
    case __HYPERVISOR_memory_op: case __HYPERVISOR_sched_op:
    case __HYPERVISOR_event_channel_op: case __HYPERVISOR_grant_table_op:
    case __HYPERVISOR_physdev_op: case __HYPERVISOR_xen_version:
        return 1;
    }
    return -1;
}

static long fake_hypercall(int fd, struct xencall_privcmd_hypercall *call)
{
    int arg = payload_arg(call->op);
    long rc;

    if ( fake.nr_calls < FAKE_MAX_CALLS )
        fake.calls[fake.nr_calls] = *call;
    fake.nr_calls++;
    if ( fd != FAKE_PRIVCMD_FD )
    {
        errno = EBADF;
        return -1;
    }
    /* xen_version's value-only sub-ops (version, pagesize) carry no pointer. */
    if ( arg >= 0 && call->arg[arg] != 0 && !fake_in_buffer(call->arg[arg], 1) )
    {
        fake.faults++;
        errno = EFAULT;
        return -1;
    }
    rc = fake.hypervisor ? fake.hypervisor(call) : -ENOSYS;
    if ( rc < 0 )
    {
        errno = (int)-rc;
        return -1;
    }
    return rc;
}

static void *fake_map_buffer(int fd, size_t len)
{
    void *p;

    if ( fd == FAKE_BUFDEV_FD && fake.bufdev_exhausted )
    {
        errno = ENOMEM;
        return MAP_FAILED;
    }
    p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if ( p == MAP_FAILED )
        return p;
    /* Dirty it, so a library that forgets to zero its buffers is caught. */
    memset(p, 0xa5, len);
    for ( unsigned int i = 0; i < MAX_BUFFERS; i++ )
        if ( !buffers[i].base )
        {
            buffers[i].base = p;
            buffers[i].len = len;
            break;
        }
    fake.maps++;
    fake.device_maps += fd == FAKE_BUFDEV_FD;
    fake.live_buffers++;
    return p;
}

static int fake_unmap_buffer(void *p, size_t len)
{
    for ( unsigned int i = 0; i < MAX_BUFFERS; i++ )
        if ( buffers[i].base == p )
        {
            if ( buffers[i].len != len )
                fake.bad_unmaps++;
            buffers[i].base = NULL;
            fake.unmaps++;
            fake.live_buffers--;
            return munmap(p, len);
        }
    fake.bad_unmaps++;
    errno = EINVAL;
    return -1;
}

static void *fake_map_privcmd(int fd, size_t len, int prot)
{
    void *p = fake_map_buffer(-1, len);

    fake.privcmd_maps += p != MAP_FAILED;
    return p;
}

static bool fake_mapped_here(uint64_t addr, size_t pages)
{
    return fake_in_buffer(addr, pages * (size_t)sysconf(_SC_PAGESIZE));
}

static int fake_mmapbatch(int fd, struct xencall_privcmd_mmapbatch_v2 *b)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);

    fake.foreign_ioctls++;
    fake.last_batch = *b;
    if ( fd != FAKE_PRIVCMD_FD || !fake_mapped_here(b->addr, b->num) )
    {
        errno = EINVAL;
        return -1;
    }
    if ( b->dom >= DOMID_FIRST_RESERVED )
    {
        errno = ESRCH;
        return -1;
    }
    for ( uint32_t i = 0; i < b->num; i++ )
    {
        b->err[i] = b->arr[i] < FAKE_FOREIGN_LIMIT ? 0 : -EINVAL;
        if ( !b->err[i] )
            memcpy((char *)(uintptr_t)b->addr + i * page, &b->arr[i], sizeof(b->arr[i]));
    }
    return 0;
}

static int fake_mmap_resource(int fd, struct xencall_privcmd_mmap_resource *r)
{
    fake.foreign_ioctls++;
    fake.last_resource = *r;
    if ( fd != FAKE_PRIVCMD_FD || !fake_mapped_here(r->addr, r->num) )
    {
        errno = EINVAL;
        return -1;
    }
    if ( fake.resource_error )
    {
        errno = fake.resource_error;
        return -1;
    }
    return 0;
}

static const struct xencall_transport fake_transport = {
    .open = fake_open,
    .close = fake_close,
    .hypercall = fake_hypercall,
    .map_buffer = fake_map_buffer,
    .unmap_buffer = fake_unmap_buffer,
    .map_privcmd = fake_map_privcmd,
    .mmapbatch = fake_mmapbatch,
    .mmap_resource = fake_mmap_resource,
};

void fake_privcmd_install(long (*hypervisor)(const struct xencall_privcmd_hypercall *))
{
    for ( unsigned int i = 0; i < MAX_BUFFERS; i++ )
        if ( buffers[i].base )
            munmap(buffers[i].base, buffers[i].len);
    memset(buffers, 0, sizeof(buffers));
    memset(&fake, 0, sizeof(fake));
    fake.hypervisor = hypervisor;
    xencall_set_transport(&fake_transport);
}
