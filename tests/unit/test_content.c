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
		"      - {waarde: 15, datum: 2025, afgeleid: ja}\n"
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
	/* a target marked afgeleid: its value or date is assumed, the KPI's afgeleid says why */
	assert_false(k->def.doelen[0].afgeleid);
	assert_true(k->def.doelen[1].afgeleid);
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
	       "content/a.md:2:8: fout: hier begint een lijst met [, maar die wordt op deze regel niet afgesloten. Zet een ] aan het eind van de regel: titel: [x]\n");
	/* indentation, tabs, colons and quotes, told as what to change on that line */
	expect("---\ntitel: T\n soort: programma\n---\n",
	       "content/a.md:3:7: fout: 'soort:' springt verder in dan 'titel:' op de regel erboven. Zet 'soort:' recht onder 'titel:'\n");
	expect("---\ntitel: T\n\tsoort: programma\n---\n",
	       "content/a.md:3:1: fout: op deze regel staat een tab. Spring in met spaties, niet met de Tab-toets\n");
	expect("---\ntitel: Let op: dit\nsoort: programma\n---\n",
	       "content/a.md:2:14: fout: in de tekst na 'titel:' staat een dubbele punt met een spatie erachter. Zet de tekst tussen aanhalingstekens: titel: \"Let op: dit\"\n");
	expect("---\ntitel: \"T\nsoort: programma\n---\n",
	       "content/a.md:2:8: fout: de tekst na 'titel:' begint met een aanhalingsteken (\"), maar heeft er op deze regel geen aan het eind. Zet er een \" achter, aan het eind van de tekst, of haal het weg\n");
	expect("---\ntitel: T\nsoort: programma\nkleur: rood\n---\n",
	       "content/a.md:4:1: fout: 'kleur:' kent meetlat niet in de kop van het bestand. Mogelijk zijn: titel, soort, samenvatting, gemeente, peildatum, sluitingsdagen, thema, uitgelicht, website, afkortingen, programmajaar, raadsrapportage, stand, portefeuillehouder\n");
	expect("---\ntitel: T\nsoort: rapport\n---\n",
	       "content/a.md:3:8: fout: 'soort' heeft een onbekende waarde 'rapport'; kies uit: programma, actie, teamdoel, team\n");
	expect("---\nsoort: programma\n---\n", "content/a.md:2:1: fout: de kop van het bestand mist 'titel:'\n");
	expect("---\ntitel: [a, b]\nsoort: programma\n---\n",
	       "content/a.md:2:8: fout: 'titel' moet een waarde zijn, niet een opsomming (- ...)\n");
	expect("---\ntitel: T\nsoort: programma\npeildatum: 2024-02-30\n---\n",
	       "content/a.md:4:12: fout: 'peildatum' is geen datum: '2024-02-30'. Februari 2024 heeft 29 dagen\n");
	expect("---\ntitel: T\nsoort: actie\neigenaar: X\nmijlpalen:\n  - {datum: Q5 2024, wat: Y, gereed: misschien}\n---\n## Specifiek\n\nS.\n",
	       "content/a.md:6:13: fout: 'datum' is geen datum of periode: 'Q5 2024'. Schrijf 2024-05-31, 2024-05, 2024-K3 of 2024, of zoals in de rapportages: 31 mei 2024, mei 2024, 3e kwartaal 2024\n"
	       "content/a.md:6:38: fout: 'gereed' moet ja of nee zijn (true of false), niet 'misschien'\n");
	expect("---\ntitel: T\nsoort: actie\neigenaar: X\n---\nGeen secties.\n",
	       "content/a.md:5: fout: de sectie '## Specifiek' ontbreekt: zeg wat deze actie wil bereiken\n");
	expect("---\ntitel: T\nsoort: programma\n---\n# Kop\n",
	       "content/a.md:5:1: waarschuwing: kop '# Kop': de paginatitel komt uit 'titel'; begin koppen in de tekst met ##\n");
}

/* The slips people make in the head of a file: each named on its own line, with what to type,
 * and nothing that merely follows from it. */
