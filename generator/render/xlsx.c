/* xlsx.c - the MT workbooks; the only module that includes xlsxwriter.h.
 *
 * Excel-native, as a controller would build them: numbers are numbers (a share is a fraction
 * with a percent format, a mark has one decimal, a count is whole), every period is a real date
 * (its first day) beside its label (K4 2025), every data block is an Excel table (header,
 * banded rows, filter buttons), a share is a formula of the counts beside it (a calculated
 * column with structured references, its cached value the published one), a number's header
 * stands right-aligned over its numbers with the unit in it, charts come from the same chart
 * description as the site with their targets and baseline, and every sheet prints landscape on
 * A4, one page wide, with its header row repeated. No merged cells.
 *
 * The quarterly workbook (mt-rapportage-2025-K4.xlsx): an overview with a row per KPI linking
 * to its sheet (printed on one or two pages), "Alle cijfers" (every figure of every KPI in one
 * long table, the same name and columns every quarter, for pivot tables and Power Query), a
 * sheet per KPI (its table in one shape: level, group, period and its first day, then the
 * measure; printed: the chart and the last 12 periods), milestones and definitions. The monthly
 * workbook of a KPI marked `maandrapportage` (terugbelverzoeken-2025-12.xlsx), when the
 * reference date ends a month: this month per team, the last twelve months per team, both
 * marked against the targets held in cells, the KPI's sheet, its definition.
 *
 * A table never mixes the organisation with its groups unseen: every row says its level
 * ("organisatie", "team"), and the organisation's rows come first. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <xlsxwriter.h>

#include "base/date.h"
#include "base/escape.h"
#include "base/fmt.h"
#include "base/util.h"
#include "model/chart.h"
#include "model/edition.h"
#include "model/present.h"
#include "model/table.h"
#include "render/render.h"

enum { MAXCOLS = 40 };

typedef struct {
	char *num;                                  /* an Excel number format */
	lxw_format *f;
} numfmt;

typedef struct {
	lxw_workbook *wb;
	const model_t *m;
	lxw_format *title, *note, *warn, *text, *text_in, *wrap, *link, *nav, *bold, *head, *head_num;
	lxw_format *count, *pct, *mark, *date;
	lxw_format *st_kpi[ST_N], *st_ms[MS_N];     /* conditional: status words (present.h) */
	lxw_format *cf[KT_MARK + 1][3];             /* conditional, per kind: meets the target(s), with a symbol */
	numfmt *nfs;                                /* number formats made when first asked for */
	size_t nnfs;
	strset_t names;                             /* sheet names so far (and History) */
	char **sheets;                              /* the same, in order */
	size_t nsheets;
	strset_t tables;                            /* table names so far */
	const char *defs_sheet;                     /* the sheet of definitions, for links to it */
	char stamp[64];                             /* "Stand op 31 december 2025" */
} xctx;

typedef struct {
	lxw_worksheet *ws;
	const char *name;
	double width[MAXCOLS];                      /* widest content per column, in characters */
	double fixed[MAXCOLS];                      /* width of a column whose text wraps, or 0 */
	double set[MAXCOLS];                        /* the width given to a column, or 0 (Excel's 8,43) */
	int *lines;                                 /* per row: lines of its tallest wrapped cell */
	size_t nlines;
	int head_row;                               /* the table header (it wraps too), or -1 */
	int head_lines;                             /* and its height in lines */
	size_t line_chars;                          /* put_line's width, or 0: LINE_CHARS */
	double head_chars[MAXCOLS];
} sheet_t;

/* A column of a table: its header, whether it holds numbers (the header then stands
 * right-aligned over them), and the formula of a calculated column (or NULL). */
typedef struct {
	const char *head;
	int num;
	const char *formula;
} xcol;

/* --- names --------------------------------------------------------------------------------- */

static size_t chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Length as Excel counts it, in UTF-16 units: a character outside the BMP takes two. */
static size_t units16(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += (((unsigned char)s[i] & 0xC0) != 0x80) + ((unsigned char)s[i] >= 0xF0);
	return n;
}

/* The longest start of s (len bytes) of at most `max` UTF-16 units, cut between characters. */
static size_t cut16(const char *s, size_t len, size_t max)
{
	size_t n = 0, i = 0;
	while (i < len) {
		size_t l = 1;
		while (i + l < len && ((unsigned char)s[i + l] & 0xC0) == 0x80)
			l++;
		size_t u = (unsigned char)s[i] >= 0xF0 ? 2 : 1;
		if (n + u > max)
			break;
		n += u;
		i += l;
	}
	return i;
}

/* A sheet name: the KPI's `kort`, else its name when that fits Excel's 31 characters (UTF-16
 * units), else the name cut at 30 with "…" so that nobody takes it for another KPI's full name.
 * Characters Excel refuses become spaces; a name taken already (or "History", which Excel
 * keeps) gets " (2)", " (3)", ... */
static const char *sheet_name(xctx *x, const char *want)
{
	buf_t b = {0};
	for (const char *s = want; *s; s++)
		buf_putc(&b, strchr("[]:*?/\\", *s) ? ' ' : *s);
	if (units16(b.s, b.len) > 31) {
		b.len = cut16(b.s, b.len, 30);
		while (b.len && b.s[b.len - 1] == ' ')
			b.len--;
		b.s[b.len] = '\0';
		buf_puts(&b, "…");
	}
	while (b.len && (b.s[0] == '\'' || b.s[b.len - 1] == '\''))
		b.s[b.s[0] == '\'' ? 0 : b.len - 1] = ' ';
	char *name = buf_take(&b);
	if (!x->names.n)
		strset_add(&x->names, "History");
	for (int k = 2; strset_has(&x->names, name); k++) {
		char suffix[16];
		snprintf(suffix, sizeof suffix, " (%d)", k);
		size_t keep = cut16(want, strlen(want), 31 - strlen(suffix));
		free(name);
		name = xasprintf("%.*s%s", (int)keep, want, suffix);
		for (char *q = name; *q; q++)
			if (strchr("[]:*?/\\", *q))
				*q = ' ';
	}
	strset_add(&x->names, name);
	x->sheets = xrealloc(x->sheets, (x->nsheets + 1) * sizeof *x->sheets);
	x->sheets[x->nsheets++] = name;
	return name;
}

static const char *kpi_sheet_name(xctx *x, const kpi_t *k)
{
	return sheet_name(x, k->def.kort ? k->def.kort : k->def.naam);
}

/* The link to cell A1 of a sheet: internal:'Name'!A1, quotes doubled. */
static char *sheet_link(const char *name)
{
	buf_t b = {0};
	buf_puts(&b, "internal:'");
	for (const char *s = name; *s; s++) {
		if (*s == '\'')
			buf_putc(&b, '\'');
		buf_putc(&b, *s);
	}
	buf_puts(&b, "'!A1");
	return buf_take(&b);
}

static sheet_t new_sheet(xctx *x, const char *name)
{
	sheet_t sh;
	memset(&sh, 0, sizeof sh);
	sh.ws = workbook_add_worksheet(x->wb, name);
	sh.name = name;
	sh.head_row = -1;
	return sh;
}

/* --- cells --------------------------------------------------------------------------------- */

static void widen(sheet_t *sh, int col, double w)
{
	if (col >= 0 && col < MAXCOLS && w > sh->width[col])
		sh->width[col] = w;
}

static void put_text(sheet_t *sh, int row, int col, const char *s, lxw_format *f)
{
	if (!s || !*s)
		return;
	worksheet_write_string(sh->ws, (lxw_row_t)row, (lxw_col_t)col, s, f);
	widen(sh, col, (double)chars(s));
}

enum { LINE_CHARS = 130 }; /* what landscape A4 shows unshrunk in the default font (27 cm) */

/* A text in rows of its own (a title or a note), returning the row after it. It may run over
 * the next columns and does not set their width; a long text is cut between sentences into rows
 * of at most LINE_CHARS (or the sheet's line_chars), so a narrow sheet does not print shrunk to
 * fit one long line. */
static int put_line(sheet_t *sh, int row, const char *s, lxw_format *f)
{
	buf_t line = {0};
	size_t n = 0;
	while (*s) {
		const char *end = strstr(s, ". ");
		end = end ? end + 1 : s + strlen(s);
		char *sentence = xstrndup(s, (size_t)(end - s));
		size_t len = chars(sentence);
		if (n > 0 && n + 1 + len > (sh->line_chars ? sh->line_chars : LINE_CHARS)) {
			worksheet_write_string(sh->ws, (lxw_row_t)row++, 0, line.s, f);
			buf_reset(&line);
			n = 0;
		}
		if (n > 0) {
			buf_putc(&line, ' ');
			n++;
		}
		buf_puts(&line, sentence);
		n += len;
		free(sentence);
		s = *end ? end + 1 : end;
	}
	if (n > 0)
		worksheet_write_string(sh->ws, (lxw_row_t)row++, 0, line.s, f);
	buf_free(&line);
	return row;
}

/* Under every sheet's title while the data are examples, so no printed page passes for real. */
static int sample_line(xctx *x, sheet_t *sh, int row)
{
	if (x->m->voorbeelddata)
		row = put_line(sh, row, "Let op: dit zijn voorbeeldgegevens, geen echte metingen.", x->warn);
	buf_t stale = {0};
	present_stale_sources(x->m, &stale);
	if (stale.len) {
		char *w = xasprintf("Let op: %s", stale.s);
		row = put_line(sh, row, w, x->warn);
		free(w);
	}
	buf_free(&stale);
	return row;
}

/* A link back to the workbook's first sheet, from a sheet the overview links to. */
static int home_line(xctx *x, sheet_t *sh, int row)
{
	char *url = sheet_link(x->sheets[0]);
	char *label = xasprintf("Terug naar %s", x->sheets[0]);
	worksheet_write_url_opt(sh->ws, (lxw_row_t)row, 0, url, x->nav, label, NULL);
	free(label);
	free(url);
	return row + 1;
}

/* A text in a column of fixed width (wrap_column) that wraps; the row grows to show it all.
 * A line break in the text starts a line of its own. */
static void count_lines(sheet_t *sh, int row, int col, const char *s)
{
	double w = col < MAXCOLS && sh->fixed[col] > 0 ? sh->fixed[col] : 40;
	int n = 0;
	for (;;) {
		const char *nl = strchr(s, '\n');
		char *line = xstrndup(s, nl ? (size_t)(nl - s) : strlen(s));
		int k = (int)ceil((double)chars(line) * 1.1 / (w - 1));
		n += k > 0 ? k : 1;
		free(line);
		if (!nl)
			break;
		s = nl + 1;
	}
	if ((size_t)row >= sh->nlines) {
		size_t old = sh->nlines;
		sh->nlines = (size_t)row + 64;
		sh->lines = xrealloc(sh->lines, sh->nlines * sizeof *sh->lines);
		memset(sh->lines + old, 0, (sh->nlines - old) * sizeof *sh->lines);
	}
	if (n > sh->lines[row])
		sh->lines[row] = n;
}

