/*
 * consoled.c - xenconsoled's main: options, domain discovery and the poll loop.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

#include <xen/xen.h>
#include <xencall.h>

#include "consoled.h"

#define DEFAULT_LOG_DIR "/var/log/xen/console"
#define LIST_BATCH 64


static bool use_syslog;
static volatile sig_atomic_t stop_signal;

void consoled_log(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    if ( use_syslog )
        vsyslog(LOG_NOTICE, fmt, ap);
    else
    {
        fputs("xenconsoled: ", stderr);
        vfprintf(stderr, fmt, ap);
        fputc('\n', stderr);
    }
    va_end(ap);
}

static void usage(FILE *f)
{
    fputs("usage: xenconsoled [-i] [--log=none|guest] [--log-dir=DIR] [--pid-file=FILE]\n"
          "  -i, --interactive  stay in the foreground, messages on stderr\n"
          "  --log=WHAT         guest: each domU's output in DIR/guest-NAME.log\n"
          "                     (the default); none: no logs\n"
          "  --log-dir=DIR      where the logs go (" DEFAULT_LOG_DIR ")\n"
          "  --pid-file=FILE    write the daemon's process id to FILE\n", f);
}

static bool domain_listed(const uint32_t *ids, unsigned int n, uint32_t domid)
{
    for ( unsigned int i = 0; i < n; i++ )
        if ( ids[i] == domid )
            return true;
    return false;
}

/*
 * The ids of every live domain but dom0 (whose console is the
 * hypervisor's); a dying domain counts as gone.
 */
static int list_domains(struct consoled *cd, uint32_t **ids, unsigned int *n)
{
    xc_domaininfo_t batch[LIST_BATCH];
    uint32_t next = 1;
    int got;

    *ids = NULL;
    *n = 0;
    do {
        uint32_t *grown;

        if ( (got = xc_domain_getinfolist(cd->xc, next, LIST_BATCH, batch)) < 0 )
        {
            consoled_log("cannot list domains: %s", xc_get_last_error(cd->xc)->message);
            return -1;
        }
        if ( !(grown = realloc(*ids, (*n + (unsigned int)got + 1) * sizeof(**ids))) )
            return -1;
        *ids = grown;
        for ( int i = 0; i < got; i++ )
        {
            next = batch[i].domain + 1u;
            if ( !(batch[i].flags & XEN_DOMINF_dying) )
                (*ids)[(*n)++] = batch[i].domain;
        }
    } while ( got == LIST_BATCH );
    return 0;
}

/* Serve every new domain's console and close those of domains that are gone. */
static void rescan(struct consoled *cd)
{
    uint32_t *ids;
    unsigned int n;

    if ( list_domains(cd, &ids, &n) )
    {
        free(ids);
        return;
    }
    for ( struct console_domain *dom = cd->domains, *next; dom; dom = next )
    {
        next = dom->next;
        if ( !domain_listed(ids, n, dom->domid) )
            console_domain_disconnect(cd, dom);
    }
    /* New domains, and ids that now name another domain than the one served. */
    for ( unsigned int i = 0; i < n; i++ )
        console_domain_connect(cd, ids[i]);
    free(ids);
}

static int open_interfaces(struct consoled *cd)
{
    int fd;

    if ( !(cd->xc = xc_interface_open(NULL, NULL, 0)) )
    {
        consoled_log("cannot open the hypervisor interface: %s",
                     xc_get_last_error(NULL)->message);
        return -1;
    }
    if ( !(cd->fmem = xenforeignmemory_open(NULL, 0)) )
    {
        consoled_log("cannot open foreign memory mappings: %s", xencall_last_error());
        return -1;
    }
    if ( !(cd->xce = xenevtchn_open(NULL, 0)) ||
         (fd = xenevtchn_fd(cd->xce)) < 0 || fcntl(fd, F_SETFL, O_NONBLOCK) )
    {
        consoled_log("cannot open event channels: %s", xenevtchn_last_error());
        return -1;
    }
    if ( !(cd->xs = xs_open(0)) )
    {
        consoled_log("cannot connect to xenstored: %s", strerror(errno));
        return -1;
    }
    if ( !xs_watch(cd->xs, "@introduceDomain", "introduce") ||
         !xs_watch(cd->xs, "@releaseDomain", "release") )
    {
        consoled_log("cannot watch xenstore's domain events: %s", strerror(errno));
        return -1;
    }
    /* Without the virq, watches alone still find new and released domains. */
    int port = xenevtchn_bind_virq(cd->xce, VIRQ_DOM_EXC);
    if ( port < 0 )
        consoled_log("VIRQ_DOM_EXC not bound (%s): dying domains are seen at @releaseDomain",
                     xenevtchn_last_error());
    else
        cd->dom_exc_port = (evtchn_port_t)port;
    return 0;
}

static void close_interfaces(struct consoled *cd)
{
    while ( cd->domains )
        console_domain_disconnect(cd, cd->domains);
    if ( cd->xs )
        xs_close(cd->xs);
    if ( cd->xce )
        xenevtchn_close(cd->xce);
    if ( cd->fmem )
        xenforeignmemory_close(cd->fmem);
    if ( cd->xc )
        xc_interface_close(cd->xc);
}

