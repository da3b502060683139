/*
 * gnttab.c - libxengnttab over Linux's gntdev and gntalloc.  Mapping is
 * two steps in both drivers: an ioctl that takes the grants and names a
 * file offset, then mmap() of that offset; undoing it is munmap() and the
 * ioctl that releases the offset.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xen/xen.h>
#include <xengnttab.h>

#include "../lib_error.h"
#include "../lib_sys.h"

/* Linux's include/uapi/xen/gntdev.h and gntalloc.h ('G', no direction bits). */
struct gntdev_grant_ref { uint32_t domid, ref; };
struct gntdev_map_grant_ref {
    uint32_t count, pad;
    uint64_t index;                 /* out: the offset to mmap */
    struct gntdev_grant_ref refs[1];    /* count of them */
};
struct gntdev_unmap_grant_ref { uint64_t index; uint32_t count, pad; };
struct gntdev_get_offset_for_vaddr { uint64_t vaddr, offset; uint32_t count, pad; };
struct gntdev_set_max_grants { uint32_t count; };
struct gntalloc_alloc_gref {
    uint16_t domid, flags;
    uint32_t count;
    uint64_t index;                 /* out */
    uint32_t gref_ids[1];           /* out, count of them */
};
struct gntalloc_dealloc_gref { uint64_t index; uint32_t count; };

#define IOCTL_GNTDEV_MAP_GRANT_REF \
    _IOC(_IOC_NONE, 'G', 0, sizeof(struct gntdev_map_grant_ref))
#define IOCTL_GNTDEV_UNMAP_GRANT_REF \
    _IOC(_IOC_NONE, 'G', 1, sizeof(struct gntdev_unmap_grant_ref))
#define IOCTL_GNTDEV_GET_OFFSET_FOR_VADDR \
    _IOC(_IOC_NONE, 'G', 2, sizeof(struct gntdev_get_offset_for_vaddr))
#define IOCTL_GNTDEV_SET_MAX_GRANTS \
    _IOC(_IOC_NONE, 'G', 3, sizeof(struct gntdev_set_max_grants))
#define IOCTL_GNTALLOC_ALLOC_GREF \
    _IOC(_IOC_NONE, 'G', 5, sizeof(struct gntalloc_alloc_gref))
#define IOCTL_GNTALLOC_DEALLOC_GREF \
    _IOC(_IOC_NONE, 'G', 6, sizeof(struct gntalloc_dealloc_gref))
#define GNTALLOC_FLAG_WRITABLE 1

/* More than any kernel hands out at once; keeps count * page size far from overflow. */
#define MAX_GRANTS_PER_CALL (1u << 20)

struct xengntdev_handle {
    const struct xengnttab_transport *t;
    int fd;
};

static void *linux_mmap(int fd, size_t len, int prot, off_t offset)
{
    return mmap(NULL, len, prot, MAP_SHARED, fd, offset);
}

static const struct xengnttab_transport linux_transport = {
    .open = lib_sys_open, .close = close, .ioctl = lib_sys_ioctl,
    .mmap = linux_mmap,
    .munmap = munmap,
};
static const struct xengnttab_transport *transport = &linux_transport;

