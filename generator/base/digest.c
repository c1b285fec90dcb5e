/* digest.c - see digest.h. */
#include "base/digest.h"

#include <nettle/sha2.h>
#include <stdio.h>

#include "base/platform.h"

static void hex(struct sha256_ctx *c, char out[DIGEST_HEX])
{
	unsigned char d[SHA256_DIGEST_SIZE];
	sha256_digest(c, sizeof d, d);
	for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

void digest_bytes(const void *data, size_t len, char out[DIGEST_HEX])
{
	struct sha256_ctx c;
	sha256_init(&c);
	sha256_update(&c, len, data);
	hex(&c, out);
}

int digest_file(const char *path, char out[DIGEST_HEX], long long *size)
{
	FILE *f = plat_fopen(path, "rb");
	if (!f)
		return -1;
	struct sha256_ctx c;
	sha256_init(&c);
	unsigned char buf[65536];
	size_t n;
	long long total = 0;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		sha256_update(&c, n, buf);
		total += (long long)n;
	}
	int err = ferror(f);
	fclose(f);
	if (err)
		return -1;
	hex(&c, out);
	*size = total;
	return 0;
}
