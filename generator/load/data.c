/* kpi.c - see kpi.h. Definitions and formulas are documented in docs/definities.md,
 * which the site's "Bronnen en definities" page shows; keep them in step. */
#include "load/data.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "load/csvread.h"
#include "base/fmt.h"
#include "base/util.h"

/* --- per-KPI streaming state -------------------------------------------------------- */

typedef struct {
	kpi_t *k;
	int c_date, c_end, c_col, c_group; /* requested-column indexes, -1 if unused */
	int c_filter[8];
	/* group name -> index into k->groups, open addressing */
	int *slot;
	size_t nslot;
	size_t capgroups;
} kstate;

typedef struct {
	model_t *m;
	datafile_t *file;
	const char *cols[MAX_COLS];
	int ncols;
	kstate *ks;
	size_t nks;
	int peil;        /* known reference date or DAY_NONE */
	int *max_day;    /* latest date seen in any file */
	/* per-row cache of parsed columns */
	int day[MAX_COLS];
	signed char day_state[MAX_COLS]; /* 0 not parsed, 1 ok, 2 empty, 3 bad */
	int errors_before;
} loadctx;

static int col_index(loadctx *lc, const char *name)
{
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
	return lc->ncols++;
}

static unsigned long hash_str(const char *s)
{
	unsigned long h = 5381;
	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static series_t *series_for(kstate *st, const char *name)
{
	kpi_t *k = st->k;
	if (!st->nslot || k->ngroups * 2 >= st->nslot) {
		size_t ns = st->nslot ? st->nslot * 2 : 64;
		int *slot = xmalloc(ns * sizeof *slot);
		for (size_t i = 0; i < ns; i++)
			slot[i] = -1;
		for (size_t g = 0; g < k->ngroups; g++) {
			size_t h = hash_str(k->groups[g].name) & (ns - 1);
			while (slot[h] >= 0)
				h = (h + 1) & (ns - 1);
			slot[h] = (int)g;
		}
		free(st->slot);
		st->slot = slot;
		st->nslot = ns;
	}
	size_t h = hash_str(name) & (st->nslot - 1);
	while (st->slot[h] >= 0) {
		series_t *s = &k->groups[st->slot[h]];
		if (!strcmp(s->name, name))
			return s;
		h = (h + 1) & (st->nslot - 1);
	}
	k->groups = xgrow(k->groups, &st->capgroups, k->ngroups, sizeof *k->groups);
	series_t *s = &k->groups[k->ngroups];
	memset(s, 0, sizeof *s);
	s->name = xstrdup(name);
	st->slot[h] = (int)k->ngroups++;
	return s;
}

static cell_t *cell_for(series_t *s, int key)
{
	if (s->ncells == 0) {
		s->cells = xcalloc(1, sizeof *s->cells);
		s->ncells = 1;
		s->first_key = key;
	} else if (key < s->first_key) {
		size_t add = (size_t)(s->first_key - key);
		s->cells = xrealloc(s->cells, (s->ncells + add) * sizeof *s->cells);
		memmove(s->cells + add, s->cells, s->ncells * sizeof *s->cells);
		memset(s->cells, 0, add * sizeof *s->cells);
		s->ncells += add;
		s->first_key = key;
	} else if ((size_t)(key - s->first_key) >= s->ncells) {
		size_t n = (size_t)(key - s->first_key) + 1;
		s->cells = xrealloc(s->cells, n * sizeof *s->cells);
		memset(s->cells + s->ncells, 0, (n - s->ncells) * sizeof *s->cells);
		s->ncells = n;
	}
	cell_t *c = &s->cells[key - s->first_key];
	c->key = key;
	return c;
}

static void cell_add_open(cell_t *c, int deadline)
{
	for (size_t i = c->nopen; i-- > 0;)
		if (c->open_deadline[i] == deadline) {
			c->open_count[i]++;
			return;
		}
	size_t cap = c->capopen;
	c->open_deadline = xgrow(c->open_deadline, &cap, c->nopen, sizeof *c->open_deadline);
	cap = c->capopen;
	c->open_count = xgrow(c->open_count, &cap, c->nopen, sizeof *c->open_count);
	c->capopen = cap;
	c->open_deadline[c->nopen] = deadline;
	c->open_count[c->nopen++] = 1;
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
		} else if (date_parse(s, len, &lc->day[i]) == 0) {
			lc->day_state[i] = 1;
			if (lc->day[i] > *lc->max_day)
				*lc->max_day = lc->day[i];
		} else {
			lc->day_state[i] = 3;
			csv_row_error(row, i, "kolom '%s': '%s' is geen datum (schrijf 2024-10-01 of 1-10-2024, eventueel met tijd)",
			              lc->cols[i], s);
		}
		if (lc->day_state[i] == 2 && required)
			csv_row_error(row, i, "kolom '%s' is leeg; hier hoort een datum", lc->cols[i]);
	}
	*day = lc->day[i];
	return lc->day_state[i];
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

