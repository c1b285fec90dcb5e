/* model.c - see model.h. */
#include "model/model.h"

#include <stdio.h>
#include <stdlib.h>

#include "base/util.h"

const char *const smart_names[SMART_N] = {"Specifiek", "Meetbaar", "Acceptabel", "Realistisch",
	"Tijdgebonden"};
const char *const ambition_names[AMB_N] = {"Verbinding", "Vakmanschap", "Vertrouwen"};
const char *const ambition_titles[AMB_N] = {
	"We volgen de logica van de inwoner (Verbinding)",
	"We zijn duidelijk in wat wel en wat niet kan (Vakmanschap)",
	"We hebben oog voor het algemeen belang (Vertrouwen)"};
const char *const ms_status_word[4] = {"gereed", "loopt", "te laat", "gepland"};
const char *const maat_names[5] = {"termijn", "gemiddelde", "aandeel", "aantal", "waarde"};
const char *const kpi_status_word[6] = {"behaald", "op koers", "risico", "achter",
	"geen gegevens", "geen doel"};
const char *const kpi_status_icon[6] = {"✔", "➚", "⚠", "✖", "?", "–"};

model_t *model_new(void)
{
	model_t *m = xcalloc(1, sizeof *m);
	m->peildatum = DAY_NONE;
	m->conf_peildatum = DAY_NONE;
	return m;
}

static void series_free(series_t *s)
{
	for (size_t i = 0; i < s->ncells; i++) {
		free(s->cells[i].open_deadline);
		free(s->cells[i].open_count);
	}
	free(s->cells);
	free(s->name);
}

void kpi_free(kpi_t *k)
{
	if (!k)
		return;
	free(k->id);
	free(k->naam);
	free(k->omschrijving);
	free(k->bron);
	free(k->start);
	free(k->einde);
	free(k->datum);
	free(k->kolom);
	free(k->is);
	free(k->groep);
	for (size_t i = 0; i < k->nfilters; i++) {
		free(k->filters[i].kolom);
		free(k->filters[i].waarde);
	}
	free(k->filters);
	free(k->doelen);
	free(k->thema);
	for (size_t i = 0; i < k->nevents; i++) {
		free(k->events[i].groep);
		free(k->events[i].wat);
	}
	free(k->events);
	free(k->file);
	series_free(&k->total);
	for (size_t i = 0; i < k->ngroups; i++)
		series_free(&k->groups[i]);
	free(k->groups);
	free(k->reason);
	free(k);
}

static void page_free(page_t *p)
{
	if (!p)
		return;
	free(p->file);
	free(p->slug);
	free(p->titel);
	free(p->eigenaar);
	free(p->samenvatting);
	md_free(p->body);
	for (int i = 0; i < SMART_N; i++)
		md_free(p->smart[i]);
	for (int i = 0; i < AMB_N; i++)
		md_free(p->amb[i]);
	for (size_t i = 0; i < p->nms; i++) {
		free(p->ms[i].when);
		free(p->ms[i].wat);
	}
	free(p->ms);
	free(p->kpis);
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
	for (size_t i = 0; i < m->nfiles; i++)
		free(m->files[i].name);
	free(m->files);
	calendar_free(&m->cal);
	free(m->gemeente);
	free(m->thema);
	free(m->uitgelicht);
	free(m->conf_file);
	free(m);
}

kpi_t *model_find_kpi(const model_t *m, const char *id)
{
	for (size_t i = 0; i < m->nkpis; i++)
		if (str_eq(m->kpis[i]->id, id))
			return m->kpis[i];
	return NULL;
}

const cell_t *series_cell(const series_t *s, int key)
{
	if (key < s->first_key || (size_t)(key - s->first_key) >= s->ncells)
		return NULL;
	return &s->cells[key - s->first_key];
}

int model_report_year(const model_t *m)
{
	int y, mo, d;
	day_to_ymd(m->peildatum, &y, &mo, &d);
	return y;
}

void model_mt_period(const model_t *m, char *out)
{
	period_code(PER_KWARTAAL, period_of(PER_KWARTAAL, m->peildatum), out);
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
