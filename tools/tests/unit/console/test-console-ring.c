/*
 * test-console-ring.c - xenconsoled's side of the console ring page and
 * its bounded output queue, against a ring page in ordinary memory
 * whose indexes the test sets as a guest (honest or not) would.
 */
#include <string.h>

#include "../check_run.h"
#include "buffer.h"
#include "ring.h"

static struct xencons_interface ring;

static void setup(void)
{
    memset(&ring, 0, sizeof(ring));
}

/* What an honest guest driver does: bytes at out_prod, then the index. */
static void guest_writes(const char *s)
{
    for ( size_t i = 0; s[i]; i++ )
        ring.out[MASK_XENCONS_IDX(ring.out_prod + i, ring.out)] = s[i];
    ring.out_prod += (XENCONS_RING_IDX)strlen(s);
}

START_TEST(output_is_taken_in_order_and_consumed)
{
    char buf[64] = "";

    guest_writes("hello, ");
    guest_writes("dom0");
    ck_assert_int_eq(console_ring_take_output(&ring, buf, sizeof(buf)), 11);
    ck_assert_str_eq(buf, "hello, dom0");
    ck_assert_uint_eq(ring.out_cons, ring.out_prod);
    ck_assert_int_eq(console_ring_take_output(&ring, buf, sizeof(buf)), 0);
}
END_TEST

START_TEST(output_wraps_around_the_ring_and_the_index)
{
    char buf[16] = "";

    /* Indexes just below 2^32, and a position just below the ring's end. */
    ring.out_cons = ring.out_prod = 0xfffffffcu;
    guest_writes("wrapping");
    ck_assert_int_eq(console_ring_take_output(&ring, buf, 3), 3);
    ck_assert_int_eq(console_ring_take_output(&ring, buf + 3, sizeof(buf) - 3), 5);
    ck_assert_str_eq(buf, "wrapping");
    ck_assert_uint_eq(ring.out_cons, 4u);
}
END_TEST

START_TEST(a_full_output_ring_is_taken_whole)
{
    char buf[sizeof(ring.out)];

    memset(ring.out, 'x', sizeof(ring.out));
    ring.out_prod = sizeof(ring.out);
    ck_assert_int_eq(console_ring_take_output(&ring, buf, sizeof(buf)), sizeof(ring.out));
}
END_TEST

START_TEST(impossible_output_indexes_are_refused_and_reset)
{
    char buf[8];

    ring.out_cons = 10;
    ring.out_prod = 10 + sizeof(ring.out) + 1;      /* claims more than the ring holds */
    ck_assert_int_eq(console_ring_take_output(&ring, buf, sizeof(buf)), CONSOLE_RING_CORRUPT);
    ring.out_prod = 5;                              /* producer behind the consumer */
    ck_assert_int_eq(console_ring_take_output(&ring, buf, sizeof(buf)), CONSOLE_RING_CORRUPT);
    console_ring_reset(&ring);
    ck_assert_int_eq(console_ring_take_output(&ring, buf, sizeof(buf)), 0);
    guest_writes("ok");
    ck_assert_int_eq(console_ring_take_output(&ring, buf, sizeof(buf)), 2);
}
END_TEST

START_TEST(input_fills_only_the_free_space)
{
    char keys[sizeof(ring.in) + 10];

    memset(keys, 'k', sizeof(keys));
    ck_assert_int_eq(console_ring_input_space(&ring), sizeof(ring.in));
    ck_assert_int_eq(console_ring_give_input(&ring, "ab", 2), 2);
    ck_assert_int_eq(ring.in[0], 'a');
    ck_assert_int_eq(ring.in[1], 'b');
    ck_assert_uint_eq(ring.in_prod, 2);
    ck_assert_int_eq(console_ring_give_input(&ring, keys, sizeof(keys)), sizeof(ring.in) - 2);
    ck_assert_int_eq(console_ring_input_space(&ring), 0);
    ck_assert_int_eq(console_ring_give_input(&ring, "c", 1), 0);
    ring.in_cons += 100;                            /* the guest read some */
    ck_assert_int_eq(console_ring_input_space(&ring), 100);
    ck_assert_int_eq(console_ring_give_input(&ring, "c", 1), 1);
    ck_assert_int_eq(ring.in[MASK_XENCONS_IDX(ring.in_prod - 1, ring.in)], 'c');
}
END_TEST

START_TEST(impossible_input_indexes_are_refused)
{
    ring.in_cons = 0;
    ring.in_prod = sizeof(ring.in) + 1;
    ck_assert_int_eq(console_ring_input_space(&ring), CONSOLE_RING_CORRUPT);
    ck_assert_int_eq(console_ring_give_input(&ring, "x", 1), CONSOLE_RING_CORRUPT);
    ring.in_cons = 50;                              /* consumer ahead of the producer */
    ring.in_prod = 40;
    ck_assert_int_eq(console_ring_give_input(&ring, "x", 1), CONSOLE_RING_CORRUPT);
    console_ring_reset(&ring);
    ck_assert_int_eq(console_ring_input_space(&ring), sizeof(ring.in));
}
END_TEST

START_TEST(buffer_keeps_the_newest_bytes_within_its_limit)
{
    struct console_buffer b;

    ck_assert_int_eq(console_buffer_init(&b, 8), 0);
    console_buffer_append(&b, "abcde", 5);
    console_buffer_append(&b, "fgh", 3);
    ck_assert_uint_eq(b.len, 8);
    ck_assert_uint_eq(b.dropped, 0);
    console_buffer_append(&b, "ij", 2);             /* "ab" must go */
    ck_assert_uint_eq(b.len, 8);
    ck_assert_uint_eq(b.dropped, 2);
    ck_assert_int_eq(memcmp(b.data, "cdefghij", 8), 0);
    console_buffer_consume(&b, 3);
    ck_assert_int_eq(memcmp(b.data, "fghij", 5), 0);
    console_buffer_append(&b, "0123456789", 10);    /* bigger than the limit */
    ck_assert_uint_eq(b.len, 8);
    ck_assert_uint_eq(b.dropped, 2 + 5 + 2);
    ck_assert_int_eq(memcmp(b.data, "23456789", 8), 0);
    console_buffer_free(&b);
    ck_assert_int_eq(console_buffer_init(&b, 0), -1);
}
END_TEST

static Suite *console_suite(void)
{
    Suite *s = suite_create("console-ring");
    TCase *tc = tcase_create("ring");

    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, output_is_taken_in_order_and_consumed);
    tcase_add_test(tc, output_wraps_around_the_ring_and_the_index);
    tcase_add_test(tc, a_full_output_ring_is_taken_whole);
    tcase_add_test(tc, impossible_output_indexes_are_refused_and_reset);
    tcase_add_test(tc, input_fills_only_the_free_space);
    tcase_add_test(tc, impossible_input_indexes_are_refused);
    tcase_add_test(tc, buffer_keeps_the_newest_bytes_within_its_limit);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(console_suite());
}
