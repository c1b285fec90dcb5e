/* site.c - the static HTML dashboard: relative links only, no JavaScript, no external
 * requests; every string from content or data is escaped (base/escape.c, template.c). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/date.h"
#include "base/escape.h"
#include "base/util.h"
#include "model/abbrev.h"
#include "model/b1.h"
#include "model/chart.h"
#include "model/edition.h"
#include "model/markdown.h"
#include "model/present.h"
#include "model/table.h"
#include "render/render.h"
#include "render/svg.h"
#include "base/template.h"

typedef struct {
	const model_t *m;
	const render_ctx *rc;
	const char *layout;
	unsigned tables;   /* tables so far: their captions get unique ids */
	int failed;
	abbrev_set abbrevs; /* the content's abbreviations, for mark_abbrevs */
} sctx;

static const struct {
	const char *href, *label;
} nav_items[] = {
	{"index.html", "Overzicht"},
	{"themas/index.html", "Thema's"},
	{"acties/index.html", "Acties"},
	{"teams/index.html", "Teams"},
	{"programma.html", "Programma"},
	{"bronnen.html", "Bronnen en definities"},
	{"downloads.html", "Downloads"},
	{"edities.html", "Edities"}, /* only when there are editions (write_page) */
};

/* Elements whose text gets no <abbr>: drawings, code, and an <abbr> already there, with the
 * tags that close them. */
static const struct {
	const char *name, *close;
} no_abbr[] = {{"svg", "</svg>"},   {"abbr", "</abbr>"},   {"code", "</code>"}, {"pre", "</pre>"},
               {"script", "</script>"}, {"style", "</style>"}, {"title", "</title>"}};

/* The page's HTML with the first use of every abbreviation the content explains marked as
 * <abbr title="...">. Only text between tags is looked at; a tag or a character reference is
 * copied as it is (esc_html escapes every '>' in text and attributes, so a tag ends at '>').
 * What is not marked is copied in one piece up to the next mark. */
static void mark_abbrevs(const sctx *s, const char *html, buf_t *out)
{
	const model_t *m = s->m;
	unsigned char *used = xcalloc(m->nabbrevs ? m->nabbrevs : 1, 1);
	size_t len = strlen(html), i = 0, copied = 0;
	while (i < len) {
		if (html[i] == '<') {
			const char *gt = strchr(html + i, '>');
			size_t end = gt ? (size_t)(gt - html) + 1 : len;
			size_t nl = 0;
			while (i + 1 + nl < end && ((html[i + 1 + nl] >= 'a' && html[i + 1 + nl] <= 'z') ||
			                           (html[i + 1 + nl] >= '0' && html[i + 1 + nl] <= '9')))
				nl++;
			for (size_t t = 0; nl && t < sizeof no_abbr / sizeof *no_abbr; t++) {
				if (strlen(no_abbr[t].name) != nl || memcmp(no_abbr[t].name, html + i + 1, nl) != 0)
					continue;
				/* on to the end of the element (none of these nests in itself here) */
				const char *c = strstr(html + end, no_abbr[t].close);
				end = c ? (size_t)(c - html) + strlen(no_abbr[t].close) : len;
				break;
			}
			i = end;
			continue;
		}
		if (html[i] == '&') {
			const char *semi = strchr(html + i, ';');
			i = semi && semi - (html + i) < 12 ? (size_t)(semi - html) + 1 : i + 1;
			continue;
		}
		size_t run = i + strcspn(html + i, "<&"), from = i, at, n;
		int hit;
		while ((hit = abbrev_next(&s->abbrevs, html + i, run - i, from - i, &at, &n)) >= 0) {
			at += i;
			if (!used[hit]) {
				used[hit] = 1;
				buf_add(out, html + copied, at - copied);
				buf_puts(out, "<abbr title=\"");
				esc_html(out, m->abbrevs[hit].full);
				buf_puts(out, "\">");
				buf_add(out, html + at, n);
				buf_puts(out, "</abbr>");
				copied = at + n;
			}
			from = at + n;
		}
		i = run;
	}
	buf_add(out, html + copied, len - copied);
	free(used);
}

static void write_page(sctx *s, const char *rel, const char *title, const char *body_in)
{
	buf_t marked = {0};
	mark_abbrevs(s, body_in, &marked);
	const char *body = marked.s ? marked.s : "";
	const char *root = strchr(rel, '/') ? "../" : "";
	buf_t nav = {0};
	buf_puts(&nav, "<ul>");
	for (size_t i = 0; i < sizeof nav_items / sizeof *nav_items; i++) {
		const char *h = nav_items[i].href;
		if (!strcmp(h, "edities.html") && !s->m->neditions && !s->m->record)
			continue;
		int cur = !strcmp(h, rel) || (strchr(h, '/') && !strncmp(h, rel, (size_t)(strchr(h, '/') - h + 1)));
		buf_puts(&nav, "<li><a href=\"");
		buf_puts(&nav, root);
		buf_puts(&nav, h);
		buf_puts(&nav, cur ? "\" aria-current=\"page\">" : "\">");
		buf_puts(&nav, nav_items[i].label);
		buf_puts(&nav, "</a></li>");
	}
	buf_puts(&nav, "</ul>");
	buf_t banner = {0}, stale = {0};
	present_stale_sources(s->m, &stale);
	if (stale.len) {
		buf_puts(&banner, "<p class=\"voorbeeld\" role=\"note\"><strong>Let op.</strong> ");
		esc_html(&banner, stale.s);
		buf_printf(&banner, " <a href=\"%sbronnen.html\">Zie de bronnen.</a></p>", root);
	}
	buf_free(&stale);
	if (s->m->voorbeelddata)
		buf_puts(&banner, "<p class=\"voorbeeld\" role=\"note\"><strong>Voorbeelddata.</strong> "
		                  "Deze cijfers zijn verzonnen om het dashboard te laten zien. Het zijn geen echte metingen.</p>");
	char day[40];
	present_date(s->m->peildatum, day);
	tpl_var vars[] = {
		{"titel", title},
		{"gemeente", s->m->gemeente},
		{"root", root},
		{"peildatum", day},
		{"navigatie", nav.s},
		{"voorbeelddata", banner.s ? banner.s : ""},
		{"inhoud", body},
	};
	buf_t out = {0};
	size_t bad = 0;
	if (tpl_render(s->layout, vars, sizeof vars / sizeof *vars, &out, &bad) != 0) {
		if (!s->failed)
			diag(s->rc->out->d, DIAG_ERROR, "layout.html", 0, 0,
			     "onbekende of niet afgesloten naam bij teken %zu; bekend zijn: titel, gemeente, root, peildatum, navigatie, voorbeelddata, inhoud",
			     bad + 1);
		s->failed = 1;
	} else if (out_write(s->rc->out, rel, out.s, out.len) != 0) {
		s->failed = 1;
	}
	buf_free(&out);
	buf_free(&nav);
	buf_free(&banner);
	buf_free(&marked);
}

/* Opens a table in a scrollable region that keyboard users can reach, named by the caption. */
static void table_open(sctx *s, buf_t *b)
{
	unsigned n = ++s->tables;
	buf_printf(b, "<div class=\"tabel\" tabindex=\"0\" role=\"region\" aria-labelledby=\"tb%u\"><table><caption id=\"tb%u\">",
	           n, n);
}

/* The id the next table will get: a chart names the table that holds its data. */
static const char *next_table(const sctx *s, char *id)
{
	snprintf(id, 16, "tb%u", s->tables + 1);
	return id;
}

/* A status as the vocabulary has it (present.h): icon (hidden from screen readers, the word
 * says it), word and colour. */
static void look_badge(buf_t *b, const status_look *l)
{
	buf_printf(b, "<span class=\"status status-%s\" style=\"color:#%06x\"><span aria-hidden=\"true\">%s</span>&#160;",
	           l->key, l->rgb, l->icon);
	esc_html(b, l->word);
	buf_puts(b, "</span>");
}

static void status_badge(buf_t *b, const kpi_t *k)
{
	look_badge(b, present_look(k->res.status));
}

static void ms_badge(buf_t *b, ms_status st)
{
	look_badge(b, present_ms_look(st));
}

/* One cell of a KPI table: a row header (periods as "okt 2024") or a data cell. */
static void table_cell(buf_t *b, const kt_table *t, size_t r, int c, int row_header)
{
	const kt_cell *cell = kt_at(t, r, c);
	if (row_header) {
		char txt[40];
		if (t->cols[c].kind == KT_PERIOD)
			present_period_short(t->per, t->rows[r].key, txt);
		else
			snprintf(txt, sizeof txt, "%s", "");
		buf_puts(b, t->cols[c].kind == KT_PERIOD ? "<th scope=\"row\" class=\"datum\">" : "<th scope=\"row\">");
		esc_html(b, txt[0] ? txt : cell->text);
		buf_puts(b, "</th>");
		return;
	}
	int num = t->cols[c].kind != KT_TEXT;
	/* free text (a note) gets room; a word such as "definitief" does not need it */
	buf_puts(b, num ? "<td class=\"getal\">" : strlen(cell->text) > 24 ? "<td class=\"tekst\">" : "<td>");
	esc_html(b, cell->empty && num && c != t->revised_col ? "–" : cell->text);
	buf_puts(b, "</td>");
}

/* Which rows of a KPI table a site table shows (ROWS_GROUPS: one period's, without the total). */
typedef enum { ROWS_ALL, ROWS_TOTAL, ROWS_PERIOD, ROWS_GROUPS } row_pick;

