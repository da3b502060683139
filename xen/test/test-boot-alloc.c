/*
 * The boot allocator: what is handed over to the heap is exactly the usable
 * RAM minus every reservation (image, MBI, modules, first MiB), rounded to
 * whole pages the safe way; allocations come from the top, aligned, below
 * their limit, never twice, and stop after the hand-over.
 */
#include <stdint.h>
#include <string.h>

#include <asm/boot-alloc.h>
#include <asm/config.h>

#include "hostenv.h"

#define MIB     (1ULL << 20)

static struct { uint64_t first, nr; } got[64];
static unsigned int nr_got;

static void collect(uint64_t first, uint64_t nr)
{
    ck_assert_uint_lt(nr_got, 64);
    got[nr_got].first = first;
    got[nr_got++].nr = nr;
}

static bool frame_handed_over(uint64_t mfn)
{
    for ( unsigned int i = 0; i < nr_got; i++ )
        if ( mfn >= got[i].first && mfn < got[i].first + got[i].nr )
            return true;
    return false;
}

static uint64_t pages_handed_over(void)
{
    uint64_t n = 0;

    for ( unsigned int i = 0; i < nr_got; i++ )
        n += got[i].nr;
    return n;
}

START_TEST(reservations_never_reach_the_heap)
{
    /* A map like QEMU's: low RAM, a hole, RAM above 4 GiB. */
    boot_mem_reset();
    nr_got = 0;
    ck_assert(boot_mem_add(0, 0x9fc00));                   /* partial last page */
    ck_assert(boot_mem_add(MIB, 0x7ffdf000));
    ck_assert(boot_mem_add(0x100000000ULL, 0x180000000ULL));
    boot_mem_reserve(0, MIB);                              /* first MiB */
    boot_mem_reserve(0x200000, 0x2c5123);                  /* image, unaligned end */
    boot_mem_reserve(0x10e2a8, 0x10f3b0);                  /* MBI inside one page */
    boot_mem_reserve(0x2c6000, 0x5123456);                 /* module 0 */
    boot_mem_reserve(0x5124000, 0x5124001);                /* module 1: one byte */
    boot_mem_reserve(0x17ffff000ULL, 0x180000000ULL);      /* module at the very top */
    boot_mem_handover(collect);

    /* Frame by frame where the reservations are; the rest by count. */
    for ( uint64_t mfn = 0; mfn < 0x180000; mfn = mfn == 0x6000 ? 0x17fe00 : mfn + 1 )
    {
        paddr_t pa = mfn << PAGE_SHIFT;
        bool usable = (pa + PAGE_SIZE <= 0x9fc00) ||
                      (pa >= MIB && pa + PAGE_SIZE <= 0x7ffdf000) ||
                      (pa >= 0x100000000ULL && pa < 0x180000000ULL);
        bool reserved = pa < MIB ||
                        (pa + PAGE_SIZE > 0x10e2a8 && pa < 0x10f3b0) ||
                        (pa + PAGE_SIZE > 0x200000 && pa < 0x2c5123) ||
                        (pa + PAGE_SIZE > 0x2c6000 && pa < 0x5123456) ||
                        pa == 0x5124000 || pa == 0x17ffff000ULL;

        ck_assert_msg(frame_handed_over(mfn) == (usable && !reserved),
                      "frame %#lx", (unsigned long)mfn);
    }
    ck_assert_uint_eq(pages_handed_over(),
                      (0x7ffdf - 0x100)             /* RAM from 1 MiB */
                      - 2                           /* MBI: two pages touched */
                      - 0xc6                        /* image 0x200-0x2c5 */
                      - (0x5124 - 0x2c6)            /* module 0 */
                      - 1                           /* module 1 */
                      + 0x80000 - 1);               /* high RAM less module 2 */
    ck_assert_uint_eq(boot_mem_free_bytes(), 0);
    /* Closed: nothing more is handed out. */
    ck_assert_uint_eq(boot_mem_alloc(PAGE_SIZE, PAGE_SIZE, ~0ULL), BOOT_MEM_FAILED);
}
END_TEST

START_TEST(allocations_from_the_top_aligned_and_limited)
{
    paddr_t a, b, c;

    boot_mem_reset();
    nr_got = 0;
    ck_assert(boot_mem_add(MIB, 64 * MIB));
    ck_assert(boot_mem_add(0x100000000ULL, 0x100000000ULL + 8 * MIB));

    a = boot_mem_alloc(PAGE_SIZE, PAGE_SIZE, ~0ULL);
    ck_assert_uint_eq(a, 0x100000000ULL + 8 * MIB - PAGE_SIZE);   /* the top */
    b = boot_mem_alloc(100, PAGE_SIZE, 0x100000000ULL);             /* below 4 GiB */
    ck_assert_uint_eq(b, 64 * MIB - PAGE_SIZE);
    c = boot_mem_alloc(2 * MIB, 2 * MIB, ~0ULL);
    ck_assert_uint_eq(c & (2 * MIB - 1), 0);
    ck_assert_uint_eq(c, 0x100000000ULL + 4 * MIB);                 /* below a */
    ck_assert_uint_eq(boot_mem_allocated_bytes(), 2 * PAGE_SIZE + 2 * MIB);
    ck_assert_uint_eq(boot_mem_alloc(128 * MIB, PAGE_SIZE, ~0ULL), BOOT_MEM_FAILED);
    ck_assert_uint_eq(boot_mem_alloc(PAGE_SIZE, 3 * PAGE_SIZE, ~0ULL), BOOT_MEM_FAILED);
    ck_assert_uint_eq(boot_mem_alloc(PAGE_SIZE, PAGE_SIZE, MIB), BOOT_MEM_FAILED);

    boot_mem_handover(collect);
    /* What was allocated is not handed over; the space above c (up to a) is. */
    ck_assert(!frame_handed_over(a >> PAGE_SHIFT));
    ck_assert(!frame_handed_over(b >> PAGE_SHIFT));
    ck_assert(!frame_handed_over(c >> PAGE_SHIFT));
    ck_assert(!frame_handed_over((c + 2 * MIB - PAGE_SIZE) >> PAGE_SHIFT));
    ck_assert(frame_handed_over((c + 2 * MIB) >> PAGE_SHIFT));
    ck_assert(frame_handed_over((c - PAGE_SIZE) >> PAGE_SHIFT));
    ck_assert_uint_eq(pages_handed_over(),
                      (63 * MIB + 8 * MIB - 2 * PAGE_SIZE - 2 * MIB) >> PAGE_SHIFT);
}
END_TEST

START_TEST(overlapping_map_entries_count_once)
{
    boot_mem_reset();
    nr_got = 0;
    ck_assert(boot_mem_add(MIB, 4 * MIB));
    ck_assert(boot_mem_add(2 * MIB, 6 * MIB));
    ck_assert(boot_mem_add(0x3000, 0x3fff));                /* less than a page */
    boot_mem_handover(collect);
    ck_assert_uint_eq(pages_handed_over(), (5 * MIB) >> PAGE_SHIFT);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("boot-alloc");
    TCase *tc = tcase_create("ranges");

    tcase_add_test(tc, reservations_never_reach_the_heap);
    tcase_add_test(tc, allocations_from_the_top_aligned_and_limited);
    tcase_add_test(tc, overlapping_map_entries_count_once);
    suite_add_tcase(s, tc);
    return hostenv_run_suite(s);
}
