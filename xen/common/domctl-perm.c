/*
 * The permission sub-ops of XEN_DOMCTL (dispatched from common/domctl.c,
 * under domctl_lock): MMIO, ports and IRQs (rules in xen/iocaps.h), with
 * the lookups the hypervisor makes where a guest maps MMIO or does port
 * I/O, and PCI devices given and taken back.  The hardware domain can
 * grant only what it may reach itself.
 */
#include <asm/page.h>
#include <asm/pv.h>
#include <asm/pv-mm.h>
#include <public/domctl.h>
#include <xen/domctl.h>
#include <xen/errno.h>
#include <xen/iocaps.h>
#include <xen/iommu.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>

bool iocaps_permitted(const struct domain *d, enum iocap kind, uint64_t first, uint64_t last)
{
    struct iocaps *c = __atomic_load_n(&d->iocaps, __ATOMIC_ACQUIRE);
    bool ok;

    if ( c == NULL )
        return false;
    spin_lock(&c->lock);
    ok = rangeset_contains(&c->set[kind], first, last);
    spin_unlock(&c->lock);
    return ok;
}

void iocaps_destroy(struct domain *d)
{
    if ( d->iocaps == NULL )
        return;
    for ( unsigned int k = 0; k < IOCAP_NR; k++ )
        rangeset_destroy(&d->iocaps->set[k]);
    xfree(d->iocaps);
    d->iocaps = NULL;
}

/* Grant or revoke [first, last]; the sets appear with the first grant. */
static long iocaps_change(struct domain *d, enum iocap kind, uint64_t first, uint64_t last,
                          bool allow)
{
    struct iocaps *c = d->iocaps;
    long rc;

    if ( c == NULL )
    {
        if ( !allow )
            return 0;
        if ( (c = xzalloc(struct iocaps)) == NULL )
            return -ENOMEM;
        spin_lock_init(&c->lock);
        __atomic_store_n(&d->iocaps, c, __ATOMIC_RELEASE);
    }
    spin_lock(&c->lock);
    rc = allow ? rangeset_add(&c->set[kind], first, last)
               : rangeset_remove(&c->set[kind], first, last);
    spin_unlock(&c->lock);
    return rc;
}

/* Physical IRQ numbers a grant may name: one per interrupt vector. */
#define MAX_PIRQS           256

/* The hardware domain's own rights are fixed; only others' are managed. */
static long check_target(const struct domain *d)
{
    return d->is_privileged ? -EINVAL : 0;
}

long domctl_iomem_permission(struct xen_domctl *op, struct domain *d)
{
    const struct xen_domctl_iomem_permission *p = &op->u.iomem_permission;
    struct domain *caller = current_vcpu()->domain;
    uint64_t last = p->first_mfn + p->nr_mfns - 1;
    long rc;

    if ( (rc = check_target(d)) )
        return rc;
    if ( p->nr_mfns == 0 || last < p->first_mfn || last >= (1ULL << (PADDR_BITS - PAGE_SHIFT)) )
        return -EINVAL;
    if ( p->allow_access )
        for ( uint64_t mfn = p->first_mfn; mfn <= last; mfn++ )
            if ( !pv_iomem_permitted(caller, mfn) )
                return -EPERM;
    return iocaps_change(d, IOCAP_IOMEM, p->first_mfn, last, p->allow_access);
}

long domctl_ioport_permission(struct xen_domctl *op, struct domain *d)
{
    const struct xen_domctl_ioport_permission *p = &op->u.ioport_permission;
    uint64_t last = (uint64_t)p->first_port + p->nr_ports - 1;
    long rc;

    if ( (rc = check_target(d)) )
        return rc;
    if ( p->nr_ports == 0 || last > 0xffff )
        return -EINVAL;
    if ( p->allow_access && !pv_ioport_grantable(p->first_port, last) )
        return -EPERM;
    return iocaps_change(d, IOCAP_IOPORT, p->first_port, last, p->allow_access);
}

long domctl_irq_permission(struct xen_domctl *op, struct domain *d)
{
    const struct xen_domctl_irq_permission *p = &op->u.irq_permission;
    long rc;

    if ( (rc = check_target(d)) )
        return rc;
    if ( p->pirq >= MAX_PIRQS )
        return -EINVAL;
    return iocaps_change(d, IOCAP_IRQ, p->pirq, p->pirq, p->allow_access);
}

/*
 * PCI functions (segment 0) through the passthrough code: a function can
 * be given to a domain while it is in the quarantine or with the hardware
 * domain; taking it back puts it in the quarantine.
 */
static long device_of(const struct xen_domctl_assign_device *a, uint16_t *bdf)
{
    if ( a->dev != XEN_DOMCTL_DEV_PCI || (a->flags & ~XEN_DOMCTL_DEV_RDM_RELAXED) )
        return -EINVAL;
    if ( (a->u.pci.machine_sbdf >> 16) != 0 || !iommu_enabled() ||
         !pci_function_exists(a->u.pci.machine_sbdf & 0xffff) )
        return -ENODEV;
    *bdf = a->u.pci.machine_sbdf & 0xffff;
    return 0;
}

static bool device_assignable(uint16_t bdf)
{
    return iommu_device_owned_by(bdf, NULL) ||
           (hardware_domain && hardware_domain->iommu_sync &&
            iommu_device_owned_by(bdf, &hardware_domain->iommu));
}

long domctl_test_assign_device(struct xen_domctl *op, struct domain *d)
{
    uint16_t bdf;
    long rc;

    if ( (rc = device_of(&op->u.assign_device, &bdf)) )
        return rc;
    if ( d && !d->is_privileged && !d->devices_allowed )
        return -EINVAL;
    return device_assignable(bdf) ? 0 : -EBUSY;
}

long domctl_assign_device(struct xen_domctl *op, struct domain *d)
{
    uint16_t bdf;
    long rc;

    if ( (rc = device_of(&op->u.assign_device, &bdf)) )
        return rc;
    if ( !d->is_privileged && !d->devices_allowed )
        return -EINVAL;
    if ( d->iommu_sync && iommu_device_owned_by(bdf, &d->iommu) )
        return 0;
    if ( !device_assignable(bdf) )
        return -EBUSY;
    rc = domain_assign_pci(d, bdf);
    if ( !rc )
        printk("d%u: %02x:%02x.%u assigned\n", d->domain_id, bdf >> 8, (bdf >> 3) & 0x1f, bdf & 7);
    return rc;
}

long domctl_deassign_device(struct xen_domctl *op, struct domain *d)
{
    uint16_t bdf;
    long rc;

    if ( (rc = device_of(&op->u.assign_device, &bdf)) )
        return rc;
    if ( !d->iommu_sync || !iommu_device_owned_by(bdf, &d->iommu) )
        return -EINVAL;
    return iommu_deassign_device(&d->iommu, bdf);
}
