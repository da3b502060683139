/*
 * Multiboot2 MBI parsing: well-formed input, and every way a loader's
 * structure can be malformed or overfull.
 */
#include <stdint.h>
#include <string.h>

#include <xen/errno.h>
#include <xen/multiboot2.h>

#include "hostenv.h"

/* A little MBI builder: tags appended at 8-byte alignment. */
static _Alignas(8) uint8_t mbi[8192];
static size_t mbi_len;

static void mbi_begin(void)
{
    memset(mbi, 0xee, sizeof(mbi));
    mbi_len = sizeof(struct mb2_info_header);
}

static void *mbi_tag(uint32_t type, uint32_t size)
{
    struct mb2_tag *t = (void *)(mbi + mbi_len);

    memset(t, 0, size);
    t->type = type;
    t->size = size;
    mbi_len += (size + 7) & ~7u;
    return t;
}

static void mbi_string(uint32_t type, const char *s)
{
    struct mb2_tag_string *t = mbi_tag(type, sizeof(struct mb2_tag) + strlen(s) + 1);

    strcpy(t->string, s);
}

static void mbi_module(uint32_t start, uint32_t end, const char *cmdline)
{
    struct mb2_tag_module *t = mbi_tag(MB2_TAG_MODULE, sizeof(*t) + strlen(cmdline) + 1);

    t->mod_start = start;
    t->mod_end = end;
    strcpy(t->cmdline, cmdline);
}

static void mbi_mmap(const struct mb2_mmap_entry *e, unsigned int n)
{
    struct mb2_tag_mmap *t = mbi_tag(MB2_TAG_MMAP, sizeof(*t) + n * sizeof(*e));

    t->entry_size = sizeof(*e);
    t->entry_version = 0;
    memcpy(t + 1, e, n * sizeof(*e));
}

static void mbi_end(void)
{
    struct mb2_info_header *h = (void *)mbi;

    mbi_tag(MB2_TAG_END, 8);
    h->total_size = mbi_len;
    h->reserved = 0;
}

static struct boot_info bi;

static const struct mb2_mmap_entry qemu_map[] = {
    { 0x0, 0x9fc00, MB2_MEMORY_AVAILABLE, 0 },
    { 0x9fc00, 0x400, MB2_MEMORY_RESERVED, 0 },
    { 0x100000, 0x3fedf000, MB2_MEMORY_AVAILABLE, 0 },
    { 0xb0000000, 0x10000000, MB2_MEMORY_RESERVED, 0 },
};

START_TEST(full_mbi)
{
    uint8_t rsdp_v1[20] = "RSD PTR ", rsdp_v2[36] = "RSD PTR ";
    struct mb2_tag_acpi *acpi;

    mbi_begin();
    mbi_string(MB2_TAG_CMDLINE, "console=com1 loglvl=all");
    mbi_string(MB2_TAG_LOADER_NAME, "GRUB 2.06");
    mbi_mmap(qemu_map, 4);
    mbi_module(0x1000000, 0x1800000, "dom0 root=/dev/ram");
    mbi_module(0x1800000, 0x1800000, "");
    acpi = mbi_tag(MB2_TAG_ACPI_OLD, 8 + sizeof(rsdp_v1));
    memcpy(acpi->rsdp, rsdp_v1, sizeof(rsdp_v1));
    acpi = mbi_tag(MB2_TAG_ACPI_NEW, 8 + sizeof(rsdp_v2));
    memcpy(acpi->rsdp, rsdp_v2, sizeof(rsdp_v2));
    mbi_tag(MB2_TAG_FRAMEBUFFER, 32);
    mbi_end();

    ck_assert_int_eq(multiboot2_parse(mbi, sizeof(mbi), &bi), 0);
    ck_assert_str_eq(bi.cmdline, "console=com1 loglvl=all");
    ck_assert_str_eq(bi.loader_name, "GRUB 2.06");
    ck_assert_uint_eq(bi.nr_memmap, 4);
    ck_assert_uint_eq(bi.memmap[2].addr, 0x100000);
    ck_assert_uint_eq(bi.memmap[2].len, 0x3fedf000);
    ck_assert_uint_eq(bi.memmap[3].type, MB2_MEMORY_RESERVED);
    ck_assert_uint_eq(bi.nr_modules, 2);
    ck_assert_uint_eq(bi.modules[0].start, 0x1000000);
    ck_assert_uint_eq(bi.modules[0].end, 0x1800000);
    ck_assert_str_eq(bi.modules[0].cmdline, "dom0 root=/dev/ram");
    ck_assert_str_eq(bi.modules[1].cmdline, "");
    ck_assert_ptr_nonnull(bi.rsdp);
    ck_assert_uint_eq(bi.rsdp_len, 36);       /* the ACPI 2.0 copy wins */
    ck_assert_uint_eq(bi.ignored_tags, 1);
}
END_TEST

START_TEST(minimal_mbi_has_defaults)
{
    mbi_begin();
    mbi_end();
    ck_assert_int_eq(multiboot2_parse(mbi, sizeof(mbi), &bi), 0);
    ck_assert_str_eq(bi.cmdline, "");
    ck_assert_str_eq(bi.loader_name, "");
    ck_assert_uint_eq(bi.nr_memmap, 0);
    ck_assert_ptr_null(bi.rsdp);
}
END_TEST

