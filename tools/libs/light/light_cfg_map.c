/*
 * light_cfg_map.c - the meaning of xl.cfg settings: struct argon_cfg onto
 * struct argon_domain_config.
 *
 * Plain keys are found in the generated field table (argon_domain_config_fields),
 * so a field added to the IDL is an xl.cfg key at once, with its type and
 * range checked here.  Keys with extra syntax are handled first: pci (a
 * list of device specs), pci_permissive/pci_msitranslate/pci_seize (defaults
 * for every pci entry, wherever they appear in the file) and the old
 * builder = "generic".  Booleans are the numbers 0 and 1.  Every error
 * points at the offending value: FILE:LINE:COLUMN.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "light_cfg.h"
#include "light_internal.h"

static const char *describe(const struct argon_cfg_value *v)
{
    switch ( v->kind )
    {
    case ARGON_CFG_STRING: return "a string";
    case ARGON_CFG_NUMBER: return "a number";
    default: return "a list";
    }
}

static int value_error(struct argon_diag *d, const struct argon_cfg_setting *s,
                       const struct argon_cfg_value *v, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int value_error(struct argon_diag *d, const struct argon_cfg_setting *s,
                       const struct argon_cfg_value *v, const char *fmt, ...)
{
    char msg[ARGON_DIAG_MSG_MAX - 64];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    cfg_error(d, s->file, v->line, v->column, "%s", msg);
    if ( d && !d->field[0] )
        snprintf(d->field, sizeof(d->field), "%s", s->name);
    return -1;
}

static int get_bool(struct argon_diag *d, const struct argon_cfg_setting *s,
                    const struct argon_cfg_value *v, bool *out)
{
    if ( v->kind != ARGON_CFG_NUMBER || v->number > 1 )
        return value_error(d, s, v, "%s: expected 0 or 1", s->name);
    *out = v->number == 1;
    return 0;
}

static int map_pci(struct argon_diag *d, const struct argon_cfg_setting *s,
                   const struct argon_pci_dev *defaults, struct argon_domain_config *c)
{
    const struct argon_cfg_value *v = &s->value;
    struct argon_pci_dev *devs;

    if ( v->kind != ARGON_CFG_LIST )
        return value_error(d, s, v, "pci: expected a list of strings "
                           "([ \"DDDD:BB:DD.F\", ... ]), not %s", describe(v));
    for ( unsigned int i = 0; i < c->num_pci; i++ )
        argon_pci_dev_dispose(&c->pci[i]);
    free(c->pci);
    c->pci = NULL;
    c->num_pci = 0;
    if ( !v->nr_items )
        return 0;
    if ( !(devs = calloc(v->nr_items, sizeof(*devs))) )
        return argon_error(d, "out of memory");
    c->pci = devs;
    for ( unsigned int i = 0; i < v->nr_items; i++ )
    {
        const struct argon_cfg_value *item = &v->items[i];
        struct argon_diag tmp;

        argon_diag_init(&tmp);
        argon_pci_dev_copy(&devs[i], defaults);     /* cannot fail: no strings */
        c->num_pci = i + 1;
        if ( item->kind != ARGON_CFG_STRING )
            return value_error(d, s, item, "pci: expected a string (\"DDDD:BB:DD.F\"), "
                               "not %s", describe(item));
        if ( argon_pci_parse(item->string, &devs[i], &tmp) )
            return value_error(d, s, item, "%s", tmp.msg);
    }
    return 0;
}

static int map_field(struct argon_diag *d, const struct argon_cfg_setting *s,
                     const struct argon_field_desc *f, struct argon_domain_config *c)
{
    const struct argon_cfg_value *v = &s->value;
    char *base = (char *)c;
    int e;

    switch ( f->kind )
    {
    case ARGON_FIELD_STRING:
    {
        char **p = (char **)(base + f->offset), *copy;

        if ( v->kind != ARGON_CFG_STRING )
            return value_error(d, s, v, "%s: expected a string, not %s", s->name, describe(v));
        /* configs travel as JSON and XML, which carry only UTF-8 */
        if ( !argon_utf8_valid(v->string) )
            return value_error(d, s, v, "%s: the string is not valid UTF-8", s->name);
        if ( !(copy = strdup(v->string)) )
            return argon_error(d, "out of memory");
        free(*p);
        *p = copy;
        return 0;
    }
    case ARGON_FIELD_UINT:
    {
        struct argon_diag tmp;
        uint64_t min = f->has_range ? f->min : 0;

        if ( v->kind != ARGON_CFG_NUMBER )
            return value_error(d, s, v, "%s: expected a number, not %s", s->name, describe(v));
        argon_diag_init(&tmp);
        if ( argon_check_range(s->name, v->number, min, f->max, f->unit, &tmp) )
            return value_error(d, s, v, "%s", tmp.msg);
        argon_field_set_uint(c, f, v->number);
        return 0;
    }
    case ARGON_FIELD_BOOL:
        return get_bool(d, s, v, (bool *)(base + f->offset));
    case ARGON_FIELD_ENUM:
        if ( v->kind != ARGON_CFG_STRING )
            return value_error(d, s, v, "%s: expected a string (one of %s), not %s",
                               s->name, f->enum_names, describe(v));
        if ( f->enum_from_string(v->string, &e) )
            return value_error(d, s, v, "%s: '%.64s' is not one of %s",
                               s->name, v->string, f->enum_names);
        /* generated enums are int-sized */
        *(int *)(base + f->offset) = e;
        return 0;
    case ARGON_FIELD_UUID:
        if ( v->kind != ARGON_CFG_STRING ||
             argon_uuid_parse(v->string, (struct argon_uuid *)(base + f->offset)) )
            return value_error(d, s, v, "%s: expected a UUID string "
                               "(\"xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx\")", s->name);
        return 0;
    default:
        return value_error(d, s, v, "%s cannot be set directly", s->name);
    }
}

