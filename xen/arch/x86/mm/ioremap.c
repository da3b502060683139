/*
 * Boot-time ioremap: the boot page tables direct-map the first 4 GiB with
 * 2 MiB pages, which covers the platform devices of a PC (LAPIC, IO-APIC,
 * HPET, VT-d, ECAM below 4 GiB).  The memory-management code replaces this
 * with uncached mappings of its own.
 */
#include <asm/page.h>
#include <xen/lib.h>
#include <xen/vmap.h>

void *ioremap(paddr_t maddr, size_t size)
{
    if ( maddr + size < maddr || maddr + size > BOOT_DIRECTMAP_BYTES )
    {
        printk("ioremap: %#lx+%#zx is beyond the boot direct map\n",
               (unsigned long)maddr, size);
        return NULL;
    }
    return maddr_to_virt(maddr);
}

void iounmap(void *va)
{
}
