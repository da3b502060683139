/*
 * light_pci.c - Xen's PCI device syntax for pci = [ ... ] entries:
 *
 *     [DDDD:]BB:DD.F[,KEY=VALUE]...
 *
 * DDDD segment (up to 4 hex digits, 0 if absent), BB bus (2), DD device (2,
 * at most 1f), F function (0-7).  Keys: permissive, msitranslate, seize
 * (0 or 1) and rdm_policy (strict or relaxed).  Xen's '*' (all functions)
 * and '@VSLOT' (a virtual slot, HVM only) are refused with a reason, not
 * silently dropped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "light_internal.h"
#include <argon_light.h>

/* 1..max_digits hex digits at *p; advances *p past them. */
static int parse_hex(const char **p, unsigned int max_digits, unsigned int *out)
{
    unsigned int v = 0, n = 0;
    int h;

    while ( (h = argon_hex_digit(**p)) >= 0 )
    {
        if ( ++n > max_digits )
            return -1;
        v = v << 4 | (unsigned int)h;
        (*p)++;
    }
    if ( n == 0 )
        return -1;
    *out = v;
    return 0;
}

static int bad(struct argon_diag *d, const char *spec, const char *why)
{
    return argon_field_error(d, "pci", "invalid PCI device '%s': %s", spec, why);
}

static int parse_bool_option(const char *value, bool *out)
{
    if ( !strcmp(value, "1") )
        *out = true;
    else if ( !strcmp(value, "0") )
        *out = false;
    else
        return -1;
    return 0;
}

static int parse_option(const char *spec, char *opt, struct argon_pci_dev *dev,
                        struct argon_diag *d)
{
    char msg[160];
    char *value = strchr(opt, '=');
    bool *flag = NULL;

    if ( !value )
    {
        snprintf(msg, sizeof(msg), "option '%.40s' needs a value (KEY=VALUE)", opt);
        return bad(d, spec, msg);
    }
    *value++ = '\0';
    if ( !strcmp(opt, "permissive") )
        flag = &dev->permissive;
    else if ( !strcmp(opt, "msitranslate") )
        flag = &dev->msitranslate;
    else if ( !strcmp(opt, "seize") )
        flag = &dev->seize;
    else if ( !strcmp(opt, "rdm_policy") )
    {
        if ( argon_rdm_policy_from_string(value, &dev->rdm_policy) )
        {
            snprintf(msg, sizeof(msg), "rdm_policy must be strict or relaxed, not '%.40s'",
                     value);
            return bad(d, spec, msg);
        }
        return 0;
    }
    else
    {
        snprintf(msg, sizeof(msg), "unknown option '%.40s' (known: permissive, "
                 "msitranslate, seize, rdm_policy)", opt);
        return bad(d, spec, msg);
    }
    if ( parse_bool_option(value, flag) )
    {
        snprintf(msg, sizeof(msg), "%s must be 0 or 1, not '%.40s'", opt, value);
        return bad(d, spec, msg);
    }
    return 0;
}

int argon_pci_parse(const char *spec, struct argon_pci_dev *dev, struct argon_diag *d)
{
    unsigned int a, b, c, f;
    unsigned int domain = 0, bus, slot;
    const char *p = spec;
    char *opts, *opt, *save;
    int rc = 0;

    /* two or three numbers before the '.', separated by ':' */
    if ( parse_hex(&p, 4, &a) || *p++ != ':' || parse_hex(&p, 4, &b) )
        return bad(d, spec, "expected [DDDD:]BB:DD.F");
    if ( *p == ':' )
    {
        p++;
        if ( parse_hex(&p, 2, &c) )
            return bad(d, spec, "expected [DDDD:]BB:DD.F");
        domain = a, bus = b, slot = c;
    }
    else
        bus = a, slot = b;
    if ( *p++ != '.' )
        return bad(d, spec, "expected '.' and a function number after the device");
    if ( *p == '*' )
        return bad(d, spec, "'*' (every function) is not supported; list each function");
    if ( parse_hex(&p, 1, &f) )
        return bad(d, spec, "expected a function number 0-7 after '.'");
    if ( bus > 0xff )
        return bad(d, spec, "bus must be at most ff");
    if ( slot > 0x1f )
        return bad(d, spec, "device must be at most 1f");
    if ( f > 7 )
        return bad(d, spec, "function must be 0-7");
    if ( *p == '@' )
        return bad(d, spec, "'@VSLOT' (virtual slot) applies to HVM guests only");
    if ( *p != '\0' && *p != ',' )
        return bad(d, spec, "unexpected text after the function number");

    dev->domain = (uint16_t)domain;
    dev->bus = (uint8_t)bus;
    dev->dev = (uint8_t)slot;
    dev->func = (uint8_t)f;
    if ( *p == '\0' )
        return 0;

    if ( !(opts = strdup(p + 1)) )
        return argon_error(d, "out of memory");
    for ( opt = strtok_r(opts, ",", &save); opt && !rc; opt = strtok_r(NULL, ",", &save) )
        rc = parse_option(spec, opt, dev, d);
    free(opts);
    return rc;
}

void argon_pci_format_bdf(const struct argon_pci_dev *dev, char *buf)
{
    snprintf(buf, ARGON_PCI_BDF_STRLEN + 1, "%04x:%02x:%02x.%x",
             dev->domain, dev->bus, dev->dev & 0x1f, dev->func & 7);
}

char *argon_pci_format(const struct argon_pci_dev *dev)
{
    char bdf[ARGON_PCI_BDF_STRLEN + 1];
    char *s;

    argon_pci_format_bdf(dev, bdf);
    if ( asprintf(&s, "%s%s%s%s%s%s", bdf,
                  dev->permissive ? ",permissive=1" : "",
                  dev->msitranslate ? ",msitranslate=1" : "",
                  dev->seize ? ",seize=1" : "",
                  dev->rdm_policy != ARGON_RDM_POLICY_STRICT ? ",rdm_policy=" : "",
                  dev->rdm_policy != ARGON_RDM_POLICY_STRICT
                  ? argon_rdm_policy_to_string(dev->rdm_policy) ?: "?" : "") < 0 )
        return NULL;
    return s;
}
