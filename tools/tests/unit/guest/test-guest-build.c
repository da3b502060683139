/*
 * libxenguest builds real PV kernels into a fake domain (fake_domain.h):
 * the test kernels of tools/tests/guest (plain, gzip'd, XZ'd, wrapped in a
 * bzImage), a known kernel with and without INIT_P2M, and Debian's kernel
 * with its initramfs when build/dom0 has them; a gzip'd ramdisk arrives
 * inflated.  Each result is read the way the CPU and the
 * kernel would: page tables from CR3, start_info, the p2m list, segments,
 * the ramdisk, the hypercall page, the rings and their grants, vCPU 0.
 */
#include <check.h>
#include <elf.h>
#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <xen/features.h>
#include <xen/grant_table.h>

#include "fake_domain.h"

#define PAGE            4096UL
#define GUEST_DIR       ARGON_ROOT_DIR "/tools/tests/guest/"
#define DOM0_DIR        ARGON_ROOT_DIR "/build/dom0/"
#define STORE_EVTCHN    1
#define CONSOLE_EVTCHN  2

struct built {
    struct fake_domain f;
    struct xg_dom_layout lay;
};

/* Build kernel into a fresh fake domain of mem_mb, every step checked. */
static void build(struct built *b, const uint8_t *kernel, size_t len, const uint8_t *ramdisk,
                  size_t ramdisk_len, unsigned int mem_mb, const char *cmdline)
{
    struct xg_dom *dom;

    fake_init(&b->f, (uint64_t)mem_mb * 256 + 1024);
    dom = xg_dom_allocate(&fake_ops, &b->f, cmdline, NULL);
    ck_assert_ptr_nonnull(dom);
    ck_assert_int_eq(xg_dom_kernel_mem(dom, kernel, len), 0);
    if ( ramdisk )
        ck_assert_int_eq(xg_dom_ramdisk_mem(dom, ramdisk, ramdisk_len), 0);
    xg_dom_set_store(dom, STORE_EVTCHN, 0);
    xg_dom_set_console(dom, CONSOLE_EVTCHN, 0);
    ck_assert_int_eq(xg_dom_boot_xen_init(dom, FAKE_DOMID), 0);
    ck_assert_msg(xg_dom_parse_image(dom) == 0, "parse: %s", xg_dom_error(dom));
    ck_assert_msg(xg_dom_mem_init(dom, mem_mb) == 0, "mem_init: %s", xg_dom_error(dom));
    ck_assert_msg(xg_dom_boot_mem_init(dom) == 0, "boot_mem: %s", xg_dom_error(dom));
    ck_assert_msg(xg_dom_build_image(dom) == 0, "build: %s", xg_dom_error(dom));
    ck_assert_msg(xg_dom_boot_image(dom) == 0, "boot: %s", xg_dom_error(dom));
    ck_assert_int_eq(xg_dom_get_layout(dom, &b->lay), 0);
    xg_dom_release(dom);
}

static uint64_t pfn_of_va(const struct xg_dom_layout *lay, uint64_t va)
{
    return (va - lay->v_start) / PAGE;
}

/* pfn of an mfn the domain owns, by search (the fake keeps no M2P). */
static uint64_t pfn_of_mfn(const struct fake_domain *f, uint64_t mfn)
{
    for ( uint64_t pfn = 0; pfn < f->nr_pages; pfn++ )
        if ( f->p2m[pfn] == mfn )
            return pfn;
    return ~0ULL;
}

/* Every table frame below an L4 entry: all must be pfns in [lo, hi). */
static unsigned int check_tables_in(const struct fake_domain *f, uint64_t table_mfn, int level,
                                    uint64_t lo, uint64_t hi)
{
    const uint64_t *t = (const uint64_t *)fake_frame(f, table_mfn);
    unsigned int n = 1;
    uint64_t pfn = pfn_of_mfn(f, table_mfn);

    ck_assert_msg(pfn >= lo && pfn < hi, "a level-%d table is pfn %#lx, outside [%#lx, %#lx)",
                  level, pfn, lo, hi);
    if ( level == 1 )
        return n;
    for ( unsigned int i = 0; i < 512; i++ )
        if ( t[i] & 1 )
            n += check_tables_in(f, (t[i] & 0x000ffffffffff000ULL) >> 12, level - 1, lo, hi);
    return n;
}

