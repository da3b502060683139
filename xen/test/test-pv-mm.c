/*
 * Page references and PV page-table validation on a fake machine: type
 * changes and conflicts, validation of each level accepting and refusing
 * entries, exact reference counts after tables come and go (also after a
 * refusal halfway through a table), the hypervisor's L4 slots, and the
 * IOMMU order: a frame leaves the IOMMU, flushed, before it is trusted as
 * a table, and returns when it stops being one.
 */
#include <stdlib.h>
#include <string.h>

#include <asm/mm.h>
#include <asm/pv-mm.h>
#include <asm/x86-defs.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/iocaps.h>
#include <xen/iommu.h>
#include <xen/sched.h>

#include "hostenv.h"

#define NR_FRAMES   64
#define P           _PAGE_PRESENT
#define RW          _PAGE_RW

static uint8_t *memory;
static struct page_info frames[NR_FRAMES];
static struct domain dom, other;
uint64_t boot_l4[512];
struct page_info *frame_table;         /* page_alloc.c's, which this test does not link */
uint64_t max_page;

/* The services pt-validate.c and page-ref.c use, played by the test. */
void *page_to_virt(const struct page_info *pg) { return memory + page_to_mfn(pg) * 4096; }
struct page_info *virt_to_page(const void *va)
{
    return mfn_to_page(((const uint8_t *)va - memory) / 4096);
}
bool mem_is_ram(paddr_t start, paddr_t end) { return start < 48 * 4096ULL; }   /* 48-63: MMIO */
bool ioremap_owns_frame(uint64_t mfn) { return mfn == 60; }
/* Domains granted MMIO (XEN_DOMCTL_iomem_permission): frames 52-53, and 60 (the hypervisor's). */
bool iocaps_permitted(const struct domain *d, enum iocap kind, uint64_t first, uint64_t last)
{
    return kind == IOCAP_IOMEM && ((first >= 52 && last <= 53) || (first == 60 && last == 60));
}
int pv_validate_descriptor_frame(struct page_info *pg) { return 0; }

static unsigned int freed;
void page_last_reference_gone(struct page_info *pg) { freed++; }

/* The IOMMU: a log of what happened, in order. */
static char iommu_log[256];
static void log_op(const char *op, uint64_t mfn)
{
    size_t n = strlen(iommu_log);

    snprintf(iommu_log + n, sizeof(iommu_log) - n, "%s%lu ", op, (unsigned long)mfn);
}
int iommu_map(struct domain_iommu *di, uint64_t bfn, uint64_t mfn, unsigned int flags)
{
    log_op("map", mfn);
    return 0;
}
int iommu_unmap(struct domain_iommu *di, uint64_t bfn)
{
    log_op("unmap", bfn);
    return 0;
}
int iommu_flush(struct domain_iommu *di)
{
    log_op("flush", 0);
    return 0;
}

static uint64_t *table(unsigned int mfn)
{
    return (uint64_t *)(memory + mfn * 4096);
}

/* Frames 1-39 are dom's, 40-47 other's, with one allocation reference each. */
static void setup(void)
{
    memory = calloc(NR_FRAMES, 4096);
    frame_table = frames;
    max_page = NR_FRAMES;
    memset(frames, 0, sizeof(frames));
    memset(iommu_log, 0, sizeof(iommu_log));
    freed = 0;
    dom.domain_id = 1;
    other.domain_id = 2;
    dom.is_privileged = other.is_privileged = false;
    dom.iommu_sync = false;
    for ( unsigned int i = 1; i < 48; i++ )
    {
        frames[i].owner = i < 40 ? &dom : &other;
        frames[i].count_info = 1;
        frames[i].flags = PGF_allocated;
    }
    for ( unsigned int i = 256; i <= 271; i++ )
        boot_l4[i] = 0x1000 * i | P;
}

static void teardown(void)
{
    free(memory);
}

START_TEST(types_conflict_and_count)
{
    struct page_info *pg = mfn_to_page(5);

    ck_assert_int_eq(get_page_and_type(pg, &dom, PGT_writable), 0);
    ck_assert_int_eq(get_page_and_type(pg, &dom, PGT_writable), 0);
    ck_assert_uint_eq(page_type_count(pg), 2);
    ck_assert_uint_eq(pg->count_info, 3);
    ck_assert_int_eq(get_page_type(pg, PGT_l1_page_table), -EINVAL);    /* in use as writable */
    put_page_and_type(pg);
    put_page_and_type(pg);
    ck_assert_uint_eq(page_type(pg), PGT_none);
    ck_assert_int_eq(get_page_type(pg, PGT_l1_page_table), 0);          /* free to change now */
    ck_assert_int_eq(get_page_type(pg, PGT_writable), -EINVAL);
    put_page_type(pg);
    ck_assert(!get_page(pg, &other));                                   /* not its owner's */
    ck_assert_uint_eq(pg->count_info, 1);
}
END_TEST

