/*
 * Wall-clock time: the date from the platform's clock at boot, kept as
 * seconds since the Unix epoch at system time 0, and published to each
 * domain in shared_info (wc_sec, wc_nsec, with the version protocol).
 */
#include <xen/sched.h>
#include <xen/time.h>
#include <xen/wallclock.h>

static uint64_t boot_epoch_seconds;     /* the wall clock at system time 0 */

/* Days since 1970-01-01 of a proleptic Gregorian date (month 1-12). */
int64_t days_from_civil(int64_t y, unsigned int m, unsigned int d)
{
    int64_t era, yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void wallclock_init(uint64_t epoch_seconds_now, s_time_t now)
{
    boot_epoch_seconds = epoch_seconds_now - (uint64_t)(now / SECONDS(1));
}

void update_domain_wallclock(struct domain *d)
{
    struct shared_info *si = d->shared_info;
    uint64_t sec = boot_epoch_seconds + d->time_offset_seconds;

    si->wc_version++;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    si->wc_sec = (uint32_t)sec;
    si->wc_sec_hi = (uint32_t)(sec >> 32);
    si->wc_nsec = 0;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    si->wc_version++;
}