/* The CPU's view: every page of the region at its pfn, tables read-only. */
static void check_page_tables(const struct built *b)
{
    const struct fake_domain *f = &b->f;
    const struct xg_dom_layout *lay = &b->lay;
    const uint64_t *l4 = (const uint64_t *)fake_frame(f, f->pinned_l4);
    uint64_t pt_pfn = pfn_of_va(lay, lay->vpt);
    unsigned int slots = 0, tables;

    ck_assert_uint_eq(f->pinned_l4, f->p2m[lay->l4_pfn]);
    ck_assert_uint_eq(lay->l4_pfn, pt_pfn);                 /* pt_base is the L4 */
    for ( uint64_t va = lay->v_start; va < lay->v_end; va += PAGE )
    {
        bool writable, is_table = va >= lay->vpt && va < lay->vstack;
        uint64_t mfn = fake_walk(f, f->pinned_l4, va, &writable);

        ck_assert_msg(mfn == f->p2m[pfn_of_va(lay, va)], "va %#lx maps mfn %#lx, not pfn %#lx's",
                      va, mfn, pfn_of_va(lay, va));
        ck_assert_msg(writable == !is_table, "va %#lx is %s", va,
                      writable ? "writable (a page table)" : "read-only");
    }
    /* Nothing else is mapped but the region and an INIT_P2M list. */
    for ( unsigned int i = 0; i < 512; i++ )
        if ( l4[i] & 1 )
        {
            slots++;
            ck_assert(i == ((lay->v_start >> 39) & 511) ||
                      (lay->init_p2m && i == ((lay->init_p2m >> 39) & 511)));
        }
    ck_assert_uint_eq(slots, lay->init_p2m ? 2 : 1);
    tables = check_tables_in(f, (l4[(lay->v_start >> 39) & 511] & 0x000ffffffffff000ULL) >> 12,
                             3, pt_pfn + 1, pt_pfn + lay->nr_pt_frames);
    ck_assert_uint_le(tables + 1, lay->nr_pt_frames);
    if ( lay->init_p2m )
        check_tables_in(f, (l4[(lay->init_p2m >> 39) & 511] & 0x000ffffffffff000ULL) >> 12, 3,
                        lay->p2m_pfn, lay->p2m_pfn + lay->nr_p2m_frames);
}

/* Each PT_LOAD holds the ELF's bytes at its address, then zeroes (the hypercall page aside). */
static void check_segments(const struct built *b, const uint8_t *elf)
{
    const Elf64_Ehdr *eh = (const void *)elf;
    const Elf64_Phdr *phdrs = (const void *)(elf + eh->e_phoff);
    uint64_t pstart = ~0ULL;
    uint8_t *got;

    /* Segments load by physical address (Linux's per-CPU one has virtual address 0). */
    for ( unsigned int i = 0; i < eh->e_phnum; i++ )
        if ( phdrs[i].p_type == PT_LOAD && phdrs[i].p_memsz && phdrs[i].p_paddr < pstart )
            pstart = phdrs[i].p_paddr;
    for ( unsigned int i = 0; i < eh->e_phnum; i++ )
    {
        const Elf64_Phdr *ph = &phdrs[i];
        uint64_t seg_va = b->lay.vkern_start + (ph->p_paddr - pstart);

        if ( ph->p_type != PT_LOAD || !ph->p_memsz )
            continue;
        got = malloc(ph->p_memsz);
        ck_assert(fake_read_virt(&b->f, b->f.pinned_l4, seg_va, got, ph->p_memsz));
        for ( uint64_t off = 0; off < ph->p_memsz; off++ )
        {
            uint64_t va = seg_va + off;
            uint8_t want = off < ph->p_filesz ? elf[ph->p_offset + off] : 0;

            if ( b->lay.hypercall_page && va >= b->lay.hypercall_page &&
                 va < b->lay.hypercall_page + PAGE )
                continue;
            if ( got[off] != want )
                ck_abort_msg("segment %u: byte at %#lx is %#x, not %#x", i, va, got[off], want);
        }
        free(got);
    }
}

