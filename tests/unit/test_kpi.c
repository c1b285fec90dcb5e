/* The KPI engine on small exports whose results are computed by hand in the comments. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "load/content.h"
#include "helpers.h"
#include "load/data.h"
#include "model/engine.h"
#include "model/present.h"

static char dir[64];

static void put(const char *name, const char *text)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **st)
{
	(void)st;
	strcpy(dir, "/tmp/meetlat-kpi-XXXXXX");
	assert_non_null(mkdtemp(dir));
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd);
}

static model_t *run(const char *front, int peil, captured *c)
{
	model_t *m = model_new();
	char text[16384];
	snprintf(text, sizeof text, "---\ntitel: T\nsoort: actie\neigenaar: X\n%s---\n## Specifiek\n\nS.\n", front);
	assert_int_equal(content_load_text(m, "t.md", "content/t.md", text, strlen(text), &c->d), 0);
	data_load(m, dir, "data", peil, &c->d);
	return m;
}

/* The status sentence as readers see it. */
static void assert_reason(const kpi_t *k, const char *want)
{
	char *got = present_reason(k);
	if (strcmp(got, want) != 0)
		fail_msg("reason:\n  got:  %s\n  want: %s", got, want);
	free(got);
}

static const char *CALLBACKS =
	"team;aangemaakt;teruggebeld;naam\n"
	"A;2024-03-28;2024-04-02;Jan\n"   /* Thu; deadline Tue 2 Apr (Good Friday works, Easter Monday not): in time */
	"A;2024-03-28;2024-04-03;Jan\n"   /* late */
	"A;30-3-2024 10:00;2024-04-03;Jan\n" /* Sat; deadline Wed 3 Apr: in time */
	"B;2024-03-29;;Piet\n"            /* Good Friday; deadline Wed 3 Apr; open */
	"B;2024-04-04;;Piet\n"            /* Thu; deadline Mon 8 Apr; open */
	"B;2024-04-04;2024-04-10;Piet\n"  /* deadline Mon 8 Apr; handled Wed 10 Apr */
	"B;2024-04-06;;Piet\n"            /* Sat; deadline Tue 9 Apr; open */
	"A;2024-02-15;2024-02-20;Jan\n";  /* Thu; deadline Mon 19 Feb: late */

static const char *CB_KPI =
	"kpi:\n  - id: cb\n    naam: Buiten termijn\n    maat: termijn\n    bron: cb.csv\n    start: aangemaakt\n"
	"    einde: teruggebeld\n    termijn: 2 werkdagen\n    per: maand\n    groep: team\n    richting: lager\n"
	"    nulmeting: {waarde: 60, datum: 2023-09-30}\n    doelen:\n      - {waarde: 30, datum: 2024-12-31}\n";

static void test_termijn_known_date(void **st)
{
	(void)st;
	put("cb.csv", CALLBACKS);
	captured c;
	cap_open(&c);
	/* reference date Friday 5 April 2024; the request of Saturday 6 April is named, not counted */
	model_t *m = run(CB_KPI, day_from_ymd(2024, 4, 5), &c);
	assert_string_equal(cap_text(&c), "data/cb.csv:8: let op: 1 regel begint na de peildatum (5 april 2024), tot 6 "
	                                  "april 2024; die telt pas mee in een volgende editie\n");
	kpi_t *k = m->kpis[0];
	int mar = period_of(PER_MAAND, day_from_ymd(2024, 3, 1));
	const cell_t *t = series_cell(&k->res.total, mar);
	/* March: rows 1-4; late: row 2 (handled late), row 4 (open past its deadline) */
	assert_int_equal(t->total, 4);
	assert_int_equal(t->n, 4);
	assert_int_equal(t->hits, 2);
	assert_int_equal(t->open, 0);
	assert_true(fabs(t->value - 50.0) < 1e-9);
	/* April: rows 5 and 6 are still within their deadline on 5 April (row 6 was handled
	 * after the reference date, so it was open then); row 7 came after it */
	t = series_cell(&k->res.total, mar + 1);
	assert_int_equal(t->total, 2);
	assert_int_equal(t->open, 2);
	assert_false(t->has_value);
	/* February: one late */
	assert_true(fabs(series_cell(&k->res.total, mar - 1)->value - 100.0) < 1e-9);
	assert_int_equal((int)k->res.ngroups, 2);
	assert_string_equal(k->res.groups[0].name, "A");
	assert_true(fabs(series_cell(&k->res.groups[0], mar)->value - 100.0 / 3) < 1e-9);
	assert_true(fabs(series_cell(&k->res.groups[1], mar)->value - 100.0) < 1e-9);
	/* status on the latest month with a value (March, 50%) against the straight path
	 * from 60% on 30-9-2023 to 30% on 31-12-2024: 60 - 30 * 188/458 = 47,7% on 5 April;
	 * 50% is worse but within a quarter of the 30-point gap */
	assert_int_equal(k->res.status, ST_RISICO);
	assert_reason(k, "In maart 2024 was het percentage 50,0%. Het doel is ten hoogste 30% eind 2024. Op weg naar dat "
	                 "doel zou het percentage nu ten hoogste 47,7% moeten zijn. Het percentage is iets te hoog. Daarom "
	                 "is de status risico.");
	/* no personal column was read */
	assert_true(m->files[0].used);
	assert_int_equal(m->files[0].rows, 8);
	model_free(m);
	cap_close(&c);
}

