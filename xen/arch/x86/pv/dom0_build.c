/*
 * Building a domain from a PV kernel (the initial domain, or a second test
 * domain started from a boot module), following the start-of-day
 * layout PV kernels expect (Xen public ABI, xen.h): one virtual region from
 * the kernel's VIRT_BASE, mapped 1:1 onto the first pseudo-physical frames,
 * holding in order the kernel, start_info, the p2m list (unless the kernel
 * asks for it elsewhere), the bootstrap page tables (mapped read-only) and
 * a one-page stack; the region ends on a 4 MiB boundary.
 */
#include <asm/mm.h>
#include <asm/page.h>
#include <asm/pv.h>
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

#define MB(x)           ((uint64_t)(x) << 20)
#define L1_PROT         (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_USER)
#define L1_PROT_RO      (_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_USER)
#define UPPER_PROT      (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_USER)

static uint64_t opt_dom0_mem = MB(64);
size_param("dom0_mem", opt_dom0_mem);

struct layout {
    uint64_t v_start, v_end;
    uint64_t vkern_start, vkern_end;
    uint64_t vstartinfo, vp2m, vpt, vstack;
    uint64_t nr_pt_frames;
};

/* Tables needed to map [start, end) with 4 KiB pages: one L4 plus L3/L2/L1s. */
static uint64_t tables_needed(uint64_t start, uint64_t end)
{
    uint64_t n = 1;

    for ( unsigned int shift = L4_PAGETABLE_SHIFT; shift > L1_PAGETABLE_SHIFT;
          shift -= PAGETABLE_ORDER )
        n += ((end - 1) >> shift) - (start >> shift) + 1;
    return n;
}

static int compute_layout(const struct pv_kernel_info *k, uint64_t nr_pages,
                          struct layout *l)
{
    uint64_t after;

    l->v_start = k->virt_base;
    l->vkern_start = pv_paddr_to_vaddr(k, k->pstart);
    l->vkern_end = ROUNDUP(pv_paddr_to_vaddr(k, k->pend), PAGE_SIZE);
    l->vstartinfo = l->vkern_end;
    l->vp2m = l->vstartinfo + PAGE_SIZE;
    after = k->init_p2m ? l->vp2m : l->vp2m + ROUNDUP(nr_pages * 8, PAGE_SIZE);
    l->vpt = after;

    /* The page tables map the region that contains them: grow until they fit. */
    for ( l->nr_pt_frames = 1; ; l->nr_pt_frames++ )
    {
        l->vstack = l->vpt + l->nr_pt_frames * PAGE_SIZE;
        l->v_end = ROUNDUP(l->vstack + PAGE_SIZE, MB(4));
        if ( l->v_end - (l->vstack + PAGE_SIZE) < 512 * 1024 )
            l->v_end += MB(4);
        if ( tables_needed(l->v_start, l->v_end) <= l->nr_pt_frames )
            break;
    }
    if ( (l->v_end - l->v_start) >> PAGE_SHIFT > nr_pages )
        return -ENOMEM;
    return 0;
}

static uint64_t va_to_pfn(const struct layout *l, uint64_t va)
{
    return (va - l->v_start) >> PAGE_SHIFT;
}

static void *pfn_to_hv(const struct domain *d, uint64_t pfn)
{
    return maddr_to_virt(d->p2m[pfn] << PAGE_SHIFT);
}

/*
 * Map va to pfn in the tables under l4, taking any missing table from
 * *next_table (the frames the caller set aside for tables).
 */
static void map_one_page(struct domain *d, uint64_t *l4, uint64_t va, uint64_t pfn,
                         uint64_t prot, uint64_t *next_table)
{
    uint64_t *table = l4;

    for ( unsigned int shift = L4_PAGETABLE_SHIFT; shift > L1_PAGETABLE_SHIFT;
          shift -= PAGETABLE_ORDER )
    {
        uint64_t *e = &table[(va >> shift) & 511];

        if ( !(*e & _PAGE_PRESENT) )
        {
            uint64_t t = (*next_table)++;

            memset(pfn_to_hv(d, t), 0, PAGE_SIZE);
            *e = (d->p2m[t] << PAGE_SHIFT) | UPPER_PROT;
        }
        table = maddr_to_virt(*e & 0x000ffffffffff000ULL);
    }
    table[(va >> L1_PAGETABLE_SHIFT) & 511] = (d->p2m[pfn] << PAGE_SHIFT) | prot;
}

