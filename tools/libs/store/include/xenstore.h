/*
 * libxenstore: the client library of the xenstore daemon, with Xen's
 * names and argument order.  A handle talks over the daemon's Unix socket
 * ($XENSTORED_PATH, else /run/xenstored/socket) or the kernel's
 * /dev/xen/xenbus (the fallback, or $XENSTORED_PATH naming a device).  One handle may be shared by several threads:
 * requests are serialised, and once a watch is set a reader thread sorts
 * replies from watch events.  Failures return NULL/false with errno set
 * (the daemon's error name mapped back to its errno).
 */
#ifndef XENSTORE_H
#define XENSTORE_H

#include <stdbool.h>
#include <stdint.h>

#include <xen/io/xs_wire.h>

#define XBT_NULL 0
typedef uint32_t xs_transaction_t;

#define XS_OPEN_READONLY (1UL << 0)     /* accepted, as in Xen; no effect */
#define XS_OPEN_SOCKETONLY (1UL << 1)   /* never fall back to /dev/xen/xenbus */

enum xs_perm_type {
    XS_PERM_NONE = 0,
    XS_PERM_READ = 1,
    XS_PERM_WRITE = 2,
    XS_PERM_ENOENT_OK = 4,
    XS_PERM_OWNER = 8,
};

struct xs_permissions {
    unsigned int id;
    enum xs_perm_type perms;
};

struct xs_handle;

struct xs_handle *xs_open(unsigned long flags);
void xs_close(struct xs_handle *xsh);

/* Returned memory is one malloc'd block: free() it. */
void *xs_read(struct xs_handle *h, xs_transaction_t t, const char *path, unsigned int *len);
bool xs_write(struct xs_handle *h, xs_transaction_t t, const char *path, const void *data,
              unsigned int len);
bool xs_mkdir(struct xs_handle *h, xs_transaction_t t, const char *path);
bool xs_rm(struct xs_handle *h, xs_transaction_t t, const char *path);
char **xs_directory(struct xs_handle *h, xs_transaction_t t, const char *path,
                    unsigned int *num);

struct xs_permissions *xs_get_permissions(struct xs_handle *h, xs_transaction_t t,
                                          const char *path, unsigned int *num);
bool xs_set_permissions(struct xs_handle *h, xs_transaction_t t, const char *path,
                        struct xs_permissions *perms, unsigned int num_perms);

bool xs_watch(struct xs_handle *h, const char *path, const char *token);
bool xs_unwatch(struct xs_handle *h, const char *path, const char *token);
/* An fd readable while watch events wait (one byte per event). */
int xs_fileno(struct xs_handle *h);
/* Blocks for the next event: vec[XS_WATCH_PATH], vec[XS_WATCH_TOKEN]. */
char **xs_read_watch(struct xs_handle *h, unsigned int *num);
/* The next event if one is queued, NULL with errno EAGAIN otherwise. */
char **xs_check_watch(struct xs_handle *h);

xs_transaction_t xs_transaction_start(struct xs_handle *h);
/* false with errno EAGAIN: it conflicted, nothing was applied; retry. */
bool xs_transaction_end(struct xs_handle *h, xs_transaction_t t, bool abort);

bool xs_introduce_domain(struct xs_handle *h, unsigned int domid, unsigned long mfn,
                         unsigned int eventchn);
bool xs_release_domain(struct xs_handle *h, unsigned int domid);
bool xs_resume_domain(struct xs_handle *h, unsigned int domid);
bool xs_set_target(struct xs_handle *h, unsigned int domid, unsigned int target);
char *xs_get_domain_path(struct xs_handle *h, unsigned int domid);
bool xs_is_domain_introduced(struct xs_handle *h, unsigned int domid);

/* The permission string "r0" for PERM into BUF (16 bytes). */
bool xs_perm_to_string(const struct xs_permissions *perm, char *buf, unsigned int len);
bool xs_strings_to_perms(struct xs_permissions *perms, unsigned int num, const char *strings);

#endif