static void test_termijn_derived_date(void **st)
{
	(void)st;
	put("cb.csv", CALLBACKS);
	captured c;
	cap_open(&c);
	model_t *m = run(CB_KPI, DAY_NONE, &c);
	/* the data run to 10 April 2024 (a handled date): April is not complete, so the reference
	 * date is the end of the last complete month, 31 March; the three April requests are named
	 * and wait for the next edition */
	assert_int_equal(m->peildatum, day_from_ymd(2024, 3, 31));
	assert_int_equal(m->peildatum_bron, PEIL_GEGEVENS);
	assert_string_equal(cap_text(&c), "data/cb.csv:6: let op: 3 regels beginnen na de peildatum (31 maart 2024), tot 6 "
	                                  "april 2024; die tellen pas mee in een volgende editie\n");
	kpi_t *k = m->kpis[0];
	int mar = period_of(PER_MAAND, day_from_ymd(2024, 3, 1));
	const cell_t *t = series_cell(&k->res.total, mar);
	/* on 31 March all four March requests were still open, within their deadlines (2 and 3
	 * April): lopend, though the export knows they were handled in April. That is information
	 * from after the reference date; the next edition counts it */
	assert_int_equal(t->total, 4);
	assert_int_equal(t->n, 0);
	assert_int_equal(t->open, 4);
	assert_false(t->has_value);
	/* so the status rests on February: 100% late, far above the path to 30% (48,0% on 31 March) */
	assert_int_equal(k->res.cur_key, mar - 1);
	assert_int_equal(k->res.status, ST_ACHTER);
	assert_int_equal(series_cell(&k->res.total, mar + 1), NULL);
	assert_int_equal(m->files[0].first, day_from_ymd(2024, 2, 15));
	assert_int_equal(m->files[0].last, day_from_ymd(2024, 3, 30));
	assert_int_equal(m->files[0].cover_end, day_from_ymd(2024, 4, 10));
	assert_int_equal(m->files[0].after, 3);
	model_free(m);
	cap_close(&c);
}

/* A month is complete when the data reach its last working day: data up to Friday 30 August
 * 2024 make 31 August the reference date; up to Thursday 29 August, 31 July. */
static void test_reference_date_complete_month(void **st)
{
	(void)st;
	captured c;
	cap_open(&c);
	put("cb.csv", "team;aangemaakt;teruggebeld\nA;2024-07-01;2024-07-02\nA;2024-08-29;2024-08-30\n");
	model_t *m = run(CB_KPI, DAY_NONE, &c);
	assert_int_equal(m->peildatum, day_from_ymd(2024, 8, 31));
	model_free(m);
	put("cb.csv", "team;aangemaakt;teruggebeld\nA;2024-07-01;2024-07-02\nA;2024-08-28;2024-08-29\n");
	m = run(CB_KPI, DAY_NONE, &c);
	assert_int_equal(m->peildatum, day_from_ymd(2024, 7, 31));
	model_free(m);
	cap_close(&c);
}

/* One typo in a date must not move the reference date: 2199 and 2062 lie far beyond all
 * other dates, are named, and count nowhere; everything else is as without them. */
static void test_outlier_dates(void **st)
{
	(void)st;
	buf_t b = {0};
	buf_puts(&b, CALLBACKS);
	buf_puts(&b, "A;2199-12-31;;Jan\nB;2024-04-08;2-3-2062;Piet\n");
	put("cb.csv", b.s);
	buf_free(&b);
	captured c;
	cap_open(&c);
	model_t *m = run(CB_KPI, DAY_NONE, &c);
	assert_int_equal(m->peildatum, day_from_ymd(2024, 3, 31));
	assert_string_equal(cap_text(&c),
	                    "data/cb.csv:10:2: waarschuwing: kolom 'aangemaakt': 31 december 2199 ligt ver na alle andere "
	                    "datums; is het een tikfout? Deze regel telt niet mee en de peildatum blijft 31 maart 2024\n"
	                    "data/cb.csv:11:3: waarschuwing: kolom 'teruggebeld': 2 maart 2062 ligt ver na alle andere "
	                    "datums; is het een tikfout? Deze regel telt niet mee en de peildatum blijft 31 maart 2024\n"
	                    "data/cb.csv:6: let op: 3 regels beginnen na de peildatum (31 maart 2024), tot 6 april 2024; "
	                    "die tellen pas mee in een volgende editie\n");
	kpi_t *k = m->kpis[0];
	/* no cell after March 2024, and the rows with a typo count nowhere, as the warnings say:
	 * not the 8 April request handled "2-3-2062" either (it is not taken for open) */
	int mar = period_of(PER_MAAND, day_from_ymd(2024, 3, 1));
	assert_int_equal((int)(k->res.total.first_key + (int)k->res.total.ncells - 1), mar);
	const cell_t *t = series_cell(&k->res.total, mar);
	assert_int_equal(t->total, 4);
	assert_int_equal(t->open, 4);
	assert_int_equal(m->files[0].last, day_from_ymd(2024, 3, 30));
	assert_int_equal(m->files[0].typos, 2);
	model_free(m);
	cap_close(&c);
}

static void test_gemiddelde(void **st)
{
	(void)st;
	put("w.csv", "datum;product;cijfer;toelichting\n"
	             "2024-05-01;X;8;a\n2024-05-01;X;8;a\n2024-05-01;X;8;a\n2024-05-01;X;8;a\n"
	             "2024-05-01;X;8;a\n2024-05-01;X;8;a\n2024-05-01;X;7;a\n2024-05-01;X;7;a\n"
	             "2024-05-01;X;7;a\n2024-05-01;X;9;a\n2024-05-01;X;9;a\n2024-05-01;X;9;a\n"
	             "2024-05-02;Y;5;b\n2024-05-02;Y;5;b\n2024-05-02;Y;5;b\n2024-05-03;Y;;geen cijfer\n");
	captured c;
	cap_open(&c);
	model_t *m = run("kpi:\n  - id: w\n    naam: Cijfer\n    maat: gemiddelde\n    bron: w.csv\n    datum: datum\n"
	                 "    kolom: cijfer\n    bereik: [1, 10]\n    norm: 8\n    per: jaar\n    groep: product\n"
	                 "    richting: hoger\n", day_from_ymd(2024, 5, 3), &c);
	assert_string_equal(cap_text(&c), "");
	kpi_t *k = m->kpis[0];
	/* X: mean 8,0; s = sqrt(6/11); half-width t(11) = 2,201 x s / sqrt(12) = 0,469 */
	const cell_t *x = series_cell(&k->res.groups[0], 2024);
	assert_int_equal(x->n, 12);
	assert_true(fabs(x->value - 8.0) < 1e-9);
	assert_true(fabs(x->lo - 7.5307) < 1e-3);
	assert_true(fabs(x->hi - 8.4693) < 1e-3);
	assert_true(fabs(x->norm_pct - 75.0) < 1e-9);
	/* Y: 3 answers, fewer than 10: suppressed */
	const cell_t *y = series_cell(&k->res.groups[1], 2024);
	assert_true(y->suppressed);
	assert_false(y->has_value);
	/* all 15 answers: (96 + 15) / 15 = 7,4; the empty answer is not counted */
	const cell_t *t = series_cell(&k->res.total, 2024);
	assert_int_equal(t->n, 15);
	assert_true(fabs(t->value - 7.4) < 1e-9);
	assert_int_equal(k->res.status, ST_GEEN_DOEL);
	model_free(m);
	cap_close(&c);
}

