/* site.c - the static HTML dashboard: relative links only, no JavaScript, no external
 * requests; every string from content or data is escaped (escape.c, template.c). */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/date.h"
#include "base/escape.h"
#include "base/fmt.h"
#include "load/data.h"
#include "model/table.h"
#include "model/markdown.h"
#include "model/chart.h"
#include "render/render.h"
#include "render/svg.h"
#include "render/template.h"
#include "base/util.h"

extern const char definities_md[];

typedef struct {
	const model_t *m;
	const render_ctx *rc;
	const char *outdir;
	char *layout;
	diag_t *d;
	int failed;
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
};

static void write_page(sctx *s, const char *rel, const char *title, const char *body)
{
	const char *root = strchr(rel, '/') ? "../" : "";
	buf_t nav = {0};
	buf_puts(&nav, "<ul>");
	for (size_t i = 0; i < sizeof nav_items / sizeof *nav_items; i++) {
		const char *h = nav_items[i].href;
		int cur = !strcmp(h, rel) || (strchr(h, '/') && !strncmp(h, rel, (size_t)(strchr(h, '/') - h + 1)));
		buf_printf(&nav, "<li><a href=\"%s%s\"%s>%s</a></li>", root, h,
		           cur ? " aria-current=\"page\"" : "", nav_items[i].label);
	}
	buf_puts(&nav, "</ul>");
	buf_t banner = {0};
	if (s->m->voorbeelddata)
		buf_puts(&banner, "<p class=\"voorbeeld\" role=\"note\"><strong>Voorbeelddata.</strong> "
		                  "Deze cijfers zijn verzonnen om het dashboard te laten zien. Het zijn geen echte metingen.</p>");
	char day[32];
	date_long(s->m->peildatum, day);
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
			diag(s->d, DIAG_ERROR, "layout.html", 0, 0,
			     "onbekende of niet afgesloten naam bij teken %zu; bekend zijn: titel, gemeente, root, peildatum, navigatie, voorbeelddata, inhoud",
			     bad + 1);
		s->failed = 1;
	} else {
		char *path = path_join(s->outdir, rel);
		if (write_file(path, out.s, out.len) != 0) {
			diag(s->d, DIAG_ERROR, path, 0, 0, "kan het bestand niet schrijven (%s)", strerror(errno));
			s->failed = 1;
		}
		free(path);
	}
	buf_free(&out);
	buf_free(&nav);
	buf_free(&banner);
}

/* Opens a table in a scrollable region that keyboard users can reach, named by the caption. */
static void table_open(buf_t *b)
{
	static unsigned n;
	n++;
	buf_printf(b, "<div class=\"tabel\" tabindex=\"0\" role=\"region\" aria-labelledby=\"tb%u\"><table><caption id=\"tb%u\">",
	           n, n);
}

static void status_badge(buf_t *b, kpi_status st)
{
	static const char *const cls[] = {"behaald", "opkoers", "risico", "achter", "geen", "geen"};
	buf_printf(b, "<span class=\"status status-%s\"><span aria-hidden=\"true\">%s</span> %s</span>",
	           cls[st], kpi_status_icon[st], kpi_status_word[st]);
}

static void ms_badge(buf_t *b, ms_status st)
{
	static const char *const cls[] = {"gereed", "loopt", "telaat", "gepland"};
	static const char *const icon[] = {"✔", "➚", "✖", "○"};
	buf_printf(b, "<span class=\"status ms-%s\"><span aria-hidden=\"true\">%s</span> %s</span>", cls[st],
	           icon[st], ms_status_word[st]);
}

/* One cell of a KPI table: a row header (periods as "okt 2024") or a data cell. */
static void table_cell(buf_t *b, const kt_table *t, size_t r, int c, int row_header)
{
	const kt_cell *cell = kt_at(t, r, c);
	if (row_header) {
		char txt[32];
		per_t per;
		int key;
		if (t->cols[c].kind == KT_PERIOD && period_parse(cell->text, strlen(cell->text), &per, &key) == 0)
			period_short(per, key, txt);
		else
			snprintf(txt, sizeof txt, "%s", "");
		buf_puts(b, "<th scope=\"row\">");
		esc_html(b, txt[0] ? txt : cell->text);
		buf_puts(b, "</th>");
		return;
	}
	int num = t->cols[c].kind != KT_TEXT;
	buf_puts(b, num ? "<td class=\"getal\">" : "<td>");
	esc_html(b, cell->empty && num ? "–" : cell->text);
	buf_puts(b, "</td>");
}

