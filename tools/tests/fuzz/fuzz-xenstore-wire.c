/*
 * libFuzzer target: the input is a byte stream a client sends xenstored.
 * It is fed through a connection in pieces, as a socket would deliver
 * it, to the real decoder and handlers on a store with a few nodes, one
 * privileged and one domain connection alternating.  Any crash, leak or
 * sanitizer report is a bug; so is an answer the wire forbids (longer
 * than XENSTORE_PAYLOAD_MAX, or an unknown type).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "store.h"

struct feed {
    const uint8_t *data;
    size_t len, off, chunk;
};

static ssize_t feed_read(struct conn *c, void *buf, size_t len)
{
    struct feed *f = c->transport;
    size_t n = f->len - f->off;
    if (n > len)
        n = len;
    if (n > f->chunk)
        n = f->chunk;
    memcpy(buf, f->data + f->off, n);
    f->off += n;
    return (ssize_t)n;
}

static ssize_t check_write(struct conn *c, const void *buf, size_t len)
{
    struct xsd_sockmsg h;
    if (len < sizeof(h))
        abort();
    memcpy(&h, buf, sizeof(h));
    if (h.len > XENSTORE_PAYLOAD_MAX || h.len + sizeof(h) != len ||
        (h.type >= XS_TYPE_COUNT))
        abort();
    return (ssize_t)len;
}

static const struct conn_ops feed_ops = { .read = feed_read, .write = check_write };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct store st;
    if (store_init(&st))
        return 0;
    st.quota.nodes = 50;
    struct feed f0 = { data, size, 0, 1 + (size % 64) }, f1 = f0;
    struct caller dom0 = { .domid = 0, .privileged = true }, dom1 = { .domid = 1 };
    struct conn *c0 = conn_new(&st, &feed_ops, &f0, -1, &dom0, "fuzz dom0");
    struct conn *c1 = conn_new(&st, &feed_ops, &f1, -1, &dom1, "fuzz dom1");
    tree_write(&st.tree, "/local/domain/1/name", "guest", 5, NULL);
    /* The first half of the input is dom0's, the rest the domain's. */
    f0.len = size / 2;
    f1.off = size / 2;
    while (!c0->dead && f0.off < f0.len) {
        conn_input(c0);
        conn_flush(c0);
        conn_flush(c1);
    }
    while (!c1->dead && f1.off < f1.len) {
        conn_input(c1);
        conn_flush(c0);
        conn_flush(c1);
    }
    store_free(&st);
    return 0;
}
