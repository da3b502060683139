/* The wire decoder: every message type's shape, malformed lengths and
 * missing NULs refused, error names both ways. */
#include "check_run.h"
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "proto.h"

static int decode(uint32_t type, const char *payload, uint32_t len, struct xs_request *req)
{
    struct xsd_sockmsg h = { type, 7, 3, len };
    int err = xs_decode(&h, payload, req);
    if (!err) {
        ck_assert_uint_eq(req->req_id, 7);
        ck_assert_uint_eq(req->tx_id, 3);
    }
    return err;
}

#define D(type, lit, req) decode(type, lit, sizeof(lit) - 1, req)

START_TEST(one_path_types)
{
    static const uint32_t types[] = { XS_READ, XS_DIRECTORY, XS_GET_PERMS, XS_MKDIR, XS_RM,
                                      XS_TRANSACTION_END, XS_RELEASE, XS_GET_DOMAIN_PATH,
                                      XS_IS_DOMAIN_INTRODUCED, XS_RESUME };
    struct xs_request r;
    for (unsigned int i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
        ck_assert_int_eq(D(types[i], "/a/b\0", &r), 0);
        ck_assert_uint_eq(r.nargs, 1);
        ck_assert_str_eq(r.args[0], "/a/b");
        ck_assert_int_eq(D(types[i], "/a/b", &r), EINVAL);          /* no NUL */
        ck_assert_int_eq(D(types[i], "/a\0/b\0", &r), EINVAL);      /* two strings */
        ck_assert_int_eq(D(types[i], "", &r), EINVAL);              /* none */
    }
}
END_TEST

START_TEST(two_and_three_strings)
{
    struct xs_request r;
    ck_assert_int_eq(D(XS_WATCH, "/a\0tok\0", &r), 0);
    ck_assert_str_eq(r.args[1], "tok");
    ck_assert_int_eq(D(XS_UNWATCH, "/a\0tok\0", &r), 0);
    ck_assert_int_eq(D(XS_WATCH, "/a\0", &r), EINVAL);
    ck_assert_int_eq(D(XS_WATCH, "/a\0tok", &r), EINVAL);
    ck_assert_int_eq(D(XS_SET_TARGET, "1\0" "2\0", &r), 0);
    ck_assert_int_eq(D(XS_INTRODUCE, "1\0" "4096\0" "5\0", &r), 0);
    ck_assert_str_eq(r.args[2], "5");
    ck_assert_int_eq(D(XS_INTRODUCE, "1\0" "4096\0", &r), EINVAL);
    ck_assert_int_eq(D(XS_INTRODUCE, "1\0" "4096\0" "5\0" "6\0", &r), EINVAL);
}
END_TEST

START_TEST(write_value_is_raw)
{
    struct xs_request r;
    ck_assert_int_eq(D(XS_WRITE, "/a\0v\0w", &r), 0);
    ck_assert_str_eq(r.args[0], "/a");
    ck_assert_uint_eq(r.value_len, 3);
    ck_assert_int_eq(memcmp(r.value, "v\0w", 3), 0);
    ck_assert_int_eq(D(XS_WRITE, "/a\0", &r), 0);
    ck_assert_uint_eq(r.value_len, 0);
    ck_assert_int_eq(D(XS_WRITE, "/a", &r), EINVAL);
    ck_assert_int_eq(D(XS_WRITE, "", &r), EINVAL);
}
END_TEST

