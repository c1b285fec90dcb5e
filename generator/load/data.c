/* data.c - see data.h. */
#include "load/data.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/fmt.h"
#include "base/platform.h"
#include "base/util.h"
#include "load/csvread.h"
#include "load/export.h"
#include "model/engine.h"
#include "model/present.h"

/* The columns one KPI reads from a file, as indexes into the file's requested columns. */
typedef struct {
	size_t ki;                /* index in m->kpis */
	const kpi_def *k;
	int c_date, c_end, c_col, c_group; /* -1 if unused */
	int c_filter[8];
	int too_many;             /* MAX_GROUPS was reported */
} kread;

/* The dates in the data, while the reference date is still to be derived from them: how many
 * values fall on each day (dates run from 1900 to 2199). A date far beyond the rest is a typo:
 * the second reading names its row (typo_row). */
typedef struct {
	int day;
	long line, col;
	const char *column;
} date_at;

typedef struct {
	long *count;      /* per day since DAY0 */
	long total;
	int max;          /* latest date seen, DAY_NONE if none */
} datescan;

typedef struct {
	model_t *m;
	engine_t *e;
	diag_t *d;
	datescan *scan;   /* the first reading: every date counted, to find typos */
	int lo, hi;       /* dates outside are typos: their rows count nowhere (DAY_NONE: none known) */
	date_at *spans;   /* per KPI: the first row beyond MAX_SPAN_YEARS, if any */
	const datafile_t **span_file;
	datafile_t *file;
	const char *shown;  /* the file, as messages name it */
	int derived;     /* the reference date comes from the data: a late typo leaves it as it is */
	int datecols[MAX_COLS]; /* the columns read as dates, in the file's order (for typos) */
	int ndatecols;
	long typo_rows;  /* rows with a typo in a date, and how many of them were named */
	long typo_named;
	const char *cols[MAX_COLS];
	char *used_by[MAX_COLS]; /* the first KPI that names the column, for messages */
	int ncols;
	kread *ks;
	size_t nks;
	int peil;        /* known reference date or DAY_NONE */
	/* per-row cache of parsed columns */
	int day[MAX_COLS];
	signed char day_state[MAX_COLS]; /* 0 not parsed, 1 ok, 2 empty, 3 bad, 4 a typo */
	unsigned said;   /* the row's columns that have had a message: one per problem per row */
	buf_t group;     /* the row's group name, normalized */
	int is_values;   /* kpi.csv */
	date_memo memo[MAX_COLS]; /* the last date read in each column */
	struct group_seen *seen;  /* group names as written that passed group_ok, normalized */
	size_t nseen, capseen;    /* slots (a power of two, or 0) */
} loadctx;

/* A group name as the export writes it, once it passed group_ok: its normalized form. An export
 * repeats a handful of team names a million times; each is checked and normalized once. */
typedef struct group_seen {
	char *raw, *norm;
	size_t rawlen, normlen;
} group_seen;

#define SEEN_MAX 4096     /* names remembered per file; past that, every row is checked */
#define SEEN_RAW_MAX 256  /* longer names are checked every time */

static const group_seen *seen_find(const loadctx *lc, const char *s, size_t len, size_t *slot)
{
	if (!lc->capseen)
		return NULL;
	size_t h = mem_hash(s, len) & (lc->capseen - 1);
	while (lc->seen[h].raw) {
		if (lc->seen[h].rawlen == len && !memcmp(lc->seen[h].raw, s, len))
			return &lc->seen[h];
		h = (h + 1) & (lc->capseen - 1);
	}
	*slot = h;
	return NULL;
}

static void seen_add(loadctx *lc, const char *s, size_t len, const buf_t *norm)
{
	if (len > SEEN_RAW_MAX || lc->nseen >= SEEN_MAX)
		return;
	if (!lc->capseen) {
		lc->capseen = 2 * SEEN_MAX;
		lc->seen = xcalloc(lc->capseen, sizeof *lc->seen);
	}
	size_t slot;
	if (seen_find(lc, s, len, &slot))
		return;
	group_seen *g = &lc->seen[slot];
	g->raw = xstrndup(s, len);
	g->rawlen = len;
	g->norm = xstrndup(norm->s, norm->len);
	g->normlen = norm->len;
	lc->nseen++;
}

static void seen_free(loadctx *lc)
{
	for (size_t i = 0; i < lc->capseen; i++) {
		free(lc->seen[i].raw);
		free(lc->seen[i].norm);
	}
	free(lc->seen);
	lc->seen = NULL;
	lc->nseen = lc->capseen = 0;
}

/* The column `name` that KPI k reads through its key `role` (SRC_START, ...), as an index into
 * the file's requested columns; -1 without a name, -2 past MAX_COLS. The first KPI that names a
 * column says what to do when the export lacks it: rename the column there, or change the
 * content. */
static int col_index(loadctx *lc, const char *name, const kpi_t *k, int role)
{
	static const char *const key[SRC_N] = {"bron", "start", "einde", "datum", "kolom", "groep", "kolom", "kolom",
		"kolom", "kolom", "kolom", "kolom", "kolom", "kolom"};
	if (!name)
		return -1;
	char a[128], b[128];
	csv_norm_name(name, strlen(name), a, sizeof a);
	for (int i = 0; i < lc->ncols; i++) {
		csv_norm_name(lc->cols[i], strlen(lc->cols[i]), b, sizeof b);
		if (!strcmp(a, b))
			return i;
	}
	if (lc->ncols == MAX_COLS)
		return -2; /* reported by read_one */
	lc->cols[lc->ncols] = name;
	int line = k->src.key_line[role] ? k->src.key_line[role] : k->src.line;
	lc->used_by[lc->ncols] = xasprintf("Kpi '%s' leest die kolom (%s:%d). Heet hij in de export nu anders? Geef de "
	                                   "kolom dan in dit bestand weer de naam '%s', of zet de nieuwe naam achter '%s:' "
	                                   "in %s:%d",
	                                   k->def.id, k->src.file, line, name, key[role], k->src.file, line);
	return lc->ncols++;
}

/* A problem with column c of the row (-1: the whole row): one message per column per row, also
 * when several KPIs read the column. */
