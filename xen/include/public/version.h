/*
 * xen_version sub-operations.  Argon reports Xen 4.17 (the ABI it
 * implements) so kernels' version checks pass; the extra string says Argon.
 */
#ifndef __XEN_PUBLIC_VERSION_H__
#define __XEN_PUBLIC_VERSION_H__

#include "xen.h"
#include "features.h"

#define XENVER_version              0   /* returns major << 16 | minor */
#define XENVER_extraversion         1
#define XENVER_compile_info         2
#define XENVER_capabilities         3
#define XENVER_changeset            4
#define XENVER_platform_parameters  5
#define XENVER_get_features         6
#define XENVER_pagesize             7
#define XENVER_guest_handle         8
#define XENVER_commandline          9
#define XENVER_build_id             10

#ifndef __ASSEMBLY__
typedef char xen_extraversion_t[16];
typedef char xen_capabilities_info_t[1024];
typedef char xen_changeset_info_t[64];
typedef char xen_commandline_t[1024];
#define XEN_EXTRAVERSION_LEN        (sizeof(xen_extraversion_t))
#define XEN_CAPABILITIES_INFO_LEN   (sizeof(xen_capabilities_info_t))
#define XEN_CHANGESET_INFO_LEN      (sizeof(xen_changeset_info_t))

struct xen_compile_info {
    char compiler[64];
    char compile_by[16];
    char compile_domain[32];
    char compile_date[32];
};
typedef struct xen_compile_info xen_compile_info_t;

struct xen_platform_parameters {
    xen_ulong_t virt_start;     /* lowest address the hypervisor reserves */
};
typedef struct xen_platform_parameters xen_platform_parameters_t;

struct xen_feature_info {
    unsigned int submap_idx;    /* in: which 32-bit word of XENFEAT_* bits */
    uint32_t submap;            /* out */
};
typedef struct xen_feature_info xen_feature_info_t;

/* The caller sets len to its buffer's size; the result is the id's length. */
struct xen_build_id {
    uint32_t len;
    unsigned char buf[XEN_FLEX_ARRAY_DIM];
};
typedef struct xen_build_id xen_build_id_t;

_Static_assert(sizeof(struct xen_compile_info) == 144, "xen_compile_info");
_Static_assert(__builtin_offsetof(struct xen_compile_info, compile_date) == 112,
               "xen_compile_info.compile_date");
_Static_assert(sizeof(struct xen_platform_parameters) == 8, "xen_platform_parameters");
_Static_assert(sizeof(struct xen_feature_info) == 8, "xen_feature_info");
_Static_assert(sizeof(struct xen_build_id) == 4, "xen_build_id");
#endif

#endif /* __XEN_PUBLIC_VERSION_H__ */
