/*
 * PCI enumeration over a fake configuration space: bridges, multi-function
 * devices, 32/64-bit and I/O BAR sizing, capabilities (MSI, MSI-X, PCIe,
 * ATS), and corrupt capability lists.
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

static uint32_t fake_read(uint16_t seg, uint16_t bdf, unsigned int reg, unsigned int size)
{
    uint32_t v = 0;

    if ( seg || !space[bdf].present )
        return size == 4 ? ~0u : size == 2 ? 0xffff : 0xff;
    memcpy(&v, &space[bdf].cfg[reg], size);
    return v;
}

static void fake_write(uint16_t seg, uint16_t bdf, unsigned int reg, unsigned int size,
                       uint32_t value)
{
    struct fake_fn *f = &space[bdf];

    if ( seg || !f->present )
        return;
    if ( reg >= PCI_BAR0 && reg < PCI_BAR0 + 24 && size == 4 )
    {
        unsigned int i = (reg - PCI_BAR0) / 4;
        uint32_t old;

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

static void add_cap(struct fake_fn *f, uint8_t pos, uint8_t id, uint8_t next)
{
    f->cfg[PCI_STATUS] |= PCI_STATUS_CAP_LIST;
    if ( f->cfg[PCI_CAPABILITY_LIST] == 0 )
        f->cfg[PCI_CAPABILITY_LIST] = pos;
    f->cfg[pos] = id;
    f->cfg[pos + 1] = next;
}

static void build_topology(void)
{
    struct fake_fn *f;
    uint32_t ats = PCI_EXT_CAP_ID_ATS | (1u << 16);        /* version 1, last */

    space = calloc(65536, sizeof(*space));
    add_fn(PCI_BDF(0, 0, 0), 0x8086, 0x29c0, 0);           /* host bridge */

    f = add_fn(PCI_BDF(0, 0x1c, 0), 0x8086, 0x2940, PCI_HEADER_TYPE_BRIDGE);
    f->cfg[PCI_SECONDARY_BUS] = 1;
    f->cfg[PCI_SUBORDINATE_BUS] = 1;

    f = add_fn(PCI_BDF(1, 0, 0), 0x1af4, 0x1041, 0);       /* behind the bridge */
    set_bar(f, 0, 0xfe000000u | PCI_BAR_MEM_64 | PCI_BAR_PREFETCH, 0xffffc000u);
    set_bar(f, 1, 0x1, 0xffffffffu);                       /* upper half: 0x1_fe000000 */
    set_bar(f, 2, 0xc001, 0xffe0);                         /* 32 bytes of I/O */
    add_cap(f, 0x40, PCI_CAP_ID_MSIX, 0x50);
    add_cap(f, 0x50, PCI_CAP_ID_EXP, 0);
    memcpy(&f->cfg[PCI_EXT_CAP_START], &ats, 4);

    f = add_fn(PCI_BDF(0, 0x1f, 0), 0x8086, 0x2918, PCI_HEADER_MULTI_FUNCTION);
    f = add_fn(PCI_BDF(0, 0x1f, 3), 0x8086, 0x2930, 0);
    set_bar(f, 0, 0xfebf0000u, 0xfffff000u);               /* 4 KiB, 32-bit */
    add_cap(f, 0x60, PCI_CAP_ID_MSI, 0x60);                /* loops on itself */

    add_fn(PCI_BDF(0, 0x02, 0), 0x1234, 0x1111, 0);        /* single function: */
    add_fn(PCI_BDF(0, 0x02, 1), 0x1234, 0x2222, 0);        /* fn 1 ignored */
}

