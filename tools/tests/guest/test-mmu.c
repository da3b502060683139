/*
 * The PV MMU's rules, accepted and refused: pinning (a frame mapped
 * writable cannot become a table, a pinned table cannot be mapped
 * writable, unpinning gives it back), validation of entries (frames not
 * ours, reserved bits, linear tables, the hypervisor's L4 slots),
 * mmu_update with its done count, preserve-A/D and the M2P, a four-level
 * tree built from scratch, switched to and back, update_va_mapping's
 * flags, clear/copy page, foreign domains, a real LDT, and trapped writes to a
 * validated L1 (mov, xchg, cmpxchg, a locked AND are emulated; a refused
 * entry is the guest's own #PF).
 */
#include <public/xen.h>

#include "guest.h"
#include "mm.h"
#include "traptest.h"

#define NOT_OURS_MFN    0x100UL             /* RAM at 1 MiB: never a domain's */
#define UPPER           (PTE_PRESENT | PTE_RW | PTE_ACCESSED)
#define MARKER          0x5eed5eed5eed5eedUL

enum { L1, L2, L3, L4 };
static uint64_t tables[4][512] __attribute__((aligned(4096)));
static uint64_t data[2][512] __attribute__((aligned(4096)));
DEFINE_WINDOW(window);

static const unsigned long *m2p = (const unsigned long *)0xffff800000000000UL;

static long mmuext(unsigned int cmd, unsigned long mfn)
{
    struct mmuext_op op = { .cmd = cmd, .arg1.mfn = mfn };

    return hypercall4(__HYPERVISOR_mmuext_op, &op, 1, 0, DOMID_SELF);
}

static unsigned long mfn(const void *va)
{
    return virt_to_mfn(va);
}

/* The machine address of entry i of a table (an mmu_update pointer). */
static unsigned long entry_ptr(const void *table, unsigned int i)
{
    return mfn(table) * PAGE_SIZE + i * 8;
}

static long update(unsigned long ptr, unsigned long val)
{
    struct mmu_update u = { .ptr = ptr, .val = val };

    return hypercall4(__HYPERVISOR_mmu_update, &u, 1, 0, DOMID_SELF);
}

static unsigned long pte(const void *page, unsigned long flags)
{
    return mfn(page) * PAGE_SIZE | flags;
}

static volatile uint64_t *entry(unsigned int level, unsigned int i)
{
    return &tables[level][i];
}

static void build_tree(void)
{
    const uint64_t *root = (const uint64_t *)start_info->pt_base;

    data[0][0] = MARKER;
    tables[L1][0] = pte(data[0], PTE_PRESENT | PTE_RW | PTE_ACCESSED);
    tables[L2][0] = pte(tables[L1], UPPER);
    tables[L3][0] = pte(tables[L2], UPPER);
    tables[L4][0] = pte(tables[L3], UPPER);
    tables[L4][511] = root[511];        /* the kernel's own mappings, so we can run on it */
}

static void pin_rules(void)
{
    check_eq(mmuext(MMUEXT_PIN_L1_TABLE, mfn(tables[L1])), -22,
             "pin an L1 that is mapped writable");
    for ( unsigned int l = L1; l <= L4; l++ )
        check_eq(map_frame_at(tables[l], mfn(tables[l]), PTE_PRESENT | PTE_ACCESSED), 0,
                 "map a future table read-only");
    check_eq(mmuext(MMUEXT_PIN_L1_TABLE, mfn(tables[L1])), 0, "pin the L1");
    check_eq(mmuext(MMUEXT_PIN_L1_TABLE, mfn(tables[L1])), -22, "pin it twice");
    check_eq(mmuext(MMUEXT_PIN_L2_TABLE, mfn(tables[L1])), -22, "pin the L1 as an L2");
    check_eq(map_frame_at(window, mfn(tables[L1]), PTE_PRESENT | PTE_RW), -22,
             "map a pinned table writable");
    check_eq(map_frame_at(window, mfn(tables[L1]), PTE_PRESENT), 0, "map it read-only");
    check_eq(restore_window(window), 0, "window back");
    check_eq(mmuext(MMUEXT_UNPIN_TABLE, mfn(tables[L1])), 0, "unpin");
    check_eq(mmuext(MMUEXT_UNPIN_TABLE, mfn(tables[L1])), -22, "unpin twice");
    check_eq(mmuext(MMUEXT_UNPIN_TABLE, mfn(data[0])), -22, "unpin a data page");

    /* An unpinned table is ordinary memory: mmu_update writes it as such. */
    check_eq(update(entry_ptr(tables[L1], 1), NOT_OURS_MFN * PAGE_SIZE | PTE_PRESENT), 0,
             "write an entry into an unvalidated table");
    check_eq(mmuext(MMUEXT_PIN_L1_TABLE, mfn(tables[L1])), -22,
             "pin an L1 mapping a frame that is not ours");
    check_eq(update(entry_ptr(tables[L1], 1), pte(data[1], PTE_PRESENT | 0x100)), 0,
             "write a global entry");
    check_eq(mmuext(MMUEXT_PIN_L1_TABLE, mfn(tables[L1])), -22, "pin an L1 with a global entry");
    check_eq(update(entry_ptr(tables[L1], 1), 0), 0, "clear the entry");
    check_eq(update(entry_ptr(tables[L2], 1), pte(tables[L1], UPPER | 0x80)), 0,
             "write a superpage entry");
    check_eq(mmuext(MMUEXT_PIN_L2_TABLE, mfn(tables[L2])), -22, "pin an L2 with a superpage");
    check_eq(update(entry_ptr(tables[L2], 1), 0), 0, "clear the entry");
}

