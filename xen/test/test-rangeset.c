/*
 * Range sets: adds merge touching and overlapping ranges, removes cut and
 * split them, lookups need the whole range covered, the ends of the
 * 64-bit space work, and a change that cannot get memory leaves the set
 * as it was.  A random churn is checked against a bitmap.
 */
#include <stdlib.h>
#include <string.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/rangeset.h>

#include "hostenv.h"

static int allocations_left = -1;       /* -1: no limit */

/* The hypervisor's allocator, played by the C library (and made to fail on demand). */
void *xmalloc_array_bytes(size_t size, size_t n)
{
    if ( allocations_left == 0 )
        return NULL;
    if ( allocations_left > 0 )
        allocations_left--;
    return n && size > SIZE_MAX / n ? NULL : malloc(size * n);
}

void xfree(void *p)
{
    free(p);
}

/* The set as "a-b,c-d". */
static const char *show(const struct rangeset *r)
{
    static char buf[1024];
    size_t at = 0;

    buf[0] = 0;
    for ( unsigned int i = 0; i < r->nr; i++ )
        at += snprintf(buf + at, sizeof(buf) - at, "%s%llu-%llu", i ? "," : "",
                       (unsigned long long)r->ranges[i].first,
                       (unsigned long long)r->ranges[i].last);
    return buf;
}

START_TEST(add_merges)
{
    struct rangeset r = { 0 };

    ck_assert_int_eq(rangeset_add(&r, 10, 19), 0);
    ck_assert_int_eq(rangeset_add(&r, 30, 39), 0);
    ck_assert_int_eq(rangeset_add(&r, 0, 4), 0);
    ck_assert_str_eq(show(&r), "0-4,10-19,30-39");
    ck_assert_int_eq(rangeset_add(&r, 20, 29), 0);      /* touches both: one range */
    ck_assert_str_eq(show(&r), "0-4,10-39");
    ck_assert_int_eq(rangeset_add(&r, 5, 5), 0);
    ck_assert_str_eq(show(&r), "0-5,10-39");
    ck_assert_int_eq(rangeset_add(&r, 3, 50), 0);       /* swallows everything */
    ck_assert_str_eq(show(&r), "0-50");
    ck_assert_int_eq(rangeset_add(&r, 60, 60), 0);
    ck_assert_int_eq(rangeset_add(&r, 7, 8), 0);        /* inside: no change */
    ck_assert_str_eq(show(&r), "0-50,60-60");
    ck_assert_int_eq(rangeset_add(&r, 9, 8), -EINVAL);
    rangeset_destroy(&r);
    ck_assert_uint_eq(r.nr, 0);
}
END_TEST

START_TEST(remove_cuts_and_splits)
{
    struct rangeset r = { 0 };

    ck_assert_int_eq(rangeset_add(&r, 0, 99), 0);
    ck_assert_int_eq(rangeset_remove(&r, 40, 49), 0);
    ck_assert_str_eq(show(&r), "0-39,50-99");
    ck_assert_int_eq(rangeset_remove(&r, 0, 9), 0);
    ck_assert_int_eq(rangeset_remove(&r, 90, 200), 0);
    ck_assert_str_eq(show(&r), "10-39,50-89");
    ck_assert_int_eq(rangeset_remove(&r, 30, 60), 0);   /* across a gap */
    ck_assert_str_eq(show(&r), "10-29,61-89");
    ck_assert_int_eq(rangeset_remove(&r, 40, 50), 0);   /* nothing there */
    ck_assert_str_eq(show(&r), "10-29,61-89");
    ck_assert_int_eq(rangeset_remove(&r, 0, 1000), 0);
    ck_assert_str_eq(show(&r), "");
    ck_assert_int_eq(rangeset_remove(&r, 5, 4), -EINVAL);
    rangeset_destroy(&r);
}
END_TEST

