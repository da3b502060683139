/*
 * console-peek DOMID MFN: what a domain wrote to its PV console ring, read
 * from dom0 through a foreign mapping of the ring's frame (xenstore's
 * console/ring-ref), one "argon-dom0: console dN: " line per line of
 * output; the ring's output is consumed (out_cons follows out_prod).  A
 * stand-in for the console daemon in boot case linux-dom0-create.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#include <xen/io/console.h>
#include <xencall.h>
#include <xenforeignmemory.h>

int main(int argc, char **argv)
{
    xenforeignmemory_handle *fmem;
    volatile struct xencons_interface *ring;
    XENCONS_RING_IDX cons, prod;
    unsigned long domid;
    xen_pfn_t mfn;
    int at_line_start = 1;

    if ( argc != 3 )
    {
        fprintf(stderr, "usage: console-peek DOMID MFN\n");
        return 2;
    }
    domid = strtoul(argv[1], NULL, 10);
    mfn = strtoull(argv[2], NULL, 10);
    if ( !(fmem = xenforeignmemory_open(NULL, 0)) ||
         !(ring = xenforeignmemory_map(fmem, (uint32_t)domid, PROT_READ | PROT_WRITE, 1, &mfn,
                                       NULL)) )
    {
        printf("argon-dom0: console d%lu: cannot map frame %llu: %s\n", domid,
               (unsigned long long)mfn, xencall_last_error());
        return 1;
    }
    cons = ring->out_cons;
    prod = ring->out_prod;
    __atomic_thread_fence(__ATOMIC_ACQUIRE);        /* the index before the bytes */
    if ( prod - cons > sizeof(ring->out) )
    {
        printf("argon-dom0: console d%lu: bad ring indexes %u..%u\n", domid, cons, prod);
        return 1;
    }
    for ( ; cons != prod; cons++ )
    {
        char c = ring->out[MASK_XENCONS_IDX(cons, ring->out)];

        if ( at_line_start )
            printf("argon-dom0: console d%lu: ", domid);
        putchar(c);
        at_line_start = c == '\n';
    }
    if ( !at_line_start )
        putchar('\n');
    __atomic_thread_fence(__ATOMIC_RELEASE);
    ring->out_cons = cons;
    xenforeignmemory_unmap(fmem, (void *)ring, 1);
    xenforeignmemory_close(fmem);
    return 0;
}
