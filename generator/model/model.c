/* model.c - see model.h. */
#include "model/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/util.h"
#include "model/table.h"

/* The names the content uses (front matter values and section headings). */
const char *const smart_names[SMART_N] = {"Specifiek", "Meetbaar", "Acceptabel", "Realistisch",
	"Tijdgebonden"};
const char *const ambition_names[AMB_N] = {"Verbinding", "Vakmanschap", "Vertrouwen"};
const char *const maat_names[MAAT_N] = {"termijn", "gemiddelde", "aandeel", "aantal", "waarde",
	"openstaand"};

model_t *model_new(void)
{
	model_t *m = xcalloc(1, sizeof *m);
	m->peildatum = DAY_NONE;
	m->conf_peildatum = DAY_NONE;
	m->report_month = -1;
	m->prev = -1;
	m->uitgegeven = DAY_NONE;
	return m;
}

void explain_free(explain_t *e)
{
	if (!e)
		return;
	free(e->waarom);
	free(e->wat_we_doen);
	free(e->door);
	free(e);
}

int kpi_needs_explanation(const kpi_t *k)
{
	switch (k->res.status) {
	case ST_NIET_BEHAALD:
	case ST_TERUGGEVALLEN:
	case ST_RISICO:
	case ST_ACHTER:
		return 1;
	case ST_BEHAALD:
	case ST_OP_KOERS:
	case ST_TE_LAAT_BEHAALD:
	case ST_GEEN_GEGEVENS:
	case ST_GEEN_DOEL:
	case ST_ONZEKER:
		return 0;
	}
	return 0;
}

void series_free(series_t *s)
{
	free(s->cells);
	free(s->name);
}

void kpi_free(kpi_t *k)
{
	if (!k)
		return;
	kpi_def *d = &k->def;
	free(d->id);
	free(d->naam);
	free(d->omschrijving);
	free(d->bron);
	free(d->blad);
	free(d->start);
	free(d->einde);
	free(d->datum);
	free(d->kolom);
	free(d->is);
	free(d->groep);
	for (size_t i = 0; i < d->nfilters; i++) {
		free(d->filters[i].kolom);
		free(d->filters[i].waarde);
	}
	free(d->filters);
	free(d->doelen);
	free(d->thema);
	for (size_t i = 0; i < d->nevents; i++) {
		free(d->events[i].groep);
		free(d->events[i].wat);
	}
	free(d->events);
	free(d->afgeleid);
	free(d->kort);
	free(k->src.file);
	explain_free(k->explain);
	free(k->res.targets);
	series_free(&k->res.total);
	for (size_t i = 0; i < k->res.ngroups; i++)
		series_free(&k->res.groups[i]);
	free(k->res.groups);
	if (k->table) {
		kt_free(k->table);
		free(k->table);
	}
	free(k);
}

static void page_free(page_t *p)
{
	if (!p)
		return;
	free(p->file);
	free(p->source);
	free(p->slug);
	free(p->titel);
	free(p->eigenaar);
	free(p->eigenaar_afgeleid);
	free(p->samenvatting);
	free(p->texts);
	md_free(p->body);
	for (int i = 0; i < SMART_N; i++)
		md_free(p->smart[i]);
	for (int i = 0; i < AMB_N; i++)
		md_free(p->amb[i]);
	for (size_t i = 0; i < p->nms; i++) {
		free(p->ms[i].wat);
		free(p->ms[i].afgeleid);
	}
	free(p->ms);
	free(p->kpis);
	explain_free(p->explain);
	free(p->finance);
	free(p);
}

void model_free(model_t *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->npages; i++)
		page_free(m->pages[i]);
	free(m->pages);
	for (size_t i = 0; i < m->nkpis; i++)
		kpi_free(m->kpis[i]);
	free(m->kpis);
	for (size_t i = 0; i < m->nfiles; i++) {
		free(m->files[i].name);
		free(m->files[i].months);
		free(m->files[i].gap);
	}
	free(m->files);
	for (size_t i = 0; i < m->nstands; i++) {
		free(m->stands[i].file);
		free(m->stands[i].src.file);
	}
	free(m->stands);
	calendar_free(&m->cal);
	md_free(m->definities);
	free(m->content_dir);
	for (size_t i = 0; i < m->nimages; i++) {
		free(m->images[i].rel);
		free(m->images[i].bytes);
	}
	free(m->images);
	md_free(m->definities_tech);
	for (size_t i = 0; i < m->nabbrevs; i++) {
		free(m->abbrevs[i].term);
		free(m->abbrevs[i].full);
	}
	free(m->abbrevs);
	free(m->gemeente);
	free(m->portefeuillehouder);
	free(m->words_file);
	md_free(m->mgmt_summary);
	free(m->versie);
	free(m->finance_file);
	free(m->website);
	free(m->thema);
	free(m->uitgelicht);
	for (size_t i = 0; i < m->nfailed_kpis; i++)
		free(m->failed_kpis[i]);
	free(m->failed_kpis);
	free(m->conf_file);
	free(m->well);
	for (size_t i = 0; i < m->neditions; i++)
		edition_free(&m->editions[i]);
	free(m->editions);
	free(m->changes);
	free(m->record);
	free(m->record_name);
	free(m);
}

