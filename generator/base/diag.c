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

/* A message as it is made: text appended to a small buffer of its own, then written out (or
 * kept, diag_hold) in one piece. */
typedef struct {
	char *s;
	size_t len, cap;
	char small[640];
} line_t;

static void line_add(line_t *l, const char *s, size_t n)
{
	if (l->len + n + 1 > l->cap) {
		size_t cap = l->cap * 2;
		while (cap < l->len + n + 1)
			cap *= 2;
		char *big = malloc(cap);
		if (!big)
			return; /* the message is cut short rather than lost */
		memcpy(big, l->s, l->len);
		if (l->s != l->small)
			free(l->s);
		l->s = big;
		l->cap = cap;
	}
	memcpy(l->s + l->len, s, n);
	l->len += n;
}

/* Text from the inputs (a file name, a quoted cell) may hold a newline or a terminal escape
 * code: written as is, it could forge a second message or recolour the terminal. Control
 * characters are shown as \n, \t or \xNN instead, so every message is one line. */
static void put_clean(line_t *l, const char *s)
{
	const char *run = s;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x20 && c != 0x7F)
			continue;
		line_add(l, run, (size_t)(s - run));
		char esc[8];
		if (c == '\n')
			line_add(l, "\\n", 2);
		else if (c == '\t')
			line_add(l, "\\t", 2);
		else
			line_add(l, esc, (size_t)snprintf(esc, sizeof esc, "\\x%02X", c));
		run = s + 1;
	}
	line_add(l, run, (size_t)(s - run));
}

static void line_puts(line_t *l, const char *s)
{
	line_add(l, s, strlen(s));
}

/* Write text out, or keep it (diag_hold). */
static void emit(diag_t *d, const char *s, size_t n)
{
	if (!d->hold) {
		fwrite(s, 1, n, d->out);
		return;
	}
	if (d->held_len + n > d->held_cap) {
		size_t cap = d->held_cap ? d->held_cap * 2 : 1024;
		while (cap < d->held_len + n)
			cap *= 2;
		char *grown = realloc(d->held, cap);
		if (!grown)
			return;
		d->held = grown;
		d->held_cap = cap;
	}
	memcpy(d->held + d->held_len, s, n);
	d->held_len += n;
}

static void line_emit(diag_t *d, line_t *l)
{
	emit(d, l->s, l->len);
	if (l->s != l->small)
		free(l->s);
}

static void vdiag(diag_t *d, diag_level lvl, const char *file, long line, long col, const char *fmt,
                  va_list ap)
{
	line_t l;
	l.s = l.small;
	l.len = 0;
	l.cap = sizeof l.small;
	put_clean(&l, file ? file : "meetlat");
	char num[48];
	if (line > 0) {
		line_add(&l, num, (size_t)snprintf(num, sizeof num, ":%ld", line));
		if (col > 0)
			line_add(&l, num, (size_t)snprintf(num, sizeof num, ":%ld", col));
	}
	line_puts(&l, ": ");
	line_puts(&l, level_word[lvl]);
	line_puts(&l, ": ");
	char small[512];
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(small, sizeof small, fmt, cp);
	va_end(cp);
	if (n >= 0 && (size_t)n < sizeof small) {
		put_clean(&l, small);
	} else if (n >= 0) {
		char *big = malloc((size_t)n + 1);
		if (big) {
			vsnprintf(big, (size_t)n + 1, fmt, ap);
			put_clean(&l, big);
			free(big);
		}
	}
	line_add(&l, "\n", 1);
	line_emit(d, &l);
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
		line_t l;
		l.s = l.small;
		l.len = 0;
		l.cap = sizeof l.small;
		put_clean(&l, file);
		char tail[160];
		line_add(&l, tail,
		         (size_t)snprintf(tail, sizeof tail, ": %s: en nog %d %s in dit bestand (niet getoond)\n",
		                          level_word[DIAG_ERROR], hidden, hidden == 1 ? "fout" : "fouten"));
		line_emit(d, &l);
	}
}

void diag_hold(diag_t *d, const diag_t *like)
{
	diag_init(d, like->out);
	d->quiet = like->quiet;
	d->mute = like->mute;
	d->hold = 1;
}

void diag_release(diag_t *d, diag_t *to)
{
	if (d->held_len)
		emit(to, d->held, d->held_len);
	for (int i = 0; i < 3; i++)
		to->count[i] += d->count[i];
	to->muted += d->muted;
	to->file_errors += d->file_errors;
	diag_drop(d);
}

void diag_drop(diag_t *d)
{
	free(d->held);
	d->held = NULL;
	d->held_len = d->held_cap = 0;
}
