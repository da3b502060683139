/*
 * libxenguest's handle and the pieces its files share.  A handle belongs to
 * one thread; it owns its copies of the inputs, the decompressed image, the
 * p2m and the foreign mapping, all freed by xg_dom_release().
 */
#ifndef XG_PRIVATE_H
#define XG_PRIVATE_H

#include <stdbool.h>

#include <asm/pv-layout.h>

#include "xenguest.h"

/* The steps, in the order they must run. */
enum xg_stage {
    XG_ALLOCATED, XG_XEN_INIT, XG_PARSED, XG_MEM_INIT, XG_BOOT_MEM, XG_BUILT, XG_BOOTED,
};

struct xg_dom {
    const struct xg_dom_ops *ops;
    void *ops_ctx;
    enum xg_stage stage;
    char error[256];

    /* inputs */
    uint8_t *kernel, *ramdisk;
    size_t kernel_len, ramdisk_len;
    char *cmdline, *features;
    unsigned int max_vcpus;
    uint32_t domid, store_evtchn, console_evtchn;
    uint16_t store_domid, console_domid;

    /* parse_image */
    uint8_t *elf;                       /* the kernel, or its decompressed copy */
    size_t elf_len;
    const char *format;
    struct pv_kernel_info k;
    uint8_t *initrd;                    /* the ramdisk, or its inflated copy */
    size_t initrd_len;

    /* mem_init */
    uint64_t nr_pages;
    struct pv_layout l;
    struct pv_after_region after;

    /* boot_mem_init, build_image */
    uint64_t *p2m;                      /* pfn -> mfn, nr_pages entries */
    uint8_t *map;                       /* pfns [0, after.end_pfn), while building */
    uint64_t l4_pfn;
};

/* The xenstore and console rings are the special pages after the region. */
#define XG_NR_SPECIAL   2
#define XG_STORE_PAGE   0
#define XG_CONSOLE_PAGE 1

/* Record why the current call fails; returns rc for 'return xg_fail(...)'. */
int xg_fail(struct xg_dom *dom, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Drop the parsed kernel and ramdisk (an input is about to change, or the handle to go). */
void xg_forget_image(struct xg_dom *dom);

/*
 * The kernel as an ELF: a plain image is returned as is (*out = NULL); a
 * gzip, XZ or bzImage one is decompressed into *out (malloc'd, *out_len
 * bytes).  *format names what it was.  0, or a negative errno with the
 * reason recorded in dom.
 */
int xg_unpack_kernel(struct xg_dom *dom, const uint8_t *blob, size_t len, uint8_t **out,
                     size_t *out_len, const char **format);

/* The ramdisk as the kernel gets it: a gzip'd one inflated into *out, else *out = NULL. */
int xg_unpack_ramdisk(struct xg_dom *dom, const uint8_t *blob, size_t len, uint8_t **out,
                      size_t *out_len);

/* The largest kernel or ramdisk we decompress. */
#define XG_MAX_KERNEL   (1ULL << 30)

#endif /* XG_PRIVATE_H */
