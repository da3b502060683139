/*
 * selftest=iommu-ats: a device with ATS (QEMU: virtio behind a PCIe root
 * port, ats=on, with intel-iommu device-iotlb=on) is assigned to a test
 * domain with ATS enabled; removing a mapping queues a device-TLB
 * invalidation with the IOTLB one and the completion wait succeeds (QEMU
 * rejects malformed descriptors with an invalidation-queue error).
 */
#include <asm/mm.h>
#include <xen/iommu.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/pci-dev.h>
#include <xen/selftest.h>

static bool ats_selftest(void)
{
    static const enum iommu_flush_policy policies[] = {
        IOMMU_FLUSH_STRICT_BATCHED, IOMMU_FLUSH_STRICT_DOMAIN,
    };
    enum iommu_flush_policy chosen = iommu_flush_policy;
    const struct pci_dev *d;
    struct domain_iommu di;
    void *page;
    bool ok = true;

    for ( d = pci_devices(); d && !d->ats_cap; d = d->next )
        ;
    if ( d == NULL || !iommu_enabled() )
    {
        printk("Self-test iommu-ats: SKIP: no device with ATS behind an IOMMU\n");
        return true;
    }
    page = alloc_xenheap_pages(0);      /* any page: only the mapping matters */
    if ( page == NULL || iommu_domain_init(&di) || iommu_assign_device(&di, d->bdf) )
    {
        printk("Self-test iommu-ats: FAIL: setup\n");
        return false;
    }
    for ( unsigned int i = 0; i < ARRAY_SIZE(policies) && ok; i++ )
    {
        uint64_t mfn = page_to_mfn(virt_to_page(page)), before = di.stats.inv_devtlb;
        int rc;

        iommu_set_flush_policy(policies[i]);
        rc = iommu_map(&di, mfn, mfn, IOMMUF_readable | IOMMUF_writable) ?:
             iommu_flush(&di) ?: iommu_unmap(&di, mfn) ?: iommu_flush(&di);
        printk("Self-test iommu-ats: [%s] unmap: %lu device-TLB invalidation(s), rc %d\n",
               iommu_flush_policy_name(policies[i]),
               (unsigned long)(di.stats.inv_devtlb - before), rc);
        ok = rc == 0 && di.stats.inv_devtlb - before == 1;
    }
    iommu_set_flush_policy(chosen);
    iommu_deassign_device(&di, d->bdf);
    iommu_domain_destroy(&di);
    free_xenheap_pages(page, 0);
    printk("Self-test iommu-ats: %s: %02x:%02x.%u's device TLB is invalidated with "
           "its domain's IOTLB\n", ok ? "PASS" : "FAIL", d->bdf >> 8, (d->bdf >> 3) & 0x1f,
           d->bdf & 7);
    return ok;
}
REGISTER_SELFTEST("iommu-ats", ats_selftest);
