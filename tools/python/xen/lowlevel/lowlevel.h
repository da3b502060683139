/*
 * lowlevel.h - what xen.lowlevel.xc and xen.lowlevel.xs share: the module and
 * its Error type, lists from C arrays, and the checks of integer arguments.
 *
 * Rules:
 *  - A library failure is raised as the module's Error, a subclass of both
 *    OSError (so e.errno and e.strerror carry the errno and the library's
 *    one-line message) and RuntimeError (what Xen's bindings raise, so
 *    callers written for them still catch it).
 *  - A bad argument is refused before any library call: TypeError for the
 *    wrong type, ValueError for a value out of range.
 *  - Every function here returns a new reference or NULL with an exception
 *    set; the argument checks return 1 on success, 0 with ValueError or
 *    TypeError set.
 */
#ifndef XEN_LOWLEVEL_H
#define XEN_LOWLEVEL_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <xen/xen.h>

/*
 * The module of def with its handle type (added under its short name) and
 * its Error type (*error_type, which keeps a reference for the module's
 * life).  NULL on failure.
 */
static inline PyObject *lowlevel_module(struct PyModuleDef *def, PyTypeObject *type,
                                        const char *short_name, const char *error_doc,
                                        PyObject **error_type)
{
    char error_name[64];
    PyObject *m, *bases;

    if ( PyType_Ready(type) < 0 || !(m = PyModule_Create(def)) )
        return NULL;
    snprintf(error_name, sizeof(error_name), "%s.Error", def->m_name);
    if ( !(bases = PyTuple_Pack(2, PyExc_OSError, PyExc_RuntimeError)) )
        goto fail;
    *error_type = PyErr_NewExceptionWithDoc(error_name, error_doc, bases, NULL);
    Py_DECREF(bases);
    if ( !*error_type || PyModule_AddObjectRef(m, "Error", *error_type) < 0 ||
         PyModule_AddObjectRef(m, short_name, (PyObject *)type) < 0 )
        goto fail;
    return m;
 fail:
    Py_DECREF(m);
    return NULL;
}

/* Raise type(err, message); message NULL or empty: strerror(err).  Returns NULL. */
static inline PyObject *lowlevel_raise(PyObject *type, int err, const char *message)
{
    PyObject *exc;

    if ( !message || !*message )
        message = strerror(err);
    exc = PyObject_CallFunction(type, "is", err, message);
    if ( exc )
    {
        PyErr_SetObject(type, exc);
        Py_DECREF(exc);
    }
    return NULL;
}

/* A list of n items made by item(array, i); NULL if one of them fails. */
static inline PyObject *lowlevel_list(Py_ssize_t n, PyObject *(*item)(const void *, Py_ssize_t),
                                      const void *array)
{
    PyObject *list = PyList_New(n);

    for ( Py_ssize_t i = 0; list && i < n; i++ )
    {
        PyObject *o = item(array, i);

        if ( !o )
            Py_CLEAR(list);
        else
            PyList_SET_ITEM(list, i, o);
    }
    return list;
}

/* An int argument in [0, max] into *value; what names it in the error. */
static inline int lowlevel_unsigned(PyObject *o, uint64_t max, const char *what,
                                    uint64_t *value)
{
    unsigned long long v;
    long long signed_value;
    int overflow;

    if ( !PyLong_Check(o) || PyBool_Check(o) )
    {
        PyErr_Format(PyExc_TypeError, "%s must be an int, not %.100s", what,
                     Py_TYPE(o)->tp_name);
        return 0;
    }
    signed_value = PyLong_AsLongLongAndOverflow(o, &overflow);
    if ( overflow < 0 || (overflow == 0 && signed_value < 0) )
    {
        PyErr_Format(PyExc_ValueError, "%s %R is negative", what, o);
        return 0;
    }
    v = PyLong_AsUnsignedLongLong(o);
    if ( (v == (unsigned long long)-1 && PyErr_Occurred()) || v > max )
    {
        PyErr_Clear();
        PyErr_Format(PyExc_ValueError, "%s %R is out of range (0 to %llu)", what, o,
                     (unsigned long long)max);
        return 0;
    }
    *value = v;
    return 1;
}

static inline int lowlevel_u32(PyObject *o, const char *what, uint32_t *value)
{
    uint64_t v;

    if ( !lowlevel_unsigned(o, UINT32_MAX, what, &v) )
        return 0;
    *value = (uint32_t)v;
    return 1;
}

/* A domain id: below DOMID_FIRST_RESERVED (the DOMID_* names are not domains). */
static inline int lowlevel_domid(PyObject *o, const char *what, uint32_t *value)
{
    uint64_t v;

    if ( !lowlevel_unsigned(o, DOMID_FIRST_RESERVED - 1, what, &v) )
        return 0;
    *value = (uint32_t)v;
    return 1;
}

#endif /* XEN_LOWLEVEL_H */
