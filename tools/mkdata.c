/* mkdata - writes meetlat's example data ("voorbeelddata") and benchmark exports.
 *
 *   mkdata example DIR        the shipped data/ folder, byte for byte
 *   mkdata bench N FILE       N callback requests with personal-data columns
 *
 * Everything comes from one seeded PRNG, so the output never changes unless this file
 * does. The figures follow the programme text: overall mark 6,7 at the 0-meting,
 * Burgerzaken 8,1, ondergrondse container 8,1, crediteuren 8,3, begraafproces 8,0,
 * Milieustraat 9,0; 60% late callbacks at the start; 97% of invoices paid in 30 days, most
 * within 14; 14 nominations for the gouden giraf in 2023; five times as many passport
 * requests from March 2024. All names and numbers are invented. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"

static unsigned long long rng_state = 0x6d6565746c6174ULL; /* "meetlat" */

static unsigned long long rnd(void)
{
	/* splitmix64 */
	unsigned long long z = (rng_state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static double unif(void)
{
	return (double)(rnd() >> 11) / 9007199254740992.0;
}

static int irand(int lo, int hi) /* inclusive */
{
	return lo + (int)(rnd() % (unsigned long long)(hi - lo + 1));
}

static const char *pick(const char *const *a, int n)
{
	return a[rnd() % (unsigned long long)n];
}

static FILE *open_out(const char *dir, const char *name)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f) {
		perror(path);
		exit(1);
	}
	return f;
}

static void close_out(FILE *f)
{
	if (fflush(f) || ferror(f) || fclose(f)) {
		perror("mkdata");
		exit(1);
	}
}

static calendar_t cal;

static int add_workdays(int day, int n)
{
	return n <= 0 ? day : calendar_deadline(&cal, day, n);
}

static void put_nl_datetime(FILE *f, int day, int minute)
{
	int y, m, d;
	day_to_ymd(day, &y, &m, &d);
	fprintf(f, "%d-%d-%d %02d:%02d", d, m, y, minute / 60, minute % 60);
}

static void put_iso(FILE *f, int day)
{
	char s[32];
	date_iso(day, s);
	fputs(s, f);
}

static const char *const first_names[] = {"Jan", "Fatima", "Pieter", "Anouk", "Mohammed", "Sanne",
	"Kees", "Yara", "Henk", "Lotte", "Ahmed", "Ingrid", "Bram", "Sophie", "Dirk", "Noor"};
static const char *const last_names[] = {"de Vries", "Jansen", "Bakker", "El Amrani", "Visser",
	"Smit", "Meijer", "de Boer", "Mulder", "Bos", "Vos", "Peters", "Hendriks", "van Dijk"};

static void put_person(FILE *f, char delim)
{
	fprintf(f, "%s %s%c06%08d%c", pick(first_names, 16), pick(last_names, 14), delim,
	        irand(10000000, 99999999), delim);
}

/* --- klantwaardering ------------------------------------------------------------------ */

typedef struct {
	const char *product;
	int n[3];
	double mean[3];
} product_t;

static const product_t products[] = {
	/* "Burgerzaken scoort gemiddeld op de drie onderzochte producten een 8,1" */
	{"Burgerzaken", {105, 109, 116}, {8.1, 8.2, 8.2}},
	{"Melding ondergrondse container", {40, 44, 46}, {8.1, 8.2, 8.2}},
	{"Crediteurenafhandeling", {25, 26, 27}, {8.3, 8.3, 8.4}},
	{"Begraafproces", {15, 14, 16}, {8.0, 8.1, 8.1}},
	{"Milieustraat", {50, 52, 55}, {9.0, 8.9, 9.0}},
	{"Omgevingsvergunning", {80, 78, 82}, {5.3, 5.7, 6.2}},
	{"Melding openbare ruimte", {100, 104, 110}, {5.8, 6.1, 6.5}},
	{"Aanvraag bijstand", {45, 48, 50}, {5.6, 5.9, 6.3}},
	{"Telefonisch contact", {200, 210, 220}, {6.0, 6.3, 6.7}},
	{"Huwelijk en partnerschap", {6, 8, 9}, {8.5, 8.4, 8.6}},
};

