/*
 * xmalloc: objects up to 2 KiB come from per-size-class free lists carved
 * out of whole heap pages (each page serves one class, aligned to it);
 * larger requests are whole page blocks.  Pool pages are kept once carved:
 * the pool grows to its peak and stays there, which keeps xfree O(1).
 * One lock guards the class lists.
 */
#include <asm/mm.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/spinlock.h>
#include <xen/string.h>

#define XMALLOC_MIN_SHIFT   4           /* 16 bytes */
#define XMALLOC_MAX_SHIFT   11          /* 2 KiB */
#define NR_CLASSES          (XMALLOC_MAX_SHIFT - XMALLOC_MIN_SHIFT + 1)
#define POOL_PAGE_SIZE      4096

struct free_object {
    struct free_object *next;
};

static struct free_object *class_free[NR_CLASSES];
static DEFINE_SPINLOCK(xmalloc_lock);

static unsigned int size_class(size_t size)
{
    unsigned int c = 0;

    while ( (1UL << (XMALLOC_MIN_SHIFT + c)) < size )
        c++;
    return c;
}

static unsigned int page_order_for(size_t size)
{
    unsigned int order = 0;

    while ( ((size_t)POOL_PAGE_SIZE << order) < size )
        order++;
    return order;
}

/* Carve a new page into objects of class c.  xmalloc_lock held. */
static bool refill(unsigned int c)
{
    size_t object = 1UL << (XMALLOC_MIN_SHIFT + c);
    uint8_t *page = alloc_xenheap_pages(0);
    struct page_info *pg;

    if ( page == NULL )
        return false;
    pg = virt_to_page(page);
    pg->flags |= PGF_xmalloc;
    pg->free_order = c;
    for ( size_t off = 0; off + object <= POOL_PAGE_SIZE; off += object )
    {
        struct free_object *o = (void *)(page + off);

        o->next = class_free[c];
        class_free[c] = o;
    }
    return true;
}

void *xmalloc_bytes(size_t size)
{
    unsigned long flags;
    struct free_object *o;
    unsigned int c;

    if ( size == 0 )
        size = 1;
    if ( size > (1UL << XMALLOC_MAX_SHIFT) )
    {
        unsigned int order = page_order_for(size);
        void *p;

        if ( order > MAX_ORDER )
            return NULL;
        p = alloc_xenheap_pages(order);
        if ( p )
            virt_to_page(p)->free_order = order;
        return p;
    }

    c = size_class(size);
    flags = spin_lock_irqsave(&xmalloc_lock);
    if ( class_free[c] == NULL && !refill(c) )
    {
        spin_unlock_irqrestore(&xmalloc_lock, flags);
        return NULL;
    }
    o = class_free[c];
    class_free[c] = o->next;
    virt_to_page(o)->xmalloc_used++;
    spin_unlock_irqrestore(&xmalloc_lock, flags);
    return o;
}

void *xzalloc_bytes(size_t size)
{
    void *p = xmalloc_bytes(size);

    if ( p )
        memset(p, 0, size);
    return p;
}

void *xmalloc_array_bytes(size_t size, size_t n)
{
    if ( size && n > SIZE_MAX / size )
        return NULL;
    return xmalloc_bytes(size * n);
}

void *xzalloc_array_bytes(size_t size, size_t n)
{
    if ( size && n > SIZE_MAX / size )
        return NULL;
    return xzalloc_bytes(size * n);
}

void xfree(void *p)
{
    struct page_info *pg;
    unsigned long flags;
    struct free_object *o = p;

    if ( p == NULL )
        return;
    pg = virt_to_page(p);
    if ( !(pg->flags & PGF_xmalloc) )
    {
        free_xenheap_pages(p, pg->free_order);
        return;
    }
    flags = spin_lock_irqsave(&xmalloc_lock);
    BUG_ON(pg->xmalloc_used == 0);
    pg->xmalloc_used--;
    o->next = class_free[pg->free_order];
    class_free[pg->free_order] = o;
    spin_unlock_irqrestore(&xmalloc_lock, flags);
}
