/*
 * xc.c - xen.lowlevel.xc: libxenctrl for Python, with the method names and
 * argument conventions of Xen's own binding (xc.xc().physinfo(), ...).
 *
 * Rules:
 *  - An xc object owns one libxenctrl handle, opened by xc.xc() and closed
 *    when the object goes (or by close()); a closed object raises
 *    xc.Error(EBADF) rather than touching a freed handle.
 *  - libxenctrl allows one thread at a time per handle, so the GIL is held
 *    across its calls: two Python threads sharing an xc object stay serial.
 *  - Every argument is checked (lowlevel.h) before the library is called;
 *    a library failure raises xc.Error(errno, libxenctrl's message).
 *  - Memory figures are in KiB, as in Xen's binding.
 */
#include "../lowlevel.h"

#include <errno.h>
#include <stdio.h>

#include <xenctrl.h>

#define PAGE_KIB            4           /* x86-64 PV: 4 KiB pages */
#define CONSOLE_CHUNK       16384       /* bytes read per readconsole sysctl */
#define GETINFO_DEFAULT     1024        /* domain_getinfo's default max_doms */

typedef struct {
    PyObject_HEAD
    xc_interface *xch;
} XcObject;

static PyObject *xc_error_type;

/* Raise xc.Error from libxenctrl's errno and last message. */
static PyObject *xc_failed(void)
{
    int err = errno ? errno : EIO;

    return lowlevel_raise(xc_error_type, err, xc_get_last_error(NULL)->message);
}

static xc_interface *xc_handle(XcObject *self)
{
    if ( !self->xch )
        lowlevel_raise(xc_error_type, EBADF, "xc: this handle has been closed");
    return self->xch;
}

/* An optional int argument: absent (NULL) keeps *value. */
static int optional_u32(PyObject *o, const char *what, uint32_t *value)
{
    return !o || lowlevel_u32(o, what, value);
}

static int optional_flag(PyObject *o, int *value)
{
    if ( o && (*value = PyObject_IsTrue(o)) < 0 )
        return 0;
    return 1;
}

/* ---- the host ---- */

static void capability_names(uint32_t caps, char *buf, size_t size)
{
    static const struct { uint32_t bit; const char *name; } names[] = {
        { XEN_SYSCTL_PHYSCAP_hvm, "hvm" },
        { XEN_SYSCTL_PHYSCAP_pv, "pv" },
        { XEN_SYSCTL_PHYSCAP_directio, "directio" },
        { XEN_SYSCTL_PHYSCAP_hap, "hap" },
        { XEN_SYSCTL_PHYSCAP_shadow, "shadow" },
        { XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share, "iommu_hap_pt_share" },
        { XEN_SYSCTL_PHYSCAP_vmtrace, "vmtrace" },
        { XEN_SYSCTL_PHYSCAP_vpmu, "vpmu" },
        { XEN_SYSCTL_PHYSCAP_gnttab_v1, "gnttab-v1" },
        { XEN_SYSCTL_PHYSCAP_gnttab_v2, "gnttab-v2" },
    };
    size_t used = 0;

    buf[0] = '\0';
    for ( size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++ )
        if ( (caps & names[i].bit) && used < size )
            used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? " " : "",
                                     names[i].name);
}

PyDoc_STRVAR(physinfo_doc,
"physinfo() -> dict\n\n"
"The host: nr_cpus, max_cpu_id, threads_per_core, cores_per_socket,\n"
"nr_nodes, max_node_id, cpu_khz, total_memory, free_memory, scrub_memory,\n"
"outstanding_memory (KiB), max_mfn, hw_caps (8 words in hex) and\n"
"virt_caps (the hypervisor's capability names, space-separated).\n"
"Raises xc.Error if the hypervisor refuses.");

