/* The presentation layer, the KPI table, the chart description, the SVG drawer and the
 * templates, on KPIs built by hand so every expected string can be checked by eye. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "base/util.h"
#include "model/chart.h"
#include "model/present.h"
#include "model/table.h"
#include "render/svg.h"
#include "base/template.h"

/* A KPI measured per month from `key0` with `n` values (NAN: no value). */
static void series_set(series_t *s, const char *name, int key0, const double *v, const long *tot, int n)
{
	s->name = xstrdup(name);
	s->first_key = key0;
	s->ncells = (size_t)n;
	s->cells = xcalloc((size_t)n, sizeof *s->cells);
	for (int i = 0; i < n; i++) {
		cell_t *c = &s->cells[i];
		c->key = key0 + i;
		c->total = tot ? tot[i] : 10;
		c->n = c->total;
		if (v[i] == v[i]) {
			c->has_value = 1;
			c->value = v[i];
			c->hits = (long)(v[i] * (double)c->n / 100.0 + 0.5);
		}
	}
}

static kpi_t *callbacks(void)
{
	kpi_t *k = xcalloc(1, sizeof *k);
	k->def.id = xstrdup("cb");
	k->def.naam = xstrdup("Terugbellen buiten termijn");
	k->def.maat = MAAT_TERMIJN;
	k->def.eenheid = EENHEID_PROCENT;
	k->def.per = PER_MAAND;
	k->def.lager = 1;
	k->def.groep = xstrdup("team");
	k->res.source_end = k->res.judge = DAY_NONE;
	k->def.has_base = 1;
	k->def.base = (target_t){60, day_from_ymd(2023, 9, 30)};
	k->def.ndoelen = 2;
	k->def.doelen = xcalloc(2, sizeof *k->def.doelen);
	k->def.doelen[0] = (target_t){30, day_from_ymd(2024, 12, 31)};
	k->def.doelen[1] = (target_t){15, day_from_ymd(2025, 6, 30)};
	int key0 = period_of(PER_MAAND, day_from_ymd(2024, 10, 1));
	const double tv[] = {40, 35.25, 30.04};
	const long tt[] = {10, 1234, 5};
	series_set(&k->res.total, "Totaal", key0, tv, tt, 3);
	k->res.total.is_total = 1;
	k->res.ngroups = 2;
	k->res.groups = xcalloc(2, sizeof *k->res.groups);
	const double av[] = {50, 20}, bv[] = {NAN, 60, 10};
	series_set(&k->res.groups[0], "A", key0, av, NULL, 2);
	series_set(&k->res.groups[1], "B", key0, bv, NULL, 3);
	k->res.has_cur = 1;
	k->res.cur_key = key0 + 2;
	k->res.cur = 30.04;
	k->res.has_change = 1;
	k->res.change = 30.0 - 35.3;
	k->res.status = ST_OP_KOERS;
	k->res.goal = 0;
	k->res.targets = xcalloc(2, sizeof *k->res.targets);
	k->res.has_path = 1;
	k->res.path = 31.96;
	k->res.from = PATH_FROM_BASE;
	return k;
}

