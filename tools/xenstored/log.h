/*
 * The daemon's log: one line per event, errors always, requests only at
 * the debug level.  Before log_open() (and in the unit tests) lines go to
 * stderr.
 */
#ifndef XENSTORED_LOG_H
#define XENSTORED_LOG_H

enum log_level { LOG_ERROR, LOG_INFO, LOG_DEBUG };

int log_open(const char *path, enum log_level level);
void log_close(void);
void log_set_level(enum log_level level);
int log_level_parse(const char *name, enum log_level *level);
void xs_log(enum log_level level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
