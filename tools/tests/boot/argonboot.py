"""Boot Argon under QEMU through GRUB, the way users boot real machines.

build_iso() makes a GRUB rescue ISO with a multiboot2 entry for the
hypervisor and its modules; boot() runs QEMU on it with the test platform
(q35, Intel VT-d, the edu DMA device) and returns the serial log.  Both the
run command (interactive) and the boot tests use this module.
"""

import os
import re
import shutil
import subprocess
import tempfile
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))

# The final line of a hypervisor that stopped without powering off.
HALT_LINE = "*** Argon halted ***"


def grub_cfg(xen, cmdline, modules):
    """The grub.cfg text: serial-only GRUB, one multiboot2 entry, no menu delay."""
    lines = [
        "serial --unit=0 --speed=115200",
        "terminal_input serial",
        "terminal_output serial",
        "set timeout=0",
        "set default=0",
        'menuentry "Argon" {',
        "    multiboot2 /boot/%s %s" % (os.path.basename(xen), cmdline),
    ]
    # --nounzip: the hypervisor gets modules exactly as given (it decompresses itself).
    for i, (path, args) in enumerate(modules):
        lines.append("    module2 --nounzip /boot/mod%d-%s %s" % (i, os.path.basename(path), args))
    lines.append("}")
    return "\n".join(lines) + "\n"


def build_iso(xen, iso, cmdline="", modules=()):
    """Write a bootable ISO at 'iso'.  modules: [(path, args)]."""
    with tempfile.TemporaryDirectory(prefix="argon-iso-") as tree:
        boot = os.path.join(tree, "boot")
        os.makedirs(os.path.join(boot, "grub"))
        shutil.copy(xen, os.path.join(boot, os.path.basename(xen)))
        for i, (path, _args) in enumerate(modules):
            shutil.copy(path, os.path.join(boot, "mod%d-%s" % (i, os.path.basename(path))))
        with open(os.path.join(boot, "grub", "grub.cfg"), "w") as f:
            f.write(grub_cfg(xen, cmdline, modules))
        # Only the BIOS platform: fast, and what q35 with SeaBIOS boots.
        result = subprocess.run(
            ["grub-mkrescue", "-d", "/usr/lib/grub/i386-pc", "-o", iso, tree],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True)
        if result.returncode != 0:
            raise RuntimeError("grub-mkrescue failed:\n" + result.stdout)


def qemu_command(iso, memory="1G", smp=2, cpu="max,-smap", iommu="intel-iommu,aw-bits=39",
                 extra=(), interactive=False):
    """The QEMU command line of the test platform.  intel-iommu must come
    before the other devices (QEMU-PLATFORM.md)."""
    cmd = ["qemu-system-x86_64",
           "-machine", "q35", "-cpu", cpu, "-smp", str(smp), "-m", memory,
           "-device", iommu,
           "-device", "edu,bus=pcie.0,addr=0x5,dma_mask=0xffffffffffffffff",
           "-display", "none", "-vga", "none", "-no-reboot",
           "-boot", "d", "-cdrom", iso]
    if interactive:
        cmd += ["-serial", "mon:stdio"]
    else:
        cmd += ["-serial", "stdio", "-monitor", "none"]
    return cmd + list(extra)


class BootResult:
    def __init__(self, log, exit_status, timed_out, halted, seconds, milestones=None):
        self.log = log                  # the serial output, text
        self.exit_status = exit_status  # QEMU's status, None if we stopped it
        self.timed_out = timed_out
        self.halted = halted            # the hypervisor printed HALT_LINE
        self.seconds = seconds
        self.milestones = milestones or {}  # name -> seconds from QEMU's start


def boot(iso, timeout, log_path=None, stop_patterns=(), sends=(), milestones=(), **platform):
    """Boot 'iso' non-interactively.  Returns when QEMU exits, when the
    hypervisor prints HALT_LINE or a line matching a stop pattern, or after
    'timeout' seconds (then QEMU is killed).  sends: [(regex, text)], in
    order: once a line matches the regex, text is typed on the serial line.
    milestones: [(name, regex)]: when each first matches, from QEMU's start."""
    cmd = qemu_command(iso, **platform)
    stops = [re.compile(p) for p in stop_patterns]
    pending_sends = [(re.compile(r), text.encode()) for r, text in sends]
    pending_milestones = [(name, re.compile(r)) for name, r in milestones]
    reached = {}
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE if sends else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    chunks = []
    state = {"halted": False, "stopped": False}

    def reader():
        pending = b""
        for data in iter(lambda: proc.stdout.read1(4096), b""):
            chunks.append(data)
            pending += data
            *lines, pending = pending.split(b"\n")
            for raw in lines:
                line = raw.decode("utf-8", "replace").rstrip("\r")
                if HALT_LINE in line:
                    state["halted"] = True
                for name, regex in pending_milestones:
                    if name not in reached and regex.search(line):
                        reached[name] = time.monotonic() - start
                if pending_sends and pending_sends[0][0].search(line):
                    try:
                        proc.stdin.write(pending_sends.pop(0)[1])
                        proc.stdin.flush()
                    except OSError:
                        pass
                if state["halted"] or any(p.search(line) for p in stops):
                    state["stopped"] = True
                    proc.kill()
                    return

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    try:
        proc.wait(timeout=timeout)
        timed_out = False
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        timed_out = True
    thread.join(timeout=5)
    log = b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
    status = None if (timed_out or state["stopped"]) else proc.returncode
    if log_path:
        with open(log_path, "w") as f:
            f.write("# " + " ".join(cmd) + "\n")
            f.write(log)
    return BootResult(log, status, timed_out, state["halted"], time.monotonic() - start,
                      reached)


def run_interactive(iso, **platform):
    """Boot with the serial console on this terminal (make run)."""
    cmd = qemu_command(iso, interactive=True, **platform)
    print("Booting: " + " ".join(cmd), flush=True)
    print("(Ctrl-a x leaves QEMU; Ctrl-a c switches to its monitor)", flush=True)
    return subprocess.call(cmd)
