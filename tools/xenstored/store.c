/* The daemon's state (see store.h). */
#include <string.h>

#include "conn.h"
#include "domain.h"
#include "store.h"

int store_init(struct store *store)
{
    memset(store, 0, sizeof(*store));
    store->quota = (struct quota){ QUOTA_DEFAULT_NODES, QUOTA_DEFAULT_ENTRY_SIZE,
                                   QUOTA_DEFAULT_WATCHES, QUOTA_DEFAULT_TRANSACTIONS };
    return tree_init(&store->tree);
}

/* Destroys the connections that went dead (transport error, bad message,
 * released domain). */
void store_reap(struct store *store)
{
    struct conn **p = &store->conns;
    while (*p) {
        struct conn *c = *p;
        if (c->dead) {
            domain_conn_gone(store, c);
            conn_destroy(c);    /* unlinks c from *p */
        } else {
            p = &c->next;
        }
    }
}

void store_free(struct store *store)
{
    while (store->conns) {
        domain_conn_gone(store, store->conns);
        conn_destroy(store->conns);
    }
    domain_free_all(store);
    tree_free(&store->tree);
}
