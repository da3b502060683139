/*
 * The pirq tables and the GSI interrupt handler (arch/x86/pirq.c) on a fake
 * IO-APIC of 24 pins (GSI 4 the hypervisor's) and a fake event sender:
 * pirq choice and reservation, one pirq per GSI and domain, one bound
 * domain per GSI, a level pin masked by its interrupt until the owner's
 * EOI, an edge pin never masked, nothing delivered for an unbound GSI,
 * setup_gsi's trigger used at bind, and destroy freeing the table.
 */
#include <stdlib.h>
#include <string.h>

#include <asm/io_apic.h>
#include <asm/pirq.h>
#include <public/physdev.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/irq.h>
#include <xen/sched.h>

#include "hostenv.h"

#define NR_PINS         24
#define SERIAL_GSI      4

static struct {
    bool routed, masked, level, active_low;
    unsigned int vector;
} pins[NR_PINS];

static struct {
    irq_handler_t handler;
    void *data;
} vectors[256];
static unsigned int next_vector = 0x30;

static struct domain dom_a, dom_b;
static struct vcpu vcpu_a, vcpu_b;
static unsigned int events_a[NR_EVTCHN_PORTS], events_b[NR_EVTCHN_PORTS];

/* The services pirq.c uses, played by the test. */
bool io_apic_has_gsi(uint32_t gsi) { return gsi < NR_PINS; }
bool io_apic_gsi_for_guests(uint32_t gsi) { return gsi < NR_PINS && gsi != SERIAL_GSI; }
void io_apic_gsi_default_mode(uint32_t gsi, bool *level, bool *active_low)
{
    *level = *active_low = gsi >= 16;
}
int io_apic_route_guest_gsi(uint32_t gsi, unsigned int vector, uint32_t dest, bool level,
                            bool active_low)
{
    ck_assert(io_apic_gsi_for_guests(gsi));
    pins[gsi].routed = true;
    pins[gsi].masked = false;
    pins[gsi].vector = vector;
    pins[gsi].level = level;
    pins[gsi].active_low = active_low;
    return 0;
}
void io_apic_guest_gsi_mask(uint32_t gsi, bool masked)
{
    ck_assert(io_apic_gsi_for_guests(gsi));
    pins[gsi].masked = masked;
}
int irq_alloc_vector(const char *name, irq_handler_t handler, void *data)
{
    vectors[next_vector].handler = handler;
    vectors[next_vector].data = data;
    return next_vector++;
}
uint32_t apic_id(void) { return 0; }
void evtchn_set_pending(struct vcpu *v, unsigned int port)
{
    ck_assert_uint_lt(port, NR_EVTCHN_PORTS);
    (v->domain == &dom_a ? events_a : events_b)[port]++;
}

/* The pin fires: what the CPU's do_IRQ does with its vector. */
static void fire(uint32_t gsi)
{
    unsigned int v = pins[gsi].vector;

    ck_assert(pins[gsi].routed);
    if ( pins[gsi].masked )
        return;                             /* a masked pin sends nothing */
    ck_assert_ptr_nonnull(vectors[v].handler);
    vectors[v].handler(NULL, vectors[v].data);
}

static void setup(void)
{
    memset(pins, 0, sizeof(pins));
    for ( unsigned int g = 0; g < NR_PINS; g++ )
        pins[g].masked = true;
    memset(events_a, 0, sizeof(events_a));
    memset(events_b, 0, sizeof(events_b));
    memset(&dom_a, 0, sizeof(dom_a));
    memset(&dom_b, 0, sizeof(dom_b));
    dom_a.domain_id = 0;
    dom_b.domain_id = 1;
    vcpu_a.domain = &dom_a;
    vcpu_b.domain = &dom_b;
    dom_a.vcpu[0] = &vcpu_a;
    dom_b.vcpu[0] = &vcpu_b;
    dom_a.evtchn = calloc(NR_EVTCHN_PORTS, sizeof(struct evtchn));
    dom_b.evtchn = calloc(NR_EVTCHN_PORTS, sizeof(struct evtchn));
}

static void teardown(void)
{
    pirq_domain_destroy(&dom_a);
    pirq_domain_destroy(&dom_b);
    ck_assert_ptr_null(dom_a.pirqs);
    free(dom_a.evtchn);
    free(dom_b.evtchn);
}

static int map(struct domain *d, uint32_t gsi, int pirq)
{
    int rc = pirq_map_gsi(d, gsi, &pirq);

    return rc ? rc : pirq;
}

START_TEST(test_pirq_numbers)
{
    uint32_t reserved;

    ck_assert_int_eq(map(&dom_a, 24, -1), -EINVAL);
    ck_assert_int_eq(map(&dom_a, SERIAL_GSI, -1), -EPERM);
    ck_assert_int_eq(map(&dom_a, 20, NR_DOMAIN_PIRQS), -EINVAL);
    ck_assert_int_eq(map(&dom_a, 20, -2), -EINVAL);
    ck_assert_int_eq(map(&dom_a, 20, 20), 20);
    ck_assert_int_eq(map(&dom_a, 20, 20), 20);                 /* again as it is */
    ck_assert_int_eq(map(&dom_a, 20, 30), -EBUSY);             /* one pirq per GSI */
    ck_assert_int_eq(map(&dom_a, 21, 20), -EBUSY);             /* one GSI per pirq */
    ck_assert_int_eq(pirq_get_free(&dom_a, &reserved), 0);
    ck_assert_uint_eq(reserved, NR_DOMAIN_PIRQS - 1);
    ck_assert_int_eq(map(&dom_a, 21, -1), NR_DOMAIN_PIRQS - 2);  /* the reserved one stays */
    ck_assert_int_eq(map(&dom_a, 22, reserved), (int)reserved);  /* ... for who asks for it */
    ck_assert_int_eq(map(&dom_b, 20, 7), 7);                   /* another domain may map it */
    ck_assert_int_eq(pirq_unmap(&dom_a, 20), 0);
    ck_assert_int_eq(pirq_unmap(&dom_a, 20), -EINVAL);
    ck_assert_int_eq(pirq_unmap(&dom_a, -1), -EINVAL);
    ck_assert_int_eq(pirq_unmap(&dom_b, 8), -EINVAL);
}
END_TEST