static void check_start_info(const struct built *b, size_t ramdisk_len, const char *cmdline)
{
    const struct fake_domain *f = &b->f;
    const struct xg_dom_layout *lay = &b->lay;
    struct start_info si;
    uint64_t *list = malloc(lay->nr_pages * 8);

    ck_assert(fake_read_virt(f, f->pinned_l4, lay->vstartinfo, &si, sizeof(si)));
    ck_assert_str_eq(si.magic, "xen-3.0-x86_64");
    ck_assert_uint_eq(si.nr_pages, lay->nr_pages);
    ck_assert_uint_eq(si.shared_info, f->shared_info_mfn * PAGE);
    ck_assert_uint_eq(si.flags, ramdisk_len ? SIF_MOD_START_PFN : 0);     /* a domU */
    ck_assert_uint_eq(si.pt_base, lay->vpt);
    ck_assert_uint_eq(si.nr_pt_frames, lay->nr_pt_frames);
    ck_assert_uint_eq(si.mod_start, ramdisk_len ? pfn_of_va(lay, lay->v_end) : 0);
    ck_assert_uint_eq(si.mod_len, ramdisk_len);
    ck_assert_str_eq((const char *)si.cmd_line, cmdline);
    ck_assert_uint_eq(si.store_mfn, f->p2m[lay->store_pfn]);
    ck_assert_uint_eq(si.store_evtchn, STORE_EVTCHN);
    ck_assert_uint_eq(si.console.domU.mfn, f->p2m[lay->console_pfn]);
    ck_assert_uint_eq(si.console.domU.evtchn, CONSOLE_EVTCHN);
    /* The rings follow the ramdisk and any INIT_P2M frames, outside the region. */
    ck_assert_uint_eq(lay->store_pfn, pfn_of_va(lay, lay->v_end) +
                      (ramdisk_len + PAGE - 1) / PAGE + lay->nr_p2m_frames);
    ck_assert_uint_eq(lay->console_pfn, lay->store_pfn + 1);

    /* The p2m list, read where the kernel will read it. */
    if ( lay->init_p2m )
    {
        uint64_t nr_list = (lay->nr_pages * 8 + PAGE - 1) / PAGE;
        const uint64_t *last = (const uint64_t *)fake_frame(f, f->p2m[lay->p2m_pfn + nr_list - 1]);

        ck_assert_uint_eq(si.mfn_list, lay->init_p2m);
        ck_assert_uint_eq(si.first_p2m_pfn, lay->p2m_pfn);
        ck_assert_uint_eq(si.nr_p2m_frames, lay->nr_p2m_frames);
        ck_assert_uint_eq(lay->p2m_pfn, pfn_of_va(lay, lay->v_end) + (ramdisk_len + PAGE - 1) / PAGE);
        for ( uint64_t i = lay->nr_pages % 512; i && i < 512; i++ )
            ck_assert_uint_eq(last[i], ~0ULL);
    }
    else
    {
        ck_assert_uint_eq(si.mfn_list, lay->vp2m);
        ck_assert_uint_eq(si.first_p2m_pfn, 0);
        ck_assert_uint_eq(si.nr_p2m_frames, 0);
    }
    ck_assert(fake_read_virt(f, f->pinned_l4, si.mfn_list, list, lay->nr_pages * 8));
    for ( uint64_t pfn = 0; pfn < lay->nr_pages; pfn++ )
        if ( list[pfn] != f->p2m[pfn] )
            ck_abort_msg("p2m[%#lx] is %#lx, not %#lx", pfn, list[pfn], f->p2m[pfn]);
    free(list);
}

static void check_ramdisk_and_rings(const struct built *b, const uint8_t *ramdisk, size_t len)
{
    const struct fake_domain *f = &b->f;
    const struct xg_dom_layout *lay = &b->lay;
    const struct grant_entry_v1 *gnttab = (const void *)fake_frame(f, f->gnttab_mfn);
    static const uint8_t zero[PAGE];

    for ( size_t off = 0; off < len; off += PAGE )
    {
        const uint8_t *page = fake_frame(f, f->p2m[lay->ramdisk_pfn + off / PAGE]);
        size_t n = len - off < PAGE ? len - off : PAGE;

        ck_assert(!memcmp(page, ramdisk + off, n));
        ck_assert(!memcmp(page + n, zero, PAGE - n));
    }
    ck_assert(!memcmp(fake_frame(f, f->p2m[lay->store_pfn]), zero, PAGE));
    ck_assert(!memcmp(fake_frame(f, f->p2m[lay->console_pfn]), zero, PAGE));
    ck_assert_uint_eq(gnttab[GNTTAB_RESERVED_CONSOLE].flags, GTF_permit_access);
    ck_assert_uint_eq(gnttab[GNTTAB_RESERVED_CONSOLE].domid, 0);
    ck_assert_uint_eq(gnttab[GNTTAB_RESERVED_CONSOLE].frame, f->p2m[lay->console_pfn]);
    ck_assert_uint_eq(gnttab[GNTTAB_RESERVED_XENSTORE].flags, GTF_permit_access);
    ck_assert_uint_eq(gnttab[GNTTAB_RESERVED_XENSTORE].frame, f->p2m[lay->store_pfn]);
    /* The boot stack starts clean; frames past what the builder writes are untouched. */
    ck_assert(!memcmp(fake_frame(f, f->p2m[pfn_of_va(lay, lay->vstack)]), zero, PAGE));
    ck_assert_uint_eq(fake_frame(f, f->p2m[lay->console_pfn + 1])[0], 0xa5);
}

