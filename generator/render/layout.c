/* layout.c - see layout.h. Tables are in layout_table.c. */
#include "render/layout.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "render/layout_int.h"

const pdf_rgb LAY_TEXT = {0.106f, 0.106f, 0.106f};   /* #1b1b1b */
const pdf_rgb LAY_MUTED = {0.290f, 0.333f, 0.388f};  /* #4a5563, 7.6:1 */
const pdf_rgb LAY_ACCENT = {0.122f, 0.306f, 0.475f}; /* #1f4e79 */
const pdf_rgb LAY_GRID = {0.835f, 0.859f, 0.882f};   /* #d5dbe1 */
const pdf_rgb LAY_HEAD = {0.867f, 0.906f, 0.941f};   /* #dde7f0 */
const pdf_rgb LAY_WHITE = {1.0f, 1.0f, 1.0f};
const pdf_rgb LAY_LINK = {0.051f, 0.318f, 0.588f};   /* #0d5196 */
const pdf_rgb LAY_TOTAL = {0.945f, 0.953f, 0.961f};  /* #f1f3f5 */

pdf_rgb lay_rgb(unsigned hex)
{
	return (pdf_rgb){(float)((hex >> 16) & 0xff) / 255.0f, (float)((hex >> 8) & 0xff) / 255.0f,
	                 (float)(hex & 0xff) / 255.0f};
}

/* --- rich text ------------------------------------------------------------------------------ */

static lay_frag *frag_new(rich *t, pdf_face face, size_t len)
{
	t->frags = xgrow(t->frags, &t->cap, t->nfrags, sizeof *t->frags);
	lay_frag *f = &t->frags[t->nfrags++];
	memset(f, 0, sizeof *f);
	f->face = face;
	f->off = t->text.len;
	f->len = len;
	return f;
}

static int plain(const lay_frag *f)
{
	return !f->url && !f->anchor && !f->expand && !f->artifact && !f->colored;
}

void rich_add(rich *t, const char *s, size_t len, pdf_face face)
{
	if (!len)
		return;
	lay_frag *last = t->nfrags ? &t->frags[t->nfrags - 1] : NULL;
	if (last && last->face == face && plain(last)) {
		last->len += len;
	} else {
		frag_new(t, face, len);
	}
	buf_add(&t->text, s, len);
}

void rich_puts(rich *t, const char *s, pdf_face face)
{
	rich_add(t, s, strlen(s), face);
}

void rich_url(rich *t, const char *s, pdf_face face, const char *url)
{
	size_t len = strlen(s);
	if (!len)
		return;
	lay_frag *last = t->nfrags ? &t->frags[t->nfrags - 1] : NULL;
	if (last && last->face == face && last->url == url && !last->anchor && !last->expand && !last->artifact &&
	    !last->colored) {
		last->len += len;
	} else {
		frag_new(t, face, len)->url = url;
	}
	buf_add(&t->text, s, len);
}

void rich_ref(rich *t, const char *s, pdf_face face, const char *anchor)
{
	size_t len = strlen(s);
	if (!len)
		return;
	frag_new(t, face, len)->anchor = xstrdup(anchor);
	buf_add(&t->text, s, len);
}

void rich_abbr(rich *t, const char *s, size_t len, pdf_face face, const char *full)
{
	if (!len)
		return;
	frag_new(t, face, len)->expand = full;
	buf_add(&t->text, s, len);
}

void rich_color(rich *t, const char *s, pdf_face face, unsigned rgb)
{
	size_t len = strlen(s);
	if (!len)
		return;
	lay_frag *f = frag_new(t, face, len);
	f->colored = 1;
	f->color = lay_rgb(rgb);
	buf_add(&t->text, s, len);
}

void rich_mark(rich *t, const char *icon, const char *word, pdf_face face, unsigned rgb)
{
	if (icon && *icon) {
		lay_frag *f = frag_new(t, face, strlen(icon));
		f->artifact = 1;
		f->colored = 1;
		f->color = lay_rgb(rgb);
		buf_puts(&t->text, icon);
		rich_add(t, " ", 1, face);
	}
	rich_color(t, word, face, rgb);
}

void rich_copy_frag(rich *to, const rich *from, size_t i)
{
	const lay_frag *f = &from->frags[i];
	lay_frag *g = frag_new(to, f->face, f->len);
	*g = *f;
	g->off = to->text.len;
	g->anchor = f->anchor ? xstrdup(f->anchor) : NULL;
	buf_add(&to->text, from->text.s + f->off, f->len);
}

void rich_copy(rich *to, const rich *from)
{
	for (size_t i = 0; i < from->nfrags; i++)
		rich_copy_frag(to, from, i);
	to->no_hyphens |= from->no_hyphens;
}

void rich_clear(rich *t)
{
	for (size_t i = 0; i < t->nfrags; i++)
		free(t->frags[i].anchor);
	buf_reset(&t->text);
	t->nfrags = 0;
}

void rich_free(rich *t)
{
	rich_clear(t);
	buf_free(&t->text);
	free(t->frags);
	memset(t, 0, sizeof *t);
}

/* --- drawing a broken line ------------------------------------------------------------------- */

/* The colour a run is drawn in. */
static pdf_rgb run_color(const lay_frag *f, pdf_rgb base)
{
	if (f->url || f->anchor)
		return LAY_LINK;
	return f->colored ? f->color : base;
}

