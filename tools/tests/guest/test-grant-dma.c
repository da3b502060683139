/*
 * The DMA probes of DESIGN section 4, as dom0 with QEMU's edu device
 * assigned (assign-pci=0:00:05.0), against grants offered by domain 1
 * (test-grant-offer).  For every strict flush policy:
 *   1. a DMA into a granted frame mapped with device_map lands;
 *   2. after the unmap returns, a DMA to the same address does not;
 *   3. a read-only mapping lets the device read and not write;
 *   4. two mappings, read-only then writable: promoted, then demoted to
 *      read-only when the writable one goes (writes stop, reads work),
 *      then removed (reads stop).
 * With "policy=none" on its command line it runs probes 1-2 under the
 * unsafe policy and reports, as a failure, a DMA that lands after unmap.
 * It also checks that domain 1, which has no device, paid no IOMMU work
 * for the grant mapping it made.
 */

#include "edu.h"
#include <public/sched.h>

#include "grant.h"
#include "iommu-policy.h"
#include "guest.h"
#include "mm.h"

#define DOMU            1
#define OFFER_REF       5
#define REF_RW          8
#define REF_RO          9
#define DONE_OFFSET     2048
#define PATIENCE        2000000

DEFINE_WINDOW(offered);             /* our page domain 1 maps */
DEFINE_WINDOW(window_a);            /* domain 1's page A, when host-mapped */
DEFINE_WINDOW(scratch);

static bool all_bytes(const uint8_t *p, unsigned int n, uint8_t v)
{
    for ( unsigned int i = 0; i < n; i++ )
        if ( p[i] != v )
            return false;
    return true;
}

/* What domain 1's frame under ref holds now (its first DMA-sized bytes). */
static bool grant_holds(grant_ref_t ref, uint8_t v)
{
    for ( unsigned int i = 0; i < EDU_DMA_BYTES; i++ )
        scratch[i] = ~v;
    if ( grant_copy_from(DOMU, ref, scratch, EDU_DMA_BYTES) != GNTST_okay )
        return false;
    return all_bytes(scratch, EDU_DMA_BYTES, v);
}

static bool dma_write(uint64_t bus, uint8_t v)
{
    return edu_buffer_fill(v) && edu_dma(bus, true);
}

/* DMA-read bus into the device, then back out: what the device saw. */
static bool dma_read_sees(uint64_t bus, uint8_t v)
{
    uint8_t seen[EDU_DMA_BYTES];

    return edu_buffer_fill(~v) && edu_dma(bus, false) && edu_buffer_read(seen) &&
           all_bytes(seen, EDU_DMA_BYTES, v);
}

/* Probes 1 and 2; true if the DMA after the unmap stayed out. */
static bool probe_unmap(const char *policy)
{
    grant_handle_t h;
    uint64_t bus;

    check_eq(grant_map(DOMU, REF_RW, GNTMAP_host_map | GNTMAP_device_map, window_a, &h, &bus),
             GNTST_okay, "map page A (host + device)");
    check(window_a[100] == 0x5a, "[%s] page A seen through the host mapping", policy);
    check(dma_write(bus, 0xe7), "[%s] DMA ran", policy);
    check(all_bytes(window_a, EDU_DMA_BYTES, 0xe7), "[%s] a DMA into a mapped grant lands",
          policy);
    check_eq(grant_unmap(h, window_a), GNTST_okay, "unmap page A");

    check(dma_write(bus, 0x99), "[%s] DMA ran", policy);
    return grant_holds(REF_RW, 0xe7);
}

static void probe_read_only(const char *policy)
{
    grant_handle_t h;
    uint64_t bus;

    check_eq(grant_map(DOMU, REF_RO, GNTMAP_device_map | GNTMAP_readonly, NULL, &h, &bus),
             GNTST_okay, "map page B read-only for the device");
    check(dma_read_sees(bus, 0x3c), "[%s] the device reads a read-only grant", policy);
    check(dma_write(bus, 0x77), "[%s] DMA ran", policy);
    check(grant_holds(REF_RO, 0x3c), "[%s] a DMA write to a read-only grant is refused",
          policy);
    check_eq(grant_unmap(h, NULL), GNTST_okay, "unmap page B");
}

