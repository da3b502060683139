/*
 * The test-kernel framework: console output, checks, and the one result
 * line every test prints before it shuts down:
 *   Test result: SUCCESS | SKIP: why | FAILURE: why | ERROR: why
 */
#ifndef GUEST_H
#define GUEST_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <public/xen.h>

#include "hypercall.h"

extern const struct start_info *start_info;

void printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#include <xen/string.h>               /* the hypervisor's, linked in */

/* Each test kernel provides this; it returns normally for SUCCESS. */
void test_main(void);

/* Record a failed check (the test goes on; the result becomes FAILURE). */
void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define check(cond, ...) do { if ( !(cond) ) fail(__VA_ARGS__); } while ( 0 )
#define check_eq(got, want, what) do {                                       \
        long got_ = (long)(got), want_ = (long)(want);                       \
        if ( got_ != want_ )                                                 \
            fail("%s: got %ld, want %ld", (what), got_, want_);              \
    } while ( 0 )

void __attribute__((noreturn)) test_skip(const char *why);

/* System time (ns) from a pvclock the hypervisor keeps (the seqlock read). */
uint64_t pvclock_read_ns(const volatile struct vcpu_time_info *t);

/* Print the result line from the checks so far and shut down (test_main's return does this). */
void __attribute__((noreturn)) test_finish(void);

/* Shut the domain down (SCHEDOP_shutdown); never returns. */
void __attribute__((noreturn)) shutdown(unsigned int reason);

#endif /* GUEST_H */
