/*
 * xl_cmd_convert.c - format conversions that need no hypervisor:
 * libvirt XML -> xl.cfg, xl.cfg -> libvirt XML, either -> JSON.  The
 * input is fully validated first, as `xl create` would.
 */
#include <stdlib.h>
#include <string.h>

#include "xl_cmds.h"

static void print_warning(void *opaque, const char *msg)
{
    fprintf(xl_err, "%s\n", msg);
}

static int emit(char *text, const char *what)
{
    if ( !text )
        return xl_fail("cannot produce %s", what);
    fputs(text, xl_out);
    free(text);
    return XL_EXIT_OK;
}

int xl_cmd_domxml_to_xen(const struct xl_cmd *cmd, const struct xl_opts *o, int argc,
                         char **argv)
{
    struct argon_domain_config c;
    int rc;

    if ( xl_load_xml(argv[0], &c) )
        return XL_EXIT_FAIL;
    rc = emit(argon_config_to_xlcfg(&c), "xl.cfg text");
    argon_domain_config_dispose(&c);
    return rc;
}

int xl_cmd_domxml_from_xen(const struct xl_cmd *cmd, const struct xl_opts *o, int argc,
                           char **argv)
{
    struct argon_domain_config c;
    struct argon_diag d;
    char *xml;

    for ( int i = 1; i < argc; i++ )
        if ( !strchr(argv[i], '=') )
            return xl_usage_error(cmd, "'%s' is not KEY=VALUE", argv[i]);
    if ( xl_load_xlcfg(argv[0], argv + 1, (unsigned int)argc - 1, &c) )
        return XL_EXIT_FAIL;
    argon_diag_init(&d);
    d.warn = print_warning;
    xml = argon_config_to_xml(&c, &d);
    argon_domain_config_dispose(&c);
    if ( !xml )
        return xl_fail("%s", d.msg);
    return emit(xml, "XML");
}

int xl_cmd_config_to_json(const struct xl_cmd *cmd, const struct xl_opts *o, int argc,
                          char **argv)
{
    struct argon_domain_config c;
    int rc;

    if ( o->set['x'] ? xl_load_xml(argv[0], &c) : xl_load_xlcfg(argv[0], NULL, 0, &c) )
        return XL_EXIT_FAIL;
    rc = emit(argon_domain_config_to_json(&c), "JSON");
    argon_domain_config_dispose(&c);
    return rc;
}
