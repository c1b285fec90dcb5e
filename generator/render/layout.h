/* layout.h - how pages are set, for any tagged document on pdf.h: text broken into lines (real
 * bold and italic, Dutch hyphenation, no break inside an amount, a date or between a value and
 * its unit), paragraphs that leave no single line at a page's foot or head, numbered chapters
 * and sections whose headings keep with what follows, lists, quotes, tables (column widths,
 * decimal alignment, totals set apart, breaks between rows with the header and "(vervolg)"
 * repeated), figures with their caption inside, references to pages, the contents (two
 * levels, leaders, page numbers, TOC > TOCI > Reference > Link) and the running heads.
 *
 * What a document says lives elsewhere (report.c); it calls these functions in reading order,
 * which is the order of the structure tree. A document is laid out more than once: dry runs
 * (nothing drawn) learn where every anchor, heading and page lands, so that a reference or the
 * contents can name a page that comes later; the last run draws. The caller runs its body
 * between lay_pass_begin and lay_pass_end until lay_pass_end says the layout is settled. */
#ifndef MEETLAT_LAYOUT_H
#define MEETLAT_LAYOUT_H

#include <stddef.h>

#include "base/hyphen.h"
#include "base/util.h"
#include "model/markdown.h"
#include "render/pdf.h"

/* The page: A4, margins, the measure of running text (about 70 characters) and the full width
 * that tables and figures take. */
#define LAY_ML 66.0f
#define LAY_TW (PDF_PAGE_W - 2 * LAY_ML)  /* tables, figures, headings */
#define LAY_BW 372.0f                     /* running text */
#define LAY_TOP (PDF_PAGE_H - 76.0f)
#define LAY_BOTTOM 72.0f

#define LAY_BODY 10.0f
#define LAY_LEAD 14.5f
#define LAY_SMALL 8.5f

extern const pdf_rgb LAY_TEXT, LAY_MUTED, LAY_ACCENT, LAY_GRID, LAY_HEAD, LAY_WHITE, LAY_LINK, LAY_TOTAL;
pdf_rgb lay_rgb(unsigned hex);

/* --- rich text: runs of one face, some a link, an abbreviation, a mark or coloured ---------- */

typedef struct {
	pdf_face face;
	const char *url;      /* a link out (not owned) */
	char *anchor;         /* a link to an anchor in the document (owned) */
	const char *expand;   /* an abbreviation's full form: a Span with /E (not owned) */
	int artifact;         /* decoration beside its word (a status icon): not read out */
	int colored;
	pdf_rgb color;
	size_t off, len;
} lay_frag;

typedef struct {
	buf_t text;
	lay_frag *frags;
	size_t nfrags, cap;
	int no_hyphens;       /* never break a word (headings, names) */
} rich;

void rich_add(rich *t, const char *s, size_t len, pdf_face face);
void rich_puts(rich *t, const char *s, pdf_face face);
void rich_url(rich *t, const char *s, pdf_face face, const char *url);
/* Text that links to an anchor (lay_anchor) of the document, "blz. 12". */
void rich_ref(rich *t, const char *s, pdf_face face, const char *anchor);
void rich_abbr(rich *t, const char *s, size_t len, pdf_face face, const char *full);
/* A status: its icon as decoration, its word in its colour. */
void rich_mark(rich *t, const char *icon, const char *word, pdf_face face, unsigned rgb);
void rich_color(rich *t, const char *s, pdf_face face, unsigned rgb);
void rich_copy(rich *to, const rich *from);
/* One run of `from`, as it is (its face, link, mark), at the end of `to`. */
void rich_copy_frag(rich *to, const rich *from, size_t i);
void rich_clear(rich *t);
void rich_free(rich *t);

/* --- the typesetter ---------------------------------------------------------------------- */

typedef struct lay lay;

typedef struct {
	pdfdoc *d;
	const hyph *hy;           /* Dutch hyphenation, or NULL: no word is broken */
	const char *running;      /* the running head's left part */
	const char *footer;       /* a note in every footer ("Voorbeelddata: geen echte cijfers"), or NULL */
	/* a hook on running text (paragraphs, list items, table cells), such as writing out
	 * abbreviations; NULL for none; lay_chapter resets it through `chapter_reset` */
	void (*expand)(void *ctx, rich *t);
	void (*chapter_reset)(void *ctx);
	void *ctx;
} lay_setup;

lay *lay_new(const lay_setup *s);
void lay_free(lay *l);

/* One run of the document: dry (measure only) or drawn. lay_pass_end returns 1 when this run
 * put everything where the run before did (the next run may draw; a drawn run: exactly where,
 * so that it is what the next run would have drawn), else 0. */
void lay_pass_begin(lay *l, int dry);
int lay_pass_end(lay *l);
int lay_dry(const lay *l);
/* Whether the last run moved a heading to the next page: the run after it lays out anew. */
int lay_breaks_changed(const lay *l);
/* The document to set in from here on (a new one for a drawn run that did not settle). */
void lay_set_doc(lay *l, pdfdoc *d);

/* The page and the room on it. */
void lay_new_page(lay *l);
void lay_need(lay *l, float h);
int lay_at_top(const lay *l);
float lay_y(const lay *l);
void lay_skip(lay *l, float h);
/* Go on at y on this page (below what was drawn there by hand, a cover). */
void lay_goto(lay *l, float y);
int lay_page(const lay *l); /* 0-based */

/* Anchors: a name for the current place (a heading, a figure, a KPI). lay_anchor_page gives the
 * page (1-based) where the previous run put it, 0 when unknown yet. */
