/*
 * fake_privcmd.h - a stand-in for Linux's privcmd and privcmd-buf devices
 * (libxencall's transport table), for the unit tests of libxencall and
 * libxenctrl on a build machine that has no /dev/xen.
 *
 * It records every open, mapping and hypercall, refuses (-EFAULT) any
 * hypercall whose pointer argument is not inside a hypercall buffer it
 * mapped, and hands the rest to the test's model of the hypervisor.
 * Foreign mappings get each frame's number written at the start of its
 * page, as if the frame were mapped there.  Payload fields are read at the ABI's byte offsets (fake_u32 & co.), not
 * through the library's structures, so a layout mistake shows.
 */
#ifndef FAKE_PRIVCMD_H
#define FAKE_PRIVCMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <xencall_transport.h>

#define FAKE_MAX_CALLS 16
#define FAKE_FOREIGN_LIMIT 0x100000

struct fake_privcmd {
    /* set by the test */
    bool no_privcmd;                /* open("/dev/xen/privcmd") fails ENOENT */
    bool no_bufdev;                 /* open("/dev/xen/hypercall") fails ENOENT */
    bool bufdev_exhausted;          /* mmap of /dev/xen/hypercall fails ENOMEM */
    /* the hypervisor: the result of one hypercall (negative: -errno) */
    long (*hypervisor)(const struct xencall_privcmd_hypercall *call);
    /* recorded */
    unsigned int opens, closes, maps, device_maps, unmaps, live_buffers;
    unsigned int nr_calls;
    struct xencall_privcmd_hypercall calls[FAKE_MAX_CALLS];
    unsigned int faults;            /* hypercalls refused for a pointer outside the buffers */
    /* foreign mappings: frames >= FAKE_FOREIGN_LIMIT are not the domain's */
    unsigned int privcmd_maps, foreign_ioctls;
    struct xencall_privcmd_mmapbatch_v2 last_batch;
    struct xencall_privcmd_mmap_resource last_resource;
    int resource_error;             /* the resource ioctl fails with this errno */
    unsigned int bad_unmaps;        /* unmaps of something never mapped, or of another size */
};

extern struct fake_privcmd fake;

/* Reset the record and install the fake transport. */
void fake_privcmd_install(long (*hypervisor)(const struct xencall_privcmd_hypercall *));
/* Whether [p, p + len) lies inside one live hypercall buffer. */
bool fake_in_buffer(uint64_t p, size_t len);

/* Fields of a payload at its ABI offsets. */
static inline uint32_t fake_u32(uint64_t p, size_t off)
{
    uint32_t v;

    memcpy(&v, (const char *)(uintptr_t)p + off, sizeof(v));
    return v;
}

static inline uint64_t fake_u64(uint64_t p, size_t off)
{
    uint64_t v;

    memcpy(&v, (const char *)(uintptr_t)p + off, sizeof(v));
    return v;
}

static inline uint16_t fake_u16(uint64_t p, size_t off)
{
    uint16_t v;

    memcpy(&v, (const char *)(uintptr_t)p + off, sizeof(v));
    return v;
}

static inline void fake_put_u32(uint64_t p, size_t off, uint32_t v)
{
    memcpy((char *)(uintptr_t)p + off, &v, sizeof(v));
}

static inline void fake_put_u64(uint64_t p, size_t off, uint64_t v)
{
    memcpy((char *)(uintptr_t)p + off, &v, sizeof(v));
}

#endif /* FAKE_PRIVCMD_H */
