/*
 * The LZMA decoder: a binary range decoder with adaptive 11-bit
 * probabilities, and the literal / match / repeated-match state machine
 * over it.  Its input is one chunk, all of it in memory; reading past the
 * chunk sets 'overrun' (zeros are fed meanwhile) and the chunk fails.
 * Every match is checked against the bytes since the dictionary reset
 * before it is copied.
 */
#include <xen/errno.h>
#include <xen/string.h>

#include "lzma.h"

#define PROB_BITS       11
#define PROB_INIT       (1u << (PROB_BITS - 1))
#define MOVE_BITS       5
#define RANGE_TOP       (1u << 24)
#define MATCH_LEN_MIN   2
#define LITERAL_STATES  7               /* states below this follow a literal */

/* Length decoder layout inside match_len / rep_len. */
#define LEN_CHOICE      0
#define LEN_CHOICE2     1
#define LEN_LOW         2
#define LEN_MID         (LEN_LOW + LZMA_POS_STATES_MAX * 8)
#define LEN_HIGH        (LEN_MID + LZMA_POS_STATES_MAX * 8)

static uint8_t next_in(struct lzma_dec *s)
{
    if ( s->in_pos == s->in_end )
    {
        s->overrun = true;
        return 0;
    }
    return s->in[s->in_pos++];
}

static void normalize(struct lzma_dec *s)
{
    if ( s->range < RANGE_TOP )
    {
        s->range <<= 8;
        s->code = (s->code << 8) | next_in(s);
    }
}

static unsigned int bit(struct lzma_dec *s, uint16_t *prob)
{
    uint32_t bound;

    normalize(s);
    bound = (s->range >> PROB_BITS) * *prob;
    if ( s->code < bound )
    {
        s->range = bound;
        *prob += ((1u << PROB_BITS) - *prob) >> MOVE_BITS;
        return 0;
    }
    s->range -= bound;
    s->code -= bound;
    *prob -= *prob >> MOVE_BITS;
    return 1;
}

/* Equiprobable bits, most significant first. */
static uint32_t direct_bits(struct lzma_dec *s, unsigned int n)
{
    uint32_t v = 0;

    while ( n-- )
    {
        normalize(s);
        s->range >>= 1;
        v <<= 1;
        if ( s->code >= s->range )
        {
            s->code -= s->range;
            v |= 1;
        }
    }
    return v;
}

/* A tree of n bits, most significant first: returns 0..2^n-1. */
static uint32_t tree(struct lzma_dec *s, uint16_t *probs, unsigned int n)
{
    uint32_t m = 1;

    for ( unsigned int i = 0; i < n; i++ )
        m = (m << 1) | bit(s, &probs[m]);
    return m - (1u << n);
}

/*
 * The same tree, least significant bit first; its nodes are numbered from
 * 1 (the root) but stored from probs[0].
 */
static uint32_t tree_reverse(struct lzma_dec *s, uint16_t *probs, unsigned int n)
{
    uint32_t m = 1, v = 0;

    for ( unsigned int i = 0; i < n; i++ )
    {
        unsigned int b = bit(s, &probs[m - 1]);

        m = (m << 1) | b;
        v |= b << i;
    }
    return v;
}

static uint32_t length(struct lzma_dec *s, uint16_t *p, unsigned int pos_state)
{
    if ( !bit(s, &p[LEN_CHOICE]) )
        return MATCH_LEN_MIN + tree(s, &p[LEN_LOW + pos_state * 8], 3);
    if ( !bit(s, &p[LEN_CHOICE2]) )
        return MATCH_LEN_MIN + 8 + tree(s, &p[LEN_MID + pos_state * 8], 3);
    return MATCH_LEN_MIN + 16 + tree(s, &p[LEN_HIGH], 8);
}

int lzma_set_props(struct lzma_dec *s, uint8_t props, const char **why)
{
    if ( props >= 9 * 5 * 5 )
    {
        *why = "LZMA properties byte out of range";
        return -EINVAL;
    }
    s->lc = props % 9;
    s->lp = props / 9 % 5;
    s->pb = props / 45;
    if ( s->lc + s->lp > 4 )
    {
        *why = "LZMA2 chunk with lc + lp above 4";
        return -EINVAL;
    }
    return 0;
}

void lzma_reset_state(struct lzma_dec *s)
{
    uint16_t *first = &s->is_match[0][0];
    uint16_t *end = &s->literal[LZMA_LITERAL_CODERS - 1][0x300];

    /* The probability arrays are laid out one after another in the struct. */
    for ( uint16_t *p = first; p < end; p++ )
        *p = PROB_INIT;
    s->state = 0;
    memset(s->rep, 0, sizeof(s->rep));
    s->pending = 0;
}

/* Copy len bytes from distance rep0 + 1 back, within the chunk's output. */
static int copy_match(struct lzma_dec *s, uint32_t len, const char **why)
{
    size_t dist = (size_t)s->rep[0] + 1;

    if ( dist > s->pos - s->dict_start || dist > s->dict_size )
    {
        *why = "LZMA match reaches before the dictionary";
        return -EINVAL;
    }
    while ( len && s->pos < s->limit )
    {
        s->out[s->pos] = s->out[s->pos - dist];
        s->pos++;
        len--;
    }
    s->pending = len;
    return 0;
}

