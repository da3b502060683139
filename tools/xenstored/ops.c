/* The request handlers and their table (see ops.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conn.h"
#include "domain.h"
#include "log.h"
#include "ops.h"
#include "path.h"
#include "proto.h"
#include "store.h"
#include "transaction.h"
#include "watch.h"

#define DOMID_FIRST_RESERVED 0x7ff0u

struct op_ctx {
    struct conn *conn;
    struct store *store;
    const struct xs_request *req;
    struct transaction *tx;     /* NULL outside a transaction */
    struct tree *tree;          /* the transaction's clone, or the live tree */
};

struct op {
    int (*handle)(struct op_ctx *ctx);
    bool in_transaction;        /* acts on the transaction named by tx_id */
    bool privileged;            /* dom0 only */
};

static int reply(struct op_ctx *ctx, const void *data, size_t len)
{
    return conn_send(ctx->conn, ctx->req->type, ctx->req->req_id, ctx->req->tx_id, data, len);
}

static int reply_ok(struct op_ctx *ctx)
{
    return reply(ctx, "OK", 3);
}

static bool unprivileged(const struct op_ctx *ctx)
{
    return !ctx->conn->who.privileged;
}

static int parse_domid(const char *text, unsigned int *domid)
{
    char *end;
    if (text[0] < '0' || text[0] > '9')
        return EINVAL;
    errno = 0;
    unsigned long v = strtoul(text, &end, 10);
    if (errno || *end || v >= DOMID_FIRST_RESERVED)
        return EINVAL;
    *domid = (unsigned int)v;
    return 0;
}

static int arg_path(struct op_ctx *ctx, unsigned int i, char **out)
{
    return path_canonical(ctx->req->args[i], ctx->conn->who.domid, false, out);
}

static unsigned int access_to(const struct node *node, const struct op_ctx *ctx)
{
    return perm_access(&node->perms, &ctx->conn->who);
}

/* Checks that the caller may create or change PATH and stays in quota. */
static int may_write(struct op_ctx *ctx, const char *path, unsigned int *created)
{
    const struct node *node = tree_nearest(ctx->tree, path);
    if (!(access_to(node, ctx) & PERM_WRITE))
        return EACCES;
    *created = tree_missing(ctx->tree, path);
    if (*created && unprivileged(ctx) &&
        !quota_fits(ctx->store->quota.nodes,
                    (unsigned long)tree_owned_nodes(ctx->tree, ctx->conn->who.domid) + *created))
        return ENOSPC;
    return 0;
}

/* The node at PATH if the caller may read it (noted in a transaction). */
static int readable_node(struct op_ctx *ctx, const char *path, const struct node **out)
{
    int err = ctx->tx ? transaction_note(ctx->tx, path, false) : 0;
    const struct node *node = tree_lookup(ctx->tree, path);
    if (err)
        return err;
    if (!node)
        return ENOENT;
    if (!(access_to(node, ctx) & PERM_READ))
        return EACCES;
    *out = node;
    return 0;
}

static int op_read(struct op_ctx *ctx)
{
    const struct node *node;
    char *path = NULL;
    int err = arg_path(ctx, 0, &path);
    if (err)
        return err;
    err = readable_node(ctx, path, &node);
    if (!err)
        err = reply(ctx, node->value, node->len);
    free(path);
    return err;
}

/* After a change: log it in the transaction, or fire the watches now. */
static int changed(struct op_ctx *ctx, enum tx_op_kind kind, const char *path,
                   const void *value, unsigned int len, const struct perm_set *perms)
{
    if (ctx->tx)
        return transaction_log(ctx->tx, kind, path, value, len, perms);
    watch_fire(ctx->store, path, kind == TX_RM);
    return 0;
}

