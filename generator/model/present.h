/* present.h - the presentation layer: the only place where a value, a unit, a date, a period,
 * a change or a status becomes Dutch text. Renderers place what these functions return; they
 * never round, count or word a figure themselves. Numbers are rounded by num_round (fmt.h),
 * the one rounding function, so every output shows the same digits. */
#ifndef MEETLAT_PRESENT_H
#define MEETLAT_PRESENT_H

#include "base/util.h"
#include "model/edition.h"
#include "model/model.h"

/* The one status vocabulary: every status a reader meets, a KPI's or a milestone's, with its
 * word, icon, colour and meaning. The site, the report and both workbooks take all of them from
 * here, and each output's legend is made by present_legend, so a word never changes its icon or
 * colour between outputs and a legend explains exactly the words its output shows. The icon and
 * the colour only support the word, which is always shown. */
typedef struct {
	const char *word;     /* "behaald" */
	const char *icon;     /* "✔", unique over KPI and milestone statuses */
	const char *key;      /* "behaald": a stable name without spaces, for CSS classes */
	const char *meaning;  /* one line for the legend (B1) */
	unsigned rgb;         /* text colour, 0xRRGGBB: 4.5:1 on white and on `fill` */
	unsigned fill;        /* a light background in that colour, for cells */
} status_look;
const status_look *present_look(kpi_status st);
const status_look *present_ms_look(ms_status st);
const char *present_status(kpi_status st);        /* present_look(st)->word */
const char *present_ms(ms_status st);             /* present_ms_look(st)->word */
/* The status word of a KPI (out >= 64 bytes). */
void present_status_label(const kpi_t *k, char *out);
/* How much a status asks for attention: 0 (niet behaald) first, then teruggevallen, achter,
 * risico, nog onzeker, geen gegevens, op koers, te laat behaald, behaald, geen doel; the order
 * in which overviews list KPIs. */
int present_need(kpi_status st);
/* A status word back to its status, -1 if none; milestones accept the word of older records. */
int present_status_parse(const char *word);
int present_ms_parse(const char *word);
/* The statuses this build shows anywhere (a KPI's status, the best and worst case of "nog
 * onzeker", the earlier status in a change, a milestone's): a legend lists these and no other,
 * KPIs first, each list in the order of its enum. */
typedef struct {
	int kpi[ST_N], ms[MS_N]; /* 1: shown */
} status_use;
void present_status_use(const model_t *m, status_use *u);
const char *present_soort(soort_t s);             /* "Actie", "Teamdoel" */
/* "We volgen de logica van de inwoner (Verbinding)", for headings */
const char *present_ambition(int amb);
const char *present_per_word(per_t per);          /* "maand" */
/* "procent", "cijfer", "aantal", "werkdagen"; a score on another scale than 1-10 says its scale:
 * "score van 1 tot 5" (out: 128) */
void present_unit(const kpi_def *k, char *out);
/* The words the figures use, explained where a reader first meets them: the site's overview
 * and the report's summary. */
typedef struct {
	const char *term, *meaning;
} present_term;
extern const char present_terms_title[];
extern const present_term present_terms[];
extern const int present_nterms;

/* What meetlat itself assumes where the programme says nothing, for the list of inferences on
 * the sources page and in the report's appendix. */
extern const present_term present_inferences[];
extern const int present_ninferences;

/* How a table's percentage follows from its counts, where that is not plain division by the
 * total: "" or two sentences (out: 200). */
void present_share_rule(const kpi_def *k, char *out);
const char *present_per_label(per_t per);         /* "Maand" */

/* Dates and periods; out holds at least 40 bytes. */
void present_date(int day, char *out);                  /* 1 oktober 2024 */
void present_period(per_t per, int key, char *out);     /* oktober 2024, 3e kwartaal 2024, 2024 */
void present_period_short(per_t per, int key, char *out); /* okt 2024, K3 2024, 2024 */
/* "in oktober 2024", "in het 3e kwartaal 2024", "in 2024"; capital I with `start` (out: 48) */
void present_in_period(per_t per, int key, int start, char *out);
const char *present_month_abbr(int month0);             /* 0 = jan */
const char *present_weekday(int day);                   /* maandag ... zondag */
void present_when(const milestone_t *ms, char *out);    /* a milestone's date or period */
void present_target_date(int day, char *out);           /* "eind 2025" or "30 juni 2025" */
/* A date or period written as the outputs write them, read back: "1 oktober 2024" and "1 okt
 * 2024" (a day), "oktober 2024" and "okt 2024" (a month), "3e kwartaal 2024", "K3 2024" and
 * "Q3 2024" (a quarter), "eind 2025" and "eind juni 2025" (that period's last day); any case.
 * Sets the days it covers and *per (-1: a day; else its per_t); 0, or -1 if it is none of
 * these. A year alone and numeric dates are date.h's. */
