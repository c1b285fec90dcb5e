/* present.c - see present.h. */
#include "model/present.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/fmt.h"

static const char *const month_name[12] = {"januari", "februari", "maart", "april", "mei", "juni",
	"juli", "augustus", "september", "oktober", "november", "december"};
static const char *const month_abbr[12] = {"jan", "feb", "mrt", "apr", "mei", "jun",
	"jul", "aug", "sep", "okt", "nov", "dec"};

/* The one status vocabulary. Icons and colours are unique over both lists; every colour passes
 * 4.5:1 on white and on its own fill; green is only for a target met in time (and, in another
 * green, a milestone done). */
static const status_look kpi_looks[ST_N] = {
	[ST_BEHAALD] = {"behaald", "\u2714", "behaald", "Het doel is gehaald, en op tijd.", 0x1d6b2f, 0xe3f1e6},
	[ST_OP_KOERS] = {"op koers", "\u279a", "opkoers", "Het doel is nog niet gehaald, maar we liggen op schema.", 0x0b5f6b,
	                 0xdff1f1},
	[ST_RISICO] = {"risico", "\u26a0", "risico", "We liggen iets achter op schema. Het doel vraagt aandacht.", 0x8a4b00,
	               0xfff0d4},
	[ST_ACHTER] = {"achter", "\u25bc", "achter", "We liggen ver achter op schema. Het doel is in gevaar.", 0xb3360b,
	               0xfde6dc},
	[ST_TE_LAAT_BEHAALD] = {"te laat behaald", "\u2611", "telaatbehaald",
	                        "Het doel is gehaald, maar pas na de datum die erbij hoort.", 0x1f5b99, 0xe3edf8},
	[ST_TERUGGEVALLEN] = {"teruggevallen", "\u2b07", "teruggevallen", "Het doel was op tijd gehaald, maar nu niet meer.",
	                      0x9c1e5e, 0xf9e3ee},
	[ST_NIET_BEHAALD] = {"niet behaald", "\u2716", "nietbehaald", "De datum van het doel is voorbij, en het doel is niet gehaald.",
	                     0xa4161a, 0xfbe2e2},
	[ST_GEEN_GEGEVENS] = {"geen gegevens", "?", "geengegevens", "Er zijn nog geen cijfers om met het doel te vergelijken.",
	                      0x4f5966, 0xeceff2},
	[ST_GEEN_DOEL] = {"geen doel", "\u2013", "geendoel", "Voor dit cijfer is geen doel afgesproken. We volgen het alleen.",
	                  0x5b5b5b, 0xf0f0f0},
	[ST_ONZEKER] = {"nog onzeker", "\u00b1", "onzeker",
	                "Er staan nog zaken open, of de periode loopt nog. De status kan nog twee kanten op.", 0x6b2c91, 0xefe5f6},
};

static const status_look ms_looks[MS_N] = {
	[MS_GEREED] = {"gereed", "\u25cf", "gereed", "De mijlpaal is gehaald.", 0x16693e, 0xe1f2e8},
	[MS_LOOPT] = {"loopt", "\u25d4", "loopt", "We werken eraan. De datum is nog niet voorbij.", 0x00677f, 0xdff0f5},
	[MS_GEPLAND] = {"gepland", "\u25cb", "gepland", "De mijlpaal ligt nog in de toekomst.", 0x5d5d73, 0xededf2},
	[MS_NIET_GEMELD] = {"over datum, geen nieuws", "\u25cc", "overdatum",
	                    "De datum is voorbij, maar er is niet gemeld of de mijlpaal gehaald is.", 0x7c5800, 0xfbf0d0},
	[MS_TE_LAAT] = {"te laat", "\u2297", "telaat", "De datum is voorbij, en de mijlpaal is nog niet gehaald.", 0x8f1d2c,
	                0xf9e1e5},
};

const status_look *present_look(kpi_status st)
{
	return &kpi_looks[st];
}

const status_look *present_ms_look(ms_status st)
{
	return &ms_looks[st];
}

int present_need(kpi_status st)
{
	static const int rank[ST_N] = {[ST_NIET_BEHAALD] = 0, [ST_TERUGGEVALLEN] = 1, [ST_ACHTER] = 2, [ST_RISICO] = 3,
		[ST_ONZEKER] = 4, [ST_GEEN_GEGEVENS] = 5, [ST_OP_KOERS] = 6, [ST_TE_LAAT_BEHAALD] = 7, [ST_BEHAALD] = 8,
		[ST_GEEN_DOEL] = 9};
	return rank[st];
}

const char *present_status(kpi_status st)
{
	return kpi_looks[st].word;
}

void present_status_label(const kpi_t *k, char *out)
{
	/* the status claims only what holds in every case (engine.c); "nog onzeker" says the rest */
	snprintf(out, 64, "%s", present_status(k->res.status));
}

const char *present_ms(ms_status st)
{
	return ms_looks[st].word;
}

int present_ms_parse(const char *word)
{
	for (int i = 0; i < MS_N; i++)
		if (!strcmp(word, ms_looks[i].word))
			return i;
	/* the word records before edition 2026 used for a milestone past its date without news */
	if (!strcmp(word, "niet gemeld"))
		return MS_NIET_GEMELD;
	return -1;
}

int present_status_parse(const char *word)
{
	for (int i = 0; i < ST_N; i++)
		if (!strcmp(word, kpi_looks[i].word))
			return i;
	return -1;
}

void present_status_use(const model_t *m, status_use *u)
{
	int *kpi = u->kpi, *ms = u->ms;
	memset(u, 0, sizeof *u);
	for (size_t i = 0; i < m->nkpis; i++) {
		const kpi_result *r = &m->kpis[i]->res;
		kpi[r->status] = 1;
		/* "nog onzeker" names the best and the worst case in words (present_reason) */
		if (r->status == ST_ONZEKER) {
			kpi[r->best] = 1;
			kpi[r->worst] = 1;
		}
	}
	/* "de status was op koers, nu risico": the earlier word is shown too */
	for (size_t i = 0; i < m->nchanges; i++) {
		const change_t *c = &m->changes[i];
		if (c->kind == CH_STATUS && c->was) {
			int st = present_status_parse(c->was);
			if (st >= 0)
				kpi[st] = 1;
		}
		if ((c->kind == CH_MS_DONE || c->kind == CH_MS_LATE) && c->was) {
			int st = present_ms_parse(c->was);
			if (st >= 0)
				ms[st] = 1;
		}
	}
	for (int i = 0; i < MS_N; i++)
		if (m->ms_count[i])
			ms[i] = 1;
}

const char *present_soort(soort_t s)
{
	switch (s) {
	case SOORT_ACTIE:
		return "Actie";
	case SOORT_TEAMDOEL:
		return "Teamdoel";
	case SOORT_PROGRAMMA:
		return "Programma";
	case SOORT_TEAM:
		return "Team";
	}
	return "";
}

const char *present_ambition(int amb)
{
	static const char *const t[AMB_N] = {
		"We volgen de logica van de inwoner (Verbinding)",
		"We zijn duidelijk in wat wel en wat niet kan (Vakmanschap)",
		"We hebben oog voor het algemeen belang (Vertrouwen)"};
	return t[amb];
}

