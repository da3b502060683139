/*
 * lib_error.h - the last-error text every toolstack library keeps: one
 * line per thread, set together with errno by the library's fail
 * function.  LIB_LAST_ERROR(linkage, fail, getter) defines both in the one
 * file of a library that includes it (linkage: static, or empty when the
 * library's other files call fail too).
 */
#ifndef LIB_ERROR_H
#define LIB_ERROR_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#define LIB_LAST_ERROR(linkage, fail, getter)                                   \
    static __thread char last_error_text[256];                                  \
                                                                                \
    linkage int fail(int err, const char *fmt, ...)                             \
    {                                                                           \
        va_list ap;                                                             \
                                                                                \
        va_start(ap, fmt);                                                      \
        vsnprintf(last_error_text, sizeof(last_error_text), fmt, ap);           \
        va_end(ap);                                                             \
        errno = err;                                                            \
        return -1;                                                              \
    }                                                                           \
                                                                                \
    const char *getter(void)                                                    \
    {                                                                           \
        return last_error_text;                                                 \
    }

#endif /* LIB_ERROR_H */
