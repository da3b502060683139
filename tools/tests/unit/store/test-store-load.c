/*
 * Load test of xenstored: CLIENTS processes each run transactions that
 * read a shared counter, write it back plus one and log "client:sequence"
 * under the counter's old value; conflicts (EAGAIN) are retried.  Bounded
 * by a count and by LOAD_SECONDS (default 10).  Afterwards the counter
 * must equal the commits, the log must hold one entry per value, and each
 * client's entries must be its sequence in order: nothing lost, nothing
 * applied twice or out of order.  Prints the throughput; never judges it.
 */
#include "check_run.h"
#include "daemon_test.h"

#define CLIENTS 6
#define PER_CLIENT 150

struct tally {
    int commits, conflicts;
};

static void client(int k, double deadline, int out)
{
    struct tally t = { 0, 0 };
    struct xs_handle *h = xs_open(XS_OPEN_SOCKETONLY);
    while (h && t.commits < PER_CLIENT && now_seconds() < deadline) {
        xs_transaction_t tx = xs_transaction_start(h);
        if (tx == XBT_NULL)
            break;
        char *v = xs_read(h, tx, "/load/counter", NULL);
        int n = v ? atoi(v) : -1;
        free(v);
        char p[64], val[32];
        int len = snprintf(val, sizeof(val), "%d", n + 1);
        bool ok = n >= 0 && xs_write(h, tx, "/load/counter", val, (unsigned int)len);
        snprintf(p, sizeof(p), "/load/log/%d", n);
        len = snprintf(val, sizeof(val), "%d:%d", k, t.commits);
        ok = ok && xs_write(h, tx, p, val, (unsigned int)len);
        if (!ok) {
            xs_transaction_end(h, tx, true);
            break;
        }
        if (xs_transaction_end(h, tx, false))
            t.commits++;
        else if (errno == EAGAIN)
            t.conflicts++;
        else
            break;
    }
    if (write(out, &t, sizeof(t)) != sizeof(t))
        _exit(3);
    _exit(0);
}

static struct daemon d;

static void setup(void)
{
    daemon_start(&d, NULL);
}

static void teardown(void)
{
    daemon_stop(&d);
}

START_TEST(many_clients_many_transactions)
{
    const char *env = getenv("LOAD_SECONDS");
    double secs = env ? atof(env) : 10;
    struct xs_handle *h = open_store();
    ck_assert(xs_write(h, XBT_NULL, "/load/counter", "0", 1));
    int pipes[CLIENTS][2];
    pid_t kids[CLIENTS];
    double start = now_seconds();
    for (int k = 0; k < CLIENTS; k++) {
        ck_assert_int_eq(pipe(pipes[k]), 0);
        kids[k] = fork();
        ck_assert_int_ge(kids[k], 0);
        if (kids[k] == 0)
            client(k, start + secs, pipes[k][1]);
    }
    struct tally total = { 0, 0 }, each[CLIENTS];
    for (int k = 0; k < CLIENTS; k++) {
        int status;
        ck_assert_int_eq(read(pipes[k][0], &each[k], sizeof(each[k])), sizeof(each[k]));
        ck_assert_int_eq(waitpid(kids[k], &status, 0), kids[k]);
        ck_assert_int_eq(status, 0);
        total.commits += each[k].commits;
        total.conflicts += each[k].conflicts;
        close(pipes[k][0]);
        close(pipes[k][1]);
    }
    double elapsed = now_seconds() - start;

    char *v = xs_read(h, XBT_NULL, "/load/counter", NULL);
    ck_assert_int_eq(atoi(v), total.commits);
    free(v);
    unsigned int n;
    char **names = xs_directory(h, XBT_NULL, "/load/log", &n);
    ck_assert_ptr_nonnull(names);
    ck_assert_uint_eq(n, (unsigned int)total.commits);
    free(names);
    int next[CLIENTS] = { 0 };
    for (int i = 0; i < total.commits; i++) {
        char p[64];
        snprintf(p, sizeof(p), "/load/log/%d", i);
        v = xs_read(h, XBT_NULL, p, NULL);
        ck_assert_msg(v != NULL, "log entry %d lost", i);
        int k, seq;
        ck_assert_int_eq(sscanf(v, "%d:%d", &k, &seq), 2);
        ck_assert(k >= 0 && k < CLIENTS);
        ck_assert_msg(seq == next[k], "client %d: entry %d is sequence %d, expected %d",
                      k, i, seq, next[k]);
        next[k]++;
        free(v);
    }
    for (int k = 0; k < CLIENTS; k++)
        ck_assert_int_eq(next[k], each[k].commits);
    ck_assert_int_gt(total.commits, 0);
    printf("xenstore load: %d clients, %d commits, %d conflicts (EAGAIN, retried) "
           "in %.2f s: %.0f commits/s\n", CLIENTS, total.commits, total.conflicts, elapsed,
           total.commits / elapsed);
    xs_close(h);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("store-load");
    TCase *tc = tcase_create("load");
    tcase_set_timeout(tc, 120);
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, many_clients_many_transactions);
    suite_add_tcase(s, tc);
    return run_suite(s, CK_NOFORK);
}
