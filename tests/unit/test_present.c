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
	k->def.base = (target_t){60, day_from_ymd(2023, 9, 30), 0};
	k->def.ndoelen = 2;
	k->def.doelen = xcalloc(2, sizeof *k->def.doelen);
	k->def.doelen[0] = (target_t){30, day_from_ymd(2024, 12, 31), 0};
	k->def.doelen[1] = (target_t){15, day_from_ymd(2025, 6, 30), 0};
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
	/* the share is its counts: Buiten termijn / (Totaal - Lopend), with the counts on the row */
	assert_int_equal(t.part_col, 3);
	assert_int_equal(t.whole_col, 2);
	assert_int_equal(t.minus_col, 4);
	assert_true(t.rows[6].has_ratio);
	assert_int_equal(t.rows[6].teller, k->res.total.cells[1].hits);
	assert_int_equal(t.rows[6].noemer, k->res.total.cells[1].n);
	/* units for the open data's description, in the header where the label lacks them */
	assert_string_equal(t.cols[2].unit, "aantal");
	assert_string_equal(t.cols[2].head, "Totaal");
	assert_string_equal(t.cols[5].unit, "procent");
	assert_string_equal(t.cols[5].head, "Buiten termijn (%)");
	assert_string_equal(t.cols[7].head, "Eerder gepubliceerd (%)");
	assert_null(t.cols[6].unit);
	assert_non_null(t.cols[6].desc);
	/* the level keeps the organisation apart from its groups */
	assert_string_equal(present_level(&k->def, t.rows[0].series), "team");
	assert_string_equal(present_level(&k->def, t.rows[5].series), "organisatie");
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

/* Targets with their direction as a sign, what is assumed marked, and how a KPI is measured in
 * plain words. */
static void test_definitions(void **st)
{
	(void)st;
	kpi_t *k = callbacks();
	char out[256];
	assert_string_equal(present_direction(&k->def, 15), "\u2264 ");
	present_base_listed(&k->def, out);
	assert_string_equal(out, "60% op 30 september 2023");
	k->def.base.afgeleid = 1;
	present_base_listed(&k->def, out);
	assert_string_equal(out, "60% op 30 september 2023 (afgeleid)");
	present_goal_listed(&k->def, &k->def.doelen[0], out);
	assert_string_equal(out, "ten hoogste 30% eind 2024");
	k->def.doelen[1].afgeleid = 1;
	present_goal_listed(&k->def, &k->def.doelen[1], out);
	assert_string_equal(out, "ten hoogste 15% op 30 juni 2025 (afgeleid)");
	k->def.termijn = 2;
	k->def.werkdagen = 1;
	present_method(&k->def, out);
	assert_non_null(strstr(out, "niet binnen 2 werkdagen klaar"));
	/* higher is better: at least; 100% is met by nothing else, so it has no sign */
	k->def.lager = 0;
	assert_string_equal(present_direction(&k->def, 90), "\u2265 ");
	assert_string_equal(present_direction(&k->def, 100), "");
	k->def.eenheid = EENHEID_CIJFER;
	assert_string_equal(present_direction(&k->def, 100), "\u2265 ");
	/* no measure is explained in the content's own terms */
	k->def.is = xstrdup("KCC");
	for (int m = 0; m < MAAT_N; m++) {
		k->def.maat = (maat_t)m;
		present_method(&k->def, out);
		assert_true(out[0] != '\0');
		assert_null(strstr(out, "termijn"));
		assert_null(strstr(out, "openstaand"));
	}
	kpi_free(k);
}

