/*
 * xenstored's request handlers in one process: the tree, permissions,
 * transactions, quotas and watches, driven through ops_handle() exactly as
 * the transports drive it, answers read from the connections' queues.
 */
#include "check_run.h"
#include <errno.h>
#include <unistd.h>

#include "domain.h"
#include "ring_backend.h"
#include "store_test.h"

/* A ring backend that hands out zeroed pages and pipes. */
static int mem_open(struct ring_backend *be, unsigned int domid, uint64_t mfn,
                    unsigned int port, struct ring_channel *ch)
{
    int p[2];
    if (pipe(p))
        return errno;
    ch->intf = calloc(1, 4096);
    ch->notify_fd = p[0];
    ch->priv = (void *)(long)p[1];
    return 0;
}
static void mem_kick(struct ring_backend *be, struct ring_channel *ch) {}
static void mem_ack(struct ring_backend *be, struct ring_channel *ch) {}
static void mem_close(struct ring_backend *be, struct ring_channel *ch)
{
    free(ch->intf);
    close(ch->notify_fd);
    close((int)(long)ch->priv);
}
static struct ring_backend mem_backend = {
    .open = mem_open, .kick = mem_kick, .ack = mem_ack, .close = mem_close,
};

START_TEST(write_creates_parents)
{
    struct conn *c = dom_conn(0);
    struct answer a;
    write_value(c, 0, "/a/b/c", "hello");
    ck_assert_str_eq(read_value(c, 0, "/a/b/c", &a), "hello");
    ck_assert_str_eq(read_value(c, 0, "/a/b", &a), "");
    ck_assert_uint_eq(a.type, XS_READ);
    write_value(c, 0, "/a/d", "x");
    request(c, XS_DIRECTORY, 0, P("/a"), &a);
    ck_assert_uint_eq(a.len, 4);
    ck_assert_int_eq(memcmp(a.body, "b\0d\0", 4), 0);
    expect_ok(c, XS_MKDIR, 0, P("/a/b"));              /* exists: fine */
    ck_assert_str_eq(read_value(c, 0, "/a/b/c", &a), "hello");
    expect_ok(c, XS_MKDIR, 0, P("/m/n"));
    ck_assert_str_eq(read_value(c, 0, "/m/n", &a), "");
    /* values are bytes: NULs inside survive */
    expect_ok(c, XS_WRITE, 0, P("/bin\0x\0y"));
    request(c, XS_READ, 0, P("/bin"), &a);
    ck_assert_uint_eq(a.len, 4);
    ck_assert_int_eq(memcmp(a.body, "x\0y\0", 4), 0);
}
END_TEST

START_TEST(rm_is_recursive)
{
    struct conn *c = dom_conn(0);
    struct answer a;
    write_value(c, 0, "/a/b/c", "1");
    write_value(c, 0, "/a/b/d", "2");
    write_value(c, 0, "/a/e", "3");
    expect_ok(c, XS_RM, 0, P("/a/b"));
    ck_assert_str_eq(read_value(c, 0, "/a/b/c", &a), "ENOENT");
    ck_assert_str_eq(read_value(c, 0, "/a/b", &a), "ENOENT");
    ck_assert_str_eq(read_value(c, 0, "/a/e", &a), "3");
    expect_ok(c, XS_RM, 0, P("/a/b"));                 /* parent exists: fine */
    expect_err(c, XS_RM, 0, P("/nope/x"), "ENOENT");
    expect_err(c, XS_RM, 0, P("/"), "EINVAL");
    ck_assert_uint_eq(tree_owned_nodes(&st.tree, 0), 3);       /* /, /a, /a/e */
}
END_TEST

START_TEST(bad_paths_refused)
{
    struct conn *c = dom_conn(0);
    static char longp[XENSTORE_ABS_PATH_MAX + 2];
    expect_err(c, XS_READ, 0, P("//a"), "EINVAL");
    expect_err(c, XS_READ, 0, P("/a/"), "EINVAL");
    expect_err(c, XS_WRITE, 0, P("/a b\0v"), "EINVAL");
    expect_err(c, XS_WRITE, 0, P("@introduceDomain\0v"), "EINVAL");
    expect_err(c, XS_READ, 0, P(""), "EINVAL");
    expect_err(c, XS_READ, 0, P("/a\0/b"), "EINVAL");          /* malformed: 2 strings */
    expect_err(c, XS_DIRECTORY_PART, 0, P("/\0" "x"), "EINVAL");
    expect_err(c, XS_DIRECTORY_PART, 0, P("/\0" "-1"), "EINVAL");
    memset(longp, 'a', sizeof(longp) - 1);
    longp[0] = '/';
    struct answer a;
    request(c, XS_READ, 0, longp, sizeof(longp), &a);
    ck_assert_str_eq(a.body, "EINVAL");
    ck_assert(!c->dead);
}
END_TEST

