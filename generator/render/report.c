/* report.c - the council report (raadsrapportage): cover, contents, summary with a table of
 * every KPI, satisfaction, each action and team goal (aim, milestones, and per KPI its status,
 * chart and tables), finances and follow-up, and an appendix with the definitions, the
 * sources and the working-day calendar.
 *
 * Typeset here: line breaking with real bold and italic, headings kept with what follows,
 * no paragraph leaves a single line at the bottom or the top of a page, words longer than a
 * line are broken, tables split across pages with their header repeated, charts never split.
 * Everything is drawn and tagged through pdf.h (the only user of libharu): the reading order
 * of the structure tree is the order of this file. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "model/abbrev.h"
#include "model/chart.h"
#include "model/markdown.h"
#include "model/present.h"
#include "model/table.h"
#include "render/pdf.h"
#include "render/render.h"

#define ML 62.0f
#define MR 62.0f
#define TOP (PDF_PAGE_H - 74.0f)
#define BOTTOM 70.0f
#define TW (PDF_PAGE_W - ML - MR)

#define BODY 10.0f
#define LEAD 14.0f
#define SMALL 8.5f
#define KEEP 3 * LEAD /* a heading stays with at least this much of what follows */

static const pdf_rgb C_TEXT = {0.106f, 0.106f, 0.106f};   /* #1b1b1b */
static const pdf_rgb C_MUTED = {0.290f, 0.333f, 0.388f};  /* #4a5563, 7.6:1 */
static const pdf_rgb C_SERIES = {0.122f, 0.306f, 0.475f}; /* #1f4e79 */
static const pdf_rgb C_GRID = {0.835f, 0.859f, 0.882f};   /* #d5dbe1 */
static const pdf_rgb C_HEAD = {0.867f, 0.906f, 0.941f};   /* #dde7f0 */
static const pdf_rgb C_WHITE = {1.0f, 1.0f, 1.0f};        /* on C_SERIES 8.6:1 */
static const pdf_rgb C_LINK = {0.051f, 0.318f, 0.588f};   /* #0d5196 */

static pdf_rgb rgb(unsigned hex)
{
	return (pdf_rgb){(float)((hex >> 16) & 0xff) / 255.0f, (float)((hex >> 8) & 0xff) / 255.0f,
	                 (float)(hex & 0xff) / 255.0f};
}

typedef struct {
	char *title;
	int level;
	int page;
	float top;
} toc_entry;

typedef struct {
	pdfdoc *d;
	const model_t *m;
	const render_ctx *rc;
	int page;
	float y;                 /* top of the free space on the current page */
	toc_entry *toc;
	size_t ntoc, captoc;
	int figures, tables;
	int chapter;             /* number of the current chapter */
	int sat_chapter;         /* the satisfaction chapter's number, 0 if none */
	char *running;
	unsigned char *expanded; /* per abbreviation of the content: written out in this chapter */
} rep;

static const char SAT_TITLE[] = "Waardering van de dienstverlening"; /* the satisfaction chapter */

/* --- pages ------------------------------------------------------------------------------- */

static void new_page(rep *r)
{
	r->page = pdf_add_page(r->d);
	r->y = TOP;
}

static void need(rep *r, float h)
{
	if (r->page < 0 || r->y - h < BOTTOM)
		new_page(r);
}

static int at_top(const rep *r)
{
	return r->y >= TOP - 0.01f;
}

/* --- rich text: runs of one face, some with a link ---------------------------------------- */

typedef struct {
	pdf_face face;
	const char *url;   /* not owned */
	const char *expand; /* an abbreviation's full form (a Span with /E), not owned; or NULL */
	size_t off, len;   /* in the text buffer */
} frag;

typedef struct {
	buf_t text;
	frag *frags;
	size_t nfrags, cap;
} rich;

static void rich_add(rich *t, const char *s, size_t len, pdf_face face, const char *url)
{
	if (!len)
		return;
	if (t->nfrags && t->frags[t->nfrags - 1].face == face && t->frags[t->nfrags - 1].url == url &&
	    !t->frags[t->nfrags - 1].expand) {
		buf_add(&t->text, s, len);
		t->frags[t->nfrags - 1].len += len;
		return;
	}
	t->frags = xgrow(t->frags, &t->cap, t->nfrags, sizeof *t->frags);
	t->frags[t->nfrags++] = (frag){face, url, NULL, t->text.len, len};
	buf_add(&t->text, s, len);
}

static void rich_puts(rich *t, const char *s, pdf_face face)
{
	rich_add(t, s, strlen(s), face, NULL);
}

/* An abbreviation in its own run, with its full form for the Span around it. */
static void rich_abbr(rich *t, const char *s, size_t len, pdf_face face, const char *full)
{
	if (!len)
		return;
	t->frags = xgrow(t->frags, &t->cap, t->nfrags, sizeof *t->frags);
	t->frags[t->nfrags++] = (frag){face, NULL, full, t->text.len, len};
	buf_add(&t->text, s, len);
}

static void rich_clear(rich *t)
{
	buf_reset(&t->text);
	t->nfrags = 0;
}

static void rich_free(rich *t)
{
	buf_free(&t->text);
	free(t->frags);
}

/* An unbreakable piece of text: no space inside. `join`: part of the same word as the one
 * before (no break allowed); `space`: a space comes before it; `hard`: a line break before it. */
typedef struct {
	int frag;
	size_t off, len;
	float w;
	int join, space, hard;
} atom;

typedef struct {
	size_t a0, a1;
	float w;
} tline;

typedef struct {
	atom *atoms;
	size_t natoms, capatoms;
	tline *lines;
	size_t nlines, caplines;
	float size;
} layout;

static void layout_free(layout *l)
{
	free(l->atoms);
	free(l->lines);
	memset(l, 0, sizeof *l);
}

static void add_atom(layout *l, atom a)
{
	l->atoms = xgrow(l->atoms, &l->capatoms, l->natoms, sizeof *l->atoms);
	l->atoms[l->natoms++] = a;
}

static size_t cp_len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

static unsigned cp_at(const char *s, size_t n)
{
	const unsigned char *q = (const unsigned char *)s;
	unsigned c = q[0];
	size_t k = cp_len(q[0]);
	if (k > n)
		return '?';
	if (k > 1)
		c &= 0x3F >> (k - 1);
	for (size_t i = 1; i < k; i++)
		c = (c << 6) | (q[i] & 0x3F);
	return c;
}

/* A word exactly as wide as its column fits: widths are sums of floats, and a column's width
 * is its longest word plus padding, less the padding again ("minde/r" otherwise). */
#define FIT_EPS 0.01f

/* Break rich text into lines of at most `width` points. */
static void lay_out(rep *r, const rich *t, float size, float width, layout *l)
{
	l->natoms = l->nlines = 0;
	l->size = size;
	int space = 0, hard = 0, join = 0;
	for (size_t f = 0; f < t->nfrags; f++) {
		const frag *fr = &t->frags[f];
		const char *s = t->text.s + fr->off;
		size_t i = 0;
		while (i < fr->len) {
			if (s[i] == ' ' || s[i] == '\t') {
				space = 1, join = 0, i++;
				continue;
			}
			if (s[i] == '\n') {
				hard = 1, join = 0, i++;
				continue;
			}
			size_t j = i;
			while (j < fr->len && s[j] != ' ' && s[j] != '\t' && s[j] != '\n')
				j++;
			/* a piece wider than a line is cut between characters */
			size_t k = i;
			float w = 0;
			while (k < j) {
				size_t n = cp_len((unsigned char)s[k]);
				float cw = pdf_cp_width(r->d, fr->face, size, cp_at(s + k, j - k));
				if (w + cw > width + FIT_EPS && k > i) {
					add_atom(l, (atom){(int)f, fr->off + i, k - i, w, join, space, hard});
					space = hard = join = 0;
					i = k;
					w = 0;
				}
				w += cw;
				k += n;
			}
			add_atom(l, (atom){(int)f, fr->off + i, j - i, w, join, space, hard});
			space = hard = 0;
			join = 1;
			i = j;
		}
		(void)join;
	}
	/* greedy filling, word by word */
	size_t a = 0;
	tline cur = {0, 0, 0};
	while (a < l->natoms) {
		size_t b = a + 1;
		float ww = l->atoms[a].w;
		while (b < l->natoms && l->atoms[b].join && !l->atoms[b].space && !l->atoms[b].hard)
			ww += l->atoms[b++].w;
		float sw = cur.a1 > cur.a0 && l->atoms[a].space
		               ? pdf_cp_width(r->d, t->frags[l->atoms[a].frag].face, size, ' ')
		               : 0;
		if (cur.a1 > cur.a0 && (l->atoms[a].hard || cur.w + sw + ww > width + FIT_EPS)) {
			l->lines = xgrow(l->lines, &l->caplines, l->nlines, sizeof *l->lines);
			l->lines[l->nlines++] = cur;
			cur = (tline){a, a, 0};
			sw = 0;
		}
		if (cur.a1 == cur.a0)
			cur.a0 = a;
		cur.w += sw + ww;
		cur.a1 = b;
		a = b;
	}
	if (cur.a1 > cur.a0) {
		l->lines = xgrow(l->lines, &l->caplines, l->nlines, sizeof *l->lines);
		l->lines[l->nlines++] = cur;
	}
}

/* Draw line `i` of a layout with its baseline at y; runs of one face and link are drawn as
 * one text, links get an annotation inside a Link element. */
