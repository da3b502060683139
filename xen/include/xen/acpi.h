/*
 * ACPI tables (ACPI 6.x spec, chapter 5): located once at boot from the
 * loader's RSDP copy, every table checksummed before use.  The table list
 * is read-only after acpi_tables_init(); lookups need no lock.
 */
#ifndef XEN_ACPI_H
#define XEN_ACPI_H

#include <xen/compiler.h>
#include <xen/types.h>

struct acpi_rsdp {
    char signature[8];          /* "RSD PTR " */
    uint8_t checksum;           /* over the first 20 bytes */
    char oem_id[6];
    uint8_t revision;           /* 0: ACPI 1.0, 2+: has the fields below */
    uint32_t rsdt_address;
    uint32_t length;
    uint64_t xsdt_address;
    uint8_t extended_checksum;  /* over 'length' bytes */
    uint8_t reserved[3];
} __packed;

struct acpi_table_header {
    char signature[4];
    uint32_t length;
    uint8_t revision;
    uint8_t checksum;
    char oem_id[6];
    char oem_table_id[8];
    uint32_t oem_revision;
    uint32_t creator_id;
    uint32_t creator_revision;
} __packed;

/* Generic Address Structure (ACPI 5.2.3.2). */
struct acpi_gas {
    uint8_t space_id;           /* 0 memory, 1 system I/O */
    uint8_t bit_width;
    uint8_t bit_offset;
    uint8_t access_size;
    uint64_t address;
} __packed;

#define ACPI_GAS_MEMORY 0
#define ACPI_GAS_IO     1

BUILD_BUG_ON(sizeof(struct acpi_rsdp) != 36);
BUILD_BUG_ON(sizeof(struct acpi_table_header) != 36);
BUILD_BUG_ON(sizeof(struct acpi_gas) != 12);

/* Byte sum of a table; a valid table sums to 0. */
uint8_t acpi_checksum(const void *p, size_t len);

/*
 * Map a machine address of firmware data to a pointer, or NULL when it is
 * outside what the hypervisor can reach.  Provided by the architecture (the
 * direct map); host tests provide their own.
 */
const void *acpi_map(paddr_t addr, size_t len);

/* Validate the RSDP and collect the tables of the XSDT (or RSDT). */
int acpi_tables_init(const void *rsdp, size_t rsdp_len);

/* The n-th table with this signature (n from 0), or NULL. */
const struct acpi_table_header *acpi_find_table(const char sig[4], unsigned int n);

unsigned int acpi_nr_tables(void);
const struct acpi_table_header *acpi_table(unsigned int i);
paddr_t acpi_table_address(unsigned int i);

/*
 * Sleep type value of an \_Sx object in the DSDT's AML (x = 5 for
 * soft-off), from a byte scan of the Name(_Sx, Package(){a, b, ...}).
 * Returns the SLP_TYPa value (0-7) or a negative error.
 */
int acpi_find_sleep_type(const struct acpi_table_header *dsdt, unsigned int state);

/* Power the machine off or reset it through the FADT; return only on failure. */
void acpi_poweroff(void);
void acpi_reboot(void);

#endif /* XEN_ACPI_H */
