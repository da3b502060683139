/*
 * DEFLATE (RFC 1951) decompression, with the gzip (RFC 1952) wrapper, for
 * compressed kernels.  No allocation: the caller provides the output
 * buffer; every input and output access is bounds-checked, so a corrupt
 * stream is an error, never an overrun.
 */
#ifndef XEN_INFLATE_H
#define XEN_INFLATE_H

#include <xen/types.h>

/* Raw DEFLATE: returns the number of bytes produced, or a negative error. */
ssize_t raw_inflate(const uint8_t *in, size_t in_len, uint8_t *out, size_t out_len,
                size_t *consumed);

/* Is this a gzip stream?  Then its uncompressed size (mod 2^32) from the trailer. */
bool gzip_probe(const uint8_t *in, size_t len, size_t *uncompressed);

/* A whole gzip member: header, DEFLATE data, CRC32 and size checked. */
ssize_t gunzip(const uint8_t *in, size_t in_len, uint8_t *out, size_t out_len);

uint32_t crc32_update(uint32_t crc, const uint8_t *p, size_t n);

#endif /* XEN_INFLATE_H */
