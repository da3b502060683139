/*
 * The buddy heap and xmalloc over a fake machine memory: no block is ever
 * handed out twice, counts stay exact, freed memory coalesces back into
 * whole blocks, domain pages are scrubbed, address limits (MEMF_bits) hold,
 * and xmalloc sizes, alignment, overflow and reuse.
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
        /* Boot memory holds whatever the loader left: never zero. */
        memset(memory, 0xee, (size_t)NR_FRAMES * FAKE_PAGE);
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
    pg = alloc_domheap_pages((struct domain *)0x1234, 1, 0);
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
    ck_assert_ptr_null(xzalloc_array_bytes(SIZE_MAX / 4, 5));  /* overflow */
    ck_assert_ptr_nonnull(p = xzalloc_array_bytes(24, 3));
    ck_assert_uint_eq(((uint8_t *)p)[71], 0);
    xfree(p);
    xfree(NULL);
}
END_TEST

static bool page_is(const uint8_t *va, uint8_t byte)
{
    for ( unsigned int i = 0; i < FAKE_PAGE; i++ )
        if ( va[i] != byte )
            return false;
    return true;
}

START_TEST(dirty_memory_is_zeroed_for_domains_only)
{
    struct page_info *pg;
    uint8_t *x;

    setup();
    /* Unscrubbed boot memory: the xenheap takes it as it is... */
    x = alloc_xenheap_pages(0);
    ck_assert_ptr_nonnull(x);
    memset(x, 0x77, FAKE_PAGE);
    free_xenheap_pages(x, 0);
    /* ...but a domain never sees the hypervisor's leftovers. */
    pg = alloc_domheap_pages(NULL, 0, 0);
    ck_assert_ptr_eq(page_to_virt(pg), x);          /* the same frame, reused */
    ck_assert(page_is(page_to_virt(pg), 0));
    free_domheap_pages(pg, 0);

    /* MEMF_no_scrub: the caller overwrites it all, so no zeroing. */
    x = alloc_xenheap_pages(0);
    memset(x, 0x77, FAKE_PAGE);
    free_xenheap_pages(x, 0);
    pg = alloc_domheap_pages(NULL, 0, MEMF_no_scrub);
    ck_assert_ptr_eq(page_to_virt(pg), x);
    ck_assert(page_is(page_to_virt(pg), 0x77));
    free_domheap_pages(pg, 0);
}
END_TEST

START_TEST(owner_and_no_owner)
{
    struct domain *d = (struct domain *)0x5678;
    struct page_info *pg = alloc_domheap_pages(d, 2, 0);

    setup();
    ck_assert_ptr_nonnull(pg);
    for ( unsigned int i = 0; i < 4; i++ )
        ck_assert_ptr_eq(pg[i].owner, d);
    free_domheap_pages(pg, 2);
    pg = alloc_domheap_pages(d, 0, MEMF_no_owner);
    ck_assert_ptr_null(pg->owner);
    free_domheap_pages(pg, 0);
}
END_TEST

START_TEST(address_limits_and_high_first)
{
    struct page_info *low[64];
    uint64_t free0, below;
    void *x;

    setup();
    free0 = heap_free_pages();
    /* Unrestricted requests come from the top, keeping low memory. */
    x = alloc_xenheap_pages(0);
    ck_assert_uint_ge(page_to_mfn(virt_to_page(x)), NR_FRAMES / 2);
    free_xenheap_pages(x, 0);

    /* Frames [16, 256) lie below 2^20 bytes (1 MiB of 4 KiB frames). */
    below = heap_free_pages_below(20);
    ck_assert_uint_eq(below, 256 - 16);
    for ( unsigned int i = 0; i < 64; i++ )
    {
        low[i] = alloc_domheap_pages(NULL, 1, MEMF_bits(20));
        ck_assert_ptr_nonnull(low[i]);
        ck_assert_uint_lt(page_to_mfn(low[i]) + 2, 256 + 1);
    }
    ck_assert_uint_eq(heap_free_pages_below(20), below - 128);
    for ( unsigned int i = 0; i < 64; i++ )
        free_domheap_pages(low[i], 1);
    /* Nothing of order 8 exists below 1 MiB: [0, 256) starts with reserved frames. */
    ck_assert_ptr_null(alloc_domheap_pages(NULL, 8, MEMF_bits(20)));
    ck_assert_ptr_nonnull(low[0] = alloc_domheap_pages(NULL, 7, MEMF_bits(20)));
    ck_assert_uint_eq(page_to_mfn(low[0]), 128);
    free_domheap_pages(low[0], 7);
    ck_assert_uint_eq(heap_free_pages(), free0);
    ck_assert_uint_eq(heap_total_pages(), NR_FRAMES - 16);
}
END_TEST

/* Random domheap and xenheap traffic, checked against a shadow map of frames. */
START_TEST(random_mixed_traffic_against_shadow)
{
    static struct { struct page_info *pg; unsigned int order; } live[1024];
    static uint8_t shadow[NR_FRAMES];
    unsigned int nr_live = 0;
    uint64_t in_use = 0, free0;

    setup();
    free0 = heap_free_pages();
    memset(shadow, 0, sizeof(shadow));
    srand(7);
    for ( unsigned int step = 0; step < 50000; step++ )
    {
        if ( nr_live < 1024 && rand() % 2 )
        {
            unsigned int order = rand() % 9, bits = rand() % 3 ? 0 : 20 + rand() % 4;
            struct page_info *pg = alloc_domheap_pages(NULL, order, MEMF_bits(bits));
            uint64_t mfn;

            if ( pg == NULL )
                continue;
            mfn = page_to_mfn(pg);
            if ( bits )
                ck_assert_uint_le((mfn + (1u << order)) * FAKE_PAGE, 1ULL << bits);
            ck_assert_uint_eq(mfn & ((1u << order) - 1), 0);
            for ( unsigned int i = 0; i < (1u << order); i++ )
            {
                ck_assert_uint_eq(shadow[mfn + i], 0);
                shadow[mfn + i] = 1;
            }
            in_use += 1u << order;
            live[nr_live].pg = pg;
            live[nr_live++].order = order;
        }
        else if ( nr_live )
        {
            unsigned int k = rand() % nr_live;
            uint64_t mfn = page_to_mfn(live[k].pg);

            for ( unsigned int i = 0; i < (1u << live[k].order); i++ )
                shadow[mfn + i] = 0;
            in_use -= 1u << live[k].order;
            free_domheap_pages(live[k].pg, live[k].order);
            live[k] = live[--nr_live];
        }
        ck_assert_uint_eq(heap_free_pages(), free0 - in_use);
    }
    while ( nr_live )
    {
        nr_live--;
        free_domheap_pages(live[nr_live].pg, live[nr_live].order);
    }
    ck_assert_uint_eq(heap_free_pages(), free0);
    /* Everything coalesced: the low 1 MiB (frames 128-255) is one block again. */
    ck_assert_ptr_nonnull(live[0].pg = alloc_domheap_pages(NULL, 7, MEMF_bits(20)));
    ck_assert_uint_eq(page_to_mfn(live[0].pg), 128);
    free_domheap_pages(live[0].pg, 7);
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
    tcase_add_test(tc, dirty_memory_is_zeroed_for_domains_only);
    tcase_add_test(tc, owner_and_no_owner);
    tcase_add_test(tc, address_limits_and_high_first);
    tcase_add_test(tc, random_mixed_traffic_against_shadow);
    suite_add_tcase(s, tc);
    /* The tests share one heap, in order. */
    return hostenv_run_suite_nofork(s);
}
