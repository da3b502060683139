/*
 * xenstored: the xenstore daemon.  Options, the log, daemonising, and the
 * main loop: one thread polls the listening socket, every connection, the
 * ring backend's domain exceptions (VIRQ_DOM_EXC in dom0) and a signalfd,
 * and looks at every shared ring each round; SIGTERM or SIGINT ends it
 * cleanly (socket file and pid file removed).  In dom0 it serves the
 * kernel's own ring from the start, unless told not to (-D).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "conn.h"
#include "domain.h"
#include "log.h"
#include "ring_backend.h"
#include "socket.h"
#include "store.h"

struct options {
    const char *socket_path;
    const char *log_file;
    const char *pid_file;
    const char *ring_dir;
    enum log_level level;
    int no_fork;
    int no_domain_init;
};

static void usage(FILE *f)
{
    fprintf(f,
        "usage: xenstored [OPTION]...\n"
        "  -s, --socket PATH        listen on PATH (default " XENSTORED_SOCKET_DEFAULT ")\n"
        "  -N, --no-fork            stay in the foreground\n"
        "  -F, --pid-file FILE      write the daemon's pid to FILE\n"
        "  -L, --log-file FILE      log to FILE (default: standard error)\n"
        "  -l, --log-level LEVEL    error (default), info, or debug (a line per request)\n"
        "  -E, --entry-nb N         nodes a domain may own (default %d, 0: no limit)\n"
        "  -S, --entry-size N       bytes in one value (default %d)\n"
        "  -W, --watch-nb N         watches per connection (default %d)\n"
        "  -t, --transaction N      open transactions per connection (default %d)\n"
        "  -R, --ring-dir DIR       test rings: domains' pages and kicks are files in DIR\n"
        "  -D, --no-domain-init     do not serve dom0's kernel ring (in dom0, by default\n"
        "                           it is served and domains' rings are mapped)\n"
        "  -h, --help\n",
        QUOTA_DEFAULT_NODES, QUOTA_DEFAULT_ENTRY_SIZE, QUOTA_DEFAULT_WATCHES,
        QUOTA_DEFAULT_TRANSACTIONS);
}

static int parse_count(const char *opt, const char *text, unsigned int *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(text, &end, 10);
    if (errno || *end || !text[0] || text[0] == '-' || v > UINT_MAX) {
        fprintf(stderr, "xenstored: %s needs a count, not '%s'\n", opt, text);
        return -1;
    }
    *out = (unsigned int)v;
    return 0;
}

static int parse_options(int argc, char **argv, struct options *o, struct quota *q)
{
    static const struct option longopts[] = {
        { "socket", required_argument, NULL, 's' },
        { "no-fork", no_argument, NULL, 'N' },
        { "pid-file", required_argument, NULL, 'F' },
        { "log-file", required_argument, NULL, 'L' },
        { "log-level", required_argument, NULL, 'l' },
        { "entry-nb", required_argument, NULL, 'E' },
        { "entry-size", required_argument, NULL, 'S' },
        { "watch-nb", required_argument, NULL, 'W' },
        { "transaction", required_argument, NULL, 't' },
        { "ring-dir", required_argument, NULL, 'R' },
        { "no-domain-init", no_argument, NULL, 'D' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int c;
    while ((c = getopt_long(argc, argv, "s:NF:L:l:E:S:W:t:R:Dh", longopts, NULL)) != -1) {
        switch (c) {
        case 's': o->socket_path = optarg; break;
        case 'N': o->no_fork = 1; break;
        case 'F': o->pid_file = optarg; break;
        case 'L': o->log_file = optarg; break;
        case 'R': o->ring_dir = optarg; break;
        case 'D': o->no_domain_init = 1; break;
        case 'l':
            if (log_level_parse(optarg, &o->level)) {
                fprintf(stderr, "xenstored: unknown log level '%s' (error, info, debug)\n",
                        optarg);
                return -1;
            }
            break;
        case 'E': if (parse_count("--entry-nb", optarg, &q->nodes)) return -1; break;
        case 'S': if (parse_count("--entry-size", optarg, &q->entry_size)) return -1; break;
        case 'W': if (parse_count("--watch-nb", optarg, &q->watches)) return -1; break;
        case 't': if (parse_count("--transaction", optarg, &q->transactions)) return -1; break;
        case 'h': usage(stdout); exit(0);
        default: usage(stderr); return -1;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "xenstored: unexpected argument '%s'\n", argv[optind]);
        return -1;
    }
    return 0;
}

/*
 * Forks before dom0's devices are opened: the kernel does not copy
 * privcmd's buffers and foreign mappings into a child.  The parent waits
 * for the child's word and exits 0 once it serves (socket and rings), 1 if
 * it failed first.  Returns the descriptor ready_to_serve() writes, or -1.
 */
