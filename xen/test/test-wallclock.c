/*
 * Civil dates to days since the Unix epoch.
 */
#include <xen/wallclock.h>

#include "hostenv.h"

START_TEST(known_dates)
{
    ck_assert_int_eq(days_from_civil(1970, 1, 1), 0);
    ck_assert_int_eq(days_from_civil(1970, 1, 2), 1);
    ck_assert_int_eq(days_from_civil(1969, 12, 31), -1);
    ck_assert_int_eq(days_from_civil(2000, 3, 1), 11017);     /* after a leap day of a 400-year */
    ck_assert_int_eq(days_from_civil(2020, 1, 1) * 86400LL, 1577836800LL);
    ck_assert_int_eq(days_from_civil(2026, 11, 22), 20779);
    ck_assert_int_eq(days_from_civil(2100, 3, 1) - days_from_civil(2100, 2, 28), 1); /* no Feb 29 */
    ck_assert_int_eq(days_from_civil(2024, 3, 1) - days_from_civil(2024, 2, 28), 2); /* leap */
}
END_TEST

int main(void)
{
    Suite *s = suite_create("wallclock");
    TCase *tc = tcase_create("civil");

    tcase_add_test(tc, known_dates);
    suite_add_tcase(s, tc);
    return hostenv_run_suite(s);
}
