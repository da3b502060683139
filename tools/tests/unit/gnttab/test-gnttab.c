/*
 * test-gnttab.c - libxengnttab over fake gntdev/gntalloc devices: Linux's
 * ioctl numbers (written out here from include/uapi/xen/gntdev.h and
 * gntalloc.h), the variable-length grant lists, the mmap of the offset the
 * kernel named, nothing left behind when a step fails, and the refusals
 * before any ioctl.
 */
#include <check.h>
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xengnttab.h>

#include "../check_run.h"

/* _IOC(_IOC_NONE, 'G', nr, size) */
#define LINUX_MAP_GRANT_REF     0x00184700UL
#define LINUX_UNMAP_GRANT_REF   0x00104701UL
#define LINUX_GET_OFFSET        0x00184702UL
#define LINUX_SET_MAX_GRANTS    0x00044703UL
#define LINUX_ALLOC_GREF        0x00184705UL
#define LINUX_DEALLOC_GREF      0x00104706UL

#define FAKE_FD 7
#define FAKE_INDEX 0x5000

/* The kernel: one mapping offset at a time, refs recorded, mmap may fail. */
static struct {
    unsigned int ioctls, live_offsets, mmaps, munmaps;
    unsigned long requests[8];
    uint32_t refs[8][2];            /* domid, ref of the last map */
    uint32_t count;
    uint16_t alloc_domid, alloc_flags;
    bool fail_mmap, no_max_grants;
    void *mapped;
    size_t mapped_len;
} k;

static int fake_open(const char *path, int flags)
{
    return FAKE_FD;
}

static int fake_close(int fd)
{
    return 0;
}

static int fake_ioctl(int fd, unsigned long request, void *arg)
{
    char *a = arg;

    if ( k.ioctls < 8 )
        k.requests[k.ioctls] = request;
    k.ioctls++;
    switch ( request )
    {
    case LINUX_MAP_GRANT_REF:      /* count 0, pad 4, index 8, refs 16 */
        memcpy(&k.count, a, 4);
        memcpy(k.refs, a + 16, k.count * 8);
        memcpy(a + 8, &(uint64_t){ FAKE_INDEX }, 8);
        k.live_offsets++;
        return 0;
    case LINUX_UNMAP_GRANT_REF:    /* index 0, count 8 */
    case LINUX_DEALLOC_GREF:
        ck_assert_uint_eq(*(uint64_t *)a, FAKE_INDEX);
        ck_assert_uint_eq(*(uint32_t *)(a + 8), k.count);
        k.live_offsets--;
        return 0;
    case LINUX_GET_OFFSET:         /* vaddr 0, offset 8, count 16 */
        if ( *(uint64_t *)a != (uintptr_t)k.mapped )
            return errno = EINVAL, -1;
        memcpy(a + 8, &(uint64_t){ FAKE_INDEX }, 8);
        memcpy(a + 16, &k.count, 4);
        return 0;
    case LINUX_SET_MAX_GRANTS:
        return k.no_max_grants ? (errno = ENOTTY, -1) : 0;
    case LINUX_ALLOC_GREF:         /* domid 0, flags 2, count 4, index 8, gref_ids 16 */
        memcpy(&k.alloc_domid, a, 2);
        memcpy(&k.alloc_flags, a + 2, 2);
        memcpy(&k.count, a + 4, 4);
        memcpy(a + 8, &(uint64_t){ FAKE_INDEX }, 8);
        for ( uint32_t i = 0; i < k.count; i++ )
            memcpy(a + 16 + 4 * i, &(uint32_t){ 100 + i }, 4);
        k.live_offsets++;
        return 0;
    }
    return errno = ENOTTY, -1;
}

static void *fake_mmap(int fd, size_t len, int prot, off_t offset)
{
    k.mmaps++;
    if ( k.fail_mmap || offset != FAKE_INDEX || len != k.count * (size_t)sysconf(_SC_PAGESIZE) )
        return errno = ENOMEM, MAP_FAILED;
    k.mapped = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    k.mapped_len = len;
    return k.mapped;
}

static int fake_munmap(void *addr, size_t len)
{
    k.munmaps++;
    ck_assert_ptr_eq(addr, k.mapped);
    ck_assert_uint_eq(len, k.mapped_len);
    return munmap(addr, len);
}

static const struct xengnttab_transport fake = {
    .open = fake_open, .close = fake_close, .ioctl = fake_ioctl, .mmap = fake_mmap,
    .munmap = fake_munmap,
};

static void reset(void)
{
    memset(&k, 0, sizeof(k));
    xengnttab_set_transport(&fake);
}

