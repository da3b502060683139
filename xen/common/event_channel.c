/*
 * Event channels, 2-level ABI (rules in xen/event.h): virtual-interrupt,
 * IPI, unbound, interdomain and physical-interrupt ports; close, send,
 * status, bind_vcpu and unmask.  The FIFO ABI is not offered (its
 * operations answer -ENOSYS, and Linux falls back to 2-level).
 */
#include <asm/pirq.h>
#include <public/event_channel.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/string.h>

#define BITS_PER_WORD   64

static bool test_and_set(volatile xen_ulong_t *words, unsigned int bit)
{
    return __atomic_fetch_or(&words[bit / BITS_PER_WORD], 1UL << (bit % BITS_PER_WORD),
                             __ATOMIC_SEQ_CST) & (1UL << (bit % BITS_PER_WORD));
}

static bool test_bit(const volatile xen_ulong_t *words, unsigned int bit)
{
    return words[bit / BITS_PER_WORD] & (1UL << (bit % BITS_PER_WORD));
}

static void clear_bit(volatile xen_ulong_t *words, unsigned int bit)
{
    __atomic_fetch_and(&words[bit / BITS_PER_WORD], ~(1UL << (bit % BITS_PER_WORD)),
                       __ATOMIC_SEQ_CST);
}

int evtchn_init(struct domain *d)
{
    spin_lock_init(&d->evtchn_lock);
    d->evtchn = xzalloc_bytes(NR_EVTCHN_PORTS * sizeof(*d->evtchn));
    if ( d->evtchn == NULL )
        return -ENOMEM;
    d->evtchn[0].state = ECS_RESERVED;
    d->max_evtchn_port = NR_EVTCHN_PORTS - 1;   /* createdomain may lower it */
    return 0;
}

static void notify(struct vcpu *v, unsigned int port)
{
    struct vcpu_info *vi = v->vcpu_info;

    test_and_set(&vi->evtchn_pending_sel, port / BITS_PER_WORD);
    vi->evtchn_upcall_pending = 1;
    vcpu_unblock(v);                    /* a blocked vCPU wakes on any event */
}

void evtchn_set_pending(struct vcpu *v, unsigned int port)
{
    struct shared_info *si = v->domain->shared_info;

    if ( test_and_set(si->evtchn_pending, port) )
        return;                         /* already pending: nothing new to say */
    if ( !test_bit(si->evtchn_mask, port) )
        notify(v, port);
    sched_poll_port_pending(v->domain, port);   /* masked or not, pollers look at it */
}

void send_guest_virq(struct vcpu *v, unsigned int virq)
{
    unsigned int port = virq < NR_VIRQS ? v->virq_to_port[virq] : 0;

    if ( port )
        evtchn_set_pending(v, port);
}

void send_global_virq(unsigned int virq)
{
    struct domain *d = hardware_domain;

    if ( d == NULL )
        return;
    /* Bound on one vCPU (bind_vcpu may have moved it): the one with a port. */
    for ( unsigned int i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpu[i] && d->vcpu[i]->virq_to_port[virq] )
        {
            send_guest_virq(d->vcpu[i], virq);
            return;
        }
}

static int alloc_port(struct domain *d)
{
    for ( unsigned int p = 1; p <= d->max_evtchn_port; p++ )
        if ( d->evtchn[p].state == ECS_FREE )
            return p;
    return -ENOSPC;
}

static long bind_virq(struct domain *d, struct evtchn_bind_virq *b)
{
    struct vcpu *v;
    int port;

    if ( b->virq >= NR_VIRQS || b->vcpu >= d->max_vcpus || !(v = d->vcpu[b->vcpu]) )
        return -EINVAL;
    /* Only the virtual interrupts Argon raises can be bound. */
    if ( b->virq != VIRQ_TIMER && b->virq != VIRQ_DEBUG &&
         !(d->is_privileged && (b->virq == VIRQ_CONSOLE || b->virq == VIRQ_DOM_EXC)) )
        return -EINVAL;
    if ( v->virq_to_port[b->virq] )
        return -EEXIST;
    if ( (port = alloc_port(d)) < 0 )
        return port;
    d->evtchn[port].state = ECS_VIRQ;
    d->evtchn[port].virq = b->virq;
    d->evtchn[port].notify_vcpu = b->vcpu;
    v->virq_to_port[b->virq] = port;
    b->port = port;
    return 0;
}

static long bind_ipi(struct domain *d, struct evtchn_bind_ipi *b)
{
    int port;

    if ( b->vcpu >= d->max_vcpus || d->vcpu[b->vcpu] == NULL )
        return -EINVAL;
    if ( (port = alloc_port(d)) < 0 )
        return port;
    d->evtchn[port].state = ECS_IPI;
    d->evtchn[port].notify_vcpu = b->vcpu;
    b->port = port;
    return 0;
}

