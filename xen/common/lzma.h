/*
 * Internal interfaces of the XZ decoder (see xen/unxz.h for its rules):
 * the LZMA decoder with its range decoder (lzma.c), LZMA2 chunks on top
 * of it (lzma2.c), and the x86 BCJ filter (bcj-x86.c).  The output buffer
 * belongs to the caller; it is the dictionary: a match may reach back to
 * the last dictionary reset and no further than the declared dictionary
 * size.  The int functions return 0 or a negative error with *why set.
 */
#ifndef XEN_COMMON_LZMA_H
#define XEN_COMMON_LZMA_H

#include <xen/types.h>

#define LZMA_STATES         12
#define LZMA_POS_STATES_MAX 16
#define LZMA_LEN_PROBS      (2 + 2 * LZMA_POS_STATES_MAX * 8 + 256)
#define LZMA_DIST_SLOTS     64
#define LZMA_DIST_STATES    4
#define LZMA_DIST_MODEL_END 14          /* slots from here use direct bits */
#define LZMA_FULL_DISTANCES 128
#define LZMA_ALIGN_BITS     4
#define LZMA_LITERAL_CODERS 16          /* 2^(lc + lp), lc + lp <= 4 in LZMA2 */

struct lzma_dec {
    /* Output: bytes are written at out[pos], pos < limit. */
    uint8_t *out;
    size_t pos, limit;
    size_t dict_start;                  /* position of the last dictionary reset */
    uint32_t dict_size;

    /* Range decoder over in[in_pos..in_end). */
    const uint8_t *in;
    size_t in_pos, in_end;
    uint32_t range, code;
    bool overrun;                       /* wanted a byte past in_end */

    unsigned int lc, lp, pb;
    unsigned int state;
    uint32_t rep[4];
    uint32_t pending;                   /* match bytes a chunk boundary cut off */

    uint16_t is_match[LZMA_STATES][LZMA_POS_STATES_MAX];
    uint16_t is_rep[LZMA_STATES], is_rep0[LZMA_STATES];
    uint16_t is_rep1[LZMA_STATES], is_rep2[LZMA_STATES];
    uint16_t is_rep0_long[LZMA_STATES][LZMA_POS_STATES_MAX];
    uint16_t dist_slot[LZMA_DIST_STATES][LZMA_DIST_SLOTS];
    uint16_t dist_special[LZMA_FULL_DISTANCES - LZMA_DIST_MODEL_END];
    uint16_t dist_align[(1 << LZMA_ALIGN_BITS) - 1];
    uint16_t match_len[LZMA_LEN_PROBS], rep_len[LZMA_LEN_PROBS];
    uint16_t literal[LZMA_LITERAL_CODERS][0x300];
};

/* lc/lp/pb from the properties byte; LZMA2 also demands lc + lp <= 4. */
int lzma_set_props(struct lzma_dec *s, uint8_t props, const char **why);
/* Probabilities to one half, state and repeat distances to zero. */
void lzma_reset_state(struct lzma_dec *s);
/*
 * Decode in[0..in_len) (a range-coded LZMA chunk, all of it) into exactly
 * out[pos..limit).
 */
int lzma_decode_chunk(struct lzma_dec *s, const uint8_t *in, size_t in_len,
                      const char **why);

/*
 * Decode one block's LZMA2 data from in[0..in_len) (it may end early:
 * *consumed says where) into out[*out_pos..out_len), advancing *out_pos.
 */
int lzma2_decode(struct lzma_dec *s, const uint8_t *in, size_t in_len, size_t *consumed,
                 uint8_t *out, size_t *out_pos, size_t out_len, uint32_t dict_size,
                 const char **why);

/* Undo the x86 BCJ filter over buf[0..len), whose first byte was at 'start'. */
void bcj_x86_decode(uint8_t *buf, size_t len, uint32_t start);

#endif /* XEN_COMMON_LZMA_H */