static int row_shown(const kt_table *t, size_t r, row_pick pick, int key)
{
	const kt_row *row = &t->rows[r];
	switch (pick) {
	case ROWS_ALL:
		return 1;
	case ROWS_TOTAL:
		return row->series->is_total;
	case ROWS_PERIOD:
		return row->key == key;
	case ROWS_GROUPS:
		return row->key == key && !row->series->is_total;
	}
	return 0;
}

/* The body of a KPI table after its caption: column `skip` left out, the rows `pick` selects
 * (ROWS_PERIOD: those of period `key`), column `head_col` as the row header. */
static void kt_html(buf_t *b, const kt_table *t, int skip, row_pick pick, int key, int head_col)
{
	/* the row header first, then the KPI's own value (on a phone the first columns are the ones
	 * in view), then the rest in their order */
	int all_final = t->stand_col >= 0;
	for (size_t r = 0; r < t->nrows && all_final; r++)
		if (row_shown(t, r, pick, key))
			all_final = !strcmp(kt_at(t, r, t->stand_col)->text, "definitief");
	int order[16], n = 0;
	order[n++] = head_col;
	if (t->value_col >= 0 && t->value_col != head_col && t->value_col != skip)
		order[n++] = t->value_col;
	for (int c = 0; c < t->ncols && n < 16; c++) {
		if (c == skip || c == head_col || c == t->value_col || (c == t->revised_col && !t->any_revised))
			continue;
		/* a column empty in every row this table shows says nothing */
		int any = 0;
		for (size_t r = 0; r < t->nrows && !any; r++)
			if (row_shown(t, r, pick, key))
				any = !kt_at(t, r, c)->empty;
		if (any && !(c == t->stand_col && all_final))
			order[n++] = c;
	}
	/* every figure final: said once in the caption instead of in a column of equal words */
	if (all_final)
		buf_puts(b, ". Alle cijfers zijn definitief");
	buf_puts(b, "</caption><thead><tr>");
	for (int i = 0; i < n; i++) {
		/* a number's header stands over its numbers, at the right */
		int num = order[i] != head_col && t->cols[order[i]].kind != KT_TEXT;
		buf_puts(b, num ? "<th scope=\"col\" class=\"getal\">" : "<th scope=\"col\">");
		esc_html(b, t->cols[order[i]].label);
		buf_puts(b, "</th>");
	}
	buf_puts(b, "</tr></thead><tbody>");
	for (size_t r = 0; r < t->nrows; r++) {
		if (!row_shown(t, r, pick, key))
			continue;
		buf_puts(b, "<tr>");
		for (int i = 0; i < n; i++)
			table_cell(b, t, r, order[i], order[i] == head_col);
		buf_puts(b, "</tr>");
	}
	buf_puts(b, "</tbody></table></div>");
	if (n > 4)
		buf_puts(b, "<p class=\"schuif\">De tabel heeft meer kolommen: schuif hem opzij.</p>");
}

/* Tables longer than this are folded: the chart shows the course, the table is one click away. */
enum { FOLD_ROWS = 12 };

static void kpi_table(sctx *s, buf_t *b, const kpi_t *k, const char *root, int totals_only)
{
	const kt_table *t = kt_of(k);
	int only_total = totals_only && t->group_col >= 0;
	size_t rows = 0;
	for (size_t r = 0; r < t->nrows; r++)
		rows += !only_total || t->rows[r].series->is_total;
	if (rows > FOLD_ROWS)
		buf_printf(b, "<details class=\"meer\"><summary>Tabel met alle %zu %s</summary>", rows,
		           k->def.per == PER_MAAND ? "maanden" : k->def.per == PER_KWARTAAL ? "kwartalen" : "jaren");
	table_open(s, b);
	esc_html(b, k->def.naam);
	if (totals_only && k->def.groep)
		buf_puts(b, " (hele organisatie)");
	kt_html(b, t, only_total ? t->group_col : -1, only_total ? ROWS_TOTAL : ROWS_ALL, 0, t->period_col);
	if (rows > FOLD_ROWS)
		buf_puts(b, "</details>");
	char *href = opendata_href(k);
	buf_printf(b, "<p class=\"download\"><a href=\"%s%s\">Alle cijfers van ", root, href);
	esc_html(b, k->def.naam);
	if (k->def.groep) {
		buf_puts(b, " per ");
		esc_html(b, k->def.groep);
	}
	buf_puts(b, " (CSV)</a></p>");
	free(href);
}

/* One row per group for one period: the table beside the bar chart. */
static void group_table(sctx *s, buf_t *b, const kpi_t *k, int key)
{
	const kt_table *t = kt_of(k);
	char *cap = present_group_title(&k->def, key);
	table_open(s, b);
	esc_html(b, cap);
	free(cap);
	/* a KPI that splits another's total shows that total at the other KPI only */
	kt_html(b, t, t->period_col, k->res.same_total ? ROWS_GROUPS : ROWS_PERIOD, key, t->group_col);
}

/* The owner's explanation of a KPI for this edition (toelichtingen/), or, where the status asks
 * for one, that there is none yet. */
static void kpi_explanation(buf_t *b, const model_t *m, const kpi_t *k)
{
	const explain_t *e = k->explain;
	if (!e) {
		if (kpi_needs_explanation(k)) {
			buf_puts(b, "<p class=\"toelichting\"><strong>Toelichting:</strong> <em>");
			esc_html(b, present_no_explanation);
			buf_puts(b, "</em></p>");
		}
		return;
	}
	buf_puts(b, "<div class=\"toelichting\">");
	const char *label[2] = {present_explain_why, present_explain_do}, *text[2] = {e->waarom, e->wat_we_doen};
	for (int i = 0; i < 2; i++) {
		if (!text[i])
			continue;
		buf_puts(b, "<p class=\"toelichting\"><strong>");
		esc_html(b, label[i]);
		buf_puts(b, ":</strong> ");
		esc_html(b, text[i]);
		buf_puts(b, "</p>");
	}
	if (e->door || m->words_example) {
		buf_puts(b, "<p class=\"uitleg\">");
		if (e->door) {
			buf_puts(b, "Toelichting van ");
			esc_html(b, e->door);
			buf_puts(b, m->words_example ? " (voorbeeldtekst)." : ".");
		} else {
			buf_puts(b, "Voorbeeldtekst.");
		}
		buf_puts(b, "</p>");
	}
	buf_puts(b, "</div>");
}


/* A KPI in full: status, why, what it measures, its course and its latest period per group.
 * This is the one place a KPI is shown in full (its action's or team's page); theme pages and
 * tiles link here. A KPI that splits another's figures shows only its groups. */
static void kpi_block(sctx *s, buf_t *b, const kpi_t *k, const char *root, int level)
{
	buf_printf(b, "<section class=\"kpi\" id=\"kpi-%s\"><h%d>", k->def.id, level);
	esc_html(b, k->def.naam);
	buf_printf(b, "</h%d><p>", level);
	status_badge(b, k);
	buf_puts(b, "</p><p>");
	if (k->res.same_total) {
		/* its total is another KPI's: how the groups differ is its news */
		buf_t sp = {0};
		present_spread(k, &sp);
		char p[48];
		present_in_period(k->def.per, k->res.cur_key, 0, p);
		if (k->res.has_cur && sp.len) {
			buf_printf(b, "Zo was het %s per ", p);
			esc_html(b, k->def.groep ? k->def.groep : "groep");
			buf_puts(b, ". ");
		}
		esc_html(b, sp.len ? sp.s : "Te weinig per groep om te vergelijken.");
		buf_free(&sp);
	} else {
		char *why = present_reason(k);
		esc_html(b, why);
		free(why);
	}
	buf_puts(b, "</p>");
	kpi_explanation(b, s->m, k);
	if (k->def.omschrijving) {
		buf_puts(b, "<p class=\"uitleg\">");
		esc_html(b, k->def.omschrijving);
		buf_puts(b, "</p>");
	}
	if (k->def.afgeleid) {
		buf_puts(b, "<p class=\"afgeleid\"><strong>Afgeleid.</strong> ");
		esc_html(b, k->def.afgeleid);
		buf_puts(b, "</p>");
	}
	char id[160], tb[16];
	chart_t *c;
	const kpi_t *same = k->res.same_total;
	if (same) {
		char *href = page_href(same->page);
		buf_printf(b, "<p>De cijfers van de hele organisatie zijn die van <a href=\"%s%s#kpi-%s\">", root, href,
		           same->def.id);
		esc_html(b, same->def.naam);
		buf_puts(b, "</a>. Hier staan ze per ");
		esc_html(b, k->def.groep ? k->def.groep : "groep");
		buf_puts(b, ".</p>");
		free(href);
	} else {
		snprintf(id, sizeof id, "g-%s-trend", k->def.id);
		c = chart_trend(k, NULL, id);
		svg_chart(c, next_table(s, tb), b);
		chart_free(c);
		kpi_table(s, b, k, root, 1);
	}
	if (k->def.groep && k->res.has_cur) {
		snprintf(id, sizeof id, "g-%s-groep", k->def.id);
		c = chart_groups(k, k->res.cur_key, id);
		svg_chart(c, next_table(s, tb), b);
		chart_free(c);
		group_table(s, b, k, k->res.cur_key);
	}
	if (k->def.thema && k->def.groep && k->res.ngroups > 1) {
		buf_t slug = {0};
		esc_slug(&slug, k->def.thema);
		buf_printf(b, "<p class=\"verder\"><a href=\"%sthemas/%s.html#kpi-%s\">Het verloop per ", root, slug.s,
		           k->def.id);
		esc_html(b, k->def.groep);
		buf_puts(b, ": thema ");
		esc_html(b, k->def.thema);
		buf_puts(b, "</a></p>");
		buf_free(&slug);
	}
	buf_puts(b, "</section>");
}

