/* output.c - see output.h. */
#include "render/output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/util.h"

static void record(out_t *o, const char *rel, long long size)
{
	o->files = xgrow(o->files, &o->cap, o->nfiles, sizeof *o->files);
	o->files[o->nfiles].rel = xstrdup(rel);
	o->files[o->nfiles].size = size;
	o->nfiles++;
}

void out_error(out_t *o, const char *rel, const char *what, int err)
{
	char *shown = path_join(o->shown, rel);
	if (err)
		diag(o->d, DIAG_ERROR, shown, 0, 0, "%s (%s)", what, strerror(err));
	else
		diag(o->d, DIAG_ERROR, shown, 0, 0, "%s", what);
	free(shown);
}

char *out_path(const out_t *o, const char *rel)
{
	return path_join(o->dir, rel);
}

int out_write(out_t *o, const char *rel, const void *data, size_t len)
{
	char *path = out_path(o, rel);
	int rv = write_file(path, data, len);
	free(path);
	if (rv != 0) {
		out_error(o, rel, "kan het bestand niet schrijven", errno);
		return -1;
	}
	record(o, rel, (long long)len);
	return 0;
}

int out_mkdir(out_t *o, const char *rel)
{
	char *path = out_path(o, rel);
	int rv = mkdir(path, 0755) != 0 && errno != EEXIST ? -1 : 0;
	free(path);
	if (rv != 0)
		out_error(o, rel, "kan de map niet maken", errno);
	return rv;
}

int out_adopt(out_t *o, const char *rel)
{
	char *path = out_path(o, rel);
	struct stat st;
	int rv = stat(path, &st);
	free(path);
	if (rv != 0) {
		out_error(o, rel, "het bestand is niet gemaakt", errno);
		return -1;
	}
	record(o, rel, (long long)st.st_size);
	return 0;
}

long long out_size(const out_t *o, const char *rel)
{
	for (size_t i = 0; i < o->nfiles; i++)
		if (!strcmp(o->files[i].rel, rel))
			return o->files[i].size;
	return -1;
}

void out_free(out_t *o)
{
	for (size_t i = 0; i < o->nfiles; i++)
		free(o->files[i].rel);
	free(o->files);
	o->files = NULL;
	o->nfiles = o->cap = 0;
}
