/* chart.c - see chart.h. */
#include "model/chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "model/present.h"

/* Reference lines: grey for what was (baseline) and what is normal (norm), the target colour
 * for where we go (step, target); each its own pattern. */
static const chart_style ref_styles[REF_N] = {
	[REF_BASE] = {0x4a5563, DASH_DOT, "2 3"},
	[REF_STEP] = {0x8a4b00, DASH_DASH_DOT, "8 3 2 3"},
	[REF_TARGET] = {0x8a4b00, DASH_DASH, "8 4"},
	[REF_NORM] = {0x4a5563, DASH_DASH_DOT_DOT, "10 3 2 3 2 3"},
	[REF_TARGET_OTHER] = {0xa0661c, DASH_LONG, "16 6"},
};
const chart_style chart_series_style = {0x1f4e79, DASH_SOLID, NULL};
const chart_style chart_event_style = {0x4a5563, DASH_SHORT, "4 3"};

const chart_style *chart_ref_style(chart_ref_kind kind)
{
	return &ref_styles[kind];
}

/* Advance widths of DejaVu Sans and DejaVu Sans Bold in 1/1000 em, for U+0020-U+007E and
 * U+00A0-U+00FF (read from the fonts' hmtx tables). */
static const unsigned short w_regular[191] = {
	317, 400, 459, 837, 636, 950, 779, 274, 390, 390, 500, 837, 317, 360, 317, 336,
	636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 336, 336, 837, 837, 837, 530,
	1000, 684, 686, 698, 770, 631, 575, 774, 751, 294, 294, 655, 557, 862, 748, 787,
	603, 787, 694, 634, 610, 731, 684, 988, 685, 610, 685, 390, 336, 390, 837, 500,
	500, 612, 634, 549, 634, 615, 352, 634, 633, 277, 277, 579, 277, 974, 633, 611,
	634, 634, 411, 520, 392, 633, 591, 817, 591, 591, 524, 636, 336, 636, 837, 317,
	400, 636, 636, 636, 636, 336, 500, 500, 1000, 471, 611, 837, 360, 1000, 500, 500,
	837, 400, 400, 500, 636, 636, 317, 500, 400, 471, 611, 969, 969, 969, 530, 684,
	684, 684, 684, 684, 684, 974, 698, 631, 631, 631, 631, 294, 294, 294, 294, 774,
	748, 787, 787, 787, 787, 787, 837, 787, 731, 731, 731, 731, 610, 604, 629, 612,
	612, 612, 612, 612, 612, 981, 549, 615, 615, 615, 615, 277, 277, 277, 277, 611,
	633, 611, 611, 611, 611, 611, 837, 611, 633, 633, 633, 633, 591, 634, 591,
};
static const unsigned short w_bold[191] = {
	348, 456, 520, 837, 695, 1001, 872, 306, 457, 457, 522, 837, 379, 415, 379, 365,
	695, 695, 695, 695, 695, 695, 695, 695, 695, 695, 399, 399, 837, 837, 837, 580,
	1000, 773, 762, 733, 830, 683, 683, 820, 836, 372, 372, 774, 637, 995, 836, 850,
	732, 850, 770, 720, 682, 812, 773, 1103, 770, 724, 725, 457, 365, 457, 837, 500,
	500, 674, 715, 592, 715, 678, 435, 715, 711, 342, 342, 665, 342, 1041, 711, 687,
	715, 715, 493, 595, 478, 711, 651, 923, 645, 651, 582, 711, 365, 711, 837, 348,
	456, 695, 695, 636, 695, 365, 500, 500, 1000, 563, 645, 837, 415, 1000, 500, 500,
	837, 437, 437, 500, 735, 636, 379, 500, 437, 563, 645, 1035, 1035, 1035, 580, 773,
	773, 773, 773, 773, 773, 1084, 733, 683, 683, 683, 683, 372, 372, 372, 372, 837,
	836, 850, 850, 850, 850, 850, 837, 850, 812, 812, 812, 812, 724, 737, 719, 674,
	674, 674, 674, 674, 674, 1047, 592, 678, 678, 678, 678, 342, 342, 342, 342, 687,
	711, 687, 687, 687, 687, 687, 837, 687, 711, 711, 711, 711, 651, 715, 651,
};

