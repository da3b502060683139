/*
 * Firmware tables are read through the direct map, which covers every RAM,
 * ACPI and (below 4 GiB) reserved region of the memory map once
 * init_memory() has run, and the first 4 GiB before that.
 */
#include <asm/config.h>
#include <asm/page.h>
#include <xen/acpi.h>
#include <xen/mm.h>

const void *acpi_map(paddr_t addr, size_t len)
{
    if ( addr == 0 || len == 0 || addr + len < addr ||
         addr + len > DIRECTMAP_VIRT_END - DIRECTMAP_VIRT_START ||
         !xen_range_mapped((uint64_t)maddr_to_virt(addr), len) )
        return NULL;
    return maddr_to_virt(addr);
}
