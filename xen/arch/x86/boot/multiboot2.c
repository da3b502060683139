/*
 * Multiboot2 boot information: walk the loader's tag list once and record
 * what the hypervisor uses.  Every size is checked against the MBI's total
 * size before it is trusted, so a corrupt MBI is an error, not a wild read.
 */
#include <xen/compiler.h>
#include <xen/errno.h>
#include <xen/multiboot2.h>
#include <xen/string.h>

static const char *tag_string(const struct mb2_tag *tag)
{
    const struct mb2_tag_string *t = (const void *)tag;
    size_t max = tag->size - sizeof(*tag);

    /* The string must be terminated inside its tag. */
    if ( max == 0 || strnlen(t->string, max) == max )
        return NULL;
    return t->string;
}

static int parse_mmap(const struct mb2_tag *tag, struct boot_info *bi)
{
    const struct mb2_tag_mmap *t = (const void *)tag;
    const uint8_t *entry, *end = (const uint8_t *)tag + tag->size;
    int rc = 0;

    if ( tag->size < sizeof(*t) || t->entry_size < sizeof(struct mb2_mmap_entry) ||
         t->entry_size % 8 )
        return -EINVAL;

    for ( entry = (const uint8_t *)(t + 1); entry + t->entry_size <= end;
          entry += t->entry_size )
    {
        const struct mb2_mmap_entry *e = (const void *)entry;

        if ( e->len == 0 )
            continue;
        if ( bi->nr_memmap == BOOT_MAX_MEMMAP )
        {
            rc = -E2BIG;
            continue;
        }
        bi->memmap[bi->nr_memmap].addr = e->addr;
        bi->memmap[bi->nr_memmap].len = e->len;
        bi->memmap[bi->nr_memmap].type = e->type;
        bi->nr_memmap++;
    }
    return rc;
}

static int parse_module(const struct mb2_tag *tag, struct boot_info *bi)
{
    const struct mb2_tag_module *t = (const void *)tag;
    size_t max;

    if ( tag->size < sizeof(*t) + 1 )
        return -EINVAL;
    max = tag->size - sizeof(*t);
    if ( strnlen(t->cmdline, max) == max || t->mod_end < t->mod_start )
        return -EINVAL;
    if ( bi->nr_modules == BOOT_MAX_MODULES )
        return -E2BIG;

    bi->modules[bi->nr_modules].start = t->mod_start;
    bi->modules[bi->nr_modules].end = t->mod_end;
    bi->modules[bi->nr_modules].cmdline = t->cmdline;
    bi->nr_modules++;
    return 0;
}

int multiboot2_parse(const void *mbi, size_t limit, struct boot_info *bi)
{
    const struct mb2_info_header *hdr = mbi;
    const uint8_t *pos, *end;
    int rc = 0;

    memset(bi, 0, sizeof(*bi));
    bi->cmdline = "";
    bi->loader_name = "";

    if ( limit < sizeof(*hdr) + sizeof(struct mb2_tag) ||
         hdr->total_size < sizeof(*hdr) + sizeof(struct mb2_tag) ||
         hdr->total_size > limit )
        return -EINVAL;

    pos = (const uint8_t *)(hdr + 1);
    end = (const uint8_t *)mbi + hdr->total_size;

    while ( pos + sizeof(struct mb2_tag) <= end )
    {
        const struct mb2_tag *tag = (const void *)pos;
        const char *str;
        int err = 0;

        if ( tag->size < sizeof(*tag) || tag->size > (size_t)(end - pos) )
            return -EINVAL;

        switch ( tag->type )
        {
        case MB2_TAG_END:
            return rc;
        case MB2_TAG_CMDLINE:
            if ( (str = tag_string(tag)) == NULL )
                return -EINVAL;
            bi->cmdline = str;
            break;
        case MB2_TAG_LOADER_NAME:
            if ( (str = tag_string(tag)) == NULL )
                return -EINVAL;
            bi->loader_name = str;
            break;
        case MB2_TAG_MODULE:
            err = parse_module(tag, bi);
            break;
        case MB2_TAG_MMAP:
            err = parse_mmap(tag, bi);
            break;
        case MB2_TAG_ACPI_OLD:
        case MB2_TAG_ACPI_NEW:
            /* Prefer the ACPI 2.0+ copy, which carries the XSDT address. */
            if ( bi->rsdp == NULL || tag->type == MB2_TAG_ACPI_NEW )
            {
                bi->rsdp = ((const struct mb2_tag_acpi *)tag)->rsdp;
                bi->rsdp_len = tag->size - sizeof(*tag);
            }
            break;
        default:
            bi->ignored_tags++;
            break;
        }

        if ( err == -EINVAL )
            return err;
        if ( err )
            rc = err;
        pos += ROUNDUP((size_t)tag->size, 8);
    }

    return -EINVAL;             /* ran off the end without an END tag */
}

const char *multiboot2_memory_type_name(uint32_t type)
{
    switch ( type )
    {
    case MB2_MEMORY_AVAILABLE: return "usable";
    case MB2_MEMORY_RESERVED:  return "reserved";
    case MB2_MEMORY_ACPI:      return "ACPI data";
    case MB2_MEMORY_NVS:       return "ACPI NVS";
    case MB2_MEMORY_BADRAM:    return "bad RAM";
    default:                   return "unknown";
    }
}
