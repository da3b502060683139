/*
 * Compiler attributes and helpers used across the hypervisor.
 */
#ifndef XEN_COMPILER_H
#define XEN_COMPILER_H

#define __must_check    __attribute__((warn_unused_result))
#define __noreturn      __attribute__((noreturn))
#define __packed        __attribute__((packed))
#define __aligned(n)    __attribute__((aligned(n)))
#define __section(s)    __attribute__((section(s)))
#define __used          __attribute__((used))
#define __unused        __attribute__((unused))
#define __printf(f, a)  __attribute__((format(printf, f, a)))
#ifndef __always_inline      /* the C library defines it too, for host tests */
#define __always_inline inline __attribute__((always_inline))
#endif
#define __noinline      __attribute__((noinline))

#define likely(x)       __builtin_expect(!!(x), 1)
#define unlikely(x)     __builtin_expect(!!(x), 0)

#define ARRAY_SIZE(a)   (sizeof(a) / sizeof((a)[0]))
#define BUILD_BUG_ON(c) _Static_assert(!(c), #c)

#define barrier()       __asm__ __volatile__("" ::: "memory")
#define ACCESS_ONCE(x)  (*(volatile __typeof__(x) *)&(x))

#define container_of(ptr, type, member) \
    ((type *)((char *)(ptr) - offsetof(type, member)))

#define ROUNDUP(x, a)   (((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define ROUNDDOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)

#define MIN(a, b) ({ __typeof__(a) a_ = (a); __typeof__(b) b_ = (b); \
                     a_ < b_ ? a_ : b_; })
#define MAX(a, b) ({ __typeof__(a) a_ = (a); __typeof__(b) b_ = (b); \
                     a_ > b_ ? a_ : b_; })

#endif /* XEN_COMPILER_H */
