/* edition.c - see edition.h. */
#include "load/edition.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/digest.h"
#include "base/fmt.h"
#include "base/platform.h"
#include "base/util.h"
#include "load/csvread.h"
#include "model/edition.h"
#include "model/present.h"

/* A record larger than this is no record meetlat wrote for a programme of any size. */
#define MAX_RECORD (64L * 1024 * 1024)

enum { C_SOORT, C_KPI, C_GROEP, C_PERIODE, C_WAARDE, C_STAND, C_STATUS, C_AANTAL, C_OPEN, C_DOEL, C_DEF,
	C_DOELEN, C_NAAM, C_N };
static const char *const cols[C_N] = {"soort", "kpi", "groep", "periode", "waarde", "stand", "status", "aantal",
	"open", "doel_gehaald", "definitie", "doelen", "naam"};

typedef struct {
	edition_t *e;
	size_t capk, capf, capm, caps;
	int version, have_version, have_day;
	int correction_line; /* its row 'correctie' */
	diag_t *d;
} rctx;

/* A text cell as written: esc_csv put a ' before text a spreadsheet would run. */
static char *text_of(const csv_row *r, int c)
{
	const char *s = r->val[c];
	if (s[0] == '\'') {
		const char *t = s + 1;
		while (*t == ' ')
			t++;
		if (*t && strchr("=+-@\t\r", *t))
			s++;
	}
	return xstrdup(s);
}

static int need(const csv_row *r, int c, const char *what)
{
	if (r->val[c][0])
		return 1;
	csv_row_error(r, c, "kolom '%s' is leeg. Een regel '%s' heeft hier %s nodig", cols[c], r->val[C_SOORT], what);
	return 0;
}

static int whole(const csv_row *r, int c, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(r->val[c], &end, 10);
	if (!r->val[c][0] || *end || v < 0 || errno == ERANGE) {
		csv_row_error(r, c, "kolom '%s': '%s' is geen heel getal", cols[c], r->val[c]);
		return 0;
	}
	*out = v;
	return 1;
}

/* A status word in column c: its status, or -1 with a message. */
static int known_word(const csv_row *r, int c, int (*parse)(const char *))
{
	int st = parse(r->val[c]);
	if (st < 0)
		csv_row_error(r, c, "kolom '%s': '%s' is geen status die meetlat kent", cols[c], r->val[c]);
	return st;
}

static int hex16(const char *s)
{
	if (strlen(s) != 16)
		return 0;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return 0;
	return 1;
}

