/* csvread.c - the only module that includes csv.h. libcsv has no line numbers of its
 * own, so the file is fed to it one line at a time and we count. */
#include "load/csvread.h"

#include <csv.h>
#include <errno.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/platform.h"
#include "base/util.h"

/* Windows-1252 0x80-0x9F; other bytes >= 0xA0 are Latin-1. Unassigned codes map to
 * the C1 control of the same value, as browsers do. */
static const unsigned short cp1252_high[32] = {
	0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
	0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

static void put_utf8(buf_t *b, unsigned cp)
{
	char u[3];
	if (cp < 0x80) {
		buf_putc(b, (char)cp);
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, u, 2);
	} else {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, u, 3);
	}
}

void csv_norm_name(const char *s, size_t len, char *out, size_t outsz)
{
	size_t o = 0;
	for (size_t i = 0; i < len && o + 1 < outsz; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '_' || c == '-' || c == '\r' || c == '\n')
			continue;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		out[o++] = (char)c;
	}
	out[o] = '\0';
}

typedef struct {
	const char *shown;
	const char *const *cols;
	int ncols;
	csv_row_fn fn;
	void *ctx;
	diag_t *d;
	csv_info *info;
	int cp1252;

	long cur_line;    /* line being fed */
	long rec_line;    /* first line of the record being parsed */
	int rec_open;
	size_t rec_bytes; /* bytes of the record so far */
	int field;        /* index of the next field in this record */
	int nheader;      /* fields in the header */
	int filled;       /* this record has a field that is not blank */
	int nul;          /* this record has a NUL byte in a used field */
	long empty_rows;  /* records of separators only (Excel's empty lines) */
	int header_done;
	int *map;         /* field index -> requested column, or -1 */
	size_t nmap, capmap;
	int colpos[MAX_COLS]; /* requested column -> field index */
	int cols1[MAX_COLS];  /* the same counted from 1, as a row gives it (csv_row's col) */
	const char *const *used_by;
	buf_t header;     /* the header's names, for the message about a missing column */
	int nheader_shown;
	int header_data;  /* the first line looks like data (long numbers, @): never shown */
	int inplace;      /* on_field's text stays in place, NUL-terminated, until on_record */
	buf_t val[MAX_COLS]; /* a used field's text, when it cannot stay in place */
	const char *vals[MAX_COLS]; /* the record's used fields */
	size_t lens[MAX_COLS];
	int stop;
	int fingerprint;  /* add each record to info->fingerprint */
} reader;

static void rd_verror(reader *r, long line, long col, const char *fmt, va_list ap)
{
	buf_t b = {0};
	buf_vprintf(&b, fmt, ap);
	diag(r->d, DIAG_ERROR, r->shown, line, col, "%s", b.s);
	buf_free(&b);
}

static void rd_error(reader *r, long line, long col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rd_verror(r, line, col, fmt, ap);
	va_end(ap);
}

void csv_row_verror(const csv_row *row, int c, const char *fmt, va_list ap)
{
	if (row->verror)
		row->verror(row, c, fmt, ap);
	else
		rd_verror(row->reader, row->line, c >= 0 ? row->col[c] : 0, fmt, ap);
}

void csv_row_error(const csv_row *row, int c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	csv_row_verror(row, c, fmt, ap);
	va_end(ap);
}

static void on_field(void *s, size_t len, void *data)
{
	reader *r = data;
	int f = r->field++;
	if (!r->header_done) {
		char name[128];
		csv_norm_name(s, len, name, sizeof name);
		/* keep the names as written (at most 30, each 40 bytes) unless the line holds data */
		int digits = 0;
		for (size_t i = 0; i < len; i++) {
			digits += ((const char *)s)[i] >= '0' && ((const char *)s)[i] <= '9';
			r->header_data |= ((const char *)s)[i] == '@';
		}
		r->header_data |= digits >= 4;
		if (r->nheader_shown < 30 && len) {
			size_t n = len > 40 ? 40 : len;
			while (n < len && n > 0 && (((const unsigned char *)s)[n] & 0xC0) == 0x80)
				n--;
			buf_printf(&r->header, "%s'%.*s'", r->nheader_shown++ ? ", " : "", (int)n, (const char *)s);
		}
		r->map = xgrow(r->map, &r->capmap, (size_t)f, sizeof *r->map);
		r->map[f] = -1;
		r->nmap = (size_t)f + 1;
		for (int i = 0; i < r->ncols; i++) {
			char want[128];
			csv_norm_name(r->cols[i], strlen(r->cols[i]), want, sizeof want);
			if (strcmp(name, want) != 0)
				continue;
			if (r->colpos[i] >= 0) {
				diag(r->d, DIAG_WARN, r->shown, r->rec_line, f + 1,
				     "kolom '%s' staat er twee keer in; de eerste (kolom %d) wordt gebruikt",
				     r->cols[i], r->colpos[i] + 1);
			} else {
				r->colpos[i] = f;
				r->map[f] = i;
			}
		}
		return;
	}
	for (size_t i = 0; i < len && !r->filled; i++)
		r->filled = ((const char *)s)[i] != ' ' && ((const char *)s)[i] != '\t';
	if ((size_t)f >= r->nmap || r->map[f] < 0)
		return; /* not a column we use: dropped here, never stored */
	int c = r->map[f];
	if (r->inplace && !r->cp1252) {
		r->vals[c] = s; /* fast_line took no line with a NUL */
		r->lens[c] = len;
		return;
	}
	if (memchr(s, '\0', len))
		r->nul = 1;
	buf_reset(&r->val[c]);
	if (r->cp1252) {
		const unsigned char *p = s;
		for (size_t i = 0; i < len; i++) {
			if (p[i] < 0x80)
				buf_putc(&r->val[c], (char)p[i]);
			else if (p[i] < 0xA0)
				put_utf8(&r->val[c], cp1252_high[p[i] - 0x80]);
			else
				put_utf8(&r->val[c], p[i]);
		}
	} else {
		buf_add(&r->val[c], s, len);
	}
	r->vals[c] = r->val[c].s ? r->val[c].s : "";
	r->lens[c] = r->val[c].len;
}

