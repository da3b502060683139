/*
 * test-call.c - libxencall through the fake privcmd: arguments refused
 * before anything reaches the kernel, the hypercall ioctl's encoding,
 * errors as -1/errno with a message, hypercall buffers from
 * /dev/xen/hypercall with the fallback to anonymous memory, and foreign
 * mappings (mmapbatch_v2, mmap_resource) that leave nothing behind when
 * they fail.
 */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/mman.h>
#include <xencall.h>
#include <xenforeignmemory.h>

#include "../check_run.h"
#include "fake_privcmd.h"

static long answer;

static long hypervisor(const struct xencall_privcmd_hypercall *call)
{
    return answer;
}

START_TEST(open_refuses_bad_arguments)
{
    fake_privcmd_install(hypervisor);
    errno = 0;
    ck_assert_ptr_null(xencall_open((struct xentoollog_logger *)&fake, 0));
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_ptr_nonnull(strstr(xencall_last_error(), "logger"));
    ck_assert_ptr_null(xencall_open(NULL, 0x80));
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_str_eq(xencall_last_error(), "xencall_open: unknown open flags 0x80");
    ck_assert_uint_eq(fake.opens, 0);
}
END_TEST

START_TEST(open_without_privcmd_says_so)
{
    fake_privcmd_install(hypervisor);
    fake.no_privcmd = true;
    ck_assert_ptr_null(xencall_open(NULL, 0));
    ck_assert_int_eq(errno, ENOENT);
    ck_assert_str_eq(xencall_last_error(), "cannot open /dev/xen/privcmd: No such file or "
                     "directory (is this dom0 on Argon?)");
}
END_TEST

START_TEST(hypercall_encoding_and_errors)
{
    xencall_handle *h;

    fake_privcmd_install(hypervisor);
    h = xencall_open(NULL, 0);
    ck_assert_ptr_nonnull(h);
    answer = 0x40011;
    ck_assert_int_eq(xencall2(h, 17, 0, 0), 0x40011);
    answer = -ENOSYS;
    ck_assert_int_eq(xencall5(h, 1234, 1, 2, 3, 4, 5), -1);
    ck_assert_int_eq(errno, ENOSYS);
    ck_assert_str_eq(xencall_last_error(), "hypercall 1234 (arg 0x1): Function not implemented");
    answer = -EPERM;
    ck_assert_int_eq(xencall3(h, 99, 7, 8, 9), -1);
    ck_assert_int_eq(errno, EPERM);
    ck_assert_uint_eq(fake.nr_calls, 3);
    ck_assert_uint_eq(fake.calls[0].op, 17);
    ck_assert_uint_eq(fake.calls[1].op, 1234);
    for ( unsigned int i = 0; i < 5; i++ )
        ck_assert_uint_eq(fake.calls[1].arg[i], i + 1);
    ck_assert_uint_eq(fake.calls[2].arg[2], 9);
    ck_assert_uint_eq(fake.calls[2].arg[3], 0);     /* unused arguments are zero */
    ck_assert_uint_eq(fake.calls[2].arg[4], 0);
    xencall_close(h);
    ck_assert_uint_eq(fake.closes, 2);              /* privcmd and the buffer device */
}
END_TEST

START_TEST(buffers_from_the_device_or_locked_memory)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    xencall_handle *h;
    unsigned char *p, *q;

    fake_privcmd_install(hypervisor);
    h = xencall_open(NULL, 0);
    ck_assert_int_eq(xencall_buffers_from_device(h), 1);
    p = xencall_alloc_buffer_pages(h, 2);
    ck_assert_ptr_nonnull(p);
    ck_assert_uint_eq(fake.device_maps, 1);
    ck_assert_uint_eq((uintptr_t)p % page, 0);
    for ( size_t i = 0; i < 2 * page; i++ )
        ck_assert_uint_eq(p[i], 0);
    /* privcmd-buf out of pages: the same request falls back to anonymous memory */
    fake.bufdev_exhausted = true;
    q = xencall_alloc_buffer(h, 3 * page);
    ck_assert_ptr_nonnull(q);
    ck_assert_uint_eq(fake.maps, 2);
    ck_assert_uint_eq(fake.device_maps, 1);
    ck_assert(fake_in_buffer((uintptr_t)q, 3 * page));
    for ( size_t i = 0; i < 3 * page; i++ )
        ck_assert_uint_eq(q[i], 0);
    xencall_free_buffer(h, q);
    xencall_free_buffer_pages(h, p, 2);
    ck_assert_uint_eq(fake.live_buffers, 0);
    ck_assert_uint_eq(fake.bad_unmaps, 0);
    /* zero pages is refused before any mapping */
    ck_assert_ptr_null(xencall_alloc_buffer_pages(h, 0));
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_uint_eq(fake.maps, 2);
    xencall_close(h);

    /* a kernel without privcmd-buf */
    fake_privcmd_install(hypervisor);
    fake.no_bufdev = true;
    h = xencall_open(NULL, 0);
    ck_assert_ptr_nonnull(h);
    ck_assert_int_eq(xencall_buffers_from_device(h), 0);
    p = xencall_alloc_buffer(h, 10);
    ck_assert_ptr_nonnull(p);
    ck_assert_uint_eq(fake.device_maps, 0);
    xencall_free_buffer(h, p);
    ck_assert_uint_eq(fake.live_buffers, 0);
    xencall_close(h);
    ck_assert_uint_eq(fake.closes, 1);
}
END_TEST