static void row_error(loadctx *lc, const csv_row *row, int c, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void row_error(loadctx *lc, const csv_row *row, int c, const char *fmt, ...)
{
	if (c >= 0 && c < 32) {
		if (lc->said & (1u << c))
			return;
		lc->said |= 1u << c;
	}
	va_list ap;
	va_start(ap, fmt);
	csv_row_verror(row, c, fmt, ap);
	va_end(ap);
}

static int day0(void)
{
	static int d0 = DAY_NONE;
	if (d0 == DAY_NONE)
		d0 = day_from_ymd(1900, 1, 1);
	return d0;
}

static void scan_date(loadctx *lc, int day)
{
	datescan *sc = lc->scan;
	sc->count[day - day0()]++;
	sc->total++;
	if (sc->max == DAY_NONE || day > sc->max)
		sc->max = day;
}

/* Parse requested column i of the row as a date, once per row. */
static int row_day(loadctx *lc, const csv_row *row, int i, int required, int *day)
{
	if (lc->day_state[i] == 0) {
		size_t len = row->len[i];
		const char *s = row->val[i];
		size_t a = 0;
		while (a < len && (s[a] == ' ' || s[a] == '\t'))
			a++;
		if (a == len) {
			lc->day_state[i] = 2;
		} else if (date_parse_memo(&lc->memo[i], s, len, &lc->day[i]) == 0) {
			lc->day_state[i] = 1;
			if (lc->scan)
				scan_date(lc, lc->day[i]);
			if (lc->lo != DAY_NONE && (lc->day[i] < lc->lo || lc->day[i] > lc->hi)) {
				lc->day_state[i] = 4; /* a typo: the row counts nowhere */
				lc->file->typos++;
			} else if (lc->file->end == DAY_NONE || lc->day[i] > lc->file->end) {
				lc->file->end = lc->day[i]; /* what the export covers */
			}
		} else {
			lc->day_state[i] = 3;
			char why[160], v[96];
			present_cell(CELL_DATUM, s, len, v, sizeof v);
			size_t digits = strspn(s + a, "0123456789");
			if (v[0] == '\'') {
				present_date_problem(s, len, why, sizeof why);
				row_error(lc, row, i, "kolom '%s': %s is geen datum. %s", lc->cols[i], v, why);
			} else if (digits == 5 && a + digits == len) {
				/* 45412: a date as Excel counts days, in a cell without a date format */
				row_error(lc, row, i, "kolom '%s': hier hoort een datum, maar er staat een getal van 5 cijfers. Is "
				          "het een datum uit Excel zonder datumopmaak? Geef de kolom in Excel de opmaak Datum",
				          lc->cols[i]);
			} else {
				row_error(lc, row, i, "kolom '%s': hier hoort een datum in cijfers, zoals 1-10-2024, maar er staat %s "
				          "(meetlat laat die niet zien: het kan een naam zijn). Staat er in deze regel een ; "
				          "of \" te veel of te weinig, dan schuiven de kolommen",
				          lc->cols[i], v);
			}
		}
		if (lc->day_state[i] == 2 && required)
			row_error(lc, row, i, "kolom '%s' is leeg. Hier hoort een datum", lc->cols[i]);
	}
	*day = lc->day[i];
	return lc->day_state[i];
}

/* A value that should be a number and is not: said with the value when it has the shape of a
 * number (never a name or a phone number), and with what to do about a percent sign. */
static void not_a_number(loadctx *lc, const csv_row *row, int i, const kpi_def *k)
{
	char v[96];
	present_cell(CELL_GETAL, row->val[i], row->len[i], v, sizeof v);
	if (!strncmp(v, "een getal", 9))
		row_error(lc, row, i, "kolom '%s': %s kan niet kloppen; is het een tikfout?", lc->cols[i], v);
	else if (v[0] != '\'' && lc->is_values)
		row_error(lc, row, i, "kolom '%s': hier hoort een getal, zoals 74 of 6,5, maar er staat %s", lc->cols[i], v);
	else if (v[0] != '\'')
		row_error(lc, row, i, "kolom '%s': hier hoort een getal, maar er staat %s (meetlat laat die niet zien: het "
		          "kan een naam zijn). Staat er in deze regel een ; of \" te veel of te weinig, dan "
		          "schuiven de kolommen",
		          lc->cols[i], v);
	else if (memchr(row->val[i], '%', row->len[i]) && k)
		row_error(lc, row, i, "kolom '%s': %s is geen getal. Laat het %%-teken weg: kpi '%s' meet geen percentage",
		          lc->cols[i], v, k->id);
	else if (memchr(row->val[i], '%', row->len[i]))
		row_error(lc, row, i, "kolom '%s': %s is geen getal. Laat het %%-teken weg", lc->cols[i], v);
	else
		row_error(lc, row, i, "kolom '%s': %s is geen getal. Schrijf een getal zoals 74 of 6,5", lc->cols[i], v);
}

static void trimmed(const char *s, size_t len, const char **out, size_t *outlen)
{
	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	*out = s;
	*outlen = len;
}

/* A number as the export writes it; a percentage may carry its % sign ("7%", "7,5 %"). */
static int parse_value(const csv_row *row, int i, int percent, double *v)
{
	if (num_parse(row->val[i], row->len[i], row->dot_is_thousands, v) == 0)
		return 0;
	const char *t;
	size_t tl;
	trimmed(row->val[i], row->len[i], &t, &tl);
	if (percent && tl > 1 && t[tl - 1] == '%')
		return num_parse(t, tl - 1, row->dot_is_thousands, v);
	return -1;
}

static int same_text(const char *s, size_t len, const char *want)
{
	const char *t;
	size_t tl;
	trimmed(s, len, &t, &tl);
	return tl == strlen(want) && strncasecmp(t, want, tl) == 0;
}

static int filters_pass(loadctx *lc, const kread *st, const csv_row *row)
{
	const kpi_def *k = st->k;
	for (size_t f = 0; f < k->nfilters; f++) {
		int i = st->c_filter[f];
		const filter_t *fl = &k->filters[f];
		double v;
		switch (fl->op) {
		case FILTER_IS:
			if (!same_text(row->val[i], row->len[i], fl->waarde))
				return 0;
			break;
		case FILTER_IS_NIET:
			if (same_text(row->val[i], row->len[i], fl->waarde))
				return 0;
			break;
		case FILTER_GROTER:
		case FILTER_KLEINER:
			if (num_parse(row->val[i], row->len[i], row->dot_is_thousands, &v) != 0) {
				not_a_number(lc, row, i, NULL);
				return 0;
			}
			if (fl->op == FILTER_GROTER ? !(v > fl->getal) : !(v < fl->getal))
				return 0;
			break;
		}
	}
	return 1;
}

/* A group's name reaches every output: one line of printable text, of a sane length, and not
 * the name of the whole organisation. Unicode spaces and invisible characters are normalized
 * (a no-break space after a team's name must not make it a second team), and a name that
 * merely looks like "Totaal" is refused. The value itself is not quoted. */
#define MAX_GROUP_CHARS 100

static int group_ok(loadctx *lc, const csv_row *row, int col, const char *g, size_t len)
{
	if (name_normalize(g, len, &lc->group) != 0) {
		row_error(lc, row, col, "kolom '%s' bevat een besturingsteken (zoals een regeleinde); haal het weg",
		          lc->cols[col]);
		return 0;
	}
	size_t chars = 0;
	for (size_t i = 0; i < lc->group.len; i++)
		chars += ((unsigned char)lc->group.s[i] & 0xC0) != 0x80;
	if (chars > MAX_GROUP_CHARS) {
		row_error(lc, row, col, "kolom '%s': de naam is langer dan %d tekens; maak hem korter", lc->cols[col],
		          MAX_GROUP_CHARS);
		return 0;
	}
	if (!strcasecmp(lc->group.s, "Totaal")) {
		row_error(lc, row, col, "kolom '%s': 'Totaal' is de naam voor de hele organisatie; geef deze groep een andere naam",
		          lc->cols[col]);
		return 0;
	}
	if (name_reads_as(lc->group.s, "totaal")) {
		row_error(lc, row, col,
		          "kolom '%s': deze naam lijkt op 'Totaal', de naam voor de hele organisatie, maar is met andere "
		          "tekens geschreven; geef deze groep een andere naam",
		          lc->cols[col]);
		return 0;
	}
	return 1;
}

/* The count of rows of month `mo` in f->months, which grows to hold it. */
static long *month_slot(datafile_t *f, int mo)
{
	if (!f->nmonths) {
		f->month0 = mo;
	} else if (mo < f->month0) {
		size_t add = (size_t)(f->month0 - mo);
		f->months = xrealloc(f->months, (f->nmonths + add) * sizeof *f->months);
		memmove(f->months + add, f->months, f->nmonths * sizeof *f->months);
		memset(f->months, 0, add * sizeof *f->months);
		f->nmonths += add;
		f->month0 = mo;
	}
	if ((size_t)(mo - f->month0) >= f->nmonths) {
		size_t n = (size_t)(mo - f->month0) + 1;
		f->months = xrealloc(f->months, n * sizeof *f->months);
		memset(f->months + f->nmonths, 0, (n - f->nmonths) * sizeof *f->months);
		f->nmonths = n;
	}
	return &f->months[mo - f->month0];
}

/* A row of the export, once (for its coverage): counted per month of its start date; one that
 * starts after the reference date is counted apart and named in a notice. Returns 1 when it
 * is after the reference date. */
static int row_once(loadctx *lc, const csv_row *row, int day, int *seen)
{
	datafile_t *f = lc->file;
	int after = lc->peil != DAY_NONE && day > lc->peil;
	if (*seen)
		return after;
	*seen = 1;
	int mo = period_of(PER_MAAND, day);
	*month_slot(f, mo) += 1;
	if (after) {
		if (!f->after++)
			f->after_line = row->line;
		if (f->after_last == DAY_NONE || day > f->after_last)
			f->after_last = day;
	}
	return after;
}

/* Typos in dates (the second reading knows them: lo and hi): a row with one counts nowhere, and
 * is named in one warning in its place among the file's messages, instead of any error about
 * it. The first TYPO_NAMED rows of a file are named, the rest counted at its end. Returns 1
 * for such a row. */
#define TYPO_NAMED 10

static int typo_row(loadctx *lc, const csv_row *row)
{
	buf_t b = {0};
	int n = 0, late = 0, first = -1, order[MAX_COLS];
	/* in the order of the file's columns */
	for (int j = 0; j < lc->ndatecols; j++) {
		int k = j;
		for (; k > 0 && row->col[order[k - 1]] > row->col[lc->datecols[j]]; k--)
			order[k] = order[k - 1];
		order[k] = lc->datecols[j];
	}
	for (int j = 0; j < lc->ndatecols; j++) {
		int i = order[j], day;
		if (date_parse(row->val[i], row->len[i], &day) != 0 || (day >= lc->lo && day <= lc->hi))
			continue;
		char v[40];
		present_date(day, v);
		buf_printf(&b, "%skolom '%s': %s", n ? " en " : "", lc->cols[i], v);
		late |= day > lc->hi;
		if (first < 0)
			first = i;
		n++;
	}
	if (n) {
		lc->file->typos += n;
		if (lc->typo_named < TYPO_NAMED) {
			char pd[40];
			present_date(lc->peil, pd);
			lc->typo_named++;
			diag(lc->d, DIAG_WARN, lc->shown, row->line, row->col[first],
			     "%s %s ver %s alle andere datums; is het een tikfout? Deze regel telt niet mee%s%s", b.s,
			     n == 1 ? "ligt" : "liggen", late ? "na" : "voor", late && lc->derived ? " en de peildatum blijft " : "",
			     late && lc->derived ? pd : "");
		}
		lc->typo_rows++;
	}
	buf_free(&b);
	return n > 0;
}

static int on_row(void *vp, const csv_row *row)
{
	loadctx *lc = vp;
	memset(lc->day_state, 0, sizeof lc->day_state);
	lc->said = 0;
	if (lc->lo != DAY_NONE && typo_row(lc, row))
		return 0;
	int seen = 0;
	for (size_t q = 0; q < lc->nks; q++) {
		kread *st = &lc->ks[q];
		const kpi_def *k = st->k;
		if (!filters_pass(lc, st, row))
			continue;
		engine_row er = {0};
		/* a duration starts at its start column: a row without that date has not started yet
		 * (a report not handled, say) and is not counted; every other measure needs it */
		int duration = k->maat == MAAT_GEMIDDELDE && k->einde;
		if (row_day(lc, row, st->c_date, !duration, &er.day) != 1)
			continue;
		if (k->einde) {
			int state = row_day(lc, row, st->c_end, 0, &er.end_day);
			if (state == 3 || state == 4)
				continue;
			er.end = state == 1 ? END_DAY : END_EMPTY;
			if (er.end == END_DAY && er.end_day < er.day) {
				char a[96], b[96];
				present_cell(CELL_DATUM, row->val[st->c_end], row->len[st->c_end], a, sizeof a);
				present_cell(CELL_DATUM, row->val[st->c_date], row->len[st->c_date], b, sizeof b);
				row_error(lc, row, st->c_end, "kolom '%s': %s ligt voor %s in kolom '%s', en dat kan niet. Controleer "
				          "beide datums in de export",
				          lc->cols[st->c_end], a, b, lc->cols[st->c_date]);
				continue;
			}
		}
		/* a row after the reference date is not counted, but checked all the same */
		int after = row_once(lc, row, er.day, &seen);
		if (!after && (er.day < lc->file->first || lc->file->first == DAY_NONE))
			lc->file->first = er.day;
		if (!after && (er.day > lc->file->last || lc->file->last == DAY_NONE))
			lc->file->last = er.day;
		if (k->maat == MAAT_GEMIDDELDE && !k->einde) {
			const char *s = row->val[st->c_col];
			if (num_parse(s, row->len[st->c_col], row->dot_is_thousands, &er.v) != 0) {
				const char *t;
				size_t tl;
				trimmed(s, row->len[st->c_col], &t, &tl);
				if (tl == 0)
					continue; /* no answer to this question: not counted */
				not_a_number(lc, row, st->c_col, k);
				continue;
			}
			double rlo, rhi;
			kpi_value_range(k, &rlo, &rhi);
			if (er.v < rlo || er.v > rhi) {
				char lo[48], hi[48], v[96];
				fmt_num(rlo, 0, lo);
				fmt_num(rhi, 0, hi);
				present_cell(CELL_GETAL, s, row->len[st->c_col], v, sizeof v);
				row_error(lc, row, st->c_col, "kolom '%s': %s ligt niet tussen %s en %s",
				          lc->cols[st->c_col], v, lo, hi);
				continue;
			}
		} else if (k->maat == MAAT_AANDEEL) {
			er.hit = same_text(row->val[st->c_col], row->len[st->c_col], k->is);
		}
		const char *g = NULL;
		size_t gl = 0;
		if (st->c_group >= 0) {
			trimmed(row->val[st->c_group], row->len[st->c_group], &g, &gl);
			size_t slot;
			const group_seen *known = seen_find(lc, g, gl, &slot);
			if (known) {
				g = known->norm;
				gl = known->normlen;
			} else {
				if (!group_ok(lc, row, st->c_group, g, gl))
					continue;
				seen_add(lc, g, gl, &lc->group);
				g = lc->group.s;
				gl = lc->group.len;
			}
			if (gl == 0) {
				g = "Onbekend";
				gl = 8;
			}
		}
		if (after)
			continue;
		int added = engine_add(lc->e, st->ki, g, gl, &er);
		if (added == ENGINE_GROUPS && !st->too_many) {
			char most[64];
			present_number(MAX_GROUPS, 0, most);
			st->too_many = 1;
			row_error(lc, row, st->c_group,
			          "kolom '%s' heeft meer dan %s verschillende waarden; kpi '%s' telt per %s. Is dit de goede kolom?",
			          lc->cols[st->c_group], most, k->id, lc->cols[st->c_group]);
		} else if (added == ENGINE_SPAN && !lc->spans[st->ki].line) {
			/* said after the reading, unless the date turns out to be a typo */
			lc->spans[st->ki] = (date_at){er.day, row->line, row->col[st->c_date], lc->cols[st->c_date]};
			lc->span_file[st->ki] = lc->file;
		}
	}
	return 0;
}

/* kpi.csv: manually reported values. */
static int on_value_row(void *vp, const csv_row *row)
{
	loadctx *lc = vp;
	lc->said = 0;
	const char *id;
	size_t idl;
	trimmed(row->val[0], row->len[0], &id, &idl);
	const kread *st = NULL;
	for (size_t q = 0; q < lc->nks; q++)
		if (strlen(lc->ks[q].k->id) == idl && !strncmp(lc->ks[q].k->id, id, idl))
			st = &lc->ks[q];
	if (!st && model_kpi_failed(lc->m, id, idl))
		return 0; /* its definition has errors, said in the content */
	if (!st) {
		char v[96];
		present_cell(CELL_ID, row->val[0], row->len[0], v, sizeof v);
		row_error(lc, row, 0, "kpi %s komt in geen enkele pagina voor (zie 'id' bij de kpi's)", v);
		return 0;
	}
	const kpi_def *k = st->k;
	per_t per;
	int key;
	double v;
	if (period_parse(row->val[1], row->len[1], &per, &key) != 0) {
		char shown[96];
		present_cell(CELL_PERIODE, row->val[1], row->len[1], shown, sizeof shown);
		row_error(lc, row, 1, "%s is geen periode (schrijf 2024, 2024-K3 of 2024-09)", shown);
		return 0;
	}
	if (per != k->per) {
		row_error(lc, row, 1, "kpi '%s' wordt per %s gemeten; '%s' is geen %s", k->id,
		          present_per_word(k->per), row->val[1], present_per_word(k->per));
		return 0;
	}
	if (parse_value(row, 2, k->eenheid == EENHEID_PROCENT, &v) != 0) {
		not_a_number(lc, row, 2, k);
		return 0;
	}
	double lo, hi;
	kpi_value_range(k, &lo, &hi);
	if (v < lo || v > hi) {
		char a[48], b[48], x[96], u[128];
		fmt_num(lo, 0, a);
		fmt_num(hi, 0, b);
		present_cell(CELL_GETAL, row->val[2], row->len[2], x, sizeof x);
		present_unit(k, u);
		row_error(lc, row, 2, "%s ligt niet tussen %s en %s, en dat kan niet voor een %s (kpi '%s')", x, a, b,
		          k->eenheid == EENHEID_PROCENT ? "percentage" : u, k->id);
		return 0;
	}
	int last = period_last_day(per, key);
	if (lc->peil != DAY_NONE && last > lc->peil && period_first_day(per, key) > lc->peil)
		return 0;
	if (engine_add_value(lc->e, st->ki, key, v) != 0) {
		row_error(lc, row, 1, "kpi '%s' heeft voor %s al een waarde", k->id, row->val[1]);
		return 0;
	}
	if (lc->file->first == DAY_NONE || period_first_day(per, key) < lc->file->first)
		lc->file->first = period_first_day(per, key);
	if (lc->file->last == DAY_NONE || last > lc->file->last)
		lc->file->last = last;
	return 0;
}

typedef struct {
	char **s;
	size_t n, cap;
} strlist;

static void strlist_free(strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->s[i]);
	free(l->s);
}

