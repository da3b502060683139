/*
 * The heap: a binary buddy allocator over the frame table.
 *
 * A free block of 2^order frames is represented by its first frame, which
 * carries PGF_free and free_order and sits on free_lists[order].  Freeing
 * merges a block with its buddy (the block whose frame number differs only
 * in bit 'order') while the buddy is free and of the same order, so each
 * operation costs O(MAX_ORDER).
 */
#include <asm/mm.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/spinlock.h>
#include <xen/string.h>

struct page_info *frame_table;
uint64_t max_page;

static struct page_info *free_lists[MAX_ORDER + 1];
static DEFINE_SPINLOCK(heap_lock);
static uint64_t total_pages, free_pages;

static void list_push(struct page_info *pg, unsigned int order)
{
    pg->flags |= PGF_free;
    pg->free_order = order;
    pg->prev = NULL;
    pg->next = free_lists[order];
    if ( pg->next )
        pg->next->prev = pg;
    free_lists[order] = pg;
}

static void list_remove(struct page_info *pg, unsigned int order)
{
    if ( pg->prev )
        pg->prev->next = pg->next;
    else
        free_lists[order] = pg->next;
    if ( pg->next )
        pg->next->prev = pg->prev;
    pg->next = pg->prev = NULL;
    pg->flags &= ~PGF_free;
}

/* Free a block, merging it with free buddies.  Heap lock held. */
static void free_block(uint64_t mfn, unsigned int order)
{
    while ( order < MAX_ORDER )
    {
        uint64_t buddy = mfn ^ (1ULL << order);
        struct page_info *b;

        if ( buddy + (1ULL << order) > max_page )
            break;
        b = mfn_to_page(buddy);
        if ( !(b->flags & PGF_free) || b->free_order != order )
            break;
        list_remove(b, order);
        mfn &= ~(1ULL << order);
        order++;
    }
    list_push(mfn_to_page(mfn), order);
}

void heap_add_frames(uint64_t first, uint64_t nr)
{
    unsigned long flags = spin_lock_irqsave(&heap_lock);

    /* Largest aligned blocks that fit, so merging finds its buddies. */
    while ( nr )
    {
        unsigned int order = 0;

        while ( order < MAX_ORDER && !(first & ((2ULL << order) - 1)) &&
                (2ULL << order) <= nr )
            order++;
        for ( uint64_t i = 0; i < (1ULL << order); i++ )
        {
            struct page_info *pg = mfn_to_page(first + i);

            memset(pg, 0, sizeof(*pg));
        }
        free_block(first, order);
        total_pages += 1ULL << order;
        free_pages += 1ULL << order;
        first += 1ULL << order;
        nr -= 1ULL << order;
    }
    spin_unlock_irqrestore(&heap_lock, flags);
}

static struct page_info *alloc_block(unsigned int order)
{
    unsigned long flags;
    unsigned int o;
    struct page_info *pg;
    uint64_t mfn;

    if ( order > MAX_ORDER )
        return NULL;
    flags = spin_lock_irqsave(&heap_lock);
    for ( o = order; o <= MAX_ORDER && free_lists[o] == NULL; o++ )
        ;
    if ( o > MAX_ORDER )
    {
        spin_unlock_irqrestore(&heap_lock, flags);
        return NULL;
    }
    pg = free_lists[o];
    list_remove(pg, o);
    mfn = page_to_mfn(pg);
    /* Split: the upper halves go back on the lists. */
    while ( o > order )
    {
        o--;
        list_push(mfn_to_page(mfn + (1ULL << o)), o);
    }
    free_pages -= 1ULL << order;
    spin_unlock_irqrestore(&heap_lock, flags);

    for ( uint64_t i = 0; i < (1ULL << order); i++ )
    {
        struct page_info *p = mfn_to_page(mfn + i);

        p->flags = 0;
        p->count_info = 0;
        p->type_count = 0;
        p->type_info = PGT_none;
        p->owner = NULL;
    }
    return pg;
}

static void free_pages_block(struct page_info *pg, unsigned int order)
{
    unsigned long flags = spin_lock_irqsave(&heap_lock);

    for ( uint64_t i = 0; i < (1ULL << order); i++ )
        BUG_ON(pg[i].flags & (PGF_free | PGF_reserved));
    free_block(page_to_mfn(pg), order);
    free_pages += 1ULL << order;
    spin_unlock_irqrestore(&heap_lock, flags);
}

void *alloc_xenheap_pages(unsigned int order)
{
    struct page_info *pg = alloc_block(order);

    if ( pg == NULL )
        return NULL;
    for ( uint64_t i = 0; i < (1ULL << order); i++ )
        pg[i].flags = PGF_xenheap;
    return page_to_virt(pg);
}

void free_xenheap_pages(void *va, unsigned int order)
{
    struct page_info *pg;

    if ( va == NULL )
        return;
    pg = virt_to_page(va);
    for ( uint64_t i = 0; i < (1ULL << order); i++ )
        pg[i].flags = 0;
    free_pages_block(pg, order);
}

struct page_info *alloc_domheap_pages(struct domain *d, unsigned int order)
{
    struct page_info *pg = alloc_block(order);

    if ( pg == NULL )
        return NULL;
    for ( uint64_t i = 0; i < (1ULL << order); i++ )
        pg[i].owner = d;
    return pg;
}

void free_domheap_pages(struct page_info *pg, unsigned int order)
{
    /* A domain's data never reaches the next owner of the frame. */
    for ( uint64_t i = 0; i < (1ULL << order); i++ )
    {
        memset(page_to_virt(&pg[i]), 0, 1UL << 12);
        pg[i].owner = NULL;
    }
    free_pages_block(pg, order);
}

uint64_t heap_total_pages(void)
{
    return total_pages;
}

uint64_t heap_free_pages(void)
{
    return free_pages;
}
