/*
 * PCI enumeration over a fake configuration space: bridges, multi-function
 * devices, absent functions, 32/64-bit and I/O BAR sizing with decoding
 * off, capabilities (MSI, MSI-X, PCIe, ATS), corrupt or looping capability
 * lists, the bus sweep, the boot listing, and MCFG decoding.
 */
#include <stdlib.h>
#include <string.h>

#include <xen/errno.h>
#include <xen/pci.h>
#include <xen/pci-dev.h>
#include <xen/pci_regs.h>

#include "hostenv.h"

struct fake_fn {
    bool present;
    uint8_t cfg[4096];
    uint32_t bar_mask[6];       /* writable bits of each BAR */
};

static struct fake_fn *space;   /* 65536 functions of segment 0 */
static unsigned int bar_writes_decoding;    /* BAR writes while decode was on */

static uint32_t fake_read(uint16_t seg, uint16_t bdf, unsigned int reg, unsigned int size)
{
    uint32_t v = 0;

    ck_assert(reg + size <= 4096 && !(reg & (size - 1)));
    if ( seg || !space[bdf].present )
        return size == 4 ? ~0u : size == 2 ? 0xffff : 0xff;
    memcpy(&v, &space[bdf].cfg[reg], size);
    return v;
}

static void fake_write(uint16_t seg, uint16_t bdf, unsigned int reg, unsigned int size,
                       uint32_t value)
{
    struct fake_fn *f = &space[bdf];

    ck_assert(reg + size <= 4096 && !(reg & (size - 1)));
    if ( seg || !f->present )
        return;
    if ( reg >= PCI_BAR0 && reg < PCI_BAR0 + 24 )
    {
        unsigned int i = (reg - PCI_BAR0) / 4;
        uint32_t old;

        ck_assert_uint_eq(size, 4);
        if ( f->cfg[PCI_COMMAND] & (PCI_COMMAND_IO | PCI_COMMAND_MEMORY) )
            bar_writes_decoding++;
        memcpy(&old, &f->cfg[reg], 4);
        value = (value & f->bar_mask[i]) | (old & ~f->bar_mask[i]);
    }
    memcpy(&f->cfg[reg], &value, size);
}

static const struct pci_conf_ops fake_ops = { fake_read, fake_write };

static struct pci_dev *alloc_dev(void)
{
    return calloc(1, sizeof(struct pci_dev));
}

static unsigned int allocs_left;

static struct pci_dev *alloc_limited(void)
{
    return allocs_left-- ? calloc(1, sizeof(struct pci_dev)) : NULL;
}

static struct fake_fn *add_fn(uint16_t bdf, uint16_t vendor, uint16_t device,
                              uint8_t header_type)
{
    struct fake_fn *f = &space[bdf];

    f->present = true;
    memcpy(&f->cfg[0], &vendor, 2);
    memcpy(&f->cfg[2], &device, 2);
    f->cfg[PCI_HEADER_TYPE] = header_type;
    return f;
}

static void set_bar(struct fake_fn *f, unsigned int i, uint32_t value, uint32_t mask)
{
    memcpy(&f->cfg[PCI_BAR0 + 4 * i], &value, 4);
    f->bar_mask[i] = mask;
}

static void set_class(struct fake_fn *f, uint32_t class)
{
    uint32_t v = class << 8;

    memcpy(&f->cfg[PCI_CLASS_REVISION], &v, 4);
}

static void add_cap(struct fake_fn *f, uint8_t pos, uint8_t id, uint8_t next)
{
    f->cfg[PCI_STATUS] |= PCI_STATUS_CAP_LIST;
    if ( f->cfg[PCI_CAPABILITY_LIST] == 0 )
        f->cfg[PCI_CAPABILITY_LIST] = pos;
    f->cfg[pos] = id;
    f->cfg[pos + 1] = next;
}

static void add_ext_cap(struct fake_fn *f, uint16_t pos, uint16_t id, uint16_t next)
{
    uint32_t h = id | (1u << 16) | ((uint32_t)next << 20);

    memcpy(&f->cfg[pos], &h, 4);
}

static struct pci_dev *pdev(uint8_t bus, uint8_t dev, uint8_t fn)
{
    return pci_get_pdev_devfn(0, bus, PCI_DEVFN(dev, fn));
}

