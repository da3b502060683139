/*
 * The x86 BCJ filter, decoding side.  The encoder turned the 32-bit
 * relative targets of CALL (E8) and JMP (E9) into absolute ones so that
 * calls to one function look alike and compress better; decoding
 * subtracts the instruction's end position again.  An operand is taken
 * only when its top byte is 00 or FF (a plausible near target), and the
 * E8/E9 bytes seen in the four bytes before (that were not converted)
 * decide, as in the encoder, whether this one is an opcode or operand
 * bytes.  The last four bytes of the data never start a conversion.
 */
#include "lzma.h"

static bool is_near_top_byte(uint8_t b)
{
    return b == 0x00 || b == 0xff;
}

void bcj_x86_decode(uint8_t *buf, size_t len, uint32_t start)
{
    /*
     * Bit n of 'recent' (n = 1..3) set: the byte n positions back was an
     * unconverted E8/E9; bit 4 set: the byte after that one was 00/FF.
     * Patterns allowed to convert, indexed by bits 1..3.
     */
    static const bool allowed[8] = { true, true, true, false, true, false, false, false };
    static const unsigned int shift_for[8] = { 0, 1, 2, 2, 3, 3, 3, 3 };
    unsigned int recent = 0;
    size_t last = 0;
    bool seen = false;

    if ( len < 5 )
        return;
    for ( size_t i = 0; i <= len - 5; )
    {
        size_t gap;

        if ( buf[i] != 0xe8 && buf[i] != 0xe9 )
        {
            i++;
            continue;
        }
        gap = seen ? i - last : 5;
        seen = true;
        last = i;
        if ( gap > 5 )
            recent = 0;
        else
            while ( gap-- )
                recent = (recent & 0x77) << 1;

        if ( is_near_top_byte(buf[i + 4]) && allowed[(recent >> 1) & 7] &&
             (recent >> 1) < 0x10 )
        {
            uint32_t src = buf[i + 1] | (uint32_t)buf[i + 2] << 8 |
                           (uint32_t)buf[i + 3] << 16 | (uint32_t)buf[i + 4] << 24;
            uint32_t dest;

            for ( ;; )
            {
                unsigned int n;

                dest = src - (start + (uint32_t)i + 5);
                if ( recent == 0 )
                    break;
                n = shift_for[recent >> 1];
                if ( !is_near_top_byte((uint8_t)(dest >> (24 - n * 8))) )
                    break;
                src = dest ^ ((1u << (32 - n * 8)) - 1);
            }
            /* Bit 24 of the target sign-extends into the top byte. */
            buf[i + 4] = (dest >> 24) & 1 ? 0xff : 0x00;
            buf[i + 3] = (uint8_t)(dest >> 16);
            buf[i + 2] = (uint8_t)(dest >> 8);
            buf[i + 1] = (uint8_t)dest;
            i += 5;
            recent = 0;
        }
        else
        {
            i++;
            recent |= 1;
            if ( is_near_top_byte(buf[i + 3]) )
                recent |= 0x10;
        }
    }
}
