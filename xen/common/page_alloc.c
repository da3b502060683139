/*
 * The heap: a binary buddy allocator over the frame table.
 *
 * Frames are grouped in zones by address width: zone z holds the frames
 * whose number has its highest set bit at z - 1 (zone 0 is frame 0 alone),
 * so "below 2^n bytes" (MEMF_bits) is a range of zones.  Allocations take
 * the highest zone that can serve them, keeping low memory for the callers
 * that need it.  A zone is a power-of-two aligned range, so an aligned
 * block never straddles two zones and buddies are always in the same zone.
 *
 * A free block of 2^order frames is represented by its first frame, which
 * carries PGF_free and free_order and sits on free_lists[zone][order];
 * avail[zone] has bit 'order' set when that list is non-empty.  Freeing
 * merges a block with its buddy (the block whose frame number differs only
 * in bit 'order') while the buddy is a free block of the same order, so
 * every operation costs O(MAX_ORDER + NR_ZONES), independent of memory size.
 *
 * Scrubbing: PGF_dirty marks a free frame whose contents are unknown (boot
 * memory, freed hypervisor pages).  Domain pages are zeroed when freed and
 * dirty frames are zeroed when handed to a domain, so no domain ever sees
 * another's data or the hypervisor's.
 */
#include <asm/mm.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/spinlock.h>
#include <xen/string.h>

#define NR_ZONES    (PADDR_BITS - PAGE_SHIFT + 1)

struct page_info *frame_table;
uint64_t max_page;

static struct page_info *free_lists[NR_ZONES][MAX_ORDER + 1];
static uint32_t avail[NR_ZONES];            /* bit o: free_lists[z][o] non-empty */
static DEFINE_SPINLOCK(heap_lock);
static uint64_t total_pages, free_pages;

_Static_assert(MAX_ORDER < 32, "avail[] holds one bit per order");

static unsigned int zone_of(uint64_t mfn)
{
    return mfn ? 64 - __builtin_clzll(mfn) : 0;
}

static void list_push(struct page_info *pg, unsigned int order)
{
    unsigned int z = zone_of(page_to_mfn(pg));

    pg->flags |= PGF_free;
    pg->free_order = order;
    pg->prev = NULL;
    pg->next = free_lists[z][order];
    if ( pg->next )
        pg->next->prev = pg;
    free_lists[z][order] = pg;
    avail[z] |= 1u << order;
}

static void list_remove(struct page_info *pg, unsigned int order)
{
    unsigned int z = zone_of(page_to_mfn(pg));

    if ( pg->prev )
        pg->prev->next = pg->next;
    else
        free_lists[z][order] = pg->next;
    if ( pg->next )
        pg->next->prev = pg->prev;
    if ( free_lists[z][order] == NULL )
        avail[z] &= ~(1u << order);
    pg->next = pg->prev = NULL;
    pg->flags &= ~PGF_free;
}

/* Free a block, merging it with free buddies.  Heap lock held. */
static void free_block(uint64_t mfn, unsigned int order)
{
    unsigned int zone = zone_of(mfn);

    while ( order < MAX_ORDER )
    {
        uint64_t buddy = mfn ^ (1ULL << order);
        const struct page_info *b;

        if ( buddy + (1ULL << order) > max_page || zone_of(buddy) != zone )
            break;
        b = mfn_to_page(buddy);
        if ( !(b->flags & PGF_free) || b->free_order != order )
            break;
        list_remove(mfn_to_page(buddy), order);
        mfn &= ~(1ULL << order);
        order++;
    }
    list_push(mfn_to_page(mfn), order);
}

void heap_add_frames(uint64_t first, uint64_t nr)
{
    unsigned long flags;

    BUG_ON(first + nr > max_page || first + nr < first);
    flags = spin_lock_irqsave(&heap_lock);
    /* Largest aligned blocks that fit, so merging finds its buddies. */
    while ( nr )
    {
        unsigned int order = 0;

        /* Frame 0 is a zone of its own; any other aligned block stays in one. */
        while ( first && order < MAX_ORDER && !(first & ((2ULL << order) - 1)) &&
                (2ULL << order) <= nr )
            order++;
        for ( uint64_t i = 0; i < (1ULL << order); i++ )
        {
            struct page_info *pg = mfn_to_page(first + i);

            memset(pg, 0, sizeof(*pg));
            pg->flags = PGF_dirty;              /* whatever the loader left */
        }
        free_block(first, order);
        total_pages += 1ULL << order;
        free_pages += 1ULL << order;
        first += 1ULL << order;
        nr -= 1ULL << order;
    }
    spin_unlock_irqrestore(&heap_lock, flags);
}