int present_read_when(const char *s, int *first, int *last, int *per);
/* Why `s` is no date, fitting what was written: "april 2024 heeft 30 dagen", "maand 13 bestaat
 * niet...", "schrijf de datum met streepjes: 1-10-2024" (out: n bytes, 160 is enough). */
void present_date_problem(const char *s, size_t len, char *out, size_t n);

/* A cell of an export in a message. Exports hold names, phone numbers and free text, and a
 * row with a ';' too many puts them in the columns meetlat reads: a value is quoted only when
 * it has the shape of what the column should hold (a date, a number, a period, an id), so it
 * cannot be a name or a phone number; otherwise only its shape is told ("een tekst van 27
 * tekens"). out: n bytes (96 is enough). */
typedef enum { CELL_DATUM, CELL_GETAL, CELL_PERIODE, CELL_ID } cell_kind;
void present_cell(cell_kind kind, const char *s, size_t len, char *out, size_t n);

/* Numbers; out holds at least 64 bytes. */
double present_round(eenheid_t unit, double v);         /* the value as shown */
void present_number(double v, int dec, char *out);      /* 1.234,5 */
/* A measured value, always with the decimals of its kind: 15,0% / 6,7 / 1.234 / 2,5 werkdagen. */
void present_value(const kpi_def *k, double v, char *out);
void present_value_short(eenheid_t unit, double v, char *out); /* same, without a unit word */
/* A value the programme sets (target, baseline, step, norm), as written: 15% / 8 / 6,7. */
void present_goal_value(const kpi_def *k, double v, char *out);
/* "Terugbelverzoeken buiten termijn per team, mei 2024"; "Waardering per product, 2024" (the
 * name already says per what). Returns a malloc'ed string. */
char *present_group_title(const kpi_def *k, int key);
char *present_per_group(const kpi_def *k); /* the same without the period */
/* The same where the KPI's name is said already (a heading): "Per team, december 2025". */
char *present_group_caption(const kpi_def *k, int key);
/* A target in words: "minstens 90% eind 2024", "minstens 100% op 1 oktober 2024" (out: 128) */
void present_goal(const kpi_def *k, const target_t *t, char *out);
void present_tick(eenheid_t unit, double v, char *out); /* an axis label: 20% / 7 / 2,5 */
/* The word before a value the KPI should reach, with its space: "minstens ", "ten hoogste ", or
 * "" where nothing else meets it ("100%", not "minstens 100%"). */
const char *present_bound(const kpi_def *k, double v);
/* The same direction as a sign, for tables and cells where a number follows: "≤ " (lager is
 * beter), "≥ ", or "" where present_bound has no word (100%). */
const char *present_direction(const kpi_def *k, double v);
/* A baseline or target as the definitions list it, marked when it is not literally in the
 * programme: "60% op 30 september 2023 (afgeleid)", "ten hoogste 15% eind 2025" (out: 160). */
void present_base_listed(const kpi_def *k, char *out);
void present_goal_listed(const kpi_def *k, const target_t *t, char *out);
/* How a KPI is measured, in plain words without the content's own terms (no 'termijn',
 * 'openstaand' or column names): "Het deel dat niet binnen 2 werkdagen klaar is." (out: 256) */
void present_method(const kpi_def *k, char *out);
/* What a row of a KPI's figures is about: "organisatie" for the whole organisation, else the
 * kind of group it is ("team", "kanaal", "product"), so a table can be filtered on one level
 * and never counts the organisation twice. */
const char *present_level(const kpi_def *k, const series_t *s);
void present_size(long long bytes, char *out);          /* 12 kB / 1,4 MB */

