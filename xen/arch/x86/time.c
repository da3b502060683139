/*
 * TSC calibration and system time.  The TSC is measured once, on the boot
 * CPU, against the HPET main counter when the firmware describes one, else
 * against PIT channel 2.  All CPUs share the result (the platform's TSCs
 * are synchronised: invariant TSC on hardware, one clock under QEMU).
 */
#include <asm/io.h>
#include <asm/msr.h>
#include <xen/acpi.h>
#include <xen/lib.h>
#include <xen/string.h>
#include <xen/time.h>
#include <xen/vmap.h>
#include <xen/wallclock.h>

#define CALIBRATE_MS        50

#define HPET_CAPABILITIES   0x000
#define HPET_CONFIG         0x010
#define  HPET_CFG_ENABLE    1u
#define HPET_COUNTER        0x0f0

uint64_t cpu_khz;
static uint64_t tsc_hz;
static uint64_t boot_tsc;
static struct time_scale tsc_scale;
struct time_scale tsc_scale_for_guests;

s_time_t NOW(void)
{
    return scale_delta(rdtsc() - boot_tsc, &tsc_scale);
}

uint64_t stime_to_tsc(s_time_t t)
{
    if ( t <= 0 )
        return boot_tsc;
    /* Split at whole seconds: no 128-bit division in a freestanding build. */
    return boot_tsc + (uint64_t)(t / 1000000000) * tsc_hz +
           (uint64_t)(t % 1000000000) * tsc_hz / 1000000000;
}

/* TSC ticks during CALIBRATE_MS of HPET time, or 0 without a usable HPET. */
static uint64_t calibrate_with_hpet(void)
{
    const struct acpi_table_header *t = acpi_find_table("HPET", 0);
    volatile uint64_t *hpet;
    struct acpi_gas gas;
    uint64_t period_fs, ticks, start, tsc0, tsc1;

    if ( t == NULL || t->length < 56 )
        return 0;
    memcpy(&gas, (const uint8_t *)t + 40, sizeof(gas));
    if ( gas.space_id != ACPI_GAS_MEMORY || gas.address == 0 )
        return 0;
    hpet = ioremap(gas.address, 0x400);
    if ( hpet == NULL )
        return 0;

    period_fs = hpet[HPET_CAPABILITIES / 8] >> 32;
    if ( period_fs == 0 || period_fs > 100000000 )     /* spec: at most 100 ns */
    {
        iounmap((void *)hpet);
        return 0;
    }
    hpet[HPET_CONFIG / 8] |= HPET_CFG_ENABLE;
    ticks = (uint64_t)CALIBRATE_MS * 1000000000000ULL / period_fs;

    start = hpet[HPET_COUNTER / 8];
    tsc0 = rdtsc_ordered();
    while ( hpet[HPET_COUNTER / 8] - start < ticks )
        ;
    tsc1 = rdtsc_ordered();
    /* Used for nothing else: the hardware domain may have it (Linux's ACPI reads it). */
    iounmap((void *)hpet);
    printk("Time: HPET at %#lx, period %lu fs\n", (unsigned long)gas.address,
           (unsigned long)period_fs);
    return tsc1 - tsc0;
}

/* PIT channel 2 counting down once, gated through port 0x61. */
static uint64_t calibrate_with_pit(void)
{
    const unsigned int pit_hz = 1193182;
    unsigned int count = pit_hz * CALIBRATE_MS / 1000;
    uint64_t tsc0, tsc1;

    outb((inb(0x61) & ~0x02) | 0x01, 0x61);     /* gate on, speaker off */
    outb(0xb0, 0x43);                           /* channel 2, lo/hi, mode 0 */
    outb(count & 0xff, 0x42);
    outb(count >> 8, 0x42);
    tsc0 = rdtsc_ordered();
    while ( !(inb(0x61) & 0x20) )               /* OUT2 goes high at zero */
        ;
    tsc1 = rdtsc_ordered();
    printk("Time: calibrated against the PIT\n");
    return tsc1 - tsc0;
}

void udelay(unsigned int usecs)
{
    uint64_t start = rdtsc();
    uint64_t ticks = tsc_hz ? tsc_hz * usecs / 1000000 : (uint64_t)usecs * 3000;

    while ( rdtsc() - start < ticks )
        __asm__ __volatile__ ( "pause" );
}

void time_init(void)
{
    uint64_t ticks = calibrate_with_hpet();

    if ( ticks == 0 )
        ticks = calibrate_with_pit();
    tsc_hz = ticks * (1000 / CALIBRATE_MS);
    cpu_khz = tsc_hz / 1000;
    tsc_scale = time_scale_for_hz(tsc_hz);
    tsc_scale_for_guests = tsc_scale;
    boot_tsc = rdtsc();
    wallclock_init(rtc_read_epoch_seconds(), NOW());
    printk("Time: TSC runs at %lu.%03lu MHz (scale shift %d mul %#x)\n",
           (unsigned long)(cpu_khz / 1000), (unsigned long)(cpu_khz % 1000),
           tsc_scale.shift, tsc_scale.mul_frac);
}
