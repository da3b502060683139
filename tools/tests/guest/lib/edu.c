/*
 * The edu device for test kernels (edu.h).  Facts: QEMU hw/misc/edu.c and
 * QEMU-PLATFORM.md: BAR0 1 MiB MMIO; 0x80 source, 0x88 destination, 0x90
 * count, 0x98 command (bit 0 run, bit 1 to RAM); buffer at 0x40000;
 * 0x24 interrupt status, 0x60 raise, 0x64 acknowledge (32-bit accesses).
 */
#include <public/physdev.h>

#include "edu.h"
#include "guest.h"
#include "mm.h"

#define EDU_BDF         ((0 << 8) | (5 << 3) | 0)
#define EDU_ID          0x11e81234u
#define EDU_IRQ_STATUS  0x24
#define EDU_IRQ_RAISE   0x60
#define EDU_IRQ_ACK     0x64
#define EDU_DMA_SRC     0x80
#define EDU_DMA_DST     0x88
#define EDU_DMA_COUNT   0x90
#define EDU_DMA_CMD     0x98
#define EDU_BUFFER      0x40000
#define EDU_CMD_RUN     0x1
#define EDU_CMD_TO_RAM  0x2

DEFINE_WINDOW(edu_regs);
DEFINE_WINDOW(edu_bounce);              /* own page the buffer is filled from / read into */

static void outl(uint16_t port, uint32_t v)
{
    __asm__ __volatile__ ( "outl %0, %1" :: "a" (v), "Nd" (port) );
}

static uint32_t inl(uint16_t port)
{
    uint32_t v;

    __asm__ __volatile__ ( "inl %1, %0" : "=a" (v) : "Nd" (port) );
    return v;
}

static uint32_t conf_read(unsigned int reg)
{
    outl(0xcf8, 0x80000000u | (EDU_BDF << 8) | reg);
    return inl(0xcfc);
}

static void conf_write(unsigned int reg, uint32_t v)
{
    outl(0xcf8, 0x80000000u | (EDU_BDF << 8) | reg);
    outl(0xcfc, v);
}

static volatile uint64_t *reg64(unsigned int off)
{
    return (volatile uint64_t *)(edu_regs + off);
}

bool edu_init(void)
{
    struct physdev_set_iopl iopl = { .iopl = 1 };
    uint64_t bar;

    if ( hypercall2(__HYPERVISOR_physdev_op, PHYSDEVOP_set_iopl, &iopl) )
    {
        printf("edu: no port I/O for PCI configuration\n");
        return false;
    }
    if ( conf_read(0) != EDU_ID )
    {
        printf("edu: no edu device at 00:05.0\n");
        return false;
    }
    bar = conf_read(0x10) & ~0xfull;
    conf_write(0x04, conf_read(0x04) | 0x6);        /* memory decoding, bus mastering */
    if ( map_frame_at(edu_regs, bar / PAGE_SIZE, PTE_PRESENT | PTE_RW | PTE_PCD) )
    {
        printf("edu: cannot map BAR0 at %#lx\n", (unsigned long)bar);
        return false;
    }
    return true;
}

bool edu_dma(uint64_t bus_addr, bool to_ram)
{
    *reg64(EDU_DMA_SRC) = to_ram ? EDU_BUFFER : bus_addr;
    *reg64(EDU_DMA_DST) = to_ram ? bus_addr : EDU_BUFFER;
    *reg64(EDU_DMA_COUNT) = EDU_DMA_BYTES;
    *reg64(EDU_DMA_CMD) = EDU_CMD_RUN | (to_ram ? EDU_CMD_TO_RAM : 0);
    for ( unsigned long spins = 0; *reg64(EDU_DMA_CMD) & EDU_CMD_RUN; spins++ )
        if ( spins > 4000000000UL )
            return false;
    return true;
}

bool edu_buffer_fill(uint8_t value)
{
    for ( unsigned int i = 0; i < EDU_DMA_BYTES; i++ )
        edu_bounce[i] = value;
    return edu_dma(virt_to_mfn(edu_bounce) * PAGE_SIZE, false);
}

bool edu_buffer_read(uint8_t *out)
{
    for ( unsigned int i = 0; i < EDU_DMA_BYTES; i++ )
        edu_bounce[i] = 0;
    if ( !edu_dma(virt_to_mfn(edu_bounce) * PAGE_SIZE, true) )
        return false;
    for ( unsigned int i = 0; i < EDU_DMA_BYTES; i++ )
        out[i] = edu_bounce[i];
    return true;
}

static volatile uint32_t *reg32(unsigned int off)
{
    return (volatile uint32_t *)(edu_regs + off);
}

void edu_irq_raise(uint32_t bits)
{
    *reg32(EDU_IRQ_RAISE) = bits;
}

void edu_irq_ack(uint32_t bits)
{
    *reg32(EDU_IRQ_ACK) = bits;
}

uint32_t edu_irq_status(void)
{
    return *reg32(EDU_IRQ_STATUS);
}

unsigned int edu_gsi(void)
{
    unsigned int pin = (conf_read(0x3c) >> 8) & 0xff;     /* 1 = INTA */
    unsigned int slot = (EDU_BDF >> 3) & 0x1f;

    /*
     * QEMU's ICH9 default routing (hw/isa/lpc_ich9.c): slot s, INTx i goes
     * to PIRQ (s + i) % 4 + 4 (E-H), and in APIC mode PIRQ n is GSI 16 + n.
     */
    return 16 + 4 + (slot + pin - 1) % 4;
}
