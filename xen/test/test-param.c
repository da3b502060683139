/*
 * The command-line parser: every option kind, negation, suffixes, ranges,
 * and the reports for unknown options and bad values.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <xen/errno.h>
#include <xen/param.h>

#include "hostenv.h"

static bool opt_flag;
static uint32_t opt_count;
static uint8_t opt_small;
static uint64_t opt_mem;
static char opt_name[8];
static char custom_seen[32];

static int parse_custom(const char *v)
{
    if ( !strcmp(v, "bad") )
        return -EINVAL;
    strcpy(custom_seen, v);
    return 0;
}

static const struct param table[] = {
    { "flag", PARAM_BOOL, &opt_flag, sizeof(opt_flag), NULL },
    { "count", PARAM_UINT, &opt_count, sizeof(opt_count), NULL },
    { "small", PARAM_UINT, &opt_small, sizeof(opt_small), NULL },
    { "dom0_mem", PARAM_SIZE, &opt_mem, sizeof(opt_mem), NULL },
    { "name", PARAM_STRING, opt_name, sizeof(opt_name), NULL },
    { "iommu", PARAM_CUSTOM, NULL, 0, parse_custom },
};

static unsigned int parse(const char *cmdline)
{
    hostenv_reset();
    return parse_params(cmdline, table, table + sizeof(table) / sizeof(table[0]));
}

static void reset_options(void)
{
    opt_flag = false;
    opt_count = 0;
    opt_small = 0;
    opt_mem = 0;
    opt_name[0] = custom_seen[0] = '\0';
}

START_TEST(all_kinds)
{
    reset_options();
    ck_assert_uint_eq(parse("  flag count=42 small=0xff dom0_mem=1024M name=com1 "
                            "iommu=strict-psi,verbose"), 0);
    ck_assert(opt_flag);
    ck_assert_uint_eq(opt_count, 42);
    ck_assert_uint_eq(opt_small, 255);
    ck_assert_uint_eq(opt_mem, 1024ULL << 20);
    ck_assert_str_eq(opt_name, "com1");
    ck_assert_str_eq(custom_seen, "strict-psi,verbose");
    ck_assert_str_eq(hostenv_log(), "");
}
END_TEST

START_TEST(booleans)
{
    reset_options();
    ck_assert_uint_eq(parse("flag=yes"), 0);
    ck_assert(opt_flag);
    ck_assert_uint_eq(parse("no-flag"), 0);
    ck_assert(!opt_flag);
    ck_assert_uint_eq(parse("flag=on flag=off"), 0);   /* the last one wins */
    ck_assert(!opt_flag);
    ck_assert_uint_eq(parse("flag=maybe"), 1);
    ck_assert_uint_eq(parse("no-flag=1"), 1);
}
END_TEST

START_TEST(sizes)
{
    reset_options();
    ck_assert_uint_eq(parse("dom0_mem=4G"), 0);
    ck_assert_uint_eq(opt_mem, 4ULL << 30);
    ck_assert_uint_eq(parse("dom0_mem=512k"), 0);
    ck_assert_uint_eq(opt_mem, 512ULL << 10);
    ck_assert_uint_eq(parse("dom0_mem=4096"), 0);
    ck_assert_uint_eq(opt_mem, 4096);
    ck_assert_uint_eq(parse("dom0_mem=99999999T"), 1);  /* overflows */
    ck_assert_uint_eq(parse("dom0_mem=M"), 1);
    ck_assert_uint_eq(parse("dom0_mem="), 1);
}
END_TEST

START_TEST(ranges_and_garbage)
{
    reset_options();
    ck_assert_uint_eq(parse("small=256"), 1);
    ck_assert_ptr_nonnull(strstr(hostenv_log(), "Bad value for command line option 'small=256'"));
    ck_assert_uint_eq(parse("count=12x"), 1);
    ck_assert_uint_eq(parse("count=18446744073709551616"), 1);
    ck_assert_uint_eq(parse("count"), 1);          /* an integer needs a value */
    ck_assert_uint_eq(parse("name=toolongvalue"), 1);
    ck_assert_uint_eq(parse("iommu=bad"), 1);
}
END_TEST

START_TEST(unknown_options_are_reported)
{
    reset_options();
    ck_assert_uint_eq(parse("flag bogus=1 no-such-thing count=1"), 2);
    ck_assert_ptr_nonnull(strstr(hostenv_log(), "Unknown command line option 'bogus=1'"));
    ck_assert_ptr_nonnull(strstr(hostenv_log(), "Unknown command line option 'no-such-thing'"));
    ck_assert(opt_flag);
    ck_assert_uint_eq(opt_count, 1);
    ck_assert_uint_eq(parse(""), 0);
    ck_assert_uint_eq(parse("   "), 0);
    ck_assert_uint_eq(parse("flagx"), 1);          /* prefixes do not match */
}
END_TEST

int main(void)
{
    Suite *s = suite_create("param");
    TCase *tc = tcase_create("parse");

    tcase_add_test(tc, all_kinds);
    tcase_add_test(tc, booleans);
    tcase_add_test(tc, sizes);
    tcase_add_test(tc, ranges_and_garbage);
    tcase_add_test(tc, unknown_options_are_reported);
    suite_add_tcase(s, tc);
    return hostenv_run_suite(s);
}