static void draw_line(rep *r, const rich *t, const layout *l, size_t i, float x, float y, pdf_rgb color,
                      float right_edge)
{
	const tline *ln = &l->lines[i];
	if (right_edge > 0)
		x = right_edge - ln->w;
	buf_t seg = {0};
	size_t a = ln->a0;
	while (a < ln->a1) {
		const frag *fr = &t->frags[l->atoms[a].frag];
		float x0 = x;
		buf_reset(&seg);
		float w = 0;
		size_t b = a;
		while (b < ln->a1) {
			const atom *at = &l->atoms[b];
			const frag *f2 = &t->frags[at->frag];
			if (f2->face != fr->face || f2->url != fr->url || f2->expand != fr->expand)
				break;
			/* the space before a run's first word went with the run before */
			if (at->space && b > a) {
				buf_putc(&seg, ' ');
				w += pdf_cp_width(r->d, f2->face, l->size, ' ');
			}
			buf_add(&seg, t->text.s + at->off, at->len);
			w += at->w;
			b++;
		}
		/* a space between two runs belongs to the first; the space where the line wraps is
		 * kept too (it draws nothing at the end of the line), so that text taken from the
		 * structure reads "doelen per", not "doelenper" */
		if (b < ln->a1 && l->atoms[b].space) {
			buf_putc(&seg, ' ');
			w += pdf_cp_width(r->d, fr->face, l->size, ' ');
		} else if (b == ln->a1 && b < l->natoms && (l->atoms[b].space || l->atoms[b].hard)) {
			buf_putc(&seg, ' ');
		}
		if (fr->url) {
			pdf_begin(r->d, "Link");
			pdf_text(r->d, fr->face, l->size, x0, y, C_LINK, seg.s, seg.len);
			pdf_line(r->d, x0, y - 1.5f, x0 + w, y - 1.5f, 0.5f, C_LINK, NULL);
			char *what = xasprintf("Link naar %s", fr->url);
			pdf_link_uri(r->d, x0, y - 3, w, l->size + 3, fr->url, what);
			free(what);
			pdf_end(r->d);
		} else if (fr->expand) {
			int e = pdf_begin(r->d, "Span");
			pdf_set_expansion(r->d, e, fr->expand);
			pdf_text(r->d, fr->face, l->size, x0, y, color, seg.s, seg.len);
			pdf_end(r->d);
		} else {
			pdf_text(r->d, fr->face, l->size, x0, y, color, seg.s, seg.len);
		}
		x = x0 + w;
		a = b;
	}
	buf_free(&seg);
}

/* Place text in the current element at x, `width` wide, splitting it across pages so that
 * neither page gets a single line of it. `first_keep`: extra room kept below the first lines
 * (a list label, say) - unused here but for symmetry. */
static void flow(rep *r, const rich *t, float x, float width, float size, float lead, pdf_rgb color)
{
	layout l = {0};
	lay_out(r, t, size, width, &l);
	size_t i = 0, n = l.nlines;
	while (i < n) {
		size_t left = n - i;
		size_t fits = r->page < 0 ? 0 : (size_t)((r->y - BOTTOM) / lead);
		size_t take = left <= fits ? left : fits;
		/* no orphan (one line at the bottom) and no widow (one line at the top) */
		if (take < left) {
			if (left - take < 2)
				take = left >= 2 ? left - 2 : 0;
			if (take < 2)
				take = 0;
		}
		if (take == 0) {
			if (at_top(r))
				take = left < fits ? left : fits ? fits : 1; /* a page cannot hold more */
			else {
				new_page(r);
				continue;
			}
		}
		for (size_t k = 0; k < take; k++, i++) {
			r->y -= lead;
			draw_line(r, t, &l, i, x, r->y + (lead - size) * 0.5f, color, 0);
		}
		if (i < n)
			new_page(r);
	}
	layout_free(&l);
}

static float text_height(rep *r, const rich *t, float width, float size, float lead)
{
	layout l = {0};
	lay_out(r, t, size, width, &l);
	float h = (float)l.nlines * lead;
	layout_free(&l);
	return h;
}

/* Running text with the first use in this chapter of every abbreviation the content explains
 * written out: "VTH (Vergunningverlening, Toezicht en Handhaving)", or after the whole word
 * when it is part of one: "MKB-vriendelijkste (MKB: midden- en kleinbedrijf)". The
 * abbreviation itself is a Span with its expansion (/E). Links are left as they are. */
static void expand_abbrevs(rep *r, rich *t)
{
	const model_t *m = r->m;
	if (!m->nabbrevs || !t->nfrags)
		return;
	rich out = {0};
	for (size_t f = 0; f < t->nfrags; f++) {
		const frag *fr = &t->frags[f];
		const char *s = t->text.s + fr->off;
		size_t from = 0, at, n;
		int hit;
		if (fr->expand) {
			rich_abbr(&out, s, fr->len, fr->face, fr->expand);
			continue;
		}
		if (fr->url) {
			rich_add(&out, s, fr->len, fr->face, fr->url);
			continue;
		}
		while ((hit = abbrev_next(m->abbrevs, m->nabbrevs, s, fr->len, from, &at, &n)) >= 0) {
			if (r->expanded[hit]) {
				rich_add(&out, s + from, at + n - from, fr->face, NULL);
				from = at + n;
				continue;
			}
			r->expanded[hit] = 1;
			const abbrev_t *a = &m->abbrevs[hit];
			size_t end = abbrev_word_end(s, fr->len, at);
			rich_add(&out, s + from, at - from, fr->face, NULL);
			rich_abbr(&out, s + at, n, fr->face, a->full);
			rich_add(&out, s + at + n, end - at - n, fr->face, NULL);
			char *x = end == at + n ? xasprintf(" (%s)", a->full) : xasprintf(" (%s: %s)", a->term, a->full);
			rich_add(&out, x, strlen(x), fr->face, NULL);
			free(x);
			from = end;
		}
		rich_add(&out, s + from, fr->len - from, fr->face, NULL);
	}
	rich_free(t);
	*t = out;
}

/* A paragraph of plain text as a P element. */
static void para(rep *r, const char *text, pdf_face face, float size)
{
	rich t = {0};
	rich_puts(&t, text, face);
	expand_abbrevs(r, &t);
	pdf_begin(r->d, "P");
	flow(r, &t, ML, TW, size, size * 1.4f, C_TEXT);
	pdf_end(r->d);
	r->y -= size * 0.5f;
	rich_free(&t);
}

/* --- headings and the table of contents ------------------------------------------------------ */

static void toc_add(rep *r, const char *title, int level, float top)
{
	r->toc = xgrow(r->toc, &r->captoc, r->ntoc, sizeof *r->toc);
	r->toc[r->ntoc++] = (toc_entry){xstrdup(title), level, r->page, top};
	pdf_bookmark(r->d, level, title, r->page, top);
}

enum { TOC_NO, TOC_YES, TOC_BOOKMARK }; /* in the contents and the bookmarks, or bookmarks only */

/* H1 starts a chapter on a new page; H2 and H3 stay with `keep` points of what follows. */
static void heading(rep *r, int level, const char *text, float keep, int in_toc)
{
	static const float size[] = {18, 13.5f, 11.5f, 10.5f};
	if (level < 1)
		level = 1;
	if (level > 4)
		level = 4;
	float sz = size[level - 1], lead = sz * 1.3f;
	rich t = {0};
	rich_puts(&t, text, PF_BOLD);
	float h = text_height(r, &t, TW, sz, lead);
	if (level == 1) {
		new_page(r);
		if (r->expanded) /* every chapter writes an abbreviation out once */
			memset(r->expanded, 0, r->m->nabbrevs);
	} else {
		need(r, (level == 2 ? 16 : 10) + h + keep);
		if (!at_top(r))
			r->y -= level == 2 ? 16 : 10;
	}
	float top = r->y + 6;
	char tag[4] = {'H', (char)('0' + level), 0, 0};
	pdf_begin(r->d, tag);
	flow(r, &t, ML, TW, sz, lead, level == 1 ? C_SERIES : C_TEXT);
	pdf_end(r->d);
	r->y -= level == 1 ? 10 : 5;
	if (in_toc == TOC_YES && level <= 2)
		toc_add(r, text, level - 1, top);
	else if (in_toc == TOC_BOOKMARK)
		pdf_bookmark(r->d, level - 1, text, r->page, top);
	rich_free(&t);
}

/* --- tables ------------------------------------------------------------------------------ */

typedef struct {
	char *caption;
	int ncols;
	char **head;
	unsigned char *num;   /* right-aligned */
	int row_head;         /* the first column heads its row */
	char **cells;         /* nrows * ncols */
	size_t nrows, cap;
	size_t ncells;
	float size, lead;     /* set by col_widths() */
} tbl;

static void tbl_init(tbl *t, const char *caption, int ncols, int row_head)
{
	memset(t, 0, sizeof *t);
	t->caption = xstrdup(caption);
	t->ncols = ncols;
	t->head = xcalloc((size_t)ncols, sizeof *t->head);
	t->num = xcalloc((size_t)ncols, 1);
	t->row_head = row_head;
}

static void tbl_head(tbl *t, int col, const char *text, int numeric)
{
	t->head[col] = xstrdup(text);
	t->num[col] = (unsigned char)numeric;
}

static void tbl_cell(tbl *t, const char *text)
{
	t->cells = xgrow(t->cells, &t->cap, t->ncells, sizeof *t->cells);
	t->cells[t->ncells++] = xstrdup(text);
	t->nrows = t->ncells / (size_t)t->ncols;
}

static void tbl_free(tbl *t)
{
	for (int c = 0; c < t->ncols; c++)
		free(t->head[c]);
	for (size_t i = 0; i < t->ncells; i++)
		free(t->cells[i]);
	free(t->head);
	free(t->num);
	free(t->cells);
	free(t->caption);
}

#define TPAD 3.5f

static float longest_word(rep *r, const char *s, pdf_face f, float size)
{
	float best = 0, w = 0;
	const char *p = s;
	while (*p) {
		size_t n = cp_len((unsigned char)*p);
		if (*p == ' ') {
			best = fmaxf(best, w);
			w = 0;
		} else {
			w += pdf_cp_width(r->d, f, size, cp_at(p, strlen(p)));
		}
		p += n;
	}
	return fmaxf(best, w);
}

/* Column widths at one font size: every column at least its longest word (a short cell, such
 * as a period, its whole text; a number its whole width), and its natural width. Returns the
 * sum of the minimum widths. */
static float col_measure(rep *r, const tbl *t, float size, float *nat, float *min)
{
	float want = 0;
	for (int c = 0; c < t->ncols; c++) {
		nat[c] = pdf_width(r->d, PF_BOLD, size, t->head[c], strlen(t->head[c]));
		min[c] = longest_word(r, t->head[c], PF_BOLD, size);
		for (size_t i = 0; i < t->nrows; i++) {
			const char *s = t->cells[i * (size_t)t->ncols + (size_t)c];
			pdf_face f = c == 0 && t->row_head ? PF_BOLD : PF_REGULAR;
			float sw = pdf_width(r->d, f, size, s, strlen(s));
			nat[c] = fmaxf(nat[c], sw);
			min[c] = fmaxf(min[c], t->num[c] || sw <= 64 ? sw : longest_word(r, s, f, size));
		}
		nat[c] += 2 * TPAD;
		min[c] += 2 * TPAD;
		want += min[c];
	}
	return want;
}