static void check_hypercall_page(const struct built *b)
{
    uint8_t page[PAGE];
    static const unsigned int nrs[] = { 0, 1, 17, 29, 38 };

    if ( !b->lay.hypercall_page )
        return;
    ck_assert(fake_read_virt(&b->f, b->f.pinned_l4, b->lay.hypercall_page, page, PAGE));
    for ( unsigned int i = 0; i < sizeof(nrs) / sizeof(nrs[0]); i++ )
    {
        const uint8_t *p = page + nrs[i] * 32;
        uint32_t nr;

        ck_assert(!memcmp(p, "\x51\x41\x53\xb8", 4));             /* push; push; mov $nr, %eax */
        memcpy(&nr, p + 4, 4);
        ck_assert_uint_eq(nr, nrs[i]);
        ck_assert(!memcmp(p + 8, "\x0f\x05\x41\x5b\x59\xc3", 6)); /* syscall; pop; pop; ret */
    }
    ck_assert(!memcmp(page + 23 * 32, "\x51\x41\x53\x50\xb8\x17\x00\x00\x00\x0f\x05", 11));
}

static void check_vcpu(const struct built *b)
{
    const struct vcpu_guest_context *c = &b->f.ctx;

    ck_assert(b->f.have_ctx);
    ck_assert_uint_eq(b->f.live_maps, 0);
    ck_assert_uint_eq(c->user_regs.rip, b->lay.entry);
    ck_assert_uint_eq(c->user_regs.rsp, b->lay.vstack + PAGE);
    ck_assert_uint_eq(c->user_regs.rsi, b->lay.vstartinfo);
    ck_assert_uint_eq(c->user_regs.cs, FLAT_KERNEL_CS);
    ck_assert_uint_eq(c->user_regs.ss, FLAT_KERNEL_SS);
    ck_assert_uint_eq(c->kernel_ss, FLAT_KERNEL_SS);
    ck_assert_uint_eq(c->kernel_sp, b->lay.vstack + PAGE);
    ck_assert_uint_eq(c->flags & (VGCF_in_kernel | VGCF_online), VGCF_in_kernel | VGCF_online);
    ck_assert_uint_eq(c->ctrlreg[3], b->f.pinned_l4 << 12);
    ck_assert(c->user_regs.rflags & 0x200);
}

static void check_all(struct built *b, const uint8_t *elf, const uint8_t *ramdisk,
                      size_t ramdisk_len, const char *cmdline)
{
    const Elf64_Ehdr *eh = (const void *)elf;

    check_page_tables(b);
    check_segments(b, elf);
    check_start_info(b, ramdisk_len, cmdline);
    check_ramdisk_and_rings(b, ramdisk, ramdisk_len);
    check_hypercall_page(b);
    check_vcpu(b);
    if ( !b->lay.init_p2m )
        ck_assert_uint_eq(b->lay.entry, eh->e_entry);
}

static uint8_t ramdisk[10000];

static void fill_ramdisk(void)
{
    for ( size_t i = 0; i < sizeof(ramdisk); i++ )
        ramdisk[i] = (i * 131) >> 3;
}

/* Build a test kernel (maybe compressed) and check it against the plain ELF. */
static void build_test_kernel(const char *file, const char *format)
{
    struct built b;
    size_t elf_len, len;
    uint8_t *elf = load(GUEST_DIR "test-basics", &elf_len), *kernel = load(file, &len);

    fill_ramdisk();
    build(&b, kernel, len, ramdisk, sizeof(ramdisk), 64, "hello argon");
    ck_assert_str_eq(b.lay.format, format);
    check_all(&b, elf, ramdisk, sizeof(ramdisk), "hello argon");
    fake_fini(&b.f);
    free(elf);
    free(kernel);
}

START_TEST(plain_elf)
{
    build_test_kernel(GUEST_DIR "test-basics", "ELF");
}
END_TEST

