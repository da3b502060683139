/*
 * LZMA2: a sequence of chunks, each either stored bytes or an LZMA chunk
 * with its own compressed and uncompressed sizes, ended by a zero control
 * byte.  A control byte may reset the dictionary, the LZMA state, and the
 * lc/lp/pb properties; the first chunk must reset the dictionary, and an
 * LZMA chunk after a dictionary reset must carry properties.
 */
#include <xen/errno.h>
#include <xen/string.h>

#include "lzma.h"

#define CTRL_END                0x00
#define CTRL_STORED_DICT_RESET  0x01
#define CTRL_STORED             0x02
#define CTRL_LZMA               0x80    /* bits 5-6: what it resets */
#define RESET_STATE             1
#define RESET_PROPS             2
#define RESET_DICT              3

int lzma2_decode(struct lzma_dec *s, const uint8_t *in, size_t in_len, size_t *consumed,
                 uint8_t *out, size_t *out_pos, size_t out_len, uint32_t dict_size,
                 const char **why)
{
    bool need_dict = true, need_props = true;
    size_t pos = 0;
    int rc;

    s->out = out;
    s->pos = *out_pos;
    s->dict_start = *out_pos;
    s->dict_size = dict_size;
    s->pending = 0;
    for ( ;; )
    {
        uint8_t ctrl;
        size_t unpacked, packed;

        if ( pos == in_len )
        {
            *why = "LZMA2 data ends without its end marker";
            return -EINVAL;
        }
        ctrl = in[pos++];
        if ( ctrl == CTRL_END )
            break;
        if ( ctrl > CTRL_STORED && ctrl < CTRL_LZMA )
        {
            *why = "LZMA2 chunk with an invalid control byte";
            return -EINVAL;
        }
        if ( ctrl == CTRL_STORED_DICT_RESET ||
             (ctrl >= CTRL_LZMA && ((ctrl >> 5) & 3) == RESET_DICT) )
        {
            need_dict = false;
            need_props = true;
            s->dict_start = s->pos;
        }
        else if ( need_dict )
        {
            *why = "LZMA2 data does not start with a dictionary reset";
            return -EINVAL;
        }

        if ( ctrl < CTRL_LZMA )
        {
            if ( in_len - pos < 2 )
                goto truncated;
            unpacked = ((size_t)in[pos] << 8 | in[pos + 1]) + 1;
            pos += 2;
            if ( in_len - pos < unpacked )
                goto truncated;
            if ( out_len - s->pos < unpacked )
                goto no_room;
            memcpy(out + s->pos, in + pos, unpacked);
            s->pos += unpacked;
            pos += unpacked;
            continue;
        }

        if ( in_len - pos < 4 )
            goto truncated;
        unpacked = ((size_t)(ctrl & 0x1f) << 16 | (size_t)in[pos] << 8 | in[pos + 1]) + 1;
        packed = ((size_t)in[pos + 2] << 8 | in[pos + 3]) + 1;
        pos += 4;
        if ( ((ctrl >> 5) & 3) >= RESET_PROPS )
        {
            if ( pos == in_len )
                goto truncated;
            if ( (rc = lzma_set_props(s, in[pos++], why)) )
                return rc;
            need_props = false;
        }
        else if ( need_props )
        {
            *why = "LZMA2 chunk after a dictionary reset without properties";
            return -EINVAL;
        }
        if ( ((ctrl >> 5) & 3) >= RESET_STATE )
            lzma_reset_state(s);
        if ( in_len - pos < packed )
            goto truncated;
        if ( out_len - s->pos < unpacked )
            goto no_room;
        s->limit = s->pos + unpacked;
        if ( (rc = lzma_decode_chunk(s, in + pos, packed, why)) )
            return rc;
        pos += packed;
    }
    if ( s->pending )
    {
        *why = "LZMA2 data ends inside a match";
        return -EINVAL;
    }
    *consumed = pos;
    *out_pos = s->pos;
    return 0;

 truncated:
    *why = "LZMA2 chunk truncated";
    return -EINVAL;
 no_room:
    *why = "LZMA2 output larger than its buffer";
    return -ENOSPC;
}