/* The body of a KPI table after its caption: column `skip` left out, only the rows whose
 * column `match_col` reads `match`, column `head_col` as the row header. */
static void kt_html(buf_t *b, const kt_table *t, int skip, int match_col, const char *match, int head_col)
{
	buf_puts(b, "</caption><thead><tr>");
	for (int c = 0; c < t->ncols; c++) {
		if (c == skip)
			continue;
		buf_puts(b, "<th scope=\"col\">");
		esc_html(b, t->cols[c].label);
		buf_puts(b, "</th>");
	}
	buf_puts(b, "</tr></thead><tbody>");
	for (size_t r = 0; r < t->nrows; r++) {
		if (match_col >= 0 && strcmp(kt_at(t, r, match_col)->text, match) != 0)
			continue;
		buf_puts(b, "<tr>");
		for (int c = 0; c < t->ncols; c++)
			if (c != skip)
				table_cell(b, t, r, c, c == head_col);
		buf_puts(b, "</tr>");
	}
	buf_puts(b, "</tbody></table></div>");
}

static void kpi_table(buf_t *b, const kpi_t *k, const char *root, int totals_only)
{
	kt_table t;
	kt_build(k, &t);
	table_open(b);
	esc_html(b, k->naam);
	if (totals_only && k->groep)
		buf_puts(b, " (hele organisatie)");
	int only_total = totals_only && t.group_col >= 0;
	kt_html(b, &t, only_total ? t.group_col : -1, only_total ? t.group_col : -1, "Totaal", t.period_col);
	char *href = opendata_href(k);
	buf_printf(b, "<p class=\"download\"><a href=\"%s%s\">Alle cijfers van deze KPI", root, href);
	if (k->groep) {
		buf_puts(b, " per ");
		esc_html(b, k->groep);
	}
	buf_puts(b, " (CSV)</a></p>");
	free(href);
	kt_free(&t);
}

/* One row per group for one period: the table beside the bar chart. */
static void group_table(buf_t *b, const kpi_t *k, int key)
{
	kt_table t;
	kt_build(k, &t);
	char p[40], code[32];
	period_text(k->per, key, p);
	period_code(k->per, key, code);
	table_open(b);
	esc_html(b, k->naam);
	buf_puts(b, " per ");
	esc_html(b, k->groep);
	buf_printf(b, ", %s", p);
	kt_html(b, &t, t.period_col, t.period_col, code, t.group_col);
	kt_free(&t);
}

static void kpi_block(buf_t *b, const kpi_t *k, const char *root, int level)
{
	buf_printf(b, "<section class=\"kpi\" id=\"kpi-%s\"><h%d>", k->id, level);
	esc_html(b, k->naam);
	buf_printf(b, "</h%d><p>", level);
	status_badge(b, k->status);
	buf_puts(b, "</p><p>");
	esc_html(b, k->reason);
	buf_puts(b, ".</p>");
	if (k->omschrijving) {
		buf_puts(b, "<p class=\"uitleg\">");
		esc_html(b, k->omschrijving);
		buf_puts(b, "</p>");
	}
	char id[160];
	snprintf(id, sizeof id, "g-%s-trend", k->id);
	chart_t *c = chart_trend(k, NULL, id);
	svg_chart(c, b);
	chart_free(c);
	kpi_table(b, k, root, 1);
	if (k->groep && k->has_cur) {
		snprintf(id, sizeof id, "g-%s-groep", k->id);
		c = chart_groups(k, k->cur_key, id);
		svg_chart(c, b);
		chart_free(c);
		group_table(b, k, k->cur_key);
	}
	buf_puts(b, "</section>");
}