START_TEST(set_perms_counts)
{
    struct xs_request r;
    char buf[200];
    ck_assert_int_eq(D(XS_SET_PERMS, "/a\0n0\0r1\0", &r), 0);
    ck_assert_uint_eq(r.nargs, 3);
    ck_assert_int_eq(D(XS_SET_PERMS, "/a\0", &r), EINVAL);
    /* XS_MAX_ARGS strings fit, one more is refused. */
    size_t len = 0;
    for (int i = 0; i < XS_MAX_ARGS; i++)
        len += (size_t)sprintf(buf + len, "r%d", i) + 1;
    ck_assert_int_eq(decode(XS_SET_PERMS, buf, (uint32_t)len, &r), 0);
    len += (size_t)sprintf(buf + len, "r99") + 1;
    ck_assert_int_eq(decode(XS_SET_PERMS, buf, (uint32_t)len, &r), EINVAL);
    /* CONTROL: a command and its parameters; DIRECTORY_PART: a path and an offset. */
    ck_assert_int_eq(D(XS_CONTROL, "log\0debug\0", &r), 0);
    ck_assert_uint_eq(r.nargs, 2);
    ck_assert_int_eq(D(XS_CONTROL, "help\0", &r), 0);
    ck_assert_int_eq(D(XS_CONTROL, "", &r), EINVAL);
    ck_assert_int_eq(D(XS_DIRECTORY_PART, "/\0" "0\0", &r), 0);
    ck_assert_int_eq(D(XS_DIRECTORY_PART, "/\0", &r), EINVAL);
}
END_TEST

START_TEST(optional_empty)
{
    struct xs_request r;
    ck_assert_int_eq(decode(XS_TRANSACTION_START, "", 0, &r), 0);
    ck_assert_int_eq(decode(XS_TRANSACTION_START, "", 1, &r), 0);
    ck_assert_int_eq(D(XS_TRANSACTION_START, "x\0", &r), EINVAL);
    ck_assert_int_eq(decode(XS_TRANSACTION_START, "\0\0", 2, &r), EINVAL);
    ck_assert_int_eq(decode(XS_RESET_WATCHES, "", 1, &r), 0);
}
END_TEST

START_TEST(types_not_served)
{
    struct xs_request r;
    ck_assert_int_eq(D(XS_WATCH_EVENT, "/a\0t\0", &r), ENOSYS);
    ck_assert_int_eq(D(XS_ERROR, "EINVAL\0", &r), ENOSYS);
    ck_assert_int_eq(D(20, "x\0", &r), ENOSYS);                 /* was XS_RESTRICT */
    ck_assert_int_eq(D(XS_TYPE_COUNT, "/\0", &r), ENOSYS);
    ck_assert_int_eq(D(XS_INVALID, "/\0", &r), ENOSYS);
    ck_assert_int_eq(D(0xffffffffu, "/\0", &r), ENOSYS);
}
END_TEST

START_TEST(oversized)
{
    static char big[XENSTORE_PAYLOAD_MAX + 2];
    struct xs_request r;
    memset(big, 'a', sizeof(big));
    big[0] = '/';
    big[XENSTORE_PAYLOAD_MAX - 1] = '\0';
    ck_assert_int_eq(decode(XS_READ, big, XENSTORE_PAYLOAD_MAX, &r), 0);
    big[XENSTORE_PAYLOAD_MAX] = '\0';
    ck_assert_int_eq(decode(XS_READ, big, XENSTORE_PAYLOAD_MAX + 1, &r), EINVAL);
}
END_TEST

START_TEST(error_names)
{
    ck_assert_str_eq(xs_error_name(ENOENT), "ENOENT");
    ck_assert_str_eq(xs_error_name(EAGAIN), "EAGAIN");
    ck_assert_str_eq(xs_error_name(E2BIG), "E2BIG");
    ck_assert_str_eq(xs_error_name(ENOSPC), "ENOSPC");
    ck_assert_str_eq(xs_error_name(ETIMEDOUT), "EINVAL");      /* no Xen name */
    ck_assert_int_eq(xs_error_from_name("EACCES"), EACCES);
    ck_assert_int_eq(xs_error_from_name("EQUOTA"), 0);
    ck_assert_str_eq(xs_type_name(XS_TRANSACTION_END), "TRANSACTION_END");
    ck_assert_str_eq(xs_type_name(20), "UNKNOWN");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("store-proto");
    TCase *tc = tcase_create("decode");
    tcase_add_test(tc, one_path_types);
    tcase_add_test(tc, two_and_three_strings);
    tcase_add_test(tc, write_value_is_raw);
    tcase_add_test(tc, set_perms_counts);
    tcase_add_test(tc, optional_empty);
    tcase_add_test(tc, types_not_served);
    tcase_add_test(tc, oversized);
    tcase_add_test(tc, error_names);
    suite_add_tcase(s, tc);
    return run_suite(s, CK_FORK);
}
