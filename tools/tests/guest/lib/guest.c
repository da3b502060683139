/*
 * The framework: printf on console_io (and the PV console ring of a domain
 * the toolstack built), the result line, shutdown.
 */
#include <public/sched.h>

#include "console-ring.h"
#include "guest.h"

const struct start_info *start_info;
static unsigned int failures;
static char first_failure[160];

int xen_vsnprintf(char *buf, size_t size, const char *fmt, va_list args);

static void console_write(const char *s, size_t n)
{
    hypercall3(__HYPERVISOR_console_io, CONSOLEIO_write, n, s);
    console_ring_write(s, n);
}

void printf(const char *fmt, ...)
{
    char buf[512];
    va_list args;
    int n;

    va_start(args, fmt);
    n = xen_vsnprintf(buf, sizeof(buf), fmt, args);
    va_end(args);
    console_write(buf, n < (int)sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

void fail(const char *fmt, ...)
{
    char buf[160];
    va_list args;

    va_start(args, fmt);
    xen_vsnprintf(buf, sizeof(buf), fmt, args);
    va_end(args);
    printf("check failed: %s\n", buf);
    if ( failures++ == 0 )
        memcpy(first_failure, buf, sizeof(buf));
}

void shutdown(unsigned int reason)
{
    struct sched_shutdown s = { .reason = reason };

    hypercall2(__HYPERVISOR_sched_op, SCHEDOP_shutdown, &s);
    /* Still here: the hypervisor did not stop us. */
    printf("Test result: ERROR: SCHEDOP_shutdown returned\n");
    for ( ;; )
        hypercall2(__HYPERVISOR_sched_op, SCHEDOP_yield, 0);
}

void test_skip(const char *why)
{
    printf("Test result: SKIP: %s\n", why);
    shutdown(SHUTDOWN_poweroff);
}

void guest_start(const struct start_info *si);
void guest_start(const struct start_info *si)
{
    start_info = si;
    console_ring_init(si);
    test_main();
    test_finish();
}

static uint64_t read_tsc(void)
{
    uint32_t lo, hi;

    __asm__ __volatile__ ( "rdtsc" : "=a" (lo), "=d" (hi) );
    return ((uint64_t)hi << 32) | lo;
}

uint64_t pvclock_read_ns(const volatile struct vcpu_time_info *t)
{
    uint32_t version;
    uint64_t now;

    do {
        version = t->version;
        __asm__ __volatile__ ( "" ::: "memory" );
        {
            uint64_t delta = read_tsc() - t->tsc_timestamp;

            delta = t->tsc_shift < 0 ? delta >> -t->tsc_shift : delta << t->tsc_shift;
            now = t->system_time + (uint64_t)(((unsigned __int128)delta *
                                               t->tsc_to_system_mul) >> 32);
        }
        __asm__ __volatile__ ( "" ::: "memory" );
    } while ( (version & 1) || version != t->version );
    return now;
}

void test_finish(void)
{
    if ( failures )
        printf("Test result: FAILURE: %s (%u failed check%s)\n", first_failure, failures,
               failures == 1 ? "" : "s");
    else
        printf("Test result: SUCCESS\n");
    shutdown(SHUTDOWN_poweroff);
}


/* Kernels that register the event callback provide their own handler. */
void event_handler(void);
__attribute__((weak)) void event_handler(void)
{
    printf("Test result: ERROR: an event arrived and this test has no handler\n");
    shutdown(SHUTDOWN_crash);
}
