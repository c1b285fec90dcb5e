/* report.c - what the council report (raadsrapportage) says, chapter by chapter; how its pages
 * are set is layout.h's business, its charts pdfchart.h's.
 *
 * The cover; the contents; a summary to read in two minutes (the management summary people
 * wrote, what goes well, what needs attention, what changed since the previous edition, and
 * every KPI with its status and the page it is on, beside a legend of the statuses the report
 * uses); satisfaction; every action and team goal in the shape of a Dutch P&C report (what did
 * we want to achieve, what did we do, what did it cost); finances and follow-up; an appendix
 * with definitions, what we assume, abbreviations, sources and working days. Everything once: a
 * KPI is shown in full in one place and referred to elsewhere, a chart or table that would show
 * the same numbers again becomes a reference to the first. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/fmt.h"
#include "base/hyphen.h"
#include "base/util.h"
#include "model/abbrev.h"
#include "model/chart.h"
#include "model/present.h"
#include "model/table.h"
#include "render/layout.h"
#include "render/pdf.h"
#include "render/pdfchart.h"
#include "render/render.h"

static const char SAT_TITLE[] = "Waardering van de dienstverlening"; /* the satisfaction chapter */

typedef struct {
	const model_t *m;
	const render_ctx *rc;
	lay *l;
	pdfdoc *d;
	unsigned char *expanded; /* per abbreviation of the content: written out in this chapter */
	abbrev_set abbrevs;      /* the content's abbreviations, for expand */
	int sat;                 /* the satisfaction chapter is there */
} rep;

/* --- abbreviations: written out at their first use in each chapter ------------------------------ */

static void chapter_reset(void *ctx)
{
	rep *r = ctx;
	memset(r->expanded, 0, r->m->nabbrevs ? r->m->nabbrevs : 1);
}

/* "VTH (Vergunningverlening, Toezicht en Handhaving)", or after the whole word when it is part
 * of one: "MKB-vriendelijkste (MKB: midden- en kleinbedrijf)"; the abbreviation is a Span with
 * its expansion (/E). Links, marks and references stay as they are. */
static void expand(void *ctx, rich *t)
{
	rep *r = ctx;
	const model_t *m = r->m;
	if (!m->nabbrevs || !t->nfrags)
		return;
	rich out = {0};
	out.no_hyphens = t->no_hyphens;
	for (size_t f = 0; f < t->nfrags; f++) {
		const lay_frag *fr = &t->frags[f];
		const char *s = t->text.s + fr->off;
		if (fr->expand || fr->url || fr->anchor || fr->artifact || fr->colored) {
			rich_copy_frag(&out, t, f);
			continue;
		}
		size_t from = 0, at, n;
		int hit;
		while ((hit = abbrev_next(&r->abbrevs, s, fr->len, from, &at, &n)) >= 0) {
			if (r->expanded[hit]) {
				rich_add(&out, s + from, at + n - from, fr->face);
				from = at + n;
				continue;
			}
			r->expanded[hit] = 1;
			const abbrev_t *a = &m->abbrevs[hit];
			/* "Team Werk, Inkomen en Leerrecht (WIL)": the text spells it out already */
			if (at > 0 && s[at - 1] == '(' && at + n < fr->len && s[at + n] == ')') {
				rich_add(&out, s + from, at - from, fr->face);
				rich_abbr(&out, s + at, n, fr->face, a->full);
				from = at + n;
				continue;
			}
			size_t end = abbrev_word_end(s, fr->len, at);
			rich_add(&out, s + from, at - from, fr->face);
			rich_abbr(&out, s + at, n, fr->face, a->full);
			rich_add(&out, s + at + n, end - at - n, fr->face);
			char *x = end == at + n ? xasprintf(" (%s)", a->full) : xasprintf(" (%s: %s)", a->term, a->full);
			rich_puts(&out, x, fr->face);
			free(x);
			from = end;
		}
		rich_add(&out, s + from, fr->len - from, fr->face);
	}
	rich_free(t);
	*t = out;
}

/* --- small pieces --------------------------------------------------------------------------------- */

static void para(rep *r, const char *text, pdf_face face, float size)
{
	lay_text(r->l, text, face, size);
}

static void note(rep *r, const char *text)
{
	rich t = {0};
	rich_puts(&t, text, PF_ITALIC);
	lay_style st = {.size = LAY_SMALL + 0.5f, .color = LAY_MUTED, .has_color = 1};
	lay_para(r->l, &t, &st);
	rich_free(&t);
}

/* " (blz. 12)" as a link to the anchor. */
static void ref(rep *r, rich *t, const char *anchor, pdf_face face)
{
	char p[24];
	lay_page_ref(r->l, anchor, p);
	rich_puts(t, " (", face);
	rich_ref(t, p, face, anchor);
	rich_puts(t, ")", face);
}

static char *kpi_anchor(const kpi_t *k)
{
	return xasprintf("kpi:%s", k->def.id);
}

static void status_mark(rich *t, kpi_status st, pdf_face face)
{
	const status_look *lk = present_look(st);
	rich_mark(t, lk->icon, lk->word, face, lk->rgb);
}

/* Where the programme's own words start: written in its year, so its future tense reads as
 * what was planned then. */
static char *programme_label(const model_t *m)
{
	return m->programmajaar ? xasprintf("Uit het programma (%d)", m->programmajaar) : xstrdup("Uit het programma");
}

/* The owner's explanation: why, and what we do; or that there is none yet where the status
 * asks for one. */
static void explanation(rep *r, const explain_t *e, int needed)
{
	const model_t *m = r->m;
	if (!e) {
		if (!needed)
			return;
		rich t = {0};
		rich_puts(&t, "Toelichting: ", PF_BOLD);
		rich_puts(&t, present_no_explanation, PF_ITALIC);
		lay_para(r->l, &t, NULL);
		rich_free(&t);
		return;
	}
	lay_need(r->l, 3 * LAY_LEAD);
	if (e->waarom) {
		rich t = {0};
		rich_puts(&t, present_explain_why, PF_BOLD);
		rich_puts(&t, ": ", PF_BOLD);
		rich_puts(&t, e->waarom, PF_REGULAR);
		lay_para(r->l, &t, NULL);
		rich_free(&t);
	}
	if (e->wat_we_doen) {
		rich t = {0};
		rich_puts(&t, present_explain_do, PF_BOLD);
		rich_puts(&t, ": ", PF_BOLD);
		rich_puts(&t, e->wat_we_doen, PF_REGULAR);
		lay_para(r->l, &t, NULL);
		rich_free(&t);
	}
	if (e->door || m->words_example) {
		char *s = e->door && m->words_example ? xasprintf("Toelichting van %s (voorbeeldtekst).", e->door)
		          : e->door                  ? xasprintf("Toelichting van %s.", e->door)
		                                     : xstrdup("Voorbeeldtekst.");
		note(r, s);
		free(s);
	}
}