static void tile(buf_t *b, const model_t *m, const kpi_t *k, const char *root)
{
	char v[64], per[40];
	char *href = page_href(k->page);
	buf_puts(b, "<li class=\"tegel\"><h3>");
	buf_printf(b, "<a href=\"%s%s#kpi-%s\">", root, href, k->id);
	esc_html(b, k->naam);
	buf_puts(b, "</a></h3>");
	free(href);
	if (k->has_cur) {
		kpi_fmt_value(k, k->cur, v);
		period_text(k->per, k->cur_key, per);
		buf_puts(b, "<p class=\"waarde\">");
		esc_html(b, v);
		buf_puts(b, " <span class=\"periode\">");
		esc_html(b, per);
		buf_puts(b, "</span></p>");
		/* change since the previous period, in the unit's own terms */
		if (k->has_change) {
			double d = k->change;
			char dv[64], pp[40];
			period_text(k->per, k->cur_key - 1, pp);
			if (k->eenheid == EENHEID_PROCENT) {
				fmt_num(fabs(d), 1, dv);
				strcat(dv, " procentpunt");
			} else {
				kpi_fmt_value(k, fabs(d), dv);
			}
			int better = k->lager ? d < 0 : d > 0;
			buf_printf(b, "<p class=\"verschil\">%s %s %s dan in %s</p>",
			           fabs(d) < 1e-9 ? "Gelijk" : d > 0 ? "Hoger:" : "Lager:",
			           fabs(d) < 1e-9 ? "" : dv,
			           fabs(d) < 1e-9 ? "aan" : better ? "(beter)" : "(slechter)", pp);
		}
	}
	const target_t *t = kpi_target_at(k, m->peildatum);
	if (t) {
		char td[40];
		kpi_fmt_value(k, t->waarde, v);
		kpi_fmt_target_date(t->datum, td);
		buf_printf(b, "<p class=\"doel\">Doel %s: %s %s</p>", td, kpi_bound_word(k), v);
	}
	buf_puts(b, "<p>");
	status_badge(b, k->status);
	buf_puts(b, "</p></li>");
}

/* Groups that meet their norm in the latest period ("wat gaat al goed"). */
static void going_well(buf_t *b, const model_t *m)
{
	int any = 0;
	for (size_t i = 0; i < m->nkpis; i++) {
		const kpi_t *k = m->kpis[i];
		if (k->maat != MAAT_GEMIDDELDE || !k->has_norm || !k->groep || !k->has_cur)
			continue;
		for (size_t g = 0; g < k->ngroups; g++) {
			const cell_t *c = series_cell(&k->groups[g], k->cur_key);
			if (!c || !c->has_value || (k->lager ? round(c->value * 10) / 10 > k->norm
			                                     : round(c->value * 10) / 10 < k->norm))
				continue;
			if (!any++) {
				char p[40], nv[64];
				period_text(k->per, k->cur_key, p);
				kpi_fmt_value(k, k->norm, nv);
				buf_printf(b, "<section><h2>Wat gaat al goed</h2><p>Deze producten en diensten halen in %s de norm van %s:</p><ul class=\"lijst\">",
				           p, nv);
			}
			char v[64];
			kpi_fmt_value(k, c->value, v);
			buf_puts(b, "<li>");
			esc_html(b, k->groups[g].name);
			buf_printf(b, ": %s</li>", v);
		}
		if (any)
			break;
	}
	if (any)
		buf_puts(b, "</ul></section>");
}

