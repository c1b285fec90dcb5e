/* The council report's inputs and typesetting: the owners' explanations (toelichtingen/), the
 * money (data/financien.csv), their Dutch words, Dutch hyphenation, and the line breaker's
 * rules (no break inside an amount, a date or between a value and its unit; a hyphen where a
 * word is broken), on a real font. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "base/hyphen.h"
#include "base/util.h"
#include "load/explain.h"
#include "load/finance.h"
#include "model/present.h"
#include "render/layout_int.h"
#include "helpers.h"

#define DIC "/usr/share/hyphen/hyph_nl_NL.dic"
#define FONT "/usr/share/fonts/truetype/dejavu/DejaVuSans"

/* A model with an action "terugbellen" and its KPI "terug", status niet behaald, at 30 June. */
static model_t *small_model(void)
{
	model_t *m = model_new();
	m->peildatum = day_from_ymd(2024, 6, 30);
	m->report_year = 2024;
	page_t *p = xcalloc(1, sizeof *p);
	p->soort = SOORT_ACTIE;
	p->slug = xstrdup("terugbellen");
	p->titel = xstrdup("Terugbellen binnen termijn");
	kpi_t *k = xcalloc(1, sizeof *k);
	k->def.id = xstrdup("terug");
	k->def.naam = xstrdup("Terugbelverzoeken");
	k->page = p;
	k->res.status = ST_NIET_BEHAALD;
	p->kpis = xcalloc(1, sizeof *p->kpis);
	p->kpis[0] = k;
	p->nkpis = 1;
	m->pages = xcalloc(1, sizeof *m->pages);
	m->pages[0] = p;
	m->npages = 1;
	m->kpis = xcalloc(1, sizeof *m->kpis);
	m->kpis[0] = k;
	m->nkpis = 1;
	return m;
}

static char *dir_with(const char *name, const char *text)
{
	char *dir = strdup("/tmp/meetlat-test-XXXXXX");
	if (!mkdtemp(dir))
		abort();
	char *path = path_join(dir, name);
	if (write_file(path, text, strlen(text)) != 0)
		abort();
	free(path);
	return dir;
}

static void remove_dir(char *dir, const char *name)
{
	char *path = path_join(dir, name);
	remove(path);
	free(path);
	rmdir(dir);
	free(dir);
}

static void test_explanations(void **st)
{
	(void)st;
	model_t *m = small_model();
	char *dir = dir_with("2024-06-30.md", "---\npeildatum: 2024-06-30\nversie: \"2.1\"\nuitgegeven: 2024-07-10\n"
	                                      "kpi:\n  terug:\n    waarom: |\n      Te weinig mensen\n      in mei.\n"
	                                      "    wat_we_doen: Een extra medewerker.\n"
	                                      "onderdelen:\n  terugbellen: Loopt volgens plan.\n---\nHet gaat **goed**.\n");
	captured c;
	cap_open(&c);
	assert_int_equal(explain_load(m, dir, "toelichtingen", &c.d), 0);
	assert_string_equal(cap_text(&c), "");
	const explain_t *e = m->kpis[0]->explain;
	assert_non_null(e);
	assert_string_equal(e->waarom, "Te weinig mensen in mei."); /* one paragraph, one line */
	assert_string_equal(e->wat_we_doen, "Een extra medewerker.");
	assert_null(e->door);
	assert_string_equal(m->pages[0]->explain->waarom, "Loopt volgens plan.");
	assert_string_equal(m->versie, "2.1");
	assert_int_equal(m->uitgegeven, day_from_ymd(2024, 7, 10));
	assert_non_null(m->mgmt_summary);
	assert_string_equal(m->words_file, "toelichtingen/2024-06-30.md");
	/* explained: no notice for it */
	explain_notices(m, "toelichtingen", &c.d);
	assert_string_equal(cap_text(&c), "");
	cap_close(&c);
	remove_dir(dir, "2024-06-30.md");
	model_free(m);
}

