/* Plain language: Dutch sentences and words, officialese, abbreviations in running text, the
 * content schema for abbreviations and inferences, and the check with file and line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "load/content.h"
#include "model/abbrev.h"
#include "model/b1.h"
#include "helpers.h"

/* The sentences of s, joined by " | ", with their word counts: "Een zin. (2) | Nog een. (2)". */
static char *split(const char *s)
{
	b1_sentence *x;
	size_t n = b1_sentences(s, strlen(s), &x);
	buf_t b = {0};
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%.*s (%d)", i ? " | " : "", (int)x[i].len, s + x[i].start, x[i].words);
	free(x);
	return b.s ? buf_take(&b) : xstrdup("");
}

static void expect_split(const char *s, const char *want)
{
	char *got = split(s);
	if (strcmp(got, want) != 0)
		fail_msg("for: %s\nwant: %s\ngot:  %s", s, want, got);
	free(got);
}

static void test_sentences(void **st)
{
	(void)st;
	expect_split("Een zin. Nog een zin!", "Een zin. (2) | Nog een zin! (3)");
	/* short forms, initials, dotted abbreviations and numbers do not end a sentence */
	expect_split("Dit is bijv. een test. Dat o.a. ook. En d.w.z. nog meer.",
	             "Dit is bijv. een test. (5) | Dat o.a. ook. (3) | En d.w.z. nog meer. (4)");
	expect_split("Een 6,7 en 1.234 of 6.7 tellen als woord. J. de Vries komt.",
	             "Een 6,7 en 1.234 of 6.7 tellen als woord. (9) | J. de Vries komt. (4)");
	/* a full stop before a lower-case word ends nothing: a numbered list inside a sentence */
	expect_split("Q2: verzamelen: 1. wetgeving; 2. manier van aanvragen.",
	             "Q2: verzamelen: 1. wetgeving; 2. manier van aanvragen. (8)");
	/* a sentence may end with a year, a bracket or a quote */
	expect_split("We starten in 2024. Daarna meten we.", "We starten in 2024. (4) | Daarna meten we. (3)");
	expect_split("Een vraag (wie heeft dit jaar gewonnen?). De week begint.",
	             "Een vraag (wie heeft dit jaar gewonnen?). (7) | De week begint. (3)");
	expect_split("Hij zei ‘klaar.’ Toen ging hij.", "Hij zei ‘klaar.’ (3) | Toen ging hij. (3)");
	expect_split("(telefonie, chat, etc.) door het KCC. Ook meer.",
	             "(telefonie, chat, etc.) door het KCC. (6) | Ook meer. (2)");
	expect_split("Sluit af met etc. Ook dit.", "Sluit af met etc. (4) | Ook dit. (2)");
	/* a domain at the end of a sentence is no dotted abbreviation */
	expect_split("Kijk op dronten.nl. Daar staat het.", "Kijk op dronten.nl. (3) | Daar staat het. (3)");
	/* a capital with an accent starts a sentence; line breaks are spaces */
	expect_split("Een.\nÉén loket.", "Een. (1) | Één loket. (2)");
	/* signs are no words; the last sentence needs no full stop */
	expect_split("Boven € 50.000 – niet minder", "Boven € 50.000 – niet minder (4)");
	expect_split("", "");
	expect_split(" . ", "");
}

static void test_sentence_lines(void **st)
{
	(void)st;
	const char *s = "Eerste zin.\nTweede\nzin. Derde zin.";
	b1_sentence *x;
	size_t n = b1_sentences(s, strlen(s), &x);
	assert_int_equal((int)n, 3);
	assert_int_equal(x[0].line, 0);
	assert_int_equal(x[1].line, 1);
	assert_int_equal(x[2].line, 2);
	free(x);
}

static void test_words(void **st)
{
	(void)st;
	const char *w = "Het KCC's (klant)contact en/of € 50.000 - ja";
	assert_int_equal(b1_words(w, strlen(w)), 6);
	assert_int_equal(b1_words("  ", 2), 0);
	assert_int_equal(b1_words("één", strlen("één")), 1);
}

static int stiff(const char *s, char *out)
{
	size_t at, n;
	int e = b1_stiff_next(s, strlen(s), 0, &at, &n);
	if (e >= 0)
		snprintf(out, 64, "%.*s", (int)n, s + at);
	return e;
}

