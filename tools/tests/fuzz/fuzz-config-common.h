/*
 * fuzz-config-common.h - what the config-parser fuzz targets share: a
 * failed invariant aborts with a message, so libFuzzer saves the input.
 *
 * Each target checks more than "no crash": whatever a parser accepts must
 * survive writing out and reading back as an equal config.
 */
#ifndef FUZZ_CONFIG_COMMON_H
#define FUZZ_CONFIG_COMMON_H

#include <stdio.h>
#include <stdlib.h>

#include <argon_light.h>

#define FUZZ_REQUIRE(cond, ...)                                        \
    do {                                                               \
        if ( !(cond) )                                                 \
        {                                                              \
            fprintf(stderr, "invariant failed: " __VA_ARGS__);         \
            fputc('\n', stderr);                                       \
            abort();                                                   \
        }                                                              \
    } while ( 0 )

/* config -> JSON -> config must give an equal config. */
static inline void fuzz_json_round_trip(const struct argon_domain_config *c)
{
    struct argon_domain_config back;
    struct argon_diag d;
    char *json = argon_domain_config_to_json(c);

    FUZZ_REQUIRE(json, "to_json failed");
    argon_diag_init(&d);
    FUZZ_REQUIRE(argon_domain_config_from_json(&back, json, &d) == 0, "from_json: %s\n%s",
                 d.msg, json);
    FUZZ_REQUIRE(argon_domain_config_equal(c, &back), "JSON round trip differs\n%s", json);
    argon_domain_config_dispose(&back);
    free(json);
}

#endif /* FUZZ_CONFIG_COMMON_H */