static void test_words(void **st)
{
	(void)st;
	char s[64];
	present_date(day_from_ymd(2024, 10, 1), s);
	assert_string_equal(s, "1 oktober 2024");
	int q3 = period_of(PER_KWARTAAL, day_from_ymd(2024, 8, 15));
	present_period(PER_KWARTAAL, q3, s);
	assert_string_equal(s, "3e kwartaal 2024");
	present_period_short(PER_KWARTAAL, q3, s);
	assert_string_equal(s, "K3 2024");
	int feb = period_of(PER_MAAND, day_from_ymd(2024, 2, 10));
	present_period(PER_MAAND, feb, s);
	assert_string_equal(s, "februari 2024");
	present_period_short(PER_MAAND, feb + 1, s);
	assert_string_equal(s, "mrt 2024");
	present_target_date(day_from_ymd(2025, 12, 31), s);
	assert_string_equal(s, "eind 2025");
	present_target_date(day_from_ymd(2025, 6, 30), s);
	assert_string_equal(s, "30 juni 2025");
	assert_string_equal(present_weekday(day_from_ymd(2024, 5, 9)), "donderdag");
	assert_string_equal(present_status(ST_RISICO), "risico");
	assert_string_equal(present_ms(MS_TE_LAAT), "te laat");
	assert_string_equal(present_per_word(PER_KWARTAAL), "kwartaal");
	milestone_t ms = {day_from_ymd(2024, 7, 1), day_from_ymd(2024, 9, 30), PER_KWARTAAL, NULL, 0, MS_GEPLAND, NULL};
	present_when(&ms, s);
	assert_string_equal(s, "3e kwartaal 2024");
	ms.when_per = -1;
	present_when(&ms, s);
	assert_string_equal(s, "1 juli 2024");
}

static void test_values(void **st)
{
	(void)st;
	char s[64];
	kpi_def d = {0};
	d.eenheid = EENHEID_PROCENT;
	/* a measured value always with its decimal, a value the programme sets as written */
	present_value(&d, 15.0, s);
	assert_string_equal(s, "15,0%");
	present_value(&d, 14.96, s);
	assert_string_equal(s, "15,0%");
	present_value(&d, 24.25, s);
	assert_string_equal(s, "24,3%");
	present_goal_value(&d, 15, s);
	assert_string_equal(s, "15%");
	present_goal_value(&d, 97.5, s);
	assert_string_equal(s, "97,5%");
	/* no "minstens 100%": nothing else meets it; nor "ten hoogste 0%" */
	assert_string_equal(present_bound(&d, 97.5), "minstens ");
	assert_string_equal(present_bound(&d, 100), "");
	d.lager = 1;
	assert_string_equal(present_bound(&d, 15), "ten hoogste ");
	assert_string_equal(present_bound(&d, 0), "");
	d.lager = 0;
	d.eenheid = EENHEID_CIJFER;
	assert_string_equal(present_bound(&d, 10), "minstens ");
	present_value(&d, 8, s);
	assert_string_equal(s, "8,0");
	present_goal_value(&d, 8, s);
	assert_string_equal(s, "8");
	d.eenheid = EENHEID_WERKDAGEN;
	present_value(&d, 1.04, s);
	assert_string_equal(s, "1,0 werkdag");
	present_value(&d, 2.45, s);
	assert_string_equal(s, "2,5 werkdagen");
	present_value_short(EENHEID_WERKDAGEN, 2.45, s);
	assert_string_equal(s, "2,5");
	d.eenheid = EENHEID_AANTAL;
	present_value(&d, 1234, s);
	assert_string_equal(s, "1.234");
	present_tick(EENHEID_PROCENT, 20, s);
	assert_string_equal(s, "20%");
	present_tick(EENHEID_CIJFER, 7.5, s);
	assert_string_equal(s, "7,5");
	present_size(1536, s);
	assert_string_equal(s, "2 kB");
	present_size(3 * 1024 * 1024 / 2, s);
	assert_string_equal(s, "1,5 MB");
	assert_true(present_round(EENHEID_PROCENT, 0.15 * 100) == 15.0);
	assert_true(present_round(EENHEID_CIJFER, 6.65) == 6.7);
}

