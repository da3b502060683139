/*
 * xmalloc for host tests of code that allocates but does not test the
 * allocator: the C library's heap, so ASan sees every access.
 */
#include <stdint.h>
#include <stdlib.h>

#include <xen/mm.h>

void *xmalloc_bytes(size_t size)
{
    return malloc(size ? size : 1);
}

void *xmalloc_array_bytes(size_t size, size_t n)
{
    return n && size > SIZE_MAX / n ? NULL : malloc(size * n + 1);
}

void xfree(void *p)
{
    free(p);
}

void *xzalloc_array_bytes(size_t size, size_t n)
{
    return n && size > SIZE_MAX / n ? NULL : calloc(n ? n : 1, size ? size : 1);
}
