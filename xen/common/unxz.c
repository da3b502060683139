/*
 * The .xz container: a stream header (magic, flags naming the check
 * type), blocks (a header listing the filter chain and optional sizes,
 * the compressed data, padding to four bytes, the check of the
 * uncompressed data), the index (each block's unpadded and uncompressed
 * sizes) and a footer pointing back at the index.  Everything the format
 * records twice is compared: the index against the blocks decoded, the
 * footer's flags against the header's, every CRC32.  Streams may be
 * concatenated, with zero padding in multiples of four between them.
 */
#include <xen/errno.h>
#include <xen/inflate.h>
#include <xen/mm.h>
#include <xen/string.h>
#include <xen/unxz.h>

#include "lzma.h"

#define STREAM_HEADER_SIZE  12
#define STREAM_FOOTER_SIZE  12
#define CHECK_NONE          0
#define CHECK_CRC32         1
#define CHECK_CRC64         4
#define CHECK_SHA256        10
#define FILTER_X86          0x04
#define FILTER_LZMA2        0x21
#define VLI_MAX_BYTES       9

static const uint8_t header_magic[6] = { 0xfd, '7', 'z', 'X', 'Z', 0x00 };
static const uint8_t footer_magic[2] = { 'Y', 'Z' };

/* A bounded reader: every get fails, rather than reads, past the end. */
struct cursor {
    const uint8_t *p;
    size_t pos, end;
};