static void test_sentences(void **st)
{
	(void)st;
	kpi_t *k = callbacks();
	char *why = present_reason(k);
	assert_string_equal(why, "In december 2024 was het percentage 30,0%. Het doel is ten hoogste 30% eind 2024. Op weg "
	                         "naar dat doel zou het percentage nu ten hoogste 32,0% moeten zijn. Dat lukt, dus de status is "
	                         "op koers.");
	free(why);
	buf_t b = {0};
	present_change(k, &b);
	assert_string_equal(b.s, "5,3 procentpunt lager dan in november 2024 (beter)");
	/* a count is more or fewer, a duration longer or shorter: never "10 lager" */
	k->def.eenheid = EENHEID_AANTAL;
	k->res.change = -4;
	buf_reset(&b);
	present_change(k, &b);
	assert_string_equal(b.s, "4 minder dan in november 2024 (beter)");
	k->def.eenheid = EENHEID_WERKDAGEN;
	k->res.change = 0.5;
	buf_reset(&b);
	present_change(k, &b);
	assert_string_equal(b.s, "0,5 werkdagen langer dan in november 2024 (slechter)");
	k->def.eenheid = EENHEID_PROCENT;
	buf_reset(&b);
	k->res.change = 0;
	present_change(k, &b);
	assert_string_equal(b.s, "Net zo hoog als in november 2024");
	free(b.s);
	char *t = present_target(&k->def, &k->def.doelen[1]);
	assert_string_equal(t, "doel 30 juni 2025: ten hoogste 15%");
	free(t);
	k->res.has_cur = 0;
	why = present_reason(k);
	assert_string_equal(why, "Er zijn nog geen cijfers tot en met de peildatum.");
	free(why);
	kpi_free(k);
}

static void test_table(void **st)
{
	(void)st;
	kpi_t *k = callbacks();
	kt_table t;
	kt_build(k, &t);
	assert_int_equal(t.ncols, 8);
	assert_int_equal(t.stand_col, 6);
	assert_string_equal(t.cols[6].key, "stand");
	/* the value the previous edition published, where it differs: none here */
	assert_int_equal(t.revised_col, 7);
	assert_string_equal(t.cols[7].key, "eerder_gepubliceerd");
	assert_false(t.any_revised);
	assert_string_equal(t.cols[0].key, "team");
	assert_string_equal(t.cols[0].label, "Team");
	assert_string_equal(t.cols[1].key, "maand");
	assert_string_equal(t.cols[5].key, "percentage_buiten_termijn");
	assert_string_equal(t.cols[5].label, "Buiten termijn (%)");
	assert_int_equal(t.group_col, 0);
	assert_int_equal(t.period_col, 1);
	assert_int_equal(t.value_col, 5);
	/* groups first (A two rows, B three), then the organisation */
	assert_int_equal((int)t.nrows, 8);
	assert_string_equal(kt_at(&t, 0, 0)->text, "A");
	assert_string_equal(kt_at(&t, 0, 1)->text, "2024-10");
	assert_false(t.rows[0].series->is_total);
	assert_true(kt_at(&t, 2, 5)->empty); /* B has no value in October */
	assert_true(t.rows[5].series->is_total);
	assert_int_equal(t.rows[6].key, k->res.total.first_key + 1);
	/* rounded as shown, the same number and text for every output */
	const kt_cell *c = kt_at(&t, 6, 5);
	assert_true(c->num == 35.3);
	assert_string_equal(c->text, "35,3");
	assert_string_equal(kt_at(&t, 6, 2)->text, "1.234");
	assert_true(kt_at(&t, 6, 7)->empty);
	kt_free(&t);
	/* a revised figure: the earlier value in its own column, rounded the same way */
	k->res.total.cells[1].revised = 1;
	k->res.total.cells[1].was = 15.04;
	kt_build(k, &t);
	assert_true(t.any_revised);
	assert_string_equal(kt_at(&t, 6, 7)->text, "15,0");
	char was[96];
	present_revised(&k->def, &k->res.total.cells[1], was);
	assert_string_equal(was, "herzien, eerder 15,0%");
	kt_free(&t);
	kpi_free(k);
}

