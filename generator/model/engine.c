/* engine.c - see engine.h. */
#include "model/engine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/fmt.h"
#include "base/util.h"

/* --- accumulators: what a cell needs while rows stream in -------------------------- */

typedef struct {
	long total, n, hits, open;
	long pending;            /* gemiddelde of a duration: items not handled yet */
	double sum, sumsq;
	int has_value;
	double value;            /* waarde: the reported value */
	/* termijn, while the reference date is unknown: deadlines of open items */
	int *open_deadline;
	long *open_count;
	size_t nopen, capopen;
} acc_cell;

typedef struct {
	char *name;
	int first_key;
	acc_cell *cells;
	size_t ncells;
} acc_series;

typedef struct {
	acc_series total;
	acc_series *groups;
	size_t ngroups, capgroups;
	int *slot;               /* group name -> index, open addressing */
	size_t nslot;
	int key_lo, key_hi;      /* the periods of the rows counted (engine_merge), when keyed */
	int keyed;
} acc_kpi;

struct engine {
	model_t *m;
	int peil;
	acc_kpi *acc;            /* one per m->kpis[i] */
	calendar_t *cal;         /* m->cal, or own_cal for an engine of a part */
	calendar_t own_cal;      /* engine_part: its own table of working days (a cache) */
	int fraction;            /* a value that is no whole number was added (sums then depend on order) */
};

engine_t *engine_new(model_t *m, int peil)
{
	engine_t *e = xcalloc(1, sizeof *e);
	e->m = m;
	e->peil = peil;
	e->acc = xcalloc(m->nkpis ? m->nkpis : 1, sizeof *e->acc);
	e->cal = &m->cal;
	return e;
}

engine_t *engine_part(const engine_t *e)
{
	engine_t *p = engine_new(e->m, e->peil);
	p->own_cal = e->m->cal;
	p->own_cal.before = p->own_cal.workday = NULL;
	p->own_cal.ndays = p->own_cal.nwork = 0;
	p->cal = &p->own_cal;
	return p;
}

static void acc_series_free(acc_series *s)
{
	for (size_t i = 0; i < s->ncells; i++) {
		free(s->cells[i].open_deadline);
		free(s->cells[i].open_count);
	}
	free(s->cells);
	free(s->name);
}

void engine_free(engine_t *e)
{
	if (!e)
		return;
	for (size_t i = 0; i < e->m->nkpis; i++) {
		acc_kpi *a = &e->acc[i];
		acc_series_free(&a->total);
		for (size_t g = 0; g < a->ngroups; g++)
			acc_series_free(&a->groups[g]);
		free(a->groups);
		free(a->slot);
	}
	if (e->cal == &e->own_cal) {
		free(e->own_cal.before);
		free(e->own_cal.workday);
	}
	free(e->acc);
	free(e);
}

static acc_series *series_for(acc_kpi *a, const char *name, size_t len)
{
	if (!a->nslot || a->ngroups * 2 >= a->nslot) {
		size_t ns = a->nslot ? a->nslot * 2 : 64;
		int *slot = xmalloc(ns * sizeof *slot);
		for (size_t i = 0; i < ns; i++)
			slot[i] = -1;
		for (size_t g = 0; g < a->ngroups; g++) {
			size_t h = mem_hash(a->groups[g].name, strlen(a->groups[g].name)) & (ns - 1);
			while (slot[h] >= 0)
				h = (h + 1) & (ns - 1);
			slot[h] = (int)g;
		}
		free(a->slot);
		a->slot = slot;
		a->nslot = ns;
	}
	size_t h = mem_hash(name, len) & (a->nslot - 1);
	while (a->slot[h] >= 0) {
		acc_series *s = &a->groups[a->slot[h]];
		if (!strncmp(s->name, name, len) && s->name[len] == '\0')
			return s;
		h = (h + 1) & (a->nslot - 1);
	}
	if (a->ngroups >= MAX_GROUPS)
		return NULL;
	a->groups = xgrow(a->groups, &a->capgroups, a->ngroups, sizeof *a->groups);
	acc_series *s = &a->groups[a->ngroups];
	memset(s, 0, sizeof *s);
	s->name = xstrndup(name, len);
	a->slot[h] = (int)a->ngroups++;
	return s;
}

static acc_cell *cell_for(acc_series *s, int key)
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
	return &s->cells[key - s->first_key];
}

