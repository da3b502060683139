/*
 * The TSC-to-nanoseconds scale: precision bounds and accuracy over long
 * intervals, for clocks from 1 MHz to 10 GHz.
 */
#include <stdint.h>

#include <xen/time.h>

#include "hostenv.h"

static const uint64_t rates[] = {
    1000000ULL, 14318180ULL, 100000000ULL, 999999999ULL, 1000000000ULL,
    1000000001ULL, 2097273000ULL, 3700000000ULL, 10000000000ULL,
};

START_TEST(mul_frac_keeps_31_bits)
{
    struct time_scale s = time_scale_for_hz(rates[_i]);

    ck_assert_uint_ge(s.mul_frac, 1u << 31);
}
END_TEST

START_TEST(one_second_is_one_second)
{
    uint64_t hz = rates[_i];
    struct time_scale s = time_scale_for_hz(hz);
    int64_t ns = (int64_t)scale_delta(hz, &s);

    /* Error at most 1 ppm, plus a nanosecond of rounding. */
    ck_assert_int_le(ns > 1000000000 ? ns - 1000000000 : 1000000000 - ns, 1001);
}
END_TEST

START_TEST(one_hour_stays_accurate)
{
    uint64_t hz = rates[_i];
    struct time_scale s = time_scale_for_hz(hz);
    uint64_t ns = scale_delta(hz * 3600, &s);
    uint64_t want = 3600ULL * 1000000000ULL;
    uint64_t err = ns > want ? ns - want : want - ns;

    ck_assert_uint_le(err, want / 1000000 + 1);     /* 1 ppm */
}
END_TEST

START_TEST(edges)
{
    struct time_scale s = time_scale_for_hz(2000000000ULL);

    ck_assert_uint_eq(scale_delta(0, &s), 0);
    ck_assert_uint_eq(time_scale_for_hz(0).mul_frac, 0);
    ck_assert_int_eq(time_scale_for_hz(1000000000ULL).shift, 1);
    ck_assert_int_eq(time_scale_for_hz(4000000000ULL).shift, -1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("time-scale");
    TCase *tc = tcase_create("scale");

    tcase_add_loop_test(tc, mul_frac_keeps_31_bits, 0, sizeof(rates) / sizeof(rates[0]));
    tcase_add_loop_test(tc, one_second_is_one_second, 0, sizeof(rates) / sizeof(rates[0]));
    tcase_add_loop_test(tc, one_hour_stays_accurate, 0, sizeof(rates) / sizeof(rates[0]));
    tcase_add_test(tc, edges);
    suite_add_tcase(s, tc);
    return hostenv_run_suite(s);
}
