/* edition.c - see edition.h. */
#include "model/edition.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/digest.h"
#include "base/escape.h"
#include "base/fmt.h"
#include "base/util.h"
#include "model/present.h"

/* --- fingerprints ------------------------------------------------------------------------ */

static void field(buf_t *b, const char *name, const char *v)
{
	buf_printf(b, "%s=%s\n", name, v ? v : "");
}

static void fingerprint(const buf_t *b, char out[17])
{
	char hex[DIGEST_HEX];
	digest_bytes(b->s ? b->s : "", b->len, hex);
	memcpy(out, hex, 16);
	out[16] = '\0';
}

void edition_fingerprints(const kpi_t *k, const calendar_t *cal, char def[17], char targets[17])
{
	const kpi_def *d = &k->def;
	buf_t b = {0};
	/* extra closing days change every deadline in working days */
	if (d->werkdagen || d->einde)
		for (size_t i = 0; i < cal->nclosed; i++)
			buf_printf(&b, "sluitingsdag=%d\n", cal->closed[i]);
	field(&b, "maat", maat_names[d->maat]);
	/* the source, not its format: "x", "x.csv" and "x.xlsx" are one source (load/data.c), so
	 * an export that comes as a workbook instead of a CSV file changes no definition */
	if (d->bron)
		buf_printf(&b, "bron=%.*s.csv\n", (int)data_stem_len(d->bron), d->bron);
	else
		field(&b, "bron", NULL);
	field(&b, "start", d->start);
	field(&b, "einde", d->einde);
	field(&b, "datum", d->datum);
	field(&b, "kolom", d->kolom);
	field(&b, "is", d->is);
	field(&b, "groep", d->groep);
	buf_printf(&b, "termijn=%d %d\nper=%d\nlager=%d\neenheid=%d\nminimum=%ld\nnorm=%d %.6g\n", d->termijn,
	           d->werkdagen, (int)d->per, d->lager, (int)d->eenheid, d->minimum, d->has_norm, d->norm);
	for (size_t i = 0; i < d->nfilters; i++)
		buf_printf(&b, "filter=%s %d %s %.6g\n", d->filters[i].kolom, (int)d->filters[i].op,
		           d->filters[i].waarde ? d->filters[i].waarde : "", d->filters[i].getal);
	fingerprint(&b, def);
	buf_reset(&b);
	if (d->has_base)
		buf_printf(&b, "nulmeting=%.6g %d\n", d->base.waarde, d->base.datum);
	if (d->has_step)
		buf_printf(&b, "tussenstap=%.6g\n", d->step);
	for (size_t i = 0; i < d->ndoelen; i++)
		buf_printf(&b, "doel=%.6g %d\n", d->doelen[i].waarde, d->doelen[i].datum);
	fingerprint(&b, targets);
	buf_free(&b);
}

/* --- the record -------------------------------------------------------------------------- */

/* One row: soort, then the other 12 columns (NULL: empty). Text is escaped; what meetlat
 * writes itself (periods, dates, numbers, fingerprints: columns periode, waarde, aantal, open,
 * definitie, doelen) is not, so "-3,0" stays a number. */
static void row(buf_t *b, const char *soort, const char *const *v)
{
	static const int raw[12] = {0, 0, 1, 1, 0, 0, 1, 1, 0, 1, 1, 0};
	buf_puts(b, soort);
	for (int i = 0; i < 12; i++) {
		buf_putc(b, ';');
		if (v[i] && raw[i])
			buf_puts(b, v[i]);
		else if (v[i])
			esc_csv(b, v[i]);
	}
	buf_puts(b, "\r\n");
}

void edition_check(const char *text, size_t len, char out[DIGEST_HEX])
{
	/* carriage returns do not count: a record whose line ends were converted is the same */
	buf_t b = {0};
	for (size_t i = 0; i < len; i++)
		if (text[i] != '\r')
			buf_putc(&b, text[i]);
	digest_bytes(b.s ? b.s : "", b.len, out);
	buf_free(&b);
}