/* A KPI in a tile: name, the action or team it belongs to (`whose`), value and period, change,
 * target and status; "afgeleid" as a small marker that opens its reason. */
static void tile(buf_t *b, const model_t *m, const kpi_t *k, const char *root, int whose)
{
	char v[64], per[40];
	char *href = page_href(k->page);
	/* on the overview the tiles stand under a status heading (h3) */
	int h = whose ? 4 : 3;
	buf_printf(b, "<li class=\"tegel\"><h%d>", h);
	buf_printf(b, "<a href=\"%s%s#kpi-%s\">", root, href, k->def.id);
	esc_html(b, k->def.naam);
	buf_printf(b, "</a></h%d>", h);
	free(href);
	if (whose) {
		buf_printf(b, "<p class=\"hoort\">%s: ", k->page->soort == SOORT_ACTIE ? "Actie" : "Team");
		esc_html(b, k->page->soort == SOORT_TEAMDOEL && k->page->eigenaar ? k->page->eigenaar : k->page->titel);
		buf_puts(b, "</p>");
	}
	if (k->def.afgeleid) {
		buf_puts(b, "<details class=\"afgeleid-merk\"><summary>afgeleid: waarom?</summary><p>");
		esc_html(b, k->def.afgeleid);
		buf_puts(b, "</p></details>");
	}
	if (k->res.has_cur && k->res.same_total) {
		/* the total is another tile's: this one shows how the groups differ */
		buf_t sp = {0};
		present_spread(k, &sp);
		present_period(k->def.per, k->res.cur_key, per);
		buf_puts(b, "<p class=\"spreiding\">");
		esc_html(b, sp.len ? sp.s : "Te weinig per groep om te vergelijken.");
		buf_puts(b, " <span class=\"periode\">");
		esc_html(b, per);
		buf_puts(b, "</span></p>");
		buf_free(&sp);
	} else if (k->res.has_cur) {
		present_value(&k->def, k->res.cur, v);
		present_period(k->def.per, k->res.cur_key, per);
		buf_puts(b, "<p class=\"waarde\">");
		esc_html(b, v);
		buf_puts(b, " <span class=\"periode\">");
		esc_html(b, per);
		buf_puts(b, "</span></p>");
		char until[64];
		present_source_end(m, k, until);
		if (until[0])
			buf_printf(b, "<p class=\"tot\">%s</p>", until);
		/* change since the previous period, in the unit's own terms */
		if (k->res.has_change) {
			buf_t ch = {0};
			present_change(k, &ch);
			buf_puts(b, "<p class=\"verschil\">");
			esc_html(b, ch.s);
			buf_puts(b, "</p>");
			buf_free(&ch);
		}
	}
	const target_t *t = kpi_goal(k);
	if (t) {
		char td[40];
		present_goal_value(&k->def, t->waarde, v);
		present_target_date(t->datum, td);
		buf_printf(b, "<p class=\"doel\">Doel %s: %s%s</p>", td, present_bound(&k->def, t->waarde), v);
	}
	buf_puts(b, "<p>");
	status_badge(b, k);
	buf_puts(b, "</p></li>");
}

/* Groups that meet their norm in the latest period. Not under the programme's heading "Wat gaat
 * al goed", which speaks of 2023: these are this edition's figures, and say of when. */
static void going_well(buf_t *b, const model_t *m)
{
	if (!m->nwell)
		return;
	const kpi_t *k = m->well[0].kpi;
	char p[48], pp[48], nv[64];
	present_in_period(k->def.per, k->res.cur_key, 0, p);
	present_period(k->def.per, k->res.cur_key, pp);
	present_goal_value(&k->def, k->def.norm, nv);
	char *href = page_href(k->page);
	buf_printf(b, "<section><h2>Wat de norm haalt (%s)</h2><p>Deze halen %s de norm van %s bij <a href=\"%s#kpi-%s\">",
	           pp, p, nv, href, k->def.id);
	free(href);
	esc_html(b, k->def.naam);
	buf_puts(b, "</a>:</p><ul class=\"lijst\">");
	for (size_t i = 0; i < m->nwell; i++) {
		char v[64];
		present_value(&k->def, m->well[i].value, v);
		buf_puts(b, "<li>");
		esc_html(b, m->well[i].group->name);
		buf_printf(b, ": %s</li>", v);
	}
	buf_puts(b, "</ul></section>");
}

static void milestones_table(sctx *s, buf_t *b, const page_t *p)
{
	char day[40], when[40];
	present_date(s->m->peildatum, day);
	table_open(s, b);
	buf_printf(b, "Wanneer, wat, en de stand op %s</caption><thead><tr>", day);
	buf_puts(b, ""
	            "<th scope=\"col\">Wanneer</th><th scope=\"col\">Mijlpaal</th><th scope=\"col\">Status</th>"
	            "</tr></thead><tbody>");
	for (size_t i = 0; i < p->nms; i++) {
		buf_puts(b, "<tr><th scope=\"row\">");
		present_when(&p->ms[i], when);
		esc_html(b, when);
		buf_puts(b, "</th><td>");
		esc_html(b, p->ms[i].wat);
		if (p->ms[i].afgeleid)
			buf_puts(b, " <span class=\"afgeleid\">(afgeleid)</span>");
		buf_puts(b, "</td><td>");
		ms_badge(b, p->ms[i].status);
		buf_puts(b, "</td></tr>");
	}
	buf_puts(b, "</tbody></table></div>");
	/* each reason once, however many milestones it covers */
	for (size_t i = 0; i < p->nms; i++) {
		const char *why = p->ms[i].afgeleid;
		int seen = 0, n = 0;
		for (size_t j = 0; j < p->nms; j++) {
			seen |= j < i && str_eq(p->ms[j].afgeleid, why);
			n += str_eq(p->ms[j].afgeleid, why);
		}
		if (!why || seen)
			continue;
		buf_puts(b, "<p class=\"afgeleid\"><strong>Afgeleid");
		if (n > 1)
			buf_printf(b, " (%d mijlpalen)", n);
		else {
			buf_puts(b, " (mijlpaal ‘");
			esc_html(b, p->ms[i].wat);
			buf_puts(b, "’)");
		}
		buf_puts(b, ".</strong> ");
		esc_html(b, why);
		buf_puts(b, "</p>");
	}
}

/* "Eigenaar: ..." with a marker when the programme does not name the owner; `why`: the
 * reason too (on the page of the goal itself). */
static void owner(buf_t *b, const page_t *p, int why)
{
	buf_puts(b, "<p class=\"eigenaar\">Eigenaar: ");
	esc_html(b, p->eigenaar);
	if (p->eigenaar_afgeleid)
		buf_puts(b, " <span class=\"afgeleid\">(afgeleid)</span>");
	buf_puts(b, "</p>");
	if (why && p->eigenaar_afgeleid) {
		buf_puts(b, "<p class=\"afgeleid\"><strong>Afgeleid (eigenaar).</strong> ");
		esc_html(b, p->eigenaar_afgeleid);
		buf_puts(b, "</p>");
	}
}

/* Where the programme's own words start: they were written in its year, so "in 2024 gaan
 * we" reads as what was planned then. */
static void from_programme(buf_t *b, const model_t *m)
{
	if (m->programmajaar)
		buf_printf(b, "<p class=\"bron\">Uit het programma (%d).</p>", m->programmajaar);
	else
		buf_puts(b, "<p class=\"bron\">Uit het programma.</p>");
}

static void page_detail(sctx *s, const page_t *p)
{
	buf_t b = {0};
	const char *root = "../";
	buf_printf(&b, "<nav class=\"kruimel\" aria-label=\"Kruimelpad\"><a href=\"../index.html\">Overzicht</a> › "
	               "<a href=\"index.html\">%s</a></nav>",
	           p->soort == SOORT_ACTIE ? "Acties" : "Teams");
	buf_puts(&b, "<h1>");
	esc_html(&b, p->titel);
	buf_puts(&b, "</h1>");
	if (p->eigenaar)
		owner(&b, p, 1);
	if (p->samenvatting) {
		buf_puts(&b, "<p class=\"samenvatting\">");
		esc_html(&b, p->samenvatting);
		buf_puts(&b, "</p>");
	}
	/* what a reader comes for first: how it is going; the programme's text after it */
	buf_puts(&b, "<section><h2>Hoe staat het ervoor?</h2>");
	if (p->nkpis) {
		for (size_t i = 0; i < p->nkpis; i++)
			kpi_block(s, &b, p->kpis[i], root, 3);
	} else {
		buf_puts(&b, "<p>Bij dit doel hoort nog geen cijfer dat we meten. Hoe het gaat, staat bij de mijlpalen.</p>");
	}
	buf_puts(&b, "</section>");
	if (p->nms) {
		buf_puts(&b, "<section><h2>Mijlpalen</h2>");
		milestones_table(s, &b, p);
		buf_puts(&b, "</section>");
	}
	int smart = 0;
	for (int i = 0; i < SMART_N; i++)
		smart |= p->smart[i] != NULL;
	if (smart) {
		buf_puts(&b, "<section><h2>Het doel, SMART</h2>");
		from_programme(&b, s->m);
		for (int i = 0; i < SMART_N; i++) {
			if (!p->smart[i])
				continue;
			buf_printf(&b, "<h3>%s</h3>", smart_names[i]);
			md_html(p->smart[i], 3, "../", &b);
		}
		buf_puts(&b, "</section>");
	}
	/* all three ambitions: one the programme leaves empty is said to be so, not left out */
	buf_puts(&b, "<section><h2>Bijdrage aan de ambities</h2>");
	int amb = 0;
	for (int i = 0; i < AMB_N; i++)
		amb |= p->amb[i] != NULL;
	if (amb)
		from_programme(&b, s->m);
	for (int i = 0; i < AMB_N; i++) {
		buf_printf(&b, "<h3>%s</h3>", present_ambition(i));
		if (p->amb[i])
			md_html(p->amb[i], 3, "../", &b);
		else
			buf_puts(&b, "<p class=\"leeg\">Het programma zegt bij dit doel niets over deze ambitie.</p>");
	}
	buf_puts(&b, "</section>");
	md_html(p->body, 1, "../", &b);
	char *href = page_href(p);
	write_page(s, href, p->titel, b.s);
	free(href);
	buf_free(&b);
}

