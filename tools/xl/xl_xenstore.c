/*
 * xl_xenstore.c - a domain's entries in xenstore, as Xen's libxl writes
 * them for a PV guest: /local/domain/N owned by dom0 and readable by the
 * guest, its name, memory target, vCPUs, console and store rings, and the
 * directories the guest writes itself (control, data, device, ...); and
 * mem-set's new balloon target.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xenstore.h>

#include "xl_xenctrl.h"

#define PATH_LEN 96

struct xs_handle *xl_xs_open(void)
{
    struct xs_handle *xs = xs_open(XS_OPEN_SOCKETONLY);

    if ( !xs )
        xl_fail("cannot reach xenstored (is it running?): %s", strerror(errno));
    return xs;
}

static bool write_node(struct xs_handle *xs, xs_transaction_t t, const char *dom_path,
                       const char *key, const char *value, struct xs_permissions *perms,
                       unsigned int nr_perms)
{
    char path[PATH_LEN * 2];

    snprintf(path, sizeof(path), "%s%s%s", dom_path, *key ? "/" : "", key);
    return xs_write(xs, t, path, value, (unsigned int)strlen(value)) &&
           xs_set_permissions(xs, t, path, perms, nr_perms);
}

/* All of n's nodes in transaction t; false with errno on the first refusal. */
static bool write_nodes(struct xs_handle *xs, xs_transaction_t t,
                        const struct xl_domain_nodes *n, const char *dom_path)
{
    /* Read-only for the guest: dom0 owns them.  Writable: the guest owns them. */
    struct xs_permissions ro[] = { { 0, XS_PERM_NONE }, { n->domid, XS_PERM_READ } };
    struct xs_permissions rw[] = { { n->domid, XS_PERM_NONE } };
    static const char *const guest_dirs[] = {
        "control", "control/shutdown", "data", "device", "drivers", "feature", "attr",
        "error",
    };
    char v[4][32];
    const struct { const char *key; const char *value; } ro_nodes[] = {
        { "", "" },
        { "name", n->name },
        { "domid", v[0] },
        { "memory", "" },
        { "memory/target", v[1] },
        { "memory/static-max", v[2] },
        { "console", "" },
        { "console/type", "xenconsoled" },
        { "console/ring-ref", v[3] },
        { "store", "" },
    };

    snprintf(v[0], sizeof(v[0]), "%u", n->domid);
    snprintf(v[1], sizeof(v[1]), "%" PRIu64, n->target_kib);
    snprintf(v[2], sizeof(v[2]), "%" PRIu64, n->static_max_kib);
    snprintf(v[3], sizeof(v[3]), "%" PRIu64, n->console_mfn);
    for ( unsigned int i = 0; i < sizeof(ro_nodes) / sizeof(ro_nodes[0]); i++ )
        if ( !write_node(xs, t, dom_path, ro_nodes[i].key, ro_nodes[i].value, ro, 2) )
            return false;
    for ( unsigned int i = 0; i < sizeof(guest_dirs) / sizeof(guest_dirs[0]); i++ )
        if ( !write_node(xs, t, dom_path, guest_dirs[i], "", rw, 1) )
            return false;
    {
        const struct { const char *key; uint64_t value; } numbers[] = {
            { "console/port", n->console_port },
            { "store/port", n->store_port },
            { "store/ring-ref", n->store_mfn },
        };

        for ( unsigned int i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++ )
        {
            snprintf(v[0], sizeof(v[0]), "%" PRIu64, numbers[i].value);
            if ( !write_node(xs, t, dom_path, numbers[i].key, v[0], ro, 2) )
                return false;
        }
    }
    for ( unsigned int cpu = 0; cpu < n->vcpus; cpu++ )
    {
        char key[32];

        snprintf(key, sizeof(key), "cpu/%u/availability", cpu);
        if ( !write_node(xs, t, dom_path, key, "online", ro, 2) )
            return false;
    }
    return true;
}

