/* pdf.c - see pdf.h. PDF 1.7 references: 14.6 (marked content), 14.7 (logical structure),
 * 14.8 (tagged PDF), 14.3.2 (metadata), 14.11.5 (output intents), 9.10.3 (ToUnicode). */
#include "render/pdf.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_pages.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/digest.h"

#define MAX_DEPTH 64
#define MAX_ELEMS_PER_ARRAY 8000 /* libharu's HPDF_LIMIT_MAX_ARRAY is 8191 */

typedef struct {
	HPDF_Dict dict;
	HPDF_Array kids;
	char type[16];
} selem;

typedef struct {
	HPDF_Page page;
	HPDF_Array parents; /* the StructParents entry: element by MCID */
	int mcid;           /* next MCID on this page */
} spage;

struct pdfdoc {
	HPDF_Doc pdf;
	HPDF_Encoder enc;
	const char *font_name[PF_N];
	HPDF_Font font[PF_N];        /* made on first use: libharu needs ~10 ms a font */
	HPDF_FontDef def[PF_N];
	short *width[PF_N];          /* per BMP code point, -1: not looked up yet, -2: no glyph */
	unsigned char *used[PF_N];   /* bitmap of code points drawn */
	spage *pages;
	size_t npages, cappages;
	int cur;
	selem *elems;
	size_t nelems, capelems;
	int stack[MAX_DEPTH];
	int depth;
	int in_artifact, in_mc;
	HPDF_Array nums;             /* the ParentTree's Nums */
	int next_key;
	HPDF_Outline outline[4];
	HPDF_STATUS err, detail;
	char msg[512];
	pdf_setup setup;
	buf_t scratch;
	/* a dry run (pdf_set_dry): text is measured, nothing is made; pages are only counted */
	int dry, dry_pages, dry_cur;
	int nums_owned;              /* the ParentTree holds `nums` (else pdf_close frees it) */
};

static void on_error(HPDF_STATUS e, HPDF_STATUS detail, void *user)
{
	pdfdoc *p = user;
	if (!p->err) {
		p->err = e;
		p->detail = detail;
		snprintf(p->msg, sizeof p->msg, "libharu meldt fout 0x%04X (%u)", (unsigned)e, (unsigned)detail);
	}
}

static void fail(pdfdoc *p, const char *msg)
{
	if (!p->err) {
		p->err = 1;
		snprintf(p->msg, sizeof p->msg, "%s", msg);
	}
}

/* Create an object or mark the document failed. */
#define NEW(p, expr) ((p)->err ? NULL : (expr))

static HPDF_Dict dict_new(pdfdoc *p)
{
	HPDF_Dict d = NEW(p, HPDF_Dict_New(p->pdf->mmgr));
	if (!d)
		fail(p, "onvoldoende geheugen voor de PDF");
	return d;
}

static HPDF_Array array_new(pdfdoc *p)
{
	HPDF_Array a = NEW(p, HPDF_Array_New(p->pdf->mmgr));
	if (!a)
		fail(p, "onvoldoende geheugen voor de PDF");
	return a;
}

/* An object of its own in the file (so that others can refer to it). */
static HPDF_Dict indirect(pdfdoc *p, HPDF_Dict d)
{
	if (d && HPDF_Xref_Add(p->pdf->xref, d) != HPDF_OK) {
		fail(p, "onvoldoende geheugen voor de PDF");
		return NULL;
	}
	return d;
}

static HPDF_String text_string(pdfdoc *p, const char *s)
{
	return NEW(p, HPDF_String_New(p->pdf->mmgr, s, p->enc));
}

static HPDF_Stream page_stream(pdfdoc *p)
{
	return ((HPDF_PageAttr)p->pages[p->cur].page->attr)->stream;
}

static void raw(pdfdoc *p, const char *s)
{
	if (!p->err && p->npages)
		HPDF_Stream_WriteStr(page_stream(p), s);
}

/* --- opening ------------------------------------------------------------------------------ */

