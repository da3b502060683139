/* libxenstore's requests, one function per message type (see xenstore.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xs_internal.h"

static struct iovec str_iov(const char *s)
{
    return (struct iovec){ (void *)s, strlen(s) + 1 };
}

static bool talk_ok(struct xs_handle *h, uint32_t type, xs_transaction_t t,
                    const struct iovec *iov, unsigned int niov)
{
    void *r = xs_talk(h, type, t, iov, niov, NULL);
    free(r);
    return r != NULL;
}

static void *talk_path(struct xs_handle *h, uint32_t type, xs_transaction_t t,
                       const char *path, unsigned int *len)
{
    struct iovec iov = str_iov(path);
    return xs_talk(h, type, t, &iov, 1, len);
}

void *xs_read(struct xs_handle *h, xs_transaction_t t, const char *path, unsigned int *len)
{
    return talk_path(h, XS_READ, t, path, len);
}

bool xs_write(struct xs_handle *h, xs_transaction_t t, const char *path, const void *data,
              unsigned int len)
{
    struct iovec iov[2] = { str_iov(path), { (void *)data, len } };
    return talk_ok(h, XS_WRITE, t, iov, 2);
}

bool xs_mkdir(struct xs_handle *h, xs_transaction_t t, const char *path)
{
    struct iovec iov = str_iov(path);
    return talk_ok(h, XS_MKDIR, t, &iov, 1);
}

bool xs_rm(struct xs_handle *h, xs_transaction_t t, const char *path)
{
    struct iovec iov = str_iov(path);
    return talk_ok(h, XS_RM, t, &iov, 1);
}

/* Splits LEN bytes of NUL-terminated strings into one block: a NULL-ended
 * vector followed by the strings. */
static char **split_strings(char *data, unsigned int len, unsigned int *num)
{
    unsigned int n = 0;
    for (unsigned int i = 0; i < len; i++)
        n += data[i] == '\0';
    char **vec = malloc((n + 1) * sizeof(char *) + len + 1);
    if (!vec) {
        free(data);
        errno = ENOMEM;
        return NULL;
    }
    char *s = memcpy((char *)(vec + n + 1), data, len + 1);
    for (unsigned int i = 0; i < n; i++) {
        vec[i] = s;
        s += strlen(s) + 1;
    }
    vec[n] = NULL;
    free(data);
    *num = n;
    return vec;
}

/*
 * A list too long for one answer (E2BIG), as Xen's library reads it: parts
 * from each offset on until the empty name, all over again if the node's
 * generation (each part's first string) moved meanwhile.
 */
static char *directory_in_parts(struct xs_handle *h, xs_transaction_t t, const char *path,
                                unsigned int *total)
{
    for (unsigned int attempt = 0; attempt < 8; attempt++) {
        char *all = NULL, gen[24] = "";
        size_t len = 0;
        bool moved = false, end = false;
        while (!end && !moved) {
            char offset[24];
            unsigned int n;
            snprintf(offset, sizeof(offset), "%zu", len);
            struct iovec iov[2] = { str_iov(path), str_iov(offset) };
            char *part = xs_talk(h, XS_DIRECTORY_PART, t, iov, 2, &n);
            if (!part) {
                free(all);
                return NULL;
            }
            size_t names = strlen(part) + 1;
            if (!gen[0])
                snprintf(gen, sizeof(gen), "%.20s", part);
            moved = strcmp(gen, part) != 0;
            /* The end: an empty name after the last (its NUL doubled). */
            size_t body = n > names ? n - names : 0;
            end = body <= 1 || part[n - 2] == '\0';
            size_t add = end && body ? body - 1 : body;
            char *grown = moved ? all : realloc(all, len + add + 1);
            if (!grown) {
                free(part);
                free(all);
                errno = ENOMEM;
                return NULL;
            }
            all = grown;
            if (!moved) {
                memcpy(all + len, part + names, add);
                len += add;
                all[len] = '\0';
            }
            free(part);
        }
        if (!moved) {
            *total = (unsigned int)len;
            return all;
        }
        free(all);
    }
    errno = EAGAIN;             /* the list kept changing under us */
    return NULL;
}

char **xs_directory(struct xs_handle *h, xs_transaction_t t, const char *path,
                    unsigned int *num)
{
    unsigned int len;
    char *r = talk_path(h, XS_DIRECTORY, t, path, &len);
    if (!r && errno == E2BIG)
        r = directory_in_parts(h, t, path, &len);
    return r ? split_strings(r, len, num) : NULL;
}

bool xs_perm_to_string(const struct xs_permissions *perm, char *buf, unsigned int len)
{
    static const char letters[] = "nrwb";
    int n = snprintf(buf, len, "%c%u", letters[perm->perms & 3], perm->id);
    return n > 0 && (unsigned int)n < len;
}

bool xs_strings_to_perms(struct xs_permissions *perms, unsigned int num, const char *strings)
{
    const char *s = strings;
    for (unsigned int i = 0; i < num; i++, s += strlen(s) + 1) {
        char *end;
        switch (s[0]) {
        case 'n': perms[i].perms = XS_PERM_NONE; break;
        case 'r': perms[i].perms = XS_PERM_READ; break;
        case 'w': perms[i].perms = XS_PERM_WRITE; break;
        case 'b': perms[i].perms = XS_PERM_READ | XS_PERM_WRITE; break;
        default: errno = EINVAL; return false;
        }
        errno = 0;
        perms[i].id = (unsigned int)strtoul(s + 1, &end, 10);
        if (errno || *end || end == s + 1) {
            errno = EINVAL;
            return false;
        }
    }
    return true;
}

