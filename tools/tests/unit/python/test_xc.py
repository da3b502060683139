"""xen.lowlevel.xc on the build host, through the fake privcmd transport:
libfakexc.so (fake_xc_hv.c) holds a small model of the hypervisor and is
installed into the same shared libxencall the module is linked with.  What
the tests check is the binding: results as Xen's binding returns them,
errors as xc.Error(errno, libxenctrl's message), bad arguments refused
before any hypercall, nothing leaked.

Run by the wrapper test-python-xc (PYTHONPATH, LD_LIBRARY_PATH, FAKE_XC_LIB).
"""
import ctypes
import errno
import os
import struct
import unittest

import checkrun
import xen.lowlevel.xc as xc

fake = ctypes.CDLL(os.environ["FAKE_XC_LIB"])
fake.fake_xc_last_create.restype = ctypes.c_void_p
fake.fake_xc_hypercalls.restype = ctypes.c_uint
fake.fake_xc_live_buffers.restype = ctypes.c_uint

# struct xen_domctl_createdomain at its ABI offsets (Xen 4.17).
CREATEDOMAIN = struct.Struct("<I16sIIIIiiIII")


def last_create():
    raw = ctypes.string_at(fake.fake_xc_last_create(), CREATEDOMAIN.size)
    names = ("ssidref", "handle", "flags", "iommu_opts", "max_vcpus", "max_evtchn_port",
             "max_grant_frames", "max_maptrack_frames", "grant_opts", "vmtrace_size",
             "cpupool_id")
    return dict(zip(names, CREATEDOMAIN.unpack(raw)))


