/*
 * Xenstore paths.  An absolute path starts with '/', its components are
 * non-empty and made of [A-Za-z0-9_@-], there is no trailing '/' except in
 * "/" itself.  A relative path is taken below the caller's home
 * /local/domain/DOMID.  Special paths (@introduceDomain, @releaseDomain)
 * exist only as watch targets.  Every function returns an errno value.
 */
#ifndef XENSTORED_PATH_H
#define XENSTORED_PATH_H

#include <stdbool.h>
#include <stddef.h>

#define SPECIAL_INTRODUCE "@introduceDomain"
#define SPECIAL_RELEASE "@releaseDomain"

/* The absolute form of IN for a caller in DOMID, in a new string. */
int path_canonical(const char *in, unsigned int domid, bool allow_special, char **out);
/* The home of DOMID: "/local/domain/DOMID" (buffer of at least 32 bytes). */
void path_home(unsigned int domid, char *buf, size_t size);
/* Whether PATH is ANCESTOR or below it. */
bool path_is_within(const char *path, const char *ancestor);
/* The parent of an absolute path other than "/", in a new string. */
char *path_parent(const char *path);
bool path_is_special(const char *path);

#endif
