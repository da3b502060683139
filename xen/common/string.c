/*
 * The hypervisor's memory and string primitives (no libc).  The compiler
 * may also emit calls to memcpy/memset/memmove/memcmp on its own.
 */
#include <xen/string.h>

void *memcpy(void *dst, const void *src, size_t n)
{
    void *ret = dst;

    __asm__ __volatile__ ( "rep movsb"
                           : "+D" (dst), "+S" (src), "+c" (n) : : "memory" );
    return ret;
}

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if ( d <= s || d >= s + n )
        return memcpy(dst, src, n);
    while ( n-- )
        d[n] = s[n];
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    void *ret = dst;

    __asm__ __volatile__ ( "rep stosb"
                           : "+D" (dst), "+c" (n) : "a" (c) : "memory" );
    return ret;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;

    for ( ; n; n--, x++, y++ )
        if ( *x != *y )
            return *x - *y;
    return 0;
}

size_t strlen(const char *s)
{
    const char *p = s;

    while ( *p )
        p++;
    return p - s;
}

size_t strnlen(const char *s, size_t max)
{
    size_t n = 0;

    while ( n < max && s[n] )
        n++;
    return n;
}

int strcmp(const char *a, const char *b)
{
    while ( *a && *a == *b )
        a++, b++;
    return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for ( ; n; n--, a++, b++ )
    {
        if ( *a != *b )
            return (unsigned char)*a - (unsigned char)*b;
        if ( !*a )
            break;
    }
    return 0;
}

char *strchr(const char *s, int c)
{
    for ( ; *s; s++ )
        if ( *s == (char)c )
            return (char *)s;
    return c ? NULL : (char *)s;
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
    size_t len = strlen(src);

    if ( size )
    {
        size_t n = len < size - 1 ? len : size - 1;

        memcpy(dst, src, n);
        dst[n] = '\0';
    }
    return len;
}

void *memchr(const void *s, int c, size_t n)
{
    const unsigned char *p = s;

    for ( ; n; n--, p++ )
        if ( *p == (unsigned char)c )
            return (void *)p;
    return NULL;
}

char *strstr(const char *haystack, const char *needle)
{
    size_t n = strlen(needle);

    for ( ; *haystack; haystack++ )
        if ( !strncmp(haystack, needle, n) )
            return (char *)haystack;
    return n ? NULL : (char *)haystack;
}
