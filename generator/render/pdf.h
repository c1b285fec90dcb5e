/* pdf.h - a tagged, archivable PDF on top of an unmodified libharu; the only module that
 * includes hpdf.h.
 *
 * libharu draws text and graphics and embeds fonts; it has no tagging. This module adds what
 * PDF/UA-1 and PDF/A-2a need, through libharu's object layer: a structure tree (the caller
 * opens and closes elements such as H1, P, Table, Figure), every piece of text inside marked
 * content with an MCID (or inside an artifact), a ParentTree, link annotations tied to Link
 * elements, bookmarks, document language and title, XMP metadata that identifies the file as
 * PDF/A-2a and PDF/UA-1, an sRGB output intent, a correct ToUnicode map for every font (the
 * one libharu 2.3.0 writes is not one), and a document ID. Dates come from the caller, never
 * the clock. libharu's errors are sticky: after the first, every call does nothing and
 * pdf_finish fails with a Dutch message. */
#ifndef MEETLAT_PDF_H
#define MEETLAT_PDF_H

#include <stddef.h>
#include <time.h>

#include "base/util.h"

typedef struct pdfdoc pdfdoc;

typedef enum { PF_REGULAR, PF_BOLD, PF_ITALIC, PF_BOLD_ITALIC } pdf_face;
enum { PF_N = PF_BOLD_ITALIC + 1 };

typedef struct {
	float r, g, b;
} pdf_rgb;

typedef struct {
	const char *font[PF_N];  /* TrueType files */
	const char *icc;         /* an sRGB ICC profile: the PDF/A output intent */
	const char *title, *author, *subject, *keywords;
	const char *lang;        /* "nl-NL" */
	time_t stamp;            /* document dates */
} pdf_setup;

pdfdoc *pdf_open(const pdf_setup *s);
/* The first problem as a Dutch phrase, or NULL while all is well. */
const char *pdf_error(const pdfdoc *p);
/* Close the structure, write everything and hand over the file's bytes; 0, or -1. */
int pdf_finish(pdfdoc *p, buf_t *out);
void pdf_close(pdfdoc *p);
/* Let another thread close `p`: the thread that opened it keeps no hold on its memory (the
 * arena of its first document) and may open another. */
void pdf_detach(pdfdoc *p);
/* The document made again, empty, in place of `p` (closed): for a drawn run of a layout that
 * turned out not to be settled. The glyphs measured in it stay in the font subsets, as every
 * glyph measured in a run does. */
pdfdoc *pdf_reopen(pdfdoc *p);

/* Width of UTF-8 text in points. */
float pdf_width(pdfdoc *p, pdf_face f, float size, const char *s, size_t len);
/* Width of one code point in points. */
float pdf_cp_width(pdfdoc *p, pdf_face f, float size, unsigned cp);

/* A dry run: with `dry` set, text is measured but nothing is drawn, tagged or linked, and
 * pages are only counted (from 0 again each time it is set or cleared). A layout is run dry
 * to learn where everything lands (page numbers for references and the contents), then for
 * real. */
void pdf_set_dry(pdfdoc *p, int dry);

/* Pages (A4 portrait), numbered from 0. pdf_add_page selects the new page. */
int pdf_add_page(pdfdoc *p);
void pdf_use_page(pdfdoc *p, int page);
int pdf_page_count(const pdfdoc *p);

/* The structure tree. An element opened becomes the parent of what follows, until closed.
 * pdf_reenter makes an element opened earlier the current one again (for a table of contents
 * filled in at the end); pdf_end returns to where it was. */
int pdf_begin(pdfdoc *p, const char *type);
void pdf_end(pdfdoc *p);
void pdf_reenter(pdfdoc *p, int elem);
void pdf_set_alt(pdfdoc *p, int elem, const char *alt);
/* A Span holding an abbreviation: its expanded form (/E), for assistive technology. */
void pdf_set_expansion(pdfdoc *p, int elem, const char *full);
/* TH: the cells it heads, "Column" or "Row". */
void pdf_set_scope(pdfdoc *p, int elem, const char *scope);
/* Figure, Table: where it is on its page. */
void pdf_set_bbox(pdfdoc *p, int elem, float x0, float y0, float x1, float y1);

/* Everything drawn belongs to the current element, each text in its own marked content,
 * unless it is drawn between artifact_begin and artifact_end (running heads, page numbers,
 * decoration) or between mc_begin and mc_end (a figure's drawing and labels, in one piece). */
void pdf_artifact_begin(pdfdoc *p);
void pdf_artifact_end(pdfdoc *p);
void pdf_mc_begin(pdfdoc *p);
void pdf_mc_end(pdfdoc *p);

void pdf_text(pdfdoc *p, pdf_face f, float size, float x, float y, pdf_rgb c, const char *s, size_t len);
/* dash: on and off lengths in pt, "8 4" (chart_style's pattern), or NULL for a solid line */
void pdf_line(pdfdoc *p, float x0, float y0, float x1, float y1, float width, pdf_rgb c, const char *dash);
void pdf_polyline(pdfdoc *p, const float *xy, int n, float width, pdf_rgb c);
void pdf_rect(pdfdoc *p, float x, float y, float w, float h, pdf_rgb c);
void pdf_dot(pdfdoc *p, float x, float y, float r, pdf_rgb c);
/* A JPEG image (greyscale or RGB, checked by the theme loader) w by h points at x, y (its lower
 * left corner); outside marked content it is an artifact. */
void pdf_jpeg(pdfdoc *p, const void *bytes, size_t len, float x, float y, float w, float h);

/* A link annotation over a rectangle of the current page, tied to the current element (a
 * Link); `what` describes it for assistive technology. */
void pdf_link_uri(pdfdoc *p, float x, float y, float w, float h, const char *uri, const char *what);
void pdf_link_page(pdfdoc *p, float x, float y, float w, float h, int page, float top, const char *what);
/* A bookmark at `level` (0: chapter) pointing at `top` of `page`. */
void pdf_bookmark(pdfdoc *p, int level, const char *title, int page, float top);

#define PDF_PAGE_W 595.276f
#define PDF_PAGE_H 841.89f

#endif