/* n integer marks 1..10 whose sum is round(mean * n) */
static void marks(int n, double mean, int *out)
{
	long sum = 0;
	for (int i = 0; i < n; i++) {
		double u = unif() + unif() + unif() - 1.5; /* roughly normal, sd 0.5 */
		int v = (int)lround(mean + u * 2.4);
		out[i] = v < 1 ? 1 : v > 10 ? 10 : v;
		sum += out[i];
	}
	long want = lround(mean * n);
	for (int guard = 0; sum != want && guard < 100000; guard++) {
		int i = irand(0, n - 1);
		if (sum < want && out[i] < 10)
			out[i]++, sum++;
		else if (sum > want && out[i] > 1)
			out[i]--, sum--;
	}
}

static void klantwaardering(const char *dir)
{
	static const char *const meting[3] = {"0-meting 2023", "1-meting 2024", "2-meting 2025"};
	static const int start[3][3] = {{2023, 10, 2}, {2024, 5, 13}, {2025, 5, 12}};
	static const char *const notes[] = {"", "", "", "Vriendelijk geholpen", "Duurde lang",
		"Niet teruggebeld", "Prima", "Duidelijke uitleg, dank u", ""};
	FILE *f = open_out(dir, "klantwaardering.csv");
	fputs("\xEF\xBB\xBFMeting;Datum;Product;Cijfer;Toelichting\r\n", f);
	int buf[400];
	for (int mt = 0; mt < 3; mt++) {
		int d0 = day_from_ymd(start[mt][0], start[mt][1], start[mt][2]);
		for (size_t p = 0; p < sizeof products / sizeof *products; p++) {
			int n = products[p].n[mt];
			marks(n, products[p].mean[mt], buf);
			for (int i = 0; i < n; i++) {
				fprintf(f, "%s;", meting[mt]);
				put_iso(f, d0 + irand(0, 55));
				fprintf(f, ";%s;%d;%s\r\n", products[p].product, buf[i], pick(notes, 9));
			}
		}
	}
	close_out(f);
}

/* --- terugbelverzoeken ---------------------------------------------------------------- */

typedef struct {
	const char *name;
	int weight;        /* share of requests */
	int pilot;         /* day the pilot started, or 0 */
	double end_late;   /* late share reached at the end of 2025 */
} team_t;

static team_t teams[] = {
	{"Werk, Inkomen en Leerrecht", 18, 0, 0.08},
	{"Gebiedsontwikkeling", 14, 0, 0.10},
	{"Publiekszaken", 16, 0, 0.12},
	{"Belastingen", 10, 0, 0.14},
	{"Jeugd, Participatie en WMO", 14, 0, 0.18},
	{"VTH", 12, 0, 0.22},
	{"Financiën", 6, 0, 0.09},
	{"Openbare ruimte", 10, 0, 0.20},
};
#define NTEAMS ((int)(sizeof teams / sizeof *teams))

static const team_t *pick_team(void)
{
	int total = 0;
	for (int i = 0; i < NTEAMS; i++)
		total += teams[i].weight;
	int r = irand(1, total);
	for (int i = 0; i < NTEAMS; i++) {
		r -= teams[i].weight;
		if (r <= 0)
			return &teams[i];
	}
	return &teams[0];
}

/* Late share of a team on a day: 60% until its start of improvement, then falling
 * steadily to end_late at the end of 2025. */
static double late_share(const team_t *t, int day)
{
	int start = t->pilot ? t->pilot : day_from_ymd(2024, 4, 1);
	int end = day_from_ymd(2025, 12, 31);
	if (day < start)
		return 0.60;
	double f = (double)(day - start) / (double)(end - start);
	if (f > 1)
		f = 1;
	/* pilots improve quickly, then level off */
	double shape = t->pilot ? sqrt(f) : f;
	return 0.60 + (t->end_late - 0.60) * shape;
}

static void callbacks(FILE *f, long limit, int first, int last, int per_day)
{
	static const char *const topics[] = {"Vraag over aanslag", "Wil terugbellen over aanvraag",
		"Klacht over afval", "Vraag over uitkering", "Status vergunning", "Afspraak maken",
		"Vraag over factuur", "Melding overlast, graag contact"};
	long id = 100000;
	long written = 0;
	for (int day = first; day <= last && (limit < 0 || written < limit); day++) {
		int wd = day_weekday(day);
		int n = wd >= 5 ? (rnd() % 4 == 0) : calendar_holiday(day) ? 0 : per_day / 2 + irand(0, per_day);
		for (int i = 0; i < n && (limit < 0 || written < limit); i++, written++) {
			const team_t *t = pick_team();
			double share = late_share(t, day);
			int late = unif() < share;
			/* as a team improves, the late ones are also called back sooner */
			int slow = 3 + (int)lround(6.0 * share / 0.60);
			int handled = late ? add_workdays(day, irand(3, slow)) : add_workdays(day, irand(0, 2));
			int minute = irand(8 * 60 + 30, 17 * 60);
			fprintf(f, "%ld;%s;", id++, t->name);
			put_nl_datetime(f, day, minute);
			fputc(';', f);
			put_person(f, ';');
			fprintf(f, "%s;", pick(topics, 8));
			if (handled <= last)
				put_nl_datetime(f, handled, irand(9 * 60, 17 * 60));
			fputs("\r\n", f);
		}
	}
}

