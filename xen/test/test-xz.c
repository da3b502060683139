/*
 * The XZ decoder against Debian's liblzma encoder: presets, with and
 * without the x86 BCJ filter (and its start offset), every check type,
 * several blocks and streams, empty data, a dictionary reset inside a
 * block; and every truncated prefix and many bit flips refused with a
 * reason, never an out-of-bounds access (the tests run under ASan/UBSan).
 */
#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/errno.h>
#include <xen/unxz.h>

#include "hostenv.h"

#define SIZE (256 * 1024)

static uint8_t *plain, *packed;
static size_t packed_cap = 4 * SIZE;

/* Kinds of data: incompressible, repetitive text, runs, real x86 code. */
static void fill(unsigned int kind, size_t n)
{
    srand(kind + 1);
    if ( kind == 3 )
    {
        FILE *f = fopen("/proc/self/exe", "rb");
        size_t got;

        ck_assert_ptr_nonnull(f);
        got = fread(plain, 1, n, f);
        fclose(f);
        for ( size_t i = got; i < n; i++ )
            plain[i] = plain[i % (got ? got : 1)];
        return;
    }
    for ( size_t i = 0; i < n; i++ )
    {
        if ( kind == 0 )
            plain[i] = (uint8_t)rand();
        else if ( kind == 1 )
            plain[i] = (uint8_t)"the kernel image, text and data "[(i * 7 + i / 33) % 32];
        else
            plain[i] = (uint8_t)(i / 1000);
    }
}

/*
 * Encode src[0..n) as one stream into packed; a new block every 'block'
 * bytes (0: one block), BCJ first when x86_start is not UINT32_MAX.
 */
static size_t encode_from(const uint8_t *src, size_t n, uint32_t preset, lzma_check check, uint32_t x86_start,
                     size_t block)
{
    lzma_options_lzma opt;
    lzma_options_bcj bcj = { .start_offset = x86_start };
    lzma_filter filters[3];
    lzma_stream z = LZMA_STREAM_INIT;
    unsigned int nf = 0;
    size_t done = 0;

    ck_assert(!lzma_lzma_preset(&opt, preset));
    if ( x86_start != UINT32_MAX )
        filters[nf++] = (lzma_filter){ LZMA_FILTER_X86, x86_start ? &bcj : NULL };
    filters[nf++] = (lzma_filter){ LZMA_FILTER_LZMA2, &opt };
    filters[nf] = (lzma_filter){ LZMA_VLI_UNKNOWN, NULL };
    ck_assert_int_eq(lzma_stream_encoder(&z, filters, check), LZMA_OK);
    z.next_out = packed;
    z.avail_out = packed_cap;
    do
    {
        size_t step = block && n - done > block ? block : n - done;
        bool last = done + step == n;

        z.next_in = src + done;
        z.avail_in = step;
        while ( lzma_code(&z, last ? LZMA_FINISH : LZMA_FULL_FLUSH) == LZMA_OK )
            ;
        done += step;
    } while ( done < n );
    lzma_end(&z);
    return z.total_out;
}

static size_t encode(size_t n, uint32_t preset, lzma_check check, uint32_t x86_start,
                     size_t block)
{
    return encode_from(plain, n, preset, check, x86_start, block);
}

/* Decode packed[0..len) into an exactly sized buffer and compare. */
static void expect_round_trip(size_t len, size_t n)
{
    uint8_t *out = malloc(n ? n : 1);
    const char *why = NULL;
    uint64_t size;
    ssize_t got;

    ck_assert_int_eq(xz_uncompressed_size(packed, len, &size, &why), 0);
    ck_assert_uint_eq(size, n);
    got = xz_decode(packed, len, out, n, &why);
    if ( got < 0 )
        ck_abort_msg("decode failed (%zd): %s", got, why);
    ck_assert_uint_eq(got, n);
    ck_assert(!memcmp(out, plain, n));
    free(out);
}

static const uint32_t presets[] = { 0, 3, 6, 9 | LZMA_PRESET_EXTREME };
static const lzma_check checks[] = { LZMA_CHECK_NONE, LZMA_CHECK_CRC32, LZMA_CHECK_CRC64 };

START_TEST(presets_filters_checks)
{
    unsigned int kind = _i % 4, preset = _i / 4 % 4, bcj = _i / 16 % 2, check = _i / 32;

    fill(kind, SIZE);
    expect_round_trip(encode(SIZE, presets[preset], checks[check], bcj ? 0 : UINT32_MAX, 0),
                      SIZE);
}
END_TEST

