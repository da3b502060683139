/*
 * What this build of the hypervisor is: printed in the boot banner and
 * reported to the toolstack.
 */
#ifndef XEN_VERSION_H
#define XEN_VERSION_H

#include <xen/types.h>

const char *argon_version(void);        /* "0.1.0" */
const char *argon_compiler(void);       /* "gcc 12.2.0" */

/* The linker's build id (hex, NUL-terminated), or "" if there is none. */
const char *argon_build_id(void);

void print_banner(void);

#endif /* XEN_VERSION_H */
