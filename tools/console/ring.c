/*
 * ring.c - copying bytes through a guest's console ring page.
 */
#include "ring.h"

static XENCONS_RING_IDX load_index(const XENCONS_RING_IDX *idx)
{
    return __atomic_load_n(idx, __ATOMIC_ACQUIRE);
}

static void store_index(XENCONS_RING_IDX *idx, XENCONS_RING_IDX v)
{
    __atomic_store_n(idx, v, __ATOMIC_RELEASE);
}

ssize_t console_ring_take_output(struct xencons_interface *intf, char *buf, size_t len)
{
    XENCONS_RING_IDX cons = load_index(&intf->out_cons);
    XENCONS_RING_IDX prod = load_index(&intf->out_prod);
    XENCONS_RING_IDX avail = prod - cons;
    size_t n = 0;

    if ( avail > sizeof(intf->out) )
        return CONSOLE_RING_CORRUPT;
    while ( n < len && n < avail )
    {
        buf[n] = intf->out[MASK_XENCONS_IDX(cons + n, intf->out)];
        n++;
    }
    /* The release store keeps the reads above before the guest may reuse the bytes. */
    store_index(&intf->out_cons, cons + (XENCONS_RING_IDX)n);
    return (ssize_t)n;
}

ssize_t console_ring_input_space(struct xencons_interface *intf)
{
    XENCONS_RING_IDX used = load_index(&intf->in_prod) - load_index(&intf->in_cons);

    if ( used > sizeof(intf->in) )
        return CONSOLE_RING_CORRUPT;
    return (ssize_t)(sizeof(intf->in) - used);
}

ssize_t console_ring_give_input(struct xencons_interface *intf, const char *buf, size_t len)
{
    XENCONS_RING_IDX cons = load_index(&intf->in_cons);
    XENCONS_RING_IDX prod = load_index(&intf->in_prod);
    XENCONS_RING_IDX used = prod - cons;
    size_t n = 0;

    if ( used > sizeof(intf->in) )
        return CONSOLE_RING_CORRUPT;
    while ( n < len && used + n < sizeof(intf->in) )
    {
        intf->in[MASK_XENCONS_IDX(prod + n, intf->in)] = buf[n];
        n++;
    }
    /* The release store publishes the bytes before the index that covers them. */
    store_index(&intf->in_prod, prod + (XENCONS_RING_IDX)n);
    return (ssize_t)n;
}

void console_ring_reset(struct xencons_interface *intf)
{
    store_index(&intf->out_cons, load_index(&intf->out_prod));
    store_index(&intf->in_prod, load_index(&intf->in_cons));
}
