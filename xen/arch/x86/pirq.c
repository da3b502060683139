/*
 * Physical interrupts of PV domains: the domains' pirq tables, the GSIs'
 * states and the interrupt handler that turns a GSI into an event.  The
 * rules are in asm/pirq.h.
 */
#include <asm/apic.h>
#include <asm/io_apic.h>
#include <asm/pirq.h>
#include <public/physdev.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/irq.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/spinlock.h>

enum pirq_state { PIRQ_FREE, PIRQ_RESERVED, PIRQ_MAPPED };

struct domain_pirq {
    uint8_t state;                  /* enum pirq_state */
    uint16_t gsi;                   /* PIRQ_MAPPED */
    uint16_t port;                  /* the bound port, or 0 */
};

struct gsi_state {
    bool configured;                /* setup_gsi said how it is wired */
    bool level, active_low;
    int vector;                     /* 0 until its first bind; then kept */
    struct domain *owner;           /* whose pirq is bound to it, or NULL */
    uint16_t pirq;                  /* owner's pirq */
    bool awaiting_eoi;              /* level pin masked until the owner's EOI */
};

static struct gsi_state gsis[NR_PIRQ_GSIS];
static uint64_t msi_refusals;
static DEFINE_SPINLOCK(pirq_lock);

static void gsi_mode(uint32_t gsi, bool *level, bool *active_low)
{
    if ( gsis[gsi].configured )
    {
        *level = gsis[gsi].level;
        *active_low = gsis[gsi].active_low;
    }
    else
        io_apic_gsi_default_mode(gsi, level, active_low);
}

/* -EINVAL for a GSI no IO-APIC has, -EPERM for one the hypervisor keeps (its serial line). */
static int check_gsi(uint32_t gsi)
{
    if ( gsi >= NR_PIRQ_GSIS || !io_apic_has_gsi(gsi) )
        return -EINVAL;
    return io_apic_gsi_for_guests(gsi) ? 0 : -EPERM;
}

static void pirq_interrupt(struct cpu_user_regs *regs, void *data)
{
    uint32_t gsi = (uintptr_t)data;
    struct gsi_state *g = &gsis[gsi];
    struct domain *d;
    unsigned int port;

    spin_lock(&pirq_lock);
    d = g->owner;
    if ( d == NULL )
    {
        /* Unbound since the pin fired: it is masked already; nobody hears it. */
        spin_unlock(&pirq_lock);
        return;
    }
    if ( g->level )
    {
        io_apic_guest_gsi_mask(gsi, true);
        g->awaiting_eoi = true;
    }
    port = d->pirqs[g->pirq].port;
    evtchn_set_pending(d->vcpu[d->evtchn[port].notify_vcpu], port);
    spin_unlock(&pirq_lock);
}

static bool pirq_valid(int pirq)
{
    return pirq >= 0 && pirq < NR_DOMAIN_PIRQS;
}

/* Under pirq_lock: the highest free pirq of d, or -ENOSPC. */
static int highest_free(const struct domain *d)
{
    for ( int p = NR_DOMAIN_PIRQS - 1; p >= 0; p-- )
        if ( d->pirqs[p].state == PIRQ_FREE )
            return p;
    return -ENOSPC;
}

/* The table exists from the first map on; allocated outside the lock. */
static int ensure_table(struct domain *d)
{
    struct domain_pirq *t;
    unsigned long flags;

    if ( ACCESS_ONCE(d->pirqs) )
        return 0;
    t = xzalloc_array(struct domain_pirq, NR_DOMAIN_PIRQS);
    if ( t == NULL )
        return -ENOMEM;
    flags = spin_lock_irqsave(&pirq_lock);
    if ( d->pirqs == NULL )
    {
        d->pirqs = t;
        t = NULL;
    }
    spin_unlock_irqrestore(&pirq_lock, flags);
    xfree(t);
    return 0;
}

int pirq_setup_gsi(uint32_t gsi, bool level, bool active_low)
{
    struct gsi_state *g;
    unsigned long flags;
    int rc;

    if ( (rc = check_gsi(gsi)) )
        return rc;
    g = &gsis[gsi];
    flags = spin_lock_irqsave(&pirq_lock);
    if ( g->owner && (g->level != level || g->active_low != active_low) )
        rc = -EBUSY;                /* routed as it was said before; unbind first */
    else
    {
        g->configured = true;
        g->level = level;
        g->active_low = active_low;
    }
    spin_unlock_irqrestore(&pirq_lock, flags);
    return rc;
}

int pirq_map_gsi(struct domain *d, uint32_t gsi, int *pirq)
{
    unsigned long flags;
    int rc, p = *pirq;

    if ( (rc = check_gsi(gsi)) )
        return rc;
    if ( p != -1 && !pirq_valid(p) )
        return -EINVAL;
    if ( (rc = ensure_table(d)) )
        return rc;
    flags = spin_lock_irqsave(&pirq_lock);
    for ( int q = 0; q < NR_DOMAIN_PIRQS; q++ )
        if ( d->pirqs[q].state == PIRQ_MAPPED && d->pirqs[q].gsi == gsi )
        {
            /* Mapping it again as it is is no change (as in Xen); elsewhere it is a clash. */
            rc = q == p ? 0 : -EBUSY;
            goto out;
        }
    if ( p == -1 )
        p = highest_free(d);
    else if ( d->pirqs[p].state == PIRQ_MAPPED )
        p = -EBUSY;
    if ( p < 0 )
    {
        rc = p;
        goto out;
    }
    d->pirqs[p].state = PIRQ_MAPPED;
    d->pirqs[p].gsi = gsi;
    d->pirqs[p].port = 0;
    *pirq = p;
 out:
    spin_unlock_irqrestore(&pirq_lock, flags);
    return rc;
}