/* The table's font size and column widths. The size steps down from 8,5 to 7,5 pt until every
 * longest word fits; if none does, only the widest columns are narrowed (their longest words
 * break), never the short ones. What is left goes to the text columns, up to their natural
 * width first, and the table fills the text width. */
static void col_widths(rep *r, tbl *t, float *w)
{
	static const float sizes[] = { 8.5f, 8.0f, 7.5f };
	float nat[32], min[32], want = 0;
	for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
		t->size = sizes[s];
		want = col_measure(r, t, t->size, nat, min);
		if (want <= TW)
			break;
	}
	t->lead = t->size * 1.3f;
	if (want > TW) {
		/* water level L with sum(min(min[c], L)) = TW */
		float lo = 0, hi = TW;
		for (int it = 0; it < 40; it++) {
			float mid = (lo + hi) / 2, sum = 0;
			for (int c = 0; c < t->ncols; c++)
				sum += fminf(min[c], mid);
			if (sum > TW)
				hi = mid;
			else
				lo = mid;
		}
		for (int c = 0; c < t->ncols; c++)
			w[c] = fminf(min[c], lo);
		float sum = 0;
		for (int c = 0; c < t->ncols; c++)
			sum += w[c];
		w[t->ncols - 1] += TW - sum;
		return;
	}
	for (int c = 0; c < t->ncols; c++)
		w[c] = min[c];
	float left = TW - want, grow = 0;
	for (int c = 0; c < t->ncols; c++)
		if (!t->num[c])
			grow += nat[c] - min[c];
	if (grow > 0) {
		float share = fminf(1, left / grow);
		for (int c = 0; c < t->ncols; c++)
			if (!t->num[c]) {
				w[c] += (nat[c] - min[c]) * share;
				left -= (nat[c] - min[c]) * share;
			}
	}
	float textw = 0;
	for (int c = 0; c < t->ncols; c++)
		if (!t->num[c])
			textw += w[c];
	for (int c = 0; c < t->ncols; c++)
		w[c] += textw > 0 ? (t->num[c] ? 0 : left * w[c] / textw) : left / (float)t->ncols;
}

/* One row: its height, or drawn (with `tags`: TH/TD elements) with its top at r->y. */
/* One row laid out: its cells' lines and its height. */
typedef struct {
	layout l[32];
	rich txt[32];
	float h;
} row_t;

static void row_lay_out(rep *r, const tbl *t, const float *w, char *const *cells, int header, row_t *row)
{
	memset(row, 0, sizeof *row);
	for (int c = 0; c < t->ncols; c++) {
		pdf_face f = header || (c == 0 && t->row_head) ? PF_BOLD : PF_REGULAR;
		rich_puts(&row->txt[c], cells[c], f);
		if (!header)
			expand_abbrevs(r, &row->txt[c]);
		lay_out(r, &row->txt[c], t->size, w[c] - 2 * TPAD, &row->l[c]);
		row->h = fmaxf(row->h, (float)(row->l[c].nlines ? row->l[c].nlines : 1) * t->lead + 2 * TPAD);
	}
}

static void row_free(const tbl *t, row_t *row)
{
	for (int c = 0; c < t->ncols; c++) {
		layout_free(&row->l[c]);
		rich_free(&row->txt[c]);
	}
}

/* Draw a row with its top at r->y; with `tags`, as TR with TH/TD elements. */
static void row_draw(rep *r, const tbl *t, const float *w, const row_t *row, int header, int tags)
{
	float x = ML, top = r->y, h = row->h;
	if (header)
		pdf_rect(r->d, ML, top - h, TW, h, C_HEAD);
	if (tags)
		pdf_begin(r->d, "TR");
	for (int c = 0; c < t->ncols; c++) {
		int th = header || (c == 0 && t->row_head);
		int e = tags ? pdf_begin(r->d, th ? "TH" : "TD") : -1;
		if (tags && th)
			pdf_set_scope(r->d, e, header ? "Column" : "Row");
		for (size_t i = 0; i < row->l[c].nlines; i++) {
			float base = top - TPAD - (float)(i + 1) * t->lead + (t->lead - t->size) * 0.5f + 1;
			draw_line(r, &row->txt[c], &row->l[c], i, x + TPAD, base, C_TEXT, t->num[c] ? x + w[c] - TPAD : 0);
		}
		if (tags)
			pdf_end(r->d);
		x += w[c];
	}
	if (tags)
		pdf_end(r->d);
	pdf_line(r->d, ML, top - h, ML + TW, top - h, header ? 0.8f : 0.4f, header ? C_MUTED : C_GRID, NULL);
	r->y -= h;
}

enum {
	KEEP_ROWS = 3, /* rows a table keeps together on its first and on its last page */
	SHORT_ROWS = 8 /* a table of at most this many rows is not split (when it fits on a page) */
};

/* Where a table's body breaks across pages (brk[i]: before row i), given the rows' heights and
 * the room below its header on this page: as late as the rows fit, and never leaving fewer
 * than KEEP_ROWS rows alone on the last page (the first page is made to hold them before).
 * A row taller than a page gets a page of its own and runs over it. */
static void plan_breaks(const float *hs, size_t n, float y, float head_h, unsigned char *brk)
{
	size_t start = 0, last = 0, before = 0;
	for (size_t i = 0; i < n; i++) {
		if (y - hs[i] < BOTTOM && i > start) {
			brk[i] = 1;
			before = last;
			last = start = i;
			y = TOP - head_h;
		}
		y -= hs[i];
	}
	if (last > 0 && n - last < KEEP_ROWS && n >= KEEP_ROWS) {
		size_t earlier = n - KEEP_ROWS;
		float moved = 0;
		for (size_t i = earlier; i < n; i++)
			moved += hs[i];
		/* the page before keeps enough, and the rows moved fit on the last page */
		if (earlier >= before + KEEP_ROWS && moved <= TOP - head_h - BOTTOM) {
			brk[last] = 0;
			brk[earlier] = 1;
		}
	}
}

/* A table with its caption; split across pages between rows, the header repeated (as an
 * artifact: the table has one header) at the top of each next page. */
static void table(rep *r, tbl *t)
{
	if (!t->nrows || t->ncols > 32)
		return;
	float w[32];
	col_widths(r, t, w);
	r->tables++;
	char *cap = xasprintf("Tabel %d. %s", r->tables, t->caption);
	rich ct = {0};
	rich_puts(&ct, cap, PF_BOLD);
	float caph = text_height(r, &ct, TW, SMALL + 0.5f, 12);
	/* the rows' heights first, to keep the first rows with the caption and plan the breaks */
	row_t *head = xmalloc(sizeof *head), *row = xmalloc(sizeof *row);
	row_lay_out(r, t, w, t->head, 1, head);
	/* the rows are laid out twice (measured, then drawn): both times with the same
	 * abbreviations still to be written out */
	size_t nab = r->m->nabbrevs ? r->m->nabbrevs : 1;
	unsigned char *expanded = xmalloc(nab);
	memcpy(expanded, r->expanded, nab);
	float *hs = xmalloc(t->nrows * sizeof *hs), first = 0;
	for (size_t i = 0; i < t->nrows; i++) {
		row_lay_out(r, t, w, &t->cells[i * (size_t)t->ncols], 0, row);
		hs[i] = row->h;
		if (i < KEEP_ROWS || t->nrows <= SHORT_ROWS) /* a short table stays whole */
			first += hs[i];
		row_free(t, row);
	}
	need(r, 6 + caph + 2 + head->h + first); /* the space, the caption, its gap, the header */
	if (!at_top(r))
		r->y -= 6;
	int te = pdf_begin(r->d, "Table");
	float top = r->y;
	int top_page = r->page;
	pdf_begin(r->d, "Caption");
	flow(r, &ct, ML, TW, SMALL + 0.5f, 12, C_TEXT);
	pdf_end(r->d);
	r->y -= 2;
	pdf_begin(r->d, "THead");
	row_draw(r, t, w, head, 1, 1);
	pdf_end(r->d);
	unsigned char *brk = xcalloc(t->nrows, 1);
	plan_breaks(hs, t->nrows, r->y, head->h, brk);
	memcpy(r->expanded, expanded, nab);
	free(expanded);
	pdf_begin(r->d, "TBody");
	for (size_t i = 0; i < t->nrows; i++) {
		row_lay_out(r, t, w, &t->cells[i * (size_t)t->ncols], 0, row);
		if (brk[i]) {
			new_page(r);
			pdf_artifact_begin(r->d);
			row_draw(r, t, w, head, 1, 0);
			pdf_artifact_end(r->d);
		}
		row_draw(r, t, w, row, 0, 1);
		row_free(t, row);
	}
	row_free(t, head);
	free(brk);
	free(hs);
	free(row);
	free(head);
	pdf_end(r->d);
	if (r->page == top_page)
		pdf_set_bbox(r->d, te, ML, r->y, ML + TW, top);
	pdf_end(r->d);
	r->y -= 8;
	rich_free(&ct);
	free(cap);
}

/* --- charts --------------------------------------------------------------------------------- */

