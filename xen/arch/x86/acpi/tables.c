/*
 * ACPI table discovery: RSDP -> XSDT (or RSDT) -> tables, each checksummed.
 * Bad tables are reported and skipped, never used.
 */
#include <xen/acpi.h>
#include <xen/acpi-fadt.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/string.h>

#define ACPI_MAX_TABLES 64

static unsigned int nr_tables;
static const struct acpi_table_header *tables[ACPI_MAX_TABLES];
static paddr_t table_addresses[ACPI_MAX_TABLES];

uint8_t acpi_checksum(const void *p, size_t len)
{
    const uint8_t *b = p;
    uint8_t sum = 0;

    while ( len-- )
        sum += *b++;
    return sum;
}

/* Map a whole table: first its header, then its full length. */
static const struct acpi_table_header *map_table(paddr_t addr)
{
    const struct acpi_table_header *h = acpi_map(addr, sizeof(*h));

    if ( h == NULL || h->length < sizeof(*h) )
        return NULL;
    return acpi_map(addr, h->length);
}

static void add_table(paddr_t addr)
{
    const struct acpi_table_header *t = map_table(addr);

    if ( t == NULL )
    {
        printk("ACPI: table at %#lx is unreachable or truncated; skipped\n",
               (unsigned long)addr);
        return;
    }
    if ( acpi_checksum(t, t->length) != 0 )
    {
        printk("ACPI: table %.4s at %#lx has a bad checksum; skipped\n",
               t->signature, (unsigned long)addr);
        return;
    }
    if ( nr_tables == ACPI_MAX_TABLES )
    {
        printk("ACPI: more than %d tables; %.4s skipped\n", ACPI_MAX_TABLES,
               t->signature);
        return;
    }
    table_addresses[nr_tables] = addr;
    tables[nr_tables++] = t;
}

/* The DSDT is not in the XSDT: the FADT points at it. */
static void add_dsdt(void)
{
    const struct acpi_table_header *fadt = acpi_find_table("FACP", 0);
    const uint8_t *raw = (const uint8_t *)fadt;
    uint64_t addr = 0;

    if ( fadt == NULL )
        return;
    if ( fadt->length >= FADT_X_DSDT + 8 )
        memcpy(&addr, raw + FADT_X_DSDT, 8);
    if ( addr == 0 && fadt->length >= FADT_DSDT + 4 )
        memcpy(&addr, raw + FADT_DSDT, 4);
    if ( addr )
        add_table(addr);
}

int acpi_tables_init(const void *rsdp_copy, size_t rsdp_len)
{
    const struct acpi_rsdp *rsdp = rsdp_copy;
    const struct acpi_table_header *root;
    bool use_xsdt;
    size_t entry_size, count;
    paddr_t root_addr;

    nr_tables = 0;
    if ( rsdp == NULL || rsdp_len < 20 || memcmp(rsdp->signature, "RSD PTR ", 8) )
        return -ENOENT;
    if ( acpi_checksum(rsdp, 20) != 0 )
        return -EINVAL;

    use_xsdt = rsdp->revision >= 2 && rsdp_len >= sizeof(*rsdp) &&
               rsdp->length >= sizeof(*rsdp) && rsdp->length <= rsdp_len &&
               acpi_checksum(rsdp, rsdp->length) == 0 && rsdp->xsdt_address;
    root_addr = use_xsdt ? rsdp->xsdt_address : rsdp->rsdt_address;
    entry_size = use_xsdt ? 8 : 4;

    root = map_table(root_addr);
    if ( root == NULL || acpi_checksum(root, root->length) != 0 ||
         memcmp(root->signature, use_xsdt ? "XSDT" : "RSDT", 4) )
        return -EINVAL;

    count = (root->length - sizeof(*root)) / entry_size;
    for ( size_t i = 0; i < count; i++ )
    {
        const uint8_t *entry = (const uint8_t *)(root + 1) + i * entry_size;
        uint64_t addr = 0;

        memcpy(&addr, entry, entry_size);   /* entries are unaligned */
        if ( addr )
            add_table(addr);
    }
    add_dsdt();
    return 0;
}

const struct acpi_table_header *acpi_find_table(const char sig[4], unsigned int n)
{
    for ( unsigned int i = 0; i < nr_tables; i++ )
        if ( !memcmp(tables[i]->signature, sig, 4) && n-- == 0 )
            return tables[i];
    return NULL;
}

unsigned int acpi_nr_tables(void)
{
    return nr_tables;
}

const struct acpi_table_header *acpi_table(unsigned int i)
{
    return i < nr_tables ? tables[i] : NULL;
}

paddr_t acpi_table_address(unsigned int i)
{
    return i < nr_tables ? table_addresses[i] : 0;
}
