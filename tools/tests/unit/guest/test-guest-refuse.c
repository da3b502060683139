/*
 * libxenguest refuses what it cannot build, with a one-line reason, before
 * the hypervisor is asked for anything: not an ELF, no Xen notes, a 32-bit
 * kernel, too little memory, truncated or corrupt gzip and XZ (kernel or
 * gzip'd ramdisk), a bzImage
 * whose payload is bad, a ramdisk too big, features, steps out of order,
 * and a hypervisor that refuses.
 */
#include <check.h>
#include <errno.h>
#include <lzma.h>
#include <stdlib.h>
#include <string.h>

#include "fake_domain.h"

#define GUEST_DIR       ARGON_ROOT_DIR "/tools/tests/guest/"

static struct fake_domain f;
static struct xg_dom *dom;

static void setup(void)
{
    fake_init(&f, 64 * 256 + 1024);
    dom = xg_dom_allocate(&fake_ops, &f, "", NULL);
    ck_assert_ptr_nonnull(dom);
    ck_assert_int_eq(xg_dom_boot_xen_init(dom, FAKE_DOMID), 0);
}

static void teardown(void)
{
    xg_dom_release(dom);
    fake_fini(&f);
}

/* parse_image of kernel fails with rc and an error containing why. */
static void parse_refused(const void *kernel, size_t len, int rc, const char *why)
{
    ck_assert_int_eq(xg_dom_kernel_mem(dom, kernel, len), 0);
    ck_assert_int_eq(xg_dom_parse_image(dom), rc);
    ck_assert_msg(strstr(xg_dom_error(dom), why), "error '%s' does not say '%s'",
                  xg_dom_error(dom), why);
    ck_assert_ptr_null(f.p2m);                      /* nothing was populated */
}

START_TEST(not_an_elf)
{
    static const char text[] = "#!/bin/sh\necho this is not a kernel\n";

    parse_refused(text, sizeof(text), -ENOEXEC, "not an ELF image");
}
END_TEST

START_TEST(no_xen_notes)
{
    uint8_t elf[8192];
    struct known_kernel_opts o = { .no_notes = true };
    size_t len = make_known_kernel(elf, &o);

    parse_refused(elf, len, -ENOEXEC, "no Xen ELF notes");
}
END_TEST

START_TEST(kernel_32bit)
{
    size_t len;
    uint8_t *elf = load(GUEST_DIR "test-basics", &len);

    elf[4] = 1;                                     /* EI_CLASS: ELFCLASS32 */
    parse_refused(elf, len, -ENOEXEC, "not a 64-bit x86 ELF executable");
    free(elf);
}
END_TEST

START_TEST(gzip_truncated_and_corrupt)
{
    size_t len;
    uint8_t *gz = load(GUEST_DIR "test-basics.gz", &len);

    parse_refused(gz, len / 2, -EINVAL, "truncated gzip data");
    parse_refused(gz, len - 2, -EINVAL, "truncated gzip data");     /* the size trailer cut */
    gz[len / 2] ^= 0x55;
    parse_refused(gz, len, -EINVAL, "corrupt gzip data in the kernel");
    free(gz);
}
END_TEST

START_TEST(corrupt_gzip_ramdisk)
{
    size_t len, gz_len;
    uint8_t *elf = load(GUEST_DIR "test-basics", &len), *gz = load(GUEST_DIR "test-basics.gz",
                                                                  &gz_len);

    gz[gz_len / 2] ^= 0x55;
    ck_assert_int_eq(xg_dom_ramdisk_mem(dom, gz, gz_len), 0);
    parse_refused(elf, len, -EINVAL, "corrupt gzip data in the ramdisk");
    free(elf);
    free(gz);
}
END_TEST

START_TEST(xz_truncated_and_corrupt)
{
    size_t len, xz_len = 0;
    uint8_t *elf = load(GUEST_DIR "test-basics", &len), *xz = malloc(len + 4096);

    ck_assert_int_eq(lzma_easy_buffer_encode(6, LZMA_CHECK_CRC32, NULL, elf, len, xz, &xz_len,
                                             len + 4096), LZMA_OK);
    parse_refused(xz, xz_len / 2, -EINVAL, "truncated xz data");
    xz[xz_len / 2] ^= 0x55;
    parse_refused(xz, xz_len, -EINVAL, "corrupt xz data");
    free(elf);
    free(xz);
}
END_TEST