static double nice_step(double span, int want)
{
	double raw = span / want, mag = pow(10, floor(log10(raw)));
	double f = raw / mag;
	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

/* A small label: shrunk to fit `maxw`, and cut with "…" if even 6 pt does not fit. */
static void label(rep *r, pdf_face f, float size, float x, float y, pdf_rgb c, const char *s, float maxw, int right)
{
	float w = pdf_width(r->d, f, size, s, strlen(s));
	while (w > maxw && size > 6.05f) {
		size -= 0.25f;
		w = pdf_width(r->d, f, size, s, strlen(s));
	}
	buf_t b = {0};
	buf_puts(&b, s);
	while (w > maxw && b.len > 1) {
		size_t k = b.len - 1;
		while (k > 0 && ((unsigned char)b.s[k] & 0xC0) == 0x80)
			k--;
		b.len = k;
		b.s[k] = '\0';
		char *t = xasprintf("%s…", b.s);
		w = pdf_width(r->d, f, size, t, strlen(t));
		if (w <= maxw) {
			buf_reset(&b);
			buf_puts(&b, t);
			free(t);
			break;
		}
		free(t);
	}
	pdf_text(r->d, f, size, right ? x - w : x, y, c, b.s, b.len);
	buf_free(&b);
}

static void spread(float *y, int *order, int n, float gap)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && y[order[j]] > y[order[j - 1]]; j--) {
			int t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (int i = 1; i < n; i++)
		if (y[order[i - 1]] - y[order[i]] < gap)
			y[order[i]] = y[order[i - 1]] - gap;
}

static void line_chart(rep *r, const chart_t *c, float top, float h)
{
	/* events label themselves in a band above the plot, one line each */
	const float x0 = ML + 34, x1 = ML + TW - 132, y1 = top - 14 - 8.0f * (float)c->nevents, y0 = top - h + 18;
	const float pw = x1 - x0, ph = y1 - y0;
#define X(i) (x0 + (c->ncats == 1 ? pw / 2 : (float)(i) * pw / (float)(c->ncats - 1)))
#define Y(v) (y0 + ph * (float)(((v) - c->ymin) / (c->ymax - c->ymin)))
	double step = nice_step(c->ymax - c->ymin, 5);
	for (double v = ceil(c->ymin / step) * step; v <= c->ymax + 1e-9; v += step) {
		char t[64];
		present_tick(c->unit, v, t);
		pdf_line(r->d, x0, Y(v), x1, Y(v), 0.4f, C_GRID, NULL);
		label(r, PF_REGULAR, 7, x0 - 4, Y(v) - 2.5f, C_MUTED, t, 32, 1);
	}
	pdf_line(r->d, x0, y0, x1, y0, 0.6f, C_TEXT, NULL);
	for (int i = 0; i < c->ncats; i++)
		if (c->ticks[i]) {
			pdf_line(r->d, X(i), y0, X(i), y0 - 3, 0.6f, C_TEXT, NULL);
			float tw = pdf_width(r->d, PF_REGULAR, 7, c->ticks[i], strlen(c->ticks[i]));
			pdf_text(r->d, PF_REGULAR, 7, X(i) - tw / 2, y0 - 11, C_MUTED, c->ticks[i], strlen(c->ticks[i]));
		}
	for (int e = 0; e < c->nevents; e++) {
		float x = X(c->events[e].cat);
		float ly = y1 + 4 + 8.0f * (float)e;
		pdf_line(r->d, x, y0, x, ly + 5, 0.8f, rgb(chart_event_style.rgb), chart_event_style.pattern);
		label(r, PF_REGULAR, 6.5f, x + 2, ly, C_MUTED, c->events[e].label, x1 - x - 2, 0);
	}
	int nl = c->nrefs + c->nseries;
	float *ly = xcalloc((size_t)nl + 1, sizeof *ly);
	int *order = xcalloc((size_t)nl + 1, sizeof *order);
	for (int i = 0; i < c->nrefs; i++) {
		const chart_ref *ref = &c->refs[i];
		const chart_style *st = chart_ref_style(ref->kind);
		pdf_line(r->d, x0, Y(ref->value), x1, Y(ref->value), 1.2f, rgb(st->rgb), st->pattern);
		ly[i] = Y(ref->value) - 2.5f;
		order[i] = i;
	}
	for (int s = 0; s < c->nseries; s++) {
		const chart_series *se = &c->series[s];
		float *xy = xcalloc((size_t)c->ncats * 2 + 2, sizeof *xy);
		int n = 0, last = -1;
		for (int i = 0; i <= c->ncats; i++) {
			if (i < c->ncats && se->has[i]) {
				xy[2 * n] = X(i);
				xy[2 * n + 1] = Y(se->y[i]);
				n++;
				last = i;
				continue;
			}
			if (n == 1)
				pdf_dot(r->d, xy[0], xy[1], 1.8f, C_SERIES);
			pdf_polyline(r->d, xy, n, 1.8f, C_SERIES);
			n = 0;
		}
		for (int i = 0; i < c->ncats; i++)
			if (se->has[i]) {
				pdf_dot(r->d, X(i), Y(se->y[i]), se->revised[i] ? 2.8f : 1.5f, C_SERIES);
				if (se->revised[i]) /* revised since the previous edition: an open ring */
					pdf_dot(r->d, X(i), Y(se->y[i]), 1.5f, C_WHITE);
			}
		free(xy);
		ly[c->nrefs + s] = last >= 0 ? Y(se->y[last]) - 2.5f : y1;
		order[c->nrefs + s] = c->nrefs + s;
	}
	spread(ly, order, nl, 8.5f);
	for (int i = 0; i < c->nrefs; i++)
		label(r, PF_REGULAR, 7, x1 + 5, ly[i], rgb(chart_ref_style(c->refs[i].kind)->rgb), c->refs[i].label, 127, 0);
	for (int s = 0; s < c->nseries; s++) {
		char l[200];
		if (chart_end_label(c, s, l) >= 0)
			label(r, PF_BOLD, 7, x1 + 5, ly[c->nrefs + s], C_SERIES, l, 127, 0);
	}
	free(ly);
	free(order);
#undef X
#undef Y
}

static void bar_chart(rep *r, const chart_t *c, float top, float h)
{
	const float lw = 150, x0 = ML + lw, x1 = ML + TW - 46, row = 15;
	const float t0 = top - 30;
	(void)h;
#define X(v) (x0 + (x1 - x0) * (float)(((v) - c->ymin) / (c->ymax - c->ymin)))
	const chart_series *se = &c->series[0];
	for (int i = 0; i < c->ncats; i++) {
		float y = t0 - row * (float)(i + 1);
		label(r, PF_REGULAR, 7.5f, x0 - 5, y + 4, C_TEXT, c->cats[i], lw - 8, 1);
		if (se->has[i]) {
			char v[64];
			present_value_short(c->unit, se->y[i], v);
			float w = fmaxf(X(se->y[i]) - x0, 0.8f);
			float tw = pdf_width(r->d, PF_REGULAR, 7.5f, v, strlen(v));
			pdf_rect(r->d, x0, y + 1.5f, w, row - 5, C_SERIES);
			/* the value after the bar, unless a reference line runs through it: then inside
			 * the bar's end (white on the bar colour), or just past the line */
			float tx = x0 + w + 3;
			int inside = 0;
			for (int k = 0; k < c->nrefs; k++) {
				float rx = X(c->refs[k].value);
				if (rx >= tx - 2 && rx <= tx + tw + 2) {
					if (w >= tw + 8)
						inside = 1;
					else
						tx = rx + 3;
				}
			}
			if (inside)
				pdf_text(r->d, PF_BOLD, 7.5f, x0 + w - pdf_width(r->d, PF_BOLD, 7.5f, v, strlen(v)) - 4, y + 4,
				         C_WHITE, v, strlen(v));
			else
				pdf_text(r->d, PF_REGULAR, 7.5f, tx, y + 4, C_TEXT, v, strlen(v));
		} else {
			pdf_text(r->d, PF_ITALIC, 7, x0 + 3, y + 4, C_MUTED, "geen waarde (zie de tabel)", 26);
		}
	}
	for (int i = 0; i < c->nrefs; i++) {
		float x = X(c->refs[i].value);
		const chart_style *st = chart_ref_style(c->refs[i].kind);
		pdf_line(r->d, x, t0 - row * (float)c->ncats - 2, x, t0 + 4, 1.2f, rgb(st->rgb), st->pattern);
		float tw = pdf_width(r->d, PF_REGULAR, 7, c->refs[i].label, strlen(c->refs[i].label));
		float lx = x - tw / 2;
		if (lx + tw > ML + TW)
			lx = ML + TW - tw;
		label(r, PF_REGULAR, 7, lx, t0 + 7, rgb(chart_ref_style(c->refs[i].kind)->rgb), c->refs[i].label, TW, 0);
	}
#undef X
}

/* A figure's alternative text: what kind of chart it is, over what, with which lines. The
 * finding is in its caption, which a screen reader reads next; the alternative text does not
 * say it again. */
static char *figure_alt(const chart_t *c)
{
	buf_t b = {0};
	if (c->kind == CHART_LINE) {
		/* the periods the line covers (the axis may start earlier) */
		int first = 0, last = c->ncats - 1;
		while (first < last && !c->series[0].has[first])
			first++;
		while (last > first && !c->series[0].has[last])
			last--;
		char a[40], z[40];
		const char *het = c->per == PER_KWARTAAL ? "het " : "";
		present_period(c->per, c->first_key + first, a);
		present_period(c->per, c->first_key + last, z);
		if (first == last)
			buf_printf(&b, "Lijngrafiek: %s, alleen %s%s.", c->title, het, a);
		else
			buf_printf(&b, "Lijngrafiek: %s, per %s van %s%s tot en met %s%s.", c->title, present_per_word(c->per),
			           het, a, het, z);
	} else {
		buf_printf(&b, "Staafgrafiek: %s, met %d %s.", c->title, c->ncats, c->ncats == 1 ? "staaf" : "staven");
	}
	for (int i = 0; i < c->nrefs; i++)
		buf_printf(&b, "%s%s", i == 0 ? (c->nrefs == 1 ? " Met de lijn " : " Met de lijnen ")
		                               : i == c->nrefs - 1 ? " en " : ", ",
		           c->refs[i].label);
	if (c->nrefs)
		buf_putc(&b, '.');
	return b.s;
}

/* A chart as a Figure (its alternative text says what chart it is) with a caption that says
 * what it shows; never split. */
