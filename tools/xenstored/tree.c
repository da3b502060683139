/* The store's tree of nodes (see tree.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tree.h"

static void owner_add(struct tree *tree, unsigned int domid, int delta)
{
    for (unsigned int i = 0; i < tree->nowners; i++)
        if (tree->owners[i].domid == domid) {
            tree->owners[i].nodes += (unsigned int)delta;
            return;
        }
    if (delta <= 0)
        return;
    struct owner_count *o = realloc(tree->owners, (tree->nowners + 1) * sizeof(*o));
    if (!o)
        return;                 /* counts are advisory; the node still exists */
    tree->owners = o;
    o[tree->nowners++] = (struct owner_count){ domid, (unsigned int)delta };
}

unsigned int tree_owned_nodes(const struct tree *tree, unsigned int domid)
{
    for (unsigned int i = 0; i < tree->nowners; i++)
        if (tree->owners[i].domid == domid)
            return tree->owners[i].nodes;
    return 0;
}

static void node_touch(struct tree *tree, struct node *node)
{
    node->generation = ++tree->generation;
}

static struct node *node_new(const char *name, size_t name_len)
{
    struct node *n = calloc(1, sizeof(*n));
    if (!n)
        return NULL;
    n->name = strndup(name, name_len);
    n->value = strdup("");
    if (!n->name || !n->value) {
        free(n->name);
        free(n->value);
        free(n);
        return NULL;
    }
    return n;
}

static void node_free(struct tree *tree, struct node *node)
{
    for (unsigned int i = 0; i < node->nchildren; i++)
        node_free(tree, node->children[i]);
    if (tree && node->perms.count)
        owner_add(tree, node->perms.entries[0].domid, -1);
    free(node->children);
    free(node->name);
    free(node->value);
    perm_set_free(&node->perms);
    free(node);
}

int tree_init(struct tree *tree)
{
    memset(tree, 0, sizeof(*tree));
    tree->root = node_new("", 0);
    if (!tree->root)
        return ENOMEM;
    tree->root->perms.entries = calloc(1, sizeof(struct xs_perm));
    if (!tree->root->perms.entries) {
        node_free(NULL, tree->root);
        tree->root = NULL;
        return ENOMEM;
    }
    tree->root->perms.count = 1;        /* n0: dom0 owns it, others nothing */
    node_touch(tree, tree->root);
    owner_add(tree, 0, 1);
    return 0;
}

void tree_free(struct tree *tree)
{
    if (tree->root)
        node_free(NULL, tree->root);
    free(tree->owners);
    memset(tree, 0, sizeof(*tree));
}

static struct node *node_clone(const struct node *src, struct node *parent)
{
    struct node *n = calloc(1, sizeof(*n));
    if (!n)
        return NULL;
    n->parent = parent;
    n->name = strdup(src->name);
    n->value = malloc(src->len + 1);
    n->children = src->nchildren ? calloc(src->nchildren, sizeof(*n->children)) : NULL;
    if (!n->name || !n->value || (src->nchildren && !n->children) ||
        perm_set_copy(&n->perms, &src->perms)) {
        node_free(NULL, n);
        return NULL;
    }
    memcpy(n->value, src->value, src->len + 1);
    n->len = src->len;
    n->generation = src->generation;
    n->snap_gen = src->generation;
    n->children_cap = src->nchildren;
    for (unsigned int i = 0; i < src->nchildren; i++) {
        n->children[i] = node_clone(src->children[i], n);
        if (!n->children[i]) {
            node_free(NULL, n);
            return NULL;
        }
        n->nchildren++;
    }
    return n;
}

int tree_clone(struct tree *dst, const struct tree *src)
{
    memset(dst, 0, sizeof(*dst));
    dst->root = node_clone(src->root, NULL);
    dst->owners = malloc((src->nowners ? src->nowners : 1) * sizeof(*dst->owners));
    if (!dst->root || !dst->owners) {
        tree_free(dst);
        return ENOMEM;
    }
    memcpy(dst->owners, src->owners, src->nowners * sizeof(*dst->owners));
    dst->nowners = src->nowners;
    dst->generation = src->generation;
    return 0;
}

static struct node *child_named(const struct node *node, const char *name, size_t len)
{
    for (unsigned int i = 0; i < node->nchildren; i++) {
        struct node *c = node->children[i];
        if (!strncmp(c->name, name, len) && c->name[len] == '\0')
            return c;
    }
    return NULL;
}

