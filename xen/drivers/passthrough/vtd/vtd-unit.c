/*
 * Remapping units: register access, the command/status handshake, and the
 * bring-up of each unit (root table, invalidation, faults, translation).
 */
#include <asm/page.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/string.h>
#include <xen/time.h>
#include <xen/vmap.h>

#include "vtd.h"
#include "vtd-iommu.h"
#include "vtd-regs.h"

#define VTD_REG_WINDOW      0x1000
#define CACHE_LINE          64

struct vtd_unit vtd_units[DMAR_MAX_UNITS];
unsigned int vtd_nr_units;

uint32_t vtd_read32(const struct vtd_unit *u, unsigned int reg)
{
    return *(volatile uint32_t *)(u->regs + reg);
}

uint64_t vtd_read64(const struct vtd_unit *u, unsigned int reg)
{
    /* Two 4-byte reads, low half first: some emulations reject 8-byte accesses. */
    uint64_t lo = *(volatile uint32_t *)(u->regs + reg);
    uint64_t hi = *(volatile uint32_t *)(u->regs + reg + 4);

    return lo | (hi << 32);
}

void vtd_write32(struct vtd_unit *u, unsigned int reg, uint32_t v)
{
    *(volatile uint32_t *)(u->regs + reg) = v;
}

void vtd_write64(struct vtd_unit *u, unsigned int reg, uint64_t v)
{
    /* Low half first: for command registers the high half triggers the action. */
    *(volatile uint32_t *)(u->regs + reg) = (uint32_t)v;
    *(volatile uint32_t *)(u->regs + reg + 4) = (uint32_t)(v >> 32);
}

int vtd_gcmd_update(struct vtd_unit *u, uint32_t bit, bool set)
{
    /* One-shot commands (SRTP, WBF, SIRTP) are not kept in the shadow. */
    const uint32_t one_shot = GCMD_SRTP | GCMD_WBF | GCMD_SIRTP;
    uint32_t cmd = set ? u->gcmd | bit : u->gcmd & ~bit;
    /* WBFS reads 1 while the write-buffer flush runs; the others report the new state. */
    bool want = bit == GCMD_WBF ? false : set;
    s_time_t deadline = NOW() + SECONDS(1);

    vtd_write32(u, VTD_GCMD, cmd);
    if ( !(bit & one_shot) )
        u->gcmd = cmd;
    while ( !!(vtd_read32(u, VTD_GSTS) & bit) != want )
        if ( NOW() > deadline )
        {
            printk(XENLOG_ERR "VT-d unit %u: GCMD %#x did not complete\n", u->index, bit);
            return -ETIMEDOUT;
        }
    return 0;
}

void vtd_sync_entry(struct vtd_unit *u, const void *entry, size_t size)
{
    uintptr_t start = (uintptr_t)entry & ~(uintptr_t)(CACHE_LINE - 1);
    uintptr_t end = (uintptr_t)entry + size;

    /* VT-d 6.1: without page-walk coherency, written entries must be flushed from the CPU caches. */
    if ( u->coherent )
        return;
    for ( uintptr_t line = start; line < end; line += CACHE_LINE )
    {
        __asm__ __volatile__ ( "clflush %0" :: "m" (*(const char *)line) : "memory" );
        u->stats.clflushes++;
    }
    __asm__ __volatile__ ( "mfence" ::: "memory" );
}

void vtd_sync_entry_all(const void *entry, size_t size)
{
    for ( unsigned int i = 0; i < vtd_nr_units; i++ )
        vtd_sync_entry(&vtd_units[i], entry, size);
}

static void print_unit(const struct vtd_unit *u)
{
    uint32_t ver = vtd_read32(u, VTD_VER);

    printk("VT-d unit %u at %#lx: version %u.%u, cap %016lx, ecap %016lx\n", u->index,
           (unsigned long)u->base, (ver >> 4) & 0xf, ver & 0xf,
           (unsigned long)u->cap, (unsigned long)u->ecap);
    printk("VT-d unit %u: %u-bit DMA addresses (%u-level tables), %u domain ids, "
           "caching mode %s, page-walk coherency %s, PSI %s (MAMV %u), QI %s, "
           "device-IOTLB %s, superpages%s%s, %u fault records at %#x\n", u->index,
           u->width, u->levels, u->nr_domain_ids, u->caching_mode ? "on" : "off",
           u->coherent ? "yes" : "no (clflush entries)",
           u->cap & CAP_PSI ? "yes" : "no", (unsigned int)CAP_MAMV(u->cap),
           u->ecap & ECAP_QI ? (u->use_qi ? "yes" : "available, not used") : "no",
           u->ecap & ECAP_DT ? "yes" : "no",
           CAP_SLLPS(u->cap) & 1 ? " 2M" : "", CAP_SLLPS(u->cap) & 2 ? " 1G" : "",
           (unsigned int)CAP_NFR(u->cap), (unsigned int)CAP_FRO(u->cap));
}

