/*
 * IOMMU domain ids: never 0 or 1 (caching mode's reserved id and the
 * quarantine's), lowest free first, never at or above the units' limit,
 * -ENOSPC when exhausted, and a freed id is given again.
 */
#include <xen/errno.h>
#include <xen/iommu-did.h>

#include "hostenv.h"

static struct iommu_did_pool pool;

START_TEST(reserved_ids_are_never_given)
{
    iommu_did_pool_init(&pool, 16);
    ck_assert_int_eq(iommu_did_alloc(&pool), 2);
    ck_assert_int_eq(iommu_did_alloc(&pool), 3);
    iommu_did_free(&pool, 0);           /* not the pool's to give: ignored */
    iommu_did_free(&pool, 1);
    ck_assert_int_eq(iommu_did_alloc(&pool), 4);
}
END_TEST

START_TEST(the_limit_is_respected_and_exhaustion_reported)
{
    /* ND=0 hardware: 16 ids, 14 of them for domains. */
    iommu_did_pool_init(&pool, 16);
    for ( int want = 2; want < 16; want++ )
        ck_assert_int_eq(iommu_did_alloc(&pool), want);
    ck_assert_int_eq(iommu_did_alloc(&pool), -ENOSPC);
    iommu_did_free(&pool, 16);          /* beyond the limit: ignored */
    ck_assert_int_eq(iommu_did_alloc(&pool), -ENOSPC);
}
END_TEST

START_TEST(a_freed_id_comes_back_lowest_first)
{
    iommu_did_pool_init(&pool, 256);
    for ( int i = 0; i < 100; i++ )
        ck_assert_int_eq(iommu_did_alloc(&pool), 2 + i);
    iommu_did_free(&pool, 70);
    iommu_did_free(&pool, 5);
    iommu_did_free(&pool, 5);           /* twice: the second is ignored */
    ck_assert_int_eq(iommu_did_alloc(&pool), 5);
    ck_assert_int_eq(iommu_did_alloc(&pool), 70);
    ck_assert_int_eq(iommu_did_alloc(&pool), 102);
}
END_TEST

START_TEST(a_full_16_bit_space_creates_and_destroys_forever)
{
    /* Many create/destroy cycles never run the ids out or into 0 and 1. */
    iommu_did_pool_init(&pool, IOMMU_DID_MAX * 2);      /* clamped to 16 bits */
    for ( unsigned int i = 0; i < IOMMU_DID_MAX; i++ )
    {
        int did = iommu_did_alloc(&pool);

        ck_assert_int_eq(did, 2);
        iommu_did_free(&pool, (unsigned int)did);
    }
    for ( unsigned int i = 2; i < IOMMU_DID_MAX; i++ )
        ck_assert_int_eq(iommu_did_alloc(&pool), (int)i);
    ck_assert_int_eq(iommu_did_alloc(&pool), -ENOSPC);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("iommu-did");
    TCase *tc = tcase_create("pool");

    tcase_add_test(tc, reserved_ids_are_never_given);
    tcase_add_test(tc, the_limit_is_respected_and_exhaustion_reported);
    tcase_add_test(tc, a_freed_id_comes_back_lowest_first);
    tcase_add_test(tc, a_full_16_bit_space_creates_and_destroys_forever);
    suite_add_tcase(s, tc);
    return hostenv_run_suite(s);
}
