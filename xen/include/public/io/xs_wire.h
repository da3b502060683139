/*
 * The xenstore wire protocol (Xen 4.17's numbers and layout).
 *
 * Every message is a struct xsd_sockmsg header followed by len bytes of
 * payload, at most XENSTORE_PAYLOAD_MAX.  Requests carry NUL-terminated
 * strings (WRITE's value is the unterminated tail); the daemon echoes
 * req_id and tx_id in its answer.  Errors travel as the errno's name
 * ("ENOENT\0") in an XS_ERROR answer, never as a number.
 *
 * A domain reaches the daemon through one shared page holding a
 * struct xenstore_domain_interface: two byte rings with free-running
 * 32-bit indexes, req (domain -> daemon) and rsp (daemon -> domain, replies
 * and watch events).  A producer writes data, then advances its prod index;
 * a consumer reads prod, then the data, then advances cons; each side
 * signals the other through the domain's xenstore event channel.
 */
#ifndef __XEN_PUBLIC_IO_XS_WIRE_H__
#define __XEN_PUBLIC_IO_XS_WIRE_H__

#include <stdint.h>

enum xsd_sockmsg_type {
    XS_CONTROL = 0,             /* was XS_DEBUG */
    XS_DIRECTORY = 1,
    XS_READ = 2,
    XS_GET_PERMS = 3,
    XS_WATCH = 4,
    XS_UNWATCH = 5,
    XS_TRANSACTION_START = 6,
    XS_TRANSACTION_END = 7,
    XS_INTRODUCE = 8,
    XS_RELEASE = 9,
    XS_GET_DOMAIN_PATH = 10,
    XS_WRITE = 11,
    XS_MKDIR = 12,
    XS_RM = 13,
    XS_SET_PERMS = 14,
    XS_WATCH_EVENT = 15,
    XS_ERROR = 16,
    XS_IS_DOMAIN_INTRODUCED = 17,
    XS_RESUME = 18,
    XS_SET_TARGET = 19,
    /* 20 was XS_RESTRICT, removed; the number stays unused */
    XS_RESET_WATCHES = 21,
    XS_DIRECTORY_PART = 22,
    XS_TYPE_COUNT,
    XS_INVALID = 0xffff         /* never a valid type */
};

#define XS_DEBUG XS_CONTROL

/*
 * The error names that may appear in an XS_ERROR payload, for X-macro
 * tables: #define X(e) { e, #e },  XSD_ERROR_NAMES(X).
 */
#define XSD_ERROR_NAMES(X) \
    X(EINVAL) X(EACCES) X(EEXIST) X(EISDIR) X(ENOENT) X(ENOMEM) X(ENOSPC) \
    X(EIO) X(ENOTEMPTY) X(ENOSYS) X(EROFS) X(EBUSY) X(EAGAIN) X(EISCONN) \
    X(E2BIG) X(EPERM)

struct xsd_sockmsg {
    uint32_t type;              /* enum xsd_sockmsg_type */
    uint32_t req_id;            /* echoed in the answer */
    uint32_t tx_id;             /* transaction, 0 for none */
    uint32_t len;               /* payload bytes after the header */
};

/* Indexes into the string vector of a watch event. */
enum xs_watch_type {
    XS_WATCH_PATH = 0,
    XS_WATCH_TOKEN
};

#define XENSTORE_RING_SIZE 1024
typedef uint32_t XENSTORE_RING_IDX;
#define MASK_XENSTORE_IDX(idx) ((idx) & (XENSTORE_RING_SIZE - 1))

struct xenstore_domain_interface {
    char req[XENSTORE_RING_SIZE];   /* requests to the daemon */
    char rsp[XENSTORE_RING_SIZE];   /* replies and watch events */
    XENSTORE_RING_IDX req_cons, req_prod;
    XENSTORE_RING_IDX rsp_cons, rsp_prod;
    uint32_t server_features;       /* XENSTORE_SERVER_FEATURE_* */
    uint32_t connection;            /* XENSTORE_CONNECTED / _RECONNECT */
    uint32_t error;                 /* XENSTORE_ERROR_*, set by the daemon */
};

/* Longer messages make the daemon drop the connection. */
#define XENSTORE_PAYLOAD_MAX 4096
/* Longer paths are refused with EINVAL. */
#define XENSTORE_ABS_PATH_MAX 3072
#define XENSTORE_REL_PATH_MAX 2048

#define XENSTORE_SERVER_FEATURE_RECONNECTION 1
#define XENSTORE_SERVER_FEATURE_ERROR 2

#define XENSTORE_CONNECTED 0
#define XENSTORE_RECONNECT 1

#define XENSTORE_ERROR_NONE 0
#define XENSTORE_ERROR_COMM 1       /* a message longer than the maximum */
#define XENSTORE_ERROR_RINGIDX 2    /* indexes further apart than the ring */
#define XENSTORE_ERROR_PROTO 3      /* any other protocol violation */

_Static_assert(sizeof(struct xsd_sockmsg) == 16, "xsd_sockmsg");
_Static_assert(__builtin_offsetof(struct xsd_sockmsg, len) == 12, "xsd_sockmsg.len");
_Static_assert(sizeof(struct xenstore_domain_interface) == 2076,
               "xenstore_domain_interface");
_Static_assert(__builtin_offsetof(struct xenstore_domain_interface, rsp) == 1024,
               "xenstore_domain_interface.rsp");
_Static_assert(__builtin_offsetof(struct xenstore_domain_interface, req_cons) == 2048,
               "xenstore_domain_interface.req_cons");
_Static_assert(__builtin_offsetof(struct xenstore_domain_interface, rsp_prod) == 2060,
               "xenstore_domain_interface.rsp_prod");
_Static_assert(__builtin_offsetof(struct xenstore_domain_interface, server_features) == 2064,
               "xenstore_domain_interface.server_features");
_Static_assert(__builtin_offsetof(struct xenstore_domain_interface, error) == 2072,
               "xenstore_domain_interface.error");

#endif /* __XEN_PUBLIC_IO_XS_WIRE_H__ */
