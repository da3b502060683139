/*
 * The xenstore command-line tools, one program: called as xenstore-read
 * (a symlink) or as "xenstore read".  Each command is an entry of one
 * table.  Exit status: 0 done, 1 the store refused (the error is printed),
 * 2 bad usage.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xenstore.h"

struct command {
    const char *name;
    int (*run)(struct xs_handle *h, int argc, char **argv);
    int min_args, max_args;     /* max -1: no limit */
    const char *usage;
};

static int fail(const char *what, const char *path)
{
    fprintf(stderr, "xenstore: %s %s: %s\n", what, path, strerror(errno));
    return 1;
}

static int cmd_read(struct xs_handle *h, int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        unsigned int len;
        char *v = xs_read(h, XBT_NULL, argv[i], &len);
        if (!v)
            return fail("read", argv[i]);
        fwrite(v, 1, len, stdout);
        putchar('\n');
        free(v);
    }
    return 0;
}

static int cmd_write(struct xs_handle *h, int argc, char **argv)
{
    if (argc % 2) {
        fprintf(stderr, "xenstore: write needs PATH VALUE pairs\n");
        return 2;
    }
    for (int i = 0; i < argc; i += 2)
        if (!xs_write(h, XBT_NULL, argv[i], argv[i + 1], (unsigned int)strlen(argv[i + 1])))
            return fail("write", argv[i]);
    return 0;
}

static int cmd_rm(struct xs_handle *h, int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        if (!xs_rm(h, XBT_NULL, argv[i]))
            return fail("rm", argv[i]);
    return 0;
}

static int cmd_exists(struct xs_handle *h, int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        void *v = xs_read(h, XBT_NULL, argv[i], NULL);
        if (!v)
            return 1;
        free(v);
    }
    return 0;
}

static int cmd_list(struct xs_handle *h, int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        unsigned int n;
        char **names = xs_directory(h, XBT_NULL, argv[i], &n);
        if (!names)
            return fail("list", argv[i]);
        for (unsigned int j = 0; j < n; j++)
            puts(names[j]);
        free(names);
    }
    return 0;
}

static void print_value(const char *v, unsigned int len)
{
    putchar('"');
    for (unsigned int i = 0; i < len; i++) {
        unsigned char c = (unsigned char)v[i];
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 32 || c > 126)
            printf("\\x%02x", c);
        else
            putchar(c);
    }
    putchar('"');
}

static int ls_tree(struct xs_handle *h, const char *path, int depth)
{
    unsigned int n;
    char **names = xs_directory(h, XBT_NULL, path, &n);
    if (!names)
        return fail("ls", path);
    int rc = 0;
    for (unsigned int i = 0; i < n && !rc; i++) {
        char child[XENSTORE_ABS_PATH_MAX + 2];
        snprintf(child, sizeof(child), "%s/%s", strcmp(path, "/") ? path : "", names[i]);
        unsigned int len;
        char *v = xs_read(h, XBT_NULL, child, &len);
        printf("%*s%s = ", depth, "", names[i]);
        if (v)
            print_value(v, len);
        else
            printf("(%s)", strerror(errno));
        putchar('\n');
        free(v);
        rc = ls_tree(h, child, depth + 1);
    }
    free(names);
    return rc;
}

static int cmd_ls(struct xs_handle *h, int argc, char **argv)
{
    return ls_tree(h, argc ? argv[0] : "/", 0);
}

static int cmd_watch(struct xs_handle *h, int argc, char **argv)
{
    long limit = -1;
    int i = 0;
    if (argc >= 2 && !strcmp(argv[0], "-n")) {
        char *end;
        limit = strtol(argv[1], &end, 10);
        if (*end || limit < 1) {
            fprintf(stderr, "xenstore: watch -n needs a positive count, not '%s'\n", argv[1]);
            return 2;
        }
        i = 2;
    }
    if (i >= argc) {
        fprintf(stderr, "xenstore: watch needs a PATH\n");
        return 2;
    }
    for (int j = i; j < argc; j++)
        if (!xs_watch(h, argv[j], argv[j]))
            return fail("watch", argv[j]);
    for (long seen = 0; limit < 0 || seen < limit; seen++) {
        unsigned int num;
        char **ev = xs_read_watch(h, &num);
        if (!ev)
            return fail("watch", argv[i]);
        printf("%s %s\n", ev[XS_WATCH_PATH], ev[XS_WATCH_TOKEN]);
        fflush(stdout);
        free(ev);
    }
    return 0;
}

