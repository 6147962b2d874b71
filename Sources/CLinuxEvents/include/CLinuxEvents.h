// The Linux readiness and wake-up calls the timed event loop uses, which Glibc's Swift module
// does not import: epoll and eventfd.
#ifndef C_LINUX_EVENTS_H
#define C_LINUX_EVENTS_H
#ifdef __linux__
#include <sys/epoll.h>
#include <sys/eventfd.h>
#endif
#endif
