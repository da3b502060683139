/*
 * test-light-cfg.c - the xl.cfg reader and writer: good configs, defaults,
 * every syntax and mapping error with its exact FILE:LINE:COLUMN message,
 * warnings, overrides, the writer's round trip, and arbitrary bytes.
 */
#include <stdio.h>

#include "light_test.h"

#define HEAD "name = \"g\"\nkernel = \"/k\"\n"     /* lines 1-2 of a valid config */

START_TEST(good_config)
{
    static const char text[] =
        "# a guest\n"
        "name = \"web1\"  # trailing comment\n"
        "uuid = '6B7C2C1E-0E7A-4B8B-9D0F-1A2B3C4D5E6F'\n"
        "type = \"pv\"\n"
        "kernel = \"/boot/vmlinuz\"; ramdisk = '/boot/initrd'\n"
        "cmdline = \"console=hvc0 a=\\\"b\\\"\\t\\x41\\101\"\n"
        "memory = 0x200\r\n"
        "maxmem = 1024\n"
        "vcpus = 2\n"
        "maxvcpus = 4\n"
        "on_poweroff = \"preserve\"\n"
        "on_reboot = \"rename-restart\"\n"
        "on_crash = \"coredump-destroy\"\n"
        "pci_msitranslate = 1\n"
        "pci = [\n"
        "    \"0000:00:05.0,permissive=1\",   # first\n"
        "\n"
        "    '01:00.1,seize=1,rdm_policy=relaxed,msitranslate=0',\n"
        "]\n";
    struct argon_domain_config c;
    struct argon_diag d;
    char uuid[ARGON_UUID_STRLEN + 1];

    ck_assert_msg(parse_cfg(text, &c, &d) == 0, "%s", d.msg);
    ck_assert_str_eq(c.name, "web1");
    argon_uuid_format(&c.uuid, uuid);
    ck_assert_str_eq(uuid, "6b7c2c1e-0e7a-4b8b-9d0f-1a2b3c4d5e6f");
    ck_assert_int_eq(c.type, ARGON_DOMAIN_TYPE_PV);
    ck_assert_str_eq(c.kernel, "/boot/vmlinuz");
    ck_assert_str_eq(c.ramdisk, "/boot/initrd");
    ck_assert_str_eq(c.cmdline, "console=hvc0 a=\"b\"\tAA");
    ck_assert_uint_eq(c.memory, 512);
    ck_assert_uint_eq(c.maxmem, 1024);
    ck_assert_uint_eq(c.vcpus, 2);
    ck_assert_uint_eq(c.maxvcpus, 4);
    ck_assert_int_eq(c.on_poweroff, ARGON_SHUTDOWN_ACTION_PRESERVE);
    ck_assert_int_eq(c.on_reboot, ARGON_SHUTDOWN_ACTION_RENAME_RESTART);
    ck_assert_int_eq(c.on_crash, ARGON_SHUTDOWN_ACTION_COREDUMP_DESTROY);
    ck_assert_uint_eq(c.num_pci, 2);
    ck_assert_uint_eq(c.pci[0].dev, 5);
    ck_assert(c.pci[0].permissive && c.pci[0].msitranslate && !c.pci[0].seize);
    ck_assert_uint_eq(c.pci[1].bus, 1);
    ck_assert_uint_eq(c.pci[1].func, 1);
    ck_assert(c.pci[1].seize && !c.pci[1].msitranslate && !c.pci[1].permissive);
    ck_assert_int_eq(c.pci[1].rdm_policy, ARGON_RDM_POLICY_RELAXED);
    argon_domain_config_dispose(&c);
}
END_TEST

START_TEST(defaults)
{
    struct argon_domain_config c;
    struct argon_diag d;
    char *cmdline;

    ck_assert_msg(parse_cfg(HEAD "root = \"/dev/xvda1\"\nextra = \"quiet\"\n", &c, &d) == 0,
                  "%s", d.msg);
    ck_assert_uint_eq(c.memory, ARGON_DEFAULT_MEMORY_MIB);
    ck_assert_uint_eq(c.maxmem, ARGON_DEFAULT_MEMORY_MIB);
    ck_assert_uint_eq(c.vcpus, 1);
    ck_assert_uint_eq(c.maxvcpus, 1);
    ck_assert_int_eq(c.on_poweroff, ARGON_SHUTDOWN_ACTION_DESTROY);
    ck_assert_int_eq(c.on_reboot, ARGON_SHUTDOWN_ACTION_RESTART);
    ck_assert_int_eq(c.on_crash, ARGON_SHUTDOWN_ACTION_DESTROY);
    ck_assert(argon_uuid_is_nil(&c.uuid));
    ck_assert_ptr_null(c.cmdline);
    cmdline = argon_domain_config_cmdline(&c);
    ck_assert_str_eq(cmdline, "root=/dev/xvda1 quiet");
    free(cmdline);
    argon_domain_config_dispose(&c);
}
END_TEST

