/*
 * callback_op: registering the entry points a PV kernel receives events,
 * failsafe returns, system calls and NMIs on.
 */
#ifndef __XEN_PUBLIC_CALLBACK_H__
#define __XEN_PUBLIC_CALLBACK_H__

#include "xen.h"

#define CALLBACKTYPE_event              0
#define CALLBACKTYPE_failsafe           1
#define CALLBACKTYPE_syscall            2
#define CALLBACKTYPE_syscall32          7
#define CALLBACKTYPE_sysenter           8
#define CALLBACKTYPE_nmi                4

#define _CALLBACKF_mask_events          0
#define CALLBACKF_mask_events           (1U << _CALLBACKF_mask_events)

#define CALLBACKOP_register             0
#define CALLBACKOP_unregister           1

#ifndef __ASSEMBLY__
struct callback_register {
    uint16_t type;
    uint16_t flags;
    unsigned long address;
};

struct callback_unregister {
    uint16_t type;
    uint16_t _unused;
};

_Static_assert(sizeof(struct callback_register) == 16, "callback_register");
#endif

#endif /* __XEN_PUBLIC_CALLBACK_H__ */
