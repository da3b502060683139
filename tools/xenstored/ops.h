/*
 * The request handlers, one per message type, dispatched through one
 * table.  Each decodes and checks everything (path syntax, permissions,
 * quotas, transaction id) before it changes anything, then answers with
 * exactly one message: its result or XS_ERROR.
 */
#ifndef XENSTORED_OPS_H
#define XENSTORED_OPS_H

#include <xen/io/xs_wire.h>

struct conn;

/* Serves one complete message; PAYLOAD holds hdr->len bytes and a NUL. */
void ops_handle(struct conn *conn, const struct xsd_sockmsg *hdr, const char *payload);

#endif