/*
 * Bus 0: host bridge 00:00.0; edu-like 00:05.0 (decoding on); a single-
 * function device 00:02.0 whose header would also answer at fn 1; a
 * multi-function device 00:1f with functions 0 and 3 only; a bridge 00:1c.0
 * to bus 1.  Bus 1: a PCIe device with a 64-bit prefetchable BAR, an I/O
 * BAR, MSI-X, PCIe and ATS (after AER).  Bus 3 holds a function no bridge
 * leads to (another host bridge's root bus).
 */
static void build_topology(void)
{
    struct fake_fn *f;

    space = calloc(65536, sizeof(*space));
    bar_writes_decoding = 0;
    f = add_fn(PCI_BDF(0, 0, 0), 0x8086, 0x29c0, 0);
    set_class(f, 0x060000);

    f = add_fn(PCI_BDF(0, 5, 0), 0x1234, 0x11e8, 0);
    set_class(f, 0x00ff00);
    set_bar(f, 0, 0xfea00000u, 0xfff00000u);               /* 1 MiB, 32-bit */
    f->cfg[PCI_COMMAND] = PCI_COMMAND_MEMORY | PCI_COMMAND_IO;
    add_cap(f, 0x40, PCI_CAP_ID_MSI, 0);

    add_fn(PCI_BDF(0, 2, 0), 0x1234, 0x1111, 0);           /* single function: */
    add_fn(PCI_BDF(0, 2, 1), 0x1234, 0x2222, 0);           /* fn 1 is not looked at */

    f = add_fn(PCI_BDF(0, 0x1c, 0), 0x8086, 0x2940,
               PCI_HEADER_TYPE_BRIDGE | PCI_HEADER_MULTI_FUNCTION);
    set_class(f, 0x060400);
    f->cfg[PCI_PRIMARY_BUS] = 0;
    f->cfg[PCI_SECONDARY_BUS] = 1;
    f->cfg[PCI_SUBORDINATE_BUS] = 1;

    f = add_fn(PCI_BDF(1, 0, 0), 0x1af4, 0x1041, 0);       /* behind the bridge */
    set_bar(f, 0, 0xfe000000u | PCI_BAR_MEM_TYPE_64 | PCI_BAR_MEM_PREFETCH, 0xffffc000u);
    set_bar(f, 1, 0x1, 0xffffffffu);                       /* upper half: 0x1_fe000000 */
    set_bar(f, 2, 0xc001, 0xffe0);                         /* 32 bytes of 16-bit I/O */
    set_bar(f, 4, PCI_BAR_MEM_TYPE_64, 0);                 /* 8 GiB, 64-bit: */
    set_bar(f, 5, 0x4, 0xfffffffeu);                       /* base 0x4_00000000 */
    add_cap(f, 0x40, PCI_CAP_ID_PM, 0x50);
    add_cap(f, 0x50, PCI_CAP_ID_MSIX, 0x60);
    add_cap(f, 0x60, PCI_CAP_ID_EXP, 0);
    add_ext_cap(f, 0x100, PCI_EXT_CAP_ID_ERR, 0x148);
    add_ext_cap(f, 0x148, PCI_EXT_CAP_ID_ATS, 0);

    f = add_fn(PCI_BDF(0, 0x1f, 0), 0x8086, 0x2918, PCI_HEADER_MULTI_FUNCTION);
    set_class(f, 0x060100);
    f = add_fn(PCI_BDF(0, 0x1f, 3), 0x8086, 0x2930, 0);
    set_bar(f, 0, 0xfebf0000u, 0xfffff000u);               /* 4 KiB, 32-bit */

    add_fn(PCI_BDF(3, 4, 0), 0x1b36, 0x0001, 0);           /* unreachable root bus */
}

