/*
 * The daemon's state: the tree, the connections, the introduced domains,
 * the quotas.  One thread owns it all; there are no locks.  The same
 * struct serves the unit tests, which build a store without a main loop.
 */
#ifndef XENSTORED_STORE_H
#define XENSTORED_STORE_H

#include <stdint.h>

#include "quota.h"
#include "tree.h"

struct conn;
struct domain;
struct ring_backend;

struct store {
    struct tree tree;
    struct conn *conns;
    struct domain *domains;
    struct quota quota;
    struct ring_backend *rings;     /* NULL: INTRODUCE cannot map rings */
    uint64_t requests;              /* served, for the log */
};

int store_init(struct store *store);
void store_free(struct store *store);
/* Destroys the connections marked dead. */
void store_reap(struct store *store);

#endif
