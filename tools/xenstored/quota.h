/*
 * Per-domain quotas.  They bind unprivileged callers only (dom0's
 * toolstack is trusted): nodes a domain owns, bytes in one value, watches
 * and open transactions on one connection.  0 means unlimited.  Over
 * quota: ENOSPC for nodes and transactions, E2BIG for a value or a watch,
 * as Xen's daemon answers.
 */
#ifndef XENSTORED_QUOTA_H
#define XENSTORED_QUOTA_H

struct quota {
    unsigned int nodes;
    unsigned int entry_size;
    unsigned int watches;
    unsigned int transactions;
};

#define QUOTA_DEFAULT_NODES 1000
#define QUOTA_DEFAULT_ENTRY_SIZE 2048
#define QUOTA_DEFAULT_WATCHES 128
#define QUOTA_DEFAULT_TRANSACTIONS 10

/* Whether a total of TOTAL stays within LIMIT. */
static inline int quota_fits(unsigned int limit, unsigned long total)
{
    return limit == 0 || total <= limit;
}

#endif
