/*
 * Port I/O of PV guests.  A guest runs with hardware IOPL 0, so every IN
 * and OUT traps.  Without enough virtual IOPL (PHYSDEVOP_set_iopl; its
 * kernel counts as ring 1) it is the guest's #GP.  With it, as in Xen, the
 * access is carried out on the hardware for the hardware domain or a
 * domain granted the ports (domctl ioport_permission), except on the
 * ports the hypervisor keeps for itself; any other port reads all ones and
 * ignores writes, as an absent device would (a domU's Linux probes PCI
 * configuration and legacy ports this way early in its boot).
 *
 * PCI configuration mechanism 1 is emulated: the CF8 address latch is kept
 * per domain, and for the hardware domain CFC-CFF go through the
 * hypervisor's own configuration access, so the two never interleave.
 */
#include <asm/io.h>
#include <asm/pv.h>
#include <xen/errno.h>
#include <xen/iocaps.h>
#include <xen/pci.h>
#include <xen/sched.h>

#define PCI_CONF_ADDRESS    0xcf8
#define PCI_CONF_DATA       0xcfc
#define CF8_ENABLE          0x80000000u

/*
 * The address latch is CF8-CFB (narrower accesses touch its bytes; CF9 as a
 * byte is the chipset's reset control, which stays the hypervisor's), the
 * data window CFC-CFF.
 */
static bool is_pci_address_port(unsigned int port, unsigned int bytes)
{
    return port >= PCI_CONF_ADDRESS && port + bytes <= PCI_CONF_ADDRESS + 4 &&
           !(port == 0xcf9 && bytes == 1);
}

static bool is_pci_conf_port(unsigned int port, unsigned int bytes)
{
    return is_pci_address_port(port, bytes) ||
           (port >= PCI_CONF_DATA && port + bytes <= PCI_CONF_DATA + 4);
}

/*
 * Ports the hypervisor drives itself (LINUX-PV-CHECKLIST C5).  The PIT
 * (40-43, gate 61) is not among them: the hypervisor uses it only to
 * calibrate the TSC before any domain exists, and its interrupt stays
 * masked; the hardware domain may use channel 2 as Linux's early
 * calibration does.
 */
static const struct { uint16_t first, last; } hypervisor_ports[] = {
    { 0x20, 0x21 },         /* master PIC */
    { 0x92, 0x92 },         /* fast A20 / reset */
    { 0xa0, 0xa1 },         /* slave PIC */
    { 0xcf8, 0xcff },       /* PCI configuration (ECAM is the hypervisor's way) */
    { 0x3f8, 0x3ff },       /* COM1: the hypervisor's console */
};

static bool overlaps_hypervisor_ports(unsigned int first, unsigned int last)
{
    for ( unsigned int i = 0; i < ARRAY_SIZE(hypervisor_ports); i++ )
        if ( first <= hypervisor_ports[i].last && last >= hypervisor_ports[i].first )
            return true;
    return false;
}

static bool is_hypervisor_port(unsigned int port, unsigned int bytes)
{
    if ( is_pci_conf_port(port, bytes) )
        return false;                   /* emulated */
    return overlaps_hypervisor_ports(port, port + bytes - 1);
}

bool pv_ioport_grantable(unsigned int first, unsigned int last)
{
    /* PCI configuration is emulated for the hardware domain alone. */
    return last <= 0xffff && !overlaps_hypervisor_ports(first, last);
}

/* Whether the instruction may run at all (enough virtual IOPL); else the guest's #GP. */
bool pv_ioport_permitted(const struct vcpu *v, unsigned int port, unsigned int bytes)
{
    unsigned int cpl = v->pv.kernel_mode ? 1 : 3;

    return v->pv.iopl >= cpl && port + bytes <= 0x10000;
}

/* Whether it reaches the hardware: the hardware domain's, or ports granted to the domain. */
static bool ioport_owned(const struct domain *d, unsigned int port, unsigned int bytes)
{
    return d->is_privileged || iocaps_permitted(d, IOCAP_IOPORT, port, port + bytes - 1);
}

/* The function and register the latch names for a data access, or false. */
static bool pci_conf_target(const struct domain *d, unsigned int port, uint16_t *bdf,
                            unsigned int *reg)
{
    uint32_t cf8 = d->pci_cf8;

    if ( !(cf8 & CF8_ENABLE) )
        return false;
    *bdf = (cf8 >> 8) & 0xffff;
    *reg = (cf8 & 0xfc) + (port & 3);
    return true;
}

/*
 * A permitted access to a port the hypervisor keeps, or one the domain does
 * not own, reads all ones and writes nothing, as an absent device would
 * (Linux probes COM1 and the PICs this way, and a domU's PCI configuration).
 */
uint32_t pv_ioport_read(struct vcpu *v, unsigned int port, unsigned int bytes)
{
    uint32_t ones = ~0u >> (32 - 8 * bytes);
    uint16_t bdf;
    unsigned int reg;

    if ( is_hypervisor_port(port, bytes) )
        return ones;
    if ( is_pci_address_port(port, bytes) )
        return (v->domain->pci_cf8 >> (8 * (port & 3))) & ones;
    if ( is_pci_conf_port(port, bytes) )
        return v->domain->is_privileged && pci_conf_target(v->domain, port, &bdf, &reg)
               ? pci_conf_read(0, bdf, reg, bytes) : ones;
    if ( !ioport_owned(v->domain, port, bytes) )
        return ones;
    return bytes == 1 ? inb(port) : bytes == 2 ? inw(port) : inl(port);
}

void pv_ioport_write(struct vcpu *v, unsigned int port, unsigned int bytes, uint32_t value)
{
    uint16_t bdf;
    unsigned int reg;

    if ( is_hypervisor_port(port, bytes) )
        return;
    if ( is_pci_address_port(port, bytes) )
    {
        uint32_t mask = (~0u >> (32 - 8 * bytes)) << (8 * (port & 3));

        v->domain->pci_cf8 = (v->domain->pci_cf8 & ~mask) | ((value << (8 * (port & 3))) & mask);
    }
    else if ( is_pci_conf_port(port, bytes) )
    {
        if ( v->domain->is_privileged && pci_conf_target(v->domain, port, &bdf, &reg) )
            pci_conf_write(0, bdf, reg, bytes, value);
    }
    else if ( !ioport_owned(v->domain, port, bytes) )
        return;
    else if ( bytes == 1 )
        outb(value, port);
    else if ( bytes == 2 )
        outw(value, port);
    else
        outl(value, port);
}
