/*
 * test-light-json.c - the generated type code: init/copy/equal/dispose,
 * JSON round trips (config -> JSON -> config equal, text stable), the
 * range check, and every kind of JSON error with its path.
 */
#include <stdio.h>

#include <argon_types_json.h>

#include "light_test.h"

static void full_config(struct argon_domain_config *c)
{
    struct argon_diag d;
    static const char text[] =
        "name = \"json-guest\"\nuuid = \"00112233-4455-6677-8899-aabbccddeeff\"\n"
        "kernel = \"/boot/k\"\nramdisk = \"/boot/r\"\ncmdline = \"console=hvc0 \\\"x\\\"\"\n"
        "extra = \"e\"\nroot = \"/dev/xvda\"\nmemory = 2048\nmaxmem = 4096\n"
        "vcpus = 2\nmaxvcpus = 128\non_reboot = \"coredump-restart\"\n"
        "pci = [ \"ffff:ff:1f.7,permissive=1,seize=1\", \"0:1:2.3,rdm_policy=relaxed\" ]\n";

    ck_assert_msg(parse_cfg(text, c, &d) == 0, "%s", d.msg);
}

START_TEST(config_round_trip)
{
    struct argon_domain_config c, back;
    struct argon_diag d;
    char *json, *again;

    full_config(&c);
    json = argon_domain_config_to_json(&c);
    ck_assert_ptr_nonnull(json);
    argon_diag_init(&d);
    ck_assert_msg(argon_domain_config_from_json(&back, json, &d) == 0, "%s\n%s", d.msg, json);
    ck_assert(argon_domain_config_equal(&c, &back));
    again = argon_domain_config_to_json(&back);
    ck_assert_str_eq(json, again);
    ck_assert_msg(argon_domain_config_validate(&back, &d) == 0, "%s", d.msg);
    free(json);
    free(again);
    argon_domain_config_dispose(&back);
    argon_domain_config_dispose(&c);
}
END_TEST

START_TEST(nested_struct_round_trip)
{
    struct argon_domain_info info, back;
    struct argon_diag d;
    char *json;

    argon_domain_info_init(&info);
    info.domid = 7;
    info.state = ARGON_DOMAIN_STATE_PAUSED;
    info.cpu_time_ns = UINT64_MAX;      /* beyond long long: must survive */
    full_config(&info.config);
    json = argon_domain_info_to_json(&info);
    argon_diag_init(&d);
    ck_assert_msg(argon_domain_info_from_json(&back, json, &d) == 0, "%s", d.msg);
    ck_assert(argon_domain_info_equal(&info, &back));
    ck_assert_uint_eq(back.cpu_time_ns, UINT64_MAX);
    ck_assert_ptr_nonnull(strstr(json, "\"state\": \"paused\""));
    free(json);
    argon_domain_info_dispose(&back);
    argon_domain_info_dispose(&info);
}
END_TEST

START_TEST(copy_equal_dispose)
{
    struct argon_domain_config a, b;

    full_config(&a);
    ck_assert_int_eq(argon_domain_config_copy(&b, &a), 0);
    ck_assert(argon_domain_config_equal(&a, &b));
    ck_assert_ptr_ne(a.name, b.name);
    ck_assert_ptr_ne(a.pci, b.pci);
    /* each kind of difference is seen */
    b.pci[1].func = 4;
    ck_assert(!argon_domain_config_equal(&a, &b));
    b.pci[1].func = a.pci[1].func;
    b.uuid.bytes[15] ^= 1;
    ck_assert(!argon_domain_config_equal(&a, &b));
    b.uuid = a.uuid;
    free(b.extra);
    b.extra = NULL;
    ck_assert(!argon_domain_config_equal(&a, &b));
    b.extra = strdup(a.extra);
    b.num_pci = 1;
    ck_assert(!argon_domain_config_equal(&a, &b));
    b.num_pci = 2;
    ck_assert(argon_domain_config_equal(&a, &b));
    argon_domain_config_dispose(&b);
    /* dispose leaves an initialised object: disposing again is safe */
    argon_domain_config_dispose(&b);
    ck_assert_ptr_null(b.name);
    ck_assert_uint_eq(b.vcpus, 1);
    argon_domain_config_dispose(&a);
}
END_TEST

START_TEST(null_strings_omitted_and_accepted)
{
    struct argon_domain_config c;
    struct argon_diag d;
    char *json;

    argon_domain_config_init(&c);
    json = argon_domain_config_to_json(&c);
    ck_assert_ptr_null(strstr(json, "\"name\""));
    free(json);
    argon_diag_init(&d);
    ck_assert_int_eq(argon_domain_config_from_json(&c, "{\"name\": null, \"pci\": []}", &d), 0);
    ck_assert_ptr_null(c.name);
    ck_assert_uint_eq(c.num_pci, 0);
    argon_domain_config_dispose(&c);
}
END_TEST

