/*
 * Domain and vCPU life cycle.
 */
#include <asm/current.h>
#include <asm/mm.h>
#include <public/sched.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/lib.h>
#include <xen/m2p.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/shutdown.h>
#include <xen/string.h>
#include <xen/wallclock.h>

struct domain *hardware_domain;
static struct domain *domain_list;
static DEFINE_SPINLOCK(domlist_lock);

struct vcpu *current_vcpu(void)
{
    return get_cpu_info()->current;
}

struct domain *domain_create(domid_t domid, bool privileged)
{
    struct domain *d = xzalloc(struct domain);
    struct vcpu *v = xzalloc(struct vcpu);
    unsigned long flags;

    if ( d == NULL || v == NULL || domid >= DOMID_FIRST_RESERVED )
        goto fail;
    d->shared_info = alloc_xenheap_pages(0);
    if ( d->shared_info == NULL )
        goto fail;
    memset(d->shared_info, 0, PAGE_SIZE);
    d->domain_id = domid;
    d->is_privileged = privileged;
    spin_lock_init(&d->page_lock);
    d->max_vcpus = 1;
    v->domain = d;
    v->vcpu_id = 0;
    v->vcpu_info = &d->shared_info->vcpu_info[0];
    v->vcpu_info->evtchn_upcall_mask = 1;       /* events masked until the guest is ready */
    d->vcpu[0] = v;
    if ( evtchn_init(d) )
        goto fail;
    vcpu_timers_init(v, 0);
    update_domain_wallclock(d);

    flags = spin_lock_irqsave(&domlist_lock);
    d->next_in_list = domain_list;
    domain_list = d;
    spin_unlock_irqrestore(&domlist_lock, flags);
    if ( privileged && hardware_domain == NULL )
        hardware_domain = d;
    return d;

 fail:
    printk(XENLOG_ERR "Cannot create domain %u: out of memory or bad id\n", domid);
    if ( d && d->shared_info )
        free_xenheap_pages(d->shared_info, 0);
    xfree(d);
    xfree(v);
    return NULL;
}

struct domain *domain_by_id(domid_t domid)
{
    unsigned long flags = spin_lock_irqsave(&domlist_lock);
    struct domain *d;

    for ( d = domain_list; d && d->domain_id != domid; d = d->next_in_list )
        ;
    spin_unlock_irqrestore(&domlist_lock, flags);
    return d;
}

int domain_alloc_pages(struct domain *d, uint64_t nr)
{
    uint64_t done = 0;

    d->p2m = xmalloc_array(uint64_t, nr);
    if ( d->p2m == NULL )
        return -ENOMEM;
    /* Large blocks first; fall back to smaller ones as memory fragments. */
    while ( done < nr )
    {
        unsigned int order = MAX_ORDER;
        struct page_info *pg;

        while ( order && (1ULL << order) > nr - done )
            order--;
        while ( (pg = alloc_domheap_pages(d, order, 0)) == NULL && order )
            order--;
        if ( pg == NULL )
            return -ENOMEM;
        for ( uint64_t i = 0; i < (1ULL << order); i++ )
        {
            pg[i].count_info = 1;               /* the allocation reference */
            pg[i].next = d->page_list;
            d->page_list = &pg[i];
            d->p2m[done + i] = page_to_mfn(&pg[i]);
            set_m2p(page_to_mfn(&pg[i]), done + i);
        }
        done += 1ULL << order;
    }
    d->nr_p2m = nr;
    d->tot_pages = d->max_pages = nr;
    return 0;
}

void domain_shutdown(struct domain *d, unsigned int reason)
{
    if ( d->is_shutting_down )
        return;
    d->is_shutting_down = true;
    d->shutdown_reason = reason;
    printk("Domain %u shut down: %s\n", d->domain_id,
           reason == SHUTDOWN_poweroff ? "power off" : reason == SHUTDOWN_reboot ? "reboot"
           : reason == SHUTDOWN_crash ? "crash" : reason == SHUTDOWN_suspend ? "suspend"
           : reason == SHUTDOWN_watchdog ? "watchdog" : "other");
}

void domain_crash(struct domain *d, const char *why)
{
    printk(XENLOG_ERR "Domain %u crashed: %s\n", d->domain_id, why);
    domain_shutdown(d, SHUTDOWN_crash);
    domain_finished(d);
}

void domain_finished(struct domain *d)
{
    /* Until the toolstack manages domains, the end of dom0 is the end of the machine. */
    get_cpu_info()->current = NULL;
    switch ( d->shutdown_reason )
    {
    case SHUTDOWN_reboot:
        machine_restart();
    case SHUTDOWN_crash:
        printk("Domain %u crashed: halting (the crash is above)\n", d->domain_id);
        machine_halt();
    default:
        machine_power_off();
    }
}