static void milestones_table(buf_t *b, const model_t *m, const page_t *p)
{
	char day[32];
	date_long(m->peildatum, day);
	table_open(b);
	buf_printf(b, "Wanneer, wat, en de stand op %s</caption><thead><tr>", day);
	buf_puts(b, ""
	            "<th scope=\"col\">Wanneer</th><th scope=\"col\">Mijlpaal</th><th scope=\"col\">Status</th>"
	            "</tr></thead><tbody>");
	for (size_t i = 0; i < p->nms; i++) {
		buf_puts(b, "<tr><th scope=\"row\">");
		esc_html(b, p->ms[i].when);
		buf_puts(b, "</th><td>");
		esc_html(b, p->ms[i].wat);
		buf_puts(b, "</td><td>");
		ms_badge(b, p->ms[i].status);
		buf_puts(b, "</td></tr>");
	}
	buf_puts(b, "</tbody></table></div>");
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
	if (p->eigenaar) {
		buf_puts(&b, "<p class=\"eigenaar\">Eigenaar: ");
		esc_html(&b, p->eigenaar);
		buf_puts(&b, "</p>");
	}
	if (p->samenvatting) {
		buf_puts(&b, "<p class=\"samenvatting\">");
		esc_html(&b, p->samenvatting);
		buf_puts(&b, "</p>");
	}
	md_html(p->body, 1, &b);
	int smart = 0;
	for (int i = 0; i < SMART_N; i++)
		smart |= p->smart[i] != NULL;
	if (smart) {
		buf_puts(&b, "<section><h2>Het doel, SMART</h2>");
		for (int i = 0; i < SMART_N; i++) {
			if (!p->smart[i])
				continue;
			buf_printf(&b, "<h3>%s</h3>", smart_names[i]);
			md_html(p->smart[i], 3, &b);
		}
		buf_puts(&b, "</section>");
	}
	int amb = 0;
	for (int i = 0; i < AMB_N; i++)
		amb |= p->amb[i] != NULL;
	if (amb) {
		buf_puts(&b, "<section><h2>Bijdrage aan de ambities</h2>");
		for (int i = 0; i < AMB_N; i++) {
			if (!p->amb[i])
				continue;
			buf_printf(&b, "<h3>%s</h3>", ambition_titles[i]);
			md_html(p->amb[i], 3, &b);
		}
		buf_puts(&b, "</section>");
	}
	if (p->nms) {
		buf_puts(&b, "<section><h2>Mijlpalen</h2>");
		milestones_table(&b, s->m, p);
		buf_puts(&b, "</section>");
	}
	if (p->nkpis) {
		buf_puts(&b, "<section><h2>Meting</h2>");
		for (size_t i = 0; i < p->nkpis; i++)
			kpi_block(&b, p->kpis[i], root, 3);
		buf_puts(&b, "</section>");
	}
	char *href = page_href(p);
	write_page(s, href, p->titel, b.s);
	free(href);
	buf_free(&b);
}

static void page_list(buf_t *b, const model_t *m, soort_t soort, const char *root)
{
	buf_puts(b, "<ul class=\"lijst\">");
	for (size_t i = 0; i < m->npages; i++) {
		const page_t *p = m->pages[i];
		if (p->soort != soort)
			continue;
		char *href = page_href(p);
		buf_printf(b, "<li><a href=\"%s%s\">", root, href);
		esc_html(b, p->titel);
		buf_puts(b, "</a>");
		free(href);
		if (p->eigenaar) {
			buf_puts(b, " <span class=\"eigenaar\">(");
			esc_html(b, p->eigenaar);
			buf_puts(b, ")</span>");
		}
		if (p->nms) {
			int n[4] = {0};
			for (size_t j = 0; j < p->nms; j++)
				n[p->ms[j].status]++;
			buf_printf(b, "<br><span class=\"voortgang\">Mijlpalen: %d gereed, %d loopt, %d te laat, %d gepland</span>",
			           n[0], n[1], n[2], n[3]);
		}
		buf_puts(b, "</li>");
	}
	buf_puts(b, "</ul>");
}

/* All groups of a KPI over time in one table: periods down, groups across. */
static void wide_table(buf_t *b, const kpi_t *k)
{
	int lo = 0, hi = -1;
	for (size_t g = 0; g < k->ngroups; g++) {
		const series_t *s = &k->groups[g];
		if (!s->ncells)
			continue;
		if (hi < lo || s->first_key < lo)
			lo = s->first_key;
		if (s->first_key + (int)s->ncells - 1 > hi)
			hi = s->first_key + (int)s->ncells - 1;
	}
	if (hi < lo)
		return;
	static const char *const per_word[] = {"Maand", "Kwartaal", "Jaar"};
	table_open(b);
	esc_html(b, k->naam);
	buf_puts(b, " per ");
	esc_html(b, k->groep);
	buf_printf(b, "</caption><thead><tr><th scope=\"col\">%s</th>", per_word[k->per]);
	for (size_t g = 0; g < k->ngroups; g++) {
		buf_puts(b, "<th scope=\"col\">");
		esc_html(b, k->groups[g].name);
		buf_puts(b, "</th>");
	}
	buf_puts(b, "</tr></thead><tbody>");
	for (int key = lo; key <= hi; key++) {
		char p[32];
		period_short(k->per, key, p);
		buf_printf(b, "<tr><th scope=\"row\">%s</th>", p);
		for (size_t g = 0; g < k->ngroups; g++) {
			const cell_t *c = series_cell(&k->groups[g], key);
			char v[64] = "–";
			if (c && c->has_value)
				kpi_fmt_value(k, c->value, v);
			else if (c && c->suppressed)
				strcpy(v, "niet getoond");
			buf_printf(b, "<td class=\"getal\">%s</td>", v);
		}
		buf_puts(b, "</tr>");
	}
	buf_puts(b, "</tbody></table></div>");
}