void lay_anchor(lay *l, const char *name, const char *title); /* title: what is there, for links */
int lay_anchor_page(const lay *l, const char *name);
/* "blz. 12" for an anchor, into out (24 bytes); in the first run a placeholder as wide.
 * lay_page_num: the number only ("12"). */
void lay_page_ref(const lay *l, const char *name, char *out);
void lay_page_num(const lay *l, const char *name, char *out);

/* --- text ---------------------------------------------------------------------------------- */

typedef struct {
	float x, width;       /* default: LAY_ML, LAY_BW */
	float size, lead;     /* default: LAY_BODY, LAY_LEAD */
	pdf_rgb color;        /* default: LAY_TEXT */
	int has_color;
	float after;          /* space after; default size / 2 */
	const char *tag;      /* default "P" */
	int raw;              /* no expand hook */
} lay_style;

/* A paragraph: its lines, split across pages with no single line left alone. */
void lay_para(lay *l, rich *t, const lay_style *st);
/* Plain text as a paragraph in one face. */
void lay_text(lay *l, const char *s, pdf_face face, float size);
float lay_height(lay *l, const rich *t, float width, float size, float lead);

/* Headings. A chapter (level 1) starts a page and names the running head; a level 2 heading
 * is a section. `keep`: the room what follows needs on the same page (the first lines of a
 * paragraph, a chart). */
enum {
	LH_NUMBER = 1,   /* numbered: "3" for a chapter, "3.2" for its section */
	LH_TOC = 2,      /* in the contents (levels 1 and 2) */
	LH_BOOKMARK = 4, /* a bookmark (also without LH_TOC) */
	LH_CONTENTS_SUB = 8 /* a line under the section in the contents (a KPI) */
};
void lay_heading(lay *l, int level, const char *title, float keep, unsigned flags, const char *anchor);
/* Whether a heading at `level` would repeat the title of any heading above it. */
int lay_repeats_ancestor(const lay *l, int level, const char *title);

/* Lists: L with LI items, each with its label (Lbl) and body (LBody). */
void lay_list_begin(lay *l);
void lay_item(lay *l, rich *t, const char *label);
/* An item whose label is drawn in a colour of its own (a status icon in a legend). */
void lay_item_color(lay *l, rich *t, const char *label, pdf_rgb color);
/* An item whose label is a status icon beside the status word in its text: the icon is drawn
 * as decoration, so a screen reader reads the word once. */
void lay_item_icon(lay *l, rich *t, const char *icon, pdf_rgb color);
void lay_list_end(lay *l);

/* A quote (the programme's own text): indented, a bar beside it, a label above. */
void lay_quote_begin(lay *l, const char *label);
void lay_quote_end(lay *l);

/* Markdown: paragraphs, lists, quotes, emphasis, links; its headings shifted by `shift`, those
 * up to level `toc_max` in the contents. */
void lay_markdown(lay *l, const md_doc *d, int shift, int toc_max);

/* --- tables -------------------------------------------------------------------------------- */

typedef enum { AL_LEFT, AL_RIGHT, AL_DECIMAL } lay_align;
enum {
	TC_ROWHEAD = 1,      /* the column heads its row (TH scope Row) */
	TC_DROP_EMPTY = 2,   /* left out when no row has anything in it */
	TC_FOLD_SAME = 4,    /* left out when every row says the same: the caption says it once */
	TC_NOWRAP = 8,       /* never broken over lines */
	TC_NOTES = 16        /* remarks few rows have: said under the table, after the row's name */
};

typedef struct lay_table lay_table;
lay_table *tab_new(const char *caption);
void tab_free(lay_table *t);
/* A column; `width` > 0 fixes it (one grid for tables of one kind). */
void tab_col(lay_table *t, const char *head, lay_align al, float width, unsigned flags);
/* Its cells as written: the document's hook on running text (abbreviations) leaves them. */
void tab_as_written(lay_table *t);
/* The next row is a total: set apart by a rule and bold. */
void tab_total(lay_table *t);
void tab_cell(lay_table *t, const char *text);
void tab_cell_rich(lay_table *t, const rich *r);
void tab_cell_mark(lay_table *t, const char *icon, const char *word, unsigned rgb);
void tab_cell_ref(lay_table *t, const char *text, const char *anchor);
size_t tab_rows(const lay_table *t);
/* Set it: the number it gets, or -N when it shows exactly what table N showed (then nothing is
 * set, and the caller refers to table N). 0: nothing to show. Its anchor is "tabel:N". */
int tab_set(lay *l, lay_table *t);

/* --- figures -------------------------------------------------------------------------------- */

typedef struct {
	float h;              /* the drawing's height */
	void (*draw)(void *ctx, lay *l, pdfdoc *d, float x, float top, float w, float h);
	void *ctx;
	const char *alt;      /* what it shows, for assistive technology (the caption included) */
	const char *caption;  /* the finding */
	unsigned long long fingerprint; /* the same data drawn again gives the same; 0: never the same */
} lay_fig;
/* A figure, never split, its caption inside: the number it gets, or -N when it shows what
 * figure N showed (nothing is drawn). Its anchor is "figuur:N". */
int lay_figure(lay *l, const lay_fig *f);

/* Text measured and drawn in a figure's drawing (inside its marked content). */
float lay_width(lay *l, pdf_face f, float size, const char *s);
pdfdoc *lay_doc(lay *l);

/* --- the cover, the contents, the running heads --------------------------------------------- */

/* The contents come here: the pages they need are kept free (the previous run counted them)
 * and filled in by lay_finish. */
void lay_contents_here(lay *l, const char *title);
/* After the drawn run: the contents, the running heads and the page numbers. */
void lay_finish(lay *l);

#endif