static unsigned next_cp(const unsigned char **p)
{
	const unsigned char *s = *p;
	unsigned c = *s++;
	int more = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
	if (more)
		c &= 0x3f >> more;
	for (; more && (*s & 0xc0) == 0x80; more--)
		c = c << 6 | (*s++ & 0x3f);
	*p = s;
	return c;
}

double chart_text_width(const char *str, double size, int bold)
{
	const unsigned char *s = (const unsigned char *)str;
	const unsigned short *w = bold ? w_bold : w_regular;
	double sum = 0;
	while (*s) {
		unsigned c = next_cp(&s);
		unsigned u;
		if (c >= 0x20 && c < 0x7f)
			u = w[c - 0x20];
		else if (c >= 0xa0 && c <= 0xff)
			u = w[c - 0xa0 + 95];
		else if (c == 0x2013 || c == 0x2026 || c == 0x2014)
			u = c == 0x2013 ? 500 : 1000;
		else if (c >= 0x2018 && c <= 0x201d)
			u = bold ? 657 : 518;
		else
			u = 1000; /* anything else: a full em, so it never runs out of its room */
		sum += u;
	}
	return sum * size / 1000;
}

void chart_spread(double *pos, const double *size, int n, double gap, double lo, double hi)
{
	if (n <= 0)
		return;
	int *o = xcalloc((size_t)n, sizeof *o);
	for (int i = 0; i < n; i++)
		o[i] = i;
	for (int i = 1; i < n; i++) /* insertion sort: stable, so equal wishes keep their order */
		for (int j = i; j > 0 && pos[o[j]] < pos[o[j - 1]]; j--) {
			int t = o[j];
			o[j] = o[j - 1];
			o[j - 1] = t;
		}
	/* down from the top: each at least `gap` below the one before, none above lo */
	for (int i = 0; i < n; i++) {
		double top = i ? pos[o[i - 1]] + size[o[i - 1]] / 2 + gap : lo;
		if (pos[o[i]] - size[o[i]] / 2 < top)
			pos[o[i]] = top + size[o[i]] / 2;
	}
	/* up from the bottom: none below hi, keeping the gaps */
	for (int i = n - 1; i >= 0; i--) {
		double bottom = i < n - 1 ? pos[o[i + 1]] - size[o[i + 1]] / 2 - gap : hi;
		if (pos[o[i]] + size[o[i]] / 2 > bottom)
			pos[o[i]] = bottom - size[o[i]] / 2;
	}
	/* when they do not fit, they start at lo and run past hi, rather than past lo */
	double first = pos[o[0]] - size[o[0]] / 2;
	if (first < lo)
		for (int i = 0; i < n; i++)
			pos[o[i]] += lo - first;
	free(o);
}

static double own_measure(void *ctx, const char *s, double size, int bold)
{
	(void)ctx;
	return chart_text_width(s, size, bold);
}

/* s[0..len) with "…" after it, malloc'ed. */
static char *with_ellipsis(const char *s, size_t len)
{
	while (len && s[len - 1] == ' ')
		len--;
	return xasprintf("%.*s\u2026", (int)len, s);
}

/* The longest prefix of s (at a character boundary) that, followed by "…", fits `width`. */
static size_t fit_prefix(const char *s, double size, int bold, double width, chart_measure m, void *ctx)
{
	size_t best = 0, len = strlen(s);
	for (size_t i = 1; i <= len; i++) {
		if (i < len && ((unsigned char)s[i] & 0xc0) == 0x80)
			continue;
		char *t = with_ellipsis(s, i);
		int ok = m(ctx, t, size, bold) <= width;
		free(t);
		if (!ok)
			break;
		best = i;
	}
	return best;
}

