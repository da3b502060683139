/*
 * xl_main.c - dispatch: find the command in xl_cmdtable, parse its options
 * with the entry's getopt letters, check the argument count, run it; and
 * the help text, which is printed from the table alone.
 */
#include <getopt.h>
#include <stdarg.h>
#include <string.h>

#include "xl.h"

FILE *xl_out, *xl_err;

const struct xl_cmd *xl_find_cmd(const char *name)
{
    for ( unsigned int i = 0; i < xl_cmdtable_len; i++ )
        if ( !strcmp(xl_cmdtable[i].name, name) )
            return &xl_cmdtable[i];
    return NULL;
}

static void print_failure(const char *fmt, va_list ap)
{
    fputs("xl: ", xl_err);
    vfprintf(xl_err, fmt, ap);
    fputc('\n', xl_err);
}

int xl_fail(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    print_failure(fmt, ap);
    va_end(ap);
    return XL_EXIT_FAIL;
}

int xl_failed(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    print_failure(fmt, ap);
    va_end(ap);
    return -1;
}

int xl_usage_error(const struct xl_cmd *cmd, const char *fmt, ...)
{
    va_list ap;

    fprintf(xl_err, "xl: %s: ", cmd->name);
    va_start(ap, fmt);
    vfprintf(xl_err, fmt, ap);
    va_end(ap);
    fprintf(xl_err, "\nusage: xl %s %s\n(see 'xl help %s')\n", cmd->name, cmd->usage,
            cmd->name);
    return XL_EXIT_USAGE;
}

void xl_print_help(FILE *f)
{
    fputs("usage: xl COMMAND [ARGS]\n\n"
          "Manage Argon domains from dom0.  Commands:\n\n", f);
    for ( unsigned int i = 0; i < xl_cmdtable_len; i++ )
        fprintf(f, "  %-22s %s\n", xl_cmdtable[i].name, xl_cmdtable[i].summary);
    fputs("\n'xl help COMMAND' shows a command's usage and options.\n", f);
}

void xl_print_cmd_help(FILE *f, const struct xl_cmd *cmd)
{
    fprintf(f, "usage: xl %s %s\n\n%s.\n", cmd->name, cmd->usage, cmd->summary);
    if ( cmd->options )
        fprintf(f, "\nOptions:\n%s", cmd->options);
    if ( cmd->needs_hypervisor )
        fputs("\nNeeds the hypervisor (dom0 on Argon).\n", f);
}

static int run(const struct xl_cmd *cmd, int argc, char **argv)
{
    struct xl_opts o;
    char optstring[64];
    int c, nargs;

    memset(&o, 0, sizeof(o));
    /* ':' first: a missing option argument is reported as ':' */
    snprintf(optstring, sizeof(optstring), ":%sh", cmd->optstring);
    optind = 0;                     /* glibc: re-initialise for each parse */
    opterr = 0;
    while ( (c = getopt(argc, argv, optstring)) != -1 )
    {
        if ( c == 'h' )
        {
            xl_print_cmd_help(xl_out, cmd);
            return XL_EXIT_OK;
        }
        if ( c == ':' )
            return xl_usage_error(cmd, "option -%c needs an argument", optopt);
        if ( c == '?' || c < 0 || c >= 128 )
            return xl_usage_error(cmd, "unknown option -%c", optopt ? optopt : '?');
        o.set[c] = true;
        o.arg[c] = optarg;
    }
    nargs = argc - optind;
    if ( (unsigned int)nargs < cmd->min_args )
        return xl_usage_error(cmd, "too few arguments");
    if ( cmd->max_args != XL_ARGS_ANY && (unsigned int)nargs > cmd->max_args )
        return xl_usage_error(cmd, "too many arguments");
    return cmd->fn(cmd, &o, nargs, argv + optind);
}

int xl_main(int argc, char **argv)
{
    const struct xl_cmd *cmd;

    if ( !xl_out )
        xl_out = stdout;
    if ( !xl_err )
        xl_err = stderr;
    if ( argc < 2 )
    {
        xl_print_help(xl_err);
        return XL_EXIT_USAGE;
    }
    if ( !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") )
        argv[1] = "help";
    if ( !(cmd = xl_find_cmd(argv[1])) )
    {
        fprintf(xl_err, "xl: unknown command '%s' (see 'xl help')\n", argv[1]);
        return XL_EXIT_USAGE;
    }
    return run(cmd, argc - 1, argv + 1);
}
