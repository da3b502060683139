/*
 * Event channels, 2-level ABI: virtual-interrupt and IPI ports, close,
 * send and unmask.  Interdomain ports come with the second domain.
 */
#include <public/event_channel.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/guest_access.h>
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
    return 0;
}

static void notify(struct vcpu *v, unsigned int port)
{
    struct vcpu_info *vi = v->vcpu_info;

    test_and_set(&vi->evtchn_pending_sel, port / BITS_PER_WORD);
    vi->evtchn_upcall_pending = 1;
    v->blocked = false;                 /* a blocked vCPU wakes on any event */
}

void evtchn_set_pending(struct vcpu *v, unsigned int port)
{
    struct shared_info *si = v->domain->shared_info;

    if ( test_and_set(si->evtchn_pending, port) )
        return;                         /* already pending: nothing new to say */
    if ( !test_bit(si->evtchn_mask, port) )
        notify(v, port);
}

void send_guest_virq(struct vcpu *v, unsigned int virq)
{
    unsigned int port = virq < NR_VIRQS ? v->virq_to_port[virq] : 0;

    if ( port )
        evtchn_set_pending(v, port);
}

static int alloc_port(struct domain *d)
{
    for ( unsigned int p = 1; p < NR_EVTCHN_PORTS; p++ )
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

static long close_port(struct domain *d, evtchn_port_t port)
{
    struct evtchn *e;

    if ( port == 0 || port >= NR_EVTCHN_PORTS )
        return -EINVAL;
    e = &d->evtchn[port];
    switch ( e->state )
    {
    case ECS_FREE:
        return -EINVAL;
    case ECS_VIRQ:
        d->vcpu[e->notify_vcpu]->virq_to_port[e->virq] = 0;
        break;
    default:
        break;
    }
    memset(e, 0, sizeof(*e));
    clear_bit(d->shared_info->evtchn_pending, port);
    return 0;
}

static long send(struct domain *d, evtchn_port_t port)
{
    if ( port == 0 || port >= NR_EVTCHN_PORTS )
        return -EINVAL;
    if ( d->evtchn[port].state != ECS_IPI )
        return d->evtchn[port].state == ECS_FREE ? -EINVAL : -ENOSYS;
    evtchn_set_pending(d->vcpu[d->evtchn[port].notify_vcpu], port);
    return 0;
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
    case EVTCHNOP_close:
    case EVTCHNOP_send:
    case EVTCHNOP_unmask:
    {
        evtchn_port_t port;

        if ( copy_from_guest(&port, arg, sizeof(port)) )
            return -EFAULT;
        flags = spin_lock_irqsave(&d->evtchn_lock);
        rc = cmd == EVTCHNOP_close ? close_port(d, port)
             : cmd == EVTCHNOP_send ? send(d, port) : unmask(d, port);
        spin_unlock_irqrestore(&d->evtchn_lock, flags);
        return rc;
    }
    default:
        return -ENOSYS;                 /* FIFO ABI and interdomain ports: not yet */
    }
}