int chart_wrap(const char *s, double size, int bold, double width, int maxlines, chart_measure measure, void *ctx,
               char **out)
{
	chart_measure m = measure ? measure : own_measure;
	int n = 0;
	while (*s == ' ')
		s++;
	while (*s && n < maxlines) {
		/* the most words that fit on this line */
		size_t end = 0, len = strlen(s);
		for (size_t i = 0; i <= len; i++) {
			if (i < len && s[i] != ' ')
				continue;
			char *t = xasprintf("%.*s", (int)i, s);
			int ok = m(ctx, t, size, bold) <= width;
			free(t);
			if (!ok)
				break;
			end = i;
		}
		int last = n == maxlines - 1;
		if (end == len) {
			out[n++] = xstrdup(s);
			break;
		}
		if (end == 0 || last) {
			/* a word too long for a line, or more text than lines: cut with "…" */
			size_t cut = fit_prefix(s, size, bold, width, m, ctx);
			out[n++] = with_ellipsis(s, cut);
			break;
		}
		out[n++] = xasprintf("%.*s", (int)end, s);
		s += end;
		while (*s == ' ')
			s++;
	}
	return n;
}

static chart_t *chart_new(chart_kind kind, const kpi_t *k, const char *id, int ncats)
{
	chart_t *c = xcalloc(1, sizeof *c);
	c->kind = kind;
	c->id = xstrdup(id);
	c->title = xstrdup(k->def.naam);
	c->unit = k->def.eenheid;
	char unit[128];
	present_unit(&k->def, unit);
	c->axis_label = xstrdup(unit);
	c->ncats = ncats;
	c->cats = xcalloc((size_t)(ncats ? ncats : 1), sizeof *c->cats);
	c->ticks = xcalloc((size_t)(ncats ? ncats : 1), sizeof *c->ticks);
	return c;
}

static chart_series *add_series(chart_t *c, const char *label)
{
	c->series = xrealloc(c->series, (size_t)(c->nseries + 1) * sizeof *c->series);
	chart_series *s = &c->series[c->nseries++];
	s->label = xstrdup(label);
	s->y = xcalloc((size_t)(c->ncats ? c->ncats : 1), sizeof *s->y);
	s->has = xcalloc((size_t)(c->ncats ? c->ncats : 1), sizeof *s->has);
	s->revised = xcalloc((size_t)(c->ncats ? c->ncats : 1), sizeof *s->revised);
	return s;
}

static void add_ref(chart_t *c, chart_ref_kind kind, double v, int datum, char *label)
{
	c->refs = xrealloc(c->refs, (size_t)(c->nrefs + 1) * sizeof *c->refs);
	chart_ref *r = &c->refs[c->nrefs++];
	r->kind = kind;
	r->value = v;
	r->datum = datum;
	r->label = label;
}

static void add_target(chart_t *c, const kpi_t *k, const target_t *t)
{
	char when[40];
	present_target_date(t->datum, when);
	int applies = k->res.goal >= 0 && t == &k->def.doelen[k->res.goal];
	add_ref(c, applies ? REF_TARGET : REF_TARGET_OTHER, t->waarde, t->datum, xasprintf("doel %s", when));
}

/* Reference lines are added with their name only ("nulmeting", "doel eind 2025"); finish_refs
 * gives each its value and merges those at the same value. */
static void target_refs(chart_t *c, const kpi_t *k)
{
	const kpi_def *d = &k->def;
	if (d->has_base)
		add_ref(c, REF_BASE, d->base.waarde, d->base.datum, xstrdup("nulmeting"));
	if (d->has_step)
		add_ref(c, REF_STEP, d->step, DAY_NONE, xstrdup("tussenstap"));
	for (size_t i = 0; i < d->ndoelen; i++)
		add_target(c, k, &d->doelen[i]);
}

