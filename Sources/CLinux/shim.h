#ifndef CLINUX_SHIM_H
#define CLINUX_SHIM_H
// The Linux-only calls the HTTP server needs, which Swift's Glibc module leaves out:
// epoll and eventfd are not in its module map, and accept4 is declared only under
// _GNU_SOURCE, which that module is built without.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

extern int accept4(int fd, struct sockaddr *address, socklen_t *length, int flags);
#endif
