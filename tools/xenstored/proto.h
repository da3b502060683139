/*
 * The wire decoder: one message (header and payload) in, a request with
 * its arguments split out, or an errno value: EINVAL for a malformed
 * payload (wrong number of strings, a missing NUL), ENOSYS for a type the
 * daemon does not serve.  Pure: no state, no allocation; the arguments
 * point into the payload.
 */
#ifndef XENSTORED_PROTO_H
#define XENSTORED_PROTO_H

#include <stdint.h>

#include <xen/io/xs_wire.h>

#define XS_MAX_ARGS 32          /* SET_PERMS entries beyond this are refused */

struct xs_request {
    uint32_t type, req_id, tx_id;
    unsigned int nargs;
    const char *args[XS_MAX_ARGS];
    const char *value;          /* WRITE: the bytes after the path */
    unsigned int value_len;
};

int xs_decode(const struct xsd_sockmsg *hdr, const char *payload, struct xs_request *req);
/* "READ", "WRITE", ... or "UNKNOWN". */
const char *xs_type_name(uint32_t type);
/* "ENOENT" for ENOENT; EINVAL's name for an errno Xen has no name for. */
const char *xs_error_name(int err);
/* The errno for a name, or 0 if unknown. */
int xs_error_from_name(const char *name);

#endif
