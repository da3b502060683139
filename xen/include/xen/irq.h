/*
 * Interrupt vectors and their handlers.  Device vectors are handed out by
 * irq_alloc_vector() from the dynamic range; the hypervisor's own fixed
 * vectors (timer, IPIs) are bound with irq_bind_fixed_vector().  The table
 * is written at initialisation and read by every CPU in do_IRQ(); a vector
 * is never rebound while it may fire.
 */
#ifndef XEN_IRQ_H
#define XEN_IRQ_H

#include <asm/regs.h>
#include <xen/types.h>

typedef void (*irq_handler_t)(struct cpu_user_regs *regs, void *data);

/* A free vector bound to 'handler', or a negative error. */
int irq_alloc_vector(const char *name, irq_handler_t handler, void *data);
void irq_bind_fixed_vector(unsigned int vector, const char *name,
                           irq_handler_t handler, void *data);

/* Interrupts taken per vector, summed over CPUs. */
uint64_t irq_count(unsigned int vector);
void irq_dump(void);

void local_irq_enable(void);

#endif /* XEN_IRQ_H */
