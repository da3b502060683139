/*
 * Watches.  A connection owns its watches (conn->watches, in registration
 * order).  A change to a path fires every watch on that path or on one of
 * its ancestors; removing a subtree also fires the watches inside it.  The
 * event carries the watched form of the path: relative to the watcher's
 * home if the watch was registered relative.  Events queue on the
 * connection in the order of the changes, after the answer of the request
 * that caused them.
 */
#ifndef XENSTORED_WATCH_H
#define XENSTORED_WATCH_H

#include <stdbool.h>

struct conn;
struct store;

struct watch {
    struct watch *next;
    char *path;                 /* absolute, or a special @ path */
    char *token;
    unsigned int relative_skip; /* bytes of home + '/' to drop; 0 if absolute */
};

/* PATH as the client gave it; its absolute form is ABSOLUTE.  Xen's rule:
 * a new watch fires once at once (watch_event after the answer), so the
 * client reads the current state after registering. */
int watch_add(struct conn *conn, const char *path, const char *absolute, const char *token,
              struct watch **out);
void watch_event(struct conn *conn, const struct watch *w, const char *absolute);
int watch_remove(struct conn *conn, const char *absolute, const char *token);
void watch_remove_all(struct conn *conn);
/* A change at ABSOLUTE; RECURSIVE for a removal of the whole subtree. */
void watch_fire(struct store *store, const char *absolute, bool recursive);

#endif
