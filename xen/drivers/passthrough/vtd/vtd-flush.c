/*
 * Invalidation of the context cache and the IOTLB, through the queue
 * (descriptors, then one wait descriptor whose status write says all
 * before it completed) or through the registers (one synchronous command
 * at a time).  Every poll is bounded: hardware that never answers is
 * reported, not waited for forever.
 */
#include <asm/msr.h>
#include <asm/page.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/string.h>
#include <xen/time.h>

#include "vtd.h"
#include "vtd-regs.h"

#define IQ_TAIL_SHIFT   4

bool vtd_force_register_invalidation;

/* Wait until (reg & mask) == 0; registers are 64-bit here. */
static int poll_clear64(struct vtd_unit *u, unsigned int reg, uint64_t mask)
{
    s_time_t deadline = NOW() + SECONDS(1);

    while ( vtd_read64(u, reg) & mask )
        if ( NOW() > deadline )
        {
            printk(XENLOG_ERR "VT-d unit %u: register %#x stuck busy\n", u->index, reg);
            return -ETIMEDOUT;
        }
    return 0;
}

/* Append one descriptor; the caller holds u->lock. */
static int queue_desc(struct vtd_unit *u, struct vtd_desc d)
{
    unsigned int next = (u->queue_tail + 1) % VTD_QUEUE_ENTRIES;
    s_time_t deadline = NOW() + SECONDS(1);

    /* Full when the tail would meet the head: let the hardware catch up. */
    while ( next == (vtd_read64(u, VTD_IQH) >> IQ_TAIL_SHIFT) % VTD_QUEUE_ENTRIES )
        if ( NOW() > deadline )
            return -ETIMEDOUT;
    u->queue[u->queue_tail] = d;
    u->queue_tail = next;
    return 0;
}

static void queue_kick(struct vtd_unit *u)
{
    __asm__ __volatile__ ( "sfence" ::: "memory" );
    vtd_write64(u, VTD_IQT, (uint64_t)u->queue_tail << IQ_TAIL_SHIFT);
}

/* A wait descriptor, then spin until its status write lands. */
static int queue_wait(struct vtd_unit *u)
{
    uint32_t seq = ++u->wait_sequence;
    s_time_t deadline;
    int rc;

    rc = queue_desc(u, vtd_desc_wait(virt_to_maddr((const void *)&u->wait_status),
                                     seq, false));
    if ( rc )
        return rc;
    queue_kick(u);
    u->stats.waits++;
    deadline = NOW() + SECONDS(1);
    while ( ACCESS_ONCE(u->wait_status) != seq )
    {
        uint32_t fsts = vtd_read32(u, VTD_FSTS);

        if ( fsts & (FSTS_IQE | FSTS_ITE) )
        {
            printk(XENLOG_ERR "VT-d unit %u: invalidation queue error (FSTS %#x)\n",
                   u->index, fsts);
            vtd_write32(u, VTD_FSTS, fsts & (FSTS_IQE | FSTS_ITE));
            return -EIO;
        }
        if ( NOW() > deadline )
        {
            printk(XENLOG_ERR "VT-d unit %u: invalidation wait timed out\n", u->index);
            return -ETIMEDOUT;
        }
    }
    return 0;
}

int vtd_qinval_enable(struct vtd_unit *u)
{
    u->queue = vtd_alloc_table();
    if ( u->queue == NULL )
        return -ENOMEM;
    u->queue_tail = 0;
    u->wait_status = 0;
    u->wait_sequence = 0;
    vtd_write64(u, VTD_IQT, 0);
    vtd_write64(u, VTD_IQA, virt_to_maddr(u->queue));   /* QS = 0: 256 entries */
    return vtd_gcmd_update(u, GCMD_QIE, true);
}

static int submit_and_wait(struct vtd_unit *u, struct vtd_desc d)
{
    unsigned long flags = spin_lock_irqsave(&u->lock);
    int rc = queue_desc(u, d);

    if ( !rc )
        rc = queue_wait(u);
    spin_unlock_irqrestore(&u->lock, flags);
    return rc;
}

static int context_register(struct vtd_unit *u, uint64_t cmd)
{
    unsigned long flags = spin_lock_irqsave(&u->lock);
    int rc;

    vtd_write64(u, VTD_CCMD, CCMD_ICC | cmd);
    rc = poll_clear64(u, VTD_CCMD, CCMD_ICC);
    u->stats.waits++;
    spin_unlock_irqrestore(&u->lock, flags);
    return rc;
}