/* "Zie figuur 3 (blz. 12)" for a chart or table that would repeat one printed before. */
static void same_as(rep *r, const char *what, int num)
{
	char an[32], txt[64];
	snprintf(an, sizeof an, "%s:%d", what, num);
	snprintf(txt, sizeof txt, "%s %d", what, num);
	rich t = {0};
	rich_puts(&t, "Dezelfde cijfers staan al in ", PF_ITALIC);
	rich_ref(&t, txt, PF_ITALIC, an);
	ref(r, &t, an, PF_ITALIC);
	rich_puts(&t, ".", PF_ITALIC);
	lay_style st = {.size = LAY_SMALL + 0.5f};
	lay_para(r->l, &t, &st);
	rich_free(&t);
}

/* The caption of a chart: its finding, without the title the heading already says; `lead`, if
 * given, takes the title's place ("Per team, december 2025. Het best: ..."). */
static char *finding(const chart_t *c, const char *lead)
{
	const char *d = c->desc;
	size_t tl = strlen(c->title);
	if (strncmp(d, c->title, tl) != 0)
		return xstrdup(d);
	const char *rest = d + tl;
	if (lead)
		return xasprintf("%s%s", lead, rest);
	while (*rest == '.' || *rest == ' ' || *rest == ':')
		rest++;
	return xstrdup(rest);
}

static void chart_figure(rep *r, chart_t *c, const char *lead)
{
	if (!c)
		return;
	char *f = finding(c, lead);
	lay_fig fig;
	pchart_figure(r->l, c, f, &fig);
	int n = lay_figure(r->l, &fig);
	if (n < 0)
		same_as(r, "figuur", -n);
	pchart_figure_free(&fig);
	free(f);
	chart_free(c);
}

/* --- KPI tables ------------------------------------------------------------------------------------- */

static lay_align kt_align(const kt_col *c)
{
	return c->kind == KT_TEXT || c->kind == KT_PERIOD ? AL_LEFT : AL_DECIMAL;
}

/* A table with the KPI table's columns but `skip`: a column with nothing in it goes, the
 * figures' stand is said once when it is the same in every row. */
static lay_table *kt_tab(const kt_table *t, const char *caption, int skip)
{
	lay_table *b = tab_new(caption);
	for (int c = 0; c < t->ncols; c++) {
		if (c == skip)
			continue;
		unsigned fl = TC_DROP_EMPTY;
		if (c == 0 || (c == 1 && skip == 0))
			fl |= TC_ROWHEAD;
		if (t->cols[c].kind == KT_PERIOD)
			fl |= TC_NOWRAP;
		if (c == t->stand_col)
			fl |= TC_FOLD_SAME;
		/* a remark ("niet getoond: minder dan 10 antwoorden") goes under the table */
		if (t->cols[c].kind == KT_TEXT && c != t->group_col && c != t->stand_col)
			fl |= TC_NOTES;
		tab_col(b, t->cols[c].label, kt_align(&t->cols[c]), 0, fl);
	}
	return b;
}

static void kt_add_row(lay_table *b, const kt_table *t, size_t row, int skip, int period_short)
{
	if (t->rows[row].series->is_total && t->group_col >= 0 && skip != t->group_col)
		tab_total(b);
	for (int c = 0; c < t->ncols; c++) {
		if (c == skip)
			continue;
		const kt_cell *cell = kt_at(t, row, c);
		if (c == t->period_col && period_short) {
			char p[40];
			present_period_short(t->per, t->rows[row].key, p);
			tab_cell(b, p);
		} else if (cell->empty && t->cols[c].kind != KT_TEXT && c != t->revised_col) {
			tab_cell(b, "–");
		} else {
			tab_cell(b, cell->text);
		}
	}
}

static void set_table(rep *r, lay_table *b)
{
	int n = tab_set(r->l, b);
	if (n < 0)
		same_as(r, "tabel", -n);
	tab_free(b);
}

static size_t recent_count(per_t per)
{
	return per == PER_MAAND ? 12 : per == PER_KWARTAAL ? 8 : 6;
}

/* The organisation's last periods, one row each. */
static void recent_table(rep *r, const kpi_t *k)
{
	const kt_table *t = kt_of(k);
	size_t first = t->nrows, total = 0, n = recent_count(k->def.per);
	for (size_t i = 0; i < t->nrows; i++)
		if (t->rows[i].series->is_total) {
			if (first == t->nrows)
				first = i;
			total++;
		}
	if (total) {
		static const char *const per[] = {"maanden", "kwartalen", "jaar"};
		char *cap = total > n ? xasprintf("%sDe laatste %zu %s", k->def.groep ? "Hele organisatie. " : "", n,
		                                  per[k->def.per])
		                      : xasprintf("%sAlle cijfers", k->def.groep ? "Hele organisatie. " : "");
		lay_table *b = kt_tab(t, cap, t->group_col);
		free(cap);
		for (size_t i = first + (total > n ? total - n : 0); i < first + total; i++)
			kt_add_row(b, t, i, t->group_col, 1);
		set_table(r, b);
	}
}

/* Every group in period `key`, and the organisation as a total. */
static void group_table(rep *r, const kpi_t *k, int key)
{
	const kt_table *t = kt_of(k);
	char *cap = present_group_caption(&k->def, key);
	lay_table *b = kt_tab(t, cap, t->period_col);
	free(cap);
	for (size_t i = 0; i < t->nrows; i++)
		if (t->rows[i].key == key)
			kt_add_row(b, t, i, t->period_col, 0);
	set_table(r, b);
}

/* --- a KPI, in full ------------------------------------------------------------------------------ */

static void status_line(rep *r, const kpi_t *k)
{
	rich t = {0};
	rich_puts(&t, "Status: ", PF_REGULAR);
	status_mark(&t, k->res.status, PF_BOLD);
	const target_t *g = kpi_goal(k);
	if (g) {
		char goal[128];
		present_goal(&k->def, g, goal);
		rich_puts(&t, ". Doel: ", PF_REGULAR);
		rich_puts(&t, goal, PF_REGULAR);
	}
	rich_puts(&t, ".", PF_REGULAR);
	lay_para(r->l, &t, NULL);
	rich_free(&t);
}