static int same_run(const lay_frag *a, const lay_frag *b)
{
	return a->face == b->face && a->url == b->url && a->expand == b->expand && a->artifact == b->artifact &&
	       a->colored == b->colored && (!a->colored || !memcmp(&a->color, &b->color, sizeof a->color)) &&
	       ((!a->anchor && !b->anchor) || (a->anchor && b->anchor && !strcmp(a->anchor, b->anchor)));
}

/* Draw line i with its baseline at y; runs of one kind are drawn as one text. `right`: the line
 * ends there (right-aligned), else it starts at x. A dry run draws nothing. */
void lay_draw_line(lay *l, const rich *t, const lay_lines *ls, size_t i, float x, float y, pdf_rgb color, float right)
{
	if (l->dry)
		return;
	const lay_line *ln = &ls->lines[i];
	if (right > 0)
		x = right - ln->w;
	buf_t seg = {0};
	size_t a = ln->a0;
	while (a < ln->a1) {
		const lay_frag *fr = &t->frags[ls->atoms[a].frag];
		float x0 = x, w = 0;
		buf_reset(&seg);
		size_t b = a;
		int hyphen = 0;
		while (b < ln->a1) {
			const lay_atom *at = &ls->atoms[b];
			const lay_frag *f2 = &t->frags[at->frag];
			if (!same_run(f2, fr))
				break;
			if (at->space && b > a) {
				buf_putc(&seg, ' ');
				w += pdf_width(l->d, f2->face, ls->size, " ", 1);
			}
			buf_add(&seg, t->text.s + at->off, at->len);
			w += at->w;
			b++;
			if (at->hyphen) {
				hyphen = 1;
				break;
			}
		}
		/* the space between two runs belongs to the first; the space where the line wraps is
		 * kept too (it draws nothing at the line's end), so text taken from the structure reads
		 * "doelen per", not "doelenper" */
		if (!hyphen && b < ln->a1 && ls->atoms[b].space) {
			buf_putc(&seg, ' ');
			w += pdf_width(l->d, fr->face, ls->size, " ", 1);
		} else if (!hyphen && b == ln->a1 && b < ls->natoms && (ls->atoms[b].space || ls->atoms[b].hard)) {
			buf_putc(&seg, ' ');
		}
		pdf_rgb c = run_color(fr, color);
		if (fr->artifact) {
			pdf_artifact_begin(l->d);
			pdf_text(l->d, fr->face, ls->size, x0, y, c, seg.s, seg.len);
			pdf_artifact_end(l->d);
		} else if (fr->url || fr->anchor) {
			pdf_begin(l->d, "Link");
			pdf_text(l->d, fr->face, ls->size, x0, y, c, seg.s, seg.len);
			float uw = w - (seg.len && seg.s[seg.len - 1] == ' ' ? pdf_width(l->d, fr->face, ls->size, " ", 1) : 0);
			pdf_line(l->d, x0, y - 1.5f, x0 + uw, y - 1.5f, 0.5f, LAY_LINK, NULL);
			if (fr->url) {
				char *what = xasprintf("Link naar %s", fr->url);
				pdf_link_uri(l->d, x0, y - 3, uw, ls->size + 3, fr->url, what);
				free(what);
			} else {
				const lay_anchor_t *an = lay_find_anchor(l, fr->anchor);
				if (an) {
					/* a link read out of its line ("blz. 16") says where it leads */
					char *what = an->title ? xasprintf("Naar %s, pagina %d", an->title, an->page + 1)
					                       : xasprintf("Naar pagina %d", an->page + 1);
					pdf_link_page(l->d, x0, y - 3, uw, ls->size + 3, an->page, an->top, what);
					free(what);
				}
			}
			pdf_end(l->d);
		} else if (fr->expand) {
			int e = pdf_begin(l->d, "Span");
			pdf_set_expansion(l->d, e, fr->expand);
			pdf_text(l->d, fr->face, ls->size, x0, y, c, seg.s, seg.len);
			pdf_end(l->d);
		} else {
			pdf_text(l->d, fr->face, ls->size, x0, y, c, seg.s, seg.len);
		}
		x = x0 + w;
		if (hyphen) {
			/* the hyphen a break adds is no part of the word */
			pdf_artifact_begin(l->d);
			pdf_text(l->d, fr->face, ls->size, x, y, c, "-", 1);
			pdf_artifact_end(l->d);
		}
		a = b;
	}
	buf_free(&seg);
}

/* --- the typesetter ------------------------------------------------------------------------- */

lay *lay_new(const lay_setup *s)
{
	lay *l = xcalloc(1, sizeof *l);
	l->s = *s;
	l->d = s->d;
	l->toc_reserve = 1;
	l->contents_first = -1;
	return l;
}

static void anchors_free(lay_anchor_t *a, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(a[i].name);
		free(a[i].title);
	}
	free(a);
}

static void toc_clear(lay *l)
{
	for (size_t i = 0; i < l->ntoc; i++) {
		free(l->toc[i].title);
		free(l->toc[i].anchor);
	}
	l->ntoc = 0;
}

void lay_free(lay *l)
{
	if (!l)
		return;
	anchors_free(l->an, l->nan);
	anchors_free(l->prev_an, l->nprev_an);
	toc_clear(l);
	free(l->toc);
	free(l->page_chapter);
	free(l->fig_fp);
	free(l->tab_fp);
	for (int i = 0; i < 5; i++)
		free(l->title[i]);
	free(l->contents_title);
	free(l->brk);
	free(l->an_slot);
	lay_break_free(l);
	free(l);
}

