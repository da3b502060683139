/*
 * DEFLATE and gzip decoding against zlib's encoder: stored, fixed and
 * dynamic blocks at every level, long matches, and corrupt, truncated and
 * oversized streams.
 */
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <xen/errno.h>
#include <xen/inflate.h>

#include "hostenv.h"

#define SIZE (256 * 1024)

static uint8_t *plain, *packed, *out;

/* gzip-wrapped deflate of plain[0..n) at 'level'; returns the packed size. */
static size_t gz(size_t n, int level)
{
    z_stream z;

    memset(&z, 0, sizeof(z));
    ck_assert_int_eq(deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    z.next_in = plain;
    z.avail_in = n;
    z.next_out = packed;
    z.avail_out = 2 * SIZE;
    ck_assert_int_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
    deflateEnd(&z);
    return z.total_out;
}

static void fill(unsigned int kind)
{
    srand(kind);
    for ( size_t i = 0; i < SIZE; i++ )
    {
        if ( kind == 0 )
            plain[i] = (uint8_t)rand();                 /* incompressible */
        else if ( kind == 1 )
            plain[i] = (uint8_t)"kernel image text "[i % 18];   /* long matches */
        else
            plain[i] = (uint8_t)(i / 1000);             /* runs */
    }
}

START_TEST(round_trips)
{
    unsigned int kind = _i / 10, level = _i % 10;
    size_t n, len;

    fill(kind);
    n = gz(SIZE, level);
    ck_assert(gzip_probe(packed, n, &len));
    ck_assert_uint_eq(len, SIZE);
    memset(out, 0, SIZE);
    ck_assert_int_eq(gunzip(packed, n, out, SIZE), SIZE);
    ck_assert(!memcmp(out, plain, SIZE));
}
END_TEST

START_TEST(small_and_empty)
{
    size_t n;

    memcpy(plain, "x", 1);
    n = gz(1, 6);
    ck_assert_int_eq(gunzip(packed, n, out, 1), 1);
    ck_assert_int_eq(out[0], 'x');
    n = gz(0, 6);
    ck_assert_int_eq(gunzip(packed, n, out, 0), 0);
}
END_TEST

START_TEST(bad_streams)
{
    size_t n;

    fill(1);
    n = gz(SIZE, 9);
    ck_assert_int_eq(gunzip(packed, n, out, SIZE - 1), -ENOSPC);     /* no room */
    ck_assert_int_lt(gunzip(packed, n / 2, out, SIZE), 0);            /* truncated */
    ck_assert_int_lt(gunzip(packed, 12, out, SIZE), 0);
    packed[0] = 0x1e;
    ck_assert_int_eq(gunzip(packed, n, out, SIZE), -EINVAL);          /* not gzip */
    packed[0] = 0x1f;
    packed[n - 8] ^= 1;                                                /* CRC */
    ck_assert_int_eq(gunzip(packed, n, out, SIZE), -EILSEQ);
    /* Random garbage after a gzip header never overruns, whatever it decodes to. */
    srand(7);
    for ( unsigned int t = 0; t < 200; t++ )
    {
        for ( size_t i = 10; i < 4096; i++ )
            packed[i] = rand();
        (void)gunzip(packed, 4096, out, 65536);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("inflate");
    TCase *tc = tcase_create("gzip");

    plain = malloc(SIZE);
    packed = malloc(2 * SIZE);
    out = malloc(SIZE);
    tcase_add_loop_test(tc, round_trips, 0, 30);
    tcase_add_test(tc, small_and_empty);
    tcase_add_test(tc, bad_streams);
    tcase_set_timeout(tc, 120);
    suite_add_tcase(s, tc);
    return hostenv_run_suite(s);
}