/* All groups of a KPI over time in one table: periods down, groups across. */
/* One group's figure for one period, as a cell of the table of all groups. */
static void wide_cell(buf_t *b, const kpi_t *k, const series_t *g, int key)
{
	const cell_t *c = series_cell(g, key);
	char v[64] = "–", was[96];
	if (c && c->has_value)
		present_value(&k->def, c->value, v);
	else if (c && c->suppressed)
		strcpy(v, "niet getoond");
	buf_printf(b, "<td class=\"getal\">%s", v);
	if (c && c->revised) {
		present_revised(&k->def, c, was);
		buf_printf(b, " <span class=\"herzien\">(%s)</span>", was);
	}
	buf_puts(b, "</td>");
}

/* All groups of a KPI over time in one table, folded: periods down and groups across, or, when
 * there are more groups than periods (ten products over three years), groups down. */
static void wide_table(sctx *sc, buf_t *b, const kpi_t *k)
{
	int lo = 0, hi = -1;
	for (size_t g = 0; g < k->res.ngroups; g++) {
		const series_t *s = &k->res.groups[g];
		if (!s->ncells)
			continue;
		if (hi < lo || s->first_key < lo)
			lo = s->first_key;
		if (s->first_key + (int)s->ncells - 1 > hi)
			hi = s->first_key + (int)s->ncells - 1;
	}
	if (hi < lo)
		return;
	int across = (int)k->res.ngroups <= hi - lo + 1 || k->res.ngroups <= 6;
	buf_printf(b, "<details class=\"meer\"><summary>Tabel met alle cijfers per %s</summary>",
	           k->def.groep ? k->def.groep : "groep");
	table_open(sc, b);
	char *cap = present_per_group(&k->def);
	esc_html(b, cap);
	free(cap);
	if (across) {
		buf_printf(b, "</caption><thead><tr><th scope=\"col\">%s</th>", present_per_label(k->def.per));
		for (size_t g = 0; g < k->res.ngroups; g++) {
			buf_puts(b, "<th scope=\"col\" class=\"getal\">");
			esc_html(b, k->res.groups[g].name);
			buf_puts(b, "</th>");
		}
		buf_puts(b, "</tr></thead><tbody>");
		for (int key = lo; key <= hi; key++) {
			char p[40];
			present_period_short(k->def.per, key, p);
			buf_printf(b, "<tr><th scope=\"row\" class=\"datum\">%s</th>", p);
			for (size_t g = 0; g < k->res.ngroups; g++)
				wide_cell(b, k, &k->res.groups[g], key);
			buf_puts(b, "</tr>");
		}
	} else {
		buf_puts(b, "</caption><thead><tr><th scope=\"col\">");
		esc_html(b, k->def.groep ? k->def.groep : "Groep");
		buf_puts(b, "</th>");
		for (int key = lo; key <= hi; key++) {
			char p[40];
			present_period_short(k->def.per, key, p);
			buf_printf(b, "<th scope=\"col\" class=\"getal\">%s</th>", p);
		}
		buf_puts(b, "</tr></thead><tbody>");
		for (size_t g = 0; g < k->res.ngroups; g++) {
			buf_puts(b, "<tr><th scope=\"row\">");
			esc_html(b, k->res.groups[g].name);
			buf_puts(b, "</th>");
			for (int key = lo; key <= hi; key++)
				wide_cell(b, k, &k->res.groups[g], key);
			buf_puts(b, "</tr>");
		}
	}
	buf_puts(b, "</tbody></table></div></details>");
}

/* A KPI on its theme's page: its status and where it is shown in full, then how its groups
 * went, as small multiples on one axis, and the table of all groups folded away. */
static void theme_kpi(sctx *s, buf_t *b, const kpi_t *q)
{
	buf_printf(b, "<section class=\"kpi\" id=\"kpi-%s\"><h2>", q->def.id);
	esc_html(b, q->def.naam);
	buf_puts(b, "</h2><p>");
	status_badge(b, q);
	if (q->res.has_cur && !q->res.same_total) {
		char v[64], p[48];
		present_value(&q->def, q->res.cur, v);
		present_in_period(q->def.per, q->res.cur_key, 0, p);
		buf_printf(b, " %s %s.", v, p);
	}
	char *href = page_href(q->page);
	buf_printf(b, "</p><p>Uitleg, verloop en alle cijfers staan bij <a href=\"../%s#kpi-%s\">", href, q->def.id);
	free(href);
	esc_html(b, q->page->titel);
	buf_puts(b, "</a>.</p>");
	if (q->def.groep && q->res.ngroups >= 2) {
		buf_puts(b, "<h3>Per ");
		esc_html(b, q->def.groep);
		buf_puts(b, "</h3>");
		chart_t **cs = xcalloc(q->res.ngroups, sizeof *cs);
		for (size_t g = 0; g < q->res.ngroups; g++) {
			char id[200];
			snprintf(id, sizeof id, "g-%s-%zu", q->def.id, g);
			cs[g] = chart_trend(q, &q->res.groups[g], id);
		}
		/* one axis for all, so the lines compare at a glance */
		chart_share_axis(cs, (int)q->res.ngroups);
		const chart_t *any = NULL;
		for (size_t g = 0; g < q->res.ngroups && !any; g++)
			any = cs[g];
		svg_legend(any, b);
		buf_puts(b, "<div class=\"veelvoud\">");
		for (size_t g = 0; g < q->res.ngroups; g++) {
			char tb[16];
			svg_small(cs[g], q->res.groups[g].name, 4, next_table(s, tb), b); /* the table of all groups below */
			chart_free(cs[g]);
		}
		free(cs);
		buf_puts(b, "</div>");
		wide_table(s, b, q);
	}
	buf_puts(b, "</section>");
}

static void theme_pages(sctx *s)
{
	const model_t *m = s->m;
	buf_t idx = {0}, b = {0}, slug = {0};
	buf_puts(&idx, "<h1>Thema's</h1><p>Per thema hoe de cijfers gaan per team, kanaal of product.</p><ul class=\"lijst\">");
	for (size_t i = 0; i < m->nkpis; i++) {
		const kpi_t *k = m->kpis[i];
		if (!k->def.thema)
			continue;
		int seen = 0;
		for (size_t j = 0; j < i; j++)
			seen |= str_eq(m->kpis[j]->def.thema, k->def.thema);
		if (seen)
			continue;
		buf_reset(&slug);
		esc_slug(&slug, k->def.thema);
		buf_printf(&idx, "<li><a href=\"%s.html\">", slug.s);
		esc_html(&idx, k->def.thema);
		buf_puts(&idx, "</a></li>");
		buf_reset(&b);
		buf_puts(&b, "<nav class=\"kruimel\" aria-label=\"Kruimelpad\"><a href=\"../index.html\">Overzicht</a> › "
		             "<a href=\"index.html\">Thema's</a></nav><h1>");
		esc_html(&b, k->def.thema);
		buf_puts(&b, "</h1>");
		for (size_t j = i; j < m->nkpis; j++)
			if (str_eq(m->kpis[j]->def.thema, k->def.thema))
				theme_kpi(s, &b, m->kpis[j]);
		char *rel = xasprintf("themas/%s.html", slug.s);
		write_page(s, rel, k->def.thema, b.s);
		free(rel);
	}
	buf_puts(&idx, "</ul>");
	write_page(s, "themas/index.html", "Thema's", idx.s);
	buf_free(&idx);
	buf_free(&b);
	buf_free(&slug);
}

/* The size of a file this build wrote, as the downloads page shows it. */
static void file_size(const sctx *s, const char *rel, char *out)
{
	long long n = out_size(s->rc->out, rel);
	if (n < 0)
		strcpy(out, "?");
	else
		present_size(n, out);
}

/* "Wat is er veranderd": since the previous published edition (model/edition.h), in groups:
 * statuses first, then milestones, revised figures and what the programme changed. */
