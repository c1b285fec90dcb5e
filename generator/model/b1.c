/* b1.c - see b1.h. */
#include "model/b1.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/util.h"
#include "model/abbrev.h"

/* --- characters ------------------------------------------------------------------------ */

static int is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* The length of a closing bracket or quote at s[i] ( ) ] " ' ’ ” » ), or 0. */
static size_t closing_at(const char *s, size_t len, size_t i)
{
	const unsigned char *q = (const unsigned char *)s;
	if (strchr(")]\"'", s[i]))
		return 1;
	if (i + 2 < len && q[i] == 0xE2 && q[i + 1] == 0x80 && (q[i + 2] == 0x99 || q[i + 2] == 0x9D))
		return 3;
	if (i + 1 < len && q[i] == 0xC2 && q[i + 1] == 0xBB)
		return 2;
	return 0;
}

/* Whether a sentence can start at s[i]: a capital (also À to Þ), a digit, an opening
 * bracket or quote. */
static int starts_sentence(const char *s, size_t len, size_t i)
{
	const unsigned char *q = (const unsigned char *)s;
	unsigned c = q[i];
	if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("([\"'", (int)c))
		return c != 0;
	if (c == 0xC3 && i + 1 < len)
		return q[i + 1] >= 0x80 && q[i + 1] <= 0x9E && q[i + 1] != 0x97;
	if (c == 0xE2 && i + 2 < len && q[i + 1] == 0x80)
		return q[i + 2] == 0x98 || q[i + 2] == 0x9C; /* ‘ “ */
	return c == 0xC2 && i + 1 < len && q[i + 1] == 0xAB; /* « */
}

/* Short forms written with a full stop that do not end a sentence. */
static const char *const short_forms[] = {"bijv", "bv", "ca", "nr", "nrs", "dhr", "mevr", "mr", "drs", "dr",
	"ir", "ing", "prof", "zgn", "resp", "vs", "incl", "excl", "jl", "vgl", "blz", "pag", "tel", "art", "max",
	"min", "evt", "gem", "st", NULL};

/* Whether the full stop at s[dot] belongs to a short form: the word before it is a known
 * short form, one letter (an initial), or has dots inside between pieces of one or two
 * letters ("o.a", "d.w.z"). */
