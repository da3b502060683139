/*
 * evtchn-loop: libxenevtchn against the real hypervisor, from dom0.  Binds
 * an unbound port of dom0 for dom0, binds a second port to it, notifies
 * through the second and waits (at most two seconds) for the first to
 * come up pending, unmasking every port that fires on the way (as in Xen,
 * binding raises an event on the new local port); then unbinds both.  One
 * line says what happened; the exit status is 0 only if the notification
 * arrived on the right port.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>

#include <xenevtchn.h>

static int failed(const char *what)
{
    printf("argon-dom0: evtchn: %s failed: %s\n", what, xenevtchn_last_error());
    return 1;
}

int main(void)
{
    xenevtchn_handle *h = xenevtchn_open(NULL, 0);
    struct pollfd pfd;
    int unbound, local, pending = -1, others = 0;

    if ( !h )
        return failed("open");
    if ( (unbound = xenevtchn_bind_unbound_port(h, 0)) < 0 )
        return failed("bind_unbound_port");
    if ( (local = xenevtchn_bind_interdomain(h, 0, (evtchn_port_t)unbound)) < 0 )
        return failed("bind_interdomain");
    if ( xenevtchn_notify(h, (evtchn_port_t)local) )
        return failed("notify");
    pfd = (struct pollfd){ .fd = xenevtchn_fd(h), .events = POLLIN };
    while ( pending != unbound && others < 8 )
    {
        if ( poll(&pfd, 1, 2000) != 1 )
        {
            printf("argon-dom0: evtchn: no event within 2 s on port %d\n", unbound);
            return 1;
        }
        if ( (pending = xenevtchn_pending(h)) < 0 )
            return failed("pending");
        if ( xenevtchn_unmask(h, (evtchn_port_t)pending) )
            return failed("unmask");
        others += pending != unbound;
    }
    if ( xenevtchn_unbind(h, (evtchn_port_t)local) || xenevtchn_unbind(h, (evtchn_port_t)unbound) )
        return failed("unbind");
    xenevtchn_close(h);
    printf("argon-dom0: evtchn: notify on port %d arrived on port %d (bound unbound: %d, "
           "%d other events)\n", local, pending, unbound, others);
    return pending == unbound ? 0 : 1;
}
