/*
 * VT-d encoders: page-table entries and level arithmetic, context and root
 * entries, invalidation descriptors, and the page-selective range split.
 */
#include <stdint.h>
#include <stdlib.h>

#include "../drivers/passthrough/vtd/vtd-entries.h"
#include "../drivers/passthrough/vtd/vtd-invdesc.h"
#include "hostenv.h"

START_TEST(levels_and_widths)
{
    ck_assert_uint_eq(vtd_width_to_levels(39), 3);
    ck_assert_uint_eq(vtd_width_to_levels(48), 4);
    ck_assert_uint_eq(vtd_width_to_levels(57), 5);
    ck_assert_uint_eq(vtd_width_to_levels(40), 0);
    ck_assert_uint_eq(vtd_levels_to_aw(3), 1);
    ck_assert_uint_eq(vtd_levels_to_aw(4), 2);
    ck_assert_uint_eq(vtd_levels_to_aw(2), 0);
    /* QEMU aw-bits=39: SAGAW 0x2; aw-bits=48: SAGAW 0x6 (QEMU-PLATFORM.md). */
    ck_assert_uint_eq(vtd_choose_width(0x2, 39), 39);
    ck_assert_uint_eq(vtd_choose_width(0x2, 46), 39);   /* best it has */
    ck_assert_uint_eq(vtd_choose_width(0x6, 39), 39);
    ck_assert_uint_eq(vtd_choose_width(0x6, 40), 48);
    ck_assert_uint_eq(vtd_choose_width(0x0, 39), 0);
    ck_assert_uint_eq(vtd_level_index(0x123456789ULL, 1), 0x189);
    ck_assert_uint_eq(vtd_level_index(0x123456789ULL, 2), 0xb3);
    ck_assert_uint_eq(vtd_level_index(0x123456789ULL, 3), 0xd1);
    ck_assert_uint_eq(vtd_level_frames(3), 262144);
}
END_TEST

START_TEST(page_table_entries)
{
    uint64_t pte = vtd_pte_leaf(0x12345, true, false, 1);

    ck_assert_uint_eq(pte, 0x12345000ULL | VTD_PTE_R);
    ck_assert(vtd_pte_present(pte));
    ck_assert_uint_eq(vtd_pte_mfn(pte), 0x12345);
    ck_assert_uint_eq(vtd_pte_leaf(0x200, true, true, 2), 0x200000ULL | 0x83);
    ck_assert(!vtd_pte_present(0));
    ck_assert_uint_eq(vtd_pte_table(0x7777), 0x7777003ULL);
    /* Frames above the 52-bit address space cannot leak into flag bits. */
    ck_assert_uint_eq(vtd_pte_leaf(~0ULL, false, true, 1) & ~VTD_PTE_ADDR_MASK, VTD_PTE_W);
}
END_TEST

START_TEST(root_and_context_entries)
{
    struct vtd_root_entry r = vtd_root_entry(0xabcde);
    struct vtd_context_entry c = vtd_context_entry(0x1234, 3, 7, VTD_CTX_TT_UNTRANSLATED);

    ck_assert_uint_eq(r.lo, 0xabcde001ULL);
    ck_assert_uint_eq(r.hi, 0);
    ck_assert_uint_eq(c.lo, 0x1234001ULL);
    ck_assert_uint_eq(c.hi, 0x701);                     /* DID 7, AW 1 */
    c = vtd_context_entry(0x1234, 4, 0xffff, VTD_CTX_TT_ALL);
    ck_assert_uint_eq(c.lo, 0x1234005ULL);
    ck_assert_uint_eq(c.hi, 0xffff02ULL);
}
END_TEST

START_TEST(descriptors)
{
    struct vtd_desc d;

    d = vtd_desc_context(VTD_GRAN_GLOBAL, 0, 0, 0);
    ck_assert_uint_eq(d.lo, 0x11);
    d = vtd_desc_context(VTD_GRAN_DEVICE, 5, 0x28, 0);
    ck_assert_uint_eq(d.lo, 0x0000002800050031ULL);

    d = vtd_desc_iotlb(VTD_GRAN_DOMAIN, 3, 0, 0, false, false, false);
    ck_assert_uint_eq(d.lo, 0x30022);
    ck_assert_uint_eq(d.hi, 0);
    d = vtd_desc_iotlb(VTD_GRAN_PAGE, 3, 0x40000000, 6, true, true, true);
    ck_assert_uint_eq(d.lo, 0x300f2);
    ck_assert_uint_eq(d.hi, 0x40000046ULL);

    d = vtd_desc_devtlb(0x28, 0x5000, 0);
    ck_assert_uint_eq(d.lo, 0x0000002800000003ULL);
    ck_assert_uint_eq(d.hi, 0x5000);
    d = vtd_desc_devtlb(0x28, 0x10000, 4);              /* 16 pages: bits 12-14 set */
    ck_assert_uint_eq(d.hi, 0x17001);
    d = vtd_desc_devtlb(0x28, 0x10000, 1);              /* 2 pages: bit 12 clear */
    ck_assert_uint_eq(d.hi, 0x10001);

    d = vtd_desc_wait(0x7000, 0x1234, false);
    ck_assert_uint_eq(d.lo, 0x0000123400000065ULL);
    ck_assert_uint_eq(d.hi, 0x7000);
    d = vtd_desc_wait(0x7001, 1, true);
    ck_assert_uint_eq(d.lo & 0x10, 0x10);
    ck_assert_uint_eq(d.hi, 0x7000);                    /* 4-byte aligned */
}
END_TEST

