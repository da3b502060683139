/*
 * DEFLATE decoding: canonical Huffman tables built per block (counts and
 * symbols, decoded bit by bit), stored, fixed and dynamic blocks, and the
 * gzip member format around them.
 */
#include <xen/errno.h>
#include <xen/inflate.h>
#include <xen/string.h>

#define MAX_BITS        15
#define NUM_LITLEN      288
#define NUM_DIST        30

struct bits {
    const uint8_t *in;
    size_t len, pos;
    uint32_t buf;
    unsigned int count;
    uint8_t *out;
    size_t out_len, out_pos;
};

struct huffman {
    uint16_t count[MAX_BITS + 1];   /* codes of each length */
    uint16_t symbol[NUM_LITLEN];    /* symbols ordered by code */
};

static int need(struct bits *s, unsigned int n)
{
    while ( s->count < n )
    {
        if ( s->pos == s->len )
            return -EINVAL;         /* the stream ends too early */
        s->buf |= (uint32_t)s->in[s->pos++] << s->count;
        s->count += 8;
    }
    return 0;
}

static int getbits(struct bits *s, unsigned int n, uint32_t *v)
{
    int rc = need(s, n);

    if ( rc )
        return rc;
    *v = s->buf & ((1u << n) - 1);
    s->buf >>= n;
    s->count -= n;
    return 0;
}

/* Build a table from code lengths; -EINVAL if the lengths over-subscribe. */
static int build(struct huffman *h, const uint8_t *lengths, unsigned int n)
{
    uint16_t offs[MAX_BITS + 1];
    int left = 1;

    memset(h->count, 0, sizeof(h->count));
    for ( unsigned int i = 0; i < n; i++ )
        h->count[lengths[i]]++;
    if ( h->count[0] == n )
        return 0;                   /* no codes: usable only if never used */
    for ( unsigned int len = 1; len <= MAX_BITS; len++ )
    {
        left <<= 1;
        left -= h->count[len];
        if ( left < 0 )
            return -EINVAL;
    }
    offs[1] = 0;
    for ( unsigned int len = 1; len < MAX_BITS; len++ )
        offs[len + 1] = offs[len] + h->count[len];
    for ( unsigned int i = 0; i < n; i++ )
        if ( lengths[i] )
            h->symbol[offs[lengths[i]]++] = i;
    return 0;
}

/* Decode one symbol, a bit at a time (codes are sent most-significant bit first). */
static int decode(struct bits *s, const struct huffman *h)
{
    int code = 0, first = 0, index = 0;

    for ( unsigned int len = 1; len <= MAX_BITS; len++ )
    {
        uint32_t bit;
        int count = h->count[len];

        if ( getbits(s, 1, &bit) )
            return -EINVAL;
        code |= bit;
        if ( code - count < first )
            return h->symbol[index + (code - first)];
        index += count;
        first += count;
        first <<= 1;
        code <<= 1;
    }
    return -EINVAL;                 /* no code of any length matched */
}

