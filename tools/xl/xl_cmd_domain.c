/*
 * xl_cmd_domain.c - the domain commands: help, create, list, destroy,
 * shutdown, reboot, pause, unpause, console, info, dmesg, mem-set and
 * vcpu-list.  Each checks its arguments, then asks the backend.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <argon_types_json.h>

#include "xl_cmds.h"

int xl_cmd_help(const struct xl_cmd *cmd, const struct xl_opts *o, int argc, char **argv)
{
    const struct xl_cmd *which;

    if ( argc == 0 )
    {
        xl_print_help(xl_out);
        return XL_EXIT_OK;
    }
    if ( !(which = xl_find_cmd(argv[0])) )
    {
        fprintf(xl_err, "xl: unknown command '%s' (see 'xl help')\n", argv[0]);
        return XL_EXIT_USAGE;
    }
    xl_print_cmd_help(xl_out, which);
    return XL_EXIT_OK;
}

/* Open the backend and resolve a domain name or id. */
static int open_domain(const char *name, const struct xl_backend **b, uint32_t *domid)
{
    if ( xl_backend_open(b) )
        return -1;
    if ( !(*b)->lookup )
        return xl_backend_missing("lookup");
    return (*b)->lookup(name, domid);
}

static int print_json(const struct argon_domain_config *c)
{
    char *json = argon_domain_config_to_json(c);

    if ( !json )
        return xl_fail("cannot convert the config to JSON");
    fputs(json, xl_out);
    free(json);
    return XL_EXIT_OK;
}

int xl_cmd_create(const struct xl_cmd *cmd, const struct xl_opts *o, int argc, char **argv)
{
    const char *file = o->arg['f'];
    const struct xl_backend *b;
    struct argon_domain_config c;
    uint32_t domid;
    int rc = XL_EXIT_FAIL;

    if ( !file )
    {
        if ( argc == 0 || strchr(argv[0], '=') )
            return xl_usage_error(cmd, "no config file given");
        file = argv[0];
        argc--;
        argv++;
    }
    for ( int i = 0; i < argc; i++ )
        if ( !strchr(argv[i], '=') )
            return xl_usage_error(cmd, "'%s' is not KEY=VALUE", argv[i]);
    if ( xl_load_xlcfg(file, argv, (unsigned int)argc, &c) )
        return XL_EXIT_FAIL;

    if ( o->set['n'] )
        rc = print_json(&c);
    else if ( xl_backend_open(&b) == 0 )
    {
        if ( !b->create )
            xl_backend_missing("create");
        else if ( b->create(&c, o->set['p'], &domid) == 0 )
        {
            fprintf(xl_out, "Created domain %s (id %u)\n", c.name, domid);
            rc = XL_EXIT_OK;
            if ( o->set['c'] )
                rc = !b->console ? (xl_backend_missing("console"), XL_EXIT_FAIL)
                                 : b->console(domid) ? XL_EXIT_FAIL : XL_EXIT_OK;
        }
    }
    argon_domain_config_dispose(&c);
    return rc;
}

static bool wanted(const struct argon_domain_info *info, int argc, char **argv)
{
    char id[16];

    if ( argc == 0 )
        return true;
    snprintf(id, sizeof(id), "%u", info->domid);
    for ( int i = 0; i < argc; i++ )
        if ( !strcmp(argv[i], id) || (info->config.name && !strcmp(argv[i], info->config.name)) )
            return true;
    return false;
}

static int list_json(const struct argon_domain_info *infos, unsigned int nr, int argc,
                     char **argv)
{
    yajl_gen g;
    const unsigned char *buf;
    size_t len;
    unsigned int shown = 0;
    int rc = XL_EXIT_FAIL;

    for ( unsigned int i = 0; i < nr; i++ )
        shown += wanted(&infos[i], argc, argv);
    if ( !shown )
    {
        fputs("[]\n", xl_out);     /* yajl would print an empty array over three lines */
        return XL_EXIT_OK;
    }
    if ( !(g = yajl_gen_alloc(NULL)) )
        return xl_fail("out of memory");
    yajl_gen_config(g, yajl_gen_beautify, 1);
    yajl_gen_config(g, yajl_gen_indent_string, "    ");
    if ( yajl_gen_array_open(g) != yajl_gen_status_ok )
        goto out;
    for ( unsigned int i = 0; i < nr; i++ )
        if ( wanted(&infos[i], argc, argv) &&
             argon_domain_info_gen_json(g, &infos[i]) != yajl_gen_status_ok )
            goto out;
    if ( yajl_gen_array_close(g) != yajl_gen_status_ok ||
         yajl_gen_get_buf(g, &buf, &len) != yajl_gen_status_ok )
        goto out;
    fwrite(buf, 1, len, xl_out);
    rc = XL_EXIT_OK;
 out:
    yajl_gen_free(g);
    return rc == XL_EXIT_OK ? rc : xl_fail("cannot generate JSON");
}

