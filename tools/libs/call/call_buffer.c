/*
 * call_buffer.c - hypercall buffers: pages from /dev/xen/hypercall, or
 * locked anonymous memory where the kernel has no privcmd-buf (or its
 * pages run out).  A sized buffer keeps its page count in a header in
 * front of the caller's bytes.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "call_internal.h"

#define BUFFER_HEADER 64        /* keeps the caller's bytes cache-line aligned */

static size_t page_size(void)
{
    return (size_t)sysconf(_SC_PAGESIZE);
}

void *xencall_alloc_buffer_pages(xencall_handle *h, size_t nr_pages)
{
    size_t len;
    void *p = MAP_FAILED;

    if ( !h || nr_pages == 0 || nr_pages > SIZE_MAX / page_size() )
        return xencall_fail(EINVAL, "hypercall buffer of %zu pages refused", nr_pages), NULL;
    len = nr_pages * page_size();
    if ( h->buf_fd >= 0 )
        p = h->t->map_buffer(h->buf_fd, len);
    if ( p == MAP_FAILED )
        p = h->t->map_buffer(-1, len);
    if ( p == MAP_FAILED )
        return xencall_fail(errno, "cannot map a hypercall buffer of %zu pages: %s",
                            nr_pages, strerror(errno)), NULL;
    memset(p, 0, len);
    return p;
}

void xencall_free_buffer_pages(xencall_handle *h, void *p, size_t nr_pages)
{
    if ( p )
        h->t->unmap_buffer(p, nr_pages * page_size());
}

void *xencall_alloc_buffer(xencall_handle *h, size_t size)
{
    size_t nr_pages;
    char *p;

    if ( size > SIZE_MAX - BUFFER_HEADER - page_size() )
        return xencall_fail(EINVAL, "hypercall buffer of %zu bytes refused", size), NULL;
    nr_pages = (size + BUFFER_HEADER + page_size() - 1) / page_size();
    if ( !(p = xencall_alloc_buffer_pages(h, nr_pages)) )
        return NULL;
    memcpy(p, &nr_pages, sizeof(nr_pages));
    return p + BUFFER_HEADER;
}

void xencall_free_buffer(xencall_handle *h, void *p)
{
    size_t nr_pages;
    char *base;

    if ( !p )
        return;
    base = (char *)p - BUFFER_HEADER;
    memcpy(&nr_pages, base, sizeof(nr_pages));
    xencall_free_buffer_pages(h, base, nr_pages);
}
