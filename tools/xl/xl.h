/*
 * xl.h - the xl command's internals: the command table, parsed options,
 * output streams and the hypervisor backend.
 *
 * Rules:
 *  - Every command is one entry of xl_cmdtable[] (xl_cmdtable.c): name,
 *    handler, one-line summary, usage, getopt letters and option help.
 *    Help, argument-count checks and option parsing come from the entry;
 *    handlers only see parsed options and positional arguments.
 *  - Handlers check their arguments first and only then call
 *    xl_backend_open() (decode, then act), so a typo is reported the same
 *    with or without a hypervisor.
 *  - All output goes to xl_out / xl_err (stdout/stderr unless a test swaps
 *    them); errors are one line starting "xl: ".  Exit status: 0 success,
 *    1 failure, 2 usage error.
 */
#ifndef XL_H
#define XL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <argon_light.h>

#define XL_EXIT_OK 0
#define XL_EXIT_FAIL 1
#define XL_EXIT_USAGE 2
#define XL_ARGS_ANY 0xffffu

struct xl_cmd;

/* Options as parsed from the entry's optstring: set[c] and arg[c] per letter. */
struct xl_opts {
    bool set[128];
    const char *arg[128];
};

typedef int xl_handler(const struct xl_cmd *cmd, const struct xl_opts *o, int argc,
                       char **argv);

struct xl_cmd {
    const char *name;
    xl_handler *fn;
    const char *summary;            /* one line, no final period */
    const char *usage;              /* what follows "xl NAME " */
    const char *optstring;          /* getopt letters; "" for none */
    const char *options;            /* one "-x, --long  meaning" line per option, or NULL */
    unsigned int min_args, max_args;
    bool needs_hypervisor;
};

extern const struct xl_cmd xl_cmdtable[];
extern const unsigned int xl_cmdtable_len;

const struct xl_cmd *xl_find_cmd(const char *name);
int xl_main(int argc, char **argv);
void xl_print_help(FILE *f);
void xl_print_cmd_help(FILE *f, const struct xl_cmd *cmd);
int xl_usage_error(const struct xl_cmd *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int xl_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same line, returning -1: for backend functions ("0, or -1 after the message"). */
int xl_failed(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

extern FILE *xl_out, *xl_err;

/* Reading configs (xl_config.c): a file plus KEY=VALUE overrides. */
int xl_load_xlcfg(const char *path, char **overrides, unsigned int nr_overrides,
                  struct argon_domain_config *c);
int xl_load_xml(const char *path, struct argon_domain_config *c);

/*
 * The hypervisor, behind function pointers so libxenctrl can be wired in
 * without touching the commands.  Each function returns 0, or -1 after
 * printing one "xl: ..." line.  domids come from lookup().
 */
struct xl_backend {
    const char *name;
    int (*open)(void);
    int (*lookup)(const char *name_or_id, uint32_t *domid);
    int (*create)(const struct argon_domain_config *c, bool paused, uint32_t *domid);
    int (*list)(struct argon_domain_info **infos, unsigned int *nr);
    int (*destroy)(uint32_t domid);
    int (*shutdown)(uint32_t domid, bool reboot);
    int (*pause)(uint32_t domid);
    int (*unpause)(uint32_t domid);
    int (*console)(uint32_t domid);
    int (*info)(FILE *out);
    int (*dmesg)(FILE *out, bool clear);
    int (*mem_set)(uint32_t domid, uint64_t kib);
    int (*vcpu_list)(uint32_t domid, FILE *out);   /* UINT32_MAX: every domain */
    int (*pci_assignable_add)(const struct argon_pci_dev *dev);
    int (*pci_assignable_remove)(const struct argon_pci_dev *dev, bool rebind);
    int (*pci_assignable_list)(FILE *out);
    int (*pci_attach)(uint32_t domid, const struct argon_pci_dev *dev);
    int (*pci_detach)(uint32_t domid, const struct argon_pci_dev *dev, bool force);
    int (*pci_list)(uint32_t domid, FILE *out);
};

#define XL_PRIVCMD_PATH "/dev/xen/privcmd"

/*
 * Join the terminal to domid's PV console (xl_console.c); 0 on detach or
 * when the console closes, -1 after the message.
 */
int xl_console_attach(uint32_t domid);

/* The backend in use: the privcmd one unless a test installed another. */
void xl_backend_set(const struct xl_backend *b);
/* Open the backend once; 0, or -1 after the one-line reason. */
int xl_backend_open(const struct xl_backend **b);
/* The backend op, or -1 with "xl: NAME: not supported by this backend". */
int xl_backend_missing(const char *op);

#endif /* XL_H */
