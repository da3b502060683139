/*
 * printk and formatting.  printk prefixes each line with "(XEN) " and
 * copies it to every console and to the log ring that `xl dmesg` reads.
 */
#ifndef XEN_LIB_H
#define XEN_LIB_H

#include <xen/compiler.h>
#include <xen/types.h>

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/*
 * A message may start with a level marker; untagged messages are INFO.
 * Messages above the loglvl= threshold are dropped.
 */
#define XENLOG_ERR      "<0>"
#define XENLOG_WARNING  "<1>"
#define XENLOG_INFO     "<2>"
#define XENLOG_DEBUG    "<3>"

void printk(const char *fmt, ...) __printf(1, 2);
void vprintk(const char *fmt, va_list args);

/* A broken invariant of the hypervisor itself: print where, and stop. */
void __noreturn panic(const char *fmt, ...) __printf(1, 2);
#define BUG() panic("BUG at %s:%d", __FILE__, __LINE__)
#define BUG_ON(c) do { if ( unlikely(c) ) BUG(); } while ( 0 )
#ifdef NDEBUG
#define ASSERT(c) do { } while ( 0 )
#else
#define ASSERT(c) do { if ( unlikely(!(c)) ) \
        panic("Assertion '%s' failed at %s:%d", #c, __FILE__, __LINE__); \
    } while ( 0 )
#endif

#endif /* XEN_LIB_H */