START_TEST(bcj_start_offset)
{
    fill(3, SIZE);
    expect_round_trip(encode(SIZE, 6, LZMA_CHECK_CRC32, 0x1000000, 0), SIZE);
}
END_TEST

START_TEST(several_blocks)
{
    fill(_i, SIZE);
    expect_round_trip(encode(SIZE, 6, LZMA_CHECK_CRC64, _i == 3 ? 0 : UINT32_MAX, 40000), SIZE);
}
END_TEST

START_TEST(several_streams_with_padding)
{
    uint8_t *first = malloc(SIZE), *out = malloc(SIZE);
    size_t a, b;
    const char *why;

    fill(1, SIZE);
    a = encode(SIZE / 2, 1, LZMA_CHECK_CRC32, UINT32_MAX, 0);
    memcpy(first, packed, a);
    b = encode_from(plain + SIZE / 2, SIZE / 2, 6, LZMA_CHECK_CRC64, 0, 0);
    /* packed: stream 1, eight bytes of stream padding, stream 2. */
    memmove(packed + a + 8, packed, b);
    memset(packed + a, 0, 8);
    memcpy(packed, first, a);
    expect_round_trip(a + 8 + b, SIZE);
    /* Padding that is not a multiple of four is refused. */
    memmove(packed + a + 7, packed + a + 8, b);
    ck_assert_int_eq(xz_decode(packed, a + 7 + b, out, SIZE, &why), -EINVAL);
    free(first);
    free(out);
}
END_TEST

START_TEST(empty)
{
    const char *why;
    uint8_t out[1];
    size_t n = encode(0, 6, LZMA_CHECK_CRC32, UINT32_MAX, 0);

    expect_round_trip(n, 0);
    ck_assert_int_eq(xz_decode(packed, 0, out, 1, &why), -EINVAL);
    ck_assert(!xz_probe(packed, 0));
}
END_TEST

/*
 * Wrap raw LZMA2 data as one block of a CRC32 stream in packed, by hand
 * with liblzma's header, index and footer encoders; plain[0..n) is what
 * it decodes to.  Returns the stream's length; *data is where the LZMA2
 * data starts.
 */
static size_t wrap_lzma2(const uint8_t *raw, size_t raw_len, size_t n, size_t *data)
{
    lzma_options_lzma opt;
    lzma_filter filters[2] = { { LZMA_FILTER_LZMA2, &opt }, { LZMA_VLI_UNKNOWN, NULL } };
    lzma_stream_flags sf = { .version = 0, .check = LZMA_CHECK_CRC32 };
    lzma_block blk = { .version = 0, .check = LZMA_CHECK_CRC32, .filters = filters,
                       .compressed_size = LZMA_VLI_UNKNOWN,
                       .uncompressed_size = LZMA_VLI_UNKNOWN };
    lzma_index *idx = lzma_index_init(NULL);
    uint32_t crc = lzma_crc32(plain, n, 0);
    size_t pos;

    ck_assert(!lzma_lzma_preset(&opt, 6));
    ck_assert_int_eq(lzma_stream_header_encode(&sf, packed), LZMA_OK);
    pos = LZMA_STREAM_HEADER_SIZE;
    ck_assert_int_eq(lzma_block_header_size(&blk), LZMA_OK);
    ck_assert_int_eq(lzma_block_header_encode(&blk, packed + pos), LZMA_OK);
    *data = pos + blk.header_size;
    memcpy(packed + *data, raw, raw_len);
    pos = *data + raw_len;
    while ( (pos - LZMA_STREAM_HEADER_SIZE) & 3 )
        packed[pos++] = 0;
    memcpy(packed + pos, &crc, 4);
    pos += 4;
    ck_assert_int_eq(lzma_index_append(idx, NULL, blk.header_size + raw_len + 4, n), LZMA_OK);
    ck_assert_int_eq(lzma_index_buffer_encode(idx, packed, &pos, packed_cap), LZMA_OK);
    sf.backward_size = lzma_index_size(idx);
    ck_assert_int_eq(lzma_stream_footer_encode(&sf, packed + pos), LZMA_OK);
    lzma_index_end(idx, NULL);
    return pos + LZMA_STREAM_HEADER_SIZE;
}