static PyObject *xc_physinfo_method(XcObject *self, PyObject *unused)
{
    xc_interface *xch = xc_handle(self);
    xc_physinfo_t info;
    char hw_caps[8 * 9], virt_caps[160];

    if ( !xch )
        return NULL;
    if ( xc_physinfo(xch, &info) )
        return xc_failed();
    for ( unsigned int i = 0; i < 8; i++ )
        snprintf(hw_caps + i * 9, sizeof(hw_caps) - i * 9, "%08x%s", info.hw_cap[i],
                 i < 7 ? ":" : "");
    capability_names(info.capabilities, virt_caps, sizeof(virt_caps));
    return Py_BuildValue("{s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:K,s:K,s:K,s:K,s:K,s:s,s:s}",
                         "nr_cpus", info.nr_cpus,
                         "max_cpu_id", info.max_cpu_id,
                         "threads_per_core", info.threads_per_core,
                         "cores_per_socket", info.cores_per_socket,
                         "nr_nodes", info.nr_nodes,
                         "max_node_id", info.max_node_id,
                         "cpu_khz", info.cpu_khz,
                         "total_memory", (unsigned long long)info.total_pages * PAGE_KIB,
                         "free_memory", (unsigned long long)info.free_pages * PAGE_KIB,
                         "scrub_memory", (unsigned long long)info.scrub_pages * PAGE_KIB,
                         "outstanding_memory",
                         (unsigned long long)info.outstanding_pages * PAGE_KIB,
                         "max_mfn", (unsigned long long)info.max_mfn,
                         "hw_caps", hw_caps,
                         "virt_caps", virt_caps);
}

/*
 * A xen_version string into buf; one the hypervisor withholds (EPERM: Argon
 * keeps its command line to itself) reads "<denied>", the word Xen itself
 * answers with, so the other figures still come back.
 */
static int version_string(xc_interface *xch, int cmd, char *buf, size_t size)
{
    if ( xc_version(xch, cmd, buf) == 0 )
        return 0;
    if ( errno != EPERM )
        return -1;
    snprintf(buf, size, "<denied>");
    return 0;
}

PyDoc_STRVAR(xeninfo_doc,
"xeninfo() -> dict\n\n"
"The hypervisor: xen_major, xen_minor, xen_extra, xen_caps, xen_pagesize,\n"
"platform_params, xen_changeset, xen_commandline, cc_compiler,\n"
"cc_compile_by, cc_compile_domain, cc_compile_date.  A string the\n"
"hypervisor withholds (EPERM) reads '<denied>'.\n"
"Raises xc.Error if one of the xen_version queries fails otherwise.");

static PyObject *xc_xeninfo_method(XcObject *self, PyObject *unused)
{
    xc_interface *xch = xc_handle(self);
    xen_extraversion_t extra;
    xen_compile_info_t compile;
    xen_capabilities_info_t caps;
    xen_changeset_info_t changeset;
    xen_platform_parameters_t params;
    xen_commandline_t cmdline;
    char params_str[32];
    int version, pagesize;

    if ( !xch )
        return NULL;
    if ( (version = xc_version(xch, XENVER_version, NULL)) < 0 ||
         (pagesize = xc_version(xch, XENVER_pagesize, NULL)) < 0 ||
         version_string(xch, XENVER_extraversion, extra, sizeof(extra)) ||
         xc_version(xch, XENVER_compile_info, &compile) ||
         version_string(xch, XENVER_capabilities, caps, sizeof(caps)) ||
         version_string(xch, XENVER_changeset, changeset, sizeof(changeset)) ||
         xc_version(xch, XENVER_platform_parameters, &params) ||
         version_string(xch, XENVER_commandline, cmdline, sizeof(cmdline)) )
        return xc_failed();
    /* compile_info's strings may fill their arrays: bound every read. */
    snprintf(params_str, sizeof(params_str), "virt_start=0x%llx",
             (unsigned long long)params.virt_start);
    return Py_BuildValue("{s:i,s:i,s:s,s:s,s:i,s:s,s:s,s:s,s:s#,s:s#,s:s#,s:s#}",
                         "xen_major", version >> 16,
                         "xen_minor", version & 0xffff,
                         "xen_extra", extra,
                         "xen_caps", caps,
                         "xen_pagesize", pagesize,
                         "platform_params", params_str,
                         "xen_changeset", changeset,
                         "xen_commandline", cmdline,
                         "cc_compiler", compile.compiler,
                         (Py_ssize_t)strnlen(compile.compiler, sizeof(compile.compiler)),
                         "cc_compile_by", compile.compile_by,
                         (Py_ssize_t)strnlen(compile.compile_by, sizeof(compile.compile_by)),
                         "cc_compile_domain", compile.compile_domain,
                         (Py_ssize_t)strnlen(compile.compile_domain,
                                             sizeof(compile.compile_domain)),
                         "cc_compile_date", compile.compile_date,
                         (Py_ssize_t)strnlen(compile.compile_date,
                                             sizeof(compile.compile_date)));
}

PyDoc_STRVAR(readconsolering_doc,
"readconsolering(clear=False, index=0, incremental=False) -> str\n\n"
"The hypervisor's console ring, oldest first.  incremental: start at byte\n"
"position index instead of the oldest byte kept.  clear: empty the ring\n"
"once it has been read.  Raises xc.Error if the hypervisor refuses.");

