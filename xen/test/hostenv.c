/*
 * printk and panic for hypervisor code running on the host.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/lib.h>

#include "hostenv.h"

static char log_buf[64 * 1024];
static size_t log_len;

const char *hostenv_log(void)
{
    return log_buf;
}

void hostenv_reset(void)
{
    log_len = 0;
    log_buf[0] = '\0';
}

void vprintk(const char *fmt, va_list args)
{
    int n = xen_vsnprintf(log_buf + log_len, sizeof(log_buf) - log_len, fmt, args);

    if ( n > 0 )
        log_len += (size_t)n < sizeof(log_buf) - log_len ? (size_t)n
                                                         : sizeof(log_buf) - log_len - 1;
}

void printk(const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    vprintk(fmt, args);
    va_end(args);
}

void panic(const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    vfprintf(stderr, fmt, args);
    va_end(args);
    fputc('\n', stderr);
    abort();
}

static int run(Suite *s, bool fork)
{
    SRunner *runner = srunner_create(s);
    int failed;

    if ( !fork )
        srunner_set_fork_status(runner, CK_NOFORK);
    srunner_run_all(runner, CK_NORMAL);
    failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

int hostenv_run_suite(Suite *s)
{
    return run(s, true);
}

int hostenv_run_suite_nofork(Suite *s)
{
    return run(s, false);
}
