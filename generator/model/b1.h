/* b1.h - plain language (B1) in the programme's own text: Dutch sentences and words, a short
 * list of officialese with a plain alternative, and the check `meetlat check` runs on
 * content/ (notices only, never errors). The sources page shows the same figures per page.
 *
 * A sentence ends at ". ", "! " or "? " (also after a closing bracket or quote) when what
 * follows starts with a capital, a digit, a quote or a bracket, or the text ends. Not after
 * an abbreviation with dots ("o.a.", "d.w.z."), a known short form ("bijv.", "ca.", "nr."),
 * an initial ("J.") or inside a number ("6,7", "1.234"). A paragraph, a list item and a
 * heading each end a sentence. A word is a run without spaces that holds a letter or digit:
 * "€ 50.000" is one word. */
#ifndef MEETLAT_B1_H
#define MEETLAT_B1_H

#include <stddef.h>

#include "base/diag.h"
#include "model/model.h"

/* Sentences longer than this get a notice; the sources page counts those up to B1_SHORT. */
#define B1_LONG 25
#define B1_SHORT 20

typedef struct {
	size_t start, len;   /* in the text */
	int words;
	int line;            /* line breaks in the text before the sentence starts */
} b1_sentence;

/* The sentences of text[0..len) (line breaks count as spaces); *out is malloc'ed (free it),
 * NULL when there are none. Returns how many. */
size_t b1_sentences(const char *text, size_t len, b1_sentence **out);
int b1_words(const char *s, size_t len);

/* The first officialese word or phrase in s[from..len) ("bewerkstelligen", "in het kader
 * van"): its index in the list, *at and *n its place; -1 when there is none. */
int b1_stiff_next(const char *s, size_t len, size_t from, size_t *at, size_t *n);
const char *b1_stiff_word(int i);   /* as listed: "bewerkstelligen" */
const char *b1_stiff_plain(int i);  /* "zorgen voor, bereiken" */
int b1_nstiff(void);

/* A page's programme text (the Markdown; not its front matter, not headings) counted. */
typedef struct {
	int sentences;
	int short_ones;      /* at most B1_SHORT words */
	int long_ones;       /* more than B1_LONG words */
	long words;
} b1_stats;
void b1_page_stats(const page_t *p, b1_stats *st);

/* The check: every sentence over B1_LONG words, every officialese word, and every word that
 * looks like an abbreviation the list 'afkortingen:' does not explain (the first use of each),
 * as notices with file and line; then one notice with the totals. `shown_dir` prefixes the
 * file names ("content"). */
void b1_check(const model_t *m, const char *shown_dir, diag_t *d);

#endif
