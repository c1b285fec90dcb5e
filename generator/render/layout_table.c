/* layout_table.c - tables (layout.h): column widths from what the cells hold, numbers aligned
 * on their decimal comma and their headers with them, totals set apart, empty and constant
 * columns left out, and breaks between rows with the caption "(vervolg)" and the header
 * repeated. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/layout_int.h"

#define TPAD 4.0f
#define MAXCOLS 24

enum {
	KEEP_ROWS = 3, /* rows a split table keeps on its first and on its last page */
	SHORT_ROWS = 6 /* a table of at most this many rows is not split (when it fits on a page) */
};

typedef struct {
	char *head;
	lay_align al;
	float fixed;
	unsigned flags;
} tcol;

struct lay_table {
	char *caption;
	tcol cols[MAXCOLS];
	int ncols;
	rich *cells;
	size_t ncells, capcells;
	unsigned char *total;
	size_t captotal;
	int next_total;
	int as_written;
};

lay_table *tab_new(const char *caption)
{
	lay_table *t = xcalloc(1, sizeof *t);
	t->caption = xstrdup(caption);
	return t;
}

void tab_free(lay_table *t)
{
	if (!t)
		return;
	for (int c = 0; c < t->ncols; c++)
		free(t->cols[c].head);
	for (size_t i = 0; i < t->ncells; i++)
		rich_free(&t->cells[i]);
	free(t->cells);
	free(t->total);
	free(t->caption);
	free(t);
}

void tab_col(lay_table *t, const char *head, lay_align al, float width, unsigned flags)
{
	if (t->ncols == MAXCOLS)
		return;
	t->cols[t->ncols++] = (tcol){xstrdup(head), al, width, flags};
}

size_t tab_rows(const lay_table *t)
{
	return t->ncols ? t->ncells / (size_t)t->ncols : 0;
}

void tab_as_written(lay_table *t)
{
	t->as_written = 1;
}

void tab_total(lay_table *t)
{
	t->next_total = 1;
}

static rich *next_cell(lay_table *t)
{
	if (t->ncells % (size_t)t->ncols == 0) {
		size_t row = t->ncells / (size_t)t->ncols;
		t->total = xgrow(t->total, &t->captotal, row, 1);
		t->total[row] = (unsigned char)t->next_total;
		t->next_total = 0;
	}
	t->cells = xgrow(t->cells, &t->capcells, t->ncells, sizeof *t->cells);
	rich *r = &t->cells[t->ncells++];
	memset(r, 0, sizeof *r);
	return r;
}

static pdf_face cell_face(const lay_table *t, size_t i)
{
	size_t row = i / (size_t)t->ncols;
	int col = (int)(i % (size_t)t->ncols);
	return t->total[row] || (t->cols[col].flags & TC_ROWHEAD) ? PF_BOLD : PF_REGULAR;
}

void tab_cell(lay_table *t, const char *text)
{
	if (!t->ncols)
		return;
	rich *r = next_cell(t);
	rich_puts(r, text, cell_face(t, t->ncells - 1));
}

void tab_cell_rich(lay_table *t, const rich *from)
{
	if (!t->ncols)
		return;
	rich_copy(next_cell(t), from);
}

void tab_cell_mark(lay_table *t, const char *icon, const char *word, unsigned rgb)
{
	if (!t->ncols)
		return;
	rich *r = next_cell(t);
	rich_mark(r, icon, word, cell_face(t, t->ncells - 1), rgb);
}

void tab_cell_ref(lay_table *t, const char *text, const char *anchor)
{
	if (!t->ncols)
		return;
	rich *r = next_cell(t);
	rich_ref(r, text, cell_face(t, t->ncells - 1), anchor);
}

/* --- measuring ------------------------------------------------------------------------------- */

static float longest_word(lay *l, const char *s, size_t n, pdf_face f, float size)
{
	float best = 0, w = 0;
	for (size_t i = 0; i < n;) {
		size_t k = lay_cp_len((unsigned char)s[i]);
		if (s[i] == ' ') {
			best = fmaxf(best, w);
			w = 0;
		} else {
			w += pdf_cp_width(l->d, f, size, lay_cp_at(s + i, n - i));
		}
		i += k;
	}
	return fmaxf(best, w);
}

static float rich_width(lay *l, const rich *r, float size)
{
	float w = 0;
	for (size_t i = 0; i < r->nfrags; i++)
		w += pdf_width(l->d, r->frags[i].face, size, r->text.s + r->frags[i].off, r->frags[i].len);
	return w;
}