const char *present_per_word(per_t per)
{
	static const char *const w[] = {"maand", "kwartaal", "jaar"};
	return w[per];
}

static int whole(double v)
{
	return fabs(v - round(v)) < 1e-9;
}

void present_unit(const kpi_def *k, char *out)
{
	static const char *const w[] = {"procent", "cijfer", "aantal", "werkdagen"};
	if (k->eenheid == EENHEID_CIJFER && k->has_range && (k->range_lo != 1 || k->range_hi != 10)) {
		char lo[48], hi[48];
		fmt_num(k->range_lo, whole(k->range_lo) ? 0 : 1, lo);
		fmt_num(k->range_hi, whole(k->range_hi) ? 0 : 1, hi);
		snprintf(out, 128, "score van %s tot %s", lo, hi);
		return;
	}
	snprintf(out, 128, "%s", w[k->eenheid]);
}

const char present_terms_title[] = "Wat betekenen de woorden?";

const present_term present_terms[] = {
	{"Nulmeting", "De eerste meting. Daarmee vergelijken we later."},
	{"Tussenstap", "Een waarde op weg naar het doel, zoals de 7 op weg naar de 8."},
	{"Doel", "De waarde die we willen halen, en de datum waarop."},
	{"Voorlopig", "Het cijfer kan nog veranderen. De periode loopt nog, of er staan nog zaken open."},
	{"Procentpunt", "Het verschil tussen twee percentages. Van 20% naar 15% is 5 procentpunt lager."},
	{"Ondergrens en bovengrens 95%",
	 "Bij een gemiddelde uit een enquête ligt de echte waarde met 95% zekerheid tussen deze twee getallen. "
	 "Weinig antwoorden geven een grote marge."},
	{"KPI", "Een cijfer dat laat zien hoe goed onze dienstverlening is."},
	{"Norm", "De waarde die elk product of team minstens moet halen, zoals een 8 voor de waardering."},
	{"Afgeleid", "Het programma zegt dit niet letterlijk. Wij hebben het aangenomen, en zeggen erbij waarom."},
};
const int present_nterms = (int)(sizeof present_terms / sizeof *present_terms);

const present_term present_inferences[] = {
	{"Op koers, risico en achter",
	 "Het programma zegt niet hoe snel we naar een doel toe moeten. Wij trekken een rechte lijn van de nulmeting naar het "
	 "doel. Zit de waarde onder die lijn, maar minder dan een kwart van de afstand, dan is de status risico. Zit hij verder "
	 "onder de lijn, dan is de status achter."},
	{"Een doel in een jaar",
	 "Staat er ‘in 2027’, dan lezen wij ‘uiterlijk eind 2027’. Een kwartaal of maand lezen we net zo: het doel geldt op de "
	 "laatste dag."},
};
const int present_ninferences = (int)(sizeof present_inferences / sizeof *present_inferences);

void present_share_rule(const kpi_def *k, char *out)
{
	out[0] = '\0';
	if (k->maat == MAAT_TERMIJN) {
		const char *w = k->lager ? "Buiten" : "Binnen";
		snprintf(out, 200, "Het percentage is %s termijn gedeeld door (Totaal min Lopend). "
		                   "Wat nog loopt en nog op tijd kan zijn, telt nog niet mee.",
		         w);
	}
}

const char *present_per_label(per_t per)
{
	static const char *const w[] = {"Maand", "Kwartaal", "Jaar"};
	return w[per];
}

/* --- dates and periods ---------------------------------------------------------------- */

/* "oktober 2025" at out (without snprintf: dates and periods are in every table row) */
static void month_year(char *out, const char *month, int y)
{
	size_t l = strlen(month);
	memcpy(out, month, l);
	out[l] = ' ';
	fmt_ll(out + l + 1, y);
}

/* "3 oktober 2025" */
void present_date(int day, char *out)
{
	int y, m, d;
	day_to_ymd(day, &y, &m, &d);
	out = fmt_ll(out, d);
	*out++ = ' ';
	month_year(out, month_name[m - 1], y);
}

void present_period(per_t per, int key, char *out)
{
	switch (per) {
	case PER_MAAND:
		month_year(out, month_name[key % 12], key / 12);
		return;
	case PER_KWARTAAL:
		out = fmt_ll(out, key % 4 + 1);
		memcpy(out, "e kwartaal ", 11);
		fmt_ll(out + 11, key / 4);
		return;
	case PER_JAAR:
		fmt_ll(out, key);
		return;
	}
}

void present_in_period(per_t per, int key, int start, char *out)
{
	char p[40];
	present_period(per, key, p);
	snprintf(out, 48, "%cn %s%s", start ? 'I' : 'i', per == PER_KWARTAAL ? "het " : "", p);
}

void present_period_short(per_t per, int key, char *out)
{
	switch (per) {
	case PER_MAAND:
		month_year(out, month_abbr[key % 12], key / 12);
		return;
	case PER_KWARTAAL:
		out[0] = 'K';
		out = fmt_ll(out + 1, key % 4 + 1);
		*out = ' ';
		fmt_ll(out + 1, key / 4);
		return;
	case PER_JAAR:
		fmt_ll(out, key);
		return;
	}
}

const char *present_month_abbr(int month0)
{
	return month_abbr[month0];
}

const char *present_weekday(int day)
{
	static const char *const w[] = {"maandag", "dinsdag", "woensdag", "donderdag", "vrijdag",
		"zaterdag", "zondag"};
	return w[day_weekday(day)];
}

void present_when(const milestone_t *ms, char *out)
{
	if (ms->when_per < 0)
		present_date(ms->first, out);
	else
		present_period((per_t)ms->when_per, period_of((per_t)ms->when_per, ms->first), out);
}

void present_target_date(int day, char *out)
{
	int y, m, d;
	day_to_ymd(day, &y, &m, &d);
	if (m == 12 && d == 31)
		snprintf(out, 40, "eind %d", y);
	else
		present_date(day, out);
}

/* --- dates in words, read back ----------------------------------------------------------- */