START_TEST(missing_end_tag)
{
    struct mb2_info_header *h = (void *)mbi;

    mbi_begin();
    mbi_string(MB2_TAG_CMDLINE, "x");
    h->total_size = mbi_len;
    ck_assert_int_eq(multiboot2_parse(mbi, sizeof(mbi), &bi), -EINVAL);
}
END_TEST

START_TEST(tag_runs_past_total_size)
{
    struct mb2_tag *t;

    mbi_begin();
    t = mbi_tag(MB2_TAG_CMDLINE, 16);
    mbi_end();
    t->size = 4096;
    ck_assert_int_eq(multiboot2_parse(mbi, sizeof(mbi), &bi), -EINVAL);
}
END_TEST

START_TEST(tag_smaller_than_header)
{
    struct mb2_tag *t;

    mbi_begin();
    t = mbi_tag(99, 8);
    mbi_end();
    t->size = 4;
    ck_assert_int_eq(multiboot2_parse(mbi, sizeof(mbi), &bi), -EINVAL);
}
END_TEST

START_TEST(total_size_beyond_limit)
{
    mbi_begin();
    mbi_end();
    ck_assert_int_eq(multiboot2_parse(mbi, mbi_len - 1, &bi), -EINVAL);
    ck_assert_int_eq(multiboot2_parse(mbi, 4, &bi), -EINVAL);
}
END_TEST

START_TEST(unterminated_strings)
{
    struct mb2_tag_string *t;
    struct mb2_tag_module *m;

    mbi_begin();
    t = mbi_tag(MB2_TAG_CMDLINE, 8 + 4);
    memcpy(t->string, "abcd", 4);
    mbi_end();
    ck_assert_int_eq(multiboot2_parse(mbi, sizeof(mbi), &bi), -EINVAL);

    mbi_begin();
    m = mbi_tag(MB2_TAG_MODULE, sizeof(*m) + 2);
    m->mod_start = 0x1000;
    m->mod_end = 0x2000;
    memcpy(m->cmdline, "ab", 2);
    mbi_end();
    ck_assert_int_eq(multiboot2_parse(mbi, sizeof(mbi), &bi), -EINVAL);
}
END_TEST

START_TEST(module_end_before_start)
{
    mbi_begin();
    mbi_module(0x2000, 0x1000, "m");
    mbi_end();
    ck_assert_int_eq(multiboot2_parse(mbi, sizeof(mbi), &bi), -EINVAL);
}
END_TEST

START_TEST(bad_mmap_entry_size)
{
    struct mb2_tag_mmap *t;

    mbi_begin();
    mbi_mmap(qemu_map, 2);
    mbi_end();
    t = (void *)(mbi + sizeof(struct mb2_info_header));
    t->entry_size = 12;
    ck_assert_int_eq(multiboot2_parse(mbi, sizeof(mbi), &bi), -EINVAL);
}
END_TEST

START_TEST(too_many_modules_is_reported)
{
    mbi_begin();
    for ( unsigned int i = 0; i < BOOT_MAX_MODULES + 2; i++ )
        mbi_module(0x100000 * (i + 1), 0x100000 * (i + 1) + 10, "m");
    mbi_end();
    ck_assert_int_eq(multiboot2_parse(mbi, sizeof(mbi), &bi), -E2BIG);
    ck_assert_uint_eq(bi.nr_modules, BOOT_MAX_MODULES);
}
END_TEST

START_TEST(empty_mmap_entries_are_skipped)
{
    static const struct mb2_mmap_entry map[] = {
        { 0x0, 0x1000, MB2_MEMORY_AVAILABLE, 0 },
        { 0x1000, 0, MB2_MEMORY_AVAILABLE, 0 },
        { 0x2000, 0x1000, MB2_MEMORY_RESERVED, 0 },
    };

    mbi_begin();
    mbi_mmap(map, 3);
    mbi_end();
    ck_assert_int_eq(multiboot2_parse(mbi, sizeof(mbi), &bi), 0);
    ck_assert_uint_eq(bi.nr_memmap, 2);
    ck_assert_str_eq(multiboot2_memory_type_name(bi.memmap[1].type), "reserved");
    ck_assert_str_eq(multiboot2_memory_type_name(77), "unknown");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("multiboot2");
    TCase *tc = tcase_create("parse");

    tcase_add_test(tc, full_mbi);
    tcase_add_test(tc, minimal_mbi_has_defaults);
    tcase_add_test(tc, missing_end_tag);
    tcase_add_test(tc, tag_runs_past_total_size);
    tcase_add_test(tc, tag_smaller_than_header);
    tcase_add_test(tc, total_size_beyond_limit);
    tcase_add_test(tc, unterminated_strings);
    tcase_add_test(tc, module_end_before_start);
    tcase_add_test(tc, bad_mmap_entry_size);
    tcase_add_test(tc, too_many_modules_is_reported);
    tcase_add_test(tc, empty_mmap_entries_are_skipped);
    suite_add_tcase(s, tc);
    return hostenv_run_suite(s);
}
