/*
 * The selftest= option and the runner of the registered self-tests.
 */
#include <xen/compiler.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/selftest.h>
#include <xen/string.h>

extern const struct selftest __selftest_start[], __selftest_end[];

static char requested[128];

static int parse_selftest(const char *s)
{
    if ( strlen(s) >= sizeof(requested) )
        return -E2BIG;
    strlcpy(requested, s, sizeof(requested));
    return 0;
}
custom_param("selftest", parse_selftest);

static bool is_requested(const char *name)
{
    size_t len = strlen(name);

    for ( const char *p = requested; *p; )
    {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);

        if ( (n == len && !strncmp(p, name, n)) || (n == 3 && !strncmp(p, "all", 3)) )
            return true;
        p += n + (comma != NULL);
    }
    return false;
}

unsigned int run_selftests(void)
{
    unsigned int failed = 0;

    /* Names that match no test are a typo worth reporting. */
    for ( const char *p = requested; *p; )
    {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        bool known = n == 3 && !strncmp(p, "all", 3);

        for ( const struct selftest *t = __selftest_start; t < __selftest_end; t++ )
            if ( strlen(t->name) == n && !strncmp(t->name, p, n) )
                known = true;
        if ( !known )
        {
            printk("Self-test '%.*s' does not exist\n", (int)n, p);
            failed++;
        }
        p += n + (comma != NULL);
    }

    for ( const struct selftest *t = __selftest_start; t < __selftest_end; t++ )
        if ( is_requested(t->name) && !t->run() )
            failed++;
    return failed;
}
