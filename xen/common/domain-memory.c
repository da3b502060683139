/*
 * A domain's frames: the allocation reference, the page list and the
 * count of pages (rules in xen/sched.h and asm/mm.h).
 *
 * A frame a domain owns holds one general reference for being allocated
 * (PGF_allocated).  Releasing the frame drops that reference and takes it
 * off the domain's list at once; the frame itself returns to the heap
 * only when the last other reference (a mapping, a grant) goes too.
 */
#include <asm/mm.h>
#include <asm/page.h>
#include <asm/pv-mm.h>
#include <public/memory.h>
#include <xen/lib.h>
#include <xen/m2p.h>
#include <xen/mm.h>
#include <xen/sched.h>

void domain_assign_page(struct domain *d, struct page_info *pg)
{
    unsigned long flags = spin_lock_irqsave(&d->page_lock);

    pg->owner = d;
    pg->count_info = 1;
    pg->type_info = 0;
    pg->flags |= PGF_allocated;
    pg->prev = NULL;
    pg->next = d->page_list;
    if ( d->page_list )
        d->page_list->prev = pg;
    d->page_list = pg;
    d->tot_pages++;
    spin_unlock_irqrestore(&d->page_lock, flags);
}

void share_xen_page_with_domain(struct domain *d, void *va)
{
    struct page_info *pg = virt_to_page(va);

    pg->owner = d;
    pg->count_info = 1;
    pg->type_info = 0;
    pg->flags |= PGF_allocated;
}

bool domain_release_page(struct domain *d, struct page_info *pg)
{
    unsigned long flags = spin_lock_irqsave(&d->page_lock);
    bool listed = pg->owner == d && (pg->flags & PGF_allocated) && !(pg->flags & PGF_xenheap);

    if ( listed )
    {
        pg->flags &= ~PGF_allocated;
        if ( pg->prev )
            pg->prev->next = pg->next;
        else
            d->page_list = pg->next;
        if ( pg->next )
            pg->next->prev = pg->prev;
        pg->next = pg->prev = NULL;
        d->tot_pages--;
    }
    spin_unlock_irqrestore(&d->page_lock, flags);
    if ( !listed )
        return false;
    set_m2p(page_to_mfn(pg), INVALID_M2P_ENTRY);
    put_page(pg);
    return true;
}

void unshare_xen_page(void *va)
{
    struct page_info *pg = virt_to_page(va);

    pg->flags &= ~PGF_allocated;
    put_page(pg);
}

void page_last_reference_gone(struct page_info *pg)
{
    /* Still allocated: a put without its get, or a release that skipped the list. */
    BUG_ON(pg->flags & PGF_allocated);
    if ( pg->flags & PGF_xenheap )
    {
        pg->owner = NULL;
        free_xenheap_pages(page_to_virt(pg), 0);
        return;
    }
    free_domheap_pages(pg, 0);
}
