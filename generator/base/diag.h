/* diag.h - every message of a run goes through here: one line each, in Dutch,
 * "bestand:regel:kolom: fout: tekst". The worst level decides the exit status. */
#ifndef MEETLAT_DIAG_H
#define MEETLAT_DIAG_H

#include <stdio.h>

typedef enum {
	DIAG_NOTE,  /* "let op": something was converted or assumed */
	DIAG_WARN,  /* "waarschuwing": output is made, but look at this */
	DIAG_ERROR, /* "fout": the input is wrong; nothing is published */
} diag_level;

typedef struct {
	FILE *out;      /* where messages go (stderr; a memory stream in tests) */
	int quiet;      /* suppress notes */
	int count[3];   /* per level */
} diag_t;

void diag_init(diag_t *d, FILE *out);
/* file may be NULL (then the program name is used); line/col 0 are left out. */
void diag(diag_t *d, diag_level lvl, const char *file, long line, long col,
          const char *fmt, ...) __attribute__((format(printf, 6, 7)));
int diag_errors(const diag_t *d);

#endif