START_TEST(finds_every_function)
{
    const struct pci_dev *d, *prev = NULL;
    unsigned int n = 0;

    build_topology();
    ck_assert_int_eq(pci_scan(&fake_ops, alloc_dev, 0, 0, 255), 8);
    ck_assert_uint_eq(pci_nr_devices(), 8);
    for_each_pdev ( d )
    {
        if ( prev )
            ck_assert_uint_lt(prev->bdf, d->bdf);          /* in BDF order */
        prev = d;
        n++;
    }
    ck_assert_uint_eq(n, 8);
    ck_assert_ptr_nonnull(pdev(1, 0, 0));                  /* behind the bridge */
    ck_assert_ptr_nonnull(pdev(0, 0x1f, 3));               /* after absent fns 1, 2 */
    ck_assert_ptr_null(pdev(0, 0x1f, 1));
    ck_assert_ptr_null(pdev(0, 2, 1));                     /* not multi-function */
    ck_assert_ptr_nonnull(pdev(3, 4, 0));                  /* found by the sweep */
    d = pdev(0, 0x1c, 0);
    ck_assert_uint_eq(d->header_type, PCI_HEADER_TYPE_BRIDGE);
    ck_assert(d->multi_function);
    ck_assert_uint_eq(d->secondary_bus, 1);
    ck_assert_uint_eq(d->subordinate_bus, 1);
    d = pdev(0, 5, 0);
    ck_assert_uint_eq(d->vendor, 0x1234);
    ck_assert_uint_eq(d->device, 0x11e8);
    ck_assert_uint_eq(d->class_rev >> 8, 0x00ff00);
    ck_assert_uint_eq(d->bus, 0);
    ck_assert_uint_eq(d->devfn, PCI_DEVFN(5, 0));
    ck_assert_ptr_eq(pci_get_pdev(0, PCI_BDF(0, 5, 0)), d);
    ck_assert_ptr_null(pci_get_pdev(1, PCI_BDF(0, 5, 0)));    /* other segment */
}
END_TEST

START_TEST(function_zero_absent_means_no_device)
{
    build_topology();
    add_fn(PCI_BDF(0, 9, 1), 0x1234, 0x3333, 0);           /* fn 1 without fn 0 */
    space[PCI_BDF(0, 9, 2)].present = true;                /* vendor 0: nothing */
    pci_scan(&fake_ops, alloc_dev, 0, 0, 255);
    ck_assert_ptr_null(pdev(0, 9, 1));
    ck_assert_ptr_null(pdev(0, 9, 2));
    ck_assert_uint_eq(pci_nr_devices(), 8);
}
END_TEST

START_TEST(bus_range_and_rescan)
{
    build_topology();
    /* Only bus 0: the bridge's bus 1 and the root bus 3 are outside. */
    ck_assert_int_eq(pci_scan(&fake_ops, alloc_dev, 0, 0, 0), 6);
    ck_assert_ptr_null(pdev(1, 0, 0));
    /* A wider scan adds only what is new. */
    ck_assert_int_eq(pci_scan(&fake_ops, alloc_dev, 0, 0, 255), 2);
    ck_assert_int_eq(pci_scan(&fake_ops, alloc_dev, 0, 0, 255), 0);
    ck_assert_uint_eq(pci_nr_devices(), 8);
}
END_TEST

START_TEST(out_of_memory)
{
    build_topology();
    allocs_left = 3;
    ck_assert_int_eq(pci_scan(&fake_ops, alloc_limited, 0, 0, 255), -ENOMEM);
    ck_assert_uint_eq(pci_nr_devices(), 3);
}
END_TEST

