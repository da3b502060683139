/*
 * selftest=iommu: DMA through the IOMMU with QEMU's edu device (00:05.0),
 * for every strict flush policy:
 *   - a DMA read from and a DMA write to mapped pages work;
 *   - after an unmap (and its flush) a DMA write faults, is reported with
 *     the right requester and address, and leaves the page untouched;
 *   - after demotion to read-only a DMA write faults and a read works;
 *   - unmapping 64 contiguous pages in one batch costs what the policy says.
 * With iommu=none the same probe shows whether a stale translation is
 * still used (QEMU's IOTLB model keeps it until invalidated).
 */
#include <asm/mm.h>
#include <asm/page.h>
#include <xen/errno.h>
#include <xen/iommu.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/pci.h>
#include <xen/selftest.h>
#include <xen/string.h>
#include <xen/time.h>
#include <xen/vmap.h>

#define EDU_BDF         PCI_BDF(0, 5, 0)
#define EDU_VENDOR      0x1234
#define EDU_DEVICE      0x11e8
#define EDU_DMA_SRC     0x80
#define EDU_DMA_DST     0x88
#define EDU_DMA_COUNT   0x90
#define EDU_DMA_CMD     0x98
#define  EDU_CMD_RUN    0x1
#define  EDU_CMD_TO_RAM 0x2
#define EDU_BUFFER      0x40000         /* the device's own 4 KiB buffer */
#define DMA_BYTES       64

static volatile uint8_t *edu;

/* One DMA of DMA_BYTES between RAM address 'ram' and the edu buffer. */
static int edu_dma(uint64_t ram, bool to_ram)
{
    s_time_t deadline = NOW() + SECONDS(3);

    *(volatile uint64_t *)(edu + EDU_DMA_SRC) = to_ram ? EDU_BUFFER : ram;
    *(volatile uint64_t *)(edu + EDU_DMA_DST) = to_ram ? ram : EDU_BUFFER;
    *(volatile uint64_t *)(edu + EDU_DMA_COUNT) = DMA_BYTES;
    *(volatile uint64_t *)(edu + EDU_DMA_CMD) = EDU_CMD_RUN | (to_ram ? EDU_CMD_TO_RAM : 0);
    while ( *(volatile uint64_t *)(edu + EDU_DMA_CMD) & EDU_CMD_RUN )
        if ( NOW() > deadline )
            return -ETIMEDOUT;
    return 0;
}

static bool edu_setup(void)
{
    uint32_t id = pci_conf_read32(EDU_BDF, PCI_VENDOR_ID);
    uint32_t bar = pci_conf_read32(EDU_BDF, PCI_BAR0) & ~0xfu;

    if ( (id & 0xffff) != EDU_VENDOR || (id >> 16) != EDU_DEVICE || bar == 0 )
    {
        printk("Self-test iommu: SKIP: no edu device at 00:05.0 (id %08x)\n", id);
        return false;
    }
    edu = ioremap(bar, PAGE_SIZE);
    pci_conf_write16(EDU_BDF, PCI_COMMAND, pci_conf_read16(EDU_BDF, PCI_COMMAND) |
                     PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER);
    return edu != NULL;
}

static uint64_t maddr_of(struct page_info *pg)
{
    return page_to_mfn(pg) << PAGE_SHIFT;
}

/* Wait for a fault to be recorded for the domain (its MSI is asynchronous). */
static bool wait_fault(struct domain_iommu *di, uint64_t before)
{
    s_time_t deadline = NOW() + MILLISECS(500);

    while ( __atomic_load_n(&di->last_fault.count, __ATOMIC_ACQUIRE) == before )
        if ( NOW() > deadline )
            return false;
    return true;
}

#define CHECK(cond, ...) do {                                               \
        if ( !(cond) ) {                                                    \
            printk("Self-test iommu: FAIL [%s]: ", policy);                 \
            printk(__VA_ARGS__);                                            \
            printk("\n");                                                   \
            return false;                                                   \
        }                                                                   \
    } while ( 0 )

