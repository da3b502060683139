/*
 * bzImage parsing and decompression: synthetic images around payloads
 * made by liblzma and zlib (good headers, and every header fault
 * refused), the formats we refuse by name, and Debian's own kernel
 * (build/dom0/vmlinuz, from make -C tools/tests/dom0), which must decode
 * to exactly the ELF that tools/tests/dom0/extract-vmlinux.py writes; that
 * case is skipped, and says so, when the files are absent.
 */
#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <asm/bzimage.h>
#include <xen/errno.h>

#include "hostenv.h"

#define PLAIN_SIZE  (128 * 1024)
#define SETUP_SECTS 3
#define KERNEL_AT   ((SETUP_SECTS + 1) * 512)
#define PAYLOAD_OFF 0x100
#define DEBIAN_BZIMAGE "../../build/dom0/vmlinuz"
#define DEBIAN_ELF     "../../build/dom0/vmlinux"

static uint8_t plain[PLAIN_SIZE], image[4 * PLAIN_SIZE];

static void put32(uint8_t *p, uint32_t v)
{
    for ( unsigned int i = 0; i < 4; i++ )
        p[i] = v >> (8 * i);
}

/* A bzImage around payload[0..n): setup header as Linux 6.1 writes it. */
static size_t make_image(const uint8_t *payload, size_t n)
{
    memset(image, 0, KERNEL_AT + PAYLOAD_OFF);
    image[0x1f1] = SETUP_SECTS;
    image[0x1fe] = 0x55;
    image[0x1ff] = 0xaa;
    memcpy(image + 0x202, "HdrS", 4);
    image[0x206] = 0x0f;
    image[0x207] = 0x02;
    put32(image + 0x248, PAYLOAD_OFF);
    put32(image + 0x24c, n);
    put32(image + 0x260, 2 * PLAIN_SIZE);
    memcpy(image + KERNEL_AT + PAYLOAD_OFF, payload, n);
    return KERNEL_AT + PAYLOAD_OFF + n;
}

/* XZ with BCJ, as Linux's build makes it, then its four-byte size trailer. */
static size_t xz_payload(uint8_t *out, size_t cap)
{
    lzma_options_lzma opt;
    lzma_filter f[3] = { { LZMA_FILTER_X86, NULL }, { LZMA_FILTER_LZMA2, &opt },
                         { LZMA_VLI_UNKNOWN, NULL } };
    size_t n = 0;

    ck_assert(!lzma_lzma_preset(&opt, 6));
    ck_assert_int_eq(lzma_stream_buffer_encode(f, LZMA_CHECK_CRC32, NULL, plain, PLAIN_SIZE,
                                               out, &n, cap), LZMA_OK);
    put32(out + n, PLAIN_SIZE);
    return n + 4;
}