START_TEST(relative_paths_are_homed)
{
    struct conn *d0 = dom_conn(0), *d3 = dom_conn(3);
    struct answer a;
    write_value(d0, 0, "/local/domain/3/x", "");
    expect_ok(d0, XS_SET_PERMS, 0, P("/local/domain/3\0n3"));
    expect_ok(d0, XS_SET_PERMS, 0, P("/local/domain/3/x\0n3"));
    write_value(d3, 0, "x/name", "guest");
    ck_assert_str_eq(read_value(d0, 0, "/local/domain/3/x/name", &a), "guest");
    ck_assert_str_eq(read_value(d3, 0, "x/name", &a), "guest");
    request(d0, XS_GET_DOMAIN_PATH, 0, P("3"), &a);
    ck_assert_str_eq(a.body, "/local/domain/3");
    expect_err(d0, XS_GET_DOMAIN_PATH, 0, P("3x"), "EINVAL");
    expect_err(d0, XS_GET_DOMAIN_PATH, 0, P("32752"), "EINVAL");   /* DOMID_FIRST_RESERVED */
}
END_TEST

START_TEST(permissions_enforced)
{
    struct conn *d0 = dom_conn(0), *d3 = dom_conn(3), *d4 = dom_conn(4);
    struct answer a;
    write_value(d0, 0, "/local/domain/3/secret", "s");
    expect_ok(d0, XS_SET_PERMS, 0, P("/local/domain/3\0n3"));
    expect_ok(d0, XS_SET_PERMS, 0, P("/local/domain/3/secret\0n3"));
    /* the owner may do anything, a stranger nothing */
    ck_assert_str_eq(read_value(d3, 0, "/local/domain/3/secret", &a), "s");
    ck_assert_str_eq(read_value(d4, 0, "/local/domain/3/secret", &a), "EACCES");
    expect_err(d4, XS_WRITE, 0, P("/local/domain/3/secret\0x"), "EACCES");
    expect_err(d4, XS_WRITE, 0, P("/local/domain/3/new\0x"), "EACCES");
    expect_err(d4, XS_RM, 0, P("/local/domain/3/secret"), "EACCES");
    expect_err(d4, XS_DIRECTORY, 0, P("/local/domain/3"), "EACCES");
    expect_err(d4, XS_GET_PERMS, 0, P("/local/domain/3/secret"), "EACCES");
    expect_err(d3, XS_READ, 0, P("/local"), "EACCES");           /* "/" is n0 */
    /* an ACL entry gives domain 4 read access only */
    expect_ok(d3, XS_SET_PERMS, 0, P("/local/domain/3/secret\0n3\0r4"));
    ck_assert_str_eq(read_value(d4, 0, "/local/domain/3/secret", &a), "s");
    expect_err(d4, XS_WRITE, 0, P("/local/domain/3/secret\0x"), "EACCES");
    /* others' bits: b lets everyone read and write */
    expect_ok(d3, XS_SET_PERMS, 0, P("/local/domain/3/secret\0b3"));
    write_value(d4, 0, "/local/domain/3/secret", "by4");
    /* only the owner changes permissions, and may not give a node away */
    expect_err(d4, XS_SET_PERMS, 0, P("/local/domain/3/secret\0b4"), "EACCES");
    expect_err(d3, XS_SET_PERMS, 0, P("/local/domain/3/secret\0b4"), "EPERM");
    expect_err(d3, XS_SET_PERMS, 0, P("/local/domain/3/secret\0q3"), "EINVAL");
    expect_err(d3, XS_SET_PERMS, 0, P("/local/domain/3/secret\0r"), "EINVAL");
    /* nodes a domain creates are its own */
    write_value(d3, 0, "/local/domain/3/mine/deep", "1");
    request(d0, XS_GET_PERMS, 0, P("/local/domain/3/mine/deep"), &a);
    ck_assert_uint_eq(a.len, 3);
    ck_assert_str_eq(a.body, "n3");
    ck_assert_uint_eq(tree_owned_nodes(&st.tree, 3), 4);   /* 3, secret, mine, deep */
    /* privileged operations */
    expect_err(d3, XS_INTRODUCE, 0, P("5\0" "1\0" "1"), "EACCES");
    expect_err(d3, XS_RELEASE, 0, P("5"), "EACCES");
    expect_err(d3, XS_SET_TARGET, 0, P("5\0" "6"), "EACCES");
}
END_TEST