void lay_pass_begin(lay *l, int dry)
{
	l->dry = dry;
	pdf_set_dry(l->d, dry);
	anchors_free(l->an, l->nan);
	l->an = NULL;
	l->nan = l->capan = 0;
	toc_clear(l);
	l->page = -1;
	l->y = LAY_TOP;
	l->chapter_no = l->section_no = 0;
	l->figures = l->tables = 0;
	l->nfig_fp = l->ntab_fp = 0;
	l->npage_chapter = 0;
	l->cur_chapter = -1;
	l->quote = 0;
	l->indent = 0;
	l->list_depth = 0;
	l->contents_first = -1;
	l->keep_no = l->pending = 0;
	l->brk_changed = 0;
	for (int i = 0; i < 5; i++) {
		free(l->title[i]);
		l->title[i] = NULL;
	}
	/* the drawn run: every page exists before anything is drawn, so a link can point ahead */
	if (!dry)
		for (int i = 0; i < l->prev_pages; i++)
			pdf_add_page(l->d);
}

int lay_dry(const lay *l)
{
	return l->dry;
}

int lay_breaks_changed(const lay *l)
{
	return l->brk_changed;
}

void lay_set_doc(lay *l, pdfdoc *d)
{
	l->d = l->s.d = d;
}

static int contents_pages(lay *l);
static void anchors_index(lay *l);

int lay_pass_end(lay *l)
{
	int settled = l->nprev_an == l->nan && l->prev_pages == l->page + 1 && l->have_prev && !l->brk_changed;
	float tolerance = l->dry ? 0.01f : 0;
	for (size_t i = 0; settled && i < l->nan; i++)
		settled = !strcmp(l->an[i].name, l->prev_an[i].name) && l->an[i].page == l->prev_an[i].page &&
		          fabsf(l->an[i].top - l->prev_an[i].top) <= tolerance;
	int need = l->contents_first >= 0 ? contents_pages(l) : 0, moved = 0;
	if (l->contents_first >= 0 && need != l->toc_reserve) {
		/* the pages after the contents move with it: the next run starts from the places
		 * they will have, so that it can confirm them rather than find them */
		int after = l->contents_first + l->toc_reserve;
		moved = need - l->toc_reserve;
		for (size_t i = 0; i < l->nan; i++)
			if (l->an[i].page >= after)
				l->an[i].page += moved;
		l->toc_reserve = need;
		settled = 0;
	}
	anchors_free(l->prev_an, l->nprev_an);
	l->prev_an = l->an;
	l->nprev_an = l->nan;
	l->an = NULL;
	l->nan = l->capan = 0;
	anchors_index(l);
	l->prev_pages = l->page + 1 + moved;
	l->have_prev = 1;
	return settled;
}

static void quote_bar(lay *l, float bottom)
{
	if (!l->quote || l->page < 0)
		return;
	pdf_artifact_begin(l->d);
	pdf_rect(l->d, LAY_ML + 2, bottom, 2.2f, l->quote_top - bottom, LAY_GRID);
	pdf_artifact_end(l->d);
}

int lay_keep_point(lay *l)
{
	int k = ++l->keep_no;
	for (size_t i = 0; i < l->nbrk; i++)
		if (l->brk[i] == k) {
			if (l->page >= 0 && !lay_at_top(l))
				lay_new_page(l);
			break;
		}
	return k;
}

void lay_keep_set(lay *l, int k)
{
	l->pending = k;
	l->pending_page = l->page;
}

void lay_new_page(lay *l)
{
	/* a heading or label with nothing after it on this page: next time it starts the page */
	if (l->pending && l->pending_page == l->page && l->page >= 0) {
		l->brk = xgrow(l->brk, &l->capbrk, l->nbrk, sizeof *l->brk);
		l->brk[l->nbrk++] = l->pending;
		l->brk_changed = 1;
	}
	l->pending = 0;
	if (l->quote)
		quote_bar(l, LAY_BOTTOM);
	if (!l->dry && l->page + 1 < pdf_page_count(l->d)) {
		l->page++;
		pdf_use_page(l->d, l->page);
	} else {
		l->page = pdf_add_page(l->d);
	}
	l->y = LAY_TOP;
	l->quote_top = LAY_TOP;
	if (l->page < 0)
		return; /* the document failed (a font libharu cannot load: pdf_error says) */
	l->page_chapter = xgrow(l->page_chapter, &l->cappage_chapter, l->npage_chapter, sizeof *l->page_chapter);
	while (l->npage_chapter <= (size_t)l->page)
		l->page_chapter[l->npage_chapter++] = l->cur_chapter;
}

void lay_need(lay *l, float h)
{
	if (l->page < 0 || l->y - h < LAY_BOTTOM)
		lay_new_page(l);
}

int lay_at_top(const lay *l)
{
	return l->y >= LAY_TOP - 0.01f;
}

float lay_y(const lay *l)
{
	return l->y;
}

void lay_skip(lay *l, float h)
{
	if (!lay_at_top(l))
		l->y -= h;
}

void lay_goto(lay *l, float y)
{
	l->y = y;
}

int lay_page(const lay *l)
{
	return l->page;
}

pdfdoc *lay_doc(lay *l)
{
	return l->d;
}

float lay_width(lay *l, pdf_face f, float size, const char *s)
{
	return pdf_width(l->d, f, size, s, strlen(s));
}

/* --- anchors ------------------------------------------------------------------------------------ */

void lay_anchor_at(lay *l, const char *name, int page, float top, const char *title)
{
	l->an = xgrow(l->an, &l->capan, l->nan, sizeof *l->an);
	l->an[l->nan++] = (lay_anchor_t){xstrdup(name), page, top, title ? xstrdup(title) : NULL};
}