/* `level`: of its heading; `flags`: where the heading goes (contents, bookmarks). */
static void kpi_block(rep *r, const kpi_t *k, int level, unsigned flags)
{
	char *an = kpi_anchor(k);
	/* a heading that would repeat one above it ("Waardering van de dienstverlening" in the chapter
	 * of that name, "Facturen binnen 30 dagen betaald" in the team goal of that name) is left
	 * out; the place keeps its anchor */
	if (lay_repeats_ancestor(r->l, level, k->def.naam))
		lay_anchor(r->l, an, k->def.naam);
	else
		lay_heading(r->l, level, k->def.naam, 4 * LAY_LEAD, flags, an);
	free(an);
	status_line(r, k);
	char *why = present_reason(k);
	para(r, why, PF_REGULAR, LAY_BODY);
	free(why);
	explanation(r, k->explain, kpi_needs_explanation(k));
	if (k->def.omschrijving)
		para(r, k->def.omschrijving, PF_REGULAR, LAY_SMALL + 0.5f);
	if (k->def.afgeleid) {
		char *a = xasprintf("Afgeleid. %s", k->def.afgeleid);
		note(r, a);
		free(a);
	}
	chart_figure(r, chart_trend(k, NULL, "g"), NULL);
	recent_table(r, k);
	if (k->def.groep && k->res.has_cur && k->res.ngroups) {
		char *lead = present_group_caption(&k->def, k->res.cur_key);
		chart_figure(r, chart_groups(k, k->res.cur_key, "g"), lead);
		free(lead);
		group_table(r, k, k->res.cur_key);
	}
}

/* --- an action or a team goal ---------------------------------------------------------------- */

static int shown_elsewhere(const rep *r, const kpi_t *k)
{
	const kpi_t *top = r->m->uitgelicht ? model_find_kpi(r->m, r->m->uitgelicht) : NULL;
	return r->sat && top && (k == top || (top->def.thema && str_eq(k->def.thema, top->def.thema)));
}

/* One grid for every milestone table: when, what, status. */
static void milestones(rep *r, const page_t *pg)
{
	if (!pg->nms)
		return;
	char day[40];
	present_date(r->m->peildatum, day);
	char *cap = xasprintf("Mijlpalen, stand op %s", day);
	lay_table *b = tab_new(cap);
	free(cap);
	/* the milestone heads its row: dates repeat ("mei 2024" twice), names do not */
	tab_col(b, "Wanneer", AL_LEFT, 104, 0);
	tab_col(b, "Mijlpaal", AL_LEFT, LAY_TW - 104 - 142, TC_ROWHEAD);
	tab_col(b, "Status", AL_LEFT, 142, 0);
	for (size_t i = 0; i < pg->nms; i++) {
		char when[40];
		present_when(&pg->ms[i], when);
		tab_cell(b, when);
		if (pg->ms[i].afgeleid) {
			char *w = xasprintf("%s (afgeleid)", pg->ms[i].wat);
			tab_cell(b, w);
			free(w);
		} else {
			tab_cell(b, pg->ms[i].wat);
		}
		const status_look *lk = present_ms_look(pg->ms[i].status);
		tab_cell_mark(b, lk->icon, lk->word, lk->rgb);
	}
	set_table(r, b);
	/* each reason once, however many milestones it covers */
	for (size_t i = 0; i < pg->nms; i++) {
		const char *why = pg->ms[i].afgeleid;
		int seen = 0, n = 0;
		for (size_t j = 0; j < pg->nms; j++) {
			seen |= j < i && str_eq(pg->ms[j].afgeleid, why);
			n += str_eq(pg->ms[j].afgeleid, why);
		}
		if (!why || seen)
			continue;
		char *a = n > 1 ? xasprintf("Afgeleid (%d mijlpalen). %s", n, why)
		                : xasprintf("Afgeleid (mijlpaal ‘%s’). %s", pg->ms[i].wat, why);
		note(r, a);
		free(a);
	}
}

static char *page_anchor(const page_t *p)
{
	return xasprintf("pagina:%s", p->slug);
}

static void goal_page(rep *r, const page_t *pg)
{
	const model_t *m = r->m;
	char *an = page_anchor(pg);
	lay_heading(r->l, 2, pg->titel, 7 * LAY_LEAD, LH_NUMBER | LH_TOC, an);
	free(an);
	if (pg->eigenaar) {
		rich t = {0};
		rich_puts(&t, "Eigenaar: ", PF_REGULAR);
		rich_puts(&t, pg->eigenaar, PF_BOLD);
		if (pg->eigenaar_afgeleid)
			rich_puts(&t, " (afgeleid)", PF_REGULAR);
		lay_para(r->l, &t, NULL);
		rich_free(&t);
		if (pg->eigenaar_afgeleid) {
			char *a = xasprintf("Afgeleid (eigenaar). %s", pg->eigenaar_afgeleid);
			note(r, a);
			free(a);
		}
	}
	/* what did we want to achieve: the programme's own words, of its year */
	lay_heading(r->l, 3, "Wat wilden we bereiken", 3 * LAY_LEAD, 0, NULL);
	if (pg->samenvatting)
		para(r, pg->samenvatting, PF_ITALIC, LAY_BODY);
	if (pg->smart[SMART_S]) {
		char *label = programme_label(m);
		lay_quote_begin(r->l, label);
		free(label);
		lay_markdown(r->l, pg->smart[SMART_S], 2, 0);
		lay_quote_end(r->l);
	}
	/* what did we do: the milestones, the owner's explanation, the KPIs */
	lay_heading(r->l, 3, "Wat hebben we gedaan", 3 * LAY_LEAD, 0, NULL);
	if (pg->explain)
		explanation(r, pg->explain, 0);
	milestones(r, pg);
	int elsewhere = 0;
	for (size_t i = 0; i < pg->nkpis; i++)
		elsewhere += shown_elsewhere(r, pg->kpis[i]);
	if (elsewhere) {
		/* shown in full in the satisfaction chapter: here their status and where */
		char *s = xasprintf("%s in hoofdstuk ‘%s’:", elsewhere == 1 ? "Deze KPI staat" : "Deze KPI's staan", SAT_TITLE);
		para(r, s, PF_REGULAR, LAY_BODY);
		free(s);
		lay_list_begin(r->l);
		for (size_t i = 0; i < pg->nkpis; i++) {
			const kpi_t *k = pg->kpis[i];
			if (!shown_elsewhere(r, k))
				continue;
			char *ka = kpi_anchor(k);
			rich t = {0};
			rich_puts(&t, k->def.naam, PF_BOLD);
			rich_puts(&t, ": ", PF_REGULAR);
			status_mark(&t, k->res.status, PF_REGULAR);
			ref(r, &t, ka, PF_REGULAR);
			lay_item(r->l, &t, NULL);
			rich_free(&t);
			free(ka);
		}
		lay_list_end(r->l);
	}
	for (size_t i = 0; i < pg->nkpis; i++)
		if (!shown_elsewhere(r, pg->kpis[i]))
			kpi_block(r, pg->kpis[i], 4, LH_BOOKMARK | LH_CONTENTS_SUB);
	if (!pg->nms && !pg->nkpis)
		para(r, "Voor dit doel zijn geen mijlpalen en geen KPI's afgesproken.", PF_REGULAR, LAY_BODY);
	/* what did it cost */
	lay_heading(r->l, 3, "Wat heeft het gekost", 2 * LAY_LEAD, 0, NULL);
	if (pg->finance) {
		buf_t b = {0};
		present_finance(pg->finance, m->report_year, m->peildatum >= day_from_ymd(m->report_year, 12, 31), &b);
		rich t = {0};
		rich_puts(&t, b.s, PF_REGULAR);
		lay_para(r->l, &t, NULL);
		rich_free(&t);
		buf_free(&b);
	} else if (m->finance_file) {
		para(r, pg->soort == SOORT_TEAMDOEL ? "Geen eigen budget: de kosten vallen binnen de begroting van het team."
		                                     : "Voor deze actie is geen budget opgegeven.",
		     PF_REGULAR, LAY_BODY);
	} else {
		para(r, "Er zijn nog geen cijfers over de kosten.", PF_REGULAR, LAY_BODY);
	}
}