/*
 * Physical interrupts (asm/pirq.h): the port is taken and the pirq bound
 * under d's lock, so a close cannot come between; the pirq code checks the
 * pirq is d's and free before anything changes.
 */
static long bind_pirq(struct domain *d, struct evtchn_bind_pirq *b)
{
    int port, rc;

    if ( b->pirq >= NR_DOMAIN_PIRQS )
        return -EINVAL;
    if ( (port = alloc_port(d)) < 0 )
        return port;
    if ( (rc = pirq_bind(d, b->pirq, port)) )
        return rc;
    d->evtchn[port].state = ECS_PIRQ;
    d->evtchn[port].pirq = b->pirq;
    d->evtchn[port].notify_vcpu = 0;
    b->port = port;
    return 0;
}

static struct domain *domain_or_self(struct domain *d, domid_t domid)
{
    return domid == DOMID_SELF || domid == d->domain_id ? d : domain_by_id(domid);
}

/* Both domains' port locks, lower id first (one lock if they are the same domain). */
static unsigned long lock_pair(struct domain *a, struct domain *b)
{
    unsigned long flags;

    if ( a->domain_id > b->domain_id )
    {
        struct domain *t = a;

        a = b;
        b = t;
    }
    flags = spin_lock_irqsave(&a->evtchn_lock);
    if ( b != a )
        spin_lock(&b->evtchn_lock);
    return flags;
}

static void unlock_pair(struct domain *a, struct domain *b, unsigned long flags)
{
    if ( b != a )
        spin_unlock(&(a->domain_id > b->domain_id ? a : b)->evtchn_lock);
    spin_unlock_irqrestore(&(a->domain_id > b->domain_id ? b : a)->evtchn_lock, flags);
}

static long alloc_unbound(struct domain *caller, struct evtchn_alloc_unbound *a)
{
    struct domain *d = domain_or_self(caller, a->dom);
    struct domain *remote = domain_or_self(caller, a->remote_dom);
    unsigned long flags;
    int port;

    if ( d == NULL || remote == NULL )
        return -ESRCH;
    if ( d != caller && !caller->is_privileged )
        return -EPERM;                  /* only the toolstack opens ports for others */
    flags = spin_lock_irqsave(&d->evtchn_lock);
    port = alloc_port(d);
    if ( port >= 0 )
    {
        d->evtchn[port].state = ECS_UNBOUND;
        d->evtchn[port].remote_dom = remote->domain_id;
        d->evtchn[port].notify_vcpu = 0;
        a->port = port;
    }
    spin_unlock_irqrestore(&d->evtchn_lock, flags);
    return port < 0 ? port : 0;
}

static long bind_interdomain(struct domain *ld, struct evtchn_bind_interdomain *b)
{
    struct domain *rd = domain_or_self(ld, b->remote_dom);
    struct evtchn *re;
    unsigned long flags;
    int lport;
    long rc = 0;

    if ( rd == NULL )
        return -ESRCH;
    if ( b->remote_port == 0 || b->remote_port >= NR_EVTCHN_PORTS )
        return -EINVAL;
    flags = lock_pair(ld, rd);
    re = &rd->evtchn[b->remote_port];
    if ( re->state != ECS_UNBOUND || re->remote_dom != ld->domain_id )
        rc = -EINVAL;                   /* not offered to us */
    else if ( (lport = alloc_port(ld)) < 0 )
        rc = lport;
    else
    {
        struct evtchn *le = &ld->evtchn[lport];

        le->state = ECS_INTERDOMAIN;
        le->remote_dom = rd->domain_id;
        le->remote_port = b->remote_port;
        le->notify_vcpu = 0;
        re->state = ECS_INTERDOMAIN;
        re->remote_dom = ld->domain_id;
        re->remote_port = lport;
        b->local_port = lport;
        /* The binder learns the channel is up the way it learns anything: an event. */
        evtchn_set_pending(ld->vcpu[0], lport);
    }
    unlock_pair(ld, rd, flags);
    return rc;
}

/* Under d's lock (and the peer's for an interdomain port). */
static void free_port(struct domain *d, evtchn_port_t port)
{
    memset(&d->evtchn[port], 0, sizeof(d->evtchn[port]));
    clear_bit(d->shared_info->evtchn_pending, port);
}