/* Walks PATH; *rest is where the first missing component starts. */
static struct node *walk(const struct tree *tree, const char *path, const char **rest)
{
    struct node *node = tree->root;
    const char *p = path + 1;
    while (*p) {
        size_t len = strcspn(p, "/");
        struct node *c = child_named(node, p, len);
        if (!c)
            break;
        node = c;
        p += len;
        if (*p == '/')
            p++;
    }
    *rest = p;
    return node;
}

struct node *tree_lookup(const struct tree *tree, const char *path)
{
    const char *rest;
    struct node *n = walk(tree, path, &rest);
    return *rest ? NULL : n;
}

struct node *tree_nearest(const struct tree *tree, const char *path)
{
    const char *rest;
    return walk(tree, path, &rest);
}

unsigned int tree_missing(const struct tree *tree, const char *path)
{
    const char *rest;
    unsigned int n = 0;
    walk(tree, path, &rest);
    for (; *rest; rest++)
        if (rest[0] != '/' && (rest[1] == '/' || rest[1] == '\0'))
            n++;
    return n;
}

char *node_path(const struct node *node)
{
    size_t len = 0;
    for (const struct node *n = node; n->parent; n = n->parent)
        len += strlen(n->name) + 1;
    char *path = malloc(len ? len + 1 : 2);
    if (!path)
        return NULL;
    if (!len)
        return strcpy(path, "/");
    path[len] = '\0';
    for (const struct node *n = node; n->parent; n = n->parent) {
        size_t l = strlen(n->name);
        len -= l;
        memcpy(path + len, n->name, l);
        path[--len] = '/';
    }
    return path;
}

static int add_child(struct tree *tree, struct node *parent, struct node *child)
{
    if (parent->nchildren == parent->children_cap) {
        unsigned int cap = parent->children_cap ? parent->children_cap * 2 : 4;
        struct node **c = realloc(parent->children, cap * sizeof(*c));
        if (!c)
            return ENOMEM;
        parent->children = c;
        parent->children_cap = cap;
    }
    parent->children[parent->nchildren++] = child;
    child->parent = parent;
    node_touch(tree, parent);
    return 0;
}

/* Creates the missing components of PATH; returns the node of PATH. */
static int create_path(struct tree *tree, const char *path, const struct caller *creator,
                       struct node **out)
{
    const char *rest;
    struct node *node = walk(tree, path, &rest);
    while (*rest) {
        size_t len = strcspn(rest, "/");
        struct node *c = node_new(rest, len);
        if (!c || perm_set_copy(&c->perms, &node->perms)) {
            if (c)
                node_free(NULL, c);
            return ENOMEM;
        }
        if (creator && !creator->privileged)
            c->perms.entries[0].domid = creator->domid;
        if (add_child(tree, node, c)) {
            node_free(NULL, c);
            return ENOMEM;
        }
        owner_add(tree, c->perms.entries[0].domid, 1);
        node_touch(tree, c);
        node = c;
        rest += len;
        if (*rest == '/')
            rest++;
    }
    *out = node;
    return 0;
}

int tree_write(struct tree *tree, const char *path, const void *value, unsigned int len,
               const struct caller *creator)
{
    char *copy = malloc(len + 1);
    if (!copy)
        return ENOMEM;
    memcpy(copy, value, len);
    copy[len] = '\0';
    struct node *node;
    int err = create_path(tree, path, creator, &node);
    if (err) {
        free(copy);
        return err;
    }
    free(node->value);
    node->value = copy;
    node->len = len;
    node_touch(tree, node);
    return 0;
}

int tree_mkdir(struct tree *tree, const char *path, const struct caller *creator)
{
    struct node *node;
    return create_path(tree, path, creator, &node);
}

int tree_rm(struct tree *tree, const char *path)
{
    struct node *node = tree_lookup(tree, path);
    if (!node)
        return ENOENT;
    if (!node->parent)
        return EINVAL;
    struct node *parent = node->parent;
    for (unsigned int i = 0; i < parent->nchildren; i++)
        if (parent->children[i] == node) {
            memmove(&parent->children[i], &parent->children[i + 1],
                    (parent->nchildren - i - 1) * sizeof(*parent->children));
            parent->nchildren--;
            break;
        }
    node_touch(tree, parent);
    node_free(tree, node);
    return 0;
}

int tree_set_perms(struct tree *tree, const char *path, const struct perm_set *perms)
{
    struct node *node = tree_lookup(tree, path);
    struct perm_set copy;
    if (!node)
        return ENOENT;
    if (perm_set_copy(&copy, perms))
        return ENOMEM;
    owner_add(tree, node->perms.entries[0].domid, -1);
    owner_add(tree, copy.entries[0].domid, 1);
    perm_set_free(&node->perms);
    node->perms = copy;
    node_touch(tree, node);
    return 0;
}
