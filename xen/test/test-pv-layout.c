/*
 * The PV start-of-day layout (arch/x86/pv/pv-layout.c) that the hypervisor's
 * builder and libxenguest share: exact figures for a known kernel, with and
 * without INIT_P2M, and every refusal.  tools/tests/unit/guest asserts the
 * same figures through libxenguest.
 */
#include <stdint.h>
#include <string.h>

#include <asm/pv-layout.h>
#include <xen/errno.h>

#include "hostenv.h"

#define KERNEL_BASE     0xffffffff80000000ULL

/* A 6 MiB kernel (the last page partly used) at the test kernels' VIRT_BASE. */
static struct pv_kernel_info known_kernel(uint64_t init_p2m)
{
    struct pv_kernel_info k = {
        .virt_base = KERNEL_BASE, .paddr_offset = 0, .pstart = 0, .pend = 0x5ff123,
        .init_p2m = init_p2m, .nr_segments = 1,
    };

    return k;
}

START_TEST(tables_needed)
{
    /* 4 MiB in one 1 GiB: L4, L3, L2 and two L1s. */
    ck_assert_uint_eq(pv_tables_needed(KERNEL_BASE, KERNEL_BASE + (4 << 20)), 5);
    /* Across a 1 GiB boundary: two L3 entries in one L3, two L2s. */
    ck_assert_uint_eq(pv_tables_needed(0x3fe00000, 0x40200000), 1 + 1 + 2 + 2);
    /* Across a 512 GiB boundary: two L3s. */
    ck_assert_uint_eq(pv_tables_needed(0x7fffe00000, 0x8000200000), 1 + 2 + 2 + 2);
}
END_TEST

START_TEST(known_kernel_64m)
{
    struct pv_kernel_info k = known_kernel(0);
    struct pv_layout l;
    struct pv_after_region a;

    ck_assert_int_eq(pv_compute_layout(&k, 16384, &l), 0);
    ck_assert_uint_eq(l.v_start, KERNEL_BASE);
    ck_assert_uint_eq(l.vkern_end, KERNEL_BASE + 0x600000);
    ck_assert_uint_eq(l.vstartinfo, KERNEL_BASE + 0x600000);
    ck_assert_uint_eq(l.vp2m, KERNEL_BASE + 0x601000);
    ck_assert_uint_eq(l.vpt, KERNEL_BASE + 0x621000);       /* 32 p2m frames */
    ck_assert_uint_eq(l.nr_pt_frames, 7);                   /* L4, L3, L2, 4 L1s */
    ck_assert_uint_eq(l.vstack, KERNEL_BASE + 0x628000);
    ck_assert_uint_eq(l.v_end, KERNEL_BASE + 0x800000);

    ck_assert_int_eq(pv_place_after_region(&k, &l, 16384, 5000, 2, &a), 0);
    ck_assert_uint_eq(a.initrd_pfn, 0x800);
    ck_assert_uint_eq(a.p2m_pfn, 0x802);
    ck_assert_uint_eq(a.nr_p2m_frames, 0);
    ck_assert_uint_eq(a.special_pfn, 0x802);
    ck_assert_uint_eq(a.end_pfn, 0x804);
}
END_TEST

START_TEST(known_kernel_init_p2m)
{
    struct pv_kernel_info k = known_kernel(0x8000000000ULL);      /* L4 slot 1 */
    struct pv_layout l;
    struct pv_after_region a;

    ck_assert_int_eq(pv_compute_layout(&k, 16384, &l), 0);
    ck_assert_uint_eq(l.vpt, l.vp2m);                       /* no list in the region */
    ck_assert_uint_eq(l.vpt, KERNEL_BASE + 0x601000);
    ck_assert_uint_eq(l.nr_pt_frames, 7);                   /* still an 8 MiB region */
    ck_assert_uint_eq(l.vstack, KERNEL_BASE + 0x608000);
    ck_assert_uint_eq(l.v_end, KERNEL_BASE + 0x800000);

    ck_assert_int_eq(pv_place_after_region(&k, &l, 16384, 5000, 2, &a), 0);
    ck_assert_uint_eq(a.p2m_pfn, 0x802);
    ck_assert_uint_eq(a.nr_p2m_list, 32);
    ck_assert_uint_eq(a.nr_p2m_frames, 32 + 3);             /* its own L3, L2, L1 */
    ck_assert_uint_eq(a.special_pfn, 0x802 + 35);
    ck_assert_uint_eq(a.end_pfn, 0x802 + 37);
}
END_TEST

START_TEST(refusals)
{
    struct pv_kernel_info k = known_kernel(0);
    struct pv_layout l;
    struct pv_after_region a;

    /* The region needs 2048 pages. */
    ck_assert_int_eq(pv_compute_layout(&k, 2047, &l), -ENOMEM);
    ck_assert_uint_eq(l.v_end - l.v_start, 0x800000);       /* filled for the message */
    ck_assert_int_eq(pv_compute_layout(&k, 2048, &l), 0);

    ck_assert_int_eq(pv_compute_layout(&k, 16384, &l), 0);
    ck_assert_int_eq(pv_place_after_region(&k, &l, 16384, (16384 - 2048) * 4096ULL, 0, &a), 0);
    ck_assert_int_eq(pv_place_after_region(&k, &l, 16384, (16384 - 2048) * 4096ULL + 1, 0, &a),
                     -ENOMEM);
    ck_assert_int_eq(pv_place_after_region(&k, &l, 16384, (16384 - 2048) * 4096ULL, 1, &a),
                     -ENOMEM);

    k.init_p2m = 0x8000000800ULL;                           /* unaligned */
    ck_assert_int_eq(pv_place_after_region(&k, &l, 16384, 0, 0, &a), -EINVAL);
    k.init_p2m = 0xffff800000000000ULL;                     /* the hypervisor's half */
    ck_assert_int_eq(pv_place_after_region(&k, &l, 16384, 0, 0, &a), -EINVAL);
    k.init_p2m = 0x8000000000ULL;                           /* fine, but no room after a ramdisk */
    ck_assert_int_eq(pv_place_after_region(&k, &l, 16384, (16384 - 2048 - 30) * 4096ULL, 0, &a),
                     -EINVAL);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("pv-layout");
    TCase *tc = tcase_create("layout");

    tcase_add_test(tc, tables_needed);
    tcase_add_test(tc, known_kernel_64m);
    tcase_add_test(tc, known_kernel_init_p2m);
    tcase_add_test(tc, refusals);
    suite_add_tcase(s, tc);
    return hostenv_run_suite(s);
}
