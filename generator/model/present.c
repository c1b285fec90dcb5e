/* present.c - see present.h. */
#include "model/present.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/fmt.h"

static const char *const month_name[12] = {"januari", "februari", "maart", "april", "mei", "juni",
	"juli", "augustus", "september", "oktober", "november", "december"};
static const char *const month_abbr[12] = {"jan", "feb", "mrt", "apr", "mei", "jun",
	"jul", "aug", "sep", "okt", "nov", "dec"};

const char *present_status(kpi_status st)
{
	static const char *const w[ST_N] = {"behaald", "op koers", "risico", "achter", "geen gegevens",
		"geen doel"};
	return w[st];
}

const char *present_status_icon(kpi_status st)
{
	static const char *const w[ST_N] = {"✔", "➚", "⚠", "✖", "?", "–"};
	return w[st];
}

const char *present_ms(ms_status st)
{
	static const char *const w[MS_N] = {"gereed", "loopt", "te laat", "gepland"};
	return w[st];
}

const char *present_ms_icon(ms_status st)
{
	static const char *const w[MS_N] = {"✔", "➚", "✖", "○"};
	return w[st];
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

const char *present_per_label(per_t per)
{
	static const char *const w[] = {"Maand", "Kwartaal", "Jaar"};
	return w[per];
}

/* --- dates and periods ---------------------------------------------------------------- */

void present_date(int day, char *out)
{
	int y, m, d;
	day_to_ymd(day, &y, &m, &d);
	snprintf(out, 40, "%d %s %d", d, month_name[m - 1], y);
}

void present_period(per_t per, int key, char *out)
{
	switch (per) {
	case PER_MAAND:
		snprintf(out, 40, "%s %d", month_name[key % 12], key / 12);
		return;
	case PER_KWARTAAL:
		snprintf(out, 40, "%de kwartaal %d", key % 4 + 1, key / 4);
		return;
	case PER_JAAR:
		snprintf(out, 40, "%d", key);
		return;
	}
}

void present_period_short(per_t per, int key, char *out)
{
	switch (per) {
	case PER_MAAND:
		snprintf(out, 40, "%s %d", month_abbr[key % 12], key / 12);
		return;
	case PER_KWARTAAL:
		snprintf(out, 40, "K%d %d", key % 4 + 1, key / 4);
		return;
	case PER_JAAR:
		snprintf(out, 40, "%d", key);
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

static int whole(double v)
{
	return fabs(v - round(v)) < 1e-9;
}

void present_value_short(eenheid_t unit, double v, char *out)
{
	switch (unit) {
	case EENHEID_PROCENT:
		/* "15,0%" reads as "15%" */
		fmt_pct(v, whole(num_round(v, 1)) ? 0 : 1, out);
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

void present_value(const kpi_def *k, double v, char *out)
{
	present_value_short(k->eenheid, v, out);
	if (k->eenheid == EENHEID_WERKDAGEN)
		strcat(out, strcmp(out, "1,0") == 0 ? " werkdag" : " werkdagen");
}

void present_tick(eenheid_t unit, double v, char *out)
{
	char n[48];
	fmt_num(v, whole(v) ? 0 : 1, n);
	snprintf(out, 56, "%s%s", n, unit == EENHEID_PROCENT ? "%" : "");
}

const char *present_bound(const kpi_def *k)
{
	return k->lager ? "ten hoogste" : "minstens";
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
	present_value(k, t->waarde, v);
	present_target_date(t->datum, d);
	return xasprintf("doel %s: %s %s", d, present_bound(k), v);
}

void present_change(const kpi_t *k, buf_t *out)
{
	const kpi_def *def = &k->def;
	double d = k->res.change;
	char dv[64], pp[40];
	present_period(def->per, k->res.cur_key - 1, pp);
	if (def->eenheid == EENHEID_PROCENT) {
		fmt_num(fabs(d), 1, dv);
		strcat(dv, " procentpunt");
	} else {
		present_value(def, fabs(d), dv);
	}
	int better = def->lager ? d < 0 : d > 0;
	buf_printf(out, "%s %s %s dan in %s", fabs(d) < 1e-9 ? "Gelijk" : d > 0 ? "Hoger:" : "Lager:",
	           fabs(d) < 1e-9 ? "" : dv, fabs(d) < 1e-9 ? "aan" : better ? "(beter)" : "(slechter)", pp);
}

static void reason(const kpi_t *kp, buf_t *r)
{
	const kpi_def *k = &kp->def;
	const kpi_result *res = &kp->res;
	char val[64], per[40], tv[64], td[40], pv[64];
	if (!res->has_cur) {
		buf_printf(r, "%s: nog geen gegevens tot en met de peildatum", k->naam);
		return;
	}
	present_value(k, res->cur, val);
	present_period(k->per, res->cur_key, per);
	buf_printf(r, "%s %s in %s", k->naam, val, per);
	if (k->has_step) {
		char sv[64];
		present_value(k, k->step, sv);
		buf_printf(r, "; tussenstap %s %s", sv, res->step_reached ? "gehaald" : "nog niet gehaald");
	}
	if (res->goal < 0) {
		buf_puts(r, "; er is geen doel voor gesteld");
		return;
	}
	const target_t *goal = &k->doelen[res->goal];
	present_value(k, goal->waarde, tv);
	present_target_date(goal->datum, td);
	buf_printf(r, "; doel %s %s %s", td, present_bound(k), tv);
	if (res->has_path) {
		static const char *const from[] = {"de nulmeting", "het vorige doel", "de eerste meting"};
		present_value(k, res->path, pv);
		buf_printf(r, "; op de rechte lijn vanaf %s nu %s %s", from[res->from], present_bound(k), pv);
	}
	buf_printf(r, ": %s", present_status(res->status));
}

char *present_reason(const kpi_t *k)
{
	buf_t b = {0};
	reason(k, &b);
	return buf_take(&b);
}
