/* linebreak.c - how a text breaks into lines: atoms (words, glued amounts and dates, written
 * hyphens), Dutch hyphenation where a word does not fit, and the break cache; see
 * layout_int.h. Where the lines go on a page is layout.c's job. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "render/layout_int.h"

size_t lay_cp_len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

unsigned lay_cp_at(const char *s, size_t n)
{
	unsigned cp = 0;
	size_t k = utf8_decode((const unsigned char *)s, n, &cp);
	return k ? cp : '?';
}

static void add_atom(lay_lines *l, lay_atom a)
{
	l->atoms = xgrow(l->atoms, &l->capatoms, l->natoms, sizeof *l->atoms);
	l->atoms[l->natoms++] = a;
}

static void lay_lines_free(lay_lines *l)
{
	free(l->atoms);
	free(l->lines);
	memset(l, 0, sizeof *l);
}

static float text_w(lay *l, pdf_face f, float size, const char *s, size_t n)
{
	return pdf_width(l->d, f, size, s, n);
}

static int is_digit_end(const char *s, size_t n)
{
	return n && s[n - 1] >= '0' && s[n - 1] <= '9';
}

typedef struct {
	const char *s;
	size_t n;
} word_t;
#define W(s) {s, sizeof s - 1}

static int word_is(const char *s, size_t n, const word_t *list)
{
	for (; list->s; list++)
		if (list->n == n && !memcmp(list->s, s, n))
			return 1;
	return 0;
}

static int all_digits(const char *s, size_t n)
{
	if (!n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* No line break in the space between these two words: an amount ("€ 50.000"), a value and its
 * unit ("2,5 werkdagen", "15 %"), a date ("31 december 2025"), a quarter ("K4 2025"), a
 * reference ("blz. 12", "tabel 4"). */
static int glued(const char *a, size_t an, const char *b, size_t bn)
{
	static const word_t units[] = {W("%"), W("procent"), W("procentpunt"), W("procentpunten"), W("werkdagen"),
		W("werkdag"), W("dagen"), W("dag"), W("kB"), W("MB"), W("uur"), W("euro"), {NULL, 0}};
	static const word_t months[] = {W("januari"), W("februari"), W("maart"), W("april"), W("mei"), W("juni"),
		W("juli"), W("augustus"), W("september"), W("oktober"), W("november"), W("december"), W("jan"), W("feb"),
		W("mrt"), W("apr"), W("jun"), W("jul"), W("aug"), W("sep"), W("okt"), W("nov"), W("dec"), {NULL, 0}};
	static const word_t refs[] = {W("blz."), W("tabel"), W("Tabel"), W("figuur"), W("Figuur"), W("K1"), W("K2"),
		W("K3"), W("K4"), {NULL, 0}};
	/* the words without the punctuation around them: "(31", "2025.", "december," */
	while (an && (a[0] == '(' || a[0] == '['))
		a++, an--;
	while (bn && (b[0] == '(' || b[0] == '['))
		b++, bn--;
	while (bn > 1 && strchr(".,;:!?)]", b[bn - 1]))
		bn--;
	if (an > 1 && strchr(",;:)", a[an - 1]))
		return 0; /* a comma ends what belongs together */
	if ((an == 3 && !memcmp(a, "\xE2\x82\xAC", 3)) || (an == 3 && !memcmp(a, "EUR", 3)))
		return 1;
	if (is_digit_end(a, an) && word_is(b, bn, units))
		return 1;
	if (an <= 2 && all_digits(a, an) && word_is(b, bn, months))
		return 1;
	if (word_is(a, an, months) && bn == 4 && all_digits(b, bn))
		return 1;
	if (word_is(a, an, refs) && bn && b[0] >= '0' && b[0] <= '9')
		return 1;
	return 0;
}

/* Split the text into atoms: pieces without a space, a break allowed after a hyphen that is
 * written; widths measured. */
