/*
 * vcpu_op: per-vCPU operations (bring-up, timers, vcpu_info and runstate
 * placement).  The vCPU is named by the hypercall's second argument.
 */
#ifndef __XEN_PUBLIC_VCPU_H__
#define __XEN_PUBLIC_VCPU_H__

#include "xen.h"

#define VCPUOP_initialise                       0   /* vcpu_guest_context */
#define VCPUOP_up                               1
#define VCPUOP_down                             2
#define VCPUOP_is_up                            3
#define VCPUOP_get_runstate_info                4
#define VCPUOP_register_runstate_memory_area    5
#define VCPUOP_set_periodic_timer               6
#define VCPUOP_stop_periodic_timer              7
#define VCPUOP_set_singleshot_timer             8
#define VCPUOP_stop_singleshot_timer            9
#define VCPUOP_register_vcpu_info               10
#define VCPUOP_send_nmi                         11
#define VCPUOP_get_physid                       12
#define VCPUOP_register_vcpu_time_memory_area   13

#define RUNSTATE_running    0
#define RUNSTATE_runnable   1
#define RUNSTATE_blocked    2
#define RUNSTATE_offline    3

/* Fail with -ETIME instead of firing at once if the timeout has passed. */
#define _VCPU_SSHOTTMR_future   0
#define VCPU_SSHOTTMR_future    (1U << _VCPU_SSHOTTMR_future)

#ifndef __ASSEMBLY__
/*
 * Set in state_entry_time while the hypervisor rewrites the record
 * (with VMASST_TYPE_runstate_update_flag).
 */
#define XEN_RUNSTATE_UPDATE     (1ULL << 63)

struct vcpu_runstate_info {
    int state;                  /* RUNSTATE_* */
    uint64_t state_entry_time;  /* system time (ns) of the last change */
    uint64_t time[4];           /* ns spent in each RUNSTATE_* */
};
typedef struct vcpu_runstate_info vcpu_runstate_info_t;

/*
 * Where the hypervisor keeps the record (a guest virtual address).  Xen
 * spells addr as a union of handle, pointer and integer; all are 8 bytes.
 */
struct vcpu_register_runstate_memory_area {
    uint64_t addr;
};
typedef struct vcpu_register_runstate_memory_area vcpu_register_runstate_memory_area_t;

struct vcpu_set_periodic_timer {
    uint64_t period_ns;
};
typedef struct vcpu_set_periodic_timer vcpu_set_periodic_timer_t;

struct vcpu_set_singleshot_timer {
    uint64_t timeout_abs_ns;    /* system time */
    uint32_t flags;             /* VCPU_SSHOTTMR_* */
};
typedef struct vcpu_set_singleshot_timer vcpu_set_singleshot_timer_t;

/* Move vcpu_info out of shared_info: into frame mfn at offset. */
struct vcpu_register_vcpu_info {
    uint64_t mfn;
    uint32_t offset;
    uint32_t rsvd;
};
typedef struct vcpu_register_vcpu_info vcpu_register_vcpu_info_t;

struct vcpu_get_physid {
    uint64_t phys_id;           /* APIC id in bits 0-31, ACPI id in 32-63 */
};
typedef struct vcpu_get_physid vcpu_get_physid_t;
#define xen_vcpu_physid_to_x86_apicid(physid)   ((uint32_t)(physid))
#define xen_vcpu_physid_to_x86_acpiid(physid)   ((uint32_t)((physid) >> 32))

/* A second copy of vcpu_time_info kept up to date at a guest address. */
struct vcpu_register_time_memory_area {
    uint64_t addr;              /* guest virtual address, as above */
};
typedef struct vcpu_register_time_memory_area vcpu_register_time_memory_area_t;

_Static_assert(sizeof(struct vcpu_runstate_info) == 48, "vcpu_runstate_info");
_Static_assert(__builtin_offsetof(struct vcpu_runstate_info, state_entry_time) == 8,
               "vcpu_runstate_info.state_entry_time");
_Static_assert(__builtin_offsetof(struct vcpu_runstate_info, time) == 16,
               "vcpu_runstate_info.time");
_Static_assert(sizeof(struct vcpu_register_runstate_memory_area) == 8,
               "vcpu_register_runstate_memory_area");
_Static_assert(sizeof(struct vcpu_set_periodic_timer) == 8, "vcpu_set_periodic_timer");
_Static_assert(sizeof(struct vcpu_set_singleshot_timer) == 16, "vcpu_set_singleshot_timer");
_Static_assert(sizeof(struct vcpu_register_vcpu_info) == 16, "vcpu_register_vcpu_info");
_Static_assert(sizeof(struct vcpu_get_physid) == 8, "vcpu_get_physid");
_Static_assert(sizeof(struct vcpu_register_time_memory_area) == 8,
               "vcpu_register_time_memory_area");
#endif

#endif /* __XEN_PUBLIC_VCPU_H__ */
