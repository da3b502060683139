/*
 * xs.c - xen.lowlevel.xs: libxenstore for Python, with the method names and
 * argument conventions of Xen's own binding (xs.xs().read(t, path), ...).
 *
 * Rules:
 *  - An xs object owns one libxenstore connection, opened by xs.xs() and
 *    closed when the object goes (or by close()); a closed object raises
 *    xs.Error(EBADF).
 *  - Transactions are named by strings, as in Xen: "" for none, otherwise
 *    the hex id transaction_start() returned.
 *  - read and ls return None for a path that does not exist; rm of one
 *    succeeds.  Every other failure raises xs.Error(errno, "<op> <path>:
 *    <strerror>").
 *  - A watch token may be any Python object.  The object keeps a list of
 *    (path, token, wire id) for its watches (a strong reference each, until
 *    unwatch or close); the daemon sees only the wire id.  read_watch skips
 *    events whose id is no longer in the list (in flight at unwatch).
 *  - libxenstore serialises requests on a handle, so the GIL is released
 *    around every request (UNLOCKED): read_watch may block in one thread
 *    while others use the same object; close() refuses while any is in
 *    flight, so no thread is left on a freed handle.
 */
#include "../lowlevel.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include <xenstore.h>

#define TOKEN_PREFIX "pyxs:"

typedef struct {
    PyObject_HEAD
    struct xs_handle *xsh;
    PyObject *watches;              /* list of (path, token, wire id) */
    unsigned long long next_watch_id;
    unsigned int busy;              /* requests in flight without the GIL */
} XsObject;

/*
 * A request on the connection with the GIL released.  busy counts them, so
 * close() can refuse while another thread still uses the handle.
 */
#define UNLOCKED(self, request)                                             \
    do {                                                                    \
        (self)->busy++;                                                     \
        Py_BEGIN_ALLOW_THREADS                                              \
        request;                                                            \
        Py_END_ALLOW_THREADS                                                \
        (self)->busy--;                                                     \
    } while ( 0 )

static PyObject *xs_error_type;

/* Raise xs.Error for op on path from errno. */
static PyObject *xs_failed(const char *op, const char *path)
{
    int err = errno ? errno : EIO;
    char message[256];

    snprintf(message, sizeof(message), "%s%s%s: %s", op, path ? " " : "", path ? path : "",
             strerror(err));
    return lowlevel_raise(xs_error_type, err, message);
}

static struct xs_handle *xs_handle(XsObject *self)
{
    if ( !self->xsh )
        lowlevel_raise(xs_error_type, EBADF, "xs: this connection has been closed");
    return self->xsh;
}

/* A transaction name: "" (none) or the hex id of transaction_start. */
static int parse_transaction(const char *s, xs_transaction_t *t)
{
    char *end;
    unsigned long v;

    if ( !*s )
    {
        *t = XBT_NULL;
        return 1;
    }
    errno = 0;
    v = strtoul(s, &end, 16);
    if ( *end || errno || v > UINT32_MAX || s[0] == '-' || s[0] == '+' || s[0] == ' ' )
    {
        PyErr_Format(PyExc_ValueError, "transaction '%.40s' is neither \"\" nor the hex "
                     "id transaction_start returned", s);
        return 0;
    }
    *t = (xs_transaction_t)v;
    return 1;
}

/* (transaction, path) from args; format names the method for PyArg's errors. */
static struct xs_handle *transaction_and_path(XsObject *self, PyObject *args, const char *format,
                                              xs_transaction_t *t, const char **path)
{
    struct xs_handle *xsh = xs_handle(self);
    const char *t_str;

    if ( !xsh || !PyArg_ParseTuple(args, format, &t_str, path) ||
         !parse_transaction(t_str, t) )
        return NULL;
    return xsh;
}

/* None for a call that succeeded; xs.Error otherwise. */
static PyObject *none_or_error(bool ok, const char *op, const char *path)
{
    if ( !ok )
        return xs_failed(op, path);
    Py_RETURN_NONE;
}

PyDoc_STRVAR(read_doc,
"read(transaction, path) -> bytes or None\n\n"
"The value at path (None if path does not exist).\n"
"Raises xs.Error on any other failure (e.g. EACCES).");