static void figure(rep *r, const chart_t *c)
{
	if (!c)
		return;
	float h = c->kind == CHART_LINE ? 190 : 40 + 15 * (float)c->ncats;
	r->figures++;
	char *cap = xasprintf("Figuur %d. %s", r->figures, c->desc);
	rich ct = {0};
	rich_puts(&ct, cap, PF_ITALIC);
	float caph = text_height(r, &ct, TW, SMALL, 11);
	need(r, 8 + h + caph + 4);
	if (!at_top(r))
		r->y -= 8;
	float top = r->y;
	int fe = pdf_begin(r->d, "Figure");
	char *alt = figure_alt(c);
	pdf_set_alt(r->d, fe, alt);
	free(alt);
	pdf_mc_begin(r->d);
	label(r, PF_BOLD, 8.5f, ML, top - 9, C_TEXT, c->title, TW, 0);
	if (c->kind == CHART_LINE)
		line_chart(r, c, top - 4, h - 4);
	else
		bar_chart(r, c, top - 4, h - 4);
	pdf_mc_end(r->d);
	pdf_set_bbox(r->d, fe, ML, top - h, ML + TW, top);
	pdf_end(r->d);
	r->y = top - h - 2;
	pdf_begin(r->d, "Caption");
	flow(r, &ct, ML, TW, SMALL, 11, C_MUTED);
	pdf_end(r->d);
	r->y -= 6;
	rich_free(&ct);
	free(cap);
}

/* --- Markdown -------------------------------------------------------------------------------- */

typedef struct {
	rep *r;
	rich t;
	int shift;            /* heading level offset */
	int bold, italic;
	const char *url;
	int in_heading, heading_level;
	int list_depth;
	int ordered[8], number[8];
	int item_open[8];     /* LBody open for the item at this depth */
	int item_first[8];
	int quote;
} mdctx;

static pdf_face md_face(const mdctx *x)
{
	return x->bold && x->italic ? PF_BOLD_ITALIC : x->bold ? PF_BOLD : x->italic ? PF_ITALIC : PF_REGULAR;
}

static void md_flush_para(mdctx *x)
{
	rep *r = x->r;
	if (!x->t.nfrags)
		return;
	expand_abbrevs(r, &x->t);
	float indent = 18.0f * (float)x->list_depth + (x->quote ? 14 : 0);
	int d = x->list_depth;
	if (d > 0 && x->item_first[d]) {
		/* the item's label on the first line of its first paragraph */
		x->item_first[d] = 0;
		float h = text_height(r, &x->t, TW - indent, BODY, LEAD);
		need(r, fminf(h, 2 * LEAD));
		pdf_begin(r->d, "Lbl");
		char lbl[16];
		if (x->ordered[d])
			snprintf(lbl, sizeof lbl, "%d.", x->number[d]++);
		else
			snprintf(lbl, sizeof lbl, "%s", d % 2 ? "•" : "–");
		pdf_text(r->d, PF_REGULAR, BODY, ML + indent - 12, r->y - LEAD + (LEAD - BODY) * 0.5f, C_TEXT, lbl,
		         strlen(lbl));
		pdf_end(r->d);
		pdf_begin(r->d, "LBody");
		x->item_open[d] = 1;
	}
	pdf_begin(r->d, "P");
	flow(r, &x->t, ML + indent, TW - indent, BODY, LEAD, C_TEXT);
	pdf_end(r->d);
	r->y -= d > 0 ? 2 : 5;
	rich_clear(&x->t);
}

static void md_node_cb(void *ctx, md_event ev, const md_node *n)
{
	mdctx *x = ctx;
	rep *r = x->r;
	switch (n->kind) {
	case MDN_PARA:
	case MDN_CODE_BLOCK:
		if (n->kind == MDN_CODE_BLOCK)
			rich_puts(&x->t, n->text, PF_REGULAR);
		if (ev == MD_LEAVE || n->kind == MDN_CODE_BLOCK)
			md_flush_para(x);
		break;
	case MDN_HEADING:
		if (ev == MD_ENTER) {
			rich_clear(&x->t);
			x->in_heading = 1;
		} else {
			buf_t b = {0};
			buf_add(&b, x->t.text.s ? x->t.text.s : "", x->t.text.len);
			/* a section of the text (the appendix's "Hoe we rekenen") is in the contents */
			heading(r, n->level + x->shift, b.s ? b.s : "", KEEP, n->level + x->shift <= 2 ? TOC_YES : TOC_NO);
			buf_free(&b);
			rich_clear(&x->t);
			x->in_heading = 0;
		}
		break;
	case MDN_LIST:
		if (ev == MD_ENTER) {
			md_flush_para(x);
			if (x->list_depth < 7) {
				x->list_depth++;
				x->ordered[x->list_depth] = n->ordered;
				x->number[x->list_depth] = n->start ? n->start : 1;
			}
			pdf_begin(r->d, "L");
		} else {
			pdf_end(r->d);
			if (x->list_depth > 0)
				x->list_depth--;
			r->y -= 3;
		}
		break;
	case MDN_ITEM:
		if (ev == MD_ENTER) {
			pdf_begin(r->d, "LI");
			x->item_first[x->list_depth] = 1;
			x->item_open[x->list_depth] = 0;
		} else {
			md_flush_para(x);
			if (x->item_open[x->list_depth])
				pdf_end(r->d);
			x->item_open[x->list_depth] = 0;
			pdf_end(r->d);
		}
		break;
	case MDN_QUOTE:
		md_flush_para(x);
		if (ev == MD_ENTER) {
			pdf_begin(r->d, "BlockQuote");
			x->quote++;
		} else {
			pdf_end(r->d);
			x->quote--;
		}
		break;
	case MDN_RULE:
		md_flush_para(x);
		break;
	case MDN_TEXT:
	case MDN_CODE:
		rich_add(&x->t, n->text, strlen(n->text), md_face(x), x->url);
		break;
	case MDN_SOFTBREAK:
		rich_add(&x->t, " ", 1, md_face(x), x->url);
		break;
	case MDN_BREAK:
		rich_add(&x->t, "\n", 1, md_face(x), x->url);
		break;
	case MDN_EMPH:
		x->italic += ev == MD_ENTER ? 1 : -1;
		break;
	case MDN_STRONG:
		x->bold += ev == MD_ENTER ? 1 : -1;
		break;
	case MDN_LINK:
		x->url = ev == MD_ENTER ? n->url : NULL;
		break;
	}
}

static void markdown(rep *r, const md_doc *d, int shift)
{
	if (md_is_empty(d))
		return;
	mdctx x = {0};
	x.r = r;
	x.shift = shift;
	md_walk(d, md_node_cb, &x);
	md_flush_para(&x);
	rich_free(&x.t);
}

/* --- KPIs ------------------------------------------------------------------------------------ */

/* Whether column c of a KPI table is in the report's table (`skip`: the one its caption says). */
static int kt_shown(const kt_table *t, int c, int skip)
{
	return c != skip && (c != t->revised_col || t->any_revised);
}

static int kt_count(const kt_table *t, int skip)
{
	int n = 0;
	for (int c = 0; c < t->ncols; c++)
		n += kt_shown(t, c, skip);
	return n;
}

/* A report table with the KPI table's columns but `skip`, numbers right-aligned. */
static void kt_tbl_init(tbl *b, const kt_table *t, const char *caption, int skip)
{
	tbl_init(b, caption, kt_count(t, skip), 1);
	int col = 0;
	for (int c = 0; c < t->ncols; c++)
		if (kt_shown(t, c, skip))
			tbl_head(b, col++, t->cols[c].label, t->cols[c].kind != KT_TEXT && t->cols[c].kind != KT_PERIOD);
}

static void kt_cell_text(tbl *b, const kt_table *t, size_t row, int c)
{
	const kt_cell *cell = kt_at(t, row, c);
	tbl_cell(b, cell->empty && t->cols[c].kind != KT_TEXT && c != t->revised_col ? "–" : cell->text);
}

/* The last `n` periods of the whole organisation, one row each. */
static void recent_table(rep *r, const kpi_t *k, size_t n)
{
	kt_table t;
	kt_build(k, &t);
	size_t first = t.nrows, total = 0;
	for (size_t i = 0; i < t.nrows; i++)
		if (t.rows[i].series->is_total) {
			if (first == t.nrows)
				first = i;
			total++;
		}
	if (!total) {
		kt_free(&t);
		return;
	}
	size_t from = first + (total > n ? total - n : 0);
	tbl b;
	char *cap = xasprintf("%s%s: de laatste %s", k->def.naam, k->def.groep ? " (hele organisatie)" : "",
	                      total > n ? "periodes" : "cijfers");
	kt_tbl_init(&b, &t, cap, t.group_col);
	free(cap);
	for (size_t i = from; i < first + total; i++)
		for (int c = 0; c < t.ncols; c++) {
			if (!kt_shown(&t, c, t.group_col))
				continue;
			if (c == t.period_col) {
				char p[40];
				present_period_short(t.per, t.rows[i].key, p);
				tbl_cell(&b, p);
			} else {
				kt_cell_text(&b, &t, i, c);
			}
		}
	table(r, &b);
	tbl_free(&b);
	kt_free(&t);
}

/* Every group in period `key`, and the organisation. */
static void group_table(rep *r, const kpi_t *k, int key)
{
	kt_table t;
	kt_build(k, &t);
	char *cap = present_group_title(&k->def, key);
	tbl b;
	kt_tbl_init(&b, &t, cap, t.period_col);
	free(cap);
	for (size_t i = 0; i < t.nrows; i++) {
		if (t.rows[i].key != key)
			continue;
		for (int c = 0; c < t.ncols; c++)
			if (kt_shown(&t, c, t.period_col))
				kt_cell_text(&b, &t, i, c);
	}
	table(r, &b);
	tbl_free(&b);
	kt_free(&t);
}

static size_t recent_count(per_t per)
{
	return per == PER_MAAND ? 12 : per == PER_KWARTAAL ? 8 : 6;
}

/* A KPI: its status, why, what it measures, and its chart and tables. `brief`: shown in full
 * in another chapter; here only the status and a pointer. */
