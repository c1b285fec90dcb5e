/* diag.c - see diag.h. */
#include "base/diag.h"

#include <stdarg.h>

static const char *const level_word[] = {"let op", "waarschuwing", "fout"};

void diag_init(diag_t *d, FILE *out)
{
	d->out = out;
	d->quiet = 0;
	d->count[0] = d->count[1] = d->count[2] = 0;
}

void diag(diag_t *d, diag_level lvl, const char *file, long line, long col,
          const char *fmt, ...)
{
	d->count[lvl]++;
	if (lvl == DIAG_NOTE && d->quiet)
		return;
	FILE *o = d->out;
	fputs(file ? file : "meetlat", o);
	if (line > 0) {
		fprintf(o, ":%ld", line);
		if (col > 0)
			fprintf(o, ":%ld", col);
	}
	fprintf(o, ": %s: ", level_word[lvl]);
	va_list ap;
	va_start(ap, fmt);
	vfprintf(o, fmt, ap);
	va_end(ap);
	fputc('\n', o);
}

int diag_errors(const diag_t *d)
{
	return d->count[DIAG_ERROR];
}