static PyObject *xc_readconsolering_method(XcObject *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = { "clear", "index", "incremental", NULL };
    PyObject *clear_obj = NULL, *index_obj = NULL, *incremental_obj = NULL;
    xc_interface *xch = xc_handle(self);
    int clear = 0, incremental = 0;
    uint32_t index = 0;
    char *chunk, *text = NULL;
    size_t len = 0;
    PyObject *result = NULL;

    if ( !xch )
        return NULL;
    if ( !PyArg_ParseTupleAndKeywords(args, kwds, "|OOO:readconsolering", kwlist,
                                      &clear_obj, &index_obj, &incremental_obj) ||
         !optional_flag(clear_obj, &clear) || !optional_u32(index_obj, "index", &index) ||
         !optional_flag(incremental_obj, &incremental) )
        return NULL;
    if ( !incremental )
        index = 0;                  /* position 0 is before the oldest byte kept */
    if ( !(chunk = PyMem_Malloc(CONSOLE_CHUNK)) )
        return PyErr_NoMemory();
    /*
     * Read on from the index until a read comes back short; the clear is
     * asked for by one last read, so what arrived meanwhile is returned
     * before the ring is emptied.
     */
    for ( int clearing = 0; ; )
    {
        unsigned int n = CONSOLE_CHUNK;
        char *grown;

        if ( xc_readconsolering(xch, chunk, &n, clearing, 1, &index) )
        {
            xc_failed();
            goto out;
        }
        if ( !(grown = PyMem_Realloc(text, len + n + 1)) )
        {
            PyErr_NoMemory();
            goto out;
        }
        text = grown;
        memcpy(text + len, chunk, n);
        len += n;
        if ( n == CONSOLE_CHUNK )
            continue;
        if ( !clear || clearing )
            break;
        clearing = 1;
    }
    result = PyUnicode_DecodeUTF8(text ? text : "", (Py_ssize_t)len, "replace");
 out:
    PyMem_Free(chunk);
    PyMem_Free(text);
    return result;
}

/* ---- Argon's IOMMU flush policy and statistics ---- */

PyDoc_STRVAR(iommu_flush_policy_get_doc,
"iommu_flush_policy_get() -> dict\n\n"
"The IOMMU flush policy in force: {'policy': IOMMU_FLUSH_*, 'batch_threshold':\n"
"pages past which a batched flush becomes domain-wide}.\n"
"Raises xc.Error if the hypervisor refuses.");

static PyObject *xc_iommu_flush_policy_get_method(XcObject *self, PyObject *unused)
{
    xc_interface *xch = xc_handle(self);
    uint32_t policy, threshold;

    if ( !xch )
        return NULL;
    if ( xc_iommu_flush_policy_get(xch, &policy, &threshold) )
        return xc_failed();
    return Py_BuildValue("{s:I,s:I}", "policy", policy, "batch_threshold", threshold);
}

PyDoc_STRVAR(iommu_flush_policy_set_doc,
"iommu_flush_policy_set(policy, batch_threshold=0, allow_unsafe=False) -> int\n\n"
"Set the IOMMU flush policy (IOMMU_FLUSH_*) and return the previous one.\n"
"batch_threshold 0 keeps the current threshold.  IOMMU_FLUSH_NONE leaves\n"
"stale mappings and is refused (ValueError) unless allow_unsafe is true.\n"
"Raises xc.Error if the hypervisor refuses.");

static PyObject *xc_iommu_flush_policy_set_method(XcObject *self, PyObject *args,
                                                  PyObject *kwds)
{
    static char *kwlist[] = { "policy", "batch_threshold", "allow_unsafe", NULL };
    PyObject *policy_obj, *threshold_obj = NULL, *unsafe_obj = NULL;
    xc_interface *xch = xc_handle(self);
    uint32_t policy, threshold = 0, prev;
    int unsafe = 0;

    if ( !xch )
        return NULL;
    if ( !PyArg_ParseTupleAndKeywords(args, kwds, "O|OO:iommu_flush_policy_set", kwlist,
                                      &policy_obj, &threshold_obj, &unsafe_obj) ||
         !lowlevel_u32(policy_obj, "policy", &policy) ||
         !optional_u32(threshold_obj, "batch_threshold", &threshold) ||
         !optional_flag(unsafe_obj, &unsafe) )
        return NULL;
    if ( policy > ARGON_IOMMU_FLUSH_MAX )
        return PyErr_Format(PyExc_ValueError, "policy %u is not an IOMMU_FLUSH_* policy",
                            policy);
    if ( policy == ARGON_IOMMU_FLUSH_none && !unsafe )
        return PyErr_Format(PyExc_ValueError, "policy IOMMU_FLUSH_NONE leaves stale "
                            "mappings: pass allow_unsafe=True to set it");
    if ( xc_iommu_flush_policy_set(xch, policy, unsafe ? ARGON_IOMMU_FLUSH_F_allow_unsafe : 0,
                                   threshold, &prev) )
        return xc_failed();
    return PyLong_FromUnsignedLong(prev);
}