static long close_port(struct domain *d, evtchn_port_t port)
{
    struct evtchn *e;
    struct domain *rd;
    unsigned long flags;

    if ( port == 0 || port >= NR_EVTCHN_PORTS )
        return -EINVAL;
    flags = spin_lock_irqsave(&d->evtchn_lock);
    e = &d->evtchn[port];
    switch ( e->state )
    {
    case ECS_FREE:
    case ECS_RESERVED:
        spin_unlock_irqrestore(&d->evtchn_lock, flags);
        return -EINVAL;
    case ECS_VIRQ:
        d->vcpu[e->notify_vcpu]->virq_to_port[e->virq] = 0;
        break;
    case ECS_PIRQ:
        pirq_unbind(d, e->pirq);
        break;
    case ECS_INTERDOMAIN:
        rd = domain_by_id(e->remote_dom);
        spin_unlock_irqrestore(&d->evtchn_lock, flags);
        if ( rd == NULL )
            return -ESRCH;
        flags = lock_pair(d, rd);
        /* It may have changed while no lock was held: look again. */
        if ( e->state == ECS_INTERDOMAIN && e->remote_dom == rd->domain_id )
        {
            struct evtchn *re = &rd->evtchn[e->remote_port];

            /* The peer's port waits for us to bind again, as in Xen. */
            re->state = ECS_UNBOUND;
            re->remote_dom = d->domain_id;
            re->remote_port = 0;
            free_port(d, port);
        }
        unlock_pair(d, rd, flags);
        return 0;
    default:
        break;
    }
    free_port(d, port);
    spin_unlock_irqrestore(&d->evtchn_lock, flags);
    return 0;
}

/* Under d's lock. */
static long send(struct domain *d, evtchn_port_t port)
{
    struct evtchn *e;
    struct domain *rd;

    if ( port == 0 || port >= NR_EVTCHN_PORTS )
        return -EINVAL;
    e = &d->evtchn[port];
    switch ( e->state )
    {
    case ECS_IPI:
        evtchn_set_pending(d->vcpu[e->notify_vcpu], port);
        return 0;
    case ECS_INTERDOMAIN:
        rd = domain_by_id(e->remote_dom);
        if ( rd )
            evtchn_set_pending(rd->vcpu[rd->evtchn[e->remote_port].notify_vcpu],
                               e->remote_port);
        return 0;
    case ECS_UNBOUND:
        return 0;                       /* nobody listens yet: dropped, as in Xen */
    default:
        return -EINVAL;
    }
}

static long status(struct domain *caller, struct evtchn_status *st)
{
    struct domain *d = domain_or_self(caller, st->dom);
    struct evtchn *e;
    unsigned long flags;

    if ( d == NULL )
        return -ESRCH;
    if ( d != caller && !caller->is_privileged )
        return -EPERM;
    if ( st->port >= NR_EVTCHN_PORTS )
        return -EINVAL;
    flags = spin_lock_irqsave(&d->evtchn_lock);
    e = &d->evtchn[st->port];
    memset(&st->u, 0, sizeof(st->u));
    st->vcpu = e->notify_vcpu;
    switch ( e->state )
    {
    case ECS_UNBOUND:
        st->status = EVTCHNSTAT_unbound;
        st->u.unbound.dom = e->remote_dom;
        break;
    case ECS_INTERDOMAIN:
        st->status = EVTCHNSTAT_interdomain;
        st->u.interdomain.dom = e->remote_dom;
        st->u.interdomain.port = e->remote_port;
        break;
    case ECS_VIRQ:
        st->status = EVTCHNSTAT_virq;
        st->u.virq = e->virq;
        break;
    case ECS_IPI:
        st->status = EVTCHNSTAT_ipi;
        break;
    case ECS_PIRQ:
        st->status = EVTCHNSTAT_pirq;
        st->u.pirq = e->pirq;
        break;
    default:
        st->status = EVTCHNSTAT_closed;
        break;
    }
    spin_unlock_irqrestore(&d->evtchn_lock, flags);
    return 0;
}

/* Under d's lock.  Per-vCPU virtual interrupts (the timer) and IPIs stay where they are. */
static long bind_vcpu(struct domain *d, struct evtchn_bind_vcpu *b)
{
    struct evtchn *e;

    if ( b->port == 0 || b->port >= NR_EVTCHN_PORTS || b->vcpu >= d->max_vcpus ||
         d->vcpu[b->vcpu] == NULL )
        return -EINVAL;
    e = &d->evtchn[b->port];
    switch ( e->state )
    {
    case ECS_UNBOUND:
    case ECS_INTERDOMAIN:
        e->notify_vcpu = b->vcpu;
        return 0;
    case ECS_VIRQ:
        if ( e->virq == VIRQ_TIMER || e->virq == VIRQ_DEBUG )
            return -EINVAL;
        d->vcpu[e->notify_vcpu]->virq_to_port[e->virq] = 0;
        d->vcpu[b->vcpu]->virq_to_port[e->virq] = b->port;
        e->notify_vcpu = b->vcpu;
        return 0;
    default:
        return -EINVAL;
    }
}