START_TEST(last_setting_wins_and_overrides)
{
    struct argon_cfg *cfg = argon_cfg_new();
    struct argon_domain_config c;
    struct argon_diag d;
    const char *text = HEAD "memory = 256\nmemory = 384\n";

    argon_diag_init(&d);
    ck_assert_int_eq(argon_cfg_parse(cfg, "t.cfg", text, strlen(text), &d), 0);
    ck_assert_int_eq(argon_cfg_parse(cfg, "override 1", "vcpus=3", 7, &d), 0);
    ck_assert_int_eq(argon_cfg_parse(cfg, "override 2", "memory=1024", 11, &d), 0);
    ck_assert_uint_eq(cfg->nr_settings, 6);
    ck_assert_msg(argon_cfg_to_config(cfg, &c, &d) == 0, "%s", d.msg);
    ck_assert_uint_eq(c.memory, 1024);
    ck_assert_uint_eq(c.vcpus, 3);
    argon_domain_config_dispose(&c);
    argon_cfg_free(cfg);
}
END_TEST

START_TEST(nested_lists_and_empty)
{
    struct argon_cfg *cfg = argon_cfg_new();
    struct argon_diag d;
    const char *text = "x = [ [1, 2], [], \"s\", ]\ny = []\n;;\n";

    argon_diag_init(&d);
    ck_assert_msg(argon_cfg_parse(cfg, "t.cfg", text, strlen(text), &d) == 0, "%s", d.msg);
    ck_assert_uint_eq(cfg->nr_settings, 2);
    ck_assert_int_eq(cfg->settings[0].value.kind, ARGON_CFG_LIST);
    ck_assert_uint_eq(cfg->settings[0].value.nr_items, 3);
    ck_assert_uint_eq(cfg->settings[0].value.items[0].nr_items, 2);
    ck_assert_uint_eq(cfg->settings[0].value.items[0].items[1].number, 2);
    ck_assert_str_eq(cfg->settings[0].value.items[2].string, "s");
    ck_assert_uint_eq(cfg->settings[1].line, 2);
    argon_cfg_free(cfg);
}
END_TEST

START_TEST(unknown_keys_warn)
{
    struct argon_domain_config c;
    struct argon_diag d;
    struct warnings w = { "", 0 };
    const char *text = HEAD "vif = [ 'bridge=br0' ]\n  disk = []\nbuilder = \"generic\"\n";

    argon_diag_init(&d);
    d.warn = collect_warning;
    d.opaque = &w;
    ck_assert_msg(argon_config_from_xlcfg("t.cfg", text, strlen(text), &c, &d) == 0, "%s", d.msg);
    ck_assert_str_eq(w.text,
                     "t.cfg:3:1: warning: unknown setting 'vif' ignored\n"
                     "t.cfg:4:3: warning: unknown setting 'disk' ignored\n"
                     "t.cfg:5:1: warning: builder is deprecated; write type = \"pv\"\n");
    argon_domain_config_dispose(&c);
}
END_TEST

