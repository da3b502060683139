/*
 * Physical interrupts end to end, with QEMU's edu device raising its INTx
 * line: dom0 says how the GSI is wired (setup_gsi), maps it to a pirq,
 * binds the pirq to a port, raises the interrupt and sees the event; the
 * level-triggered pin stays masked until dom0's EOI, so neither a line
 * still asserted nor a second raise arrives before it; after the EOI a
 * raise arrives again, and after close nothing does.  Domain 1 (the same
 * kernel, unprivileged) is refused what only dom0 may do, is given
 * permission for the GSI by dom0 and a pirq mapped for it, binds it and
 * ends without closing: dom0's bind is refused while domain 1 holds the
 * GSI and succeeds once its destruction unbound it.  The two talk through
 * domain 1's ports: port 1 unbound says it went through its refusals,
 * port 2 a pirq says it bound, and dom0 binding port 1 lets it end.  Bad arguments on
 * the way: GSIs that do not exist, pirqs out of range or unmapped, MSI,
 * double bind, unmap while bound, the hypervisor's own serial GSI.
 */
#include <public/domctl.h>
#include <public/event_channel.h>
#include <public/physdev.h>
#include <public/sched.h>

#include "edu.h"
#include "guest.h"
#include "mm.h"

#define PATIENCE        20000000UL
#define QUIET           200000UL        /* yields to wait for an event that must not come */
#define D1_PIRQ         50              /* the pirq dom0 maps for domain 1 */
#define D1_GSI          21              /* any GSI serves: domain 1 is refused them all */
#define EDU_IRQ_BIT     0x1
#define SERIAL_GSI      4               /* COM1's: the hypervisor's console input */

#define EINVAL_         (-22)
#define EPERM_          (-1)
#define ESRCH_          (-3)
#define EBUSY_          (-16)
#define EEXIST_         (-17)
#define EOPNOTSUPP_     (-95)

DEFINE_WINDOW(shared_window);

static volatile struct shared_info *shared;

static long physdev(unsigned int cmd, void *arg)
{
    return hypercall2(__HYPERVISOR_physdev_op, cmd, arg);
}

static long evtchn(unsigned int cmd, void *arg)
{
    return hypercall2(__HYPERVISOR_event_channel_op, cmd, arg);
}

static void yield(void)
{
    hypercall2(__HYPERVISOR_sched_op, SCHEDOP_yield, 0);
}

static long setup_gsi(int gsi, uint8_t level, uint8_t active_low)
{
    struct physdev_setup_gsi s = { .gsi = gsi, .triggering = level, .polarity = active_low };

    return physdev(PHYSDEVOP_setup_gsi, &s);
}

static long map_gsi(domid_t domid, int gsi, int *pirq)
{
    struct physdev_map_pirq m = { .domid = domid, .type = MAP_PIRQ_TYPE_GSI, .index = gsi,
                                  .pirq = *pirq };
    long rc = physdev(PHYSDEVOP_map_pirq, &m);

    *pirq = m.pirq;
    return rc;
}

static long unmap(domid_t domid, int pirq)
{
    struct physdev_unmap_pirq u = { .domid = domid, .pirq = pirq };

    return physdev(PHYSDEVOP_unmap_pirq, &u);
}

static long bind(uint32_t pirq, evtchn_port_t *port)
{
    struct evtchn_bind_pirq b = { .pirq = pirq, .flags = 0 };
    long rc = evtchn(EVTCHNOP_bind_pirq, &b);

    *port = b.port;
    return rc;
}

static long eoi(uint32_t pirq)
{
    struct physdev_eoi e = { .irq = pirq };

    return physdev(PHYSDEVOP_eoi, &e);
}

static long status_query(uint32_t pirq, uint32_t *flags)
{
    struct physdev_irq_status_query q = { .irq = pirq };
    long rc = physdev(PHYSDEVOP_irq_status_query, &q);

    *flags = q.flags;
    return rc;
}

static bool take_pending(evtchn_port_t port)
{
    volatile xen_ulong_t *word = &shared->evtchn_pending[port / 64];
    xen_ulong_t bit = 1UL << (port % 64);

    if ( !(*word & bit) )
        return false;
    __atomic_fetch_and(word, ~bit, __ATOMIC_SEQ_CST);
    return true;
}

/* Whether an event comes on port within 'polls' yields (consumed if so). */
static bool event_within(evtchn_port_t port, unsigned long polls)
{
    for ( unsigned long i = 0; i < polls; i++ )
    {
        if ( take_pending(port) )
            return true;
        yield();
    }
    return take_pending(port);
}

