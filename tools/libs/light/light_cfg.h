/*
 * light_cfg.h - the xl.cfg lexer, shared by the parser (light_cfg_parse.c).
 *
 * Rules: positions are 1-based lines and byte columns; every error goes
 * through cfg_error() so it reads "FILE:LINE:COLUMN: reason"; the lexer reads
 * exactly len bytes (a NUL byte is an error, not the end); newlines are
 * tokens except inside a list, where they are white space.
 */
#ifndef LIGHT_CFG_H
#define LIGHT_CFG_H

#include <stddef.h>
#include <stdint.h>

#include <argon_light.h>

enum cfg_tok {
    TOK_EOF,
    TOK_NEWLINE,
    TOK_SEMICOLON,
    TOK_IDENT,
    TOK_STRING,
    TOK_NUMBER,
    TOK_EQUALS,
    TOK_PLUS_EQUALS,
    TOK_LBRACKET,
    TOK_RBRACKET,
    TOK_COMMA,
};

struct cfg_token {
    enum cfg_tok kind;
    unsigned int line, column;
    char *text;                     /* TOK_IDENT, TOK_STRING: malloc'd */
    uint64_t number;                /* TOK_NUMBER */
};

struct cfg_lexer {
    const char *p, *end;
    unsigned int line, column;
    unsigned int list_depth;        /* > 0: newlines are white space */
    const char *file;
    struct argon_diag *d;
};

void cfg_lexer_init(struct cfg_lexer *lx, const char *file, const char *text, size_t len,
                    struct argon_diag *d);
/* The next token, or -1 with the error recorded. */
int cfg_lex(struct cfg_lexer *lx, struct cfg_token *tok);
int cfg_error(struct argon_diag *d, const char *file, unsigned int line,
              unsigned int column, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

#endif /* LIGHT_CFG_H */