static void on_record(int term, void *data)
{
	(void)term;
	reader *r = data;
	long line = r->rec_line;
	r->rec_open = 0;
	r->rec_bytes = 0;
	int nfields = r->field, filled = r->filled, nul = r->nul;
	r->field = 0;
	r->filled = r->nul = 0;
	if (!r->header_done) {
		r->header_done = 1;
		r->nheader = nfields;
		for (int i = 0; i < r->ncols; i++)
			r->cols1[i] = r->colpos[i] + 1;
		int found = 0;
		for (int i = 0; i < r->ncols; i++)
			found += r->colpos[i] >= 0;
		for (int i = 0; i < r->ncols; i++) {
			if (r->colpos[i] >= 0)
				continue;
			buf_t m = {0};
			buf_printf(&m, "kolom '%s' ontbreekt in de kopregel", r->cols[i]);
			if (found && !r->header_data && r->header.len)
				buf_printf(&m, ". De kopregel heeft %s%s", r->header.s, nfields > r->nheader_shown ? " en meer" : "");
			else
				buf_puts(&m, ". De eerste regel van het bestand moet de namen van de kolommen bevatten");
			if (r->used_by && r->used_by[i])
				buf_printf(&m, ". %s", r->used_by[i]);
			diag(r->d, DIAG_ERROR, r->shown, line, 0, "%s", m.s);
			buf_free(&m);
			r->stop = 1;
		}
		return;
	}
	if (r->stop)
		return;
	if (!filled) {
		r->empty_rows++; /* ";;;;" - an empty line as Excel saves it */
		return;
	}
	/* A row with more or fewer fields than the header has its values in the wrong columns
	 * (an unquoted ';' in a name, say): nothing of it is used, and no value is quoted, since
	 * the value in a used column may belong to a personal one. */
	if (nfields != r->nheader) {
		rd_error(r, line, 0,
		         "de regel heeft %d velden en de kopregel %d; de regel is niet gebruikt (staat er een ; of \" te veel of te weinig?)",
		         nfields, r->nheader);
		return;
	}
	if (nul) {
		rd_error(r, line, 0, "de regel bevat een NUL-teken; sla het bestand opnieuw op als CSV");
		return;
	}
	csv_row row = {r->vals, r->lens, r->cols1, line, r->info->dot_is_thousands, r, NULL};
	r->info->rows++;
	if (r->fingerprint)
		r->info->fingerprint = csv_fingerprint(r->info->fingerprint, &row, r->ncols);
	if (r->fn && r->fn(r->ctx, &row))
		r->stop = 1;
}

unsigned long long csv_fingerprint(unsigned long long h, const csv_row *row, int ncols)
{
	for (int c = 0; c < ncols; c++) {
		const unsigned char *s = (const unsigned char *)row->val[c];
		size_t i = 0, n = row->len[c];
		for (; i + 4 <= n; i += 4) { /* four at a time: fewer loop tests, the same hash */
			h = (h ^ s[i]) * 0x100000001b3ULL;
			h = (h ^ s[i + 1]) * 0x100000001b3ULL;
			h = (h ^ s[i + 2]) * 0x100000001b3ULL;
			h = (h ^ s[i + 3]) * 0x100000001b3ULL;
		}
		for (; i < n; i++)
			h = (h ^ s[i]) * 0x100000001b3ULL;
		h = (h ^ 0x1F) * 0x100000001b3ULL; /* between fields */
	}
	return (h ^ 0x1E) * 0x100000001b3ULL;
}

/* A record (a line, or lines held together by a quoted field) longer than this is no export
 * row: an unclosed quote or a file that is not text. Refused at the line where it starts, so
 * memory never follows the longest record. */
#define MAX_RECORD (1024 * 1024)

/* Feed one line (or a piece of one) to libcsv: 0, 1 after a quoting error, 2 when the record
 * grew past MAX_RECORD. */
static int feed(struct csv_parser *p, reader *r, const char *s, size_t len)
{
	if (!r->rec_open) {
		r->rec_open = 1;
		r->rec_line = r->cur_line;
	}
	if (r->rec_bytes + len > MAX_RECORD)
		return 2;
	r->rec_bytes += len;
	return csv_parse(p, s, len, on_field, on_record, r) == len ? 0 : 1;
}

/* Most lines of an export are one record of simple fields. libcsv copies every byte of such a
 * line into its own buffer, columns we drop included; split on the delimiter here instead, with
 * exactly libcsv's result (csv_parse without CSV_REPALL_NL or CSV_EMPTY_IS_NULL, from its state
 * between records): fields split at each delimiter, blanks (space and tab, unless that is the
 * delimiter) taken off both ends of each field, the line end (LF or CR LF) closing the record.
 * A field in quotes ("8.232,50", "Graag actie; snel") is its text between them as it stands,
 * blanks and delimiters included; blanks before the opening and after the closing quote go. A
 * line that libcsv reads otherwise goes to it whole: one with a doubled quote, a quote inside a
 * field or text after a closing one (its errors are libcsv's), a quote left open (a record on
 * more lines), a CR elsewhere (libcsv ends a record at a lone CR), a NUL (on_field's message),
 * or one that continues a record. `len` is the line with its end; 0 when libcsv must take it. */
