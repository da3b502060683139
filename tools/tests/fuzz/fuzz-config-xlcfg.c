/*
 * fuzz-config-xlcfg.c - libFuzzer target for the xl.cfg reader.  Accepted
 * input must round-trip through the xl.cfg writer and through JSON; every
 * rejection must carry a located message.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz-config-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct argon_domain_config c, back;
    struct argon_diag d;
    char *text;

    argon_diag_init(&d);
    if ( argon_config_from_xlcfg("fuzz.cfg", (const char *)data, size, &c, &d) )
    {
        FUZZ_REQUIRE(!strncmp(d.msg, "fuzz.cfg", 8) || !strcmp(d.msg, "out of memory"),
                     "unlocated error: %s", d.msg);
        return 0;
    }
    text = argon_config_to_xlcfg(&c);
    FUZZ_REQUIRE(text, "to_xlcfg failed");
    argon_diag_init(&d);
    FUZZ_REQUIRE(argon_config_from_xlcfg("out.cfg", text, strlen(text), &back, &d) == 0,
                 "written config rejected: %s\n%s", d.msg, text);
    FUZZ_REQUIRE(argon_domain_config_equal(&c, &back), "xl.cfg round trip differs\n%s", text);
    fuzz_json_round_trip(&c);
    free(text);
    argon_domain_config_dispose(&back);
    argon_domain_config_dispose(&c);
    return 0;
}