static void tree_rules(void)
{
    struct mmu_update batch[3];
    unsigned int done = 99;

    check_eq(mmuext(MMUEXT_PIN_L4_TABLE, mfn(tables[L4])), 0, "pin the four-level tree");
    check_eq(map_frame_at(window, mfn(tables[L2]), PTE_PRESENT | PTE_RW), -22,
             "map a validated L2 writable");
    check_eq(mmuext(MMUEXT_PIN_L2_TABLE, mfn(tables[L2])), 0, "pin a validated L2 as well");
    check_eq(mmuext(MMUEXT_UNPIN_TABLE, mfn(tables[L2])), 0, "unpin it again");

    check_eq(update(entry_ptr(tables[L1], 1), pte(data[1], PTE_PRESENT | PTE_RW)), 0,
             "mmu_update of a validated L1");
    check_eq(*entry(L1, 1) & (PTE_PRESENT | PTE_RW | PTE_USER), PTE_PRESENT | PTE_RW | PTE_USER,
             "the entry, with _PAGE_USER added");
    check_eq(update(entry_ptr(tables[L1], 1),
                    pte(data[1], PTE_PRESENT | PTE_RW | PTE_ACCESSED | PTE_DIRTY)), 0,
             "an entry with A and D");
    check_eq(update(entry_ptr(tables[L1], 1) | MMU_PT_UPDATE_PRESERVE_AD,
                    pte(data[1], PTE_PRESENT)), 0, "mmu_update preserving A/D");
    check_eq(*entry(L1, 1) & (PTE_RW | PTE_ACCESSED | PTE_DIRTY), PTE_ACCESSED | PTE_DIRTY,
             "A and D kept, RW gone");
    check_eq(update(entry_ptr(tables[L2], 1) | MMU_PT_UPDATE_PRESERVE_AD, 0), -22,
             "preserve-A/D outside an L1");
    check_eq(update(entry_ptr(tables[L1], 3), NOT_OURS_MFN * PAGE_SIZE | PTE_PRESENT), -22,
             "an entry mapping a frame that is not ours");
    check_eq(update(entry_ptr(tables[L1], 3), pte(tables[L2], PTE_PRESENT | PTE_RW)), -22,
             "a writable mapping of a table");
    check_eq(update(entry_ptr(tables[L2], 1), pte(tables[L4], UPPER)), -22,
             "an L2 entry naming an L4 (a linear table)");
    check_eq(update(entry_ptr(tables[L4], 256), pte(tables[L3], UPPER)), -1,
             "an entry in the hypervisor's L4 slots: -EPERM");

    batch[0] = (struct mmu_update){ entry_ptr(tables[L1], 4), pte(data[0], PTE_PRESENT) };
    batch[1] = (struct mmu_update){ entry_ptr(tables[L1], 5), NOT_OURS_MFN * PAGE_SIZE | 1 };
    batch[2] = (struct mmu_update){ entry_ptr(tables[L1], 6), pte(data[0], PTE_PRESENT) };
    check_eq(hypercall4(__HYPERVISOR_mmu_update, batch, 3, &done, DOMID_SELF), -22,
             "a batch with a refused request");
    check_eq(done, 1, "done counts the requests before it");
    check_eq(*entry(L1, 6), 0, "nothing after it was done");
    check_eq(hypercall4(__HYPERVISOR_mmu_update, batch, 5000, 0, DOMID_SELF), -7,
             "5000 requests: -E2BIG");
    check_eq(hypercall4(__HYPERVISOR_mmu_update, 0x10, 1, 0, DOMID_SELF), -14,
             "requests from a bad pointer");
    check_eq(hypercall4(__HYPERVISOR_mmu_update, batch, 1, 0, 99), -3,
             "a foreign domain that does not exist");
}

