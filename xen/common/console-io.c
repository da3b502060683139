/*
 * console_io: a guest writes to (or reads from) the hypervisor console.
 * Output is printed line by line as "(dN) text", so guest lines never mix
 * with the hypervisor's in the middle.
 */
#include <public/xen.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>

#define CHUNK           128
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
        /* Serial input goes to debug keys until input switching exists. */
        return d->is_privileged ? 0 : -EPERM;
    default:
        return -EINVAL;
    }
}