static int cmp_file(const void *a, const void *b)
{
	return strcmp(((const datafile_t *)a)->name, ((const datafile_t *)b)->name);
}

/* The exports in data/ into m->files; every other name (an .ods, a .txt) into `others`, to be
 * suggested when an export is missing. */
static int list_files(model_t *m, const char *datadir, const char *shown_dir, strlist *others, diag_t *d)
{
	char **names;
	long n = plat_list(datadir, &names);
	if (n < 0) {
		diag(d, DIAG_ERROR, shown_dir, 0, 0, "kan de map met gegevens niet openen (%s)", strerror(errno));
		return -1;
	}
	size_t cap = 0;
	for (long i = 0; i < n; i++) {
		const char *name = names[i];
		/* ~$x.xlsx: the lock file Excel keeps beside a workbook it has open */
		if (name[0] == '.' || !strncmp(name, "~$", 2))
			continue;
		if (!strcmp(name, "voorbeelddata.txt")) {
			m->voorbeelddata = 1;
			continue;
		}
		/* a CSV file or an Excel workbook (an old .xls is listed, to be refused by name) */
		if (data_stem_len(name) == strlen(name) || data_stem_len(name) == 0) {
			others->s = xgrow(others->s, &others->cap, others->n, sizeof *others->s);
			others->s[others->n++] = xstrdup(name);
			continue;
		}
		/* the finances are no KPI's export (load/finance.c reads them) */
		if (data_stem_len(name) == strlen(FINANCE_STEM) && !strncmp(name, FINANCE_STEM, strlen(FINANCE_STEM)))
			continue;
		m->files = xgrow(m->files, &cap, m->nfiles, sizeof *m->files);
		datafile_t *f = &m->files[m->nfiles++];
		memset(f, 0, sizeof *f);
		f->name = xstrdup(name);
		f->first = f->last = f->end = f->stand = f->cover_end = f->after_last = DAY_NONE;
	}
	free_names(names, n);
	if (m->nfiles)
		qsort(m->files, m->nfiles, sizeof *m->files, cmp_file);
	return 0;
}

