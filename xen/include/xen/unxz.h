/*
 * XZ decompression (the .xz container, LZMA2, the x86 BCJ filter) for
 * compressed kernels.  One shot: the whole input is in memory and the
 * whole output goes to one caller-owned buffer, which is also the LZMA2
 * dictionary (matches are copied from the output already written).  The
 * decoder's own state (about 30 KiB of probabilities) comes from xmalloc
 * and is freed before return.  Limits: check types none, CRC32 and CRC64
 * (SHA-256 and the reserved types are refused); filter chains of LZMA2
 * alone or x86 BCJ then LZMA2.  Every read and write is bounds-checked: a
 * corrupt or truncated stream is an error with a one-line reason, never an
 * overrun.
 */
#ifndef XEN_UNXZ_H
#define XEN_UNXZ_H

#include <xen/types.h>

/* Does this look like an XZ stream (its magic)? */
bool xz_probe(const uint8_t *in, size_t len);

/*
 * The uncompressed size of the streams that fill in[0..len) exactly (stream
 * padding allowed), read from their indexes and footers.  0 on success;
 * otherwise -EINVAL with *why naming the problem.
 */
int xz_uncompressed_size(const uint8_t *in, size_t len, uint64_t *size, const char **why);

/*
 * Decode the streams that fill in[0..in_len) into out[0..out_len).  Returns
 * the number of bytes produced, or a negative error with *why set:
 * -EINVAL corrupt or truncated, -EOPNOTSUPP a valid feature we do not
 * decode, -ENOSPC the output does not fit, -EILSEQ a check mismatch,
 * -ENOMEM no memory for the decoder's state.
 */
ssize_t xz_decode(const uint8_t *in, size_t in_len, uint8_t *out, size_t out_len,
                  const char **why);

#endif /* XEN_UNXZ_H */
