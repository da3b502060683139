/*
 * Event channels (2-level ABI): the port type; the operations come with
 * the event-channel work.
 */
#ifndef __XEN_PUBLIC_EVENT_CHANNEL_H__
#define __XEN_PUBLIC_EVENT_CHANNEL_H__

#include "xen.h"

#ifndef __ASSEMBLY__
typedef uint32_t evtchn_port_t;
#endif

#endif /* __XEN_PUBLIC_EVENT_CHANNEL_H__ */