static void value_text(double v, char *out)
{
	fmt_num(num_round(v, 1), 1, out);
}

static void series_rows(buf_t *b, const kpi_t *k, const series_t *s)
{
	for (size_t i = 0; i < s->ncells; i++) {
		const cell_t *c = &s->cells[i];
		if (!c->has_value)
			continue;
		char p[16], v[64], n[24], o[24];
		period_code(k->def.per, s->first_key + (int)i, p);
		value_text(c->value, v);
		snprintf(n, sizeof n, "%ld", c->total);
		snprintf(o, sizeof o, "%ld", c->open);
		const char *cols[12] = {k->def.id, s->name, p, v, c->provisional ? "voorlopig" : "definitief", NULL, n, o};
		row(b, "cijfer", cols);
	}
}

void edition_name(int peildatum, int correction, char *out)
{
	int y, mo, d;
	day_to_ymd(peildatum, &y, &mo, &d);
	if (correction)
		snprintf(out, 64, "editie-%04d-%02d-%02d-correctie-%d.csv", y, mo, d, correction);
	else
		snprintf(out, 64, "editie-%04d-%02d-%02d.csv", y, mo, d);
}

void edition_record(const model_t *m, const char *corrects, buf_t *out)
{
	buf_t b = {0};
	buf_puts(&b, EDITION_COLUMNS "\r\n");
	char ver[8], day[16], nr[16];
	snprintf(ver, sizeof ver, "%d", m->correction ? 3 : 2);
	const char *v1[12] = {NULL, NULL, NULL, ver};
	row(&b, "versie", v1);
	int y, mo, d;
	day_to_ymd(m->peildatum, &y, &mo, &d);
	snprintf(day, sizeof day, "%04d-%02d-%02d", y, mo, d);
	const char *v2[12] = {NULL, NULL, day};
	row(&b, "editie", v2);
	if (m->correction) {
		/* a correction: its number, and the record it corrects (kept beside it) */
		snprintf(nr, sizeof nr, "%d", m->correction);
		const char *vc[12] = {NULL, NULL, NULL, nr, NULL, NULL, NULL, NULL, NULL, NULL, NULL, corrects};
		row(&b, "correctie", vc);
	}
	/* each export: the day it covers up to and the fingerprint of what the KPIs read from it,
	 * so the next edition can tell an unchanged export from a refreshed one */
	for (size_t i = 0; i < m->nfiles; i++) {
		const datafile_t *f = &m->files[i];
		if (!f->used)
			continue;
		char end[16] = "", fp[17], rows[24];
		if (f->cover_end != DAY_NONE)
			date_iso(f->cover_end, end);
		snprintf(fp, sizeof fp, "%016llx", f->fingerprint);
		snprintf(rows, sizeof rows, "%ld", f->rows);
		const char *cols[12] = {f->name, NULL, end, NULL, NULL, NULL, rows, NULL, NULL, fp};
		row(&b, "bron", cols);
	}
	for (size_t i = 0; i < m->nkpis; i++) {
		const kpi_t *k = m->kpis[i];
		char p[16] = "", def[17], tg[17];
		if (k->res.has_cur)
			period_code(k->def.per, k->res.cur_key, p);
		edition_fingerprints(k, &m->cal, def, tg);
		const char *cols[12] = {k->def.id, NULL, p, NULL, k->res.provisional ? "voorlopig" : "definitief",
			present_status(k->res.status), NULL, NULL, k->res.met_now ? "ja" : "nee", def, tg, k->def.naam};
		row(&b, "kpi", cols);
		series_rows(&b, k, &k->res.total);
		for (size_t g = 0; g < k->res.ngroups; g++)
			series_rows(&b, k, &k->res.groups[g]);
	}
	for (size_t i = 0; i < m->npages; i++) {
		const page_t *pg = m->pages[i];
		for (size_t j = 0; j < pg->nms; j++) {
			/* a milestone: its page (in the column kpi), its date, status and text */
			char when[16];
			int y2, m2, d2;
			day_to_ymd(pg->ms[j].last, &y2, &m2, &d2);
			snprintf(when, sizeof when, "%04d-%02d-%02d", y2, m2, d2);
			const char *cols[12] = {pg->slug, NULL, when, NULL, NULL, present_ms(pg->ms[j].status), NULL, NULL,
				NULL, NULL, NULL, pg->ms[j].wat};
			row(&b, "mijlpaal", cols);
		}
	}
	/* the check: SHA-256 of everything above, so a record changed by hand is recognised */
	char hex[DIGEST_HEX];
	edition_check(b.s, b.len, hex);
	const char *v3[12] = {NULL, NULL, NULL, hex};
	row(&b, "controle", v3);
	buf_add(out, b.s, b.len);
	buf_free(&b);
}

