/* Watches and their events (see watch.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "path.h"
#include "store.h"
#include "watch.h"

void watch_event(struct conn *conn, const struct watch *w, const char *path)
{
    const char *shown = path;
    if (w->relative_skip && strlen(path) > w->relative_skip)
        shown = path + w->relative_skip;
    size_t plen = strlen(shown) + 1, tlen = strlen(w->token) + 1;
    char *buf = malloc(plen + tlen);
    if (!buf) {
        conn->dead = true;      /* a lost event would be worse than a reconnect */
        return;
    }
    memcpy(buf, shown, plen);
    memcpy(buf + plen, w->token, tlen);
    if (conn_send(conn, XS_WATCH_EVENT, 0, 0, buf, plen + tlen))
        conn->dead = true;
    free(buf);
}

int watch_add(struct conn *conn, const char *path, const char *absolute, const char *token,
              struct watch **out)
{
    for (struct watch *w = conn->watches; w; w = w->next)
        if (!strcmp(w->path, absolute) && !strcmp(w->token, token))
            return EEXIST;
    struct watch *w = calloc(1, sizeof(*w));
    if (!w)
        return ENOMEM;
    w->path = strdup(absolute);
    w->token = strdup(token);
    if (!w->path || !w->token) {
        free(w->path);
        free(w->token);
        free(w);
        return ENOMEM;
    }
    if (path[0] != '/' && path[0] != '@')
        w->relative_skip = (unsigned int)(strlen(absolute) - strlen(path));
    struct watch **tail = &conn->watches;
    while (*tail)
        tail = &(*tail)->next;
    *tail = w;
    conn->nwatches++;
    *out = w;
    return 0;
}

static void watch_free(struct watch *w)
{
    free(w->path);
    free(w->token);
    free(w);
}

int watch_remove(struct conn *conn, const char *absolute, const char *token)
{
    for (struct watch **p = &conn->watches; *p; p = &(*p)->next) {
        struct watch *w = *p;
        if (!strcmp(w->path, absolute) && !strcmp(w->token, token)) {
            *p = w->next;
            watch_free(w);
            conn->nwatches--;
            return 0;
        }
    }
    return ENOENT;
}

void watch_remove_all(struct conn *conn)
{
    while (conn->watches) {
        struct watch *w = conn->watches;
        conn->watches = w->next;
        watch_free(w);
    }
    conn->nwatches = 0;
}

/* An unprivileged watcher hears of a change only where it may read. */
static bool may_see(const struct store *store, const struct conn *c, const char *path)
{
    if (c->who.privileged || path_is_special(path))
        return true;
    const struct node *n = tree_nearest(&store->tree, path);
    return (perm_access(&n->perms, &c->who) & PERM_READ) != 0;
}

void watch_fire(struct store *store, const char *absolute, bool recursive)
{
    bool special = path_is_special(absolute);
    for (struct conn *c = store->conns; c; c = c->next) {
        if (c->dead || !may_see(store, c, absolute))
            continue;
        for (struct watch *w = c->watches; w; w = w->next) {
            if (special || path_is_special(w->path)) {
                if (!strcmp(w->path, absolute))
                    watch_event(c, w, absolute);
            } else if (path_is_within(absolute, w->path)) {
                watch_event(c, w, absolute);
            } else if (recursive && path_is_within(w->path, absolute)) {
                watch_event(c, w, w->path);
            }
        }
    }
}
