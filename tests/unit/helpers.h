/* Shared helpers for the unit tests: temporary files and captured diagnostics. */
#ifndef TEST_HELPERS_H
#define TEST_HELPERS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/diag.h"

typedef struct {
	diag_t d;
	char *text;
	size_t len;
	FILE *f;
} captured;

static inline void cap_open(captured *c)
{
	c->text = NULL;
	c->len = 0;
	c->f = open_memstream(&c->text, &c->len);
	diag_init(&c->d, c->f);
}

/* Everything reported so far (valid until cap_close). */
static inline const char *cap_text(captured *c)
{
	fflush(c->f);
	return c->text ? c->text : "";
}

static inline void cap_close(captured *c)
{
	fclose(c->f);
	free(c->text);
}

/* Write bytes to a new temporary file; returns its path (caller frees). */
static inline char *tmpfile_with(const void *data, size_t len)
{
	char *path = strdup("/tmp/meetlat-test-XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0 || write(fd, data, len) != (ssize_t)len)
		abort();
	close(fd);
	return path;
}

#endif