static void test_officialese(void **st)
{
	(void)st;
	char w[64];
	assert_true(stiff("Om dit te bewerkstelligen gaan we", w) >= 0);
	assert_string_equal(w, "bewerkstelligen");
	int e = stiff("met als doel de dienstverlening te Optimaliseren.", w);
	assert_string_equal(w, "Optimaliseren");
	assert_string_equal(b1_stiff_plain(e), "verbeteren");
	assert_true(stiff("dit is in het kader\nvan de wet", w) >= 0);
	assert_string_equal(w, "in het kader\nvan");
	assert_true(stiff("Indien nodig", w) >= 0);
	assert_string_equal(w, "Indien");
	/* inside another word, or a plain word that starts alike: nothing */
	assert_int_equal(stiff("een optimale dienst", w), -1);
	assert_int_equal(stiff("de faciliteit", w), -1);
	assert_int_equal(stiff("conformiteit en indiening", w), -1);
	assert_int_equal(stiff("herimplementeren", w), -1);
	assert_true(b1_nstiff() > 10);
}

static const abbrev_t list[] = {
	{"VTH", "Vergunningverlening, Toezicht en Handhaving", 1},
	{"MKB", "midden- en kleinbedrijf", 2},
	{"Wmo", "Wet maatschappelijke ondersteuning", 3},
	{"MT", "managementteam", 4},
};

static char *marks(const char *s)
{
	buf_t b = {0};
	size_t from = 0, at, n;
	int i;
	abbrev_set set;
	abbrev_set_init(&set, list, 4);
	while ((i = abbrev_next(&set, s, strlen(s), from, &at, &n)) >= 0) {
		buf_printf(&b, "%s%d@%zu", b.len ? " " : "", i, at);
		from = at + n;
	}
	return b.s ? buf_take(&b) : xstrdup("");
}

static void test_abbreviations(void **st)
{
	(void)st;
	char *m = marks("VTH-APV, het MKB's en (MT). Niet: VTHX, XVTH, mt, WMO, éMT, MTé. Wel: Wmo–MT");
	assert_string_equal(m, "0@0 1@13 3@23 2@72 3@78"); /* byte offsets: é is two bytes */
	free(m);
	assert_int_equal(abbrev_index(list, 4, "Wmo", 3), 2);
	assert_int_equal(abbrev_index(list, 4, "WMO", 3), -1);
	assert_true(abbrev_looks_like("VTH", 3));
	assert_true(abbrev_looks_like("B1", 2));
	assert_true(abbrev_looks_like("MT", 2));
	assert_false(abbrev_looks_like("Q3", 2));
	assert_false(abbrev_looks_like("K1", 2));
	assert_false(abbrev_looks_like("XIV", 3));
	assert_false(abbrev_looks_like("Wmo", 3));
	assert_false(abbrev_looks_like("A", 1));
	assert_false(abbrev_looks_like("2024", 4));
	/* where an expansion goes: after the word, before its punctuation */
	const char *s = "het MKB-vriendelijkste, (MKB) en ‘MT’.";
	assert_int_equal((int)abbrev_word_end(s, strlen(s), 4), 22);
	assert_int_equal((int)abbrev_word_end(s, strlen(s), 25), 28);
	size_t q = (size_t)(strstr(s, "MT") - s);
	assert_int_equal((int)abbrev_word_end(s, strlen(s), q), (int)q + 2);
}

static model_t *load(captured *c, const char *name, const char *text)
{
	model_t *m = model_new();
	content_load_text(m, name, name, text, strlen(text), &c->d);
	return m;
}

static void test_schema(void **st)
{
	(void)st;
	captured c;
	cap_open(&c);
	model_t *m = model_new();
	const char *conf = "---\ntitel: P\nsoort: programma\nprogrammajaar: 2023\nafkortingen:\n  VTH: Vergunningverlening\n"
	                   "  B1: een taalniveau\n  V T: fout\n  MT: \"\"\n  VTH: twee keer\n---\nTekst.\n";
	content_load_text(m, "01.md", "content/01.md", conf, strlen(conf), &c.d);
	const char *goal = "---\ntitel: T\nsoort: actie\neigenaar: {naam: Subteam, afgeleid: Niet genoemd.}\n"
	                   "mijlpalen:\n  - {datum: 2024-Q1, wat: Klaar, afgeleid: Geen jaar.}\n---\n## Specifiek\n\nS.\n";
	content_load_text(m, "02.md", "content/02.md", goal, strlen(goal), &c.d);
	assert_string_equal(cap_text(&c),
	                    "content/01.md:8:3: fout: afkorting 'V T': schrijf de afkorting zelf, in letters en cijfers zonder "
	                    "spaties of punten (ten hoogste 20), zoals VTH of B1\n"
	                    "content/01.md:9:7: fout: 'MT' is leeg\n"
	                    "content/01.md:10:3: fout: afkorting 'VTH' staat er twee keer (ook op regel 6). Laat er één staan\n");
	assert_int_equal(m->programmajaar, 2023);
	assert_int_equal((int)m->nabbrevs, 2);
	assert_string_equal(m->abbrevs[1].term, "B1");
	assert_string_equal(m->abbrevs[1].full, "een taalniveau");
	const page_t *p = m->pages[1];
	assert_string_equal(p->eigenaar, "Subteam");
	assert_string_equal(p->eigenaar_afgeleid, "Niet genoemd.");
	assert_string_equal(p->ms[0].afgeleid, "Geen jaar.");
	assert_int_equal(p->body_line, 7);
	model_free(m);
	cap_close(&c);
}