START_TEST(gzip_elf)
{
    build_test_kernel(GUEST_DIR "test-basics.gz", "gzip");
}
END_TEST

/* zlib's own gzip, in and out (the builder's is checked against it). */
static uint8_t *gzip_of(const uint8_t *in, size_t len, size_t *out_len)
{
    z_stream zs = { 0 };
    size_t cap = len + len / 2 + 1024;
    uint8_t *out = malloc(cap);

    ck_assert_int_eq(deflateInit2(&zs, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY),
                     Z_OK);
    zs.next_in = (Bytef *)in;
    zs.avail_in = len;
    zs.next_out = out;
    zs.avail_out = cap;
    ck_assert_int_eq(deflate(&zs, Z_FINISH), Z_STREAM_END);
    *out_len = zs.total_out;
    deflateEnd(&zs);
    return out;
}

static uint8_t *gunzip_of(const uint8_t *in, size_t len, size_t *out_len)
{
    z_stream zs = { .next_in = (Bytef *)in, .avail_in = len };
    size_t cap = 64 << 20;
    uint8_t *out = malloc(cap);

    ck_assert_int_eq(inflateInit2(&zs, 16 + MAX_WBITS), Z_OK);
    zs.next_out = out;
    zs.avail_out = cap;
    ck_assert_int_eq(inflate(&zs, Z_FINISH), Z_STREAM_END);
    *out_len = zs.total_out;
    inflateEnd(&zs);
    return out;
}

START_TEST(gzip_ramdisk)
{
    struct built b;
    size_t elf_len, gz_len;
    uint8_t *elf = load(GUEST_DIR "test-basics", &elf_len), *gz;

    fill_ramdisk();
    gz = gzip_of(ramdisk, sizeof(ramdisk), &gz_len);
    build(&b, elf, elf_len, gz, gz_len, 32, "");
    ck_assert_uint_eq(b.lay.ramdisk_len, sizeof(ramdisk));
    check_all(&b, elf, ramdisk, sizeof(ramdisk), "");
    fake_fini(&b.f);
    free(gz);
    free(elf);
}
END_TEST

START_TEST(hypercall_page_kernel)
{
    struct built b;
    size_t len;
    uint8_t *elf = load(GUEST_DIR "test-basics-hcpage", &len);

    build(&b, elf, len, NULL, 0, 32, "");
    ck_assert_uint_ne(b.lay.hypercall_page, 0);
    check_all(&b, elf, NULL, 0, "");
    fake_fini(&b.f);
    free(elf);
}
END_TEST

/* The plain test kernel as XZ (liblzma, CRC32 as Linux's build uses). */
static uint8_t *xz_of(const uint8_t *in, size_t len, size_t *out_len)
{
    size_t cap = len + len / 2 + 4096;
    uint8_t *out = malloc(cap);

    *out_len = 0;
    ck_assert_int_eq(lzma_easy_buffer_encode(6, LZMA_CHECK_CRC32, NULL, in, len, out, out_len,
                                             cap), LZMA_OK);
    return out;
}

/* Build kernel without a ramdisk in 32 MiB, check its format and the result against elf. */
static void build_and_check(const uint8_t *kernel, size_t len, const uint8_t *elf,
                            const char *format)
{
    struct built b;

    build(&b, kernel, len, NULL, 0, 32, format);
    ck_assert_str_eq(b.lay.format, format);
    check_all(&b, elf, NULL, 0, format);
    fake_fini(&b.f);
}

START_TEST(xz_and_bzimage)
{
    size_t elf_len, xz_len, gz_len, bz_len;
    uint8_t *elf = load(GUEST_DIR "test-basics", &elf_len);
    uint8_t *gz = load(GUEST_DIR "test-basics.gz", &gz_len);
    uint8_t *xz = xz_of(elf, elf_len, &xz_len), *bz;

    build_and_check(xz, xz_len, elf, "xz");
    bz = make_bzimage(xz, xz_len, &bz_len);
    build_and_check(bz, bz_len, elf, "bzImage+xz");
    free(bz);
    bz = make_bzimage(gz, gz_len, &bz_len);
    build_and_check(bz, bz_len, elf, "bzImage+gzip");
    free(bz);
    free(xz);
    free(gz);
    free(elf);
}
END_TEST

/*
 * The known kernel of xen/test/test-pv-layout.c gets the same figures here
 * as the hypervisor's builder computes there: one layout, one code.
 */
