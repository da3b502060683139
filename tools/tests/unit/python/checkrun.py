"""The main() of a Python unit test of the toolstack: run a unittest module
and end with Check's summary line, which tools/tests/run-tests counts
("100%: Checks: N, Failures: F, Errors: E"); exit non-zero on any failure.

Also the helpers the binding tests share: the C heap in use (mallinfo2),
to catch a binding that forgets to free what a library returned.
"""
import ctypes
import sys
import unittest


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks",
                 "fsmblks", "uordblks", "fordblks", "keepcost")]


_libc = ctypes.CDLL(None)
_libc.mallinfo2.restype = _MallInfo2


def c_heap_in_use():
    """Bytes malloc has handed out and not had back (glibc's mallinfo2)."""
    info = _libc.mallinfo2()
    return info.uordblks + info.hblkhd


def leak_check(case, fn, rounds=3000, slack_bytes=256 * 1024, slack_blocks=300):
    """fn() repeated must not grow the C heap or Python's live objects.

    One warm-up pass first, so caches and free lists are in place."""
    for _ in range(200):
        fn()
    heap, blocks = c_heap_in_use(), sys.getallocatedblocks()
    for _ in range(rounds):
        fn()
    heap_growth = c_heap_in_use() - heap
    block_growth = sys.getallocatedblocks() - blocks
    case.assertLess(heap_growth, slack_bytes,
                    "C heap grew %d bytes over %d rounds" % (heap_growth, rounds))
    case.assertLess(block_growth, slack_blocks,
                    "%d more Python blocks after %d rounds" % (block_growth, rounds))


def main(module_name):
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[module_name])
    result = unittest.TextTestRunner(stream=sys.stdout, verbosity=2).run(suite)
    checks = result.testsRun
    failures = len(result.failures) + len(result.unexpectedSuccesses)
    errors = len(result.errors)
    passed = checks - failures - errors
    percent = 100 * passed // checks if checks else 0
    print("%d%%: Checks: %d, Failures: %d, Errors: %d" % (percent, checks, failures, errors))
    sys.exit(0 if checks and not failures and not errors else 1)
