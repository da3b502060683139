/*
 * xl_pciback.c - PCI passthrough from dom0 (rules in xl_pciback.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "xl_pciback.h"

const char *xl_sysfs_root = "/sys";

/* Xenbus states (xen/io/xenbus.h) as pciback and pcifront use them. */
enum {
    XENBUS_INITIALISING = 1,
    XENBUS_CONNECTED = 4,
    XENBUS_CLOSING = 5,
    XENBUS_RECONFIGURING = 7,
};

#define PCI_NAME_LEN 16
#define NODE_LEN 128
#define NR_RESOURCES 7                  /* six BARs and the ROM, as sysfs lists them */
#define IORESOURCE_IO 0x100
#define IORESOURCE_MEM 0x200
#define RECONFIGURE_WAIT_MS 10000
#define TX_RETRIES 16

/* Per-device keys of a backend entry, moved together when one is removed. */
static const char *const entry_keys[] = { "dev", "state", "opts", "key", "vdev", "vdevfn" };

struct pci_resource {
    uint64_t start, end, flags;
};

static void pci_name(const struct argon_pci_dev *d, char name[PCI_NAME_LEN])
{
    snprintf(name, PCI_NAME_LEN, "%04x:%02x:%02x.%x", d->domain, d->bus, d->dev, d->func);
}

static uint32_t pci_sbdf(const struct argon_pci_dev *d)
{
    return (uint32_t)d->domain << 16 | (uint32_t)d->bus << 8 | (uint32_t)d->dev << 3 | d->func;
}

static void sysfs_path(char *buf, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void sysfs_path(char *buf, size_t len, const char *fmt, ...)
{
    va_list ap;
    int n = snprintf(buf, len, "%s/", xl_sysfs_root);

    va_start(ap, fmt);
    vsnprintf(buf + n, len - (size_t)n, fmt, ap);
    va_end(ap);
}

/* Write value to a sysfs attribute: 0, or -1 with errno. */
static int sysfs_write(const char *path, const char *value)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    ssize_t w;

    if ( fd < 0 )
        return -1;
    w = write(fd, value, strlen(value));
    if ( close(fd) && w >= 0 )
        return -1;
    return w == (ssize_t)strlen(value) ? 0 : -1;
}

static bool device_exists(const char *name)
{
    char path[PATH_MAX];
    struct stat st;

    sysfs_path(path, sizeof(path), "bus/pci/devices/%s", name);
    return stat(path, &st) == 0;
}

/* The driver name bound to the device: 0, or 1 when none is. */
static int device_driver(const char *name, char *drv, size_t len)
{
    char path[PATH_MAX], target[PATH_MAX];
    ssize_t n;
    const char *base;

    sysfs_path(path, sizeof(path), "bus/pci/devices/%s/driver", name);
    if ( (n = readlink(path, target, sizeof(target) - 1)) < 0 )
        return 1;
    target[n] = '\0';
    base = strrchr(target, '/');
    base = base ? base + 1 : target;
    if ( strlen(base) >= len )
        return 1;                       /* no driver of ours has so long a name */
    strcpy(drv, base);
    return 0;
}

static bool bound_to_pciback(const char *name)
{
    char drv[64];

    return device_driver(name, drv, sizeof(drv)) == 0 && !strcmp(drv, "pciback");
}

static int pciback_write(const char *attr, const char *name)
{
    char path[PATH_MAX];

    sysfs_path(path, sizeof(path), "bus/pci/drivers/pciback/%s", attr);
    return sysfs_write(path, name);
}

static struct xs_handle *open_store(void)
{
    struct xs_handle *xs = xs_open(0);

    if ( !xs )
        xl_failed("cannot reach xenstored (is it running?): %s", strerror(errno));
    return xs;
}

/* libxl's key for the driver a device had before pciback. */
static void driver_node(const struct argon_pci_dev *d, char *buf, size_t len)
{
    snprintf(buf, len, "/libxl/pci/%04x-%02x-%02x-%x/driver_path", d->domain, d->bus, d->dev,
             d->func);
}