static void kpi_block(rep *r, const kpi_t *k, int level, int brief)
{
	heading(r, level, k->def.naam, 3 * LEAD, TOC_BOOKMARK); /* a reader jumps to a KPI */
	rich t = {0};
	char label_[64];
	present_status_label(k, label_);
	char *st = xasprintf("%s %s", present_look(k->res.status)->icon, label_);
	rich_puts(&t, "Status: ", PF_REGULAR);
	rich_puts(&t, st, PF_BOLD);
	free(st);
	pdf_begin(r->d, "P");
	flow(r, &t, ML, TW, BODY, LEAD, C_TEXT);
	pdf_end(r->d);
	rich_free(&t);
	char *why = present_reason(k);
	para(r, why, PF_REGULAR, BODY);
	free(why);
	if (brief) {
		char *see = xasprintf("De grafiek en de tabellen staan in het hoofdstuk ‘%s’.", SAT_TITLE);
		para(r, see, PF_ITALIC, BODY);
		free(see);
		return;
	}
	if (k->def.omschrijving)
		para(r, k->def.omschrijving, PF_REGULAR, SMALL + 0.5f);
	if (k->def.afgeleid) {
		char *a = xasprintf("Afgeleid. %s", k->def.afgeleid);
		para(r, a, PF_ITALIC, SMALL + 0.5f);
		free(a);
	}
	char id[16] = "g";
	chart_t *c = chart_trend(k, NULL, id);
	figure(r, c);
	chart_free(c);
	recent_table(r, k, recent_count(k->def.per));
	if (k->def.groep && k->res.has_cur && k->res.ngroups) {
		c = chart_groups(k, k->res.cur_key, id);
		figure(r, c);
		chart_free(c);
		group_table(r, k, k->res.cur_key);
	}
}

static void milestones(rep *r, const page_t *pg)
{
	if (!pg->nms)
		return;
	char day[40];
	present_date(r->m->peildatum, day);
	char *cap = xasprintf("Mijlpalen bij ‘%s’, stand op %s", pg->titel, day);
	tbl b;
	tbl_init(&b, cap, 3, 1);
	free(cap);
	tbl_head(&b, 0, "Wanneer", 0);
	tbl_head(&b, 1, "Mijlpaal", 0);
	tbl_head(&b, 2, "Status", 0);
	for (size_t i = 0; i < pg->nms; i++) {
		char when[40], st[64];
		present_when(&pg->ms[i], when);
		snprintf(st, sizeof st, "%s %s", present_ms_look(pg->ms[i].status)->icon, present_ms(pg->ms[i].status));
		tbl_cell(&b, when);
		if (pg->ms[i].afgeleid) {
			char *w = xasprintf("%s (afgeleid)", pg->ms[i].wat);
			tbl_cell(&b, w);
			free(w);
		} else {
			tbl_cell(&b, pg->ms[i].wat);
		}
		tbl_cell(&b, st);
	}
	table(r, &b);
	tbl_free(&b);
	/* each reason once, however many milestones it covers */
	for (size_t i = 0; i < pg->nms; i++) {
		const char *why = pg->ms[i].afgeleid;
		int seen = 0, n = 0;
		for (size_t j = 0; j < pg->nms; j++) {
			seen |= j < i && str_eq(pg->ms[j].afgeleid, why);
			n += str_eq(pg->ms[j].afgeleid, why);
		}
		if (!why || seen)
			continue;
		char *a = n > 1 ? xasprintf("Afgeleid (%d mijlpalen). %s", n, why)
		                : xasprintf("Afgeleid (mijlpaal ‘%s’). %s", pg->ms[i].wat, why);
		para(r, a, PF_ITALIC, SMALL + 0.5f);
		free(a);
	}
}

/* Where the programme's own words start: written in its year, so its future tense reads as
 * what was planned then. */
static void from_programme(rep *r)
{
	char *s = r->m->programmajaar ? xasprintf("Uit het programma (%d).", r->m->programmajaar)
	                              : xstrdup("Uit het programma.");
	para(r, s, PF_ITALIC, SMALL + 0.5f);
	free(s);
}

static int shown_elsewhere(const rep *r, const kpi_t *k)
{
	const kpi_t *top = r->m->uitgelicht ? model_find_kpi(r->m, r->m->uitgelicht) : NULL;
	return r->sat_chapter && top && str_eq(k->def.thema, top->def.thema);
}

/* One item of a bulleted list (inside an L element): LI with its label and body. */
static void list_item(rep *r, const rich *t_in)
{
	rich own = {0}, *t = &own;
	for (size_t f = 0; f < t_in->nfrags; f++) {
		const frag *fr = &t_in->frags[f];
		if (fr->expand)
			rich_abbr(t, t_in->text.s + fr->off, fr->len, fr->face, fr->expand);
		else
			rich_add(t, t_in->text.s + fr->off, fr->len, fr->face, fr->url);
	}
	expand_abbrevs(r, t);
	pdf_begin(r->d, "LI");
	need(r, 2 * LEAD);
	pdf_begin(r->d, "Lbl");
	pdf_text(r->d, PF_REGULAR, BODY, ML + 6, r->y - LEAD + 2, C_TEXT, "•", 3);
	pdf_end(r->d);
	pdf_begin(r->d, "LBody");
	pdf_begin(r->d, "P");
	flow(r, t, ML + 18, TW - 18, BODY, LEAD, C_TEXT);
	pdf_end(r->d);
	pdf_end(r->d);
	pdf_end(r->d);
	r->y -= 2;
	rich_free(&own);
}

static void goal_page(rep *r, const page_t *pg)
{
	heading(r, 2, pg->titel, 4 * LEAD, TOC_YES);
	if (pg->eigenaar) {
		rich t = {0};
		rich_puts(&t, "Eigenaar: ", PF_REGULAR);
		rich_puts(&t, pg->eigenaar, PF_BOLD);
		if (pg->eigenaar_afgeleid)
			rich_puts(&t, " (afgeleid)", PF_REGULAR);
		expand_abbrevs(r, &t);
		pdf_begin(r->d, "P");
		flow(r, &t, ML, TW, BODY, LEAD, C_TEXT);
		pdf_end(r->d);
		r->y -= 4;
		rich_free(&t);
		if (pg->eigenaar_afgeleid) {
			char *a = xasprintf("Afgeleid (eigenaar). %s", pg->eigenaar_afgeleid);
			para(r, a, PF_ITALIC, SMALL + 0.5f);
			free(a);
		}
	}
	if (pg->samenvatting)
		para(r, pg->samenvatting, PF_ITALIC, BODY);
	if (pg->smart[SMART_S]) {
		heading(r, 3, "Wat we willen bereiken", KEEP, TOC_NO);
		from_programme(r);
		markdown(r, pg->smart[SMART_S], 2);
	}
	milestones(r, pg);
	for (size_t i = 0; i < pg->nkpis; i++)
		kpi_block(r, pg->kpis[i], 3, shown_elsewhere(r, pg->kpis[i]));
}

/* --- chapters ---------------------------------------------------------------------------- */

static void cover(rep *r)
{
	const model_t *m = r->m;
	new_page(r);
	r->y = PDF_PAGE_H - 210;
	char *t1 = xasprintf("Raadsrapportage %d ", m->report_year); /* the space: one heading, two lines */
	pdf_begin(r->d, "H1");
	pdf_text(r->d, PF_REGULAR, 16, ML, r->y, C_MUTED, t1, strlen(t1));
	r->y -= 34;
	pdf_text(r->d, PF_BOLD, 28, ML, r->y, C_SERIES, "Excellente dienstverlening", 26);
	pdf_end(r->d);
	free(t1);
	r->y -= 30;
	char day[40];
	present_date(m->peildatum, day);
	char *s = xasprintf("Gemeente %s", m->gemeente);
	para(r, s, PF_BOLD, 14);
	free(s);
	s = xasprintf("Stand op %s.", day);
	para(r, s, PF_REGULAR, 11);
	free(s);
	r->y -= 10;
	rich t = {0};
	if (m->website) {
		rich_puts(&t, "Dit rapport staat ook op ", PF_REGULAR);
		rich_add(&t, m->website, strlen(m->website), PF_REGULAR, m->website);
		rich_puts(&t, ". Die versie is toegankelijk voor schermlezers en heeft bij elke grafiek een tabel.",
		          PF_REGULAR);
	} else {
		rich_puts(&t, "Dit rapport staat ook als website op het intranet: het dashboard dienstverlening. Die versie "
		              "is toegankelijk voor schermlezers en heeft bij elke grafiek een tabel.",
		          PF_REGULAR);
	}
	pdf_begin(r->d, "P");
	flow(r, &t, ML, TW, 11, 15.5f, C_TEXT);
	pdf_end(r->d);
	rich_free(&t);
	if (m->voorbeelddata) {
		r->y -= 16;
		para(r, "Let op: dit rapport is gemaakt met voorbeeldgegevens. De cijfers zijn niet echt.", PF_BOLD, 11);
	}
	buf_t stale = {0};
	present_stale_sources(m, &stale);
	if (stale.len) {
		r->y -= 16;
		char *w = xasprintf("Let op: %s", stale.s);
		para(r, w, PF_BOLD, 11);
		free(w);
	}
	buf_free(&stale);
}

/* Statuses, how many have each and what each means: the legend of the statuses this report
 * shows (present_status_use), for KPIs (`ms` 0) or milestones. */
static void count_table(rep *r, const char *caption, const char *what, int ms)
{
	const model_t *m = r->m;
	status_use u;
	present_status_use(m, &u);
	tbl b;
	tbl_init(&b, caption, 3, 1);
	tbl_head(&b, 0, "Status", 0);
	tbl_head(&b, 1, what, 1);
	tbl_head(&b, 2, "Betekenis", 0);
	int rows = 0, n = ms ? MS_N : ST_N;
	for (int st = 0; st < n; st++) {
		if (!(ms ? u.ms[st] : u.kpi[st]))
			continue;
		const status_look *l = ms ? present_ms_look((ms_status)st) : present_look((kpi_status)st);
		char v[16], label[96];
		snprintf(v, sizeof v, "%d", ms ? m->ms_count[st] : m->kpi_count[st]);
		snprintf(label, sizeof label, "%s %s", l->icon, l->word);
		tbl_cell(&b, label);
		tbl_cell(&b, v);
		tbl_cell(&b, l->meaning);
		rows++;
	}
	if (rows)
		table(r, &b);
	tbl_free(&b);
}