START_TEST(transaction_commit_and_isolation)
{
    struct conn *c = dom_conn(0), *other = dom_conn(0);
    struct answer a;
    write_value(c, 0, "/t/a", "old");
    request(c, XS_TRANSACTION_START, 0, P(""), &a);
    ck_assert_uint_eq(a.type, XS_TRANSACTION_START);
    uint32_t tx = (uint32_t)strtoul(a.body, NULL, 10);
    ck_assert_uint_ne(tx, 0);
    write_value(c, tx, "/t/a", "new");
    write_value(c, tx, "/t/b/c", "made");
    expect_ok(c, XS_RM, tx, P("/t/gone"));
    ck_assert_str_eq(read_value(c, tx, "/t/a", &a), "new");
    ck_assert_str_eq(read_value(other, 0, "/t/a", &a), "old");        /* not yet */
    ck_assert_str_eq(read_value(c, 0, "/t/b/c", &a), "ENOENT");
    expect_ok(c, XS_TRANSACTION_END, tx, P("T"));
    ck_assert_str_eq(read_value(other, 0, "/t/a", &a), "new");
    ck_assert_str_eq(read_value(other, 0, "/t/b/c", &a), "made");
    expect_err(c, XS_READ, tx, P("/t/a"), "ENOENT");          /* it is gone */
    expect_err(c, XS_TRANSACTION_END, 999, P("T"), "ENOENT");
    expect_err(c, XS_TRANSACTION_END, 0, P("T"), "ENOENT");
}
END_TEST

static uint32_t tx_start(struct conn *c)
{
    struct answer a;
    request(c, XS_TRANSACTION_START, 0, P(""), &a);
    ck_assert_uint_eq(a.type, XS_TRANSACTION_START);
    return (uint32_t)strtoul(a.body, NULL, 10);
}

START_TEST(transaction_conflict)
{
    struct conn *c = dom_conn(0), *other = dom_conn(0);
    struct answer a;
    write_value(c, 0, "/t/a", "0");
    write_value(c, 0, "/t/x", "0");
    /* read a value, someone else changes it: EAGAIN, nothing applied */
    uint32_t tx = tx_start(c);
    ck_assert_str_eq(read_value(c, tx, "/t/a", &a), "0");
    write_value(c, tx, "/t/b", "from tx");
    write_value(other, 0, "/t/a", "1");
    expect_err(c, XS_TRANSACTION_END, tx, P("T"), "EAGAIN");
    ck_assert_str_eq(read_value(other, 0, "/t/b", &a), "ENOENT");
    /* disjoint changes both commit */
    tx = tx_start(c);
    write_value(c, tx, "/t/a", "tx");
    write_value(other, 0, "/t/x", "other");
    expect_ok(c, XS_TRANSACTION_END, tx, P("T"));
    ck_assert_str_eq(read_value(other, 0, "/t/a", &a), "tx");
    /* a node the transaction saw missing was created meanwhile */
    tx = tx_start(c);
    ck_assert_str_eq(read_value(c, tx, "/t/new", &a), "ENOENT");
    write_value(other, 0, "/t/new", "x");
    expect_err(c, XS_TRANSACTION_END, tx, P("T"), "EAGAIN");
    /* a subtree it removed was written into meanwhile */
    write_value(c, 0, "/t/sub/leaf", "1");
    tx = tx_start(c);
    expect_ok(c, XS_RM, tx, P("/t/sub"));
    ck_assert_str_eq(read_value(c, tx, "/t/sub/leaf", &a), "ENOENT");
    write_value(other, 0, "/t/sub/leaf", "2");
    expect_err(c, XS_TRANSACTION_END, tx, P("T"), "EAGAIN");
    ck_assert_str_eq(read_value(c, 0, "/t/sub/leaf", &a), "2");
    /* two transactions on the same node: the first commit wins */
    uint32_t t1 = tx_start(c), t2 = tx_start(other);
    write_value(c, t1, "/t/a", "t1");
    write_value(other, t2, "/t/a", "t2");
    expect_ok(c, XS_TRANSACTION_END, t1, P("T"));
    expect_err(other, XS_TRANSACTION_END, t2, P("T"), "EAGAIN");
    ck_assert_str_eq(read_value(c, 0, "/t/a", &a), "t1");
}
END_TEST

