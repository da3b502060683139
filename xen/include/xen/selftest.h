/*
 * Boot-time self-tests, chosen with selftest=NAME[,NAME...] on the
 * command line.  Each prints one line "Self-test NAME: PASS ..." or
 * "Self-test NAME: FAIL: why", which boot tests look for.
 */
#ifndef XEN_SELFTEST_H
#define XEN_SELFTEST_H

#include <xen/types.h>

struct selftest {
    const char *name;
    bool (*run)(void);          /* prints its own PASS/FAIL line */
};

#define REGISTER_SELFTEST(n, fn)                                            \
    static const struct selftest __selftest_##fn __used                     \
        __section(".data.selftest") __aligned(sizeof(void *)) = { (n), (fn) }

/* Run the self-tests the command line asked for; returns how many failed. */
unsigned int run_selftests(void);

#endif /* XEN_SELFTEST_H */