static void changes_section(buf_t *b, const model_t *m)
{
	if (m->prev < 0)
		return;
	buf_puts(b, "<section class=\"veranderd\" aria-labelledby=\"h-veranderd\"><h2 id=\"h-veranderd\">Wat is er "
	            "veranderd</h2><p>");
	buf_t since = {0};
	present_since(m, &since);
	esc_html(b, since.s);
	buf_free(&since);
	if (!m->nchanges)
		buf_puts(b, " Er is niets veranderd.");
	buf_puts(b, "</p>");
	for (int g = 0; g < CHG_N; g++) {
		int n = 0;
		for (size_t i = 0; i < m->nchanges; i++)
			n += present_change_group(&m->changes[i]) == g;
		if (!n)
			continue;
		buf_printf(b, "<h3>%s <span class=\"aantal-klein\">(%d)</span></h3><ul class=\"lijst\">", present_change_groups[g],
		           n);
		for (size_t i = 0; i < m->nchanges; i++) {
			const change_t *c = &m->changes[i];
			if (present_change_group(c) != g)
				continue;
			buf_t t = {0};
			present_change_since(c, &t);
			buf_puts(b, "<li>");
			const page_t *pg = c->k ? c->k->page : c->page;
			if (pg) {
				char *href = page_href(pg);
				if (c->k)
					buf_printf(b, "<a href=\"%s#kpi-%s\">", href, c->k->def.id);
				else
					buf_printf(b, "<a href=\"%s\">", href);
				free(href);
			}
			esc_html(b, t.s);
			buf_puts(b, pg ? "</a></li>" : "</li>");
			buf_free(&t);
		}
		buf_puts(b, "</ul>");
	}
	buf_puts(b, "<p><a href=\"edities.html\">Alle edities en wat er elke keer veranderde</a></p></section>");
}

/* The archive: every kept edition's record, as open data, and a page that lists them. */
static void editions_page(sctx *s)
{
	const model_t *m = s->m;
	if (!m->neditions && !m->record)
		return;
	if (out_mkdir(s->rc->out, "edities") != 0) {
		s->failed = 1;
		return;
	}
	buf_t b = {0};
	buf_puts(&b, "<h1>Edities</h1><p>Een editie is wat meetlat op een peildatum heeft gepubliceerd: elk cijfer, "
	             "elke status en elke mijlpaal. Zo blijft te zien wat de raad en het MT eerder kregen, ook als de "
	             "cijfers later veranderen. De nieuwste staat bovenaan.</p>");
	table_open(s, &b);
	buf_puts(&b, "Alle edities</caption><thead><tr><th scope=\"col\">Peildatum</th><th scope=\"col\">Wat er "
	             "veranderde</th><th scope=\"col\">Alle cijfers</th></tr></thead><tbody>");
	if (!m->record && m->prev >= 0 && !edition_of(m, m->peildatum)) {
		/* what this site shows, not (yet) kept as an edition */
		char d[40];
		ed_delta delta;
		present_date(m->peildatum, d);
		edition_delta_build(m, &delta);
		buf_t t = {0};
		present_delta(&delta, &t);
		buf_printf(&b, "<tr><th scope=\"row\" class=\"datum\">%s<br>deze website</th><td class=\"tekst\">", d);
		esc_html(&b, t.s);
		buf_puts(&b, " <a href=\"index.html#h-veranderd\">Wat er veranderde</a></td><td>Nog niet bewaard als "
		             "editie</td></tr>");
		buf_free(&t);
	}
	for (size_t i = m->neditions + (m->record ? 1 : 0); i-- > 0;) {
		const char *name, *bytes;
		size_t len;
		int day, correction;
		ed_delta delta;
		int first = 0;
		if (i == m->neditions) {
			name = m->record_name, bytes = m->record, len = m->record_len, day = m->peildatum;
			correction = m->correction;
			edition_delta_build(m, &delta);
			first = m->prev < 0;
		} else {
			/* a correction is listed above the edition it corrects, which stays */
			name = m->editions[i].name, bytes = m->editions[i].bytes, len = m->editions[i].len;
			day = m->editions[i].peildatum, correction = m->editions[i].correction;
			if (i > 0)
				edition_delta(&m->editions[i - 1], &m->editions[i], &delta);
			first = i == 0;
		}
		char *rel = xasprintf("edities/%s", name), d[40], size[32];
		if (out_write(s->rc->out, rel, bytes, len) != 0)
			s->failed = 1;
		present_date(day, d);
		present_size((long long)len, size);
		buf_printf(&b, "<tr><th scope=\"row\" class=\"datum\">%s", d);
		if (correction)
			buf_printf(&b, "<br>correctie %d", correction);
		buf_puts(&b, "</th><td class=\"tekst\">");
		if (first) {
			buf_puts(&b, "De eerste editie.");
		} else {
			buf_t t = {0};
			present_delta(&delta, &t);
			esc_html(&b, t.s);
			buf_free(&t);
		}
		if (m->prev >= 0 && (size_t)m->prev == i)
			buf_puts(&b, " <strong>Hiermee vergelijkt deze website.</strong>");
		buf_puts(&b, "</td><td><a href=\"");
		esc_html(&b, rel); /* the loader allows only editie-JJJJ-MM-DD.csv; escaped all the same */
		buf_printf(&b, "\">Alle cijfers van %s%s (CSV, %s)</a></td></tr>", d, correction ? ", correctie" : "", size);
		free(rel);
	}
	buf_puts(&b, "</tbody></table></div><p>Elk bestand is UTF-8 met ; als scheidingsteken. Een regel ‘cijfer’ is een "
	             "cijfer zoals het toen is gepubliceerd, met de stand (voorlopig of definitief). Een correctie vervangt "
	             "de editie met dezelfde peildatum; wat eerder is gepubliceerd, blijft hier staan.</p>");
	write_page(s, "edities.html", "Edities", b.s);
	buf_free(&b);
}

/* The statuses a reader meets, counted, each with its meaning: the legend of the site. KPI
 * statuses link to their tiles below; milestone statuses needing attention to their list.
 * Statuses the pages name without any KPI having them now (the cases of "nog onzeker", a status
 * in "Wat is er veranderd") follow with their meaning, so the legend explains exactly the
 * statuses the site shows. */
static void status_counts(buf_t *b, const model_t *m)
{
	status_use use;
	present_status_use(m, &use);
	int order[ST_N];
	for (int i = 0; i < ST_N; i++)
		order[i] = i;
	for (int i = 1; i < ST_N; i++) /* by need: missed and at risk first */
		for (int j = i; j > 0 && present_need((kpi_status)order[j]) < present_need((kpi_status)order[j - 1]); j--) {
			int t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	buf_printf(b, "<section aria-labelledby=\"h-stand\"><h2 id=\"h-stand\">Hoe staan de %zu KPI's ervoor?</h2>"
	              "<ul class=\"tellingen\">",
	           m->nkpis);
	for (int i = 0; i < ST_N; i++) {
		int st = order[i];
		if (!m->kpi_count[st])
			continue;
		const status_look *l = present_look((kpi_status)st);
		buf_printf(b, "<li style=\"border-left-color:#%06x\"><a href=\"#st-%s\"><span class=\"aantal\">%d</span> ",
		           l->rgb, l->key, m->kpi_count[st]);
		look_badge(b, l);
		buf_puts(b, "</a><span class=\"betekenis\">");
		esc_html(b, l->meaning);
		buf_puts(b, "</span></li>");
	}
	buf_puts(b, "</ul>");
	int ms_any = 0;
	for (int st = 0; st < MS_N; st++)
		ms_any |= m->ms_count[st] > 0;
	if (ms_any) {
		buf_printf(b, "<h3>En de %zu mijlpalen</h3><ul class=\"tellingen\">", m->nms);
		static const ms_status ms_order[] = {MS_TE_LAAT, MS_NIET_GEMELD, MS_LOOPT, MS_GEPLAND, MS_GEREED};
		for (size_t i = 0; i < sizeof ms_order / sizeof *ms_order; i++) {
			ms_status st = ms_order[i];
			if (!m->ms_count[st])
				continue;
			const status_look *l = present_ms_look(st);
			int attention = st == MS_TE_LAAT || st == MS_NIET_GEMELD;
			buf_printf(b, "<li style=\"border-left-color:#%06x\"><a href=\"%s\"><span class=\"aantal\">%d</span> ",
			           l->rgb, attention ? "#mijlpalen-aandacht" : "acties/index.html", m->ms_count[st]);
			look_badge(b, l);
			buf_puts(b, "</a><span class=\"betekenis\">");
			esc_html(b, l->meaning);
			buf_puts(b, "</span></li>");
		}
		buf_puts(b, "</ul>");
	}
	/* named on the pages, but no KPI or milestone has it now */
	int more = 0;
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < (pass ? MS_N : ST_N); i++) {
			int used = pass ? use.ms[i] && !m->ms_count[i] : use.kpi[order[i]] && !m->kpi_count[order[i]];
			if (!used)
				continue;
			const status_look *l = pass ? present_ms_look((ms_status)i) : present_look((kpi_status)order[i]);
			if (!more++)
				buf_puts(b, "<p class=\"ook\">Ook genoemd in de uitleg of bij wat er veranderde:</p><dl class=\"ook\">");
			buf_puts(b, "<dt>");
			look_badge(b, l);
			buf_puts(b, "</dt><dd>");
			esc_html(b, l->meaning);
			buf_puts(b, "</dd>");
		}
	if (more)
		buf_puts(b, "</dl>");
	/* on a phone the meanings fold away under the counts, so all counts fit the first screen;
	 * the stylesheet shows either these or the meanings beside the counts, never both */
	buf_puts(b, "<details class=\"betekenissen\"><summary>Wat betekenen de statussen?</summary><dl>");
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < (pass ? MS_N : ST_N); i++) {
			int shown = pass ? m->ms_count[i] > 0 : m->kpi_count[order[i]] > 0;
			if (!shown)
				continue;
			const status_look *l = pass ? present_ms_look((ms_status)i) : present_look((kpi_status)order[i]);
			buf_puts(b, "<dt>");
			look_badge(b, l);
			buf_puts(b, "</dt><dd>");
			esc_html(b, l->meaning);
			buf_puts(b, "</dd>");
		}
	buf_puts(b, "</dl></details></section>");
}

