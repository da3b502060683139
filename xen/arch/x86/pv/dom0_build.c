/*
 * Building a domain from a PV kernel (the initial domain, or a second test
 * domain started from a boot module), following the start-of-day
 * layout PV kernels expect (Xen public ABI, xen.h): one virtual region from
 * the kernel's VIRT_BASE, mapped 1:1 onto the first pseudo-physical frames,
 * holding in order the kernel, start_info, the p2m list (unless the kernel
 * asks for it elsewhere), the bootstrap page tables (mapped read-only) and
 * a one-page stack; the region ends on a 4 MiB boundary.
 */
#include <asm/bzimage.h>
#include <asm/mm.h>
#include <asm/page.h>
#include <asm/pv.h>
#include <asm/pv-layout.h>
#include <asm/pv-mm.h>
#include <asm/x86-defs.h>
#include <public/features.h>
#include <xen/elf.h>
#include <xen/errno.h>
#include <xen/inflate.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/time.h>

#define MB(x)           ((uint64_t)(x) << 20)

static uint64_t opt_dom0_mem = MB(64);
size_param("dom0_mem", opt_dom0_mem);

/* The layout's writers reach the domain's frames through the direct map. */
static void *pfn_to_hv(void *ctx, uint64_t pfn)
{
    const struct domain *d = ctx;

    return maddr_to_virt(d->p2m[pfn] << PAGE_SHIFT);
}

static uint64_t pfn_to_mfn(void *ctx, uint64_t pfn)
{
    const struct domain *d = ctx;

    return d->p2m[pfn];
}

static void *alloc_for_kernel(struct domain *d, size_t size, unsigned int *order)
{
    void *buffer;

    for ( *order = 0; (PAGE_SIZE << *order) < size && *order < MAX_ORDER; (*order)++ )
        ;
    buffer = (PAGE_SIZE << *order) >= size ? alloc_xenheap_pages(*order) : NULL;
    if ( buffer == NULL )
        printk(XENLOG_ERR "d%u kernel: no memory to decompress %lu bytes\n", d->domain_id,
               (unsigned long)size);
    return buffer;
}

/* A bzImage's payload (XZ or gzip) is decompressed to the ELF inside it. */
static const void *decompress_bzimage(struct domain *d, const void *image, size_t *len,
                                      void **buffer, unsigned int *order)
{
    struct bzimage bz = { 0 };
    const char *why;
    s_time_t start = NOW();
    ssize_t n;
    int rc = bzimage_parse(image, *len, &bz, &why);

    if ( rc )
    {
        printk(XENLOG_ERR "d%u kernel: bzImage (%s): %s\n", d->domain_id,
               bz.format ? bz.format : "payload unknown", why);
        return NULL;
    }
    *buffer = alloc_for_kernel(d, bz.uncompressed, order);
    if ( *buffer == NULL )
        return NULL;
    n = bzimage_decompress(&bz, *buffer, bz.uncompressed, &why);
    if ( n < 0 )
    {
        printk(XENLOG_ERR "d%u kernel: bzImage (%s): %s (%ld)\n", d->domain_id, bz.format,
               why, (long)n);
        return NULL;
    }
    printk("d%u: kernel bzImage (%s), protocol %u.%02u, %lu -> %lu bytes in %lu ms\n",
           d->domain_id, bz.format, bz.protocol >> 8, bz.protocol & 0xff,
           (unsigned long)bz.payload_len, (unsigned long)n,
           (unsigned long)((NOW() - start) / MILLISECS(1)));
    *len = n;
    return *buffer;
}

/* A gzip'd kernel, or a bzImage, is decompressed into hypervisor pages for the build. */
static const void *decompress_kernel(struct domain *d, const void *image, size_t *len,
                                     void **buffer, unsigned int *order)
{
    size_t size;
    ssize_t n;

    *buffer = NULL;
    if ( bzimage_probe(image, *len) )
        return decompress_bzimage(d, image, len, buffer, order);
    if ( !gzip_probe(image, *len, &size) )
        return image;
    *buffer = alloc_for_kernel(d, size, order);
    if ( *buffer == NULL )
        return NULL;
    n = gunzip(image, *len, *buffer, size);
    if ( n < 0 )
    {
        printk(XENLOG_ERR "d%u kernel: corrupt gzip data (%ld)\n", d->domain_id, (long)n);
        return NULL;
    }
    printk("d%u: kernel decompressed, gzip %lu -> %lu bytes\n", d->domain_id,
           (unsigned long)*len, (unsigned long)n);
    *len = n;
    return *buffer;
}

static int build_from_elf(struct domain *d, const void *image, size_t image_len,
                          const char *cmdline, paddr_t initrd_start, size_t initrd_len);

int pv_build_domain(struct domain *d, const void *image, size_t image_len,
                    const char *cmdline, paddr_t initrd_start, size_t initrd_len)
{
    unsigned int order = 0;
    void *buffer;
    const void *elf = decompress_kernel(d, image, &image_len, &buffer, &order);
    int rc = elf ? build_from_elf(d, elf, image_len, cmdline, initrd_start, initrd_len)
                 : -EINVAL;

    if ( buffer )
        free_xenheap_pages(buffer, order);
    return rc;
}

