/*
 * libxenguest's handle: allocation, the inputs (kernel, ramdisk, command
 * line, features, vCPUs, rings), errors and the layout report.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xg_private.h"

/* A file larger than this is not a kernel or a ramdisk we would load. */
#define XG_MAX_FILE     (1ULL << 31)

int xg_fail(struct xg_dom *dom, int rc, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(dom->error, sizeof(dom->error), fmt, ap);
    va_end(ap);
    return rc;
}

const char *xg_dom_error(const struct xg_dom *dom)
{
    return dom->error;
}

struct xg_dom *xg_dom_allocate(const struct xg_dom_ops *ops, void *ops_ctx,
                               const char *cmdline, const char *features)
{
    struct xg_dom *dom = calloc(1, sizeof(*dom));

    if ( !dom )
        return NULL;
    dom->ops = ops;
    dom->ops_ctx = ops_ctx;
    dom->max_vcpus = 1;
    dom->cmdline = strdup(cmdline ? cmdline : "");
    dom->features = strdup(features ? features : "");
    if ( !dom->cmdline || !dom->features )
    {
        xg_dom_release(dom);
        return NULL;
    }
    return dom;
}

void xg_dom_release(struct xg_dom *dom)
{
    if ( !dom )
        return;
    if ( dom->map )
        dom->ops->unmap(dom->ops_ctx, dom->map, dom->after.end_pfn);
    free(dom->p2m);
    xg_forget_image(dom);
    free(dom->kernel);
    free(dom->ramdisk);
    free(dom->cmdline);
    free(dom->features);
    free(dom);
}

/* Inputs may only be given before the image is parsed. */
static int check_input_stage(struct xg_dom *dom, const char *what)
{
    dom->error[0] = '\0';
    if ( dom->stage >= XG_PARSED )
        return xg_fail(dom, -EINVAL, "%s given after the image was parsed", what);
    return 0;
}

static int copy_blob(struct xg_dom *dom, uint8_t **dst, size_t *dst_len, const void *data,
                     size_t len, const char *what)
{
    uint8_t *copy;

    if ( len == 0 )
        return xg_fail(dom, -EINVAL, "the %s is empty", what);
    copy = malloc(len);
    if ( !copy )
        return xg_fail(dom, -ENOMEM, "no memory for a %zu-byte %s", len, what);
    memcpy(copy, data, len);
    free(*dst);
    *dst = copy;
    *dst_len = len;
    return 0;
}

static int read_file(struct xg_dom *dom, const char *path, uint8_t **dst, size_t *dst_len,
                     const char *what)
{
    struct stat st;
    uint8_t *buf;
    size_t done = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC), rc = 0;

    if ( fd < 0 )
        return xg_fail(dom, -errno, "%s %s: %s", what, path, strerror(errno));
    if ( fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size == 0 ||
         (uint64_t)st.st_size > XG_MAX_FILE )
    {
        close(fd);
        return xg_fail(dom, -EINVAL, "%s %s: not a regular file of 1 byte to 2 GiB", what,
                       path);
    }
    buf = malloc(st.st_size);
    if ( !buf )
    {
        close(fd);
        return xg_fail(dom, -ENOMEM, "%s %s: no memory for %lld bytes", what, path,
                       (long long)st.st_size);
    }
    while ( done < (size_t)st.st_size )
    {
        ssize_t n = read(fd, buf + done, st.st_size - done);

        if ( n < 0 && errno == EINTR )
            continue;
        if ( n <= 0 )
        {
            rc = xg_fail(dom, n < 0 ? -errno : -EIO, "%s %s: %s", what, path,
                         n < 0 ? strerror(errno) : "shorter than its size");
            break;
        }
        done += n;
    }
    close(fd);
    if ( rc )
    {
        free(buf);
        return rc;
    }
    free(*dst);
    *dst = buf;
    *dst_len = done;
    return 0;
}

void xg_forget_image(struct xg_dom *dom)
{
    if ( dom->elf != dom->kernel )
        free(dom->elf);
    if ( dom->initrd != dom->ramdisk )
        free(dom->initrd);
    dom->elf = dom->initrd = NULL;
    dom->initrd_len = 0;
}

int xg_dom_kernel_file(struct xg_dom *dom, const char *path)
{
    int rc = check_input_stage(dom, "the kernel");

    if ( rc )
        return rc;
    xg_forget_image(dom);
    return read_file(dom, path, &dom->kernel, &dom->kernel_len, "kernel");
}