static void norm_ref(chart_t *c, const kpi_t *k)
{
	add_ref(c, REF_NORM, k->def.norm, DAY_NONE, xstrdup("norm"));
}

/* How telling a kind of line is, for the style of merged lines. */
static int weight(chart_ref_kind kind)
{
	static const int w[REF_N] = {[REF_BASE] = 0, [REF_NORM] = 1, [REF_STEP] = 2, [REF_TARGET_OTHER] = 3, [REF_TARGET] = 4};
	return w[kind];
}

static void finish_refs(chart_t *c, const kpi_t *k)
{
	const kpi_def *d = &k->def;
	int n = 0;
	int *taken = xcalloc((size_t)c->nrefs + 1, sizeof *taken);
	for (int i = 0; i < c->nrefs; i++) {
		if (taken[i]) {
			free(c->refs[i].label);
			continue;
		}
		char vi[64];
		present_goal_value(d, c->refs[i].value, vi);
		/* the lines after it at the same value, as shown, join this one */
		const char *names[16];
		int kinds[16], nn = 0;
		chart_ref_kind main = c->refs[i].kind;
		int datum = c->refs[i].datum;
		names[nn] = c->refs[i].label;
		kinds[nn++] = (int)c->refs[i].kind;
		for (int j = i + 1; j < c->nrefs; j++) {
			char vj[64];
			present_goal_value(d, c->refs[j].value, vj);
			if (taken[j] || strcmp(vi, vj) != 0 || nn == 16)
				continue;
			names[nn] = c->refs[j].label;
			kinds[nn++] = (int)c->refs[j].kind;
			if (weight(c->refs[j].kind) > weight(main)) {
				main = c->refs[j].kind;
				datum = c->refs[j].datum;
			}
			taken[j] = 1;
		}
		buf_t l = {0};
		int targets = 0;
		for (int q = 0; q < nn; q++) {
			if (q)
				buf_puts(&l, q == nn - 1 ? " en " : ", ");
			/* "doel eind 2024 en eind 2025" */
			const char *nm = names[q];
			int target = kinds[q] == REF_TARGET || kinds[q] == REF_TARGET_OTHER;
			if (target && targets++ && !strncmp(nm, "doel ", 5))
				nm += 5;
			buf_puts(&l, nm);
		}
		int bound = 0;
		for (int q = 0; q < nn; q++)
			bound |= kinds[q] == REF_TARGET || kinds[q] == REF_TARGET_OTHER || kinds[q] == REF_STEP;
		buf_printf(&l, ": %s%s", bound ? present_bound(d, c->refs[i].value) : "", vi);
		chart_ref r = {.kind = main, .value = c->refs[i].value, .datum = datum};
		free(c->refs[i].label); /* the lines taken free their own names when the loop gets there */
		r.label = buf_take(&l);
		c->refs[n++] = r;
	}
	c->nrefs = n;
	free(taken);
}

/* The y axis: shares from 0 to 100%, marks on their scale (the KPI's 'bereik', else 1 to 10),
 * counts and durations from 0 with a little room above the data and reference lines. */
