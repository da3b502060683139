/* libxenstore's transport, reply routing and watch queue (see xs_internal.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "xs_internal.h"

#define DEFAULT_SOCKET "/run/xenstored/socket"
#define XENBUS_DEVICE "/dev/xen/xenbus"

#define ERROR_ENTRY(e) { e, #e },
static const struct {
    int err;
    const char *name;
} error_names[] = { XSD_ERROR_NAMES(ERROR_ENTRY) };

static int error_from_reply(const char *name)
{
    for (unsigned int i = 0; i < sizeof(error_names) / sizeof(error_names[0]); i++)
        if (!strcmp(error_names[i].name, name))
            return error_names[i].err;
    return EINVAL;
}

static int open_socket(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    if (strlen(path) >= sizeof(addr.sun_path)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    strcpy(addr.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    if (connect(fd, (struct sockaddr *)&addr, sizeof(addr))) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

/* As in Xen, a path that exists and is no socket is the kernel's device. */
static int open_path(const char *path, unsigned long flags)
{
    struct stat st;
    if (stat(path, &st) || S_ISSOCK(st.st_mode))
        return open_socket(path);
    if (flags & XS_OPEN_SOCKETONLY) {
        errno = ENOTSOCK;
        return -1;
    }
    return open(path, O_RDWR | O_CLOEXEC);
}