START_TEST(transaction_abort)
{
    struct conn *c = dom_conn(0);
    struct answer a;
    uint32_t tx = tx_start(c);
    write_value(c, tx, "/ab/x", "1");
    expect_err(c, XS_TRANSACTION_END, tx, P("X"), "EINVAL");
    expect_ok(c, XS_TRANSACTION_END, tx, P("F"));
    ck_assert_str_eq(read_value(c, 0, "/ab/x", &a), "ENOENT");
    ck_assert_uint_eq(c->ntransactions, 0);
}
END_TEST

START_TEST(quotas_bind_domains)
{
    struct conn *d0 = dom_conn(0), *d3 = dom_conn(3);
    struct answer a;
    st.quota = (struct quota){ .nodes = 4, .entry_size = 8, .watches = 2, .transactions = 1 };
    write_value(d0, 0, "/local/domain/3", "");
    expect_ok(d0, XS_SET_PERMS, 0, P("/local/domain/3\0n3"));     /* 1 node owned */
    write_value(d3, 0, "a", "12345678");                             /* 2 */
    expect_err(d3, XS_WRITE, 0, P("a\0" "123456789"), "E2BIG");
    write_value(d3, 0, "b/c", "");                                   /* 4 */
    expect_err(d3, XS_WRITE, 0, P("d\0"), "ENOSPC");
    expect_err(d3, XS_MKDIR, 0, P("e"), "ENOSPC");
    write_value(d3, 0, "a", "again");                                /* no new node */
    expect_ok(d3, XS_RM, 0, P("b"));
    write_value(d3, 0, "d", "");                                     /* room again */
    expect_ok(d3, XS_WATCH, 0, P("a\0t1"));
    expect_event(d3, "a", "t1");
    expect_ok(d3, XS_WATCH, 0, P("a\0t2"));
    expect_event(d3, "a", "t2");
    expect_err(d3, XS_WATCH, 0, P("a\0t3"), "E2BIG");
    uint32_t tx = tx_start(d3);
    expect_err(d3, XS_TRANSACTION_START, 0, P(""), "ENOSPC");
    expect_err(d3, XS_WRITE, tx, P("f/g\0"), "ENOSPC");              /* counted in the tx too */
    expect_ok(d3, XS_TRANSACTION_END, tx, P("F"));
    /* dom0 is not bound */
    write_value(d0, 0, "/big/1", "a value longer than eight bytes");
    for (int i = 0; i < 10; i++) {
        char p[32];
        snprintf(p, sizeof(p), "/big/n%d", i);
        write_value(d0, 0, p, "");
    }
    (void)a;
}
END_TEST

