/*
 * Building the domain: parse the kernel, lay it out, give the domain its
 * frames, write them through a foreign mapping with the layout's writers
 * (xen/arch/x86/pv/pv-layout.c), then unmap, pin, seed the grant table and
 * start vCPU 0.  Every check runs before the step that depends on it, so a
 * refused kernel or size never reaches the hypervisor.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/features.h>
#include <xen/grant_table.h>

#include "xg_private.h"

#define XG_PAGE_SIZE    4096UL

static int check_stage(struct xg_dom *dom, enum xg_stage want, const char *step)
{
    dom->error[0] = '\0';
    if ( dom->stage != want )
        return xg_fail(dom, -EINVAL, "%s called out of order", step);
    return 0;
}

/* The feature names of the FEATURES notes and the toolstack's list. */
static const char *const feature_names[] = {
    [XENFEAT_writable_page_tables] = "writable_page_tables",
    [XENFEAT_writable_descriptor_tables] = "writable_descriptor_tables",
    [XENFEAT_auto_translated_physmap] = "auto_translated_physmap",
    [XENFEAT_supervisor_mode_kernel] = "supervisor_mode_kernel",
    [XENFEAT_pae_pgdir_above_4gb] = "pae_pgdir_above_4gb",
    [XENFEAT_hvm_callback_vector] = "hvm_callback_vector",
    [XENFEAT_dom0] = "dom0",
};
#define NR_FEATURE_NAMES (sizeof(feature_names) / sizeof(feature_names[0]))

/*
 * Read "name|!name|..." into bitmaps: every name into *named, '!' ones
 * also into *required.  An unknown name is returned (in buf) if strict.
 */
static const char *parse_features(const char *list, bool strict, uint32_t *named,
                                  uint32_t *required, char *buf, size_t buf_len)
{
    *named = *required = 0;
    while ( *list )
    {
        size_t n = strcspn(list, "|");
        bool must = *list == '!';
        const char *name = list + must;
        size_t name_len = n - must;
        unsigned int i;

        for ( i = 0; i < NR_FEATURE_NAMES; i++ )
            if ( feature_names[i] && strlen(feature_names[i]) == name_len &&
                 !memcmp(feature_names[i], name, name_len) )
                break;
        if ( i < NR_FEATURE_NAMES )
        {
            *named |= 1u << i;
            if ( must )
                *required |= 1u << i;
        }
        else if ( strict && name_len )
        {
            snprintf(buf, buf_len, "%.*s", (int)name_len, name);
            return buf;
        }
        list += n + (list[n] == '|');
    }
    return NULL;
}

/*
 * Xen's rule: what the toolstack asks for and what the kernel requires must
 * all be features the kernel supports; a PV domain never runs translated
 * or with its kernel in ring 0.
 */
static int check_features(struct xg_dom *dom)
{
    uint32_t supported, required, requested, ignored;
    char unknown[64];
    const char *bad = parse_features(dom->features, true, &requested, &ignored, unknown,
                                     sizeof(unknown));

    if ( bad )
        return xg_fail(dom, -EINVAL, "unknown Xen feature '%s' requested", bad);
    parse_features(dom->k.features, false, &supported, &required, unknown, sizeof(unknown));
    if ( dom->k.has_supported_features )
        supported |= dom->k.supported_features;
    for ( unsigned int i = 0; i < NR_FEATURE_NAMES; i++ )
    {
        uint32_t bit = 1u << i;

        if ( (requested & bit) && !(supported & bit) )
            return xg_fail(dom, -EINVAL, "the kernel does not support the requested "
                           "feature %s", feature_names[i]);
        if ( ((requested | required) & bit) &&
             (i == XENFEAT_auto_translated_physmap || i == XENFEAT_supervisor_mode_kernel) )
            return xg_fail(dom, -EINVAL, "the kernel requires %s, which a PV domain "
                           "does not have", feature_names[i]);
    }
    return 0;
}

int xg_dom_parse_image(struct xg_dom *dom)
{
    const char *why;
    int rc = check_stage(dom, XG_XEN_INIT, "parse_image");

    if ( rc )
        return rc;
    if ( !dom->kernel )
        return xg_fail(dom, -EINVAL, "no kernel given");
    xg_forget_image(dom);
    rc = xg_unpack_kernel(dom, dom->kernel, dom->kernel_len, &dom->elf, &dom->elf_len,
                          &dom->format);
    if ( rc )
        return rc;
    if ( !dom->elf )
        dom->elf = dom->kernel;
    if ( dom->ramdisk )
    {
        rc = xg_unpack_ramdisk(dom, dom->ramdisk, dom->ramdisk_len, &dom->initrd,
                               &dom->initrd_len);
        if ( rc )
            return rc;
        if ( !dom->initrd )
            dom->initrd = dom->ramdisk;
    }
    rc = elf_parse_pv_kernel(dom->elf, dom->elf_len, &dom->k, &why);
    if ( rc )
        return xg_fail(dom, -ENOEXEC, "kernel (%s): %s", dom->format, why);
    if ( dom->k.pend - dom->k.pstart > XG_MAX_KERNEL )
        return xg_fail(dom, -EFBIG, "the kernel's segments span more than %llu MiB",
                       XG_MAX_KERNEL >> 20);
    rc = check_features(dom);
    if ( rc )
        return rc;
    dom->stage = XG_PARSED;
    return 0;
}