static int on_row(void *ctx, const csv_row *r)
{
	rctx *x = ctx;
	edition_t *e = x->e;
	const char *soort = r->val[C_SOORT];
	if (!strcmp(soort, "versie")) {
		long v;
		if (!whole(r, C_WAARDE, &v))
			return 0;
		x->version = (int)v;
		x->have_version = 1;
		if (v < 1) {
			csv_row_error(r, C_WAARDE, "editieversie %ld bestaat niet; meetlat begint bij 1. Zet het origineel terug, of "
			                           "haal het bestand uit de map",
			              v);
			return 1;
		}
		if (v > EDITION_VERSION) {
			csv_row_error(r, C_WAARDE, "deze editie is gemaakt door een nieuwere versie van meetlat (editieversie %ld). "
			                           "Werk meetlat bij, of haal het bestand uit de map",
			              v);
			return 1;
		}
	} else if (!strcmp(soort, "editie")) {
		if (date_parse(r->val[C_PERIODE], r->len[C_PERIODE], &e->peildatum) != 0) {
			csv_row_error(r, C_PERIODE, "kolom 'periode': '%s' is geen peildatum (JJJJ-MM-DD)", r->val[C_PERIODE]);
			return 0;
		}
		x->have_day = 1;
	} else if (!strcmp(soort, "correctie") && x->version >= 3) {
		long nr;
		if (!whole(r, C_WAARDE, &nr))
			return 0;
		if (nr < 1 || nr > 999) {
			csv_row_error(r, C_WAARDE, "kolom 'waarde': een correctie heeft een nummer van 1 tot en met 999");
			return 0;
		}
		e->correction = (int)nr;
		x->correction_line = (int)r->line;
	} else if (!strcmp(soort, "kpi")) {
		if (!need(r, C_KPI, "de kpi") || !need(r, C_STATUS, "de status") ||
		    known_word(r, C_STATUS, present_status_parse) < 0)
			return 0;
		if (!hex16(r->val[C_DEF]) || !hex16(r->val[C_DOELEN])) {
			csv_row_error(r, C_DEF, "kolommen 'definitie' en 'doelen' horen elk 16 tekens 0-9 en a-f te hebben");
			return 0;
		}
		e->kpis = xgrow(e->kpis, &x->capk, e->nkpis, sizeof *e->kpis);
		ed_kpi *k = &e->kpis[e->nkpis++];
		k->kpi = text_of(r, C_KPI);
		k->naam = text_of(r, C_NAAM);
		k->status = text_of(r, C_STATUS);
		k->period = xstrdup(r->val[C_PERIODE]);
		k->met = !strcmp(r->val[C_DOEL], "ja");
		k->definition = xstrdup(r->val[C_DEF]);
		k->targets = xstrdup(r->val[C_DOELEN]);
		k->line = (int)r->line;
	} else if (!strcmp(soort, "cijfer")) {
		double v;
		long total, open;
		per_t per;
		int key;
		if (!need(r, C_KPI, "de kpi") || !need(r, C_GROEP, "de groep (of Totaal)"))
			return 0;
		if (period_parse(r->val[C_PERIODE], r->len[C_PERIODE], &per, &key) != 0) {
			csv_row_error(r, C_PERIODE, "kolom 'periode': '%s' is geen periode (2025-12, 2025-K4 of 2025)",
			              r->val[C_PERIODE]);
			return 0;
		}
		if (num_parse(r->val[C_WAARDE], r->len[C_WAARDE], 1, &v) != 0) {
			csv_row_error(r, C_WAARDE, "kolom 'waarde': '%s' is geen getal", r->val[C_WAARDE]);
			return 0;
		}
		if (strcmp(r->val[C_STAND], "voorlopig") != 0 && strcmp(r->val[C_STAND], "definitief") != 0) {
			csv_row_error(r, C_STAND, "kolom 'stand': hier hoort voorlopig of definitief, niet '%s'", r->val[C_STAND]);
			return 0;
		}
		if (!whole(r, C_AANTAL, &total) || !whole(r, C_OPEN, &open))
			return 0;
		e->figs = xgrow(e->figs, &x->capf, e->nfigs, sizeof *e->figs);
		ed_figure *f = &e->figs[e->nfigs++];
		f->kpi = text_of(r, C_KPI);
		f->group = text_of(r, C_GROEP);
		f->period = xstrdup(r->val[C_PERIODE]);
		f->value = num_round(v, 1);
		f->provisional = !strcmp(r->val[C_STAND], "voorlopig");
		f->total = total;
		f->open = open;
		f->line = (int)r->line;
	} else if (!strcmp(soort, "mijlpaal")) {
		int st;
		if (!need(r, C_KPI, "de pagina") || !need(r, C_NAAM, "de mijlpaal") ||
		    (st = known_word(r, C_STATUS, present_ms_parse)) < 0)
			return 0;
		e->ms = xgrow(e->ms, &x->capm, e->nms, sizeof *e->ms);
		ed_milestone *m = &e->ms[e->nms++];
		m->page = text_of(r, C_KPI);
		m->wat = text_of(r, C_NAAM);
		m->status = xstrdup(present_ms((ms_status)st)); /* an older record's word reads as today's */
		m->line = (int)r->line;
	} else if (!strcmp(soort, "bron") && x->version >= 2) {
		if (!need(r, C_KPI, "het bestand"))
			return 0;
		if (!hex16(r->val[C_DEF])) {
			csv_row_error(r, C_DEF, "kolom 'definitie' hoort 16 tekens 0-9 en a-f te hebben");
			return 0;
		}
		e->sources = xgrow(e->sources, &x->caps, e->nsources, sizeof *e->sources);
		ed_source *src = &e->sources[e->nsources++];
		src->file = text_of(r, C_KPI);
		src->fingerprint = xstrdup(r->val[C_DEF]);
		src->line = (int)r->line;
	} else if (strcmp(soort, "controle") != 0) {
		csv_row_error(r, C_SOORT, "kolom 'soort': '%s' kent meetlat niet in een editie (versie, editie, correctie, bron, "
		                          "kpi, cijfer, mijlpaal of controle)",
		              soort);
	}
	return 0;
}