static void test_duration_and_calendar_days(void **st)
{
	(void)st;
	/* invoices: within 30 calendar days of the invoice date; handling time in working days */
	put("f.csv", "factuurdatum;betaald;ontvangen;afgehandeld\n"
	             "2024-01-01;2024-01-31;2024-03-28;2024-04-02\n" /* 30 days: in time; 2 working days */
	             "2024-01-01;2024-02-01;2024-03-29;2024-04-03\n" /* 31 days: late; 2 working days */
	             "2024-01-15;;2024-04-01;\n"                     /* open: paid by 14-2 at the latest */
	             "2024-01-20;2024-01-21;2024-04-05;2024-04-05\n");/* 1 day; same day: 0 working days */
	captured c;
	cap_open(&c);
	model_t *m = run("kpi:\n"
	                 "  - {id: f, naam: Facturen, maat: termijn, bron: f.csv, start: factuurdatum, einde: betaald,"
	                 " termijn: 30 dagen, per: kwartaal, richting: hoger}\n"
	                 "  - {id: d, naam: Doorlooptijd, maat: gemiddelde, bron: f.csv, start: ontvangen,"
	                 " einde: afgehandeld, per: jaar, richting: lager, minimum: 1, norm: 2}\n",
	                 day_from_ymd(2024, 2, 10), &c);
	assert_string_equal(cap_text(&c), "");
	const cell_t *f = series_cell(&m->kpis[0]->res.total, 2024 * 4);
	/* decided: 2 in time of 3; the open invoice is still within its 30 days on 10 February */
	assert_int_equal(f->total, 4);
	assert_int_equal(f->n, 3);
	assert_int_equal(f->hits, 2);
	assert_int_equal(f->open, 1);
	/* handling dates are after the reference date of 10 February: nothing handled yet */
	assert_null(series_cell(&m->kpis[1]->res.total, 2024));
	model_free(m);
	m = run("kpi:\n"
	        "  - {id: d, naam: Doorlooptijd, maat: gemiddelde, bron: f.csv, start: ontvangen,"
	        " einde: afgehandeld, per: jaar, richting: lager, minimum: 1, norm: 2}\n",
	        day_from_ymd(2024, 12, 31), &c);
	/* (2 + 2 + 0) / 3 working days; all three at or below the norm of 2 */
	const cell_t *d = series_cell(&m->kpis[0]->res.total, 2024);
	assert_int_equal(d->n, 3);
	assert_true(fabs(d->value - 4.0 / 3) < 1e-9);
	assert_true(fabs(d->norm_pct - 100.0) < 1e-9);
	assert_int_equal(m->kpis[0]->def.eenheid, EENHEID_WERKDAGEN);
	/* the fourth item was never handled: the year's figure may still change */
	assert_int_equal(d->open, 1);
	assert_true(d->provisional);
	assert_reason(m->kpis[0], "In 2024 was het gemiddelde 1,3 werkdagen. De export loopt tot 5 april 2024. Het cijfer "
	                          "gaat dus niet over het hele jaar. Dit cijfer is voorlopig, want er staat nog 1 zaak open. "
	                          "Er is geen doel voor dit cijfer.");
	model_free(m);
	cap_close(&c);
}

static void test_row_errors(void **st)
{
	(void)st;
	put("w.csv", "datum;cijfer;naam\n2024-05-01;11;Jan\n2024-13-01;8;Jan\n;8;Jan\n2024-05-01;acht;Jan\n");
	captured c;
	cap_open(&c);
	model_t *m = run("kpi:\n  - {id: w, naam: C, maat: gemiddelde, bron: w.csv, datum: datum, kolom: cijfer,"
	                 " bereik: [1, 10], richting: hoger}\n", day_from_ymd(2024, 5, 31), &c);
	assert_string_equal(cap_text(&c),
	                    "data/w.csv:2:2: fout: kolom 'cijfer': '11' ligt niet tussen 1 en 10\n"
	                    "data/w.csv:3:1: fout: kolom 'datum': '2024-13-01' is geen datum. Maand 13 bestaat niet. Staan dag en maand omgedraaid?\n"
	                    "data/w.csv:4:1: fout: kolom 'datum' is leeg. Hier hoort een datum\n"
	                    "data/w.csv:5:2: fout: kolom 'cijfer': hier hoort een getal, maar er staat een tekst van 4 tekens "
	                    "(meetlat laat die niet zien: het kan een naam zijn). Staat er in deze regel een ; of \" te veel "
	                    "of te weinig, dan schuiven de kolommen\n");
	assert_int_equal(diag_errors(&c.d), 4);
	model_free(m);
	cap_close(&c);
}