static int csv_fast = 1;
/* libcsv's state between records (pstate of struct csv_parser; libcsv.c defines it as 0) */
#define LIBCSV_ROW_NOT_BEGUN 0

void csv_set_fast(int on)
{
	csv_fast = on;
}

static int blank(char c, char delim)
{
	return (c == ' ' || c == '\t') && c != delim;
}

/* The fields of the `n` bytes of a line (its end taken off) as libcsv would split them, s[a..b)
 * each, in fa and fb: their number, or 0 when libcsv must read the line, also when it has more
 * than `max` fields. Nothing is changed: a line is split whole before its fields go anywhere. */
static int split_line(const char *s, size_t n, char delim, size_t *fa, size_t *fb, int max)
{
	size_t i = 0;
	int nf = 0;
	for (;;) {
		while (i < n && blank(s[i], delim))
			i++;
		size_t a = i, b;
		int last;
		if (i < n && s[i] == '"') {
			const char *q = memchr(s + i + 1, '"', n - i - 1);
			if (!q)
				return 0;
			a = i + 1;
			b = (size_t)(q - s);
			i = b + 1;
			while (i < n && blank(s[i], delim))
				i++;
			if (i < n && s[i] != delim)
				return 0;
			last = i == n;
		} else {
			const char *e = memchr(s + i, delim, n - i);
			b = e ? (size_t)(e - s) : n;
			if (memchr(s + a, '"', b - a))
				return 0;
			last = !e;
			i = b;
			while (b > a && blank(s[b - 1], delim))
				b--;
		}
		if (nf == max)
			return 0;
		fa[nf] = a;
		fb[nf++] = b;
		if (last)
			return nf;
		i++; /* the delimiter */
	}
}

/* The file is read in chunks of CHUNK bytes, each allocated with CHUNK_PAD bytes more: the
 * line splitter reads 16 bytes at a time, also past a line's end (those bytes are masked off). */
enum { CHUNK = 1 << 20, CHUNK_PAD = 32 };

#ifdef __SSE2__
/* The bits of the bytes s[i..i+16) that equal c, those at or past n masked off. */
static unsigned block_eq(const char *s, size_t i, size_t n, __m128i c)
{
	unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + i)), c));
	return n - i >= 16 ? m : m & ((1u << (n - i)) - 1);
}
#endif

/* Whether a line holds a quote, a CR or a NUL: bytes the plain split leaves to others. */
static int has_special(const char *s, size_t n)
{
#ifdef __SSE2__
	const __m128i q = _mm_set1_epi8('"'), cr = _mm_set1_epi8('\r'), z = _mm_setzero_si128();
	for (size_t i = 0; i < n; i += 16)
		if (block_eq(s, i, n, q) | block_eq(s, i, n, cr) | block_eq(s, i, n, z))
			return 1;
	return 0;
#else
	return memchr(s, '"', n) || memchr(s, '\r', n) || memchr(s, '\0', n);
#endif
}

/* Field `f` of a plain line, s[a..b): as on_field takes it in place. */
static inline void plain_field(reader *r, char *s, size_t a, size_t b, char delim, int f)
{
	if ((size_t)f >= r->nmap || r->map[f] < 0) {
		/* a column no KPI reads: only whether the record has a byte that is not blank
		 * (on_field's `filled`), and once that is known, not even that */
		while (!r->filled && a < b)
			r->filled = !blank(s[a++], delim);
		return;
	}
	while (a < b && blank(s[a], delim))
		a++;
	while (b > a && blank(s[b - 1], delim))
		b--;
	r->filled |= b > a;
	int c = r->map[f];
	s[b] = '\0';
	r->vals[c] = s + a;
	r->lens[c] = b - a;
}

/* split_line's result for a line of `n` bytes without quote, CR or NUL, once the header is
 * read and the text is UTF-8: the delimiters are found 16 bytes at a time (SSE2, on every
 * x86-64), and the used fields stay in place, each NUL-terminated where it ends. */
static void plain_line(reader *r, char *s, size_t n, char delim)
{
	size_t a = 0;
	int f = 0;
#ifdef __SSE2__
	const __m128i d = _mm_set1_epi8(delim);
	for (size_t i = 0; i < n; i += 16)
		for (unsigned m = block_eq(s, i, n, d); m; m &= m - 1) {
			size_t e = i + (size_t)__builtin_ctz(m);
			plain_field(r, s, a, e, delim, f++);
			a = e + 1;
		}
#else
	for (const char *e; (e = memchr(s + a, delim, n - a)); a = (size_t)(e - s) + 1)
		plain_field(r, s, a, (size_t)(e - s), delim, f++);
#endif
	plain_field(r, s, a, n, delim, f++);
	r->field = f;
}

