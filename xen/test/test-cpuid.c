/*
 * The PV CPUID policy over a CPU that claims every feature: what PV Linux
 * must not see is hidden, the hypervisor bit and leaves are there.
 */
#include <string.h>

#include <xen/cpuid.h>

#include "hostenv.h"

static void everything(uint32_t leaf, uint32_t subleaf, struct cpuid_leaf *out)
{
    out->a = out->b = out->c = out->d = ~0u;
}

START_TEST(hides_what_pv_cannot_use)
{
    struct cpuid_leaf l;

    pv_cpuid(everything, 1, 0, &l);
    ck_assert_uint_eq(l.d & ((1u << 3) | (1u << 13) | (1u << 17)), 0);   /* PSE PGE PSE36 */
    ck_assert_uint_eq(l.c & ((1u << 17) | (1u << 21) | (1u << 24) | (1u << 26) | (1u << 27)), 0);
    ck_assert_uint_ne(l.c & (1u << 31), 0);                             /* hypervisor */
    ck_assert_uint_ne(l.d & (1u << 4), 0);                              /* TSC kept */
    pv_cpuid(everything, 7, 0, &l);
    ck_assert_uint_eq(l.b & ((1u << 0) | (1u << 7) | (1u << 10) | (1u << 20)), 0);
    ck_assert_uint_eq(l.c & ((1u << 3) | (1u << 4)), 0);                 /* PKU OSPKE */
    pv_cpuid(everything, 0xd, 0, &l);
    ck_assert_uint_eq(l.a | l.b | l.c | l.d, 0);                        /* no XSAVE */
    pv_cpuid(everything, 0x80000001, 0, &l);
    ck_assert_uint_eq(l.d & (1u << 26), 0);                             /* 1 GiB pages */
    ck_assert_uint_ne(l.d & (1u << 29), 0);                             /* long mode */
}
END_TEST

START_TEST(hypervisor_leaves)
{
    struct cpuid_leaf l;
    char sig[13] = { 0 };

    pv_cpuid(everything, 0x40000000, 0, &l);
    ck_assert_uint_eq(l.a, 0x40000005);
    memcpy(sig, &l.b, 4);
    memcpy(sig + 4, &l.c, 4);
    memcpy(sig + 8, &l.d, 4);
    ck_assert_str_eq(sig, "XenVMMXenVMM");
    pv_cpuid(everything, 0x40000001, 0, &l);
    ck_assert_uint_eq(l.a, 0x40011);
    pv_cpuid(everything, 0x40000002, 0, &l);
    ck_assert_uint_eq(l.a, 1);
    ck_assert_uint_eq(l.b, 0x40000000);
    pv_cpuid(everything, 0x40000004, 0, &l);
    ck_assert_uint_eq(l.a | l.b | l.c | l.d, 0);
    pv_cpuid(everything, 0x40000100, 0, &l);                            /* Linux scans on */
    ck_assert_uint_eq(l.a | l.b | l.c | l.d, 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("cpuid");
    TCase *tc = tcase_create("pv-policy");

    tcase_add_test(tc, hides_what_pv_cannot_use);
    tcase_add_test(tc, hypervisor_leaves);
    suite_add_tcase(s, tc);
    return hostenv_run_suite(s);
}