static void put_wrap(sheet_t *sh, int row, int col, const char *s, lxw_format *f)
{
	if (!s || !*s)
		return;
	worksheet_write_string(sh->ws, (lxw_row_t)row, (lxw_col_t)col, s, f);
	count_lines(sh, row, col, s);
}

static void wrap_column(sheet_t *sh, int col, double width)
{
	sh->fixed[col] = width;
}

static void put_num(sheet_t *sh, int row, int col, double v, lxw_format *f, double width)
{
	worksheet_write_number(sh->ws, (lxw_row_t)row, (lxw_col_t)col, v, f);
	widen(sh, col, width);
}

static void put_date(sheet_t *sh, int row, int col, int day, lxw_format *f)
{
	int y, m, d;
	day_to_ymd(day, &y, &m, &d);
	lxw_datetime dt = {y, m, d, 0, 0, 0};
	worksheet_write_datetime(sh->ws, (lxw_row_t)row, (lxw_col_t)col, &dt, f);
	widen(sh, col, 11);
}

/* Column widths from the content, within bounds; `wrap_col` (or -1) is the one wide text column
 * that wraps instead. */
static void set_width(sheet_t *sh, int col, double w)
{
	worksheet_set_column(sh->ws, (lxw_col_t)col, (lxw_col_t)col, w, NULL);
	if (col >= 0 && col < MAXCOLS)
		sh->set[col] = w;
}

/* A column's width in pixels, as Excel (and libxlsxwriter, placing a chart) reckons it. */
static double col_px(const sheet_t *sh, int col)
{
	double w = col >= 0 && col < MAXCOLS && sh->set[col] > 0 ? sh->set[col] : 8.43;
	return w < 1 ? floor(w * 12 + 0.5) : floor(w * 7 + 0.5) + 5;
}

static void fit_columns(sheet_t *sh, int ncols)
{
	int head = 1;
	for (int c = 0; c < ncols && c < MAXCOLS; c++) {
		double w = sh->width[c] * 1.1 + 2;
		w = sh->fixed[c] > 0 ? sh->fixed[c] : w < 8 ? 8 : w > 48 ? 48 : w;
		set_width(sh, c, w);
		/* the header wraps within the column, beside its filter button */
		int n = (int)ceil(sh->head_chars[c] * 1.15 / (w - 3));
		if (n > head)
			head = n;
	}
	if (sh->head_row >= 0 && head > 1)
		worksheet_set_row(sh->ws, (lxw_row_t)sh->head_row, 15.0 * head, NULL);
	sh->head_lines = head;
	for (size_t r = 0; r < sh->nlines; r++)
		if (sh->lines[r] > 1)
			worksheet_set_row(sh->ws, (lxw_row_t)r, 15.0 * sh->lines[r], NULL);
	free(sh->lines);
	sh->lines = NULL;
	sh->nlines = 0;
}

/* The widest word of a header that wraps. */
/* The widest word of a header that wraps. */
static double longest_word(const char *s)
{
	double best = 0, w = 0;
	for (; *s; s++) {
		if (*s == ' ') {
			best = fmax(best, w);
			w = 0;
		} else if (((unsigned char)*s & 0xC0) != 0x80) {
			w++;
		}
	}
	return fmax(best, w);
}

/* A share is stored as a fraction (0,122 shown as 12,2%), everything else as shown. */
static double stored(kt_kind kind, double v)
{
	/* rounded again after the division, so 53,8% is stored as 0.538, not 0.53799999 */
	return kind == KT_PCT ? num_round(v / 100.0, 3) : kind == KT_COUNT ? num_round(v, 0) : num_round(v, 1);
}

static kt_kind unit_kind(eenheid_t u)
{
	return u == EENHEID_PROCENT ? KT_PCT : u == EENHEID_AANTAL ? KT_COUNT : KT_MARK;
}

/* A cell format for numbers in Excel number format `num`, made once per workbook: right-aligned
 * with a little room on the right, as their headers are (head_num), so that printed, a header
 * stands over its numbers and on screen its filter button covers neither. */
static lxw_format *num_format(xctx *x, const char *num)
{
	for (size_t i = 0; i < x->nnfs; i++)
		if (!strcmp(x->nfs[i].num, num))
			return x->nfs[i].f;
	lxw_format *f = workbook_add_format(x->wb);
	format_set_num_format(f, num);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	format_set_align(f, LXW_ALIGN_RIGHT);
	format_set_indent(f, 1);
	x->nfs = xrealloc(x->nfs, (x->nnfs + 1) * sizeof *x->nfs);
	x->nfs[x->nnfs].num = xstrdup(num);
	x->nfs[x->nnfs++].f = f;
	return f;
}

static lxw_format *kind_format(xctx *x, kt_kind kind)
{
	return kind == KT_PCT ? x->pct : kind == KT_MARK ? x->mark : kind == KT_COUNT ? x->count : x->text;
}

/* A KPI's values in their unit: a share as a percentage, working days with the word. */
static lxw_format *unit_format(xctx *x, eenheid_t u)
{
	return u == EENHEID_WERKDAGEN ? num_format(x, "0.0\" werkdagen\"") : kind_format(x, unit_kind(u));
}

/* --- tables and pages ------------------------------------------------------------------------ */

/* The name of a table from what it holds, the same in every edition and workbook, so a
 * manager's formulas and queries keep working: tabel_terugbelverzoeken. Unique in the workbook
 * (_2, _3, ...); the caller frees it. */
static char *table_name(xctx *x, const char *what)
{
	buf_t name = {0};
	buf_puts(&name, "tabel_");
	esc_slug(&name, what);
	for (size_t i = 0; i < name.len; i++)
		if (name.s[i] == '-')
			name.s[i] = '_';
	if (name.len > 200)
		name.s[name.len = 200] = '\0';
	size_t base = name.len;
	for (int n = 2; strset_has(&x->tables, name.s); n++) {
		name.s[name.len = base] = '\0';
		buf_printf(&name, "_%d", n);
	}
	strset_add(&x->tables, name.s);
	return buf_take(&name);
}

/* Headers as a table must have them: none empty, no two the same (case aside), a repeated one
 * with " (2)". Returns n malloc'ed strings (free with free_heads). */
static char **unique_heads(const char *const *heads, int n)
{
	char **uniq = xcalloc((size_t)n, sizeof *uniq);
	for (int c = 0; c < n; c++) {
		const char *h = heads[c] && heads[c][0] ? heads[c] : "Kolom";
		uniq[c] = xstrdup(h);
		for (int k = 2;; k++) {
			int clash = 0;
			for (int e = 0; e < c; e++)
				clash |= !strcasecmp(uniq[e], uniq[c]);
			if (!clash)
				break;
			free(uniq[c]);
			uniq[c] = xasprintf("%s (%d)", h, k);
		}
	}
	return uniq;
}

static void free_heads(char **h, int n)
{
	for (int c = 0; c < n && h; c++)
		free(h[c]);
	free(h);
}

/* An Excel table named `name` (table_name): the header in row `r0` from column `c0`, `nrows`
 * rows of data below it (already written; a calculated column's cells are written after, as
 * they have their own cached values). Without data rows there is no table, only the header and
 * a note. */
static void add_table_named(xctx *x, sheet_t *sh, int r0, int c0, int ncols, size_t nrows, const xcol *cols,
                            const char *name)
{
	const char **heads = xcalloc((size_t)ncols, sizeof *heads);
	for (int c = 0; c < ncols; c++)
		heads[c] = cols[c].head;
	char **uniq = unique_heads(heads, ncols);
	free(heads);
	for (int c = 0; c < ncols; c++) {
		widen(sh, c0 + c, fmax(longest_word(uniq[c]) + 3, fmin((double)chars(uniq[c]), 12))); /* + filter button */
		if (c0 + c < MAXCOLS && c0 == 0) {
			sh->head_row = r0;
			sh->head_chars[c0 + c] = (double)chars(uniq[c]);
		}
	}
	if (!nrows) {
		for (int c = 0; c < ncols; c++)
			worksheet_write_string(sh->ws, (lxw_row_t)r0, (lxw_col_t)(c0 + c), uniq[c],
			                       cols[c].num ? x->head_num : x->head);
		put_text(sh, r0 + 1, c0, "Nog geen gegevens.", x->note);
	} else {
		lxw_table_column *col = xcalloc((size_t)ncols, sizeof *col);
		lxw_table_column **tcols = xcalloc((size_t)ncols + 1, sizeof *tcols);
		for (int c = 0; c < ncols; c++) {
			col[c].header = uniq[c];
			col[c].header_format = cols[c].num ? x->head_num : x->head;
			col[c].formula = (char *)cols[c].formula;
			tcols[c] = &col[c];
		}
		lxw_table_options opt = {0};
		opt.name = (char *)name;
		opt.style_type = LXW_TABLE_STYLE_TYPE_MEDIUM;
		opt.style_type_number = 2;
		opt.columns = tcols;
		worksheet_add_table(sh->ws, (lxw_row_t)r0, (lxw_col_t)c0, (lxw_row_t)(r0 + (int)nrows),
		                    (lxw_col_t)(c0 + ncols - 1), &opt);
		free(tcols);
		free(col);
	}
	free_heads(uniq, ncols);
}

/* The same, with its name from what it holds and text headers (or `num`: a mask of the columns
 * that hold numbers). */
static void add_table(xctx *x, sheet_t *sh, int r0, int c0, int ncols, size_t nrows, const char *const *heads,
                      uint64_t num, const char *what)
{
	xcol *cols = xcalloc((size_t)ncols, sizeof *cols);
	for (int c = 0; c < ncols; c++) {
		cols[c].head = heads[c];
		cols[c].num = c < 64 && (num >> c) & 1;
	}
	char *name = table_name(x, what);
	add_table_named(x, sh, r0, c0, ncols, nrows, cols, name);
	free(name);
	free(cols);
}

/* A reference to column `col` of table `table` in the formula's own row, as Excel stores it:
 * tabel_x[[#This Row],[Buiten termijn]], with ' [ ] # in the name escaped by a '. */