/* --- an export that is missing, or named a little differently -------------------------------- */

static const datafile_t *source_file(const model_t *m, const char *bron, const datafile_t **other);

/* `name` without its extension (any), in small letters, without a copy's " (1)" or "-kopie";
 * out: 256 bytes. */
static void plain_stem(const char *name, char *out)
{
	size_t n = strlen(name);
	const char *dot = strrchr(name, '.');
	if (dot && dot != name)
		n = (size_t)(dot - name);
	if (n > 255)
		n = 255;
	for (size_t i = 0; i < n; i++)
		out[i] = (char)((name[i] >= 'A' && name[i] <= 'Z') ? name[i] - 'A' + 'a' : name[i]);
	out[n] = '\0';
	char *p = strrchr(out, '(');
	if (p && p > out && out[n - 1] == ')' && strspn(p + 1, "0123456789") == strlen(p + 1) - 1) {
		while (p > out && p[-1] == ' ')
			p--;
		*p = '\0';
	}
	size_t l = strlen(out);
	if (l > 6 && !strcmp(out + l - 6, "-kopie"))
		out[l - 6] = '\0';
	else if (l > 6 && !strcmp(out + l - 6, " kopie"))
		out[l - 6] = '\0';
}

/* Letters to change, add or remove to get from a to b (at most `max` + 1 is told). */
static int edits(const char *a, const char *b, int max)
{
	size_t la = strlen(a), lb = strlen(b);
	if ((la > lb ? la - lb : lb - la) > (size_t)max)
		return max + 1;
	int row[257];
	for (size_t j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int diag_prev = row[0], best = row[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int up = row[j], v = diag_prev + (a[i - 1] != b[j - 1]);
			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			diag_prev = up;
			row[j] = v;
			if (v < best)
				best = v;
		}
		if (best > max)
			return max + 1;
	}
	return row[lb];
}

/* A name in data/ that is probably the export `bron` names, though it does not serve it: the
 * same name with another extension (.ods, .txt), a copy ("terugbelverzoeken (1).csv"), or a
 * name one or two letters off. Files that serve another KPI are not suggested. NULL if none. */
