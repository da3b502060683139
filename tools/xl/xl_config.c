/*
 * xl_config.c - reading config files for xl: an xl.cfg file plus KEY=VALUE
 * overrides from the command line, or a libvirt domain XML file.
 *
 * Overrides are parsed as xl.cfg lines named "override N" (N counts
 * the overrides from 1), after the file, so they win.  Files over
 * XL_CONFIG_MAX bytes are refused rather than read into memory whole.
 * Warnings are printed as the library words them; errors as "xl: ...".
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "xl.h"

#define XL_CONFIG_MAX (1024 * 1024)

static void print_warning(void *opaque, const char *msg)
{
    fprintf(xl_err, "%s\n", msg);
}

static int read_file(const char *path, char **text, size_t *len)
{
    FILE *f = fopen(path, "rb");
    size_t n;
    char *buf;

    if ( !f )
        return xl_fail("cannot open %s: %s", path, strerror(errno)), -1;
    if ( !(buf = malloc(XL_CONFIG_MAX + 1)) )
    {
        fclose(f);
        return xl_fail("out of memory"), -1;
    }
    n = fread(buf, 1, XL_CONFIG_MAX + 1, f);
    if ( ferror(f) || n > XL_CONFIG_MAX )
    {
        int err = ferror(f) ? errno : EFBIG;

        fclose(f);
        free(buf);
        return xl_fail("cannot read %s: %s", path,
                       err == EFBIG ? "larger than 1 MiB" : strerror(err)), -1;
    }
    fclose(f);
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return 0;
}

/* What every loader does first: an empty config, a diagnostic, the file's text. */
static int begin_load(const char *path, struct argon_domain_config *c,
                      struct argon_diag *d, char **text, size_t *len)
{
    argon_domain_config_init(c);
    argon_diag_init(d);
    d->warn = print_warning;
    return read_file(path, text, len);
}

int xl_load_xlcfg(const char *path, char **overrides, unsigned int nr_overrides,
                  struct argon_domain_config *c)
{
    struct argon_diag d;
    struct argon_cfg *cfg;
    char *text, name[32];
    size_t len;
    int rc;

    if ( begin_load(path, c, &d, &text, &len) )
        return -1;
    if ( !(cfg = argon_cfg_new()) )
    {
        free(text);
        return xl_fail("out of memory"), -1;
    }
    rc = argon_cfg_parse(cfg, path, text, len, &d);
    for ( unsigned int i = 0; !rc && i < nr_overrides; i++ )
    {
        snprintf(name, sizeof(name), "override %u", i + 1);
        rc = argon_cfg_parse(cfg, name, overrides[i], strlen(overrides[i]), &d);
    }
    if ( !rc )
        rc = argon_cfg_to_config(cfg, c, &d);
    argon_cfg_free(cfg);
    free(text);
    if ( rc )
        xl_fail("%s", d.msg);
    return rc;
}

int xl_load_xml(const char *path, struct argon_domain_config *c)
{
    struct argon_diag d;
    char *text;
    size_t len;
    int rc;

    if ( begin_load(path, c, &d, &text, &len) )
        return -1;
    rc = argon_config_from_xml(text, len, c, &d);
    free(text);
    if ( rc )
        xl_fail("%s: %s", path, d.msg);
    return rc;
}