static PyObject *xs_read_method(XsObject *self, PyObject *args)
{
    xs_transaction_t t;
    const char *path;
    struct xs_handle *xsh = transaction_and_path(self, args, "ss:read", &t, &path);
    unsigned int len;
    char *value;
    PyObject *result;

    if ( !xsh )
        return NULL;
    UNLOCKED(self, value = xs_read(xsh, t, path, &len));
    if ( !value )
    {
        if ( errno == ENOENT )
            Py_RETURN_NONE;
        return xs_failed("read", path);
    }
    result = PyBytes_FromStringAndSize(value, len);
    free(value);
    return result;
}

PyDoc_STRVAR(write_doc,
"write(transaction, path, data) -> None\n\n"
"Write data (str, as UTF-8, or bytes) at path, creating it and its parents.\n"
"Raises xs.Error if the daemon refuses.");

static PyObject *xs_write_method(XsObject *self, PyObject *args)
{
    struct xs_handle *xsh = xs_handle(self);
    const char *t_str, *path, *data;
    Py_ssize_t len;
    xs_transaction_t t;
    bool ok;

    if ( !xsh || !PyArg_ParseTuple(args, "sss#:write", &t_str, &path, &data, &len) ||
         !parse_transaction(t_str, &t) )
        return NULL;
    if ( (size_t)len > XENSTORE_PAYLOAD_MAX )
        return PyErr_Format(PyExc_ValueError, "data of %zd bytes is more than xenstore "
                            "carries (%u)", len, XENSTORE_PAYLOAD_MAX);
    UNLOCKED(self, ok = xs_write(xsh, t, path, data, (unsigned int)len));
    return none_or_error(ok, "write", path);
}

static PyObject *name_item(const void *array, Py_ssize_t i)
{
    return PyUnicode_DecodeFSDefault(((char *const *)array)[i]);
}

PyDoc_STRVAR(ls_doc,
"ls(transaction, path) -> list of str or None\n\n"
"The names of path's children (None if path does not exist).\n"
"Raises xs.Error on any other failure.");

static PyObject *xs_ls_method(XsObject *self, PyObject *args)
{
    xs_transaction_t t;
    const char *path;
    struct xs_handle *xsh = transaction_and_path(self, args, "ss:ls", &t, &path);
    unsigned int num;
    char **names;
    PyObject *list;

    if ( !xsh )
        return NULL;
    UNLOCKED(self, names = xs_directory(xsh, t, path, &num));
    if ( !names )
    {
        if ( errno == ENOENT )
            Py_RETURN_NONE;
        return xs_failed("ls", path);
    }
    list = lowlevel_list(num, name_item, names);
    free(names);
    return list;
}

PyDoc_STRVAR(mkdir_doc,
"mkdir(transaction, path) -> None\n\n"
"Create path (empty) and its parents.  Raises xs.Error if refused.");

/* A request on (transaction, path) that returns None; missing_ok: ENOENT is success. */
static PyObject *path_request(XsObject *self, PyObject *args, const char *format,
                              bool (*op)(struct xs_handle *, xs_transaction_t, const char *),
                              bool missing_ok, const char *name)
{
    xs_transaction_t t;
    const char *path;
    struct xs_handle *xsh = transaction_and_path(self, args, format, &t, &path);
    bool ok;

    if ( !xsh )
        return NULL;
    UNLOCKED(self, ok = op(xsh, t, path));
    return none_or_error(ok || (missing_ok && errno == ENOENT), name, path);
}

static PyObject *xs_mkdir_method(XsObject *self, PyObject *args)
{
    return path_request(self, args, "ss:mkdir", xs_mkdir, false, "mkdir");
}

PyDoc_STRVAR(rm_doc,
"rm(transaction, path) -> None\n\n"
"Remove path and everything below it; a path that does not exist is no\n"
"error.  Raises xs.Error if refused.");

static PyObject *xs_rm_method(XsObject *self, PyObject *args)
{
    return path_request(self, args, "ss:rm", xs_rm, true, "rm");
}

static PyObject *permission_item(const void *array, Py_ssize_t i)
{
    const struct xs_permissions *p = (const struct xs_permissions *)array + i;

    return Py_BuildValue("{s:I,s:O,s:O}", "dom", p->id,
                         "read", p->perms & XS_PERM_READ ? Py_True : Py_False,
                         "write", p->perms & XS_PERM_WRITE ? Py_True : Py_False);
}