static int op_write(struct op_ctx *ctx)
{
    const struct xs_request *req = ctx->req;
    unsigned int created;
    char *path = NULL;
    int err = arg_path(ctx, 0, &path);
    if (err)
        return err;
    if (unprivileged(ctx) && !quota_fits(ctx->store->quota.entry_size, req->value_len))
        err = E2BIG;
    else
        err = may_write(ctx, path, &created);
    if (!err && ctx->tx)
        err = transaction_note_creation(ctx->tx, path);
    if (!err)
        err = tree_write(ctx->tree, path, req->value, req->value_len, &ctx->conn->who);
    if (!err)
        err = changed(ctx, TX_WRITE, path, req->value, req->value_len, NULL);
    if (!err)
        err = reply_ok(ctx);
    free(path);
    return err;
}

static int op_mkdir(struct op_ctx *ctx)
{
    unsigned int created;
    char *path = NULL;
    int err = arg_path(ctx, 0, &path);
    if (err)
        return err;
    if (ctx->tx)
        err = transaction_note_creation(ctx->tx, path);
    if (!err && !tree_lookup(ctx->tree, path)) {
        err = may_write(ctx, path, &created);
        if (!err)
            err = tree_mkdir(ctx->tree, path, &ctx->conn->who);
        if (!err)
            err = changed(ctx, TX_MKDIR, path, NULL, 0, NULL);
    }
    if (!err)
        err = reply_ok(ctx);
    free(path);
    return err;
}

static int op_rm(struct op_ctx *ctx)
{
    char *path = NULL;
    int err = arg_path(ctx, 0, &path);
    if (err)
        return err;
    const struct node *node = tree_lookup(ctx->tree, path);
    if (ctx->tx)
        err = transaction_note(ctx->tx, path, true);
    if (err) {
    } else if (!node) {
        /* Xen's rule: removing a missing node is fine if its parent exists. */
        char *parent = strcmp(path, "/") ? path_parent(path) : NULL;
        if (!parent || !tree_lookup(ctx->tree, parent))
            err = ENOENT;
        free(parent);
    } else if (!node->parent) {
        err = EINVAL;
    } else if (!(access_to(node, ctx) & PERM_WRITE)) {
        err = EACCES;
    } else {
        char *parent = path_parent(path);
        err = !parent ? ENOMEM : ctx->tx ? transaction_note(ctx->tx, parent, false) : 0;
        free(parent);
        if (!err)
            err = tree_rm(ctx->tree, path);
        if (!err)
            err = changed(ctx, TX_RM, path, NULL, 0, NULL);
    }
    if (!err)
        err = reply_ok(ctx);
    free(path);
    return err;
}

/*
 * Answers with the children's names of the node at the first argument,
 * each with its NUL, from byte SKIP of that list on, after PREFIX
 * (PREFIX_LEN bytes).  Only whole names go in.  PART (DIRECTORY_PART): as
 * many as fit, and an empty name once the end is in; otherwise all of
 * them or E2BIG, decided before anything is sent.
 */
static int reply_children(struct op_ctx *ctx, size_t skip, const char *prefix,
                          size_t prefix_len, bool part)
{
    /* DIRECTORY_PART keeps a byte for the final empty name. */
    const size_t limit = XENSTORE_PAYLOAD_MAX - (part ? 1 : 0);
    char *path = NULL;
    int err = arg_path(ctx, 0, &path);
    if (err)
        return err;
    const struct node *node;
    err = readable_node(ctx, path, &node);
    free(path);
    if (err)
        return err;
    char *buf = malloc(XENSTORE_PAYLOAD_MAX + 1);
    if (!buf)
        return ENOMEM;
    memcpy(buf, prefix, prefix_len);
    size_t len = prefix_len, at = 0;
    unsigned int i = 0;
    for (; i < node->nchildren; i++) {
        size_t n = strlen(node->children[i]->name) + 1;
        if (at >= skip) {
            if (len + n > limit)
                break;
            memcpy(buf + len, node->children[i]->name, n);
            len += n;
        }
        at += n;
    }
    bool done = i == node->nchildren;
    err = !done && (!part || len == prefix_len) ? E2BIG : 0;
    if (!err && done && part)
        buf[len++] = '\0';
    if (!err)
        err = reply(ctx, buf, len);
    free(buf);
    return err;
}

