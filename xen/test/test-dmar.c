/*
 * DMAR parsing: units, device scopes, RMRRs, and malformed tables.
 */
#include <stdint.h>
#include <string.h>

#include <xen/acpi.h>
#include <xen/errno.h>

#include "../drivers/passthrough/vtd/dmar.h"
#include "hostenv.h"

static _Alignas(8) uint8_t table[1024];
static size_t len;

static void put16(size_t off, uint16_t v) { memcpy(table + off, &v, 2); }
static void put64(size_t off, uint64_t v) { memcpy(table + off, &v, 8); }

static void begin(uint8_t haw)
{
    memset(table, 0, sizeof(table));
    memcpy(table, "DMAR", 4);
    table[36] = haw - 1;
    table[37] = 1;                      /* INTR_REMAP */
    len = 48;
}

static size_t structure(uint16_t type, uint16_t fixed_len)
{
    size_t at = len;

    put16(at, type);
    put16(at + 2, fixed_len);
    len += fixed_len;
    return at;
}

/* Append a device scope to the structure that starts at 'owner'. */
static void scope(size_t owner, uint8_t type, uint8_t id, uint8_t bus,
                  const uint8_t (*path)[2], unsigned int hops)
{
    uint8_t slen = 6 + 2 * hops;

    table[len] = type;
    table[len + 1] = slen;
    table[len + 4] = id;
    table[len + 5] = bus;
    for ( unsigned int i = 0; i < hops; i++ )
    {
        table[len + 6 + 2 * i] = path[i][0];
        table[len + 7 + 2 * i] = path[i][1];
    }
    len += slen;
    put16(owner + 2, (uint16_t)(len - owner));
}

static int parse(struct dmar_info *info)
{
    struct acpi_table_header *h = (void *)table;

    h->length = len;
    return dmar_parse(h, info);
}

static struct dmar_info info;

/* QEMU q35 + intel-iommu: one unit, devices listed by scope, an IO-APIC. */
START_TEST(qemu_like_table)
{
    static const uint8_t edu[1][2] = { { 5, 0 } };
    static const uint8_t bridge_then_dev[2][2] = { { 28, 0 }, { 0, 0 } };
    size_t drhd, rmrr;

    begin(39);
    drhd = structure(0, 16);
    put16(drhd + 6, 0);
    put64(drhd + 8, 0xfed90000);
    scope(drhd, DMAR_SCOPE_PCI_ENDPOINT, 0, 0, edu, 1);
    scope(drhd, DMAR_SCOPE_PCI_SUBHIERARCHY, 0, 0, bridge_then_dev, 2);
    scope(drhd, DMAR_SCOPE_IOAPIC, 0, 0xff, edu, 1);
    rmrr = structure(1, 24);
    put64(rmrr + 8, 0xe0000);
    put64(rmrr + 16, 0xfffff);
    scope(rmrr, DMAR_SCOPE_PCI_ENDPOINT, 0, 0, edu, 1);
    structure(2, 8);                    /* ATSR */
    structure(0x7777, 12);              /* unknown type: skipped */

    ck_assert_int_eq(parse(&info), 0);
    ck_assert_uint_eq(info.host_address_width, 39);
    ck_assert_uint_eq(info.flags, 1);
    ck_assert_uint_eq(info.nr_units, 1);
    ck_assert_uint_eq(info.units[0].register_base, 0xfed90000);
    ck_assert(!info.units[0].include_all);
    ck_assert_uint_eq(info.units[0].nr_scopes, 3);
    ck_assert_int_eq(dmar_scope_simple_bdf(&info.units[0].scopes[0]), 0x28);
    ck_assert_int_eq(dmar_scope_simple_bdf(&info.units[0].scopes[1]), -ENODEV);
    ck_assert_uint_eq(info.units[0].scopes[1].path_len, 2);
    ck_assert_uint_eq(info.units[0].scopes[2].type, DMAR_SCOPE_IOAPIC);
    ck_assert_uint_eq(info.nr_rmrrs, 1);
    ck_assert_uint_eq(info.rmrrs[0].base, 0xe0000);
    ck_assert_uint_eq(info.rmrrs[0].limit, 0xfffff);
    ck_assert_uint_eq(info.rmrrs[0].nr_scopes, 1);
    ck_assert_uint_eq(info.nr_atsr, 1);
}
END_TEST

START_TEST(include_all_unit)
{
    size_t drhd;

    begin(48);
    drhd = structure(0, 16);
    table[drhd + 4] = 1;
    put64(drhd + 8, 0xfed91000);
    ck_assert_int_eq(parse(&info), 0);
    ck_assert(info.units[0].include_all);
    ck_assert_uint_eq(info.units[0].nr_scopes, 0);
    ck_assert_uint_eq(info.host_address_width, 48);
}
END_TEST

START_TEST(malformed_tables)
{
    static const uint8_t bad_dev[1][2] = { { 32, 0 } };
    size_t drhd;

    begin(39);                          /* structure longer than the table */
    drhd = structure(0, 16);
    put64(drhd + 8, 0xfed90000);
    put16(drhd + 2, 400);
    ck_assert_int_eq(parse(&info), -EINVAL);

    begin(39);                          /* unaligned register base */
    drhd = structure(0, 16);
    put64(drhd + 8, 0xfed90010);
    ck_assert_int_eq(parse(&info), -EINVAL);

    begin(39);                          /* device number out of range */
    drhd = structure(0, 16);
    put64(drhd + 8, 0xfed90000);
    scope(drhd, DMAR_SCOPE_PCI_ENDPOINT, 0, 0, bad_dev, 1);
    ck_assert_int_eq(parse(&info), -EINVAL);

    begin(39);                          /* scope with an odd path length */
    drhd = structure(0, 16);
    put64(drhd + 8, 0xfed90000);
    table[len] = 1;
    table[len + 1] = 7;
    len += 8;
    put16(drhd + 2, (uint16_t)(len - drhd));
    ck_assert_int_eq(parse(&info), -EINVAL);

    begin(39);                          /* zero-length structure: no endless loop */
    structure(0, 16);
    put16(48 + 2, 0);
    ck_assert_int_eq(parse(&info), -EINVAL);

    begin(39);                          /* RMRR ending before it starts */
    drhd = structure(1, 24);
    put64(drhd + 8, 0x2000);
    put64(drhd + 16, 0x0fff);
    ck_assert_int_eq(parse(&info), -EINVAL);

    ck_assert_int_eq(dmar_parse(NULL, &info), -EINVAL);
}
END_TEST

START_TEST(too_many_units)
{
    begin(39);
    for ( unsigned int i = 0; i <= DMAR_MAX_UNITS; i++ )
        put64(structure(0, 16) + 8, 0xfed90000 + 0x1000 * i);
    ck_assert_int_eq(parse(&info), -E2BIG);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("dmar");
    TCase *tc = tcase_create("parse");

    tcase_add_test(tc, qemu_like_table);
    tcase_add_test(tc, include_all_unit);
    tcase_add_test(tc, malformed_tables);
    tcase_add_test(tc, too_many_units);
    suite_add_tcase(s, tc);
    return hostenv_run_suite(s);
}
