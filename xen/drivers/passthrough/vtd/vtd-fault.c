/*
 * DMA remapping faults: the unit raises its fault-event interrupt (an MSI
 * to the boot CPU); the handler decodes every pending primary fault record
 * to the console, counts it for the unit and for the owning domain, and
 * clears it.  A fault that arrives while the records are full sets PFO and
 * is lost: that is reported too.
 */
#include <asm/apic.h>
#include <xen/irq.h>
#include <xen/lib.h>

#include "vtd.h"
#include "vtd-regs.h"

#define MSI_ADDRESS_BASE    0xfee00000u

static const char *fault_reason(unsigned int reason)
{
    switch ( reason )
    {
    case 1: return "root entry not present";
    case 2: return "context entry not present";
    case 3: return "invalid context entry";
    case 4: return "address beyond the address width";
    case 5: return "write to a page not mapped writable";
    case 6: return "read of a page not mapped readable";
    case 7: return "next-level table pointer invalid";
    case 8: return "root table address invalid";
    case 9: return "context table pointer invalid";
    case 10: return "reserved bits set in a root entry";
    case 11: return "reserved bits set in a context entry";
    case 12: return "reserved bits set in a page-table entry";
    default: return "other";
    }
}

unsigned int vtd_fault_poll(struct vtd_unit *u)
{
    unsigned int nr = CAP_NFR(u->cap), fro = CAP_FRO(u->cap), handled = 0;
    uint32_t fsts = vtd_read32(u, VTD_FSTS);
    unsigned int index = FSTS_FRI(fsts) % nr;

    if ( fsts & FSTS_PFO )
        printk(XENLOG_ERR "VT-d unit %u: fault records overflowed; faults were lost\n",
               u->index);

    for ( unsigned int n = 0; n < nr && (fsts & FSTS_PPF); n++ )
    {
        unsigned int reg = fro + 16 * ((index + n) % nr);
        uint64_t hi = vtd_read64(u, reg + 8), lo;
        uint16_t sid;

        if ( !(hi & FRCD_HI_F) )
            continue;
        lo = vtd_read64(u, reg);
        sid = FRCD_HI_SID(hi);
        printk(XENLOG_WARNING "VT-d unit %u: DMA %s fault from %04x:%02x:%02x.%u at "
               "%#lx: reason %u (%s)\n", u->index,
               hi & FRCD_HI_TYPE_READ ? "read" : "write", 0, sid >> 8, (sid >> 3) & 0x1f,
               sid & 7, (unsigned long)(lo & ~0xfffULL), (unsigned int)FRCD_HI_FR(hi),
               fault_reason(FRCD_HI_FR(hi)));
        /* F is write-1-to-clear, in the record's top dword. */
        vtd_write32(u, reg + 12, (uint32_t)(FRCD_HI_F >> 32));
        u->stats.faults++;
        iommu_record_fault(sid, lo & ~0xfffULL, FRCD_HI_FR(hi), hi & FRCD_HI_TYPE_READ);
        handled++;
    }
    vtd_write32(u, VTD_FSTS, FSTS_PFO);
    return handled;
}

static void fault_interrupt(struct cpu_user_regs *regs, void *data)
{
    vtd_fault_poll(data);
}

int vtd_fault_init(struct vtd_unit *u)
{
    int vector = irq_alloc_vector("vtd-fault", fault_interrupt, u);

    if ( vector < 0 )
        return vector;
    u->fault_vector = vector;
    vtd_write32(u, VTD_FEDATA, vector);
    vtd_write32(u, VTD_FEADDR, MSI_ADDRESS_BASE | (apic_id() << 12));
    vtd_write32(u, VTD_FEUADDR, 0);
    vtd_write32(u, VTD_FECTL, 0);                   /* unmask */
    vtd_fault_poll(u);                              /* anything left from firmware */
    return 0;
}