static const struct {
    const char *json, *msg;
} errors[] = {
    { "not json", "invalid JSON: lexical error: invalid string in json text." },
    { "{\"name\": \"x\"", "invalid JSON: parse error: premature EOF" },
    { "[]", "the top level: expected an object" },
    { "{\"bogus\": 1}", "the top level: unknown key 'bogus'" },
    { "{\"name\": 5}", "name: expected a string" },
    { "{\"memory\": \"512\"}", "memory: expected an integer" },
    { "{\"memory\": -1}", "memory: expected an integer from 0 to 18446744073709551615, got -1" },
    { "{\"memory\": 1.5}", "memory: expected an integer from 0 to 18446744073709551615, got 1.5" },
    { "{\"memory\": 18446744073709551616}",
      "memory: expected an integer from 0 to 18446744073709551615, got 18446744073709551616" },
    { "{\"vcpus\": 4294967296}", "vcpus: expected an integer from 0 to 4294967295, got 4294967296" },
    { "{\"on_crash\": \"x\"}", "on_crash: 'x' is not one of destroy, restart, preserve, "
      "rename-restart, coredump-destroy, coredump-restart" },
    { "{\"type\": 0}", "type: expected a string (one of pv)" },
    { "{\"uuid\": \"0011\"}", "uuid: expected a UUID string (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)" },
    { "{\"pci\": {}}", "pci: expected an array" },
    { "{\"pci\": [1]}", "pci[0]: expected an object" },
    { "{\"pci\": [{}, {\"func\": 300}]}", "pci[1].func: expected an integer from 0 to 255, got 300" },
    { "{\"pci\": [{\"permissive\": 1}]}", "pci[0].permissive: expected true or false" },
    { "{\"pci\": [{\"dev\": 1, \"x\": 2}]}", "pci[0]: unknown key 'x'" },
    { "{\"name\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]"
      "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
      "JSON nested deeper than 64 levels" },
};

START_TEST(json_errors)
{
    struct argon_domain_config c;
    struct argon_diag d;

    argon_diag_init(&d);
    ck_assert_int_eq(argon_domain_config_from_json(&c, errors[_i].json, &d), -1);
    ck_assert_str_eq(d.msg, errors[_i].msg);
    /* a failed parse leaves a disposed, initialised object */
    ck_assert_ptr_null(c.name);
    ck_assert_ptr_null(c.pci);
}
END_TEST

START_TEST(generated_range_check)
{
    struct argon_domain_config c;
    struct argon_diag d;

    full_config(&c);
    c.pci[1].func = 9;
    argon_diag_init(&d);
    ck_assert_int_eq(argon_domain_config_check(&c, "", &d), -1);
    ck_assert_str_eq(d.msg, "pci[1].func must be between 0 and 7, got 9");
    ck_assert_str_eq(d.field, "pci[1].func");
    c.pci[1].func = 0;
    c.vcpus = 0;
    argon_diag_init(&d);
    ck_assert_int_eq(argon_domain_config_validate(&c, &d), -1);
    ck_assert_str_eq(d.msg, "vcpus must be between 1 and 128, got 0");
    argon_domain_config_dispose(&c);
}
END_TEST

START_TEST(field_table)
{
    const struct argon_field_desc *f = argon_field_find(argon_domain_config_fields, "vcpus");

    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(f->kind, ARGON_FIELD_UINT);
    ck_assert(f->has_range && f->min == 1 && f->max == 128);
    f = argon_field_find(argon_domain_config_fields, "memory");
    ck_assert_str_eq(f->unit, "MiB");
    f = argon_field_find(argon_domain_config_fields, "on_crash");
    ck_assert_int_eq(f->kind, ARGON_FIELD_ENUM);
    ck_assert_ptr_null(argon_field_find(argon_domain_config_fields, "nonesuch"));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("light-json");
    TCase *tc = tcase_create("json");

    tcase_add_test(tc, config_round_trip);
    tcase_add_test(tc, nested_struct_round_trip);
    tcase_add_test(tc, copy_equal_dispose);
    tcase_add_test(tc, null_strings_omitted_and_accepted);
    tcase_add_loop_test(tc, json_errors, 0, sizeof(errors) / sizeof(errors[0]));
    tcase_add_test(tc, generated_range_check);
    tcase_add_test(tc, field_table);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