/* Every KPI as a tile, grouped by status, what needs attention first. */
static void tiles_by_need(buf_t *b, const model_t *m)
{
	buf_puts(b, "<section aria-labelledby=\"h-alle\"><h2 id=\"h-alle\">Alle KPI's: wat aandacht vraagt eerst</h2>");
	for (int rank = 0; rank < ST_N; rank++)
		for (int st = 0; st < ST_N; st++) {
			if (present_need((kpi_status)st) != rank || !m->kpi_count[st])
				continue;
			const status_look *l = present_look((kpi_status)st);
			buf_printf(b, "<h3 id=\"st-%s\" class=\"groepkop\">", l->key);
			look_badge(b, l);
			buf_printf(b, " <span class=\"aantal-klein\">(%d)</span></h3><ul class=\"tegels\">", m->kpi_count[st]);
			for (size_t i = 0; i < m->nkpis; i++)
				if (m->kpis[i]->res.status == (kpi_status)st)
					tile(b, m, m->kpis[i], "", 1);
			buf_puts(b, "</ul>");
		}
	buf_puts(b, "</section>");
}

/* Milestones past their date, late or without news, by date: folded, with the count in view. */
static int cmp_ms_date(const void *a, const void *b)
{
	const milestone_t *x = *(const milestone_t *const *)a, *y = *(const milestone_t *const *)b;
	return x->last != y->last ? (x->last < y->last ? -1 : 1) : strcmp(x->wat, y->wat);
}

static void milestones_attention(sctx *s, buf_t *b)
{
	const model_t *m = s->m;
	int late = m->ms_count[MS_TE_LAAT], quiet = m->ms_count[MS_NIET_GEMELD];
	if (!late && !quiet)
		return;
	const milestone_t **list = xcalloc((size_t)(late + quiet), sizeof *list);
	const page_t **owner_of = xcalloc((size_t)(late + quiet), sizeof *owner_of);
	size_t n = 0;
	for (size_t i = 0; i < m->npages; i++)
		for (size_t j = 0; j < m->pages[i]->nms; j++) {
			const milestone_t *ms = &m->pages[i]->ms[j];
			if ((ms->status == MS_TE_LAAT || ms->status == MS_NIET_GEMELD) && n < (size_t)(late + quiet))
				list[n++] = ms;
		}
	qsort(list, n, sizeof *list, cmp_ms_date);
	for (size_t k = 0; k < n; k++)
		for (size_t i = 0; i < m->npages && !owner_of[k]; i++)
			if (list[k] >= m->pages[i]->ms && list[k] < m->pages[i]->ms + m->pages[i]->nms)
				owner_of[k] = m->pages[i];
	int mixed = late && quiet;
	buf_printf(b, "<section id=\"mijlpalen-aandacht\"><h2>Mijlpalen over datum <span class=\"aantal-klein\">(%zu)</span>"
	              "</h2><p>De datum van deze mijlpalen is voorbij.",
	           n);
	if (quiet)
		buf_printf(b, " Bij %d is niet gemeld of ze gehaald zijn.", quiet);
	if (late)
		buf_printf(b, " %d %s niet gehaald.", late, late == 1 ? "is" : "zijn");
	buf_puts(b, "</p><details class=\"meer\"><summary>Toon de mijlpalen, de oudste eerst</summary>");
	table_open(s, b);
	buf_printf(b, "Mijlpalen over datum, de oudste eerst</caption><thead><tr><th scope=\"col\">Wanneer</th>"
	              "<th scope=\"col\">Mijlpaal</th><th scope=\"col\">Actie of team</th>%s</tr></thead><tbody>",
	           mixed ? "<th scope=\"col\">Status</th>" : "");
	for (size_t k = 0; k < n; k++) {
		char when[48];
		present_when(list[k], when);
		buf_printf(b, "<tr><th scope=\"row\" class=\"datum\">%s</th><td class=\"tekst\">", when);
		esc_html(b, list[k]->wat);
		buf_puts(b, "</td><td>");
		if (owner_of[k]) {
			char *href = page_href(owner_of[k]);
			buf_printf(b, "<a href=\"%s\">", href);
			free(href);
			esc_html(b, owner_of[k]->titel);
			buf_puts(b, "</a>");
		}
		buf_puts(b, "</td>");
		if (mixed) {
			buf_puts(b, "<td>");
			ms_badge(b, list[k]->status);
			buf_puts(b, "</td>");
		}
		buf_puts(b, "</tr>");
	}
	buf_puts(b, "</tbody></table></div></details></section>");
	free(list);
	free(owner_of);
}

static void index_page(sctx *s)
{
	const model_t *m = s->m;
	buf_t b = {0};
	char day[40];
	present_date(m->peildatum, day);
	buf_puts(&b, "<h1>Dienstverlening in ");
	esc_html(&b, m->gemeente);
	buf_printf(&b, "</h1><p class=\"stand\">De stand op <strong>%s</strong> (de peildatum).</p>", day);
	status_counts(&b, m);
	buf_puts(&b, "<p class=\"intro\">Ons doel: inwoners, ondernemers en instellingen geven ons in 2027 een 8.");
	const kpi_t *top = m->uitgelicht ? model_find_kpi(m, m->uitgelicht) : NULL;
	if (top && top->res.has_cur) {
		char v[64], p[48];
		present_value(&top->def, top->res.cur, v);
		present_in_period(top->def.per, top->res.cur_key, 0, p);
		char *href = page_href(top->page);
		buf_printf(&b, " <a href=\"%s#kpi-%s\">", href, top->def.id);
		free(href);
		esc_html(&b, top->def.naam);
		buf_printf(&b, "</a> %s: %s.", p, v);
	}
	buf_puts(&b, "</p>");
	changes_section(&b, m);
	tiles_by_need(&b, m);
	milestones_attention(s, &b);
	going_well(&b, m);
	/* the other words the figures use; how each is computed is on the sources page */
	buf_puts(&b, "<section><h2>");
	esc_html(&b, present_terms_title);
	buf_puts(&b, "</h2><dl class=\"begrippen\">");
	for (int i = 0; i < present_nterms; i++) {
		buf_puts(&b, "<dt>");
		esc_html(&b, present_terms[i].term);
		buf_puts(&b, "</dt><dd>");
		esc_html(&b, present_terms[i].meaning);
		buf_puts(&b, "</dd>");
	}
	buf_puts(&b, "</dl><p><a href=\"bronnen.html\">Hoe we elk cijfer berekenen</a></p></section>");
	write_page(s, "index.html", "Overzicht", b.s);
	buf_free(&b);
}

/* Each action or team goal with the tiles of its KPIs (value, target, status; a click leads to
 * the KPI on its page) and its milestones in one line. */
static void goal_cards(buf_t *b, const model_t *m, soort_t soort)
{
	for (size_t i = 0; i < m->npages; i++) {
		const page_t *p = m->pages[i];
		if (p->soort != soort)
			continue;
		char *href = page_href(p);
		buf_printf(b, "<section class=\"doelkaart\"><h2><a href=\"../%s\">", href);
		esc_html(b, p->titel);
		buf_puts(b, "</a></h2>");
		free(href);
		if (p->eigenaar)
			owner(b, p, 0);
		if (p->nkpis) {
			buf_puts(b, "<ul class=\"tegels\">");
			for (size_t k = 0; k < p->nkpis; k++)
				tile(b, m, p->kpis[k], "../", 0);
			buf_puts(b, "</ul>");
		} else {
			buf_puts(b, "<p>Nog geen cijfer dat we meten.</p>");
		}
		if (p->nms) {
			/* " · " between them: "over datum, geen nieuws" has a comma of its own */
			buf_puts(b, "<p class=\"voortgang\">Mijlpalen:");
			int first = 1;
			for (int st = 0; st < MS_N; st++)
				if (p->ms_count[st]) {
					buf_printf(b, "%s %d %s", first ? "" : " ·", p->ms_count[st], present_ms((ms_status)st));
					first = 0;
				}
			buf_puts(b, "</p>");
		}
		buf_puts(b, "</section>");
	}
}

static void list_pages(sctx *s)
{
	const model_t *m = s->m;
	buf_t b = {0};
	buf_puts(&b, "<h1>Acties voor de hele organisatie</h1>");
	goal_cards(&b, m, SOORT_ACTIE);
	write_page(s, "acties/index.html", "Acties", b.s);
	buf_reset(&b);
	buf_puts(&b, "<h1>Dienstverlening is van ons allemaal: doelen per team</h1>"
	             "<p>Elk team met een doel, met de cijfers die erbij horen. Kies een KPI voor de grafiek en "
	             "de tabel.</p>");
	goal_cards(&b, m, SOORT_TEAMDOEL);
	int any = 0;
	for (size_t i = 0; i < m->npages; i++) {
		const page_t *p = m->pages[i];
		if (p->soort != SOORT_TEAM)
			continue;
		if (!any++)
			buf_puts(&b, "<h2>Teams zonder doel</h2><ul class=\"lijst\">");
		buf_printf(&b, "<li id=\"%s\">", p->slug);
		esc_html(&b, p->titel);
		if (p->samenvatting) {
			buf_puts(&b, ": ");
			esc_html(&b, p->samenvatting);
		}
		buf_puts(&b, "</li>");
	}
	if (any)
		buf_puts(&b, "</ul>");
	write_page(s, "teams/index.html", "Teams", b.s);
	buf_free(&b);
}