int xl_pci_assignable_add(const struct argon_pci_dev *dev)
{
    char name[PCI_NAME_LEN], drv[64], path[PATH_MAX], node[NODE_LEN];
    bool had_driver;

    pci_name(dev, name);
    if ( !device_exists(name) )
        return xl_failed("%s: no such PCI device in dom0", name);
    sysfs_path(path, sizeof(path), "bus/pci/drivers/pciback");
    if ( access(path, F_OK) )
        return xl_failed("%s: xen-pciback is not loaded in dom0 (modprobe xen-pciback)", name);
    had_driver = device_driver(name, drv, sizeof(drv)) == 0;
    if ( had_driver && !strcmp(drv, "pciback") )
    {
        fprintf(xl_err, "xl: %s is already assignable\n", name);
        return 0;
    }

    if ( had_driver )
    {
        struct xs_handle *xs = open_store();
        char saved[PATH_MAX];

        if ( !xs )
            return -1;
        driver_node(dev, node, sizeof(node));
        snprintf(saved, sizeof(saved), "/sys/bus/pci/drivers/%s", drv);
        if ( !xs_write(xs, XBT_NULL, node, saved, (unsigned int)strlen(saved)) )
        {
            xs_close(xs);
            return xl_failed("%s: cannot remember its driver %s in xenstore: %s", name, drv,
                           strerror(errno));
        }
        xs_close(xs);
        sysfs_path(path, sizeof(path), "bus/pci/devices/%s/driver/unbind", name);
        if ( sysfs_write(path, name) )
            return xl_failed("%s: cannot unbind it from %s: %s", name, drv, strerror(errno));
    }
    /* new_slot makes pciback claim the device; bind attaches it now. */
    if ( pciback_write("new_slot", name) || pciback_write("bind", name) ||
         !bound_to_pciback(name) )
    {
        int err = errno;

        pciback_write("remove_slot", name);
        if ( had_driver )
        {
            sysfs_path(path, sizeof(path), "bus/pci/drivers/%s/bind", drv);
            sysfs_write(path, name);
        }
        return xl_failed("%s: pciback did not take it: %s", name, strerror(err));
    }
    return 0;
}