/* --- chapters ---------------------------------------------------------------------------------- */

static void cover(rep *r)
{
	const model_t *m = r->m;
	lay *l = r->l;
	pdfdoc *d = r->d;
	lay_new_page(l);
	float y = PDF_PAGE_H - 90;
	if (r->rc->logo && r->rc->logo_w > 0 && r->rc->logo_h > 0) {
		/* the municipality's logo from the theme, at most 90 by 90 points */
		float s = fminf(90.0f / (float)r->rc->logo_w, 90.0f / (float)r->rc->logo_h);
		float w = s * (float)r->rc->logo_w, h = s * (float)r->rc->logo_h;
		pdf_jpeg(d, r->rc->logo, r->rc->logo_len, LAY_ML, y - h, w, h);
		y -= h;
	}
	y -= 90;
	char *t1 = xasprintf("Raadsrapportage %d ", m->report_year); /* the space: one heading, two lines */
	pdf_begin(d, "H1");
	pdf_text(d, PF_REGULAR, 16, LAY_ML, y, LAY_MUTED, t1, strlen(t1));
	pdf_text(d, PF_BOLD, 28, LAY_ML, y - 34, LAY_ACCENT, "Excellente dienstverlening", 26);
	pdf_end(d);
	free(t1);
	lay_goto(l, y - 34 - 30);
	char *s = xasprintf("Gemeente %s", m->gemeente);
	para(r, s, PF_BOLD, 14);
	free(s);
	/* the edition: its reference date, when it came out, its version, who answers for it */
	char day[40];
	present_date(m->peildatum, day);
	const char *labels[4] = {"Stand op", "Uitgegeven", "Versie", "Portefeuillehouder"};
	char issued[40] = "";
	if (m->uitgegeven != DAY_NONE)
		present_date(m->uitgegeven, issued);
	const char *values[4] = {day, issued[0] ? issued : NULL, m->versie, m->portefeuillehouder};
	for (int i = 0; i < 4; i++) {
		if (!values[i])
			continue;
		rich t = {0};
		rich_puts(&t, labels[i], PF_BOLD);
		rich_puts(&t, ": ", PF_BOLD);
		rich_puts(&t, values[i], PF_REGULAR);
		lay_style st = {.after = 1};
		lay_para(l, &t, &st);
		rich_free(&t);
	}
	lay_skip(l, 10);
	rich t = {0};
	if (m->website) {
		rich_puts(&t, "Dit rapport staat ook op ", PF_REGULAR);
		rich_url(&t, m->website, PF_REGULAR, m->website);
		rich_puts(&t, ". Die versie is toegankelijk voor schermlezers en heeft bij elke grafiek een tabel.", PF_REGULAR);
	} else {
		rich_puts(&t, "Dit rapport staat ook als website op het intranet: het dashboard dienstverlening. Die versie "
		              "is toegankelijk voor schermlezers en heeft bij elke grafiek een tabel.",
		          PF_REGULAR);
	}
	lay_para(l, &t, NULL);
	rich_free(&t);
	if (m->voorbeelddata || m->words_example) {
		lay_skip(l, 8);
		para(r,
		     m->voorbeelddata && m->words_example
		         ? "Let op: dit rapport is gemaakt met voorbeeldgegevens en voorbeeldtekst. De cijfers en de "
		           "toelichtingen zijn niet echt."
		     : m->voorbeelddata ? "Let op: dit rapport is gemaakt met voorbeeldgegevens. De cijfers zijn niet echt."
		                        : "Let op: de toelichtingen in dit rapport zijn voorbeeldtekst.",
		     PF_BOLD, 10.5f);
	}
	buf_t stale = {0};
	present_stale_sources(m, &stale);
	if (stale.len) {
		lay_skip(l, 8);
		char *w = xasprintf("Let op: %s", stale.s);
		para(r, w, PF_BOLD, 10.5f);
		free(w);
	}
	buf_free(&stale);
}

/* A key message: the sentence, then the KPIs it is about with their page. */
static void kpi_message(rep *r, kpi_status st, int n)
{
	const model_t *m = r->m;
	char s[160];
	present_kpi_count(st, n, s);
	rich t = {0};
	status_mark(&t, st, PF_BOLD);
	rich_puts(&t, ": ", PF_REGULAR);
	rich_puts(&t, s, PF_REGULAR);
	rich_puts(&t, n == 1 ? ". Dat is " : ". Dat zijn ", PF_REGULAR);
	int k = 0;
	for (size_t i = 0; i < m->nkpis; i++) {
		if (m->kpis[i]->res.status != st)
			continue;
		char *an = kpi_anchor(m->kpis[i]);
		if (k++)
			rich_puts(&t, k == n ? " en " : ", ", PF_REGULAR);
		rich_puts(&t, m->kpis[i]->def.naam, PF_REGULAR);
		ref(r, &t, an, PF_REGULAR);
		free(an);
	}
	rich_puts(&t, ".", PF_REGULAR);
	lay_item(r->l, &t, NULL);
	rich_free(&t);
}

static void ms_message(rep *r, ms_status st)
{
	const model_t *m = r->m;
	char s[256];
	present_ms_count(st, m->ms_count[st], (int)m->nms, s);
	rich t = {0};
	const status_look *lk = present_ms_look(st);
	rich_mark(&t, lk->icon, lk->word, PF_BOLD, lk->rgb);
	rich_puts(&t, ": ", PF_REGULAR);
	rich_puts(&t, s, PF_REGULAR);
	lay_item(r->l, &t, NULL);
	rich_free(&t);
}