static void test_aandeel_aantal_filter(void **st)
{
	(void)st;
	put("k.csv", "Datum;Kanaal;Afgehandeld door\n2-1-2024;Telefoon;KCC\n2-1-2024;Telefoon; kcc \n"
	             "3-1-2024;Telefoon;WIL\n4-1-2024;E-mail;KCC\n");
	put("d.csv", "besluitdatum;bedrag;warm_contact\n2024-01-10;75.000,00;ja\n2024-02-10;50.000,00;ja\n"
	             "2024-03-10;120.000;nee\n2024-04-10;60000;ja\n");
	captured c;
	cap_open(&c);
	model_t *m = run("kpi:\n"
	                 "  - {id: kcc, naam: KCC, maat: aandeel, bron: k.csv, datum: datum, kolom: afgehandeld_door,"
	                 " is: KCC, per: kwartaal, groep: kanaal, richting: hoger}\n"
	                 "  - {id: dw, naam: Dwangsom, maat: aantal, bron: d.csv, datum: besluitdatum, per: kwartaal,"
	                 " richting: lager, filter: [{kolom: bedrag, groter_dan: 50000}]}\n"
	                 "  - {id: warm, naam: Warm, maat: aandeel, bron: d.csv, datum: besluitdatum, kolom: warm_contact,"
	                 " is: ja, per: kwartaal, richting: hoger, filter: [{kolom: bedrag, groter_dan: 50000}]}\n",
	                 day_from_ymd(2024, 4, 10), &c);
	/* k.csv stops in January, more than a quarter before the reference date (10 April) */
	assert_string_equal(cap_text(&c), "data/k.csv: let op: loopt tot 4 januari 2024, ruim voor de peildatum (10 april 2024); "
	                                  "is deze export vernieuwd? Zo niet, dan tonen alle uitvoerbestanden de cijfers als "
	                                  "'tot 4 januari 2024'\n");
	int q1 = 2024 * 4;
	kpi_t *kcc = m->kpis[0], *dw = m->kpis[1], *warm = m->kpis[2];
	assert_true(fabs(series_cell(&kcc->res.total, q1)->value - 75.0) < 1e-9);
	/* k.csv covers the first quarter only up to 4 January: deels, and Q2 has no figure */
	assert_int_equal(series_cell(&kcc->res.total, q1)->cover, COV_PARTIAL);
	assert_int_equal(series_cell(&kcc->res.total, q1)->cover_end, day_from_ymd(2024, 1, 4));
	assert_int_equal(series_cell(&kcc->res.total, q1 + 1)->cover, COV_NONE);
	assert_false(series_cell(&kcc->res.total, q1 + 1)->has_value);
	assert_int_equal(kcc->res.status, ST_GEEN_DOEL);
	assert_string_equal(kcc->res.groups[1].name, "Telefoon");
	assert_true(fabs(series_cell(&kcc->res.groups[1], q1)->value - 200.0 / 3) < 1e-9);
	/* above 50.000: 75.000 and 120.000 in Q1 (50.000 is not above), 60.000 in Q2 */
	assert_int_equal(series_cell(&dw->res.total, q1)->n, 2);
	assert_int_equal(series_cell(&dw->res.total, q1 + 1)->n, 1);
	assert_true(fabs(series_cell(&warm->res.total, q1)->value - 50.0) < 1e-9);
	/* d.csv was read once for both KPIs */
	assert_int_equal(m->files[0].rows, 4);
	model_free(m);
	cap_close(&c);
}

static const char *W_KPI = "kpi:\n  - {id: w, naam: Taal, maat: waarde, eenheid: procent, per: kwartaal, richting: hoger,"
                           " nulmeting: {waarde: 40, datum: 2023-12-31}, doelen: [{waarde: 80, datum: 2024-12-31}]}\n";

static kpi_status status_for(const char *value, char **reason)
{
	char text[256];
	snprintf(text, sizeof text, "kpi;periode;waarde\nw;2024-K1;30\nw;2024-K2;%s\n", value);
	put("kpi.csv", text);
	captured c;
	cap_open(&c);
	/* 30 June 2024: the path from 40 (31-12-2023) to 80 (31-12-2024) is at 40 + 40 x 182/366 = 59,9 */
	model_t *m = run(W_KPI, day_from_ymd(2024, 6, 30), &c);
	assert_string_equal(cap_text(&c), "");
	kpi_status s = m->kpis[0]->res.status;
	*reason = present_reason(m->kpis[0]);
	model_free(m);
	cap_close(&c);
	return s;
}

static void test_status(void **st)
{
	(void)st;
	char *r;
	assert_int_equal(status_for("80", &r), ST_BEHAALD);
	assert_string_equal(r, "In het 2e kwartaal 2024 was het percentage 80,0%. Het doel is minstens 80% eind 2024. Dat doel is nu al gehaald.");
	free(r);
	assert_int_equal(status_for("65", &r), ST_OP_KOERS);
	assert_string_equal(r, "In het 2e kwartaal 2024 was het percentage 65,0%. Het doel is minstens 80% eind 2024. Op weg "
	                       "naar dat doel zou het percentage nu minstens 59,9% moeten zijn. Dat lukt, dus de status is op "
	                       "koers.");
	free(r);
	assert_int_equal(status_for("59,9", &r), ST_OP_KOERS); /* equal at the shown precision */
	free(r);
	assert_int_equal(status_for("55", &r), ST_RISICO);   /* within 10 (a quarter of 40) */
	free(r);
	assert_int_equal(status_for("45", &r), ST_ACHTER);
	free(r);
}

static void test_tussenstap(void **st)
{
	(void)st;
	put("kpi.csv", "kpi;periode;waarde\nm;2024;7,1\n");
	captured c;
	cap_open(&c);
	model_t *m = run("kpi:\n  - {id: m, naam: Cijfer, maat: waarde, eenheid: cijfer, per: jaar, richting: hoger,"
	                 " tussenstap: 7, nulmeting: {waarde: 6.7, datum: 2023}, doelen: [{waarde: 8, datum: 2027}]}\n",
	                 day_from_ymd(2024, 12, 31), &c);
	/* path from 6,7 (end 2023) to 8 (end 2027) is 6,7 + 1,3 x 366/1461 = 7,0 at the end of 2024 */
	assert_reason(m->kpis[0], "In 2024 was het cijfer 7,1. De tussenstap van 7 is gehaald. Het doel is minstens 8 eind "
	                          "2027. Op weg naar dat doel zou het cijfer nu minstens 7,0 moeten zijn. Dat lukt, dus de "
	                          "status is op koers.");
	model_free(m);
	cap_close(&c);
}

static void test_status_past_target_and_no_data(void **st)
{
	(void)st;
	put("kpi.csv", "kpi;periode;waarde\nw;2025-K1;75\n");
	captured c;
	cap_open(&c);
	model_t *m = run(W_KPI, day_from_ymd(2025, 3, 31), &c);
	/* the target date has passed with no value then, and 75 does not meet 80 now */
	assert_int_equal(m->kpis[0]->res.status, ST_NIET_BEHAALD);
	model_free(m);
	m = run(W_KPI, day_from_ymd(2024, 12, 31), &c);
	assert_int_equal(m->kpis[0]->res.status, ST_GEEN_GEGEVENS);
	assert_reason(m->kpis[0], "Er zijn nog geen cijfers tot en met de peildatum.");
	model_free(m);
	cap_close(&c);
}