static int same_text(const char *s, size_t len, const char *want)
{
	const char *t;
	size_t tl;
	trimmed(s, len, &t, &tl);
	return tl == strlen(want) && strncasecmp(t, want, tl) == 0;
}

static int filters_pass(loadctx *lc, kstate *st, const csv_row *row, int *bad)
{
	kpi_t *k = st->k;
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
				csv_row_error(row, i, "kolom '%s': '%s' is geen getal", lc->cols[i], row->val[i]);
				*bad = 1;
				return 0;
			}
			if (fl->op == FILTER_GROTER ? !(v > fl->getal) : !(v < fl->getal))
				return 0;
			break;
		}
	}
	return 1;
}

static void count_row(loadctx *lc, kstate *st, series_t *s, int key, int start, int end_state,
                      int end, double v, int hit)
{
	kpi_t *k = st->k;
	cell_t *c = cell_for(s, key);
	c->total++;
	switch (k->maat) {
	case MAAT_TERMIJN: {
		int deadline = k->werkdagen ? calendar_deadline(&lc->m->cal, start, k->termijn)
		                            : start + k->termijn;
		if (end_state == 1 && (lc->peil == DAY_NONE || end <= lc->peil)) {
			int late = end > deadline;
			c->n++;
			c->hits += k->lager ? late : !late;
		} else if (lc->peil == DAY_NONE) {
			cell_add_open(c, deadline);
		} else if (lc->peil > deadline) {
			c->n++;
			c->hits += k->lager ? 1 : 0;
		} else {
			c->open++;
		}
		break;
	}
	case MAAT_GEMIDDELDE:
		c->n++;
		c->sum += v;
		c->sumsq += v * v;
		c->hits += k->has_norm && (k->lager ? v <= k->norm : v >= k->norm);
		break;
	case MAAT_AANDEEL:
		c->n++;
		c->hits += hit;
		break;
	case MAAT_AANTAL:
		c->n++;
		break;
	case MAAT_WAARDE:
		break;
	}
}