static void test_chart(void **st)
{
	(void)st;
	kpi_t *k = callbacks();
	chart_t *c = chart_trend(k, NULL, "g1");
	assert_non_null(c);
	assert_int_equal(c->kind, CHART_LINE);
	assert_int_equal(c->ncats, 3);
	assert_int_equal(c->per, PER_MAAND);
	assert_int_equal(c->first_key, k->res.total.first_key);
	assert_string_equal(c->cats[0], "okt 2024");
	/* percentages from 0 */
	assert_true(c->ymin == 0);
	assert_true(c->ymax >= 60);
	/* baseline, then the targets with their dates */
	assert_int_equal(c->nrefs, 3);
	assert_int_equal(c->refs[0].kind, REF_BASE);
	assert_string_equal(c->refs[0].label, "nulmeting 60%");
	assert_int_equal(c->refs[1].kind, REF_TARGET);
	assert_int_equal(c->refs[1].datum, day_from_ymd(2024, 12, 31));
	assert_string_equal(c->refs[2].label, "doel 30 juni 2025: ten hoogste 15%");
	assert_true(c->refs[1].dashed && !c->refs[0].dashed);
	assert_non_null(strstr(c->desc, ". Van 40,0% in oktober 2024 naar 30,0% in december 2024."));
	/* the status sentence stands before the chart in every output, not in its finding */
	assert_null(strstr(c->desc, "op koers"));
	chart_free(c);
	/* one group's line: its own title */
	c = chart_trend(k, &k->res.groups[1], "g2");
	assert_string_equal(c->title, "Terugbellen buiten termijn: B");
	assert_false(c->series[0].has[0]);
	assert_null(strstr(c->desc, "op koers"));
	chart_free(c);
	/* bars for one month, with the target that applies then */
	c = chart_groups(k, k->res.total.first_key + 1, "g3");
	assert_int_equal(c->kind, CHART_BARS);
	assert_int_equal(c->ncats, 2);
	assert_string_equal(c->title, "Terugbellen buiten termijn per team, november 2024");
	assert_int_equal(c->nrefs, 1);
	assert_string_equal(c->refs[0].label, "doel eind 2024: ten hoogste 30%");
	assert_string_equal(c->desc, "Terugbellen buiten termijn per team, november 2024. Het best: A met 20,0%. "
	                             "Het minst goed: B met 60,0%.");
	chart_free(c);
	/* a group too small to compare is never called the best: 0 of 3 late says little */
	k->def.minimum = 10;
	cell_t *small = &k->res.groups[0].cells[1];
	small->n = small->total = 3;
	small->value = 0;
	c = chart_groups(k, k->res.total.first_key + 1, "g4");
	assert_string_equal(c->desc, "Terugbellen buiten termijn per team, november 2024. Alleen B is groot genoeg om te "
	                             "vergelijken (10 of meer), met 60,0%.");
	chart_free(c);
	/* a count names the group with the most, never one with the fewest */
	k->def.maat = MAAT_AANTAL;
	k->def.eenheid = EENHEID_AANTAL;
	c = chart_groups(k, k->res.total.first_key + 1, "g5");
	assert_string_equal(c->desc, "Terugbellen buiten termijn per team, november 2024. Het meest: B met 60.");
	chart_free(c);
	kpi_free(k);
}

