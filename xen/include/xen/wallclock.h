/*
 * Wall-clock time for guests.  Guests add their pvclock system time to the
 * shared_info wall clock, which says what the date was at system time 0.
 */
#ifndef XEN_WALLCLOCK_H
#define XEN_WALLCLOCK_H

#include <xen/time.h>

struct domain;

int64_t days_from_civil(int64_t year, unsigned int month, unsigned int day);

/* Set the wall clock: 'epoch_seconds_now' seconds since 1970 at system time 'now'. */
void wallclock_init(uint64_t epoch_seconds_now, s_time_t now);
void update_domain_wallclock(struct domain *d);

/* The platform clock (CMOS RTC), seconds since 1970; 0 if it cannot be read. */
uint64_t rtc_read_epoch_seconds(void);

#endif /* XEN_WALLCLOCK_H */