int xg_dom_mem_init(struct xg_dom *dom, unsigned int mem_mb)
{
    struct pv_after_region *a = &dom->after;
    struct pv_layout *l = &dom->l;
    int rc = check_stage(dom, XG_PARSED, "mem_init");

    if ( rc )
        return rc;
    if ( mem_mb == 0 || mem_mb > (1u << 20) )
        return xg_fail(dom, -EINVAL, "%u MiB: memory is 1 MiB to 1 TiB", mem_mb);
    dom->nr_pages = (uint64_t)mem_mb << 8;
    rc = pv_compute_layout(&dom->k, dom->nr_pages, l);
    if ( rc )
        return xg_fail(dom, rc, "%u MiB cannot hold the kernel's initial mappings "
                       "(%llu MiB needed)", mem_mb,
                       (unsigned long long)((l->v_end - l->v_start) >> 20));
    if ( dom->k.hypercall_page && (dom->k.hypercall_page < l->vkern_start ||
                                   dom->k.hypercall_page >= l->vkern_end) )
        return xg_fail(dom, -EINVAL, "the kernel's hypercall page is outside the kernel");
    rc = pv_place_after_region(&dom->k, l, dom->nr_pages, dom->initrd_len, XG_NR_SPECIAL, a);
    if ( rc == -EINVAL )
        return xg_fail(dom, rc, "the kernel's INIT_P2M address %#llx cannot hold its p2m "
                       "list", (unsigned long long)dom->k.init_p2m);
    if ( rc )
        return xg_fail(dom, rc, "the %zu KiB ramdisk does not fit in %u MiB after the "
                       "kernel's %llu MiB (with %u pages for the rings)",
                       (dom->initrd_len + 1023) / 1024, mem_mb,
                       (unsigned long long)((l->v_end - l->v_start) >> 20), XG_NR_SPECIAL);
    dom->stage = XG_MEM_INIT;
    return 0;
}

int xg_dom_boot_mem_init(struct xg_dom *dom)
{
    uint64_t *pfns;
    int rc = check_stage(dom, XG_MEM_INIT, "boot_mem_init");

    if ( rc )
        return rc;
    pfns = malloc(dom->nr_pages * sizeof(*pfns));
    dom->p2m = malloc(dom->nr_pages * sizeof(*dom->p2m));
    if ( !pfns || !dom->p2m )
    {
        free(pfns);
        return xg_fail(dom, -ENOMEM, "no memory for a p2m of %llu pages",
                       (unsigned long long)dom->nr_pages);
    }
    for ( uint64_t pfn = 0; pfn < dom->nr_pages; pfn++ )
        pfns[pfn] = pfn;
    rc = dom->ops->populate_physmap(dom->ops_ctx, dom->domid, dom->nr_pages, pfns, dom->p2m);
    free(pfns);
    if ( rc )
        return xg_fail(dom, rc, "the hypervisor did not give d%u its %llu pages (%d)",
                       dom->domid, (unsigned long long)dom->nr_pages, rc);
    dom->stage = XG_BOOT_MEM;
    return 0;
}

static void *frame_page(void *ctx, uint64_t pfn)
{
    struct xg_dom *dom = ctx;

    return dom->map + pfn * XG_PAGE_SIZE;
}

static uint64_t frame_mfn(void *ctx, uint64_t pfn)
{
    struct xg_dom *dom = ctx;

    return dom->p2m[pfn];
}

static void write_start_info(struct xg_dom *dom, uint64_t shared_info_mfn)
{
    struct start_info *si = frame_page(dom, pv_va_to_pfn(&dom->l, dom->l.vstartinfo));

    pv_fill_start_info(si, &dom->k, &dom->l, &dom->after, dom->nr_pages, dom->initrd_len,
                       dom->cmdline);
    si->shared_info = shared_info_mfn * XG_PAGE_SIZE;
    si->store_mfn = dom->p2m[dom->after.special_pfn + XG_STORE_PAGE];
    si->store_evtchn = dom->store_evtchn;
    si->console.domU.mfn = dom->p2m[dom->after.special_pfn + XG_CONSOLE_PAGE];
    si->console.domU.evtchn = dom->console_evtchn;
}