static int count(const char *s, const char *needle)
{
	int n = 0;
	for (const char *p = s; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

/* A date that is no date: the hint fits what was written, never the form already used. */
static void test_date_problem(void **st)
{
	(void)st;
	static const struct { const char *in, *want; } cases[] = {
		{"31-4-2024", "April 2024 heeft 30 dagen"},
		{"29-2-2023", "Februari 2023 heeft 28 dagen"},
		{"2024-02-30", "Februari 2024 heeft 29 dagen"},
		{"13-13-2024", "Maand 13 bestaat niet. Staan dag en maand omgedraaid?"},
		{"1.10.2024", "Schrijf de datum met streepjes: 1-10-2024"},
		{"2024/10/01", "Schrijf de datum met streepjes: 2024-10-01"},
		{"1 oktober 2024", "Schrijf de datum in cijfers, zoals 1-10-2024 of 2024-10-01"},
		{"1-10-0024", "Het jaar 24 kan niet kloppen"},
		{"1-10-2024 25:00", "De tijd erachter klopt niet. Schrijf bijvoorbeeld 1-10-2024 09:30"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char out[160];
		present_date_problem(cases[i].in, strlen(cases[i].in), out, sizeof out);
		assert_string_equal(out, cases[i].want);
	}
}

static void test_svg(void **st)
{
	(void)st;
	kpi_t *k = callbacks();
	free(k->def.naam);
	k->def.naam = xstrdup("Bellen <snel> & \"goed\"");
	chart_t *c = chart_trend(k, NULL, "g1");
	buf_t b = {0};
	svg_chart(c, "tb9", &b);
	/* one figure naming its data table, the chart drawn wide and narrow: each an image with a
	 * title and a description, both referenced */
	assert_int_equal(count(b.s, "<figure"), 1);
	assert_non_null(strstr(b.s, "data-tabel=\"tb9\""));
	assert_non_null(strstr(b.s, "class=\"breed\" viewBox=\"0 0 720 300\" role=\"img\" aria-labelledby=\"g1-t g1-d\""));
	assert_non_null(strstr(b.s, "class=\"smal\" viewBox=\"0 0 360 "));
	assert_non_null(strstr(b.s, "aria-labelledby=\"g1-nt g1-nd\""));
	assert_non_null(strstr(b.s, "<title id=\"g1-t\">Bellen &lt;snel&gt; &amp; &quot;goed&quot;</title>"));
	assert_int_equal(count(b.s, "<desc id=\"g1-d\">"), 1);
	assert_int_equal(count(b.s, "<desc id=\"g1-nd\">"), 1);
	assert_null(strstr(b.s, "<snel>"));
	/* wide: one point per value, three labelled reference lines, the last value labelled
	 * directly; narrow: the last point and its value, the same lines in a legend below */
	assert_int_equal(count(b.s, "<circle"), 3 + 1);
	assert_int_equal(count(b.s, "stroke-dasharray=\"7 4\""), 2 + 2 + 2);
	assert_int_equal(count(b.s, "stroke-dasharray=\"2 3\""), 1 + 1 + 1);
	assert_int_equal(count(b.s, ">Totaal: 30,0%</text>"), 2);
	assert_non_null(strstr(b.s, " font-weight=\"bold\" fill=\"#1f4e79\">30,0%</text>"));
	assert_int_equal(count(b.s, ">nulmeting 60%</text>"), 2);
	assert_int_equal(count(b.s, "<figcaption id=\"g1-c\">"), 1);
	free(b.s);
	chart_free(c);
	kpi_free(k);
}

static void test_template(void **st)
{
	(void)st;
	tpl_var v[] = {{"titel", "A & <B>"}, {"inhoud", "<p>x</p>"}};
	buf_t b = {0};
	size_t bad = 0;
	assert_int_equal(tpl_render("<h1>{{titel}}</h1>{{{ inhoud }}}", v, 2, &b, &bad), 0);
	assert_string_equal(b.s, "<h1>A &amp; &lt;B&gt;</h1><p>x</p>");
	buf_reset(&b);
	assert_int_equal(tpl_render("ok {{onbekend}}", v, 2, &b, &bad), -1);
	assert_int_equal((int)bad, 3);
	buf_reset(&b);
	assert_int_equal(tpl_render("{{titel", v, 2, &b, &bad), -1);
	assert_int_equal((int)bad, 0);
	free(b.s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words), cmocka_unit_test(test_values), cmocka_unit_test(test_sentences),
		cmocka_unit_test(test_table), cmocka_unit_test(test_chart), cmocka_unit_test(test_date_problem), cmocka_unit_test(test_svg),
		cmocka_unit_test(test_template),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
