/* Node permissions (see perms.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "perms.h"

#define DOMID_FIRST_RESERVED 0x7ff0u

int perm_parse(const char *text, struct xs_perm *out)
{
    static const char letters[] = "nrwb";      /* index = bits */
    const char *l = text[0] ? strchr(letters, text[0]) : NULL;
    char *end;
    if (!l || text[1] < '0' || text[1] > '9')
        return EINVAL;
    errno = 0;
    unsigned long id = strtoul(text + 1, &end, 10);
    if (errno || *end || id >= DOMID_FIRST_RESERVED)
        return EINVAL;
    out->domid = (unsigned int)id;
    out->bits = (unsigned int)(l - letters);
    return 0;
}

int perm_format(const struct xs_perm *perm, char *buf, size_t size)
{
    return snprintf(buf, size, "%c%u", "nrwb"[perm->bits & 3], perm->domid);
}

static bool acts_as(const struct caller *caller, unsigned int domid)
{
    return caller->domid == domid || (caller->has_target && caller->target == domid);
}

unsigned int perm_access(const struct perm_set *perms, const struct caller *caller)
{
    if (caller->privileged || acts_as(caller, perms->entries[0].domid))
        return PERM_READ | PERM_WRITE;
    for (unsigned int i = 1; i < perms->count; i++)
        if (perms->entries[i].domid == caller->domid)
            return perms->entries[i].bits;
    if (caller->has_target)
        for (unsigned int i = 1; i < perms->count; i++)
            if (perms->entries[i].domid == caller->target)
                return perms->entries[i].bits;
    return perms->entries[0].bits;
}

int perm_set_copy(struct perm_set *dst, const struct perm_set *src)
{
    dst->entries = malloc(src->count * sizeof(*src->entries));
    if (!dst->entries)
        return ENOMEM;
    memcpy(dst->entries, src->entries, src->count * sizeof(*src->entries));
    dst->count = src->count;
    return 0;
}

void perm_set_free(struct perm_set *set)
{
    free(set->entries);
    set->entries = NULL;
    set->count = 0;
}