/* Every error path, with the exact message. */
static const struct {
    const char *text, *msg;
} errors[] = {
    /* syntax */
    { "memory =\n", "t.cfg:1:9: expected a string or number after '='" },
    { "memory = ]\n", "t.cfg:1:10: expected a string or number after '='" },
    { "name = \"abc\n", "t.cfg:1:8: unterminated string (a string ends on the line it starts)" },
    { "name = 'abc", "t.cfg:1:8: unterminated string (a string ends on the line it starts)" },
    { "3 = 4\n", "t.cfg:1:1: expected a setting name (NAME = VALUE)" },
    { "\n  = 4\n", "t.cfg:2:3: expected a setting name (NAME = VALUE)" },
    { "name \"x\"\n", "t.cfg:1:6: expected '=' after 'name'" },
    { "name", "t.cfg:1:5: expected '=' after 'name'" },
    { "name = \"x\" \"y\"\n", "t.cfg:1:12: expected the end of the line after the value of 'name'" },
    { "pci = [ \"a\" \"b\" ]\n", "t.cfg:1:13: expected ',' or ']' after a list element" },
    { "pci = [ \"a\",\n", "t.cfg:2:1: unterminated list (the '[' at line 1, column 7 has no ']')" },
    { "pci = [ \"a\"\n\n", "t.cfg:3:1: unterminated list (the '[' at line 1, column 7 has no ']')" },
    { "pci = [ , ]\n", "t.cfg:1:9: expected a string, number or ']' in the list" },
    { "x = [[[[[[[[[1]]]]]]]]]\n", "t.cfg:1:13: lists nested more than 8 deep" },
    { "x = @\n", "t.cfg:1:5: unexpected '@'" },
    { "x = -1\n", "t.cfg:1:5: unexpected '-'" },
    { "x = \"a\\qb\"\n", "t.cfg:1:8: unknown escape '\\' followed by 'q'" },
    { "x = \"a\\x\"\n", "t.cfg:1:9: expected hex digits after '\\x'" },
    { "x = \"a\\0\"\n", "t.cfg:1:7: a string cannot hold a NUL character" },
    { "x = \"\\777\"\n", "t.cfg:1:10: octal escape is larger than \\377" },
    { "x = 12abc\n", "t.cfg:1:5: malformed number '12abc'" },
    { "x = 0x\n", "t.cfg:1:5: malformed number '0x'" },
    { "x = 18446744073709551616\n", "t.cfg:1:5: number '18446744073709551616' is too large" },
    { "x += 1\n", "t.cfg:1:3: '+=' is not supported; give the whole value with '='" },
    { "x = \x01\n", "t.cfg:1:5: unexpected byte 0x01" },
    /* types and ranges */
    { HEAD "memory = \"512\"\n", "t.cfg:3:10: memory: expected a number, not a string" },
    { HEAD "memory = [ 1 ]\n", "t.cfg:3:10: memory: expected a number, not a list" },
    { HEAD "memory = 0\n", "t.cfg:3:10: memory must be between 1 and 16777216 MiB, got 0" },
    { HEAD "memory = 16777217\n",
      "t.cfg:3:10: memory must be between 1 and 16777216 MiB, got 16777217" },
    { HEAD "vcpus = 0\n", "t.cfg:3:9: vcpus must be between 1 and 128, got 0" },
    { HEAD "vcpus = 129\n", "t.cfg:3:9: vcpus must be between 1 and 128, got 129" },
    { HEAD "maxvcpus = 4294967297\n",
      "t.cfg:3:12: maxvcpus must be between 1 and 128, got 4294967297" },
    { HEAD "kernel = 5\n", "t.cfg:3:10: kernel: expected a string, not a number" },
    { HEAD "extra = \"caf\xe9\"\n", "t.cfg:3:9: extra: the string is not valid UTF-8" },
    { HEAD "extra = \"\xc0\xaf\"\n", "t.cfg:3:9: extra: the string is not valid UTF-8" },
    { HEAD "on_crash = \"explode\"\n", "t.cfg:3:12: on_crash: 'explode' is not one of destroy, "
      "restart, preserve, rename-restart, coredump-destroy, coredump-restart" },
    { HEAD "on_reboot = 1\n", "t.cfg:3:13: on_reboot: expected a string (one of destroy, "
      "restart, preserve, rename-restart, coredump-destroy, coredump-restart), not a number" },
    { HEAD "type = \"hvm\"\n", "t.cfg:3:8: type: 'hvm' is not one of pv" },
    { HEAD "builder = \"hvm\"\n", "t.cfg:3:11: builder: only \"generic\" (a PV guest) is supported" },
    { HEAD "uuid = \"1234\"\n",
      "t.cfg:3:8: uuid: expected a UUID string (\"xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx\")" },
    { HEAD "pci = \"0000:00:05.0\"\n",
      "t.cfg:3:7: pci: expected a list of strings ([ \"DDDD:BB:DD.F\", ... ]), not a string" },
    { HEAD "pci = [ 5 ]\n", "t.cfg:3:9: pci: expected a string (\"DDDD:BB:DD.F\"), not a number" },
    { HEAD "pci = [ \"00:05.0\", \"0000:00:1f.8\" ]\n",
      "t.cfg:3:20: invalid PCI device '0000:00:1f.8': function must be 0-7" },
    { HEAD "pci = [ \"00:20.0\" ]\n",
      "t.cfg:3:9: invalid PCI device '00:20.0': device must be at most 1f" },
    { HEAD "pci = [ \"00:05.0,permissive=yes\" ]\n",
      "t.cfg:3:9: invalid PCI device '00:05.0,permissive=yes': permissive must be 0 or 1, "
      "not 'yes'" },
    { HEAD "pci_permissive = 2\n", "t.cfg:3:18: pci_permissive: expected 0 or 1" },
    /* rules between fields */
    { HEAD "maxmem = 64\n", "t.cfg:3:10: maxmem (64 MiB) must not be less than memory (128 MiB)" },
    { HEAD "vcpus = 4\nmaxvcpus = 2\n", "t.cfg:4:12: maxvcpus (2) must not be less than vcpus (4)" },
    { HEAD "pci = [ \"0:00:05.0\", '00:05.0' ]\n",
      "t.cfg:3:7: PCI device 0000:00:05.0 is listed twice" },
    { "kernel = \"/k\"\n", "t.cfg: name is required" },
    { "name = \"g\"\n", "t.cfg: kernel is required for a PV guest" },
    { "name = \"123\"\nkernel = \"/k\"\n",
      "t.cfg:1:8: name '123' is all digits and would be taken for a domain id" },
    { "name = \"a/b\"\nkernel = \"/k\"\n",
      "t.cfg:1:8: name may hold only letters, digits and - _ . + : @ (found '/')" },
};

