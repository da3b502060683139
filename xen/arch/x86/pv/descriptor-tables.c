/*
 * A PV guest's GDT and LDT: set_gdt, MMUEXT_SET_LDT and update_descriptor.
 *
 * Rules (facts from Xen's PV ABI for 64-bit guests):
 *  - A GDT frame has type PGT_seg_desc_page for as long as a vCPU uses it:
 *    never writable by the guest, changed only through update_descriptor.
 *  - Every present descriptor in such a frame is a code or data segment
 *    (no system descriptors, no conforming code), with its DPL raised to 3
 *    (the guest kernel runs in ring 3) and its accessed bit preset, so the
 *    CPU never writes the read-only mapping of the frame.
 *  - The vCPU's frames are shown below the hypervisor's descriptors in the
 *    CPU's GDT area whenever the vCPU runs (asm/desc.h).
 */
#include <asm/current.h>
#include <asm/desc.h>
#include <asm/mm.h>
#include <xen/string.h>
#include <asm/x86-defs.h>
#include <asm/page.h>
#include <asm/pv-mm.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>

#define DESC_ACCESSED       (1ULL << 40)
#define DESC_CODE_DATA      (1ULL << 44)        /* S: code or data, not system */
#define DESC_DPL_SHIFT      45
#define DESC_DPL_MASK       (3ULL << DESC_DPL_SHIFT)
#define DESC_PRESENT        (1ULL << 47)
#define DESC_CODE           (1ULL << 43)
#define DESC_CONFORMING     (1ULL << 42)
#define MAX_GDT_ENTRIES     (GUEST_GDT_PAGES * 512)

/* The descriptor as it may stand in a guest GDT, or false if it may not. */
static bool fix_descriptor(uint64_t *desc)
{
    uint64_t d = *desc;

    if ( !(d & DESC_PRESENT) )
        return true;                    /* the CPU refuses to load it anyway */
    if ( !(d & DESC_CODE_DATA) )
        return false;                   /* gates, LDTs, TSSs are the hypervisor's */
    if ( (d & DESC_CODE) && (d & DESC_CONFORMING) )
        return false;                   /* would run at the caller's privilege */
    *desc = (d & ~DESC_DPL_MASK) | (3ULL << DESC_DPL_SHIFT) | DESC_ACCESSED;
    return true;
}

int pv_validate_descriptor_frame(struct page_info *pg)
{
    uint64_t *descs = page_to_virt(pg);

    for ( unsigned int i = 0; i < 512; i++ )
    {
        uint64_t d = descs[i];

        if ( !fix_descriptor(&d) )
            return -EINVAL;
        if ( d != descs[i] )
            descs[i] = d;
    }
    return 0;
}

static void put_gdt_frames(const uint64_t *mfns, unsigned int nr)
{
    for ( unsigned int i = 0; i < nr; i++ )
        put_page_and_type(mfn_to_page(mfns[i]));
}

void pv_load_gdt(const struct vcpu *v)
{
    gdt_area_load_guest(v->pv.gdt_mfns, v->pv.gdt_frames);
    ldt_load_guest(v->pv.ldt_mfns, v->pv.ldt_frames, v->pv.ldt_ents);
}

void pv_release_gdt(struct vcpu *v)
{
    put_gdt_frames(v->pv.gdt_mfns, v->pv.gdt_frames);
    v->pv.gdt_frames = 0;
    v->pv.gdt_ents = 0;
    put_gdt_frames(v->pv.ldt_mfns, v->pv.ldt_frames);
    v->pv.ldt_frames = 0;
    v->pv.ldt_ents = 0;
}

/*
 * MMUEXT_SET_LDT: 'ents' descriptors at the page-aligned guest address
 * 'va' (none: no LDT).  The frames that hold them, as the running tables
 * map them, become descriptor frames like a GDT's.  Under d's mm_lock.
 */