struct xs_permissions *xs_get_permissions(struct xs_handle *h, xs_transaction_t t,
                                          const char *path, unsigned int *num)
{
    unsigned int len, n = 0;
    char *r = talk_path(h, XS_GET_PERMS, t, path, &len);
    if (!r)
        return NULL;
    for (unsigned int i = 0; i < len; i++)
        n += r[i] == '\0';
    struct xs_permissions *perms = n ? malloc(n * sizeof(*perms)) : NULL;
    if (!perms || !xs_strings_to_perms(perms, n, r)) {
        free(perms);
        free(r);
        errno = n ? errno : EBADMSG;
        return NULL;
    }
    free(r);
    *num = n;
    return perms;
}

bool xs_set_permissions(struct xs_handle *h, xs_transaction_t t, const char *path,
                        struct xs_permissions *perms, unsigned int num_perms)
{
    char bufs[XS_MAX_IOV][16];
    struct iovec iov[XS_MAX_IOV];
    if (num_perms == 0 || num_perms + 2 > XS_MAX_IOV) {
        errno = EINVAL;
        return false;
    }
    iov[0] = str_iov(path);
    for (unsigned int i = 0; i < num_perms; i++) {
        if (!xs_perm_to_string(&perms[i], bufs[i], sizeof(bufs[i]))) {
            errno = EINVAL;
            return false;
        }
        iov[i + 1] = str_iov(bufs[i]);
    }
    return talk_ok(h, XS_SET_PERMS, t, iov, num_perms + 1);
}

bool xs_watch(struct xs_handle *h, const char *path, const char *token)
{
    /* The reader must run before the first event can arrive. */
    int err = xs_start_reader(h);
    if (err) {
        errno = err;
        return false;
    }
    struct iovec iov[2] = { str_iov(path), str_iov(token) };
    return talk_ok(h, XS_WATCH, XBT_NULL, iov, 2);
}

bool xs_unwatch(struct xs_handle *h, const char *path, const char *token)
{
    struct iovec iov[2] = { str_iov(path), str_iov(token) };
    return talk_ok(h, XS_UNWATCH, XBT_NULL, iov, 2);
}

xs_transaction_t xs_transaction_start(struct xs_handle *h)
{
    struct iovec iov = str_iov("");
    char *r = xs_talk(h, XS_TRANSACTION_START, XBT_NULL, &iov, 1, NULL);
    if (!r)
        return XBT_NULL;
    char *end;
    unsigned long id = strtoul(r, &end, 10);
    if (*end || id == 0 || id > UINT32_MAX) {
        free(r);
        errno = EBADMSG;
        return XBT_NULL;
    }
    free(r);
    return (xs_transaction_t)id;
}

bool xs_transaction_end(struct xs_handle *h, xs_transaction_t t, bool abort)
{
    struct iovec iov = str_iov(abort ? "F" : "T");
    return talk_ok(h, XS_TRANSACTION_END, t, &iov, 1);
}

static bool talk_domid(struct xs_handle *h, uint32_t type, unsigned int domid)
{
    char buf[16];
    snprintf(buf, sizeof(buf), "%u", domid);
    struct iovec iov = str_iov(buf);
    return talk_ok(h, type, XBT_NULL, &iov, 1);
}

bool xs_introduce_domain(struct xs_handle *h, unsigned int domid, unsigned long mfn,
                         unsigned int eventchn)
{
    char d[16], m[24], p[16];
    snprintf(d, sizeof(d), "%u", domid);
    snprintf(m, sizeof(m), "%lu", mfn);
    snprintf(p, sizeof(p), "%u", eventchn);
    struct iovec iov[3] = { str_iov(d), str_iov(m), str_iov(p) };
    return talk_ok(h, XS_INTRODUCE, XBT_NULL, iov, 3);
}

bool xs_release_domain(struct xs_handle *h, unsigned int domid)
{
    return talk_domid(h, XS_RELEASE, domid);
}

bool xs_resume_domain(struct xs_handle *h, unsigned int domid)
{
    return talk_domid(h, XS_RESUME, domid);
}

bool xs_set_target(struct xs_handle *h, unsigned int domid, unsigned int target)
{
    char d[16], t[16];
    snprintf(d, sizeof(d), "%u", domid);
    snprintf(t, sizeof(t), "%u", target);
    struct iovec iov[2] = { str_iov(d), str_iov(t) };
    return talk_ok(h, XS_SET_TARGET, XBT_NULL, iov, 2);
}

char *xs_get_domain_path(struct xs_handle *h, unsigned int domid)
{
    char buf[16];
    snprintf(buf, sizeof(buf), "%u", domid);
    return talk_path(h, XS_GET_DOMAIN_PATH, XBT_NULL, buf, NULL);
}

bool xs_is_domain_introduced(struct xs_handle *h, unsigned int domid)
{
    char buf[16];
    snprintf(buf, sizeof(buf), "%u", domid);
    char *r = talk_path(h, XS_IS_DOMAIN_INTRODUCED, XBT_NULL, buf, NULL);
    bool yes = r && !strcmp(r, "T");
    free(r);
    if (r && !yes)
        errno = ENOENT;
    return yes;
}
