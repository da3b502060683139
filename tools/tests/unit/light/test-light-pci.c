/*
 * test-light-pci.c - Xen's PCI device syntax: every accepted form, every
 * rejected one with its message, and format -> parse round trips.
 */
#include <stdio.h>

#include "light_test.h"

static const struct {
    const char *spec;
    unsigned int domain, bus, dev, func;
    bool permissive, msitranslate, seize, relaxed;
} good[] = {
    { "0000:00:05.0", 0, 0, 5, 0, false, false, false, false },
    { "00:05.0", 0, 0, 5, 0, false, false, false, false },
    { "ffff:ff:1f.7", 0xffff, 0xff, 0x1f, 7, false, false, false, false },
    { "FFFF:FF:1F.7", 0xffff, 0xff, 0x1f, 7, false, false, false, false },
    { "1:2:3.4", 1, 2, 3, 4, false, false, false, false },
    { "0000:03:00.1,permissive=1", 0, 3, 0, 1, true, false, false, false },
    { "03:00.1,msitranslate=1,seize=1", 0, 3, 0, 1, false, true, true, false },
    { "03:00.1,rdm_policy=relaxed,permissive=0", 0, 3, 0, 1, false, false, false, true },
    { "03:00.1,,seize=1,", 0, 3, 0, 1, false, false, true, false },
};

START_TEST(accepted)
{
    struct argon_pci_dev dev;
    struct argon_diag d;

    argon_pci_dev_init(&dev);
    argon_diag_init(&d);
    ck_assert_msg(argon_pci_parse(good[_i].spec, &dev, &d) == 0, "%s", d.msg);
    ck_assert_uint_eq(dev.domain, good[_i].domain);
    ck_assert_uint_eq(dev.bus, good[_i].bus);
    ck_assert_uint_eq(dev.dev, good[_i].dev);
    ck_assert_uint_eq(dev.func, good[_i].func);
    ck_assert_int_eq(dev.permissive, good[_i].permissive);
    ck_assert_int_eq(dev.msitranslate, good[_i].msitranslate);
    ck_assert_int_eq(dev.seize, good[_i].seize);
    ck_assert_int_eq(dev.rdm_policy == ARGON_RDM_POLICY_RELAXED, good[_i].relaxed);
}
END_TEST

static const struct {
    const char *spec, *why;
} bad[] = {
    { "", "expected [DDDD:]BB:DD.F" },
    { "5.0", "expected [DDDD:]BB:DD.F" },
    { "00:05", "expected '.' and a function number after the device" },
    { "00:05.", "expected a function number 0-7 after '.'" },
    { "00:05.8", "function must be 0-7" },
    { "00:05.10", "expected a function number 0-7 after '.'" },
    { "00:20.0", "device must be at most 1f" },
    { "0100:05.0", "bus must be at most ff" },
    { "10000:00:05.0", "expected [DDDD:]BB:DD.F" },
    { "0000:100:05.0", "bus must be at most ff" },
    { "0000:00:005.0", "expected [DDDD:]BB:DD.F" },
    { "0000:00:05.*", "'*' (every function) is not supported; list each function" },
    { "0000:00:05.0@3", "'@VSLOT' (virtual slot) applies to HVM guests only" },
    { "g0:05.0", "expected [DDDD:]BB:DD.F" },
    { "0000:00:05.0 ", "unexpected text after the function number" },
    { "00:05.0,permissive", "option 'permissive' needs a value (KEY=VALUE)" },
    { "00:05.0,permissive=2", "permissive must be 0 or 1, not '2'" },
    { "00:05.0,seize=yes", "seize must be 0 or 1, not 'yes'" },
    { "00:05.0,msitranslate=", "msitranslate must be 0 or 1, not ''" },
    { "00:05.0,rdm_policy=lax", "rdm_policy must be strict or relaxed, not 'lax'" },
    { "00:05.0,power_mgmt=1", "unknown option 'power_mgmt' (known: permissive, msitranslate, "
      "seize, rdm_policy)" },
};

START_TEST(rejected)
{
    struct argon_pci_dev dev;
    struct argon_diag d;
    char expected[256];

    argon_pci_dev_init(&dev);
    argon_diag_init(&d);
    ck_assert_int_eq(argon_pci_parse(bad[_i].spec, &dev, &d), -1);
    snprintf(expected, sizeof(expected), "invalid PCI device '%s': %s", bad[_i].spec,
             bad[_i].why);
    ck_assert_str_eq(d.msg, expected);
    ck_assert_str_eq(d.field, "pci");
}
END_TEST

START_TEST(format_round_trip)
{
    for ( unsigned int bits = 0; bits < 16; bits++ )
    {
        struct argon_pci_dev a, b;
        struct argon_diag d;
        char *spec;

        argon_pci_dev_init(&a);
        argon_pci_dev_init(&b);
        a.domain = (uint16_t)(0x1234 + bits);
        a.bus = (uint8_t)(bits * 17);
        a.dev = (uint8_t)(bits * 2);
        a.func = (uint8_t)(bits & 7);
        a.permissive = bits & 1;
        a.msitranslate = bits & 2;
        a.seize = bits & 4;
        a.rdm_policy = bits & 8 ? ARGON_RDM_POLICY_RELAXED : ARGON_RDM_POLICY_STRICT;
        spec = argon_pci_format(&a);
        argon_diag_init(&d);
        ck_assert_msg(argon_pci_parse(spec, &b, &d) == 0, "%s: %s", spec, d.msg);
        ck_assert_msg(argon_pci_dev_equal(&a, &b), "%s", spec);
        free(spec);
    }
}
END_TEST

START_TEST(format_bdf)
{
    struct argon_pci_dev dev;
    char buf[ARGON_PCI_BDF_STRLEN + 1];
    char *spec;

    argon_pci_dev_init(&dev);
    dev.domain = 0xabcd;
    dev.bus = 0x0e;
    dev.dev = 0x1f;
    dev.func = 3;
    argon_pci_format_bdf(&dev, buf);
    ck_assert_str_eq(buf, "abcd:0e:1f.3");
    dev.permissive = true;
    dev.rdm_policy = ARGON_RDM_POLICY_RELAXED;
    spec = argon_pci_format(&dev);
    ck_assert_str_eq(spec, "abcd:0e:1f.3,permissive=1,rdm_policy=relaxed");
    free(spec);
}
END_TEST

/* Options not named in the spec keep the caller's defaults (pci_permissive = 1). */
START_TEST(defaults_kept)
{
    struct argon_pci_dev dev;
    struct argon_diag d;

    argon_pci_dev_init(&dev);
    dev.permissive = true;
    argon_diag_init(&d);
    ck_assert_int_eq(argon_pci_parse("00:01.0,seize=1", &dev, &d), 0);
    ck_assert(dev.permissive && dev.seize);
    ck_assert_int_eq(argon_pci_parse("00:01.0,permissive=0", &dev, &d), 0);
    ck_assert(!dev.permissive);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("light-pci");
    TCase *tc = tcase_create("bdf");

    tcase_add_loop_test(tc, accepted, 0, sizeof(good) / sizeof(good[0]));
    tcase_add_loop_test(tc, rejected, 0, sizeof(bad) / sizeof(bad[0]));
    tcase_add_test(tc, format_round_trip);
    tcase_add_test(tc, format_bdf);
    tcase_add_test(tc, defaults_kept);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
