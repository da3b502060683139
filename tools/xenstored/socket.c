/* The Unix socket transport (see socket.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "conn.h"
#include "socket.h"
#include "store.h"

static ssize_t sock_read(struct conn *conn, void *buf, size_t len)
{
    ssize_t n = recv(conn->fd, buf, len, MSG_DONTWAIT);
    if (n > 0)
        return n;
    if (n < 0 && (errno == EAGAIN || errno == EINTR))
        return 0;
    return -1;                  /* end of file or a real error */
}

static ssize_t sock_write(struct conn *conn, const void *buf, size_t len)
{
    ssize_t n = send(conn->fd, buf, len, MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n >= 0)
        return n;
    return errno == EAGAIN || errno == EINTR ? 0 : -1;
}

static void sock_destroy(struct conn *conn)
{
    close(conn->fd);
}

static const struct conn_ops socket_ops = {
    .read = sock_read, .write = sock_write, .destroy = sock_destroy, .poll_out = true,
};

static int make_dirs(const char *path)
{
    char *copy = strdup(path);
    if (!copy)
        return -1;
    for (char *p = copy + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(copy, 0755) && errno != EEXIST) {
            free(copy);
            return -1;
        }
        *p = '/';
    }
    free(copy);
    return 0;
}

int socket_listen(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    if (strlen(path) >= sizeof(addr.sun_path)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    strcpy(addr.sun_path, path);
    if (make_dirs(path))
        return -1;
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    unlink(path);
    mode_t old = umask(0077);
    int err = bind(fd, (struct sockaddr *)&addr, sizeof(addr));
    umask(old);
    if (err || listen(fd, 64)) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

int socket_accept(struct store *store, int listen_fd)
{
    static unsigned int serial;
    int fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd < 0)
        return errno;
    struct caller who = { .domid = 0, .privileged = true };
    char id[32];
    snprintf(id, sizeof(id), "socket %u", ++serial);
    if (!conn_new(store, &socket_ops, NULL, fd, &who, id)) {
        close(fd);
        return ENOMEM;
    }
    return 0;
}
