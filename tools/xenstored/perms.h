/*
 * Node permissions.  Entry 0 names the owner and what every other domain
 * may do; later entries grant a named domain its own access.  The owner
 * and privileged connections may do everything.  On the wire an entry is
 * a letter (n none, r read, w write, b both) and a decimal domid: "r0".
 */
#ifndef XENSTORED_PERMS_H
#define XENSTORED_PERMS_H

#include <stdbool.h>
#include <stddef.h>

#define PERM_READ 1u
#define PERM_WRITE 2u

struct xs_perm {
    unsigned int domid;
    unsigned int bits;          /* PERM_READ | PERM_WRITE */
};

struct perm_set {
    struct xs_perm *entries;    /* entries[0]: owner and others' access */
    unsigned int count;         /* at least 1 */
};

/* Who asks: a domain, possibly privileged, possibly acting for a target. */
struct caller {
    unsigned int domid;
    bool privileged;
    bool has_target;
    unsigned int target;
};

int perm_parse(const char *text, struct xs_perm *out);
/* Writes "r0"; BUF must hold 16 bytes.  Returns the length. */
int perm_format(const struct xs_perm *perm, char *buf, size_t size);
/* The access bits CALLER has to a node with PERMS. */
unsigned int perm_access(const struct perm_set *perms, const struct caller *caller);
int perm_set_copy(struct perm_set *dst, const struct perm_set *src);
void perm_set_free(struct perm_set *set);

#endif
