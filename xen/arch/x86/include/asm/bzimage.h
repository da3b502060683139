/*
 * Linux's bzImage (x86 boot protocol 2.08 or later) as a PV kernel: the
 * setup header locates the compressed payload, whose magic names its
 * format; XZ and gzip payloads are decompressed to the ELF inside, the
 * others are refused by name.  The image and the output buffer belong to
 * the caller; nothing here allocates but the XZ decoder's state.
 */
#ifndef ASM_X86_BZIMAGE_H
#define ASM_X86_BZIMAGE_H

#include <xen/types.h>

struct bzimage {
    uint16_t protocol;                  /* boot protocol version, e.g. 0x20f */
    const uint8_t *payload;
    size_t payload_len;                 /* the compressed data, trailers excluded */
    const char *format;                 /* "xz" or "gzip" */
    size_t uncompressed;                /* the payload's recorded size */
    uint32_t init_size;                 /* the kernel's memory bound (0: not given) */
};

/* Does the image carry a setup header ("HdrS")? */
bool bzimage_probe(const uint8_t *image, size_t len);

/* Check the setup header and the payload's framing; 0 or -EINVAL / -EOPNOTSUPP. */
int bzimage_parse(const uint8_t *image, size_t len, struct bzimage *bz, const char **why);

/* Decompress into out[0..out_len); the size produced, or a negative error. */
ssize_t bzimage_decompress(const struct bzimage *bz, uint8_t *out, size_t out_len,
                           const char **why);

#endif /* ASM_X86_BZIMAGE_H */
