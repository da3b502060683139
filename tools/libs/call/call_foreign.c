/*
 * call_foreign.c - libxenforeignmemory's calls: a privcmd mapping of the
 * right size first, then the ioctl that fills it with the foreign frames;
 * any failure leaves nothing mapped.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xenforeignmemory.h>

#include "call_internal.h"

struct xenforeignmemory_handle {
    const struct xencall_transport *t;
    int privcmd_fd;
};

struct xenforeignmemory_resource_handle {
    void *addr;
    size_t len;
};

xenforeignmemory_handle *xenforeignmemory_open(struct xentoollog_logger *logger,
                                               unsigned int open_flags)
{
    xenforeignmemory_handle *h;
    int err;

    if ( logger || open_flags )
        return xencall_fail(EINVAL, "xenforeignmemory_open: %s",
                            logger ? "loggers are not supported (pass NULL)"
                                   : "unknown open flags"), NULL;
    if ( !(h = calloc(1, sizeof(*h))) )
        return xencall_fail(ENOMEM, "xenforeignmemory_open: out of memory"), NULL;
    h->t = xencall_get_transport();
    if ( (h->privcmd_fd = h->t->open(XENCALL_PRIVCMD_PATH, O_RDWR | O_CLOEXEC)) < 0 )
    {
        err = errno;
        free(h);
        return xencall_fail(err, "cannot open %s: %s (is this dom0 on Argon?)",
                            XENCALL_PRIVCMD_PATH, strerror(err)), NULL;
    }
    return h;
}

int xenforeignmemory_close(xenforeignmemory_handle *h)
{
    if ( !h )
        return 0;
    h->t->close(h->privcmd_fd);
    free(h);
    return 0;
}

/* Decode before acting: the checks every mapping request shares. */
static int check_request(xenforeignmemory_handle *h, const char *fn, uint32_t dom, int prot,
                         size_t pages)
{
    if ( !h )
        return xencall_fail(EINVAL, "%s: no handle", fn);
    if ( dom > 0xffff )
        return xencall_fail(EINVAL, "%s: domain id %u is out of range", fn, dom);
    if ( prot & ~(PROT_READ | PROT_WRITE) )
        return xencall_fail(EINVAL, "%s: protection %#x is not read/write", fn, prot);
    if ( pages == 0 || pages > UINT32_MAX || pages > SIZE_MAX / (size_t)sysconf(_SC_PAGESIZE) )
        return xencall_fail(EINVAL, "%s: %zu pages", fn, pages);
    return 0;
}

void *xenforeignmemory_map(xenforeignmemory_handle *h, uint32_t dom, int prot, size_t pages,
                           const xen_pfn_t arr[], int err[])
{
    size_t len = pages * (size_t)sysconf(_SC_PAGESIZE);
    struct xencall_privcmd_mmapbatch_v2 batch;
    int *errs = err, e;
    void *addr;

    if ( check_request(h, "xenforeignmemory_map", dom, prot, pages) )
        return NULL;
    if ( !arr )
        return xencall_fail(EINVAL, "xenforeignmemory_map: no frames"), NULL;
    if ( !errs && !(errs = calloc(pages, sizeof(*errs))) )
        return xencall_fail(ENOMEM, "xenforeignmemory_map: out of memory"), NULL;
    if ( (addr = h->t->map_privcmd(h->privcmd_fd, len, prot)) == MAP_FAILED )
    {
        e = errno;
        addr = NULL;
        xencall_fail(e, "xenforeignmemory_map: no room for %zu pages: %s", pages, strerror(e));
        goto out;
    }
    batch = (struct xencall_privcmd_mmapbatch_v2){
        .num = (uint32_t)pages, .dom = (uint16_t)dom, .addr = (uintptr_t)addr,
        .arr = arr, .err = errs,
    };
    /* ENOENT: some frames are paged out; they are reported in errs like the rest. */
    if ( h->t->mmapbatch(h->privcmd_fd, &batch) && errno != ENOENT )
    {
        e = errno;
        h->t->unmap_buffer(addr, len);
        addr = NULL;
        xencall_fail(e, "xenforeignmemory_map: %zu frames of domain %u: %s", pages, dom,
                     strerror(e));
        goto out;
    }
    for ( size_t i = 0; !err && i < pages; i++ )
        if ( errs[i] )
        {
            e = -errs[i];
            h->t->unmap_buffer(addr, len);
            addr = NULL;
            xencall_fail(e, "xenforeignmemory_map: frame %#llx of domain %u: %s",
                         (unsigned long long)arr[i], dom, strerror(e));
            break;
        }
 out:
    if ( !err )
        free(errs);
    return addr;
}

int xenforeignmemory_unmap(xenforeignmemory_handle *h, void *addr, size_t pages)
{
    if ( !h || !addr || pages == 0 )
        return xencall_fail(EINVAL, "xenforeignmemory_unmap: nothing to unmap");
    if ( h->t->unmap_buffer(addr, pages * (size_t)sysconf(_SC_PAGESIZE)) )
        return xencall_fail(errno, "xenforeignmemory_unmap: %s", strerror(errno));
    return 0;
}

xenforeignmemory_resource_handle *xenforeignmemory_map_resource(
    xenforeignmemory_handle *h, uint32_t domid, unsigned int type, unsigned int id,
    unsigned long frame, unsigned long nr_frames, void **paddr, int prot, int flags)
{
    const char *fn = "xenforeignmemory_map_resource";
    struct xencall_privcmd_mmap_resource res;
    xenforeignmemory_resource_handle *r;
    int e;

    if ( check_request(h, fn, domid, prot, nr_frames) )
        return NULL;
    if ( !paddr || *paddr || flags )
        return xencall_fail(EINVAL, "%s: %s", fn, flags ? "unknown flags"
                            : "*paddr must be NULL (no fixed addresses)"), NULL;
    if ( frame > UINT32_MAX )
        return xencall_fail(EINVAL, "%s: frame %#lx is out of range", fn, frame), NULL;
    if ( !(r = calloc(1, sizeof(*r))) )
        return xencall_fail(ENOMEM, "%s: out of memory", fn), NULL;
    r->len = nr_frames * (size_t)sysconf(_SC_PAGESIZE);
    if ( (r->addr = h->t->map_privcmd(h->privcmd_fd, r->len, prot)) == MAP_FAILED )
    {
        e = errno;
        free(r);
        return xencall_fail(e, "%s: no room for %lu frames: %s", fn, nr_frames,
                            strerror(e)), NULL;
    }
    res = (struct xencall_privcmd_mmap_resource){
        .dom = (uint16_t)domid, .type = type, .id = id, .idx = (uint32_t)frame,
        .num = nr_frames, .addr = (uintptr_t)r->addr,
    };
    if ( h->t->mmap_resource(h->privcmd_fd, &res) )
    {
        e = errno;
        h->t->unmap_buffer(r->addr, r->len);
        free(r);
        return xencall_fail(e, "%s: resource %u/%u of domain %u: %s", fn, type, id, domid,
                            strerror(e)), NULL;
    }
    *paddr = r->addr;
    return r;
}

int xenforeignmemory_unmap_resource(xenforeignmemory_handle *h,
                                    xenforeignmemory_resource_handle *r)
{
    int rc = 0;

    if ( !r )
        return 0;
    if ( h->t->unmap_buffer(r->addr, r->len) )
        rc = xencall_fail(errno, "xenforeignmemory_unmap_resource: %s", strerror(errno));
    free(r);
    return rc;
}
