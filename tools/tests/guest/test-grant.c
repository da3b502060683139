/*
 * Grant-table rules, in one domain granting to itself: versions and
 * sizes; map and unmap with every flag combination (host mapping by
 * virtual address and by PTE address, device, read-only), the
 * GTF_reading/GTF_writing protocol, bad references, domains, handles and
 * addresses; frames that may not be mapped writable; copy with its
 * argument checks; hundreds of mappings through the maptrack.
 */
#include <public/grant_table.h>

#include "grant.h"
#include "guest.h"
#include "mm.h"

#define REF_RW      1
#define REF_RO      2
#define REF_UNUSED  3
#define REF_PT      4
#define MANY        300

DEFINE_WINDOW(offered);
DEFINE_WINDOW(offered_ro);
DEFINE_WINDOW(win);
DEFINE_WINDOW(win2);
DEFINE_WINDOW(copy_page);

static long gnttab(unsigned int cmd, void *op, unsigned long count)
{
    return hypercall3(__HYPERVISOR_grant_table_op, cmd, op, count);
}

static uint16_t flags_of(const struct grant_entry_v1 *t, grant_ref_t ref)
{
    return __atomic_load_n(&t[ref].flags, __ATOMIC_ACQUIRE);
}

static void versions_and_sizes(void)
{
    struct gnttab_get_version gv = { .dom = DOMID_SELF };
    struct gnttab_set_version sv = { .version = 1 };
    struct gnttab_query_size qs = { .dom = DOMID_SELF };
    uint64_t frames[2];
    struct gnttab_setup_table st = { .dom = DOMID_SELF, .nr_frames = 33,
                                     .frame_list = (unsigned long)frames };

    check_eq(gnttab(GNTTABOP_get_version, &gv, 1), 0, "get_version");
    check_eq(gv.version, 1, "version 1");
    check_eq(gnttab(GNTTABOP_set_version, &sv, 1), 0, "set_version 1");
    sv.version = 2;
    check_eq(gnttab(GNTTABOP_set_version, &sv, 1), -22, "set_version 2: -EINVAL");
    check_eq(sv.version, 1, "the version stays 1");
    check_eq(gnttab(GNTTABOP_query_size, &qs, 1), 0, "query_size");
    check_eq(qs.status, GNTST_okay, "query_size status");
    check_eq(qs.max_nr_frames, 32, "at most 32 frames");
    check_eq(gnttab(GNTTABOP_setup_table, &st, 1), 0, "setup_table of 33 frames");
    check_eq(st.status, GNTST_general_error, "33 frames: refused");
    st.nr_frames = 1;
    st.dom = 77;
    check_eq(gnttab(GNTTABOP_setup_table, &st, 1), 0, "setup_table of domain 77");
    check_eq(st.status, GNTST_bad_domain, "no domain 77");
    st.dom = DOMID_SELF;
    st.frame_list = 0x10;
    check_eq(gnttab(GNTTABOP_setup_table, &st, 1), -14, "setup_table to a bad list: -EFAULT");
    check_eq(gnttab(GNTTABOP_query_size, (void *)0x10, 1), -14, "query_size bad pointer");
    check_eq(gnttab(GNTTABOP_get_version, &gv, 2), -22, "get_version with count 2");
    check_eq(gnttab(99, &gv, 1), -38, "unknown grant op: -ENOSYS");
    check_eq(gnttab(GNTTABOP_map_grant_ref, &gv, 5000), -7, "5000 operations: -E2BIG");
    check_eq(gnttab(GNTTABOP_map_grant_ref, (void *)0x10, 1), -14, "map from a bad pointer");
}