static void this_row(buf_t *b, const char *table, const char *col)
{
	buf_printf(b, "%s[[#This Row],[", table);
	for (; *col; col++) {
		if (strchr("'[]#", *col))
			buf_putc(b, '\'');
		buf_putc(b, *col);
	}
	buf_puts(b, "]]");
}

/* '&' starts a code in Excel's page headers */
static void header_text(buf_t *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '&')
			buf_putc(b, '&');
		buf_putc(b, *s);
	}
}

/* Landscape A4, one page wide, the header row repeated, title and page numbers on every page. */
static void print_setup(xctx *x, sheet_t *sh, const char *title, int head_row)
{
	lxw_worksheet *ws = sh->ws;
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_set_margins(ws, 0.5, 0.5, 0.75, 0.75);
	if (head_row >= 0)
		worksheet_repeat_rows(ws, (lxw_row_t)head_row, (lxw_row_t)head_row);
	buf_t h = {0};
	buf_puts(&h, "&L&\"-,Bold\"");
	header_text(&h, title);
	buf_puts(&h, "&R");
	header_text(&h, x->m->gemeente);
	if (h.len > 250) {
		/* Excel's limit is 255 characters; cut between characters, never inside a "&&" */
		size_t n = utf8_cut(h.s, h.len, 250), amp = 0;
		while (amp < n && h.s[n - 1 - amp] == '&')
			amp++;
		h.s[h.len = n - (amp % 2)] = '\0';
	}
	worksheet_set_header(ws, h.s);
	buf_reset(&h);
	buf_puts(&h, "&L");
	header_text(&h, x->stamp);
	if (x->m->voorbeelddata)
		buf_puts(&h, "&C&\"-,Bold\"Voorbeeldgegevens, geen echte metingen");
	buf_puts(&h, "&RPagina &P van &N");
	worksheet_set_footer(ws, h.s);
	buf_free(&h);
	/* labels such as "2025" and "K4 2025" are text on purpose: no green triangles */
	worksheet_ignore_errors(ws, LXW_IGNORE_NUMBER_STORED_AS_TEXT, "A1:XFD1048576");
}

/* What prints of a sheet: rows 0..last_row, columns 0..last_col, on at most `pages` pages
 * (one page wide). */
static void print_part(sheet_t *sh, int last_row, int last_col, int pages)
{
	worksheet_print_area(sh->ws, 0, 0, (lxw_row_t)last_row, (lxw_col_t)last_col);
	worksheet_fit_to_pages(sh->ws, 1, (uint16_t)pages);
}

/* A status as the vocabulary has it: icon and word ("⚠ risico"), out: 96 bytes. */
static void status_text(const status_look *l, char *out)
{
	snprintf(out, 96, "%s %s", l->icon, l->word);
}

/* Status cells ("⚠ risico") in their vocabulary's colour and fill; the icons are unique, so
 * "begins with" the icon and the word finds exactly one status. */
static void status_formats(xctx *x, lxw_worksheet *ws, int row0, int row1, int col)
{
	if (row1 < row0)
		return;
	for (int i = 0; i < ST_N + MS_N; i++) {
		const status_look *l = i < ST_N ? present_look((kpi_status)i) : present_ms_look((ms_status)(i - ST_N));
		char word[96];
		status_text(l, word);
		lxw_conditional_format cf = {0};
		cf.type = LXW_CONDITIONAL_TYPE_TEXT;
		cf.criteria = LXW_CONDITIONAL_CRITERIA_TEXT_BEGINS_WITH;
		cf.value_string = word;
		cf.format = i < ST_N ? x->st_kpi[i] : x->st_ms[i - ST_N];
		cf.stop_if_true = LXW_TRUE;
		worksheet_conditional_format_range(ws, (lxw_row_t)row0, (lxw_col_t)col, (lxw_row_t)row1,
		                                   (lxw_col_t)col, &cf);
	}
}

/* --- a KPI's table --------------------------------------------------------------------------- */

/* A KPI's table in the workbook, in one shape for every KPI: the level, the group, the period's
 * label and first day, then the measure's columns of the shared table (table.h) with their units
 * in the header, the stand and what was published before. The organisation's rows come first,
 * then each group's; newest period first, so the top rows are the last twelve periods. A share
 * of counts is a calculated column: =ROUND(part/whole, 3), its cached value the published one. */
enum { KC_LEVEL = -1, KC_GROUP = -2, KC_LABEL = -3, KC_START = -4 };

typedef struct {
	const kt_table *t;         /* the KPI's table (kt_of) */
	char **heads;              /* unique, ncols */
	int src[MAXCOLS];          /* table column, or KC_* */
	int ncols;
	int value;                 /* the column of the KPI's value, or -1 */
	int part, whole, minus;    /* the columns of a share's counts (table.h), or -1 */
	size_t *order;             /* the rows of t in the workbook's order */
	int norg;                  /* the organisation's rows, at the top */
} kpi_cols;

/* The workbook column of table column `src` (>= 0), or -1. */
static int kc_col_of(const kpi_cols *kc, int src)
{
	for (int c = 0; src >= 0 && c < kc->ncols; c++)
		if (kc->src[c] == src)
			return c;
	return -1;
}

static void kpi_cols_build(const kpi_t *k, kpi_cols *kc)
{
	memset(kc, 0, sizeof *kc);
	kc->t = kt_of(k);
	const kt_table *t = kc->t;
	const char *heads[MAXCOLS];
	static const struct { const char *head; int src; } lead[] = {
		{"Niveau", KC_LEVEL}, {"Groep", KC_GROUP}, {"Periode", KC_LABEL}, {"Begin periode", KC_START}};
	for (size_t i = 0; i < sizeof lead / sizeof *lead; i++) {
		heads[kc->ncols] = lead[i].head;
		kc->src[kc->ncols++] = lead[i].src;
	}
	for (int c = 0; c < t->ncols && kc->ncols < MAXCOLS; c++) {
		if (c == t->group_col || c == t->period_col || (c == t->revised_col && !t->any_revised))
			continue;
		heads[kc->ncols] = t->cols[c].head;
		kc->src[kc->ncols++] = c;
	}
	kc->heads = unique_heads(heads, kc->ncols);
	kc->value = kc_col_of(kc, t->value_col);
	kc->part = kc_col_of(kc, t->part_col);
	kc->whole = kc_col_of(kc, t->whole_col);
	kc->minus = kc_col_of(kc, t->minus_col);
	/* the organisation's rows first, then each group's, each run newest first */
	kc->order = xcalloc(t->nrows ? t->nrows : 1, sizeof *kc->order);
	size_t n = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t a = 0; a < t->nrows;) {
			size_t b = a;
			while (b < t->nrows && t->rows[b].series == t->rows[a].series)
				b++;
			if (t->rows[a].series->is_total == !pass)
				for (size_t r = b; r > a; r--)
					kc->order[n++] = r - 1;
			if (!pass && t->rows[a].series->is_total)
				kc->norg += (int)(b - a);
			a = b;
		}
}

static void kpi_cols_free(kpi_cols *kc)
{
	free_heads(kc->heads, kc->ncols);
	free(kc->order);
}

/* How wide a KPI's table will be, in characters, as fit_columns will make it: the width its
 * title lines may take before a chart beside the table would cover them. */
static double kpi_table_chars(const kpi_t *k, const kpi_cols *kc)
{
	double total = 0;
	for (int c = 0; c < kc->ncols; c++) {
		const char *h = kc->heads[c];
		double w = fmax(longest_word(h) + 3, fmin((double)chars(h), 12));
		for (size_t r = 0; r < kc->t->nrows; r++) {
			const kt_row *tr = &kc->t->rows[r];
			int src = kc->src[c];
			double cw = src == KC_LEVEL   ? (double)chars(present_level(&k->def, tr->series))
			            : src == KC_GROUP ? (double)chars(tr->series->name)
			            : src == KC_LABEL ? 8
			            : src == KC_START ? 11
			            : kc->t->cols[src].kind == KT_TEXT ? (double)chars(kt_at(kc->t, r, src)->text)
			                                              : (double)strlen(kt_at(kc->t, r, src)->text) + 3;
			w = fmax(w, cw);
		}
		w = w * 1.1 + 2;
		total += w < 8 ? 8 : w > 48 ? 48 : w;
	}
	return total;
}

/* Whether workbook column c holds numbers (its header then aligns right). */
static int kc_num(const kpi_cols *kc, int c)
{
	return kc->src[c] >= 0 && kc->t->cols[kc->src[c]].kind != KT_TEXT && kc->t->cols[kc->src[c]].kind != KT_PERIOD;
}

/* The formula of a share of counts in table `table`, or NULL (caller frees):
 * IF(whole-minus>0, ROUND(part/(whole-minus), 3), "") - an empty divisor has no value. */
static char *share_formula(const kpi_cols *kc, const char *table)
{
	if (kc->value < 0 || kc->part < 0 || kc->whole < 0)
		return NULL;
	buf_t d = {0}, f = {0};
	this_row(&d, table, kc->heads[kc->whole]);
	if (kc->minus >= 0) {
		buf_putc(&d, '-');
		this_row(&d, table, kc->heads[kc->minus]);
	}
	buf_printf(&f, "=IF(%s>0,ROUND(", d.s);
	this_row(&f, table, kc->heads[kc->part]);
	buf_printf(&f, kc->minus >= 0 ? "/(%s),3),\"\")" : "/%s,3),\"\")", d.s);
	buf_free(&d);
	return buf_take(&f);
}

/* One row of a KPI's table at sheet row `row`, in the columns `cols` (n of them, indexes into
 * kc) from column 0 on; the share's cell (formula) is left to kpi_formula. */
static void kpi_row(xctx *x, sheet_t *sh, const kpi_t *k, const kpi_cols *kc, size_t r, int row, const int *cols,
                    int n, int formula)
{
	const kt_table *t = kc->t;
	const kt_row *tr = &t->rows[r];
	for (int i = 0; i < n; i++) {
		int c = cols[i];
		char p[40];
		switch (kc->src[c]) {
		case KC_LEVEL:
			put_text(sh, row, i, present_level(&k->def, tr->series), x->text);
			continue;
		case KC_GROUP:
			put_text(sh, row, i, tr->series->name, x->text);
			continue;
		case KC_LABEL:
			present_period_short(t->per, tr->key, p);
			put_text(sh, row, i, p, x->text);
			continue;
		case KC_START:
			put_date(sh, row, i, period_first_day(t->per, tr->key), x->date);
			continue;
		default:
			break;
		}
		if (formula && c == kc->value)
			continue;
		const kt_cell *cell = kt_at(t, r, kc->src[c]);
		kt_kind kind = t->cols[kc->src[c]].kind;
		if (kind == KT_TEXT || kind == KT_PERIOD)
			/* indented: after a right-aligned number, "53,8% definitief", not "53,8%definitief" */
			put_text(sh, row, i, cell->text, x->text_in);
		else if (!cell->empty)
			put_num(sh, row, i, stored(kind, cell->num), kind_format(x, kind), (double)strlen(cell->text) + 3);
	}
}

