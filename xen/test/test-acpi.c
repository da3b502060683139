/*
 * ACPI table discovery and the \_S5 sleep-type scan, over a fake firmware
 * memory the test lays out itself.
 */
#include <stdint.h>
#include <string.h>

#include <xen/acpi.h>
#include <xen/acpi-fadt.h>
#include <xen/errno.h>

#include "hostenv.h"

#define FW_BASE 0x7ffe0000UL
static _Alignas(16) uint8_t fw[0x4000];

const void *acpi_map(paddr_t addr, size_t len)
{
    if ( addr < FW_BASE || addr + len > FW_BASE + sizeof(fw) )
        return NULL;
    return fw + (addr - FW_BASE);
}

static void fix_checksum(struct acpi_table_header *t)
{
    t->checksum = 0;
    t->checksum = (uint8_t)(0x100 - acpi_checksum(t, t->length));
}

static struct acpi_table_header *put_table(unsigned int off, const char *sig,
                                           uint32_t length, const void *body)
{
    struct acpi_table_header *t = (void *)(fw + off);

    memset(t, 0, sizeof(*t));
    memcpy(t->signature, sig, 4);
    t->length = length;
    t->revision = 1;
    memcpy(t->oem_id, "ARGON ", 6);
    if ( body )
        memcpy(t + 1, body, length - sizeof(*t));
    fix_checksum(t);
    return t;
}

/* The AML of QEMU's Name (_S5, Package (0x04) { Zero, Zero, Zero, Zero }). */
static const uint8_t s5_zero[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x04,
                                   0x00, 0x00, 0x00, 0x00 };
/* Name (\_S5, Package (0x02) { 0x05, 0x05 }) with a byte prefix. */
static const uint8_t s5_byte[] = { 0x08, '\\', '_', 'S', '5', '_', 0x12, 0x07,
                                   0x02, 0x0a, 0x05, 0x0a, 0x05 };

static uint8_t rsdp[36];

/* RSDP (v2) -> XSDT -> {FACP, APIC}; FACP -> DSDT with the given AML. */
static void build_firmware(const uint8_t *aml, size_t aml_len)
{
    uint8_t fadt_body[244 - 36] = { 0 };
    uint64_t xsdt_body[2] = { FW_BASE + 0x200, FW_BASE + 0x400 };
    uint64_t dsdt_addr = FW_BASE + 0x800;
    struct acpi_rsdp *r = (void *)rsdp;

    memset(fw, 0, sizeof(fw));
    memcpy(fadt_body + FADT_X_DSDT - 36, &dsdt_addr, 8);
    put_table(0x200, "FACP", 244, fadt_body);
    put_table(0x400, "APIC", 44, NULL);
    put_table(0x800, "DSDT", 36 + aml_len, aml);
    put_table(0x100, "XSDT", 36 + sizeof(xsdt_body), xsdt_body);

    memset(r, 0, sizeof(*r));
    memcpy(r->signature, "RSD PTR ", 8);
    r->revision = 2;
    r->length = sizeof(*r);
    r->xsdt_address = FW_BASE + 0x100;
    r->checksum = (uint8_t)(0x100 - acpi_checksum(r, 20));
    r->extended_checksum = (uint8_t)(0x100 - acpi_checksum(r, sizeof(*r)));
}

START_TEST(finds_tables_through_xsdt_and_fadt)
{
    build_firmware(s5_zero, sizeof(s5_zero));
    ck_assert_int_eq(acpi_tables_init(rsdp, sizeof(rsdp)), 0);
    ck_assert_uint_eq(acpi_nr_tables(), 3);
    ck_assert_ptr_nonnull(acpi_find_table("FACP", 0));
    ck_assert_ptr_nonnull(acpi_find_table("APIC", 0));
    ck_assert_ptr_nonnull(acpi_find_table("DSDT", 0));
    ck_assert_ptr_null(acpi_find_table("APIC", 1));
    ck_assert_ptr_null(acpi_find_table("MCFG", 0));
    ck_assert_uint_eq(acpi_table_address(1), FW_BASE + 0x400);
}
END_TEST

