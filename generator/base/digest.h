/* digest.h - SHA-256 of bytes and files, as 64 hex digits; the only module that includes
 * nettle. The output record uses it to prove which files meetlat wrote. */
#ifndef MEETLAT_DIGEST_H
#define MEETLAT_DIGEST_H

#include <stddef.h>

#define DIGEST_HEX 65 /* 64 hex digits and a NUL */

void digest_bytes(const void *data, size_t len, char out[DIGEST_HEX]);
/* 0, or -1 with errno set; *size gets the file's size. */
int digest_file(const char *path, char out[DIGEST_HEX], long long *size);

#endif