PyDoc_STRVAR(iommu_stats_doc,
"iommu_stats(scope=IOMMU_STATS_TOTAL, id=0, reset=False) -> dict\n\n"
"IOMMU counters of the whole host, one domain (scope IOMMU_STATS_DOMAIN, id\n"
"a domain id) or one unit (IOMMU_STATS_UNIT, id its index): nr_units, maps,\n"
"unmaps, inv_global, inv_domain, inv_page, inv_devtlb, waits, flush_cycles,\n"
"clflushes.  reset: zero them once read.  Raises xc.Error if the hypervisor\n"
"refuses (e.g. ESRCH for a domain or unit that does not exist).");

static PyObject *xc_iommu_stats_method(XcObject *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = { "scope", "id", "reset", NULL };
    PyObject *scope_obj = NULL, *id_obj = NULL, *reset_obj = NULL;
    xc_interface *xch = xc_handle(self);
    uint32_t scope = ARGON_IOMMU_STATS_total, id = 0;
    int reset = 0;
    struct argon_sysctl_iommu_stats s;

    if ( !xch )
        return NULL;
    if ( !PyArg_ParseTupleAndKeywords(args, kwds, "|OOO:iommu_stats", kwlist,
                                      &scope_obj, &id_obj, &reset_obj) ||
         !optional_u32(scope_obj, "scope", &scope) || !optional_u32(id_obj, "id", &id) ||
         !optional_flag(reset_obj, &reset) )
        return NULL;
    if ( scope > ARGON_IOMMU_STATS_unit )
        return PyErr_Format(PyExc_ValueError, "scope %u is not an IOMMU_STATS_* scope",
                            scope);
    if ( scope == ARGON_IOMMU_STATS_domain && id >= DOMID_FIRST_RESERVED )
        return PyErr_Format(PyExc_ValueError, "id %u is not a domain id", id);
    if ( xc_iommu_stats(xch, scope, id, reset ? ARGON_IOMMU_STATS_F_reset : 0, &s) )
        return xc_failed();
    return Py_BuildValue("{s:I,s:K,s:K,s:K,s:K,s:K,s:K,s:K,s:K,s:K}",
                         "nr_units", s.nr_units,
                         "maps", (unsigned long long)s.maps,
                         "unmaps", (unsigned long long)s.unmaps,
                         "inv_global", (unsigned long long)s.inv_global,
                         "inv_domain", (unsigned long long)s.inv_domain,
                         "inv_page", (unsigned long long)s.inv_page,
                         "inv_devtlb", (unsigned long long)s.inv_devtlb,
                         "waits", (unsigned long long)s.waits,
                         "flush_cycles", (unsigned long long)s.flush_cycles,
                         "clflushes", (unsigned long long)s.clflushes);
}

/* ---- domains ---- */

/* A 16-byte domain handle from a sequence of 16 ints 0-255 (bytes will do). */
static int parse_handle(PyObject *o, xen_domain_handle_t handle)
{
    PyObject *seq = PySequence_Fast(o, "handle must be a sequence of 16 ints (0 to 255)");
    int ok = 0;

    if ( !seq )
        return 0;
    if ( PySequence_Fast_GET_SIZE(seq) != sizeof(xen_domain_handle_t) )
    {
        PyErr_Format(PyExc_ValueError, "handle has %zd items, not %zu",
                     PySequence_Fast_GET_SIZE(seq), sizeof(xen_domain_handle_t));
        goto out;
    }
    for ( size_t i = 0; i < sizeof(xen_domain_handle_t); i++ )
    {
        uint64_t byte;

        if ( !lowlevel_unsigned(PySequence_Fast_GET_ITEM(seq, i), 255, "handle byte",
                                &byte) )
            goto out;
        handle[i] = (uint8_t)byte;
    }
    ok = 1;
 out:
    Py_DECREF(seq);
    return ok;
}

