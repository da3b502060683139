/*
 * Basic types of the hypervisor.  Only the compiler's freestanding headers
 * are used, so the same sources also build on the host for unit tests.
 */
#ifndef XEN_TYPES_H
#define XEN_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

typedef uint64_t paddr_t;       /* a machine (physical) address */
typedef uint64_t mfn_t;         /* a machine frame number */
typedef long ssize_t;

#define PRIpaddr "016lx"

#endif /* XEN_TYPES_H */
