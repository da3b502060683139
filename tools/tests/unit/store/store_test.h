/*
 * Helpers of the in-process xenstored tests: a store, connections whose
 * answers stay in their queue, and requests built from NUL-separated
 * strings.  Every helper fails the Check test on a surprise.
 */
#ifndef STORE_TEST_H
#define STORE_TEST_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "ops.h"
#include "store.h"

struct answer {
    uint32_t type, req_id, tx_id, len;
    char body[XENSTORE_PAYLOAD_MAX + 1];
};

static ssize_t quiet_read(struct conn *c, void *b, size_t l) { return 0; }
static ssize_t quiet_write(struct conn *c, const void *b, size_t l) { return (ssize_t)l; }
static const struct conn_ops quiet_ops = { .read = quiet_read, .write = quiet_write };

static struct store st;

static inline void store_setup(void)
{
    ck_assert_int_eq(store_init(&st), 0);
}

static inline void store_teardown(void)
{
    store_free(&st);
}

static inline struct conn *dom_conn(unsigned int domid)
{
    struct caller who = { .domid = domid, .privileged = domid == 0 };
    char id[32];
    snprintf(id, sizeof(id), "test dom%u", domid);
    struct conn *c = conn_new(&st, &quiet_ops, NULL, -1, &who, id);
    ck_assert_ptr_nonnull(c);
    return c;
}

/* Pops the oldest queued message of C (there must be one). */
static inline void take(struct conn *c, struct answer *a)
{
    struct out_msg *m = c->out_head;
    ck_assert_msg(m != NULL, "%s: no message queued", c->id);
    struct xsd_sockmsg h;
    memcpy(&h, m->data, sizeof(h));
    a->type = h.type;
    a->req_id = h.req_id;
    a->tx_id = h.tx_id;
    a->len = h.len;
    memcpy(a->body, m->data + sizeof(h), h.len);
    a->body[h.len] = '\0';
    c->out_head = m->next;
    if (!c->out_head)
        c->out_tail = NULL;
    free(m);
}

static inline int queued(const struct conn *c)
{
    int n = 0;
    for (const struct out_msg *m = c->out_head; m; m = m->next)
        n++;
    return n;
}

/* Sends LEN bytes of PAYLOAD as TYPE in TX and takes the answer. */
static inline void request(struct conn *c, uint32_t type, uint32_t tx, const char *payload,
                           size_t len, struct answer *a)
{
    static uint32_t req_id = 100;
    struct xsd_sockmsg h = { type, ++req_id, tx, (uint32_t)len };
    char *copy = malloc(len + 1);
    memcpy(copy, payload, len);
    copy[len] = '\0';
    ops_handle(c, &h, copy);
    free(copy);
    take(c, a);
    ck_assert_uint_eq(a->req_id, req_id);
}

/* A payload literal with its embedded NULs: P("a\0b") is "a\0b\0", 4 bytes. */
#define P(lit) lit, sizeof(lit)

#define expect_ok(c, mtype, tx, payload)                                           \
    do {                                                                          \
        struct answer a_;                                                         \
        request(c, mtype, tx, payload, &a_);                                       \
        ck_assert_msg(a_.type == (mtype), "%s: got %s", #mtype,                    \
                      a_.type == XS_ERROR ? a_.body : "another type");            \
    } while (0)

#define expect_err(c, mtype, tx, payload, name)                                    \
    do {                                                                          \
        struct answer a_;                                                         \
        request(c, mtype, tx, payload, &a_);                                       \
        ck_assert_msg(a_.type == XS_ERROR, "%s: expected %s, succeeded", #mtype, name); \
        ck_assert_str_eq(a_.body, name);                                          \
    } while (0)

static inline void write_value(struct conn *c, uint32_t tx, const char *path, const char *v)
{
    char buf[4096];
    size_t pl = strlen(path) + 1, vl = strlen(v);
    memcpy(buf, path, pl);
    memcpy(buf + pl, v, vl);
    struct answer a;
    request(c, XS_WRITE, tx, buf, pl + vl, &a);
    ck_assert_msg(a.type == XS_WRITE, "write %s: %s", path, a.body);
}

/* The value at PATH, or the error name. */
static inline const char *read_value(struct conn *c, uint32_t tx, const char *path,
                                     struct answer *a)
{
    request(c, XS_READ, tx, path, strlen(path) + 1, a);
    return a->body;
}

static inline void expect_event(struct conn *c, const char *path, const char *token)
{
    struct answer a;
    take(c, &a);
    ck_assert_uint_eq(a.type, XS_WATCH_EVENT);
    ck_assert_str_eq(a.body, path);
    ck_assert_str_eq(a.body + strlen(a.body) + 1, token);
}

#endif