/* A grant/maptrack frame limit: -1 (the hypervisor's default) or a count. */
static int parse_frame_limit(PyObject *o, const char *what, int32_t *value)
{
    long v;

    if ( !o )
        return 1;
    if ( !PyLong_Check(o) || PyBool_Check(o) )
    {
        PyErr_Format(PyExc_TypeError, "%s must be an int, not %.100s", what,
                     Py_TYPE(o)->tp_name);
        return 0;
    }
    v = PyLong_AsLong(o);
    if ( (v == -1 && PyErr_Occurred()) || v < -1 || v > INT32_MAX )
    {
        PyErr_Clear();
        PyErr_Format(PyExc_ValueError, "%s %R is neither -1 (the default) nor a count",
                     what, o);
        return 0;
    }
    *value = (int32_t)v;
    return 1;
}

PyDoc_STRVAR(domain_create_doc,
"domain_create(domid=0, ssidref=0, handle=None, flags=0, max_vcpus=1,\n"
"              max_evtchn_port=None, max_grant_frames=-1,\n"
"              max_maptrack_frames=-1) -> int\n\n"
"Create a paused, empty PV domain and return its id.  domid 0 lets the\n"
"hypervisor choose; handle is 16 ints (a UUID); flags are XEN_DOMCTL_CDF_*\n"
"bits; max_evtchn_port None means no limit; the frame limits -1 mean the\n"
"hypervisor's defaults.  Grant tables are version 1.\n"
"Raises xc.Error if the hypervisor refuses (e.g. EEXIST for a domid in use).");

static PyObject *xc_domain_create_method(XcObject *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = { "domid", "ssidref", "handle", "flags", "max_vcpus",
                              "max_evtchn_port", "max_grant_frames",
                              "max_maptrack_frames", NULL };
    PyObject *domid_obj = NULL, *ssidref_obj = NULL, *handle_obj = NULL, *flags_obj = NULL;
    PyObject *vcpus_obj = NULL, *evtchn_obj = NULL, *grant_obj = NULL, *maptrack_obj = NULL;
    xc_interface *xch = xc_handle(self);
    struct xen_domctl_createdomain config = {
        .max_vcpus = 1,
        .max_evtchn_port = UINT32_MAX,
        .max_grant_frames = -1,
        .max_maptrack_frames = -1,
        .grant_opts = XEN_DOMCTL_GRANT_version(1),
    };
    uint32_t domid = 0;

    if ( !xch )
        return NULL;
    if ( !PyArg_ParseTupleAndKeywords(args, kwds, "|OOOOOOOO:domain_create", kwlist,
                                      &domid_obj, &ssidref_obj, &handle_obj, &flags_obj,
                                      &vcpus_obj, &evtchn_obj, &grant_obj, &maptrack_obj) )
        return NULL;
    if ( (domid_obj && !lowlevel_domid(domid_obj, "domid", &domid)) ||
         !optional_u32(ssidref_obj, "ssidref", &config.ssidref) ||
         (handle_obj && handle_obj != Py_None && !parse_handle(handle_obj, config.handle)) ||
         !optional_u32(flags_obj, "flags", &config.flags) ||
         !optional_u32(vcpus_obj, "max_vcpus", &config.max_vcpus) ||
         (evtchn_obj && evtchn_obj != Py_None &&
          !lowlevel_u32(evtchn_obj, "max_evtchn_port", &config.max_evtchn_port)) ||
         !parse_frame_limit(grant_obj, "max_grant_frames", &config.max_grant_frames) ||
         !parse_frame_limit(maptrack_obj, "max_maptrack_frames", &config.max_maptrack_frames) )
        return NULL;
    if ( config.max_vcpus == 0 )
        return PyErr_Format(PyExc_ValueError, "max_vcpus 0: a domain needs at least one vCPU");
    if ( config.max_grant_frames == 0 )
        return PyErr_Format(PyExc_ValueError, "max_grant_frames 0: a domain needs at "
                            "least one grant frame (or -1 for the default)");
    if ( xc_domain_create(xch, &domid, &config) )
        return xc_failed();
    return PyLong_FromUnsignedLong(domid);
}

/* The methods that take one domain id and return None. */
static PyObject *domain_op(PyObject *args, const char *name, int (*op)(xc_interface *, uint32_t),
                           XcObject *self)
{
    xc_interface *xch = xc_handle(self);
    PyObject *domid_obj;
    uint32_t domid;
    char format[48];

    if ( !xch )
        return NULL;
    snprintf(format, sizeof(format), "O:%s", name);
    if ( !PyArg_ParseTuple(args, format, &domid_obj) ||
         !lowlevel_domid(domid_obj, "domid", &domid) )
        return NULL;
    if ( op(xch, domid) )
        return xc_failed();
    Py_RETURN_NONE;
}

