/*
 * MADT parsing: every entry is length-checked against the table before
 * its fields are read.
 */
#include <xen/acpi-madt.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/string.h>

#define MADT_LOCAL_APIC         0
#define MADT_IO_APIC            1
#define MADT_INT_OVERRIDE       2
#define MADT_LAPIC_OVERRIDE     5
#define MADT_LOCAL_X2APIC       9

#define MADT_FLAGS_PCAT_COMPAT  1
#define LAPIC_ENABLED           1
#define LAPIC_ONLINE_CAPABLE    2

static uint32_t get_u32(const uint8_t *p)
{
    uint32_t v;

    memcpy(&v, p, 4);
    return v;
}

static void add_cpu(struct madt_info *info, uint32_t apic_id, uint32_t flags)
{
    if ( !(flags & LAPIC_ENABLED) )
    {
        info->nr_disabled_cpus++;
        return;
    }
    for ( unsigned int i = 0; i < info->nr_cpus; i++ )
        if ( info->cpu_apic_ids[i] == apic_id )
            return;             /* listed as both xAPIC and x2APIC */
    if ( info->nr_cpus == MADT_MAX_CPUS )
    {
        printk(XENLOG_WARNING "MADT: more than %d CPUs; APIC id %u ignored\n",
               MADT_MAX_CPUS, apic_id);
        return;
    }
    info->cpu_apic_ids[info->nr_cpus++] = apic_id;
}

int acpi_parse_madt(const struct acpi_table_header *madt, struct madt_info *info)
{
    const uint8_t *p, *end;

    memset(info, 0, sizeof(*info));
    if ( madt == NULL || madt->length < sizeof(*madt) + 8 )
        return -EINVAL;

    p = (const uint8_t *)(madt + 1);
    info->lapic_address = get_u32(p);
    info->pcat_compat = get_u32(p + 4) & MADT_FLAGS_PCAT_COMPAT;
    p += 8;
    end = (const uint8_t *)madt + madt->length;

    while ( p + 2 <= end )
    {
        uint8_t type = p[0], len = p[1];

        if ( len < 2 || p + len > end )
            return -EINVAL;

        switch ( type )
        {
        case MADT_LOCAL_APIC:
            if ( len < 8 )
                return -EINVAL;
            add_cpu(info, p[3], get_u32(p + 4));
            break;
        case MADT_LOCAL_X2APIC:
            if ( len < 16 )
                return -EINVAL;
            add_cpu(info, get_u32(p + 4), get_u32(p + 8));
            break;
        case MADT_IO_APIC:
            if ( len < 12 )
                return -EINVAL;
            if ( info->nr_ioapics == MADT_MAX_IOAPICS )
                break;
            info->ioapics[info->nr_ioapics].id = p[2];
            info->ioapics[info->nr_ioapics].address = get_u32(p + 4);
            info->ioapics[info->nr_ioapics].gsi_base = get_u32(p + 8);
            info->nr_ioapics++;
            break;
        case MADT_INT_OVERRIDE:
            if ( len < 10 )
                return -EINVAL;
            if ( info->nr_overrides == MADT_MAX_OVERRIDES )
                break;
            info->overrides[info->nr_overrides].isa_irq = p[3];
            info->overrides[info->nr_overrides].gsi = get_u32(p + 4);
            info->overrides[info->nr_overrides].flags = p[8] | (p[9] << 8);
            info->nr_overrides++;
            break;
        case MADT_LAPIC_OVERRIDE:
            if ( len < 12 )
                return -EINVAL;
            memcpy(&info->lapic_address, p + 4, 8);
            break;
        default:
            break;              /* NMI sources, GIC entries, ...: not needed */
        }
        p += len;
    }
    return 0;
}

uint32_t madt_isa_irq_to_gsi(const struct madt_info *info, unsigned int irq,
                             uint16_t *flags)
{
    for ( unsigned int i = 0; i < info->nr_overrides; i++ )
        if ( info->overrides[i].isa_irq == irq )
        {
            *flags = info->overrides[i].flags;
            return info->overrides[i].gsi;
        }
    *flags = 0;
    return irq;
}