static void test_explanation_missing(void **st)
{
	(void)st;
	model_t *m = small_model();
	/* another edition's file: read and checked, not used */
	char *dir = dir_with("maart.md", "---\npeildatum: 2024-03-31\nkpi:\n  weg: Bestaat niet meer.\n---\n");
	captured c;
	cap_open(&c);
	assert_int_equal(explain_load(m, dir, "toelichtingen", &c.d), 0);
	assert_null(m->kpis[0]->explain);
	explain_notices(m, "toelichtingen", &c.d);
	assert_string_equal(cap_text(&c),
	                    "toelichtingen/2024-06-30.md: let op: er is nog geen toelichting voor peildatum 30 juni 2024: maak "
	                    "dit bestand, met een managementsamenvatting en een toelichting bij elke kpi die zijn doel niet "
	                    "haalt\n"
	                    "toelichtingen/2024-06-30.md: let op: kpi 'terug' staat op 'niet behaald' en heeft nog geen "
	                    "toelichting voor peildatum 30 juni 2024; schrijf onder 'kpi:' waarom, en wat we nu doen (het "
	                    "rapport zegt nu 'nog geen toelichting')\n");
	cap_close(&c);
	remove_dir(dir, "maart.md");
	/* no folder at all: nothing written yet, no error */
	cap_open(&c);
	assert_int_equal(explain_load(m, "/tmp/meetlat-geen-map", "toelichtingen", &c.d), 0);
	assert_string_equal(cap_text(&c), "");
	cap_close(&c);
	model_free(m);
}

static void test_explanation_errors(void **st)
{
	(void)st;
	model_t *m = small_model();
	char *dir = dir_with("a.md", "---\npeildatum: 2024-06-30\nkpi:\n  terug: [a, b]\n  nee: Geen kpi.\n"
	                              "onderdelen:\n  terugbellen:\n    door: Iemand\n---\n");
	captured c;
	cap_open(&c);
	assert_int_equal(explain_load(m, dir, "toelichtingen", &c.d), -1);
	assert_string_equal(cap_text(&c),
	                    "toelichtingen/a.md:4:10: fout: de toelichting bij kpi 'terug' moet een tekst zijn, of 'waarom:' en "
	                    "'wat_we_doen:' op eigen regels eronder\n"
	                    "toelichtingen/a.md:5:3: fout: kpi 'nee' bestaat niet; gebruik het 'id' van een kpi uit content/\n"
	                    "toelichtingen/a.md:8:5: fout: de toelichting bij 'terugbellen': schrijf 'waarom:' (waarom het cijfer "
	                    "zo is), 'wat_we_doen:' (wat er nu gebeurt) of allebei\n");
	cap_close(&c);
	remove_dir(dir, "a.md");
	model_free(m);
}

static void test_finances(void **st)
{
	(void)st;
	model_t *m = small_model();
	/* by file name or by title, amounts as Excel writes them, another year left out */
	char *dir = dir_with("financien.csv", "jaar;onderdeel;budget;besteed;verwacht\r\n"
	                                      "2023;terugbellen;1;1;1\r\n"
	                                      "2024;Terugbellen binnen termijn;\xE2\x82\xAC 40.000;31.250,40;\r\n");
	captured c;
	cap_open(&c);
	assert_int_equal(finance_load(m, dir, "data", &c.d), 0);
	assert_string_equal(cap_text(&c), "");
	const finance_t *f = m->pages[0]->finance;
	assert_non_null(f);
	assert_true(f->budget == 40000);
	assert_true(f->besteed > 31250.39 && f->besteed < 31250.41);
	assert_false(f->has_verwacht);
	assert_int_equal(m->finance_rows, 1);
	buf_t b = {0};
	present_finance(f, 2024, 0, &b);
	assert_string_equal(b.s, "Budget \xE2\x82\xAC 40.000. Tot nu toe besteed: \xE2\x82\xAC 31.250 (78%). Wat het aan het "
	                         "eind van 2024 kost, is nog niet bekend.");
	buf_free(&b);
	finance_t g = {10000, 2000, 12500, 1, 0};
	present_finance(&g, 2025, 0, &b);
	assert_string_equal(b.s, "Budget \xE2\x82\xAC 10.000. Tot nu toe besteed: \xE2\x82\xAC 2.000 (20%). Verwacht aan het "
	                         "eind van 2025: \xE2\x82\xAC 12.500. Dat is \xE2\x82\xAC 2.500 meer dan het budget.");
	buf_free(&b);
	/* on the year's last day "tot nu toe" is the year, and "expected" is what is still to pay */
	present_finance(&g, 2025, 1, &b);
	assert_string_equal(b.s, "Budget \xE2\x82\xAC 10.000. Besteed in 2025: \xE2\x82\xAC 2.000 (20%). Met wat nog moet "
	                         "worden betaald: \xE2\x82\xAC 12.500. Dat is \xE2\x82\xAC 2.500 meer dan het budget.");
	buf_free(&b);
	cap_close(&c);
	remove_dir(dir, "financien.csv");
	model_free(m);
}

