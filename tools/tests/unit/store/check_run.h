/* Runs a Check suite for the store tests; the exit status says whether
 * every test passed. */
#ifndef STORE_CHECK_RUN_H
#define STORE_CHECK_RUN_H

#include <check.h>
#include <stdlib.h>

/* CK_NOFORK for tests that fork processes of their own. */
static inline int run_suite(Suite *s, enum fork_status fork_mode)
{
    SRunner *sr = srunner_create(s);
    srunner_set_fork_status(sr, fork_mode);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