static int on_row(void *vp, const csv_row *row)
{
	loadctx *lc = vp;
	memset(lc->day_state, 0, sizeof lc->day_state);
	for (size_t q = 0; q < lc->nks; q++) {
		kstate *st = &lc->ks[q];
		kpi_t *k = st->k;
		int bad = 0;
		if (!filters_pass(lc, st, row, &bad))
			continue;
		int day, end = 0, end_state = 0;
		if (row_day(lc, row, st->c_date, 1, &day) != 1)
			continue;
		if (k->einde) {
			end_state = row_day(lc, row, st->c_end, 0, &end);
			if (end_state == 3)
				continue;
			if (end_state == 1 && end < day) {
				csv_row_error(row, st->c_end, "kolom '%s' ligt voor kolom '%s'", lc->cols[st->c_end],
				              lc->cols[st->c_date]);
				continue;
			}
		}
		if (lc->peil != DAY_NONE && day > lc->peil)
			continue; /* after the reference date: not counted */
		if (day < lc->file->first || lc->file->first == DAY_NONE)
			lc->file->first = day;
		if (day > lc->file->last || lc->file->last == DAY_NONE)
			lc->file->last = day;
		double v = 0;
		int hit = 0;
		if (k->maat == MAAT_GEMIDDELDE && k->einde) {
			/* a duration: items not handled by the reference date are not counted */
			if (end_state != 1 || (lc->peil != DAY_NONE && end > lc->peil))
				continue;
			v = calendar_workdays_between(&lc->m->cal, day, end);
		} else if (k->maat == MAAT_GEMIDDELDE) {
			const char *s = row->val[st->c_col];
			if (num_parse(s, row->len[st->c_col], row->dot_is_thousands, &v) != 0) {
				const char *t;
				size_t tl;
				trimmed(s, row->len[st->c_col], &t, &tl);
				if (tl == 0)
					continue; /* no answer to this question: not counted */
				csv_row_error(row, st->c_col, "kolom '%s': '%s' is geen getal", lc->cols[st->c_col], s);
				continue;
			}
			if (k->has_range && (v < k->range_lo || v > k->range_hi)) {
				char lo[48], hi[48];
				fmt_num(k->range_lo, 0, lo);
				fmt_num(k->range_hi, 0, hi);
				csv_row_error(row, st->c_col, "kolom '%s': %s ligt niet tussen %s en %s",
				              lc->cols[st->c_col], s, lo, hi);
				continue;
			}
		} else if (k->maat == MAAT_AANDEEL) {
			hit = same_text(row->val[st->c_col], row->len[st->c_col], k->is);
		}
		int key = period_of(k->per, day);
		count_row(lc, st, &k->total, key, day, end_state, end, v, hit);
		if (st->c_group >= 0) {
			const char *g;
			size_t gl;
			trimmed(row->val[st->c_group], row->len[st->c_group], &g, &gl);
			char name[256];
			if (gl == 0) {
				g = "Onbekend";
				gl = 8;
			}
			if (gl > sizeof name - 1)
				gl = sizeof name - 1;
			memcpy(name, g, gl);
			name[gl] = '\0';
			count_row(lc, st, series_for(st, name), key, day, end_state, end, v, hit);
		}
	}
	return 0;
}

/* kpi.csv: manually reported values. */
static int on_value_row(void *vp, const csv_row *row)
{
	loadctx *lc = vp;
	const char *id;
	size_t idl;
	trimmed(row->val[0], row->len[0], &id, &idl);
	kpi_t *k = NULL;
	for (size_t q = 0; q < lc->nks; q++)
		if (strlen(lc->ks[q].k->id) == idl && !strncmp(lc->ks[q].k->id, id, idl))
			k = lc->ks[q].k;
	if (!k) {
		csv_row_error(row, 0, "kpi '%s' komt in geen enkele pagina voor (zie 'id' bij de kpi's)", row->val[0]);
		return 0;
	}
	per_t per;
	int key;
	double v;
	if (period_parse(row->val[1], row->len[1], &per, &key) != 0) {
		csv_row_error(row, 1, "'%s' is geen periode (schrijf 2024, 2024-K3 of 2024-09)", row->val[1]);
		return 0;
	}
	if (per != k->per) {
		static const char *const pw[] = {"maand", "kwartaal", "jaar"};
		csv_row_error(row, 1, "kpi '%s' wordt per %s gemeten; '%s' is geen %s", k->id, pw[k->per],
		              row->val[1], pw[k->per]);
		return 0;
	}
	if (num_parse(row->val[2], row->len[2], row->dot_is_thousands, &v) != 0) {
		csv_row_error(row, 2, "'%s' is geen getal", row->val[2]);
		return 0;
	}
	int last = period_last_day(per, key);
	if (lc->peil != DAY_NONE && last > lc->peil && period_first_day(per, key) > lc->peil)
		return 0;
	cell_t *c = cell_for(&k->total, key);
	if (c->n) {
		csv_row_error(row, 1, "kpi '%s' heeft voor %s al een waarde", k->id, row->val[1]);
		return 0;
	}
	c->n = c->total = 1;
	c->value = v;
	c->has_value = 1;
	if (lc->file->first == DAY_NONE || period_first_day(per, key) < lc->file->first)
		lc->file->first = period_first_day(per, key);
	if (lc->file->last == DAY_NONE || last > lc->file->last)
		lc->file->last = last;
	return 0;
}