static int fail(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
LIB_LAST_ERROR(static, fail, xengnttab_last_error)

void xengnttab_set_transport(const struct xengnttab_transport *t)
{
    transport = t ? t : &linux_transport;
}

static size_t page_size(void)
{
    return (size_t)sysconf(_SC_PAGESIZE);
}

static struct xengntdev_handle *open_device(const char *fn, const char *path,
                                            struct xentoollog_logger *logger,
                                            unsigned int open_flags)
{
    struct xengntdev_handle *h;
    int err;

    if ( logger || open_flags )
        return fail(EINVAL, "%s: %s", fn, logger ? "loggers are not supported (pass NULL)"
                                                 : "unknown open flags"), NULL;
    if ( !(h = calloc(1, sizeof(*h))) )
        return fail(ENOMEM, "%s: out of memory", fn), NULL;
    h->t = transport;
    if ( (h->fd = h->t->open(path, O_RDWR | O_CLOEXEC)) < 0 )
    {
        err = errno;
        free(h);
        return fail(err, "cannot open %s: %s", path, strerror(err)), NULL;
    }
    return h;
}

static int close_device(struct xengntdev_handle *h)
{
    if ( !h )
        return 0;
    h->t->close(h->fd);
    free(h);
    return 0;
}

static int check_count(const char *fn, struct xengntdev_handle *h, uint64_t count)
{
    if ( !h )
        return fail(EINVAL, "%s: no handle", fn);
    if ( count == 0 || count > MAX_GRANTS_PER_CALL )
        return fail(EINVAL, "%s: %llu grants", fn, (unsigned long long)count);
    return 0;
}

xengnttab_handle *xengnttab_open(struct xentoollog_logger *logger, unsigned int open_flags)
{
    return open_device("xengnttab_open", XENGNTTAB_GNTDEV_PATH, logger, open_flags);
}

int xengnttab_close(xengnttab_handle *h)
{
    return close_device(h);
}

int xengnttab_fd(xengnttab_handle *h)
{
    return h ? h->fd : fail(EINVAL, "xengnttab_fd: no handle");
}

int xengnttab_set_max_grants(xengnttab_handle *h, uint32_t nr_grants)
{
    struct gntdev_set_max_grants a = { .count = nr_grants };

    if ( check_count("xengnttab_set_max_grants", h, nr_grants) )
        return -1;
    /* Linux 4.17 and later dropped the per-descriptor limit: ENOTTY means none to set. */
    if ( h->t->ioctl(h->fd, IOCTL_GNTDEV_SET_MAX_GRANTS, &a) && errno != ENOTTY )
        return fail(errno, "xengnttab_set_max_grants: %u: %s", nr_grants, strerror(errno));
    return 0;
}

void *xengnttab_map_grant_refs(xengnttab_handle *h, uint32_t count, const uint32_t *domids,
                               const uint32_t *refs, int prot)
{
    const char *fn = "xengnttab_map_grant_refs";
    struct gntdev_unmap_grant_ref release;
    struct gntdev_map_grant_ref *op;
    void *addr;
    int err;

    if ( check_count(fn, h, count) )
        return NULL;
    if ( !domids || !refs )
        return fail(EINVAL, "%s: no %s", fn, domids ? "refs" : "domids"), NULL;
    if ( !prot || (prot & ~(PROT_READ | PROT_WRITE)) )
        return fail(EINVAL, "%s: protection %#x is not read/write", fn, prot), NULL;
    for ( uint32_t i = 0; i < count; i++ )
        if ( domids[i] >= DOMID_FIRST_RESERVED )
            return fail(EINVAL, "%s: domain id %u is not a domain", fn, domids[i]), NULL;
    op = calloc(1, sizeof(*op) + (count - 1) * sizeof(op->refs[0]));
    if ( !op )
        return fail(ENOMEM, "%s: out of memory", fn), NULL;
    op->count = count;
    for ( uint32_t i = 0; i < count; i++ )
        op->refs[i] = (struct gntdev_grant_ref){ .domid = domids[i], .ref = refs[i] };
    if ( h->t->ioctl(h->fd, IOCTL_GNTDEV_MAP_GRANT_REF, op) )
    {
        err = errno;
        free(op);
        return fail(err, "%s: %u grants (first %u of domain %u): %s", fn, count, refs[0],
                    domids[0], strerror(err)), NULL;
    }
    addr = h->t->mmap(h->fd, count * page_size(), prot, (off_t)op->index);
    if ( addr == MAP_FAILED )
    {
        err = errno;
        release = (struct gntdev_unmap_grant_ref){ .index = op->index, .count = count };
        h->t->ioctl(h->fd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &release);
        free(op);
        return fail(err, "%s: mapping %u grants: %s", fn, count, strerror(err)), NULL;
    }
    free(op);
    return addr;
}

void *xengnttab_map_domain_grant_refs(xengnttab_handle *h, uint32_t count, uint32_t domid,
                                      const uint32_t *refs, int prot)
{
    uint32_t *domids;
    void *addr;

    if ( check_count("xengnttab_map_domain_grant_refs", h, count) )
        return NULL;
    if ( !(domids = malloc(count * sizeof(*domids))) )
        return fail(ENOMEM, "xengnttab_map_domain_grant_refs: out of memory"), NULL;
    for ( uint32_t i = 0; i < count; i++ )
        domids[i] = domid;
    addr = xengnttab_map_grant_refs(h, count, domids, refs, prot);
    free(domids);
    return addr;
}

void *xengnttab_map_grant_ref(xengnttab_handle *h, uint32_t domid, uint32_t ref, int prot)
{
    return xengnttab_map_grant_refs(h, 1, &domid, &ref, prot);
}

int xengnttab_unmap(xengnttab_handle *h, void *start_address, uint32_t count)
{
    const char *fn = "xengnttab_unmap";
    struct gntdev_get_offset_for_vaddr where = { .vaddr = (uintptr_t)start_address };
    struct gntdev_unmap_grant_ref release;

    if ( check_count(fn, h, count) )
        return -1;
    if ( !start_address )
        return fail(EINVAL, "%s: no address", fn);
    /* Where the mapping came from, before it is gone. */
    if ( h->t->ioctl(h->fd, IOCTL_GNTDEV_GET_OFFSET_FOR_VADDR, &where) )
        return fail(errno, "%s: %p is not a grant mapping: %s", fn, start_address,
                    strerror(errno));
    if ( where.count != count )
        return fail(EINVAL, "%s: %p maps %u grants, not %u", fn, start_address, where.count,
                    count);
    if ( h->t->munmap(start_address, count * page_size()) )
        return fail(errno, "%s: %s", fn, strerror(errno));
    release = (struct gntdev_unmap_grant_ref){ .index = where.offset, .count = count };
    if ( h->t->ioctl(h->fd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &release) )
        return fail(errno, "%s: releasing %u grants: %s", fn, count, strerror(errno));
    return 0;
}

xengntshr_handle *xengntshr_open(struct xentoollog_logger *logger, unsigned int open_flags)
{
    return open_device("xengntshr_open", XENGNTTAB_GNTALLOC_PATH, logger, open_flags);
}

int xengntshr_close(xengntshr_handle *h)
{
    return close_device(h);
}

int xengntshr_fd(xengntshr_handle *h)
{
    return h ? h->fd : fail(EINVAL, "xengntshr_fd: no handle");
}

void *xengntshr_share_pages(xengntshr_handle *h, uint32_t domid, int count, uint32_t *refs,
                            int writable)
{
    const char *fn = "xengntshr_share_pages";
    struct gntalloc_dealloc_gref drop;
    struct gntalloc_alloc_gref *op;
    void *addr;
    int err;

    if ( count < 0 )
        return fail(EINVAL, "%s: %d pages", fn, count), NULL;
    if ( check_count(fn, h, (uint64_t)count) )
        return NULL;
    if ( !refs )
        return fail(EINVAL, "%s: no room for the grant references", fn), NULL;
    if ( domid >= DOMID_FIRST_RESERVED )
        return fail(EINVAL, "%s: domain id %u is not a domain", fn, domid), NULL;
    op = calloc(1, sizeof(*op) + ((size_t)count - 1) * sizeof(op->gref_ids[0]));
    if ( !op )
        return fail(ENOMEM, "%s: out of memory", fn), NULL;
    op->domid = (uint16_t)domid;
    op->flags = writable ? GNTALLOC_FLAG_WRITABLE : 0;
    op->count = (uint32_t)count;
    if ( h->t->ioctl(h->fd, IOCTL_GNTALLOC_ALLOC_GREF, op) )
    {
        err = errno;
        free(op);
        return fail(err, "%s: %d pages for domain %u: %s", fn, count, domid,
                    strerror(err)), NULL;
    }
    addr = h->t->mmap(h->fd, (size_t)count * page_size(), PROT_READ | PROT_WRITE,
                      (off_t)op->index);
    err = errno;
    /*
     * Dropped at once either way: a mapped page stays granted until it is
     * unmapped (gntalloc frees it then), an unmapped one is freed now.
     */
    drop = (struct gntalloc_dealloc_gref){ .index = op->index, .count = (uint32_t)count };
    h->t->ioctl(h->fd, IOCTL_GNTALLOC_DEALLOC_GREF, &drop);
    if ( addr == MAP_FAILED )
    {
        free(op);
        return fail(err, "%s: mapping %d pages: %s", fn, count, strerror(err)), NULL;
    }
    memcpy(refs, op->gref_ids, (size_t)count * sizeof(*refs));
    free(op);
    return addr;
}

void *xengntshr_share_page(xengntshr_handle *h, uint32_t domid, uint32_t *ref, int writable)
{
    return xengntshr_share_pages(h, domid, 1, ref, writable);
}

int xengntshr_unshare(xengntshr_handle *h, void *start_address, uint32_t count)
{
    if ( check_count("xengntshr_unshare", h, count) )
        return -1;
    if ( !start_address )
        return fail(EINVAL, "xengntshr_unshare: no address");
    if ( h->t->munmap(start_address, count * page_size()) )
        return fail(errno, "xengntshr_unshare: %s", strerror(errno));
    return 0;
}
