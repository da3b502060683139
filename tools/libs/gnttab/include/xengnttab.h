/*
 * xengnttab.h - libxengnttab: mapping other domains' grants through
 * Linux's /dev/xen/gntdev (xengnttab_*), and sharing this domain's pages
 * through /dev/xen/gntalloc (xengntshr_*), in the names of Xen's library.
 *
 * Rules:
 *  - A handle owns one device descriptor; what was mapped or shared
 *    through it must be unmapped (unshared) through it, by the address
 *    the map (share) call returned, with the same count.
 *  - A map or share either succeeds whole or leaves nothing behind:
 *    the grants are released again when the mapping cannot be made.
 *  - Failures return NULL or -1 with errno set and a one-line message in
 *    xengnttab_last_error() (for both families).
 *  - Tests replace the system calls with xengnttab_set_transport().
 */
#ifndef XENGNTTAB_H
#define XENGNTTAB_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct xengntdev_handle xengnttab_handle;
typedef struct xengntdev_handle xengntshr_handle;
struct xentoollog_logger;

/* logger must be NULL, open_flags 0. */
xengnttab_handle *xengnttab_open(struct xentoollog_logger *logger, unsigned int open_flags);
int xengnttab_close(xengnttab_handle *xgt);
int xengnttab_fd(xengnttab_handle *xgt);
/* At most nr_grants mapped at once (kernels without the limit ioctl ignore it). */
int xengnttab_set_max_grants(xengnttab_handle *xgt, uint32_t nr_grants);

/* Map refs[i] of domids[i], contiguous, prot PROT_READ and/or PROT_WRITE. */
void *xengnttab_map_grant_refs(xengnttab_handle *xgt, uint32_t count, const uint32_t *domids,
                               const uint32_t *refs, int prot);
void *xengnttab_map_domain_grant_refs(xengnttab_handle *xgt, uint32_t count, uint32_t domid,
                                      const uint32_t *refs, int prot);
void *xengnttab_map_grant_ref(xengnttab_handle *xgt, uint32_t domid, uint32_t ref, int prot);
int xengnttab_unmap(xengnttab_handle *xgt, void *start_address, uint32_t count);

xengntshr_handle *xengntshr_open(struct xentoollog_logger *logger, unsigned int open_flags);
int xengntshr_close(xengntshr_handle *xgs);
int xengntshr_fd(xengntshr_handle *xgs);
/* count new zeroed pages granted to domid; refs[] receives their grant references. */
void *xengntshr_share_pages(xengntshr_handle *xgs, uint32_t domid, int count, uint32_t *refs,
                            int writable);
void *xengntshr_share_page(xengntshr_handle *xgs, uint32_t domid, uint32_t *ref, int writable);
int xengntshr_unshare(xengntshr_handle *xgs, void *start_address, uint32_t count);

const char *xengnttab_last_error(void);

struct xengnttab_transport {
    int (*open)(const char *path, int flags);
    int (*close)(int fd);
    int (*ioctl)(int fd, unsigned long request, void *arg);
    void *(*mmap)(int fd, size_t len, int prot, off_t offset);   /* MAP_SHARED */
    int (*munmap)(void *addr, size_t len);
};
/* For the handles opened from now on; NULL restores Linux's. */
void xengnttab_set_transport(const struct xengnttab_transport *t);

#define XENGNTTAB_GNTDEV_PATH   "/dev/xen/gntdev"
#define XENGNTTAB_GNTALLOC_PATH "/dev/xen/gntalloc"

#endif /* XENGNTTAB_H */
