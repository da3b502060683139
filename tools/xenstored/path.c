/* Xenstore path syntax (see path.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/io/xs_wire.h>

#include "path.h"

bool path_is_special(const char *path)
{
    return !strcmp(path, SPECIAL_INTRODUCE) || !strcmp(path, SPECIAL_RELEASE);
}

void path_home(unsigned int domid, char *buf, size_t size)
{
    snprintf(buf, size, "/local/domain/%u", domid);
}

static bool valid_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_' || c == '@';
}

static bool valid_absolute(const char *p)
{
    if (p[0] != '/')
        return false;
    if (!p[1])
        return true;
    for (const char *c = p + 1; ; c++) {
        if (*c == '/') {
            if (c[-1] == '/' || !c[1])
                return false;
        } else if (!*c) {
            return true;
        } else if (!valid_char(*c)) {
            return false;
        }
    }
}

int path_canonical(const char *in, unsigned int domid, bool allow_special, char **out)
{
    char *p;
    if (path_is_special(in)) {
        if (!allow_special)
            return EINVAL;
        p = strdup(in);
    } else if (in[0] == '/') {
        if (strlen(in) > XENSTORE_ABS_PATH_MAX)
            return EINVAL;
        p = strdup(in);
    } else {
        char home[32];
        if (!in[0] || strlen(in) > XENSTORE_REL_PATH_MAX)
            return EINVAL;
        path_home(domid, home, sizeof(home));
        if (asprintf(&p, "%s/%s", home, in) < 0)
            p = NULL;
    }
    if (!p)
        return ENOMEM;
    if (!path_is_special(p) && !valid_absolute(p)) {
        free(p);
        return EINVAL;
    }
    *out = p;
    return 0;
}

bool path_is_within(const char *path, const char *ancestor)
{
    size_t n = strlen(ancestor);
    if (!strcmp(ancestor, "/"))
        return path[0] == '/';
    return !strncmp(path, ancestor, n) && (path[n] == '\0' || path[n] == '/');
}

char *path_parent(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}
