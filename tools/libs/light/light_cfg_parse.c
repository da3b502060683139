/*
 * light_cfg_parse.c - the parser of Xen's xl.cfg syntax into struct argon_cfg.
 *
 *   file     := { [ setting ] ( NEWLINE | ';' ) }
 *   setting  := NAME '=' value
 *   value    := STRING | NUMBER | '[' [ value { ',' value } [ ',' ] ] ']'
 *
 * Lists may span lines and nest up to ARGON_CFG_LIST_DEPTH_MAX deep.  The
 * parser stops at the first error; cfg then holds the settings before it.
 * Meaning (which keys exist, their types) is light_cfg_map.c's business.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "light_cfg.h"
#include "light_internal.h"

struct argon_cfg *argon_cfg_new(void)
{
    return calloc(1, sizeof(struct argon_cfg));
}

static void value_dispose(struct argon_cfg_value *v)
{
    free(v->string);
    for ( unsigned int i = 0; i < v->nr_items; i++ )
        value_dispose(&v->items[i]);
    free(v->items);
}

void argon_cfg_free(struct argon_cfg *cfg)
{
    if ( !cfg )
        return;
    for ( unsigned int i = 0; i < cfg->nr_settings; i++ )
    {
        free(cfg->settings[i].name);
        value_dispose(&cfg->settings[i].value);
    }
    free(cfg->settings);
    for ( unsigned int i = 0; i < cfg->nr_files; i++ )
        free(cfg->files[i]);
    free(cfg->files);
    free(cfg);
}

struct parser {
    struct cfg_lexer lx;
    struct cfg_token tok;           /* the current token; its text is ours */
};

static int next(struct parser *ps)
{
    free(ps->tok.text);
    ps->tok.text = NULL;
    return cfg_lex(&ps->lx, &ps->tok);
}

static int error_here(struct parser *ps, const char *msg)
{
    return cfg_error(ps->lx.d, ps->lx.file, ps->tok.line, ps->tok.column, "%s", msg);
}

static int parse_value(struct parser *ps, struct argon_cfg_value *v, unsigned int depth,
                       const char *what);

static int append_item(struct argon_cfg_value *list, struct argon_cfg_value **item)
{
    struct argon_cfg_value *items;

    /* grow by doubling: nr_items is a power of two when full */
    if ( (list->nr_items & (list->nr_items - 1)) == 0 )
    {
        size_t cap = list->nr_items ? list->nr_items * 2 : 1;

        if ( !(items = realloc(list->items, cap * sizeof(*items))) )
            return -1;
        list->items = items;
    }
    *item = &list->items[list->nr_items++];
    memset(*item, 0, sizeof(**item));
    return 0;
}

static int parse_list(struct parser *ps, struct argon_cfg_value *v, unsigned int depth)
{
    unsigned int open_line = ps->tok.line, open_col = ps->tok.column;
    struct argon_cfg_value *item;

    if ( depth >= ARGON_CFG_LIST_DEPTH_MAX )
        return cfg_error(ps->lx.d, ps->lx.file, open_line, open_col,
                         "lists nested more than %d deep", ARGON_CFG_LIST_DEPTH_MAX);
    v->kind = ARGON_CFG_LIST;
    ps->lx.list_depth++;
    if ( next(ps) )
        return -1;
    while ( ps->tok.kind != TOK_RBRACKET )
    {
        if ( ps->tok.kind == TOK_EOF )
            return cfg_error(ps->lx.d, ps->lx.file, ps->tok.line, ps->tok.column,
                             "unterminated list (the '[' at line %u, column %u "
                             "has no ']')", open_line, open_col);
        if ( append_item(v, &item) )
            return argon_error(ps->lx.d, "out of memory");
        if ( parse_value(ps, item, depth + 1, "expected a string, number or ']' in the list") ||
             next(ps) )
            return -1;
        if ( ps->tok.kind == TOK_COMMA )
        {
            if ( next(ps) )
                return -1;
        }
        else if ( ps->tok.kind == TOK_EOF )
            continue;               /* reported as unterminated above */
        else if ( ps->tok.kind != TOK_RBRACKET )
            return error_here(ps, "expected ',' or ']' after a list element");
    }
    ps->lx.list_depth--;
    return 0;
}

