/*
 * fuzz-config-json.c - libFuzzer target for the generated JSON parser
 * (argon_domain_info, which nests argon_domain_config).  Accepted input must
 * generate JSON that parses back equal; validation must not crash either.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz-config-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct argon_domain_info info, back;
    struct argon_diag d;
    char *text = malloc(size + 1), *json;

    if ( !text )
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';              /* yajl_tree_parse reads a C string */
    argon_diag_init(&d);
    if ( argon_domain_info_from_json(&info, text, &d) == 0 )
    {
        json = argon_domain_info_to_json(&info);
        FUZZ_REQUIRE(json, "to_json failed");
        argon_diag_init(&d);
        FUZZ_REQUIRE(argon_domain_info_from_json(&back, json, &d) == 0, "%s\n%s", d.msg, json);
        FUZZ_REQUIRE(argon_domain_info_equal(&info, &back), "JSON round trip differs\n%s", json);
        argon_domain_config_set_defaults(&info.config);
        (void)argon_domain_config_validate(&info.config, &d);
        free(json);
        argon_domain_info_dispose(&back);
        argon_domain_info_dispose(&info);
    }
    else
        FUZZ_REQUIRE(d.msg[0], "rejected without a message");
    free(text);
    return 0;
}