int pirq_unmap(struct domain *d, int pirq)
{
    unsigned long flags;
    int rc = 0;

    if ( !pirq_valid(pirq) || d->pirqs == NULL )
        return -EINVAL;
    flags = spin_lock_irqsave(&pirq_lock);
    if ( d->pirqs[pirq].state == PIRQ_FREE )
        rc = -EINVAL;
    else if ( d->pirqs[pirq].port )
        rc = -EBUSY;                /* close its port first */
    else
        d->pirqs[pirq].state = PIRQ_FREE;
    spin_unlock_irqrestore(&pirq_lock, flags);
    return rc;
}

int pirq_get_free(struct domain *d, uint32_t *pirq)
{
    unsigned long flags;
    int rc, p;

    if ( (rc = ensure_table(d)) )
        return rc;
    flags = spin_lock_irqsave(&pirq_lock);
    p = highest_free(d);
    if ( p >= 0 )
    {
        d->pirqs[p].state = PIRQ_RESERVED;
        *pirq = p;
    }
    spin_unlock_irqrestore(&pirq_lock, flags);
    return p < 0 ? p : 0;
}

int pirq_status(struct domain *d, int pirq, uint32_t *status)
{
    unsigned long flags;
    bool level, active_low;

    if ( !pirq_valid(pirq) )
        return -EINVAL;
    *status = 0;
    flags = spin_lock_irqsave(&pirq_lock);
    if ( d->pirqs && d->pirqs[pirq].state == PIRQ_MAPPED )
    {
        gsi_mode(d->pirqs[pirq].gsi, &level, &active_low);
        if ( level )
            *status |= XENIRQSTAT_needs_eoi;
    }
    spin_unlock_irqrestore(&pirq_lock, flags);
    return 0;
}

int pirq_eoi(struct domain *d, int pirq)
{
    unsigned long flags;
    int rc = 0;

    if ( !pirq_valid(pirq) || d->pirqs == NULL )
        return -EINVAL;
    flags = spin_lock_irqsave(&pirq_lock);
    if ( d->pirqs[pirq].state != PIRQ_MAPPED )
        rc = -EINVAL;
    else if ( d->pirqs[pirq].port )
    {
        struct gsi_state *g = &gsis[d->pirqs[pirq].gsi];

        if ( g->owner == d && g->awaiting_eoi )
        {
            g->awaiting_eoi = false;
            io_apic_guest_gsi_mask(d->pirqs[pirq].gsi, false);
        }
    }
    spin_unlock_irqrestore(&pirq_lock, flags);
    return rc;
}

int pirq_bind(struct domain *d, int pirq, unsigned int port)
{
    struct gsi_state *g;
    unsigned long flags;
    uint32_t gsi;
    int rc = 0;

    if ( !pirq_valid(pirq) )
        return -EINVAL;
    flags = spin_lock_irqsave(&pirq_lock);
    if ( d->pirqs == NULL || d->pirqs[pirq].state != PIRQ_MAPPED )
    {
        rc = -EPERM;                /* nothing of the machine's behind it (Xen's answer too) */
        goto out;
    }
    if ( d->pirqs[pirq].port )
    {
        rc = -EEXIST;
        goto out;
    }
    gsi = d->pirqs[pirq].gsi;
    g = &gsis[gsi];
    if ( g->owner )
    {
        rc = -EBUSY;
        goto out;
    }
    if ( g->vector == 0 )
    {
        int vector = irq_alloc_vector("pirq", pirq_interrupt, (void *)(uintptr_t)gsi);

        if ( vector < 0 )
        {
            rc = vector;
            goto out;
        }
        g->vector = vector;
    }
    gsi_mode(gsi, &g->level, &g->active_low);
    g->owner = d;
    g->pirq = pirq;
    g->awaiting_eoi = false;
    d->pirqs[pirq].port = port;
    rc = io_apic_route_guest_gsi(gsi, g->vector, apic_id(), g->level, g->active_low);
    BUG_ON(rc);                     /* io_apic_gsi_for_guests() held at map and does still */
 out:
    spin_unlock_irqrestore(&pirq_lock, flags);
    return rc;
}

void pirq_unbind(struct domain *d, int pirq)
{
    unsigned long flags = spin_lock_irqsave(&pirq_lock);
    uint32_t gsi = d->pirqs[pirq].gsi;

    BUG_ON(!d->pirqs[pirq].port || gsis[gsi].owner != d);
    io_apic_guest_gsi_mask(gsi, true);
    gsis[gsi].owner = NULL;
    gsis[gsi].awaiting_eoi = false;
    d->pirqs[pirq].port = 0;
    spin_unlock_irqrestore(&pirq_lock, flags);
}

void pirq_domain_destroy(struct domain *d)
{
    for ( unsigned int p = 0; d->pirqs && p < NR_DOMAIN_PIRQS; p++ )
        BUG_ON(d->pirqs[p].port);   /* evtchn_destroy() unbound them all */
    xfree(d->pirqs);
    d->pirqs = NULL;
}

void pirq_count_msi_refusal(void)
{
    __atomic_fetch_add(&msi_refusals, 1, __ATOMIC_RELAXED);
}

void pirq_report_refusals(void)
{
    uint64_t n = __atomic_load_n(&msi_refusals, __ATOMIC_RELAXED);

    if ( n )
        printk("PHYSDEVOP_map_pirq of an MSI refused with -EOPNOTSUPP %lu time%s\n",
               (unsigned long)n, n == 1 ? "" : "s");
}