/* Targets whose deadline has come are judged on the value at the deadline and now. Quarterly
 * values; target 80 at the end of 2024; reference date 31 March 2025. */
static kpi_status judged_at(const char *k4, const char *k1, int peil, char **reason)
{
	buf_t b = {0};
	buf_puts(&b, "kpi;periode;waarde\n");
	if (k4)
		buf_printf(&b, "w;2024-K4;%s\n", k4);
	buf_printf(&b, "w;2025-K1;%s\n", k1);
	put("kpi.csv", b.s);
	buf_free(&b);
	captured c;
	cap_open(&c);
	model_t *m = run(W_KPI, peil, &c);
	kpi_status s = m->kpis[0]->res.status;
	*reason = present_reason(m->kpis[0]);
	model_free(m);
	cap_close(&c);
	return s;
}

static kpi_status judged(const char *k4, const char *k1, char **reason)
{
	return judged_at(k4, k1, day_from_ymd(2025, 3, 31), reason);
}

static void test_deadline_outcomes(void **st)
{
	(void)st;
	char *r;
	assert_int_equal(judged("82", "85", &r), ST_BEHAALD); /* in time, and still */
	assert_string_equal(r, "In het 1e kwartaal 2025 was het percentage 85,0%. Het doel was minstens 80% eind 2024. "
	                       "In het 4e kwartaal 2024 was het percentage 82,0%. Dat doel is op tijd gehaald, en het percentage is nog steeds goed genoeg.");
	free(r);
	assert_int_equal(judged("82", "75", &r), ST_TERUGGEVALLEN); /* in time, not any more */
	assert_string_equal(r, "In het 1e kwartaal 2025 was het percentage 75,0%. Het doel was minstens 80% eind 2024. "
	                       "In het 4e kwartaal 2024 was het percentage 82,0%. Dat doel is op tijd gehaald. Nu haalt het percentage het "
	                       "doel niet meer. Daarom is de status teruggevallen.");
	free(r);
	assert_int_equal(judged("74", "86", &r), ST_TE_LAAT_BEHAALD); /* the "duidelijke taal" case */
	assert_string_equal(r, "In het 1e kwartaal 2025 was het percentage 86,0%. Het doel was minstens 80% eind 2024. "
	                       "In het 4e kwartaal 2024 was het percentage 74,0%. Het doel is dus niet op tijd gehaald. Nu wel, dus de "
	                       "status is te laat behaald.");
	free(r);
	assert_int_equal(judged("74", "75", &r), ST_NIET_BEHAALD);
	free(r);
	assert_int_equal(judged("79,96", "75", &r), ST_TERUGGEVALLEN); /* 80,0 at the shown precision */
	free(r);
	/* met while the quarter still runs: the rest of the quarter can still undo it, so the status
	 * claims nothing and says what can happen */
	assert_int_equal(judged_at(NULL, "85", day_from_ymd(2025, 3, 14), &r), ST_ONZEKER);
	assert_string_equal(r, "In het 1e kwartaal 2025 is het percentage tot nu toe 85,0%. Dit kwartaal is nog niet voorbij. "
	                       "Het doel was minstens 80% eind 2024. Voor eind 2024 was er nog geen meting. Of het doel "
	                       "gehaald is, is nog onzeker. In het beste geval is de status behaald, in het slechtste niet "
	                       "behaald.");
	free(r);
	assert_int_equal(judged(NULL, "85", &r), ST_BEHAALD); /* no value at the deadline */
	assert_string_equal(r, "In het 1e kwartaal 2025 was het percentage 85,0%. Het doel was minstens 80% eind 2024. "
	                       "Voor eind 2024 was er nog geen meting. Nu wordt het doel gehaald.");
	free(r);
}

/* A deadline inside a period is judged on the last period that ended before it; a target
 * dated by a period means its end. */
static void test_deadline_inside_period(void **st)
{
	(void)st;
	put("kpi.csv", "kpi;periode;waarde\nw;2024-K3;81\nw;2024-K4;70\n");
	captured c;
	cap_open(&c);
	model_t *m = run("kpi:\n  - {id: w, naam: Taal, maat: waarde, eenheid: procent, per: kwartaal, richting: hoger,"
	                 " doelen: [{waarde: 80, datum: 2024-11-15}]}\n", day_from_ymd(2024, 12, 31), &c);
	const target_result *tr = &m->kpis[0]->res.targets[0];
	assert_true(tr->judged && tr->has_value && tr->met);
	assert_int_equal(tr->key, 2024 * 4 + 2);
	assert_int_equal(m->kpis[0]->res.status, ST_TERUGGEVALLEN);
	model_free(m);
	m = run("kpi:\n  - {id: w, naam: Taal, maat: waarde, eenheid: procent, per: kwartaal, richting: hoger,"
	        " doelen: [{waarde: 80, datum: 2024}]}\n", day_from_ymd(2024, 12, 31), &c);
	assert_int_equal(m->kpis[0]->def.doelen[0].datum, day_from_ymd(2024, 12, 31));
	assert_int_equal(m->kpis[0]->res.targets[0].key, 2024 * 4 + 3);
	assert_int_equal(m->kpis[0]->res.status, ST_NIET_BEHAALD);
	model_free(m);
	cap_close(&c);
}

/* Provisional figures: requests still open within their deadline may end late. Reference
 * date Thursday 16 May 2024, mid-month. */
