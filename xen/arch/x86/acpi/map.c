/*
 * Firmware tables are read through the direct map.  Until the direct map
 * covers all of RAM, only the first BOOT_DIRECTMAP_BYTES are reachable.
 */
#include <asm/page.h>
#include <xen/acpi.h>

paddr_t directmap_limit = BOOT_DIRECTMAP_BYTES;

const void *acpi_map(paddr_t addr, size_t len)
{
    if ( addr == 0 || addr + len < addr || addr + len > directmap_limit )
        return NULL;
    return maddr_to_virt(addr);
}