/* The share's cell of row r at (row, col): the formula with the published value cached, or ""
 * where there is no value. */
static void kpi_formula(xctx *x, sheet_t *sh, const kpi_cols *kc, size_t r, int row, int col, const char *formula)
{
	const kt_cell *cell = kt_at(kc->t, r, kc->t->value_col);
	if (cell->empty)
		worksheet_write_formula_str(sh->ws, (lxw_row_t)row, (lxw_col_t)col, formula, x->pct, "");
	else
		worksheet_write_formula_num(sh->ws, (lxw_row_t)row, (lxw_col_t)col, formula, x->pct,
		                            stored(KT_PCT, cell->num));
	widen(sh, col, (double)strlen(cell->text) + 3);
}

/* A KPI's table at header row hr: the rows (order) in the columns `cols`; returns the table's
 * name (caller frees). */
static char *kpi_table(xctx *x, sheet_t *sh, const kpi_t *k, const kpi_cols *kc, int hr, const size_t *rows,
                       size_t nrows, const int *cols, int n, const char *what)
{
	char *name = table_name(x, what);
	int vcol = -1;
	for (int i = 0; i < n; i++)
		if (cols[i] == kc->value)
			vcol = i;
	char *formula = vcol >= 0 ? share_formula(kc, name) : NULL;
	for (size_t i = 0; i < nrows; i++)
		kpi_row(x, sh, k, kc, rows[i], hr + 1 + (int)i, cols, n, formula != NULL);
	xcol xc[MAXCOLS] = {{0}};
	for (int i = 0; i < n; i++) {
		xc[i].head = kc->heads[cols[i]];
		xc[i].num = kc_num(kc, cols[i]);
		xc[i].formula = i == vcol ? formula : NULL;
	}
	add_table_named(x, sh, hr, 0, n, nrows, xc, name);
	if (formula)
		for (size_t i = 0; i < nrows; i++)
			kpi_formula(x, sh, kc, rows[i], hr + 1 + (int)i, vcol, formula);
	free(formula);
	return name;
}

/* --- charts --------------------------------------------------------------------------------- */

/* A chart as the description has it: its data as a small table at (row, col), the chart
 * anchored at (crow, ccol) moved `dx` pixels right, `w` x `h` pixels. A line chart plots the
 * organisation's series and every reference line (targets, baseline, step, norm) as a series of
 * its own with the same value in every period, so it shows in Excel and in a copy. A chart of
 * groups (one value per group) is drawn the same way with a dot per group and no line between
 * them: libxlsxwriter 1.1.4 cannot lay a line over columns, and the reference lines must show. */
static void draw_chart(xctx *x, sheet_t *sh, chart_t *c, int crow, int ccol, int dx, double w, double h, int row,
                       int col, const char *what)
{
	int pct = c->unit == EENHEID_PROCENT;
	lxw_format *vf = kind_format(x, pct ? KT_PCT : c->unit == EENHEID_AANTAL ? KT_COUNT : KT_MARK);
	put_text(sh, row - 1, col, c->kind == CHART_LINE ? "Gegevens van de grafiek" : "Gegevens van de grafiek per groep",
	         x->bold);
	const char **heads = xcalloc((size_t)c->nrefs + 2, sizeof *heads);
	heads[0] = c->kind == CHART_LINE ? "Periode" : "Groep";
	heads[1] = c->series[0].label;
	for (int r = 0; r < c->nrefs; r++)
		heads[2 + r] = c->refs[r].label;
	for (int i = 0; i < c->ncats; i++) {
		put_text(sh, row + 1 + i, col, c->cats[i], x->text);
		if (c->series[0].has[i])
			put_num(sh, row + 1 + i, col + 1, stored(pct ? KT_PCT : KT_MARK, num_round(c->series[0].y[i], 1)), vf, 8);
		for (int r = 0; r < c->nrefs; r++)
			put_num(sh, row + 1 + i, col + 2 + r, stored(pct ? KT_PCT : KT_MARK, c->refs[r].value), vf, 8);
	}
	uint64_t num = ~(uint64_t)1; /* every column but the first */
	add_table(x, sh, row, col, 2 + c->nrefs, (size_t)c->ncats, heads, num, what);
	/* its header row is a row of the KPI's table too, which has its own height: the names of
	 * the lines ("doel eind 2024: ten hoogste 30%") fit on one line */
	for (int i = 0; i < 2 + c->nrefs; i++)
		widen(sh, col + i, (double)chars(heads[i]) + 3);
	free(heads);

	lxw_chart *ch = workbook_add_chart(x->wb, LXW_CHART_LINE);
	lxw_row_t r0 = (lxw_row_t)(row + 1), r1 = (lxw_row_t)(row + c->ncats);
	for (int s = 0; s < 1 + c->nrefs; s++) {
		lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
		chart_series_set_categories(se, sh->name, r0, (lxw_col_t)col, r1, (lxw_col_t)col);
		chart_series_set_values(se, sh->name, r0, (lxw_col_t)(col + 1 + s), r1, (lxw_col_t)(col + 1 + s));
		chart_series_set_name_range(se, sh->name, (lxw_row_t)row, (lxw_col_t)(col + 1 + s));
		lxw_chart_line line = {0};
		if (s == 0) {
			line.color = chart_series_style.rgb;
			line.width = 2.25;
			line.none = c->kind == CHART_BARS;
			chart_series_set_marker_type(se, c->kind == CHART_BARS ? LXW_CHART_MARKER_DIAMOND : LXW_CHART_MARKER_CIRCLE);
			chart_series_set_marker_size(se, c->kind == CHART_BARS ? 9 : 4);
			lxw_chart_fill mf = {.color = chart_series_style.rgb};
			chart_series_set_marker_fill(se, &mf);
			lxw_chart_line ml = {.color = chart_series_style.rgb};
			chart_series_set_marker_line(se, &ml);
		} else {
			const chart_ref *ref = &c->refs[s - 1];
			const chart_style *st = chart_ref_style(ref->kind);
			static const uint8_t dash[] = {[DASH_SOLID] = LXW_CHART_LINE_DASH_SOLID,
				[DASH_DOT] = LXW_CHART_LINE_DASH_ROUND_DOT, [DASH_DASH] = LXW_CHART_LINE_DASH_DASH,
				[DASH_DASH_DOT] = LXW_CHART_LINE_DASH_DASH_DOT,
				[DASH_DASH_DOT_DOT] = LXW_CHART_LINE_DASH_LONG_DASH_DOT_DOT,
				[DASH_SHORT] = LXW_CHART_LINE_DASH_SQUARE_DOT, [DASH_LONG] = LXW_CHART_LINE_DASH_LONG_DASH};
			line.color = st->rgb;
			line.width = 1.5;
			line.dash_type = dash[st->dash];
			chart_series_set_marker_type(se, LXW_CHART_MARKER_NONE);
		}
		chart_series_set_line(se, &line);
	}
	chart_title_set_name(ch, c->title);
	lxw_chart_font tf = {.size = 11, .bold = LXW_TRUE};
	chart_title_set_name_font(ch, &tf);
	chart_axis_set_min(ch->y_axis, pct ? c->ymin / 100 : c->ymin);
	chart_axis_set_max(ch->y_axis, pct ? c->ymax / 100 : c->ymax);
	/* the unit on the axis; an axis that does not start at 0 says so there */
	char axis[200], from[56];
	present_tick(c->unit, c->ymin, from);
	if (c->cut)
		snprintf(axis, sizeof axis, "%s (de as begint bij %s)", c->axis_label, from);
	else
		snprintf(axis, sizeof axis, "%s", c->axis_label);
	chart_axis_set_name(ch->y_axis, axis);
	chart_axis_set_num_format(ch->y_axis, pct ? "0%" : c->unit == EENHEID_AANTAL ? "#,##0" : "0.0");
	lxw_chart_line grid = {.color = CHART_GRID_RGB};
	chart_axis_major_gridlines_set_visible(ch->y_axis, LXW_TRUE);
	chart_axis_major_gridlines_set_line(ch->y_axis, &grid);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	if (c->kind == CHART_LINE) {
		/* a label every half year (months) or year (quarters) when there are many */
		int every = c->per == PER_MAAND ? (c->ncats > 24 ? 6 : c->ncats > 12 ? 3 : 1)
		                                : c->per == PER_KWARTAAL && c->ncats > 12 ? 4 : 1;
		if (every > 1)
			chart_axis_set_interval_unit(ch->x_axis, (uint16_t)every);
	}
	/* The chart shares its rows with the KPI's table: a manager filtering that table hides rows of
	 * the chart's data and under the chart. Plot hidden cells anyway and keep the chart's size. */
	chart_show_hidden_data(ch);
	lxw_chart_options opt = {0};
	opt.object_position = LXW_OBJECT_DONT_MOVE_DONT_SIZE;
	opt.x_offset = dx;
	opt.x_scale = w / 480.0;
	opt.y_scale = h / 288.0;
	opt.description = c->desc;
	worksheet_insert_chart_opt(sh->ws, (lxw_row_t)crow, (lxw_col_t)ccol, ch, &opt);
}

enum { PRINT_PERIODS = 12 }; /* a KPI's sheet prints its chart and this many periods */

/* A KPI's sheet: title, status in words, the table of every group and period, and to its right
 * the chart (and, for a KPI per group, a chart of the groups in the latest period) with their
 * data below them. Printed on one page: the title, the chart and the last 12 periods of the
 * organisation; the whole table stays on screen. */