void edition_free(edition_t *e)
{
	for (size_t i = 0; i < e->nkpis; i++) {
		free(e->kpis[i].kpi);
		free(e->kpis[i].naam);
		free(e->kpis[i].status);
		free(e->kpis[i].period);
		free(e->kpis[i].definition);
		free(e->kpis[i].targets);
	}
	for (size_t i = 0; i < e->nfigs; i++) {
		free(e->figs[i].kpi);
		free(e->figs[i].group);
		free(e->figs[i].period);
	}
	for (size_t i = 0; i < e->nms; i++) {
		free(e->ms[i].page);
		free(e->ms[i].wat);
		free(e->ms[i].status);
	}
	for (size_t i = 0; i < e->nsources; i++) {
		free(e->sources[i].file);
		free(e->sources[i].fingerprint);
	}
	free(e->sources);
	free(e->kpis);
	free(e->figs);
	free(e->ms);
	free(e->file);
	free(e->name);
	free(e->bytes);
	memset(e, 0, sizeof *e);
}

int model_serves(const char *bron, const char *file)
{
	size_t a = data_stem_len(bron), b = data_stem_len(file);
	return a == b && !strncasecmp(bron, file, a);
}

const datafile_t *model_source(const model_t *m, const kpi_t *k)
{
	for (size_t i = 0; i < m->nfiles; i++)
		if (m->files[i].used && model_serves(k->def.bron, m->files[i].name))
			return &m->files[i];
	return NULL;
}

void kpi_value_range(const kpi_def *k, double *lo, double *hi)
{
	switch (k->eenheid) {
	case EENHEID_PROCENT:
		*lo = 0, *hi = 100;
		return;
	case EENHEID_CIJFER:
		if (k->has_range)
			*lo = k->range_lo, *hi = k->range_hi;
		else if (k->maat == MAAT_WAARDE)
			*lo = 0, *hi = 10;
		else
			*lo = -VALUE_MAX, *hi = VALUE_MAX;
		return;
	case EENHEID_AANTAL:
		*lo = 0, *hi = VALUE_MAX;
		return;
	case EENHEID_WERKDAGEN:
		*lo = 0, *hi = 10000;
		return;
	}
}

kpi_t *model_find_kpi(const model_t *m, const char *id)
{
	for (size_t i = 0; i < m->nkpis; i++)
		if (str_eq(m->kpis[i]->def.id, id))
			return m->kpis[i];
	return NULL;
}

int model_kpi_failed(const model_t *m, const char *id, size_t len)
{
	for (size_t i = 0; i < m->nfailed_kpis; i++)
		if (strlen(m->failed_kpis[i]) == len && !memcmp(m->failed_kpis[i], id, len))
			return 1;
	return 0;
}

const cell_t *series_cell(const series_t *s, int key)
{
	if (key < s->first_key || (size_t)(key - s->first_key) >= s->ncells)
		return NULL;
	return &s->cells[key - s->first_key];
}

const target_t *kpi_target_at(const kpi_t *k, int day)
{
	if (!k->def.ndoelen)
		return NULL;
	size_t t = 0;
	while (t + 1 < k->def.ndoelen && k->def.doelen[t].datum < day)
		t++;
	return &k->def.doelen[t];
}

const target_t *kpi_goal(const kpi_t *k)
{
	return k->res.goal >= 0 ? &k->def.doelen[k->res.goal] : NULL;
}

char *page_href(const page_t *p)
{
	switch (p->soort) {
	case SOORT_ACTIE:
		return xasprintf("acties/%s.html", p->slug);
	case SOORT_TEAMDOEL:
		return xasprintf("teams/%s.html", p->slug);
	case SOORT_PROGRAMMA:
		return xasprintf("programma.html#%s", p->slug);
	case SOORT_TEAM:
		return xasprintf("teams/index.html#%s", p->slug);
	}
	return xstrdup("index.html");
}

int model_data_years(const model_t *m, int *first, int *last)
{
	int y0 = 0, y1 = -1;
	for (size_t i = 0; i < m->nfiles; i++) {
		const datafile_t *f = &m->files[i];
		if (!f->used || f->first == DAY_NONE)
			continue;
		int y, mo, d, yl;
		day_to_ymd(f->first, &y, &mo, &d);
		day_to_ymd(f->last, &yl, &mo, &d);
		if (y1 < y0 || y < y0)
			y0 = y;
		if (yl > y1)
			y1 = yl;
	}
	*first = y0;
	*last = y1;
	return y1 < y0 ? -1 : 0;
}