START_TEST(test_level_masked_until_eoi)
{
    uint32_t flags;

    ck_assert_int_eq(map(&dom_a, 20, 20), 20);
    ck_assert_int_eq(pirq_status(&dom_a, 20, &flags), 0);
    ck_assert_uint_eq(flags, XENIRQSTAT_needs_eoi);
    ck_assert_int_eq(pirq_bind(&dom_a, 20, 5), 0);
    ck_assert(pins[20].routed && !pins[20].masked && pins[20].level && pins[20].active_low);

    fire(20);
    ck_assert_uint_eq(events_a[5], 1);
    ck_assert(pins[20].masked);
    fire(20);                                   /* the line is still up: nothing more */
    ck_assert_uint_eq(events_a[5], 1);
    ck_assert_int_eq(pirq_eoi(&dom_b, 20), -EINVAL);          /* not b's pirq */
    ck_assert(pins[20].masked);
    ck_assert_int_eq(pirq_eoi(&dom_a, 20), 0);
    ck_assert(!pins[20].masked);
    fire(20);
    ck_assert_uint_eq(events_a[5], 2);

    ck_assert_int_eq(pirq_bind(&dom_a, 20, 6), -EEXIST);
    ck_assert_int_eq(pirq_unmap(&dom_a, 20), -EBUSY);
    pirq_unbind(&dom_a, 20);
    ck_assert(pins[20].masked);
    ck_assert_int_eq(pirq_eoi(&dom_a, 20), 0);                /* mapped, unbound: no unmask */
    ck_assert(pins[20].masked);
    ck_assert_int_eq(pirq_unmap(&dom_a, 20), 0);
}
END_TEST

START_TEST(test_edge_and_setup_gsi)
{
    uint32_t flags;

    ck_assert_int_eq(pirq_setup_gsi(SERIAL_GSI, false, false), -EPERM);
    ck_assert_int_eq(pirq_setup_gsi(99, false, false), -EINVAL);
    ck_assert_int_eq(pirq_setup_gsi(10, false, false), 0);
    ck_assert_int_eq(pirq_setup_gsi(17, false, true), 0);     /* a PCI GSI said to be edge */
    ck_assert_int_eq(map(&dom_a, 17, 17), 17);
    ck_assert_int_eq(pirq_status(&dom_a, 17, &flags), 0);
    ck_assert_uint_eq(flags, 0);
    ck_assert_int_eq(pirq_bind(&dom_a, 17, 3), 0);
    ck_assert(!pins[17].level && pins[17].active_low);
    ck_assert_int_eq(pirq_setup_gsi(17, true, true), -EBUSY); /* bound: not changed under it */
    fire(17);
    fire(17);
    ck_assert_uint_eq(events_a[3], 2);
    ck_assert(!pins[17].masked);
    pirq_unbind(&dom_a, 17);
}
END_TEST

START_TEST(test_one_domain_per_gsi)
{
    ck_assert_int_eq(map(&dom_a, 21, 21), 21);
    ck_assert_int_eq(map(&dom_b, 21, 40), 40);
    ck_assert_int_eq(pirq_bind(&dom_b, 9, 2), -EPERM);        /* b has nothing at pirq 9 */
    ck_assert_int_eq(pirq_bind(&dom_b, 40, 2), 0);
    ck_assert_int_eq(pirq_bind(&dom_a, 21, 4), -EBUSY);
    fire(21);
    ck_assert_uint_eq(events_b[2], 1);
    ck_assert_uint_eq(events_a[4], 0);
    pirq_unbind(&dom_b, 40);
    ck_assert_int_eq(pirq_eoi(&dom_b, 40), 0);
    ck_assert(pins[21].masked);                 /* unbinding cleared the wait for an EOI */
    ck_assert_int_eq(pirq_bind(&dom_a, 21, 4), 0);
    fire(21);
    ck_assert_uint_eq(events_a[4], 1);
    ck_assert_uint_eq(events_b[2], 1);
    pirq_unbind(&dom_a, 21);
}
END_TEST

START_TEST(test_unbound_gsi_reaches_nobody)
{
    ck_assert_int_eq(map(&dom_a, 22, 22), 22);
    ck_assert_int_eq(pirq_bind(&dom_a, 22, 8), 0);
    pirq_unbind(&dom_a, 22);
    /* An interrupt already on its way when the pin was masked. */
    vectors[pins[22].vector].handler(NULL, vectors[pins[22].vector].data);
    ck_assert_uint_eq(events_a[8], 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("pirq");
    TCase *tc = tcase_create("pirq");

    /* Each case in its own process: pirq.c's GSI states start fresh in every one. */
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_pirq_numbers);
    tcase_add_test(tc, test_level_masked_until_eoi);
    tcase_add_test(tc, test_edge_and_setup_gsi);
    tcase_add_test(tc, test_one_domain_per_gsi);
    tcase_add_test(tc, test_unbound_gsi_reaches_nobody);
    suite_add_tcase(s, tc);
    return hostenv_run_suite(s);
}