int xg_dom_build_image(struct xg_dom *dom)
{
    const struct pv_frames frames = { .page = frame_page, .mfn = frame_mfn, .ctx = dom };
    const struct pv_after_region *a = &dom->after;
    uint64_t shared_info_mfn;
    int rc = check_stage(dom, XG_BOOT_MEM, "build_image");

    if ( rc )
        return rc;
    rc = dom->ops->shared_info_frame(dom->ops_ctx, dom->domid, &shared_info_mfn);
    if ( rc )
        return xg_fail(dom, rc, "cannot read d%u's shared_info frame (%d)", dom->domid, rc);
    /* Everything the builder writes lies below end_pfn; the rest is the kernel's. */
    dom->map = dom->ops->map_foreign(dom->ops_ctx, dom->domid, dom->p2m, a->end_pfn);
    if ( !dom->map )
        return xg_fail(dom, -errno, "cannot map d%u's first %llu frames: %s", dom->domid,
                       (unsigned long long)a->end_pfn, strerror(errno));
    /* No frame keeps what it held before: the rings and the stack start zeroed. */
    memset(dom->map, 0, a->end_pfn * XG_PAGE_SIZE);

    pv_load_segments(&frames, &dom->k, &dom->l, dom->elf);
    if ( dom->k.hypercall_page )
        pv_write_hypercall_page(frame_page(dom, pv_va_to_pfn(&dom->l, dom->k.hypercall_page)));
    pv_write_p2m(&frames, &dom->k, &dom->l, a, dom->nr_pages);
    if ( dom->initrd_len )
        memcpy(frame_page(dom, a->initrd_pfn), dom->initrd, dom->initrd_len);
    dom->l4_pfn = pv_write_page_tables(&frames, &dom->k, &dom->l, a);
    write_start_info(dom, shared_info_mfn);
    dom->stage = XG_BUILT;
    return 0;
}

/* The rings' grant references the toolstack relies on (Xen's reserved entries). */
static int seed_grant_table(struct xg_dom *dom)
{
    struct grant_entry_v1 *gnttab = dom->ops->map_grant_table(dom->ops_ctx, dom->domid);
    const struct { unsigned int ref; uint16_t backend; unsigned int page; } seeds[] = {
        { GNTTAB_RESERVED_CONSOLE, dom->console_domid, XG_CONSOLE_PAGE },
        { GNTTAB_RESERVED_XENSTORE, dom->store_domid, XG_STORE_PAGE },
    };

    if ( !gnttab )
        return xg_fail(dom, -errno, "cannot map d%u's grant table: %s", dom->domid,
                       strerror(errno));
    for ( unsigned int i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++ )
    {
        struct grant_entry_v1 *e = &gnttab[seeds[i].ref];

        e->domid = seeds[i].backend;
        e->frame = dom->p2m[dom->after.special_pfn + seeds[i].page];
        /* The entry is valid once its flags say so: they go last. */
        __atomic_store_n(&e->flags, GTF_permit_access, __ATOMIC_RELEASE);
    }
    dom->ops->unmap(dom->ops_ctx, gnttab, 1);
    return 0;
}

int xg_dom_boot_image(struct xg_dom *dom)
{
    struct mmuext_op pin = { .cmd = MMUEXT_PIN_L4_TABLE };
    struct vcpu_guest_context *ctxt;
    int rc = check_stage(dom, XG_BUILT, "boot_image");

    if ( rc )
        return rc;
    /* Our writable mappings would stop the tables from validating. */
    rc = dom->ops->unmap(dom->ops_ctx, dom->map, dom->after.end_pfn);
    if ( rc )
        return xg_fail(dom, rc, "cannot unmap d%u's frames (%d)", dom->domid, rc);
    dom->map = NULL;

    pin.arg1.mfn = dom->p2m[dom->l4_pfn];
    rc = dom->ops->mmuext_op(dom->ops_ctx, dom->domid, &pin, 1);
    if ( rc )
        return xg_fail(dom, rc, "d%u's initial page tables do not pin (%d)", dom->domid, rc);
    rc = seed_grant_table(dom);
    if ( rc )
        return rc;

    ctxt = calloc(1, sizeof(*ctxt));
    if ( !ctxt )
        return xg_fail(dom, -ENOMEM, "no memory for a vCPU context");
    ctxt->flags = VGCF_in_kernel | VGCF_online;
    ctxt->user_regs.rip = dom->k.entry;
    ctxt->user_regs.rsp = dom->l.vstack + XG_PAGE_SIZE;
    ctxt->user_regs.rsi = dom->l.vstartinfo;
    ctxt->user_regs.cs = FLAT_KERNEL_CS;
    ctxt->user_regs.ss = FLAT_KERNEL_SS;
    ctxt->user_regs.rflags = 0x200 | 0x2;       /* IF; bit 1 always reads as 1 */
    ctxt->kernel_ss = FLAT_KERNEL_SS;
    ctxt->kernel_sp = ctxt->user_regs.rsp;
    ctxt->ctrlreg[3] = xen_pfn_to_cr3(dom->p2m[dom->l4_pfn]);
    rc = dom->ops->setvcpucontext(dom->ops_ctx, dom->domid, 0, ctxt);
    free(ctxt);
    if ( rc )
        return xg_fail(dom, rc, "d%u's vCPU 0 context was refused (%d)", dom->domid, rc);
    dom->stage = XG_BOOTED;
    return 0;
}