static void test_provisional(void **st)
{
	(void)st;
	put("cb.csv", "team;aangemaakt;teruggebeld\n"
	              "A;2024-04-02;2024-04-03\n"  /* April: in time */
	              "A;2024-04-08;2024-04-15\n"  /* deadline Wed 10 April: late */
	              "A;2024-05-02;2024-05-03\n"  /* May: in time */
	              "A;2024-05-14;\n"            /* deadline Thu 16 May: lopend on the 16th */
	              "A;2024-05-15;\n"            /* deadline Fri 17 May: lopend */
	              "A;2024-05-06;\n");          /* deadline Wed 8 May: late */
	captured c;
	cap_open(&c);
	model_t *m = run(CB_KPI, day_from_ymd(2024, 5, 16), &c);
	kpi_t *k = m->kpis[0];
	int apr = period_of(PER_MAAND, day_from_ymd(2024, 4, 1));
	const cell_t *a = series_cell(&k->res.total, apr), *may = series_cell(&k->res.total, apr + 1);
	assert_false(a->provisional);  /* April is over and nothing in it runs */
	assert_true(may->provisional); /* May runs, and two requests are open within their deadline */
	assert_true(may->period_open);
	assert_int_equal(may->open, 2);
	assert_true(fabs(may->value - 50.0) < 1e-9);  /* 1 late of 2 decided */
	assert_true(fabs(may->worst - 75.0) < 1e-9);  /* 3 of 4 if both open ones end late */
	assert_true(k->res.provisional);
	/* the path from 60% (30-9-2023) to 30% (31-12-2024) is halfway on 16 May: 229 of 458 days;
	 * 50% is within a quarter of the gap above it (risico), but the rest of May can make it
	 * anything: nog onzeker, with the best and the worst case named */
	assert_int_equal(k->res.status, ST_ONZEKER);
	assert_int_equal(k->res.best, ST_BEHAALD);
	assert_int_equal(k->res.worst, ST_ACHTER);
	assert_reason(k, "In mei 2024 is het percentage tot nu toe 50,0%. Deze maand is nog niet voorbij. Dit cijfer is "
	                 "voorlopig, want er staan nog 2 zaken open. Het doel is ten hoogste 30% eind 2024. Op weg naar dat "
	                 "doel zou het percentage nu ten hoogste 45,0% moeten zijn. Of het percentage op schema ligt, is nog "
	                 "onzeker. In het beste geval is de status behaald, in het slechtste achter.");
	char label[64];
	present_status_label(k, label);
	assert_string_equal(label, "nog onzeker");
	model_free(m);
	cap_close(&c);
}

/* A count is a count: quarters and teams without rows have 0, up to the end of the export;
 * a quarter the export does not reach has no figure at all, never a 0. */
static void test_zero_counts(void **st)
{
	(void)st;
	put("m.csv", "ontvangen;team\n2024-01-10;A\n2024-02-10;A\n2024-05-10;B\n");
	captured c;
	cap_open(&c);
	model_t *m = run("kpi:\n  - {id: n, naam: Meldingen, maat: aantal, bron: m.csv, datum: ontvangen, per: kwartaal,"
	                 " groep: team, richting: lager}\n", day_from_ymd(2024, 8, 15), &c);
	kpi_t *k = m->kpis[0];
	int q1 = 2024 * 4;
	const series_t *a = &k->res.groups[0], *b = &k->res.groups[1];
	assert_true(series_cell(a, q1)->has_value && series_cell(a, q1)->value == 2);
	assert_true(series_cell(a, q1 + 1)->has_value && series_cell(a, q1 + 1)->value == 0);
	assert_true(series_cell(b, q1)->has_value && series_cell(b, q1)->value == 0);
	/* the export ends on 10 May: the second quarter only partly, a count that can still grow */
	const cell_t *q2 = series_cell(&k->res.total, q1 + 1);
	assert_int_equal(q2->cover, COV_PARTIAL);
	assert_int_equal(q2->cover_end, day_from_ymd(2024, 5, 10));
	assert_true(q2->provisional);
	assert_true(q2->low == 1 && isinf(q2->high));
	/* and the third not at all: no 0 for team B, nor for the organisation */
	assert_int_equal(series_cell(b, q1 + 2)->cover, COV_NONE);
	assert_false(series_cell(b, q1 + 2)->has_value);
	assert_int_equal(series_cell(&k->res.total, q1 + 2)->cover, COV_NONE);
	assert_false(series_cell(&k->res.total, q1 + 2)->has_value);
	assert_null(series_cell(&k->res.total, q1 + 3));
	assert_string_equal(cap_text(&c), "data/m.csv: let op: loopt tot 10 mei 2024, ruim voor de peildatum (15 augustus "
	                                  "2024); is deze export vernieuwd? Zo niet, dan tonen alle uitvoerbestanden de "
	                                  "cijfers als 'tot 10 mei 2024'\n");
	model_free(m);
	cap_close(&c);
}

/* A month without a single row, inside an export that has many every month, is a gap: no
 * figure there, never a 0; a quarter with one such month is covered in part. */
static void test_gap(void **st)
{
	(void)st;
	buf_t b = {0};
	buf_puts(&b, "ontvangen;team\n");
	for (int mo = 1; mo <= 12; mo++)
		for (int i = 0; mo != 8 && i < 12; i++) /* nothing in August */
			buf_printf(&b, "2024-%02d-%02d;A\n", mo, i + 1);
	put("m.csv", b.s);
	buf_free(&b);
	captured c;
	cap_open(&c);
	model_t *m = run("kpi:\n  - {id: n, naam: Meldingen, maat: aantal, bron: m.csv, datum: ontvangen, per: maand,"
	                 " richting: lager}\n  - {id: q, naam: Per kwartaal, maat: aantal, bron: m.csv, datum: ontvangen,"
	                 " per: kwartaal, richting: lager}\n",
	                 day_from_ymd(2024, 12, 31), &c);
	int aug = period_of(PER_MAAND, day_from_ymd(2024, 8, 1));
	const cell_t *g = series_cell(&m->kpis[0]->res.total, aug);
	assert_int_equal(g->cover, COV_NONE);
	assert_false(g->has_value);
	assert_int_equal(series_cell(&m->kpis[0]->res.total, aug + 1)->cover, COV_FULL);
	const cell_t *q3 = series_cell(&m->kpis[1]->res.total, 2024 * 4 + 2);
	assert_int_equal(q3->cover, COV_PARTIAL);
	assert_true(q3->has_value && q3->value == 24 && q3->provisional);
	assert_string_equal(present_stand(q3), "deels");
	assert_string_equal(present_stand(g), "geen gegevens");
	model_free(m);
	cap_close(&c);
}

/* openstaand: a snapshot at each month's end (and at the reference date), around Easter
 * (Good Friday 29 March works, Easter Monday 1 April does not) and Koningsdag 2024 (a Saturday). */
