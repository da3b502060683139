/*
 * The shared-ring transport over plain memory: byte moves with indexes
 * about to wrap, full and empty rings, broken indexes; and a domain's
 * connection fed requests in pieces and answering through a ring smaller
 * than its answer, with a pipe standing for the event channel.
 */
#include "check_run.h"
#include <errno.h>
#include <stdint.h>
#include <unistd.h>

#include "domain.h"
#include "ring.h"
#include "ring_backend.h"
#include "store_test.h"

static struct xenstore_domain_interface page;

START_TEST(wrap_around)
{
    char out[XENSTORE_RING_SIZE], in[XENSTORE_RING_SIZE];
    for (unsigned int i = 0; i < sizeof(out); i++)
        out[i] = (char)(i * 7 + 1);
    /* indexes 3 bytes before the 32-bit wrap, mid-ring */
    page.req_cons = page.req_prod = UINT32_MAX - 2;
    for (int round = 0; round < 5; round++) {
        ck_assert_int_eq(ring_put(page.req, &page.req_cons, &page.req_prod, out, 700), 700);
        ck_assert_uint_eq((XENSTORE_RING_IDX)(page.req_prod - page.req_cons), 700);
        /* only the free space goes in */
        ck_assert_int_eq(ring_put(page.req, &page.req_cons, &page.req_prod, out + 700, 400),
                         XENSTORE_RING_SIZE - 700);
        ck_assert_int_eq(ring_put(page.req, &page.req_cons, &page.req_prod, out, 1), 0);
        ck_assert_int_eq(ring_get(page.req, &page.req_cons, &page.req_prod, in, 100), 100);
        ck_assert_int_eq(ring_get(page.req, &page.req_cons, &page.req_prod, in + 100,
                                  sizeof(in)), XENSTORE_RING_SIZE - 100);
        ck_assert_int_eq(memcmp(in, out, XENSTORE_RING_SIZE), 0);
        ck_assert_int_eq(ring_get(page.req, &page.req_cons, &page.req_prod, in, 1), 0);
    }
    ck_assert_uint_lt(page.req_prod, 10000);          /* it did wrap */
}
END_TEST

START_TEST(broken_indexes)
{
    char buf[8] = { 0 };
    page.rsp_cons = 0;
    page.rsp_prod = XENSTORE_RING_SIZE + 1;           /* more than a ring's worth */
    ck_assert_int_eq(ring_get(page.rsp, &page.rsp_cons, &page.rsp_prod, buf, 8), -1);
    ck_assert_int_eq(ring_put(page.rsp, &page.rsp_cons, &page.rsp_prod, buf, 8), -1);
    page.rsp_cons = 5;
    page.rsp_prod = 4;                                /* consumer ahead of producer */
    ck_assert_int_eq(ring_get(page.rsp, &page.rsp_cons, &page.rsp_prod, buf, 8), -1);
}
END_TEST

/* A backend whose page is a static buffer and whose kicks are a pipe. */
static struct xenstore_domain_interface *ring_page;
static int kicks[2], kicks_to_guest;

static int pipe_open(struct ring_backend *be, unsigned int domid, uint64_t mfn,
                     unsigned int port, struct ring_channel *ch)
{
    ring_page = calloc(1, 4096);
    ck_assert_int_eq(pipe(kicks), 0);
    ch->intf = ring_page;
    ch->notify_fd = kicks[0];
    return 0;
}
static void pipe_kick(struct ring_backend *be, struct ring_channel *ch) { kicks_to_guest++; }
static void pipe_ack(struct ring_backend *be, struct ring_channel *ch) {}
static void pipe_close(struct ring_backend *be, struct ring_channel *ch)
{
    free(ch->intf);
    close(kicks[0]);
    close(kicks[1]);
}
static struct ring_backend pipe_backend = {
    .open = pipe_open, .kick = pipe_kick, .ack = pipe_ack, .close = pipe_close,
};

static struct conn *introduce(void)
{
    st.rings = &pipe_backend;
    ck_assert_int_eq(domain_introduce(&st, 9, 1, 1), 0);
    struct domain *dom = domain_find(&st, 9);
    ck_assert_ptr_nonnull(dom);
    ck_assert_uint_eq(ring_page->server_features & XENSTORE_SERVER_FEATURE_ERROR,
                      XENSTORE_SERVER_FEATURE_ERROR);
    return dom->conn;
}

