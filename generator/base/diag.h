/* diag.h - every message of a run goes through here: one line each, in Dutch,
 * "bestand:regel:kolom: fout: tekst". diag is the only counter of problems: phases return
 * 0 or -1, and the number of errors decides the exit status. */
#ifndef MEETLAT_DIAG_H
#define MEETLAT_DIAG_H

#include <stdio.h>

#include "base/platform.h"

typedef enum {
	DIAG_NOTE,  /* "let op": something was converted or assumed */
	DIAG_WARN,  /* "waarschuwing": output is made, but look at this */
	DIAG_ERROR, /* "fout": the input is wrong; nothing is published */
} diag_level;

/* After this many errors about one input file, only their number is reported. */
#define DIAG_FILE_LIMIT 100

typedef struct {
	FILE *out;      /* where messages go (stderr; a memory stream in tests) */
	/* with `hold`, messages are kept here instead, until diag_release */
	int hold;
	char *held;
	size_t held_len, held_cap;
	int quiet;      /* suppress notes */
	int mute;       /* print and count nothing (a first reading whose messages a second one gives) */
	long muted;     /* messages left out while muted: whether a second reading has anything to say */
	int count[3];   /* per level */
	const char *file; /* the input file being read (diag_file_begin), or NULL */
	int file_errors;  /* errors about it so far */
} diag_t;

void diag_init(diag_t *d, FILE *out);
/* file may be NULL (then the program name is used); line/col 0 are left out. */
void diag(diag_t *d, diag_level lvl, const char *file, long line, long col,
          const char *fmt, ...) PRINTF_LIKE(6, 7);
int diag_errors(const diag_t *d);

/* Messages of work that runs beside the rest (a renderer on a thread of its own, a part of an
 * export): `d` counts its own and keeps their text, with the settings of `like`; diag_release
 * adds both to `to` (in the order they came, after what `to` has; the errors about the file
 * being read too) and empties `d`. */
void diag_hold(diag_t *d, const diag_t *like);
void diag_release(diag_t *d, diag_t *to);
/* Drop what `d` holds (work whose messages are not to be said). */
void diag_drop(diag_t *d);

/* Reading one input file: its errors past DIAG_FILE_LIMIT are counted, not printed, and
 * diag_file_end says how many there were. `file` must stay valid until then. */
void diag_file_begin(diag_t *d, const char *file);
void diag_file_end(diag_t *d);

#endif