static int op_directory(struct op_ctx *ctx)
{
    return reply_children(ctx, 0, "", 0, false);
}

/*
 * Xen's answer to a list too long for one message: the node's generation
 * (hex), then the names from byte OFFSET of the list on, and an empty name
 * once the end is in.  The client asks again from where it got to and
 * starts over if the generation changed meanwhile.
 */
static int op_directory_part(struct op_ctx *ctx)
{
    const char *arg = ctx->req->args[1];
    char *end, gen[24];
    if (arg[0] < '0' || arg[0] > '9')
        return EINVAL;
    errno = 0;
    unsigned long long offset = strtoull(arg, &end, 10);
    if (errno || *end)
        return EINVAL;
    char *path = NULL;
    int err = arg_path(ctx, 0, &path);
    if (err)
        return err;
    const struct node *node = tree_lookup(ctx->tree, path);
    free(path);
    int gen_len = snprintf(gen, sizeof(gen), "%llx", node ? (unsigned long long)node->generation
                                                          : 0ull) + 1;
    return reply_children(ctx, (size_t)offset, gen, (size_t)gen_len, true);
}

/* CONTROL: the daemon's own commands (dom0 only). */
static int op_control(struct op_ctx *ctx)
{
    const struct xs_request *req = ctx->req;
    const char *cmd = req->args[0];
    if (!strcmp(cmd, "help")) {
        static const char help[] = "help\nlog error|info|debug\nprint TEXT\n";
        return reply(ctx, help, sizeof(help));
    }
    if (!strcmp(cmd, "log")) {
        enum log_level level;
        if (req->nargs != 2 || log_level_parse(req->args[1], &level))
            return EINVAL;
        xs_log(LOG_ERROR, "log level set to %s by %s", req->args[1], ctx->conn->id);
        log_set_level(level);
        return reply_ok(ctx);
    }
    if (!strcmp(cmd, "print")) {
        if (req->nargs != 2)
            return EINVAL;
        xs_log(LOG_ERROR, "print from %s: %s", ctx->conn->id, req->args[1]);
        return reply_ok(ctx);
    }
    return EINVAL;
}

static int op_get_perms(struct op_ctx *ctx)
{
    char *path = NULL;
    int err = arg_path(ctx, 0, &path);
    if (err)
        return err;
    const struct node *node;
    err = readable_node(ctx, path, &node);
    if (!err) {
        char *buf = malloc(node->perms.count * 16), *p = buf;
        if (!buf) {
            err = ENOMEM;
        } else {
            for (unsigned int i = 0; i < node->perms.count; i++)
                p += perm_format(&node->perms.entries[i], p, 16) + 1;
            err = reply(ctx, buf, (size_t)(p - buf));
            free(buf);
        }
    }
    free(path);
    return err;
}

static int op_set_perms(struct op_ctx *ctx)
{
    const struct xs_request *req = ctx->req;
    struct xs_perm entries[XS_MAX_ARGS];
    struct perm_set perms = { entries, req->nargs - 1 };
    char *path = NULL;
    int err = arg_path(ctx, 0, &path);
    if (err)
        return err;
    for (unsigned int i = 1; !err && i < req->nargs; i++)
        err = perm_parse(req->args[i], &entries[i - 1]);
    const struct node *node = err ? NULL : tree_lookup(ctx->tree, path);
    if (!err && ctx->tx)
        err = transaction_note(ctx->tx, path, false);
    if (err) {
    } else if (!node) {
        err = ENOENT;
    } else if (unprivileged(ctx) && node->perms.entries[0].domid != ctx->conn->who.domid &&
               !(ctx->conn->who.has_target &&
                 node->perms.entries[0].domid == ctx->conn->who.target)) {
        err = EACCES;           /* only the owner changes permissions */
    } else if (unprivileged(ctx) && entries[0].domid != node->perms.entries[0].domid) {
        err = EPERM;            /* and may not give the node away */
    } else {
        err = tree_set_perms(ctx->tree, path, &perms);
        if (!err)
            err = changed(ctx, TX_SET_PERMS, path, NULL, 0, &perms);
        if (!err)
            err = reply_ok(ctx);
    }
    free(path);
    return err;
}