static void atomize(lay *l, const rich *t, float size, lay_lines *out)
{
	int space = 0, hard = 0;
	const char *prev = NULL;
	size_t prevn = 0;
	for (size_t fi = 0; fi < t->nfrags; fi++) {
		const lay_frag *fr = &t->frags[fi];
		const char *s = t->text.s + fr->off;
		size_t i = 0;
		while (i < fr->len) {
			if (s[i] == ' ' || s[i] == '\t') {
				space = 1, i++;
				continue;
			}
			if (s[i] == '\n') {
				hard = 1, i++;
				continue;
			}
			size_t j = i;
			while (j < fr->len && s[j] != ' ' && s[j] != '\t' && s[j] != '\n')
				j++;
			/* the word s[i..j); a written hyphen inside it ends a piece a line may end after */
			int first_piece = 1;
			size_t k = i;
			while (k < j) {
				size_t e = k;
				while (e < j && !(s[e] == '-' && e > k && e + 1 < j))
					e++;
				if (e < j)
					e++; /* the hyphen stays with its first part */
				lay_atom a = {0};
				a.frag = (int)fi;
				a.off = fr->off + k;
				a.len = e - k;
				a.w = text_w(l, fr->face, size, s + k, e - k);
				if (first_piece) {
					a.space = space;
					a.hard = hard;
					a.join = !space && !hard && out->natoms > 0;
					/* glued to the word before it */
					a.glue = space && !hard && prev && glued(prev, prevn, s + i, j - i);
				} else {
					a.join = 1;
					a.brk = 1;
				}
				add_atom(out, a);
				first_piece = 0;
				k = e;
			}
			space = hard = 0;
			prev = s + i;
			prevn = j - i;
			i = j;
		}
	}
}

/* Width of the space before atom a. */
static float space_w(lay *l, const rich *t, const lay_atom *a, float size)
{
	return text_w(l, t->frags[a->frag].face, size, " ", 1);
}