static int short_form_before(const char *s, size_t dot)
{
	size_t b = dot;
	while (b > 0 && !is_space(s[b - 1]) && !strchr("([\"'", s[b - 1]))
		b--;
	size_t n = dot - b;
	if (n == 0)
		return 0;
	int letters = 1;
	for (size_t i = b; i < dot; i++)
		letters &= (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || s[i] == '.';
	if (!letters)
		return 0;
	if (n == 1)
		return 1;
	if (memchr(s + b, '.', n)) {
		size_t run = 0;
		for (size_t i = b; i <= dot; i++) {
			if (i == dot || s[i] == '.') {
				if (run == 0 || run > 2)
					return 0;
				run = 0;
			} else {
				run++;
			}
		}
		return 1;
	}
	for (const char *const *f = short_forms; *f; f++)
		if (strlen(*f) == n && !strncasecmp(*f, s + b, n))
			return 1;
	return 0;
}

int b1_words(const char *s, size_t len)
{
	int n = 0;
	size_t i = 0;
	while (i < len) {
		while (i < len && is_space(s[i]))
			i++;
		int alnum = 0;
		while (i < len && !is_space(s[i])) {
			size_t k = abbrev_alnum_at(s, len, i);
			alnum |= k > 0;
			i += k ? k : 1;
		}
		n += alnum;
	}
	return n;
}

size_t b1_sentences(const char *text, size_t len, b1_sentence **out)
{
	*out = NULL;
	size_t n = 0, cap = 0, i = 0;
	int line = 0;
	while (i < len) {
		/* the next sentence starts at the first character that is not a space */
		while (i < len && is_space(text[i]))
			line += text[i++] == '\n';
		if (i >= len)
			break;
		size_t start = i;
		int start_line = line;
		size_t end = len;
		while (i < len) {
			char c = text[i];
			if (c == '\n')
				line++;
			if (c != '.' && c != '!' && c != '?') {
				i++;
				continue;
			}
			size_t j = i + 1, k;
			while (j < len && (k = closing_at(text, len, j)))
				j += k;
			size_t after = j;
			while (after < len && is_space(text[after]))
				after++;
			int ends = (j >= len || is_space(text[j])) && (after >= len || starts_sentence(text, len, after));
			if (ends && c == '.' && short_form_before(text, i))
				ends = 0;
			i = j;
			if (ends) {
				end = j;
				break;
			}
		}
		int words = b1_words(text + start, end - start);
		if (words) {
			*out = xgrow(*out, &cap, n, sizeof **out);
			(*out)[n++] = (b1_sentence){start, end - start, words, start_line};
		}
		i = end;
	}
	return n;
}

/* --- officialese -------------------------------------------------------------------------- */

/* Words that say less plainly what a simpler word says, after the lists of "Direct
 * duidelijk" (Rijksoverheid) and the programme's own text. `stem`: the word may go on
 * ("optimaliseren", "optimalisatie"). Kept short on purpose: a notice should be worth a look. */
static const struct {
	const char *word, *plain;
	int stem;
} stiff[] = {
	{"bewerkstellig", "zorgen voor, bereiken", 1},
	{"optimalis", "verbeteren", 1},
	{"geoptimaliseerd", "verbeterd", 0},
	{"implementeer", "invoeren", 1},
	{"implementeren", "invoeren", 0},
	{"implementatie", "invoering", 0},
	{"geïmplementeerd", "ingevoerd", 0},
	{"beoogt", "wil", 0},
	{"beogen", "willen", 0},
	{"beoogde", "bedoelde, gewenste", 0},
	{"teneinde", "om", 0},
	{"middels", "met, via", 0},
	{"conform", "volgens", 0},
	{"derhalve", "daarom", 0},
	{"indien", "als", 0},
	{"reeds", "al", 0},
	{"thans", "nu", 0},
	{"alsmede", "en, ook", 0},
	{"inzake", "over", 0},
	{"aangaande", "over", 0},
	{"adequa", "goed, passend", 1},
	{"faciliter", "mogelijk maken, helpen", 1},
	{"gefaciliteerd", "mogelijk gemaakt", 0},
	{"inzichtelijk", "duidelijk; inzichtelijk maken: laten zien", 0},
	{"ondervangen", "oplossen, voorkomen", 0},
	{"in het kader van", "bij, voor", 0},
	{"ten behoeve van", "voor", 0},
	{"met betrekking tot", "over", 0},
	{"ten aanzien van", "over, voor", 0},
	{"in relatie tot", "over, bij", 0},
	{"door middel van", "met, door", 0},
};
enum { NSTIFF = (int)(sizeof stiff / sizeof *stiff) };

int b1_nstiff(void)
{
	return NSTIFF;
}

const char *b1_stiff_word(int i)
{
	return i >= 0 && i < NSTIFF ? stiff[i].word : "";
}

const char *b1_stiff_plain(int i)
{
	return i >= 0 && i < NSTIFF ? stiff[i].plain : "";
}

/* ASCII lower case; the rest (ï in "geïmplementeerd") compared as written. */
static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Whether entry e is written at s[i], with a word boundary before it: its length, or 0. Any
 * run of spaces or line breaks in the text matches a space of a phrase. */
static size_t stiff_at(const char *s, size_t len, size_t i, int e)
{
	const char *w = stiff[e].word;
	size_t j = i;
	for (; *w; w++) {
		if (*w == ' ') {
			if (j >= len || !is_space(s[j]))
				return 0;
			while (j < len && is_space(s[j]))
				j++;
			continue;
		}
		if (j >= len || lower(s[j]) != *w)
			return 0;
		j++;
	}
	if (!stiff[e].stem && j < len && abbrev_alnum_at(s, len, j))
		return 0;
	return j - i;
}

int b1_stiff_next(const char *s, size_t len, size_t from, size_t *at, size_t *n)
{
	for (size_t i = from; i < len; i++) {
		if (i > 0 && (abbrev_alnum_at(s, len, i - 1) || (i >= 2 && abbrev_alnum_at(s, len, i - 2) == 2)))
			continue; /* not at the start of a word */
		for (int e = 0; e < NSTIFF; e++) {
			size_t k = stiff_at(s, len, i, e);
			if (k) {
				/* a stem takes the rest of its word */
				while (i + k < len && abbrev_alnum_at(s, len, i + k))
					k += abbrev_alnum_at(s, len, i + k);
				*at = i;
				*n = k;
				return e;
			}
		}
	}
	return -1;
}

/* --- statistics ----------------------------------------------------------------------------- */

static void stats_block(void *ctx, const char *text, size_t len, int line, int heading)
{
	(void)line;
	b1_stats *st = ctx;
	if (heading)
		return;
	b1_sentence *s;
	size_t n = b1_sentences(text, len, &s);
	for (size_t i = 0; i < n; i++) {
		st->sentences++;
		st->words += s[i].words;
		st->short_ones += s[i].words <= B1_SHORT;
		st->long_ones += s[i].words > B1_LONG;
	}
	free(s);
}

void b1_page_stats(const page_t *p, b1_stats *st)
{
	memset(st, 0, sizeof *st);
	md_texts(p->body, stats_block, st);
	for (int i = 0; i < SMART_N; i++)
		md_texts(p->smart[i], stats_block, st);
	for (int i = 0; i < AMB_N; i++)
		md_texts(p->amb[i], stats_block, st);
}

/* --- the check ------------------------------------------------------------------------------ */

typedef struct {
	int line;
	char *text;
} note_t;

typedef struct {
	const model_t *m;
	const page_t *p;
	note_t *notes;           /* of the current file, sorted by line before they are shown */
	size_t nnotes, capnotes;
	char **seen;             /* abbreviations reported already (once per run) */
	size_t nseen, capseen;
	int sentences, short_ones, long_ones, stiff_words, unknown;
} check_t;

static void note(check_t *c, int line, char *text)
{
	c->notes = xgrow(c->notes, &c->capnotes, c->nnotes, sizeof *c->notes);
	c->notes[c->nnotes++] = (note_t){line, text};
}

/* The first words of a sentence, to find it by: "Om de ambities te bewerkstelligen …". */
static char *opening(const char *s, size_t len)
{
	buf_t b = {0};
	int words = 0;
	size_t i = 0;
	while (i < len && words < 6) {
		while (i < len && is_space(s[i]))
			i++;
		size_t w = i;
		while (i < len && !is_space(s[i]))
			i++;
		if (i > w) {
			if (b.len)
				buf_putc(&b, ' ');
			buf_add(&b, s + w, i - w);
			words++;
		}
	}
	if (i < len)
		buf_puts(&b, " …");
	return buf_take(&b);
}

static int lines_before(const char *s, size_t at)
{
	int n = 0;
	for (size_t i = 0; i < at; i++)
		n += s[i] == '\n';
	return n;
}

/* Officialese and abbreviations in a piece of text whose line 0 is `line`. */
static void check_words(check_t *c, const char *text, size_t len, int line)
{
	size_t at, n, from = 0;
	int e;
	while ((e = b1_stiff_next(text, len, from, &at, &n)) >= 0) {
		c->stiff_words++;
		note(c, line + lines_before(text, at),
		     xasprintf("ambtelijk: ‘%.*s’. Schrijf liever: %s", (int)n, text + at, b1_stiff_plain(e)));
		from = at + n;
	}
	size_t i = 0;
	while (i < len) {
		size_t k = abbrev_alnum_at(text, len, i);
		if (!k) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < len && (k = abbrev_alnum_at(text, len, j)))
			j += k;
		if (abbrev_looks_like(text + i, j - i) && abbrev_index(c->m->abbrevs, c->m->nabbrevs, text + i, j - i) < 0) {
			int seen = 0;
			for (size_t q = 0; q < c->nseen && !seen; q++)
				seen = strlen(c->seen[q]) == j - i && !memcmp(c->seen[q], text + i, j - i);
			if (!seen) {
				c->seen = xgrow(c->seen, &c->capseen, c->nseen, sizeof *c->seen);
				c->seen[c->nseen++] = xstrndup(text + i, j - i);
				c->unknown++;
				note(c, line + lines_before(text, i),
				     c->m->conf_file
				         ? xasprintf("de afkorting ‘%.*s’ wordt nergens uitgelegd. Zet hem met zijn betekenis "
				                     "onder ‘afkortingen:’ in %s",
				                     (int)(j - i), text + i, c->m->conf_file)
				         : xasprintf("de afkorting ‘%.*s’ wordt nergens uitgelegd. Zet hem met zijn betekenis "
				                     "onder ‘afkortingen:’ bij de instellingen van het programma",
				                     (int)(j - i), text + i));
			}
		}
		i = j;
	}
}

