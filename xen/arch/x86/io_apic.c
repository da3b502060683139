/*
 * IO-APIC programming (82093AA register layout: an index register and a
 * data window).  A lock serialises the index/data pairs.
 */
#include <asm/io_apic.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/spinlock.h>
#include <xen/vmap.h>

#define IOAPIC_REGSEL       0x00
#define IOAPIC_WINDOW       0x10
#define IOAPIC_REG_VERSION  0x01
#define IOAPIC_REG_REDIR(n) (0x10 + 2 * (n))

#define REDIR_MASKED        (1u << 16)
#define REDIR_LEVEL         (1u << 15)
#define REDIR_ACTIVE_LOW    (1u << 13)

struct io_apic {
    volatile uint32_t *mmio;
    uint32_t gsi_base;
    unsigned int nr_pins;
};

static struct io_apic io_apics[MADT_MAX_IOAPICS];
static unsigned int nr_io_apics;
static DEFINE_SPINLOCK(io_apic_lock);

static uint32_t io_apic_read(const struct io_apic *a, unsigned int reg)
{
    a->mmio[IOAPIC_REGSEL / 4] = reg;
    return a->mmio[IOAPIC_WINDOW / 4];
}

static void io_apic_write(const struct io_apic *a, unsigned int reg, uint32_t v)
{
    a->mmio[IOAPIC_REGSEL / 4] = reg;
    a->mmio[IOAPIC_WINDOW / 4] = v;
}

void io_apic_init(const struct madt_info *madt)
{
    for ( unsigned int i = 0; i < madt->nr_ioapics; i++ )
    {
        struct io_apic *a = &io_apics[nr_io_apics];

        a->mmio = ioremap(madt->ioapics[i].address, 0x20);
        if ( a->mmio == NULL )
        {
            printk(XENLOG_ERR "IO-APIC %u at %#x cannot be mapped; ignored\n",
                   madt->ioapics[i].id, madt->ioapics[i].address);
            continue;
        }
        a->gsi_base = madt->ioapics[i].gsi_base;
        a->nr_pins = ((io_apic_read(a, IOAPIC_REG_VERSION) >> 16) & 0xff) + 1;
        for ( unsigned int pin = 0; pin < a->nr_pins; pin++ )
        {
            io_apic_write(a, IOAPIC_REG_REDIR(pin) + 1, 0);
            io_apic_write(a, IOAPIC_REG_REDIR(pin), REDIR_MASKED);
        }
        printk("IO-APIC %u at %#x: GSIs %u-%u, all masked\n", madt->ioapics[i].id,
               madt->ioapics[i].address, a->gsi_base, a->gsi_base + a->nr_pins - 1);
        nr_io_apics++;
    }
}

int io_apic_route_gsi(uint32_t gsi, unsigned int vector, uint32_t dest, uint16_t flags)
{
    for ( unsigned int i = 0; i < nr_io_apics; i++ )
    {
        struct io_apic *a = &io_apics[i];
        uint32_t low = vector;
        unsigned long irqflags;

        if ( gsi < a->gsi_base || gsi >= a->gsi_base + a->nr_pins )
            continue;
        if ( (flags & 3) == 3 )                 /* MPS polarity: active low */
            low |= REDIR_ACTIVE_LOW;
        if ( ((flags >> 2) & 3) == 3 )          /* MPS trigger: level */
            low |= REDIR_LEVEL;

        irqflags = spin_lock_irqsave(&io_apic_lock);
        io_apic_write(a, IOAPIC_REG_REDIR(gsi - a->gsi_base) + 1, dest << 24);
        io_apic_write(a, IOAPIC_REG_REDIR(gsi - a->gsi_base), low);
        spin_unlock_irqrestore(&io_apic_lock, irqflags);
        return 0;
    }
    return -ENOENT;
}