START_TEST(sizes_bars)
{
    const struct pci_dev *d;

    build_topology();
    pci_scan(&fake_ops, alloc_dev, 0, 0, 255);
    d = pdev(1, 0, 0);
    ck_assert(d->bars[0].mem64 && d->bars[0].prefetchable && !d->bars[0].io);
    ck_assert_uint_eq(d->bars[0].base, 0x1fe000000ULL);
    ck_assert_uint_eq(d->bars[0].size, 0x4000);
    ck_assert_uint_eq(d->bars[1].size, 0);                 /* upper half, not a BAR */
    ck_assert(d->bars[2].io);
    ck_assert_uint_eq(d->bars[2].base, 0xc000);
    ck_assert_uint_eq(d->bars[2].size, 0x20);
    ck_assert_uint_eq(d->bars[3].size, 0);                 /* not implemented */
    ck_assert(d->bars[4].mem64 && !d->bars[4].prefetchable);
    ck_assert_uint_eq(d->bars[4].base, 0x400000000ULL);
    ck_assert_uint_eq(d->bars[4].size, 0x200000000ULL);    /* above 4 GiB */
    d = pdev(0, 0x1f, 3);
    ck_assert(!d->bars[0].mem64 && !d->bars[0].io);
    ck_assert_uint_eq(d->bars[0].base, 0xfebf0000u);
    ck_assert_uint_eq(d->bars[0].size, 0x1000);
    d = pdev(0, 5, 0);
    ck_assert_uint_eq(d->bars[0].base, 0xfea00000u);
    ck_assert_uint_eq(d->bars[0].size, 0x100000);
    /* Probing restored every BAR and the command register, with decoding off throughout. */
    ck_assert_uint_eq(fake_read(0, PCI_BDF(0, 0x1f, 3), PCI_BAR0, 4), 0xfebf0000u);
    ck_assert_uint_eq(fake_read(0, PCI_BDF(1, 0, 0), PCI_BAR0 + 4, 4), 0x1);
    ck_assert_uint_eq(fake_read(0, PCI_BDF(0, 5, 0), PCI_BAR0, 4), 0xfea00000u);
    ck_assert_uint_eq(fake_read(0, PCI_BDF(0, 5, 0), PCI_COMMAND, 2),
                      PCI_COMMAND_MEMORY | PCI_COMMAND_IO);
    ck_assert_uint_eq(bar_writes_decoding, 0);
}
END_TEST

START_TEST(sixty_four_bit_bar_in_last_slot)
{
    struct fake_fn *f;

    build_topology();
    f = add_fn(PCI_BDF(0, 8, 0), 0x1234, 0x4444, 0);
    set_bar(f, 5, PCI_BAR_MEM_TYPE_64, 0xfffff000u);       /* no room for bits 63:32 */
    pci_scan(&fake_ops, alloc_dev, 0, 0, 255);
    ck_assert_uint_eq(pdev(0, 8, 0)->bars[5].size, 0);
    ck_assert_ptr_nonnull(strstr(hostenv_log(), "BAR5 is 64-bit but the last"));
}
END_TEST

START_TEST(capabilities)
{
    const struct pci_dev *d;

    build_topology();
    pci_scan(&fake_ops, alloc_dev, 0, 0, 255);
    d = pdev(1, 0, 0);
    ck_assert_uint_eq(d->msix_cap, 0x50);
    ck_assert_uint_eq(d->exp_cap, 0x60);
    ck_assert_uint_eq(d->msi_cap, 0);
    ck_assert_uint_eq(d->ats_cap, 0x148);                  /* second in the list */
    ck_assert(!d->caps_corrupt);
    d = pdev(0, 5, 0);
    ck_assert_uint_eq(d->msi_cap, 0x40);
    ck_assert_uint_eq(d->ats_cap, 0);                      /* not PCIe: not looked for */
    ck_assert_int_eq(pci_find_cap(&fake_ops, 0, PCI_BDF(1, 0, 0), PCI_CAP_ID_EXP), 0x60);
    ck_assert_int_eq(pci_find_cap(&fake_ops, 0, PCI_BDF(1, 0, 0), PCI_CAP_ID_MSI), 0);
    ck_assert_int_eq(pci_find_cap(&fake_ops, 0, PCI_BDF(0, 0, 0), PCI_CAP_ID_MSI), 0);
    ck_assert_int_eq(pci_find_ext_cap(&fake_ops, 0, PCI_BDF(1, 0, 0), PCI_EXT_CAP_ID_ERR),
                     0x100);
    ck_assert_int_eq(pci_find_ext_cap(&fake_ops, 0, PCI_BDF(1, 0, 0), 0x1234), 0);
    ck_assert_int_eq(pci_find_ext_cap(&fake_ops, 0, PCI_BDF(0, 5, 0), PCI_EXT_CAP_ID_ATS), 0);
}
END_TEST