static void map_refusals(void)
{
    grant_handle_t h;

    check_eq(grant_map(DOMID_SELF, REF_RW, 0, win, &h, NULL), GNTST_bad_gntref,
             "flags that map nothing");
    check_eq(grant_map(DOMID_SELF, REF_RW, GNTMAP_contains_pte | GNTMAP_device_map, win, &h,
                       NULL), GNTST_general_error, "contains_pte without host_map");
    check_eq(grant_map(DOMID_SELF, 100000, GNTMAP_host_map, win, &h, NULL), GNTST_bad_gntref,
             "a reference beyond the table");
    check_eq(grant_map(DOMID_SELF, REF_UNUSED, GNTMAP_host_map, win, &h, NULL),
             GNTST_permission_denied, "a reference never offered");
    check_eq(grant_map(77, REF_RW, GNTMAP_host_map, win, &h, NULL), GNTST_bad_domain,
             "a domain that does not exist");
    check_eq(grant_map(DOMID_SELF, REF_RO, GNTMAP_host_map, win, &h, NULL),
             GNTST_permission_denied, "a read-only grant mapped writable");
    check_eq(grant_map(DOMID_SELF, REF_PT, GNTMAP_host_map, win, &h, NULL), GNTST_bad_page,
             "a page-table frame mapped writable");
    check_eq(grant_map(DOMID_SELF, REF_RW, GNTMAP_host_map, win + 8, &h, NULL),
             GNTST_general_error, "a host address inside a page");
    check_eq(grant_map(DOMID_SELF, REF_RW, GNTMAP_host_map, (void *)0xffff800000000000UL, &h,
                       NULL), GNTST_general_error, "a host address in the hypervisor");
    check_eq(grant_map(DOMID_SELF, REF_RW, GNTMAP_host_map | GNTMAP_contains_pte,
                       (void *)(pte_maddr_of(win) + 4), &h, NULL), GNTST_general_error,
             "a misaligned PTE address");
    check_eq(grant_map(DOMID_SELF, REF_RW, GNTMAP_host_map | GNTMAP_contains_pte,
                       (void *)(virt_to_mfn(offered) * PAGE_SIZE), &h, NULL),
             GNTST_general_error, "a PTE address that is not in a page table");
}

static void host_mappings(struct grant_entry_v1 *t)
{
    grant_handle_t h, h2;
    uint64_t bus;

    /* By virtual address, writable, with a device address too. */
    offered[7] = 0x77;
    check_eq(grant_map(DOMID_SELF, REF_RW, GNTMAP_host_map | GNTMAP_device_map, win, &h, &bus),
             GNTST_okay, "map writable at a virtual address");
    check_eq(bus, virt_to_mfn(offered) * PAGE_SIZE, "device address = machine address");
    check_eq(flags_of(t, REF_RW) & (GTF_reading | GTF_writing), GTF_reading | GTF_writing,
             "the entry shows the mapping (reading and writing)");
    check_eq(win[7], 0x77, "the granted page seen through the mapping");
    win[8] = 0x88;
    __asm__ __volatile__ ( "" ::: "memory" );   /* two names for one page: keep the order */
    check_eq(offered[8], 0x88, "a write through the mapping reaches the page");
    check_eq(grant_unmap(h, win2), GNTST_bad_virt_addr, "unmap at another address");
    check_eq(grant_unmap(h + 1000, win), GNTST_bad_handle, "unmap a handle never given");
    {
        struct gnttab_unmap_grant_ref u = { .host_addr = (unsigned long)win,
                                            .dev_bus_addr = bus + PAGE_SIZE, .handle = h };

        check_eq(gnttab(GNTTABOP_unmap_grant_ref, &u, 1), 0, "unmap hypercall");
        check_eq(u.status, GNTST_bad_dev_addr, "unmap with the wrong device address");
    }
    check_eq(grant_unmap(h, win), GNTST_okay, "unmap");
    check_eq(grant_unmap(h, win), GNTST_bad_handle, "a second unmap of the same handle");
    check_eq(flags_of(t, REF_RW) & (GTF_reading | GTF_writing), 0,
             "the entry is idle again");
    check_eq(restore_window(win), 0, "the window gets its own page back");

    /* By PTE address, read-only; twice, so the entry stays in use after one unmap. */
    check_eq(grant_map(DOMID_SELF, REF_RO, GNTMAP_host_map | GNTMAP_readonly | GNTMAP_contains_pte,
                       (void *)pte_maddr_of(win), &h, NULL), GNTST_okay,
             "map read-only by PTE address");
    check_eq(win[0], 0x3c, "the read-only page seen through the mapping");
    check_eq(grant_map(DOMID_SELF, REF_RO, GNTMAP_device_map | GNTMAP_readonly, NULL, &h2, NULL),
             GNTST_okay, "map the same grant for the device");
    check_eq(flags_of(t, REF_RO) & (GTF_reading | GTF_writing), GTF_reading,
             "a read-only grant in use: reading only");
    check_eq(grant_unmap(h, (void *)pte_maddr_of(win)), GNTST_okay, "unmap by PTE address");
    check_eq(flags_of(t, REF_RO) & GTF_reading, GTF_reading, "still read by the device mapping");
    check_eq(grant_unmap(h2, NULL), GNTST_okay, "unmap the device mapping");
    check_eq(flags_of(t, REF_RO) & GTF_reading, 0, "idle again");
    check_eq(restore_window(win), 0, "the window gets its own page back");

    /* A page-table frame may be granted read-only. */
    check_eq(grant_map(DOMID_SELF, REF_PT, GNTMAP_device_map | GNTMAP_readonly, NULL, &h, NULL),
             GNTST_okay, "a page-table frame mapped read-only");
    check_eq(grant_unmap(h, NULL), GNTST_okay, "unmap it");
}

