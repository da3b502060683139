"""make install of tools/python: the package lands under the prefix's
site directory inside DESTDIR, the system python3 searches that directory
(for the default /usr/local prefix), and the installed modules import
from there.

Run by the wrapper test-python-install (ARGON_ROOT, PYTHON).
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import checkrun

ROOT = os.environ["ARGON_ROOT"]


def configured(name):
    with open(os.path.join(ROOT, "config", "Tools.mk")) as f:
        m = re.search(r"^%s\s*:=\s*(.*)$" % name, f.read(), re.M)
    return m.group(1).strip()


class InstallTest(unittest.TestCase):
    def setUp(self):
        self.dest = tempfile.mkdtemp(prefix="argon-py-install.")

    def tearDown(self):
        shutil.rmtree(self.dest, ignore_errors=True)

    def test_make_install_into_destdir(self):
        r = subprocess.run(["make", "-s", "-C", os.path.join(ROOT, "tools", "python"),
                            "install", "DESTDIR=" + self.dest],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.assertEqual(r.returncode, 0, r.stdout)
        prefix = configured("prefix")
        sitedir = configured("PYTHON_SITEDIR").replace("${prefix}", prefix)
        installed = os.path.join(self.dest + sitedir, "xen", "lowlevel")
        for name in ("xc", "xs"):
            found = glob.glob(os.path.join(installed, name + ".*.so"))
            self.assertEqual(len(found), 1, "%s not installed in %s" % (name, installed))
        for init in ("xen/__init__.py", "xen/lowlevel/__init__.py"):
            self.assertTrue(os.path.isfile(os.path.join(self.dest + sitedir, init)), init)
        if prefix == "/usr/local":
            path = subprocess.run([sys.executable, "-c", "import sys; print('\\n'.join(sys.path))"],
                                  env={"PATH": os.environ.get("PATH", "")}, text=True,
                                  stdout=subprocess.PIPE).stdout.split()
            self.assertIn(sitedir, path, "python3 does not search the install directory")
        libs = os.pathsep.join(os.path.join(ROOT, "tools", "libs", l)
                               for l in ("ctrl", "call", "store"))
        r = subprocess.run([sys.executable, "-c",
                            "import xen.lowlevel.xc as c, xen.lowlevel.xs as s; "
                            "print(c.__file__); print(s.__file__)"],
                           env={"PYTHONPATH": self.dest + sitedir, "LD_LIBRARY_PATH": libs},
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.assertEqual(r.returncode, 0, r.stdout)
        for line in r.stdout.split():
            self.assertTrue(line.startswith(installed), line)


if __name__ == "__main__":
    checkrun.main(__name__)