/* Map the registers, read what the unit can do, and choose how to drive it. */
static int unit_probe(struct vtd_unit *u, const struct dmar_unit *d, unsigned int index,
                      unsigned int dma_bits)
{
    memset(u, 0, sizeof(*u));
    spin_lock_init(&u->lock);
    u->index = index;
    u->base = d->register_base;
    u->dmar = d;
    u->regs = ioremap(d->register_base, VTD_REG_WINDOW);
    if ( u->regs == NULL )
        return -ENOMEM;

    u->cap = vtd_read64(u, VTD_CAP);
    u->ecap = vtd_read64(u, VTD_ECAP);
    if ( u->cap == ~0ULL || u->cap == 0 )
        return -ENODEV;
    u->width = vtd_choose_width(CAP_SAGAW(u->cap), dma_bits);
    u->levels = vtd_width_to_levels(u->width);
    if ( u->levels == 0 )
    {
        printk(XENLOG_ERR "VT-d unit %u: no supported page-table depth (SAGAW %#x)\n",
               index, (unsigned int)CAP_SAGAW(u->cap));
        return -ENODEV;
    }
    u->nr_domain_ids = 1u << (4 + 2 * CAP_ND(u->cap));
    u->coherent = u->ecap & ECAP_C;
    u->caching_mode = u->cap & CAP_CM;
    u->use_qi = (u->ecap & ECAP_QI) && !vtd_force_register_invalidation;
    return 0;
}

/* Root table, global invalidation, queued invalidation, fault reporting. */
static int unit_start(struct vtd_unit *u)
{
    int rc;

    u->root = vtd_alloc_table();
    if ( u->root == NULL )
        return -ENOMEM;
    vtd_sync_entry(u, u->root, PAGE_SIZE);
    u->gcmd = 0;
    if ( vtd_read32(u, VTD_GSTS) & GSTS_TES )
    {
        printk(XENLOG_WARNING "VT-d unit %u: translation was left on; turning it off\n",
               u->index);
        vtd_write32(u, VTD_GCMD, 0);
    }
    vtd_write64(u, VTD_RTADDR, virt_to_maddr(u->root));
    rc = vtd_gcmd_update(u, GCMD_SRTP, true);
    if ( rc )
        return rc;

    /* Nothing may survive from firmware: drop every cached context and translation. */
    rc = vtd_inv_context_global(u);
    if ( !rc )
        rc = vtd_inv_iotlb_global(u);
    if ( !rc && u->use_qi )
        rc = vtd_qinval_enable(u);
    if ( !rc )
        rc = vtd_fault_init(u);
    return rc;
}

int vtd_units_init(const struct dmar_info *dmar, unsigned int dma_bits)
{
    for ( unsigned int i = 0; i < dmar->nr_units; i++ )
    {
        struct vtd_unit *u = &vtd_units[vtd_nr_units];
        int rc = unit_probe(u, &dmar->units[i], vtd_nr_units, dma_bits);

        if ( !rc )
        {
            print_unit(u);
            rc = unit_start(u);
        }
        if ( rc )
        {
            printk(XENLOG_ERR "VT-d unit at %#lx: cannot be used (%d)\n",
                   (unsigned long)dmar->units[i].register_base, rc);
            return rc;
        }
        vtd_nr_units++;
    }
    return vtd_nr_units;
}

unsigned int vtd_nr_domain_ids(void)
{
    unsigned int nr = ~0u;

    for ( unsigned int i = 0; i < vtd_nr_units; i++ )
        nr = MIN(nr, vtd_units[i].nr_domain_ids);
    return vtd_nr_units ? nr : 0;
}

void vtd_units_stats(struct iommu_stats *out)
{
    for ( unsigned int i = 0; i < vtd_nr_units; i++ )
    {
        const struct iommu_stats *s = &vtd_units[i].stats;

        out->inv_global += s->inv_global;
        out->inv_domain += s->inv_domain;
        out->inv_page += s->inv_page;
        out->inv_page_frames += s->inv_page_frames;
        out->inv_devtlb += s->inv_devtlb;
        out->inv_context += s->inv_context;
        out->waits += s->waits;
        out->flush_cycles += s->flush_cycles;
        out->clflushes += s->clflushes;
        out->faults += s->faults;
    }
}