START_TEST(l1_entries)
{
    uint64_t *l1 = table(10);

    l1[0] = 11ULL << 12 | P | RW;           /* ours, writable */
    l1[1] = 12ULL << 12 | P;                /* ours, read-only */
    l1[2] = 50ULL << 12 | P | RW;           /* MMIO: refused to an unprivileged domain */
    ck_assert_int_eq(get_page_and_type(mfn_to_page(10), &dom, PGT_l1_page_table), -EPERM);
    ck_assert_uint_eq(frames[11].count_info, 1);    /* the refusal took nothing */
    ck_assert_uint_eq(page_type_count(&frames[11]), 0);

    dom.is_privileged = true;
    ck_assert_int_eq(get_page_and_type(mfn_to_page(10), &dom, PGT_l1_page_table), 0);
    ck_assert_uint_eq(frames[11].count_info, 2);
    ck_assert_uint_eq(page_type(&frames[11]), PGT_writable);
    ck_assert_uint_eq(frames[12].count_info, 2);
    ck_assert_uint_eq(page_type_count(&frames[12]), 0);     /* read-only: no type */
    ck_assert(l1[0] & _PAGE_USER);                          /* the guest kernel runs in ring 3 */
    put_page_and_type(mfn_to_page(10));
    ck_assert_uint_eq(frames[11].count_info, 1);
    ck_assert_uint_eq(frames[12].count_info, 1);
    ck_assert_uint_eq(page_type_count(&frames[11]), 0);

    l1[2] = 60ULL << 12 | P;                /* the hypervisor's own device */
    ck_assert_int_eq(get_page_and_type(mfn_to_page(10), &dom, PGT_l1_page_table), -EPERM);
    dom.is_privileged = false;              /* ... even when granted */
    ck_assert_int_eq(get_page_and_type(mfn_to_page(10), &dom, PGT_l1_page_table), -EPERM);
    l1[2] = 53ULL << 12 | P | RW;           /* granted MMIO: an unprivileged domain maps it */
    ck_assert_int_eq(get_page_and_type(mfn_to_page(10), &dom, PGT_l1_page_table), 0);
    put_page_and_type(mfn_to_page(10));
    l1[2] = 54ULL << 12 | P | RW;           /* just past the grant */
    ck_assert_int_eq(get_page_and_type(mfn_to_page(10), &dom, PGT_l1_page_table), -EPERM);
    dom.is_privileged = true;
    l1[2] = 41ULL << 12 | P;                /* another domain's frame */
    ck_assert_int_eq(get_page_and_type(mfn_to_page(10), &dom, PGT_l1_page_table), -EINVAL);
    l1[2] = 13ULL << 12 | P | _PAGE_GLOBAL;
    ck_assert_int_eq(get_page_and_type(mfn_to_page(10), &dom, PGT_l1_page_table), -EINVAL);
    ck_assert_uint_eq(frames[11].count_info, 1);            /* every refusal undone */
    ck_assert_uint_eq(frames[12].count_info, 1);
}
END_TEST