static size_t gzip_payload(uint8_t *out, size_t cap)
{
    z_stream z;

    memset(&z, 0, sizeof(z));
    ck_assert_int_eq(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    z.next_in = plain;
    z.avail_in = PLAIN_SIZE;
    z.next_out = out;
    z.avail_out = cap;
    ck_assert_int_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
    deflateEnd(&z);
    return z.total_out;
}

static void fill_plain(void)
{
    memcpy(plain, "\x7f" "ELF", 4);
    for ( size_t i = 4; i < PLAIN_SIZE; i++ )
        plain[i] = i % 5 == 0 ? 0xe8 : (uint8_t)(i * 31 / 7);
}

static void expect_decodes(size_t len, const char *format)
{
    struct bzimage bz;
    const char *why = NULL;
    uint8_t *out = malloc(PLAIN_SIZE);
    int rc = bzimage_parse(image, len, &bz, &why);

    if ( rc )
        ck_abort_msg("parse failed (%d): %s", rc, why);
    ck_assert_str_eq(bz.format, format);
    ck_assert_uint_eq(bz.protocol, 0x20f);
    ck_assert_uint_eq(bz.uncompressed, PLAIN_SIZE);
    ck_assert_int_eq(bzimage_decompress(&bz, out, PLAIN_SIZE, &why), PLAIN_SIZE);
    ck_assert(!memcmp(out, plain, PLAIN_SIZE));
    free(out);
}

static int parse_fails(size_t len, const char **why)
{
    struct bzimage bz;

    *why = NULL;
    return bzimage_parse(image, len, &bz, why);
}

START_TEST(xz_and_gzip_payloads)
{
    static uint8_t payload[2 * PLAIN_SIZE];

    fill_plain();
    expect_decodes(make_image(payload, xz_payload(payload, sizeof(payload))), "xz");
    expect_decodes(make_image(payload, gzip_payload(payload, sizeof(payload))), "gzip");
}
END_TEST

START_TEST(bad_headers_are_refused)
{
    static uint8_t payload[2 * PLAIN_SIZE];
    const char *why;
    size_t n, len;

    fill_plain();
    n = xz_payload(payload, sizeof(payload));
    len = make_image(payload, n);

    ck_assert(!bzimage_probe(image, 0x263));
    ck_assert_int_eq(parse_fails(0x100, &why), -EINVAL);            /* too short */
    image[0x202] = 'h';
    ck_assert_int_eq(parse_fails(len, &why), -EINVAL);
    ck_assert_ptr_nonnull(strstr(why, "HdrS"));
    image[0x202] = 'H';
    image[0x1fe] = 0;
    ck_assert_int_eq(parse_fails(len, &why), -EINVAL);
    ck_assert_ptr_nonnull(strstr(why, "boot flag"));
    image[0x1fe] = 0x55;
    image[0x206] = 0x07;                                            /* protocol 2.07 */
    ck_assert_int_eq(parse_fails(len, &why), -EOPNOTSUPP);
    ck_assert_ptr_nonnull(strstr(why, "2.08"));
    image[0x206] = 0x0f;
    put32(image + 0x248, len);                                      /* offset outside */
    ck_assert_int_eq(parse_fails(len, &why), -EINVAL);
    ck_assert_ptr_nonnull(strstr(why, "outside"));
    put32(image + 0x248, PAYLOAD_OFF);
    put32(image + 0x24c, n + 1);                                    /* length outside */
    ck_assert_int_eq(parse_fails(len, &why), -EINVAL);
    put32(image + 0x24c, 0);
    ck_assert_int_eq(parse_fails(len, &why), -EINVAL);
    put32(image + 0x24c, n);
    image[0x1f1] = 0;                                   /* 0 means 4 setup sectors */
    ck_assert_int_lt(parse_fails(len, &why), 0);
    image[0x1f1] = 0xff;                                /* setup beyond the image */
    ck_assert_int_eq(parse_fails(len, &why), -EINVAL);
    image[0x1f1] = SETUP_SECTS;
    put32(image + 0x260, PLAIN_SIZE - 1);                           /* init_size */
    ck_assert_int_eq(parse_fails(len, &why), -EINVAL);
    ck_assert_ptr_nonnull(strstr(why, "init_size"));
    put32(image + 0x260, 2 * PLAIN_SIZE);
    put32(image + len - 4, PLAIN_SIZE + 1);                         /* size trailer */
    ck_assert_int_eq(parse_fails(len, &why), -EINVAL);
    ck_assert_ptr_nonnull(strstr(why, "trailer"));
    put32(image + len - 4, PLAIN_SIZE);
    ck_assert_int_eq(parse_fails(len, &why), 0);
    image[len - 40] ^= 4;                                           /* corrupt data */
    {
        struct bzimage bz;
        uint8_t *out = malloc(PLAIN_SIZE);

        if ( bzimage_parse(image, len, &bz, &why) == 0 )
            ck_assert_int_lt(bzimage_decompress(&bz, out, PLAIN_SIZE, &why), 0);
        free(out);
    }
}
END_TEST

START_TEST(other_formats_are_named)
{
    static const struct { const char *name; uint8_t magic[6]; } other[] = {
        { "bzip2", { 'B', 'Z', 'h', '9' } },
        { "lzma",  { 0x5d, 0, 0, 0x80 } },
        { "lzo",   { 0x89, 'L', 'Z', 'O' } },
        { "lz4",   { 0x02, 0x21, 0x4c, 0x18 } },
        { "zstd",  { 0x28, 0xb5, 0x2f, 0xfd } },
        { NULL,    { 'M', 'Z', 0, 0 } },
    };
    uint8_t payload[64];

    for ( unsigned int i = 0; i < sizeof(other) / sizeof(other[0]); i++ )
    {
        struct bzimage bz;
        const char *why;

        memset(payload, 0x11, sizeof(payload));
        memcpy(payload, other[i].magic, 6);
        ck_assert_int_eq(bzimage_parse(image, make_image(payload, sizeof(payload)), &bz, &why),
                         -EOPNOTSUPP);
        if ( other[i].name )
            ck_assert_str_eq(bz.format, other[i].name);
        else
            ck_assert_ptr_null(bz.format);
    }
}
END_TEST

static uint8_t *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    uint8_t *p;

    if ( f == NULL )
        return NULL;
    fseek(f, 0, SEEK_END);
    *len = ftell(f);
    rewind(f);
    p = malloc(*len);
    ck_assert_uint_eq(fread(p, 1, *len, f), *len);
    fclose(f);
    return p;
}

START_TEST(debians_kernel)
{
    size_t len, elf_len;
    uint8_t *bzimage = read_file(DEBIAN_BZIMAGE, &len), *elf = read_file(DEBIAN_ELF, &elf_len);
    uint8_t *out;
    struct bzimage bz;
    const char *why = NULL;
    int rc;

    ck_assert_ptr_nonnull(bzimage);
    ck_assert_ptr_nonnull(elf);
    rc = bzimage_parse(bzimage, len, &bz, &why);
    if ( rc )
        ck_abort_msg("Debian's bzImage refused (%d): %s", rc, why);
    ck_assert_str_eq(bz.format, "xz");
    ck_assert_uint_eq(bz.uncompressed, elf_len);
    out = malloc(elf_len);
    ck_assert_int_eq(bzimage_decompress(&bz, out, elf_len, &why), elf_len);
    ck_assert(!memcmp(out, elf, elf_len));
    free(out);
    free(elf);
    free(bzimage);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("bzimage");
    TCase *tc = tcase_create("synthetic");
    FILE *f = fopen(DEBIAN_BZIMAGE, "rb"), *g = fopen(DEBIAN_ELF, "rb");

    tcase_add_test(tc, xz_and_gzip_payloads);
    tcase_add_test(tc, bad_headers_are_refused);
    tcase_add_test(tc, other_formats_are_named);
    suite_add_tcase(s, tc);
    if ( f && g )
    {
        TCase *debian = tcase_create("debian");

        tcase_add_test(debian, debians_kernel);
        tcase_set_timeout(debian, 240);
        suite_add_tcase(s, debian);
    }
    else
        printf("SKIP test-bzimage debians_kernel: %s or %s absent "
               "(make -C tools/tests/dom0 makes them)\n", DEBIAN_BZIMAGE, DEBIAN_ELF);
    if ( f )
        fclose(f);
    if ( g )
        fclose(g);
    return hostenv_run_suite(s);
}