static int cmp_fig(const void *a, const void *b)
{
	const ed_figure *x = *(const ed_figure *const *)a, *y = *(const ed_figure *const *)b;
	int c = strcmp(x->kpi, y->kpi);
	if (!c)
		c = strcmp(x->group, y->group);
	if (!c)
		c = strcmp(x->period, y->period);
	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* A record names each figure once. */
static void check_figures(const edition_t *e, const char *shown, diag_t *d)
{
	if (e->nfigs < 2)
		return;
	const ed_figure **f = xmalloc(e->nfigs * sizeof *f);
	for (size_t i = 0; i < e->nfigs; i++)
		f[i] = &e->figs[i];
	qsort(f, e->nfigs, sizeof *f, cmp_fig);
	for (size_t i = 1; i < e->nfigs; i++)
		if (!strcmp(f[i]->kpi, f[i - 1]->kpi) && !strcmp(f[i]->group, f[i - 1]->group) &&
		    !strcmp(f[i]->period, f[i - 1]->period))
			diag(d, DIAG_ERROR, shown, f[i]->line, 1,
			     "dit cijfer (%s, %s, %s) staat er al op regel %d. Een editie noemt elk cijfer één keer", f[i]->kpi,
			     f[i]->group, f[i]->period, f[i - 1]->line);
	free(f);
}

/* The check: the last line is "controle;;;;<SHA-256 of all lines above>;...". */
static int check_ok(const char *text, size_t len, const char *shown, diag_t *d)
{
	size_t end = len;
	while (end > 0 && (text[end - 1] == '\n' || text[end - 1] == '\r'))
		end--;
	size_t start = end;
	while (start > 0 && text[start - 1] != '\n')
		start--;
	const char *line = text + start;
	size_t n = end - start;
	if (n < 13 || strncmp(line, "controle;;;;", 12) != 0) {
		diag(d, DIAG_ERROR, shown, 0, 0,
		     "de laatste regel hoort de controle te zijn (controle;;;;...), maar die ontbreekt. Het bestand is "
		     "afgebroken of met de hand veranderd. Zet het origineel terug, of haal het bestand uit de map");
		return 0;
	}
	char want[DIGEST_HEX], got[DIGEST_HEX];
	edition_check(text, start, want);
	size_t k = 0;
	for (size_t i = 12; i < n && k < DIGEST_HEX - 1 && line[i] != ';'; i++)
		got[k++] = line[i];
	got[k] = '\0';
	if (strcmp(want, got) != 0) {
		long lines = 1;
		for (size_t i = 0; i < start; i++)
			lines += text[i] == '\n';
		diag(d, DIAG_ERROR, shown, lines, 5,
		     "dit bestand is veranderd na het publiceren: de controle klopt niet meer met de regels erboven. "
		     "meetlat vergelijkt alleen met een editie zoals die is gepubliceerd. Zet het origineel terug, of "
		     "haal het bestand uit de map");
		return 0;
	}
	return 1;
}

static int read_one(model_t *m, const char *path, const char *shown, const char *name, size_t *cap, diag_t *d)
{
	long long size = 0;
	if (plat_kind_of(path, &size) != PLAT_FILE || size > MAX_RECORD) {
		diag(d, DIAG_ERROR, shown, 0, 0, "is geen editie die meetlat kan lezen (geen gewoon bestand, of groter dan %ld MB)",
		     MAX_RECORD / (1024 * 1024));
		return -1;
	}
	char *text;
	size_t len;
	if (read_file(path, MAX_RECORD, &text, &len) != 0) {
		diag(d, DIAG_ERROR, shown, 0, 0, "kan het bestand niet lezen: het %s", file_problem(errno));
		return -1;
	}
	if (len >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF') ||
	                 memchr(text, '\0', len))) {
		diag(d, DIAG_ERROR, shown, 0, 0,
		     "dit bestand is opgeslagen als UTF-16 (of bevat NUL-tekens), zoals Excel met 'Unicode-tekst' doet; meetlat "
		     "schreef het als UTF-8. Zet het origineel terug");
		free(text);
		return -1;
	}
	/* an editor may have put a byte-order mark in front: the lines are what counts */
	size_t bom = len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3) ? 3 : 0;
	if (!check_ok(text + bom, len - bom, shown, d)) {
		free(text);
		return -1;
	}
	edition_t e = {0};
	e.peildatum = DAY_NONE;
	rctx x = {.e = &e, .d = d};
	int before = diag_errors(d);
	csv_info info;
	csv_read(path, shown, cols, NULL, C_N, on_row, &x, NULL, d, &info);
	if (diag_errors(d) == before && (!x.have_version || !x.have_day))
		diag(d, DIAG_ERROR, shown, 0, 0, "de regel '%s' ontbreekt. Dit is geen editie zoals meetlat die maakt",
		     !x.have_version ? "versie" : "editie");
	if (diag_errors(d) == before)
		check_figures(&e, shown, d);
	if (diag_errors(d) != before) {
		edition_free(&e);
		free(text);
		return -1;
	}
	e.file = xstrdup(shown);
	e.name = xstrdup(name);
	e.bytes = text;
	e.len = len;
	m->editions = xgrow(m->editions, cap, m->neditions, sizeof *m->editions);
	m->editions[m->neditions++] = e;
	return 0;
}

