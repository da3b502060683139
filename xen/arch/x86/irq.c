/*
 * Vector allocation and dispatch of external interrupts.
 */
#include <asm/apic.h>
#include <asm/traps.h>
#include <xen/errno.h>
#include <xen/irq.h>
#include <xen/lib.h>
#include <xen/spinlock.h>

struct vector_desc {
    const char *name;
    irq_handler_t handler;
    void *data;
    uint64_t count;
};

static struct vector_desc vectors[256];
static DEFINE_SPINLOCK(vector_lock);

void local_irq_enable(void)
{
    __asm__ __volatile__ ( "sti" ::: "memory" );
}

int irq_alloc_vector(const char *name, irq_handler_t handler, void *data)
{
    unsigned long flags = spin_lock_irqsave(&vector_lock);
    int vector = -ENOSPC;

    for ( unsigned int v = FIRST_DYNAMIC_VECTOR; v <= LAST_DYNAMIC_VECTOR; v++ )
        if ( vectors[v].handler == NULL )
        {
            vectors[v].name = name;
            vectors[v].data = data;
            vectors[v].handler = handler;
            vector = v;
            break;
        }
    spin_unlock_irqrestore(&vector_lock, flags);
    return vector;
}

void irq_bind_fixed_vector(unsigned int vector, const char *name,
                           irq_handler_t handler, void *data)
{
    BUG_ON(vector <= LAST_DYNAMIC_VECTOR || vectors[vector].handler);
    vectors[vector].name = name;
    vectors[vector].data = data;
    vectors[vector].handler = handler;
}

uint64_t irq_count(unsigned int vector)
{
    return vector < 256 ? __atomic_load_n(&vectors[vector].count, __ATOMIC_RELAXED) : 0;
}

void irq_dump(void)
{
    printk("Interrupt vectors in use:\n");
    for ( unsigned int v = FIRST_EXTERNAL_VECTOR; v < 256; v++ )
        if ( vectors[v].handler || vectors[v].count )
            printk("  vector %#04x %-16s %lu\n", v,
                   vectors[v].name ? vectors[v].name : "(unbound)",
                   (unsigned long)irq_count(v));
}

void do_IRQ(struct cpu_user_regs *regs)
{
    unsigned int vector = regs->entry_vector;
    struct vector_desc *desc = &vectors[vector];

    __atomic_fetch_add(&desc->count, 1, __ATOMIC_RELAXED);
    if ( vector == SPURIOUS_APIC_VECTOR )
        return;                 /* a spurious interrupt takes no EOI */
    if ( vector == ERROR_APIC_VECTOR )
    {
        apic_write(APIC_ESR, 0);
        printk(XENLOG_WARNING "APIC error: ESR %#x\n", apic_read(APIC_ESR));
    }
    else if ( desc->handler )
        desc->handler(regs, desc->data);
    else
        printk(XENLOG_WARNING "Interrupt on unbound vector %#x\n", vector);
    apic_eoi();
}