static void copies(struct grant_entry_v1 *t)
{
    struct gnttab_copy c = {
        .source = { .u.ref = REF_RW, .domid = DOMID_SELF, .offset = 16 },
        .dest = { .u.gmfn = virt_to_mfn(copy_page), .domid = DOMID_SELF, .offset = 32 },
        .len = 8, .flags = GNTCOPY_source_gref,
    };

    for ( unsigned int i = 0; i < 8; i++ )
        offered[16 + i] = 0xa0 + i;
    check_eq(gnttab(GNTTABOP_copy, &c, 1), 0, "copy");
    check_eq(c.status, GNTST_okay, "copy from a grant into an own frame");
    check(copy_page[32] == 0xa0 && copy_page[39] == 0xa7, "the bytes arrived");
    c.len = 0;
    check_eq(gnttab(GNTTABOP_copy, &c, 1), 0, "copy");
    check_eq(c.status, GNTST_bad_copy_arg, "copy of nothing");
    c.len = 8;
    c.dest.offset = 4092;
    check_eq(gnttab(GNTTABOP_copy, &c, 1), 0, "copy");
    check_eq(c.status, GNTST_bad_copy_arg, "a copy across the end of the page");
    c.dest.offset = 0;
    c.flags |= 0x80;
    check_eq(gnttab(GNTTABOP_copy, &c, 1), 0, "copy");
    check_eq(c.status, GNTST_bad_copy_arg, "unknown copy flags");
    c.flags = GNTCOPY_source_gref | GNTCOPY_dest_gref;
    c.dest.u.ref = REF_RO;
    check_eq(gnttab(GNTTABOP_copy, &c, 1), 0, "copy");
    check_eq(c.status, GNTST_permission_denied, "a copy into a read-only grant");
    c.flags = GNTCOPY_source_gref;
    c.dest.u.gmfn = 0x7ffffff;
    check_eq(gnttab(GNTTABOP_copy, &c, 1), 0, "copy");
    check_eq(c.status, GNTST_bad_page, "a copy into a frame that is not ours");
    check_eq(flags_of(t, REF_RW) & (GTF_reading | GTF_writing), 0, "copies leave no use behind");
}

static void many_mappings(void)
{
    static grant_handle_t handles[MANY];
    unsigned int ok = 0;

    for ( unsigned int i = 0; i < MANY; i++ )
        ok += grant_map(DOMID_SELF, REF_RW, GNTMAP_device_map, NULL, &handles[i], NULL) ==
              GNTST_okay;
    check_eq(ok, MANY, "300 mappings of one grant");
    for ( unsigned int i = 1; i < MANY; i++ )
        check(handles[i] != handles[0], "distinct handles");
    ok = 0;
    for ( unsigned int i = 0; i < MANY; i++ )
        ok += grant_unmap(handles[i], NULL) == GNTST_okay;
    check_eq(ok, MANY, "300 unmaps");
}

void test_main(void)
{
    struct grant_entry_v1 *t;

    versions_and_sizes();
    t = grant_table_setup();
    check(t != NULL, "grant table set up");
    if ( t == NULL )
        return;
    for ( unsigned int i = 0; i < PAGE_SIZE; i++ )
        offered_ro[i] = 0x3c;
    grant_offer(t, REF_RW, 0, virt_to_mfn(offered), false);
    grant_offer(t, REF_RO, 0, virt_to_mfn(offered_ro), true);
    grant_offer(t, REF_PT, 0, virt_to_mfn((const void *)start_info->pt_base), false);
    map_refusals();
    host_mappings(t);
    copies(t);
    many_mappings();
    printf("test-grant: grant rules checked\n");
}