static void terugbelverzoeken(const char *dir)
{
	teams[0].pilot = day_from_ymd(2023, 10, 1);
	teams[1].pilot = day_from_ymd(2024, 1, 1);
	FILE *f = open_out(dir, "terugbelverzoeken.csv");
	fputs("Nummer;Team;Aangemaakt;Naam klant;Telefoonnummer;Onderwerp;Teruggebeld\r\n", f);
	callbacks(f, -1, day_from_ymd(2023, 1, 2), day_from_ymd(2025, 12, 31), 18);
	close_out(f);
}

/* --- klantcontacten --------------------------------------------------------------------- */

static void klantcontacten(const char *dir)
{
	static const char *const kanaal[] = {"Telefoon", "E-mail", "Chat", "Contactformulier",
		"Social media", "Balie"};
	static const int weight[] = {45, 18, 8, 12, 5, 12};
	static const double kcc2023[] = {0.72, 0.60, 0.85, 0.55, 0.80, 0.78};
	static const char *const other[] = {"Werk, Inkomen en Leerrecht", "Publiekszaken",
		"Gebiedsontwikkeling", "VTH", "Belastingen"};
	FILE *f = open_out(dir, "klantcontacten.csv");
	fputs("\xEF\xBB\xBF" "Datum;Kanaal;Afgehandeld door\r\n", f);
	int first = day_from_ymd(2023, 1, 2), last = day_from_ymd(2025, 12, 31);
	for (int day = first; day <= last; day++) {
		if (!calendar_is_workday(&cal, day))
			continue;
		int n = 38 + irand(0, 20);
		double f_year = (double)(day - first) / (double)(last - first);
		for (int i = 0; i < n; i++) {
			int r = irand(1, 100), k = 0;
			while (r > weight[k])
				r -= weight[k++];
			double p = kcc2023[k] + (0.86 - kcc2023[k]) * f_year * 0.8;
			char d[32];
			date_short(day, d);
			fprintf(f, "%s;%s;%s\r\n", d, kanaal[k], unif() < p ? "KCC" : pick(other, 5));
		}
	}
	close_out(f);
}

/* --- meldingen (saved as Excel's "CSV", Windows-1252) ----------------------------------- */

static void meldingen(const char *dir)
{
	static const char *const soort[] = {"Niet gehoord", "Niet begrepen", "Te lang gewacht",
		"Onduidelijke brief", "Bejegening"};
	static const char *const team[] = {"Publiekszaken", "Werk, Inkomen en Leerrecht", "VTH",
		"Openbare ruimte", "Belastingen", "KCC"};
	/* free text in Windows-1252: "één" and "€" as single bytes */
	static const char *const text[] = {"Ik ben \xE9\xE9n keer teruggebeld, daarna niet meer",
		"Brief over \x80 45 begreep ik niet", "Te lang in de wacht gestaan", "Geen reactie op mijn mail",
		"Medewerker was kortaf"};
	FILE *f = open_out(dir, "meldingen.csv");
	fputs("Ontvangen;Team;Soort;Afgehandeld;Omschrijving;Naam melder\r\n", f);
	int first = day_from_ymd(2024, 2, 1), last = day_from_ymd(2025, 12, 31);
	for (int day = first; day <= last; day++) {
		if (!calendar_is_workday(&cal, day))
			continue;
		double rate = 0.55 - 0.35 * (double)(day - first) / (double)(last - first);
		if (unif() >= rate)
			continue;
		char d[32];
		date_short(day, d);
		int done = add_workdays(day, irand(1, 12));
		fprintf(f, "%s;%s;%s;", d, pick(team, 6), pick(soort, 5));
		if (done <= last) {
			date_short(done, d);
			fputs(d, f);
		}
		fprintf(f, ";\"%s\";%s %s\r\n", pick(text, 5), pick(first_names, 16), pick(last_names, 14));
	}
	close_out(f);
}

