/* pdf.c - see pdf.h. PDF 1.7 references: 14.6 (marked content), 14.7 (logical structure),
 * 14.8 (tagged PDF), 14.3.2 (metadata), 14.11.5 (output intents), 9.10.3 (ToUnicode), 9.7.4
 * (CIDFonts), 9.7.5.2 (Identity-H).
 *
 * libharu holds the document's objects and writes the file; the pages' content and the fonts
 * are made here. libharu's own drawing calls format every operator through a zeroed buffer and
 * its font objects map all 65.536 code points (a linear cmap search each) and list their widths,
 * for every face: most of the report's time went there. So each page's content is written into
 * a buffer of its own, in the very bytes libharu's operators wrote (numbers as its HPDF_FToA),
 * and compressed once; and each face is one Type0 font for the whole document, made at the end
 * from the code points it drew, its glyphs embedded by libharu's subsetter (HPDF_TTFontDef_*).
 * The structure elements and the ParentTree, most of the document's objects, are libharu
 * dictionaries that write themselves (selem, ptree_write), again in the bytes libharu wrote;
 * and the file goes straight into the caller's buffer. */
#include "render/pdf.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <hpdf_pages.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "base/digest.h"
#include "base/fmt.h"

#define MAX_DEPTH 64
#define MAX_ELEMS_PER_ARRAY 8000 /* libharu's HPDF_LIMIT_MAX_ARRAY is 8191 */

/* A structure element. Its dictionary is libharu's object (so that it has a number and others
 * can refer to it), but it writes itself (elem_write): /Type, /S, /K with its kids as written
 * here, /P, then the entries libharu holds (/A, /Alt, /E; the document's /P) with /Pg among
 * them where it was made. As libharu objects (a name, a number, an array and a reference for
 * every key and kid, made, written and freed one by one) they cost a tenth of the report. */
typedef struct {
	HPDF_Dict dict;
	buf_t kids;         /* the items of its /K array, as written, each followed by a space */
	unsigned parent;    /* the object number of its parent; 0: none (the document element) */
	int pg;             /* the page its /Pg names: its marked content there is a bare MCID; -1: none yet */
	unsigned pg_obj;    /* that page's object number */
	unsigned pg_at;     /* entries of `dict` made before /Pg was */
	char type[16];
} selem;

typedef struct {
	HPDF_Page page;
	buf_t parents;      /* its ParentTree entry, element by MCID: the items of the array, as written */
	int mcid;           /* next MCID on this page */
	buf_t cs;           /* its content stream */
	/* the graphics state its content has set so far (a page starts with PDF's defaults) */
	int fill_set, stroke_set;
	pdf_rgb fill, stroke;
	float line_width;
	unsigned ndash;
	unsigned short dash[8];
	char font_name[PF_N][12]; /* each face's name in its resources; "" until used there */
	int tf_face;        /* the text font its content has set (text state outlives BT..ET); -1 none */
	float tf_size;
} spage;

/* Bytes in memory that libharu reads as a stream of its own (mread). */
typedef struct {
	const char *s;
	size_t len, at;
} mreader;

/* A block of the arena libharu's objects come from (see arena_alloc). */
typedef struct ablock {
	struct ablock *next;
	size_t used, size;
	max_align_t data[];
} ablock;

struct pdfdoc {
	ablock *arena;
	HPDF_Doc pdf;
	HPDF_Encoder enc;
	const char *font_name[PF_N];
	char *font_bytes[PF_N];      /* each face's font file, read once (load_font) */
	mreader font_file[PF_N];
	HPDF_FontDef def[PF_N];
	HPDF_Dict font[PF_N];        /* the Type0 font of each face, made on first use */
	HPDF_Dict cidfont[PF_N];
	HPDF_Dict tounicode[PF_N];
	short *width[PF_N];          /* per BMP code point, -1: not looked up yet, -2: no glyph */
	unsigned char *used[PF_N];   /* bitmap of code points drawn */
	unsigned char *shown;        /* per BMP code point, 0: not known yet, 1: dropped, 2: drawn */
	spage *pages;
	size_t npages, cappages;
	int cur;
	selem **elems;               /* each allocated once: its dictionary points at it */
	size_t nelems, capelems;
	int stack[MAX_DEPTH];
	int depth;
	int in_artifact, in_mc;
	/* the ParentTree's Nums, by key: a page (its `parents`), else an element (an annotation's) */
	struct pnum {
		int page;
		unsigned elem;           /* the element's object number */
	} *nums;
	size_t nnums, capnums;
	HPDF_Outline outline[4];
	HPDF_STATUS err, detail;
	char msg[512];
	pdf_setup setup;
	buf_t scratch;
	/* the streams compressed at the end (contents_finish), in the order they were made */
	struct zjob *z;
	size_t nz, capz;
	/* a dry run (pdf_set_dry): text is measured, nothing is made; pages are only counted */
	int dry, dry_pages, dry_cur;
};

/* libharu's memory. It makes hundreds of thousands of small objects for a document (each
 * dictionary, its list, every name and number in it), each a malloc and a free: a tenth of
 * the report's work. Nearly all of them live as long as the document does, so they come from
 * an arena of the document's instead, freed at once by pdf_close, and libharu's frees do
 * nothing. libharu's allocation hook takes no argument: the arena is the thread's, for the
 * first document open on it (the report's thread; the compressing thread of contents_finish
 * makes no libharu objects); another document opened beside it keeps libharu's malloc. */
static _Thread_local ablock **arena;

#define ARENA_BLOCK (256 * 1024)

static void *arena_alloc(HPDF_UINT size)
{
	const size_t al = sizeof(max_align_t);
	size_t n = ((size_t)size + al - 1) / al * al;
	ablock *b = *arena;
	if (!b || b->size - b->used < n) {
		/* a new block; one larger than a quarter block gets a block of its own, behind the
		 * current one, so that the rest of the current one is still used */
		size_t sz = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
		ablock *nb = malloc(sizeof *nb + sz);
		if (!nb)
			return NULL; /* libharu reports it */
		nb->used = 0;
		nb->size = sz;
		if (b && sz != ARENA_BLOCK) {
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			*arena = nb;
		}
		b = nb;
	}
	void *ptr = (char *)b->data + b->used;
	b->used += n;
	return ptr;
}

static void arena_free(void *ptr)
{
	(void)ptr;
}

/* A libharu stream that reads an mreader, as its file stream reads a file: a position past
 * the end reads nothing. libharu's own streams copy byte by byte (memory) or call fread for
 * every few bytes (a font file). */
static HPDF_STATUS mread(HPDF_Stream s, HPDF_BYTE *ptr, HPDF_UINT *size)
{
	mreader *r = s->attr;
	size_t n = r->at < r->len ? r->len - r->at : 0;
	if (n > *size)
		n = *size;
	if (n)
		memcpy(ptr, r->s + r->at, n);
	r->at += n;
	HPDF_STATUS rv = n < *size ? HPDF_STREAM_EOF : HPDF_OK;
	*size = (HPDF_UINT)n;
	return rv;
}

static HPDF_STATUS mseek(HPDF_Stream s, HPDF_INT pos, HPDF_WhenceMode mode)
{
	mreader *r = s->attr;
	long long to = (mode == HPDF_SEEK_CUR ? (long long)r->at : mode == HPDF_SEEK_END ? (long long)r->len : 0) + pos;
	if (to < 0)
		return HPDF_SetError(s->error, HPDF_FILE_IO_ERROR, 0);
	r->at = (size_t)to;
	return HPDF_OK;
}

static HPDF_INT32 mtell(HPDF_Stream s)
{
	return (HPDF_INT32)((mreader *)s->attr)->at;
}

static HPDF_UINT32 msize(HPDF_Stream s)
{
	return (HPDF_UINT32)((mreader *)s->attr)->len;
}

static HPDF_Stream mreader_new(pdfdoc *p, mreader *r)
{
	return HPDF_CallbackReader_New(p->pdf->mmgr, mread, mseek, mtell, msize, r);
}

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

/* libharu grows an array by a fixed step and copies it byte by byte each time: quadratic for
 * the long ones (a font's widths). Before an array fills, its step becomes its size, so that
 * it doubles. */
static void room(HPDF_Array a)
{
	if (a && a->list->count >= a->list->block_siz && a->list->count >= 32)
		a->list->items_per_block = a->list->count;
}

static void arr_add(HPDF_Array a, void *obj)
{
	room(a);
	HPDF_Array_Add(a, obj);
}

