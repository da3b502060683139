/*
 * memory_op sub-ops that change the domain's memory: decrease_reservation
 * gives frames back (the count and the M2P follow), populate_physmap and
 * increase_reservation take new ones within the domain's limit, exchange
 * trades scattered frames for a contiguous extent below an address limit
 * (what Linux's swiotlb asks for) and refuses frames still in use, each
 * with its argument checks.
 */
#include <public/memory.h>

#include "guest.h"
#include "mm.h"

#define FIRST_PFN   4096            /* beyond the initial mapping: never mapped */
#define N           8
#define INVALID     (~0UL)

static const unsigned long *m2p = (const unsigned long *)0xffff800000000000UL;

static long memop(unsigned int cmd, void *arg)
{
    return hypercall2(__HYPERVISOR_memory_op, cmd, arg);
}

static long reservation(void)
{
    domid_t self = DOMID_SELF;

    return memop(XENMEM_current_reservation, &self);
}

void test_main(void)
{
    unsigned long *p2m = (unsigned long *)start_info->mfn_list;
    unsigned long frames[N], pfns[N], start = reservation();
    struct xen_memory_reservation r = { .extent_start = (unsigned long)frames,
                                        .nr_extents = N, .domid = DOMID_SELF };

    check_eq(start, start_info->nr_pages, "reservation: every page we were built with");
    for ( unsigned int i = 0; i < N; i++ )
        frames[i] = p2m[FIRST_PFN + i];

    /* Give N frames back. */
    check_eq(memop(XENMEM_decrease_reservation, &r), N, "decrease by 8 frames");
    check_eq(reservation(), start - N, "reservation down by 8");
    for ( unsigned int i = 0; i < N; i++ )
        check_eq(m2p[frames[i]], INVALID, "a returned frame has no pseudo-physical number");
    check_eq(memop(XENMEM_decrease_reservation, &r), 0, "the same frames again: none done");
    frames[0] = 0;
    r.nr_extents = 1;
    check_eq(memop(XENMEM_decrease_reservation, &r), 0, "a frame that is not ours");
    r.extent_order = 10;
    check_eq(memop(XENMEM_decrease_reservation, &r), -22, "order 10: -EINVAL");
    r.extent_order = 0;
    r.extent_start = 0x10;
    check_eq(memop(XENMEM_decrease_reservation, &r), -14, "a bad list: -EFAULT");

    /* Take them back where they were. */
    for ( unsigned int i = 0; i < N; i++ )
        pfns[i] = FIRST_PFN + i;
    r.extent_start = (unsigned long)pfns;
    r.nr_extents = N;
    check_eq(memop(XENMEM_populate_physmap, &r), N, "populate 8 pfns");
    check_eq(reservation(), start, "reservation back where it was");
    for ( unsigned int i = 0; i < N; i++ )
    {
        check_eq(m2p[pfns[i]], FIRST_PFN + i, "the M2P names each new frame's pfn");
        p2m[FIRST_PFN + i] = pfns[i];
    }
    r.nr_extents = 1;
    check_eq(memop(XENMEM_increase_reservation, &r), 0, "at the limit: nothing more");

    /* Exchange 8 scattered frames for one 8-frame extent below 4 GiB. */
    {
        unsigned long in[N], out = FIRST_PFN + 100;
        struct xen_memory_exchange x = {
            .in = { .extent_start = (unsigned long)in, .nr_extents = N, .domid = DOMID_SELF },
            .out = { .extent_start = (unsigned long)&out, .nr_extents = 1, .extent_order = 3,
                     .mem_flags = XENMEMF_address_bits(32), .domid = DOMID_SELF },
        };

        for ( unsigned int i = 0; i < N; i++ )
            in[i] = p2m[FIRST_PFN + 100 + i];
        check_eq(memop(XENMEM_exchange, &x), 0, "exchange 8 frames for one extent");
        check_eq(x.nr_exchanged, N, "all 8 exchanged");
        check((out & 7) == 0 && out < (1UL << 20), "an aligned extent below 4 GiB (%#lx)", out);
        for ( unsigned int i = 0; i < N; i++ )
            check_eq(m2p[out + i], FIRST_PFN + 100 + i, "the M2P of the new extent");
        check_eq(m2p[in[0]], INVALID, "the old frames are gone");
        check_eq(reservation(), start, "the reservation is unchanged by an exchange");

        /* A frame in use (our own code, mapped) is refused, and nothing changes. */
        x.nr_exchanged = 0;
        for ( unsigned int i = 0; i < N; i++ )
            in[i] = out + i;
        in[3] = virt_to_mfn((const void *)test_main);
        out = FIRST_PFN + 200;
        check_eq(memop(XENMEM_exchange, &x), -22, "an exchange including a mapped frame");
        check_eq(x.nr_exchanged, 0, "nothing exchanged");
        check_eq(m2p[in[0]], FIRST_PFN + 100, "the other frames are untouched");

        x.out.nr_extents = 2;
        check_eq(memop(XENMEM_exchange, &x), -22, "sizes that do not match");
    }
    {
        struct xen_add_to_physmap a = { .domid = DOMID_SELF, .space = XENMAPSPACE_shared_info };

        check_eq(memop(XENMEM_add_to_physmap, &a), -13, "add_to_physmap for PV: -EACCES");
    }
    printf("test-reservation: decrease, populate, increase and exchange checked\n");
}
