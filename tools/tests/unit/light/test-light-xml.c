/*
 * test-light-xml.c - libvirt domain XML import and export: a full document,
 * both round trips, memory units, and errors that name the element.
 */
#include <stdio.h>

#include "light_test.h"

static const char sample[] =
    "<domain type='xen'>\n"
    "  <name>xml-guest</name>\n"
    "  <uuid>4dea22b3-1d52-d8f3-2516-782e98ab3fa0</uuid>\n"
    "  <description>ignored</description>\n"
    "  <memory unit='GiB'>2</memory>\n"
    "  <currentMemory unit='MiB'>1024</currentMemory>\n"
    "  <vcpu placement='static' current='2'>4</vcpu>\n"
    "  <os><type arch='x86_64'>linux</type><kernel>/boot/vmlinuz</kernel>\n"
    "      <initrd>/boot/initrd</initrd><cmdline>root=/dev/xvda ro</cmdline></os>\n"
    "  <on_poweroff>destroy</on_poweroff><on_reboot>restart</on_reboot>\n"
    "  <on_crash>preserve</on_crash>\n"
    "  <devices>\n"
    "    <console type='pty'/>\n"
    "    <hostdev mode='subsystem' type='pci' managed='yes'>\n"
    "      <source><address domain='0x0000' bus='0x00' slot='0x05' function='0x0'/></source>\n"
    "    </hostdev>\n"
    "    <hostdev mode='subsystem' type='pci' managed='no'>\n"
    "      <source writeFiltering='no'><address bus='3' slot='0x1f' function='7'/></source>\n"
    "    </hostdev>\n"
    "  </devices>\n"
    "</domain>\n";

static int from_xml(const char *text, struct argon_domain_config *c, struct argon_diag *d)
{
    argon_diag_init(d);
    return argon_config_from_xml(text, strlen(text), c, d);
}

START_TEST(import)
{
    struct argon_domain_config c;
    struct argon_diag d;
    struct warnings w = { "", 0 };
    char uuid[ARGON_UUID_STRLEN + 1];

    argon_diag_init(&d);
    d.warn = collect_warning;
    d.opaque = &w;
    ck_assert_msg(argon_config_from_xml(sample, strlen(sample), &c, &d) == 0, "%s", d.msg);
    ck_assert_str_eq(c.name, "xml-guest");
    argon_uuid_format(&c.uuid, uuid);
    ck_assert_str_eq(uuid, "4dea22b3-1d52-d8f3-2516-782e98ab3fa0");
    ck_assert_uint_eq(c.maxmem, 2048);
    ck_assert_uint_eq(c.memory, 1024);
    ck_assert_uint_eq(c.vcpus, 2);
    ck_assert_uint_eq(c.maxvcpus, 4);
    ck_assert_str_eq(c.kernel, "/boot/vmlinuz");
    ck_assert_str_eq(c.ramdisk, "/boot/initrd");
    ck_assert_str_eq(c.cmdline, "root=/dev/xvda ro");
    ck_assert_int_eq(c.on_crash, ARGON_SHUTDOWN_ACTION_PRESERVE);
    ck_assert_uint_eq(c.num_pci, 2);
    ck_assert(c.pci[0].seize && !c.pci[0].permissive);
    ck_assert_uint_eq(c.pci[0].dev, 5);
    ck_assert(!c.pci[1].seize && c.pci[1].permissive);
    ck_assert_uint_eq(c.pci[1].bus, 3);
    ck_assert_uint_eq(c.pci[1].dev, 0x1f);
    ck_assert_uint_eq(c.pci[1].func, 7);
    ck_assert_str_eq(w.text, "<description> is not used by Argon; ignored\n"
                             "<devices><console> is not supported yet; ignored\n");
    argon_domain_config_dispose(&c);
}
END_TEST

START_TEST(xml_round_trip)
{
    struct argon_domain_config a, b;
    struct argon_diag d;
    char *x1, *x2;

    ck_assert_int_eq(from_xml(sample, &a, &d), 0);
    x1 = argon_config_to_xml(&a, &d);
    ck_assert_ptr_nonnull(x1);
    ck_assert_msg(from_xml(x1, &b, &d) == 0, "%s\n%s", d.msg, x1);
    ck_assert(argon_domain_config_equal(&a, &b));
    x2 = argon_config_to_xml(&b, &d);
    ck_assert_str_eq(x1, x2);
    ck_assert_ptr_nonnull(strstr(x1, "<memory unit=\"KiB\">2097152</memory>"));
    ck_assert_ptr_nonnull(strstr(x1, "<address domain=\"0x0000\" bus=\"0x03\" slot=\"0x1f\" "
                                     "function=\"0x7\"/>"));
    free(x1);
    free(x2);
    argon_domain_config_dispose(&a);
    argon_domain_config_dispose(&b);
}
END_TEST

