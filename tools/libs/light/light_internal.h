/*
 * light_internal.h - helpers shared by libxenlight's own sources and the
 * generated type code; not installed.
 *
 * Paths name a value inside a config for messages: "memory", "pci[2].func".
 * They are built in fixed buffers and truncated, never overflowed.
 */
#ifndef LIGHT_INTERNAL_H
#define LIGHT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <argon_base.h>

#define ARGON_JSON_PATH_MAX 128

bool argon_str_equal(const char *a, const char *b);
/* Well-formed UTF-8 (what JSON and XML can carry). */
bool argon_utf8_valid(const char *s);
/* buf = path.key (or key if path is empty). */
void argon_json_subpath(char *buf, size_t size, const char *path, const char *key);
/* buf = path.key[index]. */
void argon_json_subindex(char *buf, size_t size, const char *path, const char *key,
                         unsigned int index);

/*
 * The one range message: "NAME must be between MIN and MAX[ UNIT], got V".
 * Returns 0 if min <= v <= max, else records the error against name.
 */
int argon_check_range(const char *name, uint64_t v, uint64_t min, uint64_t max,
                      const char *unit, struct argon_diag *d);

/* The value of hex digit c, or -1 if c is not one. */
static inline int argon_hex_digit(int c)
{
    if ( c >= '0' && c <= '9' )
        return c - '0';
    if ( c >= 'a' && c <= 'f' )
        return c - 'a' + 10;
    if ( c >= 'A' && c <= 'F' )
        return c - 'A' + 10;
    return -1;
}

#endif /* LIGHT_INTERNAL_H */
