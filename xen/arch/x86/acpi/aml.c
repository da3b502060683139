/*
 * The little AML the hypervisor reads: the sleep-type packages \_S0..\_S5
 * of the DSDT, found by a byte scan (no interpreter).  Every byte read is
 * bounds-checked against the table length.
 */
#include <xen/acpi.h>
#include <xen/errno.h>
#include <xen/string.h>

#define AML_ZERO_OP         0x00
#define AML_ONE_OP          0x01
#define AML_NAME_OP         0x08
#define AML_BYTE_PREFIX     0x0a
#define AML_PACKAGE_OP      0x12
#define AML_ROOT_CHAR       0x5c
#define AML_ONES_OP         0xff

/* Decode a PkgLength (ACPI 20.2.4) at p; returns bytes used or 0. */
static size_t pkg_length_size(const uint8_t *p, const uint8_t *end)
{
    size_t n = 1 + (*p >> 6);

    return (size_t)(end - p) >= n ? n : 0;
}

int acpi_find_sleep_type(const struct acpi_table_header *dsdt, unsigned int state)
{
    const uint8_t *aml, *end;
    char name[4] = { '_', 'S', (char)('0' + state), '_' };

    if ( dsdt == NULL || state > 5 || dsdt->length < sizeof(*dsdt) )
        return -EINVAL;

    aml = (const uint8_t *)(dsdt + 1);
    end = (const uint8_t *)dsdt + dsdt->length;

    for ( const uint8_t *p = aml + 1; p + 4 <= end; p++ )
    {
        const uint8_t *q;
        size_t n;

        if ( memcmp(p, name, 4) )
            continue;
        /* Must be Name(_Sx, ...) or Name(\_Sx, ...). */
        if ( !(p[-1] == AML_NAME_OP ||
               (p[-1] == AML_ROOT_CHAR && p - 2 >= aml && p[-2] == AML_NAME_OP)) )
            continue;

        q = p + 4;
        if ( q >= end || *q != AML_PACKAGE_OP )
            continue;
        q++;
        if ( q >= end || (n = pkg_length_size(q, end)) == 0 )
            return -EINVAL;
        q += n + 1;             /* PkgLength, then NumElements */
        if ( q >= end )
            return -EINVAL;

        switch ( *q )
        {
        case AML_ZERO_OP: return 0;
        case AML_ONE_OP:  return 1;
        case AML_ONES_OP: return -EINVAL;
        case AML_BYTE_PREFIX:
            if ( q + 1 >= end )
                return -EINVAL;
            return q[1] & 7;
        default:
            return -EINVAL;
        }
    }
    return -ENOENT;
}