PyDoc_STRVAR(get_permissions_doc,
"get_permissions(transaction, path) -> list of dict\n\n"
"path's permissions, owner first: [{'dom': id, 'read': bool, 'write': bool}].\n"
"The owner's entry gives everyone else's access.  Raises xs.Error if refused.");

static PyObject *xs_get_permissions_method(XsObject *self, PyObject *args)
{
    xs_transaction_t t;
    const char *path;
    struct xs_handle *xsh = transaction_and_path(self, args, "ss:get_permissions", &t, &path);
    struct xs_permissions *perms;
    unsigned int num;
    PyObject *list;

    if ( !xsh )
        return NULL;
    UNLOCKED(self, perms = xs_get_permissions(xsh, t, path, &num));
    if ( !perms )
        return xs_failed("get_permissions", path);
    list = lowlevel_list(num, permission_item, perms);
    free(perms);
    return list;
}

/* One {'dom': id, 'read': bool, 'write': bool} entry of set_permissions. */
static int parse_permission(PyObject *entry, Py_ssize_t index, struct xs_permissions *perm)
{
    PyObject *dom, *flag;
    uint32_t id;
    int on;

    if ( !PyDict_Check(entry) )
    {
        PyErr_Format(PyExc_TypeError, "perms[%zd] must be a dict, not %.100s", index,
                     Py_TYPE(entry)->tp_name);
        return 0;
    }
    if ( !(dom = PyDict_GetItemString(entry, "dom")) )
    {
        PyErr_Format(PyExc_ValueError, "perms[%zd] has no 'dom'", index);
        return 0;
    }
    if ( !lowlevel_domid(dom, "perms[].dom", &id) )
        return 0;
    perm->id = id;
    perm->perms = XS_PERM_NONE;
    {
        PyObject *key, *value;
        Py_ssize_t pos = 0;

        while ( PyDict_Next(entry, &pos, &key, &value) )
            if ( !PyUnicode_Check(key) ||
                 (PyUnicode_CompareWithASCIIString(key, "dom") &&
                  PyUnicode_CompareWithASCIIString(key, "read") &&
                  PyUnicode_CompareWithASCIIString(key, "write")) )
            {
                PyErr_Format(PyExc_ValueError, "perms[%zd] has key %R: only 'dom', 'read' "
                             "and 'write' are known", index, key);
                return 0;
            }
    }
    if ( (flag = PyDict_GetItemString(entry, "read")) )
    {
        if ( (on = PyObject_IsTrue(flag)) < 0 )
            return 0;
        perm->perms |= on ? XS_PERM_READ : 0;
    }
    if ( (flag = PyDict_GetItemString(entry, "write")) )
    {
        if ( (on = PyObject_IsTrue(flag)) < 0 )
            return 0;
        perm->perms |= on ? XS_PERM_WRITE : 0;
    }
    return 1;
}

PyDoc_STRVAR(set_permissions_doc,
"set_permissions(transaction, path, perms) -> None\n\n"
"Set path's permissions from a list of {'dom': id, 'read': bool,\n"
"'write': bool}, owner first (read/write default to False).\n"
"Raises xs.Error if the daemon refuses.");

static PyObject *xs_set_permissions_method(XsObject *self, PyObject *args)
{
    struct xs_handle *xsh = xs_handle(self);
    const char *t_str, *path;
    PyObject *perms_obj, *seq;
    struct xs_permissions *perms;
    xs_transaction_t t;
    Py_ssize_t num;
    bool ok;

    if ( !xsh || !PyArg_ParseTuple(args, "ssO:set_permissions", &t_str, &path, &perms_obj) ||
         !parse_transaction(t_str, &t) )
        return NULL;
    if ( !(seq = PySequence_Fast(perms_obj, "perms must be a list of dicts")) )
        return NULL;
    num = PySequence_Fast_GET_SIZE(seq);
    if ( num == 0 )
    {
        Py_DECREF(seq);
        return PyErr_Format(PyExc_ValueError, "perms is empty: it needs at least the owner");
    }
    if ( !(perms = PyMem_Calloc((size_t)num, sizeof(*perms))) )
    {
        Py_DECREF(seq);
        return PyErr_NoMemory();
    }
    for ( Py_ssize_t i = 0; i < num; i++ )
        if ( !parse_permission(PySequence_Fast_GET_ITEM(seq, i), i, &perms[i]) )
        {
            PyMem_Free(perms);
            Py_DECREF(seq);
            return NULL;
        }
    Py_DECREF(seq);
    UNLOCKED(self, ok = xs_set_permissions(xsh, t, path, perms, (unsigned int)num));
    PyMem_Free(perms);
    return none_or_error(ok, "set_permissions", path);
}