/*
 * Map the region with 4 KiB pages, taking table frames from the pt area;
 * guests never get write access to their page tables (DESIGN 3).
 * Returns the L4's pfn.
 */
static uint64_t build_page_tables(struct domain *d, const struct layout *l)
{
    uint64_t next_pt = va_to_pfn(l, l->vpt);
    uint64_t l4_pfn = next_pt++;
    uint64_t *l4 = pfn_to_hv(d, l4_pfn);

    memset(l4, 0, PAGE_SIZE);
    for ( uint64_t va = l->v_start; va < l->v_end; va += PAGE_SIZE )
    {
        bool is_pt = va >= l->vpt && va < l->vstack;

        map_one_page(d, l4, va, va_to_pfn(l, va), is_pt ? L1_PROT_RO : L1_PROT, &next_pt);
    }
    BUG_ON(next_pt > va_to_pfn(l, l->vstack));
    return l4_pfn;
}

/*
 * A kernel with an INIT_P2M note wants its p2m list outside the region,
 * at that address, with its own tables: the list's frames and then the
 * tables go to the pfns after the region (and after a ramdisk), which
 * start_info reports as first_p2m_pfn/nr_p2m_frames.
 */
static uint64_t p2m_list_frames(uint64_t nr_pages)
{
    return ROUNDUP(nr_pages * 8, PAGE_SIZE) / PAGE_SIZE;
}

static uint64_t p2m_table_frames(uint64_t va, uint64_t nr_list_frames)
{
    /* tables_needed() counts an L4 too: the region's serves. */
    return tables_needed(va, va + nr_list_frames * PAGE_SIZE) - 1;
}

static void map_init_p2m(struct domain *d, uint64_t l4_pfn, uint64_t va, uint64_t first_pfn,
                         uint64_t nr_pages)
{
    uint64_t nr_list = p2m_list_frames(nr_pages), next_table = first_pfn + nr_list;
    uint64_t *l4 = pfn_to_hv(d, l4_pfn);

    for ( uint64_t i = 0; i < nr_list; i++ )
    {
        uint64_t *list = pfn_to_hv(d, first_pfn + i);

        /* Entries past nr_pages read as invalid, the way Linux fills the rest. */
        for ( uint64_t j = 0; j < 512; j++ )
            list[j] = i * 512 + j < nr_pages ? d->p2m[i * 512 + j] : ~0ULL;
        map_one_page(d, l4, va + i * PAGE_SIZE, first_pfn + i, L1_PROT, &next_table);
    }
    BUG_ON(next_table != first_pfn + nr_list + p2m_table_frames(va, nr_list));
}

/* Copy the PT_LOAD segments to their pseudo-physical frames; zero the rest. */
static void load_segments(struct domain *d, const struct pv_kernel_info *k,
                          const struct layout *l, const uint8_t *image)
{
    for ( uint64_t va = l->vkern_start; va < l->vkern_end; va += PAGE_SIZE )
        memset(pfn_to_hv(d, va_to_pfn(l, va)), 0, PAGE_SIZE);
    for ( unsigned int i = 0; i < k->nr_segments; i++ )
    {
        const struct elf_segment *s = &k->segments[i];
        uint64_t va = pv_paddr_to_vaddr(k, s->paddr);

        for ( uint64_t off = 0; off < s->filesz; )
        {
            uint64_t pfn = va_to_pfn(l, va + off), in_page = (va + off) & (PAGE_SIZE - 1);
            uint64_t n = MIN(PAGE_SIZE - in_page, s->filesz - off);

            memcpy((uint8_t *)pfn_to_hv(d, pfn) + in_page, image + s->offset + off, n);
            off += n;
        }
    }
}