static void summary(rep *r)
{
	const model_t *m = r->m;
	heading(r, 1, "Samenvatting", 0, TOC_YES);
	char day[40];
	present_date(m->peildatum, day);
	int acties = 0, teamdoelen = 0, teams = 0;
	for (size_t i = 0; i < m->npages; i++) {
		acties += m->pages[i]->soort == SOORT_ACTIE;
		teamdoelen += m->pages[i]->soort == SOORT_TEAMDOEL;
		teams += m->pages[i]->soort == SOORT_TEAM;
	}
	buf_t s = {0};
	buf_printf(&s, "Dit is de stand op %s. Het programma heeft %d %s voor de hele organisatie en %d %s van teams.",
	           day, acties, acties == 1 ? "actie" : "acties", teamdoelen, teamdoelen == 1 ? "doel" : "doelen");
	if (teams)
		buf_printf(&s, " %d %s nog geen doel.", teams, teams == 1 ? "team heeft" : "teams hebben");
	buf_printf(&s, " We meten %zu %s. De tabel hieronder geeft ze allemaal, met hun laatste waarde, het doel en de "
	               "status.", m->nkpis, m->nkpis == 1 ? "KPI" : "KPI's");
	para(r, s.s, PF_REGULAR, BODY);
	buf_free(&s);
	if (m->prev >= 0) {
		/* since the previous published edition (model/edition.h) */
		heading(r, 2, "Wat is er veranderd", 3 * LEAD, TOC_YES);
		buf_t since = {0};
		present_since(m, &since);
		if (!m->nchanges)
			buf_puts(&since, " Er is niets veranderd.");
		para(r, since.s, PF_REGULAR, BODY);
		buf_free(&since);
		if (m->nchanges) {
			pdf_begin(r->d, "L");
			for (size_t i = 0; i < m->nchanges; i++) {
				buf_t t = {0};
				present_change_since(&m->changes[i], &t);
				rich rt = {0};
				rich_puts(&rt, t.s, PF_REGULAR);
				list_item(r, &rt);
				rich_free(&rt);
				buf_free(&t);
			}
			pdf_end(r->d);
			r->y -= 4;
		}
	}
	tbl b;
	tbl_init(&b, "Alle KPI's: laatste waarde, doel en status", 5, 1);
	tbl_head(&b, 0, "KPI", 0);
	tbl_head(&b, 1, "Waarde", 1);
	tbl_head(&b, 2, "Periode", 0);
	tbl_head(&b, 3, "Doel", 0);
	tbl_head(&b, 4, "Status", 0);
	for (size_t i = 0; i < m->nkpis; i++) {
		const kpi_t *k = m->kpis[i];
		char v[64] = "–", p[40] = "–", g[160] = "geen doel", st[96];
		if (k->res.has_cur) {
			present_value(&k->def, k->res.cur, v);
			present_period_short(k->def.per, k->res.cur_key, p);
		}
		const target_t *t = kpi_goal(k);
		if (t)
			present_goal(&k->def, t, g);
		char lbl[64];
		present_status_label(k, lbl);
		snprintf(st, sizeof st, "%s %s", present_look(k->res.status)->icon, lbl);
		tbl_cell(&b, k->def.naam);
		tbl_cell(&b, v);
		tbl_cell(&b, p);
		tbl_cell(&b, g);
		tbl_cell(&b, st);
	}
	table(r, &b);
	tbl_free(&b);
	count_table(r, "KPI's per status", "Aantal KPI's", 0);
	count_table(r, "Mijlpalen van acties en teamdoelen per status", "Aantal mijlpalen", 1);
	/* the words the figures use, as on the site's overview; the list kept with its heading */
	rich *terms = xcalloc((size_t)present_nterms, sizeof *terms);
	float all = 0;
	for (int i = 0; i < present_nterms; i++) {
		rich_puts(&terms[i], present_terms[i].term, PF_BOLD);
		rich_puts(&terms[i], ". ", PF_REGULAR);
		rich_puts(&terms[i], present_terms[i].meaning, PF_REGULAR);
		all += text_height(r, &terms[i], TW - 18, BODY, LEAD) + 2;
	}
	heading(r, 2, present_terms_title, all + LEAD, TOC_YES); /* list_item needs two lines free */
	pdf_begin(r->d, "L");
	for (int i = 0; i < present_nterms; i++) {
		list_item(r, &terms[i]);
		rich_free(&terms[i]);
	}
	free(terms);
	pdf_end(r->d);
}

static void satisfaction(rep *r)
{
	const model_t *m = r->m;
	const kpi_t *top = m->uitgelicht ? model_find_kpi(m, m->uitgelicht) : NULL;
	if (!top)
		return;
	r->sat_chapter = ++r->chapter;
	heading(r, 1, SAT_TITLE, 0, TOC_YES);
	for (size_t i = 0; i < m->nkpis; i++)
		if (m->kpis[i] == top || (top->def.thema && str_eq(m->kpis[i]->def.thema, top->def.thema)))
			kpi_block(r, m->kpis[i], 2, 0);
}

static void goals(rep *r, soort_t soort, const char *title)
{
	const model_t *m = r->m;
	r->chapter++;
	heading(r, 1, title, 0, TOC_YES);
	for (size_t i = 0; i < m->npages; i++)
		if (m->pages[i]->soort == soort)
			goal_page(r, m->pages[i]);
	if (soort != SOORT_TEAMDOEL)
		return;
	int any = 0;
	for (size_t i = 0; i < m->npages; i++) {
		const page_t *p = m->pages[i];
		if (p->soort != SOORT_TEAM)
			continue;
		if (!any++) {
			heading(r, 2, "Teams zonder doel", KEEP, TOC_YES);
			pdf_begin(r->d, "L");
		}
		rich t = {0};
		rich_puts(&t, p->titel, PF_BOLD);
		rich_puts(&t, ": ", PF_REGULAR);
		rich_puts(&t, p->samenvatting ? p->samenvatting : "nog geen doel", PF_REGULAR);
		list_item(r, &t);
		rich_free(&t);
	}
	if (any)
		pdf_end(r->d);
}

static void finances(rep *r)
{
	const model_t *m = r->m;
	int any = 0;
	for (size_t i = 0; i < m->npages; i++)
		any |= m->pages[i]->soort == SOORT_PROGRAMMA && m->pages[i]->in_report;
	if (!any)
		return;
	r->chapter++;
	heading(r, 1, "Financiën en vervolg", 0, TOC_YES);
	for (size_t i = 0; i < m->npages; i++) {
		const page_t *p = m->pages[i];
		if (p->soort != SOORT_PROGRAMMA || !p->in_report)
			continue;
		heading(r, 2, p->titel, KEEP, TOC_YES);
		from_programme(r);
		markdown(r, p->body, 1);
	}
}

static void appendix(rep *r)
{
	const model_t *m = r->m;
	r->chapter++;
	heading(r, 1, "Bijlage: definities en bronnen", 0, TOC_YES);
	markdown(r, m->definities, 0);
	/* what is not literally in the programme, and why */
	heading(r, 2, "Wat we afleiden", KEEP, TOC_YES);
	para(r, "Niet alles staat letterlijk in het uitvoeringsprogramma. Waar we iets hebben aangenomen, staat "
	        "‘afgeleid’, met de reden. Hier staan ze allemaal.",
	     PF_REGULAR, BODY);
	pdf_begin(r->d, "L");
	for (int i = 0; i < present_ninferences; i++) {
		rich t = {0};
		rich_puts(&t, present_inferences[i].term, PF_BOLD);
		rich_puts(&t, ". ", PF_REGULAR);
		rich_puts(&t, present_inferences[i].meaning, PF_REGULAR);
		list_item(r, &t);
		rich_free(&t);
	}
	pdf_end(r->d);
	r->y -= 4;
	int nder = 0;
	for (size_t i = 0; i < m->nkpis; i++)
		nder += m->kpis[i]->def.afgeleid != NULL;
	if (nder) {
		tbl b;
		tbl_init(&b, "Afgeleide KPI's en doelen, met de reden", 2, 1);
		tbl_head(&b, 0, "KPI", 0);
		tbl_head(&b, 1, "Reden", 0);
		for (size_t i = 0; i < m->nkpis; i++)
			if (m->kpis[i]->def.afgeleid) {
				tbl_cell(&b, m->kpis[i]->def.naam);
				tbl_cell(&b, m->kpis[i]->def.afgeleid);
			}
		table(r, &b);
		tbl_free(&b);
	}
	int nown = 0;
	for (size_t i = 0; i < m->npages; i++) {
		nown += m->pages[i]->eigenaar_afgeleid != NULL;
		for (size_t j = 0; j < m->pages[i]->nms; j++)
			nown += m->pages[i]->ms[j].afgeleid != NULL;
	}
	if (nown) {
		tbl b;
		tbl_init(&b, "Afgeleide eigenaars en mijlpalen, met de reden", 3, 1);
		tbl_head(&b, 0, "Actie of teamdoel", 0);
		tbl_head(&b, 1, "Wat", 0);
		tbl_head(&b, 2, "Reden", 0);
		for (size_t i = 0; i < m->npages; i++) {
			const page_t *p = m->pages[i];
			if (p->eigenaar_afgeleid) {
				char *w = xasprintf("Eigenaar: %s", p->eigenaar);
				tbl_cell(&b, p->titel);
				tbl_cell(&b, w);
				tbl_cell(&b, p->eigenaar_afgeleid);
				free(w);
			}
			/* milestones with the same reason in one row */
			for (size_t j = 0; j < p->nms; j++) {
				const char *why = p->ms[j].afgeleid;
				size_t same = 0, last = j;
				int seen = 0;
				for (size_t q = 0; q < p->nms; q++)
					if (str_eq(p->ms[q].afgeleid, why)) {
						seen |= q < j;
						same++;
						last = q;
					}
				if (!why || seen)
					continue;
				char when[40], until[40];
				present_when(&p->ms[j], when);
				present_when(&p->ms[last], until);
				char *w = same == 1 ? xasprintf("Mijlpaal %s: %s", when, p->ms[j].wat)
				          : !strcmp(when, until) ? xasprintf("%zu mijlpalen, %s", same, when)
				                                 : xasprintf("%zu mijlpalen, %s tot en met %s", same, when, until);
				tbl_cell(&b, p->titel);
				tbl_cell(&b, w);
				tbl_cell(&b, why);
				free(w);
			}
		}
		table(r, &b);
		tbl_free(&b);
	}
	if (m->nabbrevs) {
		heading(r, 2, "Afkortingen", KEEP, TOC_YES);
		tbl b;
		tbl_init(&b, "Afkortingen en wat ze betekenen", 2, 1);
		tbl_head(&b, 0, "Afkorting", 0);
		tbl_head(&b, 1, "Betekenis", 0);
		for (size_t i = 0; i < m->nabbrevs; i++) {
			tbl_cell(&b, m->abbrevs[i].term);
			tbl_cell(&b, m->abbrevs[i].full);
		}
		table(r, &b);
		tbl_free(&b);
	}
	heading(r, 2, "Bronnen", KEEP, TOC_YES);
	char day[40];
	present_date(m->peildatum, day);
	char *s = xasprintf("Alle cijfers gaan over de stand op %s. %s Deze exportbestanden zijn gelezen; elk gaat over de "
	                    "tijd van zijn eerste tot zijn laatste datum:",
	                    day, present_peil_source(m));
	para(r, s, PF_REGULAR, BODY);
	free(s);
	tbl b;
	tbl_init(&b, "Gelezen bestanden", 5, 1);
	tbl_head(&b, 0, "Bestand", 0);
	tbl_head(&b, 1, "Regels", 1);
	tbl_head(&b, 2, "Van", 0);
	tbl_head(&b, 3, "Tot en met", 0);
	tbl_head(&b, 4, "Opmerking", 0);
	for (size_t i = 0; i < m->nfiles; i++) {
		const datafile_t *f = &m->files[i];
		if (!f->used)
			continue;
		char n[64], a[40] = "–", z[40] = "–", note[256];
		present_number((double)f->rows, 0, n);
		if (f->first != DAY_NONE && f->cover_end != DAY_NONE) {
			date_short(f->first, a);
			date_short(f->cover_end, z);
		}
		present_coverage_note(m, f, note);
		tbl_cell(&b, f->name);
		tbl_cell(&b, n);
		tbl_cell(&b, a);
		tbl_cell(&b, z);
		tbl_cell(&b, note);
	}
	table(r, &b);
	tbl_free(&b);
	/* the working-day calendar of the years the data covers */
	int y0, y1;
	if (model_data_years(m, &y0, &y1) != 0)
		return;
	heading(r, 2, "Werkdagen", KEEP, TOC_YES);
	s = xasprintf("Voor termijnen in werkdagen tellen deze dagen niet mee, naast zaterdag en zondag (%d tot en met "
	              "%d).",
	              y0, y1);
	para(r, s, PF_REGULAR, BODY);
	free(s);
	tbl_init(&b, "Feestdagen en sluitingsdagen op een doordeweekse dag", 2, 1);
	tbl_head(&b, 0, "Datum", 0);
	tbl_head(&b, 1, "Dag", 0);
	for (int dd = day_from_ymd(y0, 1, 1); dd <= day_from_ymd(y1, 12, 31); dd++) {
		const char *why = calendar_day_off(&m->cal, dd);
		if (!why)
			continue;
		char a[40], w[64];
		present_date(dd, a);
		snprintf(w, sizeof w, "%s %s", present_weekday(dd), a);
		tbl_cell(&b, w);
		tbl_cell(&b, why);
	}
	table(r, &b);
	tbl_free(&b);
}

