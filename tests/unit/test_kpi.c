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
	/* reference date Friday 5 April 2024 */
	model_t *m = run(CB_KPI, day_from_ymd(2024, 4, 5), &c);
	assert_string_equal(cap_text(&c), "");
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
	assert_reason(k, "Buiten termijn 50% in maart 2024; doel eind 2024 ten hoogste 30%; "
	                                "op de rechte lijn vanaf de nulmeting nu ten hoogste 47,7%: risico");
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
	/* the latest date in the data is 10 April 2024 (a handled date) */
	assert_int_equal(m->peildatum, day_from_ymd(2024, 4, 10));
	assert_int_equal(m->peildatum_bron, PEIL_GEGEVENS);
	kpi_t *k = m->kpis[0];
	int apr = period_of(PER_MAAND, day_from_ymd(2024, 4, 1));
	const cell_t *t = series_cell(&k->res.total, apr);
	/* on 10 April: row 5 (deadline 8 Apr) and row 7 (deadline 9 Apr) are open and late,
	 * row 6 was handled after its deadline */
	assert_int_equal(t->total, 3);
	assert_int_equal(t->n, 3);
	assert_int_equal(t->hits, 3);
	assert_int_equal(t->open, 0);
	assert_int_equal(m->files[0].first, day_from_ymd(2024, 2, 15));
	assert_int_equal(m->files[0].last, day_from_ymd(2024, 4, 6));
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
	assert_int_equal(m->peildatum, day_from_ymd(2024, 4, 10));
	assert_string_equal(cap_text(&c),
	                    "data/cb.csv:10:2: waarschuwing: kolom 'aangemaakt': 31 december 2199 ligt ver na alle andere "
	                    "datums; is het een tikfout? Deze regel telt niet mee en de peildatum blijft 10 april 2024\n"
	                    "data/cb.csv:11:3: waarschuwing: kolom 'teruggebeld': 2 maart 2062 ligt ver na alle andere "
	                    "datums; is het een tikfout? Deze regel telt niet mee en de peildatum blijft 10 april 2024\n");
	kpi_t *k = m->kpis[0];
	/* no cell after April 2024; the 8 April request is open (deadline 10 April): lopend */
	int apr = period_of(PER_MAAND, day_from_ymd(2024, 4, 1));
	assert_int_equal((int)(k->res.total.first_key + (int)k->res.total.ncells - 1), apr);
	const cell_t *t = series_cell(&k->res.total, apr);
	assert_int_equal(t->total, 4);
	assert_int_equal(t->open, 1);
	assert_int_equal(m->files[0].last, day_from_ymd(2024, 4, 8));
	assert_int_equal(m->files[0].after, 2);
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
	                 "    richting: hoger\n", DAY_NONE, &c);
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
	assert_reason(m->kpis[0], "Doorlooptijd 1,3 werkdagen in 2024; er is geen doel voor gesteld");
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
	                 " bereik: [1, 10], richting: hoger}\n", DAY_NONE, &c);
	assert_string_equal(cap_text(&c),
	                    "data/w.csv:2:2: fout: kolom 'cijfer': 11 ligt niet tussen 1 en 10\n"
	                    "data/w.csv:3:1: fout: kolom 'datum': '2024-13-01' is geen datum (schrijf 2024-10-01 of 1-10-2024, eventueel met tijd)\n"
	                    "data/w.csv:4:1: fout: kolom 'datum' is leeg; hier hoort een datum\n"
	                    "data/w.csv:5:2: fout: kolom 'cijfer': 'acht' is geen getal\n");
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
	                 DAY_NONE, &c);
	/* k.csv stops in January, more than a quarter before the reference date (10 April) */
	assert_string_equal(cap_text(&c), "data/k.csv: let op: loopt tot 4 januari 2024, ruim voor de peildatum (10 april 2024); "
	                                  "is deze export vernieuwd?\n");
	int q1 = 2024 * 4;
	kpi_t *kcc = m->kpis[0], *dw = m->kpis[1], *warm = m->kpis[2];
	assert_true(fabs(series_cell(&kcc->res.total, q1)->value - 75.0) < 1e-9);
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
	assert_string_equal(r, "Taal 80% in 2e kwartaal 2024; doel eind 2024 minstens 80%: behaald");
	free(r);
	assert_int_equal(status_for("65", &r), ST_OP_KOERS);
	assert_string_equal(r, "Taal 65% in 2e kwartaal 2024; doel eind 2024 minstens 80%; "
	                       "op de rechte lijn vanaf de nulmeting nu minstens 59,9%: op koers");
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
	assert_reason(m->kpis[0], "Cijfer 7,1 in 2024; tussenstap 7,0 gehaald; doel eind 2027 minstens 8,0; "
	                                        "op de rechte lijn vanaf de nulmeting nu minstens 7,0: op koers");
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
	assert_int_equal(m->kpis[0]->res.status, ST_ACHTER); /* the target date has passed */
	model_free(m);
	m = run(W_KPI, day_from_ymd(2024, 12, 31), &c);
	assert_int_equal(m->kpis[0]->res.status, ST_GEEN_GEGEVENS);
	assert_reason(m->kpis[0], "Taal: nog geen gegevens tot en met de peildatum");
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
	                    "data/kpi.csv:4:3: fout: 'x' is geen getal\n"
	                    "data/kpi.csv:6:2: fout: kpi 'w' heeft voor 2024-Q2 al een waarde\n");
	model_free(m);
	cap_close(&c);
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
	        "  - {datum: 2024-Q2, wat: c}\n  - {datum: 2024-07-01, wat: d}\n"
	        "kpi:\n  - {id: w, naam: T, maat: waarde, eenheid: procent, per: jaar, richting: hoger}\n",
	        day_from_ymd(2024, 6, 30), &c);
	page_t *p = m->pages[0];
	assert_int_equal(p->ms[0].status, MS_GEREED);
	assert_int_equal(p->ms[1].status, MS_TE_LAAT);
	assert_int_equal(p->ms[2].status, MS_LOOPT);
	assert_int_equal(p->ms[3].status, MS_GEPLAND);
	model_free(m);
	cap_close(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_termijn_known_date, setup, teardown),
		cmocka_unit_test_setup_teardown(test_termijn_derived_date, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outlier_dates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gemiddelde, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duration_and_calendar_days, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tussenstap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_row_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_aandeel_aantal_filter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status_past_target_and_no_data, setup, teardown),
		cmocka_unit_test_setup_teardown(test_value_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_too_many_columns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_milestones, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