/* 45 words in one sentence, on lines 9 and 10 of the file. */
static const char long_one[] =
	"Om de ambities te bewerkstelligen zal de gemeente onder andere inzetten op het nieuwe akkoord, en ook "
	"andere\ninitiatieven zoals het GALA en het IZA krijgen aandacht in relatie tot sport en beweging voor "
	"alle inwoners van de gemeente die dat willen en kunnen doen.";

static void test_check(void **st)
{
	(void)st;
	captured c;
	cap_open(&c);
	char *text = xasprintf("---\ntitel: Sport\nsoort: teamdoel\neigenaar: Team Sport\nsamenvatting: Een doel van het MT.\n"
	                       "---\n## Specifiek\n\n%s\n\nKort. Ook kort.\n",
	                       long_one);
	model_t *m = load(&c, "29-sport.md", text);
	free(text);
	assert_string_equal(cap_text(&c), "");
	b1_sentence *x;
	assert_int_equal((int)b1_sentences(long_one, strlen(long_one), &x), 1);
	assert_int_equal(x[0].words, 45);
	free(x);
	b1_check(m, "content", &c.d);
	assert_string_equal(cap_text(&c),
	                    "content/29-sport.md:5: let op: de afkorting ‘MT’ wordt nergens uitgelegd. Zet hem met zijn "
	                    "betekenis onder ‘afkortingen:’ bij de instellingen van het programma\n"
	                    "content/29-sport.md:9: let op: lange zin (45 woorden): ‘Om de ambities te bewerkstelligen zal …’. "
	                    "Maak er twee of drie zinnen van: meer dan 25 woorden is moeilijk te lezen\n"
	                    "content/29-sport.md:9: let op: ambtelijk: ‘bewerkstelligen’. Schrijf liever: zorgen voor, bereiken\n"
	                    "content/29-sport.md:10: let op: ambtelijk: ‘in relatie tot’. Schrijf liever: over, bij\n"
	                    "content/29-sport.md:10: let op: de afkorting ‘GALA’ wordt nergens uitgelegd. Zet hem met zijn "
	                    "betekenis onder ‘afkortingen:’ bij de instellingen van het programma\n"
	                    "content/29-sport.md:10: let op: de afkorting ‘IZA’ wordt nergens uitgelegd. Zet hem met zijn "
	                    "betekenis onder ‘afkortingen:’ bij de instellingen van het programma\n"
	                    "content: let op: duidelijke taal: 3 zinnen in de tekst van het programma, 67% met ten hoogste 20 "
	                    "woorden; 1 zin langer dan 25 woorden, 2 ambtelijke woorden, 3 afkortingen zonder uitleg\n");
	b1_stats s;
	b1_page_stats(m->pages[0], &s);
	assert_int_equal(s.sentences, 3);
	assert_int_equal(s.short_ones, 2);
	assert_int_equal(s.long_ones, 1);
	/* quiet: no notices at all */
	captured q;
	cap_open(&q);
	q.d.quiet = 1;
	b1_check(m, "content", &q.d);
	assert_string_equal(cap_text(&q), "");
	assert_int_equal(diag_errors(&q.d), 0);
	cap_close(&q);
	model_free(m);
	cap_close(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sentences), cmocka_unit_test(test_sentence_lines), cmocka_unit_test(test_words),
		cmocka_unit_test(test_officialese), cmocka_unit_test(test_abbreviations), cmocka_unit_test(test_schema),
		cmocka_unit_test(test_check),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
