/*
 * callback_op: registering the entry points a PV kernel receives events,
 * failsafe returns, system calls and NMIs on.  Type 3 is the retired
 * sysenter number; 64-bit guests register event, failsafe, syscall and nmi.
 */
#ifndef __XEN_PUBLIC_CALLBACK_H__
#define __XEN_PUBLIC_CALLBACK_H__

#include "xen.h"

#define CALLBACKTYPE_event                  0
#define CALLBACKTYPE_failsafe               1
#define CALLBACKTYPE_syscall                2
#define CALLBACKTYPE_sysenter_deprecated    3
#define CALLBACKTYPE_nmi                    4
#define CALLBACKTYPE_sysenter               5
#define CALLBACKTYPE_syscall32              7

/* Deliver with events masked, as an interrupt gate would. */
#define _CALLBACKF_mask_events              0
#define CALLBACKF_mask_events               (1U << _CALLBACKF_mask_events)

#define CALLBACKOP_register                 0
#define CALLBACKOP_unregister               1

#ifndef __ASSEMBLY__
struct callback_register {
    uint16_t type;              /* CALLBACKTYPE_* */
    uint16_t flags;             /* CALLBACKF_* */
    xen_callback_t address;
};
typedef struct callback_register callback_register_t;

struct callback_unregister {
    uint16_t type;
    uint16_t _unused;
};
typedef struct callback_unregister callback_unregister_t;

_Static_assert(sizeof(struct callback_register) == 16, "callback_register");
_Static_assert(__builtin_offsetof(struct callback_register, address) == 8,
               "callback_register.address");
_Static_assert(sizeof(struct callback_unregister) == 4, "callback_unregister");
#endif

#endif /* __XEN_PUBLIC_CALLBACK_H__ */