static void kpi_sheet(xctx *x, const kpi_t *k, const char *name)
{
	sheet_t sh = new_sheet(x, name);
	kpi_cols kc;
	kpi_cols_build(k, &kc);
	/* the chart stands beside the title lines too: they stay as wide as the table */
	double tw = kpi_table_chars(k, &kc);
	sh.line_chars = tw < 40 ? 40 : tw < LINE_CHARS ? (size_t)tw : LINE_CHARS;
	int row = put_line(&sh, 0, k->def.naam, x->title);
	row = sample_line(x, &sh, row);
	char *why = present_reason(k);
	row = put_line(&sh, row, why, x->note);
	free(why);
	char unit[128], rule[200];
	present_unit(&k->def, unit);
	present_share_rule(&k->def, rule);
	char *about = xasprintf("Eenheid: %s. Per %s%s%s. %s%sBron: %s. %s: %s. %s.", unit, present_per_word(k->def.per),
	                        k->def.groep ? " en per " : "", k->def.groep ? k->def.groep : "", rule,
	                        rule[0] ? " " : "", k->def.bron ? k->def.bron : "kpi.csv", present_soort(k->page->soort),
	                        k->page->titel, x->stamp);
	row = put_line(&sh, row, about, x->note);
	free(about);
	row = home_line(x, &sh, row);
	const int hr = row + 1;
	int cols[MAXCOLS];
	for (int c = 0; c < kc.ncols; c++)
		cols[c] = c;
	char *tname = kpi_table(x, &sh, k, &kc, hr, kc.order, kc.t->nrows, cols, kc.ncols, k->def.id);
	free(tname);
	worksheet_freeze_panes(sh.ws, hr + 1, 0);
	fit_columns(&sh, kc.ncols);
	const int col = kc.ncols + 1;
	set_width(&sh, kc.ncols, 3);
	sheet_t side = sh; /* the charts' columns, measured apart */
	memset(side.width, 0, sizeof side.width);
	side.lines = NULL;
	side.nlines = 0;
	/* the chart beside the title, the header and the first 12 rows (what prints), the chart of
	 * the groups below it (on screen), their data below them */
	double h = 20.0 * hr + 20.0 * sh.head_lines + 20.0 * PRINT_PERIODS, w = 600;
	enum { GROUP_ROWS = 20 }; /* 380 px at 20 px a row, and a gap */
	chart_t *trend = chart_trend(k, NULL, k->def.id);
	chart_t *groups = k->def.groep && k->res.has_cur ? chart_groups(k, k->res.cur_key, k->def.id) : NULL;
	int below = hr + PRINT_PERIODS + 2;           /* the first row below the trend chart */
	int data = below + (groups ? GROUP_ROWS : 0) + 1; /* the charts' data */
	if (!trend)
		w = 0; /* nothing to draw: the print area ends with the table */
	if (trend) {
		char *what = xasprintf("grafiek %s", k->def.id);
		draw_chart(x, &side, trend, 0, col, 0, w, h, data, col, what);
		free(what);
		data += trend->ncats + 3;
	}
	if (groups) {
		char *what = xasprintf("grafiek %s per groep", k->def.id);
		draw_chart(x, &side, groups, below, col, 0, 600, 380, data, col, what);
		free(what);
	}
	chart_free(trend);
	chart_free(groups);
	for (int cc = col; cc < MAXCOLS; cc++)
		if (side.width[cc] > 0)
			set_width(&sh, cc, fmin(side.width[cc] * 1.1 + 2, 34));
	/* the print area ends with the column where the chart ends */
	double px = 0;
	int last = col;
	while (last < MAXCOLS - 1 && px + col_px(&sh, last) < w)
		px += col_px(&sh, last++);
	print_setup(x, &sh, k->def.naam, hr);
	print_part(&sh, hr + PRINT_PERIODS, last, 1);
	kpi_cols_free(&kc);
}

/* --- every figure in one table ------------------------------------------------------------- */

/* The columns of "Alle cijfers", the same every quarter (README: a pivot table or Power Query
 * reads them by name). */
static const char *const all_heads[] = {"Code", "KPI", "Niveau", "Groep", "Periode", "Begin periode", "Eind periode",
	"Waarde", "Eenheid", "Teller", "Noemer", "Stand", "Status"};
enum { ALL_NCOLS = sizeof all_heads / sizeof *all_heads, ALL_PRINTED = 25 };

/* One long table, a row per KPI, level, group and period: the value as every output publishes
 * it (a share as a fraction: 12,2% is 0,122), its unit, the counts a share divides (Waarde =
 * Teller / Noemer, rounded as shown), how final it is, and the KPI's status on the row it is
 * based on. The organisation's rows of a KPI come before its groups'; a pivot table filtered on
 * one level counts nothing twice. */
static void all_figures(xctx *x, const char *name)
{
	const model_t *m = x->m;
	sheet_t sh = new_sheet(x, name);
	int row = put_line(&sh, 0, "Alle cijfers in één tabel", x->title);
	row = sample_line(x, &sh, row);
	row = put_line(&sh, row,
	               "Een rij per KPI, niveau, groep en periode. Kies in een draaitabel of in Power Query één niveau, dan "
	               "telt niets dubbel. Een percentage staat als deel van 1 (12,2% is 0,122). Waarde is Teller gedeeld "
	               "door Noemer, afgerond zoals overal. Deze tabel heet elk kwartaal tabel_alle_cijfers, met dezelfde "
	               "kolommen. Op papier staan alleen de eerste rijen.",
	               x->note);
	row = home_line(x, &sh, row);
	const int hr = row + 1;
	int r = hr + 1;
	for (size_t i = 0; i < m->nkpis; i++) {
		const kpi_t *k = m->kpis[i];
		const kt_table *t = kt_of(k);
		char unit[128];
		present_unit(&k->def, unit);
		kt_kind kind = t->value_col >= 0 ? t->cols[t->value_col].kind : KT_COUNT;
		lxw_format *vf = kind == KT_PCT ? x->pct : unit_format(x, k->def.eenheid);
		char status[96];
		status_text(present_look(k->res.status), status);
		/* the organisation first, as in the KPI's own table */
		for (int pass = 0; pass < 2; pass++)
			for (size_t j = 0; j < t->nrows; j++) {
				const kt_row *tr = &t->rows[j];
				if (tr->series->is_total != !pass)
					continue;
				char p[40];
				put_text(&sh, r, 0, k->def.id, x->text);
				put_text(&sh, r, 1, k->def.naam, x->text);
				put_text(&sh, r, 2, present_level(&k->def, tr->series), x->text);
				put_text(&sh, r, 3, tr->series->name, x->text);
				present_period_short(k->def.per, tr->key, p);
				put_text(&sh, r, 4, p, x->text);
				put_date(&sh, r, 5, period_first_day(k->def.per, tr->key), x->date);
				put_date(&sh, r, 6, period_last_day(k->def.per, tr->key), x->date);
				const kt_cell *v = t->value_col >= 0 ? kt_at(t, j, t->value_col) : NULL;
				if (v && !v->empty)
					put_num(&sh, r, 7, stored(kind, v->num), vf, (double)strlen(v->text) + 3);
				put_text(&sh, r, 8, unit, x->text);
				if (tr->has_ratio) {
					put_num(&sh, r, 9, (double)tr->teller, x->count, 8);
					put_num(&sh, r, 10, (double)tr->noemer, x->count, 8);
				}
				put_text(&sh, r, 11, kt_at(t, j, t->stand_col)->text, x->text);
				if (tr->series->is_total && k->res.has_cur && tr->key == k->res.cur_key)
					put_text(&sh, r, 12, status, x->text);
				r++;
			}
		}
	uint64_t num = 1u << 7 | 1u << 9 | 1u << 10;
	char *tname = table_name(x, "alle cijfers");
	xcol cols[ALL_NCOLS];
	for (int c = 0; c < ALL_NCOLS; c++)
		cols[c] = (xcol){all_heads[c], (int)(num >> c & 1), NULL};
	add_table_named(x, &sh, hr, 0, ALL_NCOLS, (size_t)(r - hr - 1), cols, tname);
	free(tname);
	status_formats(x, sh.ws, hr + 1, r - 1, 12);
	worksheet_freeze_panes(sh.ws, hr + 1, 0);
	fit_columns(&sh, ALL_NCOLS);
	print_setup(x, &sh, "Alle cijfers", hr);
	print_part(&sh, hr + ALL_PRINTED, ALL_NCOLS - 1, 1);
}

/* --- the quarterly workbook -------------------------------------------------------------------- */

/* Whether anything of a KPI is not literally in the programme: the KPI itself (how it is
 * measured, its scope), its baseline or a target. */
static int kpi_derived(const kpi_t *k)
{
	int any = k->def.afgeleid != NULL || (k->def.has_base && k->def.base.afgeleid);
	for (size_t i = 0; i < k->def.ndoelen; i++)
		any |= k->def.doelen[i].afgeleid;
	return any;
}

/* The number format of a target with its direction, as present_goal_value writes the value
 * (a whole number without decimals): "≤ "0%, "≥ "0.0. */
static lxw_format *goal_format(xctx *x, const kpi_def *d, double v)
{
	double r = num_round(v, 1);
	int dec = fabs(r - round(r)) > 1e-9;
	const char *num = d->eenheid == EENHEID_PROCENT ? (dec ? "0.0%" : "0%") : dec ? "0.0" : "#,##0";
	const char *dir = present_direction(d, v);
	char *nf = xasprintf("%s%s%s%s%s", *dir ? "\"" : "", dir, *dir ? "\"" : "", num,
	                     d->eenheid == EENHEID_WERKDAGEN ? "\" werkdagen\"" : "");
	lxw_format *f = num_format(x, nf);
	free(nf);
	return f;
}

/* The number format of a change since the previous period, in the value's unit (a share's in
 * percentage points: stored as a fraction, 0,009 shown as +0,9%-punt), with its verdict. */
static lxw_format *change_format(xctx *x, const kpi_def *d)
{
	const char *num = d->eenheid == EENHEID_PROCENT ? "0.0%" : d->eenheid == EENHEID_AANTAL ? "#,##0" : "0.0";
	const char *unit = d->eenheid == EENHEID_PROCENT ? "-punt" : d->eenheid == EENHEID_WERKDAGEN ? " werkdagen" : "";
	const char *up = d->lager ? "slechter" : "beter", *down = d->lager ? "beter" : "slechter";
	char *nf = xasprintf("+%s\"%s (%s)\";-%s\"%s (%s)\";\"gelijk\"", num, unit, up, num, unit, down);
	lxw_format *f = num_format(x, nf);
	free(nf);
	return f;
}

/* The overview's columns; the first OV_PRINTED print (one or two pages), the rest are for the
 * screen and for filters. */
enum {
	OV_KPI, OV_STATUS, OV_VALUE, OV_UNIT, OV_PERIOD, OV_CHANGE, OV_GOAL, OV_GOAL_DATE, OV_DERIVED, OV_WHY,
	OV_START, OV_SOORT, OV_PAGE, OV_OWNER, OV_PREV, OV_PREV_PERIOD, OV_N
};
enum { OV_PRINTED = OV_WHY + 1 };

