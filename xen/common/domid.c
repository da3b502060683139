/*
 * Domain ids for createdomain (rules in xen/domid.h).
 */
#include <xen/domid.h>
#include <xen/errno.h>

long domid_choose(domid_t requested, bool (*in_use)(domid_t id))
{
    if ( requested != 0 && requested < DOMID_FIRST_RESERVED )
        return in_use(requested) ? -EEXIST : requested;
    for ( domid_t id = 1; id < DOMID_FIRST_RESERVED; id++ )
        if ( !in_use(id) )
            return id;
    return -ENOMEM;                     /* as Xen answers when every id is taken */
}
