/*
 * The start-of-day layout of a PV domain (Xen public ABI, xen.h), shared by
 * the hypervisor's builder (pv/dom0_build.c) and the user-space one
 * (tools/libs/guest), so that both place a kernel the same way.
 *
 * One virtual region from the kernel's VIRT_BASE, mapped 1:1 onto the first
 * pseudo-physical frames, holds in order the kernel, start_info, the p2m
 * list (unless the kernel asks for it elsewhere with INIT_P2M), the
 * bootstrap page tables (mapped read-only) and a one-page stack; the region
 * ends on a 4 MiB boundary with at least 512 KiB to spare.  After the
 * region, in pfns: the ramdisk, then an INIT_P2M list and its tables, then
 * any special pages the caller asks for (the toolstack's xenstore and
 * console rings).
 *
 * Pure code: no allocation, no locks.  The writers reach the domain's
 * frames only through struct pv_frames, so the same code fills frames
 * through the hypervisor's direct map or through a foreign mapping.
 */
#ifndef ASM_PV_LAYOUT_H
#define ASM_PV_LAYOUT_H

#include <public/xen.h>
#include <xen/elf.h>
#include <xen/types.h>

struct pv_layout {
    uint64_t v_start, v_end;            /* the region */
    uint64_t vkern_start, vkern_end;
    uint64_t vstartinfo, vp2m, vpt, vstack;
    uint64_t nr_pt_frames;
};

/* What follows the region, in pfns. */
struct pv_after_region {
    uint64_t initrd_pfn;                /* first pfn after the region */
    uint64_t p2m_pfn;                   /* INIT_P2M list, then its tables */
    uint64_t nr_p2m_list;               /* its list's frames (0 without INIT_P2M) */
    uint64_t nr_p2m_frames;             /* list and tables (0 without INIT_P2M) */
    uint64_t special_pfn;               /* the caller's special pages */
    uint64_t end_pfn;                   /* first pfn past everything */
};

/* Page-table frames needed to map [start, end) with 4 KiB pages: one L4 plus L3/L2/L1s. */
uint64_t pv_tables_needed(uint64_t start, uint64_t end);

/*
 * The region for kernel k in a domain of nr_pages.  -ENOMEM if the region
 * does not fit (l is filled anyway, so the caller can say how much it needs).
 */
int pv_compute_layout(const struct pv_kernel_info *k, uint64_t nr_pages, struct pv_layout *l);

/* Frames of a p2m list for nr_pages; tables to map nr_list_frames at va (L4 excluded). */
uint64_t pv_p2m_list_frames(uint64_t nr_pages);
uint64_t pv_p2m_table_frames(uint64_t va, uint64_t nr_list_frames);

/*
 * Place what follows the region: a ramdisk of initrd_len bytes, the INIT_P2M
 * list and its tables, nr_special pages.  -ENOMEM if the ramdisk (or the
 * special pages) do not fit, -EINVAL if the kernel's INIT_P2M address is
 * unaligned, in the hypervisor's half, or its list does not fit.
 */
int pv_place_after_region(const struct pv_kernel_info *k, const struct pv_layout *l,
                          uint64_t nr_pages, uint64_t initrd_len, uint64_t nr_special,
                          struct pv_after_region *a);

static inline uint64_t pv_va_to_pfn(const struct pv_layout *l, uint64_t va)
{
    return (va - l->v_start) >> 12;
}

/* How the writers below reach the domain's frames. */
struct pv_frames {
    void *(*page)(void *ctx, uint64_t pfn);     /* the frame's 4 KiB, writable */
    uint64_t (*mfn)(void *ctx, uint64_t pfn);   /* its machine frame */
    void *ctx;
};

/* Copy the kernel's PT_LOAD segments from image to their frames; zero the rest. */
void pv_load_segments(const struct pv_frames *f, const struct pv_kernel_info *k,
                      const struct pv_layout *l, const uint8_t *image);

/* Our hypercall stubs (32 bytes each, SYSCALL) in a 4 KiB page. */
void pv_write_hypercall_page(uint8_t *page);

/*
 * Fill the p2m list: in the region, or at the kernel's INIT_P2M address from
 * a->p2m_pfn with its tables after it (entries past nr_pages read as invalid).
 */
void pv_write_p2m(const struct pv_frames *f, const struct pv_kernel_info *k,
                  const struct pv_layout *l, const struct pv_after_region *a,
                  uint64_t nr_pages);

/*
 * The bootstrap page tables: the region with 4 KiB pages, the page tables
 * themselves read-only (DESIGN 3), and an INIT_P2M list at the kernel's
 * address.  Call after pv_write_p2m (the tables replace nothing it wrote).
 * Returns the L4's pfn.
 */
uint64_t pv_write_page_tables(const struct pv_frames *f, const struct pv_kernel_info *k,
                              const struct pv_layout *l, const struct pv_after_region *a);

/*
 * The start_info fields that follow from the layout: magic, nr_pages,
 * page tables, p2m, ramdisk (as a pfn, SIF_MOD_START_PFN), command line.
 * The caller adds shared_info, its flags and the xenstore/console fields.
 */
void pv_fill_start_info(struct start_info *si, const struct pv_kernel_info *k,
                        const struct pv_layout *l, const struct pv_after_region *a,
                        uint64_t nr_pages, uint64_t initrd_len, const char *cmdline);

#endif /* ASM_PV_LAYOUT_H */
