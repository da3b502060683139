/*
 * Event channels (2-level ABI) inside the hypervisor.
 *
 * A domain's ports live in d->evtchn, guarded by d->evtchn_lock.  The
 * pending and mask bits live in the domain's shared_info page, shared with
 * the guest, and are changed with atomic bit operations; the per-vCPU
 * selector and upcall-pending flag live in its vcpu_info.
 *
 * An interdomain channel is two ports, one per domain, each naming the
 * other.  Changing the pair (bind, close) takes both domains' locks, the
 * lower domain id first; so holding either lock keeps the pair intact,
 * and send needs only the sender's.
 */
#ifndef XEN_EVENT_H
#define XEN_EVENT_H

#include <xen/sched.h>

#define ECS_FREE        0
#define ECS_RESERVED    1           /* port 0 is never handed out */
#define ECS_VIRQ        2
#define ECS_IPI         3
#define ECS_UNBOUND     4           /* waiting for remote_dom to bind */
#define ECS_INTERDOMAIN 5
#define ECS_PIRQ        6           /* a physical interrupt (asm/pirq.h) */

int evtchn_init(struct domain *d);

/* Close every port of a dying domain (its peers' ports become unbound). */
void evtchn_destroy(struct domain *d);

/* Mark a port pending and, unless masked, notify its vCPU. */
void evtchn_set_pending(struct vcpu *v, unsigned int port);

/* Raise a virtual interrupt of v, if the guest bound it to a port. */
void send_guest_virq(struct vcpu *v, unsigned int virq);

/* Raise a global virtual interrupt (VIRQ_DOM_EXC) of the hardware domain. */
void send_global_virq(unsigned int virq);

long do_event_channel_op(uint64_t cmd, uint64_t arg, uint64_t a3, uint64_t a4,
                         uint64_t a5, uint64_t a6);

#endif /* XEN_EVENT_H */