static const char *near_name(const model_t *m, const char *bron, const strlist *others)
{
	char want[256], have[256];
	plain_stem(bron, want);
	const char *best = NULL;
	int best_d = 3;
	for (size_t pass = 0; pass < 2; pass++) {
		size_t n = pass ? others->n : m->nfiles;
		for (size_t i = 0; i < n; i++) {
			const char *name = pass ? others->s[i] : m->files[i].name;
			int used = 0;
			for (size_t j = 0; j < m->nkpis && !pass; j++)
				used |= model_serves(m->kpis[j]->def.bron, name);
			if (used)
				continue;
			plain_stem(name, have);
			int dist = edits(want, have, strlen(want) >= 6 ? 2 : 0);
			if (dist < best_d) {
				best_d = dist;
				best = name;
			}
		}
	}
	return best;
}

static int ext_is(const char *name, const char *ext)
{
	size_t n = strlen(name), l = strlen(ext);
	return n > l && !strcasecmp(name + n - l, ext);
}

/* Every source a KPI reads is in data/, once: a missing one is named at its own place in data/,
 * with what probably was meant; one read under a name in other capitals gets a notice. */
static int check_sources(const model_t *m, const char *shown_dir, const strlist *others, strset_t *suggested,
                         diag_t *d)
{
	int rv = 0;
	for (size_t i = 0; i < m->nkpis; i++) {
		const kpi_t *k = m->kpis[i];
		const datafile_t *two, *one = source_file(m, k->def.bron, &two);
		int stem = (int)data_stem_len(k->def.bron), again = 0, more = 0;
		for (size_t j = 0; j < m->nkpis; j++) {
			if (!model_serves(m->kpis[j]->def.bron, k->def.bron))
				continue;
			again |= j < i;
			more += j > i;
		}
		if (again)
			continue; /* said with the first KPI that reads it */
		char *file = export_is_workbook(k->def.bron) ? xstrdup(k->def.bron) : xasprintf("%.*s.csv", stem, k->def.bron);
		char *shown = path_join(shown_dir, file);
		int line = k->src.key_line[SRC_BRON] ? k->src.key_line[SRC_BRON] : k->src.line;
		char who[200];
		if (more)
			snprintf(who, sizeof who, "kpi '%s' en nog %d", k->def.id, more);
		else
			snprintf(who, sizeof who, "kpi '%s'", k->def.id);
		if (!one) {
			const char *near = near_name(m, k->def.bron, others);
			buf_t b = {0};
			if (near)
				strset_add(suggested, near); /* said here: no notice that no KPI reads it */
			if (!near) {
				buf_printf(&b, "deze export staat niet in %s (en %.*s.%s ook niet). %c%s leest hem: 'bron: %s' in %s:%d. "
				               "Zet de export in %s met deze naam, of verbeter 'bron:'",
				           shown_dir, stem, k->def.bron, export_is_workbook(file) ? "csv" : "xlsx", who[0] - 'a' + 'A',
				           who + 1, k->def.bron, k->src.file, line, shown_dir);
			} else {
				buf_printf(&b, "deze export staat niet in %s; bedoelt u %s? ", shown_dir, near);
				if (ext_is(near, ".ods") || ext_is(near, ".numbers"))
					buf_printf(&b, "Dat is geen CSV-bestand of Excel-werkmap: sla het op als Excel-werkmap %.*s.xlsx. ",
					           stem, k->def.bron);
				else if (data_stem_len(near) < strlen(near))
					buf_printf(&b, "Hernoem het naar %.*s%s. ", stem, k->def.bron, near + data_stem_len(near));
				else
					buf_printf(&b, "Hernoem het naar %s. ", file);
				buf_printf(&b, "%c%s leest deze export: 'bron: %s' in %s:%d", who[0] - 'a' + 'A', who + 1, k->def.bron,
				           k->src.file, line);
			}
			diag(d, DIAG_ERROR, shown, 0, 0, "%s", b.s);
			buf_free(&b);
			rv = -1;
		} else if (two) {
			diag(d, DIAG_ERROR, shown_dir, 0, 0,
			     "hier staan zowel '%s' als '%s'; laat er één staan, dan is duidelijk welke meetlat leest (%s, 'bron: "
			     "%s' in %s:%d)",
			     one->name, two->name, who, k->def.bron, k->src.file, line);
			rv = -1;
		} else if (strncmp(one->name, k->def.bron, (size_t)stem) != 0) {
			char *read = path_join(shown_dir, one->name);
			diag(d, DIAG_NOTE, read, 0, 0,
			     "gelezen voor %s, die '%s' noemt (%s:%d): de naam verschilt alleen in hoofdletters. Geef het bestand "
			     "liever precies die naam",
			     who, k->def.bron, k->src.file, line);
			free(read);
		}
		free(shown);
		free(file);
	}
	return rv;
}

/* Does data file `file` serve the source `bron`? "x", "x.csv" and "x.xlsx" name one source,
 * served by x.csv or x.xlsx, whichever is there. */
#define serves model_serves

/* The file that serves `bron`, or NULL; *other is a second one when there are two. */
static const datafile_t *source_file(const model_t *m, const char *bron, const datafile_t **other)
{
	const datafile_t *f = NULL;
	*other = NULL;
	for (size_t i = 0; i < m->nfiles; i++) {
		if (!serves(bron, m->files[i].name))
			continue;
		if (!f)
			f = &m->files[i];
		else if (!*other)
			*other = &m->files[i];
	}
	return f;
}

/* `f` is the one file that serves the KPI (two files for one source are an error). */
static int reads(const model_t *m, const kpi_def *k, const datafile_t *f)
{
	const datafile_t *other;
	return source_file(m, k->bron, &other) == f && !other;
}

/* One reading of the data: the reference date if known, the bounds outside which a date is a
 * typo (DAY_NONE: not known yet), and in the first reading the scan of every date. */
typedef struct {
	int peil, lo, hi;
	int derived;      /* the reference date comes from the data */
	datescan *scan;
	date_at *spans;   /* per KPI, see loadctx */
	const datafile_t **span_file;
	const strset_t *suggested; /* files named as what a KPI probably meant: no notice of their own */
} reading;

/* --- a large export on two threads (csvread.h, csv_parts) ------------------------------------ */

/* The rows after the cut: a context of their own, with an engine, a file record, a scan of dates
 * and a first row beyond the span per KPI of their own; part_join adds them up in order. */
typedef struct {
	loadctx lc;
	datafile_t file;
	datescan scan;
} load_part;

static int day_min(int a, int b)
{
	return a == DAY_NONE || (b != DAY_NONE && b < a) ? b : a;
}

static int day_max(int a, int b)
{
	return a == DAY_NONE || (b != DAY_NONE && b > a) ? b : a;
}

static void *part_split(void *vp, diag_t *d)
{
	const loadctx *lc = vp;
	date_tables(); /* filled here, before the thread: none fills them on it */
	day0();
	load_part *pt = xcalloc(1, sizeof *pt);
	loadctx *q = &pt->lc;
	*q = *lc;
	q->e = engine_part(lc->e);
	q->d = d;
	q->ks = xmalloc((lc->nks ? lc->nks : 1) * sizeof *q->ks);
	memcpy(q->ks, lc->ks, lc->nks * sizeof *q->ks);
	for (size_t i = 0; i < lc->nks; i++)
		q->ks[i].too_many = 0;
	pt->file.name = lc->file->name;
	pt->file.first = pt->file.last = pt->file.end = pt->file.after_last = DAY_NONE;
	q->file = &pt->file;
	if (lc->scan) {
		pt->scan.count = xcalloc((size_t)(day_from_ymd(2200, 1, 1) - day0()), sizeof *pt->scan.count);
		pt->scan.max = DAY_NONE;
		q->scan = &pt->scan;
	}
	q->spans = xcalloc(lc->m->nkpis ? lc->m->nkpis : 1, sizeof *q->spans);
	q->span_file = xcalloc(lc->m->nkpis ? lc->m->nkpis : 1, sizeof *q->span_file);
	q->typo_rows = q->typo_named = 0;
	memset(q->day_state, 0, sizeof q->day_state);
	memset(q->memo, 0, sizeof q->memo);
	q->said = 0;
	memset(&q->group, 0, sizeof q->group);
	q->seen = NULL;
	q->nseen = q->capseen = 0;
	return pt;
}