/* The statuses this report uses, each with its icon, colour and meaning: beside the table. */
static void legend(rep *r)
{
	status_use u;
	present_status_use(r->m, &u);
	lay_list_begin(r->l);
	for (int ms = 0; ms < 2; ms++)
		for (int st = 0; st < (ms ? MS_N : ST_N); st++) {
			if (!(ms ? u.ms[st] : u.kpi[st]))
				continue;
			const status_look *lk = ms ? present_ms_look((ms_status)st) : present_look((kpi_status)st);
			/* the icon as the item's mark, seen beside its word; the word is what is read */
			rich t = {0};
			rich_color(&t, lk->word, PF_BOLD, lk->rgb);
			rich_puts(&t, ms ? " (mijlpaal): " : ": ", PF_REGULAR);
			rich_puts(&t, lk->meaning, PF_REGULAR);
			lay_item_icon(r->l, &t, lk->icon, lay_rgb(lk->rgb));
			rich_free(&t);
		}
	lay_list_end(r->l);
}

static void kpi_table(rep *r)
{
	const model_t *m = r->m;
	lay_table *b = tab_new("Alle KPI's: laatste waarde, doel en status");
	tab_col(b, "KPI", AL_LEFT, 0, TC_ROWHEAD);
	tab_col(b, "Waarde", AL_DECIMAL, 0, 0);
	tab_col(b, "Periode", AL_LEFT, 0, TC_NOWRAP);
	tab_col(b, "Doel", AL_LEFT, 0, 0);
	tab_col(b, "Status", AL_LEFT, 0, 0);
	tab_col(b, "Blz.", AL_RIGHT, 0, TC_NOWRAP);
	for (size_t i = 0; i < m->nkpis; i++) {
		const kpi_t *k = m->kpis[i];
		char v[64] = "–", p[40] = "–", g[160] = "geen doel";
		if (k->res.has_cur) {
			present_value_short(k->def.eenheid, k->res.cur, v);
			present_period_short(k->def.per, k->res.cur_key, p);
		}
		const target_t *t = kpi_goal(k);
		if (t)
			present_goal(&k->def, t, g);
		/* a unit other than a percentage or a mark goes with the name, so the values line up */
		char unit[128];
		present_unit(&k->def, unit);
		char *name = k->def.eenheid == EENHEID_WERKDAGEN ? xasprintf("%s (%s)", k->def.naam, unit) : xstrdup(k->def.naam);
		tab_cell(b, name);
		free(name);
		tab_cell(b, v);
		tab_cell(b, p);
		tab_cell(b, g);
		const status_look *lk = present_look(k->res.status);
		tab_cell_mark(b, lk->icon, lk->word, lk->rgb);
		char *an = kpi_anchor(k);
		char pg[24];
		lay_page_num(r->l, an, pg); /* the number only: the column says it is a page */
		tab_cell_ref(b, pg, an);
		free(an);
	}
	set_table(r, b);
}

static void summary(rep *r)
{
	const model_t *m = r->m;
	lay *l = r->l;
	lay_heading(l, 1, "Samenvatting", 0, LH_NUMBER | LH_TOC, "samenvatting");
	/* the management summary, as people wrote it for this edition */
	if (m->mgmt_summary) {
		lay_markdown(l, m->mgmt_summary, 2, 0);
		if (m->words_example)
			note(r, "Voorbeeldtekst.");
	}
	int count[ST_N] = {0};
	for (size_t i = 0; i < m->nkpis; i++)
		count[m->kpis[i]->res.status]++;
	static const kpi_status good[] = {ST_BEHAALD, ST_OP_KOERS, ST_TE_LAAT_BEHAALD};
	static const kpi_status bad[] = {ST_NIET_BEHAALD, ST_TERUGGEVALLEN, ST_ACHTER, ST_RISICO};
	/* not yet to be judged: neither good nor bad news, so apart from both */
	static const kpi_status open_[] = {ST_ONZEKER, ST_GEEN_GEGEVENS};
	lay_heading(l, 2, "Wat gaat goed", 4 * LAY_LEAD, LH_NUMBER | LH_TOC, NULL);
	lay_list_begin(l);
	int any = 0;
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		if (count[good[i]])
			kpi_message(r, good[i], count[good[i]]), any = 1;
	if (m->ms_count[MS_GEREED])
		ms_message(r, MS_GEREED), any = 1;
	lay_list_end(l);
	if (!any)
		para(r, "Nog geen KPI heeft zijn doel gehaald, en nog geen mijlpaal is gereed.", PF_REGULAR, LAY_BODY);
	lay_heading(l, 2, "Wat vraagt aandacht", 4 * LAY_LEAD, LH_NUMBER | LH_TOC, NULL);
	lay_list_begin(l);
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		if (count[bad[i]])
			kpi_message(r, bad[i], count[bad[i]]);
	int unexplained = 0;
	for (size_t i = 0; i < m->nkpis; i++)
		unexplained += kpi_needs_explanation(m->kpis[i]) && !m->kpis[i]->explain;
	if (unexplained) {
		/* named, with their pages: the council can ask after them */
		char s[160];
		present_unexplained(unexplained, s);
		rich t = {0};
		rich_puts(&t, s, PF_REGULAR);
		rich_puts(&t, unexplained == 1 ? " Dat is " : " Dat zijn ", PF_REGULAR);
		int k = 0;
		for (size_t i = 0; i < m->nkpis; i++) {
			if (!kpi_needs_explanation(m->kpis[i]) || m->kpis[i]->explain)
				continue;
			char *an = kpi_anchor(m->kpis[i]);
			if (k++)
				rich_puts(&t, k == unexplained ? " en " : ", ", PF_REGULAR);
			rich_puts(&t, m->kpis[i]->def.naam, PF_REGULAR);
			ref(r, &t, an, PF_REGULAR);
			free(an);
		}
		rich_puts(&t, ".", PF_REGULAR);
		lay_item(l, &t, NULL);
		rich_free(&t);
	}
	if (m->ms_count[MS_TE_LAAT])
		ms_message(r, MS_TE_LAAT);
	if (m->ms_count[MS_NIET_GEMELD])
		ms_message(r, MS_NIET_GEMELD);
	int over = 0;
	for (size_t i = 0; i < m->npages; i++) {
		const finance_t *f = m->pages[i]->finance;
		over += f && f->has_verwacht && num_round(f->verwacht, 0) > num_round(f->budget, 0);
	}
	if (over) {
		/* which, and by how much */
		char s[160];
		present_over_budget(over, s);
		rich t = {0};
		rich_puts(&t, s, PF_REGULAR);
		rich_puts(&t, ": ", PF_REGULAR);
		int k = 0;
		for (size_t i = 0; i < m->npages; i++) {
			const finance_t *f = m->pages[i]->finance;
			if (!(f && f->has_verwacht && num_round(f->verwacht, 0) > num_round(f->budget, 0)))
				continue;
			char d[64];
			present_money(num_round(f->verwacht, 0) - num_round(f->budget, 0), d);
			if (k++)
				rich_puts(&t, k == over ? " en " : ", ", PF_REGULAR);
			rich_puts(&t, m->pages[i]->titel, PF_REGULAR);
			char more[96];
			snprintf(more, sizeof more, " (%s meer)", d);
			rich_puts(&t, more, PF_REGULAR);
		}
		rich_puts(&t, ". Zie", PF_REGULAR);
		ref(r, &t, "financien", PF_REGULAR);
		rich_puts(&t, ".", PF_REGULAR);
		lay_item(l, &t, NULL);
		rich_free(&t);
	}
	lay_list_end(l);
	int open_n = 0;
	for (size_t i = 0; i < sizeof open_ / sizeof *open_; i++)
		open_n += count[open_[i]];
	if (open_n) {
		lay_heading(l, 2, "Nog niet te beoordelen", 4 * LAY_LEAD, LH_NUMBER | LH_TOC, NULL);
		lay_list_begin(l);
		for (size_t i = 0; i < sizeof open_ / sizeof *open_; i++)
			if (count[open_[i]])
				kpi_message(r, open_[i], count[open_[i]]);
		lay_list_end(l);
	}
	lay_heading(l, 2, "Wat is er veranderd", 3 * LAY_LEAD, LH_NUMBER | LH_TOC, NULL);
	if (m->prev < 0) {
		para(r, "Dit is de eerste editie die we bewaren. Er is nog geen eerdere editie om mee te vergelijken.",
		     PF_REGULAR, LAY_BODY);
	} else {
		buf_t since = {0};
		present_since(m, &since);
		if (!m->nchanges)
			buf_puts(&since, " Er is niets veranderd.");
		para(r, since.s, PF_REGULAR, LAY_BODY);
		buf_free(&since);
		if (m->nchanges) {
			lay_list_begin(l);
			for (size_t i = 0; i < m->nchanges; i++) {
				buf_t t = {0};
				present_change_since(&m->changes[i], &t);
				rich rt = {0};
				rich_puts(&rt, t.s, PF_REGULAR);
				lay_item(l, &rt, NULL);
				rich_free(&rt);
				buf_free(&t);
			}
			lay_list_end(l);
		}
	}
	lay_heading(l, 2, "Alle KPI's", 6 * LAY_LEAD, LH_NUMBER | LH_TOC, NULL);
	rich t = {0};
	rich_puts(&t, "Elke KPI met zijn laatste waarde, zijn doel, zijn status en de bladzijde waar hij staat. "
	              "De woorden die de cijfers gebruiken, staan uitgelegd in de bijlage",
	          PF_REGULAR);
	ref(r, &t, "begrippen", PF_REGULAR);
	rich_puts(&t, ". De statussen betekenen:", PF_REGULAR);
	lay_para(l, &t, NULL);
	rich_free(&t);
	legend(r);
	kpi_table(r);
}