/* Sentences. */
/* "doel eind 2025: ten hoogste 15%" */
char *present_target(const kpi_def *k, const target_t *t);
/* The change since the previous period: "Lager: 2,1 procentpunt (beter) dan in november 2025". */
void present_change(const kpi_t *k, buf_t *out);
/* A KPI that splits another's figures (res.same_total) by its groups, in its latest period:
 * "Best: Milieustraat (9,0). Minst goed: Omgevingsvergunning (6,2)." or, for counts, "Meeste:
 * Burgerzaken (4)."; nothing when no group is large enough to compare. */
void present_spread(const kpi_t *k, buf_t *out);
/* Why a KPI has its status, in short sentences (B1: no sentence over 20 words). Caller frees. */
char *present_reason(const kpi_t *k);
/* The changes since the previous edition in groups, most telling first: statuses, milestones,
 * revised figures, what the programme changed; with a heading each. */
enum { CHG_STATUS, CHG_MILESTONES, CHG_REVISED, CHG_PROGRAMME, CHG_N };
extern const char *const present_change_groups[CHG_N];
int present_change_group(const change_t *c);
/* One change since the previous edition, in a sentence or two ("Wat is er veranderd"). */
void present_change_since(const change_t *c, buf_t *out);
/* How final a figure is, as one word in tables and open data: "definitief", "voorlopig" (the
 * period runs or items are still open), "deels" (its export covers part of the period),
 * "geen gegevens" (its export does not reach it, or has a gap there), or "" (no figure). */
const char *present_stand(const cell_t *c);
/* "cijfers tot 12 september 2025" when the KPI's source ends before the reference date, else
 * "" (out: 64). */
void present_source_end(const model_t *m, const kpi_t *k, char *out);

/* Exports that do not reach the reference date, in one warning every output shows where its
 * readers see warnings: "Niet alle exports lopen tot de peildatum: klantwaardering.csv loopt tot
 * 6 juli 2025. ..." (empty when all do). */
void present_stale_sources(const model_t *m, buf_t *out);
/* What an export covers, in words for the table of sources: "tot de peildatum", "loopt tot 6 juli
 * 2025: eerder dan de peildatum", with a stated stand and the months without rows (out: 256). */
void present_coverage_note(const model_t *m, const datafile_t *f, char *out);
/* How the reference date was found, as one sentence: "Dat is de laatste dag van de laatste
 * volledige maand in de gegevens." */
const char *present_peil_source(const model_t *m);

/* --- the report's summary and the people's words --------------------------------------- */

/* An amount in whole euros: "€ 40.000" (out: 64). */
void present_money(double eur, char *out);
/* A key message about the KPIs with status st, the start of a sentence their names follow:
 * "5 KPI's hebben hun doel gehaald", "1 KPI loopt risico" (out: 160). */
void present_kpi_count(kpi_status st, int n, char *out);
/* A key message about the milestones with status st, out of `total`: "9 van de 59 mijlpalen
 * zijn gereed." (out: 256). */
void present_ms_count(ms_status st, int n, int total, char *out);
/* "2 KPI's die hun doel niet halen, hebben nog geen toelichting van hun eigenaar." (out: 160) */
void present_unexplained(int n, char *out);
/* "Bij 1 onderdeel worden de kosten naar verwachting hoger dan het budget" (out: 160) */
void present_over_budget(int n, char *out);
/* What an action cost: "Budget € 40.000. Tot nu toe besteed: € 31.250 (78%). Verwacht aan het
 * eind van 2025: € 38.000, € 2.000 minder dan het budget." */
void present_finance(const finance_t *f, int year, int closed, buf_t *out); /* closed: the reference date ends the year */
/* The words above an owner's explanation, and what a KPI without one shows after
 * "Toelichting: " ("nog geen toelichting van de eigenaar."). */
extern const char present_explain_why[], present_explain_do[], present_no_explanation[];

/* What a revised figure says beside itself: "herzien, eerder 15,0%" (out: 96). */
void present_revised(const kpi_def *k, const cell_t *c, char *out);
/* "Sinds de vorige editie, met peildatum 30 september 2025." */
void present_since(const model_t *m, buf_t *out);

/* What changed from one edition to the next, in one sentence: "2 statussen veranderd en 5
 * cijfers herzien." */
void present_delta(const ed_delta *d, buf_t *out);

#endif