static void theme_pages(sctx *s)
{
	const model_t *m = s->m;
	buf_t idx = {0}, b = {0}, slug = {0};
	buf_puts(&idx, "<h1>Thema's</h1><p>Per thema alle cijfers, ook per team, kanaal of product.</p><ul class=\"lijst\">");
	for (size_t i = 0; i < m->nkpis; i++) {
		const kpi_t *k = m->kpis[i];
		if (!k->thema)
			continue;
		int seen = 0;
		for (size_t j = 0; j < i; j++)
			seen |= str_eq(m->kpis[j]->thema, k->thema);
		if (seen)
			continue;
		buf_reset(&slug);
		esc_slug(&slug, k->thema);
		buf_printf(&idx, "<li><a href=\"%s.html\">", slug.s);
		esc_html(&idx, k->thema);
		buf_puts(&idx, "</a></li>");
		buf_reset(&b);
		buf_puts(&b, "<nav class=\"kruimel\" aria-label=\"Kruimelpad\"><a href=\"../index.html\">Overzicht</a> › "
		             "<a href=\"index.html\">Thema's</a></nav><h1>");
		esc_html(&b, k->thema);
		buf_puts(&b, "</h1>");
		for (size_t j = i; j < m->nkpis; j++) {
			const kpi_t *q = m->kpis[j];
			if (!str_eq(q->thema, k->thema))
				continue;
			kpi_block(&b, q, "../", 2);
			char *href = page_href(q->page);
			buf_printf(&b, "<p>Hoort bij: <a href=\"../%s\">", href);
			esc_html(&b, q->page->titel);
			buf_puts(&b, "</a></p>");
			free(href);
			if (!q->groep || q->ngroups < 2)
				continue;
			buf_puts(&b, "<h3>Per ");
			esc_html(&b, q->groep);
			buf_puts(&b, "</h3><div class=\"klein\">");
			for (size_t g = 0; g < q->ngroups; g++) {
				char id[200];
				snprintf(id, sizeof id, "g-%s-%zu", q->id, g);
				chart_t *c = chart_trend(q, &q->groups[g], id);
				svg_chart(c, &b);
				chart_free(c);
			}
			buf_puts(&b, "</div>");
			wide_table(&b, q);
		}
		char *rel = xasprintf("themas/%s.html", slug.s);
		write_page(s, rel, k->thema, b.s);
		free(rel);
	}
	buf_puts(&idx, "</ul>");
	write_page(s, "themas/index.html", "Thema's", idx.s);
	buf_free(&idx);
	buf_free(&b);
	buf_free(&slug);
}

static void file_size(const char *path, char *out)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		strcpy(out, "?");
		return;
	}
	char n[48];
	if (st.st_size >= 1024 * 1024) {
		fmt_num((double)st.st_size / (1024.0 * 1024.0), 1, n);
		snprintf(out, 64, "%s MB", n);
	} else {
		fmt_num((double)(st.st_size + 1023) / 1024.0, 0, n);
		snprintf(out, 64, "%s kB", n);
	}
}