static void satisfaction(rep *r)
{
	const model_t *m = r->m;
	const kpi_t *top = m->uitgelicht ? model_find_kpi(m, m->uitgelicht) : NULL;
	if (!top)
		return;
	r->sat = 1;
	lay_heading(r->l, 1, SAT_TITLE, 0, LH_NUMBER | LH_TOC, "waardering");
	for (size_t i = 0; i < m->nkpis; i++)
		if (m->kpis[i] == top || (top->def.thema && str_eq(m->kpis[i]->def.thema, top->def.thema)))
			kpi_block(r, m->kpis[i], 2, LH_NUMBER | LH_TOC);
}

static void goals(rep *r, soort_t soort, const char *title, const char *anchor)
{
	const model_t *m = r->m;
	lay_heading(r->l, 1, title, 0, LH_NUMBER | LH_TOC, anchor);
	for (size_t i = 0; i < m->npages; i++)
		if (m->pages[i]->soort == soort)
			goal_page(r, m->pages[i]);
	if (soort != SOORT_TEAMDOEL)
		return;
	int any = 0;
	for (size_t i = 0; i < m->npages; i++) {
		const page_t *p = m->pages[i];
		if (p->soort != SOORT_TEAM)
			continue;
		if (!any++) {
			lay_heading(r->l, 2, "Teams zonder doel", 3 * LAY_LEAD, LH_NUMBER | LH_TOC, NULL);
			lay_list_begin(r->l);
		}
		rich t = {0};
		rich_puts(&t, p->titel, PF_BOLD);
		rich_puts(&t, ": ", PF_REGULAR);
		rich_puts(&t, p->samenvatting ? p->samenvatting : "nog geen doel", PF_REGULAR);
		lay_item(r->l, &t, NULL);
		rich_free(&t);
	}
	if (any)
		lay_list_end(r->l);
}

/* A difference with its sign: "+3.600", "−1.000" (a minus, not a hyphen). */
static void signed_cell(lay_table *b, double d)
{
	char v[64], s[72];
	present_number(fabs(d), 0, v);
	snprintf(s, sizeof s, "%s%s", d > 0 ? "+" : d < 0 ? "\u2212" : "", v);
	tab_cell(b, s);
}

/* What the programme costs: every action and team goal with money this year, and the total. */
static void money_table(rep *r)
{
	const model_t *m = r->m;
	char *cap = xasprintf("Budget, besteed en verwacht in %d, per onderdeel", m->report_year);
	lay_table *b = tab_new(cap);
	free(cap);
	tab_col(b, "Onderdeel", AL_LEFT, 0, TC_ROWHEAD);
	tab_col(b, "Budget (€)", AL_DECIMAL, 0, 0);
	tab_col(b, "Besteed (€)", AL_DECIMAL, 0, 0);
	tab_col(b, "Verwacht (€)", AL_DECIMAL, 0, 0);
	tab_col(b, "Verschil met budget (€, min is eronder)", AL_DECIMAL, 0, 0);
	double tb = 0, ts = 0, te = 0;
	int all_expected = 1;
	for (size_t i = 0; i < m->npages; i++) {
		const page_t *p = m->pages[i];
		const finance_t *f = p->finance;
		if (!f)
			continue;
		char v[64];
		tab_cell(b, p->titel);
		present_number(num_round(f->budget, 0), 0, v);
		tab_cell(b, v);
		present_number(num_round(f->besteed, 0), 0, v);
		tab_cell(b, v);
		if (f->has_verwacht) {
			present_number(num_round(f->verwacht, 0), 0, v);
			tab_cell(b, v);
			signed_cell(b, num_round(f->verwacht, 0) - num_round(f->budget, 0));
		} else {
			tab_cell(b, "nog niet bekend");
			tab_cell(b, "–");
			all_expected = 0;
		}
		tb += num_round(f->budget, 0);
		ts += num_round(f->besteed, 0);
		te += f->has_verwacht ? num_round(f->verwacht, 0) : num_round(f->budget, 0);
	}
	char v[64];
	tab_total(b);
	tab_cell(b, "Totaal");
	present_number(tb, 0, v);
	tab_cell(b, v);
	present_number(ts, 0, v);
	tab_cell(b, v);
	present_number(te, 0, v);
	tab_cell(b, v);
	signed_cell(b, te - tb);
	set_table(r, b);
	if (!all_expected)
		note(r, "Waar het verwachte bedrag nog niet bekend is, telt het totaal het budget.");
}

