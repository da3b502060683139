/*
 * bzImage parsing: the real-mode setup sectors with the setup header at
 * 0x1f1, then the protected-mode part, in which the header's payload
 * offset and length (boot protocol 2.08 and later) locate the compressed
 * kernel ELF.  Linux's build appends the uncompressed size (four bytes,
 * little-endian) after an XZ stream; it must agree with the stream's index.
 */
#include <asm/bzimage.h>
#include <xen/compiler.h>
#include <xen/errno.h>
#include <xen/inflate.h>
#include <xen/string.h>
#include <xen/unxz.h>

/* Setup header fields (offsets in the image). */
#define HDR_SETUP_SECTS         0x1f1
#define HDR_BOOT_FLAG           0x1fe
#define HDR_SIGNATURE           0x202
#define HDR_VERSION             0x206
#define HDR_PAYLOAD_OFFSET      0x248
#define HDR_PAYLOAD_LENGTH      0x24c
#define HDR_INIT_SIZE           0x260
#define HDR_END                 0x264
#define BOOT_FLAG               0xaa55
#define PROTOCOL_PAYLOAD        0x208   /* payload_offset/length exist */
#define PROTOCOL_INIT_SIZE      0x20a   /* init_size exists */
#define SECTOR                  512
#define DEFAULT_SETUP_SECTS     4       /* what setup_sects 0 means */

static uint32_t le32(const uint8_t *p)
{
    return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t le16(const uint8_t *p)
{
    return p[0] | p[1] << 8;
}

bool bzimage_probe(const uint8_t *image, size_t len)
{
    return len >= HDR_END && !memcmp(image + HDR_SIGNATURE, "HdrS", 4);
}

/* Payload formats Linux can build, by their magic. */
static const struct {
    const char *name;
    uint8_t len, magic[6];
} formats[] = {
    { "xz",    6, { 0xfd, '7', 'z', 'X', 'Z', 0x00 } },
    { "gzip",  2, { 0x1f, 0x8b } },
    { "bzip2", 3, { 'B', 'Z', 'h' } },
    { "lzma",  3, { 0x5d, 0x00, 0x00 } },
    { "lzo",   4, { 0x89, 'L', 'Z', 'O' } },
    { "lz4",   4, { 0x02, 0x21, 0x4c, 0x18 } },
    { "zstd",  4, { 0x28, 0xb5, 0x2f, 0xfd } },
};

/* The XZ stream, without Linux's size trailer if it has one. */
static int frame_xz(struct bzimage *bz, const char **why)
{
    uint64_t size;
    int rc;

    if ( bz->payload_len >= 4 &&
         !xz_uncompressed_size(bz->payload, bz->payload_len - 4, &size, why) )
    {
        if ( size != le32(bz->payload + bz->payload_len - 4) )
        {
            *why = "bzImage's size trailer disagrees with its XZ index";
            return -EINVAL;
        }
        bz->payload_len -= 4;
    }
    else if ( (rc = xz_uncompressed_size(bz->payload, bz->payload_len, &size, why)) )
        return rc;
    bz->uncompressed = size;
    if ( size != bz->uncompressed )
    {
        *why = "bzImage's XZ payload is too large";
        return -EINVAL;
    }
    return 0;
}

int bzimage_parse(const uint8_t *image, size_t len, struct bzimage *bz, const char **why)
{
    unsigned int setup_sects;
    size_t kernel_start, offset;
    int rc = 0;

    if ( !bzimage_probe(image, len) )
    {
        *why = "not a bzImage (no HdrS setup header)";
        return -EINVAL;
    }
    if ( le16(image + HDR_BOOT_FLAG) != BOOT_FLAG )
    {
        *why = "bzImage's boot flag is not 0xaa55";
        return -EINVAL;
    }
    bz->protocol = le16(image + HDR_VERSION);
    if ( bz->protocol < PROTOCOL_PAYLOAD )
    {
        *why = "bzImage's boot protocol is older than 2.08 (no payload fields)";
        return -EOPNOTSUPP;
    }
    setup_sects = image[HDR_SETUP_SECTS] ? image[HDR_SETUP_SECTS] : DEFAULT_SETUP_SECTS;
    kernel_start = (setup_sects + 1) * SECTOR;
    offset = le32(image + HDR_PAYLOAD_OFFSET);
    bz->payload_len = le32(image + HDR_PAYLOAD_LENGTH);
    if ( kernel_start > len || offset > len - kernel_start ||
         bz->payload_len > len - kernel_start - offset || bz->payload_len == 0 )
    {
        *why = "bzImage's payload lies outside the image";
        return -EINVAL;
    }
    bz->payload = image + kernel_start + offset;
    bz->init_size = bz->protocol >= PROTOCOL_INIT_SIZE ? le32(image + HDR_INIT_SIZE) : 0;

    bz->format = NULL;
    for ( unsigned int i = 0; i < ARRAY_SIZE(formats); i++ )
        if ( bz->payload_len >= formats[i].len &&
             !memcmp(bz->payload, formats[i].magic, formats[i].len) )
            bz->format = formats[i].name;
    if ( bz->format == NULL )
    {
        *why = "bzImage's payload is in an unknown format";
        return -EOPNOTSUPP;
    }
    if ( !strcmp(bz->format, "xz") )
        rc = frame_xz(bz, why);
    else if ( !strcmp(bz->format, "gzip") )
    {
        if ( !gzip_probe(bz->payload, bz->payload_len, &bz->uncompressed) )
        {
            *why = "bzImage's gzip payload is truncated";
            rc = -EINVAL;
        }
    }
    else
    {
        *why = "bzImage's payload format is not decoded here (only xz and gzip)";
        rc = -EOPNOTSUPP;
    }
    if ( rc )
        return rc;
    if ( bz->init_size && bz->uncompressed > bz->init_size )
    {
        *why = "bzImage's payload is larger than the kernel's init_size";
        return -EINVAL;
    }
    return 0;
}

ssize_t bzimage_decompress(const struct bzimage *bz, uint8_t *out, size_t out_len,
                           const char **why)
{
    ssize_t n;

    if ( !strcmp(bz->format, "xz") )
        n = xz_decode(bz->payload, bz->payload_len, out, out_len, why);
    else
    {
        n = gunzip(bz->payload, bz->payload_len, out, out_len);
        if ( n < 0 )
            *why = "bzImage's gzip payload is corrupt";
    }
    if ( n >= 0 && (size_t)n != bz->uncompressed )
    {
        *why = "bzImage's payload decompresses to another size than recorded";
        return -EINVAL;
    }
    return n;
}