START_TEST(corrupt_capability_lists)
{
    struct fake_fn *f;
    uint16_t self = PCI_BDF(0, 0x10, 0), pair = PCI_BDF(0, 0x11, 0);
    uint16_t low = PCI_BDF(0, 0x12, 0), ext = PCI_BDF(0, 0x13, 0);
    uint16_t ext_low = PCI_BDF(0, 0x14, 0);

    build_topology();
    f = add_fn(self, 0x1234, 1, 0);
    add_cap(f, 0x60, PCI_CAP_ID_MSI, 0x60);                /* points at itself */
    f = add_fn(pair, 0x1234, 2, 0);
    add_cap(f, 0x40, PCI_CAP_ID_PM, 0x80);
    add_cap(f, 0x80, PCI_CAP_ID_VNDR, 0x40);               /* a two-entry cycle */
    f = add_fn(low, 0x1234, 3, 0);
    add_cap(f, 0x40, PCI_CAP_ID_MSI, 0x10);                /* into the header */
    f = add_fn(ext, 0x1234, 4, 0);
    add_cap(f, 0x40, PCI_CAP_ID_EXP, 0);
    add_ext_cap(f, 0x100, PCI_EXT_CAP_ID_ERR, 0x100);      /* extended self-loop */
    f = add_fn(ext_low, 0x1234, 5, 0);
    add_cap(f, 0x40, PCI_CAP_ID_EXP, 0);
    add_ext_cap(f, 0x100, PCI_EXT_CAP_ID_ERR, 0x40);       /* below 0x100 */

    /* Each walk ends, with an error; a capability before the damage is still found. */
    ck_assert_int_eq(pci_find_cap(&fake_ops, 0, self, PCI_CAP_ID_EXP), -EINVAL);
    ck_assert_int_eq(pci_find_cap(&fake_ops, 0, self, PCI_CAP_ID_MSI), 0x60);
    ck_assert_int_eq(pci_find_cap(&fake_ops, 0, pair, PCI_CAP_ID_MSI), -EINVAL);
    ck_assert_int_eq(pci_find_cap(&fake_ops, 0, low, PCI_CAP_ID_EXP), -EINVAL);
    ck_assert_int_eq(pci_find_ext_cap(&fake_ops, 0, ext, PCI_EXT_CAP_ID_ATS), -EINVAL);
    ck_assert_int_eq(pci_find_ext_cap(&fake_ops, 0, ext_low, PCI_EXT_CAP_ID_ATS), -EINVAL);

    /* The scan keeps the functions, marks them and says so. */
    pci_scan(&fake_ops, alloc_dev, 0, 0, 255);
    ck_assert(pdev(0, 0x10, 0)->caps_corrupt);
    ck_assert_uint_eq(pdev(0, 0x10, 0)->msi_cap, 0x60);
    ck_assert(pdev(0, 0x11, 0)->caps_corrupt);
    ck_assert(pdev(0, 0x12, 0)->caps_corrupt);
    ck_assert(pdev(0, 0x13, 0)->caps_corrupt);
    ck_assert_uint_eq(pdev(0, 0x13, 0)->exp_cap, 0x40);
    ck_assert(pdev(0, 0x14, 0)->caps_corrupt);
    ck_assert(!pdev(1, 0, 0)->caps_corrupt);
    ck_assert_ptr_nonnull(strstr(hostenv_log(),
                                 "PCI: 0000:00:10.0: corrupt capability list"));
}
END_TEST

START_TEST(bridge_loops_terminate)
{
    struct fake_fn *f;

    build_topology();
    /* A bridge on bus 1 claiming bus 1 again, and one pointing back to bus 0. */
    f = add_fn(PCI_BDF(1, 1, 0), 0x8086, 0x2940, PCI_HEADER_TYPE_BRIDGE);
    f->cfg[PCI_SECONDARY_BUS] = 1;
    f->cfg[PCI_SUBORDINATE_BUS] = 1;
    f = add_fn(PCI_BDF(1, 2, 0), 0x8086, 0x2940, PCI_HEADER_TYPE_BRIDGE);
    f->cfg[PCI_SECONDARY_BUS] = 0;
    f->cfg[PCI_SUBORDINATE_BUS] = 0xff;
    ck_assert_int_eq(pci_scan(&fake_ops, alloc_dev, 0, 0, 255), 10);
}
END_TEST

