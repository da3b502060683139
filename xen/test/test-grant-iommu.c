/*
 * The per-frame grant counts that drive IOMMU promotion and demotion:
 * the first mapping adds the entry (read-only or read-write), a writable
 * one promotes, the last writable one demotes, the last one removes; a
 * put without a get is refused; the table keeps exact counts through
 * growth and churn of many thousands of frames.
 */
#include <stdlib.h>
#include <xen/errno.h>
#include <xen/grant-iommu.h>
#include <xen/mm.h>

#include "hostenv.h"

/* The hypervisor's allocator, played by the C library. */
void *xmalloc_array_bytes(size_t size, size_t n)
{
    return n && size > SIZE_MAX / n ? NULL : malloc(size * n);
}

void xfree(void *p)
{
    free(p);
}

static enum grant_iommu_action get(struct grant_iommu_counts *c, uint64_t mfn, bool w)
{
    enum grant_iommu_action a = -1;

    ck_assert_int_eq(grant_iommu_get(c, mfn, w, &a), 0);
    return a;
}

static enum grant_iommu_action put(struct grant_iommu_counts *c, uint64_t mfn, bool w)
{
    enum grant_iommu_action a = -1;

    ck_assert_int_eq(grant_iommu_put(c, mfn, w, &a), 0);
    return a;
}

START_TEST(read_only_then_promote_then_demote)
{
    struct grant_iommu_counts c = { 0 };

    ck_assert_int_eq(get(&c, 100, false), GRANT_IOMMU_MAP_RO);
    ck_assert_int_eq(get(&c, 100, false), GRANT_IOMMU_KEEP);
    ck_assert_int_eq(get(&c, 100, true), GRANT_IOMMU_MAP_RW);      /* promotion */
    ck_assert_int_eq(get(&c, 100, true), GRANT_IOMMU_KEEP);
    ck_assert_int_eq(put(&c, 100, true), GRANT_IOMMU_KEEP);
    ck_assert_int_eq(put(&c, 100, true), GRANT_IOMMU_MAP_RO);      /* demotion */
    ck_assert_int_eq(put(&c, 100, false), GRANT_IOMMU_KEEP);
    ck_assert_int_eq(put(&c, 100, false), GRANT_IOMMU_UNMAP);
    ck_assert_int_eq(c.used, 0);
    grant_iommu_free(&c);
}
END_TEST

START_TEST(writable_first_and_readers_under_it)
{
    struct grant_iommu_counts c = { 0 };
    uint32_t r, w;

    ck_assert_int_eq(get(&c, 7, true), GRANT_IOMMU_MAP_RW);
    ck_assert_int_eq(get(&c, 7, false), GRANT_IOMMU_KEEP);          /* already writable */
    grant_iommu_lookup(&c, 7, &r, &w);
    ck_assert_uint_eq(r, 1);
    ck_assert_uint_eq(w, 1);
    ck_assert_int_eq(put(&c, 7, false), GRANT_IOMMU_KEEP);          /* a writer remains */
    ck_assert_int_eq(put(&c, 7, true), GRANT_IOMMU_UNMAP);
    grant_iommu_lookup(&c, 7, &r, &w);
    ck_assert_uint_eq(r + w, 0);
    grant_iommu_free(&c);
}
END_TEST

START_TEST(put_without_get_is_refused)
{
    struct grant_iommu_counts c = { 0 };
    enum grant_iommu_action a;

    ck_assert_int_eq(grant_iommu_put(&c, 5, false, &a), -ENOENT);
    ck_assert_int_eq(get(&c, 5, false), GRANT_IOMMU_MAP_RO);
    ck_assert_int_eq(grant_iommu_put(&c, 5, true, &a), -ENOENT);   /* no writer */
    ck_assert_int_eq(put(&c, 5, false), GRANT_IOMMU_UNMAP);
    ck_assert_int_eq(grant_iommu_put(&c, 5, false, &a), -ENOENT);  /* gone */
    grant_iommu_free(&c);
}
END_TEST

/* Thousands of frames with interleaved churn: counts stay exact, size stays bounded. */
START_TEST(many_frames_and_churn)
{
    enum { N = 20000 };
    struct grant_iommu_counts c = { 0 };
    static uint8_t held[N];

    for ( uint64_t i = 0; i < N; i++ )
    {
        ck_assert_int_eq(get(&c, i * 4099, (i & 1) != 0),
                         (i & 1) ? GRANT_IOMMU_MAP_RW : GRANT_IOMMU_MAP_RO);
        held[i] = 1;
    }
    ck_assert_uint_eq(c.used, N);
    for ( unsigned int round = 0; round < 20; round++ )
        for ( uint64_t i = round % 3; i < N; i += 3 )
        {
            if ( held[i] )
                ck_assert_int_eq(put(&c, i * 4099, (i & 1) != 0), GRANT_IOMMU_UNMAP);
            else
                ck_assert_int_ne(get(&c, i * 4099, (i & 1) != 0), GRANT_IOMMU_KEEP);
            held[i] ^= 1;
        }
    for ( uint64_t i = 0; i < N; i++ )
    {
        uint32_t r, w;

        grant_iommu_lookup(&c, i * 4099, &r, &w);
        ck_assert_uint_eq(r + w, held[i]);
    }
    /* Deleted slots are reclaimed: the table did not grow with the churn. */
    ck_assert_uint_le(c.size, 4 * 65536);
    grant_iommu_free(&c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("grant-iommu");
    TCase *tc = tcase_create("counts");

    tcase_add_test(tc, read_only_then_promote_then_demote);
    tcase_add_test(tc, writable_first_and_readers_under_it);
    tcase_add_test(tc, put_without_get_is_refused);
    tcase_add_test(tc, many_frames_and_churn);
    suite_add_tcase(s, tc);
    return hostenv_run_suite(s);
}
