/*
 * Domain and vCPU life cycle.
 */
#include <asm/current.h>
#include <asm/smp.h>
#include <asm/mm.h>
#include <asm/pv-mm.h>
#include <asm/page.h>
#include <public/sched.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/grant_table.h>
#include <xen/iocaps.h>
#include <xen/lib.h>
#include <public/memory.h>
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

/* Domains not yet finished: the machine stops when the last one is. */
static unsigned int nr_live_domains;
static bool any_domain_crashed;

static struct domain *domain_build(domid_t domid, bool privileged, unsigned int cpu,
                                   bool runs)
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
    share_xen_page_with_domain(d, d->shared_info);
    d->domain_id = domid;
    d->is_privileged = privileged;
    spin_lock_init(&d->page_lock);
    spin_lock_init(&d->mm_lock);
    d->max_vcpus = 1;
    v->domain = d;
    v->vcpu_id = 0;
    v->vcpu_info = &d->shared_info->vcpu_info[0];
    v->vcpu_info->evtchn_upcall_mask = 1;       /* events masked until the guest is ready */
    d->vcpu[0] = v;
    v->is_initialised = v->is_up = runs;    /* the builder gives it its context */
    d->running_vcpus = runs;
    d->controller_paused = !runs;
    if ( evtchn_init(d) || grant_table_init(d) )
        goto fail;
    vcpu_timers_init(v, cpu);
    update_domain_wallclock(d);

    flags = spin_lock_irqsave(&domlist_lock);
    d->next_in_list = domain_list;
    domain_list = d;
    spin_unlock_irqrestore(&domlist_lock, flags);
    if ( privileged && hardware_domain == NULL )
        hardware_domain = d;
    if ( runs )
        __atomic_add_fetch(&nr_live_domains, 1, __ATOMIC_SEQ_CST);
    return d;

 fail:
    printk(XENLOG_ERR "Cannot create domain %u: out of memory or bad id\n", domid);
    if ( d && d->shared_info )
        unshare_xen_page(d->shared_info);
    if ( d )
    {
        grant_table_destroy(d);
        xfree(d->evtchn);
    }
    xfree(d);
    xfree(v);
    return NULL;
}

struct domain *domain_create(domid_t domid, bool privileged, unsigned int cpu)
{
    return domain_build(domid, privileged, cpu, true);
}

struct domain *domain_create_paused(domid_t domid)
{
    return domain_build(domid, false, 0, false);
}

int domain_add_vcpus(struct domain *d, unsigned int nr)
{
    if ( nr > MAX_VIRT_CPUS )
        return -EINVAL;
    for ( unsigned int id = d->max_vcpus; id < nr; id++ )
    {
        struct vcpu *v = xzalloc(struct vcpu);

        if ( v == NULL )
            return -ENOMEM;
        v->domain = d;
        v->vcpu_id = id;
        v->vcpu_info = &d->shared_info->vcpu_info[id];
        v->vcpu_info->evtchn_upcall_mask = 1;
        v->processor = id;
        vcpu_timers_init(v, id);
        d->vcpu[id] = v;
        d->max_vcpus = id + 1;
    }
    return 0;
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
            domain_assign_page(d, &pg[i]);
            d->p2m[done + i] = page_to_mfn(&pg[i]);
            set_m2p(page_to_mfn(&pg[i]), done + i);
        }
        done += 1ULL << order;
    }
    d->nr_p2m = nr;
    d->max_pages = nr;
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
    send_global_virq(VIRQ_DOM_EXC);     /* xenstored and the toolstack look again */
}

void domain_crash(struct domain *d, const char *why)
{
    printk(XENLOG_ERR "Domain %u crashed: %s\n", d->domain_id, why);
    domain_shutdown(d, SHUTDOWN_crash);
    domain_finished(d);
}

extern uint64_t boot_l4[512];

/*
 * Give back everything a finished domain holds: its frames (scrubbed by
 * the heap), its M2P entries, its shared_info page and its bookkeeping.
 * Returns the number of frames that went back to the heap.
 */
