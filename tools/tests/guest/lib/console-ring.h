/*
 * The PV console ring of a domain the toolstack built (see console-ring.c).
 */
#ifndef GUEST_CONSOLE_RING_H
#define GUEST_CONSOLE_RING_H

#include "guest.h"

/* Map the ring start_info names; false if there is none (dom0, boot domains). */
bool console_ring_init(const struct start_info *si);
/* Append what fits of s[0..n) and notify the reader; nothing if there is no ring. */
void console_ring_write(const char *s, size_t n);

#endif /* GUEST_CONSOLE_RING_H */