/* --- event exports of the team goals ---------------------------------------------------- */

/* rows of "start;end" where a share `ok` is within `term` (working) days */
static void events(const char *dir, const char *name, const char *header, int first, int last,
                   double per_workday, int term, int workdays, double ok_from, double ok_to)
{
	FILE *f = open_out(dir, name);
	fprintf(f, "%s\r\n", header);
	for (int day = first; day <= last; day++) {
		if (!calendar_is_workday(&cal, day))
			continue;
		int n = (int)per_workday + (unif() < per_workday - floor(per_workday));
		double ok = ok_from + (ok_to - ok_from) * (double)(day - first) / (double)(last - first);
		for (int i = 0; i < n; i++) {
			int in_time = unif() < ok;
			int end;
			if (workdays)
				end = in_time ? add_workdays(day, irand(0, term)) : add_workdays(day, term + irand(1, 6));
			else
				end = in_time ? day + irand(3, term) : day + term + irand(1, 20);
			char a[32], b[32];
			date_iso(day, a);
			date_iso(end, b);
			fprintf(f, "%s;%s\r\n", a, end <= last ? b : "");
		}
	}
	close_out(f);
}

static void facturen(const char *dir)
{
	FILE *f = open_out(dir, "facturen.csv");
	fputs("Factuurdatum;Betaald op;Bedrag;Crediteur\r\n", f);
	static const char *const cred[] = {"Bouwbedrijf Polder BV", "Groenvoorziening Flevo",
		"Adviesbureau Noord", "Drukkerij De Kaap", "Installatietechniek Dronten"};
	int first = day_from_ymd(2023, 1, 2), last = day_from_ymd(2025, 12, 31);
	for (int day = first; day <= last; day++) {
		if (!calendar_is_workday(&cal, day))
			continue;
		int n = 18 + irand(0, 10);
		for (int i = 0; i < n; i++) {
			/* "het grootste gedeelte binnen 14 dagen", 97% binnen 30 */
			double u = unif();
			int paid = u < 0.64 ? day + irand(3, 14) : u < 0.97 ? day + irand(15, 30) : day + irand(31, 60);
			char a[32], b[32];
			date_short(day, a);
			date_short(paid, b);
			int cents = irand(2500, 2500000);
			fprintf(f, "%s;%s;\"%d.%03d,%02d\";%s\r\n", a, paid <= last ? b : "", cents / 100000,
			        (cents / 100) % 1000, cents % 100, pick(cred, 5));
		}
	}
	close_out(f);
}

static void dwangsommen(const char *dir)
{
	FILE *f = open_out(dir, "dwangsommen.csv");
	fputs("Besluitdatum;Bedrag;Warm contact;Zaaknummer\r\n", f);
	int first = day_from_ymd(2024, 1, 8), last = day_from_ymd(2025, 12, 31);
	int zaak = 2024001;
	for (int day = first; day <= last; day++) {
		if (!calendar_is_workday(&cal, day) || unif() > 0.12)
			continue;
		int bedrag = irand(1, 30) * 5000;
		int warm = bedrag > 50000 ? unif() < 0.93 : unif() < 0.2;
		char a[32];
		date_iso(day, a);
		int y, m, d;
		day_to_ymd(day, &y, &m, &d);
		fprintf(f, "%s;%d.%03d,00;%s;Z-%d\r\n", a, bedrag / 1000, bedrag % 1000, warm ? "ja" : "nee", zaak++);
	}
	close_out(f);
}

static void triage_tevredenheid(const char *dir)
{
	FILE *f = open_out(dir, "triage_tevredenheid.csv");
	fputs("Datum;Sterren;Toelichting\r\n", f);
	/* answers per quarter from Q2 2024: the first quarter has too few to show */
	static const int per_q[] = {8, 34, 41, 38, 45, 52, 49};
	static const double mean[] = {3.6, 3.7, 3.8, 3.9, 4.0, 4.1, 4.1};
	for (int q = 0; q < 7; q++) {
		int key = 2024 * 4 + 1 + q;
		int d0 = period_first_day(PER_KWARTAAL, key);
		for (int i = 0; i < per_q[q]; i++) {
			int v = (int)lround(mean[q] + (unif() + unif() - 1) * 2.2);
			v = v < 1 ? 1 : v > 5 ? 5 : v;
			char a[32];
			date_iso(d0 + irand(0, 88), a);
			fprintf(f, "%s;%d;%s\r\n", a, v, v >= 4 ? "Snel geholpen" : "Kon beter");
		}
	}
	close_out(f);
}