/* The probe for the current policy; 'unsafe' expects stale translations. */
static bool probe(struct domain_iommu *di, struct page_info *src, struct page_info *dst,
                  bool unsafe)
{
    const char *policy = iommu_flush_policy_name(iommu_flush_policy);
    uint8_t *s = page_to_virt(src), *d = page_to_virt(dst);
    uint64_t faults;
    bool landed;

    memset(s, 0xa5, DMA_BYTES);
    memset(d, 0, PAGE_SIZE);
    CHECK(!iommu_map(di, page_to_mfn(src), page_to_mfn(src), IOMMUF_readable),
          "map source");
    CHECK(!iommu_map(di, page_to_mfn(dst), page_to_mfn(dst),
                     IOMMUF_readable | IOMMUF_writable), "map destination");
    CHECK(!iommu_flush(di), "flush after map");

    /* 1. Mapped pages: RAM -> device -> RAM. */
    CHECK(!edu_dma(maddr_of(src), false) && !edu_dma(maddr_of(dst), true),
          "DMA timed out");
    CHECK(d[0] == 0xa5 && d[DMA_BYTES - 1] == 0xa5, "DMA to a mapped page did not land");

    /* 2. Unmapped: the write must fault and leave the page alone. */
    memset(d, 0x11, DMA_BYTES);
    CHECK(!iommu_unmap(di, page_to_mfn(dst)) && !iommu_flush(di), "unmap");
    faults = di->last_fault.count;
    CHECK(!edu_dma(maddr_of(dst), true), "DMA timed out");
    landed = d[0] == 0xa5;
    if ( unsafe )
    {
        printk("Self-test iommu: policy none: DMA write after unmap %s\n",
               landed ? "LANDED through a stale IOTLB entry (no invalidation was done)"
                      : "faulted (no stale entry was used)");
        CHECK(landed, "the unsafe policy should have left a stale translation");
        return true;
    }
    CHECK(!landed && d[0] == 0x11, "DMA after unmap reached the page");
    CHECK(wait_fault(di, faults), "no fault recorded for the DMA after unmap");
    CHECK(di->last_fault.sid == EDU_BDF && di->last_fault.addr == maddr_of(dst) &&
          !di->last_fault.read && di->last_fault.reason == 5,
          "fault record: sid %#x addr %#lx read %d reason %u", di->last_fault.sid,
          (unsigned long)di->last_fault.addr, di->last_fault.read, di->last_fault.reason);

    /* 3. Demoted to read-only: writes fault, reads work. */
    CHECK(!iommu_map(di, page_to_mfn(dst), page_to_mfn(dst),
                     IOMMUF_readable | IOMMUF_writable) && !iommu_flush(di), "remap");
    CHECK(!edu_dma(maddr_of(dst), true) && d[0] == 0xa5, "DMA after remap");
    memset(d, 0x22, DMA_BYTES);
    CHECK(!iommu_map(di, page_to_mfn(dst), page_to_mfn(dst), IOMMUF_readable) &&
          !iommu_flush(di), "demote");
    faults = di->last_fault.count;
    CHECK(!edu_dma(maddr_of(dst), true), "DMA timed out");
    CHECK(d[0] == 0x22, "DMA write to a read-only page landed");
    CHECK(wait_fault(di, faults) && di->last_fault.reason == 5,
          "no write fault recorded after demotion");
    faults = di->last_fault.count;
    CHECK(!edu_dma(maddr_of(dst), false), "DMA timed out");
    CHECK(di->last_fault.count == faults, "DMA read of a read-only page faulted");

    CHECK(!iommu_unmap(di, page_to_mfn(src)) && !iommu_unmap(di, page_to_mfn(dst)) &&
          !iommu_flush(di), "final unmap");
    return true;
}

