/* Transactions over a cloned tree (see transaction.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "log.h"
#include "path.h"
#include "store.h"
#include "transaction.h"
#include "watch.h"

int transaction_start(struct conn *conn, uint32_t *id)
{
    struct transaction *tx = calloc(1, sizeof(*tx));
    if (!tx)
        return ENOMEM;
    if (tree_clone(&tx->tree, &conn->store->tree)) {
        free(tx);
        return ENOMEM;
    }
    do
        tx->id = conn->next_tx_id++;
    while (tx->id == 0 || transaction_find(conn, tx->id));
    tx->who = conn->who;
    tx->next = conn->transactions;
    conn->transactions = tx;
    conn->ntransactions++;
    *id = tx->id;
    return 0;
}

struct transaction *transaction_find(struct conn *conn, uint32_t id)
{
    for (struct transaction *tx = conn->transactions; tx; tx = tx->next)
        if (tx->id == id)
            return tx;
    return NULL;
}

static int note_one(struct transaction *tx, const char *path, uint64_t generation)
{
    for (unsigned int i = 0; i < tx->nnotes; i++)
        if (!strcmp(tx->notes[i].path, path))
            return 0;
    if (tx->nnotes == tx->notes_cap) {
        unsigned int cap = tx->notes_cap ? tx->notes_cap * 2 : 8;
        struct tx_note *n = realloc(tx->notes, cap * sizeof(*n));
        if (!n)
            return ENOMEM;
        tx->notes = n;
        tx->notes_cap = cap;
    }
    char *copy = strdup(path);
    if (!copy)
        return ENOMEM;
    tx->notes[tx->nnotes++] = (struct tx_note){ copy, generation };
    return 0;
}

static int note_subtree(struct transaction *tx, const struct node *node)
{
    char *path = node_path(node);
    if (!path)
        return ENOMEM;
    int err = note_one(tx, path, node->snap_gen);
    free(path);
    for (unsigned int i = 0; !err && i < node->nchildren; i++)
        err = note_subtree(tx, node->children[i]);
    return err;
}

int transaction_note(struct transaction *tx, const char *path, bool subtree)
{
    const struct node *node = tree_lookup(&tx->tree, path);
    if (node && subtree)
        return note_subtree(tx, node);
    return note_one(tx, path, node ? node->snap_gen : 0);
}

int transaction_note_creation(struct transaction *tx, const char *path)
{
    char *p = strdup(path);
    int err = p ? 0 : ENOMEM;
    while (!err) {
        const struct node *node = tree_lookup(&tx->tree, p);
        err = note_one(tx, p, node ? node->snap_gen : 0);
        if (node || !strcmp(p, "/"))
            break;
        char *parent = path_parent(p);
        free(p);
        p = parent;
        if (!p)
            err = ENOMEM;
    }
    free(p);
    return err;
}

int transaction_log(struct transaction *tx, enum tx_op_kind kind, const char *path,
                    const void *value, unsigned int len, const struct perm_set *perms)
{
    if (tx->nops == tx->ops_cap) {
        unsigned int cap = tx->ops_cap ? tx->ops_cap * 2 : 8;
        struct tx_op *o = realloc(tx->ops, cap * sizeof(*o));
        if (!o)
            return ENOMEM;
        tx->ops = o;
        tx->ops_cap = cap;
    }
    struct tx_op *op = &tx->ops[tx->nops];
    memset(op, 0, sizeof(*op));
    op->kind = kind;
    op->path = strdup(path);
    if (!op->path)
        return ENOMEM;
    if (value) {
        op->value = malloc(len ? len : 1);
        if (!op->value) {
            free(op->path);
            return ENOMEM;
        }
        memcpy(op->value, value, len);
        op->len = len;
    }
    if (perms && perm_set_copy(&op->perms, perms)) {
        free(op->path);
        free(op->value);
        return ENOMEM;
    }
    tx->nops++;
    return 0;
}

static bool conflicts(const struct transaction *tx, const struct tree *live)
{
    for (unsigned int i = 0; i < tx->nnotes; i++) {
        const struct node *n = tree_lookup(live, tx->notes[i].path);
        if ((n ? n->generation : 0) != tx->notes[i].generation)
            return true;
    }
    return false;
}

/* The notes guarantee the live tree matches the snapshot wherever the
 * changes touch it, so their replay cannot fail except for memory. */
static int replay(struct store *store, const struct transaction *tx)
{
    for (unsigned int i = 0; i < tx->nops; i++) {
        const struct tx_op *op = &tx->ops[i];
        int err = 0;
        switch (op->kind) {
        case TX_WRITE:
            err = tree_write(&store->tree, op->path, op->value, op->len, &tx->who);
            break;
        case TX_MKDIR:
            err = tree_mkdir(&store->tree, op->path, &tx->who);
            break;
        case TX_RM:
            err = tree_rm(&store->tree, op->path);
            if (err == ENOENT)
                err = 0;
            break;
        case TX_SET_PERMS:
            err = tree_set_perms(&store->tree, op->path, &op->perms);
            break;
        }
        if (err)
            return err;
        watch_fire(store, op->path, op->kind == TX_RM);
    }
    return 0;
}

static void transaction_free(struct transaction *tx)
{
    tree_free(&tx->tree);
    for (unsigned int i = 0; i < tx->nnotes; i++)
        free(tx->notes[i].path);
    for (unsigned int i = 0; i < tx->nops; i++) {
        free(tx->ops[i].path);
        free(tx->ops[i].value);
        perm_set_free(&tx->ops[i].perms);
    }
    free(tx->notes);
    free(tx->ops);
    free(tx);
}

static void unlink_tx(struct conn *conn, struct transaction *tx)
{
    for (struct transaction **p = &conn->transactions; *p; p = &(*p)->next)
        if (*p == tx) {
            *p = tx->next;
            conn->ntransactions--;
            return;
        }
}

int transaction_end(struct conn *conn, struct transaction *tx, bool commit)
{
    int err = 0;
    unlink_tx(conn, tx);
    if (commit) {
        if (conflicts(tx, &conn->store->tree))
            err = EAGAIN;
        else if ((err = replay(conn->store, tx)) != 0)
            xs_log(LOG_ERROR, "%s: transaction %u replay failed halfway: %s",
                   conn->id, tx->id, strerror(err));
    }
    transaction_free(tx);
    return err;
}

void transaction_abort_all(struct conn *conn)
{
    while (conn->transactions)
        transaction_end(conn, conn->transactions, false);
}