/* ---- watches ---- */

/* The index in self->watches of (path, token), token compared by identity; -1 if none. */
static Py_ssize_t find_watch(XsObject *self, const char *path, PyObject *token)
{
    for ( Py_ssize_t i = 0; i < PyList_GET_SIZE(self->watches); i++ )
    {
        PyObject *w = PyList_GET_ITEM(self->watches, i);

        if ( PyTuple_GET_ITEM(w, 1) == token &&
             !strcmp(PyUnicode_AsUTF8(PyTuple_GET_ITEM(w, 0)), path) )
            return i;
    }
    return -1;
}

PyDoc_STRVAR(watch_doc,
"watch(path, token) -> None\n\n"
"Watch path and everything below it: read_watch() returns (path, token)\n"
"when one changes, and once right away for the watch itself.  token may be\n"
"any object; it is kept until unwatch.  Raises xs.Error if refused.");

static PyObject *xs_watch_method(XsObject *self, PyObject *args)
{
    struct xs_handle *xsh = xs_handle(self);
    char wire_token[sizeof(TOKEN_PREFIX) + 24];
    PyObject *path_obj, *token, *entry;
    const char *path;
    bool ok;

    if ( !xsh || !PyArg_ParseTuple(args, "UO:watch", &path_obj, &token) ||
         !(path = PyUnicode_AsUTF8(path_obj)) )
        return NULL;
    snprintf(wire_token, sizeof(wire_token), TOKEN_PREFIX "%llu", self->next_watch_id++);
    /* Listed before the daemon is asked, so its first event finds the token. */
    if ( !(entry = Py_BuildValue("(OOs)", path_obj, token, wire_token)) )
        return NULL;
    if ( PyList_Append(self->watches, entry) < 0 )
    {
        Py_DECREF(entry);
        return NULL;
    }
    UNLOCKED(self, ok = xs_watch(xsh, path, wire_token));
    if ( !ok )
    {
        int err = errno;
        Py_ssize_t i = PySequence_Index(self->watches, entry);

        if ( i >= 0 )
            PySequence_DelItem(self->watches, i);
        Py_DECREF(entry);
        errno = err;
        return xs_failed("watch", path);
    }
    Py_DECREF(entry);
    Py_RETURN_NONE;
}

PyDoc_STRVAR(unwatch_doc,
"unwatch(path, token) -> None\n\n"
"Remove the watch set by watch(path, token) (the same token object).\n"
"Raises ValueError if there is no such watch, xs.Error if the daemon refuses.");

static PyObject *xs_unwatch_method(XsObject *self, PyObject *args)
{
    struct xs_handle *xsh = xs_handle(self);
    PyObject *token, *entry;
    const char *path;
    Py_ssize_t i;
    bool ok;

    if ( !xsh || !PyArg_ParseTuple(args, "sO:unwatch", &path, &token) )
        return NULL;
    if ( (i = find_watch(self, path, token)) < 0 )
        return PyErr_Format(PyExc_ValueError, "no watch on %s with token %R", path, token);
    entry = PyList_GET_ITEM(self->watches, i);
    Py_INCREF(entry);
    if ( PySequence_DelItem(self->watches, i) < 0 )
    {
        Py_DECREF(entry);
        return NULL;
    }
    UNLOCKED(self, ok = xs_unwatch(xsh, path, PyUnicode_AsUTF8(PyTuple_GET_ITEM(entry, 2))));
    Py_DECREF(entry);
    return none_or_error(ok, "unwatch", path);
}

PyDoc_STRVAR(read_watch_doc,
"read_watch() -> (path, token)\n\n"
"Wait for the next event of this object's watches: the path that changed\n"
"and the token its watch was set with.  Raises xs.Error on failure.");