static void index_page(sctx *s)
{
	const model_t *m = s->m;
	buf_t b = {0};
	char day[32];
	date_long(m->peildatum, day);
	buf_puts(&b, "<h1>Dienstverlening in ");
	esc_html(&b, m->gemeente);
	buf_puts(&b, "</h1><p class=\"intro\">Hoe staat onze dienstverlening ervoor? Op deze pagina ziet u de "
	             "belangrijkste cijfers van het uitvoeringsprogramma Excellente dienstverlening. "
	             "Ons doel: inwoners, ondernemers en instellingen geven ons in 2027 een 8.</p>");
	buf_printf(&b, "<p>Stand op <strong>%s</strong>.</p>", day);
	const kpi_t *top = m->uitgelicht ? model_find_kpi(m, m->uitgelicht) : m->nkpis ? m->kpis[0] : NULL;
	if (top) {
		buf_puts(&b, "<section><h2>");
		esc_html(&b, top->naam);
		buf_puts(&b, "</h2><p>");
		status_badge(&b, top->status);
		buf_puts(&b, " ");
		esc_html(&b, top->reason);
		buf_puts(&b, ".</p>");
		chart_t *c = chart_trend(top, NULL, "g-uitgelicht");
		svg_chart(c, &b);
		chart_free(c);
		buf_puts(&b, "</section>");
	}
	going_well(&b, m);
	buf_puts(&b, "<section><h2>KPI's van de hele organisatie</h2><ul class=\"tegels\">");
	for (size_t i = 0; i < m->nkpis; i++)
		if (m->kpis[i]->page->soort == SOORT_ACTIE)
			tile(&b, m, m->kpis[i], "");
	buf_puts(&b, "</ul></section><section><h2>Acties</h2>");
	page_list(&b, m, SOORT_ACTIE, "");
	buf_puts(&b, "</section><section><h2>Doelen per team</h2><ul class=\"tegels\">");
	for (size_t i = 0; i < m->nkpis; i++)
		if (m->kpis[i]->page->soort == SOORT_TEAMDOEL)
			tile(&b, m, m->kpis[i], "");
	buf_puts(&b, "</ul><p><a href=\"teams/index.html\">Alle doelen per team</a></p></section>");
	write_page(s, "index.html", "Overzicht", b.s);
	buf_free(&b);
}

static void list_pages(sctx *s)
{
	const model_t *m = s->m;
	buf_t b = {0};
	buf_puts(&b, "<h1>Acties voor de hele organisatie</h1>");
	page_list(&b, m, SOORT_ACTIE, "../");
	write_page(s, "acties/index.html", "Acties", b.s);
	buf_reset(&b);
	buf_puts(&b, "<h1>Dienstverlening is van ons allemaal – doelen per team</h1>");
	page_list(&b, m, SOORT_TEAMDOEL, "../");
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
	for (size_t i = 0; i < s->m->npages; i++) {
		const page_t *p = s->m->pages[i];
		if (p->soort != SOORT_PROGRAMMA)
			continue;
		buf_printf(&b, "<section id=\"%s\"><h2>", p->slug);
		esc_html(&b, p->titel);
		buf_puts(&b, "</h2>");
		md_html(p->body, 1, &b);
		buf_puts(&b, "</section>");
	}
	write_page(s, "programma.html", "Programma", b.s);
	buf_free(&b);
}

