/*
 * Per-frame counts of a domain's grant mappings (rules in xen/grant-iommu.h).
 */
#include <xen/errno.h>
#include <xen/grant-iommu.h>
#include <xen/mm.h>
#include <xen/string.h>

#define GRANT_IOMMU_EMPTY       (~0ULL)
#define GRANT_IOMMU_DELETED     (~1ULL)
#define INITIAL_SIZE            64

static uint32_t hash_mfn(uint64_t mfn, uint32_t size)
{
    /* Fibonacci hashing: neighbouring frames land far apart. */
    return (uint32_t)((mfn * 0x9e3779b97f4a7c15ULL) >> 32) & (size - 1);
}

/* The slot holding mfn, or NULL. */
static struct grant_iommu_slot *find(const struct grant_iommu_counts *c, uint64_t mfn)
{
    if ( c->size == 0 )
        return NULL;
    for ( uint32_t i = hash_mfn(mfn, c->size), n = 0; n < c->size;
          i = (i + 1) & (c->size - 1), n++ )
    {
        if ( c->slots[i].mfn == mfn )
            return &c->slots[i];
        if ( c->slots[i].mfn == GRANT_IOMMU_EMPTY )
            return NULL;
    }
    return NULL;
}

/* Where mfn goes: the first deleted or empty slot of its probe sequence. */
static struct grant_iommu_slot *free_slot(struct grant_iommu_counts *c, uint64_t mfn)
{
    for ( uint32_t i = hash_mfn(mfn, c->size); ; i = (i + 1) & (c->size - 1) )
        if ( c->slots[i].mfn == GRANT_IOMMU_EMPTY || c->slots[i].mfn == GRANT_IOMMU_DELETED )
            return &c->slots[i];
}

/* Rebuild at new_size, dropping deleted slots. */
static int resize(struct grant_iommu_counts *c, uint32_t new_size)
{
    struct grant_iommu_slot *old = c->slots;
    uint32_t old_size = c->size;

    c->slots = xmalloc_array(struct grant_iommu_slot, new_size);
    if ( c->slots == NULL )
    {
        c->slots = old;
        return -ENOMEM;
    }
    for ( uint32_t i = 0; i < new_size; i++ )
        c->slots[i].mfn = GRANT_IOMMU_EMPTY;
    c->size = new_size;
    c->occupied = c->used;
    for ( uint32_t i = 0; i < old_size; i++ )
        if ( old[i].mfn != GRANT_IOMMU_EMPTY && old[i].mfn != GRANT_IOMMU_DELETED )
            *free_slot(c, old[i].mfn) = old[i];
    xfree(old);
    return 0;
}

int grant_iommu_get(struct grant_iommu_counts *c, uint64_t mfn, bool writable,
                    enum grant_iommu_action *action)
{
    struct grant_iommu_slot *s = find(c, mfn);

    if ( s == NULL )
    {
        /* Keep probe sequences short: at most half the slots in use or deleted. */
        if ( (c->occupied + 1) * 2 > c->size )
        {
            uint32_t new_size = c->size ? c->size : INITIAL_SIZE;

            while ( (c->used + 1) * 2 > new_size / 2 && new_size < (1u << 30) )
                new_size *= 2;
            if ( resize(c, new_size) )
                return -ENOMEM;
        }
        s = free_slot(c, mfn);
        if ( s->mfn == GRANT_IOMMU_EMPTY )
            c->occupied++;
        s->mfn = mfn;
        s->readers = s->writers = 0;
        c->used++;
    }
    if ( writable )
    {
        s->writers++;
        *action = s->writers == 1 ? GRANT_IOMMU_MAP_RW : GRANT_IOMMU_KEEP;
    }
    else
    {
        s->readers++;
        *action = s->readers == 1 && s->writers == 0 ? GRANT_IOMMU_MAP_RO : GRANT_IOMMU_KEEP;
    }
    return 0;
}

int grant_iommu_put(struct grant_iommu_counts *c, uint64_t mfn, bool writable,
                    enum grant_iommu_action *action)
{
    struct grant_iommu_slot *s = find(c, mfn);
    uint32_t *count;

    if ( s == NULL )
        return -ENOENT;
    count = writable ? &s->writers : &s->readers;
    if ( *count == 0 )
        return -ENOENT;
    (*count)--;
    if ( s->readers == 0 && s->writers == 0 )
    {
        s->mfn = GRANT_IOMMU_DELETED;
        c->used--;
        *action = GRANT_IOMMU_UNMAP;
    }
    else if ( writable && s->writers == 0 )
        *action = GRANT_IOMMU_MAP_RO;   /* readers remain: demote */
    else
        *action = GRANT_IOMMU_KEEP;
    return 0;
}

void grant_iommu_lookup(const struct grant_iommu_counts *c, uint64_t mfn,
                        uint32_t *readers, uint32_t *writers)
{
    const struct grant_iommu_slot *s = find(c, mfn);

    *readers = s ? s->readers : 0;
    *writers = s ? s->writers : 0;
}

void grant_iommu_free(struct grant_iommu_counts *c)
{
    xfree(c->slots);
    memset(c, 0, sizeof(*c));
}