/* A text: its long sentences (`count`: also in the totals), officialese and abbreviations. */
static void check_text(check_t *c, const char *text, size_t len, int line, int sentences, int count)
{
	if (sentences) {
		b1_sentence *s;
		size_t n = b1_sentences(text, len, &s);
		for (size_t i = 0; i < n; i++) {
			if (count) {
				c->sentences++;
				c->short_ones += s[i].words <= B1_SHORT;
			}
			if (s[i].words <= B1_LONG)
				continue;
			c->long_ones++;
			char *o = opening(text + s[i].start, s[i].len);
			note(c, line + s[i].line,
			     xasprintf("lange zin (%d woorden): ‘%s’. Maak er twee of drie zinnen van: meer dan %d woorden "
			               "is moeilijk te lezen",
			               s[i].words, o, B1_LONG));
			free(o);
		}
		free(s);
	}
	check_words(c, text, len, line);
}

static void check_block(void *ctx, const char *text, size_t len, int line, int heading)
{
	check_t *c = ctx;
	check_text(c, text, len, c->p->body_line + line, !heading, 1);
}

static int cmp_note(const void *a, const void *b)
{
	const note_t *x = a, *y = b;
	return (x->line > y->line) - (x->line < y->line);
}

void b1_check(const model_t *m, const char *shown_dir, diag_t *d)
{
	check_t c = {0};
	c.m = m;
	for (size_t i = 0; i < m->npages; i++) {
		const page_t *p = m->pages[i];
		c.p = p;
		for (size_t t = 0; t < p->ntexts; t++)
			check_text(&c, p->texts[t].text, strlen(p->texts[t].text), p->texts[t].line, 1, 0);
		md_texts(p->body, check_block, &c);
		for (int s = 0; s < SMART_N; s++)
			md_texts(p->smart[s], check_block, &c);
		for (int a = 0; a < AMB_N; a++)
			md_texts(p->amb[a], check_block, &c);
		/* in the order of the file; a stable sort keeps notes on one line in the order found */
		if (c.nnotes) {
			for (size_t k = 1; k < c.nnotes; k++)
				for (size_t j = k; j > 0 && cmp_note(&c.notes[j - 1], &c.notes[j]) > 0; j--) {
					note_t tmp = c.notes[j];
					c.notes[j] = c.notes[j - 1];
					c.notes[j - 1] = tmp;
				}
			char *shown = path_join(shown_dir, p->file);
			for (size_t k = 0; k < c.nnotes; k++) {
				diag(d, DIAG_NOTE, shown, c.notes[k].line, 0, "%s", c.notes[k].text);
				free(c.notes[k].text);
			}
			free(shown);
			c.nnotes = 0;
		}
	}
	if (c.sentences) {
		int pct = (int)((100.0 * c.short_ones) / c.sentences + 0.5);
		diag(d, DIAG_NOTE, shown_dir, 0, 0,
		     "duidelijke taal: %d zinnen in de tekst van het programma, %d%% met ten hoogste %d woorden; %d %s langer "
		     "dan %d woorden, %d ambtelijke %s, %d %s zonder uitleg",
		     c.sentences, pct, B1_SHORT, c.long_ones, c.long_ones == 1 ? "zin" : "zinnen", B1_LONG, c.stiff_words,
		     c.stiff_words == 1 ? "woord" : "woorden", c.unknown, c.unknown == 1 ? "afkorting" : "afkortingen");
	}
	free(c.notes);
	for (size_t i = 0; i < c.nseen; i++)
		free(c.seen[i]);
	free(c.seen);
}
