/* xlsx.c - the MT workbooks; the only module that includes xlsxwriter.h.
 *
 * Excel-native, as a controller would build them: numbers are numbers (a share is a fraction
 * with a percent format, a mark has one decimal, a count is whole), every period is a real date
 * (its first day) with a text label where a date format cannot say it (K4 2025), every data
 * block is an Excel table (header, banded rows, filter buttons), charts come from the same chart
 * description as the site with their targets and baseline, and every sheet prints landscape on
 * A4, one page wide, with its header row repeated. No merged cells.
 *
 * The quarterly workbook (mt-rapportage-2025-K4.xlsx): an overview with a row per KPI linking
 * to its sheet, a sheet per KPI, milestones and definitions. The monthly workbook of a KPI
 * marked `maandrapportage` (terugbelverzoeken-2025-12.xlsx), when the reference date ends a
 * month: this month per team, the last twelve months per team, the KPI's sheet, its definition. */
#include <math.h>
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
	lxw_workbook *wb;
	const model_t *m;
	lxw_format *title, *note, *warn, *text, *text_in, *wrap, *link, *nav, *bold, *head;
	lxw_format *count, *pct, *mark, *date, *month, *year;
	lxw_format *delta[KT_MARK + 1][2];          /* changes, per kind and 'lager is beter': sign and verdict */
	lxw_format *st_kpi[ST_N], *st_ms[MS_N];     /* conditional: status words (present.h) */
	lxw_format *cf[KT_MARK + 1][3];             /* conditional, per kind: meets the target(s), with a symbol */
	strset_t names;                             /* sheet names so far (and History) */
	char **sheets;                              /* the same, in order */
	size_t nsheets;
	strset_t tables;                            /* table names so far */
	char stamp[64];                             /* "Stand op 31 december 2025" */
} xctx;

typedef struct {
	lxw_worksheet *ws;
	const char *name;
	double width[MAXCOLS];                      /* widest content per column, in characters */
	double fixed[MAXCOLS];                      /* width of a column whose text wraps, or 0 */
	int *lines;                                 /* per row: lines of its tallest wrapped cell */
	size_t nlines;
	int head_row;                               /* the table header (it wraps too), or -1 */
	double head_chars[MAXCOLS];
} sheet_t;

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
 * of at most LINE_CHARS, so a narrow sheet does not print shrunk to fit one long line. */
