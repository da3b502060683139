/* The daemon's log file (see log.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "log.h"

static FILE *log_file;
static enum log_level log_max = LOG_ERROR;

int log_open(const char *path, enum log_level level)
{
    log_max = level;
    if (!path)
        return 0;
    FILE *f = fopen(path, "a");
    if (!f)
        return -1;
    setvbuf(f, NULL, _IOLBF, 0);
    log_file = f;
    return 0;
}

void log_close(void)
{
    if (log_file)
        fclose(log_file);
    log_file = NULL;
}

void log_set_level(enum log_level level)
{
    log_max = level;
}

int log_level_parse(const char *name, enum log_level *level)
{
    static const char *const names[] = { "error", "info", "debug" };
    for (unsigned int i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (!strcmp(name, names[i])) {
            *level = (enum log_level)i;
            return 0;
        }
    return -1;
}

void xs_log(enum log_level level, const char *fmt, ...)
{
    if (level > log_max)
        return;
    FILE *f = log_file ? log_file : stderr;
    struct timespec ts;
    struct tm tm;
    char stamp[32];
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
    fprintf(f, "%s.%03ldZ xenstored: ", stamp, ts.tv_nsec / 1000000);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    fputc('\n', f);
}
