/*
 * xl_console.c - `xl console`: the terminal joined to a domain's PV
 * console through the pty xenconsoled opened for it (its path is the
 * domain's console/tty node in xenstore).
 *
 * Input goes to the domain byte for byte (the terminal in raw mode) until
 * Ctrl-] detaches; output is copied until the daemon closes the console
 * (the domain is gone).  Without a terminal on stdin, stdin's end only
 * stops the input: output is still copied until the console closes.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <xenstore.h>

#include "xl.h"

#define DETACH_KEY 0x1d                 /* Ctrl-] */
#define TTY_WAIT_MS 10000               /* for the daemon to serve a new domain */
#define TTY_POLL_MS 100

static char *read_console_node(struct xs_handle *xs, uint32_t domid, const char *node)
{
    char path[64], *value;

    snprintf(path, sizeof(path), "/local/domain/%u/console/%s", domid, node);
    value = xs_read(xs, XBT_NULL, path, NULL);
    if ( value && !*value )
    {
        free(value);
        value = NULL;
    }
    return value;
}

/*
 * The pty's path.  A domain with a console ring but no pty yet was just
 * created: wait a little for xenconsoled to serve it.
 */
static char *console_tty(struct xs_handle *xs, uint32_t domid)
{
    struct timespec pause = { 0, TTY_POLL_MS * 1000000L };
    char *ring = read_console_node(xs, domid, "ring-ref");

    if ( !ring )
    {
        xl_failed("domain %u has no PV console (no console/ring-ref in xenstore)", domid);
        return NULL;
    }
    free(ring);
    for ( int waited = 0; waited < TTY_WAIT_MS; waited += TTY_POLL_MS )
    {
        char *tty = read_console_node(xs, domid, "tty");

        if ( tty )
            return tty;
        nanosleep(&pause, NULL);
    }
    xl_failed("xenconsoled has not served domain %u's console (is it running?)", domid);
    return NULL;
}

static int write_all(int fd, const char *buf, size_t len)
{
    while ( len )
    {
        ssize_t w = write(fd, buf, len);

        if ( w < 0 && errno == EINTR )
            continue;
        if ( w <= 0 )
            return -1;
        buf += w;
        len -= (size_t)w;
    }
    return 0;
}

/* Copy both ways until detach (0), the console closing (0) or an error (-1). */
static int relay(int tty_fd, uint32_t domid)
{
    struct pollfd fds[2] = {
        { .fd = STDIN_FILENO, .events = POLLIN },
        { .fd = tty_fd, .events = POLLIN },
    };
    char buf[4096];

    for ( ;; )
    {
        ssize_t n;

        if ( poll(fds, 2, -1) < 0 )
        {
            if ( errno == EINTR )
                continue;
            return xl_failed("console of domain %u: poll: %s", domid, strerror(errno));
        }
        if ( fds[1].revents )
        {
            n = read(tty_fd, buf, sizeof(buf));
            if ( n <= 0 )
                return 0;               /* EIO: xenconsoled closed it; the domain is gone */
            if ( write_all(STDOUT_FILENO, buf, (size_t)n) )
                return xl_failed("console of domain %u: writing stdout: %s", domid,
                               strerror(errno));
        }
        if ( fds[0].revents )
        {
            char *detach;

            n = read(STDIN_FILENO, buf, sizeof(buf));
            if ( n <= 0 )
            {
                fds[0].fd = -1;         /* no more input; keep showing output */
                continue;
            }
            detach = memchr(buf, DETACH_KEY, (size_t)n);
            if ( write_all(tty_fd, buf, detach ? (size_t)(detach - buf) : (size_t)n) )
                return xl_failed("console of domain %u: writing its pty: %s", domid,
                               strerror(errno));
            if ( detach )
                return 0;
        }
    }
}

int xl_console_attach(uint32_t domid)
{
    struct xs_handle *xs = xs_open(0);
    struct termios saved, raw;
    bool terminal;
    char *tty;
    int fd, rc;

    if ( !xs )
        return xl_failed("console of domain %u: cannot reach xenstored: %s", domid,
                       strerror(errno));
    tty = console_tty(xs, domid);
    xs_close(xs);
    if ( !tty )
        return -1;
    fd = open(tty, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if ( fd < 0 )
    {
        rc = xl_failed("console of domain %u: cannot open %s: %s", domid, tty, strerror(errno));
        free(tty);
        return rc;
    }
    free(tty);

    terminal = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
    if ( terminal )
    {
        raw = saved;
        cfmakeraw(&raw);
        tcsetattr(STDIN_FILENO, TCSANOW, &raw);
    }
    fflush(xl_out);
    rc = relay(fd, domid);
    if ( terminal )
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    close(fd);
    return rc;
}