int xl_xs_announce(struct xs_handle *xs, const struct xl_domain_nodes *n)
{
    char dom_path[PATH_LEN];
    int tries = 0;

    snprintf(dom_path, sizeof(dom_path), "/local/domain/%u", n->domid);
    for ( ;; )
    {
        xs_transaction_t t = xs_transaction_start(xs);
        bool ok;

        if ( t == XBT_NULL )
            return xl_fail("xenstore: cannot start a transaction: %s", strerror(errno));
        ok = write_nodes(xs, t, n, dom_path);
        if ( !ok )
        {
            int err = errno;

            xs_transaction_end(xs, t, true);
            return xl_fail("xenstore: cannot write %s: %s", dom_path, strerror(err));
        }
        if ( xs_transaction_end(xs, t, false) )
            break;
        if ( errno != EAGAIN || ++tries == 10 )
            return xl_fail("xenstore: %s not committed: %s", dom_path, strerror(errno));
    }
    if ( xs_introduce_domain(xs, n->domid, n->store_mfn, n->store_port) )
        return 0;
    return xl_fail("xenstore: xenstored refused to introduce domain %u: %s", n->domid,
                   strerror(errno));
}

void xl_xs_forget(struct xs_handle *xs, uint32_t domid)
{
    char dom_path[PATH_LEN];

    snprintf(dom_path, sizeof(dom_path), "/local/domain/%u", domid);
    xs_rm(xs, XBT_NULL, dom_path);
    /* The back ends dom0 serves it (pciback's, from pci-attach). */
    snprintf(dom_path, sizeof(dom_path), "/local/domain/0/backend/pci/%u", domid);
    xs_rm(xs, XBT_NULL, dom_path);
    if ( xs_is_domain_introduced(xs, domid) && xs_release_domain(xs, domid) )
    {
        /*
         * xenstored unmaps the ring once it has answered the release; one more
         * round trip returns only after that, so no frame of the domain is
         * still mapped when the caller destroys it.
         */
        xs_is_domain_introduced(xs, domid);
    }
}

int xl_xs_set_target(struct xs_handle *xs, uint32_t domid, uint64_t kib)
{
    char path[PATH_LEN], value[24], *max, *end;
    unsigned long long max_kib;

    snprintf(path, sizeof(path), "/local/domain/%u/memory/static-max", domid);
    if ( !(max = xs_read(xs, XBT_NULL, path, NULL)) )
        return xl_fail("mem-set: domain %u has no %s (not created by xl?)", domid, path);
    max_kib = strtoull(max, &end, 10);
    if ( *end || end == max )
    {
        xl_fail("mem-set: %s holds '%s', not a number of KiB", path, max);
        free(max);
        return -1;
    }
    free(max);
    if ( kib > max_kib )
        return xl_fail("mem-set: %llu KiB is above domain %u's maxmem (%llu KiB)",
                       (unsigned long long)kib, domid, max_kib);
    snprintf(path, sizeof(path), "/local/domain/%u/memory/target", domid);
    snprintf(value, sizeof(value), "%" PRIu64, kib);
    if ( !xs_write(xs, XBT_NULL, path, value, (unsigned int)strlen(value)) )
        return xl_fail("mem-set: cannot write %s: %s", path, strerror(errno));
    return 0;
}

char *xl_xs_name(struct xs_handle *xs, uint32_t domid)
{
    char path[PATH_LEN];

    snprintf(path, sizeof(path), "/local/domain/%u/name", domid);
    return xs_read(xs, XBT_NULL, path, NULL);
}

int xl_xs_find_name(struct xs_handle *xs, const char *name, uint32_t *domid)
{
    unsigned int nr = 0;
    char **ids = xs_directory(xs, XBT_NULL, "/local/domain", &nr);
    int rc = -1;

    for ( unsigned int i = 0; ids && i < nr && rc; i++ )
    {
        char *end, *found;
        unsigned long id = strtoul(ids[i], &end, 10);

        if ( *end || end == ids[i] || id >= DOMID_FIRST_RESERVED )
            continue;
        found = xl_xs_name(xs, (uint32_t)id);
        if ( found && !strcmp(found, name) )
        {
            *domid = (uint32_t)id;
            rc = 0;
        }
        free(found);
    }
    free(ids);
    return rc;
}