static void literal(struct lzma_dec *s)
{
    size_t here = s->pos - s->dict_start;
    unsigned int prev = here ? s->out[s->pos - 1] : 0;
    uint16_t *probs = s->literal[((here & ((1u << s->lp) - 1)) << s->lc) +
                                 (prev >> (8 - s->lc))];
    uint32_t sym = 1;

    if ( s->state < LITERAL_STATES )
        while ( sym < 0x100 )
            sym = (sym << 1) | bit(s, &probs[sym]);
    else
    {
        /*
         * After a match, the byte at rep0 steers the probabilities until
         * the first bit that differs from it.  copy_match() checked rep0.
         */
        uint32_t match = (uint32_t)s->out[s->pos - s->rep[0] - 1] << 1;
        uint32_t offset = 0x100;

        while ( sym < 0x100 )
        {
            uint32_t match_bit = match & offset;
            unsigned int b = bit(s, &probs[offset + match_bit + sym]);

            match <<= 1;
            sym = (sym << 1) | b;
            offset &= b ? match_bit : ~match_bit;
        }
    }
    s->out[s->pos++] = (uint8_t)sym;
    s->state = s->state < 4 ? 0 : s->state < 10 ? s->state - 3 : s->state - 6;
}

/* A new distance: slot, then its low bits from a tree or direct bits. */
static uint32_t distance(struct lzma_dec *s, uint32_t len)
{
    unsigned int dist_state = len - MATCH_LEN_MIN < LZMA_DIST_STATES - 1 ?
                              len - MATCH_LEN_MIN : LZMA_DIST_STATES - 1;
    uint32_t slot = tree(s, s->dist_slot[dist_state], 6), nbits, dist;

    if ( slot < 4 )
        return slot;
    nbits = (slot >> 1) - 1;
    dist = (2 | (slot & 1)) << nbits;
    if ( slot < LZMA_DIST_MODEL_END )
        /* The trees of slots 4..13 are packed one after another. */
        return dist + tree_reverse(s, &s->dist_special[dist - slot], nbits);
    dist += direct_bits(s, nbits - LZMA_ALIGN_BITS) << LZMA_ALIGN_BITS;
    return dist + tree_reverse(s, s->dist_align, LZMA_ALIGN_BITS);
}

static int match_or_rep(struct lzma_dec *s, unsigned int pos_state, const char **why)
{
    bool after_literal = s->state < LITERAL_STATES;
    uint32_t len;

    if ( !bit(s, &s->is_rep[s->state]) )
    {
        len = length(s, s->match_len, pos_state);
        s->rep[3] = s->rep[2];
        s->rep[2] = s->rep[1];
        s->rep[1] = s->rep[0];
        s->rep[0] = distance(s, len);
        s->state = after_literal ? 7 : 10;
        if ( s->rep[0] == UINT32_MAX )
        {
            *why = "LZMA end marker inside LZMA2 data";
            return -EINVAL;
        }
        return copy_match(s, len, why);
    }
    if ( !bit(s, &s->is_rep0[s->state]) )
    {
        if ( !bit(s, &s->is_rep0_long[s->state][pos_state]) )
        {
            s->state = after_literal ? 9 : 11;
            return copy_match(s, 1, why);
        }
    }
    else
    {
        uint32_t dist;

        if ( !bit(s, &s->is_rep1[s->state]) )
            dist = s->rep[1];
        else
        {
            if ( !bit(s, &s->is_rep2[s->state]) )
                dist = s->rep[2];
            else
            {
                dist = s->rep[3];
                s->rep[3] = s->rep[2];
            }
            s->rep[2] = s->rep[1];
        }
        s->rep[1] = s->rep[0];
        s->rep[0] = dist;
    }
    len = length(s, s->rep_len, pos_state);
    s->state = after_literal ? 8 : 11;
    return copy_match(s, len, why);
}

int lzma_decode_chunk(struct lzma_dec *s, const uint8_t *in, size_t in_len,
                      const char **why)
{
    int rc;

    s->in = in;
    s->in_pos = 0;
    s->in_end = in_len;
    s->overrun = false;
    s->range = UINT32_MAX;
    s->code = 0;
    if ( next_in(s) != 0 )
    {
        *why = "LZMA chunk's range coder does not start with a zero byte";
        return -EINVAL;
    }
    for ( unsigned int i = 0; i < 4; i++ )
        s->code = (s->code << 8) | next_in(s);
    if ( s->overrun || s->code == UINT32_MAX )
    {
        *why = "LZMA chunk too short for its range coder";
        return -EINVAL;
    }
    if ( s->pending && (rc = copy_match(s, s->pending, why)) )
        return rc;
    while ( s->pos < s->limit )
    {
        unsigned int pos_state = (s->pos - s->dict_start) & ((1u << s->pb) - 1);

        if ( !bit(s, &s->is_match[s->state][pos_state]) )
            literal(s);
        else if ( (rc = match_or_rep(s, pos_state, why)) )
            return rc;
        if ( s->overrun )
            break;
    }
    normalize(s);
    if ( s->overrun )
    {
        *why = "LZMA chunk's data ends before its output";
        return -EINVAL;
    }
    if ( s->in_pos != s->in_end || s->code != 0 )
    {
        *why = "LZMA chunk's compressed size does not match its data";
        return -EINVAL;
    }
    return 0;
}
