/*
 * xencall.h - libxencall: hypercalls from dom0 user space through Linux's
 * /dev/xen/privcmd, in the shape of Xen's library of the same name.
 *
 * Rules:
 *  - A handle owns one privcmd descriptor and, when the kernel has it, one
 *    /dev/xen/hypercall descriptor; xencall_close() releases both.  A
 *    handle may be used by one thread at a time.
 *  - Whatever a hypercall reads or writes through a pointer must live in a
 *    hypercall buffer (xencall_alloc_buffer*): memory the kernel keeps
 *    resident (privcmd-buf's pages, or locked anonymous memory where
 *    /dev/xen/hypercall is missing).  The caller frees each buffer it got.
 *  - Every call that fails returns -1 (NULL for pointers) with errno set
 *    and a one-line message in xencall_last_error(); a hypercall's own
 *    negative result arrives as errno (e.g. ENOSYS for an unknown op).
 */
#ifndef XENCALL_H
#define XENCALL_H

#include <stddef.h>
#include <stdint.h>

typedef struct xencall_handle xencall_handle;
struct xentoollog_logger;           /* Xen's logger; Argon takes NULL only */

#define XENCALL_OPENFLAG_NON_REENTRANT  (1U << 0)   /* accepted, no effect */

/* logger must be NULL; open_flags XENCALL_OPENFLAG_*.  NULL on failure. */
xencall_handle *xencall_open(struct xentoollog_logger *logger, unsigned int open_flags);
int xencall_close(xencall_handle *xcall);
/* The privcmd descriptor, for poll(); it stays owned by the handle. */
int xencall_fd(xencall_handle *xcall);

/* Hypercall op with 0-5 arguments; its result (>= 0) or -1 with errno. */
long xencall0(xencall_handle *xcall, unsigned int op);
long xencall1(xencall_handle *xcall, unsigned int op, uint64_t arg1);
long xencall2(xencall_handle *xcall, unsigned int op, uint64_t arg1, uint64_t arg2);
long xencall3(xencall_handle *xcall, unsigned int op, uint64_t arg1, uint64_t arg2,
              uint64_t arg3);
long xencall4(xencall_handle *xcall, unsigned int op, uint64_t arg1, uint64_t arg2,
              uint64_t arg3, uint64_t arg4);
long xencall5(xencall_handle *xcall, unsigned int op, uint64_t arg1, uint64_t arg2,
              uint64_t arg3, uint64_t arg4, uint64_t arg5);

/* Hypercall buffers: whole pages, page aligned, zero filled. */
void *xencall_alloc_buffer_pages(xencall_handle *xcall, size_t nr_pages);
void xencall_free_buffer_pages(xencall_handle *xcall, void *p, size_t nr_pages);
/* Any size (not page aligned); freed without repeating the size. */
void *xencall_alloc_buffer(xencall_handle *xcall, size_t size);
void xencall_free_buffer(xencall_handle *xcall, void *p);

/* 1 if buffers come from /dev/xen/hypercall, 0 if from locked anonymous memory. */
int xencall_buffers_from_device(xencall_handle *xcall);

/* The last failure of this thread in one line ("" if none yet). */
const char *xencall_last_error(void);

#endif /* XENCALL_H */
