/*
 * test-light-xl.c - xl's command table and dispatch: every command has
 * help and a man page entry, unknown commands and bad usage are errors,
 * `create -n` prints JSON that reads back, conversions work without a
 * hypervisor, the missing-hypervisor line is exact, commands reach a
 * (fake) backend only after their arguments are checked, and the xenctrl
 * backend turns a (fake) hypervisor's answers into xl info, dmesg and list.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include <argon_types_json.h>

#include <xen/sysctl.h>
#include <xen/version.h>

#include "../call/fake_privcmd.h"
#include "light_test.h"
#include "xl.h"

static char *out_buf, *err_buf;
static size_t out_len, err_len;

static void capture(void)
{
    xl_out = open_memstream(&out_buf, &out_len);
    xl_err = open_memstream(&err_buf, &err_len);
}

static void release(void)
{
    fclose(xl_out);
    fclose(xl_err);
    xl_out = xl_err = NULL;
}

static void done(void)
{
    free(out_buf);
    free(err_buf);
    out_buf = err_buf = NULL;
}

/* Run xl with the given arguments (NULL-terminated); output in out_buf/err_buf. */
static int xl(const char *first, ...)
{
    char *argv[16] = { "xl" };
    int argc = 1, rc;
    va_list ap;

    va_start(ap, first);
    for ( const char *a = first; a && argc < 15; a = va_arg(ap, const char *) )
        argv[argc++] = (char *)a;
    va_end(ap);
    capture();
    rc = xl_main(argc, argv);
    release();
    return rc;
}