struct xs_handle *xs_open(unsigned long flags)
{
    const char *path = getenv("XENSTORED_PATH");
    int fd = open_path(path ? path : DEFAULT_SOCKET, flags);
    if (fd < 0 && !(flags & XS_OPEN_SOCKETONLY) && !path)
        fd = open(XENBUS_DEVICE, O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct xs_handle *h = calloc(1, sizeof(*h));
    if (!h) {
        close(fd);
        errno = ENOMEM;
        return NULL;
    }
    h->fd = fd;
    h->event_pipe[0] = h->event_pipe[1] = -1;
    pthread_mutex_init(&h->request_lock, NULL);
    pthread_mutex_init(&h->lock, NULL);
    pthread_cond_init(&h->cond, NULL);
    return h;
}

static void free_list(struct xs_msg *m)
{
    while (m) {
        struct xs_msg *next = m->next;
        free(m);
        m = next;
    }
}

void xs_close(struct xs_handle *h)
{
    if (!h)
        return;
    if (h->reader_running) {
        pthread_cancel(h->reader);
        pthread_join(h->reader, NULL);
    }
    close(h->fd);
    if (h->event_pipe[0] >= 0) {
        close(h->event_pipe[0]);
        close(h->event_pipe[1]);
    }
    free_list(h->events);
    free(h->reply);
    pthread_mutex_destroy(&h->request_lock);
    pthread_mutex_destroy(&h->lock);
    pthread_cond_destroy(&h->cond);
    free(h);
}

static int read_exact(int fd, void *buf, size_t len)
{
    while (len) {
        ssize_t n = read(fd, buf, len);
        if (n == 0)
            return ECONNRESET;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        buf = (char *)buf + n;
        len -= (size_t)n;
    }
    return 0;
}

static int write_all(int fd, const struct iovec *iov, int niov)
{
    struct iovec v[XS_MAX_IOV];
    memcpy(v, iov, (size_t)niov * sizeof(*v));
    struct iovec *p = v;
    while (niov) {
        ssize_t n = writev(fd, p, niov);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        while (niov && (size_t)n >= p->iov_len) {
            n -= (ssize_t)p->iov_len;
            p++;
            niov--;
        }
        if (niov) {
            p->iov_base = (char *)p->iov_base + n;
            p->iov_len -= (size_t)n;
        }
    }
    return 0;
}

/* One whole message from the daemon, or NULL with *err set. */
static struct xs_msg *read_msg(int fd, int *err)
{
    struct xsd_sockmsg hdr;
    if ((*err = read_exact(fd, &hdr, sizeof(hdr))) != 0)
        return NULL;
    if (hdr.len > XENSTORE_PAYLOAD_MAX) {
        *err = EBADMSG;
        return NULL;
    }
    struct xs_msg *m = malloc(sizeof(*m) + hdr.len + 1);
    if (!m) {
        *err = ENOMEM;
        return NULL;
    }
    m->next = NULL;
    m->hdr = hdr;
    if ((*err = read_exact(fd, m->body, hdr.len)) != 0) {
        free(m);
        return NULL;
    }
    m->body[hdr.len] = '\0';
    return m;
}

/* Sorts one message into the reply slot or the event queue; lock held. */
static void route(struct xs_handle *h, struct xs_msg *m)
{
    if (m->hdr.type == XS_WATCH_EVENT) {
        if (h->events_tail)
            h->events_tail->next = m;
        else
            h->events = m;
        h->events_tail = m;
        if (h->event_pipe[1] >= 0) {
            char b = 1;
            if (write(h->event_pipe[1], &b, 1) < 0) {
                /* the pipe only wakes pollers; the queue holds the event */
            }
        }
    } else if (h->reply) {
        free(m);
        h->broken = EBADMSG;    /* an answer nobody asked for */
    } else {
        h->reply = m;
    }
    pthread_cond_broadcast(&h->cond);
}

static void *reader_main(void *arg)
{
    struct xs_handle *h = arg;
    for (;;) {
        int err;
        struct xs_msg *m = read_msg(h->fd, &err);
        int old;
        pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
        pthread_mutex_lock(&h->lock);
        if (m)
            route(h, m);
        else
            h->broken = err;
        pthread_cond_broadcast(&h->cond);
        pthread_mutex_unlock(&h->lock);
        pthread_setcancelstate(old, NULL);
        if (!m)
            return NULL;
    }
}

int xs_start_reader(struct xs_handle *h)
{
    int err = 0;
    /* request_lock: no requester is reading its own reply meanwhile. */
    pthread_mutex_lock(&h->request_lock);
    pthread_mutex_lock(&h->lock);
    if (!h->reader_running) {
        err = pthread_create(&h->reader, NULL, reader_main, h);
        h->reader_running = !err;
    }
    pthread_mutex_unlock(&h->lock);
    pthread_mutex_unlock(&h->request_lock);
    return err;
}

static struct xs_msg *wait_reply(struct xs_handle *h, int *err)
{
    struct xs_msg *m = NULL;
    pthread_mutex_lock(&h->lock);
    for (;;) {
        if (h->reply) {
            m = h->reply;
            h->reply = NULL;
            break;
        }
        if (h->broken) {
            *err = h->broken;
            break;
        }
        if (h->reader_running) {
            pthread_cond_wait(&h->cond, &h->lock);
            continue;
        }
        /* No reader thread: read our reply ourselves. */
        pthread_mutex_unlock(&h->lock);
        struct xs_msg *got = read_msg(h->fd, err);
        pthread_mutex_lock(&h->lock);
        if (!got) {
            h->broken = *err;
            break;
        }
        route(h, got);
    }
    pthread_mutex_unlock(&h->lock);
    return m;
}

void *xs_talk(struct xs_handle *h, uint32_t type, xs_transaction_t t, const struct iovec *iov,
              unsigned int niov, unsigned int *len)
{
    struct iovec v[XS_MAX_IOV];
    struct xsd_sockmsg hdr = { .type = type, .tx_id = t };
    int err;
    if (niov + 1 > XS_MAX_IOV) {
        errno = E2BIG;
        return NULL;
    }
    for (unsigned int i = 0; i < niov; i++) {
        hdr.len += (uint32_t)iov[i].iov_len;
        v[i + 1] = iov[i];
    }
    if (hdr.len > XENSTORE_PAYLOAD_MAX) {
        errno = E2BIG;
        return NULL;
    }
    v[0] = (struct iovec){ &hdr, sizeof(hdr) };

    pthread_mutex_lock(&h->request_lock);
    pthread_mutex_lock(&h->lock);
    hdr.req_id = h->next_req_id++;
    err = h->broken;
    pthread_mutex_unlock(&h->lock);
    struct xs_msg *m = NULL;
    if (!err)
        err = write_all(h->fd, v, (int)niov + 1);
    if (!err)
        m = wait_reply(h, &err);
    pthread_mutex_unlock(&h->request_lock);

    if (!m) {
        errno = err;
        return NULL;
    }
    if (m->hdr.type == XS_ERROR) {
        errno = error_from_reply(m->body);
        free(m);
        return NULL;
    }
    if (m->hdr.type != type || m->hdr.req_id != hdr.req_id) {
        free(m);
        errno = EBADMSG;
        return NULL;
    }
    /* Hand out the payload alone: move it to the block's start. */
    unsigned int n = m->hdr.len;
    memmove(m, m->body, n + 1);
    if (len)
        *len = n;
    return m;
}

static char **event_vector(struct xs_msg *m, unsigned int *num)
{
    const char *path = m->body;
    size_t plen = strnlen(path, m->hdr.len);
    const char *token = plen < m->hdr.len ? path + plen + 1 : "";
    size_t tlen = strlen(token);
    char **vec = malloc(3 * sizeof(char *) + plen + tlen + 2);
    if (vec) {
        char *s = (char *)(vec + 3);
        vec[XS_WATCH_PATH] = memcpy(s, path, plen);
        s[plen] = '\0';
        vec[XS_WATCH_TOKEN] = memcpy(s + plen + 1, token, tlen + 1);
        vec[2] = NULL;
        if (num)
            *num = 2;
    }
    free(m);
    return vec;
}

/* Pops an event with the lock held; NULL if none. */
static struct xs_msg *pop_event(struct xs_handle *h)
{
    struct xs_msg *m = h->events;
    if (!m)
        return NULL;
    h->events = m->next;
    if (!h->events)
        h->events_tail = NULL;
    if (h->event_pipe[0] >= 0) {
        char b;
        if (read(h->event_pipe[0], &b, 1) < 0) {
            /* nothing to drain: the pipe was made after the event came */
        }
    }
    return m;
}

char **xs_read_watch(struct xs_handle *h, unsigned int *num)
{
    int err = xs_start_reader(h);
    if (err) {
        errno = err;
        return NULL;
    }
    pthread_mutex_lock(&h->lock);
    struct xs_msg *m;
    while (!(m = pop_event(h)) && !h->broken)
        pthread_cond_wait(&h->cond, &h->lock);
    err = h->broken;
    pthread_mutex_unlock(&h->lock);
    if (!m) {
        errno = err;
        return NULL;
    }
    return event_vector(m, num);
}

char **xs_check_watch(struct xs_handle *h)
{
    pthread_mutex_lock(&h->lock);
    struct xs_msg *m = pop_event(h);
    int err = h->broken;
    pthread_mutex_unlock(&h->lock);
    if (!m) {
        errno = err ? err : EAGAIN;
        return NULL;
    }
    return event_vector(m, NULL);
}

int xs_fileno(struct xs_handle *h)
{
    pthread_mutex_lock(&h->lock);
    if (h->event_pipe[0] < 0) {
        if (pipe2(h->event_pipe, O_CLOEXEC | O_NONBLOCK)) {
            pthread_mutex_unlock(&h->lock);
            return -1;
        }
        for (struct xs_msg *m = h->events; m; m = m->next) {
            char b = 1;
            if (write(h->event_pipe[1], &b, 1) < 0)
                break;
        }
    }
    int fd = h->event_pipe[0];
    pthread_mutex_unlock(&h->lock);
    int err = xs_start_reader(h);
    if (err) {
        errno = err;
        return -1;
    }
    return fd;
}