/* Every port that fired since the last call; 0, or -1 when the device failed. */
static int handle_events(struct consoled *cd)
{
    bool dom_exc = false;
    int port;

    while ( (port = xenevtchn_pending(cd->xce)) >= 0 )
    {
        struct console_domain *dom = console_domain_by_port(cd, (evtchn_port_t)port);

        if ( cd->dom_exc_port && (evtchn_port_t)port == cd->dom_exc_port )
            dom_exc = true;
        else if ( dom )
            console_domain_ring_event(cd, dom);
        xenevtchn_unmask(cd->xce, (evtchn_port_t)port);
    }
    if ( errno != EAGAIN && errno != EWOULDBLOCK )
    {
        consoled_log("reading event channels failed: %s", xenevtchn_last_error());
        return -1;
    }
    if ( dom_exc )
        rescan(cd);
    return 0;
}

/* Watch events waiting on the xenstore connection; -1 when it broke. */
static int handle_watches(struct consoled *cd)
{
    char **event;
    bool any = false;

    while ( (event = xs_check_watch(cd->xs)) )
    {
        free(event);
        any = true;
    }
    if ( errno != EAGAIN )
    {
        consoled_log("the xenstore connection broke: %s", strerror(errno));
        return -1;
    }
    if ( any )
        rescan(cd);
    return 0;
}

static int serve(struct consoled *cd)
{
    int xs_fd = xs_fileno(cd->xs), evtchn_fd = xenevtchn_fd(cd->xce);

    if ( xs_fd < 0 )
    {
        consoled_log("cannot wait for xenstore watches: %s", strerror(errno));
        return -1;
    }
    rescan(cd);             /* domains created before the daemon started */
    while ( !stop_signal )
    {
        unsigned int nr = 2, max = 2;
        struct pollfd *fds;
        struct console_domain **owner;
        int rc = 0;

        for ( struct console_domain *dom = cd->domains; dom; dom = dom->next )
            max++;
        fds = calloc(max, sizeof(*fds));
        owner = calloc(max, sizeof(*owner));
        if ( !fds || !owner )
        {
            free(fds);
            free(owner);
            consoled_log("out of memory");
            return -1;
        }
        fds[0] = (struct pollfd){ .fd = xs_fd, .events = POLLIN };
        fds[1] = (struct pollfd){ .fd = evtchn_fd, .events = POLLIN };
        for ( struct console_domain *dom = cd->domains; dom; dom = dom->next )
        {
            short want = (dom->input_full ? 0 : POLLIN) | (dom->pending.len ? POLLOUT : 0);

            owner[nr] = dom;
            fds[nr++] = (struct pollfd){ .fd = dom->master_fd, .events = want };
        }

        if ( poll(fds, nr, -1) < 0 )
            rc = errno == EINTR ? 0 : -1;
        else
        {
            /* Ptys first: the event and watch handlers may free domains. */
            for ( unsigned int i = 2; i < nr; i++ )
            {
                if ( fds[i].revents & POLLOUT )
                    console_domain_pty_flush(owner[i]);
                if ( fds[i].revents & POLLIN )
                    console_domain_pty_input(cd, owner[i]);
            }
            if ( fds[1].revents )
                rc = handle_events(cd);
            if ( rc == 0 && fds[0].revents )
                rc = handle_watches(cd);
        }
        free(fds);
        free(owner);
        if ( rc )
            return -1;
    }
    consoled_log("signal %d: stopping", (int)stop_signal);
    return 0;
}

static void on_signal(int sig)
{
    stop_signal = sig;
}

static int write_pid_file(const char *path)
{
    FILE *f = fopen(path, "w");

    if ( !f || fprintf(f, "%ld\n", (long)getpid()) < 0 || fclose(f) )
    {
        consoled_log("cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "interactive", no_argument, NULL, 'i' },
        { "log", required_argument, NULL, 'l' },
        { "log-dir", required_argument, NULL, 'd' },
        { "pid-file", required_argument, NULL, 'p' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    struct consoled cd = { .log_dir = DEFAULT_LOG_DIR };
    const char *pid_file = NULL;
    bool interactive = false;
    struct sigaction sa = { .sa_handler = on_signal };
    int opt, rc;

    while ( (opt = getopt_long(argc, argv, "ih", longopts, NULL)) != -1 )
        switch ( opt )
        {
        case 'i':
            interactive = true;
            break;
        case 'l':
            if ( !strcmp(optarg, "none") )
                cd.log_dir = NULL;
            else if ( strcmp(optarg, "guest") )
            {
                fprintf(stderr, "xenconsoled: --log=%s: expected none or guest\n", optarg);
                return 2;
            }
            break;
        case 'd':
            cd.log_dir = optarg;
            break;
        case 'p':
            pid_file = optarg;
            break;
        case 'h':
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    if ( optind != argc )
    {
        fprintf(stderr, "xenconsoled: unexpected argument '%s'\n", argv[optind]);
        usage(stderr);
        return 2;
    }
    if ( cd.log_dir && mkdir(cd.log_dir, 0750) && errno != EEXIST )
    {
        fprintf(stderr, "xenconsoled: cannot create %s: %s\n", cd.log_dir, strerror(errno));
        return 1;
    }
    if ( !interactive )
    {
        if ( daemon(0, 0) )
        {
            fprintf(stderr, "xenconsoled: cannot become a daemon: %s\n", strerror(errno));
            return 1;
        }
        openlog("xenconsoled", LOG_PID, LOG_DAEMON);
        use_syslog = true;
    }
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    if ( pid_file && write_pid_file(pid_file) )
        return 1;

    rc = open_interfaces(&cd) ? 1 : serve(&cd) ? 1 : 0;
    close_interfaces(&cd);
    if ( pid_file )
        unlink(pid_file);
    return rc;
}
