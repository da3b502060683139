/*
 * The Unix socket transport.  Every client of the socket is dom0's
 * toolstack, privileged; the socket file is made mode 0600 so only root
 * reaches it.
 */
#ifndef XENSTORED_SOCKET_H
#define XENSTORED_SOCKET_H

struct store;

#define XENSTORED_SOCKET_DEFAULT "/run/xenstored/socket"

/* A listening socket at PATH (its directory is created), or -1 with errno. */
int socket_listen(const char *path);
/* Accepts one client on LISTEN_FD as a new connection; errno value. */
int socket_accept(struct store *store, int listen_fd);

#endif