int xl_pci_assignable_remove(const struct argon_pci_dev *dev, bool rebind)
{
    char name[PCI_NAME_LEN], node[NODE_LEN], path[PATH_MAX];
    struct xs_handle *xs;
    char *saved = NULL;
    uint32_t owner;
    int rc = 0;

    pci_name(dev, name);
    if ( !bound_to_pciback(name) )
        return xl_failed("%s is not assignable (pciback does not hold it)", name);
    if ( !(xs = open_store()) )
        return -1;
    if ( (rc = xl_pci_backend_owner(xs, dev, &owner)) <= 0 )
    {
        xs_close(xs);
        return rc < 0 ? -1 : xl_failed("%s is attached to domain %u (xl pci-detach first)",
                                     name, owner);
    }
    driver_node(dev, node, sizeof(node));
    if ( rebind )
        saved = xs_read(xs, XBT_NULL, node, NULL);

    rc = 0;
    if ( pciback_write("unbind", name) )
        rc = xl_failed("%s: cannot unbind it from pciback: %s", name, strerror(errno));
    else
    {
        pciback_write("remove_slot", name);
        if ( rebind && !saved )
            rc = xl_failed("%s: no driver to give it back to was recorded", name);
        else if ( rebind )
        {
            const char *drv = strrchr(saved, '/');

            sysfs_path(path, sizeof(path), "bus/pci/drivers/%s/bind", drv ? drv + 1 : saved);
            if ( sysfs_write(path, name) )
                rc = xl_failed("%s: cannot bind it to %s: %s", name, saved, strerror(errno));
        }
        xs_rm(xs, XBT_NULL, node);
    }
    free(saved);
    xs_close(xs);
    return rc;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int xl_pci_assignable_list(FILE *out)
{
    char path[PATH_MAX], **names = NULL;
    size_t nr = 0;
    struct dirent *e;
    DIR *dir;

    sysfs_path(path, sizeof(path), "bus/pci/drivers/pciback");
    if ( !(dir = opendir(path)) )
        return errno == ENOENT ? 0 : xl_failed("cannot read %s: %s", path, strerror(errno));
    while ( (e = readdir(dir)) )
    {
        unsigned int seg, bus, dev, fn;
        char extra, **grown;

        if ( sscanf(e->d_name, "%4x:%2x:%2x.%1x%c", &seg, &bus, &dev, &fn, &extra) != 4 )
            continue;
        if ( !(grown = realloc(names, (nr + 1) * sizeof(*names))) ||
             !(grown[nr] = strdup(e->d_name)) )
        {
            names = grown ? grown : names;
            break;
        }
        names = grown;
        nr++;
    }
    closedir(dir);
    qsort(names, nr, sizeof(*names), compare_names);
    for ( size_t i = 0; i < nr; i++ )
    {
        fprintf(out, "%s\n", names[i]);
        free(names[i]);
    }
    free(names);
    return 0;
}

/* The device's BARs and ROM from sysfs: how many, or -1 after a message. */
static int read_resources(const char *name, struct pci_resource res[NR_RESOURCES])
{
    char path[PATH_MAX], line[128];
    int nr = 0;
    FILE *f;

    sysfs_path(path, sizeof(path), "bus/pci/devices/%s/resource", name);
    if ( !(f = fopen(path, "re")) )
        return xl_failed("%s: cannot read its resources: %s", name, strerror(errno));
    while ( nr < NR_RESOURCES && fgets(line, sizeof(line), f) )
    {
        struct pci_resource *r = &res[nr];

        if ( sscanf(line, "%" SCNx64 " %" SCNx64 " %" SCNx64, &r->start, &r->end,
                    &r->flags) != 3 )
        {
            fclose(f);
            return xl_failed("%s: unexpected line in %s: %s", name, path, line);
        }
        nr++;
    }
    fclose(f);
    return nr;
}

static int read_irq(const char *name)
{
    char path[PATH_MAX];
    int irq = 0;
    FILE *f;

    sysfs_path(path, sizeof(path), "bus/pci/devices/%s/irq", name);
    if ( (f = fopen(path, "re")) )
    {
        if ( fscanf(f, "%d", &irq) != 1 )
            irq = 0;
        fclose(f);
    }
    return irq;
}

/* Grant (allow) or revoke the domain's access to the first nr resources. */
static int set_resource_permissions(xc_interface *xch, uint32_t domid, const char *name,
                                    const struct pci_resource *res, int nr, bool allow)
{
    for ( int i = 0; i < nr; i++ )
    {
        const struct pci_resource *r = &res[i];
        int rc = 0;

        if ( !r->start || r->end < r->start )
            continue;
        if ( r->flags & IORESOURCE_IO )
            rc = xc_domain_ioport_permission(xch, domid, (uint32_t)r->start,
                                             (uint32_t)(r->end - r->start + 1), allow);
        else if ( r->flags & IORESOURCE_MEM )
            rc = xc_domain_iomem_permission(xch, domid, r->start >> 12,
                                            (r->end >> 12) - (r->start >> 12) + 1, allow);
        if ( rc && allow )
        {
            xl_failed("%s: resource %d of domain %u: %s", name, i, domid,
                    xc_get_last_error(xch)->message);
            set_resource_permissions(xch, domid, name, res, i, false);
            return -1;
        }
    }
    return 0;
}

int xl_pci_attach(xc_interface *xch, uint32_t domid, const struct argon_pci_dev *dev)
{
    char name[PCI_NAME_LEN];
    struct pci_resource res[NR_RESOURCES];
    struct xs_handle *xs;
    uint32_t owner;
    int nr, irq, pirq = -1, rc;

    pci_name(dev, name);
    if ( !bound_to_pciback(name) )
        return xl_failed("%s is not assignable (xl pci-assignable-add %s first)", name, name);
    if ( (nr = read_resources(name, res)) < 0 || !(xs = open_store()) )
        return -1;
    if ( (rc = xl_pci_backend_owner(xs, dev, &owner)) <= 0 )
    {
        xs_close(xs);
        return rc < 0 ? -1 : xl_failed("%s is already attached to domain %u", name, owner);
    }
    irq = read_irq(name);

    if ( set_resource_permissions(xch, domid, name, res, nr, true) )
        goto fail_perms;
    if ( irq > 0 )
    {
        /* The domain may have the GSI (dom0's pirq of the same number), then it is mapped for it. */
        if ( xc_domain_irq_permission(xch, domid, (uint32_t)irq, 1) )
        {
            xl_failed("%s: IRQ %d for domain %u: %s", name, irq, domid,
                      xc_get_last_error(xch)->message);
            goto fail_irq;
        }
        if ( xc_physdev_map_pirq(xch, domid, irq, &pirq) )
        {
            if ( errno == ENOSYS )
                fprintf(xl_err, "xl: warning: %s: its interrupt (IRQ %d) is not passed "
                        "through: this hypervisor has no PHYSDEVOP_map_pirq\n", name, irq);
            else
            {
                xl_failed("%s: mapping IRQ %d for domain %u: %s", name, irq, domid,
                          xc_get_last_error(xch)->message);
                goto fail_irq;
            }
        }
    }
    if ( xc_assign_device(xch, domid, pci_sbdf(dev), 0) )
    {
        xl_failed("%s: assigning it to domain %u: %s", name, domid,
                xc_get_last_error(xch)->message);
        goto fail_irq;
    }
    if ( xl_pci_backend_add(xs, domid, dev) )
        goto fail_assigned;
    xs_close(xs);
    return 0;

 fail_assigned:
    xc_deassign_device(xch, domid, pci_sbdf(dev));
 fail_irq:
    if ( irq > 0 )
        xc_domain_irq_permission(xch, domid, (uint32_t)irq, 0);
    set_resource_permissions(xch, domid, name, res, nr, false);
 fail_perms:
    xs_close(xs);
    return -1;
}

int xl_pci_detach(xc_interface *xch, uint32_t domid, const struct argon_pci_dev *dev,
                  bool force)
{
    char name[PCI_NAME_LEN];
    struct pci_resource res[NR_RESOURCES];
    struct xs_handle *xs;
    uint32_t owner;
    int nr, irq, rc;

    pci_name(dev, name);
    if ( !(xs = open_store()) )
        return -1;
    if ( (rc = xl_pci_backend_owner(xs, dev, &owner)) != 0 || owner != domid )
    {
        xs_close(xs);
        return rc < 0 ? -1 : xl_failed("%s is not attached to domain %u", name, domid);
    }
    rc = xl_pci_backend_remove(xs, domid, dev, force);
    xs_close(xs);
    if ( rc )
        return -1;
    if ( xc_deassign_device(xch, domid, pci_sbdf(dev)) )
        return xl_failed("%s: taking it back from domain %u: %s", name, domid,
                       xc_get_last_error(xch)->message);
    if ( (nr = read_resources(name, res)) > 0 )
        set_resource_permissions(xch, domid, name, res, nr, false);
    if ( (irq = read_irq(name)) > 0 )
        xc_domain_irq_permission(xch, domid, (uint32_t)irq, 0);
    return 0;
}

/* --- The xenstore half ------------------------------------------------------ */

static void backend_dir(uint32_t domid, char *buf, size_t len)
{
    snprintf(buf, len, "/local/domain/0/backend/pci/%u/0", domid);
}

static void frontend_dir(uint32_t domid, char *buf, size_t len)
{
    snprintf(buf, len, "/local/domain/%u/device/pci/0", domid);
}

/* A decimal node, or fallback when it is absent or not a number. */
static long read_long(struct xs_handle *xs, xs_transaction_t t, const char *dir,
                      const char *key, long fallback)
{
    char path[2 * NODE_LEN], *text, *end;
    long v;

    snprintf(path, sizeof(path), "%s/%s", dir, key);
    if ( !(text = xs_read(xs, t, path, NULL)) )
        return fallback;
    v = strtol(text, &end, 10);
    if ( end == text || *end )
        v = fallback;
    free(text);
    return v;
}

static bool write_key(struct xs_handle *xs, xs_transaction_t t, const char *dir,
                      const char *key, const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static bool write_key(struct xs_handle *xs, xs_transaction_t t, const char *dir,
                      const char *key, const char *fmt, ...)
{
    char path[2 * NODE_LEN], value[2 * NODE_LEN];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(value, sizeof(value), fmt, ap);
    va_end(ap);
    snprintf(path, sizeof(path), "%s/%s", dir, key);
    return xs_write(xs, t, path, value, (unsigned int)strlen(value));
}

/* Entry i of a backend holds dev: -1 when none does. */
static int find_entry(struct xs_handle *xs, xs_transaction_t t, const char *be,
                      const char *name, long num)
{
    for ( long i = 0; i < num; i++ )
    {
        char key[32], path[2 * NODE_LEN], *v;
        bool same;

        snprintf(key, sizeof(key), "dev-%ld", i);
        snprintf(path, sizeof(path), "%s/%s", be, key);
        if ( !(v = xs_read(xs, t, path, NULL)) )
            continue;
        same = !strcmp(v, name);
        free(v);
        if ( same )
            return (int)i;
    }
    return -1;
}

int xl_pci_backend_owner(struct xs_handle *xs, const struct argon_pci_dev *dev,
                         uint32_t *domid)
{
    char name[PCI_NAME_LEN], **doms;
    unsigned int nr;
    int found = 1;

    pci_name(dev, name);
    if ( !(doms = xs_directory(xs, XBT_NULL, "/local/domain/0/backend/pci", &nr)) )
        return errno == ENOENT ? 1 : xl_failed("cannot read the PCI backends: %s",
                                              strerror(errno));
    for ( unsigned int i = 0; i < nr && found; i++ )
    {
        char be[NODE_LEN];
        char *end;
        unsigned long id = strtoul(doms[i], &end, 10);

        if ( *end )
            continue;
        backend_dir((uint32_t)id, be, sizeof(be));
        if ( find_entry(xs, XBT_NULL, be, name, read_long(xs, XBT_NULL, be, "num_devs", 0)) >= 0 )
        {
            *domid = (uint32_t)id;
            found = 0;
        }
    }
    free(doms);
    return found;
}

/* Create a backend/frontend pair for domid with libxl's nodes and owners. */
static bool create_pair(struct xs_handle *xs, xs_transaction_t t, uint32_t domid,
                        const char *be, const char *fe)
{
    struct xs_permissions be_perms[] = { { 0, XS_PERM_NONE }, { domid, XS_PERM_READ } };
    struct xs_permissions fe_perms[] = { { domid, XS_PERM_NONE }, { 0, XS_PERM_READ } };
    char path[NODE_LEN], *dom_name;
    bool ok;

    snprintf(path, sizeof(path), "/local/domain/%u/name", domid);
    dom_name = xs_read(xs, t, path, NULL);
    /* Children inherit their directory's permissions: set them first. */
    ok = xs_mkdir(xs, t, be) && xs_set_permissions(xs, t, be, be_perms, 2) &&
         write_key(xs, t, be, "frontend", "%s", fe) &&
         write_key(xs, t, be, "frontend-id", "%u", domid) &&
         write_key(xs, t, be, "online", "1") &&
         write_key(xs, t, be, "state", "%d", XENBUS_INITIALISING) &&
         write_key(xs, t, be, "domain", "%s", dom_name ? dom_name : "") &&
         xs_mkdir(xs, t, fe) && xs_set_permissions(xs, t, fe, fe_perms, 2) &&
         write_key(xs, t, fe, "backend", "%s", be) &&
         write_key(xs, t, fe, "backend-id", "0") &&
         write_key(xs, t, fe, "state", "%d", XENBUS_INITIALISING);
    free(dom_name);
    return ok;
}

static bool write_entry(struct xs_handle *xs, xs_transaction_t t, const char *be,
                        const char *base, long i, const char *value)
{
    char key[32];

    snprintf(key, sizeof(key), "%s-%ld", base, i);
    return write_key(xs, t, be, key, "%s", value);
}

/* End t, committing if ok: 0 done, 1 retry (a conflicting change), -1 after a message. */
static int finish(struct xs_handle *xs, xs_transaction_t t, bool ok, const char *what)
{
    int err = errno;

    if ( !ok )
    {
        xs_transaction_end(xs, t, true);
        return xl_failed("%s: xenstore refused: %s", what, strerror(err));
    }
    if ( xs_transaction_end(xs, t, false) )
        return 0;
    if ( errno == EAGAIN )
        return 1;
    return xl_failed("%s: xenstore refused: %s", what, strerror(errno));
}

int xl_pci_backend_add(struct xs_handle *xs, uint32_t domid, const struct argon_pci_dev *dev)
{
    char name[PCI_NAME_LEN], be[NODE_LEN], fe[NODE_LEN], opts[64];

    pci_name(dev, name);
    backend_dir(domid, be, sizeof(be));
    frontend_dir(domid, fe, sizeof(fe));
    snprintf(opts, sizeof(opts), "msitranslate=%d,power_mgmt=0,permissive=%d",
             dev->msitranslate, dev->permissive);
    for ( int attempt = 0; attempt < TX_RETRIES; attempt++ )
    {
        xs_transaction_t t = xs_transaction_start(xs);
        char state[8];
        long num;
        bool ok;
        int rc;

        if ( t == XBT_NULL )
            return xl_failed("%s: no xenstore transaction: %s", name, strerror(errno));
        num = read_long(xs, t, be, "num_devs", 0);
        if ( num > 0 && find_entry(xs, t, be, name, num) >= 0 )
        {
            xs_transaction_end(xs, t, true);
            return xl_failed("%s is already attached to domain %u", name, domid);
        }
        snprintf(state, sizeof(state), "%d", XENBUS_INITIALISING);
        ok = (num > 0 || create_pair(xs, t, domid, be, fe)) &&
             write_entry(xs, t, be, "key", num, name) &&
             write_entry(xs, t, be, "dev", num, name) &&
             write_entry(xs, t, be, "opts", num, opts) &&
             write_entry(xs, t, be, "state", num, state) &&
             write_key(xs, t, be, "num_devs", "%ld", num + 1);
        /* A connected pair takes a new device through a reconfiguration. */
        if ( ok && num > 0 && read_long(xs, t, be, "state", 0) == XENBUS_CONNECTED )
            ok = write_key(xs, t, be, "state", "%d", XENBUS_RECONFIGURING);
        if ( (rc = finish(xs, t, ok, name)) <= 0 )
            return rc;
    }
    return xl_failed("%s: xenstore kept changing under the attach", name);
}

/* Wait for the backend to be Connected again after a reconfiguration. */
static bool wait_connected(struct xs_handle *xs, const char *be)
{
    struct timespec pause = { 0, 100 * 1000000L };

    for ( int waited = 0; waited < RECONFIGURE_WAIT_MS; waited += 100 )
    {
        if ( read_long(xs, XBT_NULL, be, "state", 0) == XENBUS_CONNECTED )
            return true;
        nanosleep(&pause, NULL);
    }
    return false;
}

/* Entry i leaves: the later entries move down one. */
static bool compact_entries(struct xs_handle *xs, xs_transaction_t t, const char *be, long i,
                            long num)
{
    bool ok = true;

    for ( long j = i + 1; j < num && ok; j++ )
        for ( size_t k = 0; k < sizeof(entry_keys) / sizeof(entry_keys[0]) && ok; k++ )
        {
            char from[2 * NODE_LEN], to[2 * NODE_LEN], *v;

            snprintf(from, sizeof(from), "%s/%s-%ld", be, entry_keys[k], j);
            snprintf(to, sizeof(to), "%s/%s-%ld", be, entry_keys[k], j - 1);
            if ( (v = xs_read(xs, t, from, NULL)) )
                ok = xs_write(xs, t, to, v, (unsigned int)strlen(v));
            else
                ok = xs_rm(xs, t, to) || errno == ENOENT;
            free(v);
        }
    for ( size_t k = 0; k < sizeof(entry_keys) / sizeof(entry_keys[0]) && ok; k++ )
    {
        char last[2 * NODE_LEN];

        snprintf(last, sizeof(last), "%s/%s-%ld", be, entry_keys[k], num - 1);
        ok = xs_rm(xs, t, last) || errno == ENOENT;
    }
    return ok && write_key(xs, t, be, "num_devs", "%ld", num - 1);
}

int xl_pci_backend_remove(struct xs_handle *xs, uint32_t domid,
                          const struct argon_pci_dev *dev, bool force)
{
    char name[PCI_NAME_LEN], be[NODE_LEN], fe[NODE_LEN], parent[NODE_LEN];
    long num, i;

    pci_name(dev, name);
    backend_dir(domid, be, sizeof(be));
    frontend_dir(domid, fe, sizeof(fe));
    num = read_long(xs, XBT_NULL, be, "num_devs", 0);
    if ( (i = find_entry(xs, XBT_NULL, be, name, num)) < 0 )
        return xl_failed("%s is not attached to domain %u", name, domid);
    if ( num == 1 )
    {
        /* The last device: the pair goes, and pciback lets the device go with it. */
        snprintf(parent, sizeof(parent), "/local/domain/0/backend/pci/%u", domid);
        if ( !xs_rm(xs, XBT_NULL, parent) || (!xs_rm(xs, XBT_NULL, fe) && errno != ENOENT) )
            return xl_failed("%s: cannot remove its xenstore nodes: %s", name, strerror(errno));
        return 0;
    }
    if ( read_long(xs, XBT_NULL, be, "state", 0) == XENBUS_CONNECTED && !force )
    {
        char state[8];

        snprintf(state, sizeof(state), "%d", XENBUS_CLOSING);
        if ( !write_entry(xs, XBT_NULL, be, "state", i, state) ||
             !write_key(xs, XBT_NULL, be, "state", "%d", XENBUS_RECONFIGURING) )
            return xl_failed("%s: cannot ask domain %u to release it: %s", name, domid,
                           strerror(errno));
        if ( !wait_connected(xs, be) )
            return xl_failed("domain %u did not release %s within %d s (-f forces it)", domid,
                           name, RECONFIGURE_WAIT_MS / 1000);
    }
    for ( int attempt = 0; attempt < TX_RETRIES; attempt++ )
    {
        xs_transaction_t t = xs_transaction_start(xs);
        int rc;

        if ( t == XBT_NULL )
            return xl_failed("%s: no xenstore transaction: %s", name, strerror(errno));
        num = read_long(xs, t, be, "num_devs", 0);
        i = find_entry(xs, t, be, name, num);
        if ( (rc = finish(xs, t, i >= 0 && compact_entries(xs, t, be, i, num), name)) <= 0 )
            return rc;
    }
    return xl_failed("%s: xenstore kept changing under the detach", name);
}

int xl_pci_list(uint32_t domid, FILE *out)
{
    char be[NODE_LEN];
    struct xs_handle *xs = open_store();
    long num;

    if ( !xs )
        return -1;
    backend_dir(domid, be, sizeof(be));
    num = read_long(xs, XBT_NULL, be, "num_devs", 0);
    fprintf(out, "%-5s %-13s %s\n", "Index", "Device", "State");
    for ( long i = 0; i < num; i++ )
    {
        char path[2 * NODE_LEN], *dev;

        snprintf(path, sizeof(path), "%s/dev-%ld", be, i);
        if ( !(dev = xs_read(xs, XBT_NULL, path, NULL)) )
            continue;
        snprintf(path, sizeof(path), "state-%ld", i);
        fprintf(out, "%-5ld %-13s %ld\n", i, dev, read_long(xs, XBT_NULL, be, path, 0));
        free(dev);
    }
    xs_close(xs);
    return 0;
}