static const uint16_t len_base[29] = {
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
    35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
static const uint8_t len_extra[29] = {
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };
static const uint16_t dist_base[30] = {
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
    257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577 };
static const uint8_t dist_extra[30] = {
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
    7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13 };

static int codes(struct bits *s, const struct huffman *lit, const struct huffman *dist)
{
    for ( ;; )
    {
        int sym = decode(s, lit);
        uint32_t extra;
        size_t len, d;

        if ( sym < 0 )
            return sym;
        if ( sym < 256 )
        {
            if ( s->out_pos == s->out_len )
                return -ENOSPC;
            s->out[s->out_pos++] = sym;
            continue;
        }
        if ( sym == 256 )
            return 0;               /* end of block */
        sym -= 257;
        if ( sym >= 29 || getbits(s, len_extra[sym], &extra) )
            return -EINVAL;
        len = len_base[sym] + extra;
        sym = decode(s, dist);
        if ( sym < 0 || sym >= 30 || getbits(s, dist_extra[sym], &extra) )
            return -EINVAL;
        d = dist_base[sym] + extra;
        if ( d > s->out_pos )
            return -EINVAL;         /* refers back before the start */
        if ( len > s->out_len - s->out_pos )
            return -ENOSPC;
        for ( ; len; len--, s->out_pos++ )
            s->out[s->out_pos] = s->out[s->out_pos - d];
    }
}

static int stored(struct bits *s)
{
    uint16_t len, nlen;

    s->buf = 0;                     /* stored blocks start on a byte boundary */
    s->count = 0;
    if ( s->len - s->pos < 4 )
        return -EINVAL;
    len = s->in[s->pos] | (s->in[s->pos + 1] << 8);
    nlen = s->in[s->pos + 2] | (s->in[s->pos + 3] << 8);
    s->pos += 4;
    if ( (uint16_t)(len ^ nlen) != 0xffff || s->len - s->pos < len )
        return -EINVAL;
    if ( s->out_len - s->out_pos < len )
        return -ENOSPC;
    memcpy(s->out + s->out_pos, s->in + s->pos, len);
    s->pos += len;
    s->out_pos += len;
    return 0;
}

static int fixed(struct bits *s)
{
    static struct huffman lit, dist;
    static bool built;
    uint8_t lengths[NUM_LITLEN];

    if ( !built )
    {
        unsigned int i = 0;

        for ( ; i < 144; i++ ) lengths[i] = 8;
        for ( ; i < 256; i++ ) lengths[i] = 9;
        for ( ; i < 280; i++ ) lengths[i] = 7;
        for ( ; i < NUM_LITLEN; i++ ) lengths[i] = 8;
        build(&lit, lengths, NUM_LITLEN);
        for ( i = 0; i < NUM_DIST; i++ )
            lengths[i] = 5;
        build(&dist, lengths, NUM_DIST);
        built = true;
    }
    return codes(s, &lit, &dist);
}

static int dynamic(struct bits *s)
{
    static const uint8_t order[19] = {
        16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15 };
    uint8_t lengths[NUM_LITLEN + NUM_DIST];
    struct huffman lencode, lit, dist;
    uint32_t nlen, ndist, ncode, v;
    unsigned int index = 0;

    if ( getbits(s, 5, &nlen) || getbits(s, 5, &ndist) || getbits(s, 4, &ncode) )
        return -EINVAL;
    nlen += 257;
    ndist += 1;
    ncode += 4;
    if ( nlen > 286 || ndist > 30 )
        return -EINVAL;
    memset(lengths, 0, 19);
    for ( unsigned int i = 0; i < ncode; i++ )
    {
        if ( getbits(s, 3, &v) )
            return -EINVAL;
        lengths[order[i]] = v;
    }
    if ( build(&lencode, lengths, 19) )
        return -EINVAL;

    while ( index < nlen + ndist )
    {
        int sym = decode(s, &lencode);
        unsigned int repeat, value = 0;

        if ( sym < 0 )
            return -EINVAL;
        if ( sym < 16 )
        {
            lengths[index++] = sym;
            continue;
        }
        if ( sym == 16 )
        {
            if ( index == 0 || getbits(s, 2, &v) )
                return -EINVAL;
            value = lengths[index - 1];
            repeat = 3 + v;
        }
        else if ( sym == 17 )
        {
            if ( getbits(s, 3, &v) )
                return -EINVAL;
            repeat = 3 + v;
        }
        else
        {
            if ( getbits(s, 7, &v) )
                return -EINVAL;
            repeat = 11 + v;
        }
        if ( index + repeat > nlen + ndist )
            return -EINVAL;
        while ( repeat-- )
            lengths[index++] = value;
    }
    if ( lengths[256] == 0 )
        return -EINVAL;             /* no end-of-block code */
    if ( build(&lit, lengths, nlen) || build(&dist, lengths + nlen, ndist) )
        return -EINVAL;
    return codes(s, &lit, &dist);
}

ssize_t raw_inflate(const uint8_t *in, size_t in_len, uint8_t *out, size_t out_len,
                size_t *consumed)
{
    struct bits s = { .in = in, .len = in_len, .out = out, .out_len = out_len };
    uint32_t last, type;
    int rc;

    do {
        if ( getbits(&s, 1, &last) || getbits(&s, 2, &type) )
            return -EINVAL;
        switch ( type )
        {
        case 0: rc = stored(&s); break;
        case 1: rc = fixed(&s); break;
        case 2: rc = dynamic(&s); break;
        default: rc = -EINVAL; break;
        }
        if ( rc )
            return rc;
    } while ( !last );
    if ( consumed )
        *consumed = s.pos;          /* whole bytes; the last one may be partly used */
    return s.out_pos;
}

#define CRC32_POLY      0xedb88320u     /* reflected IEEE 802.3 polynomial */
#define CRC32_TABLE_MIN 256             /* shorter data: bit by bit */

/*
 * Long data (a kernel) goes a byte at a time through a table built on
 * the stack for this call, which keeps the function free of shared state.
 */
uint32_t crc32_update(uint32_t crc, const uint8_t *p, size_t n)
{
    uint32_t table[256];

    crc = ~crc;
    if ( n < CRC32_TABLE_MIN )
    {
        while ( n-- )
        {
            crc ^= *p++;
            for ( unsigned int k = 0; k < 8; k++ )
                crc = (crc >> 1) ^ (CRC32_POLY & -(crc & 1));
        }
        return ~crc;
    }
    for ( unsigned int i = 0; i < 256; i++ )
    {
        uint32_t t = i;

        for ( unsigned int k = 0; k < 8; k++ )
            t = (t >> 1) ^ (CRC32_POLY & -(t & 1));
        table[i] = t;
    }
    while ( n-- )
        crc = (crc >> 8) ^ table[(crc ^ *p++) & 0xff];
    return ~crc;
}

#define GZ_FTEXT    1
#define GZ_FHCRC    2
#define GZ_FEXTRA   4
#define GZ_FNAME    8
#define GZ_FCOMMENT 16

bool gzip_probe(const uint8_t *in, size_t len, size_t *uncompressed)
{
    if ( len < 18 || in[0] != 0x1f || in[1] != 0x8b || in[2] != 8 )
        return false;
    *uncompressed = in[len - 4] | (in[len - 3] << 8) | (in[len - 2] << 16) |
                    ((size_t)in[len - 1] << 24);
    return true;
}

ssize_t gunzip(const uint8_t *in, size_t in_len, uint8_t *out, size_t out_len)
{
    size_t pos = 10, used, isize;
    uint8_t flags;
    uint32_t crc;
    ssize_t n;

    if ( !gzip_probe(in, in_len, &isize) )
        return -EINVAL;
    flags = in[3];
    if ( flags & GZ_FEXTRA )
    {
        if ( in_len < pos + 2 )
            return -EINVAL;
        pos += 2 + (in[pos] | (in[pos + 1] << 8));
    }
    for ( unsigned int f = GZ_FNAME; f <= GZ_FCOMMENT; f <<= 1 )
        if ( flags & f )
        {
            while ( pos < in_len && in[pos] )
                pos++;
            pos++;
        }
    if ( flags & GZ_FHCRC )
        pos += 2;
    if ( pos + 8 > in_len )
        return -EINVAL;
    n = raw_inflate(in + pos, in_len - pos - 8, out, out_len, &used);
    if ( n < 0 )
        return n;
    pos += used;
    crc = in[pos] | (in[pos + 1] << 8) | (in[pos + 2] << 16) | ((uint32_t)in[pos + 3] << 24);
    if ( crc != crc32_update(0, out, n) || (uint32_t)n != (uint32_t)isize )
        return -EILSEQ;             /* the data is not what was compressed */
    return n;
}
