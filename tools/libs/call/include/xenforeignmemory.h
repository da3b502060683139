/*
 * xenforeignmemory.h - mapping other domains' memory into this process
 * through Linux's privcmd (IOCTL_PRIVCMD_MMAPBATCH_V2, _MMAP_RESOURCE),
 * in the names of Xen's libxenforeignmemory.  Part of libxencall.
 *
 * Rules:
 *  - A handle owns one privcmd descriptor; mappings outlive neither it
 *    nor the process, and each is undone by the matching unmap call.
 *  - xenforeignmemory_map() with err NULL succeeds only if every frame
 *    mapped; with err it succeeds if the kernel took the request and
 *    err[i] is each frame's result (0 or -errno).
 *  - Failures return NULL or -1 with errno set and a one-line message in
 *    xencall_last_error().
 */
#ifndef XENFOREIGNMEMORY_H
#define XENFOREIGNMEMORY_H

#include <stddef.h>
#include <stdint.h>

#include <xen/xen.h>

typedef struct xenforeignmemory_handle xenforeignmemory_handle;
typedef struct xenforeignmemory_resource_handle xenforeignmemory_resource_handle;
struct xentoollog_logger;

/* logger must be NULL, open_flags 0. */
xenforeignmemory_handle *xenforeignmemory_open(struct xentoollog_logger *logger,
                                               unsigned int open_flags);
int xenforeignmemory_close(xenforeignmemory_handle *fmem);

/* pages frames arr[] of dom, contiguous, with prot (PROT_READ, PROT_WRITE). */
void *xenforeignmemory_map(xenforeignmemory_handle *fmem, uint32_t dom, int prot,
                           size_t pages, const xen_pfn_t arr[], int err[]);
int xenforeignmemory_unmap(xenforeignmemory_handle *fmem, void *addr, size_t pages);

/*
 * nr_frames frames from frame of dom's resource type/id (XENMEM_resource_*);
 * *paddr must be NULL and receives the address; flags must be 0.
 */
xenforeignmemory_resource_handle *xenforeignmemory_map_resource(
    xenforeignmemory_handle *fmem, uint32_t domid, unsigned int type, unsigned int id,
    unsigned long frame, unsigned long nr_frames, void **paddr, int prot, int flags);
int xenforeignmemory_unmap_resource(xenforeignmemory_handle *fmem,
                                    xenforeignmemory_resource_handle *fres);

#endif /* XENFOREIGNMEMORY_H */
