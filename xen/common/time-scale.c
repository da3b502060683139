/*
 * Fixed-point conversion of clock ticks to nanoseconds:
 *   ns = ((delta << shift) * mul_frac) >> 32        (shift may be negative)
 * with mul_frac kept in [2^31, 2^32) for 31 bits of precision.
 */
#include <xen/time.h>

#define NSEC_PER_SEC 1000000000ULL

struct time_scale time_scale_for_hz(uint64_t hz)
{
    struct time_scale s = { 0, 0 };
    uint64_t scaled = hz;

    if ( hz == 0 )
        return s;
    /* Bring hz * 2^shift into (1e9, 2e9] so that mul_frac < 2^32. */
    while ( scaled <= NSEC_PER_SEC )
    {
        scaled <<= 1;
        s.shift++;
    }
    while ( scaled > 2 * NSEC_PER_SEC )
    {
        scaled >>= 1;
        s.shift--;
    }
    s.mul_frac = (uint32_t)((NSEC_PER_SEC << 32) / scaled);
    return s;
}

uint64_t scale_delta(uint64_t delta, const struct time_scale *scale)
{
    if ( scale->shift < 0 )
        delta >>= -scale->shift;
    else
        delta <<= scale->shift;
    return (uint64_t)(((unsigned __int128)delta * scale->mul_frac) >> 32);
}