void lay_anchor(lay *l, const char *name, const char *title)
{
	if (l->page < 0)
		lay_new_page(l);
	lay_anchor_at(l, name, l->page, l->y + 4, title);
}

/* The previous run's anchors by name; the first of a name is the one found. */
static void anchors_index(lay *l)
{
	size_t n = 64;
	while (n < 2 * l->nprev_an)
		n *= 2;
	free(l->an_slot);
	l->an_slot = xcalloc(n, sizeof *l->an_slot);
	l->an_slots = n;
	for (size_t i = 0; i < l->nprev_an; i++) {
		const char *name = l->prev_an[i].name;
		size_t j = mem_hash(name, strlen(name)) & (n - 1);
		while (l->an_slot[j] && strcmp(l->prev_an[l->an_slot[j] - 1].name, name) != 0)
			j = (j + 1) & (n - 1);
		if (!l->an_slot[j])
			l->an_slot[j] = i + 1;
	}
}

/* The anchor as the previous run placed it (the drawn run's own places are the same). */
const lay_anchor_t *lay_find_anchor(const lay *l, const char *name)
{
	if (!l->an_slots)
		return NULL;
	size_t j = mem_hash(name, strlen(name)) & (l->an_slots - 1);
	for (; l->an_slot[j]; j = (j + 1) & (l->an_slots - 1))
		if (!strcmp(l->prev_an[l->an_slot[j] - 1].name, name))
			return &l->prev_an[l->an_slot[j] - 1];
	return NULL;
}

int lay_anchor_page(const lay *l, const char *name)
{
	const lay_anchor_t *a = lay_find_anchor(l, name);
	return a ? a->page + 1 : 0;
}

void lay_page_num(const lay *l, const char *name, char *out)
{
	int p = lay_anchor_page(l, name);
	snprintf(out, 24, "%d", p ? p : 88);
}

void lay_page_ref(const lay *l, const char *name, char *out)
{
	int p = lay_anchor_page(l, name);
	if (p)
		snprintf(out, 24, "blz.\u00a0%d", p);
	else
		snprintf(out, 24, "blz.\u00a088"); /* as wide as most page numbers */
}

/* --- text ---------------------------------------------------------------------------------------- */

float lay_height(lay *l, const rich *t, float width, float size, float lead)
{
	return (float)lay_break(l, t, size, width)->nlines * lead;
}

/* Lines of text broken before (lay_break) in the current element at x, split across pages so
 * that neither page gets a single line of it. */
static void flow_lines(lay *l, const rich *t, const lay_lines *ls, float x, float size, float lead, pdf_rgb color)
{
	size_t i = 0, n = ls->nlines;
	while (i < n) {
		size_t left = n - i;
		size_t fits = l->page < 0 ? 0 : (size_t)((l->y - LAY_BOTTOM) / lead);
		size_t take = left <= fits ? left : fits;
		if (take < left) {
			if (left - take < 2)
				take = left >= 2 ? left - 2 : 0;
			if (take < 2)
				take = 0;
		}
		if (take == 0) {
			if (l->page >= 0 && lay_at_top(l))
				take = left < fits ? left : fits ? fits : 1;
			else {
				lay_new_page(l);
				if (l->page < 0)
					return; /* no page can be made: the document failed */
				continue;
			}
		}
		l->pending = 0; /* what a heading keeps with is there */
		for (size_t k = 0; k < take; k++, i++) {
			l->y -= lead;
			lay_draw_line(l, t, ls, i, x, l->y + (lead - size) * 0.5f, color, 0);
		}
		if (i < n)
			lay_new_page(l);
	}
}

void lay_flow(lay *l, const rich *t, float x, float width, float size, float lead, pdf_rgb color)
{
	flow_lines(l, t, lay_break(l, t, size, width), x, size, lead, color);
}

static void expand(lay *l, rich *t)
{
	if (l->s.expand)
		l->s.expand(l->s.ctx, t);
}

void lay_para(lay *l, rich *t, const lay_style *st_in)
{
	lay_style st = st_in ? *st_in : (lay_style){0};
	if (!st.size)
		st.size = LAY_BODY;
	if (!st.lead)
		st.lead = st.size == LAY_BODY ? LAY_LEAD : st.size * 1.4f;
	if (!st.width)
		st.width = LAY_BW - l->indent;
	if (!st.x)
		st.x = LAY_ML + l->indent;
	if (!st.has_color)
		st.color = LAY_TEXT;
	if (!st.tag)
		st.tag = "P";
	if (!st.raw)
		expand(l, t);
	pdf_begin(l->d, st.tag);
	lay_flow(l, t, st.x, st.width, st.size, st.lead, st.color);
	pdf_end(l->d);
	l->y -= st.after ? st.after : st.size * 0.5f;
}

void lay_text(lay *l, const char *s, pdf_face face, float size)
{
	rich t = {0};
	rich_puts(&t, s, face);
	lay_style st = {.size = size};
	lay_para(l, &t, &st);
	rich_free(&t);
}

/* --- headings ------------------------------------------------------------------------------------- */

static void toc_add(lay *l, const char *title, int level, float top, const char *anchor)
{
	l->toc = xgrow(l->toc, &l->captoc, l->ntoc, sizeof *l->toc);
	l->toc[l->ntoc++] = (lay_toc){xstrdup(title), level, l->page, top, anchor ? xstrdup(anchor) : NULL};
}