static void refusals(int gsi)
{
    struct physdev_map_pirq msi = { .domid = DOMID_SELF, .type = MAP_PIRQ_TYPE_MSI,
                                    .index = -1, .pirq = -1 };
    evtchn_port_t port;
    int pirq;

    check_eq(setup_gsi(9999, 1, 1), EINVAL_, "setup_gsi of a GSI no IO-APIC has");
    check_eq(setup_gsi(gsi, 2, 1), EINVAL_, "setup_gsi with trigger 2");
    pirq = -1;
    check_eq(map_gsi(DOMID_SELF, 9999, &pirq), EINVAL_, "map_pirq of a GSI no IO-APIC has");
    pirq = -1;
    check_eq(map_gsi(DOMID_SELF, -3, &pirq), EINVAL_, "map_pirq of GSI -3");
    pirq = -1;
    check_eq(map_gsi(DOMID_SELF, SERIAL_GSI, &pirq), EPERM_,
             "map_pirq of the hypervisor's serial GSI");
    check_eq(setup_gsi(SERIAL_GSI, 0, 0), EPERM_, "setup_gsi of the hypervisor's serial GSI");
    pirq = 300;
    check_eq(map_gsi(DOMID_SELF, gsi, &pirq), EINVAL_, "map_pirq to pirq 300 (out of range)");
    pirq = -1;
    check_eq(map_gsi(77, gsi, &pirq), ESRCH_, "map_pirq for a domain that is not there");
    check_eq(physdev(PHYSDEVOP_map_pirq, &msi), EOPNOTSUPP_, "map_pirq of an MSI");
    check_eq(bind(gsi, &port), EPERM_, "bind_pirq of an unmapped pirq");
    check_eq(bind(5000, &port), EINVAL_, "bind_pirq of pirq 5000");
    check_eq(eoi(gsi), EINVAL_, "eoi of an unmapped pirq");
    check_eq(unmap(DOMID_SELF, gsi), EINVAL_, "unmap of an unmapped pirq");
}

static void pirq_numbers(int gsi)
{
    struct physdev_get_free_pirq f = { .type = MAP_PIRQ_TYPE_GSI };
    int pirq = gsi, other = 30, any = -1;
    uint32_t flags;

    check_eq(setup_gsi(gsi, 1, 1), 0, "setup_gsi: level, active low");
    check_eq(map_gsi(DOMID_SELF, gsi, &pirq), 0, "map_pirq pirq = GSI");
    check_eq(pirq, gsi, "the pirq asked for is honoured");
    check_eq(map_gsi(DOMID_SELF, gsi, &pirq), 0, "mapping it again as it is");
    check_eq(map_gsi(DOMID_SELF, gsi, &other), EBUSY_, "the same GSI to a second pirq");
    check_eq(physdev(PHYSDEVOP_get_free_pirq, &f), 0, "get_free_pirq");
    check_eq(f.pirq, 255, "get_free_pirq: the highest");
    check_eq(map_gsi(DOMID_SELF, gsi + 1, &any), 0, "map_pirq with pirq -1");
    check_eq(any, 254, "pirq -1 takes the highest free (255 is reserved)");
    check_eq(unmap(DOMID_SELF, any), 0, "unmap it");
    check_eq(unmap(DOMID_SELF, f.pirq), 0, "give back the reserved pirq");
    check_eq(status_query(gsi, &flags), 0, "irq_status_query");
    check(flags & XENIRQSTAT_needs_eoi, "a level-triggered pirq needs an EOI");
}

static long irq_permission(domid_t domid, uint32_t irq, bool allow)
{
    struct xen_domctl op;

    memset(&op, 0, sizeof(op));
    op.cmd = XEN_DOMCTL_irq_permission;
    op.interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    op.domain = domid;
    op.u.irq_permission.pirq = irq;
    op.u.irq_permission.allow_access = allow;
    return hypercall1(__HYPERVISOR_domctl, &op);
}

/* Domain 1 holds the GSI until it ends; then dom0 binds it. */
static evtchn_port_t share_with_domain1(int gsi)
{
    struct evtchn_status st = { .dom = 1, .port = 1 };
    struct evtchn_bind_interdomain answer = { .remote_dom = 1, .remote_port = 1 };
    evtchn_port_t port = 0;
    unsigned long i;
    int pirq = D1_PIRQ;
    long rc = EBUSY_;

    /* Domain 1 opens its port 1 for us once it has been refused everything. */
    for ( i = 0; i < PATIENCE; i++ )
    {
        if ( evtchn(EVTCHNOP_status, &st) == 0 && st.status == EVTCHNSTAT_unbound )
            break;
        yield();
    }
    check(i < PATIENCE, "domain 1 went through its refusals");
    check_eq(map_gsi(1, gsi, &pirq), EPERM_, "map_pirq for domain 1 without its permission");
    check_eq(irq_permission(1, gsi, true), 0, "give domain 1 the GSI");
    check_eq(map_gsi(1, gsi, &pirq), 0, "map_pirq for domain 1");
    check_eq(pirq, D1_PIRQ, "domain 1's pirq");

    /* Domain 1's port 2 is its pirq's; it waits for our answer on port 1 before it ends. */
    st.port = 2;
    for ( i = 0; i < PATIENCE; i++ )
    {
        if ( evtchn(EVTCHNOP_status, &st) == 0 && st.status == EVTCHNSTAT_pirq )
            break;
        yield();
    }
    check(i < PATIENCE && st.u.pirq == D1_PIRQ, "domain 1 bound its pirq");
    check_eq(bind(gsi, &port), EBUSY_, "bind_pirq of a GSI domain 1 has bound");
    check_eq(evtchn(EVTCHNOP_bind_interdomain, &answer), 0, "answer domain 1");

    /* Its end unbinds the GSI; until then it is not ours to bind. */
    for ( i = 0; i < PATIENCE && (rc = bind(gsi, &port)) == EBUSY_; i++ )
        yield();
    check_eq(rc, 0, "bind_pirq once domain 1 was destroyed");
    return port;
}

