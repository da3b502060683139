/*
 * The builder's operations on a real hypervisor: libxenctrl for the
 * hypercalls made on the new domain's behalf, libxenforeignmemory
 * (libxencall) for writing its frames from dom0.  The caller owns both
 * handles; this file only borrows them through struct xg_xenctrl.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <xenctrl.h>
#include <xenforeignmemory.h>

#include "xenguest.h"

static int xc_errno(void)
{
    return errno ? -errno : -EIO;
}

static int xenctrl_populate_physmap(void *ctx, uint32_t domid, uint64_t n,
                                    const uint64_t *pfns, uint64_t *mfns)
{
    struct xg_xenctrl *x = ctx;

    /* The hypervisor writes each frame over the pfn it was given. */
    memcpy(mfns, pfns, n * sizeof(*mfns));
    return xc_domain_populate_physmap_exact(x->xch, domid, n, 0, 0, mfns) ? xc_errno() : 0;
}

static void *xenctrl_map_foreign(void *ctx, uint32_t domid, const uint64_t *mfns, uint64_t n)
{
    struct xg_xenctrl *x = ctx;

    return xenforeignmemory_map(x->fmem, domid, PROT_READ | PROT_WRITE, n, mfns, NULL);
}

static int xenctrl_unmap(void *ctx, void *addr, uint64_t n)
{
    struct xg_xenctrl *x = ctx;

    return xenforeignmemory_unmap(x->fmem, addr, n) ? xc_errno() : 0;
}

static int xenctrl_mmuext_op(void *ctx, uint32_t domid, const struct mmuext_op *ops,
                             unsigned int n)
{
    struct xg_xenctrl *x = ctx;
    struct mmuext_op *copy = malloc(n * sizeof(*copy));
    int rc;

    if ( !copy )
        return -ENOMEM;
    memcpy(copy, ops, n * sizeof(*copy));
    rc = xc_mmuext_op(x->xch, copy, n, domid) ? xc_errno() : 0;
    free(copy);
    return rc;
}

static int xenctrl_shared_info_frame(void *ctx, uint32_t domid, uint64_t *mfn)
{
    struct xg_xenctrl *x = ctx;
    xc_domaininfo_t info;

    if ( xc_domain_getinfo_single(x->xch, domid, &info) )
        return xc_errno();
    *mfn = info.shared_info_frame;
    return 0;
}

static void *xenctrl_map_grant_table(void *ctx, uint32_t domid)
{
    struct xg_xenctrl *x = ctx;
    xen_pfn_t frame;

    if ( xc_gnttab_setup_table(x->xch, domid, 1, &frame) )
        return NULL;
    return xenforeignmemory_map(x->fmem, domid, PROT_READ | PROT_WRITE, 1, &frame, NULL);
}

static int xenctrl_setvcpucontext(void *ctx, uint32_t domid, unsigned int vcpu,
                                  const struct vcpu_guest_context *c)
{
    struct xg_xenctrl *x = ctx;

    return xc_domain_setvcpucontext(x->xch, domid, vcpu, c) ? xc_errno() : 0;
}

const struct xg_dom_ops xg_xenctrl_ops = {
    .populate_physmap = xenctrl_populate_physmap,
    .map_foreign = xenctrl_map_foreign,
    .unmap = xenctrl_unmap,
    .mmuext_op = xenctrl_mmuext_op,
    .shared_info_frame = xenctrl_shared_info_frame,
    .map_grant_table = xenctrl_map_grant_table,
    .setvcpucontext = xenctrl_setvcpucontext,
};
