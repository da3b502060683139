/*
 * The hypervisor's virtual memory layout on x86-64.
 *
 * Xen's PV ABI gives the hypervisor L4 slots 256-271 of every address space
 * (0xffff800000000000-0xffff87ffffffffff); guests own everything else.
 * Inside that range:
 *   slot 256        read-only M2P table, mapped into guests (ABI)
 *   slot 257        the frame table (struct page_info per frame, asm/mm.h)
 *   slot 258        per-CPU GDT areas: 16 pages each, the running vCPU's GDT
 *                   frames below the hypervisor's descriptor page; then
 *                   per-CPU LDT areas of 16 pages (asm/desc.h)
 *   slot 259        free
 *   slot 260        ioremap: uncached mappings of device registers (1 GiB)
 *   slot 261        the hypervisor image: XEN_VIRT_BASE + machine address,
 *                   4 KiB pages with per-section permissions after boot
 *   slots 262-271   the direct map: every RAM, ACPI and (below 4 GiB)
 *                   reserved region of the memory map, up to 5 TiB,
 *                   write-back, NX; holes stay unmapped, and ioremap()
 *                   removes the direct mapping of a non-RAM range it maps
 *                   uncached
 * Slot 0 of the idle table maps one page, the secondary-CPU trampoline at
 * TRAMPOLINE_PADDR (identity, executable), where those CPUs enable paging.
 * Before init_memory() the boot tables (head.S) map 0-4 GiB in slots 0 and
 * 262 and the first GiB at XEN_VIRT_BASE, all with 2 MiB pages.
 */
#ifndef ASM_CONFIG_H
#define ASM_CONFIG_H

#define PAGE_SHIFT              12
#define PAGE_SIZE               (1UL << PAGE_SHIFT)
#define PAGE_MASK               (~(PAGE_SIZE - 1))

#define HYPERVISOR_VIRT_START   0xffff800000000000
#define HYPERVISOR_VIRT_END     0xffff880000000000
#define RO_MPT_VIRT_START       0xffff800000000000
#define XEN_VIRT_BASE           0xffff82d040000000
#define XEN_LOAD_PADDR          0x200000
#define XEN_VIRT_START          (XEN_VIRT_BASE + XEN_LOAD_PADDR)
#define FRAMETABLE_VIRT_START   0xffff808000000000
#define FRAMETABLE_VIRT_END     0xffff810000000000      /* 512 GiB */
#define GDT_AREA_VIRT_START     0xffff810000000000
#define GDT_AREA_PAGES          16
#define IOREMAP_VIRT_START      0xffff820000000000
#define IOREMAP_VIRT_END        0xffff820040000000      /* 1 GiB */
#define DIRECTMAP_VIRT_START    0xffff830000000000
#define DIRECTMAP_VIRT_END      HYPERVISOR_VIRT_END

/* Machine addresses have at most 52 bits (x86-64 paging). */
#define PADDR_BITS              52

/* The boot page tables direct-map the first 4 GiB; setup extends it. */
#define BOOT_DIRECTMAP_BYTES    0x100000000

#define STACK_ORDER             2
#define STACK_SIZE              (PAGE_SIZE << STACK_ORDER)

#define NR_CPUS                 64

#endif /* ASM_CONFIG_H */