static void cell_add_open(acc_cell *c, int deadline)
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

static int deadline_of(engine_t *e, const kpi_def *k, int day)
{
	return k->werkdagen ? calendar_deadline(e->cal, day, k->termijn) : day + k->termijn;
}

/* openstaand: an item counts at every period's end T (or the reference date, if earlier) from
 * its arrival while it is still open then; it is late at T when its deadline lies before T.
 * Items not yet handled (or handled after a known reference date) wait in a histogram of
 * deadlines until the reference date is known (engine_finish). */
static void count_snapshot(engine_t *e, const kpi_def *k, acc_series *s, const engine_row *r, int key, int deadline)
{
	cell_for(s, key)->total++;
	if (r->end != END_DAY || (e->peil != DAY_NONE && r->end_day > e->peil)) {
		cell_add_open(cell_for(s, key), deadline);
		return;
	}
	for (;; key++) {
		int t = period_last_day(k->per, key);
		if (e->peil != DAY_NONE && t > e->peil)
			t = e->peil;
		if (t >= r->end_day)
			break;
		acc_cell *c = cell_for(s, key);
		c->n++;
		c->hits += deadline < t;
	}
}

/* The row r in series s: `key` is the period of its day, `deadline` its deadline (termijn and
 * openstaand only), the same for the total and its group. */