/* --- afspraken reisdocumenten: the passport peak from March 2024 ----------------------- */

static void afspraken(const char *dir)
{
	static const char *const product[] = {"Paspoort", "Identiteitskaart"};
	FILE *f = open_out(dir, "afspraken.csv");
	fputs("Aanvraag;Aangevraagd;Product;Eerste vrije afspraak;Naam;BSN\r\n", f);
	int first = day_from_ymd(2023, 1, 2), last = day_from_ymd(2025, 12, 31);
	int peak = day_from_ymd(2024, 3, 1), ready = day_from_ymd(2024, 10, 1);
	long id = 500000;
	for (int day = first; day <= last; day++) {
		if (!calendar_is_workday(&cal, day))
			continue;
		/* five times as many requests from March 2024 */
		int n = day < peak ? 6 + irand(0, 5) : 30 + irand(0, 20);
		/* share with a free slot within 5 working days: 98%, down to about 75% in the first
		 * months of the peak, back to 98% or better from October 2024 */
		double ok = 0.98;
		if (day >= peak && day < ready) {
			double f_in = (double)(day - peak) / (double)(ready - peak);
			ok = 0.75 + 0.23 * f_in * f_in;
		} else if (day >= ready) {
			ok = 0.985;
		}
		for (int i = 0; i < n; i++) {
			int slot = unif() < ok ? add_workdays(day, irand(1, 5)) : add_workdays(day, irand(6, 12));
			char a[32], b[32];
			date_short(day, a);
			date_short(slot, b);
			fprintf(f, "%ld;%s;%s;%s;", id++, a, pick(product, 2), slot <= last ? b : "");
			fprintf(f, "%s %s;%09d\r\n", pick(first_names, 16), pick(last_names, 14), irand(100000000, 999999999));
		}
	}
	close_out(f);
}

/* --- Fixi: reports in the public space, handled and closed ---------------------------- */

static void fixi(const char *dir)
{
	static const char *const team[] = {"ARCA", "Groentechnisch beheer"};
	static const char *const cat[] = {"Groen", "Zwerfafval", "Ondergrondse container", "Straatverlichting",
		"Bestrating", "Speelplaats"};
	FILE *f = open_out(dir, "fixi.csv");
	fputs("Melding;Gemeld;Afgehandeld;Afgemeld;Team;Categorie;Melder;Toelichting\r\n", f);
	int first = day_from_ymd(2024, 1, 2), last = day_from_ymd(2025, 12, 31);
	int plan = day_from_ymd(2024, 7, 1);
	long id = 700000;
	for (int day = first; day <= last; day++) {
		if (!calendar_is_workday(&cal, day))
			continue;
		int y, mo, d;
		day_to_ymd(day, &y, &mo, &d);
		int n = 16 + irand(0, 8) + (mo >= 5 && mo <= 9 ? 6 : 0); /* more green in summer */
		for (int i = 0; i < n; i++) {
			int t = irand(0, 1);
			int handled = add_workdays(day, irand(0, 4));
			/* after the plan (second half of 2024) more reports are closed the same day */
			double same = day < plan ? 0.55 : 0.72;
			double u = unif();
			int closed = u < same ? handled : u < same + 0.2 ? add_workdays(handled, irand(1, 3))
			           : u < 0.97 ? add_workdays(handled, irand(4, t ? 25 : 15)) : 0;
			char a[32], b[32], c[32];
			date_iso(day, a);
			date_iso(handled, b);
			date_iso(closed, c);
			fprintf(f, "F%ld;%s;%s;%s;%s;%s;%s %s;\"Graag actie\"\r\n", id++, a, handled <= last ? b : "",
			        closed && closed <= last && handled <= last ? c : "", team[t], pick(cat, 6), pick(first_names, 16),
			        pick(last_names, 14));
		}
	}
	close_out(f);
}