static void delivery(int gsi, evtchn_port_t port)
{
    struct evtchn_status st = { .dom = DOMID_SELF, .port = port };
    evtchn_port_t again;

    check_eq(bind(gsi, &again), EEXIST_, "bind_pirq twice");
    check_eq(unmap(DOMID_SELF, gsi), EBUSY_, "unmap while bound");
    check_eq(evtchn(EVTCHNOP_status, &st), 0, "status of the pirq port");
    check(st.status == EVTCHNSTAT_pirq && st.u.pirq == (uint32_t)gsi, "status: pirq %d", gsi);
    check(!event_within(port, QUIET), "no event before the device raises one");

    edu_irq_raise(EDU_IRQ_BIT);
    check(edu_irq_status() & EDU_IRQ_BIT, "edu's interrupt status");
    check(event_within(port, PATIENCE), "the raised interrupt arrives as an event");
    check(!event_within(port, QUIET), "the line still asserted: masked until the EOI");
    edu_irq_ack(EDU_IRQ_BIT);
    check_eq(eoi(gsi), 0, "eoi");
    check(!event_within(port, QUIET), "acknowledged before the EOI: nothing more");

    edu_irq_raise(EDU_IRQ_BIT);
    check(event_within(port, PATIENCE), "raised again: it arrives again");
    edu_irq_ack(EDU_IRQ_BIT);
    check_eq(eoi(gsi), 0, "eoi");

    check_eq(evtchn(EVTCHNOP_close, &port), 0, "close the pirq port");
    edu_irq_raise(EDU_IRQ_BIT);
    check(!event_within(port, QUIET), "after close a raise reaches nobody");
    edu_irq_ack(EDU_IRQ_BIT);
    check_eq(eoi(gsi), 0, "eoi of a mapped, unbound pirq");
    check_eq(unmap(DOMID_SELF, gsi), 0, "unmap");
}

static void domain0(void)
{
    evtchn_port_t port;
    int gsi;

    if ( !edu_init() )
        return fail("edu");
    gsi = edu_gsi();
    printf("test-pirq: edu's INTx is GSI %d\n", gsi);
    edu_irq_ack(~0u);
    refusals(gsi);
    pirq_numbers(gsi);
    port = share_with_domain1(gsi);
    if ( port )
        delivery(gsi, port);
}

static void domain1(void)
{
    struct evtchn_alloc_unbound a = { .dom = DOMID_SELF, .remote_dom = 0 };
    evtchn_port_t port;
    uint32_t flags = 0;
    unsigned long i;
    int pirq = -1;

    check_eq(setup_gsi(D1_GSI, 1, 1), EPERM_, "setup_gsi from domain 1");
    check_eq(map_gsi(0, D1_GSI, &pirq), EPERM_, "map_pirq for dom0 from domain 1");
    check_eq(unmap(0, D1_GSI), EPERM_, "unmap_pirq for dom0 from domain 1");
    pirq = D1_PIRQ;
    check_eq(map_gsi(DOMID_SELF, D1_GSI, &pirq), EPERM_,
             "map_pirq of a GSI domain 1 has no permission for");
    check_eq(bind(D1_GSI, &port), EPERM_, "bind_pirq of dom0's pirq (not ours)");
    check_eq(evtchn(EVTCHNOP_alloc_unbound, &a), 0, "tell dom0 we are through");
    check_eq(a.port, 1, "the port dom0 looks at");

    /* dom0 maps our pirq; a level-triggered mapped pirq says it needs an EOI. */
    for ( i = 0; i < PATIENCE && !(flags & XENIRQSTAT_needs_eoi); i++ )
    {
        check_eq(status_query(D1_PIRQ, &flags), 0, "irq_status_query");
        yield();
    }
    check(flags & XENIRQSTAT_needs_eoi, "dom0 mapped our pirq");
    check_eq(bind(D1_PIRQ, &port), 0, "bind_pirq of the pirq dom0 mapped for us");
    check_eq(port, 2, "the port dom0 looks at");
    /* dom0's answer on port 1 says it saw the bind; we end without a close. */
    for ( i = 0; i < PATIENCE; i++ )
    {
        struct evtchn_status st = { .dom = DOMID_SELF, .port = 1 };

        if ( evtchn(EVTCHNOP_status, &st) == 0 && st.status == EVTCHNSTAT_interdomain )
            break;
        yield();
    }
    check(i < PATIENCE, "dom0 answered");
}

void test_main(void)
{
    if ( !(shared = map_shared_info(shared_window)) )
        return;
    /* Events stay masked in vcpu_info: the test looks at the pending bits itself. */
    if ( start_info->flags & SIF_INITDOMAIN )
        domain0();
    else
        domain1();
    printf("test-pirq: physical interrupts checked\n");
}
