/*
 * fuzz-config-xml.c - libFuzzer target for the libvirt domain XML reader.
 * Accepted documents must export and import again to an equal config.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz-config-common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct argon_domain_config c, back;
    struct argon_diag d;
    char *xml;

    argon_diag_init(&d);
    if ( argon_config_from_xml((const char *)data, size, &c, &d) )
    {
        FUZZ_REQUIRE(d.msg[0], "rejected without a message");
        return 0;
    }
    xml = argon_config_to_xml(&c, &d);
    if ( xml )
    {
        argon_diag_init(&d);
        FUZZ_REQUIRE(argon_config_from_xml(xml, strlen(xml), &back, &d) == 0,
                     "exported XML rejected: %s\n%s", d.msg, xml);
        FUZZ_REQUIRE(argon_domain_config_equal(&c, &back), "XML round trip differs\n%s", xml);
        argon_domain_config_dispose(&back);
        free(xml);
    }
    fuzz_json_round_trip(&c);
    argon_domain_config_dispose(&c);
    return 0;
}
