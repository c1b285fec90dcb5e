/* Front matter schema: every error names file, line and column. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "load/content.h"
#include "model/present.h"
#include "helpers.h"

static const char *load(captured *c, model_t **m, const char *text)
{
	*m = model_new();
	content_load_text(*m, "a.md", "content/a.md", text, strlen(text), &c->d);
	return cap_text(c);
}

static void expect(const char *text, const char *messages)
{
	captured c;
	cap_open(&c);
	model_t *m;
	const char *got = load(&c, &m, text);
	if (strcmp(got, messages) != 0)
		fail_msg("expected:\n%s\ngot:\n%s", messages, got);
	model_free(m);
	cap_close(&c);
}

static void test_valid_action(void **st)
{
	(void)st;
	captured c;
	cap_open(&c);
	model_t *m;
	const char *got = load(&c, &m,
		"---\ntitel: Proef\nsoort: actie\neigenaar: Team X\nmijlpalen:\n"
		"  - {datum: 2024-Q3, wat: Klaar, gereed: ja}\n  - {datum: 2024-05-31, wat: Later}\n"
		"kpi:\n  - id: p\n    naam: Proef\n    maat: termijn\n    bron: x.csv\n    start: a\n    einde: b\n"
		"    termijn: 2 werkdagen\n    richting: lager\n    doelen:\n      - {waarde: 30, datum: 2024}\n"
		"---\nInleiding.\n\n## Specifiek\n\nWat *precies*.\n\n## Vertrouwen\n\nDaarom.\n\n## Extra\n\nBlijft.\n");
	assert_string_equal(got, "");
	assert_int_equal((int)m->npages, 1);
	page_t *p = m->pages[0];
	assert_string_equal(p->slug, "a");
	assert_int_equal(p->soort, SOORT_ACTIE);
	assert_int_equal((int)p->nms, 2);
	assert_true(p->ms[0].gereed);
	char when[40];
	present_when(&p->ms[0], when);
	assert_string_equal(when, "3e kwartaal 2024");
	assert_int_equal(p->ms[0].last, day_from_ymd(2024, 9, 30));
	present_when(&p->ms[1], when);
	assert_string_equal(when, "31 mei 2024");
	assert_non_null(p->smart[SMART_S]);
	assert_null(p->smart[SMART_M]);
	assert_non_null(p->amb[AMB_VERTROUWEN]);
	buf_t b = {0};
	md_html(p->smart[SMART_S], 0, "", &b);
	assert_string_equal(b.s, "<p>Wat <em>precies</em>.</p>\n");
	buf_reset(&b);
	md_html(p->body, 0, "", &b);
	assert_string_equal(b.s, "<p>Inleiding.</p>\n<h2>Extra</h2>\n<p>Blijft.</p>\n");
	buf_free(&b);
	assert_int_equal((int)m->nkpis, 1);
	kpi_t *k = m->kpis[0];
	assert_int_equal(k->def.termijn, 2);
	assert_true(k->def.werkdagen);
	assert_true(k->def.lager);
	assert_int_equal(k->def.doelen[0].datum, day_from_ymd(2024, 12, 31));
	model_free(m);
	cap_close(&c);
}

static void test_raw_html_dropped(void **st)
{
	(void)st;
	captured c;
	cap_open(&c);
	model_t *m;
	load(&c, &m, "---\ntitel: T\nsoort: programma\n---\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b>vet</b>\n");
	buf_t b = {0};
	md_html(m->pages[0]->body, 0, "", &b);
	assert_null(strstr(b.s, "<script"));
	assert_null(strstr(b.s, "javascript:"));
	assert_null(strstr(b.s, "<b>"));
	buf_free(&b);
	model_free(m);
	cap_close(&c);
}

static void test_errors(void **st)
{
	(void)st;
	expect("geen front matter\n", "content/a.md:1:1: fout: het bestand moet beginnen met een regel '---'. Daaronder komen titel, soort en de andere gegevens van de pagina, en dan weer een regel '---'\n");
	expect("---\ntitel: x\n", "content/a.md:1:1: fout: de gegevens bovenaan het bestand worden niet afgesloten met een regel '---'\n");
	expect("---\ntitel: [x\n---\n",
	       "content/a.md:2:8: fout: hier begint een lijst met [, maar die wordt niet afgesloten met ] op dezelfde regel\n");
	/* indentation, tabs, colons and quotes, told as what to change on that line */
	expect("---\ntitel: T\n soort: programma\n---\n",
	       "content/a.md:3:7: fout: 'soort:' springt verder in dan 'titel:' op de regel erboven. Zet 'soort:' recht onder 'titel:'\n");
	expect("---\ntitel: T\n\tsoort: programma\n---\n",
	       "content/a.md:3:1: fout: op deze regel staat een tab. Spring in met spaties, niet met de Tab-toets\n");
	expect("---\ntitel: Let op: dit\nsoort: programma\n---\n",
	       "content/a.md:2:14: fout: in de tekst na 'titel:' staat een dubbele punt met een spatie erachter. Zet de hele tekst tussen aanhalingstekens, zoals: titel: \"...\"\n");
	expect("---\ntitel: \"T\nsoort: programma\n---\n",
	       "content/a.md:2:8: fout: de tekst na 'titel:' begint met een aanhalingsteken, maar heeft er aan het eind geen. Zet er een aanhalingsteken achter, of haal het weg\n");
	expect("---\ntitel: T\nsoort: programma\nkleur: rood\n---\n",
	       "content/a.md:4:1: fout: 'kleur:' kent meetlat niet in de kop van het bestand. Mogelijk zijn: titel, soort, samenvatting, gemeente, peildatum, sluitingsdagen, thema, uitgelicht, website, afkortingen, programmajaar, raadsrapportage, stand\n");
	expect("---\ntitel: T\nsoort: rapport\n---\n",
	       "content/a.md:3:8: fout: 'soort' heeft een onbekende waarde 'rapport'; kies uit: programma, actie, teamdoel, team\n");
	expect("---\nsoort: programma\n---\n", "content/a.md:2:1: fout: de kop van het bestand mist 'titel:'\n");
	expect("---\ntitel: [a, b]\nsoort: programma\n---\n",
	       "content/a.md:2:8: fout: 'titel' moet een waarde zijn, niet een opsomming (- ...)\n");
	expect("---\ntitel: T\nsoort: programma\npeildatum: 2024-02-30\n---\n",
	       "content/a.md:4:12: fout: 'peildatum' is geen datum: '2024-02-30'. Februari 2024 heeft 29 dagen\n");
	expect("---\ntitel: T\nsoort: actie\neigenaar: X\nmijlpalen:\n  - {datum: Q3 2024, wat: Y, gereed: misschien}\n---\n## Specifiek\n\nS.\n",
	       "content/a.md:6:13: fout: 'datum' is geen datum of periode: 'Q3 2024' (schrijf 2024-05-31, 2024-05, 2024-K3 of 2024)\n"
	       "content/a.md:6:38: fout: 'gereed' moet ja of nee zijn (true of false), niet 'misschien'\n");
	expect("---\ntitel: T\nsoort: actie\neigenaar: X\n---\nGeen secties.\n",
	       "content/a.md:5: fout: de sectie '## Specifiek' ontbreekt: zeg wat deze actie wil bereiken\n");
	expect("---\ntitel: T\nsoort: programma\n---\n# Kop\n",
	       "content/a.md:5:1: waarschuwing: kop '# Kop': de paginatitel komt uit 'titel'; begin koppen in de tekst met ##\n");
}

