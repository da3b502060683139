/*
 * light_test.h - helpers shared by the libxenlight unit tests: run a Check
 * suite, parse an xl.cfg text into a config, collect warnings.
 */
#ifndef LIGHT_TEST_H
#define LIGHT_TEST_H

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <argon_light.h>

#include "../check_run.h"

/* Warnings collected by collect_warning(), newline-separated. */
struct warnings {
    char text[2048];
    unsigned int count;
};

static inline void collect_warning(void *opaque, const char *msg)
{
    struct warnings *w = opaque;
    size_t used = strlen(w->text);

    snprintf(w->text + used, sizeof(w->text) - used, "%s\n", msg);
    w->count++;
}

/* Parse text as file t.cfg; returns the verdict, d holds the message. */
static inline int parse_cfg(const char *text, struct argon_domain_config *c,
                            struct argon_diag *d)
{
    argon_diag_init(d);
    return argon_config_from_xlcfg("t.cfg", text, strlen(text), c, d);
}

static inline int run_suite(Suite *s)
{
    return check_run(s);
}

#endif /* LIGHT_TEST_H */