static void programme_page(sctx *s)
{
	buf_t b = {0};
	buf_puts(&b, "<h1>Uitvoeringsprogramma Excellente dienstverlening</h1>");
	if (s->m->programmajaar)
		buf_printf(&b, "<p class=\"bron\">Dit is de tekst uit het programma (%d). Daarin staat wat we toen van plan "
		               "waren. Hoe het nu staat, ziet u bij de acties en de teams.</p>",
		           s->m->programmajaar);
	for (size_t i = 0; i < s->m->npages; i++) {
		const page_t *p = s->m->pages[i];
		if (p->soort != SOORT_PROGRAMMA)
			continue;
		buf_printf(&b, "<section id=\"%s\"><h2>", p->slug);
		esc_html(&b, p->titel);
		buf_puts(&b, "</h2>");
		md_html(p->body, 1, "", &b);
		buf_puts(&b, "</section>");
	}
	write_page(s, "programma.html", "Programma", b.s);
	buf_free(&b);
}

static void sources_page(sctx *s)
{
	const model_t *m = s->m;
	buf_t b = {0};
	char day[40], a[40], z[40], n[64];
	present_date(m->peildatum, day);
	buf_puts(&b, "<h1>Bronnen en definities</h1><h2>De peildatum van deze cijfers</h2>");
	buf_printf(&b, "<p>Alle cijfers gaan over de stand op <strong>%s</strong>. ", day);
	buf_printf(&b, "%s</p>", present_peil_source(m));
	buf_puts(&b, "<h2>Gegevensbestanden</h2><p>Elk bestand gaat over een stuk tijd: van zijn eerste tot zijn laatste "
	             "datum, of tot de datum waarop het is gemaakt als die in de instellingen staat. Een periode die een "
	             "bestand maar voor een deel beslaat, heeft een cijfer met ‘deels’; een periode die het niet bereikt, "
	             "heeft geen cijfer.</p>");
	table_open(s, &b);
	buf_puts(&b, "Gelezen bestanden</caption>"
	             "<thead><tr><th scope=\"col\">Bestand</th><th scope=\"col\" class=\"getal\">Regels</th>"
	             "<th scope=\"col\">Van</th><th scope=\"col\">Tot en met</th><th scope=\"col\">Opmerking</th></tr></thead><tbody>");
	for (size_t i = 0; i < m->nfiles; i++) {
		const datafile_t *f = &m->files[i];
		if (!f->used)
			continue;
		char note[256];
		present_coverage_note(m, f, note);
		buf_puts(&b, "<tr><th scope=\"row\">");
		esc_html(&b, f->name);
		present_number((double)f->rows, 0, n);
		buf_printf(&b, "</th><td class=\"getal\">%s</td>", n);
		if (f->first != DAY_NONE && f->cover_end != DAY_NONE) {
			date_short(f->first, a);
			date_short(f->cover_end, z);
			buf_printf(&b, "<td class=\"datum\">%s</td><td class=\"datum\">%s</td>", a, z);
		} else {
			buf_puts(&b, "<td>–</td><td>–</td>");
		}
		buf_puts(&b, "<td>");
		esc_html(&b, note);
		buf_puts(&b, "</td></tr>");
	}
	buf_puts(&b, "</tbody></table></div>");
	/* the working-day calendar of the years the data covers */
	int y0, y1;
	if (model_data_years(m, &y0, &y1) == 0) {
		buf_printf(&b, "<h2>Vrije dagen die niet meetellen</h2><p>Voor termijnen in werkdagen tellen deze dagen niet mee, naast "
		               "zaterdag en zondag (%d tot en met %d):</p>", y0, y1);
		table_open(s, &b);
		buf_puts(&b, "Feestdagen en sluitingsdagen op een doordeweekse dag</caption><thead><tr>"
		             "<th scope=\"col\">Datum</th><th scope=\"col\">Dag</th></tr></thead><tbody>");
		for (int dd = day_from_ymd(y0, 1, 1); dd <= day_from_ymd(y1, 12, 31); dd++) {
			const char *why = calendar_day_off(&m->cal, dd);
			if (!why)
				continue;
			present_date(dd, a);
			buf_printf(&b, "<tr><th scope=\"row\">%s %s</th><td>%s</td></tr>", present_weekday(dd), a, why);
		}
		buf_puts(&b, "</tbody></table></div>");
	}
	/* what is not literally in the programme, and why we measure it so */
	buf_puts(&b, "<h2 id=\"afgeleid\">Wat we afleiden</h2><p>Niet alles staat letterlijk in het uitvoeringsprogramma. "
	             "Waar we iets hebben aangenomen, staat <span class=\"afgeleid\">(afgeleid)</span> of "
	             "<strong>Afgeleid</strong>, met de reden. Hier staan ze allemaal.</p>");
	buf_puts(&b, "<h3>Regels die wij aannemen</h3><ul>");
	for (int i = 0; i < present_ninferences; i++) {
		buf_puts(&b, "<li><strong>");
		esc_html(&b, present_inferences[i].term);
		buf_puts(&b, ".</strong> ");
		esc_html(&b, present_inferences[i].meaning);
		buf_puts(&b, "</li>");
	}
	buf_puts(&b, "</ul>");
	int nder = 0;
	for (size_t i = 0; i < m->nkpis; i++) {
		const kpi_t *k = m->kpis[i];
		if (!k->def.afgeleid)
			continue;
		if (!nder++)
			buf_puts(&b, "<h3>KPI's en hun doelen</h3><ul>");
		char *href = page_href(k->page);
		buf_printf(&b, "<li><a href=\"%s#kpi-%s\">", href, k->def.id);
		esc_html(&b, k->def.naam);
		buf_puts(&b, "</a>: ");
		esc_html(&b, k->def.afgeleid);
		buf_puts(&b, "</li>");
		free(href);
	}
	if (nder)
		buf_puts(&b, "</ul>");
	/* owners and milestones, per action or team goal */
	int nown = 0;
	for (size_t i = 0; i < m->npages; i++) {
		const page_t *p = m->pages[i];
		int any = p->eigenaar_afgeleid != NULL;
		for (size_t j = 0; j < p->nms; j++)
			any |= p->ms[j].afgeleid != NULL;
		if (!any)
			continue;
		if (!nown++)
			buf_puts(&b, "<h3>Eigenaars en mijlpalen</h3><ul>");
		char *href = page_href(p);
		buf_printf(&b, "<li><a href=\"%s\">", href);
		free(href);
		esc_html(&b, p->titel);
		buf_puts(&b, "</a><ul>");
		if (p->eigenaar_afgeleid) {
			buf_puts(&b, "<li>Eigenaar ");
			esc_html(&b, p->eigenaar);
			buf_puts(&b, ": ");
			esc_html(&b, p->eigenaar_afgeleid);
			buf_puts(&b, "</li>");
		}
		/* milestones with the same reason together: "4 mijlpalen (1e tot en met 4e kwartaal)" */
		for (size_t j = 0; j < p->nms; j++) {
			const char *why = p->ms[j].afgeleid;
			size_t same = 0, last = j;
			int seen = 0;
			for (size_t q = 0; q < p->nms; q++)
				if (str_eq(p->ms[q].afgeleid, why)) {
					seen |= q < j;
					same++;
					last = q;
				}
			if (!why || seen)
				continue;
			char when[40], until[40];
			present_when(&p->ms[j], when);
			present_when(&p->ms[last], until);
			if (same == 1) {
				buf_puts(&b, "<li>Mijlpaal ");
				esc_html(&b, when);
				buf_puts(&b, ", ‘");
				esc_html(&b, p->ms[j].wat);
				buf_puts(&b, "’: ");
			} else if (!strcmp(when, until)) {
				buf_printf(&b, "<li>%zu mijlpalen, %s: ", same, when);
			} else {
				buf_printf(&b, "<li>%zu mijlpalen, %s tot en met %s: ", same, when, until);
			}
			esc_html(&b, why);
			buf_puts(&b, "</li>");
		}
		buf_puts(&b, "</ul></li>");
	}
	if (nown)
		buf_puts(&b, "</ul>");
	/* the abbreviations the content explains */
	if (m->nabbrevs) {
		buf_puts(&b, "<h2 id=\"afkortingen\">Afkortingen</h2><dl class=\"begrippen\">");
		for (size_t i = 0; i < m->nabbrevs; i++) {
			/* an <abbr> without a title: the meaning stands beside it, and the page's own
			 * first use elsewhere is the one marked */
			buf_puts(&b, "<dt><abbr>");
			esc_html(&b, m->abbrevs[i].term);
			buf_puts(&b, "</abbr></dt><dd>");
			esc_html(&b, m->abbrevs[i].full);
			buf_puts(&b, "</dd>");
		}
		buf_puts(&b, "</dl>");
	}
	/* the programme's own B1 measure applied to its own text */
	b1_stats all = {0};
	int npages = 0;
	b1_stats *stats = xcalloc(m->npages + 1, sizeof *stats);
	for (size_t i = 0; i < m->npages; i++) {
		b1_page_stats(m->pages[i], &stats[i]);
		npages += stats[i].sentences > 0;
	}
	if (npages) {
		buf_printf(&b, "<h2 id=\"taal\">Duidelijke taal in het programma</h2><p>Het programma wil dat 80%% van onze "
		               "communicatie in duidelijke taal is (B1). Korte zinnen horen daarbij: zinnen van ten hoogste %d "
		               "woorden. Zo vaak doet de tekst van het programma dat zelf.</p>",
		           B1_SHORT);
		table_open(s, &b);
		buf_printf(&b, "Zinnen van ten hoogste %d woorden, per pagina</caption><thead><tr><th scope=\"col\">Pagina</th>"
		               "<th scope=\"col\">Zinnen</th><th scope=\"col\">Ten hoogste %d woorden</th>"
		               "<th scope=\"col\">Meer dan %d woorden</th></tr></thead><tbody>",
		           B1_SHORT, B1_SHORT, B1_LONG);
		for (size_t i = 0; i <= m->npages; i++) {
			b1_stats st;
			if (i < m->npages) {
				st = stats[i];
				if (!st.sentences)
					continue;
				all.sentences += st.sentences;
				all.short_ones += st.short_ones;
				all.long_ones += st.long_ones;
				char *href = page_href(m->pages[i]);
				buf_printf(&b, "<tr><th scope=\"row\" class=\"tekst\"><a href=\"%s\">", href);
				free(href);
				esc_html(&b, m->pages[i]->titel);
				buf_puts(&b, "</a></th>");
			} else {
				st = all;
				buf_puts(&b, "<tr class=\"totaal\"><th scope=\"row\">Alles samen</th>");
			}
			char pct[64];
			present_value_short(EENHEID_PROCENT, 100.0 * st.short_ones / st.sentences, pct);
			buf_printf(&b, "<td class=\"getal\">%d</td><td class=\"getal\">%s</td><td class=\"getal\">%d</td></tr>",
			           st.sentences, pct, st.long_ones);
		}
		buf_puts(&b, "</tbody></table></div>");
	}
	free(stats);
	/* what is not shown, and why */
	int nsup = 0;
	for (size_t i = 0; i < m->nkpis; i++) {
		const kpi_t *k = m->kpis[i];
		for (size_t q = 0; q <= k->res.ngroups; q++) {
			const series_t *ser = q == 0 ? &k->res.total : &k->res.groups[q - 1];
			for (size_t c = 0; c < ser->ncells; c++) {
				if (!ser->cells[c].suppressed)
					continue;
				if (!nsup++) {
					buf_puts(&b, "<h2>Niet getoond</h2><p>Gemiddelden van minder antwoorden dan het minimum "
					             "(meestal 10) tonen we nergens: ze zeggen te weinig en kunnen iets over één persoon "
					             "verraden. Het gaat om:</p><ul>");
				}
				char p[40];
				present_period(k->def.per, ser->first_key + (int)c, p);
				buf_puts(&b, "<li>");
				esc_html(&b, k->def.naam);
				buf_puts(&b, ": ");
				esc_html(&b, ser->name);
				buf_printf(&b, ", %s (minder dan %ld)</li>", p, k->def.minimum);
			}
		}
	}
	if (nsup)
		buf_puts(&b, "</ul>");
	md_html(m->definities, 0, "", &b);
	if (!md_is_empty(m->definities_tech)) {
		buf_puts(&b, "<h2 id=\"techniek\">Technische toelichting</h2>");
		md_html(m->definities_tech, 0, "", &b);
	}
	write_page(s, "bronnen.html", "Bronnen en definities", b.s);
	buf_free(&b);
}

