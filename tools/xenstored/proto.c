/* The wire decoder (see proto.h). */
#include <errno.h>
#include <string.h>

#include "proto.h"

enum shape {
    NOT_SERVED,                 /* ENOSYS */
    STRINGS,                    /* exactly min_args NUL-terminated strings */
    OPTIONAL_EMPTY,             /* nothing, or one empty string */
    PATH_AND_VALUE,             /* a path, then raw bytes */
    AT_LEAST,                   /* min_args or more strings */
};

struct msg_shape {
    const char *name;
    enum shape shape;
    unsigned int min_args;
};

static const struct msg_shape shapes[XS_TYPE_COUNT] = {
    [XS_CONTROL] = { "CONTROL", AT_LEAST, 1 },
    [XS_DIRECTORY] = { "DIRECTORY", STRINGS, 1 },
    [XS_READ] = { "READ", STRINGS, 1 },
    [XS_GET_PERMS] = { "GET_PERMS", STRINGS, 1 },
    [XS_WATCH] = { "WATCH", STRINGS, 2 },
    [XS_UNWATCH] = { "UNWATCH", STRINGS, 2 },
    [XS_TRANSACTION_START] = { "TRANSACTION_START", OPTIONAL_EMPTY, 0 },
    [XS_TRANSACTION_END] = { "TRANSACTION_END", STRINGS, 1 },
    [XS_INTRODUCE] = { "INTRODUCE", STRINGS, 3 },
    [XS_RELEASE] = { "RELEASE", STRINGS, 1 },
    [XS_GET_DOMAIN_PATH] = { "GET_DOMAIN_PATH", STRINGS, 1 },
    [XS_WRITE] = { "WRITE", PATH_AND_VALUE, 1 },
    [XS_MKDIR] = { "MKDIR", STRINGS, 1 },
    [XS_RM] = { "RM", STRINGS, 1 },
    [XS_SET_PERMS] = { "SET_PERMS", AT_LEAST, 2 },
    [XS_WATCH_EVENT] = { "WATCH_EVENT", NOT_SERVED, 0 },
    [XS_ERROR] = { "ERROR", NOT_SERVED, 0 },
    [XS_IS_DOMAIN_INTRODUCED] = { "IS_DOMAIN_INTRODUCED", STRINGS, 1 },
    [XS_RESUME] = { "RESUME", STRINGS, 1 },
    [XS_SET_TARGET] = { "SET_TARGET", STRINGS, 2 },
    [XS_RESET_WATCHES] = { "RESET_WATCHES", OPTIONAL_EMPTY, 0 },
    [XS_DIRECTORY_PART] = { "DIRECTORY_PART", STRINGS, 2 },
};

const char *xs_type_name(uint32_t type)
{
    if (type < XS_TYPE_COUNT && shapes[type].name)
        return shapes[type].name;
    return "UNKNOWN";
}

/* Splits PAYLOAD into NUL-terminated strings; EINVAL if one is unterminated. */
static int split(struct xs_request *req, const char *payload, uint32_t len, unsigned int max)
{
    uint32_t off = 0;
    while (off < len) {
        const char *nul = memchr(payload + off, '\0', len - off);
        if (!nul || req->nargs == max)
            return EINVAL;
        req->args[req->nargs++] = payload + off;
        off = (uint32_t)(nul - payload) + 1;
    }
    return 0;
}

int xs_decode(const struct xsd_sockmsg *hdr, const char *payload, struct xs_request *req)
{
    memset(req, 0, sizeof(*req));
    req->type = hdr->type;
    req->req_id = hdr->req_id;
    req->tx_id = hdr->tx_id;
    if (hdr->len > XENSTORE_PAYLOAD_MAX)
        return EINVAL;
    if (hdr->type >= XS_TYPE_COUNT || !shapes[hdr->type].name ||
        shapes[hdr->type].shape == NOT_SERVED)
        return ENOSYS;

    const struct msg_shape *s = &shapes[hdr->type];
    const char *nul;
    switch (s->shape) {
    case STRINGS:
        if (split(req, payload, hdr->len, XS_MAX_ARGS) || req->nargs != s->min_args)
            return EINVAL;
        return 0;
    case AT_LEAST:
        if (split(req, payload, hdr->len, XS_MAX_ARGS) || req->nargs < s->min_args)
            return EINVAL;
        return 0;
    case OPTIONAL_EMPTY:
        if (hdr->len == 0 || (hdr->len == 1 && payload[0] == '\0'))
            return 0;
        return EINVAL;
    case PATH_AND_VALUE:
        nul = hdr->len ? memchr(payload, '\0', hdr->len) : NULL;
        if (!nul)
            return EINVAL;
        req->args[0] = payload;
        req->nargs = 1;
        req->value = nul + 1;
        req->value_len = hdr->len - (uint32_t)(nul + 1 - payload);
        return 0;
    case NOT_SERVED:
        break;
    }
    return ENOSYS;
}

#define ERROR_ENTRY(e) { e, #e },
static const struct {
    int err;
    const char *name;
} error_names[] = { XSD_ERROR_NAMES(ERROR_ENTRY) };

const char *xs_error_name(int err)
{
    for (unsigned int i = 0; i < sizeof(error_names) / sizeof(error_names[0]); i++)
        if (error_names[i].err == err)
            return error_names[i].name;
    return "EINVAL";
}

int xs_error_from_name(const char *name)
{
    for (unsigned int i = 0; i < sizeof(error_names) / sizeof(error_names[0]); i++)
        if (!strcmp(error_names[i].name, name))
            return error_names[i].err;
    return 0;
}