int lay_repeats_ancestor(const lay *l, int level, const char *title)
{
	for (int i = level - 1; i >= 1; i--)
		if (l->title[i] && !strcasecmp(l->title[i], title))
			return 1;
	return 0;
}

void lay_heading(lay *l, int level, const char *title, float keep, unsigned flags, const char *anchor)
{
	static const float size[] = {20, 14, 12, 10.5f};
	if (level < 1)
		level = 1;
	if (level > 4)
		level = 4;
	char num[16] = "";
	if (flags & LH_NUMBER) {
		if (level == 1)
			snprintf(num, sizeof num, "%d", ++l->chapter_no), l->section_no = 0;
		else if (level == 2 && l->chapter_no)
			snprintf(num, sizeof num, "%d.%d", l->chapter_no, ++l->section_no);
	}
	char *full = num[0] ? xasprintf("%s %s", num, title) : xstrdup(title);
	float sz = size[level - 1], lead = sz * 1.25f;
	rich t = {0};
	t.no_hyphens = 1;
	rich_puts(&t, full, PF_BOLD);
	const lay_lines *ls = lay_break(l, &t, sz, LAY_TW);
	float h = (float)ls->nlines * lead;
	float before = level == 2 ? 18 : level == 3 ? 12 : 8;
	int keep_no = lay_keep_point(l);
	if (level == 1) {
		if (l->quote)
			lay_quote_end(l);
		l->pending = 0;
		l->cur_chapter = (int)l->ntoc; /* the contents entry this chapter gets next */
		lay_new_page(l);
		if (l->s.chapter_reset)
			l->s.chapter_reset(l->s.ctx);
	} else {
		lay_need(l, before + h + keep);
		lay_skip(l, before);
	}
	float top = l->y + 6;
	char tag[4] = {'H', (char)('0' + level), 0, 0};
	if (anchor)
		lay_anchor_at(l, anchor, l->page, top, title);
	pdf_begin(l->d, tag);
	flow_lines(l, &t, ls, LAY_ML, sz, lead, level <= 2 ? LAY_ACCENT : LAY_TEXT);
	pdf_end(l->d);
	l->y -= level == 1 ? 14 : level == 2 ? 6 : 4;
	if (level > 1)
		lay_keep_set(l, keep_no);
	for (int i = level; i < 5; i++) {
		free(l->title[i]);
		l->title[i] = NULL;
	}
	l->title[level] = xstrdup(title);
	if (level == 1) {
		/* the running head names the chapter on every page but its first */
		l->page_chapter[l->page] = (int)l->ntoc;
		if (!(flags & LH_TOC)) /* a chapter outside the contents still names its pages */
			toc_add(l, full, -1, top, anchor);
	}
	if ((flags & LH_TOC) && level <= 2)
		toc_add(l, full, level - 1, top, anchor);
	else if (flags & LH_CONTENTS_SUB)
		toc_add(l, title, 2, top, anchor);
	/* bookmarks nest as the contents do: chapter, section, a line under it */
	if (flags & (LH_TOC | LH_BOOKMARK | LH_CONTENTS_SUB))
		pdf_bookmark(l->d, flags & LH_CONTENTS_SUB ? 2 : level - 1 > 3 ? 3 : level - 1, full, l->page, top);
	free(full);
	rich_free(&t);
}

/* --- lists and quotes ----------------------------------------------------------------------------- */

void lay_list_begin(lay *l)
{
	pdf_begin(l->d, "L");
	l->list_depth++;
}

void lay_list_end(lay *l)
{
	pdf_end(l->d);
	if (l->list_depth)
		l->list_depth--;
	l->y -= 4;
}

void lay_item(lay *l, rich *t, const char *label)
{
	lay_item_color(l, t, label, LAY_TEXT);
}

static void item(lay *l, rich *t, const char *label, pdf_rgb color, int decorative)
{
	expand(l, t);
	float indent = l->indent + 16.0f * (float)(l->list_depth ? l->list_depth - 1 : 0);
	pdf_begin(l->d, "LI");
	lay_need(l, 2 * LAY_LEAD);
	const char *lb = label ? label : "•";
	float x = LAY_ML + indent + 4, y = l->y - LAY_LEAD + (LAY_LEAD - LAY_BODY) * 0.5f;
	if (decorative) {
		/* a status icon beside its word: seen, not read out (the item says the word) */
		pdf_artifact_begin(l->d);
		pdf_text(l->d, PF_REGULAR, LAY_BODY, x, y, color, lb, strlen(lb));
		pdf_artifact_end(l->d);
	} else {
		pdf_begin(l->d, "Lbl");
		pdf_text(l->d, PF_REGULAR, LAY_BODY, x, y, color, lb, strlen(lb));
		pdf_end(l->d);
	}
	pdf_begin(l->d, "LBody");
	pdf_begin(l->d, "P");
	lay_flow(l, t, LAY_ML + indent + 18, LAY_BW - indent - 18, LAY_BODY, LAY_LEAD, LAY_TEXT);
	pdf_end(l->d);
	pdf_end(l->d);
	pdf_end(l->d);
	l->y -= 3;
}

void lay_item_color(lay *l, rich *t, const char *label, pdf_rgb color)
{
	item(l, t, label, color, 0);
}

void lay_item_icon(lay *l, rich *t, const char *icon, pdf_rgb color)
{
	item(l, t, icon, color, 1);
}

