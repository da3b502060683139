/*
 * System time: nanoseconds since boot, derived from the TSC with a scale
 * calibrated once at boot against the HPET (or the PIT).  The scale has
 * the shape of the PV ABI's vcpu_time_info (tsc_shift, tsc_to_system_mul),
 * so guests can be given the same conversion.
 */
#ifndef XEN_TIME_H
#define XEN_TIME_H

#include <xen/types.h>

typedef int64_t s_time_t;               /* nanoseconds */

#define MILLISECS(ms)   ((s_time_t)(ms) * 1000000LL)
#define MICROSECS(us)   ((s_time_t)(us) * 1000LL)
#define SECONDS(s)      ((s_time_t)(s) * 1000000000LL)

struct time_scale {
    int shift;                          /* applied to TSC deltas first */
    uint32_t mul_frac;                  /* then multiplied by mul_frac / 2^32 */
};

/* The scale that turns ticks of a 'hz' clock into nanoseconds. */
struct time_scale time_scale_for_hz(uint64_t hz);
uint64_t scale_delta(uint64_t delta, const struct time_scale *scale);

/* Nanoseconds since boot. */
s_time_t NOW(void);

/* The conversion guests are given in their vcpu_time_info (pvclock). */
extern struct time_scale tsc_scale_for_guests;

/* TSC frequency in kHz (0 before calibration). */
extern uint64_t cpu_khz;

/* A TSC value for a system time (for TSC-deadline timers). */
uint64_t stime_to_tsc(s_time_t t);

void time_init(void);

/* Busy-wait; only for early boot and hardware sequences. */
void udelay(unsigned int usecs);

#endif /* XEN_TIME_H */