pdfdoc *pdf_open(const pdf_setup *s)
{
	pdfdoc *p = xcalloc(1, sizeof *p);
	p->setup = *s;
	p->cur = -1;
	p->pdf = HPDF_New(on_error, p);
	if (!p->pdf) {
		fail(p, "kan libharu niet starten");
		return p;
	}
	p->pdf->pdf_version = HPDF_VER_17;
	HPDF_SetCompressionMode(p->pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(p->pdf);
	HPDF_SetCurrentEncoder(p->pdf, "UTF-8");
	p->enc = HPDF_GetEncoder(p->pdf, "UTF-8");
	for (int f = 0; f < PF_N && !p->err; f++) {
		p->font_name[f] = HPDF_LoadTTFontFromFile(p->pdf, s->font[f], HPDF_TRUE);
		p->def[f] = p->font_name[f] ? HPDF_GetFontDef(p->pdf, p->font_name[f]) : NULL;
		if (!p->def[f]) {
			char m[300];
			snprintf(m, sizeof m, "kan het lettertype %s niet laden", s->font[f]);
			p->err = 0;
			fail(p, m);
			break;
		}
		p->width[f] = xmalloc(0x10000 * sizeof *p->width[f]);
		for (int i = 0; i < 0x10000; i++)
			p->width[f][i] = -1;
		p->used[f] = xcalloc(0x10000 / 8, 1);
	}
	p->nums = array_new(p);
	/* the document element, root of everything tagged */
	pdf_begin(p, "Document");
	return p;
}

const char *pdf_error(const pdfdoc *p)
{
	return p->err ? p->msg : NULL;
}

/* --- text ------------------------------------------------------------------------------- */

/* Next code point of UTF-8 text (input is valid UTF-8: the loaders make sure). */
static unsigned next_cp(const unsigned char **s, const unsigned char *end)
{
	const unsigned char *q = *s;
	unsigned c = *q++;
	int more = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
	if (more)
		c &= 0x3F >> more;
	while (more-- && q < end && (*q & 0xC0) == 0x80)
		c = (c << 6) | (*q++ & 0x3F);
	*s = q;
	return c;
}

/* A code point the font can draw: others (outside the BMP, or without a glyph) become the
 * replacement character (or '?' when the font lacks that too), never the .notdef glyph that
 * PDF/A forbids; the loader warned about them (theme_check_text). Control characters and
 * invisible ones are dropped (0). */
static unsigned drawable(pdfdoc *p, pdf_face f, unsigned cp)
{
	if (cp_is_control(cp) || cp_is_invisible(cp))
		return 0;
	if (cp > 0xFFFF)
		cp = 0xFFFD;
	short *w = &p->width[f][cp];
	if (*w == -1)
		*w = cp != ' ' && !HPDF_TTFontDef_GetGlyphid(p->def[f], (HPDF_UINT16)cp)
		         ? -2
		         : HPDF_TTFontDef_GetCharWidth(p->def[f], (HPDF_UNICODE)cp);
	if (*w != -2)
		return cp;
	return cp == 0xFFFD ? '?' : drawable(p, f, 0xFFFD);
}

float pdf_cp_width(pdfdoc *p, pdf_face f, float size, unsigned cp)
{
	if (p->err)
		return 0;
	cp = drawable(p, f, cp);
	if (!cp)
		return 0;
	if (p->width[f][cp] == -1)
		drawable(p, f, cp); /* the '?' */
	return (float)p->width[f][cp] * size / 1000.0f;
}

float pdf_width(pdfdoc *p, pdf_face f, float size, const char *s, size_t len)
{
	const unsigned char *q = (const unsigned char *)s, *end = q + len;
	float w = 0;
	while (q < end)
		w += pdf_cp_width(p, f, size, next_cp(&q, end));
	return w;
}

static void put_utf8(buf_t *b, unsigned c)
{
	char u[4];
	if (c < 0x80) {
		buf_putc(b, (char)c);
	} else if (c < 0x800) {
		u[0] = (char)(0xC0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3F));
		buf_add(b, u, 2);
	} else {
		u[0] = (char)(0xE0 | (c >> 12));
		u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[2] = (char)(0x80 | (c & 0x3F));
		buf_add(b, u, 3);
	}
}

/* --- pages ------------------------------------------------------------------------------- */

void pdf_set_dry(pdfdoc *p, int dry)
{
	p->dry = dry;
	p->dry_pages = 0;
	p->dry_cur = -1;
}