class XcTest(unittest.TestCase):
    def setUp(self):
        fake.fake_xc_install()
        self.x = xc.xc()

    def tearDown(self):
        self.x.close()
        self.assertEqual(fake.fake_xc_live_buffers(), 0, "hypercall buffers left mapped")

    def assertNoHypercall(self, exc, fn, *args, **kwargs):
        before = fake.fake_xc_hypercalls()
        with self.assertRaises(exc, msg="%s%r%r" % (fn.__name__, args, kwargs)):
            fn(*args, **kwargs)
        self.assertEqual(fake.fake_xc_hypercalls(), before,
                         "%s%r made a hypercall before refusing" % (fn.__name__, args))

    def test_physinfo(self):
        info = self.x.physinfo()
        self.assertEqual(info["nr_cpus"], 2)
        self.assertEqual(info["cores_per_socket"], 2)
        self.assertEqual(info["cpu_khz"], 2400000)
        self.assertEqual(info["total_memory"], 524288 * 4)      # KiB, as Xen's binding
        self.assertEqual(info["free_memory"], 131072 * 4)
        self.assertEqual(info["virt_caps"], "pv directio gnttab-v1")
        self.assertEqual(info["hw_caps"], "178bfbff" + ":00000000" * 7)
        self.assertEqual(info["max_mfn"], 0x7ffff)

    def test_xeninfo(self):
        info = self.x.xeninfo()
        self.assertEqual((info["xen_major"], info["xen_minor"]), (4, 17))
        self.assertEqual(info["xen_extra"], ".0-argon")
        self.assertEqual(info["xen_caps"], "xen-3.0-x86_64")
        self.assertEqual(info["xen_pagesize"], 4096)
        self.assertEqual(info["platform_params"], "virt_start=0xffff800000000000")
        self.assertEqual(info["xen_changeset"], "argon")
        self.assertEqual(info["xen_commandline"], "<denied>")   # EPERM, as Argon answers
        self.assertEqual(info["cc_compile_by"], "argon")
        # The hypervisor filled compile_date to the brim: read up to the array's end only.
        self.assertEqual(info["cc_compile_date"], "D" * 32)
        fake.fake_xc_set_changeset_fails(1)
        with self.assertRaises(xc.Error) as cm:             # any other refusal is an error
            self.x.xeninfo()
        self.assertEqual(cm.exception.errno, errno.EFAULT)

    def test_domain_lifecycle(self):
        x = self.x
        handle = list(range(16))
        domid = x.domain_create(handle=handle, max_vcpus=3, flags=xc.XEN_DOMCTL_CDF_iommu)
        self.assertEqual(domid, 1)
        sent = last_create()
        self.assertEqual(sent["max_vcpus"], 3)
        self.assertEqual(sent["flags"], xc.XEN_DOMCTL_CDF_iommu)
        self.assertEqual(sent["handle"], bytes(range(16)))
        self.assertEqual(sent["grant_opts"], 1)
        self.assertEqual(sent["max_evtchn_port"], 0xffffffff)
        self.assertEqual((sent["max_grant_frames"], sent["max_maptrack_frames"]), (-1, -1))
        info = x.domain_getinfo(domid, 1)[0]
        self.assertEqual(info["domid"], domid)
        self.assertEqual(info["handle"], handle)
        self.assertEqual(info["max_vcpu_id"], 2)
        self.assertEqual((info["paused"], info["running"]), (1, 0))
        x.domain_unpause(domid)
        self.assertEqual(x.domain_getinfo(domid, 1)[0]["running"], 1)
        x.domain_pause(domid)
        self.assertEqual(x.domain_getinfo(domid, 1)[0]["paused"], 1)
        x.domain_setmaxmem(domid, 262144)
        self.assertEqual(x.domain_getinfo(domid, 1)[0]["maxmem_kb"], 262144)
        x.domain_max_vcpus(domid, 4)
        self.assertEqual(x.domain_getinfo(domid, 1)[0]["max_vcpu_id"], 3)
        x.domain_shutdown(domid, xc.SHUTDOWN_crash)
        info = x.domain_getinfo(domid, 1)[0]
        self.assertEqual((info["shutdown"], info["crashed"], info["shutdown_reason"]),
                         (1, 1, xc.SHUTDOWN_crash))
        self.assertEqual(x.domain_create(domid=7, max_grant_frames=4), 7)
        self.assertEqual(last_create()["max_grant_frames"], 4)
        self.assertEqual([d["domid"] for d in x.domain_getinfo()], [0, 1, 7])
        self.assertEqual([d["domid"] for d in x.domain_getinfo(first_dom=1, max_doms=1)], [1])
        x.domain_destroy(domid)
        self.assertEqual([d["domid"] for d in x.domain_getinfo()], [0, 7])

    def test_hypervisor_refusals_raise_xc_error(self):
        x = self.x
        x.domain_create(domid=3)
        with self.assertRaises(xc.Error) as cm:
            x.domain_create(domid=3)
        self.assertEqual(cm.exception.errno, errno.EEXIST)
        self.assertIn("createdomain", cm.exception.strerror)      # libxenctrl's message
        self.assertIsInstance(cm.exception, RuntimeError)          # as Xen's xc.Error
        self.assertEqual(cm.exception.args[0], errno.EEXIST)
        for fn in (x.domain_destroy, x.domain_pause, x.domain_unpause):
            with self.assertRaises(xc.Error) as cm:
                fn(9)
            self.assertEqual(cm.exception.errno, errno.ESRCH, fn.__name__)
        x.domain_unpause(3)
        with self.assertRaises(xc.Error) as cm:
            x.domain_unpause(3)                                     # not paused
        self.assertEqual(cm.exception.errno, errno.EINVAL)
        with self.assertRaises(xc.Error) as cm:
            x.domain_max_vcpus(3, 33)
        self.assertEqual(cm.exception.errno, errno.EINVAL)
        with self.assertRaises(xc.Error) as cm:
            x.iommu_stats(xc.IOMMU_STATS_DOMAIN, 9)
        self.assertEqual(cm.exception.errno, errno.ESRCH)

    def test_readconsolering(self):
        x = self.x
        self.assertEqual(x.readconsolering(), "")
        text = "".join("line %05d of the console\n" % i for i in range(2000))  # > 3 reads
        self.assertEqual(fake.fake_xc_console_append(text.encode()), 0)
        self.assertEqual(x.readconsolering(), text)
        self.assertEqual(x.readconsolering(index=len(text) - 10, incremental=True), text[-10:])
        self.assertEqual(x.readconsolering(index=len(text) - 10), text,
                         "index without incremental must read from the oldest")
        self.assertEqual(x.readconsolering(clear=True), text)
        self.assertEqual(x.readconsolering(), "")
        fake.fake_xc_console_append("caf\xe9 \xff\n".encode("latin-1"))
        self.assertEqual(x.readconsolering(), "caf\ufffd \ufffd\n")

    def test_iommu_policy_and_stats(self):
        x = self.x
        self.assertEqual(x.iommu_flush_policy_get(),
                         {"policy": xc.IOMMU_FLUSH_STRICT_PSI, "batch_threshold": 512})
        self.assertEqual(x.iommu_flush_policy_set(xc.IOMMU_FLUSH_STRICT_BATCHED, 64),
                         xc.IOMMU_FLUSH_STRICT_PSI)
        self.assertEqual(x.iommu_flush_policy_get(),
                         {"policy": xc.IOMMU_FLUSH_STRICT_BATCHED, "batch_threshold": 64})
        self.assertNoHypercall(ValueError, x.iommu_flush_policy_set, xc.IOMMU_FLUSH_NONE)
        self.assertEqual(x.iommu_flush_policy_set(xc.IOMMU_FLUSH_NONE, allow_unsafe=True),
                         xc.IOMMU_FLUSH_STRICT_BATCHED)
        self.assertEqual(x.iommu_flush_policy_get()["batch_threshold"], 64)
        stats = x.iommu_stats()
        self.assertEqual((stats["nr_units"], stats["maps"], stats["unmaps"], stats["inv_page"]),
                         (1, 10, 7, 3))
        self.assertEqual(stats["flush_cycles"], 1 << 40)
        self.assertEqual(x.iommu_stats(xc.IOMMU_STATS_DOMAIN, 0, reset=True)["maps"], 10)
        self.assertEqual(x.iommu_stats(xc.IOMMU_STATS_UNIT, 0)["maps"], 0)

    def test_argument_errors_before_any_hypercall(self):
        x = self.x
        for fn in (x.domain_destroy, x.domain_pause, x.domain_unpause):
            self.assertNoHypercall(ValueError, fn, -1)
            self.assertNoHypercall(ValueError, fn, 0x7ff0)          # DOMID_FIRST_RESERVED
            self.assertNoHypercall(ValueError, fn, 1 << 70)
            self.assertNoHypercall(TypeError, fn, "1")
            self.assertNoHypercall(TypeError, fn, 1.0)
            self.assertNoHypercall(TypeError, fn, True)
            self.assertNoHypercall(TypeError, fn)
            self.assertNoHypercall(TypeError, fn, 1, 2)
        self.assertNoHypercall(ValueError, x.domain_create, max_vcpus=0)
        self.assertNoHypercall(ValueError, x.domain_create, domid=-3)
        self.assertNoHypercall(ValueError, x.domain_create, handle=[0] * 15)
        self.assertNoHypercall(ValueError, x.domain_create, handle=[0] * 15 + [256])
        self.assertNoHypercall(TypeError, x.domain_create, handle=5)
        self.assertNoHypercall(TypeError, x.domain_create, handle=["a"] * 16)
        self.assertNoHypercall(ValueError, x.domain_create, max_grant_frames=0)
        self.assertNoHypercall(ValueError, x.domain_create, max_grant_frames=-2)
        self.assertNoHypercall(ValueError, x.domain_create, max_evtchn_port=-1)
        self.assertNoHypercall(TypeError, x.domain_create, flags="iommu")
        self.assertNoHypercall(TypeError, x.domain_create, colour=1)
        self.assertNoHypercall(ValueError, x.domain_getinfo, max_doms=0)
        self.assertNoHypercall(ValueError, x.domain_getinfo, max_doms=0x7ff1)
        self.assertNoHypercall(ValueError, x.domain_getinfo, first_dom=0xffff)
        self.assertNoHypercall(ValueError, x.domain_setmaxmem, 1, -1)
        self.assertNoHypercall(ValueError, x.domain_max_vcpus, 1, 0)
        self.assertNoHypercall(ValueError, x.domain_shutdown, 1, 6)
        self.assertNoHypercall(ValueError, x.iommu_flush_policy_set, 5)
        self.assertNoHypercall(ValueError, x.iommu_flush_policy_set, -1)
        self.assertNoHypercall(ValueError, x.iommu_stats, scope=3)
        self.assertNoHypercall(ValueError, x.iommu_stats, xc.IOMMU_STATS_DOMAIN, 0x7ff0)
        self.assertNoHypercall(ValueError, x.readconsolering, index=-1)
        self.assertNoHypercall(TypeError, xc.xc, 1)
        with self.assertRaises(ValueError) as cm:
            x.domain_destroy(70000)
        self.assertIn("domid 70000", str(cm.exception))

    def test_open_failures(self):
        fake.fake_xc_set_version(0x14)
        with self.assertRaises(xc.Error) as cm:
            xc.xc()
        self.assertEqual(cm.exception.errno, errno.EACCES)
        self.assertIn("interface version", cm.exception.strerror)
        fake.fake_xc_set_version(0x15)
        fake.fake_xc_set_no_privcmd(1)
        with self.assertRaises(xc.Error) as cm:
            xc.xc()
        self.assertEqual(cm.exception.errno, errno.ENOENT)
        self.assertIn("/dev/xen/privcmd", cm.exception.strerror)
        fake.fake_xc_set_no_privcmd(0)

    def test_closed_handle(self):
        h = xc.xc()
        h.close()
        with self.assertRaises(xc.Error) as cm:
            h.physinfo()
        self.assertEqual(cm.exception.errno, errno.EBADF)
        h.close()

    def test_no_leaks(self):
        x = self.x
        x.domain_create(domid=2, handle=list(range(16)))
        fake.fake_xc_console_append(b"x" * 20000)

        def cycle():
            x.physinfo()
            x.xeninfo()
            x.domain_getinfo()
            x.readconsolering()
            x.iommu_stats()
            x.iommu_flush_policy_get()
            try:
                x.domain_pause(9)
            except xc.Error:
                pass
            try:
                x.domain_create(handle=[0] * 15 + [300])
            except ValueError:
                pass

        checkrun.leak_check(self, cycle, rounds=1500)

        def create_destroy():
            domid = x.domain_create()
            x.domain_destroy(domid)

        checkrun.leak_check(self, create_destroy)
        self.assertEqual(fake.fake_xc_live_buffers(), 0)


if __name__ == "__main__":
    checkrun.main(__name__)