static void count_row(engine_t *e, const kpi_def *k, acc_series *s, const engine_row *r, double v, int key,
                      int deadline)
{
	if (k->maat == MAAT_OPENSTAAND) {
		count_snapshot(e, k, s, r, key, deadline);
		return;
	}
	acc_cell *c = cell_for(s, key);
	c->total++;
	switch (k->maat) {
	case MAAT_TERMIJN: {
		/* an item not handled by the reference date is judged once its export's end is
		 * known (engine_finish): late when its deadline lies before that day, else lopend */
		if (r->end == END_DAY && (e->peil == DAY_NONE || r->end_day <= e->peil)) {
			int late = r->end_day > deadline;
			c->n++;
			c->hits += k->lager ? late : !late;
		} else {
			cell_add_open(c, deadline);
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
		c->hits += r->hit;
		break;
	case MAAT_AANTAL:
		c->n++;
		break;
	case MAAT_WAARDE:
	case MAAT_OPENSTAAND:
		break;
	}
}

/* Whether a series that holds `key` may hold period `key` too: the KPI's whole span stays within
 * MAX_SPAN_YEARS. */
static int within_span(const acc_series *s, per_t per, int key)
{
	static const int per_year[] = {12, 4, 1};
	long max = (long)MAX_SPAN_YEARS * per_year[per];
	if (s->ncells == 0)
		return 1;
	long lo = key < s->first_key ? key : s->first_key;
	long hi = key > s->first_key + (long)s->ncells - 1 ? key : s->first_key + (long)s->ncells - 1;
	return hi - lo < max;
}

/* The periods a counted row was checked at (within_span): from `key` to `hi`, the period of its
 * end day when it has one; for engine_merge. */
static void keyed(acc_kpi *a, int key, int hi)
{
	if (!a->keyed || key < a->key_lo)
		a->key_lo = key;
	if (!a->keyed || hi > a->key_hi)
		a->key_hi = hi;
	a->keyed = 1;
}

int engine_add(engine_t *e, size_t ki, const char *group, size_t len, const engine_row *r)
{
	const kpi_def *k = &e->m->kpis[ki]->def;
	acc_kpi *a = &e->acc[ki];
	double v = r->v;
	int key = period_of(k->per, r->day), hi = r->end == END_DAY ? period_of(k->per, r->end_day) : key;
	if (!within_span(&a->total, k->per, key) || (r->end == END_DAY && !within_span(&a->total, k->per, hi)))
		return ENGINE_SPAN;
	acc_series *g = group ? series_for(a, group, len) : NULL;
	if (group && !g)
		return ENGINE_GROUPS;
	if (k->maat == MAAT_GEMIDDELDE && k->einde &&
	    (r->end != END_DAY || (e->peil != DAY_NONE && r->end_day > e->peil))) {
		/* a duration not handled by the reference date: not counted, but it makes the
		 * period's figure provisional */
		cell_for(&a->total, key)->pending++;
		if (g)
			cell_for(g, key)->pending++;
		keyed(a, key, hi);
		return 0;
	}
	if (k->maat == MAAT_GEMIDDELDE && k->einde)
		v = calendar_workdays_between(e->cal, r->day, r->end_day);
	int deadline = k->maat == MAAT_TERMIJN || k->maat == MAAT_OPENSTAAND ? deadline_of(e, k, r->day) : 0;
	count_row(e, k, &a->total, r, v, key, deadline);
	if (g)
		count_row(e, k, g, r, v, key, deadline);
	e->fraction |= k->maat == MAAT_GEMIDDELDE && v != floor(v);
	keyed(a, key, hi);
	return 0;
}

/* --- merging the engine of a part ------------------------------------------------------- */

static void merge_cell(acc_cell *to, const acc_cell *c)
{
	to->total += c->total;
	to->n += c->n;
	to->hits += c->hits;
	to->open += c->open;
	to->pending += c->pending;
	to->sum += c->sum;
	to->sumsq += c->sumsq;
	for (size_t i = 0; i < c->nopen; i++) {
		size_t j = 0;
		while (j < to->nopen && to->open_deadline[j] != c->open_deadline[i])
			j++;
		if (j == to->nopen) {
			cell_add_open(to, c->open_deadline[i]);
			to->open_count[j] += c->open_count[i] - 1;
		} else {
			to->open_count[j] += c->open_count[i];
		}
	}
}

static void merge_series(acc_series *to, const acc_series *s)
{
	if (!s->ncells)
		return;
	cell_for(to, s->first_key);
	cell_for(to, s->first_key + (int)s->ncells - 1);
	for (size_t i = 0; i < s->ncells; i++)
		merge_cell(&to->cells[s->first_key + (int)i - to->first_key], &s->cells[i]);
}

/* Would the cells of two parts, added up, be what one engine counting all rows holds? */
static int mergeable(const engine_t *e, const engine_t *p)
{
	static const int per_year[] = {12, 4, 1};
	if (p->fraction || e->fraction)
		return 0; /* a sum of fractions depends on the order of its terms */
	for (size_t i = 0; i < e->m->nkpis; i++) {
		const acc_kpi *a = &e->acc[i], *b = &p->acc[i];
		if (!b->keyed)
			continue;
		if (a->ngroups + b->ngroups > MAX_GROUPS)
			return 0;
		/* every row of the part passed within_span in one engine with the other's cells */
		long lo = b->key_lo, hi = b->key_hi;
		if (a->total.ncells) {
			lo = a->total.first_key < lo ? a->total.first_key : lo;
			hi = a->total.first_key + (long)a->total.ncells - 1 > hi ? a->total.first_key + (long)a->total.ncells - 1 : hi;
		}
		if (hi - lo >= (long)MAX_SPAN_YEARS * per_year[e->m->kpis[i]->def.per])
			return 0;
		/* sums of whole numbers are exact below 2^53, in any order; |v| <= v * v */
		for (size_t c = 0; c < b->total.ncells; c++) {
			int key = b->total.first_key + (int)c;
			long at = (long)key - a->total.first_key;
			double sq = at >= 0 && (size_t)at < a->total.ncells ? a->total.cells[at].sumsq : 0;
			if (sq + b->total.cells[c].sumsq >= 9007199254740992.0)
				return 0;
		}
	}
	return 1;
}

int engine_merge(engine_t *e, engine_t *p)
{
	if (!mergeable(e, p)) {
		engine_free(p);
		return -1;
	}
	for (size_t i = 0; i < e->m->nkpis; i++) {
		acc_kpi *a = &e->acc[i], *b = &p->acc[i];
		if (!b->keyed)
			continue;
		merge_series(&a->total, &b->total);
		for (size_t g = 0; g < b->ngroups; g++)
			merge_series(series_for(a, b->groups[g].name, strlen(b->groups[g].name)), &b->groups[g]);
		if (!a->keyed || b->key_lo < a->key_lo)
			a->key_lo = b->key_lo;
		if (!a->keyed || b->key_hi > a->key_hi)
			a->key_hi = b->key_hi;
		a->keyed = 1;
	}
	engine_free(p);
	return 0;
}

int engine_add_value(engine_t *e, size_t ki, int key, double v)
{
	acc_cell *c = cell_for(&e->acc[ki].total, key);
	if (c->n)
		return -1;
	c->n = c->total = 1;
	c->value = v;
	c->has_value = 1;
	return 0;
}

/* --- values ----------------------------------------------------------------------- */

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

/* openstaand: the items still open at the reference date (kept as deadlines per arrival
 * period) count at the end of every period from their arrival up to the day they are judged
 * at (the reference date, or the end of their export). */
static void expand_snapshot(const kpi_def *k, acc_series *a, int peil)
{
	int last = period_of(k->per, peil);
	for (size_t i = 0; i < a->ncells; i++) {
		if (!a->cells[i].nopen)
			continue;
		int from = a->first_key + (int)i;
		size_t nopen = a->cells[i].nopen;
		int *dl = a->cells[i].open_deadline;
		long *cnt = a->cells[i].open_count;
		a->cells[i].open_deadline = NULL;
		a->cells[i].open_count = NULL;
		a->cells[i].nopen = a->cells[i].capopen = 0;
		for (int key = from; key <= last; key++) {
			int t = period_last_day(k->per, key);
			if (t > peil)
				t = peil;
			acc_cell *c = cell_for(a, key); /* may move a->cells */
			for (size_t q = 0; q < nopen; q++) {
				c->n += cnt[q];
				c->hits += dl[q] < t ? cnt[q] : 0;
			}
		}
		free(dl);
		free(cnt);
	}
}

/* How much of period `key` the KPI's source covers (model.h, coverage_t); *end gets the last
 * day it covers in a partly covered period. */
static coverage_t cover_of(const kpi_def *k, const datafile_t *f, int key, int judge, int *end)
{
	*end = DAY_NONE;
	if (k->maat == MAAT_WAARDE || !f)
		return COV_FULL; /* reported by hand, per period */
	if (f->cover_end == DAY_NONE)
		return COV_NONE;
	int a = period_first_day(k->per, key), b = period_last_day(k->per, key);
	if (a > judge)
		return COV_NONE;
	int m0 = period_of(PER_MAAND, a), m1 = period_of(PER_MAAND, b < judge ? b : judge), gaps = 0;
	for (int mo = m0; mo <= m1; mo++) {
		long i = (long)mo - f->month0;
		gaps += f->gap && i >= 0 && (size_t)i < f->nmonths && f->gap[i];
	}
	if (gaps == m1 - m0 + 1)
		return COV_NONE;
	if (f->cover_end < b) {
		*end = f->cover_end;
		return COV_PARTIAL;
	}
	return gaps ? COV_PARTIAL : COV_FULL;
}

static void finish_cell(const kpi_def *k, const datafile_t *f, acc_cell *a, cell_t *c, int key, int peil, int judge)
{
	for (size_t i = 0; i < a->nopen; i++) {
		if (judge > a->open_deadline[i]) {
			a->n += a->open_count[i];
			a->hits += k->lager ? a->open_count[i] : 0;
		} else {
			a->open += a->open_count[i];
		}
	}
	memset(c, 0, sizeof *c);
	c->key = key;
	c->cover = cover_of(k, f, key, judge, &c->cover_end);
	if (c->cover == COV_NONE)
		return; /* no figure, never a 0 */
	c->total = a->total;
	c->n = a->n;
	c->hits = a->hits;
	c->open = a->open + a->pending;
	c->period_open = key == period_of(k->per, peil) && peil < period_last_day(k->per, key);
	switch (k->maat) {
	case MAAT_TERMIJN:
		if (c->n + c->open > 0 && c->open > 0)
			c->worst = 100.0 * (double)(k->lager ? c->hits + c->open : c->hits) / (double)(c->n + c->open);
		/* fall through */
	case MAAT_AANDEEL:
	case MAAT_OPENSTAAND:
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
		c->value = a->sum / (double)c->n;
		{
			double var = c->n > 1 ? (a->sumsq - a->sum * a->sum / (double)c->n) / (double)(c->n - 1) : 0;
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
		c->has_value = a->has_value;
		c->value = a->value;
		break;
	}
	/* voorlopig: the period still runs, its export covers part of it, or items in it are still
	 * open and may change it */
	c->provisional = c->has_value && (c->period_open || c->cover == COV_PARTIAL || c->open > 0);
	/* what the figure can still become */
	c->low = c->high = c->value;
	if (!c->provisional) {
		/* final */
	} else if (c->period_open || c->cover == COV_PARTIAL) {
		/* the rest of the period is unknown; only a count cannot go down */
		c->low = k->maat == MAAT_AANTAL ? c->value : -INFINITY;
		c->high = INFINITY;
	} else if (k->maat == MAAT_TERMIJN) {
		/* every open item may still end up in time or late */
		double all = (double)(c->n + c->open);
		c->low = 100.0 * (double)c->hits / all;
		c->high = 100.0 * (double)(c->hits + c->open) / all;
	} else {
		c->low = -INFINITY;
		c->high = INFINITY;
	}
}

static void finish_series(const kpi_def *k, const datafile_t *f, acc_series *a, series_t *s, int peil, int judge)
{
	s->first_key = a->first_key;
	s->ncells = a->ncells;
	s->cells = xcalloc(a->ncells ? a->ncells : 1, sizeof *s->cells);
	for (size_t i = 0; i < a->ncells; i++)
		finish_cell(k, f, &a->cells[i], &s->cells[i], a->first_key + (int)i, peil, judge);
}

static int cmp_series(const void *a, const void *b)
{
	return strcmp(((const series_t *)a)->name, ((const series_t *)b)->name);
}

/* --- statuses ----------------------------------------------------------------------- */

/* Compare at the precision shown, so "15,0%" meets "15%". */
static int better_or_equal(const kpi_def *k, double a, double b)
{
	double ra = num_round(a, 1), rb = num_round(b, 1);
	return k->lager ? ra <= rb : ra >= rb;
}

/* The latest value of the whole organisation in a period up to `key`, or NULL. */
static const cell_t *latest_upto(const series_t *s, int key)
{
	for (size_t i = s->ncells; i-- > 0;)
		if (s->cells[i].has_value && s->cells[i].key <= key)
			return &s->cells[i];
	return NULL;
}

/* Each target whose deadline has come: the value of the last period that ended on or before
 * the deadline (a target dated "2024" means 31 December 2024, the end of its period). */
static void judge_targets(kpi_t *kp, int peil)
{
	const kpi_def *k = &kp->def;
	kpi_result *r = &kp->res;
	r->targets = xcalloc(k->ndoelen ? k->ndoelen : 1, sizeof *r->targets);
	for (size_t t = 0; t < k->ndoelen; t++) {
		const target_t *g = &k->doelen[t];
		target_result *tr = &r->targets[t];
		if (g->datum > peil)
			continue;
		tr->judged = 1;
		int key = period_of(k->per, g->datum);
		if (period_last_day(k->per, key) > g->datum)
			key--;
		const cell_t *c = latest_upto(&r->total, key);
		if (!c)
			continue;
		tr->has_value = 1;
		tr->key = c->key;
		tr->value = c->value;
		tr->low = c->low;
		tr->high = c->high;
		tr->met = better_or_equal(k, c->value, g->waarde);
	}
}

/* The better of two possible values, in the KPI's direction, and the worse. */
static double better(const kpi_def *k, double lo, double hi)
{
	return k->lager ? lo : hi;
}

static double worse(const kpi_def *k, double lo, double hi)
{
	return k->lager ? hi : lo;
}

/* The status in one case: the current figure `cur`, and the figure at the deadline that
 * applies `then` (when it has passed). */
static kpi_status status_case(const kpi_t *kp, double cur, double then)
{
	const kpi_def *k = &kp->def;
	const kpi_result *r = &kp->res;
	const target_t *goal = &k->doelen[r->goal];
	const target_result *tr = &r->targets[r->goal];
	int met_now = better_or_equal(k, cur, goal->waarde);
	if (tr->judged) {
		/* the deadline has come: in time, and does it still hold? */
		int met_then = tr->has_value && better_or_equal(k, then, goal->waarde);
		if (met_then)
			return met_now ? ST_BEHAALD : ST_TERUGGEVALLEN;
		if (tr->has_value)
			return met_now ? ST_TE_LAAT_BEHAALD : ST_NIET_BEHAALD;
		return met_now ? ST_BEHAALD : ST_NIET_BEHAALD;
	}
	if (met_now)
		return ST_BEHAALD;
	if (better_or_equal(k, cur, r->path))
		return ST_OP_KOERS;
	const target_t *prev = r->goal > 0 ? &k->doelen[r->goal - 1] : k->has_base ? &k->base : NULL;
	double from = prev ? prev->waarde : r->path;
	return fabs(cur - r->path) <= 0.25 * fabs(goal->waarde - from) ? ST_RISICO : ST_ACHTER;
}

static void set_status(kpi_t *kp, int peil)
{
	const kpi_def *k = &kp->def;
	kpi_result *r = &kp->res;
	/* the next target at the reference date, or the last one when all have passed */
	const target_t *goal = kpi_target_at(kp, peil);
	r->goal = goal ? (int)(goal - k->doelen) : -1;
	judge_targets(kp, peil);
	const cell_t *cur = latest_upto(&r->total, period_of(k->per, peil));
	double low = 0, high = 0;
	if (cur) {
		r->has_cur = 1;
		r->cur = cur->value;
		r->cur_key = cur->key;
		r->provisional = cur->provisional;
		low = cur->low;
		high = cur->high;
	}
	const cell_t *before = r->has_cur ? series_cell(&r->total, r->cur_key - 1) : NULL;
	r->has_change = before && before->has_value;
	if (r->has_change)
		r->change = num_round(r->cur, 1) - num_round(before->value, 1);
	if (!r->has_cur) {
		r->status = r->best = r->worst = ST_GEEN_GEGEVENS;
		return;
	}
	if (k->has_step)
		r->step_reached = better_or_equal(k, r->cur, k->step);
	if (!goal) {
		r->status = r->best = r->worst = ST_GEEN_DOEL;
		return;
	}
	r->met_now = better_or_equal(k, r->cur, goal->waarde);
	const target_result *tr = &r->targets[r->goal];
	if (!tr->judged && !r->met_now) {
		/* ahead: the straight path from the previous point (target or baseline) to this
		 * target; without a baseline, the path starts at the first measured value */
		size_t t = (size_t)r->goal;
		target_t first = {0, 0, 0};
		r->from = t > 0 ? PATH_FROM_PREV_TARGET : PATH_FROM_BASE;
		const target_t *prev = t > 0 ? &k->doelen[t - 1] : k->has_base ? &k->base : NULL;
		for (size_t i = 0; !prev && i < r->total.ncells; i++)
			if (r->total.cells[i].has_value) {
				first.waarde = r->total.cells[i].value;
				first.datum = period_last_day(k->per, r->total.cells[i].key);
				prev = &first;
				r->from = PATH_FROM_FIRST;
			}
		double span = (double)(goal->datum - prev->datum);
		double f = span > 0 ? (double)(peil - prev->datum) / span : 1;
		if (f < 0)
			f = 0;
		r->has_path = 1;
		r->path = prev->waarde + (goal->waarde - prev->waarde) * f;
	} else if (!tr->judged) {
		r->path = goal->waarde;
	}
	/* what holds in every case the open items and the rest of a running period allow */
	r->best = status_case(kp, better(k, low, high), better(k, tr->low, tr->high));
	r->worst = status_case(kp, worse(k, low, high), worse(k, tr->low, tr->high));
	r->status = r->best == r->worst ? r->best : ST_ONZEKER;
}

/* A milestone: done when the content says so; else planned, running or past by its dates.
 * Past and not marked is "niet gemeld": the content gives no news; only 'gereed: nee' past
 * the date says it is late. */
static void set_milestones(model_t *m)
{
	for (size_t i = 0; i < m->npages; i++) {
		page_t *p = m->pages[i];
		memset(p->ms_count, 0, sizeof p->ms_count);
		for (size_t j = 0; j < p->nms; j++) {
			milestone_t *ms = &p->ms[j];
			if (ms->gereed == 1)
				ms->status = MS_GEREED;
			else if (ms->first > m->peildatum)
				ms->status = MS_GEPLAND;
			else if (ms->last >= m->peildatum)
				ms->status = MS_LOOPT;
			else
				ms->status = ms->gereed == 0 ? MS_TE_LAAT : MS_NIET_GEMELD;
			p->ms_count[ms->status]++;
			m->ms_count[ms->status]++;
			m->nms++;
		}
	}
}

/* Two KPIs with the same whole-organisation figures in every period (and some at all): one
 * measurement split two ways, such as complaints per team and per kind. The later one is
 * shown by its groups only. */
static int same_series(const kpi_t *a, const kpi_t *b)
{
	const series_t *x = &a->res.total, *y = &b->res.total;
	if (a->def.per != b->def.per || a->def.eenheid != b->def.eenheid || x->first_key != y->first_key ||
	    x->ncells != y->ncells)
		return 0;
	int any = 0;
	for (size_t i = 0; i < x->ncells; i++) {
		const cell_t *p = &x->cells[i], *q = &y->cells[i];
		if (p->has_value != q->has_value || (p->has_value && num_round(p->value, 1) != num_round(q->value, 1)))
			return 0;
		any |= p->has_value;
	}
	return any;
}

static void set_same_totals(model_t *m)
{
	for (size_t i = 0; i < m->nkpis; i++) {
		kpi_t *k = m->kpis[i];
		k->res.same_total = NULL;
		if (!k->res.ngroups)
			continue;
		for (size_t j = 0; j < i && !k->res.same_total; j++)
			if (same_series(m->kpis[j], k))
				k->res.same_total = m->kpis[j]->res.same_total ? m->kpis[j]->res.same_total : m->kpis[j];
	}
}

/* Groups that meet their norm in the latest period: those of the first KPI with a norm per
 * group that has any ("wat gaat al goed"). */
static void set_going_well(model_t *m)
{
	for (size_t i = 0; i < m->nkpis && !m->nwell; i++) {
		const kpi_t *k = m->kpis[i];
		if (k->def.maat != MAAT_GEMIDDELDE || !k->def.has_norm || !k->def.groep || !k->res.has_cur)
			continue;
		size_t cap = 0;
		for (size_t g = 0; g < k->res.ngroups; g++) {
			const cell_t *c = series_cell(&k->res.groups[g], k->res.cur_key);
			if (!c || !c->has_value || !better_or_equal(&k->def, c->value, k->def.norm))
				continue;
			m->well = xgrow(m->well, &cap, m->nwell, sizeof *m->well);
			m->well[m->nwell++] = (going_well_t){k, &k->res.groups[g], c->value};
		}
	}
}

void engine_finish(engine_t *e, int peil)
{
	model_t *m = e->m;
	m->peildatum = peil;
	int y, mo, d;
	day_to_ymd(peil, &y, &mo, &d);
	m->report_year = y;
	m->mt_quarter = period_of(PER_KWARTAAL, peil);
	m->report_month = period_of(PER_MAAND, peil + 1) != period_of(PER_MAAND, peil) ? period_of(PER_MAAND, peil) : -1;
	for (size_t i = 0; i < m->nkpis; i++) {
		kpi_t *k = m->kpis[i];
		acc_kpi *a = &e->acc[i];
		const datafile_t *f = k->def.maat == MAAT_WAARDE ? NULL : model_source(m, k);
		/* open items are judged at the end of their own export when that comes before the
		 * reference date: another export's later rows must not make them late */
		k->res.source_end = f ? f->cover_end : DAY_NONE;
		k->res.judge = f && f->cover_end != DAY_NONE && f->cover_end < peil ? f->cover_end : peil;
		int judge = k->res.judge;
		if (k->def.maat == MAAT_OPENSTAAND) {
			expand_snapshot(&k->def, &a->total, judge);
			for (size_t g = 0; g < a->ngroups; g++)
				expand_snapshot(&k->def, &a->groups[g], judge);
		}
		if (a->total.ncells) {
			/* every period up to the reference date has a row: a figure, a count of 0, or "geen
			 * gegevens" where the export does not reach */
			int lo = a->total.first_key, hi = period_of(k->def.per, peil);
			cell_for(&a->total, hi);
			if (k->def.maat == MAAT_AANTAL)
				for (size_t g = 0; g < a->ngroups; g++) {
					cell_for(&a->groups[g], lo);
					cell_for(&a->groups[g], hi);
				}
		}
		finish_series(&k->def, f, &a->total, &k->res.total, peil, judge);
		k->res.total.name = xstrdup("Totaal");
		k->res.total.is_total = 1;
		k->res.groups = xcalloc(a->ngroups ? a->ngroups : 1, sizeof *k->res.groups);
		k->res.ngroups = a->ngroups;
		for (size_t g = 0; g < a->ngroups; g++) {
			finish_series(&k->def, f, &a->groups[g], &k->res.groups[g], peil, judge);
			k->res.groups[g].name = xstrdup(a->groups[g].name);
		}
		if (k->res.ngroups)
			qsort(k->res.groups, k->res.ngroups, sizeof *k->res.groups, cmp_series);
		set_status(k, peil);
		m->kpi_count[k->res.status]++;
	}
	set_same_totals(m);
	set_milestones(m);
	set_going_well(m);
}
