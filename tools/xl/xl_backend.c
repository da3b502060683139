/*
 * xl_backend.c - the hypervisor behind xl's commands.
 *
 * Until libxenctrl is wired in, the only real backend is "privcmd": it
 * checks that /dev/xen/privcmd can be opened (so on anything but dom0 the
 * answer is one clear line) and provides no operations yet, so each
 * command then says which operation is missing.  Tests install their own
 * backend with xl_backend_set().
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "xl.h"

static int privcmd_open(void)
{
    int fd = open(XL_PRIVCMD_PATH, O_RDWR | O_CLOEXEC);

    if ( fd < 0 )
        return xl_fail("cannot open %s: %s (is this dom0 on Argon?)", XL_PRIVCMD_PATH,
                       strerror(errno)), -1;
    close(fd);
    return 0;
}

static const struct xl_backend privcmd_backend = {
    .name = "privcmd",
    .open = privcmd_open,
};

static const struct xl_backend *current = &privcmd_backend;
static bool opened;

void xl_backend_set(const struct xl_backend *b)
{
    current = b ? b : &privcmd_backend;
    opened = false;
}

int xl_backend_open(const struct xl_backend **b)
{
    if ( !opened )
    {
        if ( current->open && current->open() )
            return -1;
        opened = true;
    }
    *b = current;
    return 0;
}

int xl_backend_missing(const char *op)
{
    xl_fail("%s: not available yet (the %s backend does not implement it)", op,
            current->name);
    return -1;
}