static void part_drop(void *pp)
{
	load_part *pt = pp;
	loadctx *q = &pt->lc;
	if (q->e)
		engine_free(q->e);
	free(q->ks);
	free(q->spans);
	free(q->span_file);
	buf_free(&q->group);
	seen_free(q);
	free(pt->scan.count);
	free(pt->file.months);
	free(pt);
}

/* The part's rows as if read after lc's own: 0; -1 when a message or count of them would not be
 * what one reading gives (the reader then reads them again). */
static int part_join(void *vp, void *pp)
{
	loadctx *lc = vp;
	load_part *pt = pp;
	loadctx *q = &pt->lc;
	int ok = q->typo_rows == 0 || lc->typo_named + q->typo_rows <= TYPO_NAMED;
	for (size_t i = 0; i < lc->nks; i++)
		ok &= !q->ks[i].too_many;
	for (size_t i = 0; i < lc->m->nkpis; i++)
		ok &= !q->spans[i].line;
	if (ok)
		ok = engine_merge(lc->e, q->e) == 0; /* frees q->e */
	else
		engine_free(q->e);
	q->e = NULL;
	if (ok) {
		datafile_t *f = lc->file;
		const datafile_t *g = &pt->file;
		f->first = day_min(f->first, g->first);
		f->last = day_max(f->last, g->last);
		f->end = day_max(f->end, g->end);
		f->typos += g->typos;
		if (!f->after)
			f->after_line = g->after_line;
		f->after += g->after;
		f->after_last = day_max(f->after_last, g->after_last);
		if (g->nmonths) {
			month_slot(f, g->month0);
			month_slot(f, g->month0 + (int)g->nmonths - 1);
			for (size_t i = 0; i < g->nmonths; i++)
				f->months[g->month0 + (int)i - f->month0] += g->months[i];
		}
		if (lc->scan) {
			size_t n = (size_t)(day_from_ymd(2200, 1, 1) - day0());
			for (size_t i = 0; i < n; i++)
				lc->scan->count[i] += pt->scan.count[i];
			lc->scan->total += pt->scan.total;
			lc->scan->max = day_max(lc->scan->max, pt->scan.max);
		}
		lc->typo_rows += q->typo_rows;
		lc->typo_named += q->typo_named;
	}
	part_drop(pt);
	return ok ? 0 : -1;
}

static const csv_parts load_parts[2] = {{part_split, part_join, part_drop, 0}, {part_split, part_join, part_drop, 1}};

static int read_one(model_t *m, engine_t *e, datafile_t *f, const char *datadir,
                    const char *shown_dir, const reading *rd, diag_t *d)
{
	loadctx lc = {0};
	lc.m = m;
	lc.e = e;
	lc.d = d;
	lc.derived = rd->derived;
	lc.file = f;
	lc.peil = rd->peil;
	lc.lo = rd->lo;
	lc.hi = rd->hi;
	lc.scan = rd->scan;
	lc.spans = rd->spans;
	lc.span_file = rd->span_file;
	int is_values = lc.is_values = data_stem_len(f->name) == 3 && !strncmp(f->name, "kpi", 3);
	/* a workbook's sheet and header row: the same for all KPIs that read the file */
	const kpi_t *first = NULL;
	int bad_sheet = 0;
	if (is_values) {
		lc.cols[0] = "kpi";
		lc.cols[1] = "periode";
		lc.cols[2] = "waarde";
		lc.ncols = 3;
	}
	for (size_t i = 0; i < m->nkpis; i++) {
		const kpi_t *kp = m->kpis[i];
		const kpi_def *k = &kp->def;
		if (!reads(m, k, f))
			continue;
		if (!first) {
			first = kp;
		} else if (((first->def.blad || k->blad) && !str_eq(first->def.blad, k->blad)) ||
		           first->def.kopregel != k->kopregel) {
			diag(d, DIAG_ERROR, kp->src.file, kp->src.line, kp->src.col,
			     "kpi '%s' leest %s anders dan kpi '%s' (%s:%d): geef ze dezelfde 'blad' en 'kopregel'", k->id,
			     f->name, first->def.id, first->src.file, first->src.line);
			bad_sheet = 1;
		}
		lc.ks = xrealloc(lc.ks, (lc.nks + 1) * sizeof *lc.ks);
		kread *st = &lc.ks[lc.nks++];
		memset(st, 0, sizeof *st);
		st->ki = i;
		st->k = k;
		if (is_values)
			continue;
		st->c_date = col_index(&lc, k->start ? k->start : k->datum, kp, k->start ? SRC_START : SRC_DATUM);
		st->c_end = col_index(&lc, k->einde, kp, SRC_EINDE);
		st->c_col = col_index(&lc, k->kolom, kp, SRC_KOLOM);
		st->c_group = col_index(&lc, k->groep, kp, SRC_GROEP);
		for (size_t q = 0; q < k->nfilters; q++)
			st->c_filter[q] = col_index(&lc, k->filters[q].kolom, kp, SRC_FILTER + (int)q);
		/* the columns read as dates, each once */
		for (int q = 0; q < 2; q++) {
			int c = q ? st->c_end : st->c_date, dup = c < 0;
			for (int j = 0; j < lc.ndatecols && !dup; j++)
				dup = lc.datecols[j] == c;
			if (!dup)
				lc.datecols[lc.ndatecols++] = c;
		}
		int over = st->c_date == -2 || st->c_end == -2 || st->c_col == -2 || st->c_group == -2;
		for (size_t q = 0; q < k->nfilters; q++)
			over |= st->c_filter[q] == -2;
		if (over) {
			diag(d, DIAG_ERROR, kp->src.file, kp->src.line, kp->src.col,
			     "de kpi's samen gebruiken meer dan %d kolommen van %s; verdeel ze over minder kolommen",
			     MAX_COLS, f->name);
			for (int c = 0; c < lc.ncols; c++)
				free(lc.used_by[c]);
			free(lc.ks);
			return -1;
		}
	}
	if (bad_sheet) {
		for (int c = 0; c < lc.ncols; c++)
			free(lc.used_by[c]);
		free(lc.ks);
		return -1;
	}
	char *path = path_join(datadir, f->name);
	char *shown = path_join(shown_dir, f->name);
	lc.shown = shown;
	const char *blad = first ? first->def.blad : NULL;
	int kopregel = first ? first->def.kopregel : 0;
	if ((blad || kopregel) && !export_is_workbook(f->name))
		diag(d, DIAG_NOTE, first->src.file, first->src.line, first->src.col,
		     "kpi '%s': 'blad' en 'kopregel' gelden voor een Excel-werkmap; %s is een CSV-bestand en wordt gelezen "
		     "vanaf de eerste regel",
		     first->def.id, shown);
	csv_info info;
	f->first = f->last = f->end = f->after_last = DAY_NONE;
	f->typos = f->after = f->after_line = 0;
	free(f->months);
	free(f->gap);
	f->months = NULL;
	f->gap = NULL;
	f->nmonths = 0;
	/* a large export on two threads; kpi.csv (reported values, not counts to add up) on one */
	int rv = export_read(path, shown, blad, kopregel, lc.cols, (const char *const *)lc.used_by, lc.ncols,
	                     is_values ? on_value_row : on_row, &lc, is_values ? NULL : &load_parts[m->fingerprints != 0],
	                     d, &info);
	for (int c = 0; c < lc.ncols; c++)
		free(lc.used_by[c]);
	buf_free(&lc.group);
	seen_free(&lc);
	if (lc.typo_rows > lc.typo_named)
		diag(d, DIAG_WARN, shown, 0, 0, "en nog %ld %s met een datum ver van alle andere; ook die tellen niet mee",
		     lc.typo_rows - lc.typo_named, lc.typo_rows - lc.typo_named == 1 ? "regel" : "regels");
	f->rows = info.rows;
	f->fingerprint = info.fingerprint;
	f->cp1252 = info.cp1252;
	f->used = 1;
	free(lc.ks);
	free(path);
	free(shown);
	return rv;
}