static int is_letter(char c)
{
	return (unsigned char)c >= 0x80 || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

/* Try to break atom `a` so that its first part and a hyphen fit in `room`: returns the length
 * of that part, or 0. */
static size_t hyphen_split(lay *l, const rich *t, const lay_atom *a, float size, float room, float *w1)
{
	if (!l->s.hy || t->no_hyphens || a->len < 5 || a->len > 60)
		return 0;
	const lay_frag *fr = &t->frags[a->frag];
	if (fr->anchor || fr->url || fr->artifact)
		return 0;
	const char *s = t->text.s + a->off;
	/* the letters of the word, without punctuation around it */
	size_t b = 0, e = a->len;
	while (b < e && !is_letter(s[b]))
		b++;
	while (e > b && !is_letter(s[e - 1]))
		e--;
	if (e - b < 5)
		return 0;
	unsigned char ok[64];
	if (!hyph_points(l->s.hy, s + b, e - b, ok))
		return 0;
	float hw = text_w(l, fr->face, size, "-", 1);
	for (size_t i = e - b; i-- > 0;) {
		if (!ok[i])
			continue;
		size_t n = b + i + 1;
		float w = text_w(l, fr->face, size, s, n);
		if (w + hw <= room + LAY_FIT_EPS) {
			*w1 = w;
			return n;
		}
	}
	return 0;
}

/* Break rich text into lines of at most `width` points: word by word; a word that does not fit
 * is hyphenated where the dictionary allows, else it goes to the next line; a word longer than
 * a line is hyphenated, or cut between characters. */
static void break_lines(lay *l, const rich *t, float size, float width, lay_lines *out)
{
	out->natoms = out->nlines = 0;
	out->size = size;
	atomize(l, t, size, out);
	size_t a = 0;
	lay_line cur = {0, 0, 0};
	int empty = 1;
	while (a < out->natoms) {
		/* the unbreakable group that starts at a */
		size_t b = a + 1;
		float ww = out->atoms[a].w;
		while (b < out->natoms && !out->atoms[b].hard &&
		       ((out->atoms[b].join && !out->atoms[b].brk) || (out->atoms[b].space && out->atoms[b].glue))) {
			ww += out->atoms[b].w + (out->atoms[b].space ? space_w(l, t, &out->atoms[b], size) : 0);
			b++;
		}
		float sw = !empty && (out->atoms[a].space) ? space_w(l, t, &out->atoms[a], size) : 0;
		int fits = cur.w + sw + ww <= width + LAY_FIT_EPS;
		if (!empty && (out->atoms[a].hard || !fits)) {
			/* a single word too long for the rest of the line: break it with a hyphen here */
			float w1 = 0;
			size_t n = 0;
			if (!out->atoms[a].hard && b == a + 1 && width - cur.w - sw > 30)
				n = hyphen_split(l, t, &out->atoms[a], size, width - cur.w - sw, &w1);
			if (n) {
				lay_atom rest = out->atoms[a];
				out->atoms[a].len = n;
				out->atoms[a].w = w1;
				out->atoms[a].hyphen = 1;
				rest.off += n;
				rest.len -= n;
				rest.w = text_w(l, t->frags[rest.frag].face, size, t->text.s + rest.off, rest.len);
				rest.space = rest.join = rest.glue = rest.brk = 0;
				out->atoms = xgrow(out->atoms, &out->capatoms, out->natoms, sizeof *out->atoms);
				memmove(&out->atoms[a + 2], &out->atoms[a + 1], (out->natoms - a - 1) * sizeof *out->atoms);
				out->atoms[a + 1] = rest;
				out->natoms++;
				cur.w += sw + w1 + text_w(l, t->frags[out->atoms[a].frag].face, size, "-", 1);
				cur.a1 = a + 1;
				a++;
			}
			out->lines = xgrow(out->lines, &out->caplines, out->nlines, sizeof *out->lines);
			out->lines[out->nlines++] = cur;
			cur = (lay_line){a, a, 0};
			empty = 1;
			continue;
		}
		if (empty && ww > width + LAY_FIT_EPS && b == a + 1) {
			/* longer than a whole line: hyphenate, else cut between characters */
			float w1 = 0;
			size_t n = hyphen_split(l, t, &out->atoms[a], size, width, &w1);
			int hy = n > 0;
			if (!n) {
				const char *s = t->text.s + out->atoms[a].off;
				pdf_face f = t->frags[out->atoms[a].frag].face;
				float w = 0;
				size_t k = 0;
				while (k < out->atoms[a].len) {
					size_t cl = lay_cp_len((unsigned char)s[k]);
					float cw = pdf_cp_width(l->d, f, size, lay_cp_at(s + k, out->atoms[a].len - k));
					if (w + cw > width + LAY_FIT_EPS && k > 0)
						break;
					w += cw;
					k += cl;
				}
				n = k;
				w1 = w;
			}
			if (n && n < out->atoms[a].len) {
				lay_atom rest = out->atoms[a];
				out->atoms[a].len = n;
				out->atoms[a].w = w1;
				out->atoms[a].hyphen = hy;
				rest.off += n;
				rest.len -= n;
				rest.w = text_w(l, t->frags[rest.frag].face, size, t->text.s + rest.off, rest.len);
				rest.space = rest.hard = rest.glue = rest.brk = 0;
				rest.join = 1;
				rest.brk = 1;
				out->atoms = xgrow(out->atoms, &out->capatoms, out->natoms, sizeof *out->atoms);
				memmove(&out->atoms[a + 2], &out->atoms[a + 1], (out->natoms - a - 1) * sizeof *out->atoms);
				out->atoms[a + 1] = rest;
				out->natoms++;
				cur = (lay_line){a, a + 1, w1};
				out->lines = xgrow(out->lines, &out->caplines, out->nlines, sizeof *out->lines);
				out->lines[out->nlines++] = cur;
				cur = (lay_line){a + 1, a + 1, 0};
				empty = 1;
				a++;
				continue;
			}
		}
		if (empty)
			cur.a0 = a, sw = 0;
		cur.w += sw + ww;
		cur.a1 = b;
		empty = 0;
		a = b;
	}
	if (!empty) {
		out->lines = xgrow(out->lines, &out->caplines, out->nlines, sizeof *out->lines);
		out->lines[out->nlines++] = cur;
	}
}

/* The break cache: a text's lines depend only on its bytes, its runs (face, and whether a word
 * may be hyphenated), the size and the width; the key holds all of them, compared in full.
 * Entries live as long as the typesetter: lay_break hands out their lines. */
struct lay_brk {
	unsigned long long h;
	char *key;
	size_t keylen;
	lay_lines ls;
	struct lay_brk *next;
};

static void brk_key(buf_t *k, const rich *t, float size, float width)
{
	/* the fixed part and the runs gathered here, in pieces of 32 runs: one buf_add each */
	unsigned char part[sizeof size + sizeof width + sizeof t->no_hyphens + sizeof t->nfrags + 32 * 3 * sizeof(size_t)];
	size_t n = 0;
	memcpy(part, &size, sizeof size);
	n += sizeof size;
	memcpy(part + n, &width, sizeof width);
	n += sizeof width;
	memcpy(part + n, &t->no_hyphens, sizeof t->no_hyphens);
	n += sizeof t->no_hyphens;
	memcpy(part + n, &t->nfrags, sizeof t->nfrags);
	n += sizeof t->nfrags;
	buf_reset(k);
	for (size_t i = 0; i < t->nfrags; i++) {
		const lay_frag *f = &t->frags[i];
		size_t d[3] = {f->off, f->len, (size_t)f->face | (size_t)(f->anchor || f->url || f->artifact) << 8};
		if (n + sizeof d > sizeof part) {
			buf_add(k, part, n);
			n = 0;
		}
		memcpy(part + n, d, sizeof d);
		n += sizeof d;
	}
	buf_add(k, part, n);
	buf_add(k, t->text.s, t->text.len);
}

const lay_lines *lay_break(lay *l, const rich *t, float size, float width)
{
	brk_key(&l->bc_key, t, size, width);
	unsigned long long h = mem_hash(l->bc_key.s, l->bc_key.len);
	if (l->bc_slots) {
		for (struct lay_brk *e = l->bc[h & (l->bc_slots - 1)]; e; e = e->next)
			if (e->h == h && e->keylen == l->bc_key.len && !memcmp(e->key, l->bc_key.s, e->keylen))
				return &e->ls;
	}
	lay_lines *out = &l->bc_lines;
	break_lines(l, t, size, width, out);
	if (l->bc_n >= l->bc_slots / 2) {
		size_t n = l->bc_slots ? l->bc_slots * 2 : 1024;
		struct lay_brk **nb = xcalloc(n, sizeof *nb);
		for (size_t i = 0; i < l->bc_slots; i++)
			for (struct lay_brk *e = l->bc[i], *next; e; e = next) {
				next = e->next;
				e->next = nb[e->h & (n - 1)];
				nb[e->h & (n - 1)] = e;
			}
		free(l->bc);
		l->bc = nb;
		l->bc_slots = n;
	}
	struct lay_brk *e = xcalloc(1, sizeof *e);
	e->h = h;
	e->keylen = l->bc_key.len;
	e->key = xmalloc(e->keylen);
	memcpy(e->key, l->bc_key.s, e->keylen);
	e->ls.size = size;
	e->ls.natoms = e->ls.capatoms = out->natoms;
	e->ls.atoms = xmalloc((out->natoms ? out->natoms : 1) * sizeof *e->ls.atoms);
	if (out->natoms)
		memcpy(e->ls.atoms, out->atoms, out->natoms * sizeof *e->ls.atoms);
	e->ls.nlines = e->ls.caplines = out->nlines;
	e->ls.lines = xmalloc((out->nlines ? out->nlines : 1) * sizeof *e->ls.lines);
	if (out->nlines)
		memcpy(e->ls.lines, out->lines, out->nlines * sizeof *e->ls.lines);
	e->next = l->bc[h & (l->bc_slots - 1)];
	l->bc[h & (l->bc_slots - 1)] = e;
	l->bc_n++;
	return &e->ls;
}

void lay_break_free(lay *l)
{
	for (size_t i = 0; i < l->bc_slots; i++)
		for (struct lay_brk *e = l->bc[i], *next; e; e = next) {
			next = e->next;
			free(e->key);
			lay_lines_free(&e->ls);
			free(e);
		}
	free(l->bc);
	buf_free(&l->bc_key);
	lay_lines_free(&l->bc_lines);
}