/* `plain`: the chunk the line is in has no quote and no NUL, so only a CR can make it special */
static int fast_line(struct csv_parser *p, reader *r, char *s, size_t len, char delim, int plain)
{
	if (!csv_fast || r->rec_open || p->pstate != LIBCSV_ROW_NOT_BEGUN || len > MAX_RECORD)
		return 0;
	size_t n = len;
	if (n && s[n - 1] == '\n')
		n--;
	if (n && s[n - 1] == '\r')
		n--;
	/* no LF before the end: the caller cut the line at the first */
	int special = plain ? memchr(s, '\r', n) != NULL : has_special(s, n);
	if (!special && r->header_done && !r->cp1252) {
		r->rec_open = 1;
		r->rec_line = r->cur_line;
		plain_line(r, s, n, delim);
		on_record('\n', r);
		return 1;
	}
	if (special && (memchr(s, '\r', n) || memchr(s, '\0', n)))
		return 0;
	enum { MAX_FAST_FIELDS = 256 };
	size_t fa[MAX_FAST_FIELDS], fb[MAX_FAST_FIELDS];
	int nf = split_line(s, n, delim, fa, fb, MAX_FAST_FIELDS);
	if (!nf)
		return 0;
	r->rec_open = 1;
	r->rec_line = r->cur_line;
	/* each field goes to on_field in place: the byte after it (a blank, the delimiter, the
	 * closing quote or the line end) becomes its NUL */
	r->inplace = 1;
	for (int f = 0; f < nf; f++) {
		s[fb[f]] = '\0';
		on_field(s + fa[f], fb[f] - fa[f], r);
	}
	r->inplace = 0;
	on_record('\n', r);
	return 1;
}

static int only_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return 0;
	return 1;
}

/* Excel's "Unicode-tekst" is UTF-16: a byte-order mark FF FE or FE FF, or NUL bytes in the
 * header line (every other byte of ASCII text). */
static int looks_utf16(const unsigned char *s, size_t n)
{
	if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
		return 1;
	const unsigned char *nl = memchr(s, '\n', n);
	size_t head = nl ? (size_t)(nl - s) : n;
	return head >= 2 && memchr(s, '\0', head) != NULL;
}

/* A file that is not UTF-8 throughout: Windows-1252 (Excel's "CSV") when no part of it is
 * UTF-8; but one that is UTF-8 except for a few bytes (a copied cell, one edited line) would
 * be garbled as a whole by a conversion ("FinanciÃ«n"): that is an error naming its lines.
 * Returns 1 to read it as Windows-1252, 0 after the error. */
static int windows_1252(FILE *f, const char *shown, int bom, char *buf, size_t size, diag_t *d)
{
	enum { SHOWN_LINES = 5 };
	long line = 1, lines[SHOWN_LINES], bad = 0, multi = 0;
	int nlines = 0;
	size_t carry = 0, n;
	rewind(f);
	while ((n = fread(buf + carry, 1, size - carry, f)) > 0 || carry) {
		size_t have = carry + n, i = 0;
		while (i < have) {
			unsigned char c = (unsigned char)buf[i];
			if (c < 0x80) {
				line += c == '\n';
				i++;
				continue;
			}
			unsigned cp;
			size_t l = utf8_decode((const unsigned char *)buf + i, have - i, &cp);
			if (l == 0 && n > 0 && have - i < 4)
				break; /* maybe cut by the buffer: read more */
			if (l > 0) {
				multi++;
				i += l;
				continue;
			}
			if (nlines == 0 || lines[nlines - 1] != line) {
				if (nlines < SHOWN_LINES)
					lines[nlines++] = line;
			}
			bad++;
			i++;
		}
		carry = have - i;
		memmove(buf, buf + i, carry);
		if (n == 0)
			break;
	}
	if (multi == 0 && !bom)
		return 1;
	buf_t b = {0};
	for (int i = 0; i < nlines; i++)
		buf_printf(&b, "%s%ld", i == 0 ? "" : i == nlines - 1 ? " en " : ", ", lines[i]);
	diag(d, DIAG_ERROR, shown, lines[0], 0,
	     "het bestand is UTF-8, maar %s %s %s %s (%ld in totaal). meetlat zet het niet om, want dan worden alle "
	     "andere tekens verkeerd. Sla het bestand opnieuw op als 'CSV UTF-8', of herstel %s",
	     nlines == 1 ? "regel" : "regels", b.s, nlines == 1 ? "bevat" : "bevatten",
	     bad == 1 ? "een teken dat geen UTF-8 is" : "tekens die geen UTF-8 zijn", bad,
	     nlines == 1 ? "die regel" : "die regels");
	buf_free(&b);
	return 0;
}

/* A file that is no text at all, recognised by its first bytes: a workbook, a spreadsheet of
 * another program, an archive or a PDF saved under the export's .csv name. Writes what it is and
 * what to do into `out` and returns 1; 0 for anything else. `shown` names the file. */