START_TEST(foreign_mappings)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    xen_pfn_t frames[3] = { 0x1234, 0x5678, 0x9abc };
    xenforeignmemory_resource_handle *res;
    xenforeignmemory_handle *h;
    int err[3] = { 7, 7, 7 };
    void *paddr = NULL;
    char *p;

    fake_privcmd_install(hypervisor);
    h = xenforeignmemory_open(NULL, 0);
    ck_assert_ptr_nonnull(h);
    p = xenforeignmemory_map(h, 5, PROT_READ | PROT_WRITE, 3, frames, NULL);
    ck_assert_msg(p, "%s", xencall_last_error());
    ck_assert_uint_eq(fake.last_batch.num, 3);
    ck_assert_uint_eq(fake.last_batch.dom, 5);
    ck_assert_ptr_eq((void *)(uintptr_t)fake.last_batch.addr, p);
    ck_assert_ptr_eq(fake.last_batch.arr, frames);
    for ( unsigned int i = 0; i < 3; i++ )
        ck_assert_uint_eq(*(xen_pfn_t *)(p + i * page), frames[i]);
    ck_assert_int_eq(xenforeignmemory_unmap(h, p, 3), 0);
    ck_assert_uint_eq(fake.live_buffers, 0);

    /* one bad frame: without err the whole mapping fails and is undone */
    frames[1] = FAKE_FOREIGN_LIMIT;
    ck_assert_ptr_null(xenforeignmemory_map(h, 5, PROT_READ, 3, frames, NULL));
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_str_eq(xencall_last_error(),
                     "xenforeignmemory_map: frame 0x100000 of domain 5: Invalid argument");
    ck_assert_uint_eq(fake.live_buffers, 0);
    /* with err, each frame's result */
    p = xenforeignmemory_map(h, 5, PROT_READ, 3, frames, err);
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(err[0], 0);
    ck_assert_int_eq(err[1], -EINVAL);
    ck_assert_int_eq(err[2], 0);
    ck_assert_int_eq(xenforeignmemory_unmap(h, p, 3), 0);
    /* the kernel refusing the request */
    ck_assert_ptr_null(xenforeignmemory_map(h, 0x7ff5, PROT_READ, 1, frames, err));
    ck_assert_int_eq(errno, ESRCH);
    ck_assert_uint_eq(fake.live_buffers, 0);
    ck_assert_uint_eq(fake.foreign_ioctls, 4);

    /* refused before any ioctl */
    ck_assert_ptr_null(xenforeignmemory_map(h, 5, PROT_EXEC, 1, frames, err));
    ck_assert_ptr_null(xenforeignmemory_map(h, 5, PROT_READ, 0, frames, err));
    ck_assert_ptr_null(xenforeignmemory_map(h, 0x10000, PROT_READ, 1, frames, err));
    ck_assert_ptr_null(xenforeignmemory_map(h, 5, PROT_READ, 1, NULL, err));
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_ptr_null(xenforeignmemory_map_resource(h, 5, 1, 0, 0, 1, &paddr, PROT_READ, 1));
    ck_assert_uint_eq(fake.foreign_ioctls, 4);
    ck_assert_uint_eq(fake.privcmd_maps, 4);

    /* resources: type, id, first frame and count reach the ioctl */
    res = xenforeignmemory_map_resource(h, 5, 1, 2, 3, 4, &paddr, PROT_READ | PROT_WRITE, 0);
    ck_assert_msg(res, "%s", xencall_last_error());
    ck_assert_ptr_eq((void *)(uintptr_t)fake.last_resource.addr, paddr);
    ck_assert_uint_eq(fake.last_resource.dom, 5);
    ck_assert_uint_eq(fake.last_resource.type, 1);
    ck_assert_uint_eq(fake.last_resource.id, 2);
    ck_assert_uint_eq(fake.last_resource.idx, 3);
    ck_assert_uint_eq(fake.last_resource.num, 4);
    ck_assert_int_eq(xenforeignmemory_unmap_resource(h, res), 0);
    fake.resource_error = EOPNOTSUPP;
    paddr = NULL;
    ck_assert_ptr_null(xenforeignmemory_map_resource(h, 5, 1, 2, 3, 4, &paddr, PROT_READ, 0));
    ck_assert_int_eq(errno, EOPNOTSUPP);
    ck_assert_ptr_null(paddr);
    ck_assert_uint_eq(fake.live_buffers, 0);
    ck_assert_uint_eq(fake.bad_unmaps, 0);
    xenforeignmemory_close(h);
    ck_assert_uint_eq(fake.closes, 1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("xencall");
    TCase *tc = tcase_create("xencall");

    tcase_add_test(tc, open_refuses_bad_arguments);
    tcase_add_test(tc, open_without_privcmd_says_so);
    tcase_add_test(tc, hypercall_encoding_and_errors);
    tcase_add_test(tc, buffers_from_the_device_or_locked_memory);
    tcase_add_test(tc, foreign_mappings);
    suite_add_tcase(s, tc);
    return check_run(s);
}
