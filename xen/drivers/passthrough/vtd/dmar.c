/*
 * DMAR parsing: each structure and device scope is length-checked before
 * use; unknown structure types are skipped by their length.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/string.h>

#include "dmar.h"

#define DMAR_HEADER_SIZE    48          /* ACPI header + HAW + flags + reserved */
#define DMAR_TYPE_DRHD      0
#define DMAR_TYPE_RMRR      1
#define DMAR_TYPE_ATSR      2

#define DRHD_INCLUDE_PCI_ALL 1

static uint16_t get_u16(const uint8_t *p)
{
    return p[0] | (p[1] << 8);
}

static uint64_t get_u64(const uint8_t *p)
{
    uint64_t v;

    memcpy(&v, p, 8);
    return v;
}

/* Parse the device scopes in [p, end) into scopes[]. */
static int parse_scopes(const uint8_t *p, const uint8_t *end,
                        struct dmar_scope *scopes, unsigned int *nr)
{
    *nr = 0;
    while ( p < end )
    {
        struct dmar_scope *s;
        uint8_t len;

        if ( end - p < 6 || (len = p[1]) < 6 || len > end - p || (len - 6) % 2 )
            return -EINVAL;
        if ( *nr == DMAR_MAX_SCOPES )
            return -E2BIG;
        s = &scopes[(*nr)++];
        memset(s, 0, sizeof(*s));
        s->type = p[0];
        s->enumeration_id = p[4];
        s->start_bus = p[5];
        s->path_len = (len - 6) / 2;
        if ( s->path_len > DMAR_PATH_MAX )
            return -E2BIG;
        for ( unsigned int i = 0; i < s->path_len; i++ )
        {
            s->path[i][0] = p[6 + 2 * i];
            s->path[i][1] = p[7 + 2 * i];
            if ( s->path[i][0] > 31 || s->path[i][1] > 7 )
                return -EINVAL;
        }
        p += len;
    }
    return 0;
}

int dmar_parse(const struct acpi_table_header *table, struct dmar_info *info)
{
    const uint8_t *base = (const uint8_t *)table, *p, *end;
    int rc;

    memset(info, 0, sizeof(*info));
    if ( table == NULL || table->length < DMAR_HEADER_SIZE ||
         memcmp(table->signature, "DMAR", 4) )
        return -EINVAL;

    info->host_address_width = base[36] + 1;
    info->flags = base[37];
    p = base + DMAR_HEADER_SIZE;
    end = base + table->length;

    while ( p < end )
    {
        uint16_t type, len;

        if ( end - p < 4 )
            return -EINVAL;
        type = get_u16(p);
        len = get_u16(p + 2);
        if ( len < 4 || len > end - p )
            return -EINVAL;

        switch ( type )
        {
        case DMAR_TYPE_DRHD:
        {
            struct dmar_unit *u;

            if ( len < 16 )
                return -EINVAL;
            if ( info->nr_units == DMAR_MAX_UNITS )
                return -E2BIG;
            u = &info->units[info->nr_units++];
            u->include_all = p[4] & DRHD_INCLUDE_PCI_ALL;
            u->segment = get_u16(p + 6);
            u->register_base = get_u64(p + 8);
            if ( u->register_base == 0 || (u->register_base & 0xfff) )
                return -EINVAL;
            rc = parse_scopes(p + 16, p + len, u->scopes, &u->nr_scopes);
            if ( rc )
                return rc;
            break;
        }
        case DMAR_TYPE_RMRR:
        {
            struct dmar_rmrr *r;

            if ( len < 24 )
                return -EINVAL;
            if ( info->nr_rmrrs == DMAR_MAX_RMRRS )
                return -E2BIG;
            r = &info->rmrrs[info->nr_rmrrs++];
            r->segment = get_u16(p + 6);
            r->base = get_u64(p + 8);
            r->limit = get_u64(p + 16);
            if ( r->limit < r->base || (r->base & 0xfff) || ((r->limit + 1) & 0xfff) )
                return -EINVAL;
            rc = parse_scopes(p + 24, p + len, r->scopes, &r->nr_scopes);
            if ( rc )
                return rc;
            break;
        }
        case DMAR_TYPE_ATSR:
            info->nr_atsr++;
            break;
        default:
            break;              /* RHSA, ANDD, SATC, ...: not used */
        }
        p += len;
    }
    return 0;
}

int dmar_scope_simple_bdf(const struct dmar_scope *scope)
{
    if ( scope->path_len != 1 )
        return -ENODEV;
    return (scope->start_bus << 8) | (scope->path[0][0] << 3) | scope->path[0][1];
}