START_TEST(bad_bzimage)
{
    static const uint8_t not_compressed[256] = { 0x7f, 'E', 'L', 'F' };
    size_t len;
    uint8_t *img = make_bzimage(not_compressed, sizeof(not_compressed), &len);
    uint32_t too_long = len;

    parse_refused(img, len, -ENOEXEC, "neither gzip nor xz");
    memcpy(img + 0x24c, &too_long, 4);              /* payload_length */
    parse_refused(img, len, -ENOEXEC, "payload lies outside the file");
    img[0x207] = 0x01;                              /* boot protocol 1.15 */
    parse_refused(img, len, -ENOEXEC, "2.08 or later needed");
    free(img);
}
END_TEST

START_TEST(too_little_memory)
{
    size_t len;
    uint8_t *elf = load(GUEST_DIR "test-basics", &len);

    ck_assert_int_eq(xg_dom_kernel_mem(dom, elf, len), 0);
    ck_assert_int_eq(xg_dom_parse_image(dom), 0);
    ck_assert_int_eq(xg_dom_mem_init(dom, 2), -ENOMEM);
    ck_assert_msg(strstr(xg_dom_error(dom), "2 MiB cannot hold the kernel's initial mappings"),
                  "%s", xg_dom_error(dom));
    ck_assert_int_eq(xg_dom_boot_mem_init(dom), -EINVAL);       /* no layout, no memory */
    ck_assert_str_eq(xg_dom_error(dom), "boot_mem_init called out of order");
    ck_assert_ptr_null(f.p2m);
    free(elf);
}
END_TEST

START_TEST(ramdisk_too_big)
{
    size_t len, rd_len = 61 << 20;
    uint8_t *elf = load(GUEST_DIR "test-basics", &len), *rd = calloc(1, rd_len);

    ck_assert_int_eq(xg_dom_kernel_mem(dom, elf, len), 0);
    ck_assert_int_eq(xg_dom_ramdisk_mem(dom, rd, rd_len), 0);
    ck_assert_int_eq(xg_dom_parse_image(dom), 0);
    ck_assert_int_eq(xg_dom_mem_init(dom, 64), -ENOMEM);
    ck_assert_msg(strstr(xg_dom_error(dom), "ramdisk does not fit in 64 MiB"), "%s",
                  xg_dom_error(dom));
    ck_assert_ptr_null(f.p2m);
    free(elf);
    free(rd);
}
END_TEST

START_TEST(features)
{
    uint8_t elf[8192];
    struct known_kernel_opts o = { .features = "!writable_page_tables|pae_pgdir_above_4gb" };
    size_t len = make_known_kernel(elf, &o);
    struct xg_dom *d2;

    /* The kernel supports what it names; asking for more is refused. */
    d2 = xg_dom_allocate(&fake_ops, &f, "", "pae_pgdir_above_4gb");
    ck_assert_int_eq(xg_dom_boot_xen_init(d2, FAKE_DOMID), 0);
    ck_assert_int_eq(xg_dom_kernel_mem(d2, elf, len), 0);
    ck_assert_int_eq(xg_dom_parse_image(d2), 0);
    xg_dom_release(d2);

    d2 = xg_dom_allocate(&fake_ops, &f, "", "writable_descriptor_tables");
    ck_assert_int_eq(xg_dom_boot_xen_init(d2, FAKE_DOMID), 0);
    ck_assert_int_eq(xg_dom_kernel_mem(d2, elf, len), 0);
    ck_assert_int_eq(xg_dom_parse_image(d2), -EINVAL);
    ck_assert_str_eq(xg_dom_error(d2), "the kernel does not support the requested feature "
                     "writable_descriptor_tables");
    xg_dom_release(d2);

    d2 = xg_dom_allocate(&fake_ops, &f, "", "no_such_feature");
    ck_assert_int_eq(xg_dom_boot_xen_init(d2, FAKE_DOMID), 0);
    ck_assert_int_eq(xg_dom_kernel_mem(d2, elf, len), 0);
    ck_assert_int_eq(xg_dom_parse_image(d2), -EINVAL);
    ck_assert_str_eq(xg_dom_error(d2), "unknown Xen feature 'no_such_feature' requested");
    xg_dom_release(d2);

    /* A kernel that requires a translated physmap is not a PV guest. */
    o.features = "!auto_translated_physmap";
    len = make_known_kernel(elf, &o);
    parse_refused(elf, len, -EINVAL, "requires auto_translated_physmap");
}
END_TEST

