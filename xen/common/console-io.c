/*
 * console_io: a guest writes to (or reads from) the hypervisor console.
 * Output is printed line by line as "(dN) text", so guest lines never mix
 * with the hypervisor's in the middle.
 *
 * Serial input goes to the hardware domain once it exists (queued here,
 * announced with VIRQ_CONSOLE, read with CONSOLEIO_read); three Ctrl-A in
 * a row switch it to the hypervisor's debug keys and back, as in Xen.  The
 * queue is filled by the serial interrupt and emptied by dom0, under
 * input_lock.
 */
#include <public/xen.h>
#include <xen/console.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>

#define CHUNK           128
#define INPUT_QUEUE     512             /* bytes waiting for dom0 to read them */
#define CTRL_A          0x01

static char input_queue[INPUT_QUEUE];
static unsigned int input_prod, input_cons;     /* free-running; prod - cons <= INPUT_QUEUE */
static DEFINE_SPINLOCK(input_lock);
static bool input_to_hypervisor;
static unsigned int ctrl_a_run;

bool console_input(unsigned char c)
{
    struct domain *d = hardware_domain;
    unsigned long flags;

    if ( c == CTRL_A && ++ctrl_a_run == 3 )
    {
        ctrl_a_run = 0;
        input_to_hypervisor = !input_to_hypervisor;
        printk("*** Serial input to %s (type 'CTRL-a' three times to switch input)\n",
               input_to_hypervisor ? "Argon" : "dom0");
        return true;
    }
    if ( c != CTRL_A )
        ctrl_a_run = 0;
    if ( input_to_hypervisor || d == NULL || d->is_shutting_down )
        return false;
    flags = spin_lock_irqsave(&input_lock);
    if ( input_prod - input_cons < INPUT_QUEUE )
        input_queue[input_prod++ % INPUT_QUEUE] = c;    /* a full queue drops, like a UART */
    spin_unlock_irqrestore(&input_lock, flags);
    send_guest_virq(d->vcpu[0], VIRQ_CONSOLE);
    return true;
}

static long console_read(uint64_t buffer, uint64_t count)
{
    char chunk[CHUNK];
    unsigned long flags;
    unsigned int n = 0;

    flags = spin_lock_irqsave(&input_lock);
    while ( n < count && n < CHUNK && input_cons != input_prod )
        chunk[n++] = input_queue[input_cons++ % INPUT_QUEUE];
    spin_unlock_irqrestore(&input_lock, flags);
    /* Bytes the guest cannot take are lost, as Xen loses them: its buffer was bad. */
    return n && copy_to_guest(buffer, chunk, n) ? -EFAULT : (long)n;
}
#define MAX_WRITE       (64 * 1024)     /* per call: bounded work in the hypervisor */
static void flush_line(struct domain *d)
{
    printk("(d%u) %.*s\n", d->domain_id, (int)d->console_len, d->console_line);
    d->console_len = 0;
}

static long console_write(struct domain *d, uint64_t buffer, uint64_t count)
{
    char chunk[CHUNK];

    if ( count > MAX_WRITE )
        return -E2BIG;
    for ( uint64_t done = 0; done < count; )
    {
        size_t n = MIN((uint64_t)CHUNK, count - done);

        if ( copy_from_guest(chunk, buffer + done, n) )
            return -EFAULT;
        for ( size_t i = 0; i < n; i++ )
        {
            char c = chunk[i];

            if ( c == '\n' )
                flush_line(d);
            else if ( c != '\r' )
            {
                /* Unprintable bytes are shown, not passed to the terminal. */
                d->console_line[d->console_len++] =
                    (c >= ' ' && c < 127) || c == '\t' ? c : '?';
                if ( d->console_len == sizeof(d->console_line) )
                    flush_line(d);
            }
        }
        done += n;
    }
    return 0;
}

long do_console_io(uint64_t cmd, uint64_t count, uint64_t buffer, uint64_t a4,
                   uint64_t a5, uint64_t a6)
{
    struct domain *d = current_vcpu()->domain;

    switch ( cmd )
    {
    case CONSOLEIO_write:
        return console_write(d, buffer, count);
    case CONSOLEIO_read:
        return d->is_privileged ? console_read(buffer, count) : -EPERM;
    default:
        return -EINVAL;
    }
}
