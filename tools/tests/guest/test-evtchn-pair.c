/*
 * Interdomain event channels between dom0 and domain 1 (second-domain,
 * the same kernel in both, telling its role from start_info).  Domain 1
 * opens an unbound port for dom0 and passes its number in a granted
 * page; dom0 binds it, is told of the binding by an event, and sends;
 * domain 1 answers on its port; dom0 closes, and domain 1 sees its port
 * unbound again.  Status, refusals (ports not offered, other domains'
 * ports from an unprivileged domain, closed ports) are checked on the way.
 */
#include <public/event_channel.h>
#include <public/sched.h>

#include "grant.h"
#include "guest.h"
#include "mm.h"

#define REF_PORT    8
#define PATIENCE    50000000UL

DEFINE_WINDOW(shared_window);
DEFINE_WINDOW(port_page);

static volatile struct shared_info *shared;

static long evtchn(unsigned int cmd, void *arg)
{
    return hypercall2(__HYPERVISOR_event_channel_op, cmd, arg);
}

/* Wait for a port to become pending, and consume it. */
static bool wait_pending(evtchn_port_t port)
{
    volatile xen_ulong_t *word = &shared->evtchn_pending[port / 64];
    xen_ulong_t bit = 1UL << (port % 64);

    for ( unsigned long polls = 0; polls < PATIENCE; polls++ )
    {
        if ( *word & bit )
        {
            __atomic_fetch_and(word, ~bit, __ATOMIC_SEQ_CST);
            return true;
        }
        hypercall2(__HYPERVISOR_sched_op, SCHEDOP_yield, 0);
    }
    return false;
}

static struct evtchn_status port_status(domid_t dom, evtchn_port_t port, long *rc)
{
    struct evtchn_status st = { .dom = dom, .port = port };

    *rc = evtchn(EVTCHNOP_status, &st);
    return st;
}

static void domain1(void)
{
    struct evtchn_alloc_unbound a = { .dom = DOMID_SELF, .remote_dom = 0 };
    struct evtchn_bind_interdomain b = { .remote_dom = 0, .remote_port = 1 };
    struct grant_entry_v1 *table = grant_table_setup();
    struct evtchn_status st;
    unsigned long polls;
    long rc;

    check_eq(evtchn(EVTCHNOP_alloc_unbound, &a), 0, "alloc_unbound for dom0");
    st = port_status(DOMID_SELF, a.port, &rc);
    check(rc == 0 && st.status == EVTCHNSTAT_unbound && st.u.unbound.dom == 0,
          "status: unbound, for dom0");
    {
        struct evtchn_alloc_unbound other = { .dom = 0, .remote_dom = DOMID_SELF };

        check_eq(evtchn(EVTCHNOP_alloc_unbound, &other), -1,
                 "a port in dom0's table from domain 1: -EPERM");
    }
    port_status(0, 1, &rc);
    check_eq(rc, -1, "status of dom0's port from domain 1: -EPERM");
    check_eq(evtchn(EVTCHNOP_bind_interdomain, &b), -22, "bind a port dom0 never offered");
    b.remote_dom = 99;
    check_eq(evtchn(EVTCHNOP_bind_interdomain, &b), -3, "bind to a domain that is not there");

    /* Tell dom0 the port: the first word of a page granted to it. */
    *(volatile uint32_t *)port_page = a.port;
    check(table != NULL, "grant table");
    if ( table == NULL )
        return;
    grant_offer(table, REF_PORT, 0, virt_to_mfn(port_page), true);

    check(wait_pending(a.port), "dom0's event arrived on our port");
    st = port_status(DOMID_SELF, a.port, &rc);
    check(rc == 0 && st.status == EVTCHNSTAT_interdomain && st.u.interdomain.dom == 0,
          "status: interdomain with dom0");
    check_eq(evtchn(EVTCHNOP_send, &a.port), 0, "answer dom0");

    /* dom0 closes its end: ours waits for it again. */
    for ( polls = 0; polls < PATIENCE; polls++ )
    {
        st = port_status(DOMID_SELF, a.port, &rc);
        if ( st.status == EVTCHNSTAT_unbound )
            break;
        hypercall2(__HYPERVISOR_sched_op, SCHEDOP_yield, 0);
    }
    check(st.status == EVTCHNSTAT_unbound && st.u.unbound.dom == 0,
          "after dom0 closed: unbound for dom0 again");
    check_eq(evtchn(EVTCHNOP_close, &a.port), 0, "close");
    check_eq(evtchn(EVTCHNOP_send, &a.port), -22, "send on a closed port");
    table[REF_PORT].flags = 0;
}

static void domain0(void)
{
    struct evtchn_bind_interdomain b = { .remote_dom = 1 };
    struct evtchn_status st;
    grant_handle_t h;
    int16_t gst = GNTST_bad_domain;
    long rc;

    for ( unsigned long polls = 0; polls < PATIENCE && gst != GNTST_okay; polls++ )
    {
        gst = grant_map(1, REF_PORT, GNTMAP_host_map | GNTMAP_readonly, port_page, &h, NULL);
        if ( gst != GNTST_okay )
            hypercall2(__HYPERVISOR_sched_op, SCHEDOP_yield, 0);
    }
    check_eq(gst, GNTST_okay, "domain 1's page with its port number");
    if ( gst != GNTST_okay )
        return;
    b.remote_port = *(volatile uint32_t *)port_page;
    check_eq(grant_unmap(h, port_page), GNTST_okay, "unmap it");

    check_eq(evtchn(EVTCHNOP_bind_interdomain, &b), 0, "bind_interdomain");
    check(wait_pending(b.local_port), "the binding is announced by an event");
    st = port_status(DOMID_SELF, b.local_port, &rc);
    check(rc == 0 && st.status == EVTCHNSTAT_interdomain && st.u.interdomain.dom == 1 &&
          st.u.interdomain.port == b.remote_port, "status: interdomain with domain 1's port");
    st = port_status(1, b.remote_port, &rc);
    check(rc == 0 && st.status == EVTCHNSTAT_interdomain && st.u.interdomain.port == b.local_port,
          "dom0 may read domain 1's port status");
    check_eq(evtchn(EVTCHNOP_bind_interdomain, &b), -22, "bind the same port twice");
    check_eq(evtchn(EVTCHNOP_send, &b.local_port), 0, "send to domain 1");
    check(wait_pending(b.local_port), "domain 1 answered");
    check_eq(evtchn(EVTCHNOP_close, &b.local_port), 0, "close");
    st = port_status(DOMID_SELF, b.local_port, &rc);
    check(rc == 0 && st.status == EVTCHNSTAT_closed, "status: closed");
}

void test_main(void)
{
    if ( !(shared = map_shared_info(shared_window)) )
        return;
    /* Events stay masked in vcpu_info: this test looks at the pending bits itself. */
    if ( start_info->flags & SIF_INITDOMAIN )
        domain0();
    else
        domain1();
    printf("test-evtchn-pair: interdomain channel checked\n");
}
