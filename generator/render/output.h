/* output.h - the folder a build renders into. Every file a renderer makes goes through
 * here, so the build knows exactly what it wrote (names and sizes, for the downloads page and
 * for the record of what meetlat owns), and messages name the folder the reader knows
 * (output/...), not the temporary one beside it. */
#ifndef MEETLAT_OUTPUT_H
#define MEETLAT_OUTPUT_H

#include <stddef.h>

#include "base/diag.h"

typedef struct {
	char *rel;         /* path relative to the output folder: "data/terugbelverzoeken.csv" */
	long long size;
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
void out_free(out_t *o);

#endif