/* The highest zone whose frames all lie below 2^bits bytes (0: any). */
static unsigned int zone_limit(unsigned int memflags)
{
    unsigned int bits = (memflags >> _MEMF_bits) & 0xff;

    if ( bits == 0 || bits >= PADDR_BITS )
        return NR_ZONES - 1;
    return bits > PAGE_SHIFT ? bits - PAGE_SHIFT : 0;
}

/*
 * Take a block of 2^order frames from zones <= top.  Every frame comes back
 * with clean ownership and type state; dirty ones are zeroed if 'scrub'.
 */
static struct page_info *alloc_block(unsigned int order, unsigned int top, bool scrub)
{
    unsigned long flags;
    unsigned int o = 0, z;
    struct page_info *pg = NULL;
    uint64_t mfn;

    if ( order > MAX_ORDER )
        return NULL;
    flags = spin_lock_irqsave(&heap_lock);
    for ( z = top + 1; z-- > 0; )
    {
        uint32_t fit = avail[z] >> order;

        if ( fit )
        {
            o = order + __builtin_ctz(fit);
            pg = free_lists[z][o];
            break;
        }
    }
    if ( pg == NULL )
    {
        spin_unlock_irqrestore(&heap_lock, flags);
        return NULL;
    }
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

    /* The block is ours alone now: initialise it outside the lock. */
    for ( uint64_t i = 0; i < (1ULL << order); i++ )
    {
        struct page_info *p = mfn_to_page(mfn + i);

        BUG_ON(p->flags & (PGF_free | PGF_reserved | PGF_xenheap));
        if ( scrub && (p->flags & PGF_dirty) )
            memset(page_to_virt(p), 0, PAGE_SIZE);
        p->flags = 0;
        p->count_info = 0;
        p->type_info = 0;
        p->owner = NULL;
        p->next = p->prev = NULL;
    }
    return pg;
}

static void free_pages_block(struct page_info *pg, unsigned int order, bool dirty)
{
    unsigned long flags;

    BUG_ON(order > MAX_ORDER || (page_to_mfn(pg) & ((1ULL << order) - 1)));
    for ( uint64_t i = 0; i < (1ULL << order); i++ )
    {
        /* A double free or a free of a never-allocated frame is our own bug. */
        BUG_ON(pg[i].flags & (PGF_free | PGF_reserved));
        pg[i].flags = dirty ? PGF_dirty : 0;
        pg[i].owner = NULL;
        pg[i].count_info = 0;
        pg[i].type_info = 0;
    }
    flags = spin_lock_irqsave(&heap_lock);
    free_block(page_to_mfn(pg), order);
    free_pages += 1ULL << order;
    spin_unlock_irqrestore(&heap_lock, flags);
}

void *alloc_xenheap_pages(unsigned int order)
{
    struct page_info *pg = alloc_block(order, NR_ZONES - 1, false);

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
    {
        BUG_ON(!(pg[i].flags & PGF_xenheap));
        pg[i].flags &= ~PGF_xenheap;
    }
    free_pages_block(pg, order, true);
}

struct page_info *alloc_domheap_pages(struct domain *d, unsigned int order,
                                      unsigned int memflags)
{
    struct page_info *pg = alloc_block(order, zone_limit(memflags),
                                       !(memflags & MEMF_no_scrub));

    if ( pg == NULL )
        return NULL;
    /*
     * Ownership only: the caller links the frames into d->page_list and
     * counts them in d->tot_pages under d->page_lock (xen/sched.h).
     */
    if ( !(memflags & MEMF_no_owner) )
        for ( uint64_t i = 0; i < (1ULL << order); i++ )
            pg[i].owner = d;
    return pg;
}

void free_domheap_pages(struct page_info *pg, unsigned int order)
{
    if ( pg == NULL )
        return;
    /* A domain's data never reaches the next user of the frame. */
    for ( uint64_t i = 0; i < (1ULL << order); i++ )
    {
        BUG_ON(pg[i].flags & PGF_xenheap);
        memset(page_to_virt(&pg[i]), 0, PAGE_SIZE);
    }
    free_pages_block(pg, order, false);
}

uint64_t heap_total_pages(void)
{
    return __atomic_load_n(&total_pages, __ATOMIC_RELAXED);
}

uint64_t heap_free_pages(void)
{
    return __atomic_load_n(&free_pages, __ATOMIC_RELAXED);
}

/* A walk of the free lists: for diagnostics and tests, not hot paths. */
uint64_t heap_free_pages_below(unsigned int bits)
{
    unsigned int top = zone_limit(MEMF_bits(bits));
    unsigned long flags = spin_lock_irqsave(&heap_lock);
    uint64_t n = 0;

    for ( unsigned int z = 0; z <= top; z++ )
        for ( unsigned int o = 0; o <= MAX_ORDER; o++ )
            for ( const struct page_info *pg = free_lists[z][o]; pg; pg = pg->next )
                n += 1ULL << o;
    spin_unlock_irqrestore(&heap_lock, flags);
    return n;
}