static void overview(xctx *x, const char *name, const char *const *names)
{
	const model_t *m = x->m;
	sheet_t sh = new_sheet(x, name);
	char per[40];
	present_period(PER_KWARTAAL, m->mt_quarter, per);
	char *title = xasprintf("MT-rapportage dienstverlening %s, %s", m->gemeente, per);
	int row = put_line(&sh, 0, title, x->title);
	row = sample_line(x, &sh, row);
	char *sub = xasprintf("%s. Een rij per KPI. De naam linkt naar het blad met de cijfers en de grafiek. "
	                      "Alle cijfers samen staan op het blad Alle cijfers.",
	                      x->stamp);
	row = put_line(&sh, row, sub, x->note);
	free(sub);
	row = put_line(&sh, row,
	               "Doel: ≤ is ten hoogste, ≥ is minstens. Afgeleid: niet letterlijk uit het programma. De reden staat bij "
	               "Definities.",
	               x->note);
	static const char *const head[OV_N] = {"KPI", "Status", "Waarde", "Eenheid", "Periode", "Verschil met vorige periode",
		"Doel", "Doeldatum", "Afgeleid", "Toelichting", "Begin periode", "Soort", "Actie of teamdoel", "Eigenaar",
		"Vorige editie", "Periode vorige editie"};
	static const uint64_t num = 1u << OV_VALUE | 1u << OV_CHANGE | 1u << OV_GOAL | 1u << OV_PREV;
	/* the previous edition's value beside this one, when there is an edition to compare with */
	const int NCOLS = m->prev >= 0 ? OV_N : OV_PREV;
	const int hr = row + 1;
	/* the names fit; only the explanation wraps */
	double widest = 20;
	for (size_t i = 0; i < m->nkpis; i++)
		widest = fmax(widest, (double)chars(m->kpis[i]->def.naam) * 1.05 + 3);
	wrap_column(&sh, OV_KPI, fmin(widest, 60));
	wrap_column(&sh, OV_WHY, 72);
	int r = hr + 1;
	for (size_t i = 0; i < m->nkpis; i++, r++) {
		const kpi_t *k = m->kpis[i];
		char *url = sheet_link(names[i]);
		worksheet_write_url_opt(sh.ws, (lxw_row_t)r, OV_KPI, url, x->link, k->def.naam, "Naar het blad van deze KPI");
		if (chars(k->def.naam) * 1.05 + 3 > 60)
			count_lines(&sh, r, OV_KPI, k->def.naam);
		free(url);
		char st[96];
		status_text(present_look(k->res.status), st);
		put_text(&sh, r, OV_STATUS, st, x->text);
		kt_kind kind = unit_kind(k->def.eenheid);
		if (k->res.has_cur) {
			put_num(&sh, r, OV_VALUE, stored(kind, present_round(k->def.eenheid, k->res.cur)),
			        unit_format(x, k->def.eenheid), k->def.eenheid == EENHEID_WERKDAGEN ? 16 : 8);
			char p[40];
			present_period_short(k->def.per, k->res.cur_key, p);
			put_text(&sh, r, OV_PERIOD, p, x->text);
			put_date(&sh, r, OV_START, period_first_day(k->def.per, k->res.cur_key), x->date);
		}
		char unit[128];
		present_unit(&k->def, unit);
		put_text(&sh, r, OV_UNIT, unit, x->text);
		/* in the value's unit: a share's change (percentage points) as a fraction, like the share */
		if (k->res.has_change)
			put_num(&sh, r, OV_CHANGE, stored(kind, k->res.change), change_format(x, &k->def),
			        k->def.eenheid == EENHEID_WERKDAGEN ? 28 : 22);
		const target_t *t = kpi_goal(k);
		if (t) {
			put_num(&sh, r, OV_GOAL, stored(kind, t->waarde), goal_format(x, &k->def, t->waarde),
			        k->def.eenheid == EENHEID_WERKDAGEN ? 18 : 9);
			put_date(&sh, r, OV_GOAL_DATE, t->datum, x->date);
		}
		if (kpi_derived(k)) {
			char *link = sheet_link(x->defs_sheet);
			worksheet_write_url_opt(sh.ws, (lxw_row_t)r, OV_DERIVED, link, x->nav, "afgeleid",
			                        "De reden staat op het blad Definities");
			widen(&sh, OV_DERIVED, 9);
			free(link);
		}
		char *why = present_reason(k);
		put_wrap(&sh, r, OV_WHY, why, x->wrap);
		free(why);
		put_text(&sh, r, OV_SOORT, present_soort(k->page->soort), x->text);
		put_text(&sh, r, OV_PAGE, k->page->titel, x->text);
		put_text(&sh, r, OV_OWNER, k->page->eigenaar, x->text);
		double was;
		int was_key;
		if (NCOLS > OV_PREV && edition_prev_value(m, k, &was, &was_key)) {
			char p[40];
			put_num(&sh, r, OV_PREV, stored(kind, was), unit_format(x, k->def.eenheid), 8);
			present_period_short(k->def.per, was_key, p);
			put_text(&sh, r, OV_PREV_PERIOD, p, x->text);
		}
	}
	add_table(x, &sh, hr, 0, NCOLS, m->nkpis, head, num, "overzicht");
	status_formats(x, sh.ws, hr + 1, r - 1, OV_STATUS);
	/* the statuses this build shows (also in the explanations), with what they mean */
	status_use use;
	present_status_use(m, &use);
	int lr = r + 1;
	lr = put_line(&sh, lr, "Wat de status betekent", x->bold);
	for (int i = 0; i < ST_N; i++) {
		const status_look *l = present_look((kpi_status)i);
		if (!use.kpi[i])
			continue;
		char *line = xasprintf("%s %s: %s", l->icon, l->word, l->meaning);
		lr = put_line(&sh, lr, line, x->note);
		free(line);
	}
	worksheet_freeze_panes(sh.ws, hr + 1, 1);
	fit_columns(&sh, NCOLS);
	print_setup(x, &sh, title, hr);
	print_part(&sh, lr - 1, OV_PRINTED - 1, 2);
	worksheet_activate(sh.ws);
	free(title);
}

static void milestones(xctx *x, const char *name)
{
	const model_t *m = x->m;
	sheet_t sh = new_sheet(x, name);
	int row = put_line(&sh, 0, "Mijlpalen van de acties en teamdoelen", x->title);
	char *sub = xasprintf("%s. ‘Uiterlijk’ is de laatste dag van de periode van de mijlpaal.", x->stamp);
	row = put_line(&sh, row, sub, x->note);
	free(sub);
	row = home_line(x, &sh, row);
	static const char *const head[] = {"Soort", "Actie of teamdoel", "Eigenaar", "Wanneer", "Uiterlijk",
		"Mijlpaal", "Status", "Afgeleid"};
	const int hr = row + 1;
	wrap_column(&sh, 1, 30);
	wrap_column(&sh, 2, 24);
	wrap_column(&sh, 5, 60);
	wrap_column(&sh, 7, 60);
	int r = hr + 1;
	for (size_t i = 0; i < m->npages; i++) {
		const page_t *p = m->pages[i];
		for (size_t j = 0; j < p->nms; j++, r++) {
			const milestone_t *ms = &p->ms[j];
			put_text(&sh, r, 0, present_soort(p->soort), x->text);
			put_wrap(&sh, r, 1, p->titel, x->wrap);
			put_wrap(&sh, r, 2, p->eigenaar, x->wrap);
			char when[40];
			present_when(ms, when);
			put_text(&sh, r, 3, when, x->text);
			put_date(&sh, r, 4, ms->last, x->date);
			put_wrap(&sh, r, 5, ms->wat, x->wrap);
			char st[96];
			status_text(present_ms_look(ms->status), st);
			put_text(&sh, r, 6, st, x->text);
			/* what we assumed: the milestone's date or status, its page's owner */
			buf_t why = {0};
			if (ms->afgeleid)
				buf_puts(&why, ms->afgeleid);
			if (p->eigenaar_afgeleid)
				buf_printf(&why, "%sEigenaar. %s", why.len ? " " : "", p->eigenaar_afgeleid);
			put_wrap(&sh, r, 7, why.s, x->wrap);
			buf_free(&why);
		}
	}
	add_table(x, &sh, hr, 0, 8, (size_t)(r - hr - 1), head, 0, "mijlpalen");
	status_formats(x, sh.ws, hr + 1, r - 1, 6);
	/* the statuses this build shows, with what they mean */
	status_use use;
	present_status_use(m, &use);
	int lr = put_line(&sh, r + 1, "Wat de status betekent", x->bold);
	for (int i = 0; i < MS_N; i++)
		if (use.ms[i]) {
			const status_look *l = present_ms_look((ms_status)i);
			char *line = xasprintf("%s %s: %s", l->icon, l->word, l->meaning);
			lr = put_line(&sh, lr, line, x->note);
			free(line);
		}
	worksheet_freeze_panes(sh.ws, hr + 1, 0);
	fit_columns(&sh, 8);
	print_setup(x, &sh, "Mijlpalen", hr);
}

/* Definitions of all KPIs, or of one (`only`), in plain words: how each is measured, its unit,
 * baseline and targets; whatever is not literally in the programme says "afgeleid", and the
 * last column says why. */