static void test_key_messages(void **st)
{
	(void)st;
	char s[256];
	present_kpi_count(ST_BEHAALD, 1, s);
	assert_string_equal(s, "1 KPI heeft zijn doel gehaald");
	present_kpi_count(ST_RISICO, 3, s);
	assert_string_equal(s, "3 KPI's lopen risico");
	present_kpi_count(ST_ONZEKER, 2, s);
	assert_string_equal(s, "Van 2 KPI's is nog onzeker of ze het doel halen");
	present_ms_count(MS_NIET_GEMELD, 50, 59, s);
	assert_string_equal(s, "Bij 50 van de 59 mijlpalen is de datum voorbij, maar is niet gemeld of ze gehaald zijn. De "
	                       "eigenaars melden dat in de volgende editie.");
	present_unexplained(1, s);
	assert_string_equal(s, "1 KPI die zijn doel niet haalt, heeft nog geen toelichting van zijn eigenaar.");
	present_money(1234567.4, s);
	assert_string_equal(s, "\xE2\x82\xAC 1.234.567");
}

static void test_hyphenation(void **st)
{
	(void)st;
	hyph *h = hyph_open(DIC);
	if (!h)
		skip(); /* hyphen-nl is not installed (tools/deps.sh build installs it) */
	static const struct {
		const char *word, *want;
	} cases[] = {
		{"dienstverlening", "dienst-ver-le-ning"},
		{"Terugbelverzoeken", "Te-rug-bel-ver-zoe-ken"},
		{"geëvalueerd", "geë-va-lu-eerd"}, /* not before the diaeresis: a break drops it */
		{"2025", "2025"},
		{"KPI's", "KPI's"},
		{"omaatje", "omaatje"}, /* a non-standard break (oma-tje) is not made */
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		unsigned char ok[64];
		size_t n = strlen(cases[i].word);
		hyph_points(h, cases[i].word, n, ok);
		buf_t b = {0};
		for (size_t j = 0; j < n; j++) {
			buf_putc(&b, cases[i].word[j]);
			if (ok[j])
				buf_putc(&b, '-');
		}
		assert_string_equal(b.s, cases[i].want);
		buf_free(&b);
	}
	hyph_close(h);
	assert_null(hyph_open("/tmp/meetlat-geen-bestand.dic"));
}

/* The lines of `text` at `width` points (10 pt DejaVu Sans), joined with '|'. */
static char *lines_of(lay *l, const char *text, float width)
{
	rich t = {0};
	rich_puts(&t, text, PF_REGULAR);
	const lay_lines *ls = lay_break(l, &t, 10, width);
	buf_t b = {0};
	for (size_t i = 0; i < ls->nlines; i++) {
		if (i)
			buf_putc(&b, '|');
		for (size_t a = ls->lines[i].a0; a < ls->lines[i].a1; a++) {
			if (ls->atoms[a].space && a > ls->lines[i].a0)
				buf_putc(&b, ' ');
			buf_add(&b, t.text.s + ls->atoms[a].off, ls->atoms[a].len);
			if (ls->atoms[a].hyphen)
				buf_putc(&b, '-');
		}
	}
	rich_free(&t);
	return buf_take(&b);
}

static void test_line_breaks(void **st)
{
	(void)st;
	pdf_setup s = {{FONT ".ttf", FONT "-Bold.ttf", FONT "-Oblique.ttf", FONT "-BoldOblique.ttf"}, NULL, "t", NULL,
		NULL, NULL, "nl-NL", 0};
	pdfdoc *d = pdf_open(&s);
	if (pdf_error(d)) {
		pdf_close(d);
		skip();
	}
	hyph *h = hyph_open(DIC);
	lay_setup ls = {d, h, NULL, NULL, NULL, NULL, NULL};
	lay *l = lay_new(&ls);
	lay_pass_begin(l, 1);
	/* an amount, a value with its unit and a date stay whole */
	char *got = lines_of(l, "Het budget is € 50.000 en de termijn 2,5 werkdagen op 31 december 2025.", 95);
	assert_non_null(strstr(got, "€ 50.000"));
	assert_non_null(strstr(got, "2,5 werkdagen"));
	if (!strstr(got, "31 december 2025"))
		fail_msg("%s", got);
	free(got);
	/* a word that does not fit is broken with a hyphen where the dictionary allows */
	got = lines_of(l, "De dienstverlening", 90);
	if (h)
		assert_string_equal(got, "De dienstverle-|ning");
	free(got);
	/* after a written hyphen a line may end, and no hyphen is added */
	got = lines_of(l, "MKB-vriendelijkste", 40);
	assert_non_null(strstr(got, "MKB-|"));
	free(got);
	lay_pass_end(l);
	lay_free(l);
	hyph_close(h);
	pdf_close(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_explanations),
		cmocka_unit_test(test_explanation_missing),
		cmocka_unit_test(test_explanation_errors),
		cmocka_unit_test(test_finances),
		cmocka_unit_test(test_key_messages),
		cmocka_unit_test(test_hyphenation),
		cmocka_unit_test(test_line_breaks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