/* Read every file a KPI uses into a new engine; the engine is returned for engine_finish. */
static engine_t *read_all(model_t *m, const char *datadir, const char *shown_dir, const reading *rd,
                          int content_errors, diag_t *d, int *rv)
{
	engine_t *e = engine_new(m, rd->peil);
	memset(rd->spans, 0, (m->nkpis ? m->nkpis : 1) * sizeof *rd->spans);
	for (size_t i = 0; i < m->nfiles; i++) {
		datafile_t *f = &m->files[i];
		int used = 0, read = 0;
		for (size_t j = 0; j < m->nkpis; j++) {
			used |= serves(m->kpis[j]->def.bron, f->name);
			read |= reads(m, &m->kpis[j]->def, f);
		}
		if (!used && content_errors)
			continue;
		if (!used && strset_has(rd->suggested, f->name))
			continue;
		if (!used) {
			char *shown = path_join(shown_dir, f->name);
			diag(d, DIAG_NOTE, shown, 0, 0, "geen enkele kpi gebruikt dit bestand; het wordt niet gelezen");
			free(shown);
			continue;
		}
		if (!read)
			continue; /* two files for one source: said in data_load */
		if (read_one(m, e, f, datadir, shown_dir, rd, d) != 0)
			*rv = -1;
	}
	return e;
}

/* Typos in dates: a few values (at most 3, or 0,1% of all dates) that lie far beyond the rest,
 * more than a quarter after the next later date or more than a year before the next earlier
 * one, count nowhere. The whole group beyond such a gap is looked at, not one date (two typos
 * in one row, 2-3-2062 and 3-3-2062, are both typos), as often as it applies. One stray date
 * can then not move the reference date, nor start every chart in 1924. */
#define OUTLIER_GAP_LATE 92
#define OUTLIER_GAP_EARLY 366

static void robust_range(const datescan *sc, int *lo, int *hi)
{
	int base = day0(), end = day_from_ymd(2200, 1, 1);
	long limit = sc->total / 1000 > 3 ? sc->total / 1000 : 3;
	for (int dir = 0; dir < 2; dir++) {
		int late = dir == 0, step = late ? -1 : 1, gap = late ? OUTLIER_GAP_LATE : OUTLIER_GAP_EARLY;
		int d = late ? end - 1 : base;
		while (d >= base && d < end && sc->count[d - base] == 0)
			d += step;
		int bound = d;
		long tail = 0;
		while (d >= base && d < end) {
			tail += sc->count[d - base];
			if (tail > limit)
				break;
			int next = d + step;
			while (next >= base && next < end && sc->count[next - base] == 0)
				next += step;
			if (next < base || next >= end)
				break;
			if ((late ? d - next : next - d) > gap)
				bound = next; /* everything beyond `next` is a typo */
			d = next;
		}
		if (late)
			*hi = bound;
		else
			*lo = bound;
	}
}

/* A file that stops more than one period (of the finest KPI reading it) before the reference
 * date is probably an old export. */
static void stale_notes(const model_t *m, const char *shown_dir, diag_t *d)
{
	static const int span[] = {31, 92, 366};
	for (size_t i = 0; i < m->nfiles; i++) {
		const datafile_t *f = &m->files[i];
		if (!f->used || f->cover_end == DAY_NONE)
			continue;
		int per = PER_JAAR;
		for (size_t j = 0; j < m->nkpis; j++)
			if (reads(m, &m->kpis[j]->def, f) && (int)m->kpis[j]->def.per < per)
				per = (int)m->kpis[j]->def.per;
		if (m->peildatum - f->cover_end <= span[per])
			continue;
		char last[40], peil[40];
		present_date(f->cover_end, last);
		present_date(m->peildatum, peil);
		char *shown = path_join(shown_dir, f->name);
		diag(d, DIAG_NOTE, shown, 0, 0, "loopt tot %s, ruim voor de peildatum (%s); is deze export vernieuwd? Zo niet, "
		                                "dan tonen alle uitvoerbestanden de cijfers als 'tot %s'",
		     last, peil, last);
		free(shown);
	}
}

/* Rows that start after the reference date are information known later: counted in the next
 * edition, named now. */
static void after_notes(const model_t *m, const char *shown_dir, diag_t *d)
{
	char peil[40], last[40];
	present_date(m->peildatum, peil);
	for (size_t i = 0; i < m->nfiles; i++) {
		const datafile_t *f = &m->files[i];
		if (!f->after)
			continue;
		present_date(f->after_last, last);
		char *shown = path_join(shown_dir, f->name);
		diag(d, DIAG_NOTE, shown, f->after_line, 0,
		     "%ld %s na de peildatum (%s), tot %s; %s pas mee in een volgende editie", f->after,
		     f->after == 1 ? "regel begint" : "regels beginnen", peil, last, f->after == 1 ? "die telt" : "die tellen");
		free(shown);
	}
}

/* What each export covers: up to its latest date, or the date the content states for it
 * ('stand'), whichever is later; and the months inside its span where it has no row at all
 * while it normally has many (the median month times the months without rows is at least
 * GAP_MIN): gaps, which have no figures. */
#define GAP_MIN 10

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;
	return (x > y) - (x < y);
}

static void coverage(model_t *m)
{
	for (size_t i = 0; i < m->nfiles; i++) {
		datafile_t *f = &m->files[i];
		f->stand = DAY_NONE;
		for (size_t j = 0; j < m->nstands; j++)
			if (serves(m->stands[j].file, f->name))
				f->stand = m->stands[j].day;
		f->cover_end = f->end != DAY_NONE && (f->stand == DAY_NONE || f->end > f->stand) ? f->end : f->stand;
		free(f->gap);
		f->gap = NULL;
		if (f->nmonths < 3)
			continue;
		/* the whole months inside the span: not the first and the last, which may be partial */
		size_t n = f->nmonths - 2;
		long *sorted = xmalloc(n * sizeof *sorted);
		memcpy(sorted, f->months + 1, n * sizeof *sorted);
		qsort(sorted, n, sizeof *sorted, cmp_long);
		long median = sorted[n / 2];
		free(sorted);
		if (median == 0)
			continue;
		/* a run of empty months is a gap when that many months would normally hold at least
		 * GAP_MIN rows: one quiet month of a small export is not, a missing quarter is */
		f->gap = xcalloc(f->nmonths, 1);
		for (size_t k = 1; k + 1 < f->nmonths;) {
			size_t run = 0;
			while (k + run + 1 < f->nmonths && f->months[k + run] == 0)
				run++;
			if (run && (long)run * median >= GAP_MIN)
				memset(f->gap + k, 1, run);
			k += run ? run : 1;
		}
	}
}