static void kpi_values(const char *dir)
{
	FILE *f = open_out(dir, "kpi.csv");
	fputs("kpi;periode;waarde;toelichting\r\n", f);
	static const char *const taal[] = {"45", "56", "64", "74", "79", "82", "84", "86"};
	static const char *const verg[] = {"70", "85", "92", "100", "96", "100", "100", "98"};
	for (int q = 0; q < 8; q++)
		fprintf(f, "duidelijke-taal;%d-K%d;%s;steekproef KCC\r\n", 2024 + q / 4, q % 4 + 1, taal[q]);
	fputs("mkb-cijfer;2024;6,9;MKB-vriendelijkste gemeente 2024\r\n", f);
	fputs("gouden-giraf;2023;14;week van de dienstverlening\r\n", f);
	fputs("gouden-giraf;2024;19;week van de dienstverlening\r\n", f);
	fputs("gouden-giraf;2025;22;week van de dienstverlening\r\n", f);
	for (int q = 0; q < 8; q++)
		fprintf(f, "vergunningen-tijdig;%d-K%d;%s;\r\n", 2024 + q / 4, q % 4 + 1, verg[q]);
	close_out(f);
}

/* The money per action and team goal, as the finance system's export of the programme's
 * budget lines: budget, spent so far and expected at the year's end, in euros. */
static void financien(const char *dir)
{
	FILE *f = open_out(dir, "financien.csv");
	fputs("jaar;onderdeel;budget;besteed;verwacht\r\n", f);
	static const char *const rows[] = {
		"2024;dashboard-dienstverlening;25.000;21.400;21.400",
		"2024;terugbelverzoeken;40.000;38.250;38.250",
		"2024;duidelijke-communicatie;30.000;27.900;27.900",
		"2024;week-van-de-dienstverlening;12.000;12.480;12.480",
		"2025;dashboard-dienstverlening;15.000;13.250;14.000",
		"2025;uitvoering-metingen;18.000;9.600;16.500",
		"2025;terugbelverzoeken;40.000;31.250;38.000",
		"2025;melding-dienstverleningsnormen;8.000;2.150;4.000",
		"2025;duidelijke-communicatie;30.000;26.400;31.500",
		"2025;een-loket;15.000;4.800;",
		"2025;week-van-de-dienstverlening;12.000;11.950;11.950",
		"2025;financien-qr-code;6.000;5.200;5.200",
		"2025;burgerzaken-paspoortpiek;20.000;23.600;23.600",
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
		fprintf(f, "%s\r\n", rows[i]);
	close_out(f);
}

static void example(const char *dir)
{
	financien(dir);
	klantwaardering(dir);
	terugbelverzoeken(dir);
	klantcontacten(dir);
	meldingen(dir);
	facturen(dir);
	dwangsommen(dir);
	triage_tevredenheid(dir);
	kpi_values(dir);
	afspraken(dir);
	fixi(dir);
	int y24 = day_from_ymd(2024, 1, 2), end = day_from_ymd(2025, 12, 31);
	events(dir, "persvragen.csv", "Ontvangen;Beantwoord", day_from_ymd(2023, 12, 1), end, 0.7, 2, 1, 0.82, 0.95);
	events(dir, "sport.csv", "Ontvangen;Beantwoord", y24, end, 0.8, 5, 1, 0.75, 0.92);
	events(dir, "triage.csv", "Ontvangen;Gereageerd", y24, end, 6.0, 2, 1, 0.70, 0.88);
	events(dir, "toezicht.csv", "Verdeeld;Gereageerd", y24, end, 2.5, 5, 1, 0.78, 0.90);
	FILE *f = open_out(dir, "voorbeelddata.txt");
	fputs("Deze map bevat voorbeelddata: verzonnen exports, gemaakt door tools/mkdata.c.\n"
	      "Zolang dit bestand er staat, zeggen de website, de PDF en de Excel-rapportage dat de\n"
	      "cijfers niet echt zijn. Zet u echte exports in deze map? Verwijder dan dit bestand.\n", f);
	close_out(f);
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "example")) {
		example(argv[2]);
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "bench")) {
		long n = atol(argv[2]);
		FILE *f = fopen(argv[3], "wb");
		if (!f || n <= 0) {
			fprintf(stderr, "mkdata: bench N FILE\n");
			return 2;
		}
		teams[0].pilot = day_from_ymd(2023, 10, 1);
		teams[1].pilot = day_from_ymd(2024, 1, 1);
		fputs("Nummer;Team;Aangemaakt;Naam klant;Telefoonnummer;Onderwerp;Teruggebeld\r\n", f);
		/* the same three years at every size, so only the rows per day grow (about 750
		 * working days; the last days may fall short of n by a few rows) */
		int per_day = (int)(n / 740 + 1);
		callbacks(f, n, day_from_ymd(2023, 1, 2), day_from_ymd(2025, 12, 31), per_day);
		close_out(f);
		return 0;
	}
	fprintf(stderr, "usage: mkdata example DIR | mkdata bench N FILE\n");
	return 2;
}
