/*
 * The start-of-day layout of a PV domain and its writers (asm/pv-layout.h):
 * pure code, compiled into the hypervisor and into tools/libs/guest.
 */
#include <asm/config.h>
#include <asm/pv-layout.h>
#include <asm/x86-defs.h>
#include <public/xen.h>
#include <xen/compiler.h>
#include <xen/errno.h>
#include <xen/string.h>

#define MB(x)           ((uint64_t)(x) << 20)
#define L1_PROT         (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_USER)
#define L1_PROT_RO      (_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_USER)
#define UPPER_PROT      (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_USER)

_Static_assert(PAGE_SHIFT == 12, "pv_va_to_pfn assumes 4 KiB pages");

uint64_t pv_tables_needed(uint64_t start, uint64_t end)
{
    uint64_t n = 1;

    for ( unsigned int shift = L4_PAGETABLE_SHIFT; shift > L1_PAGETABLE_SHIFT;
          shift -= PAGETABLE_ORDER )
        n += ((end - 1) >> shift) - (start >> shift) + 1;
    return n;
}

int pv_compute_layout(const struct pv_kernel_info *k, uint64_t nr_pages, struct pv_layout *l)
{
    l->v_start = k->virt_base;
    l->vkern_start = pv_paddr_to_vaddr(k, k->pstart);
    l->vkern_end = ROUNDUP(pv_paddr_to_vaddr(k, k->pend), PAGE_SIZE);
    l->vstartinfo = l->vkern_end;
    l->vp2m = l->vstartinfo + PAGE_SIZE;
    l->vpt = k->init_p2m ? l->vp2m : l->vp2m + pv_p2m_list_frames(nr_pages) * PAGE_SIZE;

    /* The page tables map the region that contains them: grow until they fit. */
    for ( l->nr_pt_frames = 1; ; l->nr_pt_frames++ )
    {
        l->vstack = l->vpt + l->nr_pt_frames * PAGE_SIZE;
        l->v_end = ROUNDUP(l->vstack + PAGE_SIZE, MB(4));
        if ( l->v_end - (l->vstack + PAGE_SIZE) < 512 * 1024 )
            l->v_end += MB(4);
        if ( pv_tables_needed(l->v_start, l->v_end) <= l->nr_pt_frames )
            break;
    }
    if ( (l->v_end - l->v_start) >> PAGE_SHIFT > nr_pages )
        return -ENOMEM;
    return 0;
}

uint64_t pv_p2m_list_frames(uint64_t nr_pages)
{
    return ROUNDUP(nr_pages * 8, PAGE_SIZE) / PAGE_SIZE;
}

uint64_t pv_p2m_table_frames(uint64_t va, uint64_t nr_list_frames)
{
    /* pv_tables_needed() counts an L4 too: the region's serves. */
    return pv_tables_needed(va, va + nr_list_frames * PAGE_SIZE) - 1;
}

int pv_place_after_region(const struct pv_kernel_info *k, const struct pv_layout *l,
                          uint64_t nr_pages, uint64_t initrd_len, uint64_t nr_special,
                          struct pv_after_region *a)
{
    a->initrd_pfn = pv_va_to_pfn(l, l->v_end);
    a->p2m_pfn = a->initrd_pfn + ROUNDUP(initrd_len, PAGE_SIZE) / PAGE_SIZE;
    a->nr_p2m_list = a->nr_p2m_frames = 0;
    if ( a->p2m_pfn > nr_pages )
        return -ENOMEM;
    if ( k->init_p2m )
    {
        if ( k->init_p2m & (PAGE_SIZE - 1) ||
             ((k->init_p2m >> L4_PAGETABLE_SHIFT) & 511) >= 256 )
            return -EINVAL;
        a->nr_p2m_list = pv_p2m_list_frames(nr_pages);
        a->nr_p2m_frames = a->nr_p2m_list + pv_p2m_table_frames(k->init_p2m, a->nr_p2m_list);
        if ( a->p2m_pfn + a->nr_p2m_frames > nr_pages )
            return -EINVAL;
    }
    a->special_pfn = a->p2m_pfn + a->nr_p2m_frames;
    a->end_pfn = a->special_pfn + nr_special;
    if ( a->end_pfn > nr_pages )
        return -ENOMEM;
    return 0;
}

void pv_load_segments(const struct pv_frames *f, const struct pv_kernel_info *k,
                      const struct pv_layout *l, const uint8_t *image)
{
    for ( uint64_t va = l->vkern_start; va < l->vkern_end; va += PAGE_SIZE )
        memset(f->page(f->ctx, pv_va_to_pfn(l, va)), 0, PAGE_SIZE);
    for ( unsigned int i = 0; i < k->nr_segments; i++ )
    {
        const struct elf_segment *s = &k->segments[i];
        uint64_t va = pv_paddr_to_vaddr(k, s->paddr);

        for ( uint64_t off = 0; off < s->filesz; )
        {
            uint64_t pfn = pv_va_to_pfn(l, va + off), in_page = (va + off) & (PAGE_SIZE - 1);
            uint64_t n = MIN(PAGE_SIZE - in_page, s->filesz - off);

            memcpy((uint8_t *)f->page(f->ctx, pfn) + in_page, image + s->offset + off, n);
            off += n;
        }
    }
}