static void switch_roots(void)
{
    unsigned long old = mfn((const void *)start_info->pt_base);
    volatile uint64_t *low;

    /* Address 0, hidden from the compiler (which may not dereference a null pointer). */
    __asm__ ( "xor %k0, %k0" : "=r" (low) );
    check_eq(mmuext(MMUEXT_NEW_BASEPTR, mfn(tables[L4])), 0, "run on the new root");
    check_eq(*low, MARKER, "address 0 reaches data[0] through the new tree");
    check_eq(mmuext(MMUEXT_NEW_BASEPTR, old), 0, "back to the builder's root");
    check_eq(mmuext(MMUEXT_NEW_BASEPTR, mfn(data[0])), -22, "a data page as the root");
}

static void machphys(void)
{
    unsigned long pfn = m2p[mfn(data[0])];

    check_eq(update(mfn(data[0]) * PAGE_SIZE | MMU_MACHPHYS_UPDATE, 12345), 0,
             "set an own frame's M2P entry");
    check_eq(m2p[mfn(data[0])], 12345, "the M2P says so");
    check_eq(update(mfn(data[0]) * PAGE_SIZE | MMU_MACHPHYS_UPDATE, pfn), 0, "restore it");
    check_eq(update(NOT_OURS_MFN * PAGE_SIZE | MMU_MACHPHYS_UPDATE, 1), -22,
             "the M2P entry of a frame that is not ours");
}

/* Plain writes to a validated L1 trap and are emulated as validated updates. */
static void trapped_writes(void)
{
    uint64_t want = pte(data[0], PTE_PRESENT | PTE_ACCESSED), old;

    *entry(L1, 7) = want;
    check_eq(*entry(L1, 7), want | PTE_USER, "a store into the L1 was emulated");
    old = __atomic_exchange_n(entry(L1, 7), 0, __ATOMIC_SEQ_CST);
    check_eq(old, want | PTE_USER, "xchg returns the old entry");
    check_eq(*entry(L1, 7), 0, "xchg cleared it");
    old = 0;
    check(__atomic_compare_exchange_n(entry(L1, 7), &old, want, false, __ATOMIC_SEQ_CST,
                                      __ATOMIC_SEQ_CST), "cmpxchg on a matching entry");
    old = 12;
    check(!__atomic_compare_exchange_n(entry(L1, 7), &old, 0, false, __ATOMIC_SEQ_CST,
                                       __ATOMIC_SEQ_CST), "cmpxchg on a different entry fails");
    check_eq(old, want | PTE_USER, "and reports what is there");
    __atomic_fetch_and(entry(L1, 7), ~PTE_ACCESSED, __ATOMIC_SEQ_CST);
    check_eq(*entry(L1, 7) & PTE_ACCESSED, 0, "a locked AND");
    /* A refused entry: the guest sees the page fault of its own write. */
    EXPECT_TRAP(14, 3, 3, "movq %%rax, (%%rdx)", "a" (NOT_OURS_MFN * PAGE_SIZE | 1),
                "d" (entry(L1, 8)));
    check_eq(*entry(L1, 8), 0, "the refused entry was not written");
}

