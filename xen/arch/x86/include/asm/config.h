/*
 * The hypervisor's virtual memory layout on x86-64.
 *
 * Xen's PV ABI gives the hypervisor L4 slots 256-271 of every address space
 * (0xffff800000000000-0xffff87ffffffffff); guests own everything else.
 * Inside that range:
 *   slot 256        read-only M2P table, mapped into guests (ABI)
 *   slot 260        ioremap: uncached mappings of device registers
 *   slot 261        the hypervisor image: XEN_VIRT_BASE maps machine address 0
 *   slots 262-271   the direct map of all RAM (the first 512 GiB used)
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
#define IOREMAP_VIRT_START      0xffff820000000000
#define IOREMAP_VIRT_END        0xffff820040000000      /* 1 GiB */
#define DIRECTMAP_VIRT_START    0xffff830000000000
#define DIRECTMAP_VIRT_END      HYPERVISOR_VIRT_END

/* The boot page tables direct-map the first 4 GiB; setup extends it. */
#define BOOT_DIRECTMAP_BYTES    0x100000000

#define STACK_ORDER             2
#define STACK_SIZE              (PAGE_SIZE << STACK_ORDER)

#define NR_CPUS                 64

#endif /* ASM_CONFIG_H */