static void arr_num(HPDF_Array a, int n)
{
	room(a);
	HPDF_Array_AddNumber(a, n);
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

/* The number of an object of its own. */
static unsigned obj_no(void *obj)
{
	return obj ? ((HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFF : 0;
}

static void put_uint(buf_t *b, unsigned v);

/* Writing a structure element (see selem): the entries libharu holds are hidden from its own
 * loop over them, and written by elem_write in their place. */
static HPDF_STATUS elem_hide(HPDF_Dict d)
{
	for (HPDF_UINT i = 0; i < d->list->count; i++) {
		HPDF_DictElement el = HPDF_List_ItemAt(d->list, i);
		((HPDF_Obj_Header *)el->value)->obj_id |= HPDF_OTYPE_HIDDEN;
	}
	return HPDF_OK;
}

/* Appending to a buffer without a call while it has room: the pages' content, the structure
 * elements' kids and the ParentTree are written a few bytes at a time, and most of the
 * report's bytes go through here. */
static inline void add(buf_t *b, const void *s, size_t n)
{
	if (!n)
		return; /* s may be NULL then (an empty buffer's text) */
	if (b->cap - b->len > n) {
		memcpy(b->s + b->len, s, n);
		b->len += n;
		b->s[b->len] = '\0';
	} else {
		buf_add(b, s, n);
	}
}

static inline void add_str(buf_t *b, const char *s)
{
	add(b, s, strlen(s));
}

static inline void add_char(buf_t *b, char c)
{
	add(b, &c, 1);
}

/* "/Pg 12 0 R\n" at r (room for 40): a key and a reference to an object. Returns its length. */
static size_t put_ref(char *r, const char *key, unsigned obj)
{
	char d[12];
	size_t n = strlen(key), k = 0;
	memcpy(r, key, n);
	do {
		d[k++] = (char)('0' + obj % 10);
		obj /= 10;
	} while (obj);
	while (k)
		r[n++] = d[--k];
	memcpy(r + n, " 0 R\n", 5);
	return n + 5;
}

static HPDF_STATUS elem_pg(const selem *e, HPDF_Stream s)
{
	char r[40];
	return HPDF_Stream_Write(s, (const HPDF_BYTE *)r, (HPDF_UINT)put_ref(r, "/Pg ", e->pg_obj));
}

/* Its opening, its kids, then its /P and (when libharu holds no entries of its) its /Pg: three
 * writes, each entry of libharu's one more. */
static HPDF_STATUS elem_write(HPDF_Dict d, HPDF_Stream s)
{
	const selem *e = d->attr;
	char h[96];
	size_t n = 0, tn = strlen(e->type);
	memcpy(h, "/Type /StructElem\n/S /", 22);
	n = 22;
	memcpy(h + n, e->type, tn);
	n += tn;
	memcpy(h + n, "\n/K [ ", 6);
	n += 6;
	HPDF_STATUS rv = HPDF_Stream_Write(s, (const HPDF_BYTE *)h, (HPDF_UINT)n);
	if (rv == HPDF_OK && e->kids.len)
		rv = HPDF_Stream_Write(s, (const HPDF_BYTE *)e->kids.s, (HPDF_UINT)e->kids.len);
	memcpy(h, "]\n", 2);
	n = 2;
	if (e->parent)
		n += put_ref(h + n, "/P ", e->parent);
	if (e->pg >= 0 && !d->list->count)
		n += put_ref(h + n, "/Pg ", e->pg_obj);
	if (rv == HPDF_OK)
		rv = HPDF_Stream_Write(s, (const HPDF_BYTE *)h, (HPDF_UINT)n);
	for (HPDF_UINT i = 0; rv == HPDF_OK && i < d->list->count; i++) {
		HPDF_DictElement el = HPDF_List_ItemAt(d->list, i);
		if (e->pg >= 0 && i == e->pg_at)
			rv = elem_pg(e, s);
		((HPDF_Obj_Header *)el->value)->obj_id &= ~(HPDF_UINT32)HPDF_OTYPE_HIDDEN;
		if (rv == HPDF_OK)
			rv = HPDF_Stream_WriteEscapeName(s, el->key);
		if (rv == HPDF_OK)
			rv = HPDF_Stream_WriteChar(s, ' ');
		if (rv == HPDF_OK)
			rv = HPDF_Obj_Write(el->value, s, NULL);
		if (rv == HPDF_OK)
			rv = HPDF_Stream_WriteStr(s, "\n");
	}
	if (rv == HPDF_OK && e->pg >= 0 && d->list->count && e->pg_at >= d->list->count)
		rv = elem_pg(e, s);
	return rv;
}

static HPDF_String text_string(pdfdoc *p, const char *s)
{
	return NEW(p, HPDF_String_New(p->pdf->mmgr, s, p->enc));
}

/* --- content streams ------------------------------------------------------------------------ */

/* A number as libharu's HPDF_FToA writes it (hpdf_utils.c, 2.3.0), the same float arithmetic:
 * at most five decimals (the last five digits of its fraction part), no trailing zeros,
 * within +-32767. */
static void put_real(buf_t *b, HPDF_REAL val)
{
	char out[24], *s = out;
	if (val > 32767)
		val = 32767;
	else if (val < -32767)
		val = -32767;
	if (val < 0) {
		*s++ = '-';
		val = -val;
	}
	HPDF_INT32 int_val = (HPDF_INT32)(val + 0.000005);
	HPDF_INT32 fpart_val = (HPDF_INT32)((HPDF_REAL)(val - int_val + 0.000005) * 100000);
	char digits[16];
	int n = 0;
	do {
		digits[n++] = (char)('0' + int_val % 10);
		int_val /= 10;
	} while (int_val > 0);
	while (n)
		*s++ = digits[--n];
	HPDF_INT32 frac = fpart_val % 100000;
	if (frac) {
		int keep = 5;
		for (; frac % 10 == 0; frac /= 10)
			keep--;
		*s++ = '.';
		for (int i = keep - 1; i >= 0; i--, frac /= 10)
			s[i] = (char)('0' + frac % 10);
		s += keep;
	}
	add(b, out, (size_t)(s - out));
}

static void put_int(buf_t *b, long v)
{
	char out[24];
	add(b, out, (size_t)(fmt_ll(out, v) - out));
}

static void put_uint(buf_t *b, unsigned v)
{
	put_int(b, (long)v);
}

/* Numbers separated by spaces, then the operator (which starts with its space). */
static void put_reals(buf_t *b, const float *v, int n, const char *op)
{
	for (int i = 0; i < n; i++) {
		if (i)
			add_char(b, ' ');
		put_real(b, v[i]);
	}
	add_str(b, op);
}

static buf_t *content(pdfdoc *p)
{
	return &p->pages[p->cur].cs;
}

static void raw(pdfdoc *p, const char *s)
{
	if (!p->err && p->npages)
		add_str(content(p), s);
}

/* --- opening ------------------------------------------------------------------------------ */

/* Face f's font, as HPDF_LoadTTFontFromFile loads it (hpdf_doc.c, 2.3.0: the same font
 * definition, the same tag for its subset), from the file read whole: font_subset reads it
 * again. NULL when it cannot be read or parsed. */
static HPDF_FontDef load_font(pdfdoc *p, pdf_face f)
{
	size_t len;
	if (read_file(p->setup.font[f], 256UL * 1024 * 1024, &p->font_bytes[f], &len) != 0)
		return NULL;
	p->font_file[f] = (mreader){p->font_bytes[f], len, 0};
	HPDF_Stream st = mreader_new(p, &p->font_file[f]);
	HPDF_FontDef def = st ? HPDF_TTFontDef_Load(p->pdf->mmgr, st, HPDF_TRUE) : NULL;
	if (!def)
		return NULL;
	HPDF_FontDef had = HPDF_Doc_FindFontDef(p->pdf, def->base_font);
	if (had) {
		/* a face of the same PostScript name as an earlier one is that one, as libharu has
		 * it: its subset is made from that face's file, not from this one */
		HPDF_FontDef_Free(def);
		for (int g = 0; g < (int)f; g++)
			if (p->def[g] == had) {
				free(p->font_bytes[f]);
				p->font_bytes[f] = NULL;
				p->font_file[f] = p->font_file[g];
			}
		return had;
	}
	if (HPDF_List_Add(p->pdf->fontdef_list, def) != HPDF_OK) {
		HPDF_FontDef_Free(def);
		return NULL;
	}
	HPDF_BYTE *tag = p->pdf->ttfont_tag;
	if (!tag[0]) {
		memcpy(tag, "HPDFAA", 6);
	} else {
		for (int i = 5; i >= 0; i--) {
			if (++tag[i] <= 'Z')
				break;
			tag[i] = 'A';
		}
	}
	HPDF_TTFontDef_SetTagName(def, (char *)tag);
	return def;
}

pdfdoc *pdf_open(const pdf_setup *s)
{
	pdfdoc *p = xcalloc(1, sizeof *p);
	p->setup = *s;
	p->cur = -1;
	if (!arena) {
		arena = &p->arena;
		p->pdf = HPDF_NewEx(on_error, arena_alloc, arena_free, 0, p);
	} else {
		p->pdf = HPDF_New(on_error, p);
	}
	if (!p->pdf) {
		fail(p, "kan libharu niet starten");
		return p;
	}
	p->pdf->pdf_version = HPDF_VER_17;
	/* the cross-reference table doubles too (see room) */
	p->pdf->xref->entries->items_per_block = 8192;
	HPDF_SetCompressionMode(p->pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(p->pdf);
	HPDF_SetCurrentEncoder(p->pdf, "UTF-8");
	p->enc = HPDF_GetEncoder(p->pdf, "UTF-8");
	p->shown = xcalloc(0x10000, 1);
	for (int f = 0; f < PF_N && !p->err; f++) {
		p->def[f] = load_font(p, f);
		p->font_name[f] = p->def[f] ? p->def[f]->base_font : NULL;
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
	/* the document element, root of everything tagged */
	pdf_begin(p, "Document");
	return p;
}

pdfdoc *pdf_reopen(pdfdoc *old)
{
	/* the glyphs measured (libharu's flags), kept while the old document is closed first, so
	 * that the new one has its arena */
	unsigned char *flags[PF_N] = {NULL};
	size_t nflags[PF_N] = {0};
	for (int f = 0; f < PF_N && !old->err; f++) {
		HPDF_TTFontDefAttr a = (HPDF_TTFontDefAttr)old->def[f]->attr;
		nflags[f] = a->num_glyphs;
		flags[f] = xmalloc(nflags[f] + 1);
		memcpy(flags[f], a->glyph_tbl.flgs, nflags[f]);
	}
	pdf_setup s = old->setup;
	HPDF_STATUS err = old->err, detail = old->detail;
	char msg[sizeof old->msg];
	memcpy(msg, old->msg, sizeof msg);
	pdf_close(old);
	pdfdoc *p = pdf_open(&s);
	for (int f = 0; f < PF_N; f++) {
		if (flags[f] && !p->err) {
			HPDF_TTFontDefAttr b = (HPDF_TTFontDefAttr)p->def[f]->attr;
			for (size_t g = 0; g < nflags[f] && g < b->num_glyphs; g++)
				b->glyph_tbl.flgs[g] |= flags[f][g];
		}
		free(flags[f]);
	}
	if (err && !p->err) {
		p->err = err;
		p->detail = detail;
		memcpy(p->msg, msg, sizeof msg);
	}
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
	if (c < 0x80) {
		*s = q;
		return c;
	}
	int more = c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
	c &= 0x3F >> more;
	while (more-- && q < end && (*q & 0xC0) == 0x80)
		c = (c << 6) | (*q++ & 0x3F);
	*s = q;
	return c;
}

/* A code point the font can draw: others (outside the BMP, or without a glyph) become the
 * replacement character (or '?' when the font lacks that too), never the .notdef glyph that
 * PDF/A forbids; the loader warned about them (theme_check_text). Control characters and
 * invisible ones are dropped (0). Each code point is looked up in the font once (libharu's
 * lookup is a linear search), in a dry run too; the width table then answers. */
static unsigned drawable(pdfdoc *p, pdf_face f, unsigned cp)
{
	if (cp > 0xFFFF) {
		if (cp_is_control(cp) || cp_is_invisible(cp))
			return 0;
		cp = 0xFFFD;
	}
	unsigned char *k = &p->shown[cp];
	if (!*k)
		*k = cp_is_control(cp) || cp_is_invisible(cp) ? 1 : 2;
	if (*k == 1)
		return 0;
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

/* The next character of [*q, end) the face draws, with its width looked up in wt; 0 for one
 * it skips. */
static inline unsigned next_drawn(pdfdoc *p, pdf_face f, const short *wt, const unsigned char **q,
                                  const unsigned char *end)
{
	unsigned cp = **q;
	/* printable ASCII already looked up: the common case */
	if (cp >= 0x20 && cp < 0x7F && wt[cp] >= 0) {
		(*q)++;
		return cp;
	}
	cp = drawable(p, f, next_cp(q, end));
	if (cp && wt[cp] == -1)
		drawable(p, f, cp);
	return cp;
}

float pdf_width(pdfdoc *p, pdf_face f, float size, const char *s, size_t len)
{
	const unsigned char *q = (const unsigned char *)s, *end = q + len;
	float w = 0;
	if (p->err)
		return 0;
	const short *wt = p->width[f];
	while (q < end) {
		unsigned cp = next_drawn(p, f, wt, &q, end);
		if (!cp)
			continue;
		w += (float)wt[cp] * size / 1000.0f;
	}
	return w;
}

/* --- pages ------------------------------------------------------------------------------- */

void pdf_set_dry(pdfdoc *p, int dry)
{
	p->dry = dry;
	p->dry_pages = 0;
	p->dry_cur = -1;
}

/* The next key of the ParentTree, for a page (its marked content) or an annotation. */
static int parent_key(pdfdoc *p, int page, unsigned elem)
{
	p->nums = xgrow(p->nums, &p->capnums, p->nnums, sizeof *p->nums);
	p->nums[p->nnums] = (struct pnum){page, elem};
	return (int)p->nnums++;
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
	memset(sp, 0, sizeof *sp);
	sp->page = pg;
	sp->line_width = 1; /* PDF's default */
	sp->tf_face = -1;
	/* its marked content is found through the ParentTree; links are visited in structure order */
	HPDF_Dict_AddNumber(pg, "StructParents", parent_key(p, (int)p->npages, 0));
	HPDF_Dict_AddName(pg, "Tabs", "S");
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
	return p->depth ? p->elems[p->stack[p->depth - 1]] : NULL;
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
	if (!d)
		return -1;
	p->elems = xgrow(p->elems, &p->capelems, p->nelems, sizeof *p->elems);
	selem *e = xcalloc(1, sizeof *e);
	p->elems[p->nelems] = e;
	e->dict = d;
	e->pg = -1;
	size_t tn = strlen(type);
	if (tn >= sizeof e->type)
		tn = sizeof e->type - 1;
	memcpy(e->type, type, tn); /* e is zeroed */
	d->attr = e;
	d->before_write_fn = elem_hide;
	d->write_fn = elem_write;
	selem *parent = current(p);
	if (parent) {
		e->parent = obj_no(parent->dict);
		put_uint(&parent->kids, obj_no(d));
		add_str(&parent->kids, " 0 R ");
	}
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
	HPDF_Dict_Add(p->elems[elem]->dict, "Alt", text_string(p, alt));
}

void pdf_set_expansion(pdfdoc *p, int elem, const char *full)
{
	if (p->err || elem < 0)
		return;
	HPDF_Dict_Add(p->elems[elem]->dict, "E", text_string(p, full));
}

static HPDF_Dict attributes(pdfdoc *p, int elem, const char *owner)
{
	HPDF_Dict a = HPDF_Dict_GetItem(p->elems[elem]->dict, "A", HPDF_OCLASS_DICT);
	if (a)
		return a;
	a = dict_new(p);
	if (a) {
		HPDF_Dict_AddName(a, "O", owner);
		HPDF_Dict_Add(p->elems[elem]->dict, "A", a);
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

/* Open marked content for the current element on the current page, with the next MCID. The
 * element names the page of its first marked content (/Pg), so that its pieces there are bare
 * MCIDs among its kids; a piece on another page is a marked-content reference (MCR). */
static void mc_open(pdfdoc *p)
{
	selem *e = current(p);
	spage *sp = &p->pages[p->cur];
	if (p->err || !e)
		return;
	if (sp->mcid >= MAX_ELEMS_PER_ARRAY) {
		fail(p, "te veel tekst op een pagina van de PDF");
		return;
	}
	int mcid = sp->mcid++;
	buf_t *b = &sp->cs;
	add_char(b, '/');
	add_str(b, e->type);
	add_str(b, " <</MCID ");
	put_int(b, mcid);
	add_str(b, ">> BDC\n");
	if (e->pg < 0) {
		e->pg = p->cur;
		e->pg_obj = obj_no(sp->page);
		e->pg_at = e->dict->list->count;
	}
	if (e->pg == p->cur) {
		put_uint(&e->kids, (unsigned)mcid);
		add_char(&e->kids, ' ');
	} else {
		add_str(&e->kids, "<<\n/Type /MCR\n/Pg ");
		put_uint(&e->kids, obj_no(sp->page));
		add_str(&e->kids, " 0 R\n/MCID ");
		put_uint(&e->kids, (unsigned)mcid);
		add_str(&e->kids, "\n>> ");
	}
	put_uint(&sp->parents, obj_no(e->dict));
	add_str(&sp->parents, " 0 R ");
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

/* Graphics state is only written when it changes: a third less content to write and
 * compress. */
static int same_rgb(pdf_rgb a, pdf_rgb c)
{
	return a.r == c.r && a.g == c.g && a.b == c.b;
}

static int rgb_ok(pdfdoc *p, pdf_rgb c)
{
	if (c.r < 0 || c.r > 1 || c.g < 0 || c.g > 1 || c.b < 0 || c.b > 1) {
		fail(p, "een kleur buiten het bereik van de PDF");
		return 0;
	}
	return 1;
}

static void fill_color(pdfdoc *p, spage *sp, pdf_rgb c)
{
	if (sp->fill_set && same_rgb(sp->fill, c))
		return;
	if (!rgb_ok(p, c))
		return;
	float v[3] = {c.r, c.g, c.b};
	put_reals(&sp->cs, v, 3, " rg\n");
	sp->fill = c;
	sp->fill_set = 1;
}

static void stroke_style(pdfdoc *p, spage *sp, float width, pdf_rgb c, const char *dash)
{
	buf_t *b = &sp->cs;
	if (sp->line_width != width) {
		if (width < 0) {
			fail(p, "een lijndikte onder nul");
			return;
		}
		put_reals(b, &width, 1, " w\n");
		sp->line_width = width;
	}
	if (!sp->stroke_set || !same_rgb(sp->stroke, c)) {
		if (!rgb_ok(p, c))
			return;
		float v[3] = {c.r, c.g, c.b};
		put_reals(b, v, 3, " RG\n");
		sp->stroke = c;
		sp->stroke_set = 1;
	}
	unsigned short ptn[8];
	unsigned n = 0;
	for (const char *s = dash; s && *s && n < 8;) {
		char *end;
		long v = strtol(s, &end, 10);
		if (end == s)
			break;
		if (v <= 0 || v > 100) { /* libharu's HPDF_MAX_DASH_PATTERN */
			fail(p, "een streeppatroon buiten het bereik van de PDF");
			return;
		}
		ptn[n++] = (unsigned short)v;
		s = end;
	}
	int same = sp->ndash == n;
	for (unsigned i = 0; same && i < n; i++)
		same = sp->dash[i] == ptn[i];
	if (same)
		return;
	if (n != 1 && n % 2) {
		fail(p, "een streeppatroon met een oneven aantal lengtes");
		return;
	}
	add_char(b, '[');
	for (unsigned i = 0; i < n; i++) {
		put_int(b, ptn[i]);
		add_char(b, ' ');
		sp->dash[i] = ptn[i];
	}
	add_str(b, "] 0 d\n");
	sp->ndash = n;
}

/* A CID (two bytes, big-endian) in a literal string at c (room for four): bytes as they are
 * but for the three a string's syntax gives a meaning and the line ends (which a reader would
 * turn into LF). Returns the bytes written. */
static size_t put_code(char *c, unsigned v)
{
	size_t n = 0;
	unsigned char by[2] = {(unsigned char)(v >> 8), (unsigned char)v};
	for (int i = 0; i < 2; i++) {
		unsigned char x = by[i];
		if (x == '(' || x == ')' || x == '\\') {
			c[n++] = '\\';
			c[n++] = (char)x;
		} else if (x == '\r' || x == '\n') {
			c[n++] = '\\';
			c[n++] = x == '\r' ? 'r' : 'n';
		} else {
			c[n++] = (char)x;
		}
	}
	return n;
}

static void put_hex4(buf_t *b, unsigned v)
{
	static const char hex[] = "0123456789ABCDEF";
	char h[4] = {hex[(v >> 12) & 15], hex[(v >> 8) & 15], hex[(v >> 4) & 15], hex[v & 15]};
	add(b, h, 4);
}

static void fonts_begin(pdfdoc *p, pdf_face f);

/* The name of face f in the resources of page sp (a font dictionary is added on first use). */
static const char *page_font(pdfdoc *p, spage *sp, pdf_face f)
{
	if (!sp->font_name[f][0]) {
		const char *name = HPDF_Page_GetLocalFontName(sp->page, (HPDF_Font)p->font[f]);
		if (!name || strlen(name) >= sizeof sp->font_name[f]) {
			fail(p, "kan een lettertype niet aan een pagina van de PDF toevoegen");
			return NULL;
		}
		strcpy(sp->font_name[f], name);
	}
	return sp->font_name[f];
}

void pdf_text(pdfdoc *p, pdf_face f, float size, float x, float y, pdf_rgb c, const char *s, size_t len)
{
	if (p->err || p->dry || p->cur < 0 || !len)
		return;
	/* the text as its CIDs (the code points themselves; CIDToGIDMap finds their glyphs) */
	buf_t *codes = &p->scratch;
	buf_reset(codes);
	long tw = 0;
	const short *wt = p->width[f];
	char chunk[256];
	size_t n = 0;
	const unsigned char *q = (const unsigned char *)s, *end = q + len;
	while (q < end) {
		unsigned cp = next_drawn(p, f, wt, &q, end);
		if (!cp)
			continue;
		tw += wt[cp];
		p->used[f][cp >> 3] |= (unsigned char)(1u << (cp & 7));
		if (n + 4 > sizeof chunk) {
			add(codes, chunk, n);
			n = 0;
		}
		n += put_code(chunk + n, cp);
	}
	if (n)
		add(codes, chunk, n);
	if (!codes->len)
		return;
	if (size <= 0 || size > 600) { /* libharu's HPDF_MAX_FONTSIZE */
		fail(p, "een lettergrootte buiten het bereik van de PDF");
		return;
	}
	if (!p->font[f])
		fonts_begin(p, f);
	spage *sp = &p->pages[p->cur];
	const char *name = p->err ? NULL : page_font(p, sp, f);
	if (!name)
		return;
	int w = wrap_begin(p, 1);
	fill_color(p, sp, c);
	buf_t *b = &sp->cs;
	add_str(b, "BT\n");
	if (sp->tf_face != (int)f || sp->tf_size != size) {
		add_char(b, '/');
		add_str(b, name);
		add_char(b, ' ');
		put_real(b, size);
		add_str(b, " Tf\n");
		sp->tf_face = (int)f;
		sp->tf_size = size;
	}
	float xy[2] = {x, y};
	put_reals(b, xy, 2, " Td\n");
	if (tw) { /* as libharu: no Tj for text without width */
		add_char(b, '(');
		add(b, codes->s, codes->len);
		add_str(b, ") Tj\n");
	}
	add_str(b, "ET\n");
	wrap_end(p, w);
}

void pdf_line(pdfdoc *p, float x0, float y0, float x1, float y1, float width, pdf_rgb c, const char *dash)
{
	if (p->err || p->dry || p->cur < 0)
		return;
	spage *sp = &p->pages[p->cur];
	int w = wrap_begin(p, 0);
	stroke_style(p, sp, width, c, dash);
	float a[2] = {x0, y0}, b[2] = {x1, y1};
	put_reals(&sp->cs, a, 2, " m\n");
	put_reals(&sp->cs, b, 2, " l\nS\n");
	wrap_end(p, w);
}

void pdf_polyline(pdfdoc *p, const float *xy, int n, float width, pdf_rgb c)
{
	if (p->err || p->dry || p->cur < 0 || n < 2)
		return;
	spage *sp = &p->pages[p->cur];
	int w = wrap_begin(p, 0);
	stroke_style(p, sp, width, c, NULL);
	put_reals(&sp->cs, xy, 2, " m\n");
	for (int i = 1; i < n; i++)
		put_reals(&sp->cs, xy + 2 * i, 2, " l\n");
	add_str(&sp->cs, "S\n");
	wrap_end(p, w);
}

void pdf_rect(pdfdoc *p, float x, float y, float wd, float h, pdf_rgb c)
{
	if (p->err || p->dry || p->cur < 0)
		return;
	spage *sp = &p->pages[p->cur];
	int w = wrap_begin(p, 0);
	fill_color(p, sp, c);
	float v[4] = {x, y, wd, h};
	put_reals(&sp->cs, v, 4, " re\nf\n");
	wrap_end(p, w);
}

/* A circle of four Bezier curves, as libharu's HPDF_Page_Circle draws it. */
void pdf_dot(pdfdoc *p, float x, float y, float r, pdf_rgb c)
{
	if (p->err || p->dry || p->cur < 0)
		return;
	spage *sp = &p->pages[p->cur];
	int w = wrap_begin(p, 0);
	fill_color(p, sp, c);
	const HPDF_REAL k = 0.552F;
	buf_t *b = &sp->cs;
	float m[2] = {x - r, y};
	float qa[6] = {x - r, y + r * k, x - r * k, y + r, x, y + r};
	float qb[6] = {x + r * k, y + r, x + r, y + r * k, x + r, y};
	float qc[6] = {x + r, y - r * k, x + r * k, y - r, x, y - r};
	float qd[6] = {x - r * k, y - r, x - r, y - r * k, x - r, y};
	put_reals(b, m, 2, " m\n");
	put_reals(b, qa, 6, " c\n");
	put_reals(b, qb, 6, " c\n");
	put_reals(b, qc, 6, " c\n");
	put_reals(b, qd, 6, " c\nf\n");
	wrap_end(p, w);
}

void pdf_jpeg(pdfdoc *p, const void *bytes, size_t len, float x, float y, float w, float h)
{
	if (p->err || p->dry || p->cur < 0 || !len)
		return;
	HPDF_Image img = HPDF_LoadJpegImageFromMem(p->pdf, bytes, (HPDF_UINT)len);
	if (!img)
		return; /* the error handler has it */
	spage *sp = &p->pages[p->cur];
	const char *name = HPDF_Page_GetXObjectName(sp->page, img);
	if (!name) {
		fail(p, "kan de afbeelding niet aan een pagina van de PDF toevoegen");
		return;
	}
	int wr = wrap_begin(p, 0);
	float cm[6] = {w, 0, 0, h, x, y};
	add_str(&sp->cs, "q\n");
	put_reals(&sp->cs, cm, 6, " cm\n/");
	add_str(&sp->cs, name);
	add_str(&sp->cs, " Do\nQ\n");
	wrap_end(p, wr);
}

/* --- links and bookmarks -------------------------------------------------------------------- */

/* A link annotation. Its dictionary writes itself (annot_write) in the bytes libharu's
 * HPDF_Page_Create(URI)LinkAnnot and HPDF_LinkAnnot_SetBorderStyle(0) gave it, with the keys
 * that tie it to its element; of its objects only its URI is libharu's (a hidden entry,
 * written in its place). */
typedef struct {
	float rect[4];   /* left, bottom, right, top */
	unsigned dest;   /* the destination's object number; 0: a URI (the entry "URI") */
	unsigned page;   /* the page it is on */
	int key;         /* its StructParent */
	char *what;      /* its /Contents */
} sannot;

/* Text as libharu writes a string of the UTF-8 encoder (HPDF_String_Write with
 * hpdf_encoder_utf.c, 2.3.0): UTF-16BE in hex after a byte order mark, a character beyond the
 * BMP as a space, a byte that cannot start a character left out. libharu's way goes through
 * three calls for every byte: most of the time of writing a link. */
static void put_text_string(buf_t *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char by[4];
	int cur = 0, end = 0;
	add_str(b, "<FEFF");
	for (const unsigned char *q = (const unsigned char *)s; *q; q++) {
		unsigned v;
		if (!cur) {
			by[0] = *q;
			if (*q < 0x80) {
				v = *q;
			} else {
				end = (*q & 0xF8) == 0xF0 ? 3 : (*q & 0xF0) == 0xE0 ? 2 : (*q & 0xE0) == 0xC0 ? 1 : 0;
				cur = end ? 1 : 0;
				continue;
			}
		} else {
			by[cur] = *q;
			if (cur++ < end)
				continue;
			cur = 0;
			if (end == 3)
				v = 32; /* libharu: beyond UCS-2 */
			else if (end == 2)
				v = (by[0] & 0xFu) << 12 | (by[1] & 0x3Fu) << 6 | (by[2] & 0x3Fu);
			else
				v = (by[0] & 0x1Fu) << 6 | (by[1] & 0x3Fu);
		}
		char h[4] = {hex[v >> 12], hex[(v >> 8) & 15], hex[(v >> 4) & 15], hex[v & 15]};
		add(b, h, 4);
	}
	add_char(b, '>');
}

static HPDF_STATUS annot_write(HPDF_Dict d, HPDF_Stream s)
{
	const sannot *a = d->attr;
	buf_t b = {0};
	add_str(&b, "/Rect [ ");
	for (int i = 0; i < 4; i++) {
		put_real(&b, a->rect[i]);
		add_char(&b, ' ');
	}
	add_str(&b, "]\n/Type /Annot\n/Subtype /Link\n");
	if (a->dest) {
		add_str(&b, "/Dest ");
		put_uint(&b, a->dest);
		add_str(&b, " 0 R\n");
	} else {
		add_str(&b, "/A <<\n/Type /Action\n/S /URI\n/URI ");
	}
	HPDF_STATUS rv = HPDF_Stream_Write(s, (const HPDF_BYTE *)b.s, (HPDF_UINT)b.len);
	buf_reset(&b);
	if (rv == HPDF_OK && !a->dest) {
		rv = HPDF_Obj_WriteValue(HPDF_Dict_GetItem(d, "URI", HPDF_OCLASS_STRING), s, NULL);
		add_str(&b, "\n>>\n");
	}
	add_str(&b, "/P ");
	put_uint(&b, a->page);
	add_str(&b, " 0 R\n/Border [ 0 0 0 ]\n/F 4\n/Contents ");
	put_text_string(&b, a->what);
	add_str(&b, "\n/StructParent ");
	put_int(&b, a->key);
	add_char(&b, '\n');
	if (rv == HPDF_OK)
		rv = HPDF_Stream_Write(s, (const HPDF_BYTE *)b.s, (HPDF_UINT)b.len);
	buf_free(&b);
	return rv;
}

static void annot_free(HPDF_Dict d)
{
	sannot *a = d->attr;
	if (a)
		free(a->what);
	free(a);
	d->attr = NULL;
}

/* The URI of a link, written by annot_write. */
static void annot_uri(pdfdoc *p, HPDF_Dict d, HPDF_String str)
{
	if (!str || HPDF_Dict_Add(d, "URI", str) != HPDF_OK) {
		fail(p, "onvoldoende geheugen voor de PDF");
		return;
	}
	str->header.obj_id |= HPDF_OTYPE_HIDDEN;
}

/* A link on the current page to `dest` (an object's number) or `uri`, tied to the current
 * element: an OBJR among its kids, /StructParent on the annotation, and what it does in words
 * (/Contents); printable (/F 4) as PDF/A wants; in the page's /Annots. */
static void link_annot(pdfdoc *p, float x, float y, float w, float h, unsigned dest, const char *uri, const char *what)
{
	selem *e = current(p);
	spage *sp = &p->pages[p->cur];
	HPDF_Dict d = e ? indirect(p, dict_new(p)) : NULL;
	if (p->err || !d)
		return;
	sannot *a = xcalloc(1, sizeof *a);
	a->rect[0] = x;
	a->rect[1] = h < 0 ? y + h : y;
	a->rect[2] = x + w;
	a->rect[3] = h < 0 ? y : y + h;
	a->dest = dest;
	a->page = obj_no(sp->page);
	a->what = xstrdup(what);
	d->attr = a;
	d->write_fn = annot_write;
	d->free_fn = annot_free;
	if (!dest)
		annot_uri(p, d, NEW(p, HPDF_String_New(p->pdf->mmgr, uri, NULL)));
	HPDF_Array annots = HPDF_Dict_GetItem(sp->page, "Annots", HPDF_OCLASS_ARRAY);
	if (!annots) {
		annots = array_new(p);
		if (!annots || HPDF_Dict_Add(sp->page, "Annots", annots) != HPDF_OK)
			return;
	}
	arr_add(annots, d);
	a->key = parent_key(p, -1, obj_no(e->dict));
	add_str(&e->kids, "<<\n/Type /OBJR\n/Obj ");
	put_uint(&e->kids, obj_no(d));
	add_str(&e->kids, " 0 R\n/Pg ");
	put_uint(&e->kids, obj_no(sp->page));
	add_str(&e->kids, " 0 R\n>> ");
}

void pdf_link_uri(pdfdoc *p, float x, float y, float w, float h, const char *uri, const char *what)
{
	if (p->err || p->dry || p->cur < 0)
		return;
	link_annot(p, x, y, w, h, 0, uri, what);
}

void pdf_link_page(pdfdoc *p, float x, float y, float w, float h, int page, float top, const char *what)
{
	if (p->err || p->dry || p->cur < 0 || page < 0 || (size_t)page >= p->npages)
		return;
	HPDF_Destination dst = HPDF_Page_CreateDestination(p->pages[page].page);
	if (!dst || HPDF_Destination_SetFitH(dst, top) != HPDF_OK) {
		fail(p, "onvoldoende geheugen voor de PDF");
		return;
	}
	link_annot(p, x, y, w, h, obj_no(dst), NULL, what);
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

/* --- fonts --------------------------------------------------------------------------------- */

/* Face f's Type0 font (Identity-H: each code is a CID, here the code point itself), made when
 * the first text in it is drawn; its widths, its map from CIDs to glyphs, the embedded subset
 * and the ToUnicode map follow in font_finish, from what was drawn. */
static void fonts_begin(pdfdoc *p, pdf_face f)
{
	HPDF_TTFontDefAttr da = (HPDF_TTFontDefAttr)p->def[f]->attr;
	HPDF_Dict font = indirect(p, dict_new(p));
	HPDF_Dict cid = indirect(p, dict_new(p));
	HPDF_Dict tu = NEW(p, HPDF_DictStream_New(p->pdf->mmgr, p->pdf->xref));
	HPDF_Array desc = array_new(p);
	if (!font || !cid || !tu || !desc) {
		fail(p, "onvoldoende geheugen voor de PDF");
		return;
	}
	HPDF_Dict_AddName(font, "Type", "Font");
	HPDF_Dict_AddName(font, "Subtype", "Type0");
	HPDF_Dict_AddName(font, "BaseFont", da->base_font);
	HPDF_Dict_AddName(font, "Encoding", "Identity-H");
	HPDF_Dict_Add(font, "DescendantFonts", desc);
	HPDF_Array_Add(desc, cid);
	HPDF_Dict_Add(font, "ToUnicode", tu);
	tu->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_Dict_AddName(cid, "Type", "Font");
	HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2");
	HPDF_Dict_AddName(cid, "BaseFont", da->base_font);
	HPDF_Dict info = dict_new(p);
	if (info) {
		HPDF_Dict_Add(info, "Registry", HPDF_String_New(p->pdf->mmgr, "Adobe", NULL));
		HPDF_Dict_Add(info, "Ordering", HPDF_String_New(p->pdf->mmgr, "Identity", NULL));
		HPDF_Dict_AddNumber(info, "Supplement", 0);
		HPDF_Dict_Add(cid, "CIDSystemInfo", info);
	}
	p->font[f] = font;
	p->cidfont[f] = cid;
	p->tounicode[f] = tu;
}

/* A stream that is compressed at the end (contents_finish): what `data` holds (taken: it is
 * empty afterwards), at zlib's `level`, its key written by `key`. */
typedef struct zjob {
	HPDF_Dict d;
	buf_t in, out;
	int level;
	HPDF_STATUS (*key)(HPDF_Dict, HPDF_Stream);
	int ok;
	mreader rd;       /* where libharu reads `out` */
} zjob;

static HPDF_STATUS flate_array_key(HPDF_Dict d, HPDF_Stream s);

static void defer(pdfdoc *p, HPDF_Dict d, buf_t *data, int level, HPDF_STATUS (*key)(HPDF_Dict, HPDF_Stream))
{
	if (!d || p->err) {
		buf_free(data);
		return;
	}
	p->z = xgrow(p->z, &p->capz, p->nz, sizeof *p->z);
	p->z[p->nz++] = (zjob){d, *data, {0}, level, key, 0, {NULL, 0, 0}};
	*data = (buf_t){0};
}

/* A stream as libharu compresses it: zlib's default level, /Filter as an array; libharu
 * writes an empty one as it is. */
static void defer_flate(pdfdoc *p, HPDF_Dict d, buf_t *data)
{
	if (d)
		d->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	if (data->len)
		defer(p, d, data, Z_DEFAULT_COMPRESSION, flate_array_key);
	else
		buf_free(data);
}

static void put_be16(buf_t *b, unsigned v)
{
	char c[2] = {(char)(v >> 8), (char)v};
	add(b, c, 2);
}

static void put_be32(buf_t *b, unsigned long v)
{
	char c[4] = {(char)(v >> 24), (char)(v >> 16), (char)(v >> 8), (char)v};
	add(b, c, 4);
}

static unsigned long be32_at(const unsigned char *c)
{
	return (unsigned long)c[0] << 24 | (unsigned long)c[1] << 16 | (unsigned long)c[2] << 8 | c[3];
}

/* The sum of a table as big-endian 32-bit words, the last one padded with zeros. */
static unsigned long table_sum(const unsigned char *c, size_t len)
{
	unsigned long sum = 0;
	for (; len >= 4; c += 4, len -= 4)
		sum += be32_at(c);
	if (len) {
		unsigned char w[4] = {0, 0, 0, 0};
		memcpy(w, c, len);
		sum += be32_at(w);
	}
	return sum & 0xFFFFFFFFUL;
}

/* Bytes [off, off + len) of the font file to `to`; -1 when the file is shorter. */
static int font_copy(buf_t *to, const char *file, size_t flen, size_t off, size_t len)
{
	if (off > flen || len > flen - off)
		return -1;
	add(to, file + off, len);
	return 0;
}

#define SUBSET_TABLES 13

/* Face f's embedded subset, byte for byte as libharu's HPDF_TTFontDef_SaveFontData writes it
 * (hpdf_fontdef_tt.c, 2.3.0): its thirteen tables in its order, unpadded; the glyphs drawn or
 * measured (the glyph table's flags, set by libharu as widths are looked up) kept, the others
 * empty; "name" with the subset's tag before the font's names; the checksums as it computes
 * them (checkSumAdjustment over the tables only). libharu reads the font file a few bytes at a
 * time through its file stream: a tenth of the report's work; here it is read whole. *length1:
 * the subset's size. */
static int font_subset(pdfdoc *p, pdf_face f, buf_t *out, unsigned *length1)
{
	static const char tags[SUBSET_TABLES][5] = {"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea",
	                                            "hmtx", "loca", "maxp", "name", "post", "prep"};
	HPDF_TTFontDefAttr a = (HPDF_TTFontDefAttr)p->def[f]->attr;
	const char *file = p->font_file[f].s;
	size_t flen = p->font_file[f].len;
	buf_t t = {0}, names = {0};
	HPDF_UINT32 *loca = xmalloc(((size_t)a->num_glyphs + 1) * sizeof *loca);
	size_t at[SUBSET_TABLES], len[SUBSET_TABLES], sum_at = 0;
	int short_loca = a->header.index_to_loc_format == 0, rv = 0;
	for (int i = 0; i < SUBSET_TABLES && !rv; i++) {
		const HPDF_TTFTable *tb = NULL;
		for (HPDF_UINT k = 0; k < a->offset_tbl.num_tables && !tb; k++)
			if (!memcmp(a->offset_tbl.table[k].tag, tags[i], 4))
				tb = &a->offset_tbl.table[k];
		at[i] = t.len;
		if (!strcmp(tags[i], "head")) {
			const HPDF_TTF_FontHeader *h = &a->header;
			add(&t, h->version_number, 4);
			put_be32(&t, h->font_revision);
			sum_at = t.len;
			put_be32(&t, 0); /* checkSumAdjustment, below */
			put_be32(&t, h->magic_number);
			put_be16(&t, h->flags);
			put_be16(&t, h->units_per_em);
			add(&t, h->created, 8);
			add(&t, h->modified, 8);
			put_be16(&t, (HPDF_UINT16)h->x_min);
			put_be16(&t, (HPDF_UINT16)h->y_min);
			put_be16(&t, (HPDF_UINT16)h->x_max);
			put_be16(&t, (HPDF_UINT16)h->y_max);
			put_be16(&t, h->mac_style);
			put_be16(&t, h->lowest_rec_ppem);
			put_be16(&t, (HPDF_UINT16)h->font_direction_hint);
			put_be16(&t, (HPDF_UINT16)h->index_to_loc_format);
			put_be16(&t, (HPDF_UINT16)h->glyph_data_format);
		} else if (!strcmp(tags[i], "glyf")) {
			/* each glyph kept where the one before ended; loca's offsets in its units */
			HPDF_UINT32 end = 0;
			const HPDF_TTF_GryphOffsets *g = &a->glyph_tbl;
			for (HPDF_UINT k = 0; k < a->num_glyphs && !rv; k++) {
				if (g->flgs[k] != 1) {
					loca[k] = end;
					continue;
				}
				size_t off = g->offsets[k], n = g->offsets[k + 1] - off;
				loca[k] = (HPDF_UINT32)(t.len - at[i]);
				if (short_loca) {
					loca[k] /= 2;
					n *= 2;
					off *= 2;
				}
				rv = font_copy(&t, file, flen, off + g->base_offset, n);
				end = (HPDF_UINT32)(t.len - at[i]);
				if (short_loca)
					end /= 2;
			}
			loca[a->num_glyphs] = end;
		} else if (!strcmp(tags[i], "loca")) {
			for (HPDF_UINT k = 0; k <= a->num_glyphs; k++) {
				if (short_loca)
					put_be16(&t, (HPDF_UINT16)loca[k]);
				else
					put_be32(&t, loca[k]);
			}
		} else if (!strcmp(tags[i], "name")) {
			/* the records, then their strings; names 1 and 4 (family, full name) get the tag */
			const HPDF_TTF_NamingTable *nt = &a->name_tbl;
			if (!tb) {
				rv = -1;
				break;
			}
			put_be16(&t, nt->format);
			put_be16(&t, nt->count);
			put_be16(&t, nt->string_offset);
			buf_reset(&names);
			for (HPDF_UINT k = 0; k < nt->count && !rv; k++) {
				const HPDF_TTF_NameRecord *r = &nt->name_records[k];
				size_t n = r->length, rec_at = names.len;
				if (r->name_id == 1 || r->name_id == 4) {
					if (r->platform_id == 0 || r->platform_id == 3) {
						add(&names, a->tag_name2, sizeof a->tag_name2);
						n += sizeof a->tag_name2;
					} else {
						add(&names, a->tag_name, sizeof a->tag_name);
						n += sizeof a->tag_name;
					}
				}
				put_be16(&t, r->platform_id);
				put_be16(&t, r->encoding_id);
				put_be16(&t, r->language_id);
				put_be16(&t, r->name_id);
				put_be16(&t, (HPDF_UINT16)n);
				put_be16(&t, (HPDF_UINT16)rec_at);
				rv = font_copy(&names, file, flen, (size_t)tb->offset + nt->string_offset + r->offset, r->length);
			}
			add(&t, names.s, names.len);
		} else if (tb) {
			rv = font_copy(&t, file, flen, tb->offset, tb->length);
		}
		len[i] = t.len - at[i];
	}
	if (!rv) {
		/* the offset table, the table directory, then the tables */
		const size_t base = 12 + 16 * SUBSET_TABLES;
		put_be32(out, a->offset_tbl.sfnt_version);
		put_be16(out, SUBSET_TABLES);
		put_be16(out, a->offset_tbl.search_range);
		put_be16(out, a->offset_tbl.entry_selector);
		put_be16(out, a->offset_tbl.range_shift);
		const unsigned char *u = (const unsigned char *)t.s;
		for (int i = 0; i < SUBSET_TABLES; i++) {
			add(out, tags[i], 4);
			put_be32(out, table_sum(u + at[i], len[i]));
			put_be32(out, at[i] + base);
			put_be32(out, len[i]);
		}
		/* libharu's checkSumAdjustment: the tables' whole words only, not the directory */
		unsigned long adj = 0xB1B0AFBAUL;
		for (size_t k = 0; k + 4 <= t.len; k += 4)
			adj -= be32_at(u + k);
		adj &= 0xFFFFFFFFUL;
		t.s[sum_at] = (char)(adj >> 24);
		t.s[sum_at + 1] = (char)(adj >> 16);
		t.s[sum_at + 2] = (char)(adj >> 8);
		t.s[sum_at + 3] = (char)adj;
		add(out, t.s, t.len);
		*length1 = (unsigned)(t.len + base);
	}
	free(loca);
	buf_free(&t);
	buf_free(&names);
	return rv;
}

static void font_finish(pdfdoc *p, pdf_face f)
{
	if (!p->font[f] || p->err)
		return;
	HPDF_FontDef def = p->def[f];
	HPDF_TTFontDefAttr da = (HPDF_TTFontDefAttr)def->attr;
	HPDF_Dict cid = p->cidfont[f];
	int *used = xmalloc(0x10000 * sizeof *used), n = 0;
	for (int c = 0; c < 0x10000; c++)
		if (p->used[f][c >> 3] & (1u << (c & 7)))
			used[n++] = c;
	/* widths: runs of consecutive CIDs, c [w1 w2 ...] */
	HPDF_Dict_AddNumber(cid, "DW", def->missing_width);
	HPDF_Array w = array_new(p);
	if (w) {
		HPDF_Dict_Add(cid, "W", w);
		for (int i = 0; i < n;) {
			HPDF_Array run = array_new(p);
			if (!run)
				break;
			arr_num(w, used[i]);
			arr_add(w, run);
			int j = i;
			do
				arr_num(run, p->width[f][used[j]]);
			while (++j < n && used[j] == used[j - 1] + 1);
			i = j;
		}
	}
	/* CIDToGIDMap: the glyph of each CID, two bytes big-endian, up to the last one drawn */
	HPDF_Dict map = NEW(p, HPDF_DictStream_New(p->pdf->mmgr, p->pdf->xref));
	if (map && n) {
		size_t len = 2 * ((size_t)used[n - 1] + 1);
		buf_t gb = {xcalloc(len + 1, 1), len, len + 1};
		unsigned char *g = (unsigned char *)gb.s;
		for (int i = 0; i < n; i++) {
			HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(def, (HPDF_UINT16)used[i]);
			g[2 * used[i]] = (unsigned char)(gid >> 8);
			g[2 * used[i] + 1] = (unsigned char)gid;
		}
		defer_flate(p, map, &gb);
		HPDF_Dict_Add(cid, "CIDToGIDMap", map);
	}
	/* the descriptor and the embedded subset (libharu's: every glyph drawn or measured) */
	HPDF_Dict fd = indirect(p, dict_new(p));
	HPDF_Dict file = NEW(p, HPDF_DictStream_New(p->pdf->mmgr, p->pdf->xref));
	HPDF_Array bbox = array_new(p);
	if (fd && file && bbox) {
		HPDF_Dict_AddName(fd, "Type", "FontDescriptor");
		HPDF_Dict_AddNumber(fd, "Ascent", def->ascent);
		HPDF_Dict_AddNumber(fd, "Descent", def->descent);
		HPDF_Dict_AddNumber(fd, "Flags", (HPDF_INT32)def->flags);
		HPDF_Array_AddReal(bbox, def->font_bbox.left);
		HPDF_Array_AddReal(bbox, def->font_bbox.bottom);
		HPDF_Array_AddReal(bbox, def->font_bbox.right);
		HPDF_Array_AddReal(bbox, def->font_bbox.top);
		HPDF_Dict_Add(fd, "FontBBox", bbox);
		HPDF_Dict_AddName(fd, "FontName", da->base_font);
		HPDF_Dict_AddNumber(fd, "ItalicAngle", def->italic_angle);
		HPDF_Dict_AddNumber(fd, "StemV", def->stemv);
		HPDF_Dict_AddNumber(fd, "XHeight", def->x_height);
		unsigned length1 = 0;
		buf_t sub = {0};
		if (font_subset(p, f, &sub, &length1) != 0)
			fail(p, "kan een lettertype niet in de PDF opnemen");
		defer_flate(p, file, &sub);
		HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)length1);
		HPDF_Dict_AddNumber(file, "Length2", 0);
		HPDF_Dict_AddNumber(file, "Length3", 0);
		HPDF_Dict_Add(fd, "FontFile2", file);
		HPDF_Dict_Add(cid, "FontDescriptor", fd);
	}
	/* ToUnicode: a CID is its code point, so the map is the identity on the characters drawn
	 * (bfchar, at most 100 a block) */
	buf_t b = {0};
	add_str(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	             "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	             "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (int i = 0; i < n; i += 100) {
		int k = n - i < 100 ? n - i : 100;
		put_int(&b, k);
		add_str(&b, " beginbfchar\n");
		for (int j = i; j < i + k; j++) {
			add_char(&b, '<');
			put_hex4(&b, (unsigned)used[j]);
			add_str(&b, "> <");
			put_hex4(&b, (unsigned)used[j]);
			add_str(&b, ">\n");
		}
		add_str(&b, "endbfchar\n");
	}
	add_str(&b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	defer_flate(p, p->tounicode[f], &b);
	free(used);
}

/* --- compressing, on two threads ------------------------------------------------------------ */

/* What is left when the layout is done, and most of its work: compressing the streams, each
 * page's content (level 3: two fifths less work than zlib's default for a file 1% larger) and
 * the fonts' subsets and maps and the colour profile (zlib's default level, as libharu's
 * HPDF_Stream_WriteToStreamWithDeflate; zlib's output does not depend on how its input is
 * handed in). They are independent: two threads take them in turn from one list, each into a
 * buffer of its own, which libharu then reads as it is (mread): the file is the same whatever
 * thread did what, and with one thread. */
typedef struct {
	zjob *jobs;
	size_t njobs, next;
	plat_mutex *lock;
} zqueue;

static void z_work(void *arg)
{
	zqueue *q = arg;
	z_stream z[2]; /* level 3 and the default, each reset between streams */
	int made[2] = {0, 0};
	memset(z, 0, sizeof z);
	for (size_t i; (i = plat_take(q->lock, &q->next, q->njobs)) < q->njobs;) {
		zjob *j = &q->jobs[i];
		int k = j->level == Z_DEFAULT_COMPRESSION;
		if (!made[k]) {
			if (deflateInit(&z[k], j->level) != Z_OK)
				continue; /* j->ok stays 0 */
			made[k] = 1;
		} else {
			deflateReset(&z[k]);
		}
		size_t cap = deflateBound(&z[k], (uLong)j->in.len);
		j->out.s = xmalloc(cap + 1);
		j->out.cap = cap + 1;
		z[k].next_in = (Bytef *)j->in.s;
		z[k].avail_in = (uInt)j->in.len;
		z[k].next_out = (Bytef *)j->out.s;
		z[k].avail_out = (uInt)cap;
		j->ok = deflate(&z[k], Z_FINISH) == Z_STREAM_END;
		j->out.len = cap - z[k].avail_out;
	}
	for (int k = 0; k < 2; k++)
		if (made[k])
			deflateEnd(&z[k]);
}

/* A stream already compressed: libharu writes it as it is (filter none) and this adds the key
 * it would have written (libharu drops a /Filter of its own from a stream without one): for a
 * page's content as a name, as the pages were written before; for the others as libharu does. */
static HPDF_STATUS flate_key(HPDF_Dict d, HPDF_Stream s)
{
	(void)d;
	return HPDF_Stream_WriteStr(s, "/Filter /FlateDecode\012");
}

static HPDF_STATUS flate_array_key(HPDF_Dict d, HPDF_Stream s)
{
	(void)d;
	return HPDF_Stream_WriteStr(s, "/Filter [ /FlateDecode ]\012");
}

static void contents_finish(pdfdoc *p)
{
	for (size_t i = 0; i < p->npages; i++)
		defer(p, ((HPDF_PageAttr)p->pages[i].page->attr)->contents, &p->pages[i].cs, 3, flate_key);
	if (p->err)
		return;
	zqueue q = {p->z, p->nz, 0, plat_mutex_new()};
	/* without a lock or a second thread, this thread does it all */
	plat_thread *th = NULL;
	if (!q.lock || plat_thread_start(&th, z_work, &q) != 0)
		th = NULL;
	z_work(&q);
	if (th)
		plat_thread_join(th);
	plat_mutex_free(q.lock);
	for (size_t i = 0; i < p->nz && !p->err; i++) {
		zjob *j = &p->z[i];
		buf_free(&j->in);
		j->rd = (mreader){j->out.s, j->out.len, 0};
		HPDF_Stream s = j->ok ? mreader_new(p, &j->rd) : NULL;
		if (!s) {
			fail(p, "kan de inhoud van de PDF niet comprimeren");
			break;
		}
		HPDF_Stream_Free(j->d->stream);
		j->d->stream = s;
		j->d->filter = HPDF_STREAM_FILTER_NONE;
		j->d->write_fn = j->key;
	}
	/* a page's own pointer to its content's stream */
	for (size_t i = 0; i < p->npages && !p->err; i++) {
		HPDF_PageAttr attr = (HPDF_PageAttr)p->pages[i].page->attr;
		attr->stream = attr->contents->stream;
	}
}

/* --- finishing ---------------------------------------------------------------------------- */

static void xml_text(buf_t *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': add_str(b, "&amp;"); break;
		case '<': add_str(b, "&lt;"); break;
		case '>': add_str(b, "&gt;"); break;
		case '"': add_str(b, "&quot;"); break;
		default: add_char(b, *s);
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
	add_str(&b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	             "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	             "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	             "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
	             "xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" "
	             "xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\" "
	             "xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\" "
	             "xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" "
	             "xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n");
	add_str(&b, "<dc:format>application/pdf</dc:format>\n<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
	xml_text(&b, s->title);
	add_str(&b, "</rdf:li></rdf:Alt></dc:title>\n<dc:creator><rdf:Seq><rdf:li>");
	xml_text(&b, s->author);
	add_str(&b, "</rdf:li></rdf:Seq></dc:creator>\n<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
	xml_text(&b, s->subject);
	add_str(&b, "</rdf:li></rdf:Alt></dc:description>\n<dc:language><rdf:Bag><rdf:li>");
	xml_text(&b, s->lang);
	add_str(&b, "</rdf:li></rdf:Bag></dc:language>\n");
	if (s->keywords) {
		add_str(&b, "<pdf:Keywords>");
		xml_text(&b, s->keywords);
		add_str(&b, "</pdf:Keywords>\n");
	}
	buf_printf(&b, "<pdf:Producer>%s</pdf:Producer>\n<xmp:CreatorTool>meetlat</xmp:CreatorTool>\n"
	               "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n"
	               "<xmp:MetadataDate>%s</xmp:MetadataDate>\n"
	               "<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>A</pdfaid:conformance>\n"
	               "<pdfuaid:part>1</pdfuaid:part>\n",
	           PRODUCER, iso, iso, iso);
	add_str(&b, "<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">"
	             "<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>"
	             "<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>"
	             "<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>"
	             "<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">"
	             "<pdfaProperty:name>part</pdfaProperty:name><pdfaProperty:valueType>Integer</pdfaProperty:valueType>"
	             "<pdfaProperty:category>internal</pdfaProperty:category>"
	             "<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>"
	             "</rdf:li></rdf:Seq></pdfaSchema:property></rdf:li></rdf:Bag></pdfaExtension:schemas>\n");
	add_str(&b, "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");
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
		HPDF_Dict_AddNumber(prof, "N", 3);
		buf_t b = {0};
		add(&b, icc, len);
		defer_flate(p, prof, &b);
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

/* The ParentTree's /Nums, written as libharu writes an array of numbers and arrays of
 * references (as libharu objects: a number or a reference for every piece of text). */
static HPDF_STATUS ptree_write(HPDF_Dict d, HPDF_Stream s)
{
	const pdfdoc *p = d->attr;
	buf_t b = {0};
	add_str(&b, "/Nums [ ");
	for (size_t i = 0; i < p->nnums; i++) {
		put_uint(&b, (unsigned)i);
		if (p->nums[i].page >= 0) {
			const buf_t *pa = &p->pages[p->nums[i].page].parents;
			add_str(&b, " [ ");
			add(&b, pa->s, pa->len);
			add_str(&b, "] ");
		} else {
			add_char(&b, ' ');
			put_uint(&b, p->nums[i].elem);
			add_str(&b, " 0 R ");
		}
	}
	add_str(&b, "]\n");
	HPDF_STATUS rv = HPDF_Stream_Write(s, (const HPDF_BYTE *)b.s, (HPDF_UINT)b.len);
	buf_free(&b);
	return rv;
}

static HPDF_STATUS file_write(HPDF_Stream s, const HPDF_BYTE *ptr, HPDF_UINT size)
{
	add(s->attr, ptr, size);
	return HPDF_OK;
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
	HPDF_Dict_Add(root, "K", p->elems[0]->dict);
	HPDF_Dict_Add(p->elems[0]->dict, "P", root);
	ptree->attr = p;
	ptree->write_fn = ptree_write;
	HPDF_Dict_Add(root, "ParentTree", ptree);
	HPDF_Dict_AddNumber(root, "ParentTreeNextKey", (HPDF_INT32)p->nnums);
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
		font_finish(p, f);
	contents_finish(p);
	document_id(p, iso);
	if (p->err)
		return -1;
	/* the file goes straight into `out`: libharu's own memory stream copies byte by byte,
	 * going in and again coming out */
	buf_reset(out);
	if (p->pdf->stream)
		HPDF_Stream_Free(p->pdf->stream);
	p->pdf->stream = HPDF_CallbackWriter_New(p->pdf->mmgr, file_write, out);
	if (!p->pdf->stream) {
		fail(p, "onvoldoende geheugen voor de PDF");
		return -1;
	}
	int rv = HPDF_SaveToStream(p->pdf) != HPDF_OK || p->err ? -1 : 0;
	p->pdf->stream->attr = NULL;
	return rv;
}

void pdf_detach(pdfdoc *p)
{
	if (p && arena == &p->arena)
		arena = NULL;
}

void pdf_close(pdfdoc *p)
{
	if (!p)
		return;
	if (p->pdf)
		HPDF_Free(p->pdf);
	while (p->arena) {
		ablock *next = p->arena->next;
		free(p->arena);
		p->arena = next;
	}
	if (arena == &p->arena)
		arena = NULL;
	for (int f = 0; f < PF_N; f++) {
		free(p->width[f]);
		free(p->used[f]);
		free(p->font_bytes[f]);
	}
	free(p->shown);
	for (size_t i = 0; i < p->npages; i++) {
		buf_free(&p->pages[i].cs);
		buf_free(&p->pages[i].parents);
	}
	free(p->pages);
	free(p->nums);
	for (size_t i = 0; i < p->nelems; i++) {
		buf_free(&p->elems[i]->kids);
		free(p->elems[i]);
	}
	free(p->elems);
	buf_free(&p->scratch);
	for (size_t i = 0; i < p->nz; i++) {
		buf_free(&p->z[i].in);
		buf_free(&p->z[i].out);
	}
	free(p->z);
	free(p);
}