START_TEST(watch_order_and_relative)
{
    struct conn *w = dom_conn(0), *c = dom_conn(0);
    struct answer a;
    request(w, XS_WATCH, 0, P("/w\0tok"), &a);
    ck_assert_uint_eq(a.type, XS_WATCH);                /* the answer first */
    expect_event(w, "/w", "tok");                       /* then the initial event */
    expect_err(w, XS_WATCH, 0, P("/w\0tok"), "EEXIST");
    write_value(c, 0, "/w/1", "a");
    write_value(c, 0, "/w/2", "b");
    write_value(c, 0, "/other", "x");
    write_value(c, 0, "/w", "self");
    expect_event(w, "/w/1", "tok");
    expect_event(w, "/w/2", "tok");
    expect_event(w, "/w", "tok");
    ck_assert_int_eq(queued(w), 0);
    /* removing an ancestor fires watches below it, with their own path */
    struct conn *deep = dom_conn(0);
    write_value(c, 0, "/w/1/x/y", "");
    expect_event(w, "/w/1/x/y", "tok");
    expect_ok(deep, XS_WATCH, 0, P("/w/1/x\0deep"));
    expect_event(deep, "/w/1/x", "deep");
    expect_ok(c, XS_RM, 0, P("/w/1"));
    expect_event(w, "/w/1", "tok");
    expect_event(deep, "/w/1/x", "deep");
    expect_ok(w, XS_UNWATCH, 0, P("/w\0tok"));
    expect_err(w, XS_UNWATCH, 0, P("/w\0tok"), "ENOENT");
    expect_err(w, XS_UNWATCH, 0, P("//w\0tok"), "EINVAL");     /* found by the fuzzer */
    write_value(c, 0, "/w/3", "");
    ck_assert_int_eq(queued(w), 0);
    /* a relative watch reports relative paths */
    struct conn *d5 = dom_conn(5);
    write_value(c, 0, "/local/domain/5", "");
    expect_ok(c, XS_SET_PERMS, 0, P("/local/domain/5\0n5"));
    expect_ok(d5, XS_WATCH, 0, P("device\0rel"));
    expect_event(d5, "device", "rel");
    write_value(c, 0, "/local/domain/5/device/vif/0", "");
    expect_event(d5, "device/vif/0", "rel");
    expect_ok(d5, XS_WATCH, 0, P("/local/domain/5/device\0abs"));
    expect_event(d5, "/local/domain/5/device", "abs");
    /* an unprivileged watcher does not hear of what it may not read */
    write_value(c, 0, "/local/domain/5/device/hidden", "");
    expect_event(d5, "device/hidden", "rel");
    expect_event(d5, "/local/domain/5/device/hidden", "abs");
    expect_ok(c, XS_SET_PERMS, 0, P("/local/domain/5/device/hidden\0n0"));
    write_value(c, 0, "/local/domain/5/device/hidden", "x");
    ck_assert_int_eq(queued(d5), 0);
    expect_ok(d5, XS_RESET_WATCHES, 0, P(""));
    ck_assert_uint_eq(d5->nwatches, 0);
}
END_TEST

START_TEST(watches_fire_at_commit)
{
    struct conn *w = dom_conn(0), *c = dom_conn(0);
    expect_ok(w, XS_WATCH, 0, P("/tx\0t"));
    expect_event(w, "/tx", "t");
    uint32_t tx = tx_start(c);
    write_value(c, tx, "/tx/a", "1");
    write_value(c, tx, "/tx/b", "2");
    ck_assert_int_eq(queued(w), 0);
    expect_ok(c, XS_TRANSACTION_END, tx, P("T"));
    expect_event(w, "/tx/a", "t");
    expect_event(w, "/tx/b", "t");
    tx = tx_start(c);
    write_value(c, tx, "/tx/c", "3");
    expect_ok(c, XS_TRANSACTION_END, tx, P("F"));
    ck_assert_int_eq(queued(w), 0);
}
END_TEST

START_TEST(special_watches)
{
    struct conn *w = dom_conn(0), *c = dom_conn(0);
    struct answer a;
    expect_err(c, XS_INTRODUCE, 0, P("7\0" "100\0" "3"), "ENOSYS");    /* no backend */
    st.rings = &mem_backend;
    expect_ok(w, XS_WATCH, 0, P("@introduceDomain\0in"));
    expect_event(w, "@introduceDomain", "in");
    expect_ok(w, XS_WATCH, 0, P("@releaseDomain\0out"));
    expect_event(w, "@releaseDomain", "out");
    write_value(c, 0, "/x", "");                        /* not a special event */
    ck_assert_int_eq(queued(w), 0);
    request(c, XS_IS_DOMAIN_INTRODUCED, 0, P("7"), &a);
    ck_assert_str_eq(a.body, "F");
    expect_ok(c, XS_INTRODUCE, 0, P("7\0" "100\0" "3"));
    expect_event(w, "@introduceDomain", "in");
    expect_ok(c, XS_INTRODUCE, 0, P("7\0" "100\0" "3"));           /* the same again */
    expect_err(c, XS_INTRODUCE, 0, P("7\0" "101\0" "3"), "EBUSY");
    expect_err(c, XS_INTRODUCE, 0, P("0\0" "1\0" "1"), "EINVAL");
    expect_err(c, XS_INTRODUCE, 0, P("8\0" "x\0" "1"), "EINVAL");
    request(c, XS_IS_DOMAIN_INTRODUCED, 0, P("7"), &a);
    ck_assert_str_eq(a.body, "T");
    expect_ok(c, XS_RESUME, 0, P("7"));
    expect_ok(c, XS_RELEASE, 0, P("7"));
    expect_event(w, "@releaseDomain", "out");
    expect_err(c, XS_RELEASE, 0, P("7"), "ENOENT");
    expect_err(c, XS_RESUME, 0, P("7"), "ENOENT");
    store_reap(&st);
    ck_assert_ptr_null(domain_find(&st, 7));
    st.rings = NULL;
}
END_TEST