static int build_from_elf(struct domain *d, const void *image, size_t image_len,
                          const char *cmdline, paddr_t initrd_start, size_t initrd_len)
{
    struct pv_kernel_info k;
    struct pv_layout l;
    struct pv_after_region after;
    const struct pv_frames frames = { .page = pfn_to_hv, .mfn = pfn_to_mfn, .ctx = d };
    struct start_info *si;
    struct vcpu *v = d->vcpu[0];
    const char *why;
    uint64_t nr_pages = opt_dom0_mem >> PAGE_SHIFT, l4_pfn;
    int rc = elf_parse_pv_kernel(image, image_len, &k, &why);

    if ( rc )
    {
        printk(XENLOG_ERR "d%u kernel: %s\n", d->domain_id, why);
        return rc;
    }
    if ( d->is_privileged && k.has_supported_features &&
         !(k.supported_features & (1u << XENFEAT_dom0)) )
    {
        printk(XENLOG_ERR "dom0 kernel: it does not support running as dom0 "
               "(SUPPORTED_FEATURES lacks 'dom0')\n");
        return -EINVAL;
    }
    rc = pv_compute_layout(&k, nr_pages, &l);
    if ( rc )
    {
        printk(XENLOG_ERR "d%u: %luM cannot hold the initial mappings "
               "(%lu MiB needed)\n", d->domain_id, (unsigned long)(opt_dom0_mem >> 20),
               (unsigned long)((l.v_end - l.v_start) >> 20));
        return rc;
    }
    if ( k.hypercall_page && (k.hypercall_page < l.vkern_start ||
                              k.hypercall_page >= l.vkern_end) )
    {
        printk(XENLOG_ERR "d%u kernel: its hypercall page is outside the kernel\n",
               d->domain_id);
        return -EINVAL;
    }
    /*
     * After the region: the ramdisk's pfns (reported as a pfn with
     * SIF_MOD_START_PFN), then the INIT_P2M list and its tables.
     */
    rc = pv_place_after_region(&k, &l, nr_pages, initrd_len, 0, &after);
    if ( rc == -ENOMEM )
    {
        printk(XENLOG_ERR "d%u: %lu MiB cannot hold a %lu KiB ramdisk after the kernel\n",
               d->domain_id, (unsigned long)(opt_dom0_mem >> 20),
               (unsigned long)(initrd_len >> 10));
        return rc;
    }
    if ( rc )
    {
        printk(XENLOG_ERR "d%u kernel: cannot place its p2m list at %#lx\n", d->domain_id,
               (unsigned long)k.init_p2m);
        return rc;
    }
    rc = domain_alloc_pages(d, nr_pages);
    if ( rc )
    {
        printk(XENLOG_ERR "d%u: cannot allocate %lu MiB\n", d->domain_id,
               (unsigned long)(opt_dom0_mem >> 20));
        return rc;
    }

    printk("%s: %s kernel, entry %#lx, %lu MiB\n", d->is_privileged ? "dom0" : "domU",
           k.guest_os[0] ? k.guest_os : "PV", (unsigned long)k.entry,
           (unsigned long)(opt_dom0_mem >> 20));
    printk("d%u:  kernel      %016lx-%016lx\n", d->domain_id, (unsigned long)l.vkern_start,
           (unsigned long)l.vkern_end);
    printk("d%u:  start info  %016lx\n", d->domain_id, (unsigned long)l.vstartinfo);
    if ( !k.init_p2m )
        printk("d%u:  p2m list    %016lx\n", d->domain_id, (unsigned long)l.vp2m);
    printk("d%u:  page tables %016lx (%lu frames)\n", d->domain_id, (unsigned long)l.vpt,
           (unsigned long)l.nr_pt_frames);
    printk("d%u:  boot stack  %016lx\n", d->domain_id, (unsigned long)l.vstack);
    printk("d%u:  region end  %016lx\n", d->domain_id, (unsigned long)l.v_end);

    pv_load_segments(&frames, &k, &l, image);
    if ( k.hypercall_page )
        pv_write_hypercall_page(pfn_to_hv(d, pv_va_to_pfn(&l, k.hypercall_page)));
    pv_write_p2m(&frames, &k, &l, &after, nr_pages);
    for ( uint64_t off = 0; off < initrd_len; off += PAGE_SIZE )
    {
        uint8_t *page = pfn_to_hv(d, after.initrd_pfn + off / PAGE_SIZE);
        size_t n = MIN(PAGE_SIZE, initrd_len - off);

        memcpy(page, (const uint8_t *)maddr_to_virt(initrd_start) + off, n);
        memset(page + n, 0, PAGE_SIZE - n);
    }
    l4_pfn = pv_write_page_tables(&frames, &k, &l, &after);

    rc = pv_set_initial_root(v, d->p2m[l4_pfn]);
    if ( rc )
    {
        printk(XENLOG_ERR "d%u: its initial page tables do not validate (%d)\n",
               d->domain_id, rc);
        return rc;
    }

    si = pfn_to_hv(d, pv_va_to_pfn(&l, l.vstartinfo));
    pv_fill_start_info(si, &k, &l, &after, nr_pages, initrd_len, cmdline);
    si->shared_info = virt_to_maddr(d->shared_info);
    if ( d->is_privileged )
        si->flags |= SIF_PRIVILEGED | SIF_INITDOMAIN;
    if ( initrd_len )
        printk("d%u:  ramdisk     pfn %#lx, %lu bytes\n", d->domain_id,
               (unsigned long)after.initrd_pfn, (unsigned long)initrd_len);

    memset(&v->regs, 0, sizeof(v->regs));
    v->regs.rip = k.entry;
    v->regs.rsp = l.vstack + PAGE_SIZE;
    v->regs.rsi = l.vstartinfo;
    v->regs.cs = FLAT_KERNEL_CS;
    v->regs.ss = FLAT_KERNEL_SS;
    v->regs.rflags = X86_EFLAGS_IF | 0x2;       /* bit 1 always reads as 1 */
    v->pv.kernel_mode = true;
    update_vcpu_system_time(v);
    return 0;
}