static void sources_page(sctx *s)
{
	const model_t *m = s->m;
	buf_t b = {0};
	char day[32], a[32], z[32], n[48];
	date_long(m->peildatum, day);
	buf_puts(&b, "<h1>Bronnen en definities</h1><h2>Peildatum</h2>");
	buf_printf(&b, "<p>Alle cijfers gaan over de stand op <strong>%s</strong>. ", day);
	if (!strcmp(m->peildatum_bron, "gegevens"))
		buf_puts(&b, "Dat is de laatste datum in de gegevens.</p>");
	else if (!strcmp(m->peildatum_bron, "instelling"))
		buf_puts(&b, "Die datum staat in de instellingen van het programma.</p>");
	else
		buf_puts(&b, "Die datum is bij het maken van het dashboard opgegeven.</p>");
	buf_puts(&b, "<h2>Gegevensbestanden</h2>");
	table_open(&b);
	buf_puts(&b, "Gelezen bestanden</caption>"
	             "<thead><tr><th scope=\"col\">Bestand</th><th scope=\"col\">Regels</th>"
	             "<th scope=\"col\">Van</th><th scope=\"col\">Tot en met</th><th scope=\"col\">Opmerking</th></tr></thead><tbody>");
	for (size_t i = 0; i < m->nfiles; i++) {
		const datafile_t *f = &m->files[i];
		if (!f->used)
			continue;
		buf_puts(&b, "<tr><th scope=\"row\">");
		esc_html(&b, f->name);
		fmt_num((double)f->rows, 0, n);
		buf_printf(&b, "</th><td class=\"getal\">%s</td>", n);
		if (f->first != DAY_NONE) {
			date_short(f->first, a);
			date_short(f->last, z);
			buf_printf(&b, "<td>%s</td><td>%s</td>", a, z);
		} else {
			buf_puts(&b, "<td>–</td><td>–</td>");
		}
		buf_printf(&b, "<td>%s</td></tr>", f->cp1252 ? "opgeslagen als Windows-1252 (Excel 'CSV'), omgezet" : "");
	}
	buf_puts(&b, "</tbody></table></div>");
	/* the working-day calendar of the years the data covers */
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
	if (y1 >= y0) {
		buf_printf(&b, "<h2>Werkdagen</h2><p>Voor termijnen in werkdagen tellen deze dagen niet mee, naast "
		               "zaterdag en zondag (%d tot en met %d):</p>", y0, y1);
		table_open(&b);
		buf_puts(&b, "Feestdagen en sluitingsdagen op een doordeweekse dag</caption><thead><tr>"
		             "<th scope=\"col\">Datum</th><th scope=\"col\">Dag</th></tr></thead><tbody>");
		static const char *const wd[] = {"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag"};
		for (int dd = day_from_ymd(y0, 1, 1); dd <= day_from_ymd(y1, 12, 31); dd++) {
			int w = day_weekday(dd);
			if (w >= 5)
				continue;
			const char *h = calendar_holiday(dd);
			int closed = 0;
			for (size_t i = 0; i < m->cal.nclosed; i++)
				closed |= m->cal.closed[i] == dd;
			if (!h && !closed)
				continue;
			date_long(dd, a);
			buf_printf(&b, "<tr><th scope=\"row\">%s %s</th><td>%s</td></tr>", wd[w], a,
			           h ? h : "extra sluitingsdag");
		}
		buf_puts(&b, "</tbody></table></div>");
	}
	/* what is not shown, and why */
	int nsup = 0;
	for (size_t i = 0; i < m->nkpis; i++) {
		const kpi_t *k = m->kpis[i];
		const series_t *all[1 + 64];
		size_t ns = 0;
		all[ns++] = &k->total;
		for (size_t g = 0; g < k->ngroups && ns < 65; g++)
			all[ns++] = &k->groups[g];
		for (size_t q = 0; q < ns; q++)
			for (size_t c = 0; c < all[q]->ncells; c++) {
				if (!all[q]->cells[c].suppressed)
					continue;
				if (!nsup++) {
					buf_puts(&b, "<h2>Niet getoond</h2><p>Gemiddelden van minder antwoorden dan het minimum "
					             "(meestal 10) tonen we nergens: ze zeggen te weinig en kunnen iets over één persoon "
					             "verraden. Het gaat om:</p><ul>");
				}
				char p[40];
				period_text(k->per, all[q]->first_key + (int)c, p);
				buf_puts(&b, "<li>");
				esc_html(&b, k->naam);
				buf_puts(&b, ": ");
				esc_html(&b, all[q]->name);
				buf_printf(&b, ", %s (minder dan %ld)</li>", p, k->minimum);
			}
	}
	if (nsup)
		buf_puts(&b, "</ul>");
	md_doc *defs = md_parse(definities_md, strlen(definities_md));
	md_html(defs, 0, &b);
	md_free(defs);
	write_page(s, "bronnen.html", "Bronnen en definities", b.s);
	buf_free(&b);
}

