"""xen.lowlevel.xs against the real xenstored, started on a Unix socket in a
temporary directory (with its directory ring backend there, so a domain can
be introduced over a ring of plain files, as test-store-daemon does).

Run by the wrapper test-python-xs, which sets PYTHONPATH, LD_LIBRARY_PATH
and XENSTORED_BIN.
"""
import errno
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import checkrun
import xen.lowlevel.xs as xs


class Daemon:
    """xenstored --no-fork on DIR/socket; stop() checks it exits 0."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="xenstored-py.")
        self.socket = os.path.join(self.dir, "socket")
        self.proc = subprocess.Popen(
            [os.environ["XENSTORED_BIN"], "--no-fork", "--socket", self.socket,
             "--ring-dir", self.dir, "--log-file", os.path.join(self.dir, "log")],
            stdin=subprocess.DEVNULL)
        os.environ["XENSTORED_PATH"] = self.socket
        deadline = time.monotonic() + 5
        while True:                     # ready once it accepts, not just binds
            try:
                xs.xs(socket=True).close()
                return
            except xs.Error:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    self.stop()
                    raise RuntimeError("xenstored did not start on %s" % self.socket)
                time.sleep(0.01)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        status = self.proc.wait(timeout=10)
        shutil.rmtree(self.dir, ignore_errors=True)
        return status


def wait_event(h, timeout=5.0):
    """The next watch event of h, or None if none comes within timeout."""
    ready, _, _ = select.select([h.fileno()], [], [], timeout)
    return h.read_watch() if ready else None


class XsTest(unittest.TestCase):
    def setUp(self):
        self.daemon = Daemon()
        self.h = xs.xs(socket=True)

    def tearDown(self):
        self.h.close()
        self.assertEqual(self.daemon.stop(), 0, "xenstored did not exit cleanly")

    def test_read_write_ls_mkdir_rm(self):
        h = self.h
        h.write("", "/py/a", "one")
        h.write("", "/py/b", b"bin\x00ary")
        self.assertEqual(h.read("", "/py/a"), b"one")
        self.assertEqual(h.read("", "/py/b"), b"bin\x00ary")
        h.mkdir("", "/py/dir")
        self.assertEqual(h.read("", "/py/dir"), b"")
        self.assertEqual(sorted(h.ls("", "/py")), ["a", "b", "dir"])
        h.rm("", "/py/a")
        self.assertIsNone(h.read("", "/py/a"))
        self.assertIsNone(h.ls("", "/py/missing"))
        h.rm("", "/py/missing")         # no error, as in Xen
        self.assertEqual(sorted(h.ls("", "/py")), ["b", "dir"])

    def test_daemon_errors_raise_xs_error(self):
        with self.assertRaises(xs.Error) as cm:
            self.h.write("", "/bad//path", "x")
        self.assertEqual(cm.exception.errno, errno.EINVAL)
        self.assertIn("write /bad//path", cm.exception.strerror)
        self.assertIsInstance(cm.exception, RuntimeError)  # Xen's binding raises RuntimeError
        with self.assertRaises(xs.Error) as cm:
            self.h.get_permissions("", "/py/missing")
        self.assertEqual(cm.exception.errno, errno.ENOENT)
        with self.assertRaises(xs.Error) as cm:
            self.h.write("1234", "/py", "x")   # a transaction that was never started
        self.assertEqual(cm.exception.errno, errno.ENOENT)

    def test_permissions(self):
        h = self.h
        h.write("", "/perm/node", "v")
        self.assertEqual(h.get_permissions("", "/perm/node"),
                         [{"dom": 0, "read": False, "write": False}])
        h.set_permissions("", "/perm/node", [{"dom": 3}, {"dom": 5, "read": True},
                                             {"dom": 7, "read": True, "write": True}])
        self.assertEqual(h.get_permissions("", "/perm/node"),
                         [{"dom": 3, "read": False, "write": False},
                          {"dom": 5, "read": True, "write": False},
                          {"dom": 7, "read": True, "write": True}])
        for bad, exc in (([], ValueError), ("r0", TypeError), ([{"read": True}], ValueError),
                         ([{"dom": -1}], ValueError), ([{"dom": "0"}], TypeError),
                         ([{"dom": 0, "exec": True}], ValueError), ([7], TypeError)):
            with self.assertRaises(exc, msg=repr(bad)):
                h.set_permissions("", "/perm/node", bad)
        self.assertEqual(len(h.get_permissions("", "/perm/node")), 3)

    def test_transaction_commits_atomically(self):
        h, other = self.h, xs.xs(socket=True)
        t = h.transaction_start()
        self.assertIsInstance(t, str)
        h.write(t, "/tx/a", "1")
        h.write(t, "/tx/b", "2")
        self.assertIsNone(other.read("", "/tx/a"), "a transaction's write seen before commit")
        self.assertEqual(h.read(t, "/tx/a"), b"1")
        self.assertTrue(h.transaction_end(t))
        self.assertEqual((other.read("", "/tx/a"), other.read("", "/tx/b")), (b"1", b"2"))
        t = h.transaction_start()
        h.write(t, "/tx/a", "dropped")
        self.assertTrue(h.transaction_end(t, abort=True))
        self.assertEqual(other.read("", "/tx/a"), b"1")
        other.close()

    def test_transaction_conflict_returns_false(self):
        h, other = self.h, xs.xs(socket=True)
        h.write("", "/counter", "0")
        t = h.transaction_start()
        seen = int(h.read(t, "/counter"))
        other.write("", "/counter", "41")       # lands between our read and commit
        h.write(t, "/counter", str(seen + 1))
        self.assertFalse(h.transaction_end(t), "a conflicting commit was accepted")
        self.assertEqual(h.read("", "/counter"), b"41", "a conflicting commit changed the node")
        while True:                             # the retry loop callers write
            t = h.transaction_start()
            value = int(h.read(t, "/counter"))
            h.write(t, "/counter", str(value + 1))
            if h.transaction_end(t):
                break
        self.assertEqual(other.read("", "/counter"), b"42")
        other.close()

    def test_watch_read_watch_unwatch(self):
        h, writer = self.h, xs.xs(socket=True)
        token = object()                        # any object, returned as itself
        h.watch("/w", token)
        self.assertEqual(wait_event(h), ("/w", token))     # fired once when set
        writer.write("", "/w/child", "x")
        path, got = wait_event(h)
        self.assertEqual(path, "/w/child")
        self.assertIs(got, token)
        second = ["a list token"]
        h.watch("/other", second)
        self.assertEqual(wait_event(h), ("/other", second))
        writer.write("", "/other/x", "y")
        self.assertEqual(wait_event(h), ("/other/x", second))
        h.unwatch("/w", token)
        writer.write("", "/w/child", "again")
        self.assertIsNone(wait_event(h, 0.3), "an event after unwatch")
        with self.assertRaises(ValueError):
            h.unwatch("/w", token)
        with self.assertRaises(ValueError):
            h.unwatch("/other", ["a list token"])   # equal but not the same object
        writer.close()

    def test_domains(self):
        h = self.h
        self.assertEqual(h.get_domain_path(3), "/local/domain/3")
        self.assertFalse(h.is_domain_introduced(5))
        # Domain 5's ring: the page and FIFOs the directory backend maps.
        d = self.daemon.dir
        with open(os.path.join(d, "domain5.page"), "wb") as f:
            f.write(b"\0" * 4096)
        os.mkfifo(os.path.join(d, "domain5.to-store"))
        os.mkfifo(os.path.join(d, "domain5.to-guest"))
        token = "intro"
        h.watch("@introduceDomain", token)
        self.assertEqual(wait_event(h), ("@introduceDomain", token))
        h.introduce_domain(5, 0x1234, 1)
        self.assertTrue(h.is_domain_introduced(5))
        self.assertEqual(wait_event(h), ("@introduceDomain", token))
        h.release_domain(5)
        self.assertFalse(h.is_domain_introduced(5))
        with self.assertRaises(xs.Error):
            h.introduce_domain(6, 0x1234, 1)      # no ring files for domain 6
        self.assertFalse(h.is_domain_introduced(6))

    def test_argument_errors(self):
        h = self.h
        cases = [
            (TypeError, h.read, (1, "/x")),
            (TypeError, h.read, ("", None)),
            (TypeError, h.read, ("",)),
            (ValueError, h.read, ("zz", "/x")),
            (ValueError, h.read, ("-1", "/x")),
            (ValueError, h.write, ("100000000", "/x", "v")),
            (TypeError, h.write, ("", "/x", 5)),
            (ValueError, h.write, ("", "/x", "v" * 5000)),
            (ValueError, h.transaction_end, ("",)),
            (TypeError, h.watch, (b"/x", "t")),
            (ValueError, h.introduce_domain, (-1, 0, 1)),
            (ValueError, h.introduce_domain, (1, -5, 1)),
            (ValueError, h.introduce_domain, (1, 0, 1 << 32)),
            (TypeError, h.introduce_domain, (1, 0.5, 1)),
            (ValueError, h.get_domain_path, (0x7ff0,)),
            (TypeError, h.release_domain, ("1",)),
            (TypeError, h.release_domain, (True,)),
            (ValueError, h.set_target, (1, 70000)),
        ]
        for exc, fn, args in cases:
            with self.assertRaises(exc, msg="%s%r" % (fn.__name__, args)):
                fn(*args)
        with self.assertRaises(TypeError):
            xs.xs(bogus=1)

    def test_read_watch_blocks_in_a_thread(self):
        h, writer = self.h, xs.xs(socket=True)
        h.watch("/thread", "t")
        self.assertEqual(wait_event(h), ("/thread", "t"))
        got = []
        reader = threading.Thread(target=lambda: got.append(h.read_watch()))
        reader.start()
        time.sleep(0.2)                         # it blocks with the GIL released
        self.assertEqual(h.read("", "/thread"), None, "the handle is usable meanwhile")
        with self.assertRaises(xs.Error) as cm:
            h.close()                           # not under the blocked reader's feet
        self.assertEqual(cm.exception.errno, errno.EBUSY)
        writer.write("", "/thread/x", "1")
        reader.join(5)
        self.assertFalse(reader.is_alive(), "read_watch did not return")
        self.assertEqual(got, [("/thread/x", "t")])
        writer.close()

    def test_closed_handle(self):
        h = xs.xs(socket=True)
        h.watch("/c", "tok")
        h.close()
        with self.assertRaises(xs.Error) as cm:
            h.read("", "/c")
        self.assertEqual(cm.exception.errno, errno.EBADF)
        h.close()                               # twice is harmless

    def test_no_daemon(self):
        os.environ["XENSTORED_PATH"] = os.path.join(self.daemon.dir, "nobody-here")
        try:
            with self.assertRaises(xs.Error) as cm:
                xs.xs(socket=True)
            self.assertIn(cm.exception.errno, (errno.ENOENT, errno.ECONNREFUSED))
        finally:
            os.environ["XENSTORED_PATH"] = self.daemon.socket

    def test_no_leaks(self):
        h = self.h
        h.write("", "/leak/value", "v" * 1000)
        h.set_permissions("", "/leak/value", [{"dom": 0}, {"dom": 1, "read": True}])

        def cycle():
            h.read("", "/leak/value")
            h.ls("", "/leak")
            h.get_permissions("", "/leak/value")
            h.write("", "/leak/n", b"x" * 100)
            self.assertIsNone(h.read("", "/leak/none"))
            t = h.transaction_start()
            h.transaction_end(t, abort=True)
            try:
                h.write("", "/bad//path", "x")
            except xs.Error:
                pass
            try:
                h.read("zz", "/x")
            except ValueError:
                pass

        checkrun.leak_check(self, cycle, rounds=1500)

        def watch_cycle():
            tok = object()
            h.watch("/leak/w", tok)
            wait_event(h)
            h.unwatch("/leak/w", tok)

        checkrun.leak_check(self, watch_cycle, rounds=500)


if __name__ == "__main__":
    checkrun.main(__name__)
