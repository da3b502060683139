/*
 * A domU's output on its PV console ring, for the console daemon (or a
 * test in dom0) to read: the toolstack's builder gives the ring's frame
 * and event channel in start_info; the hypervisor's boot builder gives
 * none, and dom0 has no ring.  console_io still carries every line, so a
 * ring nobody reads only stops taking output when it is full: a test never
 * waits on a reader that may not exist.
 */
#include <public/event_channel.h>
#include <public/io/console.h>

#include "console-ring.h"
#include "mm.h"

DEFINE_WINDOW(console_window);
static volatile struct xencons_interface *ring;
static uint32_t ring_port;

bool console_ring_init(const struct start_info *si)
{
    if ( (si->flags & SIF_INITDOMAIN) || !si->console.domU.mfn )
        return false;
    if ( map_frame_at(console_window, si->console.domU.mfn,
                      PTE_PRESENT | PTE_RW | PTE_ACCESSED | PTE_DIRTY) )
        return false;
    ring = (volatile struct xencons_interface *)console_window;
    ring_port = si->console.domU.evtchn;
    return true;
}

void console_ring_write(const char *s, size_t n)
{
    struct evtchn_send send = { .port = ring_port };
    XENCONS_RING_IDX prod;

    if ( !ring )
        return;
    prod = ring->out_prod;
    __atomic_thread_fence(__ATOMIC_ACQUIRE);        /* out_cons before its free space */
    for ( size_t i = 0; i < n && prod - ring->out_cons < sizeof(ring->out); i++ )
        ring->out[MASK_XENCONS_IDX(prod++, ring->out)] = s[i];
    __atomic_thread_fence(__ATOMIC_RELEASE);        /* the bytes before the index */
    ring->out_prod = prod;
    hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_send, &send);
}