START_TEST(error_messages)
{
    struct argon_domain_config c;
    struct argon_diag d;
    const char *text = errors[_i].text;
    size_t len = strlen(text);

    /* the NUL-byte case: a NUL inside the buffer must be an error, not the end */
    argon_diag_init(&d);
    ck_assert_int_eq(argon_config_from_xlcfg("t.cfg", text, len, &c, &d), -1);
    ck_assert_str_eq(d.msg, errors[_i].msg);
}
END_TEST

START_TEST(nul_byte_is_an_error)
{
    struct argon_domain_config c;
    struct argon_diag d;
    static const char text[] = HEAD "x = \0\n";

    argon_diag_init(&d);
    ck_assert_int_eq(argon_config_from_xlcfg("t.cfg", text, sizeof(text) - 1, &c, &d), -1);
    ck_assert_str_eq(d.msg, "t.cfg:3:5: unexpected byte 0x00");
}
END_TEST

START_TEST(writer_round_trip)
{
    struct argon_domain_config c, back;
    struct argon_diag d;
    char *text;

    argon_domain_config_init(&c);
    c.name = strdup("rt-1");
    c.kernel = strdup("/boot/k \"quoted\" \\ back");
    c.cmdline = strdup("a\tb\nc\x01");
    c.extra = strdup("'single'");
    c.memory = 300;
    c.maxmem = 600;
    c.vcpus = 3;
    c.maxvcpus = 8;
    c.on_crash = ARGON_SHUTDOWN_ACTION_PRESERVE;
    argon_uuid_parse("01234567-89ab-cdef-0123-456789abcdef", &c.uuid);
    c.num_pci = 2;
    c.pci = calloc(2, sizeof(*c.pci));
    argon_pci_dev_init(&c.pci[0]);
    argon_pci_dev_init(&c.pci[1]);
    c.pci[0].domain = 0x10;
    c.pci[0].bus = 0xab;
    c.pci[0].dev = 0x1f;
    c.pci[0].func = 7;
    c.pci[0].permissive = c.pci[0].msitranslate = c.pci[0].seize = true;
    c.pci[1].rdm_policy = ARGON_RDM_POLICY_RELAXED;

    text = argon_config_to_xlcfg(&c);
    ck_assert_ptr_nonnull(text);
    ck_assert_msg(parse_cfg(text, &back, &d) == 0, "%s\n%s", d.msg, text);
    ck_assert_msg(argon_domain_config_equal(&c, &back), "%s", text);
    free(text);
    argon_domain_config_dispose(&back);
    argon_domain_config_dispose(&c);
}
END_TEST

/* Arbitrary bytes and mutations of a good config: a verdict, never a crash. */
START_TEST(arbitrary_input_never_crashes)
{
    static const char seed[] = HEAD "memory = 512\npci = [ \"0000:00:05.0,permissive=1\" ]\n"
                               "cmdline = \"a\\x41\\n\"\n";
    char buf[sizeof(seed)];
    unsigned int x = 12345;

    for ( unsigned int iter = 0; iter < 20000; iter++ )
    {
        struct argon_domain_config c;
        struct argon_diag d;
        size_t len = sizeof(seed) - 1;

        memcpy(buf, seed, sizeof(seed));
        for ( unsigned int k = 0; k < 1 + iter % 4; k++ )
        {
            x = x * 1103515245u + 12345u;
            buf[(x >> 8) % len] = (char)(x >> 20);
        }
        x = x * 1103515245u + 12345u;
        len = (x >> 8) % (len + 1);
        argon_diag_init(&d);
        if ( argon_config_from_xlcfg("t.cfg", buf, len, &c, &d) == 0 )
            argon_domain_config_dispose(&c);
        else
            ck_assert_msg(!strncmp(d.msg, "t.cfg", 5), "unlocated error: %s", d.msg);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("light-cfg");
    TCase *tc = tcase_create("xlcfg");

    tcase_add_test(tc, good_config);
    tcase_add_test(tc, defaults);
    tcase_add_test(tc, last_setting_wins_and_overrides);
    tcase_add_test(tc, nested_lists_and_empty);
    tcase_add_test(tc, unknown_keys_warn);
    tcase_add_loop_test(tc, error_messages, 0, sizeof(errors) / sizeof(errors[0]));
    tcase_add_test(tc, nul_byte_is_an_error);
    tcase_add_test(tc, writer_round_trip);
    tcase_add_test(tc, arbitrary_input_never_crashes);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
