/*
 * ring.h - the console daemon's side of a domain's console ring page
 * (struct xencons_interface, xen/io/console.h).
 *
 * Rules:
 *  - The guest produces out[] and consumes in[]; the daemon does the
 *    opposite.  The page is shared with a guest that may change any byte
 *    at any time, so each index is read once per call, data is reached
 *    only through the ring mask, and a guest whose indexes claim more
 *    than a ring holds gets CONSOLE_RING_CORRUPT (the caller resets it)
 *    rather than a read or write out of place.
 *  - Barriers: data before index when producing, index before data when
 *    consuming, as the guest's driver expects.
 */
#ifndef CONSOLE_RING_H
#define CONSOLE_RING_H

#include <stddef.h>
#include <sys/types.h>

#include <xen/io/console.h>

#define CONSOLE_RING_CORRUPT (-1)

/* Up to len bytes the guest wrote, into buf; the count, or CONSOLE_RING_CORRUPT. */
ssize_t console_ring_take_output(struct xencons_interface *intf, char *buf, size_t len);

/* Bytes in[] can take now, or CONSOLE_RING_CORRUPT. */
ssize_t console_ring_input_space(struct xencons_interface *intf);

/* Up to len bytes of buf into in[]; the count placed, or CONSOLE_RING_CORRUPT. */
ssize_t console_ring_give_input(struct xencons_interface *intf, const char *buf, size_t len);

/* Forget what a corrupt guest claimed: both rings empty at the producers' indexes. */
void console_ring_reset(struct xencons_interface *intf);

#endif /* CONSOLE_RING_H */