static void test_slips(void **st)
{
	(void)st;
	const char *act = "soort: actie\neigenaar: Team X\n";
	const char *body = "---\n## Specifiek\n\nS.\n";
	static const struct { const char *head, *want; } cases[] = {
		/* a key without its colon: on its own line, not the next one */
		{"titel Proef\nsoort: actie\neigenaar: Team X\n",
		 "content/a.md:2:6: fout: na 'titel' hoort een dubbele punt. Schrijf: titel: Proef\n"},
		{"titel: Proef\nsoort: actie\neigenaar Team X\nmijlpalen:\n  - {datum: 2024, wat: W}\n",
		 "content/a.md:4:9: fout: na 'eigenaar' hoort een dubbele punt. Schrijf: eigenaar: Team X\n"},
		{"titel: Proef\nsoort: actie\neigenaar: Team X\nmijlpalen\n  - {datum: 2024, wat: W}\n",
		 "content/a.md:5:10: fout: na 'mijlpalen' hoort een dubbele punt. Schrijf: mijlpalen:\n"},
		/* in { }: 'gereed ja' and a decimal comma */
		{"titel: Proef\nsoort: actie\neigenaar: Team X\nmijlpalen:\n  - {datum: 2024, wat: W, gereed ja}\n",
		 "content/a.md:6:33: fout: na 'gereed' hoort een dubbele punt en een spatie. Schrijf: gereed: ja\n"},
		/* an unclosed quote, or a colon in a text: named where they are, not as an unclosed { */
		{"titel: Proef\nsoort: actie\neigenaar: Team X\nmijlpalen:\n  - {datum: 2024, wat: \"W, gereed: ja}\n"
		 "  - {datum: 2025, wat: \"V\"}\n",
		 "content/a.md:6:24: fout: de tekst na 'wat:' begint met een aanhalingsteken (\"), maar heeft er op deze regel geen "
		 "aan het eind. Zet er een \" achter, aan het eind van de tekst, of haal het weg\n"},
		{"titel: Proef\nsoort: actie\neigenaar: Team X\nmijlpalen:\n  - {datum: 2024, wat: Kubus: live}\n",
		 "content/a.md:6:29: fout: in de tekst na 'wat:' staat een dubbele punt met een spatie erachter. Zet de tekst tussen "
		 "aanhalingstekens: wat: \"Kubus: live\"\n"},
		{"titel: Proef\nsoort: actie\neigenaar: Team X\nmijlpalen:\n  - {datum: 2024, wat: W\n",
		 "content/a.md:6:5: fout: hier begint een rij met {, maar die wordt op deze regel niet afgesloten. Zet een } aan het "
		 "eind van de regel: - {datum: 2024, wat: W}\n"},
		/* a list item without its dash */
		{"titel: Proef\nsoort: actie\neigenaar: Team X\nmijlpalen:\n  - {datum: 2024, wat: W}\n  {datum: 2025, wat: V}\n",
		 "content/a.md:7:3: fout: hier begint een nieuw onderdeel van de opsomming onder 'mijlpalen:', maar het streepje "
		 "ontbreekt. Schrijf: - {datum: 2025, wat: V}\n"},
		/* a key written with a space or a letter off: one message, no 'mist eigenaar' after it */
		{"titel: Proef\nsoort: actie\neigen aar: Team X\n",
		 "content/a.md:4:1: fout: 'eigen aar:' kent meetlat niet in de kop van het bestand; bedoelt u 'eigenaar:'?\n"},
		{"titel: Proef\nsoort: actie\neigenaar: Team X\nmijlpaalen:\n  - {datum: 2024, wat: W}\n",
		 "content/a.md:5:1: fout: 'mijlpaalen:' kent meetlat niet in de kop van het bestand; bedoelt u 'mijlpalen:'?\n"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *text = xasprintf("---\n%s%s", cases[i].head, body);
		expect(text, cases[i].want);
		free(text);
	}
	(void)act;
	/* a decimal comma in { } */
	char *kpi = xasprintf("---\ntitel: T\n%skpi:\n  - {id: p, naam: P, maat: aantal, bron: x.csv, datum: d, "
	                      "richting: hoger, nulmeting: {waarde: 15,5, datum: 2023}}\n%s",
	                      act, body);
	expect(kpi, "content/a.md:6:96: fout: 'waarde: 15,5': tussen { en } scheidt een komma twee onderdelen, dus dit "
	            "leest als 15. Schrijf het getal met een punt: waarde: 15.5\n");
	free(kpi);
}

/* Dates as the outputs print them are read back in the content. */
static void test_dates_in_words(void **st)
{
	(void)st;
	captured c;
	cap_open(&c);
	model_t *m;
	const char *got = load(&c, &m,
		"---\ntitel: Proef\nsoort: actie\neigenaar: Team X\nmijlpalen:\n"
		"  - {datum: juni 2024, wat: A}\n  - {datum: 2e kwartaal 2024, wat: B}\n  - {datum: K3 2024, wat: C}\n"
		"  - {datum: 1 oktober 2024, wat: D}\n  - {datum: eind 2024, wat: E}\n  - {datum: 1 okt 2024, wat: F}\n"
		"---\n## Specifiek\n\nS.\n");
	assert_string_equal(got, "");
	page_t *p = m->pages[0];
	assert_int_equal((int)p->nms, 6);
	assert_int_equal(p->ms[0].first, day_from_ymd(2024, 6, 1));
	assert_int_equal(p->ms[0].last, day_from_ymd(2024, 6, 30));
	assert_int_equal(p->ms[0].when_per, PER_MAAND);
	assert_int_equal(p->ms[1].last, day_from_ymd(2024, 6, 30));
	assert_int_equal(p->ms[1].when_per, PER_KWARTAAL);
	assert_int_equal(p->ms[2].first, day_from_ymd(2024, 7, 1));
	assert_int_equal(p->ms[3].first, day_from_ymd(2024, 10, 1));
	assert_int_equal(p->ms[3].when_per, -1);
	assert_int_equal(p->ms[4].first, day_from_ymd(2024, 12, 31));
	assert_int_equal(p->ms[4].when_per, -1);
	assert_int_equal(p->ms[5].first, day_from_ymd(2024, 10, 1));
	model_free(m);
	cap_close(&c);
	/* a day that does not exist in words is no date */
	expect("---\ntitel: T\nsoort: programma\npeildatum: 31 juni 2024\n---\n",
	       "content/a.md:4:12: fout: 'peildatum' is geen datum: '31 juni 2024'. Juni 2024 heeft 30 dagen\n");
	expect("---\ntitel: T\nsoort: programma\npeildatum: 30 juni 2024\n---\n", "");
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
		cmocka_unit_test(test_duplicates), cmocka_unit_test(test_slips), cmocka_unit_test(test_dates_in_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
