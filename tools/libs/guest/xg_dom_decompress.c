/*
 * The kernel's container: a plain ELF, a gzip'd (zlib) or XZ'd (liblzma) ELF,
 * or a bzImage (Linux boot protocol 2.08+) whose payload is one of those.
 * A gzip'd ramdisk is inflated too, as Xen's builder does.  Output grows as
 * needed up to XG_MAX_KERNEL; truncated and corrupt data are told apart in
 * the error.
 */
#include <errno.h>
#include <lzma.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "xg_private.h"

static const uint8_t gzip_magic[] = { 0x1f, 0x8b };
static const uint8_t xz_magic[] = { 0xfd, '7', 'z', 'X', 'Z', 0x00 };

/* The x86 boot protocol's setup header, at its fixed offsets in a bzImage. */
#define BZ_SETUP_SECTS      0x1f1
#define BZ_HEADER_MAGIC     0x202
#define BZ_VERSION          0x206
#define BZ_PAYLOAD_OFFSET   0x248
#define BZ_PAYLOAD_LENGTH   0x24c
#define BZ_HEADER_END       0x250

static bool has_magic(const uint8_t *p, size_t len, const uint8_t *magic, size_t n)
{
    return len >= n && !memcmp(p, magic, n);
}

static uint32_t le32(const uint8_t *p)
{
    return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24);
}

/* Make room for at least one more byte after used; false past XG_MAX_KERNEL. */
static bool grow(uint8_t **buf, size_t *cap, size_t used)
{
    size_t want = *cap ? *cap * 2 : 1 << 20;
    uint8_t *p;

    if ( used < *cap )
        return true;
    if ( *cap >= XG_MAX_KERNEL )
        return false;
    if ( want > XG_MAX_KERNEL )
        want = XG_MAX_KERNEL;
    p = realloc(*buf, want);
    if ( !p )
        return false;
    *buf = p;
    *cap = want;
    return true;
}

static int gunzip(struct xg_dom *dom, const char *what, const uint8_t *in, size_t len,
                  uint8_t **out, size_t *out_len)
{
    z_stream zs = { .next_in = (Bytef *)in, .avail_in = len };
    uint8_t *buf = NULL;
    size_t cap = 0;
    int zrc = Z_OK, rc = 0;

    if ( len > UINT32_MAX )
        return xg_fail(dom, -EFBIG, "the gzip'd %s is larger than 4 GiB", what);
    if ( inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK )
        return xg_fail(dom, -ENOMEM, "zlib: cannot start inflating");
    while ( zrc != Z_STREAM_END )
    {
        if ( !grow(&buf, &cap, zs.total_out) )
        {
            rc = xg_fail(dom, -EFBIG, "the gzip'd %s inflates past %llu MiB", what,
                         XG_MAX_KERNEL >> 20);
            break;
        }
        zs.next_out = buf + zs.total_out;
        zs.avail_out = cap - zs.total_out;
        zrc = inflate(&zs, Z_NO_FLUSH);
        if ( zrc == Z_OK || zrc == Z_STREAM_END )
            continue;
        if ( zrc == Z_BUF_ERROR && zs.avail_in == 0 )
            rc = xg_fail(dom, -EINVAL, "truncated gzip data: the %s ends after %zu of "
                         "its bytes", what, len);
        else if ( zrc == Z_BUF_ERROR )
            continue;                   /* the output was full: grow and go on */
        else
            rc = xg_fail(dom, -EINVAL, "corrupt gzip data in the %s (zlib: %s)", what,
                         zs.msg ? zs.msg : "error");
        break;
    }
    *out_len = zs.total_out;
    inflateEnd(&zs);
    if ( rc )
    {
        free(buf);
        return rc;
    }
    *out = buf;
    return 0;
}