START_TEST(finds_every_function)
{
    struct pci_dev *d;

    build_topology();
    ck_assert_int_eq(pci_scan(&fake_ops, alloc_dev), 6);
    ck_assert_uint_eq(pci_devices()->bdf, 0);              /* in BDF order */
    ck_assert_ptr_nonnull(pci_get_pdev(0, PCI_BDF(1, 0, 0)));
    ck_assert_ptr_nonnull(pci_get_pdev(0, PCI_BDF(0, 0x1f, 3)));
    ck_assert_ptr_null(pci_get_pdev(0, PCI_BDF(0, 2, 1)));
    d = pci_get_pdev(0, PCI_BDF(0, 0x1c, 0));
    ck_assert_uint_eq(d->secondary_bus, 1);
    ck_assert_uint_eq(d->vendor, 0x8086);
}
END_TEST

START_TEST(sizes_bars)
{
    struct pci_dev *d;

    build_topology();
    pci_scan(&fake_ops, alloc_dev);
    d = pci_get_pdev(0, PCI_BDF(1, 0, 0));
    ck_assert(d->bars[0].mem64 && d->bars[0].prefetchable);
    ck_assert_uint_eq(d->bars[0].base, 0x1fe000000ULL);
    ck_assert_uint_eq(d->bars[0].size, 0x4000);
    ck_assert_uint_eq(d->bars[1].size, 0);                 /* upper half, not a BAR */
    ck_assert(d->bars[2].io);
    ck_assert_uint_eq(d->bars[2].base, 0xc000);
    ck_assert_uint_eq(d->bars[2].size, 0x20);
    d = pci_get_pdev(0, PCI_BDF(0, 0x1f, 3));
    ck_assert_uint_eq(d->bars[0].base, 0xfebf0000u);
    ck_assert_uint_eq(d->bars[0].size, 0x1000);
    /* Probing restored the BARs. */
    ck_assert_uint_eq(fake_read(0, PCI_BDF(0, 0x1f, 3), PCI_BAR0, 4), 0xfebf0000u);
}
END_TEST

START_TEST(capabilities)
{
    struct pci_dev *d;

    build_topology();
    pci_scan(&fake_ops, alloc_dev);
    d = pci_get_pdev(0, PCI_BDF(1, 0, 0));
    ck_assert_uint_eq(d->msix_cap, 0x40);
    ck_assert_uint_eq(d->exp_cap, 0x50);
    ck_assert_uint_eq(d->msi_cap, 0);
    ck_assert_uint_eq(d->ats_cap, PCI_EXT_CAP_START);
    /* A list that points at itself is reported as corrupt, not followed forever. */
    ck_assert_int_eq(pci_find_cap(&fake_ops, 0, PCI_BDF(0, 0x1f, 3), PCI_CAP_ID_EXP),
                     -EINVAL);
    ck_assert_int_eq(pci_find_cap(&fake_ops, 0, PCI_BDF(0, 0x1f, 3), PCI_CAP_ID_MSI), 0x60);
    /* A pointer into the header is corrupt too. */
    space[PCI_BDF(0, 0x1f, 3)].cfg[0x61] = 0x10;
    ck_assert_int_eq(pci_find_cap(&fake_ops, 0, PCI_BDF(0, 0x1f, 3), PCI_CAP_ID_EXP),
                     -EINVAL);
}
END_TEST

START_TEST(bridge_loop_terminates)
{
    struct fake_fn *f;

    build_topology();
    /* A bridge on bus 1 claiming bus 1 again must not recurse forever. */
    f = add_fn(PCI_BDF(1, 1, 0), 0x8086, 0x2940, PCI_HEADER_TYPE_BRIDGE);
    f->cfg[PCI_SECONDARY_BUS] = 1;
    ck_assert_int_eq(pci_scan(&fake_ops, alloc_dev), 7);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("pci");
    TCase *tc = tcase_create("scan");

    tcase_add_test(tc, finds_every_function);
    tcase_add_test(tc, sizes_bars);
    tcase_add_test(tc, capabilities);
    tcase_add_test(tc, bridge_loop_terminates);
    suite_add_tcase(s, tc);
    return hostenv_run_suite(s);
}
