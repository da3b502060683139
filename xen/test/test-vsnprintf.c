/*
 * vsnprintf: C99 conversions, flags, widths, truncation and return values.
 */
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include <xen/lib.h>

#include "hostenv.h"

/* Odd formats are tested on purpose. */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-overflow"

#define CHECK_FMT(expect, ...) do { \
        char buf_[256]; \
        int n_ = snprintf(buf_, sizeof(buf_), __VA_ARGS__); \
        ck_assert_str_eq(buf_, expect); \
        ck_assert_int_eq(n_, (int)strlen(expect)); \
    } while ( 0 )

START_TEST(integers)
{
    CHECK_FMT("0", "%d", 0);
    CHECK_FMT("-42", "%d", -42);
    CHECK_FMT("2147483647", "%d", INT_MAX);
    CHECK_FMT("-2147483648", "%d", INT_MIN);
    CHECK_FMT("-9223372036854775808", "%ld", LONG_MIN);
    CHECK_FMT("18446744073709551615", "%lu", ULONG_MAX);
    CHECK_FMT("18446744073709551615", "%llu", ULLONG_MAX);
    CHECK_FMT("4294967295", "%u", UINT_MAX);
    CHECK_FMT("255 65535", "%hhu %hu", 0x1ff, 0x1ffff);
    CHECK_FMT("-1 -1", "%hhd %hd", 0xff, 0xffff);
    CHECK_FMT("123456789", "%zu", (size_t)123456789);
    CHECK_FMT("-5", "%td", (ptrdiff_t)-5);
}
END_TEST

START_TEST(bases)
{
    CHECK_FMT("ff FF 377", "%x %X %o", 255, 255, 255);
    CHECK_FMT("0xff 0XFF 0377", "%#x %#X %#o", 255, 255, 255);
    CHECK_FMT("0 0", "%#x %#o", 0, 0);
    CHECK_FMT("ffffffffffffffff", "%lx", ~0UL);
    CHECK_FMT("0xffff82d040000000", "%#lx", 0xffff82d040000000UL);
}
END_TEST

START_TEST(width_and_flags)
{
    CHECK_FMT("   42", "%5d", 42);
    CHECK_FMT("42   |", "%-5d|", 42);
    CHECK_FMT("00042", "%05d", 42);
    CHECK_FMT("-0042", "%05d", -42);
    CHECK_FMT("+42  42", "%+d % d", 42, 42);
    CHECK_FMT("0x002a", "%#06x", 42);
    CHECK_FMT("   42", "%*d", 5, 42);
    CHECK_FMT("42   |", "%*d|", -5, 42);
    CHECK_FMT("  042", "%5.3d", 42);
    CHECK_FMT("  042", "%05.3d", 42);     /* precision disables the 0 flag */
    CHECK_FMT("", "%.0d", 0);
    CHECK_FMT("0000000000000000", "%016lx", 0UL);
}
END_TEST

START_TEST(strings_and_chars)
{
    CHECK_FMT("hello", "%s", "hello");
    CHECK_FMT("(null)", "%s", (char *)NULL);
    CHECK_FMT("  abc|abc  |", "%5s|%-5s|", "abc", "abc");
    CHECK_FMT("ab", "%.2s", "abcdef");
    CHECK_FMT("FACP", "%.4s", "FACPxxxx");
    CHECK_FMT("ab", "%.*s", 2, "abcdef");
    CHECK_FMT("x", "%c", 'x');
    CHECK_FMT("  x|x  |", "%3c|%-3c|", 'x', 'x');
    CHECK_FMT("100%", "100%%");
}
END_TEST

START_TEST(pointers)
{
    CHECK_FMT("0x1234", "%p", (void *)0x1234);
    CHECK_FMT("0xffff82d040000000", "%p", (void *)0xffff82d040000000UL);
    CHECK_FMT("0x0", "%p", NULL);
}
END_TEST

START_TEST(unknown_conversion_is_visible)
{
    CHECK_FMT("%q", "%q");
    CHECK_FMT("", "%");
}
END_TEST

START_TEST(truncation)
{
    char buf[8];
    int n;

    memset(buf, 'Z', sizeof(buf));
    n = snprintf(buf, sizeof(buf), "%s", "0123456789");
    ck_assert_int_eq(n, 10);            /* the length it would have had */
    ck_assert_str_eq(buf, "0123456");   /* always terminated */

    n = snprintf(buf, 1, "abc");
    ck_assert_int_eq(n, 3);
    ck_assert_int_eq(buf[0], '\0');

    buf[0] = 'Q';
    n = snprintf(buf, 0, "abc");        /* size 0: nothing written */
    ck_assert_int_eq(n, 3);
    ck_assert_int_eq(buf[0], 'Q');

    /* A huge width is clamped, not an overflow. */
    n = snprintf(buf, sizeof(buf), "%999999999d", 1);
    ck_assert_int_gt(n, 0);
    ck_assert_int_eq(strlen(buf), sizeof(buf) - 1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("vsnprintf");
    TCase *tc = tcase_create("formats");

    tcase_add_test(tc, integers);
    tcase_add_test(tc, bases);
    tcase_add_test(tc, width_and_flags);
    tcase_add_test(tc, strings_and_chars);
    tcase_add_test(tc, pointers);
    tcase_add_test(tc, unknown_conversion_is_visible);
    tcase_add_test(tc, truncation);
    suite_add_tcase(s, tc);
    return hostenv_run_suite(s);
}
