/*
 * The PV console ring page shared between a domU and the console daemon
 * (dom0): two byte rings with free-running 32-bit indexes.  The producer
 * writes data, then advances its index (write barrier in between); the
 * consumer reads the index, then the data.  Sizes are powers of two so an
 * index is reduced with a mask.
 */
#ifndef __XEN_PUBLIC_IO_CONSOLE_H__
#define __XEN_PUBLIC_IO_CONSOLE_H__

#include <stdint.h>

typedef uint32_t XENCONS_RING_IDX;

#define MASK_XENCONS_IDX(idx, ring) ((idx) & (sizeof(ring) - 1))

struct xencons_interface {
    char in[1024];              /* to the guest */
    char out[2048];             /* from the guest */
    XENCONS_RING_IDX in_cons, in_prod;
    XENCONS_RING_IDX out_cons, out_prod;
};

_Static_assert(sizeof(struct xencons_interface) == 3088, "xencons_interface");
_Static_assert(__builtin_offsetof(struct xencons_interface, out) == 1024,
               "xencons_interface.out");
_Static_assert(__builtin_offsetof(struct xencons_interface, in_cons) == 3072,
               "xencons_interface.in_cons");
_Static_assert(__builtin_offsetof(struct xencons_interface, out_prod) == 3084,
               "xencons_interface.out_prod");

#endif /* __XEN_PUBLIC_IO_CONSOLE_H__ */
