/*
 * light_json.h - the yajl primitives the generated JSON code is made of.
 *
 * Rules: every get_* checks the JSON type and range and reports errors with
 * the value's path; parse_text refuses nesting deeper than
 * ARGON_JSON_DEPTH_MAX before yajl sees the text, because yajl_tree_free
 * recurses once per level.
 */
#ifndef LIGHT_JSON_H
#define LIGHT_JSON_H

#include <stdint.h>
#include <yajl/yajl_gen.h>
#include <yajl/yajl_tree.h>

#include <argon_base.h>

#define ARGON_JSON_DEPTH_MAX 64
#define ARGON_JSON_ARRAY_MAX 4096

/* A generator that pretty-prints with 4-space indents. */
yajl_gen argon_json_gen_alloc(void);
/* The generated text plus a newline, malloc'd; NULL on failure. */
char *argon_json_gen_finish(yajl_gen g);
yajl_gen_status argon_json_gen_key(yajl_gen g, const char *key);
yajl_gen_status argon_json_gen_string(yajl_gen g, const char *s);
yajl_gen_status argon_json_gen_uint(yajl_gen g, uint64_t v);
yajl_gen_status argon_json_gen_uuid(yajl_gen g, const struct argon_uuid *u);

/* The parsed tree (yajl_tree_free it), or NULL with an error in d. */
yajl_val argon_json_parse_text(const char *text, struct argon_diag *d);
/* v must be an object whose keys are all in the NULL-terminated keys. */
int argon_json_check_object(yajl_val v, const char *const *keys, const char *path,
                            struct argon_diag *d);
/* The value of key in object v, or NULL. */
yajl_val argon_json_member(yajl_val v, const char *key);

int argon_json_get_string(yajl_val v, char **out, const char *path, struct argon_diag *d);
int argon_json_get_bool(yajl_val v, bool *out, const char *path, struct argon_diag *d);
int argon_json_get_uint(yajl_val v, uint64_t max, uint64_t *out, const char *path,
                        struct argon_diag *d);
int argon_json_get_uuid(yajl_val v, struct argon_uuid *out, const char *path,
                        struct argon_diag *d);
int argon_json_get_enum(yajl_val v, int (*from_string)(const char *, int *),
                        const char *names, int *out, const char *path,
                        struct argon_diag *d);

#endif /* LIGHT_JSON_H */