PyDoc_STRVAR(domain_destroy_doc,
"domain_destroy(domid) -> None\n\n"
"Destroy a domain: its memory returns to the hypervisor.\n"
"Raises xc.Error if the hypervisor refuses (ESRCH: no such domain).");

static PyObject *xc_domain_destroy_method(XcObject *self, PyObject *args)
{
    return domain_op(args, "domain_destroy", xc_domain_destroy, self);
}

PyDoc_STRVAR(domain_pause_doc,
"domain_pause(domid) -> None\n\n"
"Stop a domain's vCPUs from running (pauses nest with unpause).\n"
"Raises xc.Error if the hypervisor refuses.");

static PyObject *xc_domain_pause_method(XcObject *self, PyObject *args)
{
    return domain_op(args, "domain_pause", xc_domain_pause, self);
}

PyDoc_STRVAR(domain_unpause_doc,
"domain_unpause(domid) -> None\n\n"
"Undo one domain_pause (or the pause a new domain is created with).\n"
"Raises xc.Error if the hypervisor refuses.");

static PyObject *xc_domain_unpause_method(XcObject *self, PyObject *args)
{
    return domain_op(args, "domain_unpause", xc_domain_unpause, self);
}

PyDoc_STRVAR(domain_shutdown_doc,
"domain_shutdown(domid, reason) -> None\n\n"
"Shut a domain down for reason (SHUTDOWN_poweroff 0, reboot 1, suspend 2,\n"
"crash 3, watchdog 4, soft_reset 5).  Raises xc.Error if refused.");

static PyObject *xc_domain_shutdown_method(XcObject *self, PyObject *args)
{
    xc_interface *xch = xc_handle(self);
    PyObject *domid_obj, *reason_obj;
    uint32_t domid, reason;

    if ( !xch )
        return NULL;
    if ( !PyArg_ParseTuple(args, "OO:domain_shutdown", &domid_obj, &reason_obj) ||
         !lowlevel_domid(domid_obj, "domid", &domid) ||
         !lowlevel_u32(reason_obj, "reason", &reason) )
        return NULL;
    if ( reason > SHUTDOWN_MAX )
        return PyErr_Format(PyExc_ValueError, "reason %u is not a SHUTDOWN_* reason", reason);
    if ( xc_domain_shutdown(xch, domid, (int)reason) )
        return xc_failed();
    Py_RETURN_NONE;
}