static uint32_t le32(const uint8_t *p)
{
    return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t crc64_update(uint64_t crc, const uint8_t *p, size_t n)
{
    crc = ~crc;
    while ( n-- )
    {
        crc ^= *p++;
        for ( unsigned int k = 0; k < 8; k++ )
            crc = (crc >> 1) ^ (0xc96c5795d7870f42ULL & -(crc & 1));
    }
    return ~crc;
}

/* Variable-length integer: 7 bits a byte, low first, no redundant zero byte. */
static int get_vli(struct cursor *c, uint64_t *v)
{
    *v = 0;
    for ( unsigned int i = 0; i < VLI_MAX_BYTES; i++ )
    {
        uint8_t b;

        if ( c->pos == c->end )
            return -EINVAL;
        b = c->p[c->pos++];
        *v |= (uint64_t)(b & 0x7f) << (i * 7);
        if ( !(b & 0x80) )
            return i && !b ? -EINVAL : 0;
    }
    return -EINVAL;
}

static unsigned int check_size(unsigned int type)
{
    return type == 0 ? 0 : 4u << ((type - 1) / 3);
}

static int parse_stream_flags(const uint8_t *p, unsigned int *check, const char **why)
{
    if ( le32(p + 2) != crc32_update(0, p, 2) )
    {
        *why = "XZ stream flags fail their CRC32";
        return -EINVAL;
    }
    if ( p[0] || (p[1] & 0xf0) )
    {
        *why = "XZ stream flags use reserved bits";
        return -EINVAL;
    }
    *check = p[1];
    if ( *check == CHECK_SHA256 )
    {
        *why = "XZ stream uses a SHA-256 check, which this decoder does not verify";
        return -EOPNOTSUPP;
    }
    if ( *check != CHECK_NONE && *check != CHECK_CRC32 && *check != CHECK_CRC64 )
    {
        *why = "XZ stream uses an unknown check type";
        return -EOPNOTSUPP;
    }
    return 0;
}

struct block_header {
    size_t size;
    uint64_t packed, unpacked;          /* UINT64_MAX when not recorded */
    uint32_t dict_size;
    bool x86;
    uint32_t x86_start;
};

static int parse_block_header(const uint8_t *in, size_t len, struct block_header *h,
                              const char **why)
{
    struct cursor c = { in, 2, 0 };
    unsigned int nr_filters;
    uint64_t id, props_len;

    h->size = ((size_t)in[0] + 1) * 4;
    if ( len < h->size )
        goto truncated;
    c.end = h->size - 4;
    if ( le32(in + h->size - 4) != crc32_update(0, in, h->size - 4) )
    {
        *why = "XZ block header fails its CRC32";
        return -EINVAL;
    }
    if ( in[1] & 0x3c )
    {
        *why = "XZ block header uses reserved flag bits";
        return -EINVAL;
    }
    nr_filters = (in[1] & 3) + 1;
    h->packed = h->unpacked = UINT64_MAX;
    if ( (in[1] & 0x40) && (get_vli(&c, &h->packed) || !h->packed) )
        goto bad;
    if ( (in[1] & 0x80) && get_vli(&c, &h->unpacked) )
        goto bad;
    h->x86 = false;
    h->x86_start = 0;
    for ( unsigned int i = 0; i < nr_filters; i++ )
    {
        bool last = i == nr_filters - 1;

        if ( get_vli(&c, &id) || get_vli(&c, &props_len) || c.end - c.pos < props_len )
            goto bad;
        if ( last != (id == FILTER_LZMA2) )
        {
            *why = last ? "XZ filter chain does not end with LZMA2"
                        : "XZ filter chain has LZMA2 before its end";
            return -EINVAL;
        }
        if ( id == FILTER_LZMA2 )
        {
            uint8_t b = c.p[c.pos];

            if ( props_len != 1 || b > 40 )
                goto bad;
            h->dict_size = b == 40 ? UINT32_MAX : (2u | (b & 1)) << (b / 2 + 11);
        }
        else if ( id == FILTER_X86 && !h->x86 )
        {
            if ( props_len == 4 )
                h->x86_start = le32(c.p + c.pos);
            else if ( props_len )
                goto bad;
            h->x86 = true;
        }
        else
        {
            *why = "XZ filter other than x86 BCJ and LZMA2 (not decoded here)";
            return -EOPNOTSUPP;
        }
        c.pos += props_len;
    }
    while ( c.pos < c.end )
        if ( c.p[c.pos++] )
        {
            *why = "XZ block header padding is not zero";
            return -EINVAL;
        }
    return 0;

 truncated:
    *why = "XZ block header truncated";
    return -EINVAL;
 bad:
    *why = "XZ block header malformed";
    return -EINVAL;
}

static bool check_matches(unsigned int type, const uint8_t *data, size_t n, const uint8_t *f)
{
    uint64_t crc64;

    switch ( type )
    {
    case CHECK_CRC32:
        return le32(f) == crc32_update(0, data, n);
    case CHECK_CRC64:
        crc64 = crc64_update(0, data, n);
        return le32(f) == (uint32_t)crc64 && le32(f + 4) == (uint32_t)(crc64 >> 32);
    default:
        return true;
    }
}

/* The sizes of one block, kept to compare with the index. */
struct record {
    uint64_t unpadded, unpacked;
};

/*
 * One block from in[*pos]: header, LZMA2 data (then BCJ), padding and
 * check; the block's output goes to out[*out_pos..).
 */
static int decode_block(struct lzma_dec *s, const uint8_t *in, size_t in_len, size_t *pos,
                        uint8_t *out, size_t *out_pos, size_t out_len, unsigned int check,
                        struct record *r, const char **why)
{
    struct block_header h = { 0 };
    size_t start = *pos, data, used, first = *out_pos;
    unsigned int csize = check_size(check);
    int rc = parse_block_header(in + start, in_len - start, &h, why);

    if ( rc )
        return rc;
    data = start + h.size;
    if ( (rc = lzma2_decode(s, in + data, in_len - data, &used, out, out_pos, out_len,
                            h.dict_size, why)) )
        return rc;
    if ( (h.packed != UINT64_MAX && h.packed != used) ||
         (h.unpacked != UINT64_MAX && h.unpacked != *out_pos - first) )
    {
        *why = "XZ block sizes differ from its header's";
        return -EINVAL;
    }
    if ( h.x86 )
        bcj_x86_decode(out + first, *out_pos - first, h.x86_start);
    *pos = data + used;
    while ( (*pos - start) & 3 )
    {
        if ( *pos == in_len || in[*pos] )
        {
            *why = "XZ block padding is missing or not zero";
            return -EINVAL;
        }
        (*pos)++;
    }
    if ( in_len - *pos < csize )
    {
        *why = "XZ block truncated before its check";
        return -EINVAL;
    }
    if ( !check_matches(check, out + first, *out_pos - first, in + *pos) )
    {
        *why = "XZ block's data fails its check";
        return -EILSEQ;
    }
    *pos += csize;
    r->unpadded = h.size + used + csize;
    r->unpacked = *out_pos - first;
    return 0;
}

/*
 * The index from in[*pos]: record count, records, padding, CRC32.  With
 * 'blocks', each record must equal the block decoded; without, the
 * uncompressed sizes are summed into *total (and unpadded sizes, rounded
 * up to four, into *packed).
 */
static int parse_index(const uint8_t *in, size_t len, size_t *pos, const struct record *blocks,
                       uint64_t nr_blocks, uint64_t *total, uint64_t *packed,
                       const char **why)
{
    struct cursor c = { in, *pos + 1, len };
    uint64_t count;

    *total = *packed = 0;
    if ( get_vli(&c, &count) || (blocks && count != nr_blocks) )
        goto bad;
    for ( uint64_t i = 0; i < count; i++ )
    {
        struct record r;

        if ( get_vli(&c, &r.unpadded) || get_vli(&c, &r.unpacked) || !r.unpadded )
            goto bad;
        if ( blocks && (r.unpadded != blocks[i].unpadded || r.unpacked != blocks[i].unpacked) )
        {
            *why = "XZ index disagrees with the blocks";
            return -EINVAL;
        }
        *total += r.unpacked;
        *packed += (r.unpadded + 3) & ~3ULL;
    }
    while ( (c.pos - *pos) & 3 )
        if ( c.pos == len || in[c.pos++] )
            goto bad;
    if ( len - c.pos < 4 || le32(in + c.pos) != crc32_update(0, in + *pos, c.pos - *pos) )
    {
        *why = "XZ index truncated or fails its CRC32";
        return -EINVAL;
    }
    *pos = c.pos + 4;
    return 0;

 bad:
    *why = "XZ index malformed";
    return -EINVAL;
}

/*
 * A stream footer: magic, CRC32, and agreement with the header's check
 * type and the index's size (SIZE_MAX: not known yet).
 */
static int parse_footer(const uint8_t *f, unsigned int check, size_t index_size,
                        const char **why)
{
    unsigned int footer_check;

    if ( memcmp(f + 10, footer_magic, sizeof(footer_magic)) )
    {
        *why = "XZ stream footer has no magic";
        return -EINVAL;
    }
    if ( le32(f) != crc32_update(0, f + 4, 6) )
    {
        *why = "XZ stream footer fails its CRC32";
        return -EINVAL;
    }
    if ( f[8] || (f[9] & 0xf0) )
    {
        *why = "XZ stream footer uses reserved bits";
        return -EINVAL;
    }
    footer_check = f[9];
    if ( footer_check != check ||
         (index_size != SIZE_MAX && ((uint64_t)le32(f + 4) + 1) * 4 != index_size) )
    {
        *why = "XZ stream footer disagrees with its header or index";
        return -EINVAL;
    }
    return 0;
}

bool xz_probe(const uint8_t *in, size_t len)
{
    return len >= STREAM_HEADER_SIZE && !memcmp(in, header_magic, sizeof(header_magic));
}

/* Grow the list of records decoded so far (the index is compared at the end). */
static int add_record(struct record **list, uint64_t *nr, uint64_t *cap, struct record r)
{
    if ( *nr == *cap )
    {
        uint64_t cap2 = *cap ? *cap * 2 : 16;
        struct record *n = xmalloc_array(struct record, cap2);

        if ( !n )
            return -ENOMEM;
        if ( *list )
            memcpy(n, *list, *nr * sizeof(*n));
        xfree(*list);
        *list = n;
        *cap = cap2;
    }
    (*list)[(*nr)++] = r;
    return 0;
}

static int decode_stream(struct lzma_dec *s, const uint8_t *in, size_t in_len, size_t *pos,
                         uint8_t *out, size_t *out_pos, size_t out_len, const char **why)
{
    struct record *blocks = NULL;
    uint64_t nr = 0, cap = 0, total, packed;
    unsigned int check;
    size_t index_start;
    int rc;

    if ( in_len - *pos < STREAM_HEADER_SIZE + STREAM_FOOTER_SIZE )
    {
        *why = "XZ stream truncated";
        return -EINVAL;
    }
    if ( memcmp(in + *pos, header_magic, sizeof(header_magic)) )
    {
        *why = "XZ stream header has no magic";
        return -EINVAL;
    }
    if ( (rc = parse_stream_flags(in + *pos + 6, &check, why)) )
        return rc;
    *pos += STREAM_HEADER_SIZE;
    while ( *pos < in_len && in[*pos] )
    {
        struct record r;

        if ( (rc = decode_block(s, in, in_len, pos, out, out_pos, out_len, check, &r, why)) )
            goto out;
        if ( (rc = add_record(&blocks, &nr, &cap, r)) )
        {
            *why = "no memory for the XZ block list";
            goto out;
        }
    }
    if ( *pos == in_len )
    {
        *why = "XZ stream truncated before its index";
        rc = -EINVAL;
        goto out;
    }
    index_start = *pos;
    if ( (rc = parse_index(in, in_len, pos, blocks, nr, &total, &packed, why)) )
        goto out;
    if ( in_len - *pos < STREAM_FOOTER_SIZE )
    {
        *why = "XZ stream truncated before its footer";
        rc = -EINVAL;
        goto out;
    }
    rc = parse_footer(in + *pos, check, *pos - index_start, why);
    *pos += STREAM_FOOTER_SIZE;
 out:
    xfree(blocks);
    return rc;
}

ssize_t xz_decode(const uint8_t *in, size_t in_len, uint8_t *out, size_t out_len,
                  const char **why)
{
    struct lzma_dec *s;
    size_t pos = 0, out_pos = 0;
    int rc = 0;

    if ( !xz_probe(in, in_len) )
    {
        *why = "not an XZ stream (no magic)";
        return -EINVAL;
    }
    s = xmalloc(struct lzma_dec);
    if ( !s )
    {
        *why = "no memory for the XZ decoder";
        return -ENOMEM;
    }
    while ( pos < in_len )
    {
        if ( (rc = decode_stream(s, in, in_len, &pos, out, &out_pos, out_len, why)) )
            break;
        /* Stream padding: zero bytes in fours, then maybe another stream. */
        while ( pos < in_len && !in[pos] )
            pos++;
        if ( pos & 3 )
        {
            *why = "XZ stream padding is not a multiple of four bytes";
            rc = -EINVAL;
            break;
        }
    }
    xfree(s);
    return rc ? rc : (ssize_t)out_pos;
}

int xz_uncompressed_size(const uint8_t *in, size_t len, uint64_t *size, const char **why)
{
    size_t end = len;
    bool found = false;

    *size = 0;
    if ( len & 3 )
    {
        *why = "XZ data is not a multiple of four bytes";
        return -EINVAL;
    }
    while ( end )
    {
        const uint8_t *f;
        unsigned int check = 0;
        size_t index_size, index_pos, pos;
        uint64_t total, packed;
        int rc;

        while ( end >= 4 && !le32(in + end - 4) )
            end -= 4;                   /* stream padding */
        if ( !end )
            break;
        if ( end < STREAM_HEADER_SIZE + STREAM_FOOTER_SIZE )
            goto truncated;
        f = in + end - STREAM_FOOTER_SIZE;
        if ( (rc = parse_footer(f, f[9] & 0x0f, SIZE_MAX, why)) )
            return rc;
        check = f[9];
        index_size = ((size_t)le32(f + 4) + 1) * 4;
        if ( index_size > end - STREAM_FOOTER_SIZE - STREAM_HEADER_SIZE )
            goto truncated;
        index_pos = end - STREAM_FOOTER_SIZE - index_size;
        pos = index_pos;
        if ( in[pos] )
        {
            *why = "XZ footer does not point at an index";
            return -EINVAL;
        }
        if ( (rc = parse_index(in, end - STREAM_FOOTER_SIZE, &pos, NULL, 0, &total, &packed,
                               why)) )
            return rc;
        if ( pos != end - STREAM_FOOTER_SIZE ||
             packed > index_pos - STREAM_HEADER_SIZE )
            goto truncated;
        end = index_pos - packed - STREAM_HEADER_SIZE;
        if ( memcmp(in + end, header_magic, sizeof(header_magic)) ||
             (rc = parse_stream_flags(in + end + 6, &check, why)) || check != f[9] )
        {
            *why = rc == -EOPNOTSUPP ? *why : "XZ index does not lead back to a stream header";
            return rc ? rc : -EINVAL;
        }
        *size += total;
        found = true;
    }
    if ( !found )
    {
        *why = "no XZ stream in the data";
        return -EINVAL;
    }
    return 0;

 truncated:
    *why = "XZ stream sizes do not fit the data";
    return -EINVAL;
}
