/* output.h - the folder a build renders into, and proof of what meetlat owns.
 *
 * Every file a renderer makes goes through here, so the build knows exactly what it wrote
 * (names, sizes and SHA-256 hashes): the downloads page reads sizes from this record, and the
 * record is written into the output as its manifest (.meetlat). meetlat replaces an existing
 * output folder only when every entry in it is a file that manifest lists, unchanged; it
 * removes an old output by its manifest, file by file, never a whole unknown tree. Messages
 * name the folder the reader knows (output/...), not the temporary one beside it. */
#ifndef MEETLAT_OUTPUT_H
#define MEETLAT_OUTPUT_H

#include <stddef.h>

#include "base/diag.h"
#include "base/digest.h"

#define OUT_MANIFEST ".meetlat"

typedef struct {
	char *rel;         /* path relative to the output folder: "data/terugbelverzoeken.csv" */
	long long size;
	char hash[DIGEST_HEX];
} out_file;

typedef struct {
	const char *dir;   /* where files are written (the temporary folder) */
	const char *shown; /* the output folder as messages name it */
	diag_t *d;
	out_file *files;   /* in the order written */
	size_t nfiles, cap;
} out_t;

/* Write a whole file (checked), record it; 0, or -1 after a message. */
int out_write(out_t *o, const char *rel, const void *data, size_t len);
/* Make a folder below the output folder; 0, or -1 after a message. */
int out_mkdir(out_t *o, const char *rel);
/* The path to hand a library that writes a file itself (caller frees); out_adopt records it
 * once written. */
char *out_path(const out_t *o, const char *rel);
int out_adopt(out_t *o, const char *rel);
/* Report a problem with a file of the output, named as the reader knows it. */
void out_error(out_t *o, const char *rel, const char *what, int err);
/* The size of a file written so far, or -1. */
long long out_size(const out_t *o, const char *rel);
/* Write the manifest of everything recorded; 0, or -1 after a message. */
int out_finish(out_t *o);
void out_free(out_t *o);

/* What an existing folder holds that meetlat cannot prove it wrote: entries missing from its
 * manifest, changed since, or of another kind (a link, a device). Returns the number of such
 * entries (-1: no readable manifest at all) and lists up to `max` of their paths in `names`
 * (caller frees each). */
int out_foreign(const char *dir, char **names, int max);
/* Remove an output folder that out_foreign found clean: the files of its manifest, then its
 * folders when empty. Anything else stays. Returns 0 when the folder is gone. */
int out_remove(const char *dir);

#endif
