/*
 * Physical interrupts of PV domains (pirqs).  A domain names a machine GSI
 * by a pirq of its own, a number below NR_DOMAIN_PIRQS: map_pirq enters it
 * in the domain's table, EVTCHNOP_bind_pirq delivers it to an event-channel
 * port, unmap_pirq takes it out.  Rules:
 *   - A domain's table (d->pirqs) is allocated at its first map and freed
 *     with the domain; a GSI is mapped to at most one pirq of a domain, and
 *     bound to a port of at most one domain at a time.
 *   - Only a bound GSI's IO-APIC pin is unmasked; unbinding masks it, so no
 *     interrupt of an unbound or another domain's pirq reaches a domain.
 *   - A level-triggered pin is masked by the interrupt and unmasked by the
 *     guest's PHYSDEVOP_eoi (needs_eoi); an edge pin stays unmasked.
 *   - One lock (pirq_lock) guards every table and the GSI states; it is
 *     taken after a domain's evtchn_lock, and by the interrupt handler.
 *   - Each GSI gets one vector at its first bind and keeps it, so a vector
 *     never changes hands while an interrupt may be on its way.
 */
#ifndef ASM_PIRQ_H
#define ASM_PIRQ_H

#include <xen/types.h>

#define NR_DOMAIN_PIRQS     256
#define NR_PIRQ_GSIS        256     /* GSIs a pirq may name */

struct domain;

/*
 * GSIs no IO-APIC has are -EINVAL, those the hypervisor keeps -EPERM.
 * Record a GSI's trigger and polarity (the hardware domain's setup_gsi).
 */
int pirq_setup_gsi(uint32_t gsi, bool level, bool active_low);

/*
 * Map a GSI to a pirq of d: *pirq -1 takes the highest free one (so that
 * pirq = GSI, as Linux's dom0 asks, stays free), a given one is honoured if
 * free or reserved by get_free_pirq.  Permissions are the caller's to check.
 */
int pirq_map_gsi(struct domain *d, uint32_t gsi, int *pirq);
int pirq_unmap(struct domain *d, int pirq);

/* Reserve the highest free pirq of d for a later map. */
int pirq_get_free(struct domain *d, uint32_t *pirq);

/* XENIRQSTAT_* of one of d's pirqs; -EINVAL if out of range. */
int pirq_status(struct domain *d, int pirq, uint32_t *flags);

/* The guest has handled the pirq's interrupt: a masked level pin is unmasked. */
int pirq_eoi(struct domain *d, int pirq);

/*
 * Deliver a mapped pirq to port (the caller holds d->evtchn_lock and owns
 * the port): -EPERM if not mapped, -EEXIST if bound already, -EBUSY if
 * another domain has its GSI.  Unbind masks the pin.
 */
int pirq_bind(struct domain *d, int pirq, unsigned int port);
void pirq_unbind(struct domain *d, int pirq);

/* MSI pirqs are not offered yet: each request is counted, the count printed at shutdown. */
void pirq_count_msi_refusal(void);
void pirq_report_refusals(void);

/* Free d's table; its ports are closed already (so nothing is bound). */
void pirq_domain_destroy(struct domain *d);

#endif /* ASM_PIRQ_H */