static PyObject *xs_read_watch_method(XsObject *self, PyObject *unused)
{
    struct xs_handle *xsh = xs_handle(self);

    if ( !xsh )
        return NULL;
    for ( ;; )
    {
        unsigned int num;
        char **event;

        UNLOCKED(self, event = xs_read_watch(xsh, &num));
        if ( !event )
            return xs_failed("read_watch", NULL);
        for ( Py_ssize_t i = 0; i < PyList_GET_SIZE(self->watches); i++ )
        {
            PyObject *w = PyList_GET_ITEM(self->watches, i);

            if ( !strcmp(PyUnicode_AsUTF8(PyTuple_GET_ITEM(w, 2)), event[XS_WATCH_TOKEN]) )
            {
                PyObject *result = Py_BuildValue("(sO)", event[XS_WATCH_PATH],
                                                 PyTuple_GET_ITEM(w, 1));

                free(event);
                return result;
            }
        }
        /* An event of a watch removed since it was sent. */
        free(event);
        if ( PyErr_CheckSignals() < 0 )
            return NULL;
    }
}

PyDoc_STRVAR(fileno_doc,
"fileno() -> int\n\n"
"A file descriptor that polls readable while watch events wait.");

static PyObject *xs_fileno_method(XsObject *self, PyObject *unused)
{
    struct xs_handle *xsh = xs_handle(self);
    int fd;

    if ( !xsh )
        return NULL;
    if ( (fd = xs_fileno(xsh)) < 0 )
        return xs_failed("fileno", NULL);
    return PyLong_FromLong(fd);
}

/* ---- transactions ---- */

PyDoc_STRVAR(transaction_start_doc,
"transaction_start() -> str\n\n"
"Start a transaction; pass the string returned as the transaction argument.\n"
"Raises xs.Error if the daemon refuses (e.g. too many transactions).");

static PyObject *xs_transaction_start_method(XsObject *self, PyObject *unused)
{
    struct xs_handle *xsh = xs_handle(self);
    xs_transaction_t t;
    char name[16];

    if ( !xsh )
        return NULL;
    UNLOCKED(self, t = xs_transaction_start(xsh));
    if ( t == XBT_NULL )
        return xs_failed("transaction_start", NULL);
    snprintf(name, sizeof(name), "%X", t);
    return PyUnicode_FromString(name);
}

PyDoc_STRVAR(transaction_end_doc,
"transaction_end(transaction, abort=False) -> bool\n\n"
"Commit the transaction (or drop it if abort): True once done, False if it\n"
"conflicted with another change and nothing was applied (start again).\n"
"Raises xs.Error on any other failure.");

static PyObject *xs_transaction_end_method(XsObject *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = { "transaction", "abort", NULL };
    struct xs_handle *xsh = xs_handle(self);
    const char *t_str;
    xs_transaction_t t;
    int abort_it = 0;
    bool ok;

    if ( !xsh || !PyArg_ParseTupleAndKeywords(args, kwds, "s|p:transaction_end", kwlist,
                                              &t_str, &abort_it) ||
         !parse_transaction(t_str, &t) )
        return NULL;
    if ( t == XBT_NULL )
        return PyErr_Format(PyExc_ValueError, "transaction_end needs a transaction, not \"\"");
    UNLOCKED(self, ok = xs_transaction_end(xsh, t, abort_it));
    if ( ok )
        Py_RETURN_TRUE;
    if ( errno == EAGAIN )
        Py_RETURN_FALSE;
    return xs_failed("transaction_end", t_str);
}

/* ---- domains ---- */

PyDoc_STRVAR(introduce_domain_doc,
"introduce_domain(domid, page, port) -> None\n\n"
"Tell the daemon that domain domid talks to it over its ring at machine\n"
"frame page, signalled by event channel port.  Raises xs.Error if refused.");

static PyObject *xs_introduce_domain_method(XsObject *self, PyObject *args)
{
    struct xs_handle *xsh = xs_handle(self);
    PyObject *domid_obj, *page_obj, *port_obj;
    uint32_t domid, port;
    uint64_t page;
    bool ok;

    if ( !xsh || !PyArg_ParseTuple(args, "OOO:introduce_domain", &domid_obj, &page_obj,
                                   &port_obj) ||
         !lowlevel_domid(domid_obj, "domid", &domid) ||
         !lowlevel_unsigned(page_obj, UINT64_MAX, "page", &page) ||
         !lowlevel_u32(port_obj, "port", &port) )
        return NULL;
    UNLOCKED(self, ok = xs_introduce_domain(xsh, domid, (unsigned long)page, port));
    return none_or_error(ok, "introduce_domain", NULL);
}