int xl_cmd_list(const struct xl_cmd *cmd, const struct xl_opts *o, int argc, char **argv)
{
    const struct xl_backend *b;
    struct argon_domain_info *infos = NULL;
    unsigned int nr = 0;
    int rc = XL_EXIT_OK;

    if ( xl_backend_open(&b) )
        return XL_EXIT_FAIL;
    if ( !b->list )
        return xl_backend_missing("list"), XL_EXIT_FAIL;
    if ( b->list(&infos, &nr) )
        return XL_EXIT_FAIL;
    if ( o->set['l'] )
        rc = list_json(infos, nr, argc, argv);
    else
    {
        fprintf(xl_out, "%-32s %5s %7s %5s %-9s %9s\n", "Name", "ID", "Mem", "VCPUs",
                "State", "Time(s)");
        for ( unsigned int i = 0; i < nr; i++ )
        {
            const struct argon_domain_info *d = &infos[i];

            if ( !wanted(d, argc, argv) )
                continue;
            fprintf(xl_out, "%-32s %5u %7llu %5u %-9s %9.1f\n",
                    d->config.name ? d->config.name : "-", d->domid,
                    (unsigned long long)d->config.memory, d->config.vcpus,
                    argon_domain_state_to_string(d->state) ?: "?",
                    (double)d->cpu_time_ns / 1e9);
        }
    }
    for ( unsigned int i = 0; i < nr; i++ )
        argon_domain_info_dispose(&infos[i]);
    free(infos);
    return rc;
}

/* The commands that take one DOMAIN and call one backend operation. */
#define DOMAIN_OP(fn, opname, call)                                              \
int fn(const struct xl_cmd *cmd, const struct xl_opts *o, int argc, char **argv)  \
{                                                                                \
    const struct xl_backend *b;                                                  \
    uint32_t domid;                                                              \
                                                                                 \
    if ( open_domain(argv[0], &b, &domid) )                                      \
        return XL_EXIT_FAIL;                                                     \
    if ( !b->opname )                                                            \
        return xl_backend_missing(#opname), XL_EXIT_FAIL;                        \
    return (call) ? XL_EXIT_FAIL : XL_EXIT_OK;                                   \
}

DOMAIN_OP(xl_cmd_destroy, destroy, b->destroy(domid))
DOMAIN_OP(xl_cmd_shutdown, shutdown, b->shutdown(domid, false))
DOMAIN_OP(xl_cmd_reboot, shutdown, b->shutdown(domid, true))
DOMAIN_OP(xl_cmd_pause, pause, b->pause(domid))
DOMAIN_OP(xl_cmd_unpause, unpause, b->unpause(domid))
DOMAIN_OP(xl_cmd_console, console, b->console(domid))

int xl_cmd_info(const struct xl_cmd *cmd, const struct xl_opts *o, int argc, char **argv)
{
    const struct xl_backend *b;

    if ( xl_backend_open(&b) )
        return XL_EXIT_FAIL;
    if ( !b->info )
        return xl_backend_missing("info"), XL_EXIT_FAIL;
    return b->info(xl_out) ? XL_EXIT_FAIL : XL_EXIT_OK;
}

int xl_cmd_dmesg(const struct xl_cmd *cmd, const struct xl_opts *o, int argc, char **argv)
{
    const struct xl_backend *b;

    if ( xl_backend_open(&b) )
        return XL_EXIT_FAIL;
    if ( !b->dmesg )
        return xl_backend_missing("dmesg"), XL_EXIT_FAIL;
    return b->dmesg(xl_out, o->set['c']) ? XL_EXIT_FAIL : XL_EXIT_OK;
}

/* "512", "512m", "2g", "1048576k": KiB; a number without a unit is MiB, as in Xen. */
static int parse_memory_kib(const char *s, uint64_t *kib)
{
    unsigned long long v;
    unsigned int shift;
    char *end;

    if ( !isdigit((unsigned char)*s) )
        return -1;
    errno = 0;
    v = strtoull(s, &end, 10);
    if ( errno )
        return -1;
    switch ( tolower((unsigned char)*end) )
    {
    case 'k': shift = 0; break;
    case '\0': case 'm': shift = 10; break;
    case 'g': shift = 20; break;
    case 't': shift = 30; break;
    default: return -1;
    }
    if ( *end && end[1] )
        return -1;
    if ( v > (UINT64_MAX >> shift) )
        return -1;
    *kib = (uint64_t)v << shift;
    return 0;
}

int xl_cmd_mem_set(const struct xl_cmd *cmd, const struct xl_opts *o, int argc, char **argv)
{
    const struct xl_backend *b;
    uint32_t domid;
    uint64_t kib;

    if ( parse_memory_kib(argv[1], &kib) || kib == 0 )
        return xl_usage_error(cmd, "'%s' is not an amount of memory (e.g. 512m, 2g)",
                              argv[1]);
    if ( open_domain(argv[0], &b, &domid) )
        return XL_EXIT_FAIL;
    if ( !b->mem_set )
        return xl_backend_missing("mem_set"), XL_EXIT_FAIL;
    return b->mem_set(domid, kib) ? XL_EXIT_FAIL : XL_EXIT_OK;
}

int xl_cmd_vcpu_list(const struct xl_cmd *cmd, const struct xl_opts *o, int argc,
                     char **argv)
{
    const struct xl_backend *b;
    uint32_t domid;

    if ( xl_backend_open(&b) )
        return XL_EXIT_FAIL;
    if ( !b->vcpu_list || !b->lookup )
        return xl_backend_missing("vcpu_list"), XL_EXIT_FAIL;
    fprintf(xl_out, "%-32s %5s %5s %5s %-5s %9s\n", "Name", "ID", "VCPU", "CPU", "State",
            "Time(s)");
    if ( argc == 0 )
        return b->vcpu_list(UINT32_MAX, xl_out) ? XL_EXIT_FAIL : XL_EXIT_OK;
    for ( int i = 0; i < argc; i++ )
        if ( b->lookup(argv[i], &domid) || b->vcpu_list(domid, xl_out) )
            return XL_EXIT_FAIL;
    return XL_EXIT_OK;
}