/* The next word of s (letters, digits or both), lower case, at most 15 bytes; 0 at the end. */
static size_t next_word(const char **s, char *w)
{
	while (**s == ' ')
		(*s)++;
	size_t n = 0;
	while (**s && **s != ' ' && n < 15) {
		char c = **s;
		w[n++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
		(*s)++;
	}
	w[n] = '\0';
	return **s && **s != ' ' ? 0 : n; /* a word too long is no word of a date */
}

static int month_of(const char *w)
{
	for (int i = 0; i < 12; i++)
		if (!strcmp(w, month_name[i]) || !strcmp(w, month_abbr[i]))
			return i + 1;
	return 0;
}

/* A whole number of 1 to 4 digits with an optional suffix ("3e", "3de"); -1 otherwise. */
static int number_of(const char *w, const char *suffix)
{
	int v = 0, n = 0;
	while (w[n] >= '0' && w[n] <= '9' && n < 4)
		v = v * 10 + (w[n++] - '0');
	if (n == 0 || (strcmp(w + n, "") && !(suffix && (!strcmp(w + n, suffix) || !strcmp(w + n, "de")))))
		return -1;
	return v;
}

int present_read_when(const char *s, int *first, int *last, int *per)
{
	char w[4][16];
	int n = 0, end = 0;
	while (n < 4 && next_word(&s, w[n]))
		n++;
	while (*s == ' ')
		s++;
	if (*s || n == 0)
		return -1;
	int i = 0, y, m, d, q;
	if (!strcmp(w[0], "eind")) /* "eind 2025", "eind juni 2025": the period's last day */
		end = 1, i = 1;
	int left = n - i;
	if (left < 1 || (y = number_of(w[n - 1], NULL)) < 1900 || y > 2199 || strlen(w[n - 1]) != 4)
		return -1;
	per_t pp;
	int key;
	if (left == 3 && !end && (d = number_of(w[i], NULL)) > 0 && (m = month_of(w[i + 1])) && ymd_valid(y, m, d)) {
		*first = *last = day_from_ymd(y, m, d);
		*per = -1;
		return 0;
	}
	if (left == 2 && (m = month_of(w[i]))) {
		pp = PER_MAAND, key = y * 12 + m - 1;
	} else if (left == 2 && (w[i][0] == 'k' || w[i][0] == 'q') && (q = number_of(w[i] + 1, NULL)) >= 1 && q <= 4) {
		pp = PER_KWARTAAL, key = y * 4 + q - 1;
	} else if (left == 3 && !strcmp(w[i + 1], "kwartaal") && (q = number_of(w[i], "e")) >= 1 && q <= 4) {
		pp = PER_KWARTAAL, key = y * 4 + q - 1;
	} else if (left == 1 && end) {
		pp = PER_JAAR, key = y;
	} else {
		return -1;
	}
	*first = period_first_day(pp, key);
	*last = period_last_day(pp, key);
	*per = (int)pp;
	if (end) {
		*first = *last;
		*per = -1;
	}
	return 0;
}

/* Why `s` is no date, in words that fit what was written: a day or month that does not exist,
 * dots or slashes, words, a wrong time. */
void present_date_problem(const char *s, size_t len, char *out, size_t n)
{
	/* in words, as the outputs write it ("31 juni 2024"): judged as the same date in digits */
	char copy[64], w[3][16];
	if (len < sizeof copy) {
		memcpy(copy, s, len);
		copy[len] = '\0';
		const char *q = copy;
		int words = 0, m;
		while (words < 3 && next_word(&q, w[words]))
			words++;
		while (*q == ' ')
			q++;
		if (words == 3 && !*q && (m = month_of(w[1])) && number_of(w[0], NULL) >= 0 && number_of(w[2], NULL) >= 0) {
			char digits[48];
			int l = snprintf(digits, sizeof digits, "%s-%d-%s", w[0], m, w[2]), day;
			if (date_parse(digits, (size_t)l, &day) == 0)
				snprintf(out, n, "Schrijf de datum in cijfers: %s", digits);
			else
				present_date_problem(digits, (size_t)l, out, n);
			return;
		}
	}
	int g[3] = {0, 0, 0}, nd[3] = {0, 0, 0}, k = 0;
	char sep[2] = {0, 0};
	size_t i = 0;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	for (; k < 3 && i < len; k++) {
		while (i < len && s[i] >= '0' && s[i] <= '9' && nd[k] < 9) {
			g[k] = g[k] * 10 + (s[i++] - '0');
			nd[k]++;
		}
		if (!nd[k] || k == 2 || i >= len || !strchr("-/.", s[i]))
			break;
		sep[k] = s[i++];
	}
	if (k < 2 || !nd[2] || (nd[0] > 2 && nd[0] != 4) || nd[1] > 2 || (nd[0] == 4 && nd[2] > 2)) {
		snprintf(out, n, "Schrijf de datum in cijfers, zoals 1-10-2024 of 2024-10-01");
		return;
	}
	int year_first = nd[0] == 4;
	int y = year_first ? g[0] : g[2], m = g[1], d = year_first ? g[2] : g[0];
	int ny = year_first ? nd[0] : nd[2];
	int mdays = m >= 1 && m <= 12 && y >= 1 && y <= 9999
	                ? day_from_ymd(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - day_from_ymd(y, m, 1)
	                : 31;
	/* one problem is named, the one to fix first: the form, then month, year and day in turn;
	 * an example is given only when it is a date meetlat reads */
	if (sep[0] != sep[1] || sep[0] == '.' || (year_first && sep[0] == '/')) {
		if (year_first)
			snprintf(out, n, "Schrijf de datum met streepjes: %04d-%02d-%02d", y, m, d);
		else
			snprintf(out, n, "Schrijf de datum met streepjes: %d-%d-%d", d, m, y);
	} else if (m < 1 || m > 12) {
		if (m == 0)
			snprintf(out, n, "Maand 0 bestaat niet; de maanden lopen van 1 tot en met 12");
		else
			snprintf(out, n, "Maand %d bestaat niet. Staan dag en maand omgedraaid?", m);
	} else if (ny != 4) {
		snprintf(out, n, "Schrijf het jaar met vier cijfers, zoals %d-%d-2024", d, m);
	} else if (y > 2199) {
		snprintf(out, n, "Het jaar %d ligt ver in de toekomst: is het een tikfout? meetlat leest de jaren 1900 tot en "
		                 "met 2199",
		         y);
	} else if (y < 1900) {
		snprintf(out, n, "Het jaar %d ligt ver in het verleden: is het een tikfout? meetlat leest de jaren 1900 tot "
		                 "en met 2199",
		         y);
	} else if (d == 0) {
		snprintf(out, n, "Dag 0 bestaat niet; de dagen van een maand beginnen bij 1");
	} else if (d > mdays) {
		char mon[40];
		present_period(PER_MAAND, period_of(PER_MAAND, day_from_ymd(y, m, 1)), mon);
		if (mon[0] >= 'a' && mon[0] <= 'z')
			mon[0] = (char)(mon[0] - 'a' + 'A');
		snprintf(out, n, "%s heeft %d dagen", mon, mdays);
	} else if (year_first && (nd[1] != 2 || nd[2] != 2)) {
		snprintf(out, n, "Schrijf maand en dag met twee cijfers: %04d-%02d-%02d, of schrijf %d-%d-%04d", y, m, d, d, m,
		         y);
	} else {
		snprintf(out, n, "De tijd erachter klopt niet. Schrijf de tijd als 09:30, zoals %d-%d-%d 09:30", d, m, y);
	}
}

/* --- cells in messages ------------------------------------------------------------------ */

static int month_word(const char *s, size_t len)
{
	static const char *const w[] = {"jan", "feb", "mrt", "mar", "apr", "mei", "may", "jun", "jul", "aug", "sep",
		"okt", "oct", "nov", "dec", "januari", "februari", "maart", "april", "juni", "juli", "augustus",
		"september", "oktober", "november", "december"};
	for (size_t i = 0; i < sizeof w / sizeof *w; i++)
		if (strlen(w[i]) == len && !strncasecmp(w[i], s, len))
			return 1;
	return 0;
}

/* Digits in runs of at most `run`, words only where `words` allows them, other characters
 * from `allowed`; at most `max` bytes. */
static int cell_shaped(cell_kind kind, const char *s, size_t len)
{
	static const size_t max[] = {24, 14, 10, 64};
	static const char *const allowed[] = {"-/.: T", ".,+-% ", "-KQkq", "-_"};
	static const int run[] = {4, 7, 4, 64};
	if (len == 0 || len > max[kind])
		return 0;
	int digits = 0;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		if (c >= '0' && c <= '9') {
			if (++digits > run[kind])
				return 0;
			i++;
			continue;
		}
		digits = 0;
		if (kind == CELL_DATUM && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
			size_t j = i;
			while (j < len && (((unsigned char)s[j] | 0x20) >= 'a' && ((unsigned char)s[j] | 0x20) <= 'z'))
				j++;
			if (j - i > 1 && !month_word(s + i, j - i))
				return 0;
			i = j;
			continue;
		}
		if (kind == CELL_ID && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
			i++;
			continue;
		}
		if (!strchr(allowed[kind], c) || c == '\0')
			return 0;
		i++;
	}
	return 1;
}

void present_cell(cell_kind kind, const char *s, size_t len, char *out, size_t n)
{
	size_t a = 0;
	while (a < len && (s[a] == ' ' || s[a] == '\t'))
		a++;
	while (len > a && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (cell_shaped(kind, s + a, len - a)) {
		snprintf(out, n, "'%.*s'", (int)(len - a), s + a);
		return;
	}
	size_t chars = 0, digits = 0;
	for (size_t i = a; i < len; i++) {
		chars += ((unsigned char)s[i] & 0xC0) != 0x80;
		digits += s[i] >= '0' && s[i] <= '9';
	}
	if (kind == CELL_GETAL && digits > 15 && strspn(s + a, "0123456789.,-+ ") >= len - a)
		snprintf(out, n, "een getal van %zu cijfers", digits);
	else
		snprintf(out, n, "een tekst van %zu %s", chars, chars == 1 ? "teken" : "tekens");
}

/* --- numbers ------------------------------------------------------------------------- */

double present_round(eenheid_t unit, double v)
{
	(void)unit;
	return num_round(v, 1);
}

void present_number(double v, int dec, char *out)
{
	fmt_num(v, dec, out);
}

void present_value_short(eenheid_t unit, double v, char *out)
{
	switch (unit) {
	case EENHEID_PROCENT:
		fmt_pct(v, 1, out);
		return;
	case EENHEID_AANTAL:
		fmt_num(v, whole(num_round(v, 1)) ? 0 : 1, out);
		return;
	case EENHEID_CIJFER:
	case EENHEID_WERKDAGEN:
		fmt_num(v, 1, out);
		return;
	}
}

static void unit_word(eenheid_t unit, char *out)
{
	if (unit == EENHEID_WERKDAGEN)
		strcat(out, strcmp(out, "1,0") == 0 || strcmp(out, "1") == 0 ? " werkdag" : " werkdagen");
}

void present_value(const kpi_def *k, double v, char *out)
{
	present_value_short(k->eenheid, v, out);
	unit_word(k->eenheid, out);
}

void present_goal_value(const kpi_def *k, double v, char *out)
{
	v = num_round(v, 1);
	int dec = whole(v) ? 0 : 1;
	if (k->eenheid == EENHEID_PROCENT)
		fmt_pct(v, dec, out);
	else
		fmt_num(v, dec, out);
	unit_word(k->eenheid, out);
}

void present_tick(eenheid_t unit, double v, char *out)
{
	char n[48];
	fmt_num(v, whole(v) ? 0 : 1, n);
	size_t l = strlen(n);
	memcpy(out, n, l + 1);
	if (unit == EENHEID_PROCENT)
		memcpy(out + l, "%", 2);
}

const char *present_bound(const kpi_def *k, double v)
{
	if (k->eenheid == EENHEID_PROCENT && (k->lager ? v <= 0 : v >= 100))
		return "";
	return k->lager ? "ten hoogste " : "minstens ";
}

const char *present_direction(const kpi_def *k, double v)
{
	const char *w = present_bound(k, v);
	return !*w ? "" : k->lager ? "\u2264 " : "\u2265 ";
}

void present_base_listed(const kpi_def *k, char *out)
{
	char v[64], d[40];
	int y, m, dd;
	out[0] = '\0';
	if (!k->has_base)
		return;
	present_goal_value(k, k->base.waarde, v);
	present_target_date(k->base.datum, d);
	day_to_ymd(k->base.datum, &y, &m, &dd);
	snprintf(out, 160, "%s %s%s", v, m == 12 && dd == 31 ? "" : "op ", d);
	if (k->base.afgeleid)
		strcat(out, " (afgeleid)");
}

void present_goal_listed(const kpi_def *k, const target_t *t, char *out)
{
	char g[128];
	present_goal(k, t, g);
	snprintf(out, 160, "%s%s", g, t->afgeleid ? " (afgeleid)" : "");
}

void present_method(const kpi_def *k, char *out)
{
	char days[48], norm[48];
	snprintf(days, sizeof days, "%d %s", k->termijn,
	         k->werkdagen ? (k->termijn == 1 ? "werkdag" : "werkdagen") : (k->termijn == 1 ? "dag" : "dagen"));
	switch (k->maat) {
	case MAAT_TERMIJN:
		snprintf(out, 256, "Het deel van wat binnenkwam dat %sbinnen %s klaar was. Wat nog loopt en nog op tijd klaar "
		                   "kan zijn, telt nog niet mee.",
		         k->lager ? "niet " : "", days);
		return;
	case MAAT_OPENSTAAND:
		snprintf(out, 256, "Van wat aan het eind van de periode nog niet klaar is: het deel dat al langer dan %s wacht.",
		         days);
		return;
	case MAAT_GEMIDDELDE:
		if (k->einde)
			snprintf(out, 256, "Het gemiddelde aantal werkdagen tot het klaar was.");
		else
			snprintf(out, 256, "Het gemiddelde van de antwoorden.");
		if (k->has_norm) {
			present_number(k->norm, whole(k->norm) ? 0 : 1, norm);
			snprintf(out + strlen(out), 256 - strlen(out), " En het deel met %s of %s.", norm,
			         k->lager ? "minder" : "hoger");
		}
		return;
	case MAAT_AANDEEL:
		snprintf(out, 256, "Het deel met ‘%.120s’ als antwoord.", k->is ? k->is : "");
		return;
	case MAAT_AANTAL:
		snprintf(out, 256, "Het aantal in de periode.");
		return;
	case MAAT_WAARDE:
		snprintf(out, 256, "Een cijfer dat het team zelf meldt. Wij rekenen het niet uit.");
		return;
	}
	out[0] = '\0';
}

const char *present_level(const kpi_def *k, const series_t *s)
{
	return s->is_total || !k->groep ? "organisatie" : k->groep;
}

void present_size(long long bytes, char *out)
{
	char n[48];
	if (bytes >= 1024 * 1024) {
		fmt_num((double)bytes / (1024.0 * 1024.0), 1, n);
		snprintf(out, 64, "%s MB", n);
	} else {
		fmt_num((double)(bytes + 1023) / 1024.0, 0, n);
		snprintf(out, 64, "%s kB", n);
	}
}

/* --- sentences ----------------------------------------------------------------------- */

char *present_target(const kpi_def *k, const target_t *t)
{
	char v[64], d[40];
	present_goal_value(k, t->waarde, v);
	present_target_date(t->datum, d);
	return xasprintf("doel %s: %s%s", d, present_bound(k, t->waarde), v);
}

void present_change(const kpi_t *k, buf_t *out)
{
	const kpi_def *def = &k->def;
	double d = k->res.change;
	char dv[64], pp[48];
	present_in_period(def->per, k->res.cur_key - 1, 0, pp);
	if (fabs(d) < 1e-9) {
		buf_printf(out, "%s als %s", def->eenheid == EENHEID_AANTAL      ? "Net zoveel"
		                             : def->eenheid == EENHEID_WERKDAGEN ? "Net zo lang"
		                                                                 : "Net zo hoog",
		           pp);
		return;
	}
	if (def->eenheid == EENHEID_PROCENT) {
		fmt_num(fabs(d), 1, dv);
		strcat(dv, " procentpunt");
	} else {
		present_value(def, fabs(d), dv);
	}
	int better = def->lager ? d < 0 : d > 0;
	/* a count is more or less, a duration longer or shorter */
	const char *up = def->eenheid == EENHEID_AANTAL ? "meer" : def->eenheid == EENHEID_WERKDAGEN ? "langer" : "hoger";
	const char *down = def->eenheid == EENHEID_AANTAL ? "minder" : def->eenheid == EENHEID_WERKDAGEN ? "korter" : "lager";
	buf_printf(out, "%s %s dan %s (%s)", dv, d > 0 ? up : down, pp, better ? "beter" : "slechter");
}

/* "eind 2025: ten hoogste 15%", as "ten hoogste 15% eind 2025" in a sentence */
void present_goal(const kpi_def *k, const target_t *t, char *out)
{
	char v[64], d[40];
	int y, m, dd;
	present_goal_value(k, t->waarde, v);
	present_target_date(t->datum, d);
	day_to_ymd(t->datum, &y, &m, &dd);
	snprintf(out, 128, "%s%s %s%s", present_bound(k, t->waarde), v, m == 12 && dd == 31 ? "" : "op ", d);
}

char *present_per_group(const kpi_def *k)
{
	char per_what[160];
	snprintf(per_what, sizeof per_what, "per %s", k->groep ? k->groep : "groep");
	if (strstr(k->naam, per_what))
		return xstrdup(k->naam);
	return xasprintf("%s %s", k->naam, per_what);
}

char *present_group_title(const kpi_def *k, int key)
{
	char p[40];
	present_period(k->per, key, p);
	char *t = present_per_group(k), *s = xasprintf("%s, %s", t, p);
	free(t);
	return s;
}

char *present_group_caption(const kpi_def *k, int key)
{
	char p[40];
	present_period(k->per, key, p);
	return xasprintf("Per %s, %s", k->groep ? k->groep : "groep", p);
}

/* What a value of this KPI is called in a sentence, so no sentence says a bare "het". */
static const char *subject(const kpi_def *k)
{
	switch (k->eenheid) {
	case EENHEID_PROCENT:
		return "het percentage";
	case EENHEID_CIJFER:
		return k->has_range && (k->range_lo != 1 || k->range_hi != 10) ? "de score" : "het cijfer";
	case EENHEID_AANTAL:
		return "het aantal";
	case EENHEID_WERKDAGEN:
		return "het gemiddelde";
	}
	return "de waarde";
}

/* The same with a capital, to start a sentence. */
static void subject_cap(const kpi_def *k, char *out)
{
	snprintf(out, 32, "%s", subject(k));
	out[0] = (char)(out[0] - 'a' + 'A');
}

static void goal_words(const kpi_def *k, const target_t *t, buf_t *r)
{
	char g[128];
	present_goal(k, t, g);
	buf_puts(r, g);
}

/* What happened to a target whose deadline has come. */
static void judged_words(const kpi_t *kp, size_t t, buf_t *r)
{
	const kpi_def *k = &kp->def;
	const target_result *tr = &kp->res.targets[t];
	char d[40], v[64], p[48];
	present_target_date(k->doelen[t].datum, d);
	if (!tr->has_value) {
		buf_printf(r, " Voor %s was er nog geen meting.", d);
		return;
	}
	present_value(k, tr->value, v);
	present_in_period(k->per, tr->key, 1, p);
	buf_printf(r, " %s was %s %s.", p, subject(k), v);
}

/* What the figure is based on, when that is less than the whole period: it runs, the export
 * ends inside it, or the export has a gap in it. */
static void coverage_words(const kpi_t *kp, const cell_t *c, buf_t *r)
{
	const kpi_def *k = &kp->def;
	char d[40];
	if (c->period_open) {
		buf_printf(r, " %s is nog niet voorbij.", k->per == PER_MAAND      ? "Deze maand"
		                                           : k->per == PER_KWARTAAL ? "Dit kwartaal"
		                                                                    : "Dit jaar");
	} else if (c->cover == COV_PARTIAL && c->cover_end != DAY_NONE) {
		present_date(c->cover_end, d);
		buf_printf(r, " De export loopt tot %s. Het cijfer gaat dus niet over %s.", d,
		           k->per == PER_MAAND ? "de hele maand" : k->per == PER_KWARTAAL ? "het hele kwartaal" : "het hele jaar");
	} else if (c->cover == COV_PARTIAL) {
		buf_printf(r, " De export heeft in een deel van %s geen regels. Het cijfer is dus niet compleet.",
		           k->per == PER_KWARTAAL ? "het kwartaal" : "het jaar");
	}
}

/* Open items: what the figure becomes if they all end up in time, or all late. */
static void open_words(const kpi_t *kp, const cell_t *c, buf_t *r)
{
	const kpi_def *k = &kp->def;
	const kpi_result *res = &kp->res;
	if (c->open <= 0)
		return;
	if (k->maat != MAAT_TERMIJN || c->period_open || c->cover == COV_PARTIAL) {
		buf_printf(r, " Dit cijfer is voorlopig, want er %s nog %ld %s open.", c->open == 1 ? "staat" : "staan", c->open,
		           c->open == 1 ? "zaak" : "zaken");
		return;
	}
	char a[64], b[64];
	/* in time: the fewest late (lager) or the most in time (hoger) */
	present_value(k, k->lager ? c->low : c->high, a);
	present_value(k, k->lager ? c->high : c->low, b);
	const char *they = c->open == 1 ? "die" : "ze allemaal";
	if (c->open == 1)
		buf_puts(r, " Er staat nog 1 zaak open.");
	else
		buf_printf(r, " Er staan nog %ld zaken open.", c->open);
	if (res->status == ST_ONZEKER) {
		const char *is = c->open == 1 ? "Is" : "Zijn";
		buf_printf(r, " %s %s op tijd klaar, dan wordt %s %s.", is, they, subject(k), a);
		buf_printf(r, " %s %s te laat, dan wordt %s %s.", is, they, subject(k), b);
	} else if (res->best == ST_BEHAALD || res->best == ST_OP_KOERS || res->best == ST_TE_LAAT_BEHAALD) {
		buf_printf(r, " Ook als %s te laat %s, wordt %s niet slechter dan %s.", they, c->open == 1 ? "is" : "zijn",
		           subject(k), b);
	} else {
		buf_printf(r, " Ook als %s op tijd klaar %s, wordt %s niet beter dan %s.", they, c->open == 1 ? "is" : "zijn",
		           subject(k), a);
	}
}

static void reason(const kpi_t *kp, buf_t *r)
{
	const kpi_def *k = &kp->def;
	const kpi_result *res = &kp->res;
	char val[64], per[48], pv[64], d[40];
	if (!res->has_cur) {
		buf_puts(r, "Er zijn nog geen cijfers tot en met de peildatum.");
		if (res->source_end != DAY_NONE) {
			present_date(res->source_end, d);
			buf_printf(r, " De export loopt tot %s.", d);
		}
		return;
	}
	present_value(k, res->cur, val);
	present_in_period(k->per, res->cur_key, 1, per);
	const cell_t *c = series_cell(&res->total, res->cur_key);
	if (c && c->period_open)
		buf_printf(r, "%s is %s tot nu toe %s.", per, subject(k), val);
	else
		buf_printf(r, "%s was %s %s.", per, subject(k), val);
	if (c) {
		coverage_words(kp, c, r);
		open_words(kp, c, r);
	}
	/* earlier targets whose deadline has passed */
	for (size_t t = 0; res->goal >= 0 && t < (size_t)res->goal; t++) {
		if (!res->targets[t].judged)
			continue;
		buf_puts(r, " Het doel was ");
		goal_words(k, &k->doelen[t], r);
		buf_puts(r, ".");
		judged_words(kp, t, r);
		buf_puts(r, res->targets[t].has_value && res->targets[t].met ? " Dat doel is op tijd gehaald."
		                                                              : " Dat doel is niet op tijd gehaald.");
	}
	if (k->has_step) {
		char sv[64];
		present_goal_value(k, k->step, sv);
		buf_printf(r, " De tussenstap van %s is %s.", sv, res->step_reached ? "gehaald" : "nog niet gehaald");
	}
	if (res->goal < 0) {
		buf_puts(r, " Er is geen doel voor dit cijfer.");
		return;
	}
	const target_t *goal = &k->doelen[res->goal];
	const target_result *tr = &res->targets[res->goal];
	buf_puts(r, tr->judged ? " Het doel was " : " Het doel is ");
	goal_words(k, goal, r);
	buf_puts(r, ".");
	switch (res->status) {
	case ST_BEHAALD:
		if (!tr->judged || (tr->has_value && tr->key == res->cur_key)) {
			buf_puts(r, tr->judged ? " Dat doel is gehaald." : " Dat doel is nu al gehaald.");
		} else if (tr->has_value) {
			judged_words(kp, (size_t)res->goal, r);
			buf_printf(r, " Dat doel is op tijd gehaald, en %s is nog steeds goed genoeg.", subject(k));
		} else {
			judged_words(kp, (size_t)res->goal, r);
			buf_puts(r, " Nu wordt het doel gehaald.");
		}
		break;
	case ST_OP_KOERS:
	case ST_RISICO:
	case ST_ACHTER:
		present_value(k, res->path, pv);
		buf_printf(r, " Op weg naar dat doel zou %s nu %s%s moeten zijn.", subject(k), present_bound(k, res->path),
		           pv);
		if (res->status == ST_OP_KOERS) {
			buf_puts(r, " Dat lukt, dus de status is op koers.");
		} else {
			char sc[32];
			subject_cap(k, sc);
			buf_printf(r, " %s is %s te %s. Daarom is de status %s.", sc, res->status == ST_RISICO ? "iets" : "veel",
			           k->lager ? "hoog" : "laag", present_status(res->status));
		}
		break;
	case ST_TE_LAAT_BEHAALD:
		judged_words(kp, (size_t)res->goal, r);
		buf_puts(r, " Het doel is dus niet op tijd gehaald. Nu wel, dus de status is te laat behaald.");
		break;
	case ST_TERUGGEVALLEN:
		judged_words(kp, (size_t)res->goal, r);
		buf_printf(r, " Dat doel is op tijd gehaald. Nu haalt %s het doel niet meer. Daarom is de status teruggevallen.",
		           subject(k));
		break;
	case ST_NIET_BEHAALD:
		if (tr->has_value && tr->key == res->cur_key) {
			buf_puts(r, " Dat doel is niet gehaald.");
		} else {
			judged_words(kp, (size_t)res->goal, r);
			buf_puts(r, " Het doel is niet gehaald. Ook nu niet.");
		}
		break;
	case ST_ONZEKER:
		if (tr->judged && (!tr->has_value || tr->key != res->cur_key))
			judged_words(kp, (size_t)res->goal, r);
		if (!tr->judged && res->has_path) {
			present_value(k, res->path, pv);
			buf_printf(r, " Op weg naar dat doel zou %s nu %s%s moeten zijn.", subject(k), present_bound(k, res->path),
			           pv);
		}
		if (tr->judged)
			buf_puts(r, " Of het doel gehaald is, is nog onzeker.");
		else
			buf_printf(r, " Of %s op schema ligt, is nog onzeker.", subject(k));
		buf_printf(r, " In het beste geval is de status %s, in het slechtste %s.", present_status(res->best),
		           present_status(res->worst));
		break;
	case ST_GEEN_GEGEVENS:
	case ST_GEEN_DOEL:
		break;
	}
}

void present_spread(const kpi_t *k, buf_t *out)
{
	const kpi_def *d = &k->def;
	if (!k->res.has_cur)
		return;
	int key = k->res.cur_key, count = d->maat == MAAT_AANTAL;
	const series_t *high = NULL, *low = NULL;
	double hv = 0, lv = 0;
	for (size_t g = 0; g < k->res.ngroups; g++) {
		const cell_t *c = series_cell(&k->res.groups[g], key);
		/* a group too small to compare is never the best or the worst */
		if (!c || !c->has_value || (!count && c->n < d->minimum))
			continue;
		double v = present_round(d->eenheid, c->value);
		if (!high || v > hv) {
			high = &k->res.groups[g];
			hv = v;
		}
		if (!low || v < lv) {
			low = &k->res.groups[g];
			lv = v;
		}
	}
	if (!high)
		return;
	char h[64], l[64];
	present_value(d, hv, h);
	present_value(d, lv, l);
	if (count) {
		buf_printf(out, "Meeste: %s (%s).", high->name, h);
	} else if (hv == lv) {
		buf_printf(out, "Allemaal %s.", h);
	} else if (d->lager) {
		buf_printf(out, "Best: %s (%s). Minst goed: %s (%s).", low->name, l, high->name, h);
	} else {
		buf_printf(out, "Best: %s (%s). Minst goed: %s (%s).", high->name, h, low->name, l);
	}
}

char *present_reason(const kpi_t *k)
{
	buf_t b = {0};
	reason(k, &b);
	return buf_take(&b);
}

const char *present_stand(const cell_t *c)
{
	if (c->cover == COV_NONE)
		return "geen gegevens";
	if (!c->has_value)
		return c->open > 0 ? "voorlopig" : "";
	if (c->cover == COV_PARTIAL)
		return "deels";
	return c->provisional ? "voorlopig" : "definitief";
}

void present_source_end(const model_t *m, const kpi_t *k, char *out)
{
	out[0] = '\0';
	if (k->res.source_end == DAY_NONE || k->res.source_end >= m->peildatum)
		return;
	char d[40];
	present_date(k->res.source_end, d);
	snprintf(out, 64, "cijfers tot %s", d);
}

void present_stale_sources(const model_t *m, buf_t *out)
{
	int n = 0;
	for (size_t i = 0; i < m->nfiles; i++) {
		const datafile_t *f = &m->files[i];
		if (!f->used || f->cover_end == DAY_NONE || f->cover_end >= m->peildatum)
			continue;
		char d[40];
		present_date(f->cover_end, d);
		buf_printf(out, "%s%s loopt tot %s", n++ ? "; " : "Niet alle exports lopen tot de peildatum: ", f->name, d);
	}
	if (n)
		buf_printf(out, ". De cijfers uit %s gaan tot die datum; wat daarna kwam, staat er nog niet in.",
		           n == 1 ? "die export" : "die exports");
}

void present_coverage_note(const model_t *m, const datafile_t *f, char *out)
{
	char d[40];
	size_t o = 0;
	out[0] = '\0';
	if (f->cover_end != DAY_NONE && f->cover_end < m->peildatum) {
		present_date(f->cover_end, d);
		o += (size_t)snprintf(out, 256, "loopt tot %s, eerder dan de peildatum", d);
	}
	if (f->stand != DAY_NONE && o < 200) {
		present_date(f->stand, d);
		o += (size_t)snprintf(out + o, 256 - o, "%sgemaakt op %s (opgegeven)", o ? "; " : "", d);
	}
	int gaps = 0;
	for (size_t i = 0; f->gap && i < f->nmonths && o < 200; i++) {
		if (!f->gap[i])
			continue;
		char p[40];
		present_period(PER_MAAND, f->month0 + (int)i, p);
		o += (size_t)snprintf(out + o, 256 - o, "%s%s", gaps++ ? ", " : o ? "; geen regels in " : "geen regels in ", p);
	}
	if (f->cp1252 && o < 200)
		snprintf(out + o, 256 - o, "%sopgeslagen als Windows-1252 (Excel ‘CSV’), omgezet", o ? "; " : "");
}

const char *present_peil_source(const model_t *m)
{
	switch (m->peildatum_bron) {
	case PEIL_GEGEVENS:
		return "Dat is de laatste dag van de laatste volledige maand in de gegevens.";
	case PEIL_INSTELLING:
		return "Die datum staat in de instellingen van het programma.";
	case PEIL_OPDRACHTREGEL:
		return "Die datum is bij het maken opgegeven.";
	}
	return "";
}

/* --- editions ---------------------------------------------------------------------------- */

void present_since(const model_t *m, buf_t *out)
{
	char day[40];
	if (m->prev < 0)
		return;
	present_date(m->editions[m->prev].peildatum, day);
	buf_printf(out, "Sinds de vorige editie, met peildatum %s.", day);
}

void present_revised(const kpi_def *k, const cell_t *c, char *out)
{
	char v[64];
	present_value(k, c->was, v);
	snprintf(out, 96, "herzien, eerder %s", v);
}

static const char *why_words(int why)
{
	switch (why) {
	case REV_OPEN_RESOLVED:
		return " Lopende zaken zijn sindsdien afgehandeld.";
	case REV_ROWS_ADDED:
		return " Er zijn sindsdien regels bijgekomen voor die periode.";
	case REV_ROWS_REMOVED:
		return " Er zijn sindsdien regels weggehaald voor die periode.";
	case REV_DEFINITION:
		return " De berekening is veranderd.";
	default:
		return "";
	}
}

const char *const present_change_groups[CHG_N] = {"Status", "Mijlpalen", "Herziene cijfers",
	"Veranderd in het programma"};

int present_change_group(const change_t *c)
{
	switch (c->kind) {
	case CH_STATUS:
	case CH_MET:
	case CH_UNMET:
		return CHG_STATUS;
	case CH_MS_DONE:
	case CH_MS_LATE:
		return CHG_MILESTONES;
	case CH_REVISED:
	case CH_REVISED_GROUPS:
	case CH_GONE_FIGURES:
		return CHG_REVISED;
	case CH_NEW_KPI:
	case CH_GONE_KPI:
	case CH_TARGETS:
	case CH_DEFINITION:
		break;
	}
	return CHG_PROGRAMME;
}

void present_change_since(const change_t *c, buf_t *out)
{
	const char *naam = c->k ? c->k->def.naam : c->naam;
	char g[128], a[64], b[64], p[48];
	switch (c->kind) {
	case CH_STATUS:
		buf_printf(out, "%s: de status was %s, nu %s.", naam, c->was, present_status(c->k->res.status));
		if (c->new_period) {
			/* what moved it: the figure of a later period */
			present_value(&c->k->def, c->k->res.cur, a);
			present_in_period(c->k->def.per, c->k->res.cur_key, 0, p);
			buf_printf(out, " Er is een nieuw cijfer: %s %s.", a, p);
		} else if (c->same_data) {
			buf_puts(out, " De gegevens zijn niet veranderd. Wel is de peildatum later.");
		}
		break;
	case CH_MET:
	case CH_UNMET: {
		const target_t *t = kpi_goal(c->k);
		if (t)
			present_goal(&c->k->def, t, g);
		buf_printf(out, c->kind == CH_MET ? "%s haalt nu het doel (%s)." : "%s haalt het doel niet meer (%s).", naam,
		           t ? g : "");
		break;
	}
	case CH_NEW_KPI:
		buf_printf(out, "Nieuw gemeten: %s.", naam);
		break;
	case CH_GONE_KPI:
		buf_printf(out, "Niet meer gemeten: %s.", naam);
		break;
	case CH_TARGETS:
		buf_printf(out, "Het doel van %s is veranderd in het programma.", naam);
		break;
	case CH_DEFINITION:
		buf_printf(out, "De berekening van %s is veranderd in het programma. Eerdere cijfers kunnen daardoor anders zijn.",
		           naam);
		break;
	case CH_REVISED:
		present_value(&c->k->def, c->cell->was, a);
		present_value(&c->k->def, c->cell->value, b);
		present_in_period(c->k->def.per, c->cell->key, 0, p);
		buf_printf(out, "Herzien: %s %s. Eerder %s, nu %s.%s", naam, p, a, b, why_words(c->cell->why));
		break;
	case CH_REVISED_GROUPS:
		buf_printf(out, "Herzien: %d %s van %s per %s. Zie de tabellen.", c->count, c->count == 1 ? "cijfer" : "cijfers",
		           naam, c->k->def.groep ? c->k->def.groep : "groep");
		break;
	case CH_GONE_FIGURES:
		buf_printf(out, "Niet meer getoond: %d eerder %s %s van %s. De vorige editie heeft %s nog.", c->count,
		           c->count == 1 ? "gepubliceerd" : "gepubliceerde", c->count == 1 ? "cijfer" : "cijfers", naam,
		           c->count == 1 ? "het" : "ze");
		break;
	case CH_MS_DONE:
		buf_printf(out, "Mijlpaal gereed: %s (%s).", c->ms->wat, c->page->titel);
		break;
	case CH_MS_LATE:
		buf_printf(out, c->ms->status == MS_TE_LAAT ? "Mijlpaal te laat: %s (%s)."
		                                            : "Mijlpaal over datum, geen nieuws: %s (%s).",
		           c->ms->wat, c->page->titel);
		break;
	}
}

void present_delta(const ed_delta *d, buf_t *out)
{
	const struct {
		int n;
		const char *one, *many;
	} parts[] = {
		{d->statuses, "status veranderd", "statussen veranderd"},
		{d->revised, "cijfer herzien", "cijfers herzien"},
		{d->kpis_new, "KPI nieuw", "KPI's nieuw"},
		{d->kpis_gone, "KPI niet meer gemeten", "KPI's niet meer gemeten"},
		{d->milestones, "mijlpaal met een andere status", "mijlpalen met een andere status"},
	};
	int shown = 0, total = 0;
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
		total += parts[i].n > 0;
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
		if (!parts[i].n)
			continue;
		buf_printf(out, "%s%d %s", shown == 0 ? "" : shown == total - 1 ? " en " : ", ", parts[i].n,
		           parts[i].n == 1 ? parts[i].one : parts[i].many);
		shown++;
	}
	buf_puts(out, shown ? "." : "Geen statussen of cijfers veranderd.");
}

/* --- the report's summary and the people's words -------------------------------------------- */

void present_money(double eur, char *out)
{
	char n[64];
	present_number(num_round(eur, 0), 0, n);
	snprintf(out, 64, "\u20ac %.48s", n);
}

void present_kpi_count(kpi_status st, int n, char *out)
{
	int one = n == 1;
	switch (st) {
	case ST_BEHAALD:
		snprintf(out, 160, "%d %s %s doel gehaald", n, one ? "KPI heeft" : "KPI's hebben", one ? "zijn" : "hun");
		return;
	case ST_OP_KOERS:
		snprintf(out, 160, "%d %s op koers", n, one ? "KPI ligt" : "KPI's liggen");
		return;
	case ST_TE_LAAT_BEHAALD:
		snprintf(out, 160, "%d %s %s doel gehaald, maar te laat", n, one ? "KPI heeft" : "KPI's hebben", one ? "zijn" : "hun");
		return;
	case ST_RISICO:
		snprintf(out, 160, "%d %s risico", n, one ? "KPI loopt" : "KPI's lopen");
		return;
	case ST_ACHTER:
		snprintf(out, 160, "%d %s ver achter op schema", n, one ? "KPI ligt" : "KPI's liggen");
		return;
	case ST_TERUGGEVALLEN:
		snprintf(out, 160, "%d %s teruggevallen: %s doel was gehaald, maar nu niet meer", n, one ? "KPI is" : "KPI's zijn",
		         one ? "het" : "hun");
		return;
	case ST_NIET_BEHAALD:
		snprintf(out, 160, "%d %s %s doel niet gehaald", n, one ? "KPI heeft" : "KPI's hebben", one ? "zijn" : "hun");
		return;
	case ST_GEEN_GEGEVENS:
		snprintf(out, 160, "%d %s nog geen cijfers", n, one ? "KPI heeft" : "KPI's hebben");
		return;
	case ST_GEEN_DOEL:
		snprintf(out, 160, "%d %s geen doel: we volgen %s alleen", n, one ? "KPI heeft" : "KPI's hebben", one ? "hem" : "ze");
		return;
	case ST_ONZEKER:
		snprintf(out, 160, "Van %d %s is nog onzeker of %s het doel %s", n, one ? "KPI" : "KPI's", one ? "hij" : "ze",
		         one ? "haalt" : "halen");
		return;
	}
	out[0] = '\0';
}

void present_ms_count(ms_status st, int n, int total, char *out)
{
	int one = n == 1;
	switch (st) {
	case MS_GEREED:
		snprintf(out, 256, "%d van de %d mijlpalen %s gereed.", n, total, one ? "is" : "zijn");
		return;
	case MS_LOOPT:
		snprintf(out, 256, "Aan %d %s werken we nog. De datum is nog niet voorbij.", n, one ? "mijlpaal" : "mijlpalen");
		return;
	case MS_GEPLAND:
		snprintf(out, 256, "%d %s nog in de toekomst.", n, one ? "mijlpaal ligt" : "mijlpalen liggen");
		return;
	case MS_NIET_GEMELD:
		snprintf(out, 256, "Bij %d van de %d mijlpalen is de datum voorbij, maar is niet gemeld of ze gehaald %s. "
		                   "De eigenaars melden dat in de volgende editie.",
		         n, total, one ? "is" : "zijn");
		return;
	case MS_TE_LAAT:
		snprintf(out, 256, "%d %s te laat: de datum is voorbij en %s nog niet gehaald.", n, one ? "mijlpaal is" : "mijlpalen zijn",
		         one ? "hij is" : "ze zijn");
		return;
	}
	out[0] = '\0';
}

void present_unexplained(int n, char *out)
{
	snprintf(out, 160, "%d %s %s doel niet %s, %s nog geen toelichting van %s eigenaar.", n,
	         n == 1 ? "KPI die" : "KPI's die", n == 1 ? "zijn" : "hun", n == 1 ? "haalt" : "halen",
	         n == 1 ? "heeft" : "hebben", n == 1 ? "zijn" : "hun");
}

void present_over_budget(int n, char *out)
{
	snprintf(out, 160, "Bij %d %s worden de kosten naar verwachting hoger dan het budget", n,
	         n == 1 ? "onderdeel" : "onderdelen");
}

void present_finance(const finance_t *f, int year, int closed, buf_t *out)
{
	char b[64], s[64], e[64], d[64];
	present_money(f->budget, b);
	present_money(f->besteed, s);
	/* at the year's end "tot nu toe" is the year itself */
	if (closed)
		buf_printf(out, "Budget %s. Besteed in %d: %s", b, year, s);
	else
		buf_printf(out, "Budget %s. Tot nu toe besteed: %s", b, s);
	if (f->budget > 0)
		buf_printf(out, " (%.0f%%)", num_round(100 * f->besteed / f->budget, 0));
	buf_puts(out, ".");
	if (!f->has_verwacht) {
		buf_printf(out, " Wat het aan het eind van %d kost, is nog niet bekend.", year);
		return;
	}
	present_money(f->verwacht, e);
	double diff = num_round(f->verwacht, 0) - num_round(f->budget, 0);
	present_money(fabs(diff), d);
	/* the year closed: what is still to be paid for it is the difference */
	char what[64];
	if (closed)
		snprintf(what, sizeof what, "Met wat nog moet worden betaald");
	else
		snprintf(what, sizeof what, "Verwacht aan het eind van %d", year);
	if (diff == 0)
		buf_printf(out, " %s: %s, precies het budget.", what, e);
	else
		buf_printf(out, " %s: %s. Dat is %s %s dan het budget.", what, e, d, diff > 0 ? "meer" : "minder");
}

const char present_explain_why[] = "Waarom";
const char present_explain_do[] = "Wat we doen";
const char present_no_explanation[] = "nog geen toelichting van de eigenaar.";