START_TEST(config_round_trip_and_warning)
{
    struct argon_domain_config a, b;
    struct argon_diag d;
    struct warnings w = { "", 0 };
    char *xml;

    ck_assert_int_eq(parse_cfg("name = \"c\"\nkernel = \"/k\"\nmemory = 300\nvcpus = 3\n"
                               "cmdline = \"a <b> & 'c'\"\n"
                               "pci = [ \"1:02:03.4,permissive=1,seize=1\" ]\n", &a, &d), 0);
    xml = argon_config_to_xml(&a, &d);
    ck_assert_msg(from_xml(xml, &b, &d) == 0, "%s\n%s", d.msg, xml);
    ck_assert_msg(argon_domain_config_equal(&a, &b), "%s", xml);
    free(xml);
    argon_domain_config_dispose(&b);

    /* what XML cannot say is warned about */
    a.pci[0].msitranslate = true;
    argon_diag_init(&d);
    d.warn = collect_warning;
    d.opaque = &w;
    xml = argon_config_to_xml(&a, &d);
    ck_assert_str_eq(w.text, "PCI device 0001:02:03.4: msitranslate and rdm_policy have no "
                             "libvirt XML form and are left out\n");
    free(xml);
    /* nor control characters */
    a.extra = strdup("x\001");
    free(a.cmdline);
    a.cmdline = NULL;
    argon_diag_init(&d);
    ck_assert_ptr_null(argon_config_to_xml(&a, &d));
    ck_assert_str_eq(d.msg, "a string of the config holds control characters that XML "
                            "cannot carry");
    argon_domain_config_dispose(&a);
}
END_TEST

#define DOM(body) "<domain type='xen'><name>g</name><os><kernel>/k</kernel></os>" body "</domain>"

static const struct {
    const char *body;
    uint64_t memory, maxmem;
} good_units[] = {
    { DOM("<memory>524288</memory>"), 512, 512 },
    { DOM("<memory unit='KiB'>524288</memory>"), 512, 512 },
    { DOM("<memory unit='k'>1024</memory>"), 1, 1 },
    { DOM("<memory unit='MiB'>64</memory><currentMemory unit='M'>32</currentMemory>"), 32, 64 },
    { DOM("<memory unit='GiB'> 1 </memory>"), 1024, 1024 },
    { DOM("<memory unit='G'>2</memory>"), 2048, 2048 },
    { DOM("<memory unit='b'>1048576</memory>"), 1, 1 },
    { DOM("<memory unit='bytes'>0x100000</memory>"), 1, 1 },
    { DOM("<memory unit='MB'>1048576</memory>"), 1000000, 1000000 },
    { DOM("<memory unit='TiB'>1</memory>"), 1048576, 1048576 },
    { DOM(""), ARGON_DEFAULT_MEMORY_MIB, ARGON_DEFAULT_MEMORY_MIB },
};

START_TEST(memory_units)
{
    struct argon_domain_config c;
    struct argon_diag d;

    ck_assert_msg(from_xml(good_units[_i].body, &c, &d) == 0, "%s", d.msg);
    ck_assert_uint_eq(c.memory, good_units[_i].memory);
    ck_assert_uint_eq(c.maxmem, good_units[_i].maxmem);
    argon_domain_config_dispose(&c);
}
END_TEST