static void finances(rep *r)
{
	const model_t *m = r->m;
	int any = 0;
	for (size_t i = 0; i < m->npages; i++)
		any |= m->pages[i]->soort == SOORT_PROGRAMMA && m->pages[i]->in_report;
	if (!any && !m->finance_rows)
		return;
	lay_heading(r->l, 1, "Financiën en vervolg", 0, LH_NUMBER | LH_TOC, NULL);
	lay_heading(r->l, 2, "Wat het programma kost", 6 * LAY_LEAD, LH_NUMBER | LH_TOC, "financien");
	if (m->finance_rows) {
		char day[40];
		present_date(m->peildatum, day);
		char *s = xasprintf("Per actie en teamdoel met een eigen budget: het budget voor %d, wat tot en met %s is "
		                    "besteed, en wat het naar verwachting aan het eind van het jaar kost.",
		                    m->report_year, day);
		para(r, s, PF_REGULAR, LAY_BODY);
		free(s);
		money_table(r);
	} else {
		char *s = xasprintf("Voor %d zijn er nog geen cijfers over de kosten.", m->report_year);
		para(r, s, PF_REGULAR, LAY_BODY);
		free(s);
	}
	char *label = programme_label(m);
	for (size_t i = 0; i < m->npages; i++) {
		const page_t *p = m->pages[i];
		if (p->soort != SOORT_PROGRAMMA || !p->in_report)
			continue;
		lay_heading(r->l, 2, p->titel, 3 * LAY_LEAD, LH_NUMBER | LH_TOC, NULL);
		lay_quote_begin(r->l, label);
		lay_markdown(r->l, p->body, 2, 0);
		lay_quote_end(r->l);
	}
	free(label);
}

/* What is not literally in the programme: the rules we assume, and where each KPI, owner or
 * milestone we derived is (its reason stands there). */
static void inferences(rep *r)
{
	const model_t *m = r->m;
	lay_heading(r->l, 2, "Wat we afleiden", 4 * LAY_LEAD, LH_TOC, NULL);
	para(r, "Niet alles staat letterlijk in het uitvoeringsprogramma. Waar we iets hebben aangenomen, staat "
	        "‘afgeleid’, met de reden. Deze regels gebruiken we overal:",
	     PF_REGULAR, LAY_BODY);
	lay_list_begin(r->l);
	for (int i = 0; i < present_ninferences; i++) {
		rich t = {0};
		rich_puts(&t, present_inferences[i].term, PF_BOLD);
		rich_puts(&t, ". ", PF_REGULAR);
		rich_puts(&t, present_inferences[i].meaning, PF_REGULAR);
		lay_item(r->l, &t, NULL);
		rich_free(&t);
	}
	lay_list_end(r->l);
	lay_table *b = tab_new("Wat verder is afgeleid, en waar de reden staat");
	tab_col(b, "Actie of teamdoel", AL_LEFT, 0, TC_ROWHEAD);
	tab_col(b, "Wat", AL_LEFT, 0, 0);
	tab_col(b, "Blz.", AL_RIGHT, 0, TC_NOWRAP);
	for (size_t i = 0; i < m->npages; i++) {
		const page_t *p = m->pages[i];
		char *pa = page_anchor(p), pg[24];
		lay_page_num(r->l, pa, pg);
		if (p->eigenaar_afgeleid) {
			char *w = xasprintf("Eigenaar: %s", p->eigenaar);
			tab_cell(b, p->titel);
			tab_cell(b, w);
			tab_cell_ref(b, pg, pa);
			free(w);
		}
		int nms = 0;
		for (size_t j = 0; j < p->nms; j++)
			nms += p->ms[j].afgeleid != NULL;
		if (nms) {
			char *w = xasprintf(nms == 1 ? "%d mijlpaal" : "%d mijlpalen", nms);
			tab_cell(b, p->titel);
			tab_cell(b, w);
			tab_cell_ref(b, pg, pa);
			free(w);
		}
		for (size_t j = 0; j < p->nkpis; j++) {
			const kpi_t *k = p->kpis[j];
			if (!k->def.afgeleid)
				continue;
			char *ka = kpi_anchor(k), kp[24];
			lay_page_num(r->l, ka, kp);
			char *w = xasprintf("KPI: %s", k->def.naam);
			tab_cell(b, p->titel);
			tab_cell(b, w);
			tab_cell_ref(b, kp, ka);
			free(w);
			free(ka);
		}
		free(pa);
	}
	set_table(r, b);
}

