/* xlsxread.c - see xlsxread.h. The only module that includes minizip and expat.
 *
 * A workbook is a zip of XML parts. The sheet refers to most text by number into the shared
 * strings, which hold every text of the workbook: names and phone numbers too. To keep only
 * what the KPIs use, the sheet and the strings are read more than once, each time as a stream:
 *   1. the first rows of the sheet, for the header row;
 *   2. the shared strings those rows use (names of columns);
 *   3. the sheet: which shared strings the requested columns use (a bitmap);
 *   4. the shared strings: only those;
 *   5. the sheet: the rows, handed to the callback.
 * Steps 2 and 4 stop after the last string wanted, step 1 after the header rows; 3 and 4 are
 * left out when the sheet has no shared strings in the requested columns. */
#include "load/xlsxread.h"

#include <errno.h>
#include <expat.h>
#include <math.h>
#include <minizip/unzip.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/date.h"
#include "base/fmt.h"
#include "base/platform.h"
#include "base/util.h"

/* --- expat's memory: counted, and refused past a limit --------------------------------------
 * A tag with a million attributes, a comment of a gigabyte or a million distinct attribute
 * names all make expat allocate. Its memory suite has no context pointer, so the count is a
 * file-level variable: one parser exists at a time, and meetlat reads in one thread. Past the
 * limit expat gets NULL and stops with XML_ERROR_NO_MEMORY (no abort: that is the point). */

typedef union {
	size_t n;
	max_align_t align;
} memhead;

static size_t xml_mem;

static void *xm_malloc(size_t n)
{
	if (n > XLSX_MAX_PARSER || xml_mem + n > XLSX_MAX_PARSER)
		return NULL;
	memhead *h = xmalloc(sizeof *h + n);
	h->n = n;
	xml_mem += n;
	return h + 1;
}

static void *xm_realloc(void *p, size_t n)
{
	if (!p)
		return xm_malloc(n);
	memhead *h = (memhead *)p - 1;
	if (n > h->n && (n > XLSX_MAX_PARSER || xml_mem + (n - h->n) > XLSX_MAX_PARSER))
		return NULL;
	xml_mem = xml_mem - h->n + n;
	h = xrealloc(h, sizeof *h + n);
	h->n = n;
	return h + 1;
}

static void xm_free(void *p)
{
	if (!p)
		return;
	memhead *h = (memhead *)p - 1;
	xml_mem -= h->n;
	free(h);
}

static const XML_Memory_Handling_Suite xml_mem_suite = {xm_malloc, xm_realloc, xm_free};

/* --- minizip over the FILE we opened (so a path is opened once, and checked first) ---------- */

static voidpf ZCALLBACK zf_open(voidpf opaque, const void *filename, int mode)
{
	(void)opaque;
	(void)mode;
	return (voidpf)(uintptr_t)filename; /* the FILE *, passed as the "file name" */
}

static uLong ZCALLBACK zf_read(voidpf opaque, voidpf stream, void *buf, uLong size)
{
	(void)opaque;
	return (uLong)fread(buf, 1, size, stream);
}

static uLong ZCALLBACK zf_write(voidpf opaque, voidpf stream, const void *buf, uLong size)
{
	(void)opaque;
	(void)stream;
	(void)buf;
	(void)size;
	return 0;
}

static ZPOS64_T ZCALLBACK zf_tell(voidpf opaque, voidpf stream)
{
	(void)opaque;
	long long o = plat_ftell(stream);
	return o < 0 ? (ZPOS64_T)-1 : (ZPOS64_T)o;
}

static long ZCALLBACK zf_seek(voidpf opaque, voidpf stream, ZPOS64_T offset, int origin)
{
	(void)opaque;
	int whence = origin == ZLIB_FILEFUNC_SEEK_CUR ? SEEK_CUR : origin == ZLIB_FILEFUNC_SEEK_END ? SEEK_END : SEEK_SET;
	if (offset > (ZPOS64_T)INT64_MAX)
		return -1;
	return plat_fseek(stream, (long long)offset, whence) == 0 ? 0 : -1;
}

static int ZCALLBACK zf_close(voidpf opaque, voidpf stream)
{
	(void)opaque;
	(void)stream;
	return 0; /* the caller closes the FILE */
}

static int ZCALLBACK zf_error(voidpf opaque, voidpf stream)
{
	(void)opaque;
	return ferror(stream);
}

/* --- the reader ------------------------------------------------------------------------------ */

typedef struct {
	char *name;
	unz64_file_pos pos;
	ZPOS64_T csize, usize;
	uLong flag, method;
} zentry;

typedef struct {
	char *id, *type, *target;
	int external;
} rel_t;

typedef struct {
	char *name, *rid;
	int hidden;
} sheet_t;

/* A cell of the rows where the header is looked for. */
typedef struct {
	long row;
	int col;
	long sst;           /* index of its shared string, or -1 */
	char norm[128];     /* its name as matched (csv_norm_name) */
	char shown[44];     /* as written, at most 40 bytes, for messages */
	int data;           /* looks like data (a long number, an e-mail address): never shown */
} hcell;

/* The header cells by shared string, so each string finds its cells at once (the strings
 * come in order). */
typedef struct {
	long sst;
	size_t cell;
} hbyidx;

enum { M_HEADER, M_MARK, M_DELIVER };
enum { T_NUM, T_SST, T_INLINE, T_STR, T_BOOL, T_ERR, T_DATE };
/* what a requested cell of the current row was, for a hint in messages */
enum { K_EMPTY, K_TEXT, K_NUMBER, K_DATE };

typedef struct xr xr;

/* One XML part being parsed. */
typedef struct {
	xr *x;
	XML_Parser p;
	const char *part;
	int depth;
	int stopped;    /* stopped on purpose: what was needed has been read */
	int failed;     /* an error was reported */
	void (*start)(xr *x, const char *name, const char **atts);
	void (*end)(xr *x, const char *name);
	void (*text)(xr *x, const char *s, int len);
} xmlrun;

struct xr {
	const char *shown;
	diag_t *d;
	FILE *f;
	unzFile z;
	zentry *ents;
	size_t nents, capents;
	xmlrun *run;        /* the part being parsed */
	int failed;

	/* what the caller asks */
	const char *const *cols;
	const char *const *used_by;
	int ncols;
	char want[MAX_COLS][128];
	csv_row_fn fn;
	void *ctx;
	csv_info *info;
	const char *sheet_asked;
	int header_asked;

	/* parsing the package: relationships, the workbook, the styles */
	rel_t *rels;
	size_t nrels, caprels;
	sheet_t *sheets;
	size_t nsheets, capsheets;
	int date1904;
	struct {
		int id;
		xlsx_kind kind;
	} *fmts;
	size_t nfmts, capfmts;
	unsigned char *xf;  /* per cell format (cellXfs): its xlsx_kind */
	size_t nxf, capxf;
	int in_numfmts, in_cellxfs, in_sheets;

	/* the sheet */
	char *sheet_name;
	char *ref_name;     /* as in a cell reference: Blad1 or 'Mijn blad' */
	const zentry *sheet, *sst;
	int mode;
	long window;        /* rows looked at for the header */
	int in_data;
	long row, last_row;
	int last_col, row_cells, filled, row_bad;
	int in_c, col, want_cell, ctype, style, has_v, has_f, in_v, in_is, in_t, in_rph;
	int blank;          /* the cell's text is blank so far */
	size_t cell_chars;  /* characters of the requested cell's text */
	int beyond;         /* the sheet has rows after those looked at for the header */
	buf_t text;
	hcell *hc;
	size_t nhc, caphc;
	hbyidx *hby;        /* the header cells by shared string */
	size_t cur_hby;
	long header_row;
	int colpos[MAX_COLS];
	int *colmap;        /* column number -> requested column, or -1 */
	int ncolmap;
	buf_t val[MAX_COLS];
	int kind[MAX_COLS];

	/* shared strings wanted, and kept */
	uint64_t *bits;
	size_t nwords;
	long hi;            /* highest index wanted, -1: none */
	long nmarked;
	uint32_t *rank;     /* per word of bits: wanted strings before it */
	uint32_t *offs;     /* per wanted string (by rank): offset in kept, or UINT32_MAX if absent */
	buf_t kept;
	long si;            /* index of the string being read */
	int si_want, in_si, si_rph, si_t;
	size_t si_chars;
	void (*got)(xr *x, long index, const char *s, size_t len);
};

/* --- messages -------------------------------------------------------------------------------- */

static void xerr(xr *x, long line, long col, const char *fmt, ...) PRINTF_LIKE(4, 5);
static void xerr(xr *x, long line, long col, const char *fmt, ...)
{
	buf_t b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	diag(x->d, DIAG_ERROR, x->shown, line, col, "%s", b.s);
	buf_free(&b);
}

/* The workbook cannot be read on: report once and stop every part. */
static void fail(xr *x, const char *fmt, ...) PRINTF_LIKE(2, 3);
static void fail(xr *x, const char *fmt, ...)
{
	if (x->failed)
		return;
	x->failed = 1;
	buf_t b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	diag(x->d, DIAG_ERROR, x->shown, 0, 0, "%s", b.s);
	buf_free(&b);
	if (x->run) {
		x->run->failed = 1;
		XML_StopParser(x->run->p, XML_FALSE);
	}
}

