#!/usr/bin/env python3
"""Build dom0's initramfs: a gzip'd newc cpio with busybox and an /init.

usage: mkinitramfs.py OUT.cpio.gz INIT-SCRIPT [SRC=DEST]...

Every busybox applet gets a link in /bin; extra files are copied from SRC
to DEST inside the archive.  A dynamically linked program brings the
shared libraries ldd(1) names, at the same paths, and the ones glibc loads
at run time (RUNTIME_LIBS).  Written without cpio(1) so the archive is
reproducible (fixed owners and times).
"""
import gzip
import os
import stat
import subprocess
import sys

BUSYBOX = "/bin/busybox"
# dlopen()ed by glibc (thread cancellation, backtraces), so ldd cannot see them.
RUNTIME_LIBS = ["libgcc_s.so.1"]


class Cpio:
    def __init__(self):
        self.out = bytearray()
        self.ino = 1
        self.dirs = set()

    def _entry(self, name, mode, data=b""):
        hdr = "070701" + "".join("%08x" % v for v in (
            self.ino, mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(name) + 1, 0))
        self.ino += 1
        self.out += hdr.encode() + name.encode() + b"\0"
        self.out += b"\0" * (-len(self.out) % 4)
        self.out += data
        self.out += b"\0" * (-len(self.out) % 4)

    def dir(self, name):
        if name not in self.dirs:
            self.dirs.add(name)
            self._entry(name, stat.S_IFDIR | 0o755)

    def file(self, name, data, mode=0o755):
        self._entry(name, stat.S_IFREG | mode, data)

    def symlink(self, name, target):
        self._entry(name, stat.S_IFLNK | 0o777, target.encode())

    def finish(self):
        self._entry("TRAILER!!!", 0)
        return bytes(self.out)


def shared_libraries(program):
    """The libraries program needs as (path on this machine, path in dom0)."""
    r = subprocess.run(["ldd", program], capture_output=True, text=True)
    if r.returncode != 0:           # static, or not a program at all
        return []
    libs = []
    for line in r.stdout.splitlines():
        words = line.split()
        if "=>" in words and len(words) > words.index("=>") + 1:
            path = words[words.index("=>") + 1]
        elif words and words[0].startswith("/"):
            path = words[0]         # the dynamic loader
        else:
            continue                # the vDSO has no file
        if path.startswith("/"):
            libs.append(path)
    libdir = os.path.dirname(next((p for p in libs if "/libc.so" in p), libs[0]))
    for name in RUNTIME_LIBS:
        path = os.path.join(libdir, name)
        if not os.path.exists(path):
            sys.exit("%s is missing (%s needs it at run time)" % (path, program))
        libs.append(path)
    return [(p, p) for p in libs]


def add_file(c, src, dest):
    parts = dest.strip("/").split("/")
    for i in range(1, len(parts)):
        c.dir("/".join(parts[:i]))
    with open(src, "rb") as f:
        c.file(dest.strip("/"), f.read(), 0o755 if os.access(src, os.X_OK) else 0o644)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out, init = sys.argv[1], sys.argv[2]
    if not os.path.exists(BUSYBOX):
        sys.exit("%s is missing: apt-get install busybox-static" % BUSYBOX)
    applets = subprocess.run([BUSYBOX, "--list"], capture_output=True, text=True,
                             check=True).stdout.split()
    c = Cpio()
    for d in ("bin", "dev", "proc", "sys", "tmp", "run", "lib", "lib/modules"):
        c.dir(d)
    with open(BUSYBOX, "rb") as f:
        c.file("bin/busybox", f.read())
    for a in applets:
        if a != "busybox":
            c.symlink("bin/" + a, "busybox")
    with open(init, "rb") as f:
        c.file("init", f.read())
    files = {}
    for extra in sys.argv[3:]:
        src, dest = extra.split("=", 1)
        files[dest] = src
        if os.access(src, os.X_OK):
            for lib, lib_dest in shared_libraries(src):
                files.setdefault(lib_dest, lib)
    for dest in sorted(files):
        add_file(c, files[dest], dest)
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6,
                                               mtime=0) as f:
        f.write(c.finish())


if __name__ == "__main__":
    main()