/* A gzip'd kernel is decompressed into hypervisor pages for the build. */
static const void *decompress_kernel(struct domain *d, const void *image, size_t *len,
                                     void **buffer, unsigned int *order)
{
    size_t size;
    ssize_t n;

    *buffer = NULL;
    if ( !gzip_probe(image, *len, &size) )
        return image;
    for ( *order = 0; (PAGE_SIZE << *order) < size && *order < MAX_ORDER; (*order)++ )
        ;
    *buffer = alloc_xenheap_pages(*order);
    if ( *buffer == NULL )
    {
        printk(XENLOG_ERR "d%u kernel: no memory to decompress %lu bytes\n", d->domain_id,
               (unsigned long)size);
        return NULL;
    }
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
    struct layout l;
    struct start_info *si;
    struct vcpu *v = d->vcpu[0];
    const char *why;
    uint64_t nr_pages = opt_dom0_mem >> PAGE_SHIFT, l4_pfn, p2m_pfn, initrd_pfn;
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
    rc = compute_layout(&k, nr_pages, &l);
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
    initrd_pfn = (l.v_end - l.v_start) >> PAGE_SHIFT;
    p2m_pfn = initrd_pfn + ROUNDUP(initrd_len, PAGE_SIZE) / PAGE_SIZE;
    if ( p2m_pfn > nr_pages )
    {
        printk(XENLOG_ERR "d%u: %lu MiB cannot hold a %lu KiB ramdisk after the kernel\n",
               d->domain_id, (unsigned long)(opt_dom0_mem >> 20),
               (unsigned long)(initrd_len >> 10));
        return -ENOMEM;
    }
    if ( k.init_p2m &&
         (k.init_p2m & (PAGE_SIZE - 1) ||
          ((k.init_p2m >> L4_PAGETABLE_SHIFT) & 511) >= 256 ||
          p2m_pfn + p2m_list_frames(nr_pages) +
          p2m_table_frames(k.init_p2m, p2m_list_frames(nr_pages)) > nr_pages) )
    {
        printk(XENLOG_ERR "d%u kernel: cannot place its p2m list at %#lx\n", d->domain_id,
               (unsigned long)k.init_p2m);
        return -EINVAL;
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

    load_segments(d, &k, &l, image);
    if ( k.hypercall_page )
        pv_fill_hypercall_page(pfn_to_hv(d, va_to_pfn(&l, k.hypercall_page)));
    if ( !k.init_p2m )
        for ( uint64_t pfn = 0; pfn < nr_pages; pfn++ )
            ((uint64_t *)pfn_to_hv(d, va_to_pfn(&l, l.vp2m) + pfn / 512))[pfn % 512] =
                d->p2m[pfn];
    for ( uint64_t off = 0; off < initrd_len; off += PAGE_SIZE )
    {
        uint8_t *page = pfn_to_hv(d, initrd_pfn + off / PAGE_SIZE);
        size_t n = MIN(PAGE_SIZE, initrd_len - off);

        memcpy(page, (const uint8_t *)maddr_to_virt(initrd_start) + off, n);
        memset(page + n, 0, PAGE_SIZE - n);
    }
    l4_pfn = build_page_tables(d, &l);
    if ( k.init_p2m )
        map_init_p2m(d, l4_pfn, k.init_p2m, p2m_pfn, nr_pages);

    rc = pv_set_initial_root(v, d->p2m[l4_pfn]);
    if ( rc )
    {
        printk(XENLOG_ERR "d%u: its initial page tables do not validate (%d)\n",
               d->domain_id, rc);
        return rc;
    }

    si = pfn_to_hv(d, va_to_pfn(&l, l.vstartinfo));
    memset(si, 0, PAGE_SIZE);
    strlcpy(si->magic, "xen-3.0-x86_64", sizeof(si->magic));
    si->nr_pages = nr_pages;
    si->shared_info = virt_to_maddr(d->shared_info);
    si->flags = d->is_privileged ? SIF_PRIVILEGED | SIF_INITDOMAIN : 0;
    if ( initrd_len )
    {
        si->flags |= SIF_MOD_START_PFN;
        si->mod_start = initrd_pfn;
        si->mod_len = initrd_len;
        printk("d%u:  ramdisk     pfn %#lx, %lu bytes\n", d->domain_id,
               (unsigned long)initrd_pfn, (unsigned long)initrd_len);
    }
    si->pt_base = l.vpt;
    si->nr_pt_frames = l.nr_pt_frames;
    si->mfn_list = k.init_p2m ? k.init_p2m : l.vp2m;
    if ( k.init_p2m )
    {
        si->first_p2m_pfn = p2m_pfn;
        si->nr_p2m_frames = p2m_list_frames(nr_pages) +
                            p2m_table_frames(k.init_p2m, p2m_list_frames(nr_pages));
    }
    strlcpy((char *)si->cmd_line, cmdline, sizeof(si->cmd_line));

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
