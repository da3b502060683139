/*
 * The real xenstored over its Unix socket, driven through libxenstore by
 * several processes and threads, and an introduced domain over a shared
 * ring: watches fire in order, transactions conflict, a domain's
 * permissions and quotas hold, bad clients are dropped while the daemon
 * serves on, SIGTERM stops it cleanly.
 */
#include "check_run.h"
#include <pthread.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "daemon_test.h"

static struct daemon d;

static void setup(void)
{
    static const char *const quota[] = { "--entry-nb", "8", "--entry-size", "64", NULL };
    daemon_start(&d, quota);
}

static void teardown(void)
{
    daemon_stop(&d);
}

#define WRITERS 4
#define WRITES 100

START_TEST(watches_fire_in_order_across_processes)
{
    struct xs_handle *w = open_store();
    ck_assert(xs_mkdir(w, XBT_NULL, "/order"));
    ck_assert(xs_watch(w, "/order", "tok"));
    unsigned int num;
    char **ev = xs_read_watch(w, &num);
    ck_assert_str_eq(ev[XS_WATCH_PATH], "/order");
    ck_assert_str_eq(ev[XS_WATCH_TOKEN], "tok");
    free(ev);
    pid_t kids[WRITERS];
    for (int k = 0; k < WRITERS; k++) {
        kids[k] = fork();
        if (kids[k] == 0) {
            struct xs_handle *h = xs_open(XS_OPEN_SOCKETONLY);
            for (int i = 0; h && i < WRITES; i++) {
                char p[64], v[16];
                snprintf(p, sizeof(p), "/order/w%d/%d", k, i);
                snprintf(v, sizeof(v), "%d", i);
                if (!xs_write(h, XBT_NULL, p, v, (unsigned int)strlen(v)))
                    _exit(1);
            }
            _exit(h ? 0 : 2);
        }
    }
    /* Each writer's events arrive in the order of its writes. */
    int last[WRITERS] = { -1, -1, -1, -1 }, events = 0;
    while (events < WRITERS * WRITES) {
        ev = xs_read_watch(w, &num);
        ck_assert_ptr_nonnull(ev);
        int k, i;
        ck_assert_int_eq(sscanf(ev[XS_WATCH_PATH], "/order/w%d/%d", &k, &i), 2);
        ck_assert(k >= 0 && k < WRITERS);
        ck_assert_msg(i == last[k] + 1, "writer %d: event %d after %d", k, i, last[k]);
        last[k] = i;
        events++;
        free(ev);
    }
    for (int k = 0; k < WRITERS; k++) {
        int status;
        ck_assert_int_eq(waitpid(kids[k], &status, 0), kids[k]);
        ck_assert_int_eq(status, 0);
        ck_assert_int_eq(last[k], WRITES - 1);          /* every write, one event each */
        char p[64];
        snprintf(p, sizeof(p), "/order/w%d/%d", k, WRITES - 1);
        char *v = xs_read(w, XBT_NULL, p, NULL);
        ck_assert_str_eq(v, "99");
        free(v);
    }
    ck_assert_ptr_null(xs_check_watch(w));
    ck_assert_int_eq(errno, EAGAIN);
    xs_close(w);
}
END_TEST

START_TEST(transactions_conflict_over_the_socket)
{
    struct xs_handle *a = open_store(), *b = open_store();
    ck_assert(xs_write(a, XBT_NULL, "/acct", "10", 2));
    xs_transaction_t t = xs_transaction_start(a);
    ck_assert_uint_ne(t, XBT_NULL);
    char *v = xs_read(a, t, "/acct", NULL);
    ck_assert_str_eq(v, "10");
    free(v);
    ck_assert(xs_write(a, t, "/acct", "11", 2));
    ck_assert(xs_write(b, XBT_NULL, "/acct", "20", 2));
    ck_assert(!xs_transaction_end(a, t, false));
    ck_assert_int_eq(errno, EAGAIN);
    v = xs_read(b, XBT_NULL, "/acct", NULL);
    ck_assert_str_eq(v, "20");
    free(v);
    /* retried, it commits */
    t = xs_transaction_start(a);
    ck_assert(xs_write(a, t, "/acct", "21", 2));
    ck_assert(xs_transaction_end(a, t, false));
    /* aborted, nothing happens */
    t = xs_transaction_start(a);
    ck_assert(xs_write(a, t, "/acct", "99", 2));
    ck_assert(xs_transaction_end(a, t, true));
    v = xs_read(b, XBT_NULL, "/acct", NULL);
    ck_assert_str_eq(v, "21");
    free(v);
    ck_assert(!xs_transaction_end(a, 12345, false));
    ck_assert_int_eq(errno, ENOENT);
    xs_close(a);
    xs_close(b);
}
END_TEST