/* The methods that take one domain id. */
static PyObject *domain_request(XsObject *self, PyObject *args, const char *format,
                                bool (*op)(struct xs_handle *, unsigned int), const char *name)
{
    struct xs_handle *xsh = xs_handle(self);
    PyObject *domid_obj;
    uint32_t domid;
    bool ok;

    if ( !xsh || !PyArg_ParseTuple(args, format, &domid_obj) ||
         !lowlevel_domid(domid_obj, "domid", &domid) )
        return NULL;
    UNLOCKED(self, ok = op(xsh, domid));
    return none_or_error(ok, name, NULL);
}

PyDoc_STRVAR(release_domain_doc,
"release_domain(domid) -> None\n\n"
"Tell the daemon that domain domid is gone: its connection and watches go.\n"
"Raises xs.Error if refused.");

static PyObject *xs_release_domain_method(XsObject *self, PyObject *args)
{
    return domain_request(self, args, "O:release_domain", xs_release_domain,
                          "release_domain");
}

PyDoc_STRVAR(resume_domain_doc,
"resume_domain(domid) -> None\n\n"
"Tell the daemon that domain domid has resumed.  Raises xs.Error if refused.");

static PyObject *xs_resume_domain_method(XsObject *self, PyObject *args)
{
    return domain_request(self, args, "O:resume_domain", xs_resume_domain, "resume_domain");
}

PyDoc_STRVAR(set_target_doc,
"set_target(domid, target) -> None\n\n"
"Let domain domid act on domain target's nodes (a device model's right).\n"
"Raises xs.Error if refused.");

static PyObject *xs_set_target_method(XsObject *self, PyObject *args)
{
    struct xs_handle *xsh = xs_handle(self);
    PyObject *domid_obj, *target_obj;
    uint32_t domid, target;
    bool ok;

    if ( !xsh || !PyArg_ParseTuple(args, "OO:set_target", &domid_obj, &target_obj) ||
         !lowlevel_domid(domid_obj, "domid", &domid) ||
         !lowlevel_domid(target_obj, "target", &target) )
        return NULL;
    UNLOCKED(self, ok = xs_set_target(xsh, domid, target));
    return none_or_error(ok, "set_target", NULL);
}

PyDoc_STRVAR(get_domain_path_doc,
"get_domain_path(domid) -> str\n\n"
"The home path of domain domid (/local/domain/<domid>).\n"
"Raises xs.Error if the daemon refuses.");

static PyObject *xs_get_domain_path_method(XsObject *self, PyObject *args)
{
    struct xs_handle *xsh = xs_handle(self);
    PyObject *domid_obj, *result;
    uint32_t domid;
    char *path;

    if ( !xsh || !PyArg_ParseTuple(args, "O:get_domain_path", &domid_obj) ||
         !lowlevel_domid(domid_obj, "domid", &domid) )
        return NULL;
    UNLOCKED(self, path = xs_get_domain_path(xsh, domid));
    if ( !path )
        return xs_failed("get_domain_path", NULL);
    result = PyUnicode_DecodeFSDefault(path);
    free(path);
    return result;
}

PyDoc_STRVAR(is_domain_introduced_doc,
"is_domain_introduced(domid) -> bool\n\n"
"Whether the daemon knows domain domid.  Raises xs.Error on failure.");

static PyObject *xs_is_domain_introduced_method(XsObject *self, PyObject *args)
{
    struct xs_handle *xsh = xs_handle(self);
    PyObject *domid_obj;
    uint32_t domid;
    bool yes;

    if ( !xsh || !PyArg_ParseTuple(args, "O:is_domain_introduced", &domid_obj) ||
         !lowlevel_domid(domid_obj, "domid", &domid) )
        return NULL;
    errno = 0;
    UNLOCKED(self, yes = xs_is_domain_introduced(xsh, domid));
    /* libxenstore answers "not introduced" with ENOENT; anything else failed. */
    if ( !yes && errno && errno != ENOENT )
        return xs_failed("is_domain_introduced", NULL);
    return PyBool_FromLong(yes);
}

PyDoc_STRVAR(close_doc,
"close() -> None\n\n"
"Close the connection now and drop the watches' tokens; later calls raise\n"
"xs.Error(EBADF).  Raises xs.Error(EBUSY) while another thread's request\n"
"(e.g. a blocked read_watch) is in progress.");