static size_t raw_lzma2(const uint8_t *src, size_t n, uint8_t *out, size_t cap)
{
    lzma_options_lzma opt;
    lzma_filter filters[2] = { { LZMA_FILTER_LZMA2, &opt }, { LZMA_VLI_UNKNOWN, NULL } };
    size_t len = 0;

    ck_assert(!lzma_lzma_preset(&opt, 6));
    ck_assert_int_eq(lzma_raw_buffer_encode(filters, NULL, src, n, out, &len, cap), LZMA_OK);
    return len;
}

/*
 * An LZMA2 block whose data is two raw LZMA2 encodings end to end (the
 * first's end marker dropped): the second starts with a dictionary reset.
 */
START_TEST(dictionary_reset_inside_a_block)
{
    uint8_t *raw = malloc(2 * SIZE), *out = malloc(SIZE);
    size_t r1, r2, len, data, n = SIZE / 2;
    const char *why;

    fill(1, SIZE);
    r1 = raw_lzma2(plain, n, raw, SIZE);
    ck_assert_int_eq(raw[--r1], 0);
    r2 = raw_lzma2(plain + n, SIZE - n, raw + r1, 2 * SIZE - r1);
    ck_assert(raw[r1] == 0x01 || raw[r1] >= 0xe0);      /* a dictionary reset */
    len = wrap_lzma2(raw, r1 + r2, SIZE, &data);
    expect_round_trip(len, SIZE);

    /* Without its first dictionary reset (0xe0 -> 0xc0) the block is refused. */
    packed[data] = 0xc0 | (packed[data] & 0x1f);
    ck_assert_int_eq(xz_decode(packed, len, out, SIZE, &why), -EINVAL);
    ck_assert_ptr_nonnull(strstr(why, "dictionary reset"));
    free(raw);
    free(out);
}
END_TEST

/*
 * Random bytes twice: a stored chunk of the first copy (with the
 * dictionary reset), then liblzma's coding of the second against it as
 * a preset dictionary (state reset and properties, no dictionary reset),
 * so its matches reach into the stored copy.  Turning that chunk's
 * control into a dictionary reset leaves them reaching before the
 * dictionary, which must be refused rather than copied.
 */
START_TEST(no_match_reaches_across_a_dictionary_reset)
{
    enum { COPY = 4096 };
    lzma_options_lzma opt;
    lzma_filter filters[2] = { { LZMA_FILTER_LZMA2, &opt }, { LZMA_VLI_UNKNOWN, NULL } };
    uint8_t *raw = malloc(2 * SIZE), *out = malloc(2 * COPY);
    size_t len = 3 + COPY, data;
    const char *why;

    fill(0, 2 * COPY);
    memcpy(plain + COPY, plain, COPY);
    raw[0] = 0x01;
    raw[1] = (COPY - 1) >> 8;
    raw[2] = (COPY - 1) & 0xff;
    memcpy(raw + 3, plain, COPY);
    ck_assert(!lzma_lzma_preset(&opt, 6));
    opt.preset_dict = plain;
    opt.preset_dict_size = COPY;
    ck_assert_int_eq(lzma_raw_buffer_encode(filters, NULL, plain + COPY, COPY, raw, &len,
                                            2 * SIZE), LZMA_OK);
    ck_assert_uint_eq(raw[3 + COPY] & 0xe0, 0xc0);      /* no dictionary reset */
    len = wrap_lzma2(raw, len, 2 * COPY, &data);
    expect_round_trip(len, 2 * COPY);
    packed[data + 3 + COPY] |= 0xe0;
    ck_assert_int_eq(xz_decode(packed, len, out, 2 * COPY, &why), -EINVAL);
    ck_assert_str_eq(why, "LZMA match reaches before the dictionary");
    free(raw);
    free(out);
}
END_TEST

START_TEST(refusals_name_the_problem)
{
    const char *why = NULL;
    uint8_t *out = malloc(SIZE);
    size_t n;

    fill(1, SIZE);
    n = encode(SIZE, 6, LZMA_CHECK_SHA256, UINT32_MAX, 0);
    ck_assert_int_eq(xz_decode(packed, n, out, SIZE, &why), -EOPNOTSUPP);
    ck_assert_ptr_nonnull(strstr(why, "SHA-256"));
    n = encode(SIZE, 6, LZMA_CHECK_CRC32, UINT32_MAX, 0);
    ck_assert_int_eq(xz_decode(packed, n, out, SIZE - 1, &why), -ENOSPC);
    packed[n - 13] ^= 0x40;                         /* the index's CRC32 */
    ck_assert_int_lt(xz_decode(packed, n, out, SIZE, &why), 0);
    ck_assert_ptr_nonnull(strstr(why, "index"));
    free(out);
}
END_TEST