START_TEST(map_and_unmap_grants)
{
    uint32_t domids[3] = { 1, 2, 1 }, refs[3] = { 8, 9, 10 };
    xengnttab_handle *h;
    void *p;

    reset();
    h = xengnttab_open(NULL, 0);
    ck_assert_ptr_nonnull(h);
    ck_assert_int_eq(xengnttab_set_max_grants(h, 32), 0);
    k.no_max_grants = true;         /* newer kernels: nothing to set, not an error */
    ck_assert_int_eq(xengnttab_set_max_grants(h, 32), 0);
    k.ioctls = 0;
    p = xengnttab_map_grant_refs(h, 3, domids, refs, PROT_READ | PROT_WRITE);
    ck_assert_msg(p, "%s", xengnttab_last_error());
    ck_assert_ptr_eq(p, k.mapped);
    ck_assert_uint_eq(k.requests[0], LINUX_MAP_GRANT_REF);
    ck_assert_uint_eq(k.count, 3);
    for ( unsigned int i = 0; i < 3; i++ )
    {
        ck_assert_uint_eq(k.refs[i][0], domids[i]);
        ck_assert_uint_eq(k.refs[i][1], refs[i]);
    }
    ck_assert_int_eq(xengnttab_unmap(h, p, 3), 0);
    ck_assert_uint_eq(k.requests[1], LINUX_GET_OFFSET);
    ck_assert_uint_eq(k.requests[2], LINUX_UNMAP_GRANT_REF);
    ck_assert_uint_eq(k.live_offsets, 0);
    /* mmap failing: the grants are released again */
    k.fail_mmap = true;
    ck_assert_ptr_null(xengnttab_map_domain_grant_refs(h, 2, 4, refs, PROT_READ));
    ck_assert_int_eq(errno, ENOMEM);
    ck_assert_str_eq(xengnttab_last_error(),
                     "xengnttab_map_grant_refs: mapping 2 grants: Cannot allocate memory");
    ck_assert_uint_eq(k.refs[1][0], 4);
    ck_assert_uint_eq(k.live_offsets, 0);
    xengnttab_close(h);
    xengnttab_set_transport(NULL);
}
END_TEST

START_TEST(share_and_unshare_pages)
{
    xengntshr_handle *h;
    uint32_t refs[2];
    void *p;

    reset();
    h = xengntshr_open(NULL, 0);
    p = xengntshr_share_pages(h, 3, 2, refs, 1);
    ck_assert_msg(p, "%s", xengnttab_last_error());
    ck_assert_uint_eq(k.requests[0], LINUX_ALLOC_GREF);
    ck_assert_uint_eq(k.alloc_domid, 3);
    ck_assert_uint_eq(k.alloc_flags, 1);
    ck_assert_uint_eq(refs[0], 100);
    ck_assert_uint_eq(refs[1], 101);
    /* dropped at once: the mapping keeps the pages until unshare */
    ck_assert_uint_eq(k.requests[1], LINUX_DEALLOC_GREF);
    ck_assert_uint_eq(k.live_offsets, 0);
    ck_assert_int_eq(xengntshr_unshare(h, p, 2), 0);
    ck_assert_uint_eq(k.munmaps, 1);
    ck_assert_ptr_nonnull(xengntshr_share_page(h, 3, refs, 0));
    ck_assert_uint_eq(k.alloc_flags, 0);
    xengntshr_close(h);
    xengnttab_set_transport(NULL);
}
END_TEST

START_TEST(bad_arguments_refused_first)
{
    uint32_t domids[1] = { 0x7ff0 }, refs[1] = { 8 };
    xengnttab_handle *h;
    xengntshr_handle *s;

    reset();
    h = xengnttab_open(NULL, 0);
    s = xengntshr_open(NULL, 0);
    ck_assert_ptr_null(xengnttab_map_grant_refs(h, 1, domids, refs, PROT_READ));
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_str_eq(xengnttab_last_error(),
                     "xengnttab_map_grant_refs: domain id 32752 is not a domain");
    ck_assert_ptr_null(xengnttab_map_grant_ref(h, 1, 8, PROT_EXEC));
    ck_assert_ptr_null(xengnttab_map_grant_ref(h, 1, 8, 0));
    ck_assert_ptr_null(xengnttab_map_grant_refs(h, 0, domids, refs, PROT_READ));
    ck_assert_int_eq(xengnttab_unmap(h, NULL, 1), -1);
    ck_assert_ptr_null(xengntshr_share_pages(s, 1, -1, refs, 1));
    ck_assert_ptr_null(xengntshr_share_pages(s, 1, 1, NULL, 1));
    ck_assert_ptr_null(xengntshr_share_pages(s, 0x7ff2, 1, refs, 1));
    ck_assert_int_eq(xengnttab_set_max_grants(h, 0), -1);
    ck_assert_ptr_null(xengnttab_open(NULL, 1));
    ck_assert_uint_eq(k.ioctls, 0);
    xengnttab_close(h);
    xengntshr_close(s);
    xengnttab_set_transport(NULL);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("xengnttab");
    TCase *tc = tcase_create("xengnttab");

    tcase_add_test(tc, map_and_unmap_grants);
    tcase_add_test(tc, share_and_unshare_pages);
    tcase_add_test(tc, bad_arguments_refused_first);
    suite_add_tcase(s, tc);
    return check_run(s);
}