static PyObject *domaininfo_dict(const xc_domaininfo_t *info)
{
    unsigned int reason = (info->flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask;
    int shutdown = !!(info->flags & XEN_DOMINF_shutdown);
    PyObject *dict, *handle;

    handle = PyList_New(sizeof(info->handle));
    if ( !handle )
        return NULL;
    for ( size_t i = 0; i < sizeof(info->handle); i++ )
    {
        PyObject *byte = PyLong_FromLong(info->handle[i]);

        if ( !byte )
        {
            Py_DECREF(handle);
            return NULL;
        }
        PyList_SET_ITEM(handle, i, byte);
    }
    dict = Py_BuildValue("{s:I,s:I,s:I,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:K,s:K,s:K,s:I,s:I,"
                         "s:I,s:N}",
                         "domid", (unsigned int)info->domain,
                         "online_vcpus", info->nr_online_vcpus,
                         "max_vcpu_id", info->max_vcpu_id,
                         "hvm", !!(info->flags & XEN_DOMINF_hvm_guest),
                         "dying", !!(info->flags & XEN_DOMINF_dying),
                         "crashed", shutdown && reason == SHUTDOWN_crash,
                         "shutdown", shutdown,
                         "paused", !!(info->flags & XEN_DOMINF_paused),
                         "blocked", !!(info->flags & XEN_DOMINF_blocked),
                         "running", !!(info->flags & XEN_DOMINF_running),
                         "mem_kb", (unsigned long long)info->tot_pages * PAGE_KIB,
                         "maxmem_kb", (unsigned long long)info->max_pages * PAGE_KIB,
                         "cpu_time", (unsigned long long)info->cpu_time,
                         "ssidref", info->ssidref,
                         "shutdown_reason", shutdown ? reason : 0,
                         "cpupool", info->cpupool,
                         "handle", handle);
    return dict;
}

static PyObject *domaininfo_item(const void *array, Py_ssize_t i)
{
    return domaininfo_dict((const xc_domaininfo_t *)array + i);
}

PyDoc_STRVAR(domain_getinfo_doc,
"domain_getinfo(first_dom=0, max_doms=1024) -> list of dict\n\n"
"Records of the domains with ids >= first_dom, at most max_doms of them,\n"
"each with domid, online_vcpus, max_vcpu_id, hvm, dying, crashed,\n"
"shutdown, paused, blocked, running, mem_kb, maxmem_kb, cpu_time (ns),\n"
"ssidref, shutdown_reason, cpupool and handle (16 ints).\n"
"Raises xc.Error if the hypervisor refuses.");

static PyObject *xc_domain_getinfo_method(XcObject *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = { "first_dom", "max_doms", NULL };
    PyObject *first_obj = NULL, *max_obj = NULL, *list;
    xc_interface *xch = xc_handle(self);
    uint32_t first = 0, max = GETINFO_DEFAULT;
    xc_domaininfo_t *info;
    int nr;

    if ( !xch )
        return NULL;
    if ( !PyArg_ParseTupleAndKeywords(args, kwds, "|OO:domain_getinfo", kwlist,
                                      &first_obj, &max_obj) ||
         (first_obj && !lowlevel_domid(first_obj, "first_dom", &first)) ||
         !optional_u32(max_obj, "max_doms", &max) )
        return NULL;
    if ( max == 0 || max > DOMID_FIRST_RESERVED )
        return PyErr_Format(PyExc_ValueError, "max_doms %u is out of range (1 to %u)", max,
                            DOMID_FIRST_RESERVED);
    if ( !(info = PyMem_Calloc(max, sizeof(*info))) )
        return PyErr_NoMemory();
    if ( (nr = xc_domain_getinfolist(xch, first, max, info)) < 0 )
    {
        PyMem_Free(info);
        return xc_failed();
    }
    list = lowlevel_list(nr, domaininfo_item, info);
    PyMem_Free(info);
    return list;
}

PyDoc_STRVAR(domain_setmaxmem_doc,
"domain_setmaxmem(domid, maxmem_kb) -> None\n\n"
"The most memory (KiB) a domain may hold.  Raises xc.Error if refused.");

static PyObject *xc_domain_setmaxmem_method(XcObject *self, PyObject *args)
{
    xc_interface *xch = xc_handle(self);
    PyObject *domid_obj, *kb_obj;
    uint32_t domid;
    uint64_t kb;

    if ( !xch )
        return NULL;
    if ( !PyArg_ParseTuple(args, "OO:domain_setmaxmem", &domid_obj, &kb_obj) ||
         !lowlevel_domid(domid_obj, "domid", &domid) ||
         !lowlevel_unsigned(kb_obj, UINT64_MAX, "maxmem_kb", &kb) )
        return NULL;
    if ( xc_domain_setmaxmem(xch, domid, kb) )
        return xc_failed();
    Py_RETURN_NONE;
}

PyDoc_STRVAR(domain_max_vcpus_doc,
"domain_max_vcpus(domid, max) -> None\n\n"
"The number of vCPUs a domain may bring up (at least 1).\n"
"Raises xc.Error if the hypervisor refuses.");

static PyObject *xc_domain_max_vcpus_method(XcObject *self, PyObject *args)
{
    xc_interface *xch = xc_handle(self);
    PyObject *domid_obj, *max_obj;
    uint32_t domid, max;

    if ( !xch )
        return NULL;
    if ( !PyArg_ParseTuple(args, "OO:domain_max_vcpus", &domid_obj, &max_obj) ||
         !lowlevel_domid(domid_obj, "domid", &domid) ||
         !lowlevel_u32(max_obj, "max", &max) )
        return NULL;
    if ( max == 0 )
        return PyErr_Format(PyExc_ValueError, "max 0: a domain needs at least one vCPU");
    if ( xc_domain_max_vcpus(xch, domid, max) )
        return xc_failed();
    Py_RETURN_NONE;
}

PyDoc_STRVAR(close_doc,
"close() -> None\n\n"
"Close the libxenctrl handle now; later calls raise xc.Error(EBADF).");

static PyObject *xc_close_method(XcObject *self, PyObject *unused)
{
    xc_interface_close(self->xch);
    self->xch = NULL;
    Py_RETURN_NONE;
}

/* ---- the type and the module ---- */

static PyObject *xc_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = { NULL };
    XcObject *self;

    if ( !PyArg_ParseTupleAndKeywords(args, kwds, ":xc", kwlist) )
        return NULL;
    if ( !(self = (XcObject *)type->tp_alloc(type, 0)) )
        return NULL;
    if ( !(self->xch = xc_interface_open(NULL, NULL, 0)) )
    {
        xc_failed();                /* before the dealloc can change errno */
        Py_DECREF(self);
        return NULL;
    }
    return (PyObject *)self;
}

