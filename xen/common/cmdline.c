/*
 * The boot command line against the options the build registered.
 */
#include <xen/param.h>

extern const struct param __param_start[], __param_end[];

unsigned int cmdline_parse(const char *cmdline)
{
    return parse_params(cmdline, __param_start, __param_end);
}