struct worker {
    struct xs_handle *h;
    int id, ok;
};

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    w->ok = 1;
    for (int i = 0; i < 200; i++) {
        char p[64], v[32];
        snprintf(p, sizeof(p), "/threads/t%d", w->id);
        snprintf(v, sizeof(v), "%d-%d", w->id, i);
        if (!xs_write(w->h, XBT_NULL, p, v, (unsigned int)strlen(v))) {
            w->ok = 0;
            break;
        }
        char *r = xs_read(w->h, XBT_NULL, p, NULL);
        if (!r || strcmp(r, v))
            w->ok = 0;
        free(r);
    }
    return NULL;
}

START_TEST(one_handle_many_threads)
{
    struct xs_handle *h = open_store();
    ck_assert(xs_watch(h, "/threads", "t"));
    int fd = xs_fileno(h);
    ck_assert_int_ge(fd, 0);
    pthread_t th[4];
    struct worker w[4];
    for (int i = 0; i < 4; i++) {
        w[i] = (struct worker){ h, i, 0 };
        ck_assert_int_eq(pthread_create(&th[i], NULL, worker_main, &w[i]), 0);
    }
    int events = 0;
    while (events < 1 + 4 * 200) {
        struct pollfd p = { fd, POLLIN, 0 };
        ck_assert_int_eq(poll(&p, 1, 10000), 1);       /* xs_fileno wakes us */
        char **ev = xs_read_watch(h, NULL);
        ck_assert_ptr_nonnull(ev);
        ck_assert_str_eq(ev[XS_WATCH_TOKEN], "t");
        free(ev);
        events++;
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        ck_assert_msg(w[i].ok, "thread %d saw a wrong reply", i);
    }
    xs_close(h);
}
END_TEST