/* Unmap 64 contiguous pages in one batch and report what it cost. */
static bool batch_cost(struct domain_iommu *di, struct page_info *run)
{
    const char *policy = iommu_flush_policy_name(iommu_flush_policy);
    struct iommu_stats before;
    uint64_t first = page_to_mfn(run), inv;

    for ( unsigned int i = 0; i < 64; i++ )
        CHECK(!iommu_map(di, first + i, first + i, IOMMUF_readable | IOMMUF_writable),
              "map run");
    CHECK(!iommu_flush(di), "flush run");
    before = di->stats;
    for ( unsigned int i = 0; i < 64; i++ )
        CHECK(!iommu_unmap(di, first + i), "unmap run");
    CHECK(!iommu_flush(di), "flush run");
    inv = (di->stats.inv_page - before.inv_page) + (di->stats.inv_domain - before.inv_domain) +
          (di->stats.inv_global - before.inv_global);
    printk("Self-test iommu: [%s] unmapping 64 contiguous pages: %lu page-selective, "
           "%lu domain, %lu global invalidations, %lu waits, %lu cycles\n", policy,
           (unsigned long)(di->stats.inv_page - before.inv_page),
           (unsigned long)(di->stats.inv_domain - before.inv_domain),
           (unsigned long)(di->stats.inv_global - before.inv_global),
           (unsigned long)(di->stats.waits - before.waits),
           (unsigned long)(di->stats.flush_cycles - before.flush_cycles));
    switch ( iommu_flush_policy )
    {
    case IOMMU_FLUSH_STRICT_PSI:
        CHECK(di->stats.inv_page - before.inv_page == 64, "want 64 invalidations");
        break;
    case IOMMU_FLUSH_STRICT_BATCHED:
        CHECK(inv == 1 && di->stats.inv_page - before.inv_page == 1 &&
              di->stats.waits - before.waits == 1, "want one masked invalidation, one wait");
        break;
    case IOMMU_FLUSH_STRICT_DOMAIN:
        CHECK(inv == 1 && di->stats.inv_domain - before.inv_domain == 1, "want one domain flush");
        break;
    case IOMMU_FLUSH_GLOBAL:
        CHECK(inv == 1 && di->stats.inv_global - before.inv_global == 1, "want one global flush");
        break;
    default:
        break;
    }
    return true;
}

/*
 * Superpages: a 2 MiB aligned run is one level-2 leaf; removing one page
 * splits it and that page alone becomes unreachable; removing the whole
 * superpage is one masked invalidation.
 */
static bool superpage_probe(struct domain_iommu *di, struct page_info *big)
{
    const char *policy = "superpages";
    uint64_t first = page_to_mfn(big), mfn, inv_before;
    uint8_t *page0 = page_to_virt(big), *page5 = page_to_virt(big + 5);
    uint8_t *page6 = page_to_virt(big + 6);
    unsigned int level;
    uint64_t faults;

    CHECK(!iommu_map_range(di, first, first, 512, IOMMUF_readable | IOMMUF_writable) &&
          !iommu_flush(di), "map 2 MiB");
    CHECK(iommu_lookup(di, first + 5, &mfn, &level) && level == 2 && mfn == first + 5,
          "2 MiB run mapped with level %u leaves", level);
    memset(page0, 0xa5, DMA_BYTES);
    memset(page5, 0, DMA_BYTES);
    CHECK(!edu_dma(maddr_of(big), false) && !edu_dma(maddr_of(big + 5), true) &&
          page5[0] == 0xa5, "DMA within a superpage");

    CHECK(!iommu_unmap_range(di, first + 5, 1) && !iommu_flush(di), "unmap one page");
    CHECK(iommu_lookup(di, first + 6, &mfn, &level) && level == 1 && mfn == first + 6,
          "the superpage was split (level %u)", level);
    CHECK(!iommu_lookup(di, first + 5, &mfn, &level), "the removed page is gone");
    memset(page5, 0x33, DMA_BYTES);
    memset(page6, 0, DMA_BYTES);
    faults = di->last_fault.count;
    CHECK(!edu_dma(maddr_of(big + 5), true) && page5[0] == 0x33,
          "DMA into the removed page landed");
    CHECK(wait_fault(di, faults), "no fault for the removed page");
    CHECK(!edu_dma(maddr_of(big + 6), true) && page6[0] == 0xa5,
          "DMA into its neighbour after the split");
    CHECK(!iommu_unmap_range(di, first, 512) && !iommu_flush(di), "unmap the rest");

    CHECK(!iommu_map_range(di, first, first, 512, IOMMUF_readable | IOMMUF_writable) &&
          !iommu_flush(di), "map 2 MiB again");
    inv_before = di->stats.inv_page;
    CHECK(!iommu_unmap_range(di, first, 512) && !iommu_flush(di), "unmap 2 MiB");
    printk("Self-test iommu: [superpages] 2 MiB mapped as one leaf; unmapping it: %lu "
           "page-selective invalidation(s)\n", (unsigned long)(di->stats.inv_page - inv_before));
    CHECK(di->stats.inv_page - inv_before == 1, "want one masked invalidation for 2 MiB");
    return true;
}