static const struct {
    const char *xml, *msg;
} errors[] = {
    { "", "invalid XML: cannot parse" },
    { "<domain type='xen'>", "invalid XML: line 1: Premature end of data in tag domain line 1" },
    { "<domain type='xen'><name>a</nom></domain>",
      "invalid XML: line 1: Opening and ending tag mismatch: name line 1 and nom" },
    { "<guest/>", "<guest>: the root element must be <domain>" },
    { "<domain type='kvm'/>", "<domain type='kvm'>: only type='xen' is supported" },
    { "<domain/>", "<domain type=''>: only type='xen' is supported" },
    { DOM("<memory unit='XiB'>1</memory>"), "<memory>: unknown unit 'XiB' (use KiB, MiB or GiB)" },
    { DOM("<memory unit='kib'>1</memory>"), "<memory>: unknown unit 'kib' (use KiB, MiB or GiB)" },
    { DOM("<memory>1000</memory>"), "<memory>: 1000 KiB is not a whole number of MiB" },
    { DOM("<memory unit='KB'>1024</memory>"), "<memory>: 1024 KB is not a whole number of MiB" },
    { DOM("<memory>lots</memory>"), "<memory>: expected a whole number, not 'lots'" },
    { DOM("<memory>-1024</memory>"), "<memory>: expected a whole number, not '-1024'" },
    { DOM("<currentMemory>0</currentMemory>"), "<currentMemory>: must be greater than 0" },
    { DOM("<memory unit='TiB'>20000000</memory>"), "<memory>: 20000000 TiB is too large" },
    { DOM("<memory unit='TiB'>17</memory>"),
      "<currentMemory>: memory must be between 1 and 16777216 MiB, got 17825792" },
    { DOM("<memory unit='MiB'>64</memory><currentMemory unit='MiB'>128</currentMemory>"),
      "<memory>: maxmem (64 MiB) must not be less than memory (128 MiB)" },
    { DOM("<vcpu>0</vcpu>"), "<vcpu>: expected a number of virtual CPUs, not '0'" },
    { DOM("<vcpu>200</vcpu>"), "<vcpu current=...>: vcpus must be between 1 and 128, got 200" },
    { DOM("<vcpu current='4'>2</vcpu>"), "<vcpu>: maxvcpus (2) must not be less than vcpus (4)" },
    { DOM("<vcpu current='x'>2</vcpu>"), "<vcpu current='x'>: expected a number of virtual CPUs" },
    { DOM("<name>h</name>"), "<name> appears more than once" },
    { "<domain type='xen'><os><kernel>/k</kernel></os></domain>", "<name>: name is required" },
    { "<domain type='xen'><name>g</name></domain>",
      "<os><kernel>: kernel is required for a PV guest" },
    { DOM("<uuid>nope</uuid>"),
      "<uuid>: 'nope' is not a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)" },
    { "<domain type='xen'><name>g</name><os><type>hvm</type><kernel>/k</kernel></os></domain>",
      "<os><type>: 'hvm' is not supported; Argon runs PV guests (<type>linux</type>)" },
    { DOM("<on_crash>explode</on_crash>"), "<on_crash>: 'explode' is not one of destroy, "
      "restart, preserve, rename-restart, coredump-destroy, coredump-restart" },
    { DOM("<devices><hostdev mode='subsystem' type='usb'/></devices>"),
      "<hostdev>: only mode='subsystem' type='pci' is supported" },
    { DOM("<devices><hostdev mode='subsystem' type='pci'/></devices>"),
      "<hostdev>: missing <source><address .../></source>" },
    { DOM("<devices><hostdev mode='subsystem' type='pci'><source><address bus='0' "
          "function='0'/></source></hostdev></devices>"),
      "<hostdev><source><address>: missing slot=" },
    { DOM("<devices><hostdev mode='subsystem' type='pci'><source><address bus='0' slot='0x20' "
          "function='0'/></source></hostdev></devices>"),
      "<hostdev><source><address>: slot='0x20' is not a number from 0 to 0x1f" },
    { DOM("<devices><hostdev mode='subsystem' type='pci'><source><address bus='0' slot='1' "
          "function='8'/></source></hostdev></devices>"),
      "<hostdev><source><address>: function='8' is not a number from 0 to 0x7" },
    { DOM("<devices><hostdev mode='subsystem' type='pci' managed='maybe'/></devices>"),
      "<hostdev managed='maybe'>: expected yes or no" },
    { DOM("<devices><hostdev mode='subsystem' type='pci'><source><address bus='0' slot='1' "
          "function='0'/></source></hostdev><hostdev mode='subsystem' type='pci'><source>"
          "<address bus='0' slot='1' function='0'/></source></hostdev></devices>"),
      "<hostdev>: PCI device 0000:00:01.0 is listed twice" },
};

START_TEST(xml_errors)
{
    struct argon_domain_config c;
    struct argon_diag d;

    ck_assert_int_eq(from_xml(errors[_i].xml, &c, &d), -1);
    ck_assert_str_eq(d.msg, errors[_i].msg);
    ck_assert_ptr_null(c.name);
}
END_TEST

/* External entities are never loaded. */
START_TEST(no_external_entities)
{
    static const char xxe[] =
        "<?xml version='1.0'?>\n"
        "<!DOCTYPE domain [ <!ENTITY x SYSTEM 'file:///etc/passwd'> ]>\n"
        "<domain type='xen'><name>g&x;</name><os><kernel>/k</kernel></os></domain>\n";
    struct argon_domain_config c;
    struct argon_diag d;

    if ( from_xml(xxe, &c, &d) == 0 )
    {
        ck_assert_ptr_null(strstr(c.name, "root"));
        argon_domain_config_dispose(&c);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("light-xml");
    TCase *tc = tcase_create("xml");

    tcase_add_test(tc, import);
    tcase_add_test(tc, xml_round_trip);
    tcase_add_test(tc, config_round_trip_and_warning);
    tcase_add_loop_test(tc, memory_units, 0, sizeof(good_units) / sizeof(good_units[0]));
    tcase_add_loop_test(tc, xml_errors, 0, sizeof(errors) / sizeof(errors[0]));
    tcase_add_test(tc, no_external_entities);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
