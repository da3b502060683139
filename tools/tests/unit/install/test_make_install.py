"""make install of the whole tree into a DESTDIR: the toolstack's programs,
libraries (static, shared with their soname links, pkg-config files),
headers, man pages and Python modules land under the configured prefix,
and a program built against the installed headers and libraries through
pkg-config links and runs (on the build host it reports that privcmd is
missing, the library's own one-line message).

Run by the wrapper test-make-install (ARGON_ROOT, CC, PYTHON).
"""
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import checkrun

ROOT = os.environ["ARGON_ROOT"]
LIBS = ["call", "ctrl", "evtchn", "gnttab", "guest", "light", "store"]

PROGRAM = r"""
#include <stdio.h>
#include <xenctrl.h>
#include <xenstore.h>

int main(void)
{
    xc_interface *xch = xc_interface_open(NULL, NULL, 0);

    if ( !xch )
    {
        printf("xc: %s\n", xc_get_last_error(NULL)->message);
        return 3;
    }
    xc_interface_close(xch);
    return 0;
}
"""


def configured_dirs():
    """The install directories configure chose, ${...} expanded."""
    with open(os.path.join(ROOT, "config", "Tools.mk")) as f:
        values = dict(re.findall(r"^(\w+)\s*:=\s*(.*)$", f.read(), re.M))
    expand = lambda v: re.sub(r"\$\{(\w+)\}", lambda m: expand(values[m.group(1)]), v)
    return {k: expand(values[k]).strip() for k in
            ("prefix", "bindir", "sbindir", "libdir", "includedir", "mandir", "PYTHON_SITEDIR")}


class MakeInstallTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dest = tempfile.mkdtemp(prefix="argon-install.")
        cls.dirs = {k: cls.dest + v for k, v in configured_dirs().items()}
        r = subprocess.run(["make", "-s", "-C", ROOT, "install", "DESTDIR=" + cls.dest],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        cls.status, cls.output = r.returncode, r.stdout

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dest, ignore_errors=True)

    def assertInstalled(self, dirname, *names, executable=False):
        for name in names:
            path = os.path.join(self.dirs[dirname], name)
            self.assertTrue(os.path.exists(path), "%s is not installed" % path)
            if executable:
                self.assertTrue(os.access(path, os.X_OK), "%s is not executable" % path)

    def test_make_install_succeeds(self):
        self.assertEqual(self.status, 0, self.output)

    def test_programs(self):
        self.assertInstalled("sbindir", "xl", "xenstored", "xenconsoled", executable=True)
        self.assertInstalled("bindir", "xenstore", "xenstore-read", "xenstore-write",
                             "xenstore-ls", executable=True)

    def test_libraries_with_sonames_and_pkg_config(self):
        for lib in LIBS:
            self.assertInstalled("libdir", "libxen%s.a" % lib, "libxen%s.so" % lib,
                                 "pkgconfig/xen%s.pc" % lib)
            sonames = [n for n in os.listdir(self.dirs["libdir"])
                       if n.startswith("libxen%s.so." % lib)]
            self.assertTrue(sonames, "libxen%s has no versioned shared object" % lib)

    def test_headers(self):
        self.assertInstalled("includedir", "xenctrl.h", "xenstore.h", "xenevtchn.h",
                             "xengnttab.h", "xenguest.h", "xenforeignmemory.h", "xencall.h",
                             "argon_light.h", "xen/xen.h", "xen/domctl.h", "xen/io/xs_wire.h",
                             "xen/io/console.h")

    def test_man_pages(self):
        self.assertInstalled("mandir", "man1/xl.1", "man5/xl.cfg.5", "man1/xenstore.1",
                             "man8/xenstored.8", "man8/xenconsoled.8")

    def test_python_modules(self):
        lowlevel = os.path.join(self.dirs["PYTHON_SITEDIR"], "xen", "lowlevel")
        self.assertTrue(os.path.isdir(lowlevel), "%s is missing" % lowlevel)
        names = os.listdir(lowlevel)
        for module in ("xc", "xs"):
            self.assertTrue(any(n.startswith(module + ".") and n.endswith(".so") for n in names),
                            "xen.lowlevel.%s is not installed (%s)" % (module, names))

    def test_a_program_builds_against_the_installed_tree(self):
        env = dict(os.environ, PKG_CONFIG_SYSROOT_DIR=self.dest,
                   PKG_CONFIG_LIBDIR=os.path.join(self.dirs["libdir"], "pkgconfig"))
        flags = subprocess.run(["pkg-config", "--cflags", "--libs", "xenctrl", "xenstore"],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
        self.assertEqual(flags.returncode, 0, flags.stdout)
        self.assertIn("-I" + self.dirs["includedir"], flags.stdout)
        src = os.path.join(self.dest, "prog.c")
        exe = os.path.join(self.dest, "prog")
        with open(src, "w") as f:
            f.write(PROGRAM)
        # rpath-link: the linker looks for libxenctrl's own libxencall there, not in -L
        # (an installed tree is found through ld.so.conf, which lists /usr/local/lib).
        cc = subprocess.run([os.environ.get("CC", "cc"), "-o", exe, src] + flags.stdout.split() +
                            ["-Wl,-rpath-link," + self.dirs["libdir"]],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.assertEqual(cc.returncode, 0, cc.stdout)
        run = subprocess.run([exe], env=dict(os.environ, LD_LIBRARY_PATH=self.dirs["libdir"]),
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if os.path.exists("/dev/xen/privcmd"):
            self.assertEqual(run.returncode, 0, run.stdout)
        else:
            self.assertEqual(run.returncode, 3, run.stdout)
            self.assertIn("/dev/xen/privcmd", run.stdout)


if __name__ == "__main__":
    checkrun.main(__name__)