uint64_t domain_destroy(struct domain *d)
{
    unsigned long flags;
    uint64_t freed = 0;

    flags = spin_lock_irqsave(&domlist_lock);
    for ( struct domain **pp = &domain_list; *pp; pp = &(*pp)->next_in_list )
        if ( *pp == d )
        {
            *pp = d->next_in_list;
            break;
        }
    spin_unlock_irqrestore(&domlist_lock, flags);

    evtchn_destroy(d);
    pv_domain_relinquish_tables(d);
    grant_table_destroy(d);
    iocaps_destroy(d);
    if ( d->iommu_sync )
        iommu_domain_destroy(&d->iommu);    /* its devices back to the quarantine first */
    while ( d->page_list )
    {
        struct page_info *pg = d->page_list;
        bool last = pg->count_info == 1;

        BUG_ON(!domain_release_page(d, pg));
        freed += last;
    }
    unshare_xen_page(d->shared_info);
    xfree(d->evtchn);
    xfree(d->p2m);
    for ( unsigned int i = 0; i < d->max_vcpus; i++ )
        xfree(d->vcpu[i]);
    xfree(d);
    send_global_virq(VIRQ_DOM_EXC);     /* gone from the list: getdomaininfo says so */
    return freed;
}

static void kick_cpu(void *unused)
{
    /* The interrupt's way back to the guest sees the shutdown. */
}

void domain_finished(struct domain *d)
{
    struct vcpu *v = current_vcpu();

    stop_timer(&v->singleshot_timer);
    stop_timer(&v->periodic_timer);
    stop_timer(&v->poll_timer);
    get_cpu_info()->current = NULL;
    vcpu_stopped_here();
    /* Off the domain's page tables: they are its memory. */
    __asm__ __volatile__ ( "mov %0, %%cr3" :: "r" (virt_to_maddr(boot_l4)) : "memory" );
    if ( d->shutdown_reason == SHUTDOWN_crash )
        any_domain_crashed = true;

    /* Every running vCPU stops on its own CPU; the last one to stop ends the domain. */
    v->is_up = false;
    if ( __atomic_sub_fetch(&d->running_vcpus, 1, __ATOMIC_SEQ_CST) )
    {
        for ( unsigned int i = 0; i < d->max_vcpus; i++ )
        {
            struct vcpu *o = d->vcpu[i];

            if ( o != v && o->is_up )
            {
                o->blocked = false;
                smp_call_function_on(o->processor, kick_cpu, NULL);
            }
        }
        printk("CPU%u idles: d%u's other vCPUs are stopping\n", smp_processor_id(),
               d->domain_id);
        for ( ;; )
            __asm__ __volatile__ ( "sti; hlt" ::: "memory" );
    }

    /* The hardware domain stays for the machine's last words; others go now. */
    if ( d != hardware_domain && d->shutdown_reason != SHUTDOWN_crash )
    {
        domid_t domid = d->domain_id;
        uint64_t expected = d->tot_pages, freed = domain_destroy(d);

        printk("Domain %u destroyed: %lu of its %lu pages returned to the heap\n",
               domid, (unsigned long)freed, (unsigned long)expected);
        d = NULL;
    }

    /* Until the toolstack manages domains, the end of the last one ends the machine. */
    if ( __atomic_sub_fetch(&nr_live_domains, 1, __ATOMIC_SEQ_CST) )
    {
        printk("CPU%u idles: other domains still run\n", smp_processor_id());
        for ( ;; )
            __asm__ __volatile__ ( "sti; hlt" ::: "memory" );
    }
    if ( any_domain_crashed )
    {
        if ( d )
            printk("Domain %u crashed: halting (the crash is above)\n", d->domain_id);
        else
            printk("A domain crashed: halting (the crash is above)\n");
        machine_halt();
    }
    if ( hardware_domain && hardware_domain->shutdown_reason == SHUTDOWN_reboot )
        machine_restart();
    machine_power_off();
}