START_TEST(order_and_inputs)
{
    struct xg_dom_layout lay;
    size_t len;
    uint8_t *elf = load(GUEST_DIR "test-basics", &len);

    ck_assert_int_eq(xg_dom_parse_image(dom), -EINVAL);
    ck_assert_str_eq(xg_dom_error(dom), "no kernel given");
    ck_assert_int_eq(xg_dom_get_layout(dom, &lay), -EINVAL);
    ck_assert_int_eq(xg_dom_build_image(dom), -EINVAL);
    ck_assert_str_eq(xg_dom_error(dom), "build_image called out of order");
    ck_assert_int_eq(xg_dom_set_vcpus(dom, 0), -EINVAL);
    ck_assert_int_eq(xg_dom_set_vcpus(dom, 33), -EINVAL);
    ck_assert_int_eq(xg_dom_set_vcpus(dom, 2), 0);
    ck_assert_int_eq(xg_dom_kernel_file(dom, "/nonexistent/kernel"), -ENOENT);
    ck_assert_msg(strstr(xg_dom_error(dom), "/nonexistent/kernel"), "%s", xg_dom_error(dom));
    ck_assert_int_eq(xg_dom_kernel_file(dom, GUEST_DIR "test-basics"), 0);
    ck_assert_int_eq(xg_dom_parse_image(dom), 0);
    ck_assert_int_eq(xg_dom_kernel_mem(dom, elf, len), -EINVAL);        /* too late */
    ck_assert_int_eq(xg_dom_mem_init(dom, 0), -EINVAL);
    ck_assert_int_eq(xg_dom_mem_init(dom, 16), 0);
    ck_assert_int_eq(xg_dom_get_layout(dom, &lay), 0);
    ck_assert_uint_eq(lay.max_vcpus, 2);
    free(elf);
}
END_TEST

/* The hypervisor's refusals surface as errors, and nothing is left mapped. */
START_TEST(hypervisor_refuses)
{
    size_t len;
    uint8_t *elf = load(GUEST_DIR "test-basics", &len);
    struct fake_domain small;
    struct xg_dom *d2;

    fake_init(&small, 4 * 256);                     /* less than the 16 MiB asked for */
    d2 = xg_dom_allocate(&fake_ops, &small, "", NULL);
    ck_assert_int_eq(xg_dom_boot_xen_init(d2, FAKE_DOMID), 0);
    ck_assert_int_eq(xg_dom_kernel_mem(d2, elf, len), 0);
    ck_assert_int_eq(xg_dom_parse_image(d2), 0);
    ck_assert_int_eq(xg_dom_mem_init(d2, 16), 0);
    ck_assert_int_eq(xg_dom_boot_mem_init(d2), -ENOMEM);
    ck_assert_msg(strstr(xg_dom_error(d2), "did not give d7 its 4096 pages"), "%s",
                  xg_dom_error(d2));
    xg_dom_release(d2);
    fake_fini(&small);

    ck_assert_int_eq(xg_dom_kernel_mem(dom, elf, len), 0);
    ck_assert_int_eq(xg_dom_parse_image(dom), 0);
    ck_assert_int_eq(xg_dom_mem_init(dom, 16), 0);
    ck_assert_int_eq(xg_dom_boot_mem_init(dom), 0);
    ck_assert_int_eq(xg_dom_build_image(dom), 0);
    ck_assert_uint_eq(f.live_maps, 1);
    xg_dom_release(dom);                            /* released before boot: unmapped */
    ck_assert_uint_eq(f.live_maps, 0);
    dom = xg_dom_allocate(&fake_ops, &f, "", NULL);
    free(elf);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("guest-refuse");
    TCase *tc = tcase_create("refuse");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, not_an_elf);
    tcase_add_test(tc, no_xen_notes);
    tcase_add_test(tc, kernel_32bit);
    tcase_add_test(tc, gzip_truncated_and_corrupt);
    tcase_add_test(tc, corrupt_gzip_ramdisk);
    tcase_add_test(tc, xz_truncated_and_corrupt);
    tcase_add_test(tc, bad_bzimage);
    tcase_add_test(tc, too_little_memory);
    tcase_add_test(tc, ramdisk_too_big);
    tcase_add_test(tc, features);
    tcase_add_test(tc, order_and_inputs);
    tcase_add_test(tc, hypervisor_refuses);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