/* A real LDT: its frames are checked like a GDT's and it is live for selector loads. */
static void ldt(void)
{
    static uint64_t ldt_page[512] __attribute__((aligned(4096)));
    struct mmuext_op op = { .cmd = MMUEXT_SET_LDT, .arg1.linear_addr = (unsigned long)ldt_page,
                            .arg2.nr_ents = 3 };
    uint16_t fs;

    ldt_page[1] = 0x00cff2000000ffffUL;          /* flat data, DPL 3 */
    ldt_page[2] = 0x0000820000000000UL;          /* a present LDT descriptor: system, refused */
    check_eq(hypercall4(__HYPERVISOR_mmuext_op, &op, 1, 0, DOMID_SELF), -22,
             "an LDT mapped writable");
    check_eq(map_frame_at(ldt_page, mfn(ldt_page), PTE_PRESENT | PTE_ACCESSED), 0,
             "map the LDT read-only");
    check_eq(hypercall4(__HYPERVISOR_mmuext_op, &op, 1, 0, DOMID_SELF), -22,
             "an LDT holding a system descriptor");
    check_eq(hypercall2(__HYPERVISOR_update_descriptor, mfn(ldt_page) * PAGE_SIZE + 16, 0), 0,
             "clear the bad descriptor");
    op.arg2.nr_ents = 2;
    check_eq(hypercall4(__HYPERVISOR_mmuext_op, &op, 1, 0, DOMID_SELF), 0, "set the LDT");
    __asm__ __volatile__ ( "mov %1, %%fs; mov %%fs, %0" : "=r" (fs) : "r" (0xf) );
    check_eq(fs, 0xf, "an LDT selector loads");
    EXPECT_TRAP(13, 0x14, 2, "mov %%eax, %%fs", "a" (0x17));  /* beyond its 2 entries */
    check_eq(map_frame_at(window, mfn(ldt_page), PTE_PRESENT | PTE_RW), -22,
             "map an LDT in use writable");
    __asm__ __volatile__ ( "mov %0, %%fs" :: "r" (0) );
    op.arg1.linear_addr = 0;
    op.arg2.nr_ents = 0;
    check_eq(hypercall4(__HYPERVISOR_mmuext_op, &op, 1, 0, DOMID_SELF), 0, "no LDT");
    check_eq(restore_window(ldt_page), 0, "its page is ordinary memory again");
    op.arg1.linear_addr = (unsigned long)ldt_page + 8;
    op.arg2.nr_ents = 1;
    check_eq(hypercall4(__HYPERVISOR_mmuext_op, &op, 1, 0, DOMID_SELF), -22,
             "an LDT that is not page-aligned");
}

static void other_ops(void)
{
    uint64_t mask = 1;
    struct mmuext_op op = { .cmd = MMUEXT_COPY_PAGE, .arg1.mfn = mfn(data[1]),
                            .arg2.src_mfn = mfn(data[0]) };

    check_eq(mmuext(MMUEXT_UNPIN_TABLE, mfn(tables[L4])), 0, "unpin the tree");
    check_eq(map_frame_at(window, mfn(tables[L1]), PTE_PRESENT | PTE_RW), 0,
             "after the unpin the old L1 may be mapped writable");
    check_eq(restore_window(window), 0, "window back");

    check_eq(hypercall3(__HYPERVISOR_update_va_mapping, window, pte(window, PTE_PRESENT | PTE_RW),
                        UVMF_FLUSHTYPE_MASK), -22, "update_va_mapping with flush type 3");
    check_eq(hypercall3(__HYPERVISOR_update_va_mapping, window, pte(window, PTE_PRESENT | PTE_RW),
                        (unsigned long)&mask | UVMF_INVLPG), 0, "with a vCPU bitmap");
    check_eq(hypercall3(__HYPERVISOR_update_va_mapping, window, pte(window, PTE_PRESENT | PTE_RW),
                        0x10 | UVMF_INVLPG), -14, "with a bitmap at a bad address");
    check_eq(hypercall3(__HYPERVISOR_update_va_mapping, 0xffff800000001000UL, 0, 0), -22,
             "an address in the hypervisor's range");

    check_eq(hypercall4(__HYPERVISOR_mmuext_op, &op, 1, 0, DOMID_SELF), 0, "copy_page");
    check_eq(data[1][0], MARKER, "the copy arrived");
    check_eq(mmuext(MMUEXT_CLEAR_PAGE, mfn(data[1])), 0, "clear_page");
    check_eq(data[1][0], 0, "cleared");
    check_eq(mmuext(MMUEXT_CLEAR_PAGE, NOT_OURS_MFN), -22, "clear a frame that is not ours");
    check_eq(mmuext(MMUEXT_SET_LDT, 0), 0, "an empty LDT");
    ldt();
    check_eq(mmuext(99, 0), -38, "an unknown mmuext op: -ENOSYS");
}

void test_main(void)
{
    check_eq(install_trap_stubs(), 0, "set_trap_table");
    build_tree();
    pin_rules();
    tree_rules();
    switch_roots();
    machphys();
    trapped_writes();
    other_ops();
    printf("test-mmu: PV MMU rules checked\n");
}
