/*
 * argon_light.h - libxenlight's domain configuration layer: the generated
 * types (argon_types.h), their defaults and validation, PCI device specs,
 * Xen's xl.cfg format and libvirt-style domain XML.
 *
 * Rules:
 *  - One config goes through the same steps whatever it came from:
 *    parse -> argon_domain_config_set_defaults -> argon_domain_config_validate.
 *    The *_from_* functions below do all three, so what they return is
 *    ready to build.
 *  - Errors follow argon_base.h: 0 or -1, one sentence in diag->msg.  xl.cfg
 *    errors start with FILE:LINE:COLUMN; XML errors name the element.
 *  - Returned strings are malloc'd and belong to the caller.
 */
#ifndef ARGON_LIGHT_H
#define ARGON_LIGHT_H

#include <stddef.h>

#include <argon_base.h>
#include <argon_types.h>

/* ---- defaults and validation (light_config.c) ---- */

#define ARGON_DEFAULT_MEMORY_MIB 128

/* memory 0 -> ARGON_DEFAULT_MEMORY_MIB, maxmem 0 -> memory, maxvcpus 0 -> vcpus. */
void argon_domain_config_set_defaults(struct argon_domain_config *c);
/* The IDL's ranges plus the rules between fields (name, kernel, maxmem >= memory,
 * maxvcpus >= vcpus, each PCI device once).  Run after set_defaults. */
int argon_domain_config_validate(const struct argon_domain_config *c, struct argon_diag *d);
/* The command line the guest gets: cmdline if set, else "root=ROOT EXTRA";
 * NULL if there is none (or no memory). */
char *argon_domain_config_cmdline(const struct argon_domain_config *c);

/* ---- PCI devices (light_pci.c) ---- */

#define ARGON_PCI_BDF_STRLEN 12     /* DDDD:BB:DD.F */
/* Fills dev's address and the options spec names; other fields are kept
 * (so the caller's defaults stand). */
int argon_pci_parse(const char *spec, struct argon_pci_dev *dev, struct argon_diag *d);
/* buf has room for ARGON_PCI_BDF_STRLEN + 1 bytes. */
void argon_pci_format_bdf(const struct argon_pci_dev *dev, char *buf);
/* BDF plus every option that differs from its default; NULL if out of memory. */
char *argon_pci_format(const struct argon_pci_dev *dev);

/* ---- xl.cfg (light_cfg_*.c) ---- */

enum argon_cfg_kind {
    ARGON_CFG_STRING,
    ARGON_CFG_NUMBER,
    ARGON_CFG_LIST,
};

struct argon_cfg_value {
    enum argon_cfg_kind kind;
    char *string;                   /* ARGON_CFG_STRING: the text, unescaped */
    uint64_t number;                /* ARGON_CFG_NUMBER */
    struct argon_cfg_value *items;  /* ARGON_CFG_LIST */
    unsigned int nr_items;
    unsigned int line, column;      /* where the value starts */
};

struct argon_cfg_setting {
    char *name;
    const char *file;               /* points into argon_cfg's file names */
    unsigned int line, column;      /* where the name starts */
    struct argon_cfg_value value;
};

/* The settings of a file in order; a later setting of a key wins. */
struct argon_cfg {
    struct argon_cfg_setting *settings;
    unsigned int nr_settings, cap_settings;
    char **files;
    unsigned int nr_files;
};

#define ARGON_CFG_LIST_DEPTH_MAX 8

struct argon_cfg *argon_cfg_new(void);
void argon_cfg_free(struct argon_cfg *cfg);
/* Parse len bytes of text named file, appending its settings to cfg. */
int argon_cfg_parse(struct argon_cfg *cfg, const char *file, const char *text, size_t len,
                    struct argon_diag *d);
/* Map the settings onto c (initialised here), apply defaults, validate.
 * Unknown keys are warnings. */
int argon_cfg_to_config(const struct argon_cfg *cfg, struct argon_domain_config *c,
                        struct argon_diag *d);
/* parse + to_config in one step, for one file. */
int argon_config_from_xlcfg(const char *file, const char *text, size_t len,
                            struct argon_domain_config *c, struct argon_diag *d);
/* xl.cfg text that argon_config_from_xlcfg reads back to an equal config. */
char *argon_config_to_xlcfg(const struct argon_domain_config *c);

/* ---- libvirt domain XML (light_xml.c) ---- */

int argon_config_from_xml(const char *text, size_t len, struct argon_domain_config *c,
                          struct argon_diag *d);
/* Warns (through d) about settings XML cannot express. */
char *argon_config_to_xml(const struct argon_domain_config *c, struct argon_diag *d);

#endif /* ARGON_LIGHT_H */