START_TEST(known_kernel_same_layout)
{
    uint8_t elf[8192];
    struct built b;
    struct known_kernel_opts o = { 0 };
    size_t len = make_known_kernel(elf, &o);

    fill_ramdisk();
    build(&b, elf, len, ramdisk, 5000, 64, "known");
    ck_assert_uint_eq(b.lay.vkern_end, KNOWN_KERNEL_BASE + 0x600000);
    ck_assert_uint_eq(b.lay.vstartinfo, KNOWN_KERNEL_BASE + 0x600000);
    ck_assert_uint_eq(b.lay.vp2m, KNOWN_KERNEL_BASE + 0x601000);
    ck_assert_uint_eq(b.lay.vpt, KNOWN_KERNEL_BASE + 0x621000);
    ck_assert_uint_eq(b.lay.nr_pt_frames, 7);
    ck_assert_uint_eq(b.lay.vstack, KNOWN_KERNEL_BASE + 0x628000);
    ck_assert_uint_eq(b.lay.v_end, KNOWN_KERNEL_BASE + 0x800000);
    ck_assert_uint_eq(b.lay.ramdisk_pfn, 0x800);
    ck_assert_uint_eq(b.lay.store_pfn, 0x802);
    check_all(&b, elf, ramdisk, 5000, "known");
    fake_fini(&b.f);
}
END_TEST

START_TEST(known_kernel_init_p2m)
{
    uint8_t elf[8192];
    struct built b;
    struct known_kernel_opts o = { .init_p2m = 0x8000000000ULL };
    size_t len = make_known_kernel(elf, &o);

    fill_ramdisk();
    build(&b, elf, len, ramdisk, 5000, 64, "known");
    ck_assert_uint_eq(b.lay.vpt, KNOWN_KERNEL_BASE + 0x601000);
    ck_assert_uint_eq(b.lay.nr_pt_frames, 7);
    ck_assert_uint_eq(b.lay.vstack, KNOWN_KERNEL_BASE + 0x608000);
    ck_assert_uint_eq(b.lay.p2m_pfn, 0x802);
    ck_assert_uint_eq(b.lay.nr_p2m_frames, 32 + 3);
    ck_assert_uint_eq(b.lay.store_pfn, 0x802 + 35);
    check_all(&b, elf, ramdisk, 5000, "known");
    fake_fini(&b.f);
}
END_TEST

/* Debian's bzImage (XZ payload, INIT_P2M) with its initramfs, checked against the ELF
 * tools/tests/dom0 extracts with Python's own decompressors. */
START_TEST(debian_kernel)
{
    struct built b;
    size_t bz_len, elf_len, gz_len, rd_len;
    uint8_t *bz = read_whole_file(DOM0_DIR "vmlinuz", &bz_len), *elf, *gz, *rd;

    if ( !bz )
    {
        printf("SKIP debian_kernel: build/dom0/vmlinuz is absent (make -C tools/tests/dom0)\n");
        return;
    }
    elf = load(DOM0_DIR "vmlinux", &elf_len);
    gz = load(DOM0_DIR "initramfs.cpio.gz", &gz_len);
    rd = gunzip_of(gz, gz_len, &rd_len);
    build(&b, bz, bz_len, gz, gz_len, 256, "console=hvc0 earlyprintk=xen");
    ck_assert(!strncmp(b.lay.format, "bzImage+", 8));
    ck_assert_uint_ne(b.lay.init_p2m, 0);
    check_all(&b, elf, rd, rd_len, "console=hvc0 earlyprintk=xen");
    printf("debian_kernel: %s, %lu pt frames, region %#lx-%#lx, p2m at %#lx (%lu frames)\n",
           b.lay.format, b.lay.nr_pt_frames, b.lay.v_start, b.lay.v_end, b.lay.init_p2m,
           b.lay.nr_p2m_frames);
    fake_fini(&b.f);
    free(bz);
    free(elf);
    free(gz);
    free(rd);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("guest-build");
    TCase *tc = tcase_create("build");

    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, plain_elf);
    tcase_add_test(tc, gzip_elf);
    tcase_add_test(tc, hypercall_page_kernel);
    tcase_add_test(tc, gzip_ramdisk);
    tcase_add_test(tc, xz_and_bzimage);
    tcase_add_test(tc, known_kernel_same_layout);
    tcase_add_test(tc, known_kernel_init_p2m);
    tcase_add_test(tc, debian_kernel);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
