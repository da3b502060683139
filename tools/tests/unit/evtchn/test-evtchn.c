/*
 * test-evtchn.c - libxenevtchn over a fake /dev/xen/evtchn: the ioctl
 * numbers are Linux's (written out here from include/uapi/xen/evtchn.h,
 * not taken from the library), arguments are refused before any ioctl,
 * and pending/unmask travel through read/write as 32-bit ports.
 */
#include <check.h>
#include <errno.h>
#include <string.h>

#include <xenevtchn.h>

#include "../check_run.h"

/* _IOC(_IOC_NONE, 'E', nr, size) */
#define LINUX_BIND_VIRQ         0x00044500UL
#define LINUX_BIND_INTERDOMAIN  0x00084501UL
#define LINUX_BIND_UNBOUND_PORT 0x00044502UL
#define LINUX_UNBIND            0x00044503UL
#define LINUX_NOTIFY            0x00044504UL

#define FAKE_FD 42

/* The kernel and hypervisor: ports bound in order, a loopback pair notifies its peer. */
static struct {
    unsigned int opens, ioctls, reads, writes;
    unsigned long last_request;
    uint32_t last_arg[2];
    uint32_t next_port, peer[16];
    uint32_t pending[8];
    unsigned int nr_pending;
    uint32_t unmasked;
} k;

static int fake_open(const char *path, int flags)
{
    k.opens++;
    return strcmp(path, "/dev/xen/evtchn") ? (errno = ENOENT, -1) : FAKE_FD;
}

static int fake_close(int fd)
{
    return 0;
}

static int fake_ioctl(int fd, unsigned long request, void *arg)
{
    uint32_t a[2] = { 0, 0 }, port;

    k.ioctls++;
    k.last_request = request;
    memcpy(a, arg, request == LINUX_BIND_INTERDOMAIN ? 8 : 4);
    memcpy(k.last_arg, a, sizeof(a));
    switch ( request )
    {
    case LINUX_BIND_UNBOUND_PORT: case LINUX_BIND_VIRQ:
        return (int)++k.next_port;
    case LINUX_BIND_INTERDOMAIN:
        if ( a[1] == 0 || a[1] > k.next_port )
            return errno = EINVAL, -1;
        port = ++k.next_port;
        k.peer[port] = a[1];
        k.peer[a[1]] = port;
        return (int)port;
    case LINUX_NOTIFY:
        if ( a[0] > k.next_port || !k.peer[a[0]] )
            return errno = ENOTCONN, -1;
        k.pending[k.nr_pending++] = k.peer[a[0]];
        return 0;
    case LINUX_UNBIND:
        return a[0] <= k.next_port ? 0 : (errno = ENOTCONN, -1);
    }
    return errno = ENOTTY, -1;
}

static ssize_t fake_read(int fd, void *buf, size_t len)
{
    k.reads++;
    if ( !k.nr_pending )
        return errno = EAGAIN, -1;
    if ( len < 4 )
        return errno = EINVAL, -1;
    memcpy(buf, &k.pending[0], 4);
    memmove(k.pending, k.pending + 1, --k.nr_pending * 4);
    return 4;
}

static ssize_t fake_write(int fd, const void *buf, size_t len)
{
    k.writes++;
    if ( len != 4 )
        return errno = EINVAL, -1;
    memcpy(&k.unmasked, buf, 4);
    return 4;
}

static const struct xenevtchn_transport fake = {
    .open = fake_open, .close = fake_close, .ioctl = fake_ioctl,
    .read = fake_read, .write = fake_write,
};

static xenevtchn_handle *open_fake(void)
{
    xenevtchn_handle *h;

    memset(&k, 0, sizeof(k));
    xenevtchn_set_transport(&fake);
    h = xenevtchn_open(NULL, 0);
    ck_assert_msg(h, "%s", xenevtchn_last_error());
    return h;
}

START_TEST(loopback_round_trip)
{
    xenevtchn_handle *h = open_fake();
    int unbound, local, virq;

    ck_assert_int_eq(xenevtchn_fd(h), FAKE_FD);
    unbound = xenevtchn_bind_unbound_port(h, 0);
    ck_assert_int_eq(unbound, 1);
    ck_assert_uint_eq(k.last_request, LINUX_BIND_UNBOUND_PORT);
    ck_assert_uint_eq(k.last_arg[0], 0);
    local = xenevtchn_bind_interdomain(h, 0, (evtchn_port_t)unbound);
    ck_assert_int_eq(local, 2);
    ck_assert_uint_eq(k.last_request, LINUX_BIND_INTERDOMAIN);
    ck_assert_uint_eq(k.last_arg[1], (uint32_t)unbound);
    ck_assert_int_eq(xenevtchn_notify(h, (evtchn_port_t)local), 0);
    ck_assert_uint_eq(k.last_request, LINUX_NOTIFY);
    ck_assert_int_eq(xenevtchn_pending(h), unbound);
    ck_assert_int_eq(xenevtchn_unmask(h, (evtchn_port_t)unbound), 0);
    ck_assert_uint_eq(k.unmasked, (uint32_t)unbound);
    virq = xenevtchn_bind_virq(h, 3);
    ck_assert_int_eq(virq, 3);
    ck_assert_uint_eq(k.last_request, LINUX_BIND_VIRQ);
    ck_assert_uint_eq(k.last_arg[0], 3);
    ck_assert_int_eq(xenevtchn_unbind(h, (evtchn_port_t)virq), 0);
    ck_assert_uint_eq(k.last_request, LINUX_UNBIND);
    /* nothing pending: the kernel's EAGAIN, with a message */
    ck_assert_int_eq(xenevtchn_pending(h), -1);
    ck_assert_int_eq(errno, EAGAIN);
    ck_assert_str_eq(xenevtchn_last_error(), "xenevtchn_pending: Resource temporarily unavailable");
    /* the kernel's refusal arrives as errno */
    ck_assert_int_eq(xenevtchn_notify(h, 9), -1);
    ck_assert_int_eq(errno, ENOTCONN);
    xenevtchn_close(h);
    xenevtchn_set_transport(NULL);
}
END_TEST

START_TEST(bad_arguments_refused_first)
{
    xenevtchn_handle *h = open_fake();

    ck_assert_int_eq(xenevtchn_bind_unbound_port(h, 0x7ff0), -1);
    ck_assert_int_eq(errno, EINVAL);
    ck_assert_str_eq(xenevtchn_last_error(),
                     "xenevtchn_bind_unbound_port: domain id 32752 is not a domain");
    ck_assert_int_eq(xenevtchn_bind_interdomain(h, 1, 0), -1);
    ck_assert_int_eq(xenevtchn_bind_interdomain(h, 0x8000, 5), -1);
    ck_assert_int_eq(xenevtchn_bind_virq(h, 24), -1);
    ck_assert_int_eq(xenevtchn_pending(NULL), -1);
    ck_assert_uint_eq(k.ioctls + k.reads, 0);
    ck_assert_ptr_null(xenevtchn_open(NULL, 0x10));
    ck_assert_uint_eq(k.opens, 1);
    xenevtchn_close(h);
    xenevtchn_set_transport(NULL);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("xenevtchn");
    TCase *tc = tcase_create("xenevtchn");

    tcase_add_test(tc, loopback_round_trip);
    tcase_add_test(tc, bad_arguments_refused_first);
    suite_add_tcase(s, tc);
    return check_run(s);
}