START_TEST(domain_over_the_ring)
{
    struct xs_handle *h = open_store();
    struct guest g;
    char body[XENSTORE_PAYLOAD_MAX + 1];
    ck_assert(!xs_is_domain_introduced(h, 5));
    ck_assert(xs_watch(h, "@releaseDomain", "rel"));
    free(xs_read_watch(h, NULL));
    ck_assert(xs_write(h, XBT_NULL, "/local/domain/5/name", "guest5", 6));
    struct xs_permissions mine[1] = { { 5, XS_PERM_NONE } };
    ck_assert(xs_set_permissions(h, XBT_NULL, "/local/domain/5", mine, 1));
    ck_assert(xs_set_permissions(h, XBT_NULL, "/local/domain/5/name", mine, 1));
    ck_assert(xs_write(h, XBT_NULL, "/secret", "dom0 only", 9));
    /* a missing page is refused with a clear error */
    ck_assert(!xs_introduce_domain(h, 5, 4096, 7));
    ck_assert_int_eq(errno, EINVAL);
    guest_create(&g, &d, 5);
    ck_assert(xs_introduce_domain(h, 5, 4096, 7));
    ck_assert(xs_is_domain_introduced(h, 5));
    char *path = xs_get_domain_path(h, 5);
    ck_assert_str_eq(path, "/local/domain/5");
    free(path);

    /* relative paths are its home; what it creates is its own */
    ck_assert_uint_eq(guest_call(&g, XS_READ, "name", 5, body), XS_READ);
    ck_assert_str_eq(body, "guest5");
    ck_assert_uint_eq(guest_call(&g, XS_WRITE, "data/x\0hello", 12, body), XS_WRITE);
    struct xs_permissions *perms;
    unsigned int n;
    perms = xs_get_permissions(h, XBT_NULL, "/local/domain/5/data/x", &n);
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(perms[0].id, 5);
    free(perms);
    /* dom0's nodes are out of its reach */
    ck_assert_uint_eq(guest_call(&g, XS_READ, "/secret", 8, body), XS_ERROR);
    ck_assert_str_eq(body, "EACCES");
    ck_assert_uint_eq(guest_call(&g, XS_WRITE, "/secret\0mine", 12, body), XS_ERROR);
    ck_assert_str_eq(body, "EACCES");
    ck_assert_uint_eq(guest_call(&g, XS_INTRODUCE, "6\0" "1\0" "1", 6, body), XS_ERROR);
    ck_assert_str_eq(body, "EACCES");
    /* quotas: 64-byte values, 8 nodes (it owns 4: 5, name, data, data/x) */
    char big[80] = "big";
    memset(big + 4, 'v', 65);
    ck_assert_uint_eq(guest_call(&g, XS_WRITE, big, 4 + 65, body), XS_ERROR);
    ck_assert_str_eq(body, "E2BIG");
    int made = 0;
    for (int i = 0; i < 10; i++) {
        char p[16];
        int len = snprintf(p, sizeof(p), "n%d", i) + 1;
        if (guest_call(&g, XS_WRITE, p, (uint32_t)len, body) == XS_ERROR) {
            ck_assert_str_eq(body, "ENOSPC");
            break;
        }
        made++;
    }
    ck_assert_int_eq(made, 4);
    /* dom0 is not bound by them */
    ck_assert(xs_write(h, XBT_NULL, "/local/domain/5/by-dom0", big, 69));
    /* a malformed request gets EINVAL, the ring stays up */
    ck_assert_uint_eq(guest_call(&g, XS_WATCH, "nonul", 5, body), XS_ERROR);
    ck_assert_str_eq(body, "EINVAL");
    ck_assert_uint_eq(guest_call(&g, XS_READ, "name", 5, body), XS_READ);

    ck_assert(xs_release_domain(h, 5));
    char **ev = xs_read_watch(h, NULL);
    ck_assert_str_eq(ev[XS_WATCH_PATH], "@releaseDomain");
    free(ev);
    ck_assert(!xs_is_domain_introduced(h, 5));
    ck_assert(!xs_release_domain(h, 5));
    ck_assert_int_eq(errno, ENOENT);
    xs_close(h);
}
END_TEST

START_TEST(bad_clients_are_dropped)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    strcpy(addr.sun_path, d.socket);
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    ck_assert_int_eq(connect(s, (struct sockaddr *)&addr, sizeof(addr)), 0);
    /* a request without its NUL: EINVAL, still connected */
    struct xsd_sockmsg hdr = { XS_READ, 1, 0, 4 };
    char buf[64];
    ck_assert_int_eq(write(s, &hdr, sizeof(hdr)), sizeof(hdr));
    ck_assert_int_eq(write(s, "/abc", 4), 4);
    ck_assert_int_eq(read(s, buf, sizeof(hdr) + 7), (ssize_t)sizeof(hdr) + 7);
    memcpy(&hdr, buf, sizeof(hdr));
    ck_assert_uint_eq(hdr.type, XS_ERROR);
    ck_assert_str_eq(buf + sizeof(hdr), "EINVAL");
    /* a message longer than the protocol allows: disconnected */
    hdr = (struct xsd_sockmsg){ XS_WRITE, 2, 0, XENSTORE_PAYLOAD_MAX + 1 };
    ck_assert_int_eq(write(s, &hdr, sizeof(hdr)), sizeof(hdr));
    ck_assert_int_eq(read(s, buf, sizeof(buf)), 0);
    close(s);
    /* a client that vanishes mid-message */
    s = socket(AF_UNIX, SOCK_STREAM, 0);
    ck_assert_int_eq(connect(s, (struct sockaddr *)&addr, sizeof(addr)), 0);
    hdr = (struct xsd_sockmsg){ XS_WRITE, 3, 0, 100 };
    ck_assert_int_eq(write(s, &hdr, sizeof(hdr)), sizeof(hdr));
    ck_assert_int_eq(write(s, "/half", 5), 5);
    close(s);
    /* the daemon serves on */
    struct xs_handle *h = open_store();
    ck_assert(xs_write(h, XBT_NULL, "/alive", "yes", 3));
    char *v = xs_read(h, XBT_NULL, "/half", NULL);
    ck_assert_ptr_null(v);
    ck_assert_int_eq(errno, ENOENT);
    xs_close(h);
}
END_TEST