static void col_letters(int col, char out[8])
{
	char tmp[8];
	int n = 0;
	while (col > 0 && n < 7) {
		tmp[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (int i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}

static char *ref_name(const char *name)
{
	int plain = name[0] && !(name[0] >= '0' && name[0] <= '9');
	for (const unsigned char *s = (const unsigned char *)name; *s && plain; s++)
		plain = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_' ||
		        *s == '.' || *s >= 0x80;
	if (plain)
		return xstrdup(name);
	buf_t b = {0};
	buf_putc(&b, '\'');
	for (const char *s = name; *s; s++) {
		if (*s == '\'')
			buf_putc(&b, '\'');
		buf_putc(&b, *s);
	}
	buf_putc(&b, '\'');
	return buf_take(&b);
}

static void fmt_count(long n, char out[48])
{
	fmt_num((double)n, 0, out);
}

/* csv_row_error for a row of a workbook: the cell (Blad1!C118) or the row first. A number in a
 * column that should hold dates gets a hint: in Excel it is a date without a date format. */
static void row_verror(const csv_row *row, int c, const char *fmt, va_list ap)
{
	xr *x = row->reader;
	buf_t b = {0};
	char letters[8];
	if (c >= 0) {
		col_letters(row->col[c], letters);
		buf_printf(&b, "cel %s!%s%ld: ", x->ref_name, letters, row->line);
	} else {
		buf_printf(&b, "rij %ld van blad %s: ", row->line, x->ref_name);
	}
	buf_vprintf(&b, fmt, ap);
	if (c >= 0 && x->kind[c] == K_NUMBER && strstr(b.s, " is geen datum") && !strstr(b.s, "datumopmaak"))
		buf_puts(&b, ". In de werkmap is dit een getal zonder datumopmaak: geef de kolom in Excel de opmaak Datum");
	diag(x->d, DIAG_ERROR, x->shown, row->line, c >= 0 ? row->col[c] : 0, "%s", b.s);
	buf_free(&b);
}

/* A problem with a requested cell of this row: the row is not used. */
static void cell_error(xr *x, int c, const char *fmt, ...) PRINTF_LIKE(3, 4);
static void cell_error(xr *x, int c, const char *fmt, ...)
{
	buf_t b = {0};
	char letters[8];
	col_letters(x->colpos[c], letters);
	buf_printf(&b, "cel %s!%s%ld: kolom '%s': ", x->ref_name, letters, x->row, x->cols[c]);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	diag(x->d, DIAG_ERROR, x->shown, x->row, x->colpos[c], "%s", b.s);
	buf_free(&b);
	x->row_bad = 1;
}

/* --- the zip --------------------------------------------------------------------------------- */

static const zentry *part_find(xr *x, const char *name)
{
	for (size_t i = 0; i < x->nents; i++)
		if (!strcasecmp(x->ents[i].name, name))
			return &x->ents[i];
	return NULL;
}

static int zip_list(xr *x)
{
	unz_global_info64 gi;
	if (unzGetGlobalInfo64(x->z, &gi) != UNZ_OK) {
		fail(x, "de werkmap is beschadigd (de inhoudsopgave van het zip-bestand klopt niet); sla hem in Excel opnieuw op");
		return -1;
	}
	if (gi.number_entry > (ZPOS64_T)XLSX_MAX_ENTRIES) {
		char n[48];
		fmt_count(XLSX_MAX_ENTRIES, n);
		fail(x, "de werkmap bestaat uit meer dan %s onderdelen; dat is geen gewone export en wordt niet gelezen", n);
		return -1;
	}
	int r;
	for (r = unzGoToFirstFile(x->z); r == UNZ_OK; r = unzGoToNextFile(x->z)) {
		if (x->nents >= (size_t)XLSX_MAX_ENTRIES) {
			char n[48];
			fmt_count(XLSX_MAX_ENTRIES, n);
			fail(x, "de werkmap bestaat uit meer dan %s onderdelen; dat is geen gewone export en wordt niet gelezen", n);
			return -1;
		}
		unz_file_info64 fi;
		char name[512];
		if (unzGetCurrentFileInfo64(x->z, &fi, name, sizeof name - 1, NULL, 0, NULL, 0) != UNZ_OK)
			break;
		name[sizeof name - 1] = '\0';
		if (fi.size_filename >= sizeof name - 1)
			continue; /* no part of a workbook has such a name */
		x->ents = xgrow(x->ents, &x->capents, x->nents, sizeof *x->ents);
		zentry *e = &x->ents[x->nents];
		if (unzGetFilePos64(x->z, &e->pos) != UNZ_OK)
			break;
		e->name = xstrdup(name);
		e->csize = fi.compressed_size;
		e->usize = fi.uncompressed_size;
		e->flag = fi.flag;
		e->method = fi.compression_method;
		x->nents++;
	}
	if (r != UNZ_END_OF_LIST_OF_FILE) {
		fail(x, "de werkmap is beschadigd (het zip-bestand klopt niet); sla hem in Excel opnieuw op");
		return -1;
	}
	return 0;
}

static int part_open(xr *x, const zentry *e, long long limit)
{
	char mb[48];
	if (e->flag & 1) {
		fail(x, "de werkmap is versleuteld met een wachtwoord; sla in Excel een kopie op zonder wachtwoord en zet die hier neer");
		return -1;
	}
	if (e->method != 0 && e->method != Z_DEFLATED) {
		fail(x, "het onderdeel '%s' is ingepakt op een manier die meetlat niet kent; sla de werkmap in Excel opnieuw op",
		     e->name);
		return -1;
	}
	if (e->usize > (ZPOS64_T)limit) {
		fmt_count((long)(limit >> 20), mb);
		fail(x, "het onderdeel '%s' is uitgepakt groter dan %s MB; zo'n werkmap wordt niet gelezen", e->name, mb);
		return -1;
	}
	if (e->usize > (1u << 20) && e->usize / (e->csize ? e->csize : 1) > XLSX_MAX_RATIO) {
		fail(x, "het onderdeel '%s' wordt bij uitpakken meer dan %d keer zo groot; zo'n werkmap (een 'zip-bom') "
		        "wordt niet gelezen",
		     e->name, XLSX_MAX_RATIO);
		return -1;
	}
	if (unzGoToFilePos64(x->z, &e->pos) != UNZ_OK || unzOpenCurrentFile(x->z) != UNZ_OK) {
		fail(x, "de werkmap is beschadigd (het onderdeel '%s' kan niet worden uitgepakt); sla hem in Excel opnieuw op",
		     e->name);
		return -1;
	}
	return 0;
}

/* --- XML ------------------------------------------------------------------------------------- */

static const char *local(const char *name)
{
	const char *c = strrchr(name, ':');
	return c ? c + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
	for (int i = 0; atts[i]; i += 2)
		if (!strcmp(local(atts[i]), name))
			return atts[i + 1];
	return NULL;
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	xmlrun *r = ud;
	if (++r->depth > XLSX_MAX_DEPTH) {
		fail(r->x, "het onderdeel '%s' is dieper genest dan %d niveaus; zo'n werkmap wordt niet gelezen", r->part,
		     XLSX_MAX_DEPTH);
		return;
	}
	if (r->start && !r->failed && !r->stopped)
		r->start(r->x, local(name), atts);
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
	xmlrun *r = ud;
	r->depth--;
	if (r->end && !r->failed && !r->stopped)
		r->end(r->x, local(name));
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	xmlrun *r = ud;
	if (r->text && !r->failed && !r->stopped)
		r->text(r->x, s, len);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid, const XML_Char *pubid, int internal)
{
	(void)name, (void)sysid, (void)pubid, (void)internal;
	xmlrun *r = ud;
	fail(r->x, "het onderdeel '%s' bevat een DTD; dat hoort niet in een Excel-werkmap en wordt niet gelezen", r->part);
}

static void stop(xr *x)
{
	x->run->stopped = 1;
	XML_StopParser(x->run->p, XML_FALSE);
}

/* What is wrong with the XML, in words (expat's own are English). */
static const char *xml_problem(enum XML_Error code)
{
	switch (code) {
	case XML_ERROR_NO_ELEMENTS:
	case XML_ERROR_UNCLOSED_TOKEN:
	case XML_ERROR_PARTIAL_CHAR:
		return "het onderdeel houdt te vroeg op";
	case XML_ERROR_TAG_MISMATCH:
		return "een element is niet goed afgesloten";
	case XML_ERROR_INVALID_TOKEN:
		return "een teken dat in XML niet mag";
	case XML_ERROR_UNKNOWN_ENCODING:
	case XML_ERROR_INCORRECT_ENCODING:
		return "een onbekende tekenset";
	case XML_ERROR_UNDEFINED_ENTITY:
		return "een onbekende entiteit";
	case XML_ERROR_JUNK_AFTER_DOC_ELEMENT:
		return "tekst na het einde";
	default:
		return "de opbouw klopt niet";
	}
}

/* Parse one part with the handlers in `tmpl`. Returns 0 when it was read (to its end, or
 * until a handler called stop), -1 after reporting why not. */
static int parse_part(xr *x, const zentry *e, long long limit, const xmlrun *tmpl)
{
	if (x->failed || part_open(x, e, limit) != 0)
		return -1;
	xmlrun r = *tmpl;
	r.x = x;
	r.part = e->name;
	r.p = XML_ParserCreate_MM(NULL, &xml_mem_suite, NULL);
	if (!r.p) {
		unzCloseCurrentFile(x->z);
		fail(x, "onvoldoende geheugen om de werkmap te lezen");
		return -1;
	}
	XML_SetUserData(r.p, &r);
	XML_SetElementHandler(r.p, on_start, on_end);
	XML_SetCharacterDataHandler(r.p, on_text);
	XML_SetStartDoctypeDeclHandler(r.p, on_doctype);
	x->run = &r;
	enum { CHUNK = 1 << 16 };
	long long total = 0;
	int done = 0;
	while (!r.failed && !r.stopped) {
		void *buf = XML_GetBuffer(r.p, CHUNK);
		if (!buf) {
			fail(x, "het onderdeel '%s' bevat een te groot XML-element; zo'n werkmap wordt niet gelezen", e->name);
			break;
		}
		int n = unzReadCurrentFile(x->z, buf, CHUNK);
		if (n < 0) {
			fail(x, "de werkmap is beschadigd (het onderdeel '%s' kan niet worden uitgepakt); sla hem in Excel opnieuw op",
			     e->name);
			break;
		}
		total += n;
		if (total > limit) {
			char mb[48];
			fmt_count((long)(limit >> 20), mb);
			fail(x, "het onderdeel '%s' is uitgepakt groter dan %s MB; zo'n werkmap wordt niet gelezen", e->name, mb);
			break;
		}
		if (XML_ParseBuffer(r.p, n, n == 0) != XML_STATUS_OK) {
			if (r.failed || r.stopped)
				break;
			enum XML_Error code = XML_GetErrorCode(r.p);
			if (code == XML_ERROR_NO_MEMORY)
				fail(x, "het onderdeel '%s' bevat een te groot XML-element; zo'n werkmap wordt niet gelezen", e->name);
			else
				fail(x, "de werkmap is beschadigd: het onderdeel '%s' is geen goede XML (regel %lu: %s); sla hem in "
				        "Excel opnieuw op",
				     e->name, (unsigned long)XML_GetCurrentLineNumber(r.p), xml_problem(code));
			break;
		}
		if (n == 0) {
			done = 1;
			break;
		}
	}
	x->run = NULL;
	XML_ParserFree(r.p);
	int crc = unzCloseCurrentFile(x->z);
	if (done && crc == UNZ_CRCERROR && !x->failed)
		fail(x, "de werkmap is beschadigd (de controlesom van het onderdeel '%s' klopt niet); sla hem in Excel opnieuw op",
		     e->name);
	return x->failed ? -1 : 0;
}

/* A part's name from a relationship's target, relative to the folder of the part that has
 * the relationships ("xl/"), or absolute ("/xl/worksheets/sheet1.xml"). */
static char *resolve(const char *dir, const char *target)
{
	buf_t in = {0}, out = {0};
	if (target[0] != '/')
		buf_puts(&in, dir);
	buf_puts(&in, target[0] == '/' ? target + 1 : target);
	size_t starts[64];
	int depth = 0;
	char *s = in.s, *save = NULL;
	for (char *seg = strtok_r(s, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
		if (!strcmp(seg, "."))
			continue;
		if (!strcmp(seg, "..")) {
			if (depth > 0)
				out.len = starts[--depth];
			continue;
		}
		if (depth == 64)
			break;
		starts[depth++] = out.len;
		if (out.len)
			buf_putc(&out, '/');
		buf_puts(&out, seg);
	}
	if (out.s)
		out.s[out.len] = '\0';
	buf_free(&in);
	return out.s ? buf_take(&out) : xstrdup("");
}

/* --- relationships, workbook, styles --------------------------------------------------------- */

static char *capped(const char *s)
{
	return s ? xstrndup(s, strnlen(s, 1024)) : NULL;
}

static void rels_start(xr *x, const char *name, const char **atts)
{
	if (strcmp(name, "Relationship") != 0)
		return;
	if (x->nrels >= (size_t)XLSX_MAX_ENTRIES) {
		fail(x, "de werkmap heeft te veel verwijzingen tussen onderdelen; zo'n werkmap wordt niet gelezen");
		return;
	}
	const char *id = attr(atts, "Id"), *type = attr(atts, "Type"), *target = attr(atts, "Target");
	const char *mode = attr(atts, "TargetMode");
	if (!id || !type || !target)
		return;
	x->rels = xgrow(x->rels, &x->caprels, x->nrels, sizeof *x->rels);
	rel_t *r = &x->rels[x->nrels++];
	r->id = capped(id);
	r->type = capped(type);
	r->target = capped(target);
	r->external = mode && !strcmp(mode, "External");
}

static void rels_free(xr *x)
{
	for (size_t i = 0; i < x->nrels; i++) {
		free(x->rels[i].id);
		free(x->rels[i].type);
		free(x->rels[i].target);
	}
	x->nrels = 0;
}

static int read_rels(xr *x, const char *rels_name, int required)
{
	rels_free(x);
	const zentry *e = part_find(x, rels_name);
	if (!e && required)
		fail(x, "de werkmap is onvolledig: het onderdeel '%s' ontbreekt; sla hem in Excel opnieuw op", rels_name);
	if (!e)
		return required ? -1 : 0;
	xmlrun t = {0};
	t.start = rels_start;
	return parse_part(x, e, XLSX_MAX_SMALL_XML, &t);
}

static const rel_t *rel_of_type(xr *x, const char *suffix)
{
	for (size_t i = 0; i < x->nrels; i++)
		if (!x->rels[i].external && str_ends(x->rels[i].type, suffix))
			return &x->rels[i];
	return NULL;
}

static void workbook_start(xr *x, const char *name, const char **atts)
{
	if (!strcmp(name, "workbookPr")) {
		const char *v = attr(atts, "date1904");
		x->date1904 = v && (!strcmp(v, "1") || !strcmp(v, "true"));
	} else if (!strcmp(name, "sheets")) {
		x->in_sheets = 1;
	} else if (!strcmp(name, "sheet") && x->in_sheets) {
		if (x->nsheets >= (size_t)XLSX_MAX_ENTRIES) {
			fail(x, "de werkmap heeft te veel bladen; zo'n werkmap wordt niet gelezen");
			return;
		}
		const char *n = attr(atts, "name"), *id = attr(atts, "id"), *state = attr(atts, "state");
		if (!n || !id)
			return;
		x->sheets = xgrow(x->sheets, &x->capsheets, x->nsheets, sizeof *x->sheets);
		sheet_t *s = &x->sheets[x->nsheets++];
		s->name = capped(n);
		s->rid = capped(id);
		s->hidden = state && strcmp(state, "visible") != 0;
	}
}

static void workbook_end(xr *x, const char *name)
{
	if (!strcmp(name, "sheets"))
		x->in_sheets = 0;
}

/* Skip what a format code shows literally: "text", \x, _x (a space as wide as x), *x (fill). */
static size_t skip_literal(const char *c, size_t i)
{
	if (c[i] == '"') {
		i++;
		while (c[i] && c[i] != '"')
			i++;
		return c[i] ? i + 1 : i;
	}
	if ((c[i] == '\\' || c[i] == '_' || c[i] == '*') && c[i + 1])
		return i + 2;
	return i;
}

xlsx_kind xlsx_format_kind(int id, const char *code)
{
	if (!code) {
		/* the built-in formats: 14-17 dates, 18-21 and 45, 47 times, 22 both; 27-36 and
		 * 50-58 are dates in East Asian versions; 46 ([h]:mm:ss) is a duration */
		if ((id >= 14 && id <= 17) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58))
			return XLSX_DATE;
		if ((id >= 18 && id <= 21) || id == 45 || id == 47)
			return XLSX_TIME;
		if (id == 22)
			return XLSX_DATETIME;
		return XLSX_NUMBER;
	}
	int y = 0, d = 0, m = 0, h = 0, s = 0, elapsed = 0;
	for (size_t i = 0; code[i] && code[i] != ';';) {
		size_t j = skip_literal(code, i);
		if (j != i) {
			i = j;
			continue;
		}
		char c = code[i];
		if (c == '[') {
			/* [Red], [$-413], [>100]; [h], [mm], [ss] are elapsed time (a duration) */
			size_t k = i + 1;
			int only = 1, eh = 0, es = 0;
			while (code[k] && code[k] != ']') {
				char l = (char)(code[k] | 0x20);
				only &= l == 'h' || l == 'm' || l == 's';
				eh |= l == 'h';
				es |= l == 's';
				k++;
			}
			if (only && k > i + 1) {
				elapsed = 1;
				h |= eh; /* so that the m of [h]:mm is minutes */
				s |= es;
			}
			i = code[k] ? k + 1 : k;
			continue;
		}
		if (!strncasecmp(code + i, "general", 7)) {
			i += 7;
			continue;
		}
		switch (c | 0x20) {
		case 'y':
			y = 1;
			break;
		case 'd':
			d = 1;
			break;
		case 'm':
			m = 1;
			break;
		case 'h':
			h = 1;
			break;
		case 's':
			s = 1;
			break;
		}
		i++;
	}
	int date = y || d || (m && !h && !s);
	int time = h || s;
	if (elapsed && !date)
		return XLSX_NUMBER;
	if (date && time)
		return XLSX_DATETIME;
	if (date)
		return XLSX_DATE;
	if (time)
		return XLSX_TIME;
	return XLSX_NUMBER;
}

static long attr_long(const char *v, long lo, long hi, long dflt)
{
	if (!v || !*v)
		return dflt;
	long n = 0;
	for (const char *s = v; *s; s++) {
		if (*s < '0' || *s > '9')
			return dflt;
		if (n > hi)
			continue; /* too large: hi + 1 below, whatever follows */
		n = n * 10 + (*s - '0');
	}
	return n > hi ? hi + 1 : n < lo ? dflt : n;
}

#define MAX_FORMATS 4096
#define MAX_XF 65536

static void styles_start(xr *x, const char *name, const char **atts)
{
	if (!strcmp(name, "numFmts")) {
		x->in_numfmts = 1;
	} else if (!strcmp(name, "cellXfs")) {
		x->in_cellxfs = 1;
	} else if (!strcmp(name, "numFmt") && x->in_numfmts && x->nfmts < MAX_FORMATS) {
		long id = attr_long(attr(atts, "numFmtId"), 0, 100000, -1);
		const char *code = attr(atts, "formatCode");
		if (id < 0 || !code)
			return;
		x->fmts = xgrow(x->fmts, &x->capfmts, x->nfmts, sizeof *x->fmts);
		x->fmts[x->nfmts].id = (int)id;
		x->fmts[x->nfmts].kind = xlsx_format_kind((int)id, code);
		x->nfmts++;
	} else if (!strcmp(name, "xf") && x->in_cellxfs && x->nxf < MAX_XF) {
		/* a custom format of the workbook first, else the built-in one of that number */
		int id = (int)attr_long(attr(atts, "numFmtId"), 0, 100000, 0);
		xlsx_kind k = xlsx_format_kind(id, NULL);
		for (size_t i = 0; i < x->nfmts; i++)
			if (x->fmts[i].id == id)
				k = x->fmts[i].kind;
		x->xf = xgrow(x->xf, &x->capxf, x->nxf, 1);
		x->xf[x->nxf++] = (unsigned char)k;
	}
}

static void styles_end(xr *x, const char *name)
{
	if (!strcmp(name, "numFmts"))
		x->in_numfmts = 0;
	else if (!strcmp(name, "cellXfs"))
		x->in_cellxfs = 0;
}

/* --- shared strings -------------------------------------------------------------------------- */

static int bit(const xr *x, long i)
{
	return i >= 0 && (size_t)(i >> 6) < x->nwords && (x->bits[i >> 6] >> (i & 63) & 1);
}

static void mark(xr *x, long i)
{
	size_t w = (size_t)(i >> 6);
	if (w >= x->nwords) {
		size_t n = x->nwords ? x->nwords : 64;
		while (n <= w)
			n *= 2;
		x->bits = xrealloc(x->bits, n * sizeof *x->bits);
		memset(x->bits + x->nwords, 0, (n - x->nwords) * sizeof *x->bits);
		x->nwords = n;
	}
	if (!(x->bits[w] >> (i & 63) & 1)) {
		x->bits[w] |= (uint64_t)1 << (i & 63);
		x->nmarked++;
		if (i > x->hi)
			x->hi = i;
	}
}

static void clear_marks(xr *x)
{
	if (x->bits)
		memset(x->bits, 0, x->nwords * sizeof *x->bits);
	x->hi = -1;
	x->nmarked = 0;
}

static size_t rank_of(const xr *x, long i)
{
	uint64_t below = x->bits[i >> 6] & (((uint64_t)1 << (i & 63)) - 1);
	return x->rank[i >> 6] + (size_t)__builtin_popcountll(below);
}

/* Excel writes characters XML cannot hold as _xHHHH_ (a carriage return is _x000D_), and a
 * literal "_x" as _x005F_x. */
static void unescape_x(buf_t *b)
{
	if (!b->s || !memchr(b->s, '_', b->len))
		return;
	size_t o = 0;
	for (size_t i = 0; i < b->len;) {
		unsigned cp = 0;
		int ok = i + 7 <= b->len && b->s[i] == '_' && b->s[i + 1] == 'x' && b->s[i + 6] == '_';
		for (int k = 2; ok && k < 6; k++) {
			char c = b->s[i + k];
			int v = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
			ok = v >= 0;
			cp = cp * 16 + (unsigned)(v < 0 ? 0 : v);
		}
		if (!ok || cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) {
			b->s[o++] = b->s[i++];
			continue;
		}
		if (cp < 0x80) {
			b->s[o++] = (char)cp;
		} else if (cp < 0x800) {
			b->s[o++] = (char)(0xC0 | (cp >> 6));
			b->s[o++] = (char)(0x80 | (cp & 0x3F));
		} else {
			b->s[o++] = (char)(0xE0 | (cp >> 12));
			b->s[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
			b->s[o++] = (char)(0x80 | (cp & 0x3F));
		}
		i += 7;
	}
	b->len = o;
	b->s[o] = '\0';
}

static void add_text(xr *x, const char *s, int len, size_t *chars)
{
	for (int i = 0; i < len; i++)
		*chars += ((unsigned char)s[i] & 0xC0) != 0x80;
	if (*chars > XLSX_MAX_CELL_CHARS)
		return;
	buf_add(&x->text, s, (size_t)len);
}

static void sst_start(xr *x, const char *name, const char **atts)
{
	(void)atts;
	if (!strcmp(name, "si")) {
		x->si++;
		if (x->si >= XLSX_MAX_STRINGS) {
			char n[48];
			fmt_count(XLSX_MAX_STRINGS, n);
			fail(x, "de werkmap heeft meer dan %s verschillende teksten; zo'n werkmap wordt niet gelezen", n);
			return;
		}
		x->in_si = 1;
		x->si_want = bit(x, x->si);
		x->si_rph = x->si_t = 0;
		x->si_chars = 0;
		buf_reset(&x->text);
	} else if (x->in_si && !strcmp(name, "rPh")) {
		x->si_rph++; /* phonetic reading (Japanese): not the text */
	} else if (x->in_si && !strcmp(name, "t")) {
		x->si_t++;
	}
}

static void sst_text(xr *x, const char *s, int len)
{
	if (x->si_want && x->si_t && !x->si_rph)
		add_text(x, s, len, &x->si_chars);
}

static void sst_end(xr *x, const char *name)
{
	if (!strcmp(name, "t") && x->si_t) {
		x->si_t--;
	} else if (!strcmp(name, "rPh") && x->si_rph) {
		x->si_rph--;
	} else if (!strcmp(name, "si") && x->in_si) {
		x->in_si = 0;
		if (!x->si_want)
			return;
		if (x->si_chars > XLSX_MAX_CELL_CHARS) {
			char n[48];
			fmt_count(XLSX_MAX_CELL_CHARS, n);
			fail(x, "een tekst in de werkmap is langer dan %s tekens (de grens van Excel); zo'n werkmap wordt niet gelezen",
			     n);
			return;
		}
		unescape_x(&x->text);
		x->got(x, x->si, x->text.s ? x->text.s : "", x->text.len);
		if (x->si >= x->hi)
			stop(x); /* every string wanted has been read */
	}
}

/* Read the marked shared strings, handing each to `got`. */
static int sst_scan(xr *x, void (*got)(xr *x, long index, const char *s, size_t len))
{
	if (x->hi < 0)
		return 0;
	if (!x->sst) {
		fail(x, "de werkmap is onvolledig: het blad verwijst naar gedeelde teksten, maar het onderdeel "
		        "'xl/sharedStrings.xml' ontbreekt; sla hem in Excel opnieuw op");
		return -1;
	}
	xmlrun t = {0};
	t.start = sst_start;
	t.end = sst_end;
	t.text = sst_text;
	x->got = got;
	x->si = -1;
	x->in_si = 0;
	return parse_part(x, x->sst, XLSX_MAX_SST_XML, &t);
}

/* A header cell's text: its name as matched, and as shown unless it looks like data. */
static void set_name(hcell *h, const char *s, size_t len)
{
	csv_norm_name(s, len, h->norm, sizeof h->norm);
	size_t n = len > 40 ? 40 : len;
	while (n < len && n > 0 && ((const unsigned char *)s)[n] >> 6 == 2)
		n--;
	memcpy(h->shown, s, n);
	h->shown[n] = '\0';
	int digits = 0;
	for (size_t k = 0; k < len; k++) {
		digits += s[k] >= '0' && s[k] <= '9';
		h->data |= s[k] == '@';
	}
	h->data |= digits >= 4;
}

static int cmp_hbyidx(const void *a, const void *b)
{
	const hbyidx *p = a, *q = b;
	return p->sst < q->sst ? -1 : p->sst > q->sst ? 1 : p->cell < q->cell ? -1 : p->cell > q->cell;
}

static void got_header(xr *x, long index, const char *s, size_t len)
{
	while (x->cur_hby < x->nhc && x->hby[x->cur_hby].sst < index)
		x->cur_hby++;
	for (; x->cur_hby < x->nhc && x->hby[x->cur_hby].sst == index; x->cur_hby++)
		set_name(&x->hc[x->hby[x->cur_hby].cell], s, len);
}

static void got_kept(xr *x, long index, const char *s, size_t len)
{
	if (x->kept.len + len + 1 > (size_t)XLSX_MAX_KEPT) {
		char mb[48];
		fmt_count(XLSX_MAX_KEPT >> 20, mb);
		fail(x, "de gebruikte kolommen bevatten samen meer dan %s MB aan verschillende teksten; zo'n werkmap wordt niet "
		        "gelezen",
		     mb);
		return;
	}
	x->offs[rank_of(x, index)] = (uint32_t)x->kept.len;
	buf_add(&x->kept, s, len);
	buf_putc(&x->kept, '\0');
}

/* --- the sheet ------------------------------------------------------------------------------- */

/* "C118" -> column 3; 0 when it is no cell reference. */
static int ref_col(const char *r)
{
	long col = 0;
	int n = 0;
	while (((*r | 0x20) >= 'a' && (*r | 0x20) <= 'z') && n < 4) {
		col = col * 26 + ((*r | 0x20) - 'a' + 1);
		r++, n++;
	}
	if (n == 0 || n > 3 || *r < '1' || *r > '9')
		return 0;
	return col > XLSX_MAX_COLS ? XLSX_MAX_COLS + 1 : (int)col;
}

/* The elements of a sheet that matter, told apart cheaply: there is one per cell and more. */
enum { E_OTHER, E_DATA, E_ROW, E_C, E_V, E_F, E_IS, E_T, E_RPH };

static int sheet_tag(const char *n)
{
	switch (n[0]) {
	case 'c':
		return !n[1] ? E_C : E_OTHER;
	case 'v':
		return !n[1] ? E_V : E_OTHER;
	case 'f':
		return !n[1] ? E_F : E_OTHER;
	case 't':
		return !n[1] ? E_T : E_OTHER;
	case 'r':
		return !strcmp(n, "row") ? E_ROW : !strcmp(n, "rPh") ? E_RPH : E_OTHER;
	case 'i':
		return !strcmp(n, "is") ? E_IS : E_OTHER;
	case 's':
		return !strcmp(n, "sheetData") ? E_DATA : E_OTHER;
	}
	return E_OTHER;
}

static void sheet_start(xr *x, const char *name, const char **atts)
{
	int tag = sheet_tag(name);
	if (tag == E_DATA) {
		x->in_data = 1;
		return;
	}
	if (!x->in_data)
		return;
	if (tag == E_ROW) {
		const char *r = attr(atts, "r");
		long row = r ? attr_long(r, 1, XLSX_MAX_ROWS + 1L, -1) : x->last_row + 1;
		char n[48];
		if (row < 0) {
			fail(x, "de werkmap is beschadigd: een rij van blad %s heeft geen goed rijnummer", x->ref_name);
			return;
		}
		if (row > XLSX_MAX_ROWS) {
			fmt_count(XLSX_MAX_ROWS, n);
			fail(x, "blad %s heeft rijen na rij %s, de laatste die Excel kent; zo'n werkmap wordt niet gelezen",
			     x->ref_name, n);
			return;
		}
		if (row <= x->last_row) {
			fail(x, "de werkmap is beschadigd: rij %ld van blad %s staat na rij %ld; sla hem in Excel opnieuw op", row,
			     x->ref_name, x->last_row);
			return;
		}
		if (x->mode == M_HEADER && row > x->window) {
			x->beyond = 1;
			stop(x);
			return;
		}
		x->row = x->last_row = row;
		x->last_col = 0;
		x->row_cells = 0;
		x->filled = x->row_bad = 0;
		if (x->mode == M_DELIVER)
			for (int i = 0; i < x->ncols; i++) {
				buf_reset(&x->val[i]);
				x->kind[i] = K_EMPTY;
			}
		return;
	}
	if (tag == E_C) {
		if (!x->row) {
			fail(x, "de werkmap is beschadigd: blad %s heeft een cel buiten een rij", x->ref_name);
			return;
		}
		const char *r = NULL, *t = NULL, *sa = NULL;
		for (int i = 0; atts[i]; i += 2) {
			const char *a = atts[i];
			if (a[0] && !a[1]) {
				if (a[0] == 'r')
					r = atts[i + 1];
				else if (a[0] == 't')
					t = atts[i + 1];
				else if (a[0] == 's')
					sa = atts[i + 1];
			}
		}
		int col = r ? ref_col(r) : x->last_col + 1;
		char letters[8];
		if (col <= 0) {
			fail(x, "de werkmap is beschadigd: een cel in rij %ld van blad %s heeft geen goede celnaam", x->row,
			     x->ref_name);
			return;
		}
		if (col > XLSX_MAX_COLS) {
			col_letters(XLSX_MAX_COLS, letters);
			fail(x, "blad %s heeft cellen na kolom %s, de laatste die Excel kent; zo'n werkmap wordt niet gelezen",
			     x->ref_name, letters);
			return;
		}
		if (col <= x->last_col) {
			col_letters(col, letters);
			fail(x, "de werkmap is beschadigd: cel %s%ld van blad %s staat niet op zijn plaats; sla hem in Excel "
			        "opnieuw op",
			     letters, x->row, x->ref_name);
			return;
		}
		x->last_col = x->col = col;
		x->row_cells++;
		x->in_c = 1;
		x->has_v = x->has_f = x->in_v = x->in_is = x->in_t = x->in_rph = 0;
		x->blank = 1;
		x->ctype = !t || !strcmp(t, "n")   ? T_NUM
		           : !strcmp(t, "s")         ? T_SST
		           : !strcmp(t, "inlineStr") ? T_INLINE
		           : !strcmp(t, "str")       ? T_STR
		           : !strcmp(t, "b")         ? T_BOOL
		           : !strcmp(t, "e")         ? T_ERR
		           : !strcmp(t, "d")         ? T_DATE
		                                     : -1;
		x->style = (int)attr_long(sa, 0, MAX_XF, 0);
		if (x->mode == M_HEADER)
			x->want_cell = x->row_cells <= 1024 && (!x->header_asked || x->row == x->header_asked) ? 1 : -1;
		else
			x->want_cell = x->row > x->header_row && col < x->ncolmap ? x->colmap[col] : -1;
		if (x->want_cell >= 0 && x->ctype < 0) {
			col_letters(col, letters);
			fail(x, "de werkmap is beschadigd: cel %s%ld van blad %s heeft een onbekend celtype", letters, x->row,
			     x->ref_name);
			return;
		}
		x->cell_chars = 0;
		buf_reset(&x->text);
		return;
	}
	if (!x->in_c)
		return;
	if (tag == E_V)
		x->in_v = 1;
	else if (tag == E_F)
		x->has_f = 1;
	else if (tag == E_IS)
		x->in_is = 1;
	else if (tag == E_T && x->in_is)
		x->in_t++;
	else if (tag == E_RPH && x->in_is)
		x->in_rph++;
}

static void sheet_text(xr *x, const char *s, int len)
{
	if (!x->in_c || !(x->in_v || (x->in_t && !x->in_rph)))
		return;
	for (int i = 0; i < len && x->blank; i++)
		x->blank = s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r';
	if (!x->blank)
		x->filled = 1;
	if (x->want_cell < 0 || (x->mode == M_MARK && x->ctype != T_SST))
		return;
	add_text(x, s, len, &x->cell_chars);
	if (x->cell_chars > XLSX_MAX_CELL_CHARS && x->mode == M_DELIVER && !x->row_bad) {
		char n[48];
		fmt_count(XLSX_MAX_CELL_CHARS, n);
		cell_error(x, x->want_cell, "de tekst is langer dan %s tekens (de grens van Excel)", n);
	}
}

/* The shared string number in <v>, or -1. */
static long sst_index(const xr *x)
{
	const char *s = x->text.s ? x->text.s : "";
	while (*s == ' ')
		s++;
	long n = 0;
	int digits = 0;
	for (; *s >= '0' && *s <= '9'; s++, digits++) {
		n = n * 10 + (*s - '0');
		if (n >= XLSX_MAX_STRINGS)
			return -1;
	}
	while (*s == ' ')
		s++;
	return digits && !*s ? n : -1;
}

/* A date as t="d" holds it (ISO 8601: 2024-10-01T09:15:00Z) as the loader reads it. */
static int iso_text(const char *s, char *out, size_t outsz)
{
	int y, mo, d, h = 0, mi = 0, sec = 0, n = 0;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
		return -1;
	s += n;
	if (*s == 'T' || *s == ' ') {
		int m2 = 0;
		if (sscanf(s + 1, "%2d:%2d%n", &h, &mi, &m2) != 2 || m2 != 5)
			return -1;
		s += 1 + m2;
		if (*s == ':') {
			if (sscanf(s + 1, "%2d%n", &sec, &m2) != 1 || m2 != 2)
				return -1;
			s += 3;
		}
		snprintf(out, outsz, sec ? "%04d-%02d-%02d %02d:%02d:%02d" : "%04d-%02d-%02d %02d:%02d", y, mo, d, h, mi, sec);
	} else {
		snprintf(out, outsz, "%04d-%02d-%02d", y, mo, d);
	}
	return 0;
}

/* The value of a requested cell, as text, into val[c]. 0, or -1 after an error about it. */
static int cell_value(xr *x, int c, buf_t *out, int *kind)
{
	const char *v = x->text.s ? x->text.s : "";
	char tmp[1100];
	buf_reset(out);
	*kind = K_EMPTY;
	/* no value, or an empty <v></v> (what some writers put after a formula they did not
	 * calculate); a formula's empty text (t="str") is a value */
	if (x->ctype != T_INLINE && (!x->has_v || (x->text.len == 0 && x->ctype != T_STR))) {
		if (x->has_f) {
			cell_error(x, c, "de formule in deze cel heeft geen berekende uitkomst; open de werkmap in Excel, laat hem "
			                 "rekenen en sla hem op");
			return -1;
		}
		return 0; /* an empty cell */
	}
	switch (x->ctype) {
	case T_SST: {
		long i = sst_index(x);
		if (i < 0 || !bit(x, i) || x->offs[rank_of(x, i)] == UINT32_MAX) {
			cell_error(x, c, "de cel verwijst naar een tekst die niet in de werkmap staat; de werkmap is beschadigd");
			return -1;
		}
		buf_puts(out, x->kept.s + x->offs[rank_of(x, i)]);
		*kind = K_TEXT;
		return 0;
	}
	case T_INLINE:
	case T_STR:
		unescape_x(&x->text);
		buf_add(out, x->text.s ? x->text.s : "", x->text.len);
		*kind = K_TEXT;
		return 0;
	case T_ERR:
		buf_puts(out, v); /* #N/B, #DEEL/0!: the value is an error code */
		*kind = K_TEXT;
		return 0;
	case T_BOOL:
		if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0)
			break;
		buf_puts(out, v[0] == '1' ? "WAAR" : "ONWAAR"); /* as Dutch Excel shows them */
		*kind = K_TEXT;
		return 0;
	case T_DATE:
		if (iso_text(v, tmp, sizeof tmp) != 0)
			break;
		buf_puts(out, tmp);
		*kind = K_DATE;
		return 0;
	case T_NUM: {
		xlsx_kind k = x->style < (int)x->nxf ? (xlsx_kind)x->xf[x->style] : XLSX_NUMBER;
		if (k != XLSX_NUMBER) {
			/* a date: <v> holds a plain number ("45566.385416666664"), as strtod reads it */
			char *end, dt[64];
			double serial = strtod(v, &end);
			if (end != v && !*end && xlsx_serial_text(serial, x->date1904, k, dt, sizeof dt) == 0) {
				buf_puts(out, dt);
				*kind = K_DATE;
				return 0;
			}
		}
		if (xlsx_plain_number(v, x->text.len, tmp, sizeof tmp) != 0)
			break;
		buf_puts(out, tmp);
		*kind = K_NUMBER;
		return 0;
	}
	}
	cell_error(x, c, "de waarde in deze cel klopt niet met haar celtype; de werkmap is beschadigd");
	return -1;
}

static void header_cell(xr *x)
{
	if (x->nhc >= (size_t)XLSX_HEADER_ROWS * 1024)
		return;
	x->hc = xgrow(x->hc, &x->caphc, x->nhc, sizeof *x->hc);
	hcell *h = &x->hc[x->nhc++];
	memset(h, 0, sizeof *h);
	h->row = x->row;
	h->col = x->col;
	h->sst = -1;
	if (x->ctype == T_SST && x->has_v) {
		h->sst = sst_index(x);
		if (h->sst >= 0)
			mark(x, h->sst);
		return;
	}
	unescape_x(&x->text);
	const char *s = (x->has_v || x->ctype == T_INLINE) && x->text.s ? x->text.s : "";
	set_name(h, s, strlen(s));
}

static void deliver(xr *x)
{
	if (!x->filled || x->row_bad || x->row <= x->header_row)
		return;
	const char *vals[MAX_COLS];
	size_t lens[MAX_COLS];
	for (int i = 0; i < x->ncols; i++) {
		vals[i] = x->val[i].s ? x->val[i].s : "";
		lens[i] = x->val[i].len;
		if (memchr(vals[i], '\0', lens[i])) {
			cell_error(x, i, "de cel bevat een NUL-teken");
			return;
		}
	}
	csv_row row = {vals, lens, x->colpos, x->row, 0, x, row_verror};
	x->info->rows++;
	x->info->fingerprint = csv_fingerprint(x->info->fingerprint, &row, x->ncols);
	if (x->fn(x->ctx, &row))
		stop(x);
}

static void sheet_end(xr *x, const char *name)
{
	int tag = sheet_tag(name);
	if (tag == E_DATA) {
		x->in_data = 0;
		stop(x); /* nothing after the cells matters */
		return;
	}
	if (!x->in_data)
		return;
	if (tag == E_C && x->in_c) {
		x->in_c = 0;
		if (x->want_cell < 0)
			return;
		if (x->mode == M_HEADER) {
			header_cell(x);
		} else if (x->mode == M_MARK) {
			long i;
			if (x->ctype == T_SST && x->has_v && (i = sst_index(x)) >= 0)
				mark(x, i);
		} else if (!x->row_bad) {
			int c = x->want_cell;
			if (cell_value(x, c, &x->val[c], &x->kind[c]) == 0 && x->val[c].len)
				x->filled = 1;
		}
	} else if (tag == E_V) {
		x->in_v = 0;
		x->has_v = 1;
	} else if (tag == E_IS) {
		x->in_is = 0;
	} else if (tag == E_T && x->in_t) {
		x->in_t--;
	} else if (tag == E_RPH && x->in_rph) {
		x->in_rph--;
	} else if (tag == E_ROW) {
		if (x->mode == M_DELIVER)
			deliver(x);
		else if (x->mode == M_HEADER && x->row >= x->window)
			stop(x);
		x->row = 0;
	}
}

static int sheet_pass(xr *x, int mode)
{
	xmlrun t = {0};
	t.start = sheet_start;
	t.end = sheet_end;
	t.text = sheet_text;
	x->mode = mode;
	x->in_data = 0;
	x->row = x->last_row = 0;
	x->in_c = 0;
	return parse_part(x, x->sheet, XLSX_MAX_SHEET_XML, &t);
}

/* --- finding the header row ------------------------------------------------------------------ */

static void header_names(const xr *x, long row, buf_t *b, int *shown_any, int *more)
{
	int n = 0, data = 0;
	for (size_t i = 0; i < x->nhc; i++)
		if (x->hc[i].row == row)
			data |= x->hc[i].data;
	*shown_any = 0;
	*more = 0;
	if (data)
		return;
	for (size_t i = 0; i < x->nhc; i++) {
		const hcell *h = &x->hc[i];
		if (h->row != row || !h->shown[0])
			continue;
		if (n == 30) {
			*more = 1;
			break;
		}
		buf_printf(b, "%s'%s'", n++ ? ", " : "", h->shown);
	}
	*shown_any = n > 0;
}

static int choose_header(xr *x)
{
	long best = 0;
	int best_found = -1;
	for (size_t i = 0; i < x->nhc;) {
		long row = x->hc[i].row;
		size_t j = i;
		while (j < x->nhc && x->hc[j].row == row)
			j++;
		int found = 0;
		for (int c = 0; c < x->ncols; c++)
			for (size_t k = i; k < j; k++)
				if (!strcmp(x->hc[k].norm, x->want[c])) {
					found++;
					break;
				}
		if (found > best_found) {
			best_found = found;
			best = row;
		}
		if (found == x->ncols)
			break;
		i = j;
	}
	if (best_found == x->ncols) {
		x->header_row = best;
		int maxcol = 0;
		for (size_t k = 0; k < x->nhc; k++)
			if (x->hc[k].row == best && x->hc[k].col > maxcol)
				maxcol = x->hc[k].col;
		x->ncolmap = maxcol + 1;
		x->colmap = xmalloc((size_t)x->ncolmap * sizeof *x->colmap);
		for (int k = 0; k < x->ncolmap; k++)
			x->colmap[k] = -1;
		for (int c = 0; c < x->ncols; c++) {
			x->colpos[c] = 0;
			for (size_t k = 0; k < x->nhc; k++) {
				const hcell *h = &x->hc[k];
				if (h->row != best || strcmp(h->norm, x->want[c]) != 0)
					continue;
				if (x->colpos[c]) {
					char a[8];
					col_letters(x->colpos[c], a);
					diag(x->d, DIAG_WARN, x->shown, best, h->col,
					     "kolom '%s' staat er twee keer in; de eerste (kolom %s) wordt gebruikt", x->cols[c], a);
				} else {
					/* the requested names differ once normalised (data.c asks each once) */
					x->colpos[c] = h->col;
					x->colmap[h->col] = c;
				}
			}
		}
		return 0;
	}
	if (x->nhc == 0 && !x->header_asked) {
		if (x->beyond)
			xerr(x, 0, 0, "de eerste %d rijen van blad %s zijn leeg. Staan de namen van de kolommen lager, zet dan bij "
			              "de kpi 'kopregel' met het nummer van die rij",
			     XLSX_HEADER_ROWS, x->ref_name);
		else
			xerr(x, 0, 0, "blad %s is leeg; er is geen kopregel", x->ref_name);
		return -1;
	}
	if (x->nhc == 0) {
		xerr(x, x->header_asked, 0, "rij %d van blad %s is leeg, maar 'kopregel' zegt dat daar de namen van de kolommen "
		                            "staan",
		     x->header_asked, x->ref_name);
		return -1;
	}
	for (int c = 0; c < x->ncols; c++) {
		int found = 0;
		for (size_t k = 0; k < x->nhc && !found; k++)
			found = x->hc[k].row == best && !strcmp(x->hc[k].norm, x->want[c]);
		if (found)
			continue;
		buf_t m = {0};
		if (best_found > 0 || x->header_asked) {
			buf_t names = {0};
			int any, more;
			header_names(x, best, &names, &any, &more);
			buf_printf(&m, "kolom '%s' ontbreekt in de kopregel (rij %ld van blad %s)", x->cols[c], best, x->ref_name);
			if (any)
				buf_printf(&m, ". De kopregel heeft %s%s", names.s, more ? " en meer" : "");
			buf_free(&names);
		} else {
			buf_printf(&m, "kolom '%s' staat niet in de eerste %d rijen van blad %s. Staan de namen van de kolommen "
			               "lager, zet dan bij de kpi 'kopregel' met het nummer van die rij",
			           x->cols[c], XLSX_HEADER_ROWS, x->ref_name);
		}
		if (x->used_by && x->used_by[c])
			buf_printf(&m, ". %s", x->used_by[c]);
		diag(x->d, DIAG_ERROR, x->shown, best_found > 0 || x->header_asked ? best : 0, 0, "%s", m.s);
		buf_free(&m);
	}
	return -1;
}

/* --- the workbook ---------------------------------------------------------------------------- */

/* Does s[0..n) hold the m bytes of want? (memmem is GNU's; Windows' C library has none.) */
static int has_bytes(const char *s, size_t n, const char *want, size_t m)
{
	for (const char *p = s; m > 0 && (size_t)(s + n - p) >= m; p++) {
		p = memchr(p, want[0], (size_t)(s + n - p) - m + 1);
		if (!p)
			return 0;
		if (!memcmp(p, want, m))
			return 1;
	}
	return 0;
}

/* An OLE compound file (D0 CF 11 E0) is what Excel writes for a workbook with a password, and
 * what the old .xls format is: the encrypted one holds a stream named EncryptedPackage. */
static int ole_encrypted(FILE *f)
{
	static const char name[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
	enum { N = sizeof name - 1, CHUNK = 1 << 16 };
	char *buf = xmalloc(CHUNK + N);
	size_t keep = 0, n;
	int found = 0;
	rewind(f);
	while (!found && (n = fread(buf + keep, 1, CHUNK, f)) > 0) {
		size_t have = keep + n;
		found = has_bytes(buf, have, name, N);
		keep = have < N ? have : N;
		memmove(buf, buf + have - keep, keep);
	}
	free(buf);
	return found;
}

static int looks_text(const unsigned char *s, size_t n)
{
	if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		return 1;
	for (size_t i = 0; i < n; i++)
		if (s[i] < 0x20 && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 0;
	return n > 0;
}

static int check_signature(xr *x)
{
	unsigned char head[512];
	size_t n = fread(head, 1, sizeof head, x->f);
	rewind(x->f);
	if (n == 0) {
		fail(x, "het bestand is leeg");
		return -1;
	}
	if (n >= 8 && !memcmp(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
		if (ole_encrypted(x->f))
			fail(x, "de werkmap is beveiligd met een wachtwoord; meetlat kan hem niet openen. Sla in Excel een kopie op "
			        "zonder wachtwoord en zet die hier neer");
		else
			fail(x, "dit is een Excel-bestand in het oude formaat (.xls). Open het in Excel en sla het op als "
			        "'Excel-werkmap (.xlsx)'");
		return -1;
	}
	if (n >= 4 && !memcmp(head, "PK\x03\x04", 4))
		return 0;
	if (n >= 4 && !memcmp(head, "PK\x05\x06", 4)) {
		fail(x, "de werkmap is leeg (een zip-bestand zonder inhoud); sla de export in Excel opnieuw op");
		return -1;
	}
	if (looks_text(head, n))
		fail(x, "dit is geen Excel-werkmap maar lijkt een tekstbestand (CSV); geef het bestand de naam met .csv");
	else
		fail(x, "dit is geen Excel-werkmap (.xlsx); sla de export in Excel opnieuw op als 'Excel-werkmap (.xlsx)'");
	return -1;
}

static const zentry *need_part(xr *x, const char *name)
{
	const zentry *e = part_find(x, name);
	if (!e)
		fail(x, "de werkmap is onvolledig: het onderdeel '%s' ontbreekt; sla hem in Excel opnieuw op", name);
	return e;
}

/* The workbook's parts: which sheet, the strings, the styles, the date system. */
static int open_book(xr *x)
{
	if (zip_list(x) != 0 || read_rels(x, "_rels/.rels", 0) != 0)
		return -1;
	const rel_t *doc = rel_of_type(x, "/officeDocument");
	char *wb_name = resolve("", doc ? doc->target : "xl/workbook.xml");
	if (str_ends(wb_name, ".bin")) {
		fail(x, "dit is een binaire Excel-werkmap (.xlsb); sla hem in Excel op als 'Excel-werkmap (.xlsx)'");
		free(wb_name);
		return -1;
	}
	const zentry *wb = need_part(x, wb_name);
	/* the workbook's folder and its relationships: xl/ and xl/_rels/workbook.xml.rels */
	char *slash = strrchr(wb_name, '/');
	char *dir = xstrndup(wb_name, slash ? (size_t)(slash - wb_name) + 1 : 0);
	char *rels_name = xasprintf("%s_rels/%s.rels", dir, slash ? slash + 1 : wb_name);
	free(wb_name);
	xmlrun t = {0};
	t.start = workbook_start;
	t.end = workbook_end;
	int rv = -1;
	if (!wb || parse_part(x, wb, XLSX_MAX_SMALL_XML, &t) != 0 || read_rels(x, rels_name, 1) != 0)
		goto out;
	if (!x->nsheets) {
		fail(x, "de werkmap heeft geen bladen");
		goto out;
	}
	const sheet_t *sh = NULL;
	const rel_t *sr = NULL;
	if (x->sheet_asked) {
		for (size_t i = 0; i < x->nsheets && !sh; i++)
			if (!strcasecmp(x->sheets[i].name, x->sheet_asked))
				sh = &x->sheets[i];
		if (!sh) {
			buf_t names = {0};
			for (size_t i = 0; i < x->nsheets && i < 20; i++)
				buf_printf(&names, "%s'%s'", i ? ", " : "", x->sheets[i].name);
			fail(x, "blad '%s' staat niet in de werkmap (zie 'blad' bij de kpi); de werkmap heeft de bladen %s%s",
			     x->sheet_asked, names.s, x->nsheets > 20 ? " en meer" : "");
			buf_free(&names);
			goto out;
		}
	}
	/* without 'blad': the first worksheet that is not hidden, else the first worksheet */
	for (int pass = 0; pass < 2 && !sr; pass++)
		for (size_t i = 0; i < x->nsheets && !sr; i++) {
			const sheet_t *s = &x->sheets[i];
			if ((x->sheet_asked && s != sh) || (!x->sheet_asked && pass == 0 && s->hidden))
				continue;
			for (size_t k = 0; k < x->nrels; k++)
				if (!strcmp(x->rels[k].id, s->rid) && !x->rels[k].external) {
					if (str_ends(x->rels[k].type, "/worksheet")) {
						sh = s;
						sr = &x->rels[k];
					}
					break;
				}
		}
	if (!sr) {
		if (x->sheet_asked)
			fail(x, "blad '%s' is geen werkblad met cellen (maar bijvoorbeeld een grafiek)", x->sheet_asked);
		else
			fail(x, "de werkmap heeft geen werkblad met cellen");
		goto out;
	}
	x->sheet_name = xstrdup(sh->name);
	x->ref_name = ref_name(sh->name);
	char *sheet_part = resolve(dir, sr->target);
	x->sheet = need_part(x, sheet_part);
	free(sheet_part);
	if (!x->sheet)
		goto out;
	const rel_t *r = rel_of_type(x, "/sharedStrings");
	if (r) {
		char *p = resolve(dir, r->target);
		x->sst = part_find(x, p);
		free(p);
	}
	r = rel_of_type(x, "/styles");
	const zentry *styles = NULL;
	if (r) {
		char *p = resolve(dir, r->target);
		styles = part_find(x, p);
		free(p);
	}
	if (styles) {
		xmlrun st = {0};
		st.start = styles_start;
		st.end = styles_end;
		if (parse_part(x, styles, XLSX_MAX_SMALL_XML, &st) != 0)
			goto out;
	}
	rv = 0;
out:
	free(dir);
	free(rels_name);
	return rv;
}

static void free_book(xr *x)
{
	for (size_t i = 0; i < x->nents; i++)
		free(x->ents[i].name);
	free(x->ents);
	rels_free(x);
	free(x->rels);
	for (size_t i = 0; i < x->nsheets; i++) {
		free(x->sheets[i].name);
		free(x->sheets[i].rid);
	}
	free(x->sheets);
	free(x->fmts);
	free(x->xf);
	free(x->sheet_name);
	free(x->ref_name);
	free(x->hc);
	free(x->hby);
	free(x->colmap);
	for (int i = 0; i < MAX_COLS; i++)
		buf_free(&x->val[i]);
	buf_free(&x->text);
	buf_free(&x->kept);
	free(x->bits);
	free(x->rank);
	free(x->offs);
}

static int read_sheet(xr *x)
{
	/* 1, 2: the header row */
	x->window = x->header_asked ? x->header_asked : XLSX_HEADER_ROWS;
	x->hi = -1;
	if (sheet_pass(x, M_HEADER) != 0)
		return -1;
	if (x->header_asked) {
		/* only the row 'kopregel' names */
		size_t o = 0;
		for (size_t i = 0; i < x->nhc; i++)
			if (x->hc[i].row == x->header_asked)
				x->hc[o++] = x->hc[i];
		x->nhc = o;
	}
	x->hby = xmalloc((x->nhc ? x->nhc : 1) * sizeof *x->hby);
	for (size_t i = 0; i < x->nhc; i++)
		x->hby[i] = (hbyidx){x->hc[i].sst, i};
	qsort(x->hby, x->nhc, sizeof *x->hby, cmp_hbyidx);
	if (sst_scan(x, got_header) != 0)
		return -1;
	if (choose_header(x) != 0)
		return -1;
	/* 3, 4: the shared strings of the requested columns */
	clear_marks(x);
	if (x->sst && sheet_pass(x, M_MARK) != 0)
		return -1;
	if (x->nmarked) {
		x->rank = xmalloc(x->nwords * sizeof *x->rank);
		size_t total = 0;
		for (size_t w = 0; w < x->nwords; w++) {
			x->rank[w] = (uint32_t)total;
			total += (size_t)__builtin_popcountll(x->bits[w]);
		}
		x->offs = xmalloc(total * sizeof *x->offs);
		for (size_t i = 0; i < total; i++)
			x->offs[i] = UINT32_MAX;
		if (sst_scan(x, got_kept) != 0)
			return -1;
	}
	/* 5: the rows */
	return sheet_pass(x, M_DELIVER);
}

/* --- numbers and dates ----------------------------------------------------------------------- */

int xlsx_plain_number(const char *s, size_t len, char *out, size_t outsz)
{
	size_t i = 0;
	while (i < len && s[i] == ' ')
		i++;
	while (len > i && s[len - 1] == ' ')
		len--;
	int neg = 0;
	if (i < len && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	char dig[420];
	size_t nd = 0;
	long point = -1, exp = 0;
	for (; i < len; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			if (nd == sizeof dig)
				return -1;
			dig[nd++] = s[i];
		} else if (s[i] == '.' && point < 0) {
			point = (long)nd;
		} else {
			break;
		}
	}
	if (nd == 0)
		return -1;
	if (point < 0)
		point = (long)nd;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		int eneg = 0;
		if (i < len && (s[i] == '-' || s[i] == '+'))
			eneg = s[i++] == '-';
		if (i == len)
			return -1;
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
			exp = exp * 10 + (s[i] - '0');
			if (exp > 400)
				return -1;
		}
		if (eneg)
			exp = -exp;
	}
	if (i != len)
		return -1;
	/* the digits dig[0..nd) with the point after `pos` of them */
	long pos = point + exp;
	size_t a = 0;
	while (a < nd && dig[a] == '0')
		a++, pos--;
	while (nd > a && (long)(nd - a) > pos && dig[nd - 1] == '0')
		nd--;
	size_t o = 0;
#define PUT(c)                   \
	do {                         \
		if (o + 1 >= outsz)      \
			return -1;           \
		out[o++] = (char)(c);    \
	} while (0)
	if (a == nd) {
		PUT('0');
		out[o] = '\0';
		return 0;
	}
	if (neg)
		PUT('-');
	if (pos <= 0) {
		PUT('0');
		PUT('.');
		for (long k = 0; k < -pos; k++)
			PUT('0');
		for (size_t k = a; k < nd; k++)
			PUT(dig[k]);
	} else {
		for (long k = 0; k < pos; k++)
			PUT(a + (size_t)k < nd ? dig[a + (size_t)k] : '0');
		if ((long)(nd - a) > pos) {
			PUT('.');
			for (size_t k = a + (size_t)pos; k < nd; k++)
				PUT(dig[k]);
		}
	}
#undef PUT
	out[o] = '\0';
	return 0;
}

int xlsx_serial_text(double serial, int date1904, xlsx_kind kind, char *out, size_t outsz)
{
	/* 2958465 is 9999-12-31, the last day Excel shows */
	if (!(serial >= 0) || serial >= 2958466.0)
		return -1;
	long long ms = llround(serial * 86400000.0);
	long long days = ms / 86400000;
	long long secs = (ms % 86400000 + 500) / 1000;
	int with_time = kind == XLSX_TIME || kind == XLSX_DATETIME;
	if (with_time && secs == 86400) {
		days++;
		secs = 0;
	}
	char hm[16] = "";
	if (with_time) {
		int h = (int)(secs / 3600), mi = (int)(secs / 60 % 60), sec = (int)(secs % 60);
		char *p = hm;
		*p++ = (char)('0' + h / 10), *p++ = (char)('0' + h % 10), *p++ = ':';
		*p++ = (char)('0' + mi / 10), *p++ = (char)('0' + mi % 10);
		if (sec)
			*p++ = ':', *p++ = (char)('0' + sec / 10), *p++ = (char)('0' + sec % 10);
		*p = '\0';
	}
	if (kind == XLSX_TIME && serial < 1) {
		snprintf(out, outsz, "%s", hm); /* a time of day without a date */
		return 0;
	}
	int day;
	if (date1904) {
		day = day_from_ymd(1904, 1, 1) + (int)days;
	} else if (days == 0) {
		snprintf(out, outsz, "1900-01-00%s%s", hm[0] ? " " : "", hm); /* Excel's day 0: no date */
		return 0;
	} else if (days == 60) {
		/* Lotus 1-2-3 took 1900 for a leap year, and Excel kept its 29 February 1900 */
		snprintf(out, outsz, "1900-02-29%s%s", hm[0] ? " " : "", hm);
		return 0;
	} else {
		day = day_from_ymd(1899, 12, days < 60 ? 31 : 30) + (int)days;
	}
	int y, m, d;
	day_to_ymd(day, &y, &m, &d);
	if (outsz < 32)
		return -1;
	char *p = out;
	*p++ = (char)('0' + y / 1000), *p++ = (char)('0' + y / 100 % 10), *p++ = (char)('0' + y / 10 % 10);
	*p++ = (char)('0' + y % 10), *p++ = '-', *p++ = (char)('0' + m / 10), *p++ = (char)('0' + m % 10), *p++ = '-';
	*p++ = (char)('0' + d / 10), *p++ = (char)('0' + d % 10);
	if (hm[0]) {
		*p++ = ' ';
		strcpy(p, hm);
	} else {
		*p = '\0';
	}
	return 0;
}

/* --- entry ----------------------------------------------------------------------------------- */

int xlsx_read(const char *path, const char *shown, const char *sheet, int header_row, const char *const *cols,
              const char *const *used_by, int ncols, csv_row_fn fn, void *ctx, diag_t *d, csv_info *info)
{
	memset(info, 0, sizeof *info);
	info->fingerprint = CSV_FINGERPRINT_START;
	if (ncols > MAX_COLS)
		abort();
	/* only a regular file: a FIFO or a device (/dev/zero, NUL) would hang or never end */
	long long size;
	FILE *f = plat_fopen_regular(path, &size);
	if (!f && (errno == EISDIR || errno == ENODEV)) {
		diag(d, DIAG_ERROR, shown, 0, 0,
		     "is geen gewoon bestand (maar bijvoorbeeld een map of apparaat); zet hier de Excel-werkmap neer");
		return -1;
	}
	if (!f) {
		diag(d, DIAG_ERROR, shown, 0, 0, "kan het bestand niet openen (%s)", strerror(errno));
		return -1;
	}
	int errors_before = diag_errors(d);
	diag_file_begin(d, shown);
	xr *x = xcalloc(1, sizeof *x);
	x->shown = shown;
	x->d = d;
	x->f = f;
	x->cols = cols;
	x->used_by = used_by;
	x->ncols = ncols;
	x->fn = fn;
	x->ctx = ctx;
	x->info = info;
	x->sheet_asked = sheet;
	x->header_asked = header_row;
	x->hi = -1;
	for (int i = 0; i < ncols; i++)
		csv_norm_name(cols[i], strlen(cols[i]), x->want[i], sizeof x->want[i]);
	if (check_signature(x) == 0) {
		zlib_filefunc64_def ff = {zf_open, zf_read, zf_write, zf_tell, zf_seek, zf_close, zf_error, NULL};
		x->z = unzOpen2_64((const void *)f, &ff);
		if (!x->z)
			fail(x, "de werkmap is beschadigd (het is geen goed zip-bestand); sla hem in Excel opnieuw op");
		else if (open_book(x) == 0 && read_sheet(x) == 0 && info->rows == 0 && diag_errors(d) == errors_before)
			diag(d, DIAG_WARN, shown, 0, 0, "blad %s heeft alleen een kopregel en geen gegevens", x->ref_name);
		if (x->z)
			unzClose(x->z);
	}
	diag_file_end(d);
	free_book(x);
	free(x);
	fclose(f);
	return diag_errors(d) == errors_before ? 0 : -1;
}