static int iotlb_register(struct vtd_unit *u, uint64_t cmd, uint64_t iva)
{
    unsigned int iro = ECAP_IRO(u->ecap);
    unsigned long flags = spin_lock_irqsave(&u->lock);
    int rc;

    if ( iva )
        vtd_write64(u, iro, iva);
    vtd_write64(u, iro + 8, IOTLB_IVT | cmd |
                (u->cap & CAP_DRD ? IOTLB_DR : 0) | (u->cap & CAP_DWD ? IOTLB_DW : 0));
    rc = poll_clear64(u, iro + 8, IOTLB_IVT);
    u->stats.waits++;
    spin_unlock_irqrestore(&u->lock, flags);
    return rc;
}

static struct vtd_desc iotlb_desc(const struct vtd_unit *u, unsigned int gran,
                                  uint16_t did, uint64_t addr, unsigned int am)
{
    return vtd_desc_iotlb(gran, did, addr, am, false, u->cap & CAP_DRD,
                          u->cap & CAP_DWD);
}

int vtd_inv_context_global(struct vtd_unit *u)
{
    u->stats.inv_context++;
    if ( u->queue )
        return submit_and_wait(u, vtd_desc_context(VTD_GRAN_GLOBAL, 0, 0, 0));
    return context_register(u, CCMD_CIRG_GLOBAL);
}

int vtd_inv_context_device(struct vtd_unit *u, uint16_t did, uint16_t sid)
{
    u->stats.inv_context++;
    if ( u->queue )
        return submit_and_wait(u, vtd_desc_context(VTD_GRAN_DEVICE, did, sid, 0));
    return context_register(u, CCMD_CIRG_DEVICE | CCMD_DID(did) | CCMD_SID(sid));
}

int vtd_inv_iotlb_global(struct vtd_unit *u)
{
    u->stats.inv_global++;
    if ( u->queue )
        return submit_and_wait(u, iotlb_desc(u, VTD_GRAN_GLOBAL, 0, 0, 0));
    return iotlb_register(u, IOTLB_IIRG_GLOBAL, 0);
}

int vtd_inv_iotlb_domain(struct vtd_unit *u, uint16_t did)
{
    u->stats.inv_domain++;
    if ( u->queue )
        return submit_and_wait(u, iotlb_desc(u, VTD_GRAN_DOMAIN, did, 0, 0));
    return iotlb_register(u, IOTLB_IIRG_DOMAIN | IOTLB_DID(did), 0);
}

int vtd_inv_iotlb_pages(struct vtd_unit *u, uint16_t did,
                        const struct vtd_psi_block *blocks, unsigned int n)
{
    int rc = 0;

    /* A unit without page-selective invalidation gets a domain-wide one. */
    if ( !(u->cap & CAP_PSI) )
        return vtd_inv_iotlb_domain(u, did);

    for ( unsigned int i = 0; i < n && !rc; i++ )
    {
        uint64_t addr = blocks[i].first << VTD_PAGE_SHIFT;

        u->stats.inv_page++;
        u->stats.inv_page_frames += 1ULL << blocks[i].am;
        if ( u->queue )
        {
            unsigned long flags = spin_lock_irqsave(&u->lock);

            rc = queue_desc(u, iotlb_desc(u, VTD_GRAN_PAGE, did, addr, blocks[i].am));
            spin_unlock_irqrestore(&u->lock, flags);
        }
        else
            rc = iotlb_register(u, IOTLB_IIRG_PAGE | IOTLB_DID(did), addr | blocks[i].am);
    }
    return rc;
}

int vtd_inv_devtlb(struct vtd_unit *u, uint16_t sid, uint64_t first_frame,
                   unsigned int order)
{
    unsigned long flags;
    int rc;

    if ( u->queue == NULL )
        return -EOPNOTSUPP;             /* device-TLB invalidation exists only queued */
    u->stats.inv_devtlb++;
    flags = spin_lock_irqsave(&u->lock);
    rc = queue_desc(u, vtd_desc_devtlb(sid, first_frame << VTD_PAGE_SHIFT, order));
    spin_unlock_irqrestore(&u->lock, flags);
    return rc;
}

int vtd_inv_wait(struct vtd_unit *u)
{
    unsigned long flags;
    int rc;

    if ( !u->queue )
        return 0;               /* register commands completed one by one */
    flags = spin_lock_irqsave(&u->lock);
    rc = queue_wait(u);
    spin_unlock_irqrestore(&u->lock, flags);
    return rc;
}