int pdf_add_page(pdfdoc *p)
{
	if (p->dry)
		return p->dry_cur = p->dry_pages++;
	if (p->err)
		return -1;
	HPDF_Page pg = HPDF_AddPage(p->pdf);
	if (!pg || p->err)
		return -1;
	HPDF_Page_SetSize(pg, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
	p->pages = xgrow(p->pages, &p->cappages, p->npages, sizeof *p->pages);
	spage *sp = &p->pages[p->npages];
	sp->page = pg;
	sp->mcid = 0;
	sp->parents = array_new(p);
	/* its marked content is found through the ParentTree; links are visited in structure order */
	int key = p->next_key++;
	HPDF_Dict_AddNumber(pg, "StructParents", key);
	HPDF_Dict_AddName(pg, "Tabs", "S");
	HPDF_Array_AddNumber(p->nums, key);
	if (sp->parents)
		HPDF_Array_Add(p->nums, sp->parents);
	p->cur = (int)p->npages++;
	return p->cur;
}

void pdf_use_page(pdfdoc *p, int page)
{
	if (p->dry) {
		if (page >= 0 && page < p->dry_pages)
			p->dry_cur = page;
		return;
	}
	if (page >= 0 && (size_t)page < p->npages)
		p->cur = page;
}

int pdf_page_count(const pdfdoc *p)
{
	if (p->dry)
		return p->dry_pages;
	return (int)p->npages;
}

/* --- structure --------------------------------------------------------------------------- */

static selem *current(pdfdoc *p)
{
	return p->depth ? &p->elems[p->stack[p->depth - 1]] : NULL;
}

int pdf_begin(pdfdoc *p, const char *type)
{
	if (p->err || p->dry)
		return -1;
	if (p->depth == MAX_DEPTH) {
		fail(p, "de opbouw van de PDF is te diep genest");
		return -1;
	}
	HPDF_Dict d = indirect(p, dict_new(p));
	HPDF_Array kids = array_new(p);
	if (!d || !kids)
		return -1;
	HPDF_Dict_AddName(d, "Type", "StructElem");
	HPDF_Dict_AddName(d, "S", type);
	HPDF_Dict_Add(d, "K", kids);
	selem *parent = current(p);
	if (parent) {
		HPDF_Dict_Add(d, "P", parent->dict);
		HPDF_Array_Add(parent->kids, d);
	}
	p->elems = xgrow(p->elems, &p->capelems, p->nelems, sizeof *p->elems);
	selem *e = &p->elems[p->nelems];
	e->dict = d;
	e->kids = kids;
	snprintf(e->type, sizeof e->type, "%s", type);
	p->stack[p->depth++] = (int)p->nelems;
	return (int)p->nelems++;
}

void pdf_end(pdfdoc *p)
{
	if (!p->dry && p->depth > 1)
		p->depth--;
}

void pdf_reenter(pdfdoc *p, int elem)
{
	if (p->err || p->dry || elem < 0 || (size_t)elem >= p->nelems || p->depth == MAX_DEPTH)
		return;
	p->stack[p->depth++] = elem;
}

void pdf_set_alt(pdfdoc *p, int elem, const char *alt)
{
	if (p->err || elem < 0)
		return;
	HPDF_Dict_Add(p->elems[elem].dict, "Alt", text_string(p, alt));
}

void pdf_set_expansion(pdfdoc *p, int elem, const char *full)
{
	if (p->err || elem < 0)
		return;
	HPDF_Dict_Add(p->elems[elem].dict, "E", text_string(p, full));
}

static HPDF_Dict attributes(pdfdoc *p, int elem, const char *owner)
{
	HPDF_Dict a = HPDF_Dict_GetItem(p->elems[elem].dict, "A", HPDF_OCLASS_DICT);
	if (a)
		return a;
	a = dict_new(p);
	if (a) {
		HPDF_Dict_AddName(a, "O", owner);
		HPDF_Dict_Add(p->elems[elem].dict, "A", a);
	}
	return a;
}

void pdf_set_scope(pdfdoc *p, int elem, const char *scope)
{
	if (p->err || elem < 0)
		return;
	HPDF_Dict a = attributes(p, elem, "Table");
	if (a)
		HPDF_Dict_AddName(a, "Scope", scope);
}

void pdf_set_bbox(pdfdoc *p, int elem, float x0, float y0, float x1, float y1)
{
	if (p->err || elem < 0)
		return;
	HPDF_Dict a = attributes(p, elem, "Layout");
	HPDF_Array box = array_new(p);
	if (!a || !box)
		return;
	HPDF_Array_AddReal(box, x0);
	HPDF_Array_AddReal(box, y0);
	HPDF_Array_AddReal(box, x1);
	HPDF_Array_AddReal(box, y1);
	HPDF_Dict_Add(a, "BBox", box);
}

/* --- marked content ----------------------------------------------------------------------- */

/* Open marked content for the current element on the current page, with the next MCID. */
static void mc_open(pdfdoc *p)
{
	selem *e = current(p);
	spage *sp = &p->pages[p->cur];
	if (p->err || !e || !sp->parents)
		return;
	if (sp->mcid >= MAX_ELEMS_PER_ARRAY) {
		fail(p, "te veel tekst op een pagina van de PDF");
		return;
	}
	int mcid = sp->mcid++;
	char b[64];
	snprintf(b, sizeof b, "/%s <</MCID %d>> BDC\n", e->type, mcid);
	raw(p, b);
	HPDF_Dict mcr = dict_new(p);
	if (!mcr)
		return;
	HPDF_Dict_AddName(mcr, "Type", "MCR");
	HPDF_Dict_Add(mcr, "Pg", sp->page);
	HPDF_Dict_AddNumber(mcr, "MCID", mcid);
	HPDF_Array_Add(e->kids, mcr);
	HPDF_Array_Add(sp->parents, e->dict);
}

static void mc_close(pdfdoc *p)
{
	raw(p, "EMC\n");
}

void pdf_artifact_begin(pdfdoc *p)
{
	if (p->dry)
		return;
	if (!p->in_artifact++ && !p->in_mc)
		raw(p, "/Artifact BMC\n");
}

void pdf_artifact_end(pdfdoc *p)
{
	if (p->dry)
		return;
	if (p->in_artifact && !--p->in_artifact && !p->in_mc)
		mc_close(p);
}

void pdf_mc_begin(pdfdoc *p)
{
	if (p->dry)
		return;
	if (!p->in_mc++ && !p->in_artifact)
		mc_open(p);
}

void pdf_mc_end(pdfdoc *p)
{
	if (p->dry)
		return;
	if (p->in_mc && !--p->in_mc && !p->in_artifact)
		mc_close(p);
}

/* Text or drawing outside an artifact or a marked-content piece gets one of its own:
 * text belongs to the current element, graphics are decoration. */
static int wrap_begin(pdfdoc *p, int is_text)
{
	if (p->in_mc || p->in_artifact)
		return 0;
	if (is_text)
		mc_open(p);
	else
		raw(p, "/Artifact BMC\n");
	return 1;
}

static void wrap_end(pdfdoc *p, int wrapped)
{
	if (wrapped)
		mc_close(p);
}

/* --- drawing --------------------------------------------------------------------------- */

/* Graphics state is only written when it changes (libharu keeps the page's current state):
 * a third less content to write and compress. */
static int same_rgb(HPDF_RGBColor a, pdf_rgb c)
{
	return a.r == c.r && a.g == c.g && a.b == c.b;
}

static void fill_color(HPDF_Page pg, pdf_rgb c)
{
	if (HPDF_Page_GetFillingColorSpace(pg) != HPDF_CS_DEVICE_RGB || !same_rgb(HPDF_Page_GetRGBFill(pg), c))
		HPDF_Page_SetRGBFill(pg, c.r, c.g, c.b);
}

static void stroke_style(HPDF_Page pg, float width, pdf_rgb c, const char *dash)
{
	if (HPDF_Page_GetLineWidth(pg) != width)
		HPDF_Page_SetLineWidth(pg, width);
	if (HPDF_Page_GetStrokingColorSpace(pg) != HPDF_CS_DEVICE_RGB || !same_rgb(HPDF_Page_GetRGBStroke(pg), c))
		HPDF_Page_SetRGBStroke(pg, c.r, c.g, c.b);
	HPDF_UINT16 ptn[8];
	HPDF_UINT n = 0;
	for (const char *s = dash; s && *s && n < 8;) {
		char *end;
		long v = strtol(s, &end, 10);
		if (end == s)
			break;
		ptn[n++] = (HPDF_UINT16)v;
		s = end;
	}
	HPDF_DashMode cur = HPDF_Page_GetDash(pg);
	int same = cur.num_ptn == n;
	for (HPDF_UINT i = 0; same && i < n; i++)
		same = cur.ptn[i] == ptn[i];
	if (!same)
		HPDF_Page_SetDash(pg, n ? ptn : NULL, n, 0);
}

void pdf_text(pdfdoc *p, pdf_face f, float size, float x, float y, pdf_rgb c, const char *s, size_t len)
{
	if (p->err || p->dry || p->cur < 0 || !len)
		return;
	buf_reset(&p->scratch);
	const unsigned char *q = (const unsigned char *)s, *end = q + len;
	while (q < end) {
		unsigned cp = drawable(p, f, next_cp(&q, end));
		if (!cp)
			continue;
		p->used[f][cp >> 3] |= (unsigned char)(1u << (cp & 7));
		put_utf8(&p->scratch, cp);
	}
	if (!p->scratch.len)
		return;
	if (!p->font[f] && !(p->font[f] = HPDF_GetFont(p->pdf, p->font_name[f], "UTF-8")))
		return; /* the error handler has it */
	HPDF_Page pg = p->pages[p->cur].page;
	int w = wrap_begin(p, 1);
	fill_color(pg, c);
	HPDF_Page_BeginText(pg);
	HPDF_Page_SetFontAndSize(pg, p->font[f], size);
	HPDF_Page_TextOut(pg, x, y, p->scratch.s);
	HPDF_Page_EndText(pg);
	wrap_end(p, w);
}

void pdf_line(pdfdoc *p, float x0, float y0, float x1, float y1, float width, pdf_rgb c, const char *dash)
{
	if (p->err || p->dry || p->cur < 0)
		return;
	HPDF_Page pg = p->pages[p->cur].page;
	int w = wrap_begin(p, 0);
	stroke_style(pg, width, c, dash);
	HPDF_Page_MoveTo(pg, x0, y0);
	HPDF_Page_LineTo(pg, x1, y1);
	HPDF_Page_Stroke(pg);
	wrap_end(p, w);
}

void pdf_polyline(pdfdoc *p, const float *xy, int n, float width, pdf_rgb c)
{
	if (p->err || p->dry || p->cur < 0 || n < 2)
		return;
	HPDF_Page pg = p->pages[p->cur].page;
	int w = wrap_begin(p, 0);
	stroke_style(pg, width, c, NULL);
	HPDF_Page_MoveTo(pg, xy[0], xy[1]);
	for (int i = 1; i < n; i++)
		HPDF_Page_LineTo(pg, xy[2 * i], xy[2 * i + 1]);
	HPDF_Page_Stroke(pg);
	wrap_end(p, w);
}

void pdf_rect(pdfdoc *p, float x, float y, float wd, float h, pdf_rgb c)
{
	if (p->err || p->dry || p->cur < 0)
		return;
	HPDF_Page pg = p->pages[p->cur].page;
	int w = wrap_begin(p, 0);
	fill_color(pg, c);
	HPDF_Page_Rectangle(pg, x, y, wd, h);
	HPDF_Page_Fill(pg);
	wrap_end(p, w);
}

void pdf_dot(pdfdoc *p, float x, float y, float r, pdf_rgb c)
{
	if (p->err || p->dry || p->cur < 0)
		return;
	HPDF_Page pg = p->pages[p->cur].page;
	int w = wrap_begin(p, 0);
	fill_color(pg, c);
	HPDF_Page_Circle(pg, x, y, r);
	HPDF_Page_Fill(pg);
	wrap_end(p, w);
}

void pdf_jpeg(pdfdoc *p, const void *bytes, size_t len, float x, float y, float w, float h)
{
	if (p->err || p->dry || p->cur < 0 || !len)
		return;
	HPDF_Image img = HPDF_LoadJpegImageFromMem(p->pdf, bytes, (HPDF_UINT)len);
	if (!img)
		return; /* the error handler has it */
	HPDF_Page pg = p->pages[p->cur].page;
	int wr = wrap_begin(p, 0);
	HPDF_Page_DrawImage(pg, img, x, y, w, h);
	wrap_end(p, wr);
}

/* --- links and bookmarks -------------------------------------------------------------------- */

/* Tie an annotation to the current element: an OBJR among its kids, /StructParent on the
 * annotation, and what it does in words (/Contents); printable (/F 4) as PDF/A wants. */
static void annotation_tag(pdfdoc *p, HPDF_Annotation a, const char *what)
{
	selem *e = current(p);
	if (p->err || !a || !e)
		return;
	HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
	HPDF_Dict_AddNumber(a, "F", 4);
	HPDF_Dict_Add(a, "Contents", text_string(p, what));
	int key = p->next_key++;
	HPDF_Dict_AddNumber(a, "StructParent", key);
	HPDF_Array_AddNumber(p->nums, key);
	HPDF_Array_Add(p->nums, e->dict);
	HPDF_Dict objr = dict_new(p);
	if (!objr)
		return;
	HPDF_Dict_AddName(objr, "Type", "OBJR");
	HPDF_Dict_Add(objr, "Obj", a);
	HPDF_Dict_Add(objr, "Pg", p->pages[p->cur].page);
	HPDF_Array_Add(e->kids, objr);
}

void pdf_link_uri(pdfdoc *p, float x, float y, float w, float h, const char *uri, const char *what)
{
	if (p->err || p->dry || p->cur < 0)
		return;
	HPDF_Rect r = {x, y, x + w, y + h};
	annotation_tag(p, HPDF_Page_CreateURILinkAnnot(p->pages[p->cur].page, r, uri), what);
}

void pdf_link_page(pdfdoc *p, float x, float y, float w, float h, int page, float top, const char *what)
{
	if (p->err || p->dry || p->cur < 0 || page < 0 || (size_t)page >= p->npages)
		return;
	HPDF_Rect r = {x, y, x + w, y + h};
	HPDF_Destination dst = HPDF_Page_CreateDestination(p->pages[page].page);
	HPDF_Destination_SetFitH(dst, top);
	annotation_tag(p, HPDF_Page_CreateLinkAnnot(p->pages[p->cur].page, r, dst), what);
}

void pdf_bookmark(pdfdoc *p, int level, const char *title, int page, float top)
{
	if (p->err || p->dry || page < 0 || (size_t)page >= p->npages || level < 0 || level > 3)
		return;
	HPDF_Outline parent = level == 0 ? NULL : p->outline[level - 1];
	HPDF_Outline o = HPDF_CreateOutline(p->pdf, parent, title, p->enc);
	HPDF_Destination dst = HPDF_Page_CreateDestination(p->pages[page].page);
	HPDF_Destination_SetFitH(dst, top);
	HPDF_Outline_SetDestination(o, dst);
	HPDF_Outline_SetOpened(o, HPDF_FALSE);
	p->outline[level] = o;
}

/* --- finishing ---------------------------------------------------------------------------- */

/* ToUnicode: libharu's UTF-8 text shows each character by its Unicode value, so the map is
 * the identity on the characters drawn (bfchar, at most 100 a block). */
static void fix_to_unicode(pdfdoc *p, pdf_face f)
{
	if (!p->font[f])
		return;
	HPDF_Dict cmap = HPDF_Dict_GetItem(p->font[f], "ToUnicode", HPDF_OCLASS_DICT);
	if (!cmap)
		return;
	int *used = xmalloc(0x10000 * sizeof *used), n = 0;
	for (int c = 0; c < 0x10000; c++)
		if (p->used[f][c >> 3] & (1u << (c & 7)))
			used[n++] = c;
	buf_t b = {0};
	buf_puts(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	             "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	             "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (int i = 0; i < n; i += 100) {
		int k = n - i < 100 ? n - i : 100;
		buf_printf(&b, "%d beginbfchar\n", k);
		for (int j = i; j < i + k; j++)
			buf_printf(&b, "<%04X> <%04X>\n", used[j], used[j]);
		buf_puts(&b, "endbfchar\n");
	}
	buf_puts(&b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	HPDF_Stream fresh = HPDF_MemStream_New(p->pdf->mmgr, 4096);
	if (fresh) {
		HPDF_Stream_Write(fresh, (const HPDF_BYTE *)b.s, (HPDF_UINT)b.len);
		HPDF_Stream_Free(cmap->stream);
		cmap->stream = fresh;
		/* a ToUnicode stream is a plain stream, not a CMap resource dictionary */
		HPDF_Dict_RemoveElement(cmap, "Type");
		HPDF_Dict_RemoveElement(cmap, "CMapName");
		HPDF_Dict_RemoveElement(cmap, "CIDSystemInfo");
		HPDF_Dict_RemoveElement(cmap, "WMode");
	} else {
		fail(p, "onvoldoende geheugen voor de PDF");
	}
	buf_free(&b);
	free(used);
}

static void xml_text(buf_t *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		default: buf_putc(b, *s);
		}
	}
}

#define PRODUCER "meetlat met libharu " HPDF_VERSION_TEXT

/* XMP metadata: the same title, author, dates and producer as the Info dictionary, and the
 * claims PDF/A-2a and PDF/UA-1 (with the extension schema PDF/A wants for pdfuaid). */
static void metadata(pdfdoc *p, const char *iso)
{
	const pdf_setup *s = &p->setup;
	buf_t b = {0};
	buf_puts(&b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	             "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	             "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	             "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
	             "xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" "
	             "xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\" "
	             "xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\" "
	             "xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" "
	             "xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n");
	buf_puts(&b, "<dc:format>application/pdf</dc:format>\n<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
	xml_text(&b, s->title);
	buf_puts(&b, "</rdf:li></rdf:Alt></dc:title>\n<dc:creator><rdf:Seq><rdf:li>");
	xml_text(&b, s->author);
	buf_puts(&b, "</rdf:li></rdf:Seq></dc:creator>\n<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
	xml_text(&b, s->subject);
	buf_puts(&b, "</rdf:li></rdf:Alt></dc:description>\n<dc:language><rdf:Bag><rdf:li>");
	xml_text(&b, s->lang);
	buf_puts(&b, "</rdf:li></rdf:Bag></dc:language>\n");
	if (s->keywords) {
		buf_puts(&b, "<pdf:Keywords>");
		xml_text(&b, s->keywords);
		buf_puts(&b, "</pdf:Keywords>\n");
	}
	buf_printf(&b, "<pdf:Producer>%s</pdf:Producer>\n<xmp:CreatorTool>meetlat</xmp:CreatorTool>\n"
	               "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n"
	               "<xmp:MetadataDate>%s</xmp:MetadataDate>\n"
	               "<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>A</pdfaid:conformance>\n"
	               "<pdfuaid:part>1</pdfuaid:part>\n",
	           PRODUCER, iso, iso, iso);
	buf_puts(&b, "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">"
	             "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>"
	             "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>"
	             "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"
	             "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">"
	             "<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>"
	             "<pdfaProperty:category>internal</pdfaProperty:category>"
	             "<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>"
	             "</rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas>\n");
	buf_puts(&b, "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
	HPDF_Dict md = NEW(p, HPDF_DictStream_New(p->pdf->mmgr, p->pdf->xref));
	if (md) {
		md->filter = HPDF_STREAM_FILTER_NONE;
		HPDF_Dict_AddName(md, "Type", "Metadata");
		HPDF_Dict_AddName(md, "Subtype", "XML");
		HPDF_Stream_Write(md->stream, (const HPDF_BYTE *)b.s, (HPDF_UINT)b.len);
		HPDF_Dict_Add(p->pdf->catalog, "Metadata", md);
	}
	buf_free(&b);
}

/* The sRGB output intent PDF/A asks for, so that every colour has a meaning. */
static void output_intent(pdfdoc *p)
{
	char *icc;
	size_t len;
	if (!p->setup.icc || read_file(p->setup.icc, 4 * 1024 * 1024, &icc, &len) != 0) {
		char m[200];
		snprintf(m, sizeof m, "kan het kleurprofiel %s niet lezen", p->setup.icc ? p->setup.icc : "(geen)");
		fail(p, m);
		return;
	}
	HPDF_Dict prof = NEW(p, HPDF_DictStream_New(p->pdf->mmgr, p->pdf->xref));
	HPDF_Dict oi = dict_new(p);
	HPDF_Array ois = array_new(p);
	if (prof && oi && ois) {
		prof->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
		HPDF_Dict_AddNumber(prof, "N", 3);
		HPDF_Stream_Write(prof->stream, (const HPDF_BYTE *)icc, (HPDF_UINT)len);
		HPDF_Dict_AddName(oi, "Type", "OutputIntent");
		HPDF_Dict_AddName(oi, "S", "GTS_PDFA1");
		HPDF_Dict_Add(oi, "OutputConditionIdentifier", HPDF_String_New(p->pdf->mmgr, "sRGB IEC61966-2.1", NULL));
		HPDF_Dict_Add(oi, "Info", HPDF_String_New(p->pdf->mmgr, "sRGB IEC61966-2.1", NULL));
		HPDF_Dict_Add(oi, "DestOutputProfile", prof);
		HPDF_Array_Add(ois, oi);
		HPDF_Dict_Add(p->pdf->catalog, "OutputIntents", ois);
	}
	free(icc);
}

static void info(pdfdoc *p, char *iso)
{
	const pdf_setup *s = &p->setup;
	HPDF_SetInfoAttr(p->pdf, HPDF_INFO_TITLE, s->title);
	HPDF_SetInfoAttr(p->pdf, HPDF_INFO_AUTHOR, s->author);
	HPDF_SetInfoAttr(p->pdf, HPDF_INFO_SUBJECT, s->subject);
	HPDF_SetInfoAttr(p->pdf, HPDF_INFO_CREATOR, "meetlat");
	HPDF_SetInfoAttr(p->pdf, HPDF_INFO_PRODUCER, PRODUCER);
	if (s->keywords)
		HPDF_SetInfoAttr(p->pdf, HPDF_INFO_KEYWORDS, s->keywords);
	struct tm tm;
	time_t st = s->stamp;
	gmtime_r(&st, &tm);
	HPDF_Date dt = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, 'Z', 0, 0};
	HPDF_SetInfoDateAttr(p->pdf, HPDF_INFO_CREATION_DATE, dt);
	HPDF_SetInfoDateAttr(p->pdf, HPDF_INFO_MOD_DATE, dt);
	snprintf(iso, 64, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	         tm.tm_min, tm.tm_sec);
}

/* A document ID (PDF/A asks for one) from what the document is, not from the clock. */
static void document_id(pdfdoc *p, const char *iso)
{
	buf_t b = {0};
	buf_printf(&b, "%s|%s|%s|%zu", p->setup.title, p->setup.author, iso, p->npages);
	char hex[DIGEST_HEX];
	digest_bytes(b.s, b.len, hex);
	buf_free(&b);
	HPDF_BYTE id[16];
	for (int i = 0; i < 16; i++) {
		unsigned v;
		sscanf(hex + 2 * i, "%2x", &v);
		id[i] = (HPDF_BYTE)v;
	}
	HPDF_Array ids = array_new(p);
	if (!ids)
		return;
	HPDF_Array_Add(ids, HPDF_Binary_New(p->pdf->mmgr, id, 16));
	HPDF_Array_Add(ids, HPDF_Binary_New(p->pdf->mmgr, id, 16));
	HPDF_Dict_Add(p->pdf->trailer, "ID", ids);
}

int pdf_finish(pdfdoc *p, buf_t *out)
{
	if (p->err)
		return -1;
	char iso[64];
	info(p, iso);
	/* the structure tree */
	HPDF_Dict root = indirect(p, dict_new(p));
	HPDF_Dict ptree = dict_new(p);
	if (!root || !ptree || !p->nelems)
		return -1;
	HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
	HPDF_Dict_Add(root, "K", p->elems[0].dict);
	HPDF_Dict_Add(p->elems[0].dict, "P", root);
	HPDF_Dict_Add(ptree, "Nums", p->nums);
	p->nums_owned = 1;
	HPDF_Dict_Add(root, "ParentTree", ptree);
	HPDF_Dict_AddNumber(root, "ParentTreeNextKey", p->next_key);
	HPDF_Dict cat = p->pdf->catalog;
	HPDF_Dict_Add(cat, "StructTreeRoot", root);
	HPDF_Dict mark = dict_new(p);
	if (mark) {
		HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
		HPDF_Dict_Add(cat, "MarkInfo", mark);
	}
	HPDF_Dict_Add(cat, "Lang", HPDF_String_New(p->pdf->mmgr, p->setup.lang, NULL));
	HPDF_Dict vp = dict_new(p);
	if (vp) {
		HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE);
		HPDF_Dict_Add(cat, "ViewerPreferences", vp);
	}
	HPDF_SetPageMode(p->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	metadata(p, iso);
	output_intent(p);
	for (int f = 0; f < PF_N; f++)
		fix_to_unicode(p, f);
	document_id(p, iso);
	if (p->err)
		return -1;
	if (HPDF_SaveToStream(p->pdf) != HPDF_OK || p->err)
		return -1;
	HPDF_UINT32 size = HPDF_GetStreamSize(p->pdf), got = size;
	buf_reset(out);
	buf_add(out, "", 0);
	out->s = xrealloc(out->s, (size_t)size + 1);
	out->cap = (size_t)size + 1;
	HPDF_ReadFromStream(p->pdf, (HPDF_BYTE *)out->s, &got);
	if (got != size || p->err) {
		fail(p, "kan de PDF niet uit het geheugen lezen");
		return -1;
	}
	out->len = size;
	out->s[size] = '\0';
	return 0;
}

void pdf_close(pdfdoc *p)
{
	if (!p)
		return;
	if (p->nums && !p->nums_owned)
		HPDF_Array_Free(p->nums);
	if (p->pdf)
		HPDF_Free(p->pdf);
	for (int f = 0; f < PF_N; f++) {
		free(p->width[f]);
		free(p->used[f]);
	}
	free(p->pages);
	free(p->elems);
	buf_free(&p->scratch);
	free(p);
}
