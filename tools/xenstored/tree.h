/*
 * The store's tree of nodes.  A tree owns all its nodes; a node owns its
 * name, value, permissions and child array.  Every change to a node (value,
 * permissions, list of children) gives it a new generation from the tree's
 * counter, so a transaction can tell whether a node changed since it looked
 * (snap_gen is the generation a cloned node had in the tree it came from,
 * 0 for a node created in the clone).  The tree counts the nodes each
 * domain owns, for quotas.  Callers check permissions; the tree only
 * applies changes and returns errno values.  Not thread-safe: the daemon
 * is one thread.
 */
#ifndef XENSTORED_TREE_H
#define XENSTORED_TREE_H

#include <stdint.h>

#include "perms.h"

struct node {
    char *name;                 /* last component; "" for the root */
    struct node *parent;
    struct node **children;
    unsigned int nchildren, children_cap;
    char *value;                /* NUL-terminated copy, len bytes meaningful */
    unsigned int len;
    struct perm_set perms;
    uint64_t generation;
    uint64_t snap_gen;
};

struct owner_count {
    unsigned int domid;
    unsigned int nodes;
};

struct tree {
    struct node *root;
    uint64_t generation;        /* last generation handed out */
    struct owner_count *owners;
    unsigned int nowners;
};

/* A tree with "/" (owned by dom0, others none) and nothing else. */
int tree_init(struct tree *tree);
void tree_free(struct tree *tree);
/* A deep copy whose nodes record their generations as snap_gen. */
int tree_clone(struct tree *dst, const struct tree *src);

struct node *tree_lookup(const struct tree *tree, const char *path);
/* The deepest existing node on PATH (at least the root). */
struct node *tree_nearest(const struct tree *tree, const char *path);
/* How many nodes tree_write/mkdir of PATH would create. */
unsigned int tree_missing(const struct tree *tree, const char *path);

/*
 * Set PATH's value, creating it and missing parents.  New nodes copy their
 * parent's permissions; with CREATOR non-NULL and unprivileged, the
 * creator becomes their owner.
 */
int tree_write(struct tree *tree, const char *path, const void *value, unsigned int len,
               const struct caller *creator);
/* Create PATH with an empty value if it is missing. */
int tree_mkdir(struct tree *tree, const char *path, const struct caller *creator);
/* Remove PATH and everything below it; "/" cannot be removed. */
int tree_rm(struct tree *tree, const char *path);
int tree_set_perms(struct tree *tree, const char *path, const struct perm_set *perms);

unsigned int tree_owned_nodes(const struct tree *tree, unsigned int domid);
/* The full path of NODE in a new string. */
char *node_path(const struct node *node);

#endif
