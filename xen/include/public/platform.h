/*
 * platform_op: what only the hardware domain asks of the platform.
 * Facts (numbers, layouts) from Xen 4.17's public/platform.h; only the
 * sub-ops Argon implements are defined.  Licensed as the other public
 * headers (see COPYING).
 */
#ifndef __XEN_PUBLIC_PLATFORM_H__
#define __XEN_PUBLIC_PLATFORM_H__

#include "xen.h"

#define XENPF_INTERFACE_VERSION     0x03000001

#define XENPF_settime32             17
#define XENPF_settime64             62

#ifndef __ASSEMBLY__
/* Set the wall clock: secs/nsecs since 1970 were the time at system_time (ns). */
struct xenpf_settime32 {
    uint32_t secs;
    uint32_t nsecs;
    uint64_t system_time;
};

struct xenpf_settime64 {
    uint64_t secs;
    uint32_t nsecs;
    uint32_t mbz;               /* must be zero */
    uint64_t system_time;
};

struct xen_platform_op {
    uint32_t cmd;               /* XENPF_* */
    uint32_t interface_version; /* XENPF_INTERFACE_VERSION */
    union {
        struct xenpf_settime32 settime32;
        struct xenpf_settime64 settime64;
        uint8_t pad[128];
    } u;
};
typedef struct xen_platform_op xen_platform_op_t;

_Static_assert(sizeof(struct xenpf_settime32) == 16, "xenpf_settime32");
_Static_assert(sizeof(struct xenpf_settime64) == 24, "xenpf_settime64");
_Static_assert(sizeof(struct xen_platform_op) == 136, "xen_platform_op");
_Static_assert(__builtin_offsetof(struct xen_platform_op, u) == 8, "xen_platform_op.u");
#endif

#endif /* __XEN_PUBLIC_PLATFORM_H__ */