static int cmp_edition(const void *a, const void *b)
{
	const edition_t *x = a, *y = b;
	if (x->peildatum != y->peildatum)
		return (x->peildatum > y->peildatum) - (x->peildatum < y->peildatum);
	if (x->correction != y->correction)
		return (x->correction > y->correction) - (x->correction < y->correction);
	return strcmp(x->name, y->name); /* the same record twice: the same message every time */
}

int edition_any(const char *dir)
{
	char **names;
	long n = list_dir(dir, ".csv", &names);
	if (n < 0)
		return errno != ENOENT;
	free_names(names, n);
	return n > 0;
}

int edition_load(model_t *m, const char *dir, const char *shown_dir, diag_t *d)
{
	char **names;
	long ln = list_dir(dir, ".csv", &names);
	if (ln < 0) {
		if (errno == ENOENT)
			return 0;
		diag(d, DIAG_ERROR, shown_dir, 0, 0, "kan de map niet openen (%s)", strerror(errno));
		return -1;
	}
	size_t n = (size_t)ln, ecap = 0;
	int rv = 0;
	for (size_t i = 0; i < n; i++) {
		char *path = path_join(dir, names[i]);
		char *shown = path_join(shown_dir, names[i]);
		if (read_one(m, path, shown, names[i], &ecap, d) != 0)
			rv = -1;
		free(path);
		free(shown);
		free(names[i]);
	}
	free(names);
	if (m->neditions > 1)
		qsort(m->editions, m->neditions, sizeof *m->editions, cmp_edition);
	/* a record is called editie-<its reference date>.csv, a correction of it
	 * editie-<date>-correctie-<n>.csv: one of each per date, and --publiceer finds them */
	for (size_t i = 0; i < m->neditions; i++) {
		const edition_t *e = &m->editions[i];
		char want[64], day[40];
		edition_name(e->peildatum, e->correction, want);
		if (!strcmp(e->name, want))
			continue;
		present_date(e->peildatum, day);
		const edition_t *twin = NULL;
		for (size_t j = 0; j < m->neditions; j++)
			if (j != i && m->editions[j].peildatum == e->peildatum && m->editions[j].correction == e->correction)
				twin = &m->editions[j];
		if (twin)
			diag(d, DIAG_ERROR, e->file, 0, 0,
			     "dit is nog een %s met peildatum %s, naast %s. Houd er één over; de andere hoort niet in deze map",
			     e->correction ? "correctie van de editie" : "editie", day, twin->file);
		else if (e->correction)
			diag(d, DIAG_ERROR, e->file, 0, 0,
			     "dit is correctie %d van de editie met peildatum %s. Zo'n bestand heet %s. Geef het die naam",
			     e->correction, day, want);
		else
			diag(d, DIAG_ERROR, e->file, 0, 0, "dit is de editie met peildatum %s. Zo'n bestand heet %s. Geef het die naam",
			     day, want);
		rv = -1;
	}
	return rv;
}