static int not_text(const unsigned char *s, size_t n, const char *shown, buf_t *out)
{
	const char *base = strrchr(shown, '/') ? strrchr(shown, '/') + 1 : shown;
	const char *dot = strrchr(base, '.');
	int stem = dot ? (int)(dot - base) : (int)strlen(base);
	if (n >= 8 && !memcmp(s, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8)) {
		buf_puts(out, "dit is geen CSV-bestand maar een Excel-bestand in het oude formaat (.xls), of een werkmap met "
		              "een wachtwoord. Open het in Excel en sla het op als 'Excel-werkmap (.xlsx)' zonder wachtwoord, "
		              "of als 'CSV UTF-8'");
		return 1;
	}
	if (n >= 4 && (!memcmp(s, "PK\x03\x04", 4) || !memcmp(s, "PK\x05\x06", 4))) {
		/* the names of the first parts stand in the first bytes of a zip file */
		if (memmem(s, n, "opendocument.spreadsheet", 24))
			buf_puts(out, "dit is geen CSV-bestand maar een rekenblad van LibreOffice of OpenOffice (.ods). Sla het "
			              "daar op als 'Excel 2007-365 (.xlsx)' of als 'Tekst CSV (.csv)'");
		else if (memmem(s, n, "xl/", 3) || memmem(s, n, "[Content_Types].xml", 19))
			buf_printf(out, "dit is geen CSV-bestand maar een Excel-werkmap (.xlsx) met de naam .csv. Hernoem het naar "
			                "%.*s.xlsx: meetlat leest Excel-werkmappen ook",
			           stem, base);
		else
			buf_puts(out, "dit is geen CSV-bestand maar een zip-bestand. Pak het uit en zet de export zelf hier neer");
		return 1;
	}
	if (n >= 5 && !memcmp(s, "%PDF-", 5)) {
		buf_puts(out, "dit is geen CSV-bestand maar een PDF. Zet hier de export uit het systeem neer, als CSV-bestand "
		              "of Excel-werkmap");
		return 1;
	}
	return 0;
}

/* Pick the delimiter that occurs most often outside quotes in the header line. */
static char detect_delim(const char *s, size_t n)
{
	int semi = 0, comma = 0, tab = 0, inq = 0;
	for (size_t i = 0; i < n && s[i] != '\n' && s[i] != '\r'; i++) {
		if (s[i] == '"')
			inq = !inq;
		else if (!inq && s[i] == ';')
			semi++;
		else if (!inq && s[i] == ',')
			comma++;
		else if (!inq && s[i] == '\t')
			tab++;
	}
	if (tab > semi && tab > comma)
		return '\t';
	return comma > semi ? ',' : ';';
}

/* --- reading -------------------------------------------------------------------------------- */


/* The share of a large file (in percent) that the first thread reads: half, or, when it also
 * reads the rest once more for the fingerprint (which costs a fraction of the full work on a
 * row), a quarter. */
#define CUT_PERCENT 50
#define CUT_PERCENT_FINGERPRINT 25

/* Where to cut a large file: at the first line end after `target` with an even number of
 * quotes before it (outside a quoted field, in a well-formed file; the reader checks that the
 * first part indeed ends between records). Found in pass 1, which reads the file anyway. */
typedef struct {
	long long target; /* 0: no cut */
	long long at;     /* the offset of the first byte of the second part, or 0 */
	long line;        /* its line number */
	long lines;       /* line ends before the part of the file scanned so far */
	long long quotes;
	int done;
} cut_t;

static size_t count_byte(const char *s, size_t n, char c)
{
	size_t k = 0;
	const char *end = s + n;
	while ((s = memchr(s, c, (size_t)(end - s))) != NULL) {
		k++;
		s++;
	}
	return k;
}

/* Scan the n bytes at file offset `off`. */
static void cut_scan(cut_t *c, const char *b, size_t n, long long off)
{
	size_t i = 0;
	while (i < n && !c->done) {
		if (off + (long long)i < c->target) {
			size_t m = n - i;
			if ((long long)m > c->target - (off + (long long)i))
				m = (size_t)(c->target - (off + (long long)i));
			c->lines += (long)count_byte(b + i, m, '\n');
			c->quotes += (long long)count_byte(b + i, m, '"');
			i += m;
			continue;
		}
		const char *nl = memchr(b + i, '\n', n - i);
		size_t m = nl ? (size_t)(nl - (b + i)) + 1 : n - i;
		c->quotes += (long long)count_byte(b + i, m, '"');
		i += m;
		if (!nl)
			continue;
		c->lines++;
		if (c->quotes % 2 == 0) {
			c->at = off + (long long)i;
			c->line = c->lines + 1;
			c->done = 1;
		} else if (off + (long long)i > c->target + MAX_RECORD) {
			c->done = 1; /* a quoted field without end: no cut */
		}
	}
}

/* The bytes of a file read chunk by chunk, up to a cut or the end. */
typedef struct {
	FILE *f;
	char *chunk;
	size_t carry;     /* bytes of an incomplete line kept at the start of chunk */
	long long left;   /* bytes still to read (LLONG_MAX: all) */
	int first;        /* the first chunk of the file: its BOM, delimiter and line ends */
	char eol;
	int done;
} stream;