static void probe_promote_demote(const char *policy)
{
    grant_handle_t ro, rw;
    uint64_t bus, bus2;

    check_eq(grant_map(DOMU, REF_RW, GNTMAP_device_map | GNTMAP_readonly, NULL, &ro, &bus),
             GNTST_okay, "map page A read-only");
    check_eq(grant_map(DOMU, REF_RW, GNTMAP_device_map, NULL, &rw, &bus2), GNTST_okay,
             "map page A writable too (promotion)");
    check(bus == bus2, "one device address for both mappings");
    check(dma_write(bus, 0x42) && grant_holds(REF_RW, 0x42),
          "[%s] promoted: a DMA write lands", policy);
    check_eq(grant_unmap(rw, NULL), GNTST_okay, "unmap the writable mapping (demotion)");
    check(dma_write(bus, 0x43) && grant_holds(REF_RW, 0x42),
          "[%s] demoted: a DMA write is refused", policy);
    check(dma_read_sees(bus, 0x42), "[%s] demoted: a DMA read still works", policy);
    check_eq(grant_unmap(ro, NULL), GNTST_okay, "unmap the read-only mapping (removal)");
    check(dma_read_sees(bus, 0x00), "[%s] removed: a DMA read gets nothing", policy);
}

static void wait_for_domu(void)
{
    struct argon_sysctl_iommu_stats st;
    grant_handle_t h;
    int16_t rc = GNTST_bad_domain;

    /* Domain 1 maps our offer first, then offers its pages: its ref 8 means both. */
    for ( unsigned long polls = 0; polls < 50 * PATIENCE; polls++ )
    {
        rc = grant_map(DOMU, REF_RW, GNTMAP_device_map | GNTMAP_readonly, NULL, &h, NULL);
        if ( rc == GNTST_okay )
            break;
        hypercall2(__HYPERVISOR_sched_op, SCHEDOP_yield, 0);
    }
    check_eq(rc, GNTST_okay, "domain 1's offer");
    if ( rc == GNTST_okay )
        check_eq(grant_unmap(h, NULL), GNTST_okay, "unmap domain 1's offer");
    check(offered[0] == 0xd1, "domain 1 wrote our page through its grant mapping");
    check(iommu_domain_stats(DOMU, &st), "domain 1's IOMMU statistics");
    check(st.maps == 0 && st.unmaps == 0 && st.waits == 0,
          "a domain without a device pays no IOMMU cost for grant maps");
}

static void say_done(void)
{
    grant_handle_t h;

    check_eq(grant_map(DOMU, REF_RW, GNTMAP_host_map, window_a, &h, NULL), GNTST_okay,
             "map page A to say we are done");
    window_a[DONE_OFFSET] = 'D';
    check_eq(grant_unmap(h, window_a), GNTST_okay, "unmap page A");
}

void test_main(void)
{
    static const struct { unsigned int policy; const char *name; } strict[] = {
        { ARGON_IOMMU_FLUSH_strict_psi, "strict-psi" },
        { ARGON_IOMMU_FLUSH_strict_batched, "strict-batched" },
        { ARGON_IOMMU_FLUSH_strict_domain, "strict-domain" },
        { ARGON_IOMMU_FLUSH_global, "global" },
    };
    bool unsafe = strstr((const char *)start_info->cmd_line, "policy=none") != NULL;
    struct grant_entry_v1 *table = grant_table_setup();

    if ( !edu_init() )
        test_skip("no edu device assigned to dom0");
    check(table != NULL, "our grant table");
    if ( table == NULL )
        return;
    grant_offer(table, OFFER_REF, DOMU, virt_to_mfn(offered), false);
    wait_for_domu();

    if ( unsafe )
    {
        check(iommu_set_policy(ARGON_IOMMU_FLUSH_none), "flush policy none");
        if ( !probe_unmap("none") )
            fail("[none] a DMA after unmap landed: the stale IOTLB entry was used");
        check(iommu_set_policy(ARGON_IOMMU_FLUSH_strict_batched), "back to a strict policy");
    }
    else
        for ( unsigned int i = 0; i < sizeof(strict) / sizeof(strict[0]); i++ )
        {
            check(iommu_set_policy(strict[i].policy), "flush policy %s", strict[i].name);
            check(probe_unmap(strict[i].name), "[%s] a DMA after unmap stays out",
                  strict[i].name);
            probe_read_only(strict[i].name);
            probe_promote_demote(strict[i].name);
            printf("probes passed under %s\n", strict[i].name);
        }
    say_done();
}
