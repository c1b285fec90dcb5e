/* diag.c - see diag.h. */
#include "base/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const char *const level_word[] = {"let op", "waarschuwing", "fout"};

void diag_init(diag_t *d, FILE *out)
{
	memset(d, 0, sizeof *d);
	d->out = out;
}

/* Text from the inputs (a file name, a quoted cell) may hold a newline or a terminal escape
 * code: written as is, it could forge a second message or recolour the terminal. Control
 * characters are shown as \n, \t or \xNN instead, so every message is one line. */
static void put_clean(FILE *o, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\n')
			fputs("\\n", o);
		else if (c == '\t')
			fputs("\\t", o);
		else if (c < 0x20 || c == 0x7F)
			fprintf(o, "\\x%02X", c);
		else
			fputc(c, o);
	}
}

static void vdiag(diag_t *d, diag_level lvl, const char *file, long line, long col, const char *fmt,
                  va_list ap)
{
	FILE *o = d->out;
	put_clean(o, file ? file : "meetlat");
	if (line > 0) {
		fprintf(o, ":%ld", line);
		if (col > 0)
			fprintf(o, ":%ld", col);
	}
	fprintf(o, ": %s: ", level_word[lvl]);
	char small[512];
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(small, sizeof small, fmt, cp);
	va_end(cp);
	if (n >= 0 && (size_t)n < sizeof small) {
		put_clean(o, small);
	} else if (n >= 0) {
		char *big = malloc((size_t)n + 1);
		if (big) {
			vsnprintf(big, (size_t)n + 1, fmt, ap);
			put_clean(o, big);
			free(big);
		}
	}
	fputc('\n', o);
}

void diag(diag_t *d, diag_level lvl, const char *file, long line, long col,
          const char *fmt, ...)
{
	if (d->mute) {
		d->muted++;
		return;
	}
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
	if (hidden > 0 && !d->mute) {
		put_clean(d->out, file);
		fprintf(d->out, ": %s: en nog %d %s in dit bestand (niet getoond)\n", level_word[DIAG_ERROR], hidden,
		        hidden == 1 ? "fout" : "fouten");
	}
}