static char *write_temp(const char *text, const char *suffix)
{
    static char path[64];
    int fd;

    snprintf(path, sizeof(path), "/tmp/test-light-xl-XXXXXX%s", suffix);
    fd = mkstemps(path, (int)strlen(suffix));
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

START_TEST(every_command_has_help)
{
    for ( unsigned int i = 0; i < xl_cmdtable_len; i++ )
    {
        const struct xl_cmd *c = &xl_cmdtable[i];

        ck_assert_msg(c->name && c->fn && c->summary && *c->summary && c->usage &&
                      c->optstring, "entry %u is incomplete", i);
        ck_assert_ptr_eq(xl_find_cmd(c->name), c);      /* names are unique */
        ck_assert_int_eq(xl("help", c->name, NULL), 0);
        ck_assert_msg(strstr(out_buf, c->summary), "xl help %s lacks its summary", c->name);
        ck_assert_ptr_nonnull(strstr(out_buf, "usage: xl "));
        done();
        ck_assert_int_eq(xl(c->name, "-h", NULL), 0);
        ck_assert_ptr_nonnull(strstr(out_buf, c->usage));
        done();
    }
}
END_TEST

START_TEST(help_lists_every_command)
{
    ck_assert_int_eq(xl("help", NULL), 0);
    for ( unsigned int i = 0; i < xl_cmdtable_len; i++ )
    {
        char line[128];

        snprintf(line, sizeof(line), "  %-22s %s\n", xl_cmdtable[i].name, xl_cmdtable[i].summary);
        ck_assert_msg(strstr(out_buf, line), "xl help lacks %s", xl_cmdtable[i].name);
    }
    done();
}
END_TEST

START_TEST(man_page_covers_every_command)
{
    FILE *f = fopen(ARGON_ROOT_DIR "/docs/xl.1", "r");
    char *page = NULL;
    size_t len = 0;

    ck_assert_ptr_nonnull(f);
    ck_assert_int_gt(getdelim(&page, &len, '\0', f), 0);
    fclose(f);
    for ( unsigned int i = 0; i < xl_cmdtable_len; i++ )
    {
        char entry[64], *e;

        /* roff writes a hyphen in a name as \- */
        e = entry + snprintf(entry, sizeof(entry), "\n.B ");
        for ( const char *n = xl_cmdtable[i].name; *n && e < entry + sizeof(entry) - 3; n++ )
        {
            if ( *n == '-' )
                *e++ = '\\';
            *e++ = *n;
        }
        *e = '\0';
        ck_assert_msg(strstr(page, entry), "docs/xl.1 does not document '%s'",
                      xl_cmdtable[i].name);
    }
    free(page);
}
END_TEST

START_TEST(unknown_command_and_usage_errors)
{
    ck_assert_int_eq(xl("frobnicate", NULL), XL_EXIT_USAGE);
    ck_assert_str_eq(err_buf, "xl: unknown command 'frobnicate' (see 'xl help')\n");
    done();
    ck_assert_int_eq(xl("help", "frobnicate", NULL), XL_EXIT_USAGE);
    done();
    ck_assert_int_eq(xl(NULL), XL_EXIT_USAGE);
    ck_assert_ptr_nonnull(strstr(err_buf, "usage: xl COMMAND"));
    done();
    ck_assert_int_eq(xl("destroy", NULL), XL_EXIT_USAGE);
    ck_assert_str_eq(err_buf, "xl: destroy: too few arguments\nusage: xl destroy DOMAIN\n"
                              "(see 'xl help destroy')\n");
    done();
    ck_assert_int_eq(xl("pause", "a", "b", NULL), XL_EXIT_USAGE);
    done();
    ck_assert_int_eq(xl("list", "-z", NULL), XL_EXIT_USAGE);
    ck_assert_ptr_nonnull(strstr(err_buf, "xl: list: unknown option -z\n"));
    done();
    ck_assert_int_eq(xl("create", "-f", NULL), XL_EXIT_USAGE);
    ck_assert_ptr_nonnull(strstr(err_buf, "xl: create: option -f needs an argument\n"));
    done();
    ck_assert_int_eq(xl("create", "-n", NULL), XL_EXIT_USAGE);
    ck_assert_ptr_nonnull(strstr(err_buf, "xl: create: no config file given\n"));
    done();
    ck_assert_int_eq(xl("mem-set", "d", "lots", NULL), XL_EXIT_USAGE);
    done();
    ck_assert_int_eq(xl("pci-attach", "d", "00:05.9", NULL), XL_EXIT_USAGE);
    ck_assert_ptr_nonnull(strstr(err_buf, "xl: pci-attach: invalid PCI device '00:05.9': "
                                          "function must be 0-7\n"));
    done();
}
END_TEST

START_TEST(no_hypervisor_is_one_line)
{
    static const char *const cmds[][3] = {
        { "list", NULL }, { "destroy", "d", NULL }, { "info", NULL }, { "dmesg", NULL },
        { "pci-assignable-list", NULL }, { "vcpu-list", NULL },
    };

    if ( access(XL_PRIVCMD_PATH, F_OK) == 0 )
        return;                     /* running in dom0: nothing to check here */
    xl_backend_set(NULL);
    for ( unsigned int i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++ )
    {
        ck_assert_int_eq(xl(cmds[i][0], cmds[i][1], NULL), XL_EXIT_FAIL);
        ck_assert_str_eq(err_buf, "xl: cannot open /dev/xen/privcmd: No such file or directory "
                                  "(is this dom0 on Argon?)\n");
        done();
    }
}
END_TEST

static const char guest_cfg[] = "name = \"t1\"\nkernel = \"/k\"\nmemory = 256\n"
                                "pci = [ '00:05.0' ]\nvif = []\n";

START_TEST(create_dry_run_prints_json)
{
    char *path = write_temp(guest_cfg, ".cfg");
    struct argon_domain_config fromjson, fromcfg;
    struct argon_diag d;

    xl_backend_set(NULL);
    ck_assert_int_eq(xl("create", "-n", path, "vcpus=2", "extra='quiet'", NULL), 0);
    argon_diag_init(&d);
    ck_assert_msg(argon_domain_config_from_json(&fromjson, out_buf, &d) == 0, "%s", d.msg);
    ck_assert_uint_eq(fromjson.vcpus, 2);
    ck_assert_str_eq(fromjson.extra, "quiet");
    ck_assert_ptr_nonnull(strstr(err_buf, "warning: unknown setting 'vif' ignored"));
    done();
    /* -f form, and the same config as the library reads it */
    ck_assert_int_eq(xl("create", "-n", "-f", path, NULL), 0);
    ck_assert_int_eq(parse_cfg(guest_cfg, &fromcfg, &d), 0);
    argon_domain_config_dispose(&fromjson);
    ck_assert_int_eq(argon_domain_config_from_json(&fromjson, out_buf, &d), 0);
    ck_assert(argon_domain_config_equal(&fromjson, &fromcfg));
    done();
    /* an override error is located in the override */
    ck_assert_int_eq(xl("create", "-n", path, "vcpus=0", NULL), XL_EXIT_FAIL);
    ck_assert_ptr_nonnull(strstr(err_buf, "\nxl: override 1:1:7: vcpus must be between 1 and 128, "
                                          "got 0\n"));
    done();
    ck_assert_int_eq(xl("create", "-n", path, "vcpus", NULL), XL_EXIT_USAGE);
    done();
    ck_assert_int_eq(xl("create", "-n", "/nonexistent/x.cfg", NULL), XL_EXIT_FAIL);
    ck_assert_str_eq(err_buf, "xl: cannot open /nonexistent/x.cfg: No such file or directory\n");
    done();
    unlink(path);
    argon_domain_config_dispose(&fromjson);
    argon_domain_config_dispose(&fromcfg);
}
END_TEST

START_TEST(xml_conversions)
{
    char cfgpath[64], *xmlpath;
    struct argon_domain_config a, b;
    struct argon_diag d;

    snprintf(cfgpath, sizeof(cfgpath), "%s", write_temp(guest_cfg, ".cfg"));
    ck_assert_int_eq(xl("domxml-from-xen", cfgpath, NULL), 0);
    ck_assert_ptr_nonnull(strstr(out_buf, "<domain type=\"xen\">"));
    xmlpath = write_temp(out_buf, ".xml");
    done();
    ck_assert_int_eq(xl("domxml-to-xen", xmlpath, NULL), 0);
    ck_assert_int_eq(parse_cfg(out_buf, &a, &d), 0);
    ck_assert_int_eq(parse_cfg(guest_cfg, &b, &d), 0);
    ck_assert(argon_domain_config_equal(&a, &b));
    done();
    ck_assert_int_eq(xl("config-to-json", "-x", xmlpath, NULL), 0);
    done();
    unlink(xmlpath);
    xmlpath = write_temp("<domain type='kvm'/>", ".xml");
    ck_assert_int_eq(xl("domxml-to-xen", xmlpath, NULL), XL_EXIT_FAIL);
    ck_assert_ptr_nonnull(strstr(err_buf, ": <domain type='kvm'>: only type='xen' is supported\n"));
    done();
    unlink(xmlpath);
    unlink(cfgpath);
    argon_domain_config_dispose(&a);
    argon_domain_config_dispose(&b);
}
END_TEST

/* ---- a fake hypervisor ---- */

static unsigned int fake_opens;
static uint32_t destroyed = UINT32_MAX;
static uint64_t mem_set_kib;

static int fake_open(void)
{
    fake_opens++;
    return 0;
}

static int fake_lookup(const char *name, uint32_t *domid)
{
    if ( !strcmp(name, "t1") || !strcmp(name, "3") )
    {
        *domid = 3;
        return 0;
    }
    return xl_fail("no domain '%s'", name), -1;
}

static int fake_list(struct argon_domain_info **infos, unsigned int *nr)
{
    struct argon_diag d;

    *infos = calloc(1, sizeof(**infos));
    argon_domain_info_init(*infos);
    (*infos)->domid = 3;
    (*infos)->cpu_time_ns = 1500000000;
    parse_cfg(guest_cfg, &(*infos)->config, &d);
    *nr = 1;
    return 0;
}

static int fake_destroy(uint32_t domid)
{
    destroyed = domid;
    return 0;
}

static int fake_mem_set(uint32_t domid, uint64_t kib)
{
    mem_set_kib = kib;
    return 0;
}

static const struct xl_backend fake_backend = {
    .name = "fake", .open = fake_open, .lookup = fake_lookup, .list = fake_list,
    .destroy = fake_destroy, .mem_set = fake_mem_set,
};

START_TEST(backend_commands)
{
    struct argon_domain_info info;
    struct argon_diag d;
    yajl_val tree;
    char err[128];

    xl_backend_set(&fake_backend);
    ck_assert_int_eq(xl("list", "-l", NULL), 0);
    tree = yajl_tree_parse(out_buf, err, sizeof(err));
    ck_assert_msg(tree && YAJL_IS_ARRAY(tree) && tree->u.array.len == 1, "%s", out_buf);
    argon_domain_info_init(&info);
    argon_diag_init(&d);
    ck_assert_msg(argon_domain_info_parse_json(&info, tree->u.array.values[0], "", &d) == 0,
                  "%s", d.msg);
    ck_assert_uint_eq(info.domid, 3);
    ck_assert_str_eq(info.config.name, "t1");
    yajl_tree_free(tree);
    argon_domain_info_dispose(&info);
    done();

    ck_assert_int_eq(xl("list", NULL), 0);
    ck_assert_ptr_nonnull(strstr(out_buf, "t1"));
    ck_assert_ptr_nonnull(strstr(out_buf, "running"));
    done();
    ck_assert_int_eq(xl("list", "-l", "nobody", NULL), 0);
    ck_assert_str_eq(out_buf, "[]\n");
    done();

    ck_assert_int_eq(xl("destroy", "t1", NULL), 0);
    ck_assert_uint_eq(destroyed, 3);
    done();
    ck_assert_int_eq(xl("destroy", "ghost", NULL), XL_EXIT_FAIL);
    ck_assert_str_eq(err_buf, "xl: no domain 'ghost'\n");
    done();
    ck_assert_int_eq(xl("mem-set", "3", "2g", NULL), 0);
    ck_assert_uint_eq(mem_set_kib, 2u * 1024 * 1024);
    done();
    ck_assert_int_eq(xl("mem-set", "3", "512", NULL), 0);
    ck_assert_uint_eq(mem_set_kib, 512u * 1024);
    done();
    ck_assert_int_eq(xl("pause", "t1", NULL), XL_EXIT_FAIL);
    ck_assert_str_eq(err_buf, "xl: pause: not available yet (the fake backend does not "
                              "implement it)\n");
    done();

    /* decode, then act: a bad argument never reaches the backend */
    fake_opens = 0;
    xl_backend_set(&fake_backend);
    ck_assert_int_eq(xl("pci-detach", "t1", "zz", NULL), XL_EXIT_USAGE);
    ck_assert_int_eq(xl("mem-set", "t1", "-5", NULL), XL_EXIT_USAGE);
    ck_assert_uint_eq(fake_opens, 0);
    done();
    xl_backend_set(NULL);
}
END_TEST

/* A hypervisor as today's main is: host sysctls and xen_version, no domain list. */
static char ring[40000];
static bool ring_cleared;

static long hypervisor(const struct xencall_privcmd_hypercall *c)
{
    uint64_t u = c->arg[0] + 8;

    if ( c->op == __HYPERVISOR_xen_version )
        switch ( c->arg[0] )
        {
        case XENVER_version: return (4 << 16) | 17;
        case XENVER_pagesize: return 4096;
        case XENVER_capabilities:
            strcpy((char *)(uintptr_t)c->arg[1], "xen-3.0-x86_64");
            return 0;
        default: return -EPERM;
        }
    if ( c->op != __HYPERVISOR_sysctl || fake_u32(c->arg[0], 4) != XEN_SYSCTL_INTERFACE_VERSION )
        return -ENOSYS;
    switch ( fake_u32(c->arg[0], 0) )
    {
    case XEN_SYSCTL_physinfo:
        fake_put_u32(u, 8, 3);                      /* nr_cpus */
        fake_put_u64(u, 40, 0x80000);               /* total_pages: 2 GiB */
        fake_put_u64(u, 48, 0x40000);               /* free_pages */
        return 0;
    case XEN_SYSCTL_readconsole:
    {
        uint32_t index = fake_u32(u, 4), count = fake_u32(u, 16);
        uint32_t n = sizeof(ring) - index < count ? sizeof(ring) - index : count;

        memcpy((char *)(uintptr_t)fake_u64(u, 8), ring + index, n);
        fake_put_u32(u, 4, index + n);
        fake_put_u32(u, 16, n);
        ring_cleared |= *(uint8_t *)(uintptr_t)u;
        return 0;
    }
    }
    return -ENOSYS;
}

START_TEST(xenctrl_backend)
{
    for ( unsigned int i = 0; i < sizeof(ring); i++ )
        ring[i] = "(XEN) boot line\n"[i % 16];
    fake_privcmd_install(hypervisor);
    xl_backend_set(NULL);
    ck_assert_int_eq(xl("info", NULL), 0);
    ck_assert_ptr_nonnull(strstr(out_buf, "\nnr_cpus                : 3\n"));
    ck_assert_ptr_nonnull(strstr(out_buf, "\ntotal_memory           : 2048\n"));
    ck_assert_ptr_nonnull(strstr(out_buf, "\nfree_memory            : 1024\n"));
    ck_assert_ptr_nonnull(strstr(out_buf, "\nxen_major              : 4\n"
                                          "xen_minor              : 17\n"));
    ck_assert_ptr_nonnull(strstr(out_buf, "\nxen_caps               : xen-3.0-x86_64\n"));
    done();
    /* the whole ring, across several reads, and nothing cleared without -c */
    ck_assert_int_eq(xl("dmesg", NULL), 0);
    ck_assert_uint_eq(out_len, sizeof(ring));
    ck_assert_int_eq(memcmp(out_buf, ring, sizeof(ring)), 0);
    ck_assert(!ring_cleared);
    done();
    ck_assert_int_eq(xl("dmesg", "-c", NULL), 0);
    ck_assert_uint_eq(out_len, sizeof(ring));
    ck_assert(ring_cleared);
    done();
    /* what the hypervisor lacks is one line naming it */
    ck_assert_int_eq(xl("list", NULL), XL_EXIT_FAIL);
    ck_assert_str_eq(err_buf, "xl: sysctl getdomaininfolist: not implemented by this "
                              "hypervisor (ENOSYS)\n");
    ck_assert_str_eq(out_buf, "");
    done();
    ck_assert_int_eq(xl("pause", "3", NULL), XL_EXIT_FAIL);
    ck_assert_str_eq(err_buf, "xl: domctl pausedomain: not implemented by this hypervisor "
                              "(ENOSYS)\n");
    done();
    ck_assert_uint_eq(fake.faults, 0);
    xencall_set_transport(NULL);
    xl_backend_set(NULL);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("light-xl");
    TCase *tc = tcase_create("xl");

    tcase_add_test(tc, every_command_has_help);
    tcase_add_test(tc, help_lists_every_command);
    tcase_add_test(tc, man_page_covers_every_command);
    tcase_add_test(tc, unknown_command_and_usage_errors);
    tcase_add_test(tc, no_hypervisor_is_one_line);
    tcase_add_test(tc, create_dry_run_prints_json);
    tcase_add_test(tc, xml_conversions);
    tcase_add_test(tc, backend_commands);
    tcase_add_test(tc, xenctrl_backend);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
