/*
 * Transactions.  TRANSACTION_START clones the tree; the transaction's
 * requests act on the clone, so nobody else sees them until commit.  Each
 * path the transaction looks at or changes is noted once, with the
 * generation it had in the snapshot (0: absent), before the clone changes
 * it; a removal notes its whole subtree.  Commit compares every note with
 * the live tree: any difference is a conflict (EAGAIN) and nothing is
 * applied; otherwise the logged changes are replayed on the live tree, in
 * order, and fire their watches.  A connection owns its transactions.
 */
#ifndef XENSTORED_TRANSACTION_H
#define XENSTORED_TRANSACTION_H

#include <stdbool.h>
#include <stdint.h>

#include "perms.h"
#include "tree.h"

struct conn;

enum tx_op_kind { TX_WRITE, TX_MKDIR, TX_RM, TX_SET_PERMS };

struct tx_op {
    enum tx_op_kind kind;
    char *path;
    char *value;
    unsigned int len;
    struct perm_set perms;
};

struct tx_note {
    char *path;
    uint64_t generation;
};

struct transaction {
    struct transaction *next;
    uint32_t id;
    struct tree tree;
    struct tx_note *notes;
    unsigned int nnotes, notes_cap;
    struct tx_op *ops;
    unsigned int nops, ops_cap;
    struct caller who;
};

int transaction_start(struct conn *conn, uint32_t *id);
struct transaction *transaction_find(struct conn *conn, uint32_t id);
/* Notes PATH (and, for a removal, everything below it) before a change. */
int transaction_note(struct transaction *tx, const char *path, bool subtree);
/* Notes PATH and every missing ancestor up to the first existing one. */
int transaction_note_creation(struct transaction *tx, const char *path);
int transaction_log(struct transaction *tx, enum tx_op_kind kind, const char *path,
                    const void *value, unsigned int len, const struct perm_set *perms);
/* Ends it: commit (0, or EAGAIN on conflict) or abort; it is freed either way. */
int transaction_end(struct conn *conn, struct transaction *tx, bool commit);
void transaction_abort_all(struct conn *conn);

#endif
