/* Introduced domains (see domain.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "domain.h"
#include "log.h"
#include "path.h"
#include "ring_backend.h"
#include "store.h"
#include "watch.h"

struct domain *domain_find(struct store *store, unsigned int domid)
{
    for (struct domain *d = store->domains; d; d = d->next)
        if (d->domid == domid)
            return d;
    return NULL;
}

int domain_introduce(struct store *store, unsigned int domid, uint64_t mfn, unsigned int port)
{
    struct domain *d = domain_find(store, domid);
    if (d)
        return d->mfn == mfn && d->port == port ? EEXIST : EBUSY;
    if (domid == 0)
        return EINVAL;          /* dom0 talks over the socket */
    if (!store->rings)
        return ENOSYS;          /* no way to map a ring in this build */
    d = calloc(1, sizeof(*d));
    if (!d)
        return ENOMEM;
    struct ring_channel ch;
    int err = store->rings->open(store->rings, domid, mfn, port, &ch);
    if (err) {
        xs_log(LOG_ERROR, "domain %u: cannot reach its ring: %s", domid, strerror(err));
        free(d);
        return err == ENOMEM ? ENOMEM : EINVAL;
    }
    struct caller who = { .domid = domid };
    d->conn = ring_conn_new(store, &who, &ch);
    if (!d->conn) {
        store->rings->close(store->rings, &ch);
        free(d);
        return ENOMEM;
    }
    d->domid = domid;
    d->mfn = mfn;
    d->port = port;
    d->next = store->domains;
    store->domains = d;
    xs_log(LOG_INFO, "domain %u introduced (mfn %llu, port %u)", domid,
           (unsigned long long)mfn, port);
    return 0;
}

static void domain_unlink(struct store *store, struct domain *dom)
{
    for (struct domain **p = &store->domains; *p; p = &(*p)->next)
        if (*p == dom) {
            *p = dom->next;
            free(dom);
            return;
        }
}

int domain_release(struct store *store, unsigned int domid)
{
    struct domain *d = domain_find(store, domid);
    if (!d)
        return ENOENT;
    if (d->conn)
        d->conn->dead = true;
    domain_unlink(store, d);
    xs_log(LOG_INFO, "domain %u released", domid);
    return 0;
}

int domain_connect_kernel(struct store *store)
{
    struct ring_channel ch;
    int err = store->rings ? store->rings->open(store->rings, 0, 0, 0, &ch) : ENOSYS;
    if (err) {
        xs_log(LOG_ERROR, "domain 0: cannot reach the kernel's ring: %s", strerror(err));
        return err;
    }
    /* The kernel's xenbus probes once it hears from us (Xen's daemon kicks too). */
    store->rings->kick(store->rings, &ch);
    struct caller who = { .domid = 0, .privileged = true };
    if (!ring_conn_new(store, &who, &ch)) {
        store->rings->close(store->rings, &ch);
        return ENOMEM;
    }
    xs_log(LOG_INFO, "domain 0: serving the kernel's ring");
    return 0;
}

void domain_check_exceptions(struct store *store)
{
    struct ring_backend *be = store->rings;
    bool news = false;
    if (!be || !be->domain_state)
        return;
    for (struct domain *d = store->domains, *next; d; d = next) {
        next = d->next;
        enum domain_state state;
        int err = be->domain_state(be, d->domid, &state);
        if (err) {
            xs_log(LOG_ERROR, "domain %u: cannot learn its state: %s", d->domid, strerror(err));
            continue;
        }
        if (state == DOMAIN_SHUTDOWN && !d->shutdown) {
            d->shutdown = true;
            news = true;
            xs_log(LOG_INFO, "domain %u shut down", d->domid);
        } else if (state == DOMAIN_DYING || state == DOMAIN_GONE) {
            xs_log(LOG_INFO, "domain %u %s: its connection goes", d->domid,
                   state == DOMAIN_DYING ? "is dying" : "is gone");
            domain_release(store, d->domid);
            news = true;
        }
    }
    /* One event for the lot, as in Xen: readers list the domains again. */
    if (news)
        watch_fire(store, SPECIAL_RELEASE, false);
}

int domain_set_target(struct store *store, unsigned int domid, unsigned int target)
{
    struct domain *d = domain_find(store, domid);
    if (!d || !domain_find(store, target))
        return ENOENT;
    d->has_target = true;
    d->target = target;
    if (d->conn) {
        d->conn->who.has_target = true;
        d->conn->who.target = target;
    }
    return 0;
}

void domain_conn_gone(struct store *store, struct conn *conn)
{
    for (struct domain *d = store->domains; d; d = d->next)
        if (d->conn == conn)
            d->conn = NULL;
}

void domain_free_all(struct store *store)
{
    while (store->domains)
        domain_unlink(store, store->domains);
}