START_TEST(contains_needs_all)
{
    struct rangeset r = { 0 };

    ck_assert(!rangeset_contains(&r, 0, 0));
    ck_assert_int_eq(rangeset_add(&r, 0x100, 0x1ff), 0);
    ck_assert_int_eq(rangeset_add(&r, 0x300, 0x3ff), 0);
    ck_assert(rangeset_contains(&r, 0x100, 0x1ff));
    ck_assert(rangeset_contains(&r, 0x150, 0x150));
    ck_assert(!rangeset_contains(&r, 0xff, 0x100));
    ck_assert(!rangeset_contains(&r, 0x1ff, 0x200));
    ck_assert(!rangeset_contains(&r, 0x100, 0x3ff));    /* a gap inside */
    ck_assert(!rangeset_contains(&r, 0x400, 0x400));
    ck_assert(!rangeset_contains(&r, 0x160, 0x150));
    rangeset_destroy(&r);
}
END_TEST

START_TEST(ends_of_the_space)
{
    struct rangeset r = { 0 };

    ck_assert_int_eq(rangeset_add(&r, UINT64_MAX - 1, UINT64_MAX), 0);
    ck_assert_int_eq(rangeset_add(&r, 0, 0), 0);
    ck_assert(rangeset_contains(&r, UINT64_MAX, UINT64_MAX));
    ck_assert_int_eq(rangeset_add(&r, 1, UINT64_MAX - 2), 0);
    ck_assert_uint_eq(r.nr, 1);
    ck_assert(rangeset_contains(&r, 0, UINT64_MAX));
    ck_assert_int_eq(rangeset_remove(&r, UINT64_MAX, UINT64_MAX), 0);
    ck_assert_int_eq(rangeset_remove(&r, 0, 0), 0);
    ck_assert(rangeset_contains(&r, 1, UINT64_MAX - 1));
    ck_assert(!rangeset_contains(&r, 1, UINT64_MAX));
    rangeset_destroy(&r);
}
END_TEST

START_TEST(no_memory_changes_nothing)
{
    struct rangeset r = { 0 };

    for ( unsigned int i = 0; i < 4; i++ )
        ck_assert_int_eq(rangeset_add(&r, i * 10, i * 10 + 4), 0);
    ck_assert_uint_eq(r.cap, 4);
    allocations_left = 0;
    ck_assert_int_eq(rangeset_add(&r, 100, 100), -ENOMEM);     /* a fifth range needs room */
    ck_assert_int_eq(rangeset_remove(&r, 1, 2), -ENOMEM);      /* so does a split */
    ck_assert_str_eq(show(&r), "0-4,10-14,20-24,30-34");
    ck_assert_int_eq(rangeset_add(&r, 5, 9), 0);               /* a merge needs none */
    ck_assert_int_eq(rangeset_remove(&r, 20, 24), 0);
    ck_assert_str_eq(show(&r), "0-14,30-34");
    allocations_left = -1;
    rangeset_destroy(&r);
}
END_TEST

START_TEST(random_churn_matches_a_bitmap)
{
    enum { SPACE = 512 };
    static bool want[SPACE];
    struct rangeset r = { 0 };

    srand(7);
    memset(want, 0, sizeof(want));
    for ( unsigned int step = 0; step < 20000; step++ )
    {
        uint64_t a = rand() % SPACE, b = a + rand() % 16;
        bool add = rand() % 2;

        if ( b >= SPACE )
            b = SPACE - 1;
        ck_assert_int_eq(add ? rangeset_add(&r, a, b) : rangeset_remove(&r, a, b), 0);
        for ( uint64_t v = a; v <= b; v++ )
            want[v] = add;
        for ( unsigned int i = 0; i < r.nr; i++ )
        {
            ck_assert_uint_le(r.ranges[i].first, r.ranges[i].last);
            if ( i )
                ck_assert_uint_gt(r.ranges[i].first, r.ranges[i - 1].last + 1);
        }
        a = rand() % SPACE;
        ck_assert_int_eq(rangeset_contains(&r, a, a), want[a]);
    }
    for ( uint64_t v = 0; v < SPACE; v++ )
        ck_assert_int_eq(rangeset_contains(&r, v, v), want[v]);
    rangeset_destroy(&r);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("rangeset");
    TCase *tc = tcase_create("ranges");

    tcase_add_test(tc, add_merges);
    tcase_add_test(tc, remove_cuts_and_splits);
    tcase_add_test(tc, contains_needs_all);
    tcase_add_test(tc, ends_of_the_space);
    tcase_add_test(tc, no_memory_changes_nothing);
    tcase_add_test(tc, random_churn_matches_a_bitmap);
    suite_add_tcase(s, tc);
    return hostenv_run_suite(s);
}