static int become_daemon(void)
{
    int ready[2];
    if (pipe2(ready, O_CLOEXEC))
        return -1;
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid > 0) {
        char ok;
        close(ready[1]);
        _exit(read(ready[0], &ok, 1) == 1 ? 0 : 1);
    }
    close(ready[0]);
    if (setsid() < 0)
        return -1;
    return ready[1];
}

static int ready_to_serve(int ready_fd)
{
    if (ready_fd < 0)
        return 0;
    if (!freopen("/dev/null", "r", stdin) || !freopen("/dev/null", "w", stdout))
        return -1;
    int ok = write(ready_fd, "", 1) == 1;
    close(ready_fd);
    return ok ? 0 : -1;
}

static int write_pid_file(const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fprintf(f, "%ld\n", (long)getpid());
    return fclose(f);
}

static void serve(struct conn *c, short revents)
{
    bool woken = revents & (POLLIN | POLLHUP | POLLERR);
    if (woken && c->ops->woken)
        c->ops->woken(c);           /* consumed before reading: no kick is lost */
    if (woken || c->ops->shared_memory)
        conn_input(c);
    conn_flush(c);
}

/* The fixed descriptors before the connections' in the poll set. */
enum { POLL_SIGNAL, POLL_LISTEN, POLL_DOM_EXC, POLL_FIXED };

static void main_loop(struct store *store, int listen_fd, int sig_fd)
{
    struct ring_backend *be = store->rings;
    struct pollfd *fds = NULL;
    struct conn **who = NULL;
    size_t cap = 0;
    for (;;) {
        size_t n = POLL_FIXED;
        for (struct conn *c = store->conns; c; c = c->next)
            n++;
        if (n > cap) {
            struct pollfd *nf = realloc(fds, n * sizeof(*fds));
            struct conn **nw = nf ? realloc(who, n * sizeof(*who)) : NULL;
            if (nf)
                fds = nf;
            if (!nw) {
                xs_log(LOG_ERROR, "out of memory for %zu connections", n);
                break;
            }
            who = nw;
            cap = n;
        }
        fds[POLL_SIGNAL] = (struct pollfd){ .fd = sig_fd, .events = POLLIN };
        fds[POLL_LISTEN] = (struct pollfd){ .fd = listen_fd, .events = POLLIN };
        /* poll() skips a negative descriptor. */
        fds[POLL_DOM_EXC] = (struct pollfd){ .fd = be && be->exc_fd ? be->exc_fd(be) : -1,
                                             .events = POLLIN };
        size_t i = POLL_FIXED;
        for (struct conn *c = store->conns; c; c = c->next, i++) {
            fds[i] = (struct pollfd){ .fd = c->fd, .events = POLLIN };
            if (c->ops->poll_out && conn_has_output(c))
                fds[i].events |= POLLOUT;
            who[i] = c;
        }
        if (poll(fds, n, -1) < 0) {
            if (errno == EINTR)
                continue;
            xs_log(LOG_ERROR, "poll: %s", strerror(errno));
            break;
        }
        if (fds[POLL_SIGNAL].revents) {
            struct signalfd_siginfo si;
            if (read(sig_fd, &si, sizeof(si)) == sizeof(si))
                xs_log(LOG_INFO, "signal %u: shutting down", si.ssi_signo);
            break;
        }
        for (i = POLL_FIXED; i < n; i++)
            if (fds[i].revents || who[i]->ops->shared_memory)
                serve(who[i], fds[i].revents);
        if (fds[POLL_LISTEN].revents & POLLIN) {
            int err = socket_accept(store, listen_fd);
            if (err)
                xs_log(LOG_ERROR, "accept: %s", strerror(err));
        }
        if (fds[POLL_DOM_EXC].revents & POLLIN) {
            be->exc_ack(be);
            domain_check_exceptions(store);
        }
        /* Requests queue events on other connections: send them now. */
        for (struct conn *c = store->conns; c; c = c->next)
            conn_flush(c);
        store_reap(store);
    }
    free(fds);
    free(who);
}

