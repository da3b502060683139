/*
 * argon_base.h - what every part of libxenlight's configuration layer shares:
 * the error/warning sink (struct argon_diag), UUIDs, and the field tables
 * generated from idl/argon_types.idl.
 *
 * Rules:
 *  - A function that can fail returns 0 on success and -1 on failure, and on
 *    failure has put one complete, human-readable sentence in diag->msg
 *    (with FILE:LINE:COLUMN where there is a file).  The first error is kept.
 *  - Warnings never stop anything; they go to diag->warn if it is set and
 *    are otherwise dropped.  The library never prints.
 *  - A NULL diag is allowed everywhere: the caller only wants the verdict.
 */
#ifndef ARGON_BASE_H
#define ARGON_BASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARGON_DIAG_MSG_MAX 512

struct argon_diag {
    char msg[ARGON_DIAG_MSG_MAX];   /* the first error */
    char field[64];                 /* the config key that error is about, if known */
    void (*warn)(void *opaque, const char *msg);
    void *opaque;
};

void argon_diag_init(struct argon_diag *d);
/* Record an error (unless one is already recorded); returns -1. */
int argon_error(struct argon_diag *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* As argon_error, and note which config key the error is about. */
int argon_field_error(struct argon_diag *d, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void argon_warn(struct argon_diag *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

struct argon_uuid {
    uint8_t bytes[16];
};

#define ARGON_UUID_STRLEN 36        /* xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx */
bool argon_uuid_is_nil(const struct argon_uuid *u);
/* buf has room for ARGON_UUID_STRLEN + 1 bytes. */
void argon_uuid_format(const struct argon_uuid *u, char *buf);
/* Exactly the 36-character form, either case; returns 0 or -1. */
int argon_uuid_parse(const char *s, struct argon_uuid *u);

/*
 * One field of a generated struct, for code that walks a struct by name
 * (the xl.cfg reader).  Integers are unsigned, 'size' bytes wide.
 */
enum argon_field_kind {
    ARGON_FIELD_STRING,
    ARGON_FIELD_BOOL,
    ARGON_FIELD_UINT,
    ARGON_FIELD_UUID,
    ARGON_FIELD_ENUM,
    ARGON_FIELD_STRUCT,
    ARGON_FIELD_ARRAY,
};

struct argon_field_desc {
    const char *name;
    enum argon_field_kind kind;
    size_t offset;
    size_t size;                    /* bytes of the C member (ARGON_FIELD_UINT) */
    bool has_range;
    uint64_t min, max;              /* inclusive, when has_range */
    const char *unit;               /* e.g. "MiB", or NULL */
    const char *doc;
    /* ARGON_FIELD_ENUM: name <-> value, and the names for messages */
    int (*enum_from_string)(const char *s, int *value);
    const char *(*enum_to_string)(int value);
    const char *enum_names;         /* "destroy, restart, ..." */
};

/* Look a field up by name in a NULL-name-terminated table. */
const struct argon_field_desc *argon_field_find(const struct argon_field_desc *table,
                                                const char *name);
uint64_t argon_field_get_uint(const void *obj, const struct argon_field_desc *f);
void argon_field_set_uint(void *obj, const struct argon_field_desc *f, uint64_t v);

#endif /* ARGON_BASE_H */