START_TEST(psi_split_aligned_run_is_one_invalidation)
{
    struct vtd_psi_block b[16];

    /* 64 contiguous, 64-aligned pages: one masked invalidation (the figure). */
    ck_assert_uint_eq(vtd_psi_split(0x40000, 64, 18, b, 16), 1);
    ck_assert_uint_eq(b[0].first, 0x40000);
    ck_assert_uint_eq(b[0].am, 6);
    /* MAMV caps the mask. */
    ck_assert_uint_eq(vtd_psi_split(0, 64, 2, b, 16), 16);
    ck_assert_uint_eq(b[15].first, 60);
    ck_assert_uint_eq(b[15].am, 2);
    /* An unaligned run: 1, 2-3, 4-7, 8-15, 16-31, 32-63, 64. */
    ck_assert_uint_eq(vtd_psi_split(1, 64, 18, b, 16), 7);
    ck_assert_uint_eq(b[5].first, 32);
    ck_assert_uint_eq(b[5].am, 5);
    ck_assert_uint_eq(b[6].first, 64);
    ck_assert_uint_eq(b[6].am, 0);
    ck_assert_uint_eq(vtd_psi_split(5, 0, 18, b, 16), 0);
    /* Too many blocks for the buffer: the count still says so. */
    ck_assert_uint_eq(vtd_psi_split(0, 64, 0, b, 16), 64);
}
END_TEST

START_TEST(psi_split_covers_exactly)
{
    static struct vtd_psi_block b[1024];

    srand(1234);
    for ( unsigned int iter = 0; iter < 2000; iter++ )
    {
        uint64_t first = rand() % 100000, nr = 1 + rand() % 700;
        unsigned int mamv = rand() % 19;
        unsigned int n = vtd_psi_split(first, nr, mamv, b, 1024);
        uint64_t next = first;

        ck_assert_uint_le(n, nr);
        for ( unsigned int i = 0; i < n; i++ )
        {
            ck_assert_uint_eq(b[i].first, next);                     /* contiguous */
            ck_assert_uint_le(b[i].am, mamv);
            ck_assert_uint_eq(b[i].first & ((1ULL << b[i].am) - 1), 0); /* aligned */
            next += 1ULL << b[i].am;
        }
        ck_assert_uint_eq(next, first + nr);                        /* exact */
    }
}
END_TEST

START_TEST(psi_cover)
{
    struct vtd_psi_block b;

    ck_assert(vtd_psi_cover(0x40000, 64, 18, &b));
    ck_assert_uint_eq(b.first, 0x40000);
    ck_assert_uint_eq(b.am, 6);
    ck_assert(vtd_psi_cover(1, 60, 18, &b));            /* 0..63 covers 1..60 */
    ck_assert_uint_eq(b.first, 0);
    ck_assert_uint_eq(b.am, 6);
    ck_assert(!vtd_psi_cover(63, 2, 18, &b));           /* 0..127 is > 2x the range */
    ck_assert(!vtd_psi_cover(0, 1ULL << 20, 18, &b));   /* beyond MAMV */
    ck_assert(!vtd_psi_cover(0, 0, 18, &b));
}
END_TEST

int main(void)
{
    Suite *s = suite_create("vtd-encode");
    TCase *tc = tcase_create("encode");

    tcase_add_test(tc, levels_and_widths);
    tcase_add_test(tc, page_table_entries);
    tcase_add_test(tc, root_and_context_entries);
    tcase_add_test(tc, descriptors);
    tcase_add_test(tc, psi_split_aligned_run_is_one_invalidation);
    tcase_add_test(tc, psi_split_covers_exactly);
    tcase_add_test(tc, psi_cover);
    suite_add_tcase(s, tc);
    return hostenv_run_suite(s);
}