static int op_watch(struct op_ctx *ctx)
{
    struct watch *w;
    char *path = NULL;
    int err = path_canonical(ctx->req->args[0], ctx->conn->who.domid, true, &path);
    if (err)
        return err;
    if (unprivileged(ctx) && !quota_fits(ctx->store->quota.watches, ctx->conn->nwatches + 1ul))
        err = E2BIG;
    else
        err = watch_add(ctx->conn, ctx->req->args[0], path, ctx->req->args[1], &w);
    if (!err)
        err = reply_ok(ctx);
    if (!err)
        watch_event(ctx->conn, w, w->path);
    free(path);
    return err;
}

static int op_unwatch(struct op_ctx *ctx)
{
    char *path = NULL;
    int err = path_canonical(ctx->req->args[0], ctx->conn->who.domid, true, &path);
    if (!err)
        err = watch_remove(ctx->conn, path, ctx->req->args[1]);
    if (!err)
        err = reply_ok(ctx);
    free(path);
    return err;
}

static int op_transaction_start(struct op_ctx *ctx)
{
    uint32_t id;
    char buf[16];
    if (unprivileged(ctx) &&
        !quota_fits(ctx->store->quota.transactions, ctx->conn->ntransactions + 1ul))
        return ENOSPC;
    int err = transaction_start(ctx->conn, &id);
    if (err)
        return err;
    int len = snprintf(buf, sizeof(buf), "%u", id);
    return conn_send(ctx->conn, XS_TRANSACTION_START, ctx->req->req_id, 0, buf,
                     (size_t)len + 1);
}

static int op_transaction_end(struct op_ctx *ctx)
{
    const char *arg = ctx->req->args[0];
    if (!ctx->tx)
        return ENOENT;
    if (strcmp(arg, "T") && strcmp(arg, "F"))
        return EINVAL;
    int err = transaction_end(ctx->conn, ctx->tx, arg[0] == 'T');
    ctx->tx = NULL;
    return err ? err : reply_ok(ctx);
}

static int op_introduce(struct op_ctx *ctx)
{
    const struct xs_request *req = ctx->req;
    unsigned int domid, port;
    char *end;
    int err = parse_domid(req->args[0], &domid);
    if (err)
        return err;
    errno = 0;
    unsigned long long mfn = strtoull(req->args[1], &end, 10);
    if (errno || *end || !req->args[1][0])
        return EINVAL;
    errno = 0;
    unsigned long p = strtoul(req->args[2], &end, 10);
    if (errno || *end || !req->args[2][0] || p > 0xffffffffu)
        return EINVAL;
    port = (unsigned int)p;
    err = domain_introduce(ctx->store, domid, mfn, port);
    if (err == EEXIST)
        return reply_ok(ctx);   /* introducing twice the same way is harmless */
    if (err)
        return err;
    err = reply_ok(ctx);
    watch_fire(ctx->store, SPECIAL_INTRODUCE, false);
    return err;
}

static int op_release(struct op_ctx *ctx)
{
    unsigned int domid;
    int err = parse_domid(ctx->req->args[0], &domid);
    if (!err)
        err = domain_release(ctx->store, domid);
    if (err)
        return err;
    err = reply_ok(ctx);
    watch_fire(ctx->store, SPECIAL_RELEASE, false);
    return err;
}

static int op_get_domain_path(struct op_ctx *ctx)
{
    unsigned int domid;
    char home[32];
    int err = parse_domid(ctx->req->args[0], &domid);
    if (err)
        return err;
    path_home(domid, home, sizeof(home));
    return reply(ctx, home, strlen(home) + 1);
}