static double nice_step(double span, int want)
{
	double raw = span / want, mag = pow(10, floor(log10(raw)));
	double f = raw / mag;
	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

static void set_range(chart_t *c, double range_lo, double range_hi, int may_cut)
{
	double lo = INFINITY, hi = -INFINITY;
	for (int s = 0; s < c->nseries; s++)
		for (int i = 0; i < c->ncats; i++)
			if (c->series[s].has[i]) {
				lo = fmin(lo, c->series[s].y[i]);
				hi = fmax(hi, c->series[s].y[i]);
			}
	for (int r = 0; r < c->nrefs; r++) {
		lo = fmin(lo, c->refs[r].value);
		hi = fmax(hi, c->refs[r].value);
	}
	if (!isfinite(lo)) {
		lo = 0;
		hi = 1;
	}
	switch (c->unit) {
	case EENHEID_PROCENT:
		/* a share is shown on its whole scale, so a change looks as large as it is */
		c->ymin = 0;
		c->ymax = hi > 100 ? ceil(hi / 10) * 10 : 100;
		break;
	case EENHEID_CIJFER:
		/* marks on their scale: the declared range, else 1 to 10 */
		c->ymin = range_lo;
		c->ymax = range_hi;
		if (lo < c->ymin)
			c->ymin = floor(lo);
		if (hi > c->ymax)
			c->ymax = ceil(hi);
		break;
	case EENHEID_AANTAL:
	case EENHEID_WERKDAGEN: {
		/* from 0 to a round number a little above the data: 3 goes to 4, 8,3 to 10, 36 to 40 */
		c->ymin = 0;
		double top = hi <= 0 ? 1 : hi * 1.1;
		double mag = pow(10, floor(log10(top)));
		double f = top / mag;
		static const double steps[] = {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10};
		size_t i = 0;
		while (i + 1 < sizeof steps / sizeof *steps && f > steps[i] + 1e-9)
			i++;
		c->ymax = steps[i] * mag;
		break;
	}
	}
	if (c->ymax <= c->ymin)
		c->ymax = c->ymin + 1;
	/* Shares and marks in a narrow band far from the bottom of their scale (96 to 99% on 0 to
	 * 100%) would sit flat on the top of the chart: the axis then starts near the lowest value
	 * or line, at a round number, and the chart is marked as cut. Counts and durations always
	 * start at 0. */
	double scale = c->ymax - c->ymin, band = hi - lo;
	if (may_cut && (c->unit == EENHEID_PROCENT || c->unit == EENHEID_CIJFER) && band <= 0.2 * scale &&
	    lo - c->ymin > 0.5 * scale) {
		double pad = fmax(band * 0.25, scale * 0.02);
		double step = nice_step(band + 2 * pad, 4);
		double from = floor((lo - pad) / step) * step, to = ceil((hi + pad) / step) * step;
		if (from > c->ymin) {
			c->ymin = from;
			c->ymax = fmin(c->ymax, to);
			c->cut = 1;
		}
	}
}

/* The sentence a cut axis adds to the finding. */
static void axis_note(const chart_t *c, buf_t *d)
{
	if (!c->cut)
		return;
	char from[56], zero[56];
	present_tick(c->unit, c->ymin, from);
	present_tick(c->unit, c->zero, zero);
	buf_printf(d, " Let op: de as begint bij %s en niet bij %s. Zo zijn kleine verschillen te zien.", from, zero);
}

void chart_share_axis(chart_t **c, int n)
{
	double lo = INFINITY, hi = -INFINITY;
	for (int i = 0; i < n; i++)
		if (c[i]) {
			lo = fmin(lo, c[i]->ymin);
			hi = fmax(hi, c[i]->ymax);
		}
	for (int i = 0; i < n; i++) {
		if (!c[i])
			continue;
		c[i]->ymin = lo;
		c[i]->ymax = hi;
		c[i]->cut = c[i]->kind == CHART_LINE && lo > c[i]->zero + 1e-9;
		buf_t d = {0};
		buf_add(&d, c[i]->desc, c[i]->note_at);
		axis_note(c[i], &d);
		free(c[i]->desc);
		c[i]->desc = buf_take(&d);
	}
}

chart_t *chart_trend(const kpi_t *k, const series_t *group, const char *id)
{
	const series_t *src = group ? group : &k->res.total;
	if (src->ncells == 0)
		return NULL;
	chart_t *c = chart_new(CHART_LINE, k, id, (int)src->ncells);
	if (group) {
		free(c->title);
		c->title = xasprintf("%s: %s", k->def.naam, group->name);
	}
	chart_series *s = add_series(c, group ? group->name : "Totaal");
	int any = 0;
	for (size_t i = 0; i < src->ncells; i++) {
		char p[40];
		int key = src->first_key + (int)i;
		present_period_short(k->def.per, key, p);
		c->cats[i] = xstrdup(p);
		/* axis labels that fit: all when few; else January with its year and July,
		 * or the first quarter with its year */
		if (src->ncells <= 6)
			c->ticks[i] = xstrdup(p);
		else if (k->def.per == PER_MAAND && key % 12 == 0)
			c->ticks[i] = xstrdup(p);
		else if (k->def.per == PER_MAAND && key % 12 == 6 && src->ncells <= 48)
			c->ticks[i] = xstrdup(present_month_abbr(6));
		else if (k->def.per == PER_KWARTAAL && key % 4 == 0)
			c->ticks[i] = xstrdup(p);
		else if (k->def.per == PER_KWARTAAL && key % 4 == 2 && src->ncells <= 10)
			c->ticks[i] = xstrdup("K3");
		else if (k->def.per == PER_JAAR && (src->ncells <= 12 || key % 5 == 0))
			c->ticks[i] = xstrdup(p);
		if (src->cells[i].has_value) {
			s->y[i] = src->cells[i].value;
			s->has[i] = 1;
			s->revised[i] = src->cells[i].revised;
			any = 1;
		}
	}
	/* The axis starts with a year ("K3" or "jul" alone says nothing): the first period gets
	 * its full label when the next label leaves room (a label is some 55 px, a period gets
	 * about 400 / ncats px of a wide chart), else that next label gets the year. */
	if (c->ncats > 6 && (!c->ticks[0] || strcmp(c->ticks[0], c->cats[0]))) {
		int next = 1, room = c->ncats / 7 + 1 < 3 ? 3 : c->ncats / 7 + 1;
		while (next < c->ncats && !c->ticks[next])
			next++;
		free(c->ticks[0]);
		c->ticks[0] = NULL;
		int at = next >= room ? 0 : next;
		if (at < c->ncats) {
			free(c->ticks[at]);
			c->ticks[at] = xstrdup(c->cats[at]);
		}
	}
	if (!any) {
		chart_free(c);
		return NULL;
	}
	c->per = k->def.per;
	c->first_key = src->first_key;
	target_refs(c, k);
	if (k->def.has_norm && k->def.maat == MAAT_GEMIDDELDE)
		norm_ref(c, k);
	finish_refs(c, k);
	/* events of this series (a group's own, or the organisation's) */
	for (size_t e = 0; e < k->def.nevents; e++) {
		const event_t *ev = &k->def.events[e];
		if (group ? !str_eq(ev->groep, group->name) : ev->groep != NULL)
			continue;
		int key = period_of(k->def.per, ev->datum);
		if (key < src->first_key || key >= src->first_key + (int)src->ncells)
			continue;
		c->events = xrealloc(c->events, (size_t)(c->nevents + 1) * sizeof *c->events);
		char d[40];
		present_date(ev->datum, d);
		c->events[c->nevents].cat = key - src->first_key;
		c->events[c->nevents].datum = ev->datum;
		c->events[c->nevents].label = xasprintf("%s (%s)", ev->wat, d);
		c->nevents++;
	}
	set_range(c, k->def.has_range ? k->def.range_lo : 1, k->def.has_range ? k->def.range_hi : 10, 1);
	/* the finding in words: first and last value, and the status */
	int first = -1, last = -1;
	for (int i = 0; i < c->ncats; i++)
		if (s->has[i]) {
			if (first < 0)
				first = i;
			last = i;
		}
	char a[64], b[64], pa[48], pb[48];
	present_value(&k->def, s->y[first], a);
	present_value(&k->def, s->y[last], b);
	present_in_period(k->def.per, src->first_key + first, 0, pa);
	present_in_period(k->def.per, src->first_key + last, first == last, pb);
	buf_t d = {0};
	/* the title, then the finding in a sentence of its own (B1: short sentences) */
	if (first == last)
		buf_printf(&d, "%s. %s: %s.", c->title, pb, b);
	else
		buf_printf(&d, "%s. Van %s %s naar %s %s.", c->title, a, pa, b, pb);
	/* a low or a high between the two ends: the chart shows it, so the words say it */
	int lo = first, hi = first;
	for (int i = first; i <= last; i++)
		if (s->has[i]) {
			if (s->y[i] < s->y[lo])
				lo = i;
			if (s->y[i] > s->y[hi])
				hi = i;
		}
	for (int e = 0; e < 2; e++) {
		int at = e == 0 ? lo : hi;
		char v[64], p[48];
		present_value(&k->def, s->y[at], v);
		if (at == first || at == last || !strcmp(v, a) || !strcmp(v, b))
			continue;
		present_in_period(k->def.per, src->first_key + at, 0, p);
		buf_printf(&d, " Het %s: %s %s.", e == 0 ? "laagst" : "hoogst", v, p);
	}
	for (int e = 0; e < c->nevents; e++)
		buf_printf(&d, " %s.", c->events[e].label);
	/* figures the previous edition published otherwise (an open ring in the chart) */
	int nrev = 0;
	for (int i = 0; i < c->ncats; i++)
		nrev += s->revised[i];
	for (int i = 0; i < c->ncats && nrev <= 2; i++)
		if (s->revised[i]) {
			char was[64];
			present_value(&k->def, src->cells[i].was, was);
			buf_printf(&d, " Herzien: %s, eerder %s.", c->cats[i], was);
		}
	if (nrev > 2)
		buf_printf(&d, " %d cijfers zijn herzien sinds de vorige editie.", nrev);
	c->zero = c->unit == EENHEID_PROCENT ? 0 : k->def.has_range ? k->def.range_lo : 1;
	c->note_at = d.len;
	axis_note(c, &d);
	/* no status here: every output shows the status sentence right before the chart */
	c->desc = buf_take(&d);
	return c;
}

chart_t *chart_groups(const kpi_t *k, int key, const char *id)
{
	if (!k->res.ngroups)
		return NULL;
	chart_t *c = chart_new(CHART_BARS, k, id, (int)k->res.ngroups);
	char p[40];
	present_period(k->def.per, key, p);
	free(c->title);
	c->title = present_group_title(&k->def, key);
	chart_series *s = add_series(c, p);
	/* a count names only the group with the most; a share or mean names the best and the worst,
	 * but never a group too small to compare (fewer rows than the KPI's minimum, 10 unless set):
	 * 0 of 3 late is no "best" */
	int count = k->def.maat == MAAT_AANTAL;
	int best = -1, worst = -1, n = 0, small = 0;
	for (size_t g = 0; g < k->res.ngroups; g++) {
		c->cats[g] = xstrdup(k->res.groups[g].name);
		const cell_t *cell = series_cell(&k->res.groups[g], key);
		if (cell && cell->has_value) {
			s->y[g] = cell->value;
			s->has[g] = 1;
			n++;
			if (!count && cell->n < k->def.minimum) {
				small++;
				continue;
			}
			if (best < 0 || (k->def.lager && !count ? cell->value < s->y[best] : cell->value > s->y[best]))
				best = (int)g;
			if (worst < 0 || (k->def.lager ? cell->value > s->y[worst] : cell->value < s->y[worst]))
				worst = (int)g;
		}
	}
	if (!n) {
		chart_free(c);
		return NULL;
	}
	if (k->def.has_norm && k->def.maat == MAAT_GEMIDDELDE) {
		norm_ref(c, k);
	} else {
		/* the target that applies in this period */
		const target_t *t = kpi_target_at(k, period_last_day(k->def.per, key));
		if (t)
			add_target(c, k, t);
	}
	finish_refs(c, k);
	set_range(c, k->def.has_range ? k->def.range_lo : 1, k->def.has_range ? k->def.range_hi : 10, 0);
	c->ymin = 0; /* bars start at zero, or their lengths lie */
	if (best < 0 || n - small < 2) {
		char b[64];
		if (best >= 0)
			present_value(&k->def, s->y[best], b);
		if (n == 1 && best >= 0) {
			c->desc = xasprintf("%s: alleen %s heeft een waarde, %s.", c->title, c->cats[best], b);
		} else if (best >= 0) {
			c->desc = xasprintf("%s. Alleen %s is groot genoeg om te vergelijken (%ld of meer), met %s.", c->title,
			                    c->cats[best], k->def.minimum, b);
		} else {
			c->desc = xasprintf("%s. De groepen zijn te klein om ze te vergelijken (minder dan %ld per groep).",
			                    c->title, k->def.minimum);
		}
		return c;
	}
	char b[64], w[64];
	present_value(&k->def, s->y[best], b);
	present_value(&k->def, s->y[worst], w);
	/* groups that show the same value as the best or the worst are counted, not passed over */
	int nb = 0, nw = 0;
	for (int g = 0; g < c->ncats; g++) {
		const cell_t *cell = series_cell(&k->res.groups[g], key);
		if (!s->has[g] || (!count && cell->n < k->def.minimum))
			continue;
		char v[64];
		present_value(&k->def, s->y[g], v);
		nb += !strcmp(v, b);
		nw += !strcmp(v, w);
	}
	buf_t d = {0};
	if (nb == n - small) {
		buf_printf(&d, "%s. Alle %d hebben %s.", c->title, nb, b);
	} else {
		buf_printf(&d, "%s. %s: %s", c->title, count ? "Het meest" : "Het best", c->cats[best]);
		if (nb > 1)
			buf_printf(&d, " en %d %s", nb - 1, nb == 2 ? "ander" : "andere");
		buf_printf(&d, " met %s.", b);
		if (!count) {
			buf_printf(&d, " Het minst goed: %s", c->cats[worst]);
			if (nw > 1)
				buf_printf(&d, " en %d %s", nw - 1, nw == 2 ? "ander" : "andere");
			buf_printf(&d, " met %s.", w);
		}
	}
	if (small)
		buf_printf(&d, " %d %s te klein (minder dan %ld) en %s niet mee.", small, small == 1 ? "groep is" : "groepen zijn",
		           k->def.minimum, small == 1 ? "telt" : "tellen");
	c->desc = buf_take(&d);
	return c;
}

void chart_free(chart_t *c)
{
	if (!c)
		return;
	for (int i = 0; i < c->ncats; i++) {
		free(c->cats[i]);
		free(c->ticks[i]);
	}
	free(c->cats);
	free(c->ticks);
	for (int s = 0; s < c->nseries; s++) {
		free(c->series[s].label);
		free(c->series[s].y);
		free(c->series[s].has);
		free(c->series[s].revised);
	}
	free(c->series);
	for (int r = 0; r < c->nrefs; r++)
		free(c->refs[r].label);
	free(c->refs);
	for (int e = 0; e < c->nevents; e++)
		free(c->events[e].label);
	free(c->events);
	free(c->id);
	free(c->title);
	free(c->desc);
	free(c->axis_label);
	free(c);
}

int chart_end_label(const chart_t *c, int s, char *out)
{
	const chart_series *se = &c->series[s];
	int last = -1;
	for (int i = 0; i < c->ncats; i++)
		if (se->has[i])
			last = i;
	out[0] = '\0';
	if (last >= 0) {
		char v[64];
		present_value_short(c->unit, se->y[last], v);
		/* the one line of the whole organisation needs no name: "Totaal: 5" reads as a sum */
		if (c->nseries == 1 && !strcmp(se->label, "Totaal"))
			snprintf(out, 200, "%s", v);
		else
			snprintf(out, 200, "%s: %s", se->label, v);
	}
	return last;
}