static bool is_pci_default(const char *name)
{
    return !strcmp(name, "pci_permissive") || !strcmp(name, "pci_msitranslate") ||
           !strcmp(name, "pci_seize");
}

static int collect_pci_defaults(const struct argon_cfg *cfg, struct argon_pci_dev *def,
                                struct argon_diag *d)
{
    for ( unsigned int i = 0; i < cfg->nr_settings; i++ )
    {
        const struct argon_cfg_setting *s = &cfg->settings[i];
        bool *flag;

        if ( !strcmp(s->name, "pci_permissive") )
            flag = &def->permissive;
        else if ( !strcmp(s->name, "pci_msitranslate") )
            flag = &def->msitranslate;
        else if ( !strcmp(s->name, "pci_seize") )
            flag = &def->seize;
        else
            continue;
        if ( get_bool(d, s, &s->value, flag) )
            return -1;
    }
    return 0;
}

static int map_setting(const struct argon_cfg_setting *s, const struct argon_pci_dev *pci_def,
                       struct argon_domain_config *c, struct argon_diag *d)
{
    const struct argon_field_desc *f;

    if ( !strcmp(s->name, "pci") )
        return map_pci(d, s, pci_def, c);
    if ( is_pci_default(s->name) )
        return 0;                   /* taken in collect_pci_defaults() */
    if ( !strcmp(s->name, "builder") )
    {
        if ( s->value.kind != ARGON_CFG_STRING || strcmp(s->value.string, "generic") )
            return value_error(d, s, &s->value, "builder: only \"generic\" (a PV guest) "
                               "is supported");
        argon_warn(d, "%s:%u:%u: warning: builder is deprecated; write type = \"pv\"",
                   s->file, s->line, s->column);
        c->type = ARGON_DOMAIN_TYPE_PV;
        return 0;
    }
    f = argon_field_find(argon_domain_config_fields, s->name);
    if ( !f || f->kind == ARGON_FIELD_ARRAY || f->kind == ARGON_FIELD_STRUCT )
    {
        argon_warn(d, "%s:%u:%u: warning: unknown setting '%s' ignored",
                   s->file, s->line, s->column, s->name);
        return 0;
    }
    return map_field(d, s, f, c);
}

/* The last setting of key (the one that took effect), or NULL. */
static const struct argon_cfg_setting *find_setting(const struct argon_cfg *cfg,
                                                    const char *field)
{
    size_t len = strcspn(field, ".[");

    for ( unsigned int i = cfg->nr_settings; i-- > 0; )
        if ( strlen(cfg->settings[i].name) == len &&
             !strncmp(cfg->settings[i].name, field, len) )
            return &cfg->settings[i];
    return NULL;
}

int argon_cfg_to_config(const struct argon_cfg *cfg, struct argon_domain_config *c,
                        struct argon_diag *d)
{
    struct argon_pci_dev pci_def;
    const struct argon_cfg_setting *s;
    struct argon_diag tmp;

    argon_domain_config_init(c);
    argon_pci_dev_init(&pci_def);
    if ( collect_pci_defaults(cfg, &pci_def, d) )
        goto fail;
    for ( unsigned int i = 0; i < cfg->nr_settings; i++ )
        if ( map_setting(&cfg->settings[i], &pci_def, c, d) )
            goto fail;

    argon_domain_config_set_defaults(c);
    argon_diag_init(&tmp);
    if ( argon_domain_config_validate(c, &tmp) )
    {
        /* point at the setting the rule is about, or at least the file */
        if ( tmp.field[0] && (s = find_setting(cfg, tmp.field)) )
            value_error(d, s, &s->value, "%s", tmp.msg);
        else
            argon_field_error(d, tmp.field, "%s: %s",
                              cfg->nr_files ? cfg->files[0] : "config", tmp.msg);
        goto fail;
    }
    return 0;

 fail:
    argon_domain_config_dispose(c);
    return -1;
}

int argon_config_from_xlcfg(const char *file, const char *text, size_t len,
                            struct argon_domain_config *c, struct argon_diag *d)
{
    struct argon_cfg *cfg = argon_cfg_new();
    int rc;

    argon_domain_config_init(c);
    if ( !cfg )
        return argon_error(d, "out of memory");
    rc = argon_cfg_parse(cfg, file, text, len, d);
    if ( !rc )
        rc = argon_cfg_to_config(cfg, c, d);
    argon_cfg_free(cfg);
    return rc;
}
