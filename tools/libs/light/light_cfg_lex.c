/*
 * light_cfg_lex.c - the lexer of Xen's xl.cfg syntax (see light_cfg.h).
 *
 *   NAME     [A-Za-z_][A-Za-z0-9_.]*
 *   NUMBER   decimal digits, or 0x and hex digits; unsigned, at most 2^64-1
 *   STRING   "..." with C escapes (\n \t \\ \" \' \xHH \OOO ...), or '...'
 *            taken literally; neither may span lines or hold a NUL
 *   # to the end of the line is a comment; = += [ ] , ; and newlines are tokens.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "light_cfg.h"
#include "light_internal.h"

int cfg_error(struct argon_diag *d, const char *file, unsigned int line,
              unsigned int column, const char *fmt, ...)
{
    char msg[ARGON_DIAG_MSG_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return argon_error(d, "%s:%u:%u: %s", file, line, column, msg);
}

void cfg_lexer_init(struct cfg_lexer *lx, const char *file, const char *text, size_t len,
                    struct argon_diag *d)
{
    memset(lx, 0, sizeof(*lx));
    lx->p = text;
    lx->end = text + len;
    lx->line = 1;
    lx->column = 1;
    lx->file = file;
    lx->d = d;
}

static int peek(const struct cfg_lexer *lx, size_t ahead)
{
    return lx->p + ahead < lx->end ? (unsigned char)lx->p[ahead] : -1;
}

static void advance(struct cfg_lexer *lx)
{
    if ( *lx->p == '\n' )
    {
        lx->line++;
        lx->column = 1;
    }
    else
        lx->column++;
    lx->p++;
}

static bool is_name_start(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_name_char(int c)
{
    return is_name_start(c) || (c >= '0' && c <= '9') || c == '.';
}

/* A printable rendering of byte c for messages. */
static const char *show_char(int c, char *buf, size_t size)
{
    if ( c >= 0x21 && c < 0x7f )
        snprintf(buf, size, "'%c'", c);
    else
        snprintf(buf, size, "byte 0x%02x", (unsigned int)c & 0xff);
    return buf;
}

/* Grow-as-needed buffer for string contents. */
struct sbuf {
    char *s;
    size_t len, cap;
};

static int sbuf_put(struct sbuf *b, char c)
{
    if ( b->len + 1 >= b->cap )
    {
        size_t cap = b->cap ? b->cap * 2 : 32;
        char *s = realloc(b->s, cap);

        if ( !s )
            return -1;
        b->s = s;
        b->cap = cap;
    }
    b->s[b->len++] = c;
    b->s[b->len] = '\0';
    return 0;
}

static int lex_escape(struct cfg_lexer *lx, struct sbuf *b, unsigned int line,
                      unsigned int col)
{
    static const char simple_from[] = "ntrabfv\\\"'";
    static const char simple_to[] = "\n\t\r\a\b\f\v\\\"'";
    int c = peek(lx, 0);
    const char *hit;
    unsigned int v = 0, n;
    char buf[16];

    if ( c < 0 || c == '\n' )
        return cfg_error(lx->d, lx->file, line, col, "unterminated string");
    if ( c && (hit = strchr(simple_from, c)) )
    {
        advance(lx);
        return sbuf_put(b, simple_to[hit - simple_from]);
    }
    if ( c == 'x' )
    {
        advance(lx);
        for ( n = 0; n < 2 && argon_hex_digit(peek(lx, 0)) >= 0; n++ )
        {
            v = v * 16 + (unsigned int)argon_hex_digit(peek(lx, 0));
            advance(lx);
        }
        if ( n == 0 )
            return cfg_error(lx->d, lx->file, lx->line, lx->column,
                             "expected hex digits after '\\x'");
    }
    else if ( c >= '0' && c <= '7' )
    {
        for ( n = 0; n < 3 && peek(lx, 0) >= '0' && peek(lx, 0) <= '7'; n++ )
        {
            v = v * 8 + (unsigned int)(peek(lx, 0) - '0');
            advance(lx);
        }
        if ( v > 0xff )
            return cfg_error(lx->d, lx->file, lx->line, lx->column,
                             "octal escape is larger than \\377");
    }
    else
        return cfg_error(lx->d, lx->file, lx->line, lx->column,
                         "unknown escape '\\' followed by %s",
                         show_char(c, buf, sizeof(buf)));
    if ( v == 0 )
        return cfg_error(lx->d, lx->file, line, col, "a string cannot hold a NUL character");
    return sbuf_put(b, (char)v);
}