void lay_quote_begin(lay *l, const char *label)
{
	if (label) {
		int k = lay_keep_point(l);
		rich t = {0};
		rich_puts(&t, label, PF_ITALIC);
		lay_style st = {.size = LAY_SMALL, .color = LAY_MUTED, .has_color = 1, .after = 2, .raw = 1};
		lay_need(l, LAY_SMALL * 1.4f + 3 * LAY_LEAD);
		lay_para(l, &t, &st);
		rich_free(&t);
		lay_keep_set(l, k);
	}
	pdf_begin(l->d, "BlockQuote");
	l->quote = 1;
	l->quote_top = l->y;
	l->indent += 14;
}

void lay_quote_end(lay *l)
{
	if (!l->quote)
		return;
	quote_bar(l, l->y + 3);
	l->quote = 0;
	l->indent -= 14;
	pdf_end(l->d);
	l->y -= 4;
}

/* --- Markdown ------------------------------------------------------------------------------------- */

typedef struct {
	lay *l;
	rich t;
	int shift, toc_max;
	int bold, italic;
	const char *url;
	int list_depth;
	int ordered[8], number[8];
	int item_open[8], item_first[8];
	int quote;
} mdctx;

static pdf_face md_face(const mdctx *x)
{
	return x->bold && x->italic ? PF_BOLD_ITALIC : x->bold ? PF_BOLD : x->italic ? PF_ITALIC : PF_REGULAR;
}

static void md_flush(mdctx *x)
{
	lay *l = x->l;
	if (!x->t.nfrags)
		return;
	expand(l, &x->t);
	float indent = l->indent + 18.0f * (float)x->list_depth + (x->quote ? 14 : 0);
	int d = x->list_depth;
	if (d > 0 && x->item_first[d]) {
		/* the item's label on the first line of its first paragraph */
		x->item_first[d] = 0;
		float h = lay_height(l, &x->t, LAY_BW - indent, LAY_BODY, LAY_LEAD);
		lay_need(l, fminf(h, 2 * LAY_LEAD));
		pdf_begin(l->d, "Lbl");
		char lbl[16];
		if (x->ordered[d])
			snprintf(lbl, sizeof lbl, "%d.", x->number[d]++);
		else
			snprintf(lbl, sizeof lbl, "%s", d % 2 ? "•" : "–");
		pdf_text(l->d, PF_REGULAR, LAY_BODY, LAY_ML + indent - 12, l->y - LAY_LEAD + (LAY_LEAD - LAY_BODY) * 0.5f,
		         LAY_TEXT, lbl, strlen(lbl));
		pdf_end(l->d);
		pdf_begin(l->d, "LBody");
		x->item_open[d] = 1;
	}
	pdf_begin(l->d, "P");
	lay_flow(l, &x->t, LAY_ML + indent, LAY_BW - indent, LAY_BODY, LAY_LEAD, LAY_TEXT);
	pdf_end(l->d);
	l->y -= d > 0 ? 2 : 5;
	rich_clear(&x->t);
}