static const char *SNAP =
	"team;aangemaakt;teruggebeld\n"
	"A;2024-03-28;2024-04-03\n"  /* r1: deadline Tue 2 April; open on 31 March, within its deadline */
	"A;2024-03-20;\n"            /* r2: deadline Fri 22 March; open and late from then on */
	"A;2024-04-25;\n"            /* r3: deadline Mon 29 April; open and late on 30 April */
	"B;2024-04-26;\n"            /* r4: deadline Tue 30 April; open on the 30th, not late */
	"B;2024-04-10;2024-04-11\n"  /* r5: handled the next day; open at no month's end */
	"B;2024-02-28;2024-04-15\n"  /* r6: deadline Fri 1 March; open on 29 Feb (in time) and 31 March (late) */
	"B;2024-04-29;2024-04-30\n"; /* r7: handled on 30 April: open at no month's end; the export
	                               * reaches the reference date */

static const char *SNAP_KPI =
	"kpi:\n  - {id: o, naam: Open buiten termijn, maat: openstaand, bron: cb.csv, start: aangemaakt,"
	" einde: teruggebeld, termijn: 2 werkdagen, per: maand, groep: team, richting: lager,"
	" doelen: [{waarde: 30, datum: 2024-12-31}]}\n";

static void test_snapshot(void **st)
{
	(void)st;
	put("cb.csv", SNAP);
	captured c;
	cap_open(&c);
	model_t *m = run(SNAP_KPI, day_from_ymd(2024, 4, 30), &c);
	kpi_t *k = m->kpis[0];
	int feb = period_of(PER_MAAND, day_from_ymd(2024, 2, 1));
	const series_t *t = &k->res.total;
	/* February: r6 open, in time. March: r1 (in time), r2 and r6 (late). April: r2, r3 late, r4 not */
	assert_int_equal(series_cell(t, feb)->n, 1);
	assert_int_equal(series_cell(t, feb)->hits, 0);
	assert_int_equal(series_cell(t, feb + 1)->n, 3);
	assert_int_equal(series_cell(t, feb + 1)->hits, 2);
	assert_int_equal(series_cell(t, feb + 2)->n, 3);
	assert_int_equal(series_cell(t, feb + 2)->hits, 2);
	assert_int_equal(series_cell(t, feb + 2)->total, 4); /* arrivals in April */
	assert_true(fabs(k->res.cur - 200.0 / 3) < 1e-9);
	/* team A: March r1, r2 (1 late); April r2, r3 (both late). Team B: March r6 late; April r4 */
	const series_t *a = &k->res.groups[0], *b = &k->res.groups[1];
	assert_true(fabs(series_cell(a, feb + 1)->value - 50.0) < 1e-9);
	assert_true(fabs(series_cell(a, feb + 2)->value - 100.0) < 1e-9);
	assert_true(fabs(series_cell(b, feb + 1)->value - 100.0) < 1e-9);
	assert_true(fabs(series_cell(b, feb + 2)->value - 0.0) < 1e-9);
	model_free(m);
	/* mid-April (Monday 15): r6 was handled that day, r3 and r4 had not arrived; only r2 is
	 * open, and late; April's snapshot is taken on the 15th and is provisional */
	m = run(SNAP_KPI, day_from_ymd(2024, 4, 15), &c);
	t = &m->kpis[0]->res.total;
	assert_int_equal(series_cell(t, feb + 1)->n, 3);
	assert_int_equal(series_cell(t, feb + 2)->n, 1);
	assert_int_equal(series_cell(t, feb + 2)->hits, 1);
	assert_true(series_cell(t, feb + 2)->provisional);
	model_free(m);
	/* derived reference date: the data reach 30 April, April's last working day: the month is
	 * complete and its snapshot the same as above */
	m = run(SNAP_KPI, DAY_NONE, &c);
	assert_int_equal(m->peildatum, day_from_ymd(2024, 4, 30));
	t = &m->kpis[0]->res.total;
	assert_int_equal(series_cell(t, feb + 2)->n, 3);
	assert_int_equal(series_cell(t, feb + 2)->hits, 2);
	assert_int_equal(series_cell(t, feb + 1)->hits, 2);
	model_free(m);
	/* without r7 the export ends on 26 April: taken at a reference date of 30 April, April's
	 * snapshot is the one of the 26th (r3's deadline, the 29th, had not passed), and deels */
	put("cb.csv", "team;aangemaakt;teruggebeld\nA;2024-03-28;2024-04-03\nA;2024-03-20;\nA;2024-04-25;\n"
	              "B;2024-04-26;\nB;2024-04-10;2024-04-11\nB;2024-02-28;2024-04-15\n");
	m = run(SNAP_KPI, day_from_ymd(2024, 4, 30), &c);
	t = &m->kpis[0]->res.total;
	assert_int_equal(m->kpis[0]->res.judge, day_from_ymd(2024, 4, 26));
	assert_int_equal(series_cell(t, feb + 2)->n, 3);
	assert_int_equal(series_cell(t, feb + 2)->hits, 1);
	assert_int_equal(series_cell(t, feb + 2)->cover, COV_PARTIAL);
	model_free(m);
	cap_close(&c);
}

static void test_value_errors(void **st)
{
	(void)st;
	put("kpi.csv", "kpi;periode;waarde\nw;2024;30\nonbekend;2024-K1;3\nw;2024-K1;x\nw;2024-K2;1\nw;2024-Q2;2\n");
	captured c;
	cap_open(&c);
	model_t *m = run(W_KPI, DAY_NONE, &c);
	assert_string_equal(cap_text(&c),
	                    "data/kpi.csv:2:2: fout: kpi 'w' wordt per kwartaal gemeten; '2024' is geen kwartaal\n"
	                    "data/kpi.csv:3:1: fout: kpi 'onbekend' komt in geen enkele pagina voor (zie 'id' bij de kpi's)\n"
	                    "data/kpi.csv:4:3: fout: kolom 'waarde': hier hoort een getal, zoals 74 of 6,5, maar er staat een tekst van 1 teken\n"
	                    "data/kpi.csv:6:2: fout: kpi 'w' heeft voor 2024-Q2 al een waarde\n");
	model_free(m);
	cap_close(&c);
}

