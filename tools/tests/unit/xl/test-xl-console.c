/*
 * test-xl-console.c - `xl console` (xl_console_attach) against the real
 * xenstored over its socket, with the test playing xenconsoled: it opens
 * a pty, names it in the domain's console/tty node and talks on the
 * master side as the daemon does.
 */
#include <pty.h>
#include <termios.h>

#include "../check_run.h"
#include "../store/daemon_test.h"
#include "xl.h"

#define DOMID 7

struct attached {
    pid_t pid;
    int to_stdin, from_stdout;
};

static struct daemon store;
static int master_fd, slave_fd;

static void write_node(const char *node, const char *value)
{
    struct xs_handle *h = open_store();
    char path[64];

    snprintf(path, sizeof(path), "/local/domain/%d/console/%s", DOMID, node);
    ck_assert(xs_write(h, XBT_NULL, path, value, (unsigned int)strlen(value)));
    xs_close(h);
}

/* A pty as xenconsoled opens one (raw, the slave held open), named in xenstore. */
static void serve_console(void)
{
    struct termios t;

    ck_assert_int_eq(openpty(&master_fd, &slave_fd, NULL, NULL, NULL), 0);
    ck_assert_int_eq(tcgetattr(slave_fd, &t), 0);
    cfmakeraw(&t);
    ck_assert_int_eq(tcsetattr(slave_fd, TCSANOW, &t), 0);
    write_node("ring-ref", "12345");
    write_node("port", "3");
    write_node("tty", ttyname(slave_fd));
}

static void setup(void)
{
    daemon_start(&store, NULL);
    master_fd = slave_fd = -1;
}

static void teardown(void)
{
    if ( master_fd >= 0 )
        close(master_fd);
    if ( slave_fd >= 0 )
        close(slave_fd);
    daemon_stop(&store);
}

/* xl console DOMID in a child, its stdin and stdout pipes in our hands. */
static struct attached attach(void)
{
    int in[2], out[2];
    struct attached a;

    ck_assert_int_eq(pipe(in), 0);
    ck_assert_int_eq(pipe(out), 0);
    a.pid = fork();
    ck_assert_int_ge(a.pid, 0);
    if ( a.pid == 0 )
    {
        dup2(in[0], STDIN_FILENO);
        dup2(out[1], STDOUT_FILENO);
        close(in[1]);
        close(out[0]);
        /* xl is another process than the daemon: it must not hold the master too. */
        if ( master_fd >= 0 )
            close(master_fd);
        if ( slave_fd >= 0 )
            close(slave_fd);
        xl_out = stdout;
        xl_err = stderr;
        _exit(xl_console_attach(DOMID) ? 1 : 0);
    }
    close(in[0]);
    close(out[1]);
    a.to_stdin = in[1];
    a.from_stdout = out[0];
    return a;
}

/* Read exactly strlen(want) bytes from fd within 5 s and compare. */
static void expect_bytes(int fd, const char *want)
{
    size_t len = strlen(want), got = 0;
    char buf[256] = "";

    while ( got < len )
    {
        struct pollfd p = { .fd = fd, .events = POLLIN };
        ssize_t n;

        ck_assert_msg(poll(&p, 1, 5000) == 1, "timed out after '%.*s'", (int)got, buf);
        n = read(fd, buf + got, len - got);
        ck_assert_int_gt(n, 0);
        got += (size_t)n;
    }
    ck_assert_str_eq(buf, want);
}

static int exit_status(pid_t pid)
{
    int status;

    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert(WIFEXITED(status));
    return WEXITSTATUS(status);
}

START_TEST(output_and_input_pass_until_ctrl_bracket_detaches)
{
    struct attached a;

    serve_console();
    a = attach();
    ck_assert_int_eq(write(master_fd, "guest says hi\r\n", 15), 15);
    expect_bytes(a.from_stdout, "guest says hi\r\n");
    ck_assert_int_eq(write(a.to_stdin, "ls\r\035after", 9), 9);   /* Ctrl-] then more */
    expect_bytes(master_fd, "ls\r");
    ck_assert_int_eq(exit_status(a.pid), 0);
    close(a.to_stdin);
    close(a.from_stdout);
}
END_TEST

START_TEST(output_continues_after_stdin_ends_until_the_console_closes)
{
    struct attached a;

    serve_console();
    a = attach();
    close(a.to_stdin);                              /* a script with no input */
    ck_assert_int_eq(write(master_fd, "still here\n", 11), 11);
    expect_bytes(a.from_stdout, "still here\n");
    close(master_fd);                               /* the daemon lets the domain go */
    close(slave_fd);
    master_fd = slave_fd = -1;
    ck_assert_int_eq(exit_status(a.pid), 0);
    close(a.from_stdout);
}
END_TEST

START_TEST(a_domain_without_a_console_is_refused_at_once)
{
    struct attached a = attach();

    ck_assert_int_eq(exit_status(a.pid), 1);
    close(a.to_stdin);
    close(a.from_stdout);
}
END_TEST

static Suite *xl_console_suite(void)
{
    Suite *s = suite_create("xl-console");
    TCase *tc = tcase_create("attach");

    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, output_and_input_pass_until_ctrl_bracket_detaches);
    tcase_add_test(tc, output_continues_after_stdin_ends_until_the_console_closes);
    tcase_add_test(tc, a_domain_without_a_console_is_refused_at_once);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return check_run(xl_console_suite());
}
