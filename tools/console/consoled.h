/*
 * consoled.h - xenconsoled: dom0's daemon behind every domU's PV console.
 *
 * Rules:
 *  - One process serves all domains.  A domain is served once xenstore
 *    holds its console nodes (/local/domain/N/console/ring-ref = the ring
 *    page's frame, console/port = the domain's event channel), as the
 *    toolstack writes them before introducing the domain.  Its pty's path
 *    goes to console/tty, where `xl console` finds it.
 *  - Domains are discovered by rescanning the hypervisor's domain list
 *    when xenstore fires @introduceDomain or @releaseDomain and when
 *    VIRQ_DOM_EXC says a domain died; a rescan is idempotent.
 *  - Each console_domain owns its ring mapping, event channel, pty pair
 *    and log file; console_domain_disconnect() releases all of them, after
 *    draining the ring one last time into the log.
 *  - Single-threaded: everything runs from the poll loop in consoled.c.
 */
#ifndef CONSOLED_H
#define CONSOLED_H

#include <stdbool.h>
#include <stdint.h>

#include <xenctrl.h>
#include <xenevtchn.h>
#include <xenforeignmemory.h>
#include <xenstore.h>

#include "buffer.h"
#include "ring.h"

/* Output a pty has not taken yet is kept up to this much per domain. */
#define CONSOLE_PENDING_LIMIT (64 * 1024)

struct console_domain {
    uint32_t domid;
    char name[64];                      /* for the log file; "domain-N" if unnamed */
    struct xencons_interface *intf;     /* the mapped ring page */
    uint64_t ring_mfn;                  /* what console/ring-ref and port said */
    uint32_t remote_port;
    evtchn_port_t local_port;
    int master_fd, slave_fd, log_fd;    /* -1 when not open */
    char tty[64];
    struct console_buffer pending;      /* output the pty has not taken */
    bool input_full;                    /* in[] was full: wait for the guest's event */
    bool reset_reported;
    struct console_domain *next;
};

struct consoled {
    struct xs_handle *xs;
    xc_interface *xc;
    xenforeignmemory_handle *fmem;
    xenevtchn_handle *xce;
    evtchn_port_t dom_exc_port;         /* 0 when VIRQ_DOM_EXC could not be bound */
    const char *log_dir;                /* guests' output logs, or NULL for none */
    struct console_domain *domains;
};

/* The daemon's own messages, one line each, on stderr. */
void consoled_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Serve domid's console if its nodes are in xenstore: 0 when served (or
 * already), 1 when the nodes are not there (yet), -1 after a message.  A
 * console served under domid whose nodes now name another ring belongs to
 * an earlier domain of that id (destroyed unseen): it is closed first.
 */
int console_domain_connect(struct consoled *cd, uint32_t domid);
void console_domain_disconnect(struct consoled *cd, struct console_domain *dom);
struct console_domain *console_domain_by_port(struct consoled *cd, evtchn_port_t port);

/* The guest signalled: take its output, and give it input it has room for. */
void console_domain_ring_event(struct consoled *cd, struct console_domain *dom);
/* The pty has input for the guest. */
void console_domain_pty_input(struct consoled *cd, struct console_domain *dom);
/* The pty can take more of the pending output. */
void console_domain_pty_flush(struct console_domain *dom);

#endif /* CONSOLED_H */