static int put_line(sheet_t *sh, int row, const char *s, lxw_format *f)
{
	buf_t line = {0};
	size_t n = 0;
	while (*s) {
		const char *end = strstr(s, ". ");
		end = end ? end + 1 : s + strlen(s);
		char *sentence = xstrndup(s, (size_t)(end - s));
		size_t len = chars(sentence);
		if (n > 0 && n + 1 + len > LINE_CHARS) {
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

/* A text in a column of fixed width (wrap_column) that wraps; the row grows to show it all. */
static void count_lines(sheet_t *sh, int row, int col, const char *s)
{
	double w = col < MAXCOLS && sh->fixed[col] > 0 ? sh->fixed[col] : 40;
	int n = (int)ceil((double)chars(s) * 1.1 / (w - 1));
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
static void fit_columns(sheet_t *sh, int ncols)
{
	int head = 1;
	for (int c = 0; c < ncols && c < MAXCOLS; c++) {
		double w = sh->width[c] * 1.1 + 2;
		w = sh->fixed[c] > 0 ? sh->fixed[c] : w < 8 ? 8 : w > 48 ? 48 : w;
		worksheet_set_column(sh->ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
		/* the header wraps within the column, beside its filter button */
		int n = (int)ceil(sh->head_chars[c] * 1.15 / (w - 3));
		if (n > head)
			head = n;
	}
	if (sh->head_row >= 0 && head > 1)
		worksheet_set_row(sh->ws, (lxw_row_t)sh->head_row, 15.0 * head, NULL);
	for (size_t r = 0; r < sh->nlines; r++)
		if (sh->lines[r] > 1)
			worksheet_set_row(sh->ws, (lxw_row_t)r, 15.0 * sh->lines[r], NULL);
	free(sh->lines);
	sh->lines = NULL;
	sh->nlines = 0;
}

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

static lxw_format *kind_format(xctx *x, kt_kind kind)
{
	return kind == KT_PCT ? x->pct : kind == KT_MARK ? x->mark : kind == KT_COUNT ? x->count : x->text;
}

static kt_kind unit_kind(eenheid_t u)
{
	return u == EENHEID_PROCENT ? KT_PCT : u == EENHEID_AANTAL ? KT_COUNT : KT_MARK;
}

/* --- tables and pages ------------------------------------------------------------------------ */

/* An Excel table: the header in row `r0` from column `c0`, `nrows` rows of data below it (already
 * written). Headers must differ within a table; a repeated one gets " (2)". Without data rows
 * there is no table, only the header and a note. */
static void add_table(xctx *x, sheet_t *sh, int r0, int c0, int ncols, size_t nrows, const char *const *heads,
                      const char *what)
{
	char **uniq = xcalloc((size_t)ncols, sizeof *uniq);
	for (int c = 0; c < ncols; c++) {
		uniq[c] = xstrdup(heads[c][0] ? heads[c] : "Kolom");
		for (int k = 2;; k++) {
			int clash = 0;
			for (int e = 0; e < c; e++)
				clash |= !strcasecmp(uniq[e], uniq[c]);
			if (!clash)
				break;
			free(uniq[c]);
			uniq[c] = xasprintf("%s (%d)", heads[c], k);
		}
		widen(sh, c0 + c, fmax(longest_word(uniq[c]) + 3, fmin((double)chars(uniq[c]), 12))); /* + filter button */
		if (c0 + c < MAXCOLS && c0 == 0) {
			sh->head_row = r0;
			sh->head_chars[c0 + c] = (double)chars(uniq[c]);
		}
	}
	if (!nrows) {
		for (int c = 0; c < ncols; c++)
			worksheet_write_string(sh->ws, (lxw_row_t)r0, (lxw_col_t)(c0 + c), uniq[c], x->head);
		put_text(sh, r0 + 1, c0, "Nog geen gegevens.", x->note);
	} else {
		lxw_table_column *col = xcalloc((size_t)ncols, sizeof *col);
		lxw_table_column **cols = xcalloc((size_t)ncols + 1, sizeof *cols);
		for (int c = 0; c < ncols; c++) {
			col[c].header = uniq[c];
			col[c].header_format = x->head;
			cols[c] = &col[c];
		}
		/* a name from what the table holds, the same in every edition and workbook, so a
		 * manager's formulas and queries keep working: tabel_terugbelverzoeken */
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
		lxw_table_options opt = {0};
		opt.name = name.s;
		opt.style_type = LXW_TABLE_STYLE_TYPE_MEDIUM;
		opt.style_type_number = 2;
		opt.columns = cols;
		worksheet_add_table(sh->ws, (lxw_row_t)r0, (lxw_col_t)c0, (lxw_row_t)(r0 + (int)nrows),
		                    (lxw_col_t)(c0 + ncols - 1), &opt);
		buf_free(&name);
		free(cols);
		free(col);
	}
	for (int c = 0; c < ncols; c++)
		free(uniq[c]);
	free(uniq);
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

/* Status words in their vocabulary's colour and fill. Excel matches "begins with", so a word
 * that starts another ("te laat" in "te laat behaald") comes after it. */
static void status_formats(xctx *x, lxw_worksheet *ws, int row0, int row1, int col)
{
	if (row1 < row0)
		return;
	const char *word[ST_N + MS_N];
	lxw_format *fmt[ST_N + MS_N];
	int n = 0;
	for (int i = 0; i < ST_N; i++) {
		word[n] = present_status((kpi_status)i);
		fmt[n++] = x->st_kpi[i];
	}
	for (int i = 0; i < MS_N; i++) {
		word[n] = present_ms((ms_status)i);
		fmt[n++] = x->st_ms[i];
	}
	for (int i = 1; i < n; i++) /* longest first: stable, so the order stays the same every run */
		for (int j = i; j > 0 && strlen(word[j]) > strlen(word[j - 1]); j--) {
			const char *w = word[j];
			lxw_format *f = fmt[j];
			word[j] = word[j - 1];
			fmt[j] = fmt[j - 1];
			word[j - 1] = w;
			fmt[j - 1] = f;
		}
	for (int i = 0; i < n; i++) {
		lxw_conditional_format cf = {0};
		cf.type = LXW_CONDITIONAL_TYPE_TEXT;
		cf.criteria = LXW_CONDITIONAL_CRITERIA_TEXT_BEGINS_WITH;
		cf.value_string = (char *)word[i];
		cf.format = fmt[i];
		cf.stop_if_true = LXW_TRUE;
		worksheet_conditional_format_range(ws, (lxw_row_t)row0, (lxw_col_t)col, (lxw_row_t)row1,
		                                   (lxw_col_t)col, &cf);
	}
}

/* --- a KPI's table --------------------------------------------------------------------------- */

/* The columns of a KPI's table in the workbook: the shared table (table.h), with its period as a
 * date ("Maand", "Jaar") or, for quarters, a label and the quarter's first day. */
typedef struct {
	kt_table t;
	const char *heads[MAXCOLS];
	int src[MAXCOLS];          /* table column, or -1: the period's first day */
	int ncols;
} kpi_cols;

static void kpi_cols_build(const kpi_t *k, kpi_cols *kc)
{
	memset(kc, 0, sizeof *kc);
	kt_build(k, &kc->t);
	for (int c = 0; c < kc->t.ncols && kc->ncols < MAXCOLS - 1; c++) {
		if (c == kc->t.revised_col && !kc->t.any_revised)
			continue;
		if (c == kc->t.period_col && k->def.per != PER_KWARTAAL) {
			kc->heads[kc->ncols] = kc->t.cols[c].label; /* Maand, Jaar: the date alone */
			kc->src[kc->ncols++] = -1;
			continue;
		}
		kc->heads[kc->ncols] = kc->t.cols[c].label;
		kc->src[kc->ncols++] = c;
		if (c == kc->t.period_col) {
			kc->heads[kc->ncols] = "Begin kwartaal";
			kc->src[kc->ncols++] = -1;
		}
	}
}

static void kpi_row(xctx *x, sheet_t *sh, const kpi_cols *kc, size_t r, int row)
{
	const kt_table *t = &kc->t;
	for (int c = 0; c < kc->ncols; c++) {
		if (kc->src[c] < 0) {
			int day = period_first_day(t->per, t->rows[r].key);
			put_date(sh, row, c, day, t->per == PER_MAAND ? x->month : t->per == PER_JAAR ? x->year : x->date);
			continue;
		}
		const kt_cell *cell = kt_at(t, r, kc->src[c]);
		kt_kind kind = t->cols[kc->src[c]].kind;
		if (kind == KT_TEXT || kind == KT_PERIOD) {
			if (kind == KT_PERIOD) {
				char p[40];
				present_period_short(t->per, t->rows[r].key, p);
				put_text(sh, row, c, p, x->text);
			} else {
				/* indented: after a right-aligned number, "53,8% definitief", not "53,8%definitief" */
				put_text(sh, row, c, cell->text, c > 0 ? x->text_in : x->text);
			}
		} else if (!cell->empty) {
			put_num(sh, row, c, stored(kind, cell->num), kind_format(x, kind), (double)strlen(cell->text) + 1);
		}
	}
}

/* The chart of a KPI: its data as a small table at (row, col), the chart above it at (crow,
 * col). Series: the organisation; every reference line (targets, baseline, step, norm) is a
 * series of its own with the same value in every period, so it shows in Excel and in a copy. */
static void kpi_chart(xctx *x, sheet_t *sh, const kpi_t *k, int crow, int row, int col)
{
	chart_t *c = chart_trend(k, NULL, k->def.id);
	if (!c)
		return;
	int pct = c->unit == EENHEID_PROCENT;
	lxw_format *vf = kind_format(x, unit_kind(c->unit));
	put_text(sh, row - 1, col, "Gegevens van de grafiek", x->bold);
	const char **heads = xcalloc((size_t)c->nrefs + 2, sizeof *heads);
	heads[0] = "Periode";
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
	char *what = xasprintf("grafiek %s", k->def.id);
	add_table(x, sh, row, col, 2 + c->nrefs, (size_t)c->ncats, heads, what);
	/* its header row is a row of the KPI's table too, which has its own height: the names of
	 * the lines ("doel eind 2024: ten hoogste 30%") fit on one line */
	for (int i = 0; i < 2 + c->nrefs; i++)
		widen(sh, col + i, (double)chars(heads[i]) + 3);
	free(what);
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
			chart_series_set_marker_type(se, LXW_CHART_MARKER_CIRCLE);
			chart_series_set_marker_size(se, 4);
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
	lxw_chart_font tf = {.size = 12, .bold = LXW_TRUE};
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
	lxw_chart_line grid = {.color = 0xD5DBE1};
	chart_axis_major_gridlines_set_visible(ch->y_axis, LXW_TRUE);
	chart_axis_major_gridlines_set_line(ch->y_axis, &grid);
	chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);
	/* a label every half year (months) or year (quarters) when there are many */
	int every = c->per == PER_MAAND ? (c->ncats > 24 ? 6 : c->ncats > 12 ? 3 : 1)
	                                : c->per == PER_KWARTAAL && c->ncats > 12 ? 4 : 1;
	if (every > 1)
		chart_axis_set_interval_unit(ch->x_axis, (uint16_t)every);
	/* The chart shares its rows with the KPI's table: a manager filtering that table hides rows of
	 * the chart's data and under the chart. Plot hidden cells anyway and keep the chart's size. */
	chart_show_hidden_data(ch);
	lxw_chart_options opt = {0};
	opt.object_position = LXW_OBJECT_DONT_MOVE_DONT_SIZE;
	opt.x_scale = 1.5;
	opt.y_scale = 1.4;
	opt.description = c->desc;
	worksheet_insert_chart_opt(sh->ws, (lxw_row_t)crow, (lxw_col_t)col, ch, &opt);
	chart_free(c);
}

enum { CHART_ROWS = 21 }; /* 288 px x 1,4 at 20 px a row, and a gap */

/* A KPI's sheet: title, status in words, the table of every group and period, and to its right
 * the chart with its data. */
static void kpi_sheet(xctx *x, const kpi_t *k, const char *name)
{
	sheet_t sh = new_sheet(x, name);
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
	kpi_cols kc;
	kpi_cols_build(k, &kc);
	const int hr = row + 1;
	for (size_t r = 0; r < kc.t.nrows; r++)
		kpi_row(x, &sh, &kc, r, hr + 1 + (int)r);
	add_table(x, &sh, hr, 0, kc.ncols, kc.t.nrows, kc.heads, k->def.id);
	worksheet_freeze_panes(sh.ws, hr + 1, 0);
	fit_columns(&sh, kc.ncols);
	int col = kc.ncols + 1;
	worksheet_set_column(sh.ws, (lxw_col_t)(kc.ncols), (lxw_col_t)(kc.ncols), 3, NULL);
	sheet_t side = sh; /* the chart's columns, measured apart */
	memset(side.width, 0, sizeof side.width);
	side.lines = NULL;
	side.nlines = 0;
	/* below the header row, which repeats on every printed page */
	kpi_chart(x, &side, k, hr + 1, hr + CHART_ROWS + 2, col);
	for (int c = col; c < MAXCOLS; c++)
		if (side.width[c] > 0)
			worksheet_set_column(sh.ws, (lxw_col_t)c, (lxw_col_t)c, fmin(side.width[c] * 1.1 + 2, 34), NULL);
	print_setup(x, &sh, k->def.naam, hr);
	kt_free(&kc.t);
}

/* --- the quarterly workbook -------------------------------------------------------------------- */

static void overview(xctx *x, const char *name, const char *const *names)
{
	const model_t *m = x->m;
	sheet_t sh = new_sheet(x, name);
	char per[40];
	present_period(PER_KWARTAAL, m->mt_quarter, per);
	char *title = xasprintf("MT-rapportage dienstverlening %s, %s", m->gemeente, per);
	int row = put_line(&sh, 0, title, x->title);
	row = sample_line(x, &sh, row);
	char *sub = xasprintf("%s. Een rij per KPI; de naam linkt naar het blad met alle cijfers en de grafiek. "
	                      "Percentages zijn echte percentages, periodes echte datums.", x->stamp);
	row = put_line(&sh, row, sub, x->note);
	free(sub);
	static const char *const head[] = {"KPI", "Soort", "Actie of teamdoel", "Eigenaar", "Waarde", "Eenheid",
		"Periode", "Begin periode", "Verschil met vorige periode", "Doel", "Doeldatum", "Status", "Toelichting",
		"Vorige editie", "Periode vorige editie"};
	/* the previous edition's value beside this one, when there is an edition to compare with */
	const int NCOLS = m->prev >= 0 ? 15 : 13;
	const int hr = row + 1;
	wrap_column(&sh, 0, 30);
	wrap_column(&sh, 2, 26);
	wrap_column(&sh, 3, 22);
	wrap_column(&sh, 5, 12);
	wrap_column(&sh, 11, 16);
	wrap_column(&sh, 12, 50);
	int r = hr + 1;
	for (size_t i = 0; i < m->nkpis; i++, r++) {
		const kpi_t *k = m->kpis[i];
		char *url = sheet_link(names[i]);
		worksheet_write_url_opt(sh.ws, (lxw_row_t)r, 0, url, x->link, k->def.naam, "Naar het blad van deze KPI");
		count_lines(&sh, r, 0, k->def.naam);
		free(url);
		put_text(&sh, r, 1, present_soort(k->page->soort), x->text);
		put_wrap(&sh, r, 2, k->page->titel, x->wrap);
		put_wrap(&sh, r, 3, k->page->eigenaar, x->wrap);
		kt_kind kind = unit_kind(k->def.eenheid);
		lxw_format *vf = kind_format(x, kind);
		if (k->res.has_cur) {
			put_num(&sh, r, 4, stored(kind, present_round(k->def.eenheid, k->res.cur)), vf, 8);
			char p[40];
			present_period_short(k->def.per, k->res.cur_key, p);
			put_text(&sh, r, 6, p, x->text);
			put_date(&sh, r, 7, period_first_day(k->def.per, k->res.cur_key), x->date);
		}
		char unit[128];
		present_unit(&k->def, unit);
		put_wrap(&sh, r, 5, unit, x->wrap);
		/* a change of a share is in percentage points, not a share itself */
		if (k->res.has_change)
			put_num(&sh, r, 8, num_round(k->res.change, kind == KT_COUNT ? 0 : 1), x->delta[kind][k->def.lager],
			        24);
		const target_t *t = kpi_goal(k);
		if (t) {
			put_num(&sh, r, 9, stored(kind, t->waarde), vf, 8);
			put_date(&sh, r, 10, t->datum, x->date);
		}
		char label[64];
		present_status_label(k, label);
		put_wrap(&sh, r, 11, label, x->wrap);
		char *why = present_reason(k);
		put_wrap(&sh, r, 12, why, x->wrap);
		free(why);
		double was;
		int was_key;
		if (NCOLS > 13 && edition_prev_value(m, k, &was, &was_key)) {
			char p[40];
			put_num(&sh, r, 13, stored(kind, was), vf, 8);
			present_period_short(k->def.per, was_key, p);
			put_text(&sh, r, 14, p, x->text);
		}
	}
	add_table(x, &sh, hr, 0, NCOLS, m->nkpis, head, "overzicht");
	status_formats(x, sh.ws, hr + 1, r - 1, 11);
	worksheet_freeze_panes(sh.ws, hr + 1, 1);
	fit_columns(&sh, NCOLS);
	print_setup(x, &sh, title, hr);
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
			put_text(&sh, r, 6, present_ms(ms->status), x->text);
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
	add_table(x, &sh, hr, 0, 8, (size_t)(r - hr - 1), head, "mijlpalen");
	status_formats(x, sh.ws, hr + 1, r - 1, 6);
	worksheet_freeze_panes(sh.ws, hr + 1, 0);
	fit_columns(&sh, 8);
	print_setup(x, &sh, "Mijlpalen", hr);
}

/* Definitions of all KPIs, or of one (`only`). */
static void definitions(xctx *x, const char *name, const kpi_t *only)
{
	const model_t *m = x->m;
	sheet_t sh = new_sheet(x, name);
	int row = put_line(&sh, 0, only ? "Definitie van de KPI" : "Definities van de KPI's", x->title);
	row = put_line(&sh, row, "Hoe elke maat wordt berekend, staat op de website bij ‘Bronnen en definities’.", x->note);
	row = home_line(x, &sh, row);
	static const char *const head[] = {"KPI", "Id", "Maat", "Bron", "Per", "Groep", "Richting", "Eenheid",
		"Nulmeting", "Doelen", "Omschrijving", "Afgeleid"};
	enum { NCOLS = 12 };
	const int hr = row + 1;
	wrap_column(&sh, 0, 30);
	wrap_column(&sh, 9, 34);
	wrap_column(&sh, 10, 60);
	wrap_column(&sh, 11, 60);
	int r = hr + 1;
	for (size_t i = 0; i < m->nkpis; i++) {
		const kpi_t *k = m->kpis[i];
		if (only && k != only)
			continue;
		put_wrap(&sh, r, 0, k->def.naam, x->wrap);
		put_text(&sh, r, 1, k->def.id, x->text);
		char *maat = k->def.maat == MAAT_TERMIJN
		                 ? xasprintf("termijn: %d %s", k->def.termijn, k->def.werkdagen ? "werkdagen" : "dagen")
		                 : xstrdup(maat_names[k->def.maat]);
		put_text(&sh, r, 2, maat, x->text);
		free(maat);
		put_text(&sh, r, 3, k->def.bron ? k->def.bron : "kpi.csv", x->text);
		put_text(&sh, r, 4, present_per_word(k->def.per), x->text);
		put_text(&sh, r, 5, k->def.groep, x->text);
		put_text(&sh, r, 6, k->def.lager ? "lager is beter" : "hoger is beter", x->text);
		char unit[128];
		present_unit(&k->def, unit);
		put_text(&sh, r, 7, unit, x->text);
		char v[64], dd[40];
		if (k->def.has_base) {
			present_goal_value(&k->def, k->def.base.waarde, v);
			present_target_date(k->def.base.datum, dd);
			char *s = xasprintf("%s (%s)", v, dd);
			put_text(&sh, r, 8, s, x->text);
			free(s);
		}
		buf_t b = {0};
		for (size_t t = 0; t < k->def.ndoelen; t++) {
			char g[128];
			present_goal(&k->def, &k->def.doelen[t], g);
			buf_printf(&b, "%s%s", t ? "; " : "", g);
		}
		put_wrap(&sh, r, 9, b.s, x->wrap);
		buf_free(&b);
		put_wrap(&sh, r, 10, k->def.omschrijving, x->wrap);
		put_wrap(&sh, r, 11, k->def.afgeleid, x->wrap);
		r++;
	}
	add_table(x, &sh, hr, 0, NCOLS, (size_t)(r - hr - 1), head, "definities");
	if (m->nabbrevs) {
		/* the abbreviations the content explains, in a table of their own below; the sheet's
		 * header row stays the first table's */
		int keep_row = sh.head_row;
		double keep_chars[2] = {sh.head_chars[0], sh.head_chars[1]};
		int ar = put_line(&sh, r + 1, "Afkortingen", x->bold);
		static const char *const ahead[] = {"Afkorting", "Betekenis"};
		wrap_column(&sh, 1, 34); /* the KPI ids fit, a long meaning wraps */
		for (size_t i = 0; i < m->nabbrevs; i++) {
			put_text(&sh, ar + 1 + (int)i, 0, m->abbrevs[i].term, x->text);
			put_wrap(&sh, ar + 1 + (int)i, 1, m->abbrevs[i].full, x->wrap);
		}
		add_table(x, &sh, ar, 0, 2, m->nabbrevs, ahead, "afkortingen");
		sh.head_row = keep_row;
		sh.head_chars[0] = keep_chars[0];
		sh.head_chars[1] = keep_chars[1];
	}
	worksheet_freeze_panes(sh.ws, hr + 1, 1);
	fit_columns(&sh, NCOLS);
	print_setup(x, &sh, "Definities", hr);
}

/* --- the monthly workbook ------------------------------------------------------------------------ */

/* Conditional formats against a KPI's targets, for shares and other values in one column range:
 * cf[0] meets the strictest target (✔), cf[1] only a milder one (⚠), cf[2] none (✖). The symbol is
 * part of the number format, so the meaning never rests on the colour. */
static void target_formats(xctx *x, lxw_worksheet *ws, const kpi_t *k, int r0, int c0, int r1, int c1)
{
	const kpi_def *d = &k->def;
	if (!d->ndoelen || r1 < r0 || c1 < c0)
		return;
	double lo = INFINITY, hi = -INFINITY;
	for (size_t i = 0; i < d->ndoelen; i++) {
		lo = fmin(lo, d->doelen[i].waarde);
		hi = fmax(hi, d->doelen[i].waarde);
	}
	kt_kind kind = unit_kind(d->eenheid);
	double strict = stored(kind, d->lager ? lo : hi), mild = stored(kind, d->lager ? hi : lo);
	typedef struct {
		uint8_t crit;
		double v;
		int f;
	} rule;
	uint8_t meets = d->lager ? LXW_CONDITIONAL_CRITERIA_LESS_THAN_OR_EQUAL_TO
	                         : LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
	uint8_t misses = d->lager ? LXW_CONDITIONAL_CRITERIA_GREATER_THAN : LXW_CONDITIONAL_CRITERIA_LESS_THAN;
	rule rules[3];
	int n = 0;
	rules[n++] = (rule){meets, strict, 0};
	if (mild != strict)
		rules[n++] = (rule){meets, mild, 1};
	rules[n++] = (rule){misses, mild, 2};
	for (int i = 0; i < n; i++) {
		lxw_conditional_format cf = {0};
		cf.type = LXW_CONDITIONAL_TYPE_CELL;
		cf.criteria = rules[i].crit;
		cf.value = rules[i].v;
		cf.format = x->cf[kind][rules[i].f];
		cf.stop_if_true = LXW_TRUE;
		worksheet_conditional_format_range(ws, (lxw_row_t)r0, (lxw_col_t)c0, (lxw_row_t)r1, (lxw_col_t)c1, &cf);
	}
}

/* One target for a legend: "het doel van eind 2025: ten hoogste 15%". */
static void target_words(const kpi_def *d, const target_t *t, char *out, size_t n)
{
	char when[40], v[64];
	present_target_date(t->datum, when);
	present_goal_value(d, t->waarde, v);
	snprintf(out, n, "het doel van %s: %s%s", when, present_bound(d, t->waarde), v);
}

/* The legend of target_formats, in words. */
static char *target_legend(const kpi_t *k)
{
	const kpi_def *d = &k->def;
	if (!d->ndoelen)
		return xstrdup("Er is geen doel voor dit cijfer.");
	size_t strict = 0, mild = 0;
	for (size_t i = 1; i < d->ndoelen; i++) {
		if (d->lager ? d->doelen[i].waarde < d->doelen[strict].waarde : d->doelen[i].waarde > d->doelen[strict].waarde)
			strict = i;
		if (d->lager ? d->doelen[i].waarde > d->doelen[mild].waarde : d->doelen[i].waarde < d->doelen[mild].waarde)
			mild = i;
	}
	char a[200], b[200];
	target_words(d, &d->doelen[strict], a, sizeof a);
	target_words(d, &d->doelen[mild], b, sizeof b);
	if (d->doelen[strict].waarde == d->doelen[mild].waarde)
		return xasprintf("✔ haalt %s. ✖ haalt het niet.", a);
	return xasprintf("✔ haalt %s. ⚠ haalt alleen %s. ✖ haalt geen van beide.", a, b);
}

/* This month: one row per group and the organisation, sortable. */
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
	char *legend = target_legend(k);
	row = put_line(&sh, row, legend, x->note);
	free(legend);
	kpi_cols kc;
	kpi_cols_build(k, &kc);
	const int hr = row + 1;
	int r = hr + 1;
	/* the month's rows, groups first and the organisation last, without the period columns */
	const char *heads[MAXCOLS];
	int keep[MAXCOLS], n = 0;
	for (int c = 0; c < kc.ncols; c++)
		if (kc.src[c] >= 0 && kc.src[c] != kc.t.period_col) {
			keep[n] = c;
			heads[n++] = kc.heads[c];
		}
	int value = -1;
	for (int i = 0; i < n; i++)
		if (kc.src[keep[i]] == kc.t.value_col)
			value = i;
	for (size_t i = 0; i < kc.t.nrows; i++) {
		if (kc.t.rows[i].key != month)
			continue;
		for (int c = 0; c < n; c++) {
			const kt_cell *cell = kt_at(&kc.t, i, kc.src[keep[c]]);
			kt_kind kind = kc.t.cols[kc.src[keep[c]]].kind;
			if (kind == KT_TEXT)
				put_text(&sh, r, c, cell->text, c > 0 ? x->text_in : x->text);
			else if (!cell->empty)
				put_num(&sh, r, c, stored(kind, cell->num), kind_format(x, kind), (double)strlen(cell->text) + 3);
		}
		r++;
	}
	add_table(x, &sh, hr, 0, n, (size_t)(r - hr - 1), heads, "deze_maand");
	if (value >= 0)
		target_formats(x, sh.ws, k, hr + 1, value, r - 1, value);
	worksheet_freeze_panes(sh.ws, hr + 1, 1);
	fit_columns(&sh, n);
	print_setup(x, &sh, title, hr);
	worksheet_activate(sh.ws);
	kt_free(&kc.t);
	free(title);
}

/* The last twelve months: a row per group and the organisation, a column per month. */
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
	char *legend = target_legend(k);
	row = put_line(&sh, row, legend, x->note);
	free(legend);
	row = home_line(x, &sh, row);
	const int hr = row + 1;
	const char *heads[MAXCOLS];
	char labels[MAXCOLS][40];
	char *group = xstrdup(k->def.groep ? k->def.groep : "");
	if (group[0] >= 'a' && group[0] <= 'z')
		group[0] = (char)(group[0] - 'a' + 'A');
	heads[0] = group[0] ? group : "Wie";
	for (int i = 0; i < nm && i + 1 < MAXCOLS; i++) {
		present_period_short(PER_MAAND, from + i, labels[i]);
		heads[i + 1] = labels[i];
	}
	int r = hr + 1;
	lxw_format *vf = kind_format(x, unit_kind(k->def.eenheid));
	for (size_t g = 0; g <= k->res.ngroups; g++) {
		const series_t *s = g < k->res.ngroups ? &k->res.groups[g] : tot;
		put_text(&sh, r, 0, s->name ? s->name : "Totaal", x->text);
		for (int i = 0; i < nm; i++) {
			const cell_t *c = series_cell(s, from + i);
			if (c && c->has_value)
				put_num(&sh, r, i + 1, stored(unit_kind(k->def.eenheid), present_round(k->def.eenheid, c->value)),
				        vf, 9);
		}
		r++;
	}
	add_table(x, &sh, hr, 0, nm + 1, (size_t)(r - hr - 1), heads, "per_maand");
	target_formats(x, sh.ws, k, hr + 1, 1, r - 1, nm);
	worksheet_freeze_panes(sh.ws, hr + 1, 1);
	fit_columns(&sh, nm + 1);
	print_setup(x, &sh, title, hr);
	free(group);
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
	x->wrap = fmt(wb, NULL, 0, 1);
	x->link = fmt(wb, NULL, 0, 1);
	format_set_underline(x->link, LXW_UNDERLINE_SINGLE);
	format_set_font_color(x->link, 0x0D5196);
	x->nav = fmt(wb, NULL, 0, 0);
	format_set_underline(x->nav, LXW_UNDERLINE_SINGLE);
	format_set_font_color(x->nav, 0x0D5196);
	x->count = fmt(wb, "#,##0", 0, 0);
	x->pct = fmt(wb, "0.0%", 0, 0);
	x->mark = fmt(wb, "0.0", 0, 0);
	static const struct { kt_kind kind; const char *num, *unit; } deltas[] = {
		{KT_PCT, "0.0", " %-punt"}, {KT_MARK, "0.0", ""}, {KT_COUNT, "#,##0", ""}};
	for (size_t k = 0; k < sizeof deltas / sizeof *deltas; k++)
		for (int lager = 0; lager < 2; lager++) {
			const char *num = deltas[k].num, *unit = deltas[k].unit;
			const char *up = lager ? "slechter" : "beter", *down = lager ? "beter" : "slechter";
			char *nf = xasprintf("+%s\"%s (%s)\";-%s\"%s (%s)\";\"gelijk\"", num, unit, up, num, unit, down);
			x->delta[deltas[k].kind][lager] = fmt(wb, nf, 0, 0);
			free(nf);
		}
	x->date = fmt(wb, "dd-mm-yyyy", 0, 0);
	format_set_align(x->date, LXW_ALIGN_LEFT);
	x->month = fmt(wb, "[$-413]mmm yyyy", 0, 0); /* Dutch month names in any Excel */
	format_set_align(x->month, LXW_ALIGN_LEFT);
	x->year = fmt(wb, "yyyy", 0, 0);
	format_set_align(x->year, LXW_ALIGN_LEFT);
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
	 * so a KPI called "Mijlpalen" gets " (2)" */
	const char **names = xcalloc(m->nkpis + 1, sizeof *names);
	const char *ov = sheet_name(&x, "Overzicht"), *ms = sheet_name(&x, "Mijlpalen");
	const char *defs = sheet_name(&x, "Definities");
	for (size_t i = 0; i < m->nkpis; i++)
		names[i] = kpi_sheet_name(&x, m->kpis[i]);
	overview(&x, ov, names);
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
