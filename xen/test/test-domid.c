/*
 * Choosing a new domain's id: a named id is used when free and refused
 * when taken; otherwise the lowest free id from 1, never a reserved one.
 */
#include <stdbool.h>
#include <string.h>

#include <xen/domid.h>
#include <xen/errno.h>

#include "hostenv.h"

static bool taken[DOMID_FIRST_RESERVED];

static bool in_use(domid_t id)
{
    ck_assert_uint_lt(id, DOMID_FIRST_RESERVED);    /* reserved ids are never asked about */
    return taken[id];
}

static void setup(void)
{
    memset(taken, 0, sizeof(taken));
    taken[0] = true;                    /* dom0 */
}

START_TEST(named_id_free_or_taken)
{
    ck_assert_int_eq(domid_choose(5, in_use), 5);
    taken[5] = true;
    ck_assert_int_eq(domid_choose(5, in_use), -EEXIST);
    ck_assert_int_eq(domid_choose(DOMID_FIRST_RESERVED - 1, in_use), DOMID_FIRST_RESERVED - 1);
}
END_TEST

START_TEST(lowest_free_from_one)
{
    ck_assert_int_eq(domid_choose(0, in_use), 1);
    taken[1] = taken[2] = taken[4] = true;
    ck_assert_int_eq(domid_choose(0, in_use), 3);
    ck_assert_int_eq(domid_choose(DOMID_INVALID, in_use), 3);
    ck_assert_int_eq(domid_choose(DOMID_SELF, in_use), 3);
    taken[3] = true;
    ck_assert_int_eq(domid_choose(0, in_use), 5);
}
END_TEST

START_TEST(all_taken)
{
    memset(taken, 1, sizeof(taken));
    ck_assert_int_eq(domid_choose(0, in_use), -ENOMEM);
    taken[DOMID_FIRST_RESERVED - 1] = false;
    ck_assert_int_eq(domid_choose(0, in_use), DOMID_FIRST_RESERVED - 1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("domid");
    TCase *tc = tcase_create("choose");

    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, named_id_free_or_taken);
    tcase_add_test(tc, lowest_free_from_one);
    tcase_add_test(tc, all_taken);
    suite_add_tcase(s, tc);
    return hostenv_run_suite(s);
}
