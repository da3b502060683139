/*
 * The pool of IOMMU domain ids (rules in xen/iommu-did.h).
 */
#include <xen/errno.h>
#include <xen/iommu-did.h>
#include <xen/string.h>

static bool did_used(const struct iommu_did_pool *p, unsigned int did)
{
    return p->used[did / 64] & (1ULL << (did % 64));
}

void iommu_did_pool_init(struct iommu_did_pool *p, unsigned int limit)
{
    memset(p->used, 0, sizeof(p->used));
    p->limit = limit < IOMMU_DID_MAX ? limit : IOMMU_DID_MAX;
}

int iommu_did_alloc(struct iommu_did_pool *p)
{
    for ( unsigned int word = IOMMU_DID_FIRST / 64; word * 64 < p->limit; word++ )
    {
        uint64_t free = ~p->used[word];

        if ( word == IOMMU_DID_FIRST / 64 )
            free &= ~((1ULL << IOMMU_DID_FIRST) - 1);
        if ( free )
        {
            unsigned int did = word * 64 + (unsigned int)__builtin_ctzll(free);

            if ( did >= p->limit )
                break;
            p->used[word] |= 1ULL << (did % 64);
            return (int)did;
        }
    }
    return -ENOSPC;
}

void iommu_did_free(struct iommu_did_pool *p, unsigned int did)
{
    if ( did >= IOMMU_DID_FIRST && did < p->limit && did_used(p, did) )
        p->used[did / 64] &= ~(1ULL << (did % 64));
}
