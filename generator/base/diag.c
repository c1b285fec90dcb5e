/* diag.c - see diag.h. */
#include "base/diag.h"

#include <stdarg.h>
#include <string.h>

static const char *const level_word[] = {"let op", "waarschuwing", "fout"};

void diag_init(diag_t *d, FILE *out)
{
	memset(d, 0, sizeof *d);
	d->out = out;
}

static void vdiag(diag_t *d, diag_level lvl, const char *file, long line, long col, const char *fmt,
                  va_list ap)
{
	FILE *o = d->out;
	fputs(file ? file : "meetlat", o);
	if (line > 0) {
		fprintf(o, ":%ld", line);
		if (col > 0)
			fprintf(o, ":%ld", col);
	}
	fprintf(o, ": %s: ", level_word[lvl]);
	vfprintf(o, fmt, ap);
	fputc('\n', o);
}

void diag(diag_t *d, diag_level lvl, const char *file, long line, long col,
          const char *fmt, ...)
{
	d->count[lvl]++;
	if (lvl == DIAG_NOTE && d->quiet)
		return;
	if (lvl == DIAG_ERROR && d->file && file && !strcmp(file, d->file) && ++d->file_errors > DIAG_FILE_LIMIT)
		return;
	va_list ap;
	va_start(ap, fmt);
	vdiag(d, lvl, file, line, col, fmt, ap);
	va_end(ap);
}

int diag_errors(const diag_t *d)
{
	return d->count[DIAG_ERROR];
}

void diag_file_begin(diag_t *d, const char *file)
{
	d->file = file;
	d->file_errors = 0;
}

void diag_file_end(diag_t *d)
{
	const char *file = d->file;
	int hidden = d->file_errors - DIAG_FILE_LIMIT;
	d->file = NULL;
	d->file_errors = 0;
	if (hidden > 0)
		fprintf(d->out, "%s: %s: en nog %d %s in dit bestand (niet getoond)\n", file, level_word[DIAG_ERROR],
		        hidden, hidden == 1 ? "fout" : "fouten");
}
