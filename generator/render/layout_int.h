/* layout_int.h - what layout.c, layout_table.c and linebreak.c share: the typesetter's state
 * and the line breaker. Not for documents: they use layout.h. */
#ifndef MEETLAT_LAYOUT_INT_H
#define MEETLAT_LAYOUT_INT_H

#include "render/layout.h"

/* A word exactly as wide as its column fits: widths are sums of floats. */
#define LAY_FIT_EPS 0.01f
#define ML_RIGHT(w) (LAY_ML + LAY_TW - (w))

/* An unbreakable piece of text. `space`: a space comes before it; `hard`: a line break before
 * it; `join`: part of the word before it; `brk`: a line may end before it (after a written
 * hyphen); `glue`: the space before it does not break (an amount, a date); `hyphen`: a line
 * ends after it with a hyphen the break adds. */
typedef struct {
	int frag;
	size_t off, len;
	float w;
	unsigned space : 1, hard : 1, join : 1, brk : 1, glue : 1, hyphen : 1;
} lay_atom;

typedef struct {
	size_t a0, a1;
	float w;
} lay_line;

typedef struct {
	lay_atom *atoms;
	size_t natoms, capatoms;
	lay_line *lines;
	size_t nlines, caplines;
	float size;
} lay_lines;

typedef struct {
	char *name;
	int page;
	float top;
	char *title;  /* what it is ("Persvragen binnen 2 werkdagen beantwoord", "tabel 12"), for
	                 the description of a link to it; or NULL */
} lay_anchor_t;

/* An entry of the contents: level 0 a chapter, 1 a section, 2 a line under a section (a KPI);
 * -1 a chapter outside the contents (it still names its pages' running head). */
typedef struct {
	char *title;
	int level;
	int page;
	float top;
	char *anchor;
} lay_toc;

struct lay {
	lay_setup s;
	pdfdoc *d;
	int dry;
	int page;
	float y;
	float indent;            /* running text's indent (a quote) */
	lay_anchor_t *an, *prev_an;
	size_t nan, capan, nprev_an;
	int prev_pages, have_prev;
	lay_toc *toc;
	size_t ntoc, captoc;
	int chapter_no, section_no;
	char *title[5];          /* the current heading at each level */
	int cur_chapter;         /* contents entry of the chapter being set; -1 none, -2 the contents */
	int *page_chapter;       /* per page */
	size_t npage_chapter, cappage_chapter;
	int figures, tables;
	unsigned long long *fig_fp, *tab_fp;
	size_t nfig_fp, capfig_fp, ntab_fp, captab_fp;
	int contents_first, toc_reserve, contents_h1, contents_elem;
	char *contents_title;
	int quote;
	float quote_top;
	int list_depth;
	/* keep with next: a heading (or a label) left alone at a page's foot is found in one run
	 * and moved to the next page in the runs after it (kept across runs, by its number) */
	int keep_no, pending, pending_page;
	int *brk;
	size_t nbrk, capbrk;
	int brk_changed;
	/* the previous run's anchors by name (the first of each name): slots of an open-addressed
	 * table, index + 1, 0 empty */
	size_t *an_slot;
	size_t an_slots;
	/* text broken into lines before, by the text, its runs, size and width: every run of the
	 * document breaks the same paragraphs again, and a height is measured before the text is
	 * set (lay_break) */
	struct lay_brk **bc;
	size_t bc_slots, bc_n;
	buf_t bc_key;
	lay_lines bc_lines;      /* where text is broken before its entry is made */
};

size_t lay_cp_len(unsigned char c);
unsigned lay_cp_at(const char *s, size_t n);
/* The lines of a text: the break cache's, valid as long as the typesetter (linebreak.c). */
const lay_lines *lay_break(lay *l, const rich *t, float size, float width);
/* Free the break cache (lay_free). */
void lay_break_free(lay *l);
void lay_draw_line(lay *l, const rich *t, const lay_lines *ls, size_t i, float x, float y, pdf_rgb color, float right);
void lay_flow(lay *l, const rich *t, float x, float width, float size, float lead, pdf_rgb color);
const lay_anchor_t *lay_find_anchor(const lay *l, const char *name);
void lay_anchor_at(lay *l, const char *name, int page, float top, const char *title);
/* A heading or a label about to be set: its number, after a page break when an earlier run
 * found it alone at a page's foot. lay_keep_set: it is set, and nothing follows it yet. */
int lay_keep_point(lay *l);
void lay_keep_set(lay *l, int k);

#endif