static void definitions(xctx *x, const char *name, const kpi_t *only)
{
	const model_t *m = x->m;
	sheet_t sh = new_sheet(x, name);
	int row = put_line(&sh, 0, only ? "Definitie van de KPI" : "Definities van de KPI's", x->title);
	row = put_line(&sh, row,
	               "Hoe elke KPI wordt berekend, staat ook op de website bij ‘Bronnen en definities’. Afgeleid: niet "
	               "letterlijk uit het programma. De reden staat in de laatste kolom. De code is ook de naam van het "
	               "bestand met open data.",
	               x->note);
	row = home_line(x, &sh, row);
	static const char *const head[] = {"KPI", "Code", "Hoe we meten", "Bron", "Per", "Groep", "Richting", "Eenheid",
		"Nulmeting", "Doelen", "Omschrijving", "Afgeleid"};
	enum { NCOLS = 12 };
	const int hr = row + 1;
	wrap_column(&sh, 0, 30);
	wrap_column(&sh, 2, 40);
	wrap_column(&sh, 8, 22);
	wrap_column(&sh, 9, 30);
	wrap_column(&sh, 10, 50);
	wrap_column(&sh, 11, 60);
	int r = hr + 1;
	for (size_t i = 0; i < m->nkpis; i++) {
		const kpi_t *k = m->kpis[i];
		if (only && k != only)
			continue;
		put_wrap(&sh, r, 0, k->def.naam, x->wrap);
		put_text(&sh, r, 1, k->def.id, x->text);
		char method[256];
		present_method(&k->def, method);
		put_wrap(&sh, r, 2, method, x->wrap);
		put_text(&sh, r, 3, k->def.bron ? k->def.bron : "kpi.csv", x->text);
		put_text(&sh, r, 4, present_per_word(k->def.per), x->text);
		put_text(&sh, r, 5, k->def.groep, x->text);
		put_text(&sh, r, 6, k->def.lager ? "lager is beter" : "hoger is beter", x->text);
		char unit[128];
		present_unit(&k->def, unit);
		put_text(&sh, r, 7, unit, x->text);
		char base[160];
		present_base_listed(&k->def, base);
		put_wrap(&sh, r, 8, base, x->wrap);
		buf_t b = {0};
		for (size_t t = 0; t < k->def.ndoelen; t++) {
			char g[160];
			present_goal_listed(&k->def, &k->def.doelen[t], g);
			buf_printf(&b, "%s%s", t ? "\n" : "", g); /* a target per line */
		}
		put_wrap(&sh, r, 9, b.s, x->wrap);
		buf_free(&b);
		put_wrap(&sh, r, 10, k->def.omschrijving, x->wrap);
		put_wrap(&sh, r, 11, k->def.afgeleid, x->wrap);
		r++;
	}
	add_table(x, &sh, hr, 0, NCOLS, (size_t)(r - hr - 1), head, 0, "definities");
	if (m->nabbrevs) {
		/* the abbreviations the content explains, in a table of their own below; the sheet's
		 * header row stays the first table's */
		int keep_row = sh.head_row;
		double keep_chars[2] = {sh.head_chars[0], sh.head_chars[1]};
		int ar = put_line(&sh, r + 1, "Afkortingen", x->bold);
		static const char *const ahead[] = {"Afkorting", "Betekenis"};
		wrap_column(&sh, 1, 34); /* the KPI codes fit, a long meaning wraps */
		for (size_t i = 0; i < m->nabbrevs; i++) {
			put_text(&sh, ar + 1 + (int)i, 0, m->abbrevs[i].term, x->text);
			put_wrap(&sh, ar + 1 + (int)i, 1, m->abbrevs[i].full, x->wrap);
		}
		add_table(x, &sh, ar, 0, 2, m->nabbrevs, ahead, 0, "afkortingen");
		sh.head_row = keep_row;
		sh.head_chars[0] = keep_chars[0];
		sh.head_chars[1] = keep_chars[1];
	}
	worksheet_freeze_panes(sh.ws, hr + 1, 1);
	fit_columns(&sh, NCOLS);
	print_setup(x, &sh, "Definities", hr);
}

/* --- the monthly workbook ------------------------------------------------------------------------ */

/* The targets the monthly workbook marks against, at the end of month `month`: the one that
 * applies then (✔), and the one before it when that was milder (⚠: "haalt alleen het vorige
 * doel"); NULL where there is none. */
static void month_targets(const kpi_t *k, int month, const target_t **now, const target_t **prev)
{
	*now = kpi_target_at(k, period_last_day(PER_MAAND, month));
	*prev = NULL;
	if (!*now || *now == k->def.doelen)
		return;
	const target_t *p = *now - 1;
	if (k->def.lager ? p->waarde > (*now)->waarde : p->waarde < (*now)->waarde)
		*prev = p;
}

/* "het doel van eind 2025: ten hoogste 15%" */
static void target_words(const kpi_def *d, const target_t *t, char *out, size_t n)
{
	char when[40], v[64];
	present_target_date(t->datum, when);
	present_goal_value(d, t->waarde, v);
	snprintf(out, n, "het doel van %s: %s%s", when, present_bound(d, t->waarde), v);
}

/* What the symbols mean, in words, naming each target by its date. */
static char *target_legend(const kpi_t *k, int month)
{
	const target_t *now, *prev;
	month_targets(k, month, &now, &prev);
	if (!now)
		return xstrdup("Er is geen doel voor dit cijfer.");
	char a[200], b[200];
	target_words(&k->def, now, a, sizeof a);
	if (!prev)
		return xasprintf("✔ haalt %s. ✖ haalt dat doel niet.", a);
	target_words(&k->def, prev, b, sizeof b);
	return xasprintf("✔ haalt %s. ⚠ haalt alleen het vorige doel, %s. ✖ haalt geen van beide.", a, b);
}

/* Conditional formats against the targets in the cells named doel_nu and doel_vorig (the
 * table of targets on "Deze maand"): cf[0] meets the target that applies (✔), cf[1] only the
 * previous one (⚠), cf[2] neither (✖). The symbol is part of the number format, so the meaning
 * never rests on the colour; the limits are cells, not numbers typed into the rules. */
static void target_formats(xctx *x, lxw_worksheet *ws, const kpi_t *k, int month, int r0, int c0, int r1, int c1)
{
	const target_t *now, *prev;
	month_targets(k, month, &now, &prev);
	if (!now || r1 < r0 || c1 < c0)
		return;
	kt_kind kind = unit_kind(k->def.eenheid);
	const kpi_def *d = &k->def;
	uint8_t meets = d->lager ? LXW_CONDITIONAL_CRITERIA_LESS_THAN_OR_EQUAL_TO
	                         : LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
	typedef struct {
		uint8_t crit;
		const char *limit;
		int f;
	} rule;
	rule rules[3];
	int n = 0;
	rules[n++] = (rule){meets, "=doel_nu", 0};
	if (prev)
		rules[n++] = (rule){meets, "=doel_vorig", 1};
	/* the rest meets neither (an empty cell has no value and no mark) */
	rules[n++] = (rule){d->lager ? LXW_CONDITIONAL_CRITERIA_GREATER_THAN : LXW_CONDITIONAL_CRITERIA_LESS_THAN,
	                    prev ? "=doel_vorig" : "=doel_nu", 2};
	for (int i = 0; i < n; i++) {
		lxw_conditional_format cf = {0};
		cf.type = LXW_CONDITIONAL_TYPE_CELL;
		cf.criteria = rules[i].crit;
		cf.value_string = (char *)rules[i].limit;
		cf.format = x->cf[kind][rules[i].f];
		cf.stop_if_true = LXW_TRUE;
		worksheet_conditional_format_range(ws, (lxw_row_t)r0, (lxw_col_t)c0, (lxw_row_t)r1, (lxw_col_t)c1, &cf);
	}
}

/* A reference to a cell of a sheet for a defined name: ='Deze maand'!$B$8. */
static char *cell_ref(const char *sheet, int row, int col)
{
	buf_t b = {0};
	buf_puts(&b, "='");
	for (const char *s = sheet; *s; s++) {
		if (*s == '\'')
			buf_putc(&b, '\'');
		buf_putc(&b, *s);
	}
	char cell[32];
	lxw_rowcol_to_cell_abs(cell, (lxw_row_t)row, (lxw_col_t)col, LXW_TRUE, LXW_TRUE);
	buf_printf(&b, "'!%s", cell);
	return buf_take(&b);
}

/* The targets the marks use, as a small table at header row `hr`, the limits named doel_nu
 * and doel_vorig for the conditional formats of both sheets. Returns the row after it. */
static int month_target_table(xctx *x, sheet_t *sh, const kpi_t *k, int month, int hr)
{
	const target_t *now, *prev;
	month_targets(k, month, &now, &prev);
	if (!now)
		return hr;
	kt_kind kind = unit_kind(k->def.eenheid);
	const target_t *t[2] = {now, prev};
	static const char *const what[2] = {"Doel dat nu geldt", "Vorig doel"};
	static const char *const mark[2] = {"✔", "⚠"};
	static const char *const names[2] = {"doel_nu", "doel_vorig"};
	int n = 0, derived = now->afgeleid || (prev && prev->afgeleid);
	for (int i = 0; i < 2 && t[i]; i++, n++) {
		int r = hr + 1 + i;
		put_text(sh, r, 0, what[i], x->text);
		put_num(sh, r, 1, stored(kind, t[i]->waarde), goal_format(x, &k->def, t[i]->waarde), 9);
		put_date(sh, r, 2, t[i]->datum, x->date);
		put_text(sh, r, 3, mark[i], x->text);
		if (t[i]->afgeleid)
			put_text(sh, r, 4, "afgeleid", x->text);
		char *ref = cell_ref(sh->name, r, 1);
		workbook_define_name(x->wb, names[i], ref);
		free(ref);
	}
	static const char *const head[] = {"Doel", "Grens", "Datum", "Teken", "Afgeleid"};
	add_table(x, sh, hr, 0, derived ? 5 : 4, (size_t)n, head, 1u << 1, "doelen");
	return hr + 1 + n + 1;
}

/* This month: a row per group and the organisation (first), sortable. */
static void this_month(xctx *x, const char *name, const kpi_t *k, int month)
{
	sheet_t sh = new_sheet(x, name);
	char p[40];
	present_period(PER_MAAND, month, p);
	char *title = xasprintf("%s, %s", k->def.naam, p);
	int row = put_line(&sh, 0, title, x->title);
	row = sample_line(x, &sh, row);
	char *why = present_reason(k);
	row = put_line(&sh, row, why, x->note);
	free(why);
	char *legend = target_legend(k, month);
	row = put_line(&sh, row, legend, x->note);
	free(legend);
	row = month_target_table(x, &sh, k, month, row + 1);
	kpi_cols kc;
	kpi_cols_build(k, &kc);
	const int hr = row + 1;
	/* the month's rows without the period's columns */
	int cols[MAXCOLS], n = 0, value = -1;
	for (int c = 0; c < kc.ncols; c++)
		if (kc.src[c] != KC_LABEL && kc.src[c] != KC_START) {
			if (c == kc.value)
				value = n;
			cols[n++] = c;
		}
	size_t *rows = xcalloc(kc.t->nrows ? kc.t->nrows : 1, sizeof *rows), nrows = 0;
	for (size_t i = 0; i < kc.t->nrows; i++)
		if (kc.t->rows[kc.order[i]].key == month)
			rows[nrows++] = kc.order[i];
	char *tname = kpi_table(x, &sh, k, &kc, hr, rows, nrows, cols, n, "deze maand");
	free(tname);
	free(rows);
	if (value >= 0 && nrows)
		target_formats(x, sh.ws, k, month, hr + 1, value, hr + (int)nrows, value);
	worksheet_freeze_panes(sh.ws, hr + 1, 2);
	fit_columns(&sh, n);
	print_setup(x, &sh, title, hr);
	worksheet_activate(sh.ws);
	kpi_cols_free(&kc);
	free(title);
}