static void downloads_page(sctx *s)
{
	const model_t *m = s->m;
	buf_t b = {0};
	char size[64];
	buf_puts(&b, "<h1>Downloads</h1><ul class=\"lijst\">");
	char *pdf = path_join(s->outdir, s->rc->pdf_name);
	file_size(pdf, size);
	buf_printf(&b, "<li><a href=\"%s\">Raadsrapportage %d</a> (PDF, %s). "
	               "Deze pagina's zijn de toegankelijke versie van dit rapport.</li>",
	           s->rc->pdf_name, model_report_year(m), size);
	free(pdf);
	char *xlsx = path_join(s->outdir, s->rc->xlsx_name);
	file_size(xlsx, size);
	free(xlsx);
	char per[32];
	period_text(PER_KWARTAAL, period_of(PER_KWARTAAL, m->peildatum), per);
	buf_printf(&b, "<li><a href=\"%s\">MT-rapportage %s</a> (Excel, %s)</li></ul>", s->rc->xlsx_name, per, size);
	buf_puts(&b, "<h2>Alle cijfers als CSV</h2><p>Elk bestand is UTF-8 met ; als scheidingsteken en een komma als decimaalteken, "
	             "zodat Excel het goed opent.");
	if (m->voorbeelddata)
		buf_puts(&b, " <strong>Let op: ook deze bestanden bevatten voorbeelddata, geen echte cijfers.</strong>");
	buf_puts(&b, "</p><ul class=\"lijst\">");
	for (size_t i = 0; i < m->nkpis; i++) {
		char *href = opendata_href(m->kpis[i]);
		char *path = path_join(s->outdir, href);
		file_size(path, size);
		buf_printf(&b, "<li><a href=\"%s\">", href);
		esc_html(&b, m->kpis[i]->naam);
		buf_printf(&b, "</a> (CSV, %s)</li>", size);
		free(path);
		free(href);
	}
	buf_puts(&b, "</ul>");
	write_page(s, "downloads.html", "Downloads", b.s);
	buf_free(&b);
}

static int copy_file(sctx *s, const char *from, const char *to)
{
	char *data;
	size_t len;
	if (read_file(from, &data, &len) != 0) {
		diag(s->d, DIAG_ERROR, from, 0, 0, "kan het bestand niet lezen (%s)", strerror(errno));
		return -1;
	}
	int rv = write_file(to, data, len);
	if (rv != 0)
		diag(s->d, DIAG_ERROR, to, 0, 0, "kan het bestand niet schrijven (%s)", strerror(errno));
	free(data);
	return rv;
}

int site_render(const model_t *m, const render_ctx *rc, const char *outdir, diag_t *d)
{
	sctx s = {m, rc, outdir, NULL, d, 0};
	char *lp = path_join(rc->themedir, "layout.html");
	size_t len;
	if (read_file(lp, &s.layout, &len) != 0) {
		diag(d, DIAG_ERROR, lp, 0, 0, "kan de opmaak van het thema niet lezen (%s)", strerror(errno));
		free(lp);
		return -1;
	}
	free(lp);
	static const char *const dirs[] = {"acties", "teams", "themas"};
	for (int i = 0; i < 3; i++) {
		char *dp = path_join(outdir, dirs[i]);
		if (mkdir(dp, 0755) != 0 && errno != EEXIST) {
			diag(d, DIAG_ERROR, dp, 0, 0, "kan de map niet maken (%s)", strerror(errno));
			s.failed = 1;
		}
		free(dp);
	}
	/* the theme's assets (style.css, a logo, ...) go along; its settings do not */
	DIR *dh = opendir(rc->themedir);
	char **assets = NULL;
	size_t nassets = 0, cap = 0;
	struct dirent *de;
	while (dh && (de = readdir(dh))) {
		if (de->d_name[0] == '.' || !strcmp(de->d_name, "layout.html") || !strcmp(de->d_name, "thema.conf") ||
		    str_ends(de->d_name, ".md"))
			continue;
		assets = xgrow(assets, &cap, nassets, sizeof *assets);
		assets[nassets++] = xstrdup(de->d_name);
	}
	if (dh)
		closedir(dh);
	for (size_t i = 0; i < nassets; i++) {
		char *from = path_join(rc->themedir, assets[i]);
		char *to = path_join(outdir, assets[i]);
		struct stat st;
		if (!s.failed && stat(from, &st) == 0 && S_ISREG(st.st_mode) && copy_file(&s, from, to) != 0)
			s.failed = 1;
		free(from);
		free(to);
		free(assets[i]);
	}
	free(assets);
	if (!s.failed) {
		index_page(&s);
		list_pages(&s);
		theme_pages(&s);
		programme_page(&s);
		sources_page(&s);
		downloads_page(&s);
		for (size_t i = 0; i < m->npages && !s.failed; i++)
			if (m->pages[i]->soort == SOORT_ACTIE || m->pages[i]->soort == SOORT_TEAMDOEL)
				page_detail(&s, m->pages[i]);
	}
	free(s.layout);
	return s.failed ? -1 : 0;
}