static void appendix(rep *r)
{
	const model_t *m = r->m;
	lay_heading(r->l, 1, "Bijlage: definities en bronnen", 0, LH_TOC, "bijlage");
	lay_markdown(r->l, m->definities, 0, 2);
	/* the words the figures use (the site's overview has the same list) */
	lay_heading(r->l, 2, present_terms_title, 4 * LAY_LEAD, LH_TOC, "begrippen");
	lay_list_begin(r->l);
	for (int i = 0; i < present_nterms; i++) {
		rich t = {0};
		rich_puts(&t, present_terms[i].term, PF_BOLD);
		rich_puts(&t, ". ", PF_REGULAR);
		rich_puts(&t, present_terms[i].meaning, PF_REGULAR);
		lay_item(r->l, &t, NULL);
		rich_free(&t);
	}
	lay_list_end(r->l);
	inferences(r);
	if (m->nabbrevs) {
		lay_heading(r->l, 2, "Afkortingen", 4 * LAY_LEAD, LH_TOC, NULL);
		lay_table *b = tab_new("Afkortingen en wat ze betekenen");
		tab_as_written(b); /* the list itself writes nothing out */
		tab_col(b, "Afkorting", AL_LEFT, 0, TC_ROWHEAD | TC_NOWRAP);
		tab_col(b, "Betekenis", AL_LEFT, 0, 0);
		for (size_t i = 0; i < m->nabbrevs; i++) {
			tab_cell(b, m->abbrevs[i].term);
			tab_cell(b, m->abbrevs[i].full);
		}
		set_table(r, b);
	}
	lay_heading(r->l, 2, "Bronnen", 4 * LAY_LEAD, LH_TOC, NULL);
	char day[40];
	present_date(m->peildatum, day);
	char *s = xasprintf("Alle cijfers gaan over de stand op %s. %s Deze exportbestanden zijn gelezen; elk gaat over de "
	                    "tijd van zijn eerste tot zijn laatste datum:",
	                    day, present_peil_source(m));
	para(r, s, PF_REGULAR, LAY_BODY);
	free(s);
	lay_table *b = tab_new("Gelezen bestanden");
	tab_col(b, "Bestand", AL_LEFT, 0, TC_ROWHEAD | TC_NOWRAP);
	tab_col(b, "Regels", AL_DECIMAL, 0, 0);
	tab_col(b, "Van", AL_LEFT, 0, TC_NOWRAP);
	tab_col(b, "Tot en met", AL_LEFT, 0, TC_NOWRAP);
	tab_col(b, "Opmerking", AL_LEFT, 0, TC_DROP_EMPTY);
	for (size_t i = 0; i < m->nfiles; i++) {
		const datafile_t *f = &m->files[i];
		if (!f->used)
			continue;
		char n[64], a[40] = "–", z[40] = "–", nt[256];
		present_number((double)f->rows, 0, n);
		if (f->first != DAY_NONE && f->cover_end != DAY_NONE) {
			date_short(f->first, a);
			date_short(f->cover_end, z);
		}
		present_coverage_note(m, f, nt);
		tab_cell(b, f->name);
		tab_cell(b, n);
		tab_cell(b, a);
		tab_cell(b, z);
		tab_cell(b, nt);
	}
	set_table(r, b);
	if (m->finance_file) {
		const char *base = strrchr(m->finance_file, '/');
		s = xasprintf("De bedragen in hoofdstuk ‘Financiën en vervolg’ komen uit %s.", base ? base + 1 : m->finance_file);
		para(r, s, PF_REGULAR, LAY_BODY);
		free(s);
	}
	/* the working-day calendar of the years the data cover */
	int y0, y1;
	if (model_data_years(m, &y0, &y1) != 0)
		return;
	lay_heading(r->l, 2, "Werkdagen", 4 * LAY_LEAD, LH_TOC, NULL);
	s = xasprintf("Voor termijnen in werkdagen tellen deze dagen niet mee, naast zaterdag en zondag (%d tot en met "
	              "%d).",
	              y0, y1);
	para(r, s, PF_REGULAR, LAY_BODY);
	free(s);
	b = tab_new("Feestdagen en sluitingsdagen op een doordeweekse dag");
	tab_col(b, "Datum", AL_LEFT, 0, TC_ROWHEAD | TC_NOWRAP);
	tab_col(b, "Dag", AL_LEFT, 0, 0);
	for (int dd = day_from_ymd(y0, 1, 1); dd <= day_from_ymd(y1, 12, 31); dd++) {
		const char *why = calendar_day_off(&m->cal, dd);
		if (!why)
			continue;
		char a[40], w[64];
		present_date(dd, a);
		snprintf(w, sizeof w, "%s %s", present_weekday(dd), a);
		tab_cell(b, w);
		tab_cell(b, why);
	}
	set_table(r, b);
}

/* The whole report, in reading order. */
static void body(rep *r)
{
	memset(r->expanded, 0, r->m->nabbrevs ? r->m->nabbrevs : 1);
	r->sat = 0;
	cover(r);
	lay_contents_here(r->l, "Inhoud");
	summary(r);
	satisfaction(r);
	goals(r, SOORT_ACTIE, "Acties voor de hele organisatie", "acties");
	goals(r, SOORT_TEAMDOEL, "Dienstverlening is van ons allemaal: doelen per team", "teams");
	finances(r);
	appendix(r);
}

typedef struct {
	lay *l;
	pdfdoc *d;
	char *running;
} report_rest;

static void report_free(void *arg)
{
	report_rest *rest = arg;
	lay_free(rest->l);
	pdf_close(rest->d);
	free(rest->running);
	free(rest);
}

int pdf_render(const model_t *m, const render_ctx *rc)
{
	char title[160];
	snprintf(title, sizeof title, "Raadsrapportage Excellente dienstverlening %d", m->report_year);
	pdf_setup s = {{rc->fonts[0], rc->fonts[1], rc->fonts[2], rc->fonts[3]}, rc->icc, title, m->gemeente,
		"Uitvoeringsprogramma Excellente dienstverlening", m->voorbeelddata ? "voorbeelddata" : NULL, "nl-NL",
		rc->stamp};
	rep r = {0};
	r.m = m;
	r.rc = rc;
	r.d = pdf_open(&s);
	r.expanded = xcalloc(m->nabbrevs ? m->nabbrevs : 1, 1);
	abbrev_set_init(&r.abbrevs, m->abbrevs, m->nabbrevs);
	char *running = xasprintf("Raadsrapportage %d · Excellente dienstverlening · %s", m->report_year, m->gemeente);
	lay_setup ls = {r.d, rc->hyph, running,
		m->voorbeelddata ? "Voorbeelddata: geen echte cijfers" : m->words_example ? "Voorbeeldtekst: geen echte toelichting" : NULL,
		expand, chapter_reset, &r};
	r.l = lay_new(&ls);
	/* runs until every page number a reference or the contents names is where it lands (seven
	 * at most; then the last places are used), dry (nothing drawn) but for the last. A run after
	 * one that moved no heading to the next page is drawn at once: it usually puts everything
	 * where that one did, and is then the last (the dry run that would have confirmed the
	 * places is saved: the same bytes, one run fewer); when it does not, its document is made
	 * again (pdf_reopen) and the runs go on as they would have */
	int drawn = 0;
	/* nothing is laid out in a document that failed to open (a font libharu cannot load):
	 * pdf_finish says why */
	int failed = pdf_error(r.d) != NULL;
	for (int pass = 0; pass < 6 && !drawn && !failed; pass++) {
		int draw = pass > 0 && !lay_breaks_changed(r.l);
		lay_pass_begin(r.l, !draw);
		body(&r);
		int settled = lay_pass_end(r.l);
		if (draw && settled) {
			drawn = 1;
		} else if (draw) {
			r.d = pdf_reopen(r.d);
			lay_set_doc(r.l, r.d);
		} else if (settled) {
			break;
		}
	}
	if (!drawn && !failed) {
		lay_pass_begin(r.l, 0);
		body(&r);
	}
	if (!failed)
		lay_finish(r.l);
	buf_t out = {0};
	int rv = pdf_finish(r.d, &out);
	if (rv != 0) {
		char *why = xasprintf("kan de PDF niet maken: %s", pdf_error(r.d) ? pdf_error(r.d) : "onbekende fout");
		out_error(rc->out, rc->pdf_name, why, 0);
		free(why);
	} else {
		rv = out_write(rc->out, rc->pdf_name, out.s, out.len);
	}
	buf_free(&out);
	free(r.expanded);
	/* freeing the document and the layout is left for later when the build can do it beside
	 * the swap: the file is written, and the report's thread is the last to finish */
	report_rest *rest = xmalloc(sizeof *rest);
	*rest = (report_rest){r.l, r.d, running};
	pdf_detach(r.d);
	if (rc->later) {
		rc->later->fn = report_free;
		rc->later->arg = rest;
	} else {
		report_free(rest);
	}
	return rv;
}