int xg_dom_kernel_mem(struct xg_dom *dom, const void *data, size_t len)
{
    int rc = check_input_stage(dom, "the kernel");

    if ( rc )
        return rc;
    xg_forget_image(dom);
    return copy_blob(dom, &dom->kernel, &dom->kernel_len, data, len, "kernel");
}

int xg_dom_ramdisk_file(struct xg_dom *dom, const char *path)
{
    int rc = check_input_stage(dom, "the ramdisk");

    if ( rc )
        return rc;
    xg_forget_image(dom);
    return read_file(dom, path, &dom->ramdisk, &dom->ramdisk_len, "ramdisk");
}

int xg_dom_ramdisk_mem(struct xg_dom *dom, const void *data, size_t len)
{
    int rc = check_input_stage(dom, "the ramdisk");

    if ( rc )
        return rc;
    xg_forget_image(dom);
    return copy_blob(dom, &dom->ramdisk, &dom->ramdisk_len, data, len, "ramdisk");
}

int xg_dom_set_vcpus(struct xg_dom *dom, unsigned int max_vcpus)
{
    int rc = check_input_stage(dom, "the vCPU count");

    if ( rc )
        return rc;
    /* The vCPU bitmap of a PV domain's shared_info has 32 entries (XEN_LEGACY_MAX_VCPUS). */
    if ( max_vcpus == 0 || max_vcpus > XEN_LEGACY_MAX_VCPUS )
        return xg_fail(dom, -EINVAL, "%u vCPUs: a PV domain has 1 to %u", max_vcpus,
                       XEN_LEGACY_MAX_VCPUS);
    dom->max_vcpus = max_vcpus;
    return 0;
}

void xg_dom_set_store(struct xg_dom *dom, uint32_t evtchn, uint16_t backend_domid)
{
    dom->store_evtchn = evtchn;
    dom->store_domid = backend_domid;
}

void xg_dom_set_console(struct xg_dom *dom, uint32_t evtchn, uint16_t backend_domid)
{
    dom->console_evtchn = evtchn;
    dom->console_domid = backend_domid;
}

int xg_dom_boot_xen_init(struct xg_dom *dom, uint32_t domid)
{
    dom->error[0] = '\0';
    if ( dom->stage != XG_ALLOCATED )
        return xg_fail(dom, -EINVAL, "boot_xen_init called twice");
    if ( domid >= DOMID_FIRST_RESERVED )
        return xg_fail(dom, -EINVAL, "domain %#x is not a domain that can be built", domid);
    dom->domid = domid;
    dom->stage = XG_XEN_INIT;
    return 0;
}

int xg_dom_get_layout(const struct xg_dom *dom, struct xg_dom_layout *out)
{
    const struct pv_layout *l = &dom->l;
    const struct pv_after_region *a = &dom->after;

    if ( dom->stage < XG_MEM_INIT )
        return -EINVAL;
    *out = (struct xg_dom_layout){
        .format = dom->format,
        .entry = dom->k.entry, .virt_base = dom->k.virt_base,
        .hypercall_page = dom->k.hypercall_page, .init_p2m = dom->k.init_p2m,
        .nr_pages = dom->nr_pages, .max_vcpus = dom->max_vcpus,
        .v_start = l->v_start, .v_end = l->v_end,
        .vkern_start = l->vkern_start, .vkern_end = l->vkern_end,
        .vstartinfo = l->vstartinfo, .vp2m = l->vp2m, .vpt = l->vpt, .vstack = l->vstack,
        .nr_pt_frames = l->nr_pt_frames,
        .ramdisk_pfn = a->initrd_pfn, .ramdisk_len = dom->initrd_len,
        .p2m_pfn = a->p2m_pfn, .nr_p2m_frames = a->nr_p2m_frames,
        .store_pfn = a->special_pfn + XG_STORE_PAGE,
        .console_pfn = a->special_pfn + XG_CONSOLE_PAGE,
        .l4_pfn = dom->stage >= XG_BUILT ? dom->l4_pfn : 0,
        .store_mfn = dom->stage >= XG_BOOT_MEM ? dom->p2m[a->special_pfn + XG_STORE_PAGE] : 0,
        .console_mfn = dom->stage >= XG_BOOT_MEM ? dom->p2m[a->special_pfn + XG_CONSOLE_PAGE]
                                                 : 0,
    };
    return 0;
}