static void test_kpi_errors(void **st)
{
	(void)st;
	const char *head = "---\ntitel: T\nsoort: teamdoel\neigenaar: X\nkpi:\n";
	const char *tail = "---\n## Specifiek\n\nS.\n";
	char text[2048];
	snprintf(text, sizeof text, "%s  - id: Fout Id\n    naam: N\n    maat: termijn\n    bron: x.csv\n"
	         "    start: a\n    einde: b\n    termijn: twee dagen\n    richting: omhoog\n    kolom: c\n%s", head, tail);
	expect(text,
	       "content/a.md:6:9: fout: 'id' mag alleen kleine letters, cijfers, - en _ bevatten: 'Fout Id'\n"
	       "content/a.md:13:15: fout: 'richting' heeft een onbekende waarde 'omhoog'; kies uit: hoger, lager\n"
	       "content/a.md:12:14: fout: 'termijn' moet een aantal werkdagen of dagen zijn, zoals '2 werkdagen' of '30 dagen', niet 'twee dagen'\n"
	       "content/a.md:14:12: fout: 'kolom' hoort niet bij maat 'termijn'\n");
	snprintf(text, sizeof text, "%s  - id: g\n    naam: N\n    maat: gemiddelde\n    bron: x.csv\n"
	         "    kolom: c\n    richting: hoger\n    minimum: 2.5\n    doelen:\n      - {waarde: 8, datum: 2027}\n"
	         "      - {waarde: 7, datum: 2025}\n%s", head, tail);
	expect(text,
	       "content/a.md:12:14: fout: 'minimum' moet een heel getal van 1 of meer zijn\n"
	       "content/a.md:6:5: fout: een kpi met maat 'gemiddelde' mist 'datum:' (de kolom met de datum van een regel)\n"
	       "content/a.md:15:9: fout: de doelen moeten op datum staan, vroegste eerst\n");
}

static void test_duplicates(void **st)
{
	(void)st;
	captured c;
	cap_open(&c);
	model_t *m = model_new();
	const char *k = "---\ntitel: T\nsoort: teamdoel\neigenaar: X\nkpi:\n  - {id: k, naam: N, maat: aantal, bron: x.csv, datum: d, richting: lager}\n---\n## Specifiek\n\nS.\n";
	content_load_text(m, "01-a.md", "content/01-a.md", k, strlen(k), &c.d);
	content_load_text(m, "02-a.md", "content/02-a.md", k, strlen(k), &c.d);
	assert_int_equal(content_finish(m, "content", &c.d), -1);
	assert_int_equal(diag_errors(&c.d), 2);
	assert_string_equal(cap_text(&c),
	                    "content/02-a.md:6:5: fout: kpi-id 'k' bestaat al (content/01-a.md:6)\n"
	                    "content/02-a.md: fout: geeft dezelfde paginanaam 'a' als 01-a.md; hernoem een van beide\n");
	model_free(m);
	cap_close(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_action), cmocka_unit_test(test_raw_html_dropped),
		cmocka_unit_test(test_errors), cmocka_unit_test(test_kpi_errors),
		cmocka_unit_test(test_duplicates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