/* Runs the xenstore tool as NAME (a symlink, as installed) and returns
 * its exit status and standard output. */
static int cli(const char *cmd, char *out, size_t size)
{
    char line[512];
    snprintf(line, sizeof(line), "%s/%s 2>&1", d.dir, cmd);
    FILE *p = popen(line, "r");
    ck_assert_ptr_nonnull(p);
    size_t n = fread(out, 1, size - 1, p);
    out[n] = '\0';
    int status = pclose(p);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

START_TEST(command_line_tools)
{
    static const char *const names[] = { "read", "write", "ls", "rm", "exists", "list",
                                         "watch", "chmod" };
    char out[4096], link[160];
    for (unsigned int i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        snprintf(link, sizeof(link), "%s/xenstore-%s", d.dir, names[i]);
        ck_assert_int_eq(symlink(XENSTORE_CLI_BIN, link), 0);
    }
    ck_assert_int_eq(cli("xenstore-write /cli/a 1 /cli/b/c 'two words'", out, sizeof(out)), 0);
    ck_assert_int_eq(cli("xenstore-read /cli/a /cli/b/c", out, sizeof(out)), 0);
    ck_assert_str_eq(out, "1\ntwo words\n");
    ck_assert_int_eq(cli("xenstore-ls /cli", out, sizeof(out)), 0);
    ck_assert_str_eq(out, "a = \"1\"\nb = \"\"\n c = \"two words\"\n");
    ck_assert_int_eq(cli("xenstore-list /cli", out, sizeof(out)), 0);
    ck_assert_str_eq(out, "a\nb\n");
    ck_assert_int_eq(cli("xenstore-exists /cli/b/c", out, sizeof(out)), 0);
    ck_assert_int_eq(cli("xenstore-chmod /cli/a n0 r7", out, sizeof(out)), 0);
    struct xs_handle *h = open_store();
    unsigned int n;
    struct xs_permissions *perms = xs_get_permissions(h, XBT_NULL, "/cli/a", &n);
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(perms[1].id, 7);
    ck_assert_uint_eq(perms[1].perms, XS_PERM_READ);
    free(perms);
    ck_assert_int_eq(cli("xenstore-chmod /cli/a x0", out, sizeof(out)), 2);
    ck_assert_int_eq(cli("xenstore-rm /cli/b", out, sizeof(out)), 0);
    ck_assert_int_eq(cli("xenstore-exists /cli/b/c", out, sizeof(out)), 1);
    ck_assert_int_eq(cli("xenstore-read /cli/b", out, sizeof(out)), 1);
    ck_assert_str_eq(out, "xenstore: read /cli/b: No such file or directory\n");
    ck_assert_int_eq(cli("xenstore-write /cli/odd", out, sizeof(out)), 2);
    /* watch: the initial event, then one write */
    char cmd[512], result[160];
    snprintf(result, sizeof(result), "%s/watch.out", d.dir);
    snprintf(cmd, sizeof(cmd), "%s/xenstore-watch -n 2 /cli/w > %s", d.dir, result);
    FILE *w = popen(cmd, "r");
    ck_assert_ptr_nonnull(w);
    for (int i = 0; i < 250; i++) {                 /* until the watch is set */
        struct stat sb;
        if (!stat(result, &sb) && sb.st_size > 0)
            break;
        usleep(20000);
    }
    ck_assert(xs_write(h, XBT_NULL, "/cli/w", "x", 1));
    ck_assert_int_eq(pclose(w), 0);
    FILE *f = fopen(result, "r");
    ck_assert_uint_gt(fread(out, 1, sizeof(out) - 1, f), 0);
    fclose(f);
    ck_assert(strncmp(out, "/cli/w /cli/w\n/cli/w /cli/w\n", 28) == 0);
    xs_close(h);
}
END_TEST

/* A list longer than one message: libxenstore reads it in DIRECTORY_PARTs. */
START_TEST(long_directory_in_parts)
{
    struct xs_handle *h = open_store();
    char path[64];
    for (int i = 0; i < 400; i++) {
        snprintf(path, sizeof(path), "/long/entry-number-%03d", i);
        ck_assert(xs_write(h, XBT_NULL, path, "", 0));
    }
    unsigned int n;
    char **names = xs_directory(h, XBT_NULL, "/long", &n);
    ck_assert_ptr_nonnull(names);
    ck_assert_uint_eq(n, 400);
    for (unsigned int i = 0; i < n; i++) {
        snprintf(path, sizeof(path), "entry-number-%03u", i);
        ck_assert_str_eq(names[i], path);
    }
    free(names);
    xs_transaction_t t = xs_transaction_start(h);
    ck_assert(xs_write(h, t, "/long/entry-number-400", "", 0));
    names = xs_directory(h, t, "/long", &n);
    ck_assert_uint_eq(n, 401);
    free(names);
    ck_assert(xs_transaction_end(h, t, true));
    xs_close(h);
}
END_TEST

static void say_state(unsigned int domid, const char *state)
{
    char p[160];
    snprintf(p, sizeof(p), "%s/domain%u.state", d.dir, domid);
    FILE *f = fopen(p, "w");
    ck_assert_ptr_nonnull(f);
    fputs(state, f);
    fclose(f);
}

/* The directory backend's VIRQ_DOM_EXC: a byte on dom-exc, then each domain's state file. */
START_TEST(domain_exceptions_over_the_loop)
{
    struct xs_handle *h = open_store();
    struct guest g;
    char p[160];
    guest_create(&g, &d, 6);
    ck_assert(xs_introduce_domain(h, 6, 4096, 1));
    ck_assert(xs_watch(h, "@releaseDomain", "rel"));
    free(xs_read_watch(h, NULL));
    snprintf(p, sizeof(p), "%s/dom-exc", d.dir);
    ck_assert_int_eq(mkfifo(p, 0600), 0);
    free(xs_read(h, XBT_NULL, "/", NULL));      /* a round: the daemon opens the FIFO */
    int exc = open(p, O_RDWR | O_NONBLOCK);
    ck_assert_int_ge(exc, 0);

    say_state(6, "shutdown");
    ck_assert_int_eq(write(exc, "x", 1), 1);
    char **ev = xs_read_watch(h, NULL);
    ck_assert_str_eq(ev[XS_WATCH_PATH], "@releaseDomain");
    free(ev);
    ck_assert(xs_is_domain_introduced(h, 6));

    say_state(6, "gone");
    ck_assert_int_eq(write(exc, "x", 1), 1);
    ev = xs_read_watch(h, NULL);
    ck_assert_str_eq(ev[XS_WATCH_PATH], "@releaseDomain");
    free(ev);
    ck_assert(!xs_is_domain_introduced(h, 6));
    close(exc);
    xs_close(h);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("store-daemon");
    TCase *tc = tcase_create("daemon");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, watches_fire_in_order_across_processes);
    tcase_add_test(tc, transactions_conflict_over_the_socket);
    tcase_add_test(tc, one_handle_many_threads);
    tcase_add_test(tc, domain_over_the_ring);
    tcase_add_test(tc, bad_clients_are_dropped);
    tcase_add_test(tc, command_line_tools);
    tcase_add_test(tc, long_directory_in_parts);
    tcase_add_test(tc, domain_exceptions_over_the_loop);
    suite_add_tcase(s, tc);
    return run_suite(s, CK_NOFORK);
}