static int lex_string(struct cfg_lexer *lx, struct cfg_token *tok)
{
    int quote = peek(lx, 0), c;
    struct sbuf b = { 0 };

    advance(lx);
    for ( ;; )
    {
        c = peek(lx, 0);
        if ( c < 0 || c == '\n' )
        {
            cfg_error(lx->d, lx->file, tok->line, tok->column,
                      "unterminated string (a string ends on the line it starts)");
            goto fail;
        }
        if ( c == 0 )
        {
            cfg_error(lx->d, lx->file, lx->line, lx->column,
                      "a string cannot hold a NUL character");
            goto fail;
        }
        if ( c == quote )
        {
            advance(lx);
            break;
        }
        if ( c == '\\' && quote == '"' )
        {
            unsigned int line = lx->line, col = lx->column;

            advance(lx);
            if ( lex_escape(lx, &b, line, col) )
                goto fail;
            continue;
        }
        if ( sbuf_put(&b, (char)c) )
            goto nomem;
        advance(lx);
    }
    if ( !b.s && !(b.s = strdup("")) )
        goto nomem;
    tok->kind = TOK_STRING;
    tok->text = b.s;
    return 0;

 nomem:
    argon_error(lx->d, "out of memory");
 fail:
    free(b.s);
    return -1;
}

static int lex_number(struct cfg_lexer *lx, struct cfg_token *tok)
{
    const char *start = lx->p;
    unsigned int base = 10, digits = 0;
    uint64_t v = 0;
    bool overflow = false;
    int c, dv;

    if ( peek(lx, 0) == '0' && (peek(lx, 1) == 'x' || peek(lx, 1) == 'X') )
    {
        base = 16;
        advance(lx);
        advance(lx);
    }
    while ( (c = peek(lx, 0)) >= 0 && (dv = argon_hex_digit(c)) >= 0 && (unsigned int)dv < base )
    {
        if ( v > (UINT64_MAX - (unsigned int)dv) / base )
            overflow = true;
        v = v * base + (unsigned int)dv;
        digits++;
        advance(lx);
    }
    if ( digits == 0 || is_name_char(peek(lx, 0)) )
    {
        while ( lx->p < lx->end && is_name_char(peek(lx, 0)) )
            advance(lx);
        return cfg_error(lx->d, lx->file, tok->line, tok->column,
                         "malformed number '%.*s'", (int)(lx->p - start > 32 ? 32 : lx->p - start),
                         start);
    }
    if ( overflow )
        return cfg_error(lx->d, lx->file, tok->line, tok->column,
                         "number '%.*s' is too large", (int)(lx->p - start > 32 ? 32 : lx->p - start),
                         start);
    tok->kind = TOK_NUMBER;
    tok->number = v;
    return 0;
}

int cfg_lex(struct cfg_lexer *lx, struct cfg_token *tok)
{
    char buf[16];
    int c;

    memset(tok, 0, sizeof(*tok));
    for ( ;; )
    {
        c = peek(lx, 0);
        if ( c == ' ' || c == '\t' || c == '\r' || (c == '\n' && lx->list_depth) )
            advance(lx);
        else if ( c == '#' )
        {
            while ( lx->p < lx->end && *lx->p != '\n' )
                advance(lx);
        }
        else
            break;
    }
    tok->line = lx->line;
    tok->column = lx->column;
    if ( c < 0 )
    {
        tok->kind = TOK_EOF;
        return 0;
    }
    if ( c == '"' || c == '\'' )
        return lex_string(lx, tok);
    if ( c >= '0' && c <= '9' )
        return lex_number(lx, tok);
    if ( is_name_start(c) )
    {
        const char *start = lx->p;

        while ( lx->p < lx->end && is_name_char(peek(lx, 0)) )
            advance(lx);
        if ( !(tok->text = strndup(start, (size_t)(lx->p - start))) )
            return argon_error(lx->d, "out of memory");
        tok->kind = TOK_IDENT;
        return 0;
    }
    if ( c == '+' && peek(lx, 1) == '=' )
    {
        advance(lx);
        advance(lx);
        tok->kind = TOK_PLUS_EQUALS;
        return 0;
    }
    switch ( c )
    {
    case '\n': tok->kind = TOK_NEWLINE; break;
    case ';': tok->kind = TOK_SEMICOLON; break;
    case '=': tok->kind = TOK_EQUALS; break;
    case '[': tok->kind = TOK_LBRACKET; break;
    case ']': tok->kind = TOK_RBRACKET; break;
    case ',': tok->kind = TOK_COMMA; break;
    default:
        return cfg_error(lx->d, lx->file, tok->line, tok->column, "unexpected %s",
                         show_char(c, buf, sizeof(buf)));
    }
    advance(lx);
    return 0;
}
