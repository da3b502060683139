/* The directory ring backend for host tests (see ring_backend.h). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ring_backend.h"

#define PAGE_BYTES 4096

struct dir_backend {
    int exc;                    /* DIR/dom-exc once it exists, else -1 */
    char dir[];
};

struct dir_channel {
    int to_guest;
};

static int open_in(const char *dir, unsigned int domid, const char *what, int flags)
{
    char path[PATH_MAX];
    snprintf(path, sizeof(path), "%s/domain%u.%s", dir, domid, what);
    return open(path, flags | O_CLOEXEC);
}

static int dir_open(struct ring_backend *be, unsigned int domid, uint64_t mfn, unsigned int port,
                    struct ring_channel *ch)
{
    const char *dir = ((struct dir_backend *)be->priv)->dir;
    struct dir_channel *dc = malloc(sizeof(*dc));
    int page = open_in(dir, domid, "page", O_RDWR);
    /* O_RDWR: a FIFO opened so never blocks and never reads end-of-file. */
    int in = open_in(dir, domid, "to-store", O_RDWR | O_NONBLOCK);
    int out = open_in(dir, domid, "to-guest", O_RDWR | O_NONBLOCK);
    void *map = MAP_FAILED;
    int err = errno;
    if (dc && page >= 0 && in >= 0 && out >= 0) {
        map = mmap(NULL, PAGE_BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, page, 0);
        err = errno;
    }
    if (page >= 0)
        close(page);
    if (map == MAP_FAILED) {
        if (in >= 0)
            close(in);
        if (out >= 0)
            close(out);
        free(dc);
        return err ? err : ENOENT;
    }
    dc->to_guest = out;
    ch->intf = map;
    ch->notify_fd = in;
    ch->priv = dc;
    return 0;
}

static void dir_kick(struct ring_backend *be, struct ring_channel *ch)
{
    struct dir_channel *dc = ch->priv;
    char b = 1;
    /* A full FIFO already holds a pending kick. */
    if (write(dc->to_guest, &b, 1) < 0 && errno != EAGAIN)
        return;
}

static void dir_ack(struct ring_backend *be, struct ring_channel *ch)
{
    char buf[64];
    while (read(ch->notify_fd, buf, sizeof(buf)) > 0)
        ;
}

static void dir_close(struct ring_backend *be, struct ring_channel *ch)
{
    struct dir_channel *dc = ch->priv;
    munmap(ch->intf, PAGE_BYTES);
    close(ch->notify_fd);
    close(dc->to_guest);
    free(dc);
}

/* The test creates the FIFO whenever it likes: look for it until it is there. */
static int dir_exc_fd(struct ring_backend *be)
{
    struct dir_backend *db = be->priv;
    if (db->exc < 0) {
        char path[PATH_MAX];
        snprintf(path, sizeof(path), "%s/dom-exc", db->dir);
        db->exc = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
    }
    return db->exc;
}

static void dir_exc_ack(struct ring_backend *be)
{
    struct dir_backend *db = be->priv;
    char buf[64];
    while (db->exc >= 0 && read(db->exc, buf, sizeof(buf)) > 0)
        ;
}

static int dir_domain_state(struct ring_backend *be, unsigned int domid,
                            enum domain_state *state)
{
    static const char *const names[] = {
        [DOMAIN_RUNNING] = "running", [DOMAIN_SHUTDOWN] = "shutdown",
        [DOMAIN_DYING] = "dying", [DOMAIN_GONE] = "gone",
    };
    char text[16] = "";
    int fd = open_in(((struct dir_backend *)be->priv)->dir, domid, "state", O_RDONLY);
    *state = DOMAIN_RUNNING;
    if (fd < 0)
        return errno == ENOENT ? 0 : errno;
    ssize_t n = read(fd, text, sizeof(text) - 1);
    close(fd);
    text[n > 0 ? n : 0] = '\0';
    text[strcspn(text, "\n")] = '\0';
    for (unsigned int i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (!strcmp(text, names[i])) {
            *state = (enum domain_state)i;
            return 0;
        }
    return EINVAL;
}

static void dir_destroy(struct ring_backend *be)
{
    struct dir_backend *db = be->priv;
    if (db->exc >= 0)
        close(db->exc);
    free(db);
    free(be);
}

struct ring_backend *ring_backend_dir(const char *dir)
{
    struct ring_backend *be = calloc(1, sizeof(*be));
    struct dir_backend *db = malloc(sizeof(*db) + strlen(dir) + 1);
    if (!be || !db) {
        free(be);
        free(db);
        return NULL;
    }
    db->exc = -1;
    strcpy(db->dir, dir);
    be->open = dir_open;
    be->kick = dir_kick;
    be->ack = dir_ack;
    be->close = dir_close;
    be->exc_fd = dir_exc_fd;
    be->exc_ack = dir_exc_ack;
    be->domain_state = dir_domain_state;
    be->destroy = dir_destroy;
    be->priv = db;
    return be;
}
