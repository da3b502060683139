#!/usr/bin/env python3
"""Build dom0's initramfs: a gzip'd newc cpio with busybox and an /init.

usage: mkinitramfs.py OUT.cpio.gz INIT-SCRIPT [SRC=DEST]...

Every busybox applet gets a link in /bin; extra files are copied from SRC
to DEST inside the archive.  Written without cpio(1) so the archive is
reproducible (fixed owners and times).
"""
import gzip
import os
import stat
import subprocess
import sys

BUSYBOX = "/bin/busybox"


class Cpio:
    def __init__(self):
        self.out = bytearray()
        self.ino = 1

    def _entry(self, name, mode, data=b""):
        hdr = "070701" + "".join("%08x" % v for v in (
            self.ino, mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(name) + 1, 0))
        self.ino += 1
        self.out += hdr.encode() + name.encode() + b"\0"
        self.out += b"\0" * (-len(self.out) % 4)
        self.out += data
        self.out += b"\0" * (-len(self.out) % 4)

    def dir(self, name):
        self._entry(name, stat.S_IFDIR | 0o755)

    def file(self, name, data, mode=0o755):
        self._entry(name, stat.S_IFREG | mode, data)

    def symlink(self, name, target):
        self._entry(name, stat.S_IFLNK | 0o777, target.encode())

    def finish(self):
        self._entry("TRAILER!!!", 0)
        return bytes(self.out)


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
    for extra in sys.argv[3:]:
        src, dest = extra.split("=", 1)
        parts = dest.strip("/").split("/")
        for i in range(1, len(parts)):
            c.dir("/".join(parts[:i]))
        with open(src, "rb") as f:
            c.file(dest.strip("/"), f.read(), 0o755 if os.access(src, os.X_OK) else 0o644)
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6,
                                               mtime=0) as f:
        f.write(c.finish())


if __name__ == "__main__":
    main()