int pv_set_ldt(struct vcpu *v, uint64_t va, unsigned int ents)
{
    struct domain *d = v->domain;
    unsigned int nr = (ents * 8 + PAGE_SIZE - 1) / PAGE_SIZE, got;
    uint64_t mfns[LDT_AREA_PAGES];

    if ( ents > LDT_AREA_PAGES * 512 || (va & (PAGE_SIZE - 1)) ||
         (ents && !guest_range_ok(va, ents * 8)) )
        return -EINVAL;
    for ( got = 0; got < nr; got++ )
    {
        uint64_t maddr = pv_l1e_maddr_of(va + got * PAGE_SIZE), pte;

        pte = maddr ? *(const uint64_t *)maddr_to_virt(maddr) : 0;
        mfns[got] = pte_mfn(pte);
        if ( !(pte & _PAGE_PRESENT) || !mfn_valid(mfns[got]) || !mfn_is_ram(mfns[got]) ||
             get_page_and_type(mfn_to_page(mfns[got]), d, PGT_seg_desc_page) )
            break;
    }
    if ( got < nr )
    {
        put_gdt_frames(mfns, got);
        return -EINVAL;                 /* unmapped, not ours, writable, or a bad descriptor */
    }
    put_gdt_frames(v->pv.ldt_mfns, v->pv.ldt_frames);
    memcpy(v->pv.ldt_mfns, mfns, nr * sizeof(mfns[0]));
    v->pv.ldt_frames = nr;
    v->pv.ldt_ents = ents;
    ldt_load_guest(v->pv.ldt_mfns, nr, ents);
    return 0;
}

long do_set_gdt(uint64_t frame_list, uint64_t entries, uint64_t a3, uint64_t a4,
                uint64_t a5, uint64_t a6)
{
    struct vcpu *v = current_vcpu();
    struct domain *d = v->domain;
    uint64_t mfns[GUEST_GDT_PAGES], old[GUEST_GDT_PAGES];
    unsigned int nr = (entries + 511) / 512, old_nr, got;

    if ( entries > MAX_GDT_ENTRIES )
        return -EINVAL;
    if ( nr && copy_from_guest(mfns, frame_list, nr * sizeof(mfns[0])) )
        return -EFAULT;

    spin_lock(&d->mm_lock);
    for ( got = 0; got < nr; got++ )
    {
        struct page_info *pg = mfn_valid(mfns[got]) && mfn_is_ram(mfns[got])
                               ? mfn_to_page(mfns[got]) : NULL;

        if ( pg == NULL || get_page_and_type(pg, d, PGT_seg_desc_page) )
            break;
    }
    if ( got < nr )
    {
        put_gdt_frames(mfns, got);
        spin_unlock(&d->mm_lock);
        return -EINVAL;                 /* not ours, mapped writable, or a bad descriptor */
    }
    old_nr = v->pv.gdt_frames;
    for ( unsigned int i = 0; i < old_nr; i++ )
        old[i] = v->pv.gdt_mfns[i];
    for ( unsigned int i = 0; i < nr; i++ )
        v->pv.gdt_mfns[i] = mfns[i];
    v->pv.gdt_frames = nr;
    v->pv.gdt_ents = entries;
    pv_load_gdt(v);
    put_gdt_frames(old, old_nr);
    spin_unlock(&d->mm_lock);
    return 0;
}

long do_update_descriptor(uint64_t maddr, uint64_t desc, uint64_t a3, uint64_t a4,
                          uint64_t a5, uint64_t a6)
{
    struct domain *d = current_vcpu()->domain;
    uint64_t mfn = maddr >> PAGE_SHIFT;
    struct page_info *pg;
    unsigned int type;
    long rc = 0;

    if ( (maddr & 7) || !mfn_valid(mfn) || !mfn_is_ram(mfn) || !fix_descriptor(&desc) )
        return -EINVAL;
    pg = mfn_to_page(mfn);
    if ( !get_page(pg, d) )
        return -EINVAL;
    spin_lock(&d->mm_lock);
    /* A descriptor frame in use keeps its type; any other frame must be writable by the guest. */
    type = page_type(pg) == PGT_seg_desc_page ? PGT_seg_desc_page : PGT_writable;
    if ( get_page_type(pg, type) )
        rc = -EINVAL;
    else
    {
        __atomic_store_n(&((uint64_t *)page_to_virt(pg))[(maddr & (PAGE_SIZE - 1)) / 8], desc,
                         __ATOMIC_RELEASE);
        put_page_type(pg);
    }
    spin_unlock(&d->mm_lock);
    put_page(pg);
    return rc;
}
