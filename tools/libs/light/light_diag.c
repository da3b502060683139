/*
 * light_diag.c - errors and warnings (struct argon_diag), UUIDs, the field
 * table helpers and message paths.  See argon_base.h for the rules.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "light_internal.h"

void argon_diag_init(struct argon_diag *d)
{
    memset(d, 0, sizeof(*d));
}

static void record(struct argon_diag *d, const char *field, const char *fmt, va_list ap)
{
    if ( !d || d->msg[0] )
        return;                 /* the first error is the one worth reading */
    vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
    if ( field )
        snprintf(d->field, sizeof(d->field), "%s", field);
}

int argon_error(struct argon_diag *d, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    record(d, NULL, fmt, ap);
    va_end(ap);
    return -1;
}

int argon_field_error(struct argon_diag *d, const char *field, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    record(d, field, fmt, ap);
    va_end(ap);
    return -1;
}

void argon_warn(struct argon_diag *d, const char *fmt, ...)
{
    char buf[ARGON_DIAG_MSG_MAX];
    va_list ap;

    if ( !d || !d->warn )
        return;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    d->warn(d->opaque, buf);
}

int argon_check_range(const char *name, uint64_t v, uint64_t min, uint64_t max,
                      const char *unit, struct argon_diag *d)
{
    if ( v >= min && v <= max )
        return 0;
    return argon_field_error(d, name, "%s must be between %llu and %llu%s%s, got %llu",
                             name, (unsigned long long)min, (unsigned long long)max,
                             unit ? " " : "", unit ? unit : "", (unsigned long long)v);
}

bool argon_uuid_is_nil(const struct argon_uuid *u)
{
    for ( unsigned int i = 0; i < sizeof(u->bytes); i++ )
        if ( u->bytes[i] )
            return false;
    return true;
}

void argon_uuid_format(const struct argon_uuid *u, char *buf)
{
    const uint8_t *b = u->bytes;

    snprintf(buf, ARGON_UUID_STRLEN + 1,
             "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
             b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

int argon_uuid_parse(const char *s, struct argon_uuid *u)
{
    struct argon_uuid tmp;
    unsigned int n = 0;

    for ( unsigned int i = 0; i < ARGON_UUID_STRLEN; i++ )
    {
        if ( i == 8 || i == 13 || i == 18 || i == 23 )
        {
            if ( s[i] != '-' )
                return -1;
            continue;
        }
        int hi = argon_hex_digit(s[i]), lo;

        if ( hi < 0 || (lo = argon_hex_digit(s[++i])) < 0 )
            return -1;
        tmp.bytes[n++] = (uint8_t)(hi << 4 | lo);
    }
    if ( s[ARGON_UUID_STRLEN] != '\0' )
        return -1;
    *u = tmp;
    return 0;
}

const struct argon_field_desc *argon_field_find(const struct argon_field_desc *table,
                                                const char *name)
{
    for ( ; table->name; table++ )
        if ( !strcmp(table->name, name) )
            return table;
    return NULL;
}

uint64_t argon_field_get_uint(const void *obj, const struct argon_field_desc *f)
{
    const char *p = (const char *)obj + f->offset;

    switch ( f->size )
    {
    case 1: return *(const uint8_t *)p;
    case 2: return *(const uint16_t *)p;
    case 4: return *(const uint32_t *)p;
    default: return *(const uint64_t *)p;
    }
}

void argon_field_set_uint(void *obj, const struct argon_field_desc *f, uint64_t v)
{
    char *p = (char *)obj + f->offset;

    switch ( f->size )
    {
    case 1: *(uint8_t *)p = (uint8_t)v; break;
    case 2: *(uint16_t *)p = (uint16_t)v; break;
    case 4: *(uint32_t *)p = (uint32_t)v; break;
    default: *(uint64_t *)p = v; break;
    }
}

bool argon_utf8_valid(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    while ( *p )
    {
        unsigned int n, cp;

        if ( *p < 0x80 )
        {
            p++;
            continue;
        }
        if ( *p >= 0xc2 && *p <= 0xdf )
            n = 1, cp = *p & 0x1f;
        else if ( *p >= 0xe0 && *p <= 0xef )
            n = 2, cp = *p & 0x0f;
        else if ( *p >= 0xf0 && *p <= 0xf4 )
            n = 3, cp = *p & 0x07;
        else
            return false;
        for ( unsigned int i = 1; i <= n; i++ )
        {
            if ( (p[i] & 0xc0) != 0x80 )
                return false;
            cp = cp << 6 | (p[i] & 0x3f);
        }
        /* no overlong forms, surrogates or code points past U+10FFFF */
        if ( (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10ffff ||
             (cp >= 0xd800 && cp <= 0xdfff) )
            return false;
        p += n + 1;
    }
    return true;
}

bool argon_str_equal(const char *a, const char *b)
{
    if ( !a || !b )
        return a == b;
    return !strcmp(a, b);
}

void argon_json_subpath(char *buf, size_t size, const char *path, const char *key)
{
    snprintf(buf, size, "%s%s%s", path, *path ? "." : "", key);
}

void argon_json_subindex(char *buf, size_t size, const char *path, const char *key,
                         unsigned int index)
{
    snprintf(buf, size, "%s%s%s[%u]", path, *path ? "." : "", key, index);
}