START_TEST(bad_table_checksum_is_skipped)
{
    build_firmware(s5_zero, sizeof(s5_zero));
    fw[0x400 + 40] ^= 0xff;                     /* corrupt the APIC table */
    hostenv_reset();
    ck_assert_int_eq(acpi_tables_init(rsdp, sizeof(rsdp)), 0);
    ck_assert_ptr_null(acpi_find_table("APIC", 0));
    ck_assert_ptr_nonnull(acpi_find_table("FACP", 0));
    ck_assert_ptr_nonnull(strstr(hostenv_log(), "APIC"));
    ck_assert_ptr_nonnull(strstr(hostenv_log(), "bad checksum"));
}
END_TEST

START_TEST(bad_rsdp_is_refused)
{
    build_firmware(s5_zero, sizeof(s5_zero));
    rsdp[0] = 'X';
    ck_assert_int_eq(acpi_tables_init(rsdp, sizeof(rsdp)), -ENOENT);

    build_firmware(s5_zero, sizeof(s5_zero));
    rsdp[8] ^= 1;                               /* checksum byte */
    ck_assert_int_eq(acpi_tables_init(rsdp, sizeof(rsdp)), -EINVAL);
    ck_assert_int_eq(acpi_tables_init(NULL, 0), -ENOENT);
}
END_TEST

START_TEST(unreachable_xsdt_is_refused)
{
    struct acpi_rsdp *r = (void *)rsdp;

    build_firmware(s5_zero, sizeof(s5_zero));
    r->xsdt_address = 0x1000;                   /* outside what acpi_map reaches */
    r->extended_checksum = 0;
    r->extended_checksum = (uint8_t)(0x100 - acpi_checksum(r, sizeof(*r)));
    ck_assert_int_eq(acpi_tables_init(rsdp, sizeof(rsdp)), -EINVAL);
}
END_TEST

START_TEST(sleep_type_zero_op)
{
    build_firmware(s5_zero, sizeof(s5_zero));
    ck_assert_int_eq(acpi_tables_init(rsdp, sizeof(rsdp)), 0);
    ck_assert_int_eq(acpi_find_sleep_type(acpi_find_table("DSDT", 0), 5), 0);
    ck_assert_int_eq(acpi_find_sleep_type(acpi_find_table("DSDT", 0), 3), -ENOENT);
}
END_TEST

START_TEST(sleep_type_byte_prefix_and_root)
{
    build_firmware(s5_byte, sizeof(s5_byte));
    ck_assert_int_eq(acpi_tables_init(rsdp, sizeof(rsdp)), 0);
    ck_assert_int_eq(acpi_find_sleep_type(acpi_find_table("DSDT", 0), 5), 5);
}
END_TEST

START_TEST(sleep_type_truncated_aml)
{
    /* The package is cut off right after its opcode. */
    build_firmware(s5_zero, 6);
    ck_assert_int_eq(acpi_tables_init(rsdp, sizeof(rsdp)), 0);
    ck_assert_int_lt(acpi_find_sleep_type(acpi_find_table("DSDT", 0), 5), 0);
    ck_assert_int_eq(acpi_find_sleep_type(NULL, 5), -EINVAL);
    ck_assert_int_eq(acpi_find_sleep_type(acpi_find_table("DSDT", 0), 9), -EINVAL);
}
END_TEST

START_TEST(sleep_type_name_without_name_op_is_ignored)
{
    /* "_S5_" appearing as data, not as Name(_S5_, ...). */
    static const uint8_t aml[] = { 0x0d, '_', 'S', '5', '_', 0x12, 0x06, 0x04,
                                   0x0a, 0x03 };

    build_firmware(aml, sizeof(aml));
    ck_assert_int_eq(acpi_tables_init(rsdp, sizeof(rsdp)), 0);
    ck_assert_int_eq(acpi_find_sleep_type(acpi_find_table("DSDT", 0), 5), -ENOENT);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("acpi");
    TCase *tc = tcase_create("tables");

    tcase_add_test(tc, finds_tables_through_xsdt_and_fadt);
    tcase_add_test(tc, bad_table_checksum_is_skipped);
    tcase_add_test(tc, bad_rsdp_is_refused);
    tcase_add_test(tc, unreachable_xsdt_is_refused);
    tcase_add_test(tc, sleep_type_zero_op);
    tcase_add_test(tc, sleep_type_byte_prefix_and_root);
    tcase_add_test(tc, sleep_type_truncated_aml);
    tcase_add_test(tc, sleep_type_name_without_name_op_is_ignored);
    suite_add_tcase(s, tc);
    return hostenv_run_suite(s);
}