static bool iommu_selftest(void)
{
    static const enum iommu_flush_policy strict[] = {
        IOMMU_FLUSH_STRICT_PSI, IOMMU_FLUSH_STRICT_BATCHED,
        IOMMU_FLUSH_STRICT_DOMAIN, IOMMU_FLUSH_GLOBAL,
    };
    enum iommu_flush_policy chosen = iommu_flush_policy;
    struct domain_iommu di;
    struct page_info *src, *dst, *run, *big;
    bool ok = true;
    int rc;

    if ( !iommu_enabled() )
    {
        printk("Self-test iommu: FAIL: the IOMMU is not enabled\n");
        return false;
    }
    if ( !edu_setup() )
        return true;
    src = alloc_domheap_pages(NULL, 0, 0);
    dst = alloc_domheap_pages(NULL, 0, 0);
    run = alloc_domheap_pages(NULL, 6, 0);
    big = alloc_domheap_pages(NULL, 9, 0);
    rc = iommu_domain_init(&di);
    if ( !src || !dst || !run || !big || rc || iommu_assign_device(&di, EDU_BDF) )
    {
        printk("Self-test iommu: FAIL: setup (%d)\n", rc);
        return false;
    }

    if ( chosen == IOMMU_FLUSH_NONE )
        ok = probe(&di, src, dst, true);
    else
        for ( unsigned int i = 0; i < ARRAY_SIZE(strict) && ok; i++ )
        {
            iommu_set_flush_policy(strict[i]);
            ok = probe(&di, src, dst, false) && batch_cost(&di, run);
        }
    iommu_set_flush_policy(chosen);
    if ( ok && chosen != IOMMU_FLUSH_NONE )
        ok = superpage_probe(&di, big);
    if ( ok )
    {
        struct iommu_stats units;

        /* QEMU's unit walks without cache coherency (ECAP.C=0): entries must be written back. */
        iommu_unit_stats(&units);
        printk("Self-test iommu: %lu cache lines written back for the unit's page walks\n",
               (unsigned long)units.clflushes);
        ok = units.clflushes > 0;
    }

    iommu_deassign_device(&di, EDU_BDF);
    iommu_domain_destroy(&di);
    free_domheap_pages(src, 0);
    free_domheap_pages(dst, 0);
    free_domheap_pages(run, 6);
    free_domheap_pages(big, 9);
    iounmap((void *)edu);               /* the device is free for a domain now */
    edu = NULL;
    if ( ok )
        printk("Self-test iommu: PASS: %s\n", chosen == IOMMU_FLUSH_NONE
               ? "the probe sees the stale translation the unsafe policy leaves"
               : "DMA reaches mapped pages only, for strict-psi, strict-batched, "
                 "strict-domain and global; faults reported with requester and address");
    return ok;
}
REGISTER_SELFTEST("iommu", iommu_selftest);