/* Parse the value starting at the current token (left on its last token). */
static int parse_value(struct parser *ps, struct argon_cfg_value *v, unsigned int depth,
                       const char *what)
{
    v->line = ps->tok.line;
    v->column = ps->tok.column;
    switch ( ps->tok.kind )
    {
    case TOK_STRING:
        v->kind = ARGON_CFG_STRING;
        v->string = ps->tok.text;
        ps->tok.text = NULL;
        return 0;
    case TOK_NUMBER:
        v->kind = ARGON_CFG_NUMBER;
        v->number = ps->tok.number;
        return 0;
    case TOK_LBRACKET:
        return parse_list(ps, v, depth);
    default:
        return error_here(ps, what);
    }
}

static int new_setting(struct argon_cfg *cfg, struct argon_cfg_setting **s)
{
    if ( cfg->nr_settings == cfg->cap_settings )
    {
        unsigned int cap = cfg->cap_settings ? cfg->cap_settings * 2 : 16;
        struct argon_cfg_setting *n = realloc(cfg->settings, cap * sizeof(*n));

        if ( !n )
            return -1;
        cfg->settings = n;
        cfg->cap_settings = cap;
    }
    *s = &cfg->settings[cfg->nr_settings];
    memset(*s, 0, sizeof(**s));
    return 0;
}

static int parse_setting(struct parser *ps, struct argon_cfg *cfg, const char *file)
{
    struct argon_cfg_setting *s;
    char msg[128];

    if ( new_setting(cfg, &s) )
        return argon_error(ps->lx.d, "out of memory");
    s->name = ps->tok.text;
    ps->tok.text = NULL;
    s->file = file;
    s->line = ps->tok.line;
    s->column = ps->tok.column;
    /* counted now so argon_cfg_free() frees the name even if the value fails */
    cfg->nr_settings++;

    if ( next(ps) )
        return -1;
    if ( ps->tok.kind == TOK_PLUS_EQUALS )
        return error_here(ps, "'+=' is not supported; give the whole value with '='");
    if ( ps->tok.kind != TOK_EQUALS )
    {
        snprintf(msg, sizeof(msg), "expected '=' after '%.40s'", s->name);
        return error_here(ps, msg);
    }
    if ( next(ps) || parse_value(ps, &s->value, 0, "expected a string or number after '='") ||
         next(ps) )
        return -1;
    if ( ps->tok.kind != TOK_NEWLINE && ps->tok.kind != TOK_SEMICOLON &&
         ps->tok.kind != TOK_EOF )
    {
        snprintf(msg, sizeof(msg), "expected the end of the line after the value of '%.40s'",
                 s->name);
        return error_here(ps, msg);
    }
    return 0;
}

int argon_cfg_parse(struct argon_cfg *cfg, const char *file, const char *text, size_t len,
                    struct argon_diag *d)
{
    struct parser ps;
    char **files, *name;
    int rc = 0;

    if ( !(files = realloc(cfg->files, (cfg->nr_files + 1) * sizeof(*files))) )
        return argon_error(d, "out of memory");
    cfg->files = files;
    if ( !(name = strdup(file)) )
        return argon_error(d, "out of memory");
    cfg->files[cfg->nr_files++] = name;

    memset(&ps, 0, sizeof(ps));
    cfg_lexer_init(&ps.lx, name, text, len, d);
    for ( ;; )
    {
        if ( (rc = next(&ps)) )
            break;
        if ( ps.tok.kind == TOK_EOF )
            break;
        if ( ps.tok.kind == TOK_NEWLINE || ps.tok.kind == TOK_SEMICOLON )
            continue;
        if ( ps.tok.kind != TOK_IDENT )
        {
            rc = error_here(&ps, "expected a setting name (NAME = VALUE)");
            break;
        }
        if ( (rc = parse_setting(&ps, cfg, name)) )
            break;
        if ( ps.tok.kind == TOK_EOF )
            break;
    }
    free(ps.tok.text);
    return rc;
}