void evtchn_destroy(struct domain *d)
{
    if ( d->evtchn == NULL )
        return;
    for ( evtchn_port_t port = 1; port < NR_EVTCHN_PORTS; port++ )
        if ( d->evtchn[port].state != ECS_FREE )
            close_port(d, port);
}

static long unmask(struct domain *d, evtchn_port_t port)
{
    struct shared_info *si = d->shared_info;
    struct evtchn *e;

    if ( port >= NR_EVTCHN_PORTS )
        return -EINVAL;
    e = &d->evtchn[port];
    clear_bit(si->evtchn_mask, port);
    /* An event that came while masked is signalled now. */
    if ( e->state != ECS_FREE && test_bit(si->evtchn_pending, port) )
        notify(d->vcpu[e->notify_vcpu], port);
    return 0;
}

long do_event_channel_op(uint64_t cmd, uint64_t arg, uint64_t a3, uint64_t a4,
                         uint64_t a5, uint64_t a6)
{
    struct domain *d = current_vcpu()->domain;
    unsigned long flags;
    long rc;

    switch ( cmd )
    {
    case EVTCHNOP_bind_virq:
    {
        struct evtchn_bind_virq b;

        if ( copy_from_guest(&b, arg, sizeof(b)) )
            return -EFAULT;
        flags = spin_lock_irqsave(&d->evtchn_lock);
        rc = bind_virq(d, &b);
        spin_unlock_irqrestore(&d->evtchn_lock, flags);
        return rc ? rc : copy_to_guest(arg, &b, sizeof(b));
    }
    case EVTCHNOP_bind_pirq:
    {
        struct evtchn_bind_pirq b;

        if ( copy_from_guest(&b, arg, sizeof(b)) )
            return -EFAULT;
        flags = spin_lock_irqsave(&d->evtchn_lock);
        rc = bind_pirq(d, &b);
        spin_unlock_irqrestore(&d->evtchn_lock, flags);
        return rc ? rc : copy_to_guest(arg, &b, sizeof(b));
    }
    case EVTCHNOP_bind_ipi:
    {
        struct evtchn_bind_ipi b;

        if ( copy_from_guest(&b, arg, sizeof(b)) )
            return -EFAULT;
        flags = spin_lock_irqsave(&d->evtchn_lock);
        rc = bind_ipi(d, &b);
        spin_unlock_irqrestore(&d->evtchn_lock, flags);
        return rc ? rc : copy_to_guest(arg, &b, sizeof(b));
    }
    case EVTCHNOP_alloc_unbound:
    {
        struct evtchn_alloc_unbound a;

        if ( copy_from_guest(&a, arg, sizeof(a)) )
            return -EFAULT;
        rc = alloc_unbound(d, &a);
        return rc ? rc : copy_to_guest(arg, &a, sizeof(a));
    }
    case EVTCHNOP_bind_interdomain:
    {
        struct evtchn_bind_interdomain b;

        if ( copy_from_guest(&b, arg, sizeof(b)) )
            return -EFAULT;
        rc = bind_interdomain(d, &b);
        return rc ? rc : copy_to_guest(arg, &b, sizeof(b));
    }
    case EVTCHNOP_status:
    {
        struct evtchn_status st;

        if ( copy_from_guest(&st, arg, sizeof(st)) )
            return -EFAULT;
        rc = status(d, &st);
        return rc ? rc : copy_to_guest(arg, &st, sizeof(st));
    }
    case EVTCHNOP_bind_vcpu:
    {
        struct evtchn_bind_vcpu b;

        if ( copy_from_guest(&b, arg, sizeof(b)) )
            return -EFAULT;
        flags = spin_lock_irqsave(&d->evtchn_lock);
        rc = bind_vcpu(d, &b);
        spin_unlock_irqrestore(&d->evtchn_lock, flags);
        return rc;
    }
    case EVTCHNOP_close:
    {
        evtchn_port_t port;

        if ( copy_from_guest(&port, arg, sizeof(port)) )
            return -EFAULT;
        return close_port(d, port);
    }
    case EVTCHNOP_send:
    case EVTCHNOP_unmask:
    {
        evtchn_port_t port;

        if ( copy_from_guest(&port, arg, sizeof(port)) )
            return -EFAULT;
        flags = spin_lock_irqsave(&d->evtchn_lock);
        rc = cmd == EVTCHNOP_send ? send(d, port) : unmask(d, port);
        spin_unlock_irqrestore(&d->evtchn_lock, flags);
        return rc;
    }
    default:
        /* FIFO ABI, reset */
        return hypercall_subop_unimplemented(__HYPERVISOR_event_channel_op, cmd);
    }
}
