/*
 * light_json.c - yajl primitives for the generated JSON code (see
 * light_json.h).  Integers are written and read as unsigned decimal text so
 * that all of uint64_t survives a round trip, which yajl's long long does not.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "light_internal.h"
#include "light_json.h"

yajl_gen argon_json_gen_alloc(void)
{
    yajl_gen g = yajl_gen_alloc(NULL);

    if ( !g )
        return NULL;
    yajl_gen_config(g, yajl_gen_beautify, 1);
    yajl_gen_config(g, yajl_gen_indent_string, "    ");
    return g;
}

char *argon_json_gen_finish(yajl_gen g)
{
    const unsigned char *buf;
    size_t len;
    char *text;

    if ( yajl_gen_get_buf(g, &buf, &len) != yajl_gen_status_ok )
        return NULL;
    if ( !(text = malloc(len + 2)) )
        return NULL;
    memcpy(text, buf, len);
    /* yajl's beautifier already ends a top-level value with a newline. */
    if ( len == 0 || text[len - 1] != '\n' )
        text[len++] = '\n';
    text[len] = '\0';
    return text;
}

yajl_gen_status argon_json_gen_key(yajl_gen g, const char *key)
{
    return yajl_gen_string(g, (const unsigned char *)key, strlen(key));
}

yajl_gen_status argon_json_gen_string(yajl_gen g, const char *s)
{
    if ( !s )
        return yajl_gen_invalid_string;
    return yajl_gen_string(g, (const unsigned char *)s, strlen(s));
}

yajl_gen_status argon_json_gen_uint(yajl_gen g, uint64_t v)
{
    char buf[24];
    int n = snprintf(buf, sizeof(buf), "%" PRIu64, v);

    return yajl_gen_number(g, buf, (size_t)n);
}

yajl_gen_status argon_json_gen_uuid(yajl_gen g, const struct argon_uuid *u)
{
    char buf[ARGON_UUID_STRLEN + 1];

    argon_uuid_format(u, buf);
    return yajl_gen_string(g, (const unsigned char *)buf, ARGON_UUID_STRLEN);
}

/* Deepest nesting of [ and { outside strings; stops counting past limit. */
static unsigned int json_depth(const char *s, unsigned int limit)
{
    unsigned int depth = 0, deepest = 0;
    bool in_string = false;

    for ( ; *s && deepest <= limit; s++ )
    {
        if ( in_string )
        {
            if ( *s == '\\' && s[1] )
                s++;
            else if ( *s == '"' )
                in_string = false;
            continue;
        }
        if ( *s == '"' )
            in_string = true;
        else if ( *s == '[' || *s == '{' )
        {
            if ( ++depth > deepest )
                deepest = depth;
        }
        else if ( (*s == ']' || *s == '}') && depth )
            depth--;
    }
    return deepest;
}

yajl_val argon_json_parse_text(const char *text, struct argon_diag *d)
{
    char err[256];
    yajl_val tree;

    if ( json_depth(text, ARGON_JSON_DEPTH_MAX) > ARGON_JSON_DEPTH_MAX )
    {
        argon_error(d, "JSON nested deeper than %d levels", ARGON_JSON_DEPTH_MAX);
        return NULL;
    }
    err[0] = '\0';
    tree = yajl_tree_parse(text, err, sizeof(err));
    if ( !tree )
    {
        /* yajl's message spans lines ("parse error: ...\n  text\n  (here)"). */
        char *nl = strchr(err, '\n');

        if ( nl )
            *nl = '\0';
        argon_error(d, "invalid JSON: %s", err[0] ? err : "parse error");
    }
    return tree;
}

yajl_val argon_json_member(yajl_val v, const char *key)
{
    if ( !YAJL_IS_OBJECT(v) )
        return NULL;
    for ( size_t i = 0; i < v->u.object.len; i++ )
        if ( !strcmp(v->u.object.keys[i], key) )
            return v->u.object.values[i];
    return NULL;
}

static const char *where(const char *path)
{
    return *path ? path : "the top level";
}

int argon_json_check_object(yajl_val v, const char *const *keys, const char *path,
                            struct argon_diag *d)
{
    if ( !YAJL_IS_OBJECT(v) )
        return argon_error(d, "%s: expected an object", where(path));
    for ( size_t i = 0; i < v->u.object.len; i++ )
    {
        const char *const *k;

        for ( k = keys; *k; k++ )
            if ( !strcmp(*k, v->u.object.keys[i]) )
                break;
        if ( !*k )
            return argon_error(d, "%s: unknown key '%s'", where(path), v->u.object.keys[i]);
    }
    return 0;
}

int argon_json_get_string(yajl_val v, char **out, const char *path, struct argon_diag *d)
{
    if ( YAJL_IS_NULL(v) )
    {
        *out = NULL;
        return 0;
    }
    if ( !YAJL_IS_STRING(v) )
        return argon_error(d, "%s: expected a string", path);
    if ( !(*out = strdup(v->u.string)) )
        return argon_error(d, "%s: out of memory", path);
    return 0;
}

int argon_json_get_bool(yajl_val v, bool *out, const char *path, struct argon_diag *d)
{
    if ( YAJL_IS_TRUE(v) )
        *out = true;
    else if ( YAJL_IS_FALSE(v) )
        *out = false;
    else
        return argon_error(d, "%s: expected true or false", path);
    return 0;
}

int argon_json_get_uint(yajl_val v, uint64_t max, uint64_t *out, const char *path,
                        struct argon_diag *d)
{
    const char *r;
    char *end;
    unsigned long long n;

    if ( !YAJL_IS_NUMBER(v) || !(r = v->u.number.r) || !*r )
        return argon_error(d, "%s: expected an integer", path);
    /* digits only: no sign, fraction or exponent */
    if ( strspn(r, "0123456789") != strlen(r) )
        return argon_error(d, "%s: expected an integer from 0 to %llu, got %s",
                           path, (unsigned long long)max, r);
    errno = 0;
    n = strtoull(r, &end, 10);
    if ( errno || *end || n > max )
        return argon_error(d, "%s: expected an integer from 0 to %llu, got %s",
                           path, (unsigned long long)max, r);
    *out = n;
    return 0;
}

int argon_json_get_uuid(yajl_val v, struct argon_uuid *out, const char *path,
                        struct argon_diag *d)
{
    if ( !YAJL_IS_STRING(v) || argon_uuid_parse(v->u.string, out) )
        return argon_error(d, "%s: expected a UUID string "
                           "(xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)", path);
    return 0;
}

int argon_json_get_enum(yajl_val v, int (*from_string)(const char *, int *),
                        const char *names, int *out, const char *path,
                        struct argon_diag *d)
{
    if ( !YAJL_IS_STRING(v) )
        return argon_error(d, "%s: expected a string (one of %s)", path, names);
    if ( from_string(v->u.string, out) )
        return argon_error(d, "%s: '%s' is not one of %s", path, v->u.string, names);
    return 0;
}