START_TEST(four_levels_and_hypervisor_slots)
{
    uint64_t *l4 = table(20), *l3 = table(21), *l2 = table(22), *l1 = table(23);

    l1[5] = 24ULL << 12 | P | RW;
    l2[0] = 23ULL << 12 | P | RW;
    l3[0] = 22ULL << 12 | P | RW;
    l4[0] = 21ULL << 12 | P | RW;
    l4[300] = 21ULL << 12 | P | RW;         /* the same L3 twice: two type references */
    l4[256] = 0xdead000 | P;                /* a guest's idea of the hypervisor slot */
    ck_assert_int_eq(get_page_and_type(mfn_to_page(20), &dom, PGT_l4_page_table), 0);
    ck_assert_uint_eq(l4[256], boot_l4[256]);               /* the hypervisor's own entry */
    ck_assert_uint_eq(page_type(&frames[21]), PGT_l3_page_table);
    ck_assert_uint_eq(page_type_count(&frames[21]), 2);
    ck_assert_uint_eq(page_type(&frames[23]), PGT_l1_page_table);
    ck_assert_uint_eq(page_type(&frames[24]), PGT_writable);

    bool dropped = false;

    ck_assert_int_eq(pv_update_entry(&dom, 20, PGT_l4_page_table, 260, 0, &dom, false,
                                     &dropped), -EPERM);
    ck_assert_int_eq(pv_update_entry(&dom, 23, PGT_l1_page_table, 6, 22ULL << 12 | P | RW,
                                     &dom, false, &dropped), -EINVAL);  /* a table, writable */
    ck_assert_int_eq(pv_update_entry(&dom, 22, PGT_l2_page_table, 1, 20ULL << 12 | P,
                                     &dom, false, &dropped), -EINVAL);  /* linear: an L4 as L1 */
    ck_assert_int_eq(pv_update_entry(&dom, 23, PGT_l1_page_table, 5, 0, &dom, false, &dropped),
                     0);
    ck_assert(dropped);
    ck_assert_uint_eq(page_type_count(&frames[24]), 0);

    put_page_and_type(mfn_to_page(20));
    for ( unsigned int i = 20; i <= 24; i++ )
    {
        ck_assert_uint_eq(frames[i].count_info, 1);
        ck_assert_uint_eq(page_type_count(&frames[i]), 0);
    }
    ck_assert_uint_eq(freed, 0);
}
END_TEST

START_TEST(preserve_accessed_dirty)
{
    uint64_t *l1 = table(30);
    bool dropped = false;

    ck_assert_int_eq(get_page_and_type(mfn_to_page(30), &dom, PGT_l1_page_table), 0);
    ck_assert_int_eq(pv_update_entry(&dom, 30, PGT_l1_page_table, 0,
                                     31ULL << 12 | P | RW | _PAGE_ACCESSED | _PAGE_DIRTY, &dom,
                                     false, &dropped), 0);
    ck_assert_int_eq(pv_update_entry(&dom, 30, PGT_l1_page_table, 0, 31ULL << 12 | P, &dom,
                                     true, &dropped), 0);
    ck_assert_uint_eq(l1[0] & (RW | _PAGE_ACCESSED | _PAGE_DIRTY),
                      _PAGE_ACCESSED | _PAGE_DIRTY);
    ck_assert_int_eq(pv_update_entry(&dom, 30, PGT_l1_page_table, 0, 0, &dom, false, &dropped),
                     0);
    put_page_and_type(mfn_to_page(30));
    ck_assert_uint_eq(frames[31].count_info, 1);
}
END_TEST

START_TEST(iommu_order)
{
    dom.iommu_sync = true;
    ck_assert_int_eq(get_page_and_type(mfn_to_page(33), &dom, PGT_l1_page_table), 0);
    ck_assert_str_eq(iommu_log, "unmap33 flush0 ");     /* out and flushed before trusted */
    put_page_and_type(mfn_to_page(33));
    ck_assert_str_eq(iommu_log, "unmap33 flush0 map33 ");
    table(34)[0] = 41ULL << 12 | P;                     /* refused: the frame comes back */
    ck_assert_int_eq(get_page_and_type(mfn_to_page(34), &dom, PGT_l1_page_table), -EINVAL);
    ck_assert_str_eq(iommu_log, "unmap33 flush0 map33 unmap34 flush0 map34 ");
    ck_assert_int_eq(get_page_and_type(mfn_to_page(35), &dom, PGT_writable), 0);
    ck_assert_str_eq(iommu_log, "unmap33 flush0 map33 unmap34 flush0 map34 ");  /* nothing */
    put_page_and_type(mfn_to_page(35));
}
END_TEST

START_TEST(last_reference_frees)
{
    struct page_info *pg = mfn_to_page(36);

    ck_assert(get_page(pg, &dom));
    pg->flags &= ~PGF_allocated;            /* the owner lets go, as domain_release_page does */
    put_page(pg);                           /* the allocation reference */
    ck_assert_uint_eq(freed, 0);
    ck_assert(!get_page(pg, &dom));         /* released frames take no new references */
    put_page(pg);                           /* the last one */
    ck_assert_uint_eq(freed, 1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("pv-mm");
    TCase *tc = tcase_create("references");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, types_conflict_and_count);
    tcase_add_test(tc, l1_entries);
    tcase_add_test(tc, four_levels_and_hypervisor_slots);
    tcase_add_test(tc, preserve_accessed_dirty);
    tcase_add_test(tc, iommu_order);
    tcase_add_test(tc, last_reference_frees);
    suite_add_tcase(s, tc);
    return hostenv_run_suite(s);
}
