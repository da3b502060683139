/*
 * Hypervisor command-line options.
 *
 * Each option is declared once, next to the variable it sets, with one of
 * the *_param() macros; the declarations are collected in the .data.param
 * section and parsed once, early in boot.  An unknown option or a bad value
 * is reported on the console, never ignored silently.
 *
 *   boolean_param("iommu-debug", iommu_debug);       foo, no-foo, foo=0|1|yes|no|on|off|true|false
 *   integer_param("maxcpus", max_cpus);              decimal or 0x hex, unsigned
 *   size_param("dom0_mem", dom0_mem_bytes);          with an optional K, M, G or T suffix
 *   string_param("console", console_opt);            copied into a char array
 *   custom_param("iommu", parse_iommu_option);       int fn(const char *value): 0 or -EINVAL
 */
#ifndef XEN_PARAM_H
#define XEN_PARAM_H

#include <xen/compiler.h>
#include <xen/types.h>

enum param_type {
    PARAM_BOOL,
    PARAM_UINT,
    PARAM_SIZE,
    PARAM_STRING,
    PARAM_CUSTOM,
};

struct param {
    const char *name;
    enum param_type type;
    void *var;
    size_t size;                /* of the variable (for strings: the array) */
    int (*custom)(const char *value);
};

#define __param_entry(id, n, t, v, s, c)                                    \
    static const struct param __param_##id __used __section(".data.param")  \
        __aligned(sizeof(void *)) = { (n), (t), (v), (s), (c) }

#define boolean_param(name, var)                                            \
    __param_entry(var, name, PARAM_BOOL, &(var), sizeof(var), NULL);        \
    BUILD_BUG_ON(sizeof(var) != sizeof(bool))
#define integer_param(name, var)                                            \
    __param_entry(var, name, PARAM_UINT, &(var), sizeof(var), NULL)
#define size_param(name, var)                                               \
    __param_entry(var, name, PARAM_SIZE, &(var), sizeof(var), NULL);        \
    BUILD_BUG_ON(sizeof(var) != sizeof(uint64_t))
#define string_param(name, var)                                             \
    __param_entry(var, name, PARAM_STRING, (var), sizeof(var), NULL)
#define custom_param(name, fn)                                              \
    __param_entry(fn, name, PARAM_CUSTOM, NULL, 0, (fn))

/*
 * Parse 'cmdline' against the options in [first, last).  Reports every
 * unknown option and bad value with printk and returns how many there were
 * (0 when the whole command line was understood).
 */
unsigned int parse_params(const char *cmdline, const struct param *first,
                          const struct param *last);

/* Parse the boot command line against every registered option. */
unsigned int cmdline_parse(const char *cmdline);

/* Helpers shared with custom parsers: 0 on success, -EINVAL on bad input. */
int parse_bool_value(const char *s, size_t len, bool *out);
int parse_size_value(const char *s, size_t len, uint64_t *out);
int parse_uint_value(const char *s, size_t len, uint64_t *out);

#endif /* XEN_PARAM_H */
