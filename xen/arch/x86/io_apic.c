/*
 * IO-APIC programming (82093AA register layout: an index register and a
 * data window).  A lock serialises the index/data pairs.  A pin the
 * hypervisor routes for itself (io_apic_route_gsi) stays its own; the
 * others are free for guests' pirqs (arch/x86/pirq.c), which route, mask
 * and unmask them through the guest functions below.
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

#define MAX_PINS            256         /* the version register's 8-bit field */

struct io_apic {
    volatile uint32_t *mmio;
    uint32_t gsi_base;
    unsigned int nr_pins;
    uint64_t hypervisor_pins[MAX_PINS / 64];
};

static struct io_apic io_apics[MADT_MAX_IOAPICS];
static unsigned int nr_io_apics;
static DEFINE_SPINLOCK(io_apic_lock);
static const struct madt_info *boot_madt;   /* the interrupt overrides */

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
    boot_madt = madt;
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

static struct io_apic *io_apic_of(uint32_t gsi, unsigned int *pin)
{
    for ( unsigned int i = 0; i < nr_io_apics; i++ )
        if ( gsi >= io_apics[i].gsi_base && gsi < io_apics[i].gsi_base + io_apics[i].nr_pins )
        {
            *pin = gsi - io_apics[i].gsi_base;
            return &io_apics[i];
        }
    return NULL;
}

static void write_route(struct io_apic *a, unsigned int pin, uint32_t low, uint32_t dest)
{
    unsigned long irqflags = spin_lock_irqsave(&io_apic_lock);

    io_apic_write(a, IOAPIC_REG_REDIR(pin) + 1, dest << 24);
    io_apic_write(a, IOAPIC_REG_REDIR(pin), low);
    spin_unlock_irqrestore(&io_apic_lock, irqflags);
}

int io_apic_route_gsi(uint32_t gsi, unsigned int vector, uint32_t dest, uint16_t flags)
{
    unsigned int pin;
    struct io_apic *a = io_apic_of(gsi, &pin);
    uint32_t low = vector;

    if ( a == NULL )
        return -ENOENT;
    if ( (flags & 3) == 3 )                 /* MPS polarity: active low */
        low |= REDIR_ACTIVE_LOW;
    if ( ((flags >> 2) & 3) == 3 )          /* MPS trigger: level */
        low |= REDIR_LEVEL;
    __atomic_fetch_or(&a->hypervisor_pins[pin / 64], 1UL << (pin % 64), __ATOMIC_SEQ_CST);
    write_route(a, pin, low, dest);
    return 0;
}

bool io_apic_has_gsi(uint32_t gsi)
{
    unsigned int pin;

    return io_apic_of(gsi, &pin) != NULL;
}

bool io_apic_gsi_for_guests(uint32_t gsi)
{
    unsigned int pin;
    const struct io_apic *a = io_apic_of(gsi, &pin);

    return a && !(__atomic_load_n(&a->hypervisor_pins[pin / 64], __ATOMIC_SEQ_CST) &
                  (1UL << (pin % 64)));
}

void io_apic_gsi_default_mode(uint32_t gsi, bool *level, bool *active_low)
{
    /*
     * ACPI 6.x 5.2.12.5: ISA interrupts are edge, active high unless
     * overridden; PCI's are level, active low.
     */
    *level = gsi >= 16;
    *active_low = gsi >= 16;
    for ( unsigned int i = 0; boot_madt && i < boot_madt->nr_overrides; i++ )
    {
        uint16_t flags = boot_madt->overrides[i].flags;

        if ( boot_madt->overrides[i].gsi != gsi )
            continue;
        /* MPS INTI flags: 0 is the ISA bus's default, 1 high/edge, 3 low/level. */
        *active_low = (flags & 3) == 3;
        *level = ((flags >> 2) & 3) == 3;
    }
}

int io_apic_route_guest_gsi(uint32_t gsi, unsigned int vector, uint32_t dest, bool level,
                            bool active_low)
{
    unsigned int pin;
    struct io_apic *a = io_apic_of(gsi, &pin);

    if ( a == NULL || !io_apic_gsi_for_guests(gsi) )
        return -ENOENT;
    write_route(a, pin, vector | (level ? REDIR_LEVEL : 0) | (active_low ? REDIR_ACTIVE_LOW : 0),
                dest);
    return 0;
}

void io_apic_guest_gsi_mask(uint32_t gsi, bool masked)
{
    unsigned int pin;
    struct io_apic *a = io_apic_of(gsi, &pin);
    unsigned long irqflags;
    uint32_t low;

    if ( a == NULL || !io_apic_gsi_for_guests(gsi) )
        return;
    irqflags = spin_lock_irqsave(&io_apic_lock);
    low = io_apic_read(a, IOAPIC_REG_REDIR(pin));
    io_apic_write(a, IOAPIC_REG_REDIR(pin), masked ? low | REDIR_MASKED : low & ~REDIR_MASKED);
    spin_unlock_irqrestore(&io_apic_lock, irqflags);
}