static void md_cb(void *ctx, md_event ev, const md_node *n)
{
	mdctx *x = ctx;
	lay *l = x->l;
	switch (n->kind) {
	case MDN_PARA:
	case MDN_CODE_BLOCK:
		if (n->kind == MDN_CODE_BLOCK)
			rich_puts(&x->t, n->text, PF_REGULAR);
		if (ev == MD_LEAVE || n->kind == MDN_CODE_BLOCK)
			md_flush(x);
		break;
	case MDN_HEADING:
		if (ev == MD_ENTER) {
			rich_clear(&x->t);
		} else {
			buf_t b = {0};
			buf_add(&b, x->t.text.s ? x->t.text.s : "", x->t.text.len);
			int level = n->level + x->shift;
			lay_heading(l, level, b.s ? b.s : "", 3 * LAY_LEAD, level <= x->toc_max ? LH_TOC : 0, NULL);
			buf_free(&b);
			rich_clear(&x->t);
		}
		break;
	case MDN_LIST:
		if (ev == MD_ENTER) {
			md_flush(x);
			if (x->list_depth < 7) {
				x->list_depth++;
				x->ordered[x->list_depth] = n->ordered;
				x->number[x->list_depth] = n->start ? n->start : 1;
			}
			pdf_begin(l->d, "L");
		} else {
			pdf_end(l->d);
			if (x->list_depth > 0)
				x->list_depth--;
			l->y -= 3;
		}
		break;
	case MDN_ITEM:
		if (ev == MD_ENTER) {
			pdf_begin(l->d, "LI");
			x->item_first[x->list_depth] = 1;
			x->item_open[x->list_depth] = 0;
		} else {
			md_flush(x);
			if (x->item_open[x->list_depth])
				pdf_end(l->d);
			x->item_open[x->list_depth] = 0;
			pdf_end(l->d);
		}
		break;
	case MDN_QUOTE:
		md_flush(x);
		if (ev == MD_ENTER) {
			pdf_begin(l->d, "BlockQuote");
			x->quote++;
		} else {
			pdf_end(l->d);
			x->quote--;
		}
		break;
	case MDN_RULE:
		md_flush(x);
		break;
	case MDN_TEXT:
	case MDN_CODE:
		if (x->url)
			rich_url(&x->t, n->text, md_face(x), x->url);
		else
			rich_puts(&x->t, n->text, md_face(x));
		break;
	case MDN_SOFTBREAK:
		if (x->url)
			rich_url(&x->t, " ", md_face(x), x->url);
		else
			rich_puts(&x->t, " ", md_face(x));
		break;
	case MDN_BREAK:
		rich_puts(&x->t, "\n", md_face(x));
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

void lay_markdown(lay *l, const md_doc *d, int shift, int toc_max)
{
	if (!d || md_is_empty(d))
		return;
	mdctx x = {0};
	x.l = l;
	x.shift = shift;
	x.toc_max = toc_max;
	md_walk(d, md_cb, &x);
	md_flush(&x);
	rich_free(&x.t);
}

/* --- figures ---------------------------------------------------------------------------------------- */

int lay_figure(lay *l, const lay_fig *f)
{
	if (f->fingerprint)
		for (size_t i = 0; i < l->nfig_fp; i++)
			if (l->fig_fp[i] == f->fingerprint)
				return -(int)(i + 1);
	l->fig_fp = xgrow(l->fig_fp, &l->capfig_fp, l->nfig_fp, sizeof *l->fig_fp);
	l->fig_fp[l->nfig_fp++] = f->fingerprint;
	int num = ++l->figures;
	char *cap = xasprintf("Figuur %d. %s", num, f->caption);
	rich ct = {0};
	rich_puts(&ct, cap, PF_ITALIC);
	const lay_lines *cl = lay_break(l, &ct, LAY_SMALL, LAY_TW);
	float caph = (float)cl->nlines * 11.5f;
	lay_need(l, 10 + f->h + caph + 6);
	lay_skip(l, 10);
	float top = l->y;
	char an[32];
	snprintf(an, sizeof an, "figuur:%d", num);
	char what[32];
	snprintf(what, sizeof what, "figuur %d", num);
	lay_anchor_at(l, an, l->page, top + 4, what);
	int fe = pdf_begin(l->d, "Figure");
	pdf_set_alt(l->d, fe, f->alt);
	pdf_mc_begin(l->d);
	f->draw(f->ctx, l, l->d, LAY_ML, top, LAY_TW, f->h);
	pdf_mc_end(l->d);
	l->y = top - f->h - 3;
	pdf_begin(l->d, "Caption");
	flow_lines(l, &ct, cl, LAY_ML, LAY_SMALL, 11.5f, LAY_MUTED);
	pdf_end(l->d);
	pdf_set_bbox(l->d, fe, LAY_ML, l->y, LAY_ML + LAY_TW, top);
	pdf_end(l->d);
	l->y -= 8;
	rich_free(&ct);
	free(cap);
	return num;
}

/* --- the contents and the running heads ----------------------------------------------------------- */

void lay_contents_here(lay *l, const char *title)
{
	free(l->contents_title);
	l->contents_title = xstrdup(title);
	l->contents_first = l->page + 1;
	l->pending = 0;
	l->cur_chapter = -2; /* the running head of these pages says the title */
	l->contents_h1 = pdf_begin(l->d, "H1");
	pdf_end(l->d);
	l->contents_elem = pdf_begin(l->d, "TOC");
	pdf_end(l->d);
	for (int i = 0; i < l->toc_reserve; i++)
		lay_new_page(l);
	l->cur_chapter = -1;
}

/* Entry i of the contents and the ones nested in it, from y on the contents' pages; returns the
 * index after them. Lines that do not fit go to the next page (`*pi`). */
typedef struct {
	lay *l;
	int pi, last;   /* current page and the last one kept for the contents */
	float y;
	int pages;      /* pages used */
} cstate;

static void contents_room(cstate *c, float h)
{
	if (c->y - h < LAY_BOTTOM) {
		c->pi++;
		c->pages++;
		if (c->pi <= c->last)
			pdf_use_page(c->l->d, c->pi);
		c->y = LAY_TOP;
	}
}

/* One line: title, leaders, page number, as a Link (with `ref`: inside a Reference). */
static void contents_line(cstate *c, const lay_toc *e, float x, float size, pdf_face face, pdf_rgb color, int ref)
{
	lay *l = c->l;
	char num[16];
	snprintf(num, sizeof num, "%d", e->page + 1);
	float nw = pdf_width(l->d, PF_REGULAR, size, num, strlen(num));
	rich t = {0};
	t.no_hyphens = 1;
	rich_puts(&t, e->title, face);
	const lay_lines *ls = lay_break(l, &t, size, LAY_TW - (x - LAY_ML) - nw - 28);
	float lead = size * 1.35f;
	contents_room(c, lead * (float)ls->nlines + 2);
	if (ref)
		pdf_begin(l->d, "Reference");
	pdf_begin(l->d, "Link");
	float top = c->y;
	for (size_t i = 0; i < ls->nlines; i++) {
		c->y -= lead;
		lay_draw_line(l, &t, ls, i, x, c->y + (lead - size) * 0.4f, color, 0);
	}
	float base = c->y + (lead - size) * 0.4f;
	float endx = x + (ls->nlines ? ls->lines[ls->nlines - 1].w : 0);
	/* leaders: decoration between the title and its page number */
	if (ML_RIGHT(nw) - 6 > endx + 8)
		pdf_line(l->d, endx + 4, base + 1, ML_RIGHT(nw) - 5, base + 1, 0.7f, LAY_MUTED, "1 3");
	/* the number with a space before it, so the entry reads "Samenvatting 3" */
	char sp[20]; /* a line of several in one P (a section's KPIs) ends in a space too */
	snprintf(sp, sizeof sp, ref ? " %s" : " %s ", num);
	float spw = pdf_width(l->d, PF_REGULAR, size, sp, strlen(sp));
	pdf_text(l->d, PF_REGULAR, size, LAY_ML + LAY_TW - spw, base, color, sp, strlen(sp));
	char *what = xasprintf("Naar %s, pagina %d", e->title, e->page + 1);
	pdf_link_page(l->d, x, c->y, LAY_ML + LAY_TW - x, top - c->y, e->page, e->top, what);
	free(what);
	pdf_end(l->d);
	if (ref)
		pdf_end(l->d);
	rich_free(&t);
}

/* The contents: a TOC with a TOCI per chapter (its Reference, and a nested TOC of its
 * sections), a section's lines under it (KPIs) in a P. Returns the pages it takes. */
static int contents_draw(lay *l)
{
	cstate c = {l, l->contents_first, l->contents_first + l->toc_reserve - 1, LAY_TOP, 1};
	pdf_use_page(l->d, c.pi);
	pdf_reenter(l->d, l->contents_h1);
	pdf_text(l->d, PF_BOLD, 20, LAY_ML, c.y - 20, LAY_ACCENT, l->contents_title, strlen(l->contents_title));
	pdf_end(l->d);
	c.y -= 44;
	pdf_reenter(l->d, l->contents_elem);
	size_t i = 0;
	while (i < l->ntoc) {
		const lay_toc *e = &l->toc[i];
		if (e->level != 0) {
			i++;
			continue;
		}
		c.y -= 8;
		contents_room(&c, 3 * 14);
		pdf_begin(l->d, "TOCI");
		contents_line(&c, e, LAY_ML, 10.5f, PF_BOLD, LAY_TEXT, 1);
		i++;
		int nested = 0;
		while (i < l->ntoc && l->toc[i].level != 0) {
			const lay_toc *s = &l->toc[i];
			if (s->level < 0) {
				i++;
				continue;
			}
			if (!nested++)
				pdf_begin(l->d, "TOC");
			pdf_begin(l->d, "TOCI");
			contents_line(&c, s, LAY_ML + 22, 9.5f, PF_REGULAR, LAY_TEXT, 1);
			i++;
			/* its lines (the KPIs) in one P */
			if (i < l->ntoc && l->toc[i].level == 2) {
				pdf_begin(l->d, "P");
				while (i < l->ntoc && l->toc[i].level == 2) {
					contents_line(&c, &l->toc[i], LAY_ML + 44, 8.5f, PF_REGULAR, LAY_MUTED, 0);
					i++;
				}
				pdf_end(l->d);
			}
			pdf_end(l->d);
		}
		if (nested)
			pdf_end(l->d);
		pdf_end(l->d);
	}
	pdf_end(l->d);
	return c.pages;
}

/* How many pages the contents take (drawn dry: nothing is made; in a drawn run too, which
 * lay_finish fills in later). */
static int contents_pages(lay *l)
{
	if (l->dry)
		return contents_draw(l);
	pdf_set_dry(l->d, 1);
	l->dry = 1;
	int n = contents_draw(l);
	l->dry = 0;
	pdf_set_dry(l->d, 0);
	return n;
}

void lay_finish(lay *l)
{
	if (l->contents_first >= 0 && l->contents_title)
		contents_draw(l);
	int n = pdf_page_count(l->d);
	for (int i = 1; i < n; i++) {
		pdf_use_page(l->d, i);
		pdf_artifact_begin(l->d);
		const char *left = l->s.running ? l->s.running : "";
		pdf_text(l->d, PF_REGULAR, 8, LAY_ML, PDF_PAGE_H - 46, LAY_MUTED, left, strlen(left));
		/* the chapter on the right */
		int ch = (size_t)i < l->npage_chapter ? l->page_chapter[i] : -1;
		const char *right = ch == -2 ? l->contents_title : ch >= 0 && (size_t)ch < l->ntoc ? l->toc[ch].title : NULL;
		if (right) {
			/* a chapter title too long beside the report's name is shortened, never left out: the
			 * running head is how a reader knows where in the report a page is */
			float lw = pdf_width(l->d, PF_REGULAR, 8, left, strlen(left)), room = LAY_TW - lw - 20;
			buf_t t = {0};
			buf_puts(&t, right);
			size_t len = t.len;
			while (len && pdf_width(l->d, PF_BOLD, 8, t.s, t.len) > room) {
				do
					len--;
				while (len && ((unsigned char)right[len] & 0xc0) == 0x80);
				while (len && right[len - 1] == ' ')
					len--;
				buf_reset(&t);
				buf_add(&t, right, len);
				buf_puts(&t, "\u2026");
			}
			if (len) {
				float w = pdf_width(l->d, PF_BOLD, 8, t.s, t.len);
				pdf_text(l->d, PF_BOLD, 8, LAY_ML + LAY_TW - w, PDF_PAGE_H - 46, LAY_MUTED, t.s, t.len);
			}
			buf_free(&t);
		}
		pdf_line(l->d, LAY_ML, PDF_PAGE_H - 52, LAY_ML + LAY_TW, PDF_PAGE_H - 52, 0.5f, LAY_GRID, NULL);
		char num[48];
		snprintf(num, sizeof num, "Pagina %d van %d", i + 1, n);
		float w = pdf_width(l->d, PF_REGULAR, 8, num, strlen(num));
		pdf_text(l->d, PF_REGULAR, 8, LAY_ML + LAY_TW - w, 40, LAY_MUTED, num, strlen(num));
		if (l->s.footer)
			pdf_text(l->d, PF_REGULAR, 8, LAY_ML, 40, LAY_MUTED, l->s.footer, strlen(l->s.footer));
		pdf_artifact_end(l->d);
	}
}
