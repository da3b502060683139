/*
 * Domain and vCPU life cycle.
 */
#include <asm/current.h>
#include <asm/smp.h>
#include <asm/mm.h>
#include <asm/pv-mm.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/pirq.h>
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

static struct vcpu *vcpu_create(struct domain *d, unsigned int id)
{
    struct vcpu *v = xzalloc(struct vcpu);

    if ( v == NULL )
        return NULL;
    v->domain = d;
    v->vcpu_id = id;
    v->vcpu_info = &d->shared_info->vcpu_info[id];
    v->vcpu_info->evtchn_upcall_mask = 1;       /* events masked until the guest is ready */
    sched_vcpu_init(v);
    vcpu_fpu_init(v);
    vcpu_timers_init(v, 0);             /* they follow it to the CPUs it runs on */
    d->vcpu[id] = v;
    d->max_vcpus = id + 1;
    return v;
}

/*
 * A boot domain's vCPU 0 is up (the boot builder gives it its context) and
 * the machine runs until the last boot domain ends; a toolstack domain's
 * vCPU 0 waits for setvcpucontext and its end leaves the machine up.
 * Either is paused once, for its creator to undo.
 */
static struct domain *domain_build(domid_t domid, bool privileged, bool boot)
{
    struct domain *d = xzalloc(struct domain);
    struct vcpu *v = NULL;
    unsigned long flags;

    if ( d == NULL || domid >= DOMID_FIRST_RESERVED )
        goto fail;
    d->shared_info = alloc_xenheap_pages(0);
    if ( d->shared_info == NULL )
        goto fail;
    memset(d->shared_info, 0, PAGE_SIZE);
    share_xen_page_with_domain(d, d->shared_info);
    d->domain_id = domid;
    d->is_privileged = privileged;
    d->pause_count = 1;                 /* runs once its creator unpauses it */
    d->sched_weight = CREDIT_DEFAULT_WEIGHT;
    spin_lock_init(&d->page_lock);
    spin_lock_init(&d->mm_lock);
    d->is_boot_domain = boot;
    d->controller_pause_count = !boot;  /* the toolstack's, undone by unpausedomain */
    if ( (v = vcpu_create(d, 0)) == NULL )
        goto fail;
    v->is_initialised = v->is_up = boot;
    d->running_vcpus = boot;
    if ( evtchn_init(d) || grant_table_init(d) )
        goto fail;
    update_domain_wallclock(d);

    flags = spin_lock_irqsave(&domlist_lock);
    d->next_in_list = domain_list;
    domain_list = d;
    spin_unlock_irqrestore(&domlist_lock, flags);
    if ( privileged && hardware_domain == NULL )
        hardware_domain = d;
    if ( boot )
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

struct domain *domain_create(domid_t domid, bool privileged)
{
    return domain_build(domid, privileged, true);
}

struct domain *domain_create_paused(domid_t domid)
{
    return domain_build(domid, false, false);
}

int domain_add_vcpus(struct domain *d, unsigned int nr)
{
    if ( nr > MAX_VIRT_CPUS )
        return -EINVAL;
    for ( unsigned int id = d->max_vcpus; id < nr; id++ )
        if ( vcpu_create(d, id) == NULL )
            return -ENOMEM;
    return 0;
}

void vcpu_bring_up(struct vcpu *v)
{
    if ( __atomic_exchange_n(&v->is_up, true, __ATOMIC_SEQ_CST) )
        return;
    __atomic_add_fetch(&v->domain->running_vcpus, 1, __ATOMIC_SEQ_CST);
    vcpu_wake(v);                       /* it runs once nothing pauses it */
}

void domain_stop_vcpus(struct domain *d)
{
    BUG_ON(d->is_boot_domain);
    /*
     * Once paused, a vCPU is off its CPU between hypercalls, and one that
     * was stopping on its own (domain_finished) is already down.
     */
    domain_pause(d);
    for ( unsigned int i = 0; i < d->max_vcpus; i++ )
    {
        struct vcpu *v = d->vcpu[i];

        if ( !__atomic_load_n(&v->is_up, __ATOMIC_ACQUIRE) )
            continue;
        sched_vcpu_stopped(v);
        __atomic_sub_fetch(&d->running_vcpus, 1, __ATOMIC_SEQ_CST);
    }
    /* Such a stopping vCPU counts itself out a moment after it left its CPU. */
    while ( __atomic_load_n(&d->running_vcpus, __ATOMIC_ACQUIRE) )
        cpu_relax();
}

void domain_for_each(void (*fn)(struct domain *d, void *arg), void *arg)
{
    unsigned long flags = spin_lock_irqsave(&domlist_lock);

    for ( struct domain *d = domain_list; d; d = d->next_in_list )
        fn(d, arg);
    spin_unlock_irqrestore(&domlist_lock, flags);
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
    /* Every vCPU comes into the hypervisor soon and stops there (a blocked one wakes). */
    for ( unsigned int i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpu[i] != current_vcpu() && d->vcpu[i]->is_up )
            sched_kick_vcpu(d->vcpu[i]);
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

    BUG_ON(d == hardware_domain);
    flags = spin_lock_irqsave(&domlist_lock);
    for ( struct domain **pp = &domain_list; *pp; pp = &(*pp)->next_in_list )
        if ( *pp == d )
        {
            *pp = d->next_in_list;
            break;
        }
    spin_unlock_irqrestore(&domlist_lock, flags);
    if ( d->is_boot_domain && !d->is_finished )
        __atomic_sub_fetch(&nr_live_domains, 1, __ATOMIC_SEQ_CST);

    for ( unsigned int i = 0; i < d->max_vcpus; i++ )
    {
        stop_timer(&d->vcpu[i]->singleshot_timer);
        stop_timer(&d->vcpu[i]->periodic_timer);
        stop_timer(&d->vcpu[i]->poll_timer);
    }
    evtchn_destroy(d);
    pirq_domain_destroy(d);
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

void domain_finished(struct domain *d)
{
    struct vcpu *v = current_vcpu();

    stop_timer(&v->singleshot_timer);
    stop_timer(&v->periodic_timer);
    stop_timer(&v->poll_timer);
    sched_vcpu_stopped(v);
    get_cpu_info()->current = NULL;
    /* Off the domain's page tables: they are its memory. */
    __asm__ __volatile__ ( "mov %0, %%cr3" :: "r" (virt_to_maddr(boot_l4)) : "memory" );
    if ( !d->is_boot_domain )
    {
        domid_t domid = d->domain_id;

        /*
         * It stays, shut down, until its controller destroys it; the count
         * is the last thing of d this CPU touches (destroydomain waits for 0).
         */
        if ( __atomic_sub_fetch(&d->running_vcpus, 1, __ATOMIC_SEQ_CST) == 0 )
            printk("Domain %u stopped: its controller may destroy it\n", domid);
        sched_idle();
    }
    if ( d->shutdown_reason == SHUTDOWN_crash )
        any_domain_crashed = true;

    /* Every running vCPU stops on its own; the last one to stop ends the domain. */
    if ( __atomic_sub_fetch(&d->running_vcpus, 1, __ATOMIC_SEQ_CST) )
        sched_idle();
    d->is_finished = true;

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
        printk("CPU%u back to its run queue: other domains still run\n", smp_processor_id());
        sched_idle();
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
