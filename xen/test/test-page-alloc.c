/*
 * The buddy heap and xmalloc over a fake machine memory: no block is ever
 * handed out twice, counts stay exact, freed memory coalesces back into
 * whole blocks, domain pages are scrubbed, and xmalloc sizes and alignment.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <asm/mm.h>
#include <xen/mm.h>

#include "hostenv.h"

#define NR_FRAMES   4096
#define FAKE_PAGE   4096

static uint8_t *memory;                 /* frame n lives at memory + n * 4096 */
static struct page_info frames[NR_FRAMES];

void *page_to_virt(const struct page_info *pg)
{
    return memory + page_to_mfn(pg) * FAKE_PAGE;
}

struct page_info *virt_to_page(const void *va)
{
    return mfn_to_page(((const uint8_t *)va - memory) / FAKE_PAGE);
}

/* A heap of frames [16, NR_FRAMES): frames 0-15 stand for reserved memory. */
static void setup(void)
{
    static bool done;

    if ( !done )
    {
        memory = aligned_alloc(FAKE_PAGE, (size_t)NR_FRAMES * FAKE_PAGE);
        frame_table = frames;
        max_page = NR_FRAMES;
        heap_add_frames(16, NR_FRAMES - 16);
        done = true;
    }
}

START_TEST(counts_after_setup)
{
    setup();
    ck_assert_uint_eq(heap_total_pages(), NR_FRAMES - 16);
    ck_assert_uint_eq(heap_free_pages(), NR_FRAMES - 16);
}
END_TEST

START_TEST(random_alloc_free_never_overlaps)
{
    static struct { void *va; unsigned int order; } live[512];
    static uint8_t owner[NR_FRAMES];
    unsigned int nr_live = 0;
    uint64_t free0;

    setup();
    free0 = heap_free_pages();
    memset(owner, 0, sizeof(owner));
    srand(42);
    for ( unsigned int step = 0; step < 20000; step++ )
    {
        if ( nr_live < 512 && (rand() % 3 != 0 || nr_live == 0) )
        {
            unsigned int order = rand() % 6;
            void *va = alloc_xenheap_pages(order);
            uint64_t mfn;

            if ( va == NULL )
                continue;
            mfn = page_to_mfn(virt_to_page(va));
            ck_assert_uint_ge(mfn, 16);
            ck_assert_uint_eq(mfn & ((1u << order) - 1), 0);     /* natural alignment */
            for ( unsigned int i = 0; i < (1u << order); i++ )
            {
                ck_assert_uint_eq(owner[mfn + i], 0);            /* never twice */
                owner[mfn + i] = 1;
            }
            live[nr_live].va = va;
            live[nr_live].order = order;
            nr_live++;
        }
        else
        {
            unsigned int k = rand() % nr_live;
            uint64_t mfn = page_to_mfn(virt_to_page(live[k].va));

            for ( unsigned int i = 0; i < (1u << live[k].order); i++ )
                owner[mfn + i] = 0;
            free_xenheap_pages(live[k].va, live[k].order);
            live[k] = live[--nr_live];
        }
    }
    while ( nr_live )
    {
        nr_live--;
        free_xenheap_pages(live[nr_live].va, live[nr_live].order);
    }
    ck_assert_uint_eq(heap_free_pages(), free0);
}
END_TEST

START_TEST(freed_memory_coalesces)
{
    void *big;

    setup();
    /* [2048, 4096) is one aligned 2^11 block again once everything is free. */
    big = alloc_xenheap_pages(11);
    ck_assert_ptr_nonnull(big);
    ck_assert_uint_eq(page_to_mfn(virt_to_page(big)), 2048);
    free_xenheap_pages(big, 11);
    ck_assert_ptr_null(alloc_xenheap_pages(12));    /* no 4096-frame block exists */
}
END_TEST

START_TEST(exhaustion_returns_null)
{
    void *pages[NR_FRAMES];
    unsigned int n = 0;

    setup();
    while ( (pages[n] = alloc_xenheap_pages(0)) != NULL )
        n++;
    ck_assert_uint_eq(n, NR_FRAMES - 16);
    ck_assert_uint_eq(heap_free_pages(), 0);
    ck_assert_ptr_null(xmalloc_bytes(8192));
    while ( n )
        free_xenheap_pages(pages[--n], 0);
    ck_assert_uint_eq(heap_free_pages(), NR_FRAMES - 16);
    ck_assert_ptr_null(alloc_xenheap_pages(MAX_ORDER + 1));
}
END_TEST

START_TEST(domain_pages_are_scrubbed)
{
    struct page_info *pg;
    uint8_t *va;

    setup();
    pg = alloc_domheap_pages((struct domain *)0x1234, 1);
    ck_assert_ptr_nonnull(pg);
    ck_assert_ptr_eq(pg->owner, (struct domain *)0x1234);
    va = page_to_virt(pg);
    memset(va, 0xaa, 2 * FAKE_PAGE);
    free_domheap_pages(pg, 1);
    for ( unsigned int i = 0; i < 2 * FAKE_PAGE; i++ )
        ck_assert_uint_eq(va[i], 0);
    ck_assert_ptr_null(pg->owner);
}
END_TEST

START_TEST(xmalloc_sizes_alignment_reuse)
{
    void *small[100], *p, *q;
    uint64_t free0;

    setup();
    for ( unsigned int i = 0; i < 100; i++ )
    {
        size_t size = 1 + (i * 37) % 2048;

        small[i] = xmalloc_bytes(size);
        ck_assert_ptr_nonnull(small[i]);
        ck_assert_uint_eq((uintptr_t)small[i] % 16, 0);
        memset(small[i], 0x5a, size);
    }
    for ( unsigned int i = 0; i < 100; i++ )
        xfree(small[i]);

    p = xmalloc_bytes(64);
    xfree(p);
    q = xmalloc_bytes(64);
    ck_assert_ptr_eq(p, q);                         /* freed objects are reused */
    xfree(q);

    free0 = heap_free_pages();
    p = xzalloc_bytes(3 * FAKE_PAGE);               /* a 4-page block */
    ck_assert_ptr_nonnull(p);
    ck_assert_uint_eq(free0 - heap_free_pages(), 4);
    ck_assert_uint_eq(((uint8_t *)p)[3 * FAKE_PAGE - 1], 0);
    xfree(p);
    ck_assert_uint_eq(heap_free_pages(), free0);    /* large blocks go back */
    ck_assert_ptr_null(xmalloc_array_bytes(SIZE_MAX / 2, 3));   /* overflow */
    ck_assert_ptr_nonnull(p = xmalloc_array_bytes(8, 10));
    xfree(p);
    xfree(NULL);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("page-alloc");
    TCase *tc = tcase_create("heap");

    tcase_add_test(tc, counts_after_setup);
    tcase_add_test(tc, random_alloc_free_never_overlaps);
    tcase_add_test(tc, freed_memory_coalesces);
    tcase_add_test(tc, exhaustion_returns_null);
    tcase_add_test(tc, domain_pages_are_scrubbed);
    tcase_add_test(tc, xmalloc_sizes_alignment_reuse);
    suite_add_tcase(s, tc);
    /* The tests share one heap, in order. */
    return hostenv_run_suite_nofork(s);
}