/* Reads /big in parts from OFFSET 0 on: how many names, checking order and generation. */
static unsigned int read_parts(struct conn *c, unsigned int *parts, const char *gen_wanted)
{
    struct answer a;
    unsigned int names = 0;
    size_t offset = 0;
    char gen[24] = "";
    *parts = 0;
    for (;;) {
        char req[32];
        int n = snprintf(req, sizeof(req), "/big%c%zu", 0, offset) + 1;
        request(c, XS_DIRECTORY_PART, 0, req, (size_t)n, &a);
        ck_assert_uint_eq(a.type, XS_DIRECTORY_PART);
        ck_assert_uint_le(a.len, XENSTORE_PAYLOAD_MAX);
        (*parts)++;
        if (!gen[0])
            snprintf(gen, sizeof(gen), "%.20s", a.body);
        ck_assert_str_eq(a.body, gen);             /* unchanged between the parts */
        size_t at = strlen(a.body) + 1;
        while (at < a.len && a.body[at]) {
            char want[32];
            snprintf(want, sizeof(want), "child-%03u-with-a-long-name", names++);
            ck_assert_str_eq(a.body + at, want);
            offset += strlen(want) + 1;
            at += strlen(want) + 1;
        }
        if (at < a.len) {                           /* the empty name: the end */
            ck_assert_uint_eq(at + 1, a.len);
            break;
        }
    }
    if (gen_wanted)
        ck_assert_str_ne(gen, gen_wanted);
    return names;
}

START_TEST(directory_in_parts)
{
    struct conn *c = dom_conn(0), *d3 = dom_conn(3);
    struct answer a;
    for (unsigned int i = 0; i < 400; i++) {
        char path[48];
        snprintf(path, sizeof(path), "/big/child-%03u-with-a-long-name", i);
        write_value(c, 0, path, "");
    }
    /* 400 names of 27 bytes: too many for DIRECTORY, nothing sent but the error. */
    expect_err(c, XS_DIRECTORY, 0, P("/big"), "E2BIG");
    unsigned int parts;
    ck_assert_uint_eq(read_parts(c, &parts, NULL), 400);
    ck_assert_uint_eq(parts, 3);
    request(c, XS_DIRECTORY_PART, 0, P("/big\0" "0"), &a);
    char gen[24];
    snprintf(gen, sizeof(gen), "%.20s", a.body);
    /* A change of the list is a new generation. */
    write_value(c, 0, "/big/child-400-with-a-long-name", "");
    ck_assert_uint_eq(read_parts(c, &parts, gen), 401);
    /* Past the end: the generation and the empty name. */
    request(c, XS_DIRECTORY_PART, 0, P("/big\0" "99999"), &a);
    ck_assert_uint_eq(a.len, strlen(a.body) + 2);
    /* A small list in one part; the rules of DIRECTORY apply. */
    write_value(c, 0, "/small/x", "");
    request(c, XS_DIRECTORY_PART, 0, P("/small\0" "0"), &a);
    ck_assert_uint_eq(a.len, strlen(a.body) + 1 + 3);
    ck_assert_int_eq(memcmp(a.body + strlen(a.body) + 1, "x\0\0", 3), 0);
    expect_err(c, XS_DIRECTORY_PART, 0, P("/nope\0" "0"), "ENOENT");
    expect_err(d3, XS_DIRECTORY_PART, 0, P("/small\0" "0"), "EACCES");
}
END_TEST

START_TEST(control_commands)
{
    struct conn *c = dom_conn(0), *d3 = dom_conn(3);
    struct answer a;
    request(c, XS_CONTROL, 0, P("help"), &a);
    ck_assert_uint_eq(a.type, XS_CONTROL);
    ck_assert_ptr_nonnull(strstr(a.body, "log error|info|debug"));
    expect_ok(c, XS_CONTROL, 0, P("log\0" "debug"));
    expect_ok(c, XS_CONTROL, 0, P("log\0" "error"));
    expect_err(c, XS_CONTROL, 0, P("log\0" "loud"), "EINVAL");
    expect_err(c, XS_CONTROL, 0, P("log"), "EINVAL");
    expect_ok(c, XS_CONTROL, 0, P("print\0" "a line"));
    expect_err(c, XS_CONTROL, 0, P("memreport"), "EINVAL");
    expect_err(d3, XS_CONTROL, 0, P("log\0" "debug"), "EACCES");
}
END_TEST