/* A percentage may come with its % sign; a mark may not, and the message says so. */
static void test_percent_sign(void **st)
{
	(void)st;
	put("kpi.csv", "kpi;periode;waarde\nw;2024-K1;7%\nw;2024-K2;7,5 %\n");
	captured c;
	cap_open(&c);
	model_t *m = run(W_KPI, day_from_ymd(2024, 6, 30), &c);
	assert_string_equal(cap_text(&c), "");
	assert_true(fabs(series_cell(&m->kpis[0]->res.total, 2024 * 4 + 1)->value - 7.5) < 1e-9);
	model_free(m);
	cap_close(&c);
	put("kpi.csv", "kpi;periode;waarde\nc;2024;7%\n");
	cap_open(&c);
	m = run("kpi:\n  - {id: c, naam: Cijfer, maat: waarde, eenheid: cijfer, per: jaar, richting: hoger}\n", DAY_NONE, &c);
	assert_string_equal(cap_text(&c), "data/kpi.csv:2:3: fout: kolom 'waarde': '7%' is geen getal. Laat het %-teken weg: "
	                                  "kpi 'c' meet geen percentage\n");
	model_free(m);
	cap_close(&c);
}

/* Two KPIs read one export: a problem in a row is said once, with its values and what to do; a
 * row with a typo in a date gets the warning only, in its place among the other messages. */
static void test_row_messages(void **st)
{
	(void)st;
	put("cb.csv", "team;aangemaakt;teruggebeld\n"
	              "A;2024-03-28;2024-04-02\n"
	              "A;2024-03-28;2024-03-01\n"     /* handled before it came in */
	              "A;2062-03-02;2024-04-02\n"     /* a typo: the row counts nowhere, no other message */
	              "A;31-4-2024;\n"
	              "A;2024-04-10;2024-04-11\n");
	char *front = xasprintf("%s%s", CB_KPI, SNAP_KPI + strlen("kpi:\n"));
	captured c;
	cap_open(&c);
	model_t *m = run(front, DAY_NONE, &c);
	assert_string_equal(cap_text(&c),
	                    "data/cb.csv:3:3: fout: kolom 'teruggebeld': '2024-03-01' ligt voor '2024-03-28' in kolom "
	                    "'aangemaakt', en dat kan niet. Controleer beide datums in de export\n"
	                    "data/cb.csv:4:2: waarschuwing: kolom 'aangemaakt': 2 maart 2062 ligt ver na alle andere datums; is "
	                    "het een tikfout? Deze regel telt niet mee en de peildatum blijft 31 maart 2024\n"
	                    "data/cb.csv:5:2: fout: kolom 'aangemaakt': '31-4-2024' is geen datum. April 2024 heeft 30 dagen\n");
	model_free(m);
	cap_close(&c);
	free(front);
}

static void test_too_many_columns(void **st)
{
	(void)st;
	buf_t data = {0}, front = {0};
	buf_puts(&data, "d");
	for (int i = 0; i < 40; i++)
		buf_printf(&data, ";c%d", i);
	buf_puts(&data, "\n2024-01-01");
	for (int i = 0; i < 40; i++)
		buf_puts(&data, ";1");
	buf_puts(&data, "\n");
	put("x.csv", data.s);
	buf_puts(&front, "kpi:\n");
	for (int i = 0; i < 40; i++)
		buf_printf(&front, "  - {id: k%d, naam: K, maat: aandeel, bron: x.csv, datum: d, kolom: c%d, is: \"1\", richting: hoger}\n", i, i);
	captured c;
	cap_open(&c);
	model_t *m = run(front.s, DAY_NONE, &c);
	/* 32 columns at most: d and c0..c30 fill them, so k31 (on line 37) overflows */
	assert_string_equal(cap_text(&c),
	                    "content/t.md:37:5: fout: de kpi's samen gebruiken meer dan 32 kolommen van x.csv; verdeel ze over minder kolommen\n");
	model_free(m);
	cap_close(&c);
	buf_free(&data);
	buf_free(&front);
}

static void test_milestones(void **st)
{
	(void)st;
	put("kpi.csv", "kpi;periode;waarde\n");
	captured c;
	cap_open(&c);
	model_t *m = run("mijlpalen:\n  - {datum: 2024-Q1, wat: a, gereed: ja}\n  - {datum: 2024-Q1, wat: b}\n"
	        "  - {datum: 2024-Q2, wat: c}\n  - {datum: 2024-07-01, wat: d}\n  - {datum: 2024-05-31, wat: e, gereed: nee}\n"
	        "  - {datum: 2024-06-30, wat: f, gereed: nee}\n"
	        "kpi:\n  - {id: w, naam: T, maat: waarde, eenheid: procent, per: jaar, richting: hoger}\n",
	        day_from_ymd(2024, 6, 30), &c);
	page_t *p = m->pages[0];
	assert_int_equal(p->ms[0].status, MS_GEREED);
	/* past and not marked: the content gives no news; only 'gereed: nee' past its date is late */
	assert_int_equal(p->ms[1].status, MS_NIET_GEMELD);
	assert_int_equal(p->ms[2].status, MS_LOOPT);
	assert_int_equal(p->ms[3].status, MS_GEPLAND);
	assert_int_equal(p->ms[4].status, MS_TE_LAAT);
	assert_int_equal(p->ms[5].status, MS_LOOPT); /* its day is the reference date */
	assert_int_equal(p->ms_count[MS_NIET_GEMELD], 1);
	assert_int_equal(m->ms_count[MS_LOOPT], 2);
	model_free(m);
	cap_close(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_termijn_known_date, setup, teardown),
		cmocka_unit_test_setup_teardown(test_termijn_derived_date, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reference_date_complete_month, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outlier_dates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deadline_outcomes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deadline_inside_period, setup, teardown),
		cmocka_unit_test_setup_teardown(test_provisional, setup, teardown),
		cmocka_unit_test_setup_teardown(test_zero_counts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_snapshot, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gemiddelde, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duration_and_calendar_days, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tussenstap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_row_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_aandeel_aantal_filter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status_past_target_and_no_data, setup, teardown),
		cmocka_unit_test_setup_teardown(test_value_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_too_many_columns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_percent_sign, setup, teardown),
		cmocka_unit_test_setup_teardown(test_row_messages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_milestones, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
