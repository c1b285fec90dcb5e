/* csvread.c - the only module that includes csv.h. libcsv has no line numbers of its
 * own, so the file is fed to it one line at a time and we count. */
#include "load/csvread.h"

#include <csv.h>
#include <errno.h>
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
	const char *const *used_by;
	buf_t header;     /* the header's names, for the message about a missing column */
	int nheader_shown;
	int header_data;  /* the first line looks like data (long numbers, @): never shown */
	int inplace;      /* on_field's text stays in place, NUL-terminated, until on_record */
	buf_t val[MAX_COLS]; /* a used field's text, when it cannot stay in place */
	const char *vals[MAX_COLS]; /* the record's used fields */
	size_t lens[MAX_COLS];
	int stop;
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
	int cols1[MAX_COLS];
	for (int i = 0; i < r->ncols; i++)
		cols1[i] = r->colpos[i] + 1;
	csv_row row = {r->vals, r->lens, cols1, line, r->info->dot_is_thousands, r, NULL};
	r->info->rows++;
	if (r->fn(r->ctx, &row))
		r->stop = 1;
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

/* Split the `n` bytes of a line (its end taken off) as libcsv would: 0 when libcsv must read it.
 * Without `emit` only that is found out, and nothing is changed. With `emit` (for a line that
 * has no quote, or that was split without `emit` first) each field goes to on_field in place:
 * the byte after it (a blank, the delimiter, the closing quote or the line end) becomes its NUL. */
static int split_line(reader *r, char *s, size_t n, char delim, int emit)
{
	size_t i = 0;
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
			if (!emit && memchr(s + a, '"', b - a))
				return 0;
			last = !e;
			i = b;
			while (b > a && blank(s[b - 1], delim))
				b--;
		}
		if (emit) {
			s[b] = '\0';
			on_field(s + a, b - a, r);
		}
		if (last)
			return 1;
		i++; /* the delimiter */
	}
}

static int fast_line(struct csv_parser *p, reader *r, char *s, size_t len, char delim)
{
	if (!csv_fast || r->rec_open || p->pstate != LIBCSV_ROW_NOT_BEGUN || len > MAX_RECORD)
		return 0;
	size_t n = len;
	if (n && s[n - 1] == '\n')
		n--;
	if (n && s[n - 1] == '\r')
		n--;
	/* no LF before the end: the caller cut the line at the first */
	if (memchr(s, '\r', n) || memchr(s, '\0', n))
		return 0;
	if (memchr(s, '"', n) && !split_line(r, s, n, delim, 0))
		return 0;
	r->rec_open = 1;
	r->rec_line = r->cur_line;
	r->inplace = 1;
	split_line(r, s, n, delim, 1);
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

int csv_read(const char *path, const char *shown, const char *const *cols, const char *const *used_by, int ncols,
             csv_row_fn fn, void *ctx, diag_t *d, csv_info *info)
{
	memset(info, 0, sizeof *info);
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

	/* Pass 1: is it UTF-8? Cheap, and the file is in the page cache for pass 2. */
	enum { CHUNK = 1 << 20 };
	char *chunk = xmalloc(CHUNK + 4);
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
	for (int i = 0; i < MAX_COLS; i++) {
		r.colpos[i] = -1;
		r.vals[i] = "";
	}
	info->cp1252 = !utf8; /* the caller says so, when it is news (load/data.h) */

	struct csv_parser p;
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	/* libcsv grows a field's buffer by this step (128 bytes by default): with a long
	 * free-text field that is quadratic copying */
	csv_set_blk_size(&p, 64 * 1024);
	int parse_error = 0;
	carry = 0;
	int first = 1;
	char eol = '\n';
	while (!r.stop && !parse_error) {
		n = fread(chunk + carry, 1, CHUNK - carry, f);
		size_t have = carry + n;
		if (have == 0)
			break;
		size_t pos = 0;
		if (first) {
			first = 0;
			if (have >= 3 && memcmp(chunk, "\xEF\xBB\xBF", 3) == 0)
				pos = 3;
			info->delim = detect_delim(chunk + pos, have - pos);
			/* line ends: LF or CRLF; CR alone (old Macintosh files) counts lines too */
			if (!memchr(chunk, '\n', have) && memchr(chunk, '\r', have))
				eol = '\r';
			info->dot_is_thousands = info->delim == ';';
			csv_set_delim(&p, (unsigned char)info->delim);
		}
		while (pos < have && !r.stop) {
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
			if (r.rec_open || !only_blank(chunk + pos, len)) {
				if ((eol != '\n' || !fast_line(&p, &r, chunk + pos, len, info->delim)) &&
				    (parse_error = feed(&p, &r, chunk + pos, len)) != 0)
					break;
			}
			if (nl)
				r.cur_line++;
			pos = end;
		}
		if (parse_error)
			break;
		carry = have - pos;
		if (pos == 0 && carry == CHUNK) {
			/* one line longer than the whole buffer: feed it in pieces */
			if ((parse_error = feed(&p, &r, chunk, carry)) != 0)
				break;
			carry = 0;
		}
		memmove(chunk, chunk + pos, carry);
		if (n == 0 && carry == 0)
			break;
	}
	if (!parse_error && !r.stop && csv_fini(&p, on_field, on_record, &r) != 0)
		parse_error = 1;
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