/* --- contents and running heads --------------------------------------------------------- */

/* The contents, on the pages reserved for them after the cover. */
static void contents(rep *r, int first, int npages, int elem)
{
	pdf_reenter(r->d, elem);
	int pi = first;
	pdf_use_page(r->d, pi);
	float y = TOP;
	pdf_begin(r->d, "H1");
	pdf_text(r->d, PF_BOLD, 18, ML, y - 18, C_SERIES, "Inhoud", 6);
	pdf_end(r->d);
	y -= 40;
	for (size_t i = 0; i < r->ntoc; i++) {
		const toc_entry *e = &r->toc[i];
		float size = e->level == 0 ? 10.5f : 9.5f;
		float step = e->level == 0 ? 18 : 14;
		if (y - step < BOTTOM && pi + 1 < first + npages) {
			pdf_use_page(r->d, ++pi);
			y = TOP;
		}
		y -= step;
		float x = ML + 16.0f * (float)e->level;
		char num[16]; /* with a space before it, so the entry reads "Samenvatting 3" */
		snprintf(num, sizeof num, " %d", e->page + 1);
		pdf_face f = e->level ? PF_REGULAR : PF_BOLD;
		float nw = pdf_width(r->d, PF_REGULAR, size, num, strlen(num));
		pdf_begin(r->d, "TOCI");
		pdf_begin(r->d, "Link");
		label(r, f, size, x, y, C_TEXT, e->title, TW - (x - ML) - nw - 24, 0);
		pdf_text(r->d, PF_REGULAR, size, ML + TW - nw, y, C_TEXT, num, strlen(num));
		char *what = xasprintf("Naar %s, pagina %d", e->title, e->page + 1);
		pdf_link_page(r->d, x, y - 3, ML + TW - x, size + 4, e->page, e->top, what);
		free(what);
		pdf_end(r->d);
		pdf_end(r->d);
	}
	pdf_end(r->d);
}

static void running(rep *r)
{
	int n = pdf_page_count(r->d);
	for (int i = 1; i < n; i++) {
		pdf_use_page(r->d, i);
		pdf_artifact_begin(r->d);
		pdf_text(r->d, PF_REGULAR, 8, ML, PDF_PAGE_H - 44, C_MUTED, r->running, strlen(r->running));
		pdf_line(r->d, ML, PDF_PAGE_H - 50, ML + TW, PDF_PAGE_H - 50, 0.5f, C_GRID, NULL);
		char num[48];
		snprintf(num, sizeof num, "Pagina %d van %d", i + 1, n);
		float w = pdf_width(r->d, PF_REGULAR, 8, num, strlen(num));
		pdf_text(r->d, PF_REGULAR, 8, ML + TW - w, 40, C_MUTED, num, strlen(num));
		if (r->m->voorbeelddata)
			pdf_text(r->d, PF_REGULAR, 8, ML, 40, C_MUTED, "Voorbeelddata: geen echte cijfers", 33);
		pdf_artifact_end(r->d);
	}
}

/* The pages the contents take: one line per chapter (18 pt) and section (14 pt), as the
 * chapters below will add them. */
/* Markdown headings that end up at level 2 or higher, which go into the contents. */
typedef struct {
	int shift, n;
} toc_count;

static void count_toc_heading(void *ctx, int level, const char *text, int line)
{
	(void)text, (void)line;
	toc_count *c = ctx;
	c->n += level + c->shift <= 2;
}

static int toc_pages(const model_t *m)
{
	int chapters = 4, sections = 0, teams = 0, finance = 0, derived = 0;
	for (size_t i = 0; i < m->npages; i++) {
		const page_t *p = m->pages[i];
		sections += p->soort == SOORT_ACTIE || p->soort == SOORT_TEAMDOEL;
		teams |= p->soort == SOORT_TEAM;
		finance += p->soort == SOORT_PROGRAMMA && p->in_report;
	}
	derived = 1 + (m->nabbrevs > 0); /* what we assume (always), abbreviations */
	toc_count md = {0, 0};
	if (m->definities)
		md_headings(m->definities, count_toc_heading, &md);
	md.shift = 1;
	for (size_t i = 0; i < m->npages; i++)
		if (m->pages[i]->soort == SOORT_PROGRAMMA && m->pages[i]->in_report && m->pages[i]->body)
			md_headings(m->pages[i]->body, count_toc_heading, &md);
	chapters += m->uitgelicht != NULL && model_find_kpi(m, m->uitgelicht) != NULL;
	chapters += finance > 0;
	sections += teams + finance + derived + md.n + 3; /* words, sources, working days */
	int pages = 1;
	float y = TOP - 40;
	for (int i = 0; i < chapters + sections; i++) {
		float step = i < chapters ? 18 : 14; /* order does not matter for the count, nearly */
		if (y - step < BOTTOM) {
			pages++;
			y = TOP;
		}
		y -= step;
	}
	return pages;
}

int pdf_render(const model_t *m, const render_ctx *rc)
{
	char title[160];
	snprintf(title, sizeof title, "Raadsrapportage Excellente dienstverlening %d", m->report_year);
	pdf_setup s = {{rc->fonts[0], rc->fonts[1], rc->fonts[2], rc->fonts[3]}, rc->icc, title, m->gemeente,
		"Uitvoeringsprogramma Excellente dienstverlening", m->voorbeelddata ? "voorbeelddata" : NULL, "nl-NL",
		rc->stamp};
	rep r = {0};
	r.m = m;
	r.rc = rc;
	r.page = -1;
	r.d = pdf_open(&s);
	r.running = xasprintf("Raadsrapportage Excellente dienstverlening · %s %d", m->gemeente, m->report_year);
	r.expanded = xcalloc(m->nabbrevs ? m->nabbrevs : 1, 1);
	cover(&r);
	/* the contents come second; their pages are kept free and filled in at the end */
	int toc_first = pdf_page_count(r.d);
	int ntoc = toc_pages(m);
	int toc_elem = pdf_begin(r.d, "TOC");
	pdf_end(r.d);
	for (int i = 0; i < ntoc; i++)
		new_page(&r);
	r.chapter = 1;
	summary(&r);
	satisfaction(&r);
	goals(&r, SOORT_ACTIE, "Acties voor de hele organisatie");
	goals(&r, SOORT_TEAMDOEL, "Dienstverlening is van ons allemaal: doelen per team");
	finances(&r);
	appendix(&r);
	contents(&r, toc_first, ntoc, toc_elem);
	running(&r);
	buf_t out = {0};
	int rv = pdf_finish(r.d, &out);
	if (rv != 0) {
		char *why = xasprintf("kan de PDF niet maken: %s", pdf_error(r.d) ? pdf_error(r.d) : "onbekende fout");
		out_error(rc->out, rc->pdf_name, why, 0);
		free(why);
	} else {
		rv = out_write(rc->out, rc->pdf_name, out.s, out.len);
	}
	buf_free(&out);
	pdf_close(r.d);
	for (size_t i = 0; i < r.ntoc; i++)
		free(r.toc[i].title);
	free(r.toc);
	free(r.running);
	free(r.expanded);
	return rv;
}
