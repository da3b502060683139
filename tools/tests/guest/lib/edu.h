/*
 * QEMU's edu device from a test kernel that was given it (assign-pci=):
 * found at 00:05.0 through PCI configuration ports, its BAR mapped into
 * a window, DMA of EDU_DMA_BYTES between a bus address and its buffer.
 * Each DMA takes about 100 ms of virtual time (QEMU-PLATFORM.md).
 */
#ifndef GUEST_EDU_H
#define GUEST_EDU_H

#include <stdbool.h>
#include <stdint.h>

#define EDU_DMA_BYTES       64

/* Find and map edu, enable bus mastering; false (with a message) if absent. */
bool edu_init(void);

/* One DMA: to_ram copies the device buffer to bus_addr, else bus_addr to the buffer. */
bool edu_dma(uint64_t bus_addr, bool to_ram);

/*
 * The device buffer is reachable only by DMA: these move it through one of
 * the kernel's own pages (own frames are in the IOMMU, BFN = MFN).
 */
bool edu_buffer_fill(uint8_t value);
bool edu_buffer_read(uint8_t *out);     /* EDU_DMA_BYTES bytes */

/*
 * Its INTx line (without MSI enabled, edu signals on INTx): raise sets bits
 * of the interrupt status and asserts the line, ack clears bits and
 * deasserts it once none is left.
 */
void edu_irq_raise(uint32_t bits);
void edu_irq_ack(uint32_t bits);
uint32_t edu_irq_status(void);

/* The GSI of its INTx pin on QEMU's q35 in APIC mode. */
unsigned int edu_gsi(void);

#endif /* GUEST_EDU_H */