static void xc_dealloc(XcObject *self)
{
    xc_interface_close(self->xch);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

#define METHOD(name, flags) \
    { #name, (PyCFunction)(void (*)(void))xc_##name##_method, flags, name##_doc }

static PyMethodDef xc_methods[] = {
    METHOD(physinfo, METH_NOARGS),
    METHOD(xeninfo, METH_NOARGS),
    METHOD(readconsolering, METH_VARARGS | METH_KEYWORDS),
    METHOD(iommu_flush_policy_get, METH_NOARGS),
    METHOD(iommu_flush_policy_set, METH_VARARGS | METH_KEYWORDS),
    METHOD(iommu_stats, METH_VARARGS | METH_KEYWORDS),
    METHOD(domain_create, METH_VARARGS | METH_KEYWORDS),
    METHOD(domain_destroy, METH_VARARGS),
    METHOD(domain_pause, METH_VARARGS),
    METHOD(domain_unpause, METH_VARARGS),
    METHOD(domain_shutdown, METH_VARARGS),
    METHOD(domain_getinfo, METH_VARARGS | METH_KEYWORDS),
    METHOD(domain_setmaxmem, METH_VARARGS),
    METHOD(domain_max_vcpus, METH_VARARGS),
    METHOD(close, METH_NOARGS),
    { NULL, NULL, 0, NULL },
};

static PyTypeObject xc_type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "xen.lowlevel.xc.xc",
    .tp_basicsize = sizeof(XcObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = PyDoc_STR("xc() -> a handle on the hypervisor's control interface "
                        "(libxenctrl over /dev/xen/privcmd).\n"
                        "Raises xc.Error if it cannot be opened."),
    .tp_new = xc_new,
    .tp_dealloc = (destructor)xc_dealloc,
    .tp_methods = xc_methods,
};

static struct PyModuleDef xc_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "xen.lowlevel.xc",
    .m_doc = PyDoc_STR("The hypervisor's control interface (libxenctrl)."),
    .m_size = -1,
};

static const struct { const char *name; long value; } xc_constants[] = {
    { "IOMMU_FLUSH_STRICT_PSI", ARGON_IOMMU_FLUSH_strict_psi },
    { "IOMMU_FLUSH_STRICT_BATCHED", ARGON_IOMMU_FLUSH_strict_batched },
    { "IOMMU_FLUSH_STRICT_DOMAIN", ARGON_IOMMU_FLUSH_strict_domain },
    { "IOMMU_FLUSH_GLOBAL", ARGON_IOMMU_FLUSH_global },
    { "IOMMU_FLUSH_NONE", ARGON_IOMMU_FLUSH_none },
    { "IOMMU_STATS_TOTAL", ARGON_IOMMU_STATS_total },
    { "IOMMU_STATS_DOMAIN", ARGON_IOMMU_STATS_domain },
    { "IOMMU_STATS_UNIT", ARGON_IOMMU_STATS_unit },
    { "XEN_DOMCTL_CDF_iommu", XEN_DOMCTL_CDF_iommu },
    { "XEN_DOMCTL_CDF_xs_domain", XEN_DOMCTL_CDF_xs_domain },
    { "SHUTDOWN_poweroff", SHUTDOWN_poweroff },
    { "SHUTDOWN_reboot", SHUTDOWN_reboot },
    { "SHUTDOWN_suspend", SHUTDOWN_suspend },
    { "SHUTDOWN_crash", SHUTDOWN_crash },
    { "SHUTDOWN_watchdog", SHUTDOWN_watchdog },
    { "SHUTDOWN_soft_reset", SHUTDOWN_soft_reset },
};

PyMODINIT_FUNC PyInit_xc(void);

PyMODINIT_FUNC PyInit_xc(void)
{
    PyObject *m = lowlevel_module(&xc_module, &xc_type, "xc",
                                  "A libxenctrl failure: args (errno, message); also e.errno, "
                                  "e.strerror.", &xc_error_type);

    for ( size_t i = 0; m && i < sizeof(xc_constants) / sizeof(xc_constants[0]); i++ )
        if ( PyModule_AddIntConstant(m, xc_constants[i].name, xc_constants[i].value) < 0 )
            Py_CLEAR(m);
    return m;
}