static void assert_axis_unit(const chart_t *c, const char *unit)
{
	assert_string_equal(c->axis_label, unit);
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
	assert_string_equal(c->refs[0].label, "nulmeting: 60%");
	assert_int_equal(c->refs[1].kind, REF_TARGET);
	assert_int_equal(c->refs[1].datum, day_from_ymd(2024, 12, 31));
	assert_string_equal(c->refs[2].label, "doel 30 juni 2025: ten hoogste 15%");
	/* each kind its own line, so a legend swatch means one thing */
	for (int a = 0; a < REF_N; a++)
		for (int b = a + 1; b < REF_N; b++)
			assert_true(chart_ref_style((chart_ref_kind)a)->dash != chart_ref_style((chart_ref_kind)b)->dash);
	assert_axis_unit(c, "procent");
	assert_non_null(strstr(c->desc, ". Van 40,0% in oktober 2024 naar 30,0% in december 2024."));
	/* the status sentence stands before the chart in every output, not in its finding */
	assert_null(strstr(c->desc, "op koers"));
	assert_false(c->cut);
	chart_free(c);
	/* lines at the same value (as shown) are one line with one label, in the most telling
	 * style; targets share the word "doel" */
	k->def.has_step = 1;
	k->def.step = 30.02;
	k->def.doelen[1].waarde = 30;
	c = chart_trend(k, NULL, "gm");
	assert_int_equal(c->nrefs, 2);
	assert_int_equal(c->refs[1].kind, REF_TARGET);
	assert_string_equal(c->refs[1].label, "tussenstap, doel eind 2024 en 30 juni 2025: ten hoogste 30%");
	chart_free(c);
	k->def.has_step = 0;
	k->def.doelen[1].waarde = 15;
	/* shares in a narrow band far from 0: the axis starts near them, and the finding says so */
	kpi_t *n = callbacks();
	n->def.lager = 0;
	n->def.has_base = 0;
	n->def.doelen[0].waarde = 90;
	n->def.ndoelen = 1;
	const double hv[] = {96.4, 97.6, 97.1};
	for (int i = 0; i < 3; i++)
		n->res.total.cells[i].value = hv[i];
	c = chart_trend(n, NULL, "gc");
	assert_true(c->cut);
	assert_true(c->ymin == 85 && c->ymax == 100);
	assert_non_null(strstr(c->desc, " Let op: de as begint bij 85% en niet bij 0%."));
	chart_free(c);
	/* small multiples share one axis: the widest range, and each finding tells of a cut */
	chart_t *pair[2] = {chart_trend(n, NULL, "s1"), chart_trend(k, NULL, "s2")};
	chart_share_axis(pair, 2);
	assert_true(pair[0]->ymin == 0 && pair[1]->ymin == 0 && pair[0]->ymax == pair[1]->ymax);
	assert_false(pair[0]->cut);
	assert_null(strstr(pair[0]->desc, "Let op"));
	chart_free(pair[0]);
	chart_free(pair[1]);
	/* bars never start anywhere but 0 */
	c = chart_groups(n, n->res.total.first_key + 1, "gb");
	assert_false(c->cut);
	assert_true(c->ymin == 0);
	chart_free(c);
	kpi_free(n);
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

/* Label placement: wrapping, measuring and spreading. */
static void test_labels(void **st)
{
	(void)st;
	/* DejaVu Sans: "Totaal" is 6 glyphs of known width; bold is wider */
	double w = chart_text_width("Totaal", 10, 0);
	assert_true(fabs(w - (610 + 611 + 392 + 612 + 612 + 277) * 0.01) < 1e-9);
	assert_true(chart_text_width("Totaal", 10, 1) > w);
	/* anything outside Latin-1 takes a full em: never less room than it needs */
	assert_true(chart_text_width("\u2714", 10, 0) == 10);
	char *l[3];
	int n = chart_wrap("Jeugd, Participatie en WMO: 10,9%", 13, 0, 120, 3, NULL, NULL, l);
	assert_true(n >= 2);
	for (int i = 0; i < n; i++) {
		assert_true(chart_text_width(l[i], 13, 0) <= 120);
		free(l[i]);
	}
	/* a word too long for its line, or text left over, ends in an ellipsis */
	n = chart_wrap("Omgevingsvergunningverlening", 13, 0, 60, 1, NULL, NULL, l);
	assert_int_equal(n, 1);
	assert_non_null(strstr(l[0], "\u2026"));
	assert_true(chart_text_width(l[0], 13, 0) <= 60);
	free(l[0]);
	n = chart_wrap("a b c d e f g h", 13, 0, 20, 2, NULL, NULL, l);
	assert_int_equal(n, 2);
	assert_non_null(strstr(l[1], "\u2026"));
	free(l[0]);
	free(l[1]);
	/* three labels that want nearly the same place: apart, in order, inside the range */
	double pos[3] = {50, 48, 52}, size[3] = {15, 15, 30};
	chart_spread(pos, size, 3, 2, 0, 100);
	assert_true(pos[1] < pos[0] && pos[0] < pos[2]);
	assert_true(pos[0] - 7.5 >= pos[1] + 7.5 + 2 - 1e-9);
	assert_true(pos[2] - 15 >= pos[0] + 7.5 + 2 - 1e-9);
	/* at the bottom edge they move up, not out */
	double p2[2] = {99, 99}, s2[2] = {10, 10};
	chart_spread(p2, s2, 2, 0, 0, 100);
	assert_true(p2[1] + 5 <= 100 + 1e-9 && p2[0] + 5 <= p2[1] - 5 + 1e-9);
}

/* The one status vocabulary: every status its own icon and its own colour,
 * readable on white and on its fill; green only for a target met in time. */
static double lum(unsigned rgb)
{
	double c[3];
	for (int i = 0; i < 3; i++) {
		double v = (double)((rgb >> (16 - 8 * i)) & 0xff) / 255;
		c[i] = v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
	}
	return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

static double contrast(unsigned a, unsigned b)
{
	double x = lum(a), y = lum(b);
	return (fmax(x, y) + 0.05) / (fmin(x, y) + 0.05);
}

static void test_vocabulary(void **st)
{
	(void)st;
	const status_look *all[ST_N + MS_N];
	for (int i = 0; i < ST_N; i++)
		all[i] = present_look((kpi_status)i);
	for (int i = 0; i < MS_N; i++)
		all[ST_N + i] = present_ms_look((ms_status)i);
	for (int i = 0; i < ST_N + MS_N; i++) {
		assert_true(contrast(all[i]->rgb, 0xffffff) >= 4.5);
		assert_true(contrast(all[i]->rgb, all[i]->fill) >= 4.5);
		assert_true(strlen(all[i]->meaning) > 10);
		assert_null(strchr(all[i]->key, ' '));
		for (int j = i + 1; j < ST_N + MS_N; j++) {
			assert_string_not_equal(all[i]->icon, all[j]->icon);
			assert_string_not_equal(all[i]->word, all[j]->word);
			assert_true(all[i]->rgb != all[j]->rgb);
		}
	}
	for (int i = 0; i < ST_N; i++)
		if (i != ST_BEHAALD)
			assert_true(present_look((kpi_status)i)->rgb != present_look(ST_BEHAALD)->rgb);
	assert_string_equal(present_ms(MS_NIET_GEMELD), "over datum, geen nieuws");
	/* words back to statuses; a record from before keeps its meaning */
	assert_int_equal(present_ms_parse("niet gemeld"), MS_NIET_GEMELD);
	assert_int_equal(present_ms_parse("over datum, geen nieuws"), MS_NIET_GEMELD);
	assert_int_equal(present_status_parse("te laat behaald"), ST_TE_LAAT_BEHAALD);
	assert_int_equal(present_status_parse("op tijd"), -1);
	/* the legend: the statuses shown, with the cases "nog onzeker" names, and no other */
	model_t m = {0};
	kpi_t *k = callbacks(), *u = callbacks();
	u->res.status = ST_ONZEKER;
	u->res.best = ST_BEHAALD;
	u->res.worst = ST_TERUGGEVALLEN;
	kpi_t *ks[2] = {k, u};
	m.kpis = ks;
	m.nkpis = 2;
	m.ms_count[MS_NIET_GEMELD] = 3;
	status_use use;
	present_status_use(&m, &use);
	for (int i = 0; i < ST_N; i++)
		assert_int_equal(use.kpi[i], i == ST_OP_KOERS || i == ST_ONZEKER || i == ST_BEHAALD || i == ST_TERUGGEVALLEN);
	for (int i = 0; i < MS_N; i++)
		assert_int_equal(use.ms[i], i == MS_NIET_GEMELD);
	kpi_free(k);
	kpi_free(u);
}

/* A KPI that splits another's figures: its tile tells how the groups differ. */
static void test_spread(void **st)
{
	(void)st;
	kpi_t *k = callbacks(); /* lower is better: 20% late is better than 60% */
	k->res.cur_key = k->res.total.first_key + 1;
	buf_t b = {0};
	present_spread(k, &b);
	assert_string_equal(b.s, "Best: A (20,0%). Minst goed: B (60,0%).");
	buf_reset(&b);
	k->def.minimum = 10; /* groups under the minimum are not compared */
	k->res.groups[0].cells[1].n = 3;
	present_spread(k, &b);
	assert_string_equal(b.s, "Allemaal 60,0%.");
	free(b.s);
	/* the order of need: missed first, met last, no target after that */
	assert_true(present_need(ST_NIET_BEHAALD) < present_need(ST_RISICO));
	assert_true(present_need(ST_RISICO) < present_need(ST_OP_KOERS));
	assert_true(present_need(ST_BEHAALD) < present_need(ST_GEEN_DOEL));
	ed_delta d = {.statuses = 2, .revised = 1};
	buf_t t = {0};
	present_delta(&d, &t);
	assert_string_equal(t.s, "2 statussen veranderd en 1 cijfer herzien.");
	free(t.s);
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
		{"1 oktober 2024", "Schrijf de datum in cijfers: 1-10-2024"},
		{"31 juni 2024", "Juni 2024 heeft 30 dagen"},
		{"oktober 2024", "Schrijf de datum in cijfers, zoals 1-10-2024 of 2024-10-01"},
		{"1-10-0024", "Het jaar 24 ligt ver in het verleden: is het een tikfout? meetlat leest de jaren 1900 tot en met 2199"},
		{"1-10-24", "Schrijf het jaar met vier cijfers, zoals 1-10-2024"},
		{"1-10-2024 25:00", "De tijd erachter klopt niet. Schrijf de tijd als 09:30, zoals 1-10-2024 09:30"},
		/* the year, not the time, when the year is impossible; a day 0 is a day problem */
		{"3-5-2204", "Het jaar 2204 ligt ver in de toekomst: is het een tikfout? meetlat leest de jaren 1900 tot en met 2199"},
		{"3-5-2204 09:00", "Het jaar 2204 ligt ver in de toekomst: is het een tikfout? meetlat leest de jaren 1900 tot en met 2199"},
		{"2200-01-01", "Het jaar 2200 ligt ver in de toekomst: is het een tikfout? meetlat leest de jaren 1900 tot en met 2199"},
		{"0-10-2024", "Dag 0 bestaat niet; de dagen van een maand beginnen bij 1"},
		{"1-0-2024", "Maand 0 bestaat niet; de maanden lopen van 1 tot en met 12"},
		{"2024-1-1", "Schrijf maand en dag met twee cijfers: 2024-01-01, of schrijf 1-1-2024"},
		{"20245-1-1", "Schrijf de datum in cijfers, zoals 1-10-2024 of 2024-10-01"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char out[160];
		present_date_problem(cases[i].in, strlen(cases[i].in), out, sizeof out);
		assert_string_equal(out, cases[i].want);
	}
}

/* Dates and periods as the outputs write them, read back (the content accepts them). */
static void test_read_when(void **st)
{
	(void)st;
	static const struct { const char *in; int y1, m1, d1, y2, m2, d2, per; } ok[] = {
		{"1 oktober 2024", 2024, 10, 1, 2024, 10, 1, -1},
		{"1 Okt 2024", 2024, 10, 1, 2024, 10, 1, -1},
		{"juni 2024", 2024, 6, 1, 2024, 6, 30, PER_MAAND},
		{"jun 2024", 2024, 6, 1, 2024, 6, 30, PER_MAAND},
		{"2e kwartaal 2024", 2024, 4, 1, 2024, 6, 30, PER_KWARTAAL},
		{"2de kwartaal 2024", 2024, 4, 1, 2024, 6, 30, PER_KWARTAAL},
		{"K2 2024", 2024, 4, 1, 2024, 6, 30, PER_KWARTAAL},
		{"q3  2024", 2024, 7, 1, 2024, 9, 30, PER_KWARTAAL},
		{"eind 2025", 2025, 12, 31, 2025, 12, 31, -1},
		{"eind juni 2025", 2025, 6, 30, 2025, 6, 30, -1},
	};
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		int first, last, per;
		assert_int_equal(present_read_when(ok[i].in, &first, &last, &per), 0);
		assert_int_equal(first, day_from_ymd(ok[i].y1, ok[i].m1, ok[i].d1));
		assert_int_equal(last, day_from_ymd(ok[i].y2, ok[i].m2, ok[i].d2));
		assert_int_equal(per, ok[i].per);
	}
	static const char *const bad[] = {"", "2024", "31 juni 2024", "K5 2024", "5e kwartaal 2024", "juni 24",
		"juni 2024 x", "eind", "1 oktober 2300", "oktober", "morgen"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		int first, last, per;
		assert_int_equal(present_read_when(bad[i], &first, &last, &per), -1);
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
	assert_non_null(strstr(b.s, "class=\"breed\" viewBox=\"0 0 720 314\" role=\"img\" aria-labelledby=\"g1-t\""));
	assert_non_null(strstr(b.s, "class=\"smal\" viewBox=\"0 0 360 "));
	assert_non_null(strstr(b.s, "aria-labelledby=\"g1-nt\""));
	assert_non_null(strstr(b.s, "<title id=\"g1-t\">Bellen &lt;snel&gt; &amp; &quot;goed&quot;</title>"));
	assert_int_equal(count(b.s, "<desc id=\"g1-d\">"), 1);
	assert_int_equal(count(b.s, "<desc id=\"g1-nd\">"), 1);
	assert_null(strstr(b.s, "<snel>"));
	/* wide: one point per value, three labelled reference lines, the last value labelled
	 * directly; narrow: the last point and its value, the same lines in a legend below */
	assert_int_equal(count(b.s, "<circle"), 3 + 1);
	/* the target that applies now, another target, the baseline: three kinds of line */
	const char *dash_target = chart_ref_style(REF_TARGET)->pattern, *dash_base = chart_ref_style(REF_BASE)->pattern;
	char pat[64];
	snprintf(pat, sizeof pat, "stroke-dasharray=\"%s\"", dash_target);
	assert_int_equal(count(b.s, pat), 1 + 1 + 1);
	snprintf(pat, sizeof pat, "stroke-dasharray=\"%s\"", chart_ref_style(REF_TARGET_OTHER)->pattern);
	assert_int_equal(count(b.s, pat), 1 + 1 + 1);
	snprintf(pat, sizeof pat, "stroke-dasharray=\"%s\"", dash_base);
	assert_int_equal(count(b.s, pat), 1 + 1 + 1);
	/* the one line of the whole organisation is not named "Totaal" */
	assert_int_equal(count(b.s, ">Totaal: 30,0%</text>"), 0);
	assert_int_equal(count(b.s, " font-weight=\"bold\" fill=\"#1f4e79\">30,0%</text>"), 3);
	assert_non_null(strstr(b.s, " font-weight=\"bold\" fill=\"#1f4e79\">30,0%</text>"));
	assert_int_equal(count(b.s, ">nulmeting: 60%</text>"), 2);
	assert_int_equal(count(b.s, ">procent</text>"), 2);
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
		cmocka_unit_test(test_table), cmocka_unit_test(test_chart), cmocka_unit_test(test_date_problem), cmocka_unit_test(test_read_when), cmocka_unit_test(test_svg),
		cmocka_unit_test(test_template), cmocka_unit_test(test_labels), cmocka_unit_test(test_vocabulary),
		cmocka_unit_test(test_spread), cmocka_unit_test(test_definitions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
