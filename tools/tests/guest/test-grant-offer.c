/*
 * The granting side of the grant/IOMMU probes (domain 1, beside
 * test-grant-dma as dom0).  It first maps a grant dom0 offers, with
 * device_map, to show a domain without a device pays no IOMMU cost; then
 * it offers dom0 one page read-write (ref 8) and one read-only (ref 9),
 * and waits for dom0 to say it is done.  Its own view of page A is the
 * independent check that the DMA after the unmap never reached it.
 *
 * With "bench" on its command line it serves test-grant-bench instead:
 * BENCH_GRANTS frames offered read-write under refs 0..BENCH_GRANTS-1
 * (ref 0 is a page of its own image, where dom0 writes its done marker).
 */
#include <public/sched.h>

#include "grant.h"
#include "guest.h"
#include "mm.h"

#define DOM0_OFFER_REF  5           /* test-grant-dma offers us this */
#define REF_RW          8
#define REF_RO          9
#define DONE_OFFSET     2048
#define PATIENCE        2000000     /* polls of a few microseconds each */

#define BENCH_FRAMES    21
#define BENCH_GRANTS    (BENCH_FRAMES * 512)
#define BENCH_FIRST_PFN 2048            /* beyond the initial mapping: offered unmapped */

static uint8_t bench_table[BENCH_FRAMES][PAGE_SIZE] __attribute__((aligned(4096)));
DEFINE_WINDOW(page_a);
DEFINE_WINDOW(page_b);
DEFINE_WINDOW(dom0_page);

static bool flags_idle(const struct grant_entry_v1 *t, grant_ref_t ref)
{
    return !(__atomic_load_n(&t[ref].flags, __ATOMIC_ACQUIRE) & (GTF_reading | GTF_writing));
}

static bool wait_for_marker(volatile const uint8_t *page)
{
    for ( unsigned long polls = 0; polls < 50 * PATIENCE; polls++ )
    {
        if ( page[DONE_OFFSET] == 'D' )
            return true;
        hypercall2(__HYPERVISOR_sched_op, SCHEDOP_yield, 0);
    }
    return false;
}

static void serve_benchmark(void)
{
    struct grant_entry_v1 *table = grant_table_setup_frames(BENCH_FRAMES, bench_table);
    const unsigned long *p2m = (const unsigned long *)start_info->mfn_list;

    check(table != NULL, "grant table of %u frames", BENCH_FRAMES);
    if ( table == NULL )
        return;
    for ( grant_ref_t ref = BENCH_GRANTS; ref-- > 1; )
        grant_offer(table, ref, 0, p2m[BENCH_FIRST_PFN + ref], false);
    grant_offer(table, 0, 0, virt_to_mfn(page_a), false);
    check(wait_for_marker(page_a), "dom0 finished the benchmark");
    printf("test-grant-offer: served %u grants to the benchmark\n", BENCH_GRANTS);
}

void test_main(void)
{
    struct grant_entry_v1 *table;

    if ( strstr((const char *)start_info->cmd_line, "bench") )
    {
        serve_benchmark();
        return;
    }
    table = grant_table_setup();
    grant_handle_t h;
    uint64_t bus = 0;
    int16_t st = GNTST_bad_domain;
    unsigned long polls;

    check(table != NULL, "grant table set up and mapped");
    if ( table == NULL )
        return;

    /* 1. A grant of dom0's, mapped by a domain with no device: no IOMMU work. */
    for ( polls = 0; polls < PATIENCE; polls++ )
    {
        st = grant_map(0, DOM0_OFFER_REF, GNTMAP_host_map | GNTMAP_device_map, dom0_page,
                       &h, &bus);
        if ( st == GNTST_okay )
            break;
        hypercall2(__HYPERVISOR_sched_op, SCHEDOP_yield, 0);
    }
    check_eq(st, GNTST_okay, "map dom0's offer");
    if ( st == GNTST_okay )
    {
        check(bus != 0 && (bus & (PAGE_SIZE - 1)) == 0, "device address of dom0's page");
        dom0_page[0] = 0xd1;                        /* dom0 looks for it */
        check_eq(grant_unmap(h, dom0_page), GNTST_okay, "unmap dom0's offer");
        check_eq(restore_window(dom0_page), 0, "own page back in the window");
    }

    /* 2. Offer two pages to dom0. */
    for ( unsigned int i = 0; i < PAGE_SIZE; i++ )
    {
        page_a[i] = 0x5a;
        page_b[i] = 0x3c;
    }
    grant_offer(table, REF_RO, 0, virt_to_mfn(page_b), true);
    grant_offer(table, REF_RW, 0, virt_to_mfn(page_a), false);

    /* 3. dom0 writes "DONE" into page A through a mapping when it has finished. */
    check(wait_for_marker(page_a), "dom0 finished (its marker is in page A)");
    for ( polls = 0; polls < PATIENCE; polls++ )
    {
        if ( flags_idle(table, REF_RW) && flags_idle(table, REF_RO) )
            break;
        hypercall2(__HYPERVISOR_sched_op, SCHEDOP_yield, 0);
    }
    check(flags_idle(table, REF_RW) && flags_idle(table, REF_RO),
          "no mapping of our grants is left (GTF_reading/GTF_writing clear)");
    /* The last DMA dom0 aimed at page A came after its unmap: it must not be here. */
    check(page_a[0] != 0x99, "a DMA after the unmap reached our page");
    /* Page B was only ever mapped read-only: no device wrote it. */
    for ( unsigned int i = 0; i < 64; i++ )
        check(page_b[i] == 0x3c, "read-only page B was written at byte %u", i);
    table[REF_RW].flags = 0;
    table[REF_RO].flags = 0;
    printf("test-grant-offer: dom0 mapped, DMAed and unmapped our grants; nothing leaked\n");
}