void pv_write_hypercall_page(uint8_t *page)
{
    /* 32-byte stubs: push %rcx; push %r11; mov $nr, %eax; syscall; pop %r11; pop %rcx; ret */
    for ( unsigned int nr = 0; nr < 128; nr++ )
    {
        uint8_t *p = page + nr * 32;

        memset(p, 0xcc, 32);
        memcpy(p, "\x51\x41\x53\xb8", 4);
        memcpy(p + 4, &nr, 4);
        memcpy(p + 8, "\x0f\x05\x41\x5b\x59\xc3", 6);
    }
    /*
     * iret completes the iret_context the guest started (flags already
     * pushed): push %rcx; push %r11; push %rax; mov $23, %eax; syscall.
     * It does not come back.
     */
    memcpy(page + __HYPERVISOR_iret * 32,
           "\x51\x41\x53\x50\xb8\x17\x00\x00\x00\x0f\x05", 11);
}

void pv_write_p2m(const struct pv_frames *f, const struct pv_kernel_info *k,
                  const struct pv_layout *l, const struct pv_after_region *a,
                  uint64_t nr_pages)
{
    uint64_t first = k->init_p2m ? a->p2m_pfn : pv_va_to_pfn(l, l->vp2m);

    for ( uint64_t i = 0; i < pv_p2m_list_frames(nr_pages); i++ )
    {
        uint64_t *list = f->page(f->ctx, first + i);

        /* Entries past nr_pages read as invalid, the way Linux fills the rest. */
        for ( uint64_t j = 0; j < 512; j++ )
            list[j] = i * 512 + j < nr_pages ? f->mfn(f->ctx, i * 512 + j) : ~0ULL;
    }
}

/*
 * Tables are filled in ascending virtual order, so the table below each
 * level is the one last made for that level: the cursor remembers their
 * pfns, and entries never need translating back from machine frames.
 */
struct table_cursor {
    uint64_t pfn[4];            /* [0] the L4, [n] the current table at level 4-n */
    uint64_t next_table;        /* the next free table frame */
};

static void map_page(const struct pv_frames *f, struct table_cursor *c, uint64_t va,
                     uint64_t pfn, uint64_t prot)
{
    unsigned int level = 0;

    for ( unsigned int shift = L4_PAGETABLE_SHIFT; shift > L1_PAGETABLE_SHIFT;
          shift -= PAGETABLE_ORDER, level++ )
    {
        uint64_t *e = (uint64_t *)f->page(f->ctx, c->pfn[level]) + ((va >> shift) & 511);

        if ( !(*e & _PAGE_PRESENT) )
        {
            uint64_t t = c->next_table++;

            memset(f->page(f->ctx, t), 0, PAGE_SIZE);
            *e = (f->mfn(f->ctx, t) << PAGE_SHIFT) | UPPER_PROT;
            c->pfn[level + 1] = t;
        }
    }
    ((uint64_t *)f->page(f->ctx, c->pfn[3]))[(va >> L1_PAGETABLE_SHIFT) & 511] =
        (f->mfn(f->ctx, pfn) << PAGE_SHIFT) | prot;
}

uint64_t pv_write_page_tables(const struct pv_frames *f, const struct pv_kernel_info *k,
                              const struct pv_layout *l, const struct pv_after_region *a)
{
    struct table_cursor c = { .next_table = pv_va_to_pfn(l, l->vpt) };
    uint64_t l4_pfn = c.next_table++;

    c.pfn[0] = l4_pfn;
    memset(f->page(f->ctx, l4_pfn), 0, PAGE_SIZE);
    for ( uint64_t va = l->v_start; va < l->v_end; va += PAGE_SIZE )
    {
        bool is_pt = va >= l->vpt && va < l->vstack;

        map_page(f, &c, va, pv_va_to_pfn(l, va), is_pt ? L1_PROT_RO : L1_PROT);
    }
    if ( k->init_p2m )
    {
        c.next_table = a->p2m_pfn + a->nr_p2m_list;
        for ( uint64_t i = 0; i < a->nr_p2m_list; i++ )
            map_page(f, &c, k->init_p2m + i * PAGE_SIZE, a->p2m_pfn + i, L1_PROT);
    }
    return l4_pfn;
}

/* A C string cut to fit size bytes (strlcpy, which host C libraries may lack). */
static void copy_string(char *dst, const char *src, size_t size)
{
    size_t n = strnlen(src, size - 1);

    memcpy(dst, src, n);
    dst[n] = '\0';
}

void pv_fill_start_info(struct start_info *si, const struct pv_kernel_info *k,
                        const struct pv_layout *l, const struct pv_after_region *a,
                        uint64_t nr_pages, uint64_t initrd_len, const char *cmdline)
{
    memset(si, 0, PAGE_SIZE);
    copy_string(si->magic, "xen-3.0-x86_64", sizeof(si->magic));
    si->nr_pages = nr_pages;
    if ( initrd_len )
    {
        si->flags |= SIF_MOD_START_PFN;
        si->mod_start = a->initrd_pfn;
        si->mod_len = initrd_len;
    }
    si->pt_base = l->vpt;
    si->nr_pt_frames = l->nr_pt_frames;
    si->mfn_list = k->init_p2m ? k->init_p2m : l->vp2m;
    if ( k->init_p2m )
    {
        si->first_p2m_pfn = a->p2m_pfn;
        si->nr_p2m_frames = a->nr_p2m_frames;
    }
    copy_string((char *)si->cmd_line, cmdline, sizeof(si->cmd_line));
}