static int op_is_domain_introduced(struct op_ctx *ctx)
{
    unsigned int domid;
    int err = parse_domid(ctx->req->args[0], &domid);
    if (err)
        return err;
    bool known = domid == 0 || domain_find(ctx->store, domid);
    return reply(ctx, known ? "T" : "F", 2);
}

static int op_resume(struct op_ctx *ctx)
{
    unsigned int domid;
    int err = parse_domid(ctx->req->args[0], &domid);
    if (err)
        return err;
    return domain_find(ctx->store, domid) ? reply_ok(ctx) : ENOENT;
}

static int op_set_target(struct op_ctx *ctx)
{
    unsigned int domid, target;
    int err = parse_domid(ctx->req->args[0], &domid);
    if (!err)
        err = parse_domid(ctx->req->args[1], &target);
    if (!err)
        err = domain_set_target(ctx->store, domid, target);
    return err ? err : reply_ok(ctx);
}

static int op_reset_watches(struct op_ctx *ctx)
{
    watch_remove_all(ctx->conn);
    transaction_abort_all(ctx->conn);
    return reply_ok(ctx);
}

static const struct op ops[XS_TYPE_COUNT] = {
    [XS_READ] = { op_read, true, false },
    [XS_WRITE] = { op_write, true, false },
    [XS_MKDIR] = { op_mkdir, true, false },
    [XS_RM] = { op_rm, true, false },
    [XS_DIRECTORY] = { op_directory, true, false },
    [XS_GET_PERMS] = { op_get_perms, true, false },
    [XS_SET_PERMS] = { op_set_perms, true, false },
    [XS_WATCH] = { op_watch, false, false },
    [XS_UNWATCH] = { op_unwatch, false, false },
    [XS_TRANSACTION_START] = { op_transaction_start, false, false },
    [XS_TRANSACTION_END] = { op_transaction_end, true, false },
    [XS_INTRODUCE] = { op_introduce, false, true },
    [XS_RELEASE] = { op_release, false, true },
    [XS_GET_DOMAIN_PATH] = { op_get_domain_path, false, false },
    [XS_IS_DOMAIN_INTRODUCED] = { op_is_domain_introduced, false, false },
    [XS_RESUME] = { op_resume, false, true },
    [XS_SET_TARGET] = { op_set_target, false, true },
    [XS_RESET_WATCHES] = { op_reset_watches, false, false },
    [XS_DIRECTORY_PART] = { op_directory_part, true, false },
    [XS_CONTROL] = { op_control, false, true },
};

void ops_handle(struct conn *conn, const struct xsd_sockmsg *hdr, const char *payload)
{
    struct xs_request req;
    struct op_ctx ctx = { conn, conn->store, &req, NULL, &conn->store->tree };
    int err = xs_decode(hdr, payload, &req);
    if (!err && (hdr->type >= XS_TYPE_COUNT || !ops[hdr->type].handle))
        err = ENOSYS;
    if (!err && ops[hdr->type].privileged && !conn->who.privileged)
        err = EACCES;
    if (!err && ops[hdr->type].in_transaction && hdr->tx_id) {
        ctx.tx = transaction_find(conn, hdr->tx_id);
        if (!ctx.tx)
            err = ENOENT;
        else
            ctx.tree = &ctx.tx->tree;
    }
    if (!err)
        err = ops[hdr->type].handle(&ctx);
    conn->store->requests++;
    if (err) {
        xs_log(LOG_DEBUG, "%s: %s %s tx %u: %s", conn->id, xs_type_name(hdr->type),
               req.nargs ? req.args[0] : "", hdr->tx_id, xs_error_name(err));
        if (conn_send_error(conn, hdr->req_id, hdr->tx_id, err))
            conn->dead = true;
    } else {
        xs_log(LOG_DEBUG, "%s: %s %s tx %u: ok", conn->id, xs_type_name(hdr->type),
               req.nargs ? req.args[0] : "", hdr->tx_id);
    }
}