int main(int argc, char **argv)
{
    struct options o = { .socket_path = XENSTORED_SOCKET_DEFAULT, .level = LOG_ERROR };
    struct store store;
    if (store_init(&store)) {
        fprintf(stderr, "xenstored: out of memory\n");
        return 1;
    }
    if (parse_options(argc, argv, &o, &store.quota))
        return 2;
    if (getenv("XENSTORED_PATH") && !strcmp(o.socket_path, XENSTORED_SOCKET_DEFAULT))
        o.socket_path = getenv("XENSTORED_PATH");
    if (log_open(o.log_file, o.level)) {
        fprintf(stderr, "xenstored: cannot open log %s: %s\n", o.log_file, strerror(errno));
        return 1;
    }
    int ready_fd = -1;
    if (!o.no_fork && (ready_fd = become_daemon()) < 0) {
        fprintf(stderr, "xenstored: cannot become a daemon: %s\n", strerror(errno));
        return 1;
    }
    if (o.ring_dir && !(store.rings = ring_backend_dir(o.ring_dir))) {
        fprintf(stderr, "xenstored: out of memory\n");
        return 1;
    }
    /* In dom0, as Xen's daemon does: domains' rings are real ones. */
    if (!o.ring_dir && ring_backend_xen_here() && !(store.rings = ring_backend_xen()))
        return 1;
    if (store.rings && !o.ring_dir && !o.no_domain_init && domain_connect_kernel(&store)) {
        fprintf(stderr, "xenstored: cannot serve dom0's kernel ring (see the log)\n");
        return 1;
    }

    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, SIGINT);
    sigprocmask(SIG_BLOCK, &mask, NULL);
    signal(SIGPIPE, SIG_IGN);
    int sig_fd = signalfd(-1, &mask, SFD_CLOEXEC);
    int listen_fd = socket_listen(o.socket_path);
    if (listen_fd < 0) {
        fprintf(stderr, "xenstored: cannot listen on %s: %s\n", o.socket_path, strerror(errno));
        return 1;
    }
    if (sig_fd < 0) {
        fprintf(stderr, "xenstored: signalfd: %s\n", strerror(errno));
        return 1;
    }
    if (ready_to_serve(ready_fd)) {
        fprintf(stderr, "xenstored: cannot become a daemon: %s\n", strerror(errno));
        return 1;
    }
    if (o.pid_file && write_pid_file(o.pid_file)) {
        xs_log(LOG_ERROR, "cannot write pid file %s: %s", o.pid_file, strerror(errno));
        return 1;
    }
    xs_log(LOG_INFO, "listening on %s", o.socket_path);

    main_loop(&store, listen_fd, sig_fd);

    close(listen_fd);
    unlink(o.socket_path);
    if (o.pid_file)
        unlink(o.pid_file);
    xs_log(LOG_INFO, "served %llu requests, stopped", (unsigned long long)store.requests);
    store_free(&store);
    ring_backend_free(store.rings);
    log_close();
    return 0;
}
