/*
 * The host environment for hypervisor code under test: printk output is
 * captured in a buffer the tests can search, and panic() aborts the test.
 */
#ifndef HOSTENV_H
#define HOSTENV_H

#include <check.h>
#include <stddef.h>

/* Everything printk wrote since the last hostenv_reset(). */
const char *hostenv_log(void);
void hostenv_reset(void);

/* Run one suite, print Check's summary; returns the process exit status. */
int hostenv_run_suite(Suite *s);

/* The same, with all tests in this process (for tests that share state). */
int hostenv_run_suite_nofork(Suite *s);

#endif /* HOSTENV_H */
