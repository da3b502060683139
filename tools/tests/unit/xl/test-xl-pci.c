/*
 * test-xl-pci.c - the xenstore half of xl pci-attach/-detach against the
 * real xenstored over its socket: the backend and frontend nodes Linux's
 * pciback and pcifront read (num_devs, dev-I, state-I, owners), one owner
 * per device, and removal that keeps the entries dense.
 */
#include "../check_run.h"
#include "../store/daemon_test.h"
#include "xl_pciback.h"

#define BE "/local/domain/0/backend/pci/3/0"
#define FE "/local/domain/3/device/pci/0"

static struct daemon store;
static struct xs_handle *xs;

static struct argon_pci_dev pci(unsigned int bus, unsigned int dev, unsigned int fn)
{
    struct argon_pci_dev d;

    argon_pci_dev_init(&d);
    d.bus = (uint8_t)bus;
    d.dev = (uint8_t)dev;
    d.func = (uint8_t)fn;
    return d;
}

static void expect_node(const char *path, const char *want)
{
    char *v = xs_read(xs, XBT_NULL, path, NULL);

    ck_assert_msg(v != NULL, "%s is missing", path);
    ck_assert_str_eq(v, want);
    free(v);
}

static void expect_absent(const char *path)
{
    char *v = xs_read(xs, XBT_NULL, path, NULL);

    ck_assert_msg(v == NULL, "%s is still there ('%s')", path, v);
}

static void setup(void)
{
    daemon_start(&store, NULL);
    xs = open_store();
    xl_err = stderr;
    ck_assert(xs_write(xs, XBT_NULL, "/local/domain/3/name", "guest", 5));
}

static void teardown(void)
{
    xs_close(xs);
    daemon_stop(&store);
}

START_TEST(the_first_device_makes_the_pair_pciback_and_pcifront_read)
{
    struct argon_pci_dev d = pci(0, 5, 0);
    struct xs_permissions *perms;
    unsigned int nr;
    uint32_t owner;

    ck_assert_int_eq(xl_pci_backend_owner(xs, &d, &owner), 1);
    ck_assert_int_eq(xl_pci_backend_add(xs, 3, &d), 0);
    expect_node(BE "/frontend", FE);
    expect_node(BE "/frontend-id", "3");
    expect_node(BE "/online", "1");
    expect_node(BE "/state", "1");
    expect_node(BE "/domain", "guest");
    expect_node(BE "/num_devs", "1");
    expect_node(BE "/dev-0", "0000:00:05.0");
    expect_node(BE "/state-0", "1");
    expect_node(BE "/opts-0", "msitranslate=0,power_mgmt=0,permissive=0");
    expect_node(FE "/backend", BE);
    expect_node(FE "/backend-id", "0");
    expect_node(FE "/state", "1");
    /* dom0 owns the backend, the guest may read it; the guest owns its frontend. */
    perms = xs_get_permissions(xs, XBT_NULL, BE "/dev-0", &nr);
    ck_assert_ptr_nonnull(perms);
    ck_assert_uint_eq(nr, 2);
    ck_assert_uint_eq(perms[0].id, 0);
    ck_assert_uint_eq(perms[1].id, 3);
    ck_assert_int_eq(perms[1].perms, XS_PERM_READ);
    free(perms);
    perms = xs_get_permissions(xs, XBT_NULL, FE "/state", &nr);
    ck_assert_ptr_nonnull(perms);
    ck_assert_uint_eq(perms[0].id, 3);
    free(perms);
    ck_assert_int_eq(xl_pci_backend_owner(xs, &d, &owner), 0);
    ck_assert_uint_eq(owner, 3);
}
END_TEST

START_TEST(a_device_is_attached_once)
{
    struct argon_pci_dev d = pci(0, 5, 0);

    ck_assert_int_eq(xl_pci_backend_add(xs, 3, &d), 0);
    ck_assert_int_eq(xl_pci_backend_add(xs, 3, &d), -1);
    expect_node(BE "/num_devs", "1");
}
END_TEST

START_TEST(removal_keeps_entries_dense_and_the_last_removes_the_pair)
{
    struct argon_pci_dev a = pci(0, 5, 0), b = pci(0, 6, 0), c = pci(1, 0, 1);
    uint32_t owner;

    ck_assert_int_eq(xl_pci_backend_add(xs, 3, &a), 0);
    ck_assert_int_eq(xl_pci_backend_add(xs, 3, &b), 0);
    ck_assert_int_eq(xl_pci_backend_add(xs, 3, &c), 0);
    expect_node(BE "/num_devs", "3");
    expect_node(BE "/dev-2", "0000:01:00.1");

    ck_assert_int_eq(xl_pci_backend_remove(xs, 3, &b, false), 0);
    expect_node(BE "/num_devs", "2");
    expect_node(BE "/dev-0", "0000:00:05.0");
    expect_node(BE "/dev-1", "0000:01:00.1");
    expect_node(BE "/state-1", "1");
    expect_absent(BE "/dev-2");
    expect_absent(BE "/state-2");
    ck_assert_int_eq(xl_pci_backend_owner(xs, &b, &owner), 1);
    ck_assert_int_eq(xl_pci_backend_remove(xs, 3, &b, false), -1);   /* not there now */

    ck_assert_int_eq(xl_pci_backend_remove(xs, 3, &a, false), 0);
    expect_node(BE "/dev-0", "0000:01:00.1");
    ck_assert_int_eq(xl_pci_backend_remove(xs, 3, &c, false), 0);
    expect_absent("/local/domain/0/backend/pci/3");
    expect_absent(FE);
}
END_TEST

START_TEST(a_connected_pair_is_reconfigured_for_a_new_device)
{
    struct argon_pci_dev a = pci(0, 5, 0), b = pci(0, 6, 0);

    ck_assert_int_eq(xl_pci_backend_add(xs, 3, &a), 0);
    ck_assert(xs_write(xs, XBT_NULL, BE "/state", "4", 1));      /* as pciback sets it */
    ck_assert_int_eq(xl_pci_backend_add(xs, 3, &b), 0);
    expect_node(BE "/state", "7");
    expect_node(BE "/state-1", "1");
}
END_TEST

static Suite *xl_pci_suite(void)
{
    Suite *s = suite_create("xl-pci");
    TCase *tc = tcase_create("backend");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, the_first_device_makes_the_pair_pciback_and_pcifront_read);
    tcase_add_test(tc, a_device_is_attached_once);
    tcase_add_test(tc, removal_keeps_entries_dense_and_the_last_removes_the_pair);
    tcase_add_test(tc, a_connected_pair_is_reconfigured_for_a_new_device);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(xl_pci_suite());
}
