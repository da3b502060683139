/*
 * libxenguest: the PV domain builder of the toolstack.
 *
 * The hypervisor creates an empty domain (domctl createdomain, max_mem,
 * max_vcpus); this library gives it memory, writes the kernel and the
 * start-of-day layout PV kernels expect into its frames from dom0 (the same
 * layout as the hypervisor's own builder: xen/arch/x86/pv/pv-layout.c),
 * pins its page tables and sets vCPU 0 going.
 *
 * One handle per domain being built, used by one thread.  The calls go in
 * order: allocate, inputs (kernel, ramdisk, memory, ...), boot_xen_init,
 * parse_image, mem_init, boot_mem_init, build_image, boot_image, release;
 * each returns 0 or a negative errno, and xg_dom_error() says why in one
 * line.  The library reaches the hypervisor only through struct
 * xg_dom_ops, so any backend (libxenctrl, or a test's fake domain) serves.
 */
#ifndef XENGUEST_H
#define XENGUEST_H

#include <stddef.h>
#include <stdint.h>

#include <xen/xen.h>

/*
 * What the builder asks of the hypervisor, each on behalf of domain domid.
 * Every operation returns 0 or a negative errno (map_* return NULL and set
 * errno).  Frames are machine frame numbers; this is a PV builder.
 */
struct xg_dom_ops {
    /* XENMEM_populate_physmap: give the domain a frame for each of n pfns; mfns[i] for pfns[i]. */
    int (*populate_physmap)(void *ctx, uint32_t domid, uint64_t n, const uint64_t *pfns,
                            uint64_t *mfns);
    /* A foreign mapping (privcmd) of n of the domain's frames, contiguous and writable. */
    void *(*map_foreign)(void *ctx, uint32_t domid, const uint64_t *mfns, uint64_t n);
    /* Undo map_foreign or map_grant_table (n frames). */
    int (*unmap)(void *ctx, void *addr, uint64_t n);
    /* HYPERVISOR_mmuext_op with foreigndom = domid (the builder pins the L4). */
    int (*mmuext_op)(void *ctx, uint32_t domid, const struct mmuext_op *ops, unsigned int n);
    /* The domain's shared_info frame (domctl getdomaininfo). */
    int (*shared_info_frame)(void *ctx, uint32_t domid, uint64_t *mfn);
    /* The domain's first grant-table frame (v1 entries), mapped writable. */
    void *(*map_grant_table)(void *ctx, uint32_t domid);
    /* domctl setvcpucontext. */
    int (*setvcpucontext)(void *ctx, uint32_t domid, unsigned int vcpu,
                          const struct vcpu_guest_context *c);
};

/*
 * The real hypervisor's operations: pass xg_xenctrl_ops with a struct
 * xg_xenctrl as ops_ctx.  Both handles are the caller's, open for as long
 * as the build runs.
 */
struct xc_interface_core;
struct xenforeignmemory_handle;
struct xg_xenctrl {
    struct xc_interface_core *xch;
    struct xenforeignmemory_handle *fmem;
};
extern const struct xg_dom_ops xg_xenctrl_ops;

struct xg_dom;

/*
 * A handle for building one domain.  cmdline is the kernel's command line;
 * features are the toolstack's required Xen features ("name|name", may be
 * NULL), checked against what the kernel's FEATURES note supports.
 */
struct xg_dom *xg_dom_allocate(const struct xg_dom_ops *ops, void *ops_ctx,
                               const char *cmdline, const char *features);
void xg_dom_release(struct xg_dom *dom);

/* Why the last call failed, one line ("" if it did not). */
const char *xg_dom_error(const struct xg_dom *dom);

/* The kernel: ELF, gzip'd or XZ'd ELF, or a bzImage with a gzip or XZ payload. */
int xg_dom_kernel_file(struct xg_dom *dom, const char *path);
int xg_dom_kernel_mem(struct xg_dom *dom, const void *data, size_t len);
/* The ramdisk (mod_start/mod_len): a gzip'd one is inflated first, as Xen's builder does. */
int xg_dom_ramdisk_file(struct xg_dom *dom, const char *path);
int xg_dom_ramdisk_mem(struct xg_dom *dom, const void *data, size_t len);

/*
 * The domain's vCPUs (1 to 32, the legacy vcpu_info slots of shared_info).
 * Only vCPU 0 is started here; the kernel brings up the others itself
 * (VCPUOP_initialise/up).  The count is reported back in xg_dom_layout.
 */
int xg_dom_set_vcpus(struct xg_dom *dom, unsigned int max_vcpus);
/* The xenstore and console rings: their event channels and back-end domains. */
void xg_dom_set_store(struct xg_dom *dom, uint32_t evtchn, uint16_t backend_domid);
void xg_dom_set_console(struct xg_dom *dom, uint32_t evtchn, uint16_t backend_domid);

/* The domain being built (created by the caller). */
int xg_dom_boot_xen_init(struct xg_dom *dom, uint32_t domid);
/* Decompress the kernel and read its ELF and Xen notes. */
int xg_dom_parse_image(struct xg_dom *dom);
/* Lay the domain out in mem_mb MiB; too little memory is refused here. */
int xg_dom_mem_init(struct xg_dom *dom, unsigned int mem_mb);
/* Give the domain its frames. */
int xg_dom_boot_mem_init(struct xg_dom *dom);
/* Write the kernel, ramdisk, start_info, p2m, page tables, hypercall page, rings. */
int xg_dom_build_image(struct xg_dom *dom);
/* Unmap, pin the L4, seed the grant table, set vCPU 0's context. */
int xg_dom_boot_image(struct xg_dom *dom);

/* Where things went, once mem_init (and the later steps) have run. */
struct xg_dom_layout {
    const char *format;                 /* "ELF", "gzip", "xz", "bzImage+xz", ... */
    uint64_t entry, virt_base;
    uint64_t hypercall_page, init_p2m;  /* 0 if the kernel has none */
    uint64_t nr_pages;
    unsigned int max_vcpus;
    uint64_t v_start, v_end, vkern_start, vkern_end;
    uint64_t vstartinfo, vp2m, vpt, vstack, nr_pt_frames;
    uint64_t ramdisk_pfn, ramdisk_len;
    uint64_t p2m_pfn, nr_p2m_frames;    /* an INIT_P2M list and its tables */
    uint64_t store_pfn, console_pfn;
    uint64_t l4_pfn;                    /* after build_image */
    uint64_t store_mfn, console_mfn;    /* the rings' frames, after boot_mem_init */
};
int xg_dom_get_layout(const struct xg_dom *dom, struct xg_dom_layout *out);

#endif /* XENGUEST_H */