static void put_bytes(const void *data, size_t len)
{
    ck_assert_int_eq(ring_put(ring_page->req, &ring_page->req_cons, &ring_page->req_prod,
                              data, len), (ssize_t)len);
}

START_TEST(partial_messages)
{
    struct conn *c = introduce();
    struct conn *d0 = dom_conn(0);
    write_value(d0, 0, "/local/domain/9", "");
    expect_ok(d0, XS_SET_PERMS, 0, P("/local/domain/9\0n9"));
    char value[3000];
    memset(value, 'q', sizeof(value));
    char msg[sizeof(struct xsd_sockmsg) + 4 + sizeof(value)];
    struct xsd_sockmsg h = { XS_WRITE, 77, 0, 4 + sizeof(value) };
    memcpy(msg, &h, sizeof(h));
    memcpy(msg + sizeof(h), "big", 4);
    memcpy(msg + sizeof(h) + 4, value, sizeof(value));
    st.quota.entry_size = 0;
    /* the header arrives in two pieces: nothing happens until it is whole */
    put_bytes(msg, 5);
    conn_input(c);
    ck_assert_int_eq(queued(c), 0);
    size_t off = 5;
    while (off < sizeof(msg)) {
        size_t n = sizeof(msg) - off < 600 ? sizeof(msg) - off : 600;
        put_bytes(msg + off, n);
        off += n;
        conn_input(c);
        ck_assert(!c->dead);
        if (off < sizeof(msg))
            ck_assert_int_eq(queued(c), 0);
    }
    struct answer a;
    conn_flush(c);
    char rsp[64];
    ck_assert_int_eq(ring_get(ring_page->rsp, &ring_page->rsp_cons, &ring_page->rsp_prod,
                              rsp, sizeof(rsp)), sizeof(h) + 3);
    memcpy(&h, rsp, sizeof(h));
    ck_assert_uint_eq(h.type, XS_WRITE);
    ck_assert_uint_eq(h.req_id, 77);
    ck_assert_str_eq(rsp + sizeof(h), "OK");
    ck_assert_uint_gt(kicks_to_guest, 0);
    /* a 3000-byte answer passes through the 1024-byte ring as it drains */
    h = (struct xsd_sockmsg){ XS_READ, 78, 0, 4 };
    put_bytes(&h, sizeof(h));
    put_bytes("big", 4);
    conn_input(c);
    char got[sizeof(struct xsd_sockmsg) + sizeof(value)];
    size_t have = 0;
    for (int spins = 0; have < sizeof(got) && spins < 100; spins++) {
        conn_flush(c);
        ssize_t n = ring_get(ring_page->rsp, &ring_page->rsp_cons, &ring_page->rsp_prod,
                             got + have, sizeof(got) - have);
        ck_assert_int_ge(n, 0);
        have += (size_t)n;
    }
    ck_assert_uint_eq(have, sizeof(got));
    ck_assert_int_eq(memcmp(got + sizeof(h), value, sizeof(value)), 0);
    (void)a;
}
END_TEST

START_TEST(oversized_message_disconnects)
{
    struct conn *c = introduce();
    struct xsd_sockmsg h = { XS_WRITE, 1, 0, XENSTORE_PAYLOAD_MAX + 1 };
    put_bytes(&h, sizeof(h));
    conn_input(c);
    ck_assert(c->dead);
    store_reap(&st);
    ck_assert_ptr_null(domain_find(&st, 9)->conn);
}
END_TEST

START_TEST(broken_ring_disconnects)
{
    struct conn *c = introduce();
    ring_page->req_prod = ring_page->req_cons + XENSTORE_RING_SIZE + 5;
    conn_input(c);
    ck_assert(c->dead);
    ck_assert_uint_eq(ring_page->error, XENSTORE_ERROR_RINGIDX);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("store-ring");
    TCase *bytes = tcase_create("bytes");
    tcase_add_test(bytes, wrap_around);
    tcase_add_test(bytes, broken_indexes);
    suite_add_tcase(s, bytes);
    TCase *conn = tcase_create("connection");
    tcase_add_checked_fixture(conn, store_setup, store_teardown);
    tcase_add_test(conn, partial_messages);
    tcase_add_test(conn, oversized_message_disconnects);
    tcase_add_test(conn, broken_ring_disconnects);
    suite_add_tcase(s, conn);
    return run_suite(s, CK_FORK);
}