static int cmp_file(const void *a, const void *b)
{
	return strcmp(((const datafile_t *)a)->name, ((const datafile_t *)b)->name);
}

static int cmp_series(const void *a, const void *b)
{
	return strcmp(((const series_t *)a)->name, ((const series_t *)b)->name);
}

static int list_files(model_t *m, const char *datadir, const char *shown_dir, diag_t *d)
{
	DIR *dh = opendir(datadir);
	if (!dh) {
		diag(d, DIAG_ERROR, shown_dir, 0, 0, "kan de map met gegevens niet openen (%s)", strerror(errno));
		return 1;
	}
	size_t cap = 0;
	struct dirent *de;
	while ((de = readdir(dh))) {
		if (de->d_name[0] == '.')
			continue;
		if (!strcmp(de->d_name, "voorbeelddata.txt"))
			m->voorbeelddata = 1;
		size_t l = strlen(de->d_name);
		if (l < 5 || strcasecmp(de->d_name + l - 4, ".csv") != 0)
			continue;
		m->files = xgrow(m->files, &cap, m->nfiles, sizeof *m->files);
		datafile_t *f = &m->files[m->nfiles++];
		memset(f, 0, sizeof *f);
		f->name = xstrdup(de->d_name);
		f->first = f->last = DAY_NONE;
	}
	closedir(dh);
	if (m->nfiles)
		qsort(m->files, m->nfiles, sizeof *m->files, cmp_file);
	return 0;
}

static datafile_t *find_file(model_t *m, const char *name)
{
	for (size_t i = 0; i < m->nfiles; i++)
		if (!strcmp(m->files[i].name, name))
			return &m->files[i];
	return NULL;
}

static int read_one(model_t *m, datafile_t *f, const char *datadir, const char *shown_dir,
                    int peil, int *max_day, diag_t *d)
{
	loadctx lc = {0};
	lc.m = m;
	lc.file = f;
	lc.peil = peil;
	lc.max_day = max_day;
	int is_values = !strcmp(f->name, "kpi.csv");
	if (is_values) {
		lc.cols[0] = "kpi";
		lc.cols[1] = "periode";
		lc.cols[2] = "waarde";
		lc.ncols = 3;
	}
	for (size_t i = 0; i < m->nkpis; i++) {
		kpi_t *k = m->kpis[i];
		if (strcmp(k->bron, f->name) != 0)
			continue;
		lc.ks = xrealloc(lc.ks, (lc.nks + 1) * sizeof *lc.ks);
		kstate *st = &lc.ks[lc.nks++];
		memset(st, 0, sizeof *st);
		st->k = k;
		if (is_values)
			continue;
		st->c_date = col_index(&lc, k->start ? k->start : k->datum);
		st->c_end = col_index(&lc, k->einde);
		st->c_col = col_index(&lc, k->kolom);
		st->c_group = col_index(&lc, k->groep);
		for (size_t q = 0; q < k->nfilters; q++)
			st->c_filter[q] = col_index(&lc, k->filters[q].kolom);
		int over = st->c_date == -2 || st->c_end == -2 || st->c_col == -2 || st->c_group == -2;
		for (size_t q = 0; q < k->nfilters; q++)
			over |= st->c_filter[q] == -2;
		if (over) {
			diag(d, DIAG_ERROR, k->file, k->line, k->col,
			     "de kpi's samen gebruiken meer dan %d kolommen van %s; verdeel ze over minder kolommen",
			     MAX_COLS, f->name);
			free(lc.ks);
			return 1;
		}
	}
	char *path = path_join(datadir, f->name);
	char *shown = path_join(shown_dir, f->name);
	csv_info info;
	int errs_before = diag_errors(d);
	csv_read(path, shown, lc.cols, lc.ncols, is_values ? on_value_row : on_row, &lc, d, &info);
	f->rows = info.rows;
	f->cp1252 = info.cp1252;
	f->used = 1;
	for (size_t q = 0; q < lc.nks; q++) {
		free(lc.ks[q].slot);
		kpi_t *k = lc.ks[q].k;
		if (k->ngroups)
			qsort(k->groups, k->ngroups, sizeof *k->groups, cmp_series);
	}
	free(lc.ks);
	free(path);
	free(shown);
	return diag_errors(d) - errs_before;
}