/* --- comparing --------------------------------------------------------------------------- */

static const ed_kpi *find_kpi(const edition_t *e, const char *id)
{
	for (size_t i = 0; i < e->nkpis; i++)
		if (!strcmp(e->kpis[i].kpi, id))
			return &e->kpis[i];
	return NULL;
}

static series_t *find_series(kpi_t *k, const char *name)
{
	if (!strcmp(name, k->res.total.name))
		return &k->res.total;
	for (size_t g = 0; g < k->res.ngroups; g++)
		if (!strcmp(name, k->res.groups[g].name))
			return &k->res.groups[g];
	return NULL;
}

/* Whether the KPI's export is the one the edition read, value for value. */
static int same_source(const model_t *m, const edition_t *e, const kpi_t *k)
{
	const datafile_t *f = model_source(m, k);
	if (!f)
		return 0;
	char fp[17];
	snprintf(fp, sizeof fp, "%016llx", f->fingerprint);
	for (size_t i = 0; i < e->nsources; i++)
		if (!strcmp(e->sources[i].file, f->name))
			return !strcmp(e->sources[i].fingerprint, fp);
	return 0;
}

static void add(model_t *m, size_t *cap, change_t c)
{
	m->changes = xgrow(m->changes, cap, m->nchanges, sizeof *m->changes);
	m->changes[m->nchanges++] = c;
}

/* Figures of one KPI: mark what the edition published otherwise; list the organisation's. */
static void compare_figures(model_t *m, size_t *cap, const edition_t *e, kpi_t *k, int def_changed)
{
	int groups = 0, gone = 0;
	for (size_t i = 0; i < e->nfigs; i++) {
		const ed_figure *f = &e->figs[i];
		if (strcmp(f->kpi, k->def.id) != 0)
			continue;
		series_t *s = find_series(k, f->group);
		per_t per;
		int key;
		if (period_parse(f->period, strlen(f->period), &per, &key) != 0 || per != k->def.per)
			continue; /* the KPI now counts per another period: its definition says so */
		if (!s || key < s->first_key || (size_t)(key - s->first_key) >= s->ncells ||
		    !s->cells[key - s->first_key].has_value) {
			gone++; /* published then, not shown now (a group without rows, a value held back) */
			continue;
		}
		cell_t *c = &s->cells[key - s->first_key];
		if (fabs(num_round(c->value, 1) - f->value) < 0.05)
			continue;
		c->revised = 1;
		c->was = f->value;
		c->why = def_changed                         ? REV_DEFINITION
		         : f->provisional && c->open < f->open ? REV_OPEN_RESOLVED
		         : c->total > f->total                 ? REV_ROWS_ADDED
		         : c->total < f->total                 ? REV_ROWS_REMOVED
		                                               : REV_UNKNOWN;
		if (s->is_total)
			add(m, cap, (change_t){.kind = CH_REVISED, .k = k, .series = s, .cell = c});
		else
			groups++;
	}
	if (groups)
		add(m, cap, (change_t){.kind = CH_REVISED_GROUPS, .k = k, .count = groups});
	if (gone)
		add(m, cap, (change_t){.kind = CH_GONE_FIGURES, .k = k, .count = gone});
}