static PyObject *xs_close_method(XsObject *self, PyObject *unused)
{
    struct xs_handle *xsh = self->xsh;

    if ( self->busy )
        return lowlevel_raise(xs_error_type, EBUSY, "close: another thread's request "
                              "(read_watch?) is still in progress on this connection");
    self->xsh = NULL;
    if ( xsh )
    {
        Py_BEGIN_ALLOW_THREADS
        xs_close(xsh);
        Py_END_ALLOW_THREADS
    }
    if ( PyList_SetSlice(self->watches, 0, PyList_GET_SIZE(self->watches), NULL) < 0 )
        return NULL;
    Py_RETURN_NONE;
}

/* ---- the type and the module ---- */

static PyObject *xs_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = { "readonly", "socket", NULL };
    int readonly = 0, socket_only = 0;
    XsObject *self;

    if ( !PyArg_ParseTupleAndKeywords(args, kwds, "|pp:xs", kwlist, &readonly, &socket_only) )
        return NULL;
    if ( !(self = (XsObject *)type->tp_alloc(type, 0)) )
        return NULL;
    if ( !(self->watches = PyList_New(0)) )
    {
        Py_DECREF(self);
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
    self->xsh = xs_open((readonly ? XS_OPEN_READONLY : 0) |
                        (socket_only ? XS_OPEN_SOCKETONLY : 0));
    Py_END_ALLOW_THREADS
    if ( !self->xsh )
    {
        xs_failed("xs_open", NULL); /* before the dealloc can change errno */
        Py_DECREF(self);
        return NULL;
    }
    return (PyObject *)self;
}

static int xs_traverse(XsObject *self, visitproc visit, void *arg)
{
    Py_VISIT(self->watches);
    return 0;
}

static int xs_clear(XsObject *self)
{
    Py_CLEAR(self->watches);
    return 0;
}

static void xs_dealloc(XsObject *self)
{
    PyObject_GC_UnTrack(self);
    if ( self->xsh )
        xs_close(self->xsh);
    xs_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

#define METHOD(name, flags) \
    { #name, (PyCFunction)(void (*)(void))xs_##name##_method, flags, name##_doc }

static PyMethodDef xs_methods[] = {
    METHOD(read, METH_VARARGS),
    METHOD(write, METH_VARARGS),
    METHOD(ls, METH_VARARGS),
    METHOD(mkdir, METH_VARARGS),
    METHOD(rm, METH_VARARGS),
    METHOD(get_permissions, METH_VARARGS),
    METHOD(set_permissions, METH_VARARGS),
    METHOD(watch, METH_VARARGS),
    METHOD(unwatch, METH_VARARGS),
    METHOD(read_watch, METH_NOARGS),
    METHOD(fileno, METH_NOARGS),
    METHOD(transaction_start, METH_NOARGS),
    METHOD(transaction_end, METH_VARARGS | METH_KEYWORDS),
    METHOD(introduce_domain, METH_VARARGS),
    METHOD(release_domain, METH_VARARGS),
    METHOD(resume_domain, METH_VARARGS),
    METHOD(set_target, METH_VARARGS),
    METHOD(get_domain_path, METH_VARARGS),
    METHOD(is_domain_introduced, METH_VARARGS),
    METHOD(close, METH_NOARGS),
    { NULL, NULL, 0, NULL },
};

static PyTypeObject xs_type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "xen.lowlevel.xs.xs",
    .tp_basicsize = sizeof(XsObject),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = PyDoc_STR("xs(readonly=False, socket=False) -> a connection to the xenstore "
                        "daemon\n(its Unix socket, $XENSTORED_PATH or /run/xenstored/socket, "
                        "else\n/dev/xen/xenbus; socket=True: the socket only).\n"
                        "Raises xs.Error if it cannot connect."),
    .tp_new = xs_new,
    .tp_dealloc = (destructor)xs_dealloc,
    .tp_traverse = (traverseproc)xs_traverse,
    .tp_clear = (inquiry)xs_clear,
    .tp_methods = xs_methods,
};

static struct PyModuleDef xs_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "xen.lowlevel.xs",
    .m_doc = PyDoc_STR("The xenstore daemon (libxenstore)."),
    .m_size = -1,
};

PyMODINIT_FUNC PyInit_xs(void);

PyMODINIT_FUNC PyInit_xs(void)
{
    return lowlevel_module(&xs_module, &xs_type, "xs",
                           "A xenstore failure: args (errno, message); also e.errno, "
                           "e.strerror.", &xs_error_type);
}