/* --- values and statuses ------------------------------------------------------------ */

double t95(long df)
{
	static const double t[31] = {0, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262,
		2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074,
		2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
	static const struct { double df, t; } tail[] = {{30, 2.042}, {40, 2.021}, {60, 2.000},
		{120, 1.980}, {1e300, 1.960}};
	if (df < 1)
		return NAN;
	if (df <= 30)
		return t[df];
	/* interpolate linearly in 1/df between tabulated points */
	for (int i = 0; i < 4; i++) {
		if (df <= tail[i + 1].df) {
			double x0 = 1 / tail[i].df, x1 = tail[i + 1].df > 1e299 ? 0 : 1 / tail[i + 1].df;
			double x = 1.0 / (double)df;
			return tail[i + 1].t + (tail[i].t - tail[i + 1].t) * (x - x1) / (x0 - x1);
		}
	}
	return 1.960;
}

static void finish_cell(const kpi_t *k, cell_t *c, int peil)
{
	for (size_t i = 0; i < c->nopen; i++) {
		if (peil > c->open_deadline[i]) {
			c->n += c->open_count[i];
			c->hits += k->lager ? c->open_count[i] : 0;
		} else {
			c->open += c->open_count[i];
		}
	}
	free(c->open_deadline);
	free(c->open_count);
	c->open_deadline = NULL;
	c->open_count = NULL;
	c->nopen = c->capopen = 0;
	switch (k->maat) {
	case MAAT_TERMIJN:
	case MAAT_AANDEEL:
		c->has_value = c->n > 0;
		if (c->has_value)
			c->value = 100.0 * (double)c->hits / (double)c->n;
		break;
	case MAAT_GEMIDDELDE:
		if (c->n == 0)
			break;
		if (c->n < k->minimum) {
			c->suppressed = 1;
			break;
		}
		c->has_value = 1;
		c->value = c->sum / (double)c->n;
		{
			double var = c->n > 1 ? (c->sumsq - c->sum * c->sum / (double)c->n) / (double)(c->n - 1) : 0;
			double half = c->n > 1 ? t95(c->n - 1) * sqrt(var > 0 ? var : 0) / sqrt((double)c->n) : 0;
			c->lo = c->value - half;
			c->hi = c->value + half;
		}
		c->norm_pct = 100.0 * (double)c->hits / (double)c->n;
		break;
	case MAAT_AANTAL:
		c->has_value = 1;
		c->value = (double)c->n;
		break;
	case MAAT_WAARDE:
		break;
	}
}

void kpi_fmt_value(const kpi_t *k, double v, char *out)
{
	switch (k->eenheid) {
	case EENHEID_PROCENT:
		fmt_pct(v, 1, out);
		/* "15,0%" reads as "15%" */
		{
			size_t l = strlen(out);
			if (l > 3 && !strcmp(out + l - 3, ",0%"))
				strcpy(out + l - 3, "%");
		}
		return;
	case EENHEID_CIJFER:
		fmt_num(v, 1, out);
		return;
	case EENHEID_AANTAL:
		fmt_num(v, fabs(v - round(v)) < 1e-9 ? 0 : 1, out);
		return;
	case EENHEID_WERKDAGEN:
		fmt_num(v, 1, out);
		strcat(out, strcmp(out, "1,0") == 0 ? " werkdag" : " werkdagen");
		return;
	}
}

const char *kpi_bound_word(const kpi_t *k)
{
	return k->lager ? "ten hoogste" : "minstens";
}

void kpi_fmt_target_date(int day, char *out)
{
	int y, m, d;
	day_to_ymd(day, &y, &m, &d);
	if (m == 12 && d == 31)
		snprintf(out, 32, "eind %d", y);
	else
		date_long(day, out);
}

const target_t *kpi_target_at(const kpi_t *k, int day)
{
	if (!k->ndoelen)
		return NULL;
	size_t t = 0;
	while (t + 1 < k->ndoelen && k->doelen[t].datum < day)
		t++;
	return &k->doelen[t];
}

static int better_or_equal(const kpi_t *k, double a, double b)
{
	/* compare at the precision shown, so "15,0%" meets "15%" */
	double ra = round(a * 10) / 10, rb = round(b * 10) / 10;
	return k->lager ? ra <= rb : ra >= rb;
}

static void set_status(kpi_t *k, int peil)
{
	buf_t r = {0};
	char val[64], per[40], tv[64], td[40], pv[64];
	int pkey = period_of(k->per, peil);
	k->has_cur = 0;
	for (size_t i = k->total.ncells; i-- > 0;) {
		const cell_t *c = &k->total.cells[i];
		if (c->has_value && c->key <= pkey) {
			k->has_cur = 1;
			k->cur = c->value;
			k->cur_key = c->key;
			break;
		}
	}
	const cell_t *before = k->has_cur ? series_cell(&k->total, k->cur_key - 1) : NULL;
	k->has_change = before && before->has_value;
	if (k->has_change)
		k->change = round(k->cur * 10) / 10 - round(before->value * 10) / 10;
	if (!k->has_cur) {
		k->status = ST_GEEN_GEGEVENS;
		buf_printf(&r, "%s: nog geen gegevens tot en met de peildatum", k->naam);
		k->reason = buf_take(&r);
		return;
	}
	kpi_fmt_value(k, k->cur, val);
	period_text(k->per, k->cur_key, per);
	buf_printf(&r, "%s %s in %s", k->naam, val, per);
	if (k->has_step) {
		char sv[64];
		kpi_fmt_value(k, k->step, sv);
		buf_printf(&r, "; tussenstap %s %s", sv,
		           better_or_equal(k, k->cur, k->step) ? "gehaald" : "nog niet gehaald");
	}
	if (k->ndoelen == 0) {
		k->status = ST_GEEN_DOEL;
		buf_puts(&r, "; er is geen doel voor gesteld");
		k->reason = buf_take(&r);
		return;
	}
	/* the next target at the reference date, or the last one when all have passed */
	const target_t *goal = kpi_target_at(k, peil);
	size_t t = (size_t)(goal - k->doelen);
	kpi_fmt_value(k, goal->waarde, tv);
	kpi_fmt_target_date(goal->datum, td);
	buf_printf(&r, "; doel %s %s %s", td, kpi_bound_word(k), tv);
	if (better_or_equal(k, k->cur, goal->waarde)) {
		k->status = ST_BEHAALD;
	} else if (goal->datum < peil) {
		k->status = ST_ACHTER;
	} else {
		/* straight path from the previous point (target or baseline) to this target */
		/* without a baseline, the path starts at the first measured value */
		target_t first = {0, 0};
		const char *from = t > 0 ? "het vorige doel" : "de nulmeting";
		const target_t *prev = t > 0 ? &k->doelen[t - 1] : k->has_base ? &k->base : NULL;
		for (size_t i = 0; !prev && i < k->total.ncells; i++)
			if (k->total.cells[i].has_value) {
				first.waarde = k->total.cells[i].value;
				first.datum = period_last_day(k->per, k->total.cells[i].key);
				prev = &first;
				from = "de eerste meting";
			}
		{
			double span = (double)(goal->datum - prev->datum);
			double f = span > 0 ? (double)(peil - prev->datum) / span : 1;
			if (f < 0)
				f = 0;
			double path = prev->waarde + (goal->waarde - prev->waarde) * f;
			double tol = 0.25 * fabs(goal->waarde - prev->waarde);
			kpi_fmt_value(k, path, pv);
			if (better_or_equal(k, k->cur, path)) {
				k->status = ST_OP_KOERS;
			} else if (fabs(k->cur - path) <= tol) {
				k->status = ST_RISICO;
			} else {
				k->status = ST_ACHTER;
			}
			buf_printf(&r, "; op de rechte lijn vanaf %s nu %s %s", from, kpi_bound_word(k), pv);
		}
	}
	buf_printf(&r, ": %s", kpi_status_word[k->status]);
	k->reason = buf_take(&r);
}

static void set_milestones(model_t *m)
{
	for (size_t i = 0; i < m->npages; i++) {
		page_t *p = m->pages[i];
		for (size_t j = 0; j < p->nms; j++) {
			milestone_t *ms = &p->ms[j];
			if (ms->gereed)
				ms->status = MS_GEREED;
			else if (ms->last < m->peildatum)
				ms->status = MS_TE_LAAT;
			else if (ms->first <= m->peildatum)
				ms->status = MS_LOOPT;
			else
				ms->status = MS_GEPLAND;
		}
	}
}

int kpi_load(model_t *m, const char *datadir, const char *shown_dir, int peildatum, diag_t *d)
{
	/* after errors in the content a KPI may be missing: say nothing that follows from that */
	int content_errors = diag_errors(d) > 0;
	int errors = list_files(m, datadir, shown_dir, d);
	if (errors)
		return errors;
	int peil = peildatum != DAY_NONE ? peildatum : m->conf_peildatum;
	m->peildatum_bron = peildatum != DAY_NONE ? "opdrachtregel" : peil != DAY_NONE ? "instelling" : "gegevens";
	for (size_t i = 0; i < m->nkpis; i++) {
		kpi_t *k = m->kpis[i];
		if (!find_file(m, k->bron)) {
			diag(d, DIAG_ERROR, k->file, k->line, k->col,
			     "kpi '%s': het bestand '%s' staat niet in %s", k->id, k->bron, shown_dir);
			errors++;
		}
	}
	int max_day = DAY_NONE;
	for (size_t i = 0; i < m->nfiles; i++) {
		datafile_t *f = &m->files[i];
		int used = 0;
		for (size_t j = 0; j < m->nkpis; j++)
			used |= !strcmp(m->kpis[j]->bron, f->name);
		if (!used && content_errors)
			continue;
		if (!used) {
			char *shown = path_join(shown_dir, f->name);
			diag(d, DIAG_NOTE, shown, 0, 0, "geen enkele kpi gebruikt dit bestand; het wordt niet gelezen");
			free(shown);
			continue;
		}
		errors += read_one(m, f, datadir, shown_dir, peil, &max_day, d);
	}
	if (peil == DAY_NONE) {
		if (max_day == DAY_NONE) {
			if (!errors && !content_errors)
				diag(d, DIAG_ERROR, NULL, 0, 0,
				     "er is geen peildatum: de gegevens bevatten geen datums; geef --peildatum JJJJ-MM-DD of zet 'peildatum' in de inhoud");
			return errors + 1;
		}
		peil = max_day;
	}
	m->peildatum = peil;
	for (size_t i = 0; i < m->nkpis; i++) {
		kpi_t *k = m->kpis[i];
		for (size_t c = 0; c < k->total.ncells; c++)
			finish_cell(k, &k->total.cells[c], peil);
		for (size_t g = 0; g < k->ngroups; g++)
			for (size_t c = 0; c < k->groups[g].ncells; c++)
				finish_cell(k, &k->groups[g].cells[c], peil);
		k->total.name = xstrdup("Totaal");
		set_status(k, peil);
	}
	set_milestones(m);
	return errors;
}