START_TEST(listing)
{
    const char *log;

    build_topology();
    pci_scan(&fake_ops, alloc_dev, 0, 0, 255);
    hostenv_reset();
    pci_print_devices();
    log = hostenv_log();
    ck_assert_ptr_nonnull(strstr(log, "PCI 0000:00:00.0 8086:29c0 class 060000 host bridge\n"));
    ck_assert_ptr_nonnull(strstr(log, "PCI 0000:00:05.0 1234:11e8 class 00ff00 edu "
                                      "BAR0 mem 0xfea00000 size 1M MSI\n"));
    ck_assert_ptr_nonnull(strstr(log, "PCI 0000:00:1c.0 8086:2940 class 060400 PCI bridge "
                                      "to buses 01-01\n"));
    ck_assert_ptr_nonnull(strstr(log, "PCI 0000:01:00.0 1af4:1041 class 000000 "
                                      "BAR0 mem64 pref 0x1fe000000 size 16K "
                                      "BAR2 io 0xc000 size 32 "
                                      "BAR4 mem64 0x400000000 size 8G MSI-X PCIe ATS\n"));
    ck_assert_ptr_nonnull(strstr(log, "PCI 0000:00:02.0 1234:1111 class 000000\n"));
}
END_TEST

/* An MCFG with the given allocations after the 44-byte prefix. */
static struct acpi_table_header *make_mcfg(const uint8_t (*entries)[16], unsigned int n)
{
    struct acpi_table_header *t = calloc(1, 44 + 16 * n);

    memcpy(t->signature, "MCFG", 4);
    t->length = 44 + 16 * n;
    memcpy((uint8_t *)t + 44, entries, 16 * n);
    return t;
}

START_TEST(mcfg)
{
    static const uint8_t entries[][16] = {
        /* base 0xb0000000, segment 0, buses 0-255 */
        { 0x00, 0x00, 0x00, 0xb0, 0, 0, 0, 0, 0, 0, 0x00, 0xff },
        /* base 0x2_00000000, segment 1, buses 0x40-0x7f */
        { 0x00, 0x00, 0x00, 0x00, 2, 0, 0, 0, 1, 0, 0x40, 0x7f },
        /* empty bus range: skipped */
        { 0x00, 0x00, 0x00, 0xc0, 0, 0, 0, 0, 2, 0, 0x10, 0x0f },
        /* base not 1 MiB aligned: skipped */
        { 0x00, 0x10, 0x00, 0xd0, 0, 0, 0, 0, 3, 0, 0x00, 0x00 },
    };
    struct acpi_table_header *t = make_mcfg(entries, 4);
    struct pci_ecam_region r[4];

    ck_assert_int_eq(pci_mcfg_parse(t, r, 4), 2);
    ck_assert_uint_eq(r[0].base, 0xb0000000u);
    ck_assert_uint_eq(r[0].seg, 0);
    ck_assert_uint_eq(pci_ecam_window(&r[0]), 0xb0000000u);
    ck_assert_uint_eq(pci_ecam_size(&r[0]), 256u << 20);
    /* The base is bus 0's: the window of buses 0x40-0x7f starts 64 MiB in. */
    ck_assert_uint_eq(r[1].seg, 1);
    ck_assert_uint_eq(r[1].bus_start, 0x40);
    ck_assert_uint_eq(r[1].bus_end, 0x7f);
    ck_assert_uint_eq(pci_ecam_window(&r[1]), 0x200000000ULL + (0x40ULL << 20));
    ck_assert_uint_eq(pci_ecam_size(&r[1]), 64u << 20);
    ck_assert_ptr_nonnull(strstr(hostenv_log(), "segment 2 buses 16-15 ignored"));
    /* Room for one only; a table too short for its prefix. */
    ck_assert_int_eq(pci_mcfg_parse(t, r, 1), 1);
    t->length = 40;
    ck_assert_int_eq(pci_mcfg_parse(t, r, 4), -EINVAL);
    ck_assert_int_eq(pci_mcfg_parse(NULL, r, 4), -EINVAL);
    free(t);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("pci");
    TCase *tc = tcase_create("scan");

    tcase_add_test(tc, finds_every_function);
    tcase_add_test(tc, function_zero_absent_means_no_device);
    tcase_add_test(tc, bus_range_and_rescan);
    tcase_add_test(tc, out_of_memory);
    tcase_add_test(tc, sizes_bars);
    tcase_add_test(tc, sixty_four_bit_bar_in_last_slot);
    tcase_add_test(tc, capabilities);
    tcase_add_test(tc, corrupt_capability_lists);
    tcase_add_test(tc, bridge_loops_terminate);
    tcase_add_test(tc, listing);
    tcase_add_test(tc, mcfg);
    suite_add_tcase(s, tc);
    return hostenv_run_suite(s);
}