/* What the hypervisor would say of each domain (index: domid). */
static enum domain_state states[16];
static int state_queries;
static int table_state(struct ring_backend *be, unsigned int domid, enum domain_state *state)
{
    state_queries++;
    if (domid >= 16)
        return ESRCH;
    *state = states[domid];
    return 0;
}

START_TEST(domain_exceptions_release)
{
    struct conn *w = dom_conn(0), *c = dom_conn(0);
    struct ring_backend be = mem_backend;
    be.domain_state = table_state;
    st.rings = &be;
    memset(states, 0, sizeof(states));
    state_queries = 0;
    expect_ok(c, XS_INTRODUCE, 0, P("3\0" "100\0" "1"));
    expect_ok(c, XS_INTRODUCE, 0, P("4\0" "101\0" "1"));
    expect_ok(c, XS_INTRODUCE, 0, P("5\0" "102\0" "1"));
    expect_ok(w, XS_WATCH, 0, P("@releaseDomain\0out"));
    expect_event(w, "@releaseDomain", "out");

    /* All running: nothing to say. */
    domain_check_exceptions(&st);
    ck_assert_int_eq(state_queries, 3);
    ck_assert_int_eq(queued(w), 0);

    /* 3 shut down: one event, its ring stays (it may be resumed or dumped). */
    states[3] = DOMAIN_SHUTDOWN;
    domain_check_exceptions(&st);
    expect_event(w, "@releaseDomain", "out");
    ck_assert_int_eq(queued(w), 0);
    ck_assert_ptr_nonnull(domain_find(&st, 3));
    domain_check_exceptions(&st);                   /* told once, not again */
    ck_assert_int_eq(queued(w), 0);

    /* 4 dying and 5 gone: both lose their rings, one event for the two. */
    states[4] = DOMAIN_DYING;
    states[5] = DOMAIN_GONE;
    domain_check_exceptions(&st);
    expect_event(w, "@releaseDomain", "out");
    ck_assert_int_eq(queued(w), 0);
    ck_assert_ptr_null(domain_find(&st, 4));
    ck_assert_ptr_null(domain_find(&st, 5));
    ck_assert_ptr_nonnull(domain_find(&st, 3));
    struct answer a;
    request(c, XS_IS_DOMAIN_INTRODUCED, 0, P("5"), &a);
    ck_assert_str_eq(a.body, "F");
    store_reap(&st);
    expect_ok(c, XS_RELEASE, 0, P("3"));
    store_reap(&st);
    st.rings = NULL;
}
END_TEST

int main(void)
{
    Suite *s = suite_create("store-ops");
    TCase *tree = tcase_create("tree");
    tcase_add_checked_fixture(tree, store_setup, store_teardown);
    tcase_add_test(tree, write_creates_parents);
    tcase_add_test(tree, rm_is_recursive);
    tcase_add_test(tree, bad_paths_refused);
    tcase_add_test(tree, relative_paths_are_homed);
    tcase_add_test(tree, permissions_enforced);
    tcase_add_test(tree, directory_in_parts);
    tcase_add_test(tree, control_commands);
    suite_add_tcase(s, tree);
    TCase *tx = tcase_create("transactions");
    tcase_add_checked_fixture(tx, store_setup, store_teardown);
    tcase_add_test(tx, transaction_commit_and_isolation);
    tcase_add_test(tx, transaction_conflict);
    tcase_add_test(tx, transaction_abort);
    suite_add_tcase(s, tx);
    TCase *q = tcase_create("quotas");
    tcase_add_checked_fixture(q, store_setup, store_teardown);
    tcase_add_test(q, quotas_bind_domains);
    suite_add_tcase(s, q);
    TCase *w = tcase_create("watches");
    tcase_add_checked_fixture(w, store_setup, store_teardown);
    tcase_add_test(w, watch_order_and_relative);
    tcase_add_test(w, watches_fire_at_commit);
    tcase_add_test(w, special_watches);
    tcase_add_test(w, domain_exceptions_release);
    suite_add_tcase(s, w);
    return run_suite(s, CK_FORK);
}