static int unxz(struct xg_dom *dom, const char *what, const uint8_t *in, size_t len,
                uint8_t **out, size_t *out_len)
{
    lzma_stream xs = LZMA_STREAM_INIT;
    uint8_t *buf = NULL;
    size_t cap = 0;
    lzma_ret xrc = LZMA_OK;
    int rc = 0;

    /* One stream: a bzImage's payload ends with 4 bytes of size after it. */
    if ( lzma_stream_decoder(&xs, UINT64_MAX, 0) != LZMA_OK )
        return xg_fail(dom, -ENOMEM, "liblzma: cannot start decoding");
    xs.next_in = in;
    xs.avail_in = len;
    while ( xrc != LZMA_STREAM_END )
    {
        if ( !grow(&buf, &cap, xs.total_out) )
        {
            rc = xg_fail(dom, -EFBIG, "the XZ'd %s decodes past %llu MiB", what,
                         XG_MAX_KERNEL >> 20);
            break;
        }
        xs.next_out = buf + xs.total_out;
        xs.avail_out = cap - xs.total_out;
        xrc = lzma_code(&xs, LZMA_FINISH);
        if ( xrc == LZMA_OK || xrc == LZMA_STREAM_END || (xrc == LZMA_BUF_ERROR &&
                                                          xs.avail_in) )
            continue;
        if ( xrc == LZMA_BUF_ERROR )
            rc = xg_fail(dom, -EINVAL, "truncated xz data: the %s ends after %zu of "
                         "its bytes", what, len);
        else if ( xrc == LZMA_MEM_ERROR )
            rc = xg_fail(dom, -ENOMEM, "liblzma: out of memory");
        else
            rc = xg_fail(dom, -EINVAL, "corrupt xz data in the %s (liblzma error %d)", what,
                         (int)xrc);
        break;
    }
    *out_len = xs.total_out;
    lzma_end(&xs);
    if ( rc )
    {
        free(buf);
        return rc;
    }
    *out = buf;
    return 0;
}

/* A gzip or XZ stream; 1 if blob is neither. */
static int decompress(struct xg_dom *dom, const uint8_t *blob, size_t len, uint8_t **out,
                      size_t *out_len)
{
    if ( has_magic(blob, len, gzip_magic, sizeof(gzip_magic)) )
        return gunzip(dom, "kernel", blob, len, out, out_len);
    if ( has_magic(blob, len, xz_magic, sizeof(xz_magic)) )
        return unxz(dom, "kernel", blob, len, out, out_len);
    return 1;
}

static int unpack_bzimage(struct xg_dom *dom, const uint8_t *blob, size_t len, uint8_t **out,
                          size_t *out_len, const char **format)
{
    uint16_t version = blob[BZ_VERSION] | (blob[BZ_VERSION + 1] << 8);
    unsigned int setup_sects = blob[BZ_SETUP_SECTS] ? blob[BZ_SETUP_SECTS] : 4;
    uint64_t start, length;
    int rc;

    if ( version < 0x208 )
        return xg_fail(dom, -ENOEXEC, "bzImage boot protocol %#x has no payload fields "
                       "(2.08 or later needed)", version);
    start = (setup_sects + 1) * 512ULL + le32(blob + BZ_PAYLOAD_OFFSET);
    length = le32(blob + BZ_PAYLOAD_LENGTH);
    if ( start > len || length > len - start )
        return xg_fail(dom, -ENOEXEC, "the bzImage's payload lies outside the file");
    rc = decompress(dom, blob + start, length, out, out_len);
    if ( rc == 1 )
        return xg_fail(dom, -ENOEXEC, "the bzImage's payload is neither gzip nor xz");
    if ( rc == 0 )
        *format = blob[start] == gzip_magic[0] ? "bzImage+gzip" : "bzImage+xz";
    return rc;
}

int xg_unpack_kernel(struct xg_dom *dom, const uint8_t *blob, size_t len, uint8_t **out,
                     size_t *out_len, const char **format)
{
    int rc;

    *out = NULL;
    *out_len = len;
    *format = "ELF";
    if ( len >= BZ_HEADER_END && !memcmp(blob + BZ_HEADER_MAGIC, "HdrS", 4) )
        return unpack_bzimage(dom, blob, len, out, out_len, format);
    rc = decompress(dom, blob, len, out, out_len);
    if ( rc == 1 )
    {
        *out_len = len;
        return 0;
    }
    if ( rc == 0 )
        *format = blob[0] == gzip_magic[0] ? "gzip" : "xz";
    return rc;
}

int xg_unpack_ramdisk(struct xg_dom *dom, const uint8_t *blob, size_t len, uint8_t **out,
                      size_t *out_len)
{
    *out = NULL;
    *out_len = len;
    if ( !has_magic(blob, len, gzip_magic, sizeof(gzip_magic)) )
        return 0;
    return gunzip(dom, "ramdisk", blob, len, out, out_len);
}
