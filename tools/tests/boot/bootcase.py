"""Boot test cases: one NAME.case file each, judged from the serial log.

Format: 'key: value' lines; '#' starts a comment; repeatable keys say so.

  description: what the case shows
  cmdline:     the hypervisor command line (console=com1 is always added)
  module:      PATH [ARGS]   a multiboot2 module, PATH relative to the tree (repeatable)
  memory:      QEMU -m (default 1G)         smp: CPUs (default 2)
  cpu:         QEMU -cpu (default max,-smap)
  iommu:       the intel-iommu -device string (default intel-iommu,aw-bits=39)
  qemu:        one extra QEMU argument (repeatable)
  timeout:     seconds before QEMU is killed (default 60)
  expect:      a regex that must match a line, in order after the previous (repeatable)
  expect-any:  a regex that must match some line, anywhere (repeatable; for output
               of CPUs or domains that run side by side)
  reject:      a regex no line may match (repeatable; panics are always rejected)
  stop:        a regex; when a line matches, QEMU is stopped and the log judged
  send:        REGEX => TEXT: once a line matches, type TEXT on the serial
               console (repeatable, in order; \\n, \\r and \\xHH escapes allowed)
  milestone:   NAME => REGEX: the wall-clock time from QEMU's start to the
               first line matching REGEX is printed with the result (a figure
               for README's performance table, never judged; repeatable)
  end:         poweroff (default: QEMU must exit by itself, status 0),
               halt (the hypervisor must print its halt line), or any
  verdict:     pass (default) or fail: 'fail' inverts the judgement, for
               cases that prove the harness reports a broken boot
  fatal:       expected: the case provokes a hypervisor panic on purpose, so
               panic lines are not rejected (end defaults to halt)
"""

import os
import re

import argonboot

ALWAYS_REJECT = [r"^\(XEN\) Panic:", r"^\(XEN\) FATAL"]
REPEATABLE = {"module", "qemu", "expect", "expect-any", "reject", "stop", "send", "milestone"}
KNOWN = REPEATABLE | {"description", "cmdline", "memory", "smp", "cpu", "iommu",
                      "timeout", "end", "verdict", "fatal"}


class CaseError(Exception):
    pass


class BootCase:
    def __init__(self, name, fields):
        self.name = name
        one = {k: v[-1] for k, v in fields.items() if k not in REPEATABLE}
        self.description = one.get("description", "")
        self.xen = os.path.join(argonboot.ROOT, "xen", "xen.gz")
        self.cmdline = ("console=com1 " + one.get("cmdline", "")).strip()
        self.modules = []
        for m in fields.get("module", []):
            path, _, args = m.partition(" ")
            self.modules.append((os.path.join(argonboot.ROOT, path), args.strip()))
        self.platform = {
            "memory": one.get("memory", "1G"),
            "smp": int(one.get("smp", "2")),
            "cpu": one.get("cpu", "max,-smap"),
            "iommu": one.get("iommu", "intel-iommu,aw-bits=39"),
            "extra": fields.get("qemu", []),
        }
        self.timeout = int(one.get("timeout", "60"))
        self.expect = [re.compile(r) for r in fields.get("expect", [])]
        self.expect_any = [re.compile(r) for r in fields.get("expect-any", [])]
        fatal_expected = one.get("fatal") == "expected"
        if "fatal" in one and not fatal_expected:
            raise CaseError("%s: fatal must be 'expected'" % name)
        rejects = fields.get("reject", []) + ([] if fatal_expected else ALWAYS_REJECT)
        self.reject = [re.compile(r) for r in rejects]
        self.stop_patterns = fields.get("stop", [])
        self.sends = []
        for send in fields.get("send", []):
            regex, sep, text = send.partition(" => ")
            if not sep:
                raise CaseError("%s: send takes 'REGEX => TEXT'" % name)
            text = re.sub(r"\\x([0-9a-fA-F]{2})", lambda m: chr(int(m.group(1), 16)), text)
            self.sends.append((regex, text.replace("\\n", "\n").replace("\\r", "\r")))
        self.milestones = []
        for m in fields.get("milestone", []):
            label, sep, regex = m.partition(" => ")
            if not sep:
                raise CaseError("%s: milestone takes 'NAME => REGEX'" % name)
            self.milestones.append((label, regex))
        self.end = one.get("end", "halt" if fatal_expected else "poweroff")
        self.verdict = one.get("verdict", "pass")
        if self.end not in ("poweroff", "halt", "any"):
            raise CaseError("%s: end must be poweroff, halt or any" % name)
        if self.verdict not in ("pass", "fail"):
            raise CaseError("%s: verdict must be pass or fail" % name)

    def problems(self, result):
        """What is wrong with this boot; empty when it passed."""
        found = []
        lines = result.log.splitlines()
        pos = 0
        for rx in self.expect:
            while pos < len(lines) and not rx.search(lines[pos]):
                pos += 1
            if pos == len(lines):
                found.append("expected line not found: /%s/" % rx.pattern)
                break
            pos += 1
        for rx in self.expect_any:
            if not any(rx.search(line) for line in lines):
                found.append("expected line not found anywhere: /%s/" % rx.pattern)
        for rx in self.reject:
            bad = next((line for line in lines if rx.search(line)), None)
            if bad is not None:
                found.append("rejected line: %r" % bad)
        if result.timed_out:
            found.append("timed out after %ds" % self.timeout)
        elif self.end == "poweroff" and result.exit_status != 0:
            found.append("the machine did not power off (QEMU status %s, halted %s)"
                         % (result.exit_status, result.halted))
        elif self.end == "halt" and not result.halted:
            found.append("the hypervisor did not halt")
        return found

    def judge(self, result):
        found = self.problems(result)
        if self.verdict == "pass":
            return found
        if found:
            return []
        return ["this boot should have been judged a failure, but it passed"]


def parse(path):
    name = os.path.basename(path)[:-len(".case")]
    fields = {}
    with open(path) as f:
        for n, raw in enumerate(f, 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            key, sep, value = line.partition(":")
            key = key.strip()
            if not sep or key not in KNOWN:
                raise CaseError("%s:%d: expected 'key: value' with a known key, got %r"
                                % (path, n, line))
            if key not in REPEATABLE and key in fields:
                raise CaseError("%s:%d: '%s' given twice" % (path, n, key))
            fields.setdefault(key, []).append(value.strip())
    return BootCase(name, fields)


def load_all(directory):
    return [parse(os.path.join(directory, f))
            for f in sorted(os.listdir(directory)) if f.endswith(".case")]