/* editions are sorted by reference date, then correction: the last of a date is what counts */
const edition_t *edition_of(const model_t *m, int peildatum)
{
	const edition_t *e = NULL;
	for (size_t i = 0; i < m->neditions; i++)
		if (m->editions[i].peildatum == peildatum)
			e = &m->editions[i];
	return e;
}

/* The record's lines that say what was published, one after another, without carriage
 * returns: not its version, correction number or check, and not the exports' fingerprints (an
 * export refreshed with rows after the reference date publishes nothing new; its figures do). */
static void said(const char *text, size_t len, buf_t *out)
{
	static const char *const skip[] = {"versie;", "correctie;", "controle;", "bron;"};
	size_t i = 0;
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - text) : len, n = end - i;
		while (n > 0 && text[i + n - 1] == '\r')
			n--;
		int keep = n > 0;
		for (size_t k = 0; k < 4 && keep; k++)
			if (!strncmp(text + i, skip[k], strlen(skip[k])))
				keep = 0;
		if (keep) {
			buf_add(out, text + i, n);
			buf_putc(out, '\n');
		}
		i = nl ? end + 1 : len;
	}
}

int edition_same(const edition_t *e, const char *record, size_t len)
{
	buf_t a = {0}, b = {0};
	said(e->bytes, e->len, &a);
	said(record, len, &b);
	int same = a.len == b.len && (a.len == 0 || !memcmp(a.s, b.s, a.len));
	buf_free(&a);
	buf_free(&b);
	return same;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void add_diff(ed_diff **out, size_t *n, size_t *cap, ed_diff d)
{
	*out = xgrow(*out, cap, *n, sizeof **out);
	(*out)[(*n)++] = d;
}

size_t edition_differences(const model_t *m, const edition_t *e, ed_diff **out)
{
	size_t n = 0, cap = 0;
	*out = NULL;
	/* the edition's figures by KPI, group and period, to find the ones it did not have */
	char **have = xmalloc((e->nfigs ? e->nfigs : 1) * sizeof *have);
	for (size_t f = 0; f < e->nfigs; f++)
		have[f] = xasprintf("%s\x1F%s\x1F%s", e->figs[f].kpi, e->figs[f].group, e->figs[f].period);
	qsort(have, e->nfigs, sizeof *have, cmp_str);
	/* the exports: one not read then, or read otherwise */
	for (size_t i = 0; i < m->nfiles; i++) {
		const datafile_t *f = &m->files[i];
		if (!f->used || !e->nsources)
			continue;
		char fp[17];
		snprintf(fp, sizeof fp, "%016llx", f->fingerprint);
		const ed_source *was = NULL;
		for (size_t j = 0; j < e->nsources && !was; j++)
			if (!strcmp(e->sources[j].file, f->name))
				was = &e->sources[j];
		if (!was || strcmp(was->fingerprint, fp) != 0)
			add_diff(out, &n, &cap, (ed_diff){.kind = DIFF_SOURCE, .name = f->name, .line = was ? was->line : 0});
	}
	for (size_t i = 0; i < m->nkpis; i++) {
		kpi_t *k = m->kpis[i];
		const ed_kpi *was = find_kpi(e, k->def.id);
		if (!was) {
			add_diff(out, &n, &cap, (ed_diff){.kind = DIFF_KPI_NEW, .k = k});
			continue;
		}
		char def[17], tg[17];
		edition_fingerprints(k, &m->cal, def, tg);
		if (strcmp(def, was->definition) != 0)
			add_diff(out, &n, &cap, (ed_diff){.kind = DIFF_DEFINITION, .k = k, .name = "de berekening", .line = was->line});
		if (strcmp(tg, was->targets) != 0)
			add_diff(out, &n, &cap, (ed_diff){.kind = DIFF_DEFINITION, .k = k, .name = "de doelen", .line = was->line});
		if (strcmp(present_status(k->res.status), was->status) != 0)
			add_diff(out, &n, &cap, (ed_diff){.kind = DIFF_STATUS, .k = k, .was_word = was->status,
			                                  .now_word = present_status(k->res.status), .line = was->line});
		/* the figures published then, against the ones now */
		for (size_t f = 0; f < e->nfigs; f++) {
			const ed_figure *fig = &e->figs[f];
			if (strcmp(fig->kpi, k->def.id) != 0)
				continue;
			series_t *s = find_series(k, fig->group);
			per_t per;
			int key;
			if (period_parse(fig->period, strlen(fig->period), &per, &key) != 0 || per != k->def.per)
				continue; /* counted per another period then: the definition says so */
			const cell_t *c = s && key >= s->first_key && (size_t)(key - s->first_key) < s->ncells
			                      ? &s->cells[key - s->first_key]
			                      : NULL;
			ed_diff d = {.kind = DIFF_FIGURE, .k = k, .group = fig->group, .key = key, .was = fig->value,
			             .was_prov = fig->provisional, .was_total = fig->total, .line = fig->line};
			if (!c || !c->has_value) {
				d.kind = DIFF_FIGURE_GONE;
				add_diff(out, &n, &cap, d);
				continue;
			}
			d.now = num_round(c->value, 1);
			d.now_prov = c->provisional;
			d.now_total = c->total;
			if (fabs(d.now - d.was) >= 0.05 || d.now_prov != d.was_prov || d.now_total != d.was_total ||
			    c->open != fig->open)
				add_diff(out, &n, &cap, d);
		}
		/* and the figures now that were not published */
		for (size_t si = 0; si <= k->res.ngroups; si++) {
			const series_t *s = si ? &k->res.groups[si - 1] : &k->res.total;
			for (size_t ci = 0; ci < s->ncells; ci++) {
				const cell_t *c = &s->cells[ci];
				if (!c->has_value)
					continue;
				char p[16];
				period_code(k->def.per, s->first_key + (int)ci, p);
				char *want = xasprintf("%s\x1F%s\x1F%s", k->def.id, s->name, p);
				int found = e->nfigs && bsearch(&want, have, e->nfigs, sizeof *have, cmp_str) != NULL;
				free(want);
				if (!found)
					add_diff(out, &n, &cap, (ed_diff){.kind = DIFF_FIGURE_NEW, .k = k, .group = s->name,
					                                  .key = s->first_key + (int)ci, .now = num_round(c->value, 1),
					                                  .now_prov = c->provisional, .now_total = c->total});
			}
		}
	}
	for (size_t i = 0; i < e->nkpis; i++)
		if (!model_find_kpi(m, e->kpis[i].kpi))
			add_diff(out, &n, &cap, (ed_diff){.kind = DIFF_KPI_GONE, .name = e->kpis[i].naam, .line = e->kpis[i].line});
	/* milestones: a status changed, or one added or gone (a new text is both) */
	unsigned char *matched = xcalloc(e->nms ? e->nms : 1, 1);
	for (size_t i = 0; i < m->npages; i++) {
		const page_t *pg = m->pages[i];
		for (size_t j = 0; j < pg->nms; j++) {
			const milestone_t *ms = &pg->ms[j];
			size_t q = 0;
			while (q < e->nms && (matched[q] || strcmp(e->ms[q].page, pg->slug) != 0 || strcmp(e->ms[q].wat, ms->wat) != 0))
				q++;
			if (q == e->nms) {
				add_diff(out, &n, &cap, (ed_diff){.kind = DIFF_MILESTONE, .page = pg, .wat = ms->wat,
				                                  .now_word = present_ms(ms->status)});
				continue;
			}
			matched[q] = 1;
			if (strcmp(e->ms[q].status, present_ms(ms->status)) != 0)
				add_diff(out, &n, &cap, (ed_diff){.kind = DIFF_MILESTONE, .page = pg, .wat = ms->wat,
				                                  .was_word = e->ms[q].status, .now_word = present_ms(ms->status),
				                                  .line = e->ms[q].line});
		}
	}
	for (size_t q = 0; q < e->nms; q++)
		if (!matched[q])
			add_diff(out, &n, &cap, (ed_diff){.kind = DIFF_MILESTONE, .wat = e->ms[q].wat, .was_word = e->ms[q].status,
			                                  .line = e->ms[q].line});
	free(matched);
	for (size_t f = 0; f < e->nfigs; f++)
		free(have[f]);
	free(have);
	return n;
}

void edition_compare(model_t *m)
{
	m->prev = -1;
	/* sorted by reference date, then correction: the last one before this reference date */
	for (size_t i = 0; i < m->neditions; i++)
		if (m->editions[i].peildatum < m->peildatum)
			m->prev = (int)i;
	if (m->prev < 0)
		return;
	const edition_t *e = &m->editions[m->prev];
	size_t cap = 0;
	for (size_t i = 0; i < m->nkpis; i++) {
		kpi_t *k = m->kpis[i];
		const ed_kpi *was = find_kpi(e, k->def.id);
		if (!was) {
			add(m, &cap, (change_t){.kind = CH_NEW_KPI, .k = k});
			continue;
		}
		char def[17], tg[17];
		edition_fingerprints(k, &m->cal, def, tg);
		int def_changed = strcmp(def, was->definition) != 0;
		/* an export that did not change revises nothing: its figures can only differ through
		 * the definition, and a status only through time passing */
		int same = same_source(m, e, k);
		if (def_changed)
			add(m, &cap, (change_t){.kind = CH_DEFINITION, .k = k});
		if (strcmp(tg, was->targets) != 0)
			add(m, &cap, (change_t){.kind = CH_TARGETS, .k = k});
		/* a figure for a later period than the edition's: that, not the data, moved the status */
		char cur[16] = "";
		if (k->res.has_cur)
			period_code(k->def.per, k->res.cur_key, cur);
		int new_period = cur[0] && strcmp(cur, was->period) != 0;
		if (strcmp(present_status(k->res.status), was->status) != 0)
			add(m, &cap, (change_t){.kind = CH_STATUS, .k = k, .was = was->status, .same_data = same && !def_changed,
			                        .new_period = new_period});
		else if (k->res.met_now != was->met && k->res.goal >= 0 && k->res.status != ST_ONZEKER)
			/* "nog onzeker" claims neither: the same status is no news */
			add(m, &cap, (change_t){.kind = k->res.met_now ? CH_MET : CH_UNMET, .k = k});
		if (!same || def_changed)
			compare_figures(m, &cap, e, k, def_changed);
	}
	for (size_t i = 0; i < e->nkpis; i++)
		if (!model_find_kpi(m, e->kpis[i].kpi))
			add(m, &cap, (change_t){.kind = CH_GONE_KPI, .naam = e->kpis[i].naam});
	for (size_t i = 0; i < m->npages; i++) {
		const page_t *pg = m->pages[i];
		for (size_t j = 0; j < pg->nms; j++) {
			const milestone_t *ms = &pg->ms[j];
			for (size_t q = 0; q < e->nms; q++) {
				const ed_milestone *w = &e->ms[q];
				if (strcmp(w->page, pg->slug) != 0 || strcmp(w->wat, ms->wat) != 0)
					continue;
				if (!strcmp(w->status, present_ms(ms->status)))
					break;
				if (ms->status == MS_GEREED)
					add(m, &cap, (change_t){.kind = CH_MS_DONE, .page = pg, .ms = ms, .was = w->status});
				else if (ms->status == MS_TE_LAAT || ms->status == MS_NIET_GEMELD)
					add(m, &cap, (change_t){.kind = CH_MS_LATE, .page = pg, .ms = ms, .was = w->status});
				break;
			}
		}
	}
}

int edition_prev_value(const model_t *m, const kpi_t *k, double *v, int *key)
{
	if (m->prev < 0)
		return 0;
	const edition_t *e = &m->editions[m->prev];
	const ed_kpi *was = find_kpi(e, k->def.id);
	per_t per;
	if (!was || !was->period[0] || period_parse(was->period, strlen(was->period), &per, key) != 0 || per != k->def.per)
		return 0;
	for (size_t i = 0; i < e->nfigs; i++) {
		const ed_figure *f = &e->figs[i];
		if (!strcmp(f->kpi, k->def.id) && !strcmp(f->group, "Totaal") && !strcmp(f->period, was->period)) {
			*v = f->value;
			return 1;
		}
	}
	return 0;
}

static const ed_kpi *kpi_in(const edition_t *e, const char *id)
{
	for (size_t i = 0; i < e->nkpis; i++)
		if (!strcmp(e->kpis[i].kpi, id))
			return &e->kpis[i];
	return NULL;
}

void edition_delta(const edition_t *was, const edition_t *now, ed_delta *out)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < now->nkpis; i++) {
		const ed_kpi *k = kpi_in(was, now->kpis[i].kpi);
		if (!k)
			out->kpis_new++;
		else if (strcmp(k->status, now->kpis[i].status) != 0)
			out->statuses++;
	}
	for (size_t i = 0; i < was->nkpis; i++)
		out->kpis_gone += !kpi_in(now, was->kpis[i].kpi);
	/* a figure both published, with another value (as shown) */
	char **have = xmalloc((was->nfigs ? was->nfigs : 1) * sizeof *have);
	for (size_t f = 0; f < was->nfigs; f++)
		have[f] = xasprintf("%s\x1F%s\x1F%s", was->figs[f].kpi, was->figs[f].group, was->figs[f].period);
	size_t *order = xmalloc((was->nfigs ? was->nfigs : 1) * sizeof *order);
	for (size_t f = 0; f < was->nfigs; f++)
		order[f] = f;
	/* sorted keys with their figure, for a binary search per figure of the later edition */
	for (size_t i = 1; i < was->nfigs; i++)
		for (size_t j = i; j > 0 && strcmp(have[order[j]], have[order[j - 1]]) < 0; j--) {
			size_t t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	for (size_t f = 0; f < now->nfigs; f++) {
		char *key = xasprintf("%s\x1F%s\x1F%s", now->figs[f].kpi, now->figs[f].group, now->figs[f].period);
		size_t lo = 0, hi = was->nfigs;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (strcmp(have[order[mid]], key) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < was->nfigs && !strcmp(have[order[lo]], key) && was->figs[order[lo]].value != now->figs[f].value)
			out->revised++;
		free(key);
	}
	for (size_t f = 0; f < was->nfigs; f++)
		free(have[f]);
	free(have);
	free(order);
	for (size_t i = 0; i < now->nms; i++)
		for (size_t j = 0; j < was->nms; j++)
			if (!strcmp(was->ms[j].page, now->ms[i].page) && !strcmp(was->ms[j].wat, now->ms[i].wat)) {
				out->milestones += strcmp(was->ms[j].status, now->ms[i].status) != 0;
				break;
			}
}

void edition_delta_build(const model_t *m, ed_delta *out)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < m->nchanges; i++) {
		const change_t *c = &m->changes[i];
		switch (c->kind) {
		case CH_STATUS:
			out->statuses++;
			break;
		case CH_REVISED:
			out->revised++;
			break;
		case CH_REVISED_GROUPS:
			out->revised += c->count;
			break;
		case CH_NEW_KPI:
			out->kpis_new++;
			break;
		case CH_GONE_KPI:
			out->kpis_gone++;
			break;
		case CH_MS_DONE:
		case CH_MS_LATE:
			out->milestones++;
			break;
		default:
			break;
		}
	}
}
