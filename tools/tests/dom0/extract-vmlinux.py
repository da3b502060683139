#!/usr/bin/env python3
"""Extract the ELF kernel from a Linux bzImage (payload gzip or XZ).

usage: extract-vmlinux.py BZIMAGE OUT

Reads the x86 boot protocol header (boot protocol 2.08 or later: payload
offset and length), decompresses the payload with Python's lzma/zlib and
writes the ELF.  Until the hypervisor's own builder loads bzImages, the
test harness boots dom0 from this ELF.
"""
import lzma
import struct
import sys
import zlib


def extract(data):
    if data[0x202:0x206] != b"HdrS":
        sys.exit("not a bzImage: no HdrS signature")
    version = struct.unpack_from("<H", data, 0x206)[0]
    if version < 0x208:
        sys.exit("boot protocol %#x has no payload fields (need 2.08)" % version)
    setup_sects = data[0x1f1] or 4
    offset, length = struct.unpack_from("<II", data, 0x248)
    payload = data[(setup_sects + 1) * 512 + offset:]
    if payload[:6] == b"\xfd7zXZ\x00":
        out = lzma.LZMADecompressor(format=lzma.FORMAT_XZ).decompress(payload)
    elif payload[:2] == b"\x1f\x8b":
        out = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(payload)
    else:
        sys.exit("unknown payload compression %r" % payload[:6])
    if out[:4] != b"\x7fELF":
        sys.exit("the payload is not an ELF image")
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], "rb") as f:
        elf = extract(f.read())
    with open(sys.argv[2], "wb") as f:
        f.write(elf)


if __name__ == "__main__":
    main()
