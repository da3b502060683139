/*
 * The CMOS real-time clock, read once at boot for the wall clock.
 */
#include <asm/io.h>
#include <xen/lib.h>
#include <xen/wallclock.h>

#define RTC_INDEX       0x70
#define RTC_DATA        0x71
#define RTC_STATUS_A    0x0a
#define  RTC_UIP        0x80            /* update in progress */
#define RTC_STATUS_B    0x0b
#define  RTC_24H        0x02
#define  RTC_BINARY     0x04
#define RTC_CENTURY     0x32            /* where PCs keep it (ACPI FADT may say) */

static unsigned int rtc_read(unsigned int reg)
{
    outb(reg, RTC_INDEX);
    return inb(RTC_DATA);
}

static unsigned int from_bcd(unsigned int v, bool binary)
{
    return binary ? v : (v & 0xf) + (v >> 4) * 10;
}

uint64_t rtc_read_epoch_seconds(void)
{
    unsigned int sec, min, hour, day, mon, year, century, status;
    bool binary, pm;

    /* Wait out an update (at most ~2 ms on real RTCs; bounded here). */
    for ( unsigned int i = 0; i < 100000 && (rtc_read(RTC_STATUS_A) & RTC_UIP); i++ )
        ;
    sec = rtc_read(0x00);
    min = rtc_read(0x02);
    hour = rtc_read(0x04);
    day = rtc_read(0x07);
    mon = rtc_read(0x08);
    year = rtc_read(0x09);
    century = rtc_read(RTC_CENTURY);
    status = rtc_read(RTC_STATUS_B);

    binary = status & RTC_BINARY;
    pm = hour & 0x80;
    hour = from_bcd(hour & 0x7f, binary);
    if ( !(status & RTC_24H) )
        hour = hour % 12 + (pm ? 12 : 0);   /* 12-hour clock: 12 AM is 0 */
    sec = from_bcd(sec, binary);
    min = from_bcd(min, binary);
    day = from_bcd(day, binary);
    mon = from_bcd(mon, binary);
    year = from_bcd(year, binary) + 100 * (century ? from_bcd(century, binary) : 20);
    if ( mon < 1 || mon > 12 || day < 1 || day > 31 || sec > 59 || min > 59 || hour > 23 )
    {
        printk(XENLOG_WARNING "RTC: implausible date %u-%u-%u %u:%u:%u\n", year, mon, day,
               hour, min, sec);
        return 0;
    }
    printk("RTC: %04u-%02u-%02u %02u:%02u:%02u UTC\n", year, mon, day, hour, min, sec);
    return days_from_civil(year, mon, day) * 86400ULL + hour * 3600 + min * 60 + sec;
}
