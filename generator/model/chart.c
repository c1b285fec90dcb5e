/* chart.c - see chart.h. */
#include "model/chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "model/present.h"

static chart_t *chart_new(chart_kind kind, const kpi_t *k, const char *id, int ncats)
{
	chart_t *c = xcalloc(1, sizeof *c);
	c->kind = kind;
	c->id = xstrdup(id);
	c->title = xstrdup(k->def.naam);
	c->unit = k->def.eenheid;
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
	r->dashed = kind == REF_TARGET || kind == REF_STEP;
}

static void target_refs(chart_t *c, const kpi_t *k)
{
	const kpi_def *d = &k->def;
	char v[64];
	if (d->has_base) {
		present_goal_value(d, d->base.waarde, v);
		add_ref(c, REF_BASE, d->base.waarde, d->base.datum, xasprintf("nulmeting %s", v));
	}
	if (d->has_step) {
		present_goal_value(d, d->step, v);
		add_ref(c, REF_STEP, d->step, DAY_NONE, xasprintf("tussenstap %s", v));
	}
	for (size_t i = 0; i < d->ndoelen; i++)
		add_ref(c, REF_TARGET, d->doelen[i].waarde, d->doelen[i].datum, present_target(d, &d->doelen[i]));
}

static void norm_ref(chart_t *c, const kpi_t *k)
{
	char v[64];
	present_goal_value(&k->def, k->def.norm, v);
	add_ref(c, REF_NORM, k->def.norm, DAY_NONE, xasprintf("norm %s", v));
}

/* The y axis: shares from 0 to 100%, marks on their scale (the KPI's 'bereik', else 1 to 10),
 * counts and durations from 0 with a little room above the data and reference lines. */
static void set_range(chart_t *c, double range_lo, double range_hi)
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
	set_range(c, k->def.has_range ? k->def.range_lo : 1, k->def.has_range ? k->def.range_hi : 10);
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
			add_ref(c, REF_TARGET, t->waarde, t->datum, present_target(&k->def, t));
	}
	set_range(c, k->def.has_range ? k->def.range_lo : 1, k->def.has_range ? k->def.range_hi : 10);
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
		snprintf(out, 200, "%s: %s", se->label, v);
	}
	return last;
}