static void parser_init(struct csv_parser *p, char delim)
{
	csv_init(p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	/* libcsv grows a field's buffer by this step (128 bytes by default): with a long
	 * free-text field that is quadratic copying */
	csv_set_blk_size(p, 64 * 1024);
	csv_set_delim(p, (unsigned char)delim);
}

/* Parse the stream's lines, all of them or (`one`) those of one chunk. Returns 0, or the
 * parse error (see feed). */
static int parse_some(reader *r, struct csv_parser *p, stream *s, int one)
{
	csv_info *info = r->info;
	while (!r->stop && !s->done) {
		size_t want = CHUNK - s->carry;
		if ((long long)want > s->left)
			want = (size_t)s->left;
		size_t n = fread(s->chunk + s->carry, 1, want, s->f);
		s->left -= (long long)n;
		char *chunk = s->chunk;
		size_t have = s->carry + n;
		if (have == 0) {
			s->done = 1;
			break;
		}
		size_t pos = 0;
		if (s->first) {
			s->first = 0;
			if (have >= 3 && memcmp(chunk, "\xEF\xBB\xBF", 3) == 0)
				pos = 3;
			info->delim = detect_delim(chunk + pos, have - pos);
			/* line ends: LF or CRLF; CR alone (old Macintosh files) counts lines too */
			if (!memchr(chunk, '\n', have) && memchr(chunk, '\r', have))
				s->eol = '\r';
			info->dot_is_thousands = info->delim == ';';
			csv_set_delim(p, (unsigned char)info->delim);
		}
		char eol = s->eol;
		/* most exports have no quote at all: then a line needs only a look for a stray CR */
		int plain = !memchr(chunk + pos, '"', have - pos) && !memchr(chunk + pos, '\0', have - pos);
		while (pos < have && !r->stop) {
			char *nl = memchr(chunk + pos, eol, have - pos);
			size_t end;
			if (nl) {
				end = (size_t)(nl - chunk) + 1;
			} else if (n == 0) {
				end = have; /* last line without newline */
			} else {
				break; /* incomplete line: read more */
			}
			size_t len = end - pos;
			if (r->rec_open || !only_blank(chunk + pos, len)) {
				int e;
				if ((eol != '\n' || !fast_line(p, r, chunk + pos, len, info->delim, plain)) &&
				    (e = feed(p, r, chunk + pos, len)) != 0)
					return e;
			}
			if (nl)
				r->cur_line++;
			pos = end;
		}
		s->carry = have - pos;
		if (pos == 0 && s->carry == CHUNK) {
			/* one line longer than the whole buffer: feed it in pieces */
			int e = feed(p, r, chunk, s->carry);
			if (e)
				return e;
			s->carry = 0;
		}
		memmove(chunk, chunk + pos, s->carry);
		if (n == 0 && s->carry == 0)
			s->done = 1;
		if (one)
			break;
	}
	return 0;
}

/* The second part of a file, from the cut to the end, read with a reader of its own that
 * knows the header of the first. */
typedef struct {
	const char *path;
	long long at;
	FILE *first;      /* the file the first thread reads: opened again, it must be that one */
	reader r;
	csv_info info;
	diag_t d;         /* its messages, held until the first part's are out */
	char *chunk;      /* NULL: its own */
	int own_chunk;
	int parse_error;
	int failed;       /* the file could not be opened again, or is another one now */
	plat_thread *thread;
} part_t;

static void part_init(part_t *pt, const char *path, const reader *r, long long at, long line, char *chunk)
{
	memset(pt, 0, sizeof *pt);
	pt->path = path;
	pt->at = at;
	pt->chunk = chunk;
	pt->info.delim = r->info->delim;
	pt->info.cp1252 = r->info->cp1252;
	pt->info.dot_is_thousands = r->info->dot_is_thousands;
	reader *q = &pt->r;
	q->shown = r->shown;
	q->cols = r->cols;
	q->ncols = r->ncols;
	q->d = r->d;
	q->info = &pt->info;
	q->cp1252 = r->cp1252;
	q->cur_line = line;
	q->nheader = r->nheader;
	q->header_done = 1;
	q->map = r->map; /* read only, owned by r */
	q->nmap = r->nmap;
	memcpy(q->colpos, r->colpos, sizeof q->colpos);
	memcpy(q->cols1, r->cols1, sizeof q->cols1);
	q->used_by = r->used_by;
	for (int i = 0; i < MAX_COLS; i++)
		q->vals[i] = "";
}

/* The file opened again at the part's start: NULL (the part failed) when it cannot be, or is
 * not the file the first thread reads any more. */
static FILE *part_open(part_t *pt)
{
	long long size;
	FILE *f = plat_fopen_regular(pt->path, &size);
	if (!f || plat_same_file(f, pt->first) != 1 || plat_fseek(f, pt->at, SEEK_SET) != 0) {
		pt->failed = 1;
		if (f)
			fclose(f);
		return NULL;
	}
	return f;
}

static void part_run(void *arg)
{
	part_t *pt = arg;
	FILE *f = part_open(pt);
	if (!f)
		return;
	if (!pt->chunk) {
		pt->chunk = xmalloc(CHUNK + CHUNK_PAD);
		pt->own_chunk = 1;
	}
	struct csv_parser p;
	parser_init(&p, pt->info.delim);
	stream s = {f, pt->chunk, 0, LLONG_MAX, 0, '\n', 0};
	pt->parse_error = parse_some(&pt->r, &p, &s, 0);
	if (!pt->parse_error && !pt->r.stop && csv_fini(&p, on_field, on_record, &pt->r) != 0)
		pt->parse_error = 1;
	pt->failed = ferror(f) != 0;
	csv_free(&p);
	fclose(f);
}

static void part_free(part_t *pt)
{
	for (int i = 0; i < MAX_COLS; i++)
		buf_free(&pt->r.val[i]);
	if (pt->own_chunk)
		free(pt->chunk);
	diag_drop(&pt->d);
}

/* The fingerprint of the second part's rows, for the first thread once it has the fingerprint
 * of its own: lines of simple fields (as fast_line takes them) are split here and only their
 * requested values hashed; from the first other line on (a quote, a CR, a NUL; a record between
 * records, as every line before it was one), the part is read by part_run. */
static void fp_scan(part_t *pt)
{
	reader *r = &pt->r;
	FILE *f = part_open(pt);
	if (!f)
		return;
	char delim = pt->info.delim, *chunk = pt->chunk;
	size_t carry = 0, n;
	long long off = pt->at; /* of chunk[0] */
	int other = 0;
	int cols1[MAX_COLS] = {0};
	csv_row row = {r->vals, r->lens, cols1, 0, 0, r, NULL};
	while (!other && (n = fread(chunk + carry, 1, CHUNK - carry, f)) > 0) {
		size_t have = carry + n, pos = 0;
		for (;;) {
			char *nl = memchr(chunk + pos, '\n', have - pos);
			if (!nl)
				break;
			size_t end = (size_t)(nl - chunk) + 1, len = end - pos - 1;
			char *line = chunk + pos;
			if (len && line[len - 1] == '\r')
				len--;
			if (len > MAX_RECORD || has_special(line, len)) {
				other = 1;
				break;
			}
			if (!only_blank(line, len)) {
				plain_line(r, line, len, delim);
				if (r->filled && r->field == r->nheader) {
					pt->info.rows++;
					pt->info.fingerprint = csv_fingerprint(pt->info.fingerprint, &row, r->ncols);
				}
				r->field = r->filled = 0;
			}
			r->cur_line++;
			pos = end;
		}
		off += (long long)pos;
		carry = have - pos;
		if (!other && carry == CHUNK)
			other = 1; /* a line longer than the buffer */
		memmove(chunk, chunk + pos, carry);
	}
	if (!other && carry) {
		/* the last line without a line end: for part_run */
		other = 1;
	}
	fclose(f);
	if (other) {
		pt->at = off;
		part_run(pt);
	}
}

int csv_read(const char *path, const char *shown, const char *const *cols, const char *const *used_by, int ncols,
             csv_row_fn fn, void *ctx, const csv_parts *parts, diag_t *d, csv_info *info)
{
	memset(info, 0, sizeof *info);
	info->fingerprint = CSV_FINGERPRINT_START;
	if (ncols > MAX_COLS)
		abort();
	/* only a regular file: a FIFO or a device (/dev/zero) would hang or never end */
	long long size;
	FILE *f = plat_fopen_regular(path, &size);
	if (!f && (errno == EISDIR || errno == ENODEV)) {
		diag(d, DIAG_ERROR, shown, 0, 0, "is geen gewoon bestand (maar bijvoorbeeld een map of apparaat); zet hier de CSV-export neer");
		return -1;
	}
	if (!f) {
		diag(d, DIAG_ERROR, shown, 0, 0, "kan het bestand niet openen (%s)", strerror(errno));
		return -1;
	}

	/* Pass 1: is it UTF-8? Cheap, and the file is in the page cache for pass 2. It also finds
	 * where to cut a large file for two threads. */
	const char *serial = getenv("MEETLAT_SERIEEL");
	int fingerprint = !parts || parts->fingerprint;
	cut_t cut = {0};
	if (parts && size >= CSV_PARTS_MIN && !(serial && *serial))
		cut.target = size / 100 * (fingerprint ? CUT_PERCENT_FINGERPRINT : CUT_PERCENT);
	char *chunk = xmalloc(CHUNK + CHUNK_PAD);
	size_t carry = 0, n;
	int utf8 = 1, bom = 0;
	long long total = 0;
	int utf16 = 0, foreign = 0;
	buf_t kind = {0};
	size_t since_eol = 0;
	while ((n = fread(chunk + carry, 1, CHUNK, f)) > 0 || carry) {
		size_t have = carry + n;
		/* a line longer than a record may be is refused by pass 2 at its first line: no need to
		 * read on through gigabytes */
		if (!memchr(chunk + carry, '\n', n) && !memchr(chunk + carry, '\r', n)) {
			if ((since_eol += n) > MAX_RECORD)
				break;
		} else {
			since_eol = 0;
		}
		if (total == 0 && have >= 3 && memcmp(chunk, "\xEF\xBB\xBF", 3) == 0)
			bom = 1;
		if (total == 0 && not_text((const unsigned char *)chunk, have, shown, &kind)) {
			foreign = 1;
			break;
		}
		if (total == 0 && looks_utf16((const unsigned char *)chunk, have)) {
			utf16 = 1;
			break;
		}
		if (cut.target && !cut.done)
			cut_scan(&cut, chunk + carry, n, total);
		total += (long long)n;
		size_t ok = utf8_valid_prefix((unsigned char *)chunk, have);
		if (ok < have && (n == 0 || have - ok > 3)) {
			utf8 = 0;
			break;
		}
		/* keep an incomplete sequence at the end for the next chunk */
		carry = have - ok;
		memmove(chunk, chunk + ok, carry);
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		diag(d, DIAG_ERROR, shown, 0, 0, "kan het bestand niet lezen");
		free(chunk);
		fclose(f);
		return -1;
	}
	if (foreign) {
		diag(d, DIAG_ERROR, shown, 0, 0, "%s", kind.s);
		buf_free(&kind);
		free(chunk);
		fclose(f);
		return -1;
	}
	if (utf16) {
		diag(d, DIAG_ERROR, shown, 0, 0,
		     "het bestand is opgeslagen als UTF-16 ('Unicode-tekst'); sla het in Excel opnieuw op als 'CSV UTF-8'");
		free(chunk);
		fclose(f);
		return -1;
	}
	if (!utf8 && !windows_1252(f, shown, bom, chunk, CHUNK, d)) {
		free(chunk);
		fclose(f);
		return -1;
	}
	rewind(f);

	int errors_before = diag_errors(d);
	diag_file_begin(d, shown);
	reader r = {0};
	r.shown = shown;
	r.cols = cols;
	r.used_by = used_by;
	r.ncols = ncols;
	r.fn = fn;
	r.ctx = ctx;
	r.d = d;
	r.info = info;
	r.cp1252 = !utf8;
	r.cur_line = 1;
	r.fingerprint = fingerprint;
	if (!fingerprint)
		info->fingerprint = 0;
	for (int i = 0; i < MAX_COLS; i++) {
		r.colpos[i] = -1;
		r.vals[i] = "";
	}
	info->cp1252 = !utf8; /* the caller says so, when it is news (load/data.h) */

	struct csv_parser p;
	parser_init(&p, ';');
	if (!utf8)
		cut.at = 0; /* Windows-1252: pass 1 stopped early */
	stream s = {f, chunk, 0, cut.at ? cut.at : LLONG_MAX, 1, '\n', 0};
	/* the first chunk holds the header: then the second part can start */
	int parse_error = parse_some(&r, &p, &s, 1);
	part_t pt, *part = NULL;
	if (cut.at && !parse_error && !r.stop && r.header_done && s.eol == '\n' && !s.done) {
		part = &pt;
		part_init(part, path, &r, cut.at, cut.line, NULL);
		part->first = f;
		diag_hold(&part->d, d);
		diag_file_begin(&part->d, shown);
		part->r.d = &part->d;
		part->r.fn = fn;
		part->r.ctx = parts->split(ctx, &part->d);
		if (!part->r.ctx || plat_thread_start(&part->thread, part_run, part) != 0) {
			if (part->r.ctx)
				parts->drop(part->r.ctx);
			part_free(part);
			part = NULL;
		}
	}
	if (!part) {
		/* no second part (none could be made, or the first chunk did not allow one): this
		 * thread reads the whole file */
		s.left = LLONG_MAX;
		s.done = 0;
	}
	if (!parse_error)
		parse_error = parse_some(&r, &p, &s, 0);
	if (part) {
		/* the first part must end where a record ends, as it does when read on */
		int ok = !parse_error && !r.stop && !r.rec_open && p.pstate == LIBCSV_ROW_NOT_BEGUN && s.carry == 0;
		part_t fp;
		int fp_read = 0;
		if (ok && fingerprint) {
			/* the fingerprint goes on over the second part's rows: read them once more for it */
			diag_t scratch;
			diag_init(&scratch, NULL);
			scratch.mute = 1;
			part_init(&fp, path, &r, cut.at, cut.line, chunk);
			fp.first = f;
			fp.r.d = &scratch;
			fp.r.fingerprint = 1;
			fp.info.fingerprint = info->fingerprint;
			fp_scan(&fp);
			fp_read = 1;
			ok = !fp.failed;
		}
		plat_thread_join(part->thread);
		ok = ok && !part->failed && (d->mute || d->file_errors + part->d.file_errors <= DIAG_FILE_LIMIT);
		int merged = ok && parts->join(ctx, part->r.ctx) == 0; /* frees the part's context */
		if (!ok)
			parts->drop(part->r.ctx);
		if (merged) {
			diag_release(&part->d, d);
			info->rows += part->info.rows;
			if (fp_read)
				info->fingerprint = fp.info.fingerprint;
			r.empty_rows += part->r.empty_rows;
			/* the end of the file is the second part's */
			parse_error = part->parse_error;
			r.rec_open = part->r.rec_open;
			r.rec_line = part->r.rec_line;
			r.cur_line = part->r.cur_line;
			r.field = part->r.field;
			r.stop = part->r.stop;
		} else {
			diag_drop(&part->d);
			if (!parse_error && !r.stop) {
				/* read on, on this thread */
				s.left = LLONG_MAX;
				s.done = plat_fseek(f, cut.at, SEEK_SET) != 0;
				parse_error = parse_some(&r, &p, &s, 0);
			}
		}
		if (fp_read)
			part_free(&fp);
		part_free(part);
		if (merged)
			goto ended;
	}
	if (!parse_error && !r.stop && csv_fini(&p, on_field, on_record, &r) != 0)
		parse_error = 1;
ended:
	if (parse_error == 2) {
		diag(d, DIAG_ERROR, shown, r.rec_line, 0,
		     "hier begint een regel die langer is dan %d MB (samen met de regels die een veld tussen \"...\" erbij "
		     "neemt). Zo lang is geen regel van een export: staat er een \" te veel, of is dit geen CSV-bestand?",
		     MAX_RECORD / (1024 * 1024));
	} else if (parse_error) {
		diag(d, DIAG_ERROR, shown, r.rec_open ? r.rec_line : r.cur_line, r.field + 1,
		     "fout in de aanhalingstekens: een veld tussen \"...\" is niet goed afgesloten, of er staat tekst direct na het sluitende \"");
	}
	if (!r.header_done && !parse_error)
		diag(d, DIAG_ERROR, shown, 0, 0, "het bestand is leeg; er is geen kopregel");
	else if (!parse_error && !r.stop && info->rows == 0 && diag_errors(d) == errors_before)
		diag(d, DIAG_WARN, shown, 0, 0, "het bestand heeft alleen een kopregel en geen gegevens");
	if (r.empty_rows)
		diag(d, DIAG_NOTE, shown, 0, 0, "%ld %s met alleen scheidingstekens overgeslagen (lege regels uit Excel)",
		     r.empty_rows, r.empty_rows == 1 ? "regel" : "regels");
	diag_file_end(d);
	csv_free(&p);
	for (int i = 0; i < MAX_COLS; i++)
		buf_free(&r.val[i]);
	free(r.map);
	buf_free(&r.header);
	free(chunk);
	fclose(f);
	return diag_errors(d) == errors_before ? 0 : -1;
}
