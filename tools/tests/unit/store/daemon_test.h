/*
 * Helpers of the tests that run the real xenstored: start it on a socket
 * in a fresh directory (with the directory ring backend there), stop it
 * with SIGTERM and check that it exits cleanly; and a guest's side of a
 * ring (the page and kick FIFOs the daemon maps from that directory),
 * using the daemon's own ring moves.
 */
#ifndef DAEMON_TEST_H
#define DAEMON_TEST_H

#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ring.h"
#include "xenstore.h"

struct daemon {
    char dir[64];
    char socket[96];
    pid_t pid;
};

static inline void daemon_start(struct daemon *d, const char *const *extra)
{
    strcpy(d->dir, "/tmp/xenstored-test.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(d->dir));
    snprintf(d->socket, sizeof(d->socket), "%s/socket", d->dir);
    char log[96];
    snprintf(log, sizeof(log), "%s/log", d->dir);
    const char *argv[24] = { XENSTORED_BIN, "--no-fork", "--socket", d->socket,
                             "--ring-dir", d->dir, "--log-file", log };
    int n = 8;
    for (; extra && *extra && n < 22; extra++)
        argv[n++] = *extra;
    argv[n] = NULL;
    d->pid = fork();
    ck_assert_int_ge(d->pid, 0);
    if (d->pid == 0) {
        /* A failed test must not leave its daemon behind. */
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    setenv("XENSTORED_PATH", d->socket, 1);
    /* Ready once it accepts (the socket file exists from bind, before listen). */
    for (int i = 0; i < 500; i++) {
        struct xs_handle *h = xs_open(XS_OPEN_SOCKETONLY);
        if (h) {
            xs_close(h);
            break;
        }
        usleep(10000);
    }
}

/* SIGTERM; the daemon must exit 0 and remove its socket. */
static inline void daemon_stop(struct daemon *d)
{
    int status;
    ck_assert_int_eq(kill(d->pid, SIGTERM), 0);
    ck_assert_int_eq(waitpid(d->pid, &status, 0), d->pid);
    ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
                  "xenstored ended with status %#x", status);
    ck_assert_int_ne(access(d->socket, F_OK), 0);
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf %s", d->dir);
    ck_assert_int_eq(system(cmd), 0);
}

static inline struct xs_handle *open_store(void)
{
    struct xs_handle *h = xs_open(XS_OPEN_SOCKETONLY);
    ck_assert_msg(h != NULL, "xs_open: %s", strerror(errno));
    return h;
}

/* The guest end of domain DOMID's ring, files in the daemon's directory. */
struct guest {
    struct xenstore_domain_interface *intf;
    int kick_store, kicked;
};

static inline void guest_create(struct guest *g, const struct daemon *d, unsigned int domid)
{
    char p[160];
    snprintf(p, sizeof(p), "%s/domain%u.page", d->dir, domid);
    int fd = open(p, O_RDWR | O_CREAT | O_TRUNC, 0600);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(ftruncate(fd, 4096), 0);
    g->intf = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    ck_assert_ptr_ne(g->intf, MAP_FAILED);
    close(fd);
    snprintf(p, sizeof(p), "%s/domain%u.to-store", d->dir, domid);
    ck_assert_int_eq(mkfifo(p, 0600), 0);
    g->kick_store = open(p, O_RDWR | O_NONBLOCK);
    snprintf(p, sizeof(p), "%s/domain%u.to-guest", d->dir, domid);
    ck_assert_int_eq(mkfifo(p, 0600), 0);
    g->kicked = open(p, O_RDWR | O_NONBLOCK);
    ck_assert(g->kick_store >= 0 && g->kicked >= 0);
}

static inline void guest_kick(struct guest *g)
{
    char b = 1;
    ck_assert_int_eq(write(g->kick_store, &b, 1), 1);
}

/* Waits (at most 5 s) for a kick from the daemon; false on timeout. */
static inline int guest_wait(struct guest *g)
{
    struct pollfd p = { g->kicked, POLLIN, 0 };
    if (poll(&p, 1, 5000) != 1)
        return 0;
    char buf[64];
    while (read(g->kicked, buf, sizeof(buf)) > 0)
        ;
    return 1;
}

static inline void guest_send(struct guest *g, uint32_t type, uint32_t tx, const void *payload,
                              uint32_t len)
{
    struct xsd_sockmsg h = { type, 42, tx, len };
    char buf[sizeof(h) + XENSTORE_PAYLOAD_MAX + 64];
    memcpy(buf, &h, sizeof(h));
    memcpy(buf + sizeof(h), payload, len);
    size_t done = 0, total = sizeof(h) + len;
    while (done < total) {
        ssize_t n = ring_put(g->intf->req, &g->intf->req_cons, &g->intf->req_prod,
                             buf + done, total - done);
        ck_assert_int_ge(n, 0);
        done += (size_t)n;
        guest_kick(g);
        if (done < total)
            ck_assert_msg(guest_wait(g), "daemon does not drain the ring");
    }
}

/* Reads one whole message from the rsp ring; body NUL-terminated. */
static inline void guest_recv(struct guest *g, struct xsd_sockmsg *h, char *body)
{
    size_t have = 0;
    char *hb = (char *)h;
    while (have < sizeof(*h) + (have >= sizeof(*h) ? h->len : 0)) {
        size_t want = have < sizeof(*h) ? sizeof(*h) - have : sizeof(*h) + h->len - have;
        char *dst = have < sizeof(*h) ? hb + have : body + (have - sizeof(*h));
        ssize_t n = ring_get(g->intf->rsp, &g->intf->rsp_cons, &g->intf->rsp_prod, dst, want);
        ck_assert_int_ge(n, 0);
        if (n == 0) {
            ck_assert_msg(guest_wait(g), "no answer on the ring");
            continue;
        }
        have += (size_t)n;
        guest_kick(g);
        if (have == sizeof(*h))
            ck_assert_uint_le(h->len, XENSTORE_PAYLOAD_MAX);
    }
    body[h->len] = '\0';
}

/* A request and its answer; returns the answer's type, body in BODY. */
static inline uint32_t guest_call(struct guest *g, uint32_t type, const void *payload,
                                  uint32_t len, char *body)
{
    struct xsd_sockmsg h;
    guest_send(g, type, 0, payload, len);
    guest_recv(g, &h, body);
    return h.type;
}

static inline double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

#endif