static void downloads_page(sctx *s)
{
	const model_t *m = s->m;
	buf_t b = {0};
	char size[64];
	buf_puts(&b, "<h1>Downloads</h1><ul class=\"lijst\">");
	file_size(s, s->rc->pdf_name, size);
	buf_printf(&b, "<li><a href=\"%s\">Raadsrapportage %d</a> (PDF, %s): het jaarrapport voor de raad, "
	               "ook te lezen met een schermlezer.</li>",
	           s->rc->pdf_name, m->report_year, size);
	file_size(s, s->rc->xlsx_name, size);
	char per[40];
	present_period(PER_KWARTAAL, m->mt_quarter, per);
	buf_printf(&b, "<li><a href=\"%s\">MT-rapportage %s</a> (Excel, %s): per KPI de cijfers, een grafiek met de "
	               "doelen en de status.</li>", s->rc->xlsx_name, per, size);
	if (m->report_month >= 0)
		for (size_t i = 0; i < m->nkpis; i++) {
			const kpi_t *k = m->kpis[i];
			if (!k->def.maandrapportage)
				continue;
			char *name = xlsx_month_name(k, m->report_month), month[40];
			present_period(PER_MAAND, m->report_month, month);
			file_size(s, name, size);
			buf_printf(&b, "<li><a href=\"%s\">Maandrapportage ", name);
			esc_html(&b, k->def.naam);
			buf_printf(&b, ", %s</a> (Excel, %s): deze maand en de laatste twaalf maanden per %s.</li>", month, size,
			           k->def.groep ? k->def.groep : "maand");
			free(name);
		}
	buf_puts(&b, "</ul>");
	if (m->neditions || m->record)
		buf_puts(&b, "<p><a href=\"edities.html\">Eerdere edities</a>: wat er op elke peildatum is gepubliceerd.</p>");
	buf_puts(&b, "<h2>Alle cijfers als CSV</h2><p>Elk bestand is UTF-8 met ; als scheidingsteken en een komma als decimaalteken, "
	             "zodat Excel het goed opent.");
	if (m->voorbeelddata)
		buf_puts(&b, " <strong>Let op: ook deze bestanden bevatten voorbeelddata, geen echte cijfers.</strong>");
	buf_puts(&b, "</p><ul class=\"lijst\">");
	for (size_t i = 0; i < m->nkpis; i++) {
		char *href = opendata_href(m->kpis[i]);
		file_size(s, href, size);
		buf_printf(&b, "<li><a href=\"%s\">", href);
		esc_html(&b, m->kpis[i]->def.naam);
		buf_printf(&b, " (CSV, %s)</a></li>", size);
		free(href);
	}
	buf_puts(&b, "</ul>");
	file_size(s, "data/datapackage.json", size);
	buf_printf(&b, "<p>Voor wie de bestanden met een programma inleest: <a href=\"data/datapackage.json\">de beschrijving "
	               "van alle bestanden</a> (JSON, %s) noemt per kolom wat erin staat, het type en de eenheid. Het is een "
	               "Frictionless Data Package.</p>",
	           size);
	write_page(s, "downloads.html", "Downloads", b.s);
	buf_free(&b);
}

/* A file of the theme (style.css, a logo) copied into the output as is. */
static int copy_asset(sctx *s, const char *name)
{
	char *from = path_join(s->rc->themedir, name);
	char *data;
	size_t len;
	if (read_file(from, 16 * 1024 * 1024, &data, &len) != 0) {
		diag(s->rc->out->d, DIAG_ERROR, from, 0, 0, "kan het bestand niet lezen: het %s", file_problem(errno));
		free(from);
		return -1;
	}
	int rv = out_write(s->rc->out, name, data, len);
	free(data);
	free(from);
	return rv;
}

int site_render(const model_t *m, const render_ctx *rc)
{
	sctx s = {m, rc, NULL, 0, 0, {0}};
	s.layout = rc->layout;
	abbrev_set_init(&s.abbrevs, m->abbrevs, m->nabbrevs);
	static const char *const dirs[] = {"acties", "teams", "themas"};
	for (int i = 0; i < 3; i++)
		if (out_mkdir(rc->out, dirs[i]) != 0)
			s.failed = 1;
	/* the theme's assets (style.css, a logo, ...) go along; its settings do not */
	for (size_t i = 0; i < rc->nassets && !s.failed; i++)
		if (copy_asset(&s, rc->assets[i]) != 0)
			s.failed = 1;
	/* the images of the content's text, checked by the loader */
	if (m->nimages && out_mkdir(rc->out, "afbeeldingen") != 0)
		s.failed = 1;
	for (size_t i = 0; i < m->nimages && !s.failed; i++) {
		char *rel = xasprintf("afbeeldingen/%s", m->images[i].rel);
		for (char *q = strchr(rel + 13, '/'); q && !s.failed; q = strchr(q + 1, '/')) {
			*q = '\0';
			s.failed = out_mkdir(rc->out, rel) != 0;
			*q = '/';
		}
		if (!s.failed && out_write(rc->out, rel, m->images[i].bytes, m->images[i].len) != 0)
			s.failed = 1;
		free(rel);
	}
	if (!s.failed) {
		index_page(&s);
		list_pages(&s);
		theme_pages(&s);
		programme_page(&s);
		sources_page(&s);
		editions_page(&s);
		for (size_t i = 0; i < m->npages && !s.failed; i++)
			if (m->pages[i]->soort == SOORT_ACTIE || m->pages[i]->soort == SOORT_TEAMDOEL)
				page_detail(&s, m->pages[i]);
	}
	return s.failed ? -1 : 0;
}

int site_downloads(const model_t *m, const render_ctx *rc)
{
	sctx s = {m, rc, rc->layout, 0, 0, {0}};
	abbrev_set_init(&s.abbrevs, m->abbrevs, m->nabbrevs);
	downloads_page(&s);
	return s.failed ? -1 : 0;
}