/* A small real stream with every feature: BCJ, two blocks, CRC64. */
static size_t small_stream(size_t *n)
{
    *n = 24 * 1024;
    fill(3, *n);
    return encode(*n, 6, LZMA_CHECK_CRC64, 0, 16 * 1024);
}

START_TEST(every_truncated_prefix_is_refused)
{
    size_t n, len = small_stream(&n);
    uint8_t *out = malloc(n);

    for ( size_t cut = 0; cut < len; cut++ )
    {
        uint8_t *in = malloc(cut ? cut : 1);    /* exact size: ASan sees overreads */
        const char *why = NULL;
        uint64_t size;

        memcpy(in, packed, cut);
        ck_assert_int_lt(xz_decode(in, cut, out, n, &why), 0);
        ck_assert(why && why[0]);
        ck_assert_int_lt(xz_uncompressed_size(in, cut, &size, &why), 0);
        free(in);
    }
    free(out);
}
END_TEST

/* The distinct reasons given for refusals (the decoder's string constants). */
static const char *reasons[64];
static unsigned int nr_reasons;

static void note_reason(const char *why)
{
    for ( unsigned int i = 0; i < nr_reasons; i++ )
        if ( !strcmp(reasons[i], why) )
            return;
    ck_assert_uint_lt(nr_reasons, 64);
    reasons[nr_reasons++] = why;
}

static bool reason_seen(const char *part)
{
    for ( unsigned int i = 0; i < nr_reasons; i++ )
        if ( strstr(reasons[i], part) )
            return true;
    return false;
}

static const char *const layer_rules[] = {
    "stream flags fail their CRC32", "block header fails its CRC32",
    "match reaches before the dictionary", "data ends before its output",
    "compressed size does not match", "block's data fails its check",
    "index disagrees with the blocks", "footer fails its CRC32",
};

START_TEST(bit_flips_are_refused)
{
    size_t n, len = small_stream(&n);
    uint8_t *in = malloc(len), *out = malloc(n);

    for ( size_t pos = 0; pos < len; pos++ )
        for ( unsigned int b = 0; b < 8; b++ )
        {
            const char *why = NULL;
            ssize_t rc;

            /* Headers, index and footer get every bit; the data one in each byte. */
            if ( pos >= 64 && pos + 64 < len && b != pos % 8 )
                continue;
            memcpy(in, packed, len);
            in[pos] ^= 1u << b;
            rc = xz_decode(in, len, out, n, &why);
            if ( rc >= 0 )
                ck_abort_msg("flip of bit %u at %zu of %zu accepted", b, pos, len);
            ck_assert(why && why[0]);
            note_reason(why);
        }
    /* The flips reach the rules of every layer, not only the final check. */
    for ( unsigned int i = 0; i < sizeof(layer_rules) / sizeof(layer_rules[0]); i++ )
        if ( !reason_seen(layer_rules[i]) )
            ck_abort_msg("no bit flip was refused by \"%s\"", layer_rules[i]);
    ck_assert_uint_ge(nr_reasons, 15);
    free(in);
    free(out);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("xz");
    TCase *tc = tcase_create("xz");

    plain = malloc(SIZE);
    packed = malloc(packed_cap);
    tcase_add_loop_test(tc, presets_filters_checks, 0, 96);
    tcase_add_test(tc, bcj_start_offset);
    tcase_add_loop_test(tc, several_blocks, 0, 4);
    tcase_add_test(tc, several_streams_with_padding);
    tcase_add_test(tc, empty);
    tcase_add_test(tc, dictionary_reset_inside_a_block);
    tcase_add_test(tc, no_match_reaches_across_a_dictionary_reset);
    tcase_add_test(tc, refusals_name_the_problem);
    tcase_add_test(tc, every_truncated_prefix_is_refused);
    tcase_add_test(tc, bit_flips_are_refused);
    tcase_set_timeout(tc, 300);
    suite_add_tcase(s, tc);
    return hostenv_run_suite(s);
}