/* The last twelve months: a row per group and the organisation (first), a column per month. */
static void per_month(xctx *x, const char *name, const kpi_t *k, int month)
{
	sheet_t sh = new_sheet(x, name);
	const series_t *tot = &k->res.total;
	int from = month - 11 < tot->first_key ? tot->first_key : month - 11;
	int nm = month - from + 1;
	char p[40], q[40];
	present_period(PER_MAAND, from, p);
	present_period(PER_MAAND, month, q);
	char *what = present_per_group(&k->def);
	char *title = xasprintf("%s per maand, %s tot en met %s", what, p, q);
	free(what);
	int row = put_line(&sh, 0, title, x->title);
	row = sample_line(x, &sh, row);
	char *legend = target_legend(k, month);
	row = put_line(&sh, row, legend, x->note);
	free(legend);
	row = put_line(&sh, row, "De grenzen staan in de tabel Doelen op het blad Deze maand.", x->note);
	row = home_line(x, &sh, row);
	const int hr = row + 1;
	const char *heads[MAXCOLS];
	char labels[MAXCOLS][40];
	heads[0] = "Niveau";
	heads[1] = "Groep";
	for (int i = 0; i < nm && i + 2 < MAXCOLS; i++) {
		present_period_short(PER_MAAND, from + i, labels[i]);
		heads[i + 2] = labels[i];
	}
	int r = hr + 1;
	lxw_format *vf = kind_format(x, unit_kind(k->def.eenheid));
	for (size_t g = 0; g <= k->res.ngroups; g++) {
		const series_t *s = g == 0 ? tot : &k->res.groups[g - 1];
		put_text(&sh, r, 0, present_level(&k->def, s), x->text);
		put_text(&sh, r, 1, s->name ? s->name : "Totaal", x->text);
		for (int i = 0; i < nm && i + 2 < MAXCOLS; i++) {
			const cell_t *c = series_cell(s, from + i);
			if (c && c->has_value)
				put_num(&sh, r, i + 2, stored(unit_kind(k->def.eenheid), present_round(k->def.eenheid, c->value)),
				        vf, 9);
		}
		r++;
	}
	int ncols = nm + 2 < MAXCOLS ? nm + 2 : MAXCOLS;
	add_table(x, &sh, hr, 0, ncols, (size_t)(r - hr - 1), heads, ~(uint64_t)3, "per maand");
	target_formats(x, sh.ws, k, month, hr + 1, 2, r - 1, ncols - 1);
	worksheet_freeze_panes(sh.ws, hr + 1, 2);
	fit_columns(&sh, ncols);
	print_setup(x, &sh, title, hr);
	free(title);
}

/* --- workbooks ------------------------------------------------------------------------------------ */

static lxw_format *fmt(lxw_workbook *wb, const char *num, int bold, int wrap)
{
	lxw_format *f = workbook_add_format(wb);
	if (num)
		format_set_num_format(f, num);
	if (bold)
		format_set_bold(f);
	if (wrap)
		format_set_text_wrap(f);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	return f;
}

static lxw_workbook *open_book(xctx *x, const model_t *m, const render_ctx *rc, const char *file, const char *title)
{
	memset(x, 0, sizeof *x);
	x->m = m;
	char *path = out_path(rc->out, file);
	if (!path)
		return NULL;
	lxw_workbook_options wo = {0};
	x->wb = workbook_new_opt(path, &wo);
	free(path);
	if (!x->wb) {
		out_error(rc->out, file, "kan de werkmap niet maken", 0);
		return NULL;
	}
	lxw_doc_properties props = {0};
	props.title = (char *)title;
	props.subject = "Uitvoeringsprogramma Excellente dienstverlening";
	props.author = m->gemeente;
	props.company = m->gemeente;
	props.keywords = m->voorbeelddata ? "dienstverlening, KPI, voorbeelddata" : "dienstverlening, KPI";
	props.created = rc->stamp > 0 ? rc->stamp : 1;
	workbook_set_properties(x->wb, &props);
	char day[40];
	present_date(m->peildatum, day);
	snprintf(x->stamp, sizeof x->stamp, "Stand op %s", day);

	lxw_workbook *wb = x->wb;
	x->title = fmt(wb, NULL, 1, 0);
	format_set_font_size(x->title, 14);
	x->note = fmt(wb, NULL, 0, 0);
	format_set_italic(x->note);
	x->warn = fmt(wb, NULL, 1, 0);
	format_set_font_color(x->warn, 0x9C2A00);
	x->text = fmt(wb, NULL, 0, 0);
	x->text_in = fmt(wb, NULL, 0, 0);
	format_set_indent(x->text_in, 1);
	x->bold = fmt(wb, NULL, 1, 0);
	x->head = fmt(wb, NULL, 1, 1);
	/* over numbers: right-aligned with the room on the right the numbers have (num_format) */
	x->head_num = fmt(wb, NULL, 1, 1);
	format_set_align(x->head_num, LXW_ALIGN_RIGHT);
	format_set_indent(x->head_num, 1);
	x->wrap = fmt(wb, NULL, 0, 1);
	x->link = fmt(wb, NULL, 0, 1);
	format_set_underline(x->link, LXW_UNDERLINE_SINGLE);
	format_set_font_color(x->link, 0x0D5196);
	x->nav = fmt(wb, NULL, 0, 0);
	format_set_underline(x->nav, LXW_UNDERLINE_SINGLE);
	format_set_font_color(x->nav, 0x0D5196);
	x->count = num_format(x, "#,##0");
	x->pct = num_format(x, "0.0%");
	x->mark = num_format(x, "0.0");
	x->date = fmt(wb, "dd-mm-yyyy", 0, 0);
	format_set_align(x->date, LXW_ALIGN_LEFT);
	format_set_indent(x->date, 1); /* clear of a right-aligned number before it */
	/* the colour only supports the word, which is always there */
	for (int i = 0; i < ST_N + MS_N; i++) {
		const status_look *l = i < ST_N ? present_look((kpi_status)i) : present_ms_look((ms_status)(i - ST_N));
		lxw_format *f = workbook_add_format(wb);
		format_set_bg_color(f, l->fill);
		format_set_font_color(f, l->rgb);
		if (i < ST_N)
			x->st_kpi[i] = f;
		else
			x->st_ms[i - ST_N] = f;
	}
	static const char *const sym[] = {"✔", "⚠", "✖"};
	static const lxw_color_t bg[] = {0xD8EFD8, 0xFCEBC4, 0xF8D7D7};
	static const struct { kt_kind kind; const char *num; } kinds[] = {
		{KT_PCT, "0.0%"}, {KT_MARK, "0.0"}, {KT_COUNT, "#,##0"}};
	for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
		for (int i = 0; i < 3; i++) {
			lxw_format *f = x->cf[kinds[k].kind][i] = workbook_add_format(wb);
			format_set_bg_color(f, bg[i]);
			char *nf = xasprintf("%s\" %s\"", kinds[k].num, sym[i]);
			format_set_num_format(f, nf);
			free(nf);
		}
	return wb;
}

static int close_book(xctx *x, const render_ctx *rc, const char *file)
{
	lxw_error e = workbook_close(x->wb);
	for (size_t i = 0; i < x->nnfs; i++)
		free(x->nfs[i].num);
	free(x->nfs);
	strset_free(&x->names);
	strset_free(&x->tables);
	for (size_t i = 0; i < x->nsheets; i++)
		free(x->sheets[i]);
	free(x->sheets);
	if (e != LXW_NO_ERROR) {
		char *why = xasprintf("kan de werkmap niet schrijven (%s)", lxw_strerror(e));
		out_error(rc->out, file, why, 0);
		free(why);
		return -1;
	}
	return out_adopt(rc->out, file);
}

char *xlsx_month_name(const kpi_t *k, int month)
{
	char p[16];
	period_code(PER_MAAND, month, p);
	return xasprintf("%s-%s.xlsx", k->def.id, p);
}

static int monthly(const model_t *m, const render_ctx *rc, const kpi_t *k)
{
	xctx x;
	char *file = xlsx_month_name(k, m->report_month), p[40];
	present_period(PER_MAAND, m->report_month, p);
	char *title = xasprintf("%s, %s", k->def.naam, p);
	int rv = -1;
	if (open_book(&x, m, rc, file, title)) {
		/* the fixed names first, so a KPI called so gets " (2)" */
		const char *now = sheet_name(&x, "Deze maand"), *months = sheet_name(&x, "Per maand");
		const char *defs = sheet_name(&x, "Definities"), *own = kpi_sheet_name(&x, k);
		x.defs_sheet = defs;
		this_month(&x, now, k, m->report_month);
		per_month(&x, months, k, m->report_month);
		kpi_sheet(&x, k, own);
		definitions(&x, defs, k);
		rv = close_book(&x, rc, file);
	}
	free(title);
	free(file);
	return rv;
}

int xlsx_render(const model_t *m, const render_ctx *rc)
{
	xctx x;
	char per[40];
	present_period(PER_KWARTAAL, m->mt_quarter, per);
	char *title = xasprintf("MT-rapportage dienstverlening %s, %s", m->gemeente, per);
	lxw_workbook *wb = open_book(&x, m, rc, rc->xlsx_name, title);
	free(title);
	if (!wb)
		return -1;
	/* names first: the overview links to the sheets after it; the fixed ones before the KPIs',
	 * so a KPI called "Mijlpalen" gets " (2)"; "Alle cijfers" right after the overview */
	const char **names = xcalloc(m->nkpis + 1, sizeof *names);
	const char *ov = sheet_name(&x, "Overzicht"), *all = sheet_name(&x, "Alle cijfers");
	const char *ms = sheet_name(&x, "Mijlpalen"), *defs = sheet_name(&x, "Definities");
	x.defs_sheet = defs;
	for (size_t i = 0; i < m->nkpis; i++)
		names[i] = kpi_sheet_name(&x, m->kpis[i]);
	overview(&x, ov, names);
	all_figures(&x, all);
	for (size_t i = 0; i < m->nkpis; i++)
		kpi_sheet(&x, m->kpis[i], names[i]);
	milestones(&x, ms);
	definitions(&x, defs, NULL);
	free(names);
	int rv = close_book(&x, rc, rc->xlsx_name);
	if (m->report_month >= 0)
		for (size_t i = 0; i < m->nkpis && rv == 0; i++)
			if (m->kpis[i]->def.maandrapportage)
				rv = monthly(m, rc, m->kpis[i]);
	return rv;
}