static int chmod_path(struct xs_handle *h, const char *path, struct xs_permissions *perms,
                      unsigned int n, int recurse)
{
    if (!xs_set_permissions(h, XBT_NULL, path, perms, n))
        return fail("chmod", path);
    if (!recurse)
        return 0;
    unsigned int num;
    char **names = xs_directory(h, XBT_NULL, path, &num);
    if (!names)
        return fail("chmod", path);
    int rc = 0;
    for (unsigned int i = 0; i < num && !rc; i++) {
        char child[XENSTORE_ABS_PATH_MAX + 2];
        snprintf(child, sizeof(child), "%s/%s", strcmp(path, "/") ? path : "", names[i]);
        rc = chmod_path(h, child, perms, n, recurse);
    }
    free(names);
    return rc;
}

static int cmd_chmod(struct xs_handle *h, int argc, char **argv)
{
    int recurse = 0, i = 0;
    if (!strcmp(argv[0], "-r")) {
        recurse = 1;
        i = 1;
    }
    if (argc - i < 2) {
        fprintf(stderr, "xenstore: chmod needs a PATH and at least one PERM\n");
        return 2;
    }
    unsigned int n = (unsigned int)(argc - i - 1);
    struct xs_permissions *perms = calloc(n, sizeof(*perms));
    if (!perms)
        return 1;
    for (unsigned int j = 0; j < n; j++)
        if (!xs_strings_to_perms(&perms[j], 1, argv[i + 1 + (int)j])) {
            fprintf(stderr, "xenstore: bad permission '%s' (n, r, w or b and a domid: r0)\n",
                    argv[i + 1 + (int)j]);
            free(perms);
            return 2;
        }
    int rc = chmod_path(h, argv[i], perms, n, recurse);
    free(perms);
    return rc;
}

static const struct command commands[] = {
    { "read", cmd_read, 1, -1, "PATH..." },
    { "write", cmd_write, 2, -1, "PATH VALUE [PATH VALUE]..." },
    { "ls", cmd_ls, 0, 1, "[PATH]" },
    { "rm", cmd_rm, 1, -1, "PATH..." },
    { "exists", cmd_exists, 1, -1, "PATH..." },
    { "list", cmd_list, 1, -1, "PATH..." },
    { "watch", cmd_watch, 1, -1, "[-n COUNT] PATH..." },
    { "chmod", cmd_chmod, 2, -1, "[-r] PATH PERM..." },
};

static int usage(void)
{
    fprintf(stderr, "usage: xenstore COMMAND ARGS (or xenstore-COMMAND ARGS)\n");
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        fprintf(stderr, "  xenstore-%s %s\n", commands[i].name, commands[i].usage);
    return 2;
}

int main(int argc, char **argv)
{
    const char *base = strrchr(argv[0], '/');
    base = base ? base + 1 : argv[0];
    const char *name;
    if (!strncmp(base, "xenstore-", 9)) {
        name = base + 9;
        argc--, argv++;
    } else if (argc >= 2) {
        name = argv[1];
        argc -= 2, argv += 2;
    } else {
        return usage();
    }
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        const struct command *c = &commands[i];
        if (strcmp(c->name, name))
            continue;
        if (argc < c->min_args || (c->max_args >= 0 && argc > c->max_args)) {
            fprintf(stderr, "usage: xenstore-%s %s\n", c->name, c->usage);
            return 2;
        }
        struct xs_handle *h = xs_open(0);
        if (!h) {
            fprintf(stderr, "xenstore: cannot reach xenstored: %s\n", strerror(errno));
            return 1;
        }
        int rc = c->run(h, argc, argv);
        xs_close(h);
        return rc;
    }
    fprintf(stderr, "xenstore: unknown command '%s'\n", name);
    return usage();
}