static float rich_longest(lay *l, const rich *r, float size)
{
	float best = 0;
	for (size_t i = 0; i < r->nfrags; i++)
		best = fmaxf(best, longest_word(l, r->text.s + r->frags[i].off, r->frags[i].len, r->frags[i].face, size));
	return best;
}

/* Where a number's decimal comma is (or where its digits end): the text before it is right of
 * the column's alignment line, the rest left of it. */
static size_t decimal_split(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && !(s[i] >= '0' && s[i] <= '9'))
		i++;
	if (i == n)
		return n;
	while (i < n && ((s[i] >= '0' && s[i] <= '9') || (s[i] == '.' && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9')))
		i++;
	return i;
}

static void split_widths(lay *l, const rich *r, float size, float *lw, float *rw)
{
	size_t sp = decimal_split(r->text.s ? r->text.s : "", r->text.len);
	*lw = *rw = 0;
	for (size_t i = 0; i < r->nfrags; i++) {
		const lay_frag *f = &r->frags[i];
		size_t a = f->off, b = f->off + f->len;
		if (a < sp)
			*lw += pdf_width(l->d, f->face, size, r->text.s + a, (b < sp ? b : sp) - a);
		if (b > sp)
			*rw += pdf_width(l->d, f->face, size, r->text.s + (a > sp ? a : sp), b - (a > sp ? a : sp));
	}
}

static int cell_empty(const rich *r)
{
	for (size_t i = 0; i < r->text.len; i++)
		if (r->text.s[i] != ' ')
			return 0;
	return 1;
}

typedef struct {
	const lay_table *t;
	int vis[MAXCOLS], nvis;
	float w[MAXCOLS];
	float lw[MAXCOLS], rw[MAXCOLS]; /* decimal columns: widest part left and right of the comma */
	float size, lead;
} tplan;

static const rich *cell(const tplan *p, size_t row, int v)
{
	return &p->t->cells[row * (size_t)p->t->ncols + (size_t)p->vis[v]];
}

static void measure(lay *l, tplan *p, float size, float *nat, float *min)
{
	const lay_table *t = p->t;
	size_t rows = tab_rows(t);
	for (int v = 0; v < p->nvis; v++) {
		const tcol *c = &t->cols[p->vis[v]];
		float hn = pdf_width(l->d, PF_BOLD, size, c->head, strlen(c->head));
		float hm = longest_word(l, c->head, strlen(c->head), PF_BOLD, size);
		float cn = 0, cm = 0;
		p->lw[v] = p->rw[v] = 0;
		for (size_t r = 0; r < rows; r++) {
			const rich *x = cell(p, r, v);
			if (c->al == AL_DECIMAL) {
				float a, b;
				split_widths(l, x, size, &a, &b);
				p->lw[v] = fmaxf(p->lw[v], a);
				p->rw[v] = fmaxf(p->rw[v], b);
			} else {
				float w = rich_width(l, x, size);
				cn = fmaxf(cn, w);
				cm = fmaxf(cm, c->al == AL_RIGHT || (c->flags & TC_NOWRAP) || w < 60 ? w : rich_longest(l, x, size));
			}
		}
		if (c->al == AL_DECIMAL)
			cn = cm = p->lw[v] + p->rw[v];
		nat[v] = fmaxf(cn, hn) + 2 * TPAD;
		min[v] = fmaxf(cm, hm) + 2 * TPAD;
		if (c->fixed > 0)
			nat[v] = min[v] = c->fixed;
	}
}

/* The font size (8,5 or 8 pt, never smaller) and the column widths: each at least its longest
 * word, numbers whole; then numeric columns up to their header's width (headers of at most two
 * lines), then text columns towards their natural width. A table is as wide as it needs, at
 * most the full width. */
static void plan(lay *l, tplan *p)
{
	static const float sizes[] = {8.5f, 8.0f};
	float nat[MAXCOLS], min[MAXCOLS], sum = 0;
	for (size_t s = 0; s < 2; s++) {
		p->size = sizes[s];
		measure(l, p, p->size, nat, min);
		sum = 0;
		for (int v = 0; v < p->nvis; v++)
			sum += min[v];
		if (sum <= LAY_TW)
			break;
	}
	p->lead = p->size * 1.3f;
	if (sum > LAY_TW) {
		/* water level L with sum(min(min[c], L)) = TW: the widest columns break their words */
		float lo = 0, hi = LAY_TW;
		for (int it = 0; it < 40; it++) {
			float mid = (lo + hi) / 2, s2 = 0;
			for (int v = 0; v < p->nvis; v++)
				s2 += fminf(min[v], mid);
			if (s2 > LAY_TW)
				hi = mid;
			else
				lo = mid;
		}
		float s2 = 0;
		for (int v = 0; v < p->nvis; v++)
			s2 += p->w[v] = fminf(min[v], lo);
		p->w[p->nvis - 1] += LAY_TW - s2;
		return;
	}
	float left = LAY_TW - sum;
	for (int v = 0; v < p->nvis; v++)
		p->w[v] = min[v];
	/* numeric columns first, their headers on at most two lines; then the text columns towards
	 * their natural width; then the numeric headers on one line */
	float want[MAXCOLS];
	for (int v = 0; v < p->nvis; v++)
		want[v] = p->t->cols[p->vis[v]].al != AL_LEFT ? fmaxf(min[v], fminf(nat[v], (nat[v] - 2 * TPAD) / 2 + 2 * TPAD + 6))
		                                             : min[v];
	for (int pass = 0; pass < 3 && left > 0.01f; pass++) {
		/* each column towards its target, the ones that need least first: a water level lv
		 * with sum(min(to, max(w, lv)) - w) = left */
		float to[MAXCOLS], need = 0;
		for (int v = 0; v < p->nvis; v++) {
			int num = p->t->cols[p->vis[v]].al != AL_LEFT;
			to[v] = pass == 0 ? (num ? want[v] : p->w[v]) : pass == 1 ? (num ? p->w[v] : nat[v]) : nat[v];
			need += fmaxf(0, to[v] - p->w[v]);
		}
		if (need <= 0)
			continue;
		float lv = 1e6f;
		if (need > left) {
			float lo = 0, hi = LAY_TW;
			for (int it = 0; it < 40; it++) {
				float mid = (lo + hi) / 2, g = 0;
				for (int v = 0; v < p->nvis; v++)
					g += fmaxf(0, fminf(to[v], fmaxf(p->w[v], mid)) - p->w[v]);
				if (g > left)
					hi = mid;
				else
					lo = mid;
			}
			lv = lo;
		}
		for (int v = 0; v < p->nvis; v++) {
			float g = fmaxf(0, fminf(to[v], fmaxf(p->w[v], lv)) - p->w[v]);
			p->w[v] += g;
			left -= g;
		}
	}
}

/* --- drawing --------------------------------------------------------------------------------- */

typedef struct {
	const lay_lines *ls[MAXCOLS];
	float h;
} trow;

static void row_lay_out(lay *l, const tplan *p, const rich *const *cells, int header, trow *row)
{
	memset(row, 0, sizeof *row);
	for (int v = 0; v < p->nvis; v++) {
		const tcol *c = &p->t->cols[p->vis[v]];
		float width = header || c->al == AL_LEFT ? p->w[v] - 2 * TPAD : 1e6f;
		row->ls[v] = lay_break(l, cells[v], p->size, width);
		size_t n = row->ls[v]->nlines ? row->ls[v]->nlines : 1;
		row->h = fmaxf(row->h, (float)n * p->lead + 2 * TPAD);
	}
}

/* A row with its top at l->y; with `tags`, as TR with TH or TD cells. */
static void row_draw(lay *l, const tplan *p, const rich *const *cells, const trow *row, int header, int total,
                     int tags, float tw)
{
	float x = LAY_ML, top = l->y, h = row->h;
	if (header)
		pdf_rect(l->d, LAY_ML, top - h, tw, h, LAY_HEAD);
	if (total) {
		pdf_rect(l->d, LAY_ML, top - h, tw, h, LAY_TOTAL);
		pdf_line(l->d, LAY_ML, top, LAY_ML + tw, top, 0.9f, LAY_MUTED, NULL);
	}
	if (tags)
		pdf_begin(l->d, "TR");
	for (int v = 0; v < p->nvis; v++) {
		const tcol *c = &p->t->cols[p->vis[v]];
		int th = header || (c->flags & TC_ROWHEAD);
		int e = tags ? pdf_begin(l->d, th ? "TH" : "TD") : -1;
		if (tags && th)
			pdf_set_scope(l->d, e, header ? "Column" : "Row");
		const lay_lines *ls = row->ls[v];
		for (size_t i = 0; i < ls->nlines; i++) {
			float base = top - TPAD - (float)(i + 1) * p->lead + (p->lead - p->size) * 0.5f + 1;
			float right = 0, xx = x + TPAD;
			if (c->al == AL_RIGHT || (header && c->al == AL_DECIMAL)) {
				right = x + p->w[v] - TPAD;
			} else if (c->al == AL_DECIMAL) {
				float a, b;
				split_widths(l, cells[v], p->size, &a, &b);
				xx = x + p->w[v] - TPAD - p->rw[v] - a;
			}
			lay_draw_line(l, cells[v], ls, i, xx, base, LAY_TEXT, right);
		}
		if (tags)
			pdf_end(l->d);
		x += p->w[v];
	}
	if (tags)
		pdf_end(l->d);
	pdf_line(l->d, LAY_ML, top - h, LAY_ML + tw, top - h, header ? 0.8f : 0.4f, header ? LAY_MUTED : LAY_GRID, NULL);
	l->y -= h;
}

/* Where the body breaks across pages (brk[i]: before row i): as late as rows fit, never leaving
 * fewer than KEEP_ROWS rows alone on the last page. A row taller than a page gets a page of its
 * own and runs over it. */
static void plan_breaks(const float *hs, size_t n, float y, float head_h, unsigned char *brk)
{
	size_t start = 0, last = 0, before = 0;
	for (size_t i = 0; i < n; i++) {
		if (y - hs[i] < LAY_BOTTOM && i > start) {
			brk[i] = 1;
			before = last;
			last = start = i;
			y = LAY_TOP - head_h;
		}
		y -= hs[i];
	}
	if (last > 0 && n - last < KEEP_ROWS && n >= KEEP_ROWS) {
		size_t earlier = n - KEEP_ROWS;
		float moved = 0;
		for (size_t i = earlier; i < n; i++)
			moved += hs[i];
		if (earlier >= before + KEEP_ROWS && moved <= LAY_TOP - head_h - LAY_BOTTOM) {
			brk[last] = 0;
			brk[earlier] = 1;
		}
	}
}

static unsigned long long fnv(unsigned long long h, const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 1099511628211ULL;
	return h;
}

int tab_set(lay *l, lay_table *t)
{
	size_t rows = tab_rows(t);
	if (!rows || !t->ncols)
		return 0;
	tplan p = {0};
	p.t = t;
	/* columns with nothing in them go; a column that says the same in every row is said once,
	 * in the caption */
	buf_t cap = {0};
	buf_puts(&cap, t->caption);
	for (int c = 0; c < t->ncols; c++) {
		int empty = 1, same = rows > 1;
		for (size_t r = 0; r < rows; r++) {
			const rich *x = &t->cells[r * (size_t)t->ncols + (size_t)c];
			const rich *x0 = &t->cells[(size_t)c];
			empty &= cell_empty(x);
			same &= x->text.len == x0->text.len && (!x->text.len || !memcmp(x->text.s, x0->text.s, x->text.len));
		}
		if ((t->cols[c].flags & TC_DROP_EMPTY) && empty)
			continue;
		if (t->cols[c].flags & TC_NOTES)
			continue; /* said under the table */
		if ((t->cols[c].flags & TC_FOLD_SAME) && same && !empty) {
			const rich *x0 = &t->cells[(size_t)c];
			buf_printf(&cap, ". %s: overal %.*s", t->cols[c].head, (int)x0->text.len, x0->text.s);
			continue;
		}
		p.vis[p.nvis++] = c;
	}
	if (!p.nvis) {
		buf_free(&cap);
		return 0;
	}
	/* the same table twice is printed once */
	unsigned long long fp = 1469598103934665603ULL;
	for (int v = 0; v < p.nvis; v++) {
		fp = fnv(fp, t->cols[p.vis[v]].head, strlen(t->cols[p.vis[v]].head) + 1);
		for (size_t r = 0; r < rows; r++) {
			const rich *x = cell(&p, r, v);
			fp = fnv(fp, x->text.s ? x->text.s : "", x->text.len);
			fp = fnv(fp, "|", 1);
		}
	}
	for (size_t i = 0; i < l->ntab_fp; i++)
		if (l->tab_fp[i] == fp) {
			buf_free(&cap);
			return -(int)(i + 1);
		}
	l->tab_fp = xgrow(l->tab_fp, &l->captab_fp, l->ntab_fp, sizeof *l->tab_fp);
	l->tab_fp[l->ntab_fp++] = fp;
	int num = ++l->tables;

	/* cells in running text get the document's hook (abbreviations written out); headers not */
	for (size_t i = 0; i < t->ncells; i++)
		if (l->s.expand && !t->as_written && !(t->cells[i].nfrags && t->cells[i].frags[0].anchor))
			l->s.expand(l->s.ctx, &t->cells[i]);
	plan(l, &p);
	float tw = 0;
	for (int v = 0; v < p.nvis; v++)
		tw += p.w[v];
	char *captext = xasprintf("Tabel %d. %s", num, cap.s);
	buf_free(&cap);
	rich ct = {0};
	rich_puts(&ct, captext, PF_BOLD);
	float caph = lay_height(l, &ct, LAY_TW, LAY_SMALL + 0.5f, 12);
	rich *heads = xcalloc((size_t)p.nvis, sizeof *heads);
	const rich *hp[MAXCOLS], *cp[MAXCOLS];
	for (int v = 0; v < p.nvis; v++) {
		heads[v].no_hyphens = 1;
		rich_puts(&heads[v], t->cols[p.vis[v]].head, PF_BOLD);
		hp[v] = &heads[v];
	}
	trow *head = xmalloc(sizeof *head), *row = xmalloc(sizeof *row);
	row_lay_out(l, &p, hp, 1, head);
	float *hs = xmalloc(rows * sizeof *hs), first = 0;
	for (size_t r = 0; r < rows; r++) {
		for (int v = 0; v < p.nvis; v++)
			cp[v] = cell(&p, r, v);
		row_lay_out(l, &p, cp, 0, row);
		hs[r] = row->h;
		if (r < KEEP_ROWS || rows <= SHORT_ROWS)
			first += hs[r];
	}
	lay_need(l, 8 + caph + 2 + head->h + first);
	lay_skip(l, 8);
	char an[32];
	snprintf(an, sizeof an, "tabel:%d", num);
	char what[32];
	snprintf(what, sizeof what, "tabel %d", num);
	lay_anchor_at(l, an, l->page, l->y + 4, what);
	int te = pdf_begin(l->d, "Table");
	float top = l->y;
	int top_page = l->page;
	pdf_begin(l->d, "Caption");
	lay_flow(l, &ct, LAY_ML, LAY_TW, LAY_SMALL + 0.5f, 12, LAY_TEXT);
	pdf_end(l->d);
	l->y -= 2;
	pdf_begin(l->d, "THead");
	row_draw(l, &p, hp, head, 1, 0, 1, tw);
	pdf_end(l->d);
	unsigned char *brk = xcalloc(rows, 1);
	plan_breaks(hs, rows, l->y, head->h + 14, brk);
	pdf_begin(l->d, "TBody");
	for (size_t r = 0; r < rows; r++) {
		for (int v = 0; v < p.nvis; v++)
			cp[v] = cell(&p, r, v);
		row_lay_out(l, &p, cp, 0, row);
		if (brk[r]) {
			/* the caption's "(vervolg)" and the header again, as decoration: the table has
			 * one caption and one header */
			lay_new_page(l);
			pdf_artifact_begin(l->d);
			char *more = xasprintf("Tabel %d (vervolg)", num);
			pdf_text(l->d, PF_ITALIC, LAY_SMALL, LAY_ML, l->y - 10, LAY_MUTED, more, strlen(more));
			free(more);
			l->y -= 14;
			row_draw(l, &p, hp, head, 1, 0, 0, tw);
			pdf_artifact_end(l->d);
		}
		row_draw(l, &p, cp, row, 0, t->total[r], 1, tw);
	}
	for (int v = 0; v < p.nvis; v++)
		rich_free(&heads[v]);
	free(heads);
	free(brk);
	free(hs);
	free(row);
	free(head);
	pdf_end(l->d);
	if (l->page == top_page)
		pdf_set_bbox(l->d, te, LAY_ML, l->y, LAY_ML + tw, top);
	pdf_end(l->d);
	l->y -= 10;
	rich_free(&ct);
	free(captext);
	/* the remarks of a notes column, each after its row's name */
	for (int c = 0; c < t->ncols; c++) {
		if (!(t->cols[c].flags & TC_NOTES))
			continue;
		for (size_t r = 0; r < rows; r++) {
			const rich *x = &t->cells[r * (size_t)t->ncols + (size_t)c];
			if (cell_empty(x))
				continue;
			const rich *name = cell(&p, r, 0);
			rich nt = {0};
			rich_add(&nt, name->text.s ? name->text.s : "", name->text.len, PF_ITALIC);
			rich_puts(&nt, ": ", PF_ITALIC);
			rich_add(&nt, x->text.s, x->text.len, PF_ITALIC);
			rich_puts(&nt, ".", PF_ITALIC);
			pdf_begin(l->d, "P");
			lay_flow(l, &nt, LAY_ML, LAY_TW, LAY_SMALL, LAY_SMALL * 1.35f, LAY_MUTED);
			pdf_end(l->d);
			rich_free(&nt);
		}
		l->y -= 6;
	}
	return num;
}
