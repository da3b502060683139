/*
 * 16550 UART: the hypervisor's serial console, 8N1, polled output.
 * Output is polled so that a fatal path can still print with interrupts
 * off; input (debug keys) is added by the interrupt code.
 */
#include <asm/io.h>
#include <xen/compiler.h>
#include <asm/apic.h>
#include <asm/io_apic.h>
#include <xen/console.h>
#include <xen/irq.h>
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/serial.h>

#define UART_THR        0       /* transmit holding (write) */
#define UART_RBR        0       /* receive buffer (read) */
#define UART_IER        1       /* interrupt enable */
#define UART_DLL        0       /* divisor latch low (DLAB=1) */
#define UART_DLM        1       /* divisor latch high (DLAB=1) */
#define UART_FCR        2       /* FIFO control */
#define UART_LCR        3       /* line control */
#define UART_MCR        4       /* modem control */
#define UART_LSR        5       /* line status */

#define LCR_8N1         0x03
#define LCR_DLAB        0x80
#define FCR_ENABLE      0x01
#define FCR_CLEAR       0x06
#define MCR_DTR_RTS     0x03
#define MCR_OUT2        0x08    /* gates the UART's interrupt line on PCs */
#define IER_RX_DATA     0x01
#define LSR_DATA_READY  0x01
#define LSR_THRE        0x20    /* transmit holding register empty */

#define UART_CLOCK_HZ   1843200

static uint16_t uart_base;

static void ns16550_putc(char c)
{
    /* Bounded: a missing UART must not hang the hypervisor. */
    for ( unsigned int spin = 0; spin < 100000; spin++ )
        if ( inb(uart_base + UART_LSR) & LSR_THRE )
            break;
    outb(c, uart_base + UART_THR);
}

static void ns16550_write(const char *s, size_t len)
{
    for ( size_t i = 0; i < len; i++ )
    {
        if ( s[i] == '\n' )
            ns16550_putc('\r');
        ns16550_putc(s[i]);
    }
}

static struct console_sink ns16550_sink = {
    .name = "com",
    .write = ns16550_write,
};

void ns16550_init(uint16_t base, unsigned int baud)
{
    unsigned int divisor = UART_CLOCK_HZ / (16 * baud);

    uart_base = base;
    outb(0, base + UART_IER);
    outb(LCR_DLAB, base + UART_LCR);
    outb(divisor & 0xff, base + UART_DLL);
    outb(divisor >> 8, base + UART_DLM);
    outb(LCR_8N1, base + UART_LCR);
    outb(FCR_ENABLE | FCR_CLEAR, base + UART_FCR);
    outb(MCR_DTR_RTS, base + UART_MCR);

    console_register_sink(&ns16550_sink);
}

static void ns16550_interrupt(struct cpu_user_regs *regs, void *data)
{
    /* Bounded: a stuck line-status register must not hold the CPU. */
    for ( unsigned int n = 0; n < 64 && (inb(uart_base + UART_LSR) & LSR_DATA_READY); n++ )
    {
        unsigned char c = inb(uart_base + UART_RBR);

        if ( !console_input(c) )
            handle_keypress(c, regs);
    }
}

int ns16550_enable_input(const struct madt_info *madt, unsigned int isa_irq)
{
    uint16_t flags;
    uint32_t gsi = madt_isa_irq_to_gsi(madt, isa_irq, &flags);
    int vector = irq_alloc_vector("serial", ns16550_interrupt, NULL);
    int rc;

    if ( vector < 0 )
        return vector;
    rc = io_apic_route_gsi(gsi, vector, apic_id(), flags);
    if ( rc )
        return rc;
    outb(MCR_DTR_RTS | MCR_OUT2, uart_base + UART_MCR);
    outb(IER_RX_DATA, uart_base + UART_IER);
    while ( inb(uart_base + UART_LSR) & LSR_DATA_READY )
        inb(uart_base + UART_RBR);           /* drop what arrived before */
    return 0;
}
