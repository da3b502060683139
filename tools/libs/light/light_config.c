/*
 * light_config.c - defaults and the validation rules that span fields of
 * struct argon_domain_config.  Single-field ranges live in the IDL and are
 * checked by the generated argon_domain_config_check(); everything a config
 * must satisfy before it is built is decided here, whatever format it came
 * from.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "light_internal.h"
#include <argon_light.h>

#define NAME_MAX_LEN 64

void argon_domain_config_set_defaults(struct argon_domain_config *c)
{
    if ( !c->memory )
        c->memory = ARGON_DEFAULT_MEMORY_MIB;
    if ( !c->maxmem )
        c->maxmem = c->memory;
    if ( !c->maxvcpus )
        c->maxvcpus = c->vcpus;
}

/* Names are xenstore path elements and must not be mistaken for domids. */
static int check_name(const char *name, struct argon_diag *d)
{
    size_t len;
    bool all_digits = true;

    if ( !name || !*name )
        return argon_field_error(d, "name", "name is required");
    len = strlen(name);
    if ( len > NAME_MAX_LEN )
        return argon_field_error(d, "name", "name is longer than %d characters",
                                 NAME_MAX_LEN);
    for ( size_t i = 0; i < len; i++ )
    {
        unsigned char ch = (unsigned char)name[i];

        if ( !isalnum(ch) && !strchr("-_.+:@", ch) )
            return argon_field_error(d, "name", "name may hold only letters, digits "
                                     "and - _ . + : @ (found '%c')",
                                     isprint(ch) ? ch : '?');
        if ( !isdigit(ch) )
            all_digits = false;
    }
    if ( all_digits )
        return argon_field_error(d, "name", "name '%s' is all digits and would be "
                                 "taken for a domain id", name);
    return 0;
}

int argon_domain_config_validate(const struct argon_domain_config *c, struct argon_diag *d)
{
    if ( check_name(c->name, d) )
        return -1;
    if ( argon_domain_config_check(c, "", d) )
        return -1;
    if ( !c->kernel || !*c->kernel )
        return argon_field_error(d, "kernel", "kernel is required for a PV guest");
    if ( c->maxmem < c->memory )
        return argon_field_error(d, "maxmem", "maxmem (%llu MiB) must not be less than "
                                 "memory (%llu MiB)", (unsigned long long)c->maxmem,
                                 (unsigned long long)c->memory);
    if ( c->maxvcpus < c->vcpus )
        return argon_field_error(d, "maxvcpus", "maxvcpus (%u) must not be less than "
                                 "vcpus (%u)", c->maxvcpus, c->vcpus);
    for ( unsigned int i = 0; i < c->num_pci; i++ )
        for ( unsigned int j = 0; j < i; j++ )
        {
            const struct argon_pci_dev *a = &c->pci[i], *b = &c->pci[j];

            if ( a->domain == b->domain && a->bus == b->bus && a->dev == b->dev &&
                 a->func == b->func )
            {
                char bdf[ARGON_PCI_BDF_STRLEN + 1];

                argon_pci_format_bdf(a, bdf);
                return argon_field_error(d, "pci", "PCI device %s is listed twice", bdf);
            }
        }
    return 0;
}

char *argon_domain_config_cmdline(const struct argon_domain_config *c)
{
    char *s = NULL;

    if ( c->cmdline )
        return strdup(c->cmdline);
    if ( !c->root && !c->extra )
        return NULL;
    if ( asprintf(&s, "%s%s%s%s", c->root ? "root=" : "", c->root ?: "",
                  c->root && c->extra ? " " : "", c->extra ?: "") < 0 )
        return NULL;
    return s;
}