/* The reference date the data give: the last day of the last complete month they cover, not
 * the single latest date (an early-January callback for a December request does not make the
 * report one of January). A month is complete when the data reach its last working day. */
static int complete_month(model_t *m, int end)
{
	int month = period_of(PER_MAAND, end), last = period_last_day(PER_MAAND, month), work = last;
	while (work > end && !calendar_is_workday(&m->cal, work))
		work--;
	return end >= work ? last : period_first_day(PER_MAAND, month) - 1;
}

/* A 'stand' in the content names an export that a KPI reads. */
static void check_stands(const model_t *m, diag_t *d)
{
	for (size_t i = 0; i < m->nstands; i++) {
		const stand_t *st = &m->stands[i];
		int found = 0;
		for (size_t j = 0; j < m->nkpis; j++)
			found |= serves(m->kpis[j]->def.bron, st->file);
		if (!found)
			diag(d, DIAG_ERROR, st->src.file, st->src.line, st->src.col,
			     "'stand' noemt %s, maar geen kpi leest dat bestand; controleer de naam", st->file);
	}
}

int data_load(model_t *m, const char *datadir, const char *shown_dir, int peildatum, diag_t *d)
{
	/* after errors in the content a KPI may be missing: say nothing that follows from that */
	int content_errors = diag_errors(d) > 0;
	strlist others = {0};
	if (list_files(m, datadir, shown_dir, &others, d) != 0)
		return -1;
	int rv = 0;
	int peil = peildatum != DAY_NONE ? peildatum : m->conf_peildatum;
	m->peildatum_bron = peildatum != DAY_NONE ? PEIL_OPDRACHTREGEL
	                    : peil != DAY_NONE    ? PEIL_INSTELLING
	                                          : PEIL_GEGEVENS;
	strset_t suggested = {0};
	if (check_sources(m, shown_dir, &others, &suggested, d) != 0)
		rv = -1;
	strlist_free(&others);
	/* The first reading counts every date, to find typos and (when it is not given) the reference
	 * date, and says nothing. When it had something to say, or found typos or rows after the
	 * reference date, the data are read once more with all that known: that reading gives every
	 * message, each in its row's place, and a row with a typo counts nowhere and gets no other
	 * message than the warning that names it. */
	datescan sc = {0};
	sc.count = xcalloc((size_t)(day_from_ymd(2200, 1, 1) - day0()), sizeof *sc.count);
	sc.max = DAY_NONE;
	date_at *spans = xcalloc(m->nkpis ? m->nkpis : 1, sizeof *spans);
	const datafile_t **span_file = xcalloc(m->nkpis ? m->nkpis : 1, sizeof *span_file);
	int derived = m->peildatum_bron == PEIL_GEGEVENS;
	reading rd = {peil, DAY_NONE, DAY_NONE, derived, &sc, spans, span_file, &suggested};
	int quiet = d->mute;
	long held = d->muted;
	d->mute = 1;
	engine_t *e = read_all(m, datadir, shown_dir, &rd, content_errors, d, &rv);
	d->mute = quiet;
	held = d->muted - held;
	int lo = DAY_NONE, hi = DAY_NONE;
	if (sc.max != DAY_NONE)
		robust_range(&sc, &lo, &hi);
	if (peil == DAY_NONE && sc.max == DAY_NONE) {
		if (held) {
			engine_free(e);
			reading again = {DAY_NONE, DAY_NONE, DAY_NONE, derived, NULL, spans, span_file, &suggested};
			e = read_all(m, datadir, shown_dir, &again, content_errors, d, &rv);
		}
		if (rv == 0 && !content_errors)
			diag(d, DIAG_ERROR, NULL, 0, 0,
			     "er is geen peildatum: de gegevens bevatten geen datums; geef --peildatum JJJJ-MM-DD of zet 'peildatum' in de inhoud");
		engine_free(e);
		free(spans);
		free(span_file);
		free(sc.count);
		strset_free(&suggested);
		return -1;
	}
	int typos = 0;
	if (sc.max != DAY_NONE) {
		for (int x = day0(); x < lo && !typos; x++)
			typos = sc.count[x - day0()] > 0;
		typos |= hi != sc.max;
	}
	int any = typos || held, early = 0;
	if (peil == DAY_NONE) {
		/* derived from the data: the last complete month; rows after it are read again as
		 * information known after the reference date */
		int end = hi;
		for (size_t i = 0; i < m->nstands; i++)
			if (m->stands[i].day > end)
				end = m->stands[i].day;
		peil = complete_month(m, end);
		any |= hi > peil;
	} else if (sc.max != DAY_NONE && peil < lo) {
		early = 1;
	}
	if (any) {
		engine_free(e);
		reading again = {peil, typos ? lo : DAY_NONE, typos ? hi : DAY_NONE, derived, NULL, spans, span_file, &suggested};
		e = read_all(m, datadir, shown_dir, &again, content_errors, d, &rv);
	}
	if (early) {
		char pd[40], first[40];
		present_date(peil, pd);
		present_date(lo, first);
		diag(d, DIAG_ERROR, m->peildatum_bron == PEIL_INSTELLING ? m->conf_file : NULL, 0, 0,
		     "de peildatum %s ligt voor de eerste datum in de gegevens (%s); dan is er niets te laten zien. Kies een "
		     "latere peildatum",
		     pd, first);
		rv = -1;
	}
	coverage(m);
	engine_finish(e, peil);
	engine_free(e);
	for (size_t i = 0; i < m->nkpis; i++) {
		if (!spans[i].line)
			continue;
		char day[40];
		present_date(spans[i].day, day);
		char *shown = path_join(shown_dir, span_file[i]->name);
		diag(d, DIAG_ERROR, shown, spans[i].line, spans[i].col,
		     "kolom '%s': met %s lopen de datums van kpi '%s' over meer dan %d jaar; meer laat meetlat niet zien. "
		     "Klopt de datum, en horen de oudste regels nog in de export?",
		     spans[i].column, day, m->kpis[i]->def.id, MAX_SPAN_YEARS);
		free(shown);
		rv = -1;
	}
	free(spans);
	free(span_file);
	free(sc.count);
	strset_free(&suggested);
	if (!content_errors)
		check_stands(m, d);
	if (!diag_errors(d)) {
		/* what the figures cover; after an error, the errors come first */
		stale_notes(m, shown_dir, d);
		after_notes(m, shown_dir, d);
	}
	return rv;
}

void data_notes(const model_t *m, const char *shown_dir, diag_t *d)
{
	for (size_t i = 0; i < m->nfiles; i++) {
		const datafile_t *f = &m->files[i];
		if (!f->used || !f->cp1252)
			continue;
		char fp[17];
		snprintf(fp, sizeof fp, "%016llx", f->fingerprint);
		int seen = 0;
		for (size_t e = 0; e < m->neditions && !seen; e++)
			for (size_t j = 0; j < m->editions[e].nsources && !seen; j++)
				seen = !strcmp(m->editions[e].sources[j].file, f->name) &&
				       !strcmp(m->editions[e].sources[j].fingerprint, fp);
		if (seen)
			continue;
		char *shown = path_join(shown_dir, f->name);
		diag(d, DIAG_NOTE, shown, 0, 0,
		     "het bestand is geen UTF-8; gelezen als Windows-1252 (Excel 'CSV') en omgezet (dit meldt meetlat bij een "
		     "nieuwe of veranderde export)");
		free(shown);
	}
}
