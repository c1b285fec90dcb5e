/* content.c - see content.h. */
#include "load/content.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/escape.h"
#include "base/fmt.h"
#include "base/platform.h"
#include "base/util.h"
#include "load/yamltree.h"
#include "model/present.h"

/* Limits that keep one wrong file from taking minutes or gigabytes. */
#define MAX_FILE_BYTES (4 * 1024 * 1024)
#define MAX_HEAD_BYTES (256 * 1024)

typedef struct {
	const char *file;  /* shown name */
	diag_t *d;
	model_t *m;
	int offset;        /* the line of the closing ---: line 1 of the Markdown text is the next */
} ctx_t;

static void err(ctx_t *c, const ynode *n, const char *fmt, ...) PRINTF_LIKE(3, 4);
static void err(ctx_t *c, const ynode *n, const char *fmt, ...)
{
	buf_t b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	diag(c->d, DIAG_ERROR, c->file, n ? n->line : 0, n ? n->col : 0, "%s", b.s);
	buf_free(&b);
}

/* --- scalar conversions ------------------------------------------------------------ */

static int want_kind(ctx_t *c, const ynode *n, ykind k, const char *key)
{
	if (n->kind == k)
		return 1;
	err(c, n, "'%s' moet %s zijn, niet %s", key, ykind_name(k), ykind_name(n->kind));
	return 0;
}

static char *get_str(ctx_t *c, const ynode *n, const char *key)
{
	if (!want_kind(c, n, Y_SCALAR, key))
		return NULL;
	if (n->str[0] == '\0') {
		err(c, n, "'%s' is leeg", key);
		return NULL;
	}
	return xstrdup(n->str);
}

static int get_bool(ctx_t *c, const ynode *n, const char *key, int *out)
{
	if (!want_kind(c, n, Y_SCALAR, key))
		return 0;
	const char *s = n->str;
	if (!strcasecmp(s, "true") || !strcasecmp(s, "ja")) {
		*out = 1;
		return 1;
	}
	if (!strcasecmp(s, "false") || !strcasecmp(s, "nee")) {
		*out = 0;
		return 1;
	}
	err(c, n, "'%s' moet ja of nee zijn (true of false), niet '%s'", key, s);
	return 0;
}

static int get_num(ctx_t *c, const ynode *n, const char *key, double *out)
{
	if (!want_kind(c, n, Y_SCALAR, key))
		return 0;
	if (num_parse(n->str, strlen(n->str), 0, out) == 0 && fabs(*out) <= VALUE_MAX)
		return 1;
	if (num_parse(n->str, strlen(n->str), 0, out) == 0 || strspn(n->str, "0123456789.,-+ ") == strlen(n->str))
		err(c, n, "'%s': een getal van %zu tekens kan niet kloppen", key, strlen(n->str));
	else
		err(c, n, "'%s' moet een getal zijn, niet '%s'", key, n->str);
	return 0;
}

static int get_date(ctx_t *c, const ynode *n, const char *key, int *out)
{
	if (!want_kind(c, n, Y_SCALAR, key))
		return 0;
	if (date_parse(n->str, strlen(n->str), out) == 0)
		return 1;
	/* a day as the outputs write it: "1 oktober 2024", "eind 2025" */
	int first, per;
	if (present_read_when(n->str, &first, out, &per) == 0 && per < 0)
		return 1;
	char why[160];
	present_date_problem(n->str, strlen(n->str), why, sizeof why);
	err(c, n, "'%s' is geen datum: '%s'. %s", key, n->str, why);
	return 0;
}

/* A date or a whole period: 2024-05-31, 2024-05, 2024-Q3 / 2024-K3, 2024. *per is -1 for a
 * day, else the kind of period. */
static int get_when(ctx_t *c, const ynode *n, const char *key, int *first, int *last, int *per)
{
	if (!want_kind(c, n, Y_SCALAR, key))
		return 0;
	int day, pk;
	per_t pp;
	if (date_parse(n->str, strlen(n->str), &day) == 0) {
		*first = *last = day;
		if (per)
			*per = -1;
	} else if (period_parse(n->str, strlen(n->str), &pp, &pk) == 0) {
		*first = period_first_day(pp, pk);
		*last = period_last_day(pp, pk);
		if (per)
			*per = (int)pp;
	} else if (present_read_when(n->str, first, last, &pk) == 0) {
		/* as the outputs write it: "juni 2024", "2e kwartaal 2024", "K2 2024", "1 oktober 2024" */
		if (per)
			*per = pk;
	} else {
		err(c, n, "'%s' is geen datum of periode: '%s'. Schrijf 2024-05-31, 2024-05, 2024-K3 of 2024, of zoals in de "
		          "rapportages: 31 mei 2024, mei 2024, 3e kwartaal 2024",
		    key, n->str);
		return 0;
	}
	return 1;
}

/* --- maps with known keys ----------------------------------------------------------- */

/* Letters to change, add or remove to get from a to b, up to max + 1. */
static int edit_distance(const char *a, const char *b, int max)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64 || (la > lb ? la - lb : lb - la) > (size_t)max)
		return max + 1;
	int row[65];
	for (size_t j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int prev = row[0];
		row[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int up = row[j], v = prev + (a[i - 1] != b[j - 1]);
			if (up + 1 < v)
				v = up + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			prev = up;
			row[j] = v;
		}
	}
	return row[lb];
}

/* How key `k`, which meetlat does not know, was probably meant to be `want`: a key followed by
 * its value without the colon ('gereed ja'), written with a space or capitals ('eigen aar',
 * 'Titel'), or a letter off ('mijlpaalen'). 0: not so. */
enum { SLIP_NONE, SLIP_COLON, SLIP_SPELLING };

static int key_slip(const ynode *kn, const ynode *vn, const char *want)
{
	const char *k = kn->str;
	size_t wl = strlen(want);
	if (!strncmp(k, want, wl) && k[wl] == ' ' && k[wl + 1])
		return vn->kind == Y_SCALAR && !vn->str[0] ? SLIP_COLON : SLIP_SPELLING;
	char flat[65];
	size_t n = 0;
	for (const char *q = k; *q && n < 64; q++)
		if (*q != ' ')
			flat[n++] = (char)((*q >= 'A' && *q <= 'Z') ? *q - 'A' + 'a' : *q);
	flat[n] = '\0';
	if (!strcmp(flat, want))
		return SLIP_SPELLING;
	int max = wl >= 8 ? 2 : wl >= 4 ? 1 : 0;
	return max && edit_distance(flat, want, max) <= max ? SLIP_SPELLING : SLIP_NONE;
}

/* A number with a decimal comma in { }: 'waarde: 15,5' reads as 'waarde: 15' and a key '5'. */
static int decimal_comma(const ynode *n, size_t i)
{
	const ynode *k = n->keys[i], *v = n->vals[i];
	if (i == 0 || !k->plain || !k->str[0] || strspn(k->str, "0123456789") != strlen(k->str) ||
	    v->kind != Y_SCALAR || v->str[0])
		return 0;
	const ynode *pv = n->vals[i - 1];
	return pv->kind == Y_SCALAR && pv->plain && pv->line == k->line && pv->str[0] &&
	       strspn(pv->str, "-0123456789") == strlen(pv->str);
}

/* Checks that every key of map n is one of `keys`; reports the others and duplicates. */
static int check_keys(ctx_t *c, const ynode *n, const char *what, const char *const *keys)
{
	int ok = 1;
	for (size_t i = 0; i < n->n; i++) {
		const char *k = n->keys[i]->str;
		int known = 0;
		for (const char *const *kk = keys; *kk; kk++)
			if (strcmp(*kk, k) == 0)
				known = 1;
		const char *meant = NULL;
		int slip = SLIP_NONE;
		for (const char *const *kk = keys; *kk && !known && !slip; kk++)
			if ((slip = key_slip(n->keys[i], n->vals[i], *kk)))
				meant = *kk;
		if (!known && decimal_comma(n, i)) {
			const ynode *num = n->vals[i - 1];
			err(c, num, "'%s: %s,%s': tussen { en } scheidt een komma twee onderdelen, dus dit leest als %s. Schrijf "
			            "het getal met een punt: %s: %s.%s",
			    n->keys[i - 1]->str, num->str, k, num->str, n->keys[i - 1]->str, num->str, k);
			ok = 0;
		} else if (!known && slip == SLIP_COLON) {
			const ynode *kn = n->keys[i];
			diag(c->d, DIAG_ERROR, c->file, kn->line, kn->col + (int)strlen(meant),
			     "na '%s' hoort een dubbele punt en een spatie. Schrijf: %s: %s", meant, meant, k + strlen(meant) + 1);
			ok = 0;
		} else if (!known && slip == SLIP_SPELLING) {
			err(c, n->keys[i], "'%s:' kent meetlat niet in %s; bedoelt u '%s:'?", k, what, meant);
			ok = 0;
		} else if (!known) {
			buf_t list = {0};
			for (const char *const *kk = keys; *kk; kk++)
				buf_printf(&list, "%s%s", kk == keys ? "" : ", ", *kk);
			err(c, n->keys[i], "'%s:' kent meetlat niet in %s. Mogelijk zijn: %s", k, what, list.s);
			buf_free(&list);
			ok = 0;
		}
		for (size_t j = 0; j < i; j++) {
			if (strcmp(n->keys[j]->str, k) == 0) {
				err(c, n->keys[i], "'%s:' staat er twee keer (ook op regel %d). Laat er één staan", k,
				    n->keys[j]->line);
				ok = 0;
			}
		}
	}
	return ok;
}

static const ynode *get(const ynode *map, const char *key)
{
	for (size_t i = 0; i < map->n; i++)
		if (strcmp(map->keys[i]->str, key) == 0)
			return map->vals[i];
	return NULL;
}

static const ynode *need(ctx_t *c, const ynode *map, const char *key, const char *what)
{
	const ynode *v = get(map, key);
	int slipped = 0;
	for (size_t i = 0; i < map->n && !v && !slipped; i++)
		slipped = key_slip(map->keys[i], map->vals[i], key) != SLIP_NONE; /* said by check_keys */
	if (!v && !slipped)
		err(c, map, "%s mist '%s:'", what, key);
	return v;
}

/* A front-matter text readers see, remembered with its line for the plain-language check. */
static void add_text(page_t *p, const char *text, const ynode *n)
{
	if (!text || !n)
		return;
	p->texts = xrealloc(p->texts, (p->ntexts + 1) * sizeof *p->texts);
	p->texts[p->ntexts++] = (fm_text){text, n->line};
}

static int enum_value(ctx_t *c, const ynode *n, const char *key, const char *const *names, int count)
{
	if (!want_kind(c, n, Y_SCALAR, key))
		return -1;
	for (int i = 0; i < count; i++)
		if (strcasecmp(n->str, names[i]) == 0)
			return i;
	buf_t list = {0};
	for (int i = 0; i < count; i++)
		buf_printf(&list, "%s%s", i ? ", " : "", names[i]);
	err(c, n, "'%s' heeft een onbekende waarde '%s'; kies uit: %s", key, n->str, list.s);
	buf_free(&list);
	return -1;
}

/* --- milestones and KPIs ------------------------------------------------------------ */

static void load_milestones(ctx_t *c, page_t *p, const ynode *seq)
{
	static const char *const keys[] = {"datum", "wat", "gereed", "afgeleid", NULL};
	if (!want_kind(c, seq, Y_SEQ, "mijlpalen"))
		return;
	p->ms = xcalloc(seq->n, sizeof *p->ms);
	for (size_t i = 0; i < seq->n; i++) {
		const ynode *it = seq->vals[i];
		if (!want_kind(c, it, Y_MAP, "mijlpaal"))
			continue;
		check_keys(c, it, "een mijlpaal", keys);
		milestone_t *ms = &p->ms[p->nms];
		ms->gereed = -1;
		const ynode *v;
		int ok = 1;
		if ((v = need(c, it, "datum", "een mijlpaal")))
			ok &= get_when(c, v, "datum", &ms->first, &ms->last, &ms->when_per);
		else
			ok = 0;
		if ((v = need(c, it, "wat", "een mijlpaal")))
			ok &= (ms->wat = get_str(c, v, "wat")) != NULL;
		else
			ok = 0;
		if ((v = get(it, "gereed")))
			ok &= get_bool(c, v, "gereed", &ms->gereed);
		if ((v = get(it, "afgeleid")))
			ok &= (ms->afgeleid = get_str(c, v, "afgeleid")) != NULL;
		if (ok) {
			add_text(p, ms->wat, get(it, "wat"));
			add_text(p, ms->afgeleid, get(it, "afgeleid"));
			p->nms++;
		} else {
			free(ms->wat);
			free(ms->afgeleid);
			memset(ms, 0, sizeof *ms);
		}
	}
}

static int load_target(ctx_t *c, const ynode *n, const char *key, target_t *t)
{
	static const char *const keys[] = {"waarde", "datum", "afgeleid", NULL};
	if (!want_kind(c, n, Y_MAP, key))
		return 0;
	check_keys(c, n, key, keys);
	const ynode *w = need(c, n, "waarde", key), *dt = need(c, n, "datum", key), *a = get(n, "afgeleid");
	int first, last;
	if (!w || !dt || !get_num(c, w, "waarde", &t->waarde) || !get_when(c, dt, "datum", &first, &last, NULL))
		return 0;
	/* afgeleid: ja says the value or its date is not literally in the programme; the KPI's own
	 * `afgeleid` says why */
	if (a && !get_bool(c, a, "afgeleid", &t->afgeleid))
		return 0;
	t->datum = last;
	return 1;
}

static void load_filters(ctx_t *c, kpi_t *k, const ynode *seq)
{
	static const char *const keys[] = {"kolom", "is", "is_niet", "groter_dan", "kleiner_dan", NULL};
	if (!want_kind(c, seq, Y_SEQ, "filter"))
		return;
	if (seq->n > 8) {
		err(c, seq, "een kpi heeft ten hoogste 8 filters, niet %zu", seq->n);
		return;
	}
	k->def.filters = xcalloc(seq->n, sizeof *k->def.filters);
	for (size_t i = 0; i < seq->n; i++) {
		const ynode *it = seq->vals[i];
		if (!want_kind(c, it, Y_MAP, "filter") || !check_keys(c, it, "een filter", keys))
			continue;
		const ynode *col = need(c, it, "kolom", "een filter");
		if (!col)
			continue;
		filter_t f = {0};
		const ynode *v;
		int nops = 0, ok = 1;
		if ((v = get(it, "is"))) {
			f.op = FILTER_IS, nops++;
			ok &= (f.waarde = get_str(c, v, "is")) != NULL;
		}
		if ((v = get(it, "is_niet"))) {
			f.op = FILTER_IS_NIET, nops++;
			ok &= (f.waarde = get_str(c, v, "is_niet")) != NULL;
		}
		if ((v = get(it, "groter_dan"))) {
			f.op = FILTER_GROTER, nops++;
			ok &= get_num(c, v, "groter_dan", &f.getal);
		}
		if ((v = get(it, "kleiner_dan"))) {
			f.op = FILTER_KLEINER, nops++;
			ok &= get_num(c, v, "kleiner_dan", &f.getal);
		}
		if (nops != 1) {
			err(c, it, "een filter heeft precies één van is, is_niet, groter_dan of kleiner_dan");
			ok = 0;
		}
		f.kolom = get_str(c, col, "kolom");
		if (!ok || !f.kolom) {
			free(f.kolom);
			free(f.waarde);
			continue;
		}
		k->def.filters[k->def.nfilters++] = f;
	}
}

static int parse_termijn(ctx_t *c, const ynode *n, kpi_t *k)
{
	if (!want_kind(c, n, Y_SCALAR, "termijn"))
		return 0;
	char unit[32] = "";
	int num = 0, used = 0;
	if (sscanf(n->str, "%d %31s%n", &num, unit, &used) == 2 && n->str[used] == '\0' && num >= 0 &&
	    num <= 3650) {
		if (!strcmp(unit, "werkdagen") || !strcmp(unit, "werkdag")) {
			k->def.termijn = num;
			k->def.werkdagen = 1;
			return 1;
		}
		if (!strcmp(unit, "dagen") || !strcmp(unit, "dag")) {
			k->def.termijn = num;
			k->def.werkdagen = 0;
			return 1;
		}
	}
	err(c, n, "'termijn' moet een aantal werkdagen of dagen zijn, zoals '2 werkdagen' of '30 dagen', niet '%s'",
	    n->str);
	return 0;
}

static const char *const kpi_keys[] = {"id", "naam", "omschrijving", "maat", "bron", "start", "einde",
	"termijn", "datum", "kolom", "is", "norm", "bereik", "minimum", "per", "groep", "filter",
	"richting", "eenheid", "tussenstap", "nulmeting", "doelen", "thema", "gebeurtenissen", "afgeleid", "kort",
	"maandrapportage", "blad", "kopregel", NULL};

/* A KPI's id is also a file name (data/<id>.csv, <id>-2025-12.xlsx) on every system the output
 * is copied to: lower-case letters, digits, - and _, starting with a letter or a digit, at
 * most 64 characters, and no name Windows keeps for a device (con, nul, com1, ...). */
static void check_id(ctx_t *c, const ynode *v, const char *id)
{
	static const char *const device[] = {"con", "prn", "aux", "nul", "com", "lpt", NULL};
	size_t len = strlen(id);
	for (const char *s = id; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' || *s == '-')) {
			err(c, v, "'id' mag alleen kleine letters, cijfers, - en _ bevatten: '%s'", id);
			return;
		}
	if (!((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= '0' && id[0] <= '9'))) {
		err(c, v, "'id' begint met een letter of een cijfer, niet met '%c'", id[0]);
		return;
	}
	if (len > 64) {
		err(c, v, "'id' is ten hoogste 64 tekens lang, niet %zu; het is ook een bestandsnaam", len);
		return;
	}
	for (const char *const *d = device; *d; d++) {
		size_t dl = strlen(*d);
		int digit = !strcmp(*d, "com") || !strcmp(*d, "lpt");
		if (!strncmp(id, *d, dl) && (digit ? (id[dl] >= '0' && id[dl] <= '9' && id[dl + 1] == '\0') : id[dl] == '\0'))
			err(c, v, "'id' mag niet '%s' zijn: Windows kan geen bestand met die naam maken", id);
	}
}

/* A target, baseline, step or norm the KPI's figures can reach (model.h, kpi_value_range). */
static void value_in_range(ctx_t *c, const kpi_t *k, const ynode *n, const char *key, int has, double v)
{
	double lo, hi;
	if (!n || !has)
		return;
	kpi_value_range(&k->def, &lo, &hi);
	if (v >= lo && v <= hi)
		return;
	char a[48], b[48], x[48], u[128];
	fmt_num(lo, 0, a);
	fmt_num(hi, 0, b);
	fmt_num(v, 1, x);
	present_unit(&k->def, u);
	err(c, n, "'%s' is %s, maar een %s ligt tussen %s en %s", key, x, k->def.eenheid == EENHEID_PROCENT ? "percentage" : u,
	    a, b);
}

static void load_kpi(ctx_t *c, model_t *m, page_t *p, const ynode *n)
{
	static const char *const per_names[] = {"maand", "kwartaal", "jaar"};
	static const char *const dir_names[] = {"hoger", "lager"};
	static const char *const unit_names[] = {"procent", "cijfer", "aantal"};
	if (!want_kind(c, n, Y_MAP, "kpi"))
		return;
	int before = diag_errors(c->d);
	check_keys(c, n, "een kpi", kpi_keys);
	kpi_t *k = xcalloc(1, sizeof *k);
	k->src.file = xstrdup(c->file);
	k->src.line = n->line;
	k->src.col = n->col;
	k->page = p;
	k->def.minimum = 10;
	k->def.per = PER_MAAND;
	const ynode *v;
	if ((v = need(c, n, "id", "een kpi")) && (k->def.id = get_str(c, v, "id")))
		check_id(c, v, k->def.id);
	if ((v = need(c, n, "naam", "een kpi")))
		k->def.naam = get_str(c, v, "naam");
	if ((v = get(n, "omschrijving")))
		k->def.omschrijving = get_str(c, v, "omschrijving");
	int maat = -1;
	if ((v = need(c, n, "maat", "een kpi")))
		maat = enum_value(c, v, "maat", maat_names, MAAT_N);
	k->def.maat = maat < 0 ? MAAT_WAARDE : (maat_t)maat;
	if (maat >= 0 && maat != MAAT_WAARDE && (v = need(c, n, "bron", "een kpi")))
		k->def.bron = get_str(c, v, "bron");
	else if (maat == MAAT_WAARDE)
		k->def.bron = xstrdup("kpi.csv");
	if (maat == MAAT_WAARDE && get(n, "bron"))
		err(c, get(n, "bron"), "een kpi met maat 'waarde' leest altijd kpi.csv; laat 'bron' weg");
	/* where in an Excel workbook: the sheet, and the row with the column names */
	if ((v = get(n, "blad")) && (k->def.blad = get_str(c, v, "blad"))) {
		size_t chars = 0;
		for (const unsigned char *q = (const unsigned char *)k->def.blad; *q; q++)
			chars += (*q & 0xC0) != 0x80;
		if (chars == 0 || chars > 31)
			err(c, v, "'blad' is de naam van een blad in de Excel-werkmap, van 1 tot 31 tekens");
	}
	if ((v = get(n, "kopregel"))) {
		double row;
		if (get_num(c, v, "kopregel", &row)) {
			if (row < 1 || row > 1048576 || row != (long)row)
				err(c, v, "'kopregel' is het nummer van de rij met de namen van de kolommen: een heel getal van 1 tot "
				          "en met 1.048.576");
			else
				k->def.kopregel = (int)row;
		}
	}
	if ((v = get(n, "per"))) {
		int i = enum_value(c, v, "per", per_names, 3);
		if (i >= 0)
			k->def.per = (per_t)i;
	}
	if ((v = get(n, "groep")))
		k->def.groep = get_str(c, v, "groep");
	if ((v = get(n, "datum")))
		k->def.datum = get_str(c, v, "datum");
	if ((v = get(n, "filter")))
		load_filters(c, k, v);
	int dir = 0;
	if ((v = need(c, n, "richting", "een kpi")))
		dir = enum_value(c, v, "richting", dir_names, 2);
	k->def.lager = dir == 1;

	/* which keys each measure needs and allows (not known without a measure) */
	switch (k->def.maat) {
	case MAAT_TERMIJN:
	case MAAT_OPENSTAAND: {
		char *what = xasprintf("een kpi met maat '%s'", maat_names[k->def.maat]);
		if ((v = need(c, n, "start", what)))
			k->def.start = get_str(c, v, "start");
		if ((v = need(c, n, "einde", what)))
			k->def.einde = get_str(c, v, "einde");
		if ((v = need(c, n, "termijn", what)))
			parse_termijn(c, v, k);
		free(what);
		k->def.eenheid = EENHEID_PROCENT;
		break;
	}
	case MAAT_GEMIDDELDE:
		/* the mean of a column, or of the working days between two date columns */
		if (get(n, "start") || get(n, "einde")) {
			if ((v = need(c, n, "start", "een kpi die een doorlooptijd middelt")))
				k->def.start = get_str(c, v, "start");
			if ((v = need(c, n, "einde", "een kpi die een doorlooptijd middelt")))
				k->def.einde = get_str(c, v, "einde");
			if (get(n, "kolom"))
				err(c, get(n, "kolom"), "een gemiddelde heeft 'kolom' of 'start' en 'einde', niet allebei");
			if (get(n, "bereik"))
				err(c, get(n, "bereik"), "'bereik' hoort bij 'kolom', niet bij een doorlooptijd");
		} else if ((v = need(c, n, "kolom", "een kpi met maat 'gemiddelde'"))) {
			k->def.kolom = get_str(c, v, "kolom");
		}
		if ((v = get(n, "norm")))
			k->def.has_norm = get_num(c, v, "norm", &k->def.norm);
		if ((v = get(n, "bereik"))) {
			if (want_kind(c, v, Y_SEQ, "bereik") && v->n == 2 &&
			    get_num(c, v->vals[0], "bereik", &k->def.range_lo) &&
			    get_num(c, v->vals[1], "bereik", &k->def.range_hi) && k->def.range_lo < k->def.range_hi)
				k->def.has_range = 1;
			else if (v->kind == Y_SEQ)
				err(c, v, "'bereik' is een lijst van twee getallen, laagste eerst: [1, 10]");
		}
		if ((v = get(n, "minimum"))) {
			double mn;
			if (get_num(c, v, "minimum", &mn)) {
				if (mn < 1 || mn != (long)mn)
					err(c, v, "'minimum' moet een heel getal van 1 of meer zijn");
				else
					k->def.minimum = (long)mn;
			}
		}
		k->def.eenheid = k->def.start ? EENHEID_WERKDAGEN : EENHEID_CIJFER;
		break;
	case MAAT_AANDEEL:
		if ((v = need(c, n, "kolom", "een kpi met maat 'aandeel'")))
			k->def.kolom = get_str(c, v, "kolom");
		if ((v = need(c, n, "is", "een kpi met maat 'aandeel'")))
			k->def.is = get_str(c, v, "is");
		k->def.eenheid = EENHEID_PROCENT;
		break;
	case MAAT_AANTAL:
		k->def.eenheid = EENHEID_AANTAL;
		break;
	case MAAT_WAARDE:
		k->def.eenheid = EENHEID_PROCENT;
		if (maat == MAAT_WAARDE && (v = need(c, n, "eenheid", "een kpi met maat 'waarde'"))) {
			int i = enum_value(c, v, "eenheid", unit_names, 3);
			if (i >= 0)
				k->def.eenheid = (eenheid_t)i;
		}
		break;
	}
	if (maat >= 0 && k->def.maat != MAAT_TERMIJN && k->def.maat != MAAT_OPENSTAAND && k->def.maat != MAAT_WAARDE &&
	    !k->def.datum && !k->def.start)
		err(c, n, "een kpi met maat '%s' mist 'datum:' (de kolom met de datum van een regel)",
		    maat_names[maat]);
	/* keys that do not belong to this measure */
	static const struct { const char *key; unsigned maten; } only[] = {
		{"start", 1u << MAAT_TERMIJN | 1u << MAAT_OPENSTAAND | 1u << MAAT_GEMIDDELDE},
		{"einde", 1u << MAAT_TERMIJN | 1u << MAAT_OPENSTAAND | 1u << MAAT_GEMIDDELDE},
		{"termijn", 1u << MAAT_TERMIJN | 1u << MAAT_OPENSTAAND},
		{"kolom", 1u << MAAT_GEMIDDELDE | 1u << MAAT_AANDEEL}, {"is", 1u << MAAT_AANDEEL},
		{"norm", 1u << MAAT_GEMIDDELDE}, {"bereik", 1u << MAAT_GEMIDDELDE},
		{"minimum", 1u << MAAT_GEMIDDELDE}, {"eenheid", 1u << MAAT_WAARDE},
		{"groep", ~(1u << MAAT_WAARDE)}, {"filter", ~(1u << MAAT_WAARDE)},
		{"datum", ~(1u << MAAT_WAARDE | 1u << MAAT_TERMIJN | 1u << MAAT_OPENSTAAND)},
		{"tussenstap", ~(1u << MAAT_AANTAL)},
	};
	for (size_t i = 0; i < sizeof only / sizeof *only; i++)
		if (maat >= 0 && (v = get(n, only[i].key)) && !(only[i].maten & (1u << maat)))
			err(c, v, "'%s' hoort niet bij maat '%s'", only[i].key, maat_names[maat]);

	if ((v = get(n, "afgeleid")))
		k->def.afgeleid = get_str(c, v, "afgeleid");
	if ((v = get(n, "kort")) && (k->def.kort = get_str(c, v, "kort"))) {
		/* the name of the KPI's sheet in the workbooks: Excel allows 31 characters, none of
		 * []:*?/\, no ' at either end, and keeps a few names for itself */
		static const char *const taken[] = {"Overzicht", "Mijlpalen", "Definities", "Deze maand", "Per maand",
			"Geschiedenis", "History", NULL};
		/* Excel counts UTF-16 units: a character outside the BMP (an emoji) takes two */
		size_t chars = 0, wide = 0;
		for (const unsigned char *q = (const unsigned char *)k->def.kort; *q; q++) {
			chars += ((*q & 0xC0) != 0x80) + (*q >= 0xF0);
			wide += *q >= 0xF0;
		}
		const char *bad = strpbrk(k->def.kort, "[]:*?/\\");
		size_t len = strlen(k->def.kort);
		int reserved = 0;
		for (const char *const *t = taken; *t; t++)
			reserved |= !strcasecmp(*t, k->def.kort);
		if (chars > 31)
			err(c, v, "'kort' is de naam van het Excel-blad en mag ten hoogste 31 tekens hebben, niet %zu%s", chars,
			    wide ? " (een teken als een emoji telt in Excel voor twee)" : "");
		else if (bad)
			err(c, v, "'kort' is de naam van het Excel-blad en mag geen '%c' bevatten", *bad);
		else if (k->def.kort[0] == '\'' || k->def.kort[len - 1] == '\'')
			err(c, v, "'kort' is de naam van het Excel-blad en mag niet met ' beginnen of eindigen");
		else if (reserved)
			err(c, v, "'kort' mag niet '%s' zijn: zo heet al een ander blad in de werkmap", k->def.kort);
		k->src.kort_line = v->line;
		k->src.kort_col = v->col;
	}
	if ((v = get(n, "maandrapportage")))
		get_bool(c, v, "maandrapportage", &k->def.maandrapportage);
	if ((v = get(n, "thema")) && (k->def.thema = get_str(c, v, "thema"))) {
		k->src.thema_line = v->line;
		k->src.thema_col = v->col;
	}
	if ((v = get(n, "gebeurtenissen")) && want_kind(c, v, Y_SEQ, "gebeurtenissen")) {
		static const char *const ekeys[] = {"datum", "wat", "groep", NULL};
		k->def.events = xcalloc(v->n, sizeof *k->def.events);
		for (size_t i = 0; i < v->n; i++) {
			const ynode *it = v->vals[i], *x;
			if (!want_kind(c, it, Y_MAP, "gebeurtenis") || !check_keys(c, it, "een gebeurtenis", ekeys))
				continue;
			event_t *e = &k->def.events[k->def.nevents];
			int first, ok = 1;
			if ((x = need(c, it, "datum", "een gebeurtenis")))
				ok &= get_when(c, x, "datum", &first, &e->datum, NULL);
			else
				ok = 0;
			e->datum = ok ? first : 0;
			if ((x = need(c, it, "wat", "een gebeurtenis")))
				ok &= (e->wat = get_str(c, x, "wat")) != NULL;
			else
				ok = 0;
			if ((x = get(it, "groep")))
				ok &= (e->groep = get_str(c, x, "groep")) != NULL;
			if (ok) {
				k->def.nevents++;
			} else {
				free(e->wat);
				free(e->groep);
				memset(e, 0, sizeof *e);
			}
		}
	}
	if ((v = get(n, "tussenstap")))
		k->def.has_step = get_num(c, v, "tussenstap", &k->def.step);
	if ((v = get(n, "nulmeting")))
		k->def.has_base = load_target(c, v, "nulmeting", &k->def.base);
	if ((v = get(n, "doelen")) && want_kind(c, v, Y_SEQ, "doelen")) {
		k->def.doelen = xcalloc(v->n, sizeof *k->def.doelen);
		for (size_t i = 0; i < v->n; i++) {
			if (load_target(c, v->vals[i], "doel", &k->def.doelen[k->def.ndoelen])) {
				value_in_range(c, k, get(v->vals[i], "waarde"), "doel", 1, k->def.doelen[k->def.ndoelen].waarde);
				if (k->def.ndoelen && k->def.doelen[k->def.ndoelen].datum <= k->def.doelen[k->def.ndoelen - 1].datum)
					err(c, v->vals[i], "de doelen moeten op datum staan, vroegste eerst");
				k->def.ndoelen++;
			}
		}
		if (k->def.has_base && k->def.ndoelen && k->def.doelen[0].datum <= k->def.base.datum)
			err(c, v, "het eerste doel ligt niet na de nulmeting");
	}
	value_in_range(c, k, get(n, "tussenstap"), "tussenstap", k->def.has_step, k->def.step);
	value_in_range(c, k, get(n, "norm"), "norm", k->def.has_norm, k->def.norm);
	if ((v = get(n, "nulmeting")) && v->kind == Y_MAP)
		value_in_range(c, k, get(v, "waarde"), "nulmeting", k->def.has_base, k->def.base.waarde);

	/* where the export and the columns are named, for messages about them */
	static const char *const col_keys[] = {"bron", "start", "einde", "datum", "kolom", "groep"};
	for (int i = 0; i < SRC_FILTER; i++)
		if ((v = get(n, col_keys[i])))
			k->src.key_line[i] = v->line;
	if ((v = get(n, "filter")) && v->kind == Y_SEQ)
		for (size_t i = 0; i < v->n && i < 8; i++)
			if (v->vals[i]->kind == Y_MAP && get(v->vals[i], "kolom"))
				k->src.key_line[SRC_FILTER + i] = get(v->vals[i], "kolom")->line;
	if (diag_errors(c->d) != before) {
		/* a KPI with errors is not computed; the run fails anyway, and what only follows from
		 * its absence (a featured KPI, values in kpi.csv) is not reported */
		const ynode *idn = get(n, "id");
		if (idn && idn->kind == Y_SCALAR && idn->str[0]) {
			m->failed_kpis = xrealloc(m->failed_kpis, (m->nfailed_kpis + 1) * sizeof *m->failed_kpis);
			m->failed_kpis[m->nfailed_kpis++] = xstrdup(idn->str);
		}
		kpi_free(k);
		return;
	}
	add_text(p, k->def.naam, get(n, "naam"));
	add_text(p, k->def.omschrijving, get(n, "omschrijving"));
	add_text(p, k->def.afgeleid, get(n, "afgeleid"));
	m->kpis = xrealloc(m->kpis, (m->nkpis + 1) * sizeof *m->kpis);
	m->kpis[m->nkpis++] = k;
	p->kpis = xrealloc(p->kpis, (p->nkpis + 1) * sizeof *p->kpis);
	p->kpis[p->nkpis++] = k;
}

/* --- images -------------------------------------------------------------------------- */

/* Limits for images in the text, and the kinds a browser shows safely in <img> (no SVG: it can
 * carry script when opened on its own). */
#define MAX_IMAGE (4 * 1024 * 1024)
#define MAX_IMAGES_TOTAL (32 * 1024 * 1024)
#define MAX_DEPTH 12

static int image_kind_ok(const char *rel, const char *b, size_t n)
{
	const char *dot = strrchr(rel, '.');
	if (!dot)
		return 0;
	if (!strcasecmp(dot, ".png"))
		return n >= 8 && !memcmp(b, "\x89PNG\r\n\x1a\n", 8);
	if (!strcasecmp(dot, ".jpg") || !strcasecmp(dot, ".jpeg"))
		return n >= 3 && !memcmp(b, "\xFF\xD8\xFF", 3);
	if (!strcasecmp(dot, ".gif"))
		return n >= 6 && (!memcmp(b, "GIF87a", 6) || !memcmp(b, "GIF89a", 6));
	if (!strcasecmp(dot, ".webp"))
		return n >= 12 && !memcmp(b, "RIFF", 4) && !memcmp(b + 8, "WEBP", 4);
	return 0;
}

/* An image in the text: a PNG, JPEG, GIF or WebP file in content/ (or a folder in it), never
 * an address on another site (a reader's browser would fetch it: a tracker) or a file
 * outside the project. It is read now and published with the site. */
static char *check_image(void *vp, const char *url, int line, int col)
{
	ctx_t *c = vp;
	model_t *m = c->m;
	long l = line + c->offset;
	size_t ul = strlen(url);
	const char *why = NULL;
	if (!ul)
		why = "de afbeelding heeft geen bestandsnaam";
	else if (strstr(url, "://") || !strncasecmp(url, "data:", 5) || !strncmp(url, "//", 2) || strchr(url, ':'))
		why = "een afbeelding van een andere website haalt de browser van de lezer daar op; zet het bestand in "
		      "content/ en noem het zonder adres ervoor";
	else if (url[0] == '/' || strstr(url, "..") || strpbrk(url, "\\%?#"))
		why = "noem de afbeelding met een naam in content/, zonder / ervoor, zonder .. en zonder \\ % ? #";
	else if (!m->content_dir)
		why = "afbeeldingen kunnen hier niet";
	if (why) {
		diag(c->d, DIAG_ERROR, c->file, l, col, "%s", why);
		return NULL;
	}
	for (size_t i = 0; i < m->nimages; i++)
		if (!strcmp(m->images[i].rel, url))
			return xasprintf("afbeeldingen/%s", url);
	char *path = path_join(m->content_dir, url);
	long long size = 0;
	plat_kind kind = plat_lkind(path, &size);
	char *bytes = NULL;
	size_t len = 0, total = 0;
	for (size_t i = 0; i < m->nimages; i++)
		total += m->images[i].len;
	if (kind == PLAT_NONE) {
		diag(c->d, DIAG_ERROR, c->file, l, col, "de afbeelding content/%s bestaat niet", url);
	} else if (kind != PLAT_FILE) {
		diag(c->d, DIAG_ERROR, c->file, l, col, "content/%s is geen gewoon bestand (maar bijvoorbeeld een link of een map)",
		     url);
	} else if (size > MAX_IMAGE || total + (size_t)size > MAX_IMAGES_TOTAL) {
		diag(c->d, DIAG_ERROR, c->file, l, col, "de afbeelding content/%s is te groot (meer dan %d MB, of samen met de "
		                                        "andere meer dan %d MB); maak hem kleiner",
		     url, MAX_IMAGE / (1024 * 1024), MAX_IMAGES_TOTAL / (1024 * 1024));
	} else if (read_file(path, MAX_IMAGE, &bytes, &len) != 0) {
		diag(c->d, DIAG_ERROR, c->file, l, col, "kan de afbeelding content/%s niet lezen: het bestand %s", url,
		     file_problem(errno));
	} else if (!image_kind_ok(url, bytes, len)) {
		diag(c->d, DIAG_ERROR, c->file, l, col,
		     "content/%s is geen afbeelding die meetlat kan publiceren: gebruik een PNG-, JPEG-, GIF- of WebP-bestand "
		     "met de goede naam (.png, .jpg, .gif, .webp)",
		     url);
	} else {
		m->images = xrealloc(m->images, (m->nimages + 1) * sizeof *m->images);
		m->images[m->nimages++] = (image_t){xstrdup(url), bytes, len};
		free(path);
		return xasprintf("afbeeldingen/%s", url);
	}
	free(bytes);
	free(path);
	return NULL;
}

/* --- pages ------------------------------------------------------------------------ */

static const char *const soort_names[] = {"programma", "actie", "teamdoel", "team"};

static const char *const keys_programma[] = {"titel", "soort", "samenvatting", "gemeente",
	"peildatum", "sluitingsdagen", "thema", "uitgelicht", "website", "afkortingen", "programmajaar",
	"raadsrapportage", "stand", "portefeuillehouder", NULL};
static const char *const keys_actie[] = {"titel", "soort", "samenvatting", "eigenaar", "mijlpalen",
	"kpi", NULL};
static const char *const keys_team[] = {"titel", "soort", "samenvatting", NULL};

struct heading_ctx {
	ctx_t *c;
	int offset;
};

static void check_heading(void *vp, int level, const char *text, int line)
{
	struct heading_ctx *h = vp;
	if (level == 1) {
		diag(h->c->d, DIAG_WARN, h->c->file, line + h->offset, 1,
		     "kop '# %s': de paginatitel komt uit 'titel'; begin koppen in de tekst met ##", text);
	}
}

/* eigenaar: the team, or {naam: team, afgeleid: why} when the programme does not name it. */
static void load_owner(ctx_t *c, page_t *p, const ynode *v)
{
	static const char *const keys[] = {"naam", "afgeleid", NULL};
	if (v->kind != Y_MAP) {
		if ((p->eigenaar = get_str(c, v, "eigenaar")))
			add_text(p, p->eigenaar, v);
		return;
	}
	check_keys(c, v, "'eigenaar'", keys);
	const ynode *x;
	if ((x = need(c, v, "naam", "'eigenaar'")) && (p->eigenaar = get_str(c, x, "naam")))
		add_text(p, p->eigenaar, x);
	if ((x = get(v, "afgeleid")) && (p->eigenaar_afgeleid = get_str(c, x, "afgeleid")))
		add_text(p, p->eigenaar_afgeleid, x);
}

static char *slug_from_name(const char *name)
{
	const char *s = name;
	while (*s >= '0' && *s <= '9')
		s++;
	if (s != name && (*s == '-' || *s == '_'))
		s++;
	else
		s = name;
	char *base = xstrdup(s);
	char *dot = strrchr(base, '.');
	if (dot)
		*dot = '\0';
	buf_t b = {0};
	esc_slug(&b, base);
	free(base);
	return b.len ? buf_take(&b) : (buf_free(&b), xstrdup("pagina"));
}

/* afkortingen: one line per abbreviation, "VTH: Vergunningverlening, Toezicht en Handhaving". */
static void load_abbrevs(ctx_t *c, model_t *m, const ynode *map)
{
	if (!want_kind(c, map, Y_MAP, "afkortingen"))
		return;
	m->abbrevs = xrealloc(m->abbrevs, (m->nabbrevs + map->n) * sizeof *m->abbrevs);
	for (size_t i = 0; i < map->n; i++) {
		const ynode *k = map->keys[i], *v = map->vals[i];
		const char *t = k->str;
		size_t len = strlen(t);
		int letters = 0, ok = len > 0 && len <= 20;
		for (const char *q = t; *q && ok; q++) {
			if ((*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z'))
				letters++;
			else if (!(*q >= '0' && *q <= '9'))
				ok = 0;
		}
		if (!ok || !letters) {
			err(c, k, "afkorting '%s': schrijf de afkorting zelf, in letters en cijfers zonder spaties of punten "
			          "(ten hoogste 20), zoals VTH of B1",
			    t);
			continue;
		}
		int dup = 0;
		for (size_t j = 0; j < m->nabbrevs && !dup; j++)
			if (!strcmp(m->abbrevs[j].term, t)) {
				err(c, k, "afkorting '%s' staat er twee keer (ook op regel %d). Laat er één staan", t,
				    m->abbrevs[j].line);
				dup = 1;
			}
		char *full = get_str(c, v, t);
		if (dup || !full) {
			free(full);
			continue;
		}
		m->abbrevs[m->nabbrevs++] = (abbrev_t){xstrdup(t), full, k->line};
	}
}

static void load_settings(ctx_t *c, model_t *m, const ynode *fm)
{
	const ynode *v;
	int any = 0;
	if ((v = get(fm, "gemeente"))) {
		any = 1;
		free(m->gemeente);
		m->gemeente = get_str(c, v, "gemeente");
	}
	if ((v = get(fm, "thema"))) {
		any = 1;
		char *t = get_str(c, v, "thema");
		if (t && (strchr(t, '/') || t[0] == '.')) {
			/* never opened: a name, not a path */
			err(c, v, "'thema' is de naam van een map in themes/, zonder / of punt ervoor");
			free(t);
		} else if (t) {
			free(m->thema);
			m->thema = t;
		}
	}
	if ((v = get(fm, "uitgelicht"))) {
		any = 1;
		free(m->uitgelicht);
		m->uitgelicht = get_str(c, v, "uitgelicht");
	}
	if ((v = get(fm, "website"))) {
		any = 1;
		char *w = get_str(c, v, "website");
		if (w && strncmp(w, "https://", 8) != 0 && strncmp(w, "http://", 7) != 0) {
			err(c, v, "'website' is een adres dat begint met https://, zoals https://intranet.dronten.nl/dienstverlening/");
			free(w);
		} else if (w) {
			free(m->website);
			m->website = w;
		}
	}
	if ((v = get(fm, "peildatum"))) {
		any = 1;
		get_date(c, v, "peildatum", &m->conf_peildatum);
	}
	if ((v = get(fm, "sluitingsdagen")) && want_kind(c, v, Y_SEQ, "sluitingsdagen")) {
		any = 1;
		for (size_t i = 0; i < v->n; i++) {
			int day;
			if (get_date(c, v->vals[i], "sluitingsdag", &day))
				calendar_add_closed(&m->cal, day);
		}
	}
	if ((v = get(fm, "stand")) && want_kind(c, v, Y_MAP, "stand")) {
		/* the date each export was made, where its last row says less (a survey, rare events) */
		any = 1;
		for (size_t i = 0; i < v->n; i++) {
			int day;
			const char *file = v->keys[i]->str;
			if (!get_date(c, v->vals[i], "stand", &day))
				continue;
			for (size_t j = 0; j < m->nstands; j++)
				if (!strcmp(m->stands[j].file, file))
					err(c, v->keys[i], "'stand' noemt %s twee keer", file);
			m->stands = xrealloc(m->stands, (m->nstands + 1) * sizeof *m->stands);
			stand_t *st = &m->stands[m->nstands++];
			memset(st, 0, sizeof *st);
			st->file = xstrdup(file);
			st->day = day;
			st->src.file = xstrdup(c->file);
			st->src.line = v->keys[i]->line;
			st->src.col = v->keys[i]->col;
		}
	}
	if ((v = get(fm, "programmajaar"))) {
		any = 1;
		double y;
		if (get_num(c, v, "programmajaar", &y)) {
			if (y < 1900 || y > 2199 || y != (int)y)
				err(c, v, "'programmajaar' is het jaar van de tekst van het programma, zoals 2023");
			else
				m->programmajaar = (int)y;
		}
	}
	if ((v = get(fm, "afkortingen"))) {
		any = 1;
		load_abbrevs(c, m, v);
	}
	if ((v = get(fm, "portefeuillehouder"))) {
		any = 1;
		free(m->portefeuillehouder);
		m->portefeuillehouder = get_str(c, v, "portefeuillehouder");
	}
	if (any) {
		if (m->conf_file)
			err(c, fm, "instellingen (gemeente, peildatum, sluitingsdagen, stand, thema, uitgelicht, website, afkortingen, programmajaar, portefeuillehouder) staan ook al in %s; zet ze in één bestand",
			    m->conf_file);
		else
			m->conf_file = xstrdup(c->file);
	}
}

int content_front(const char *text, size_t len, const char *shown, diag_t *d, const char *what, const char *map_what,
                  ynode **fm, size_t *body, int *body_line)
{
	*fm = NULL;
	*body = 0;
	*body_line = 0;
	/* front matter: "---" on the first line up to a line "---" or "..." */
	if (len < 4 || strncmp(text, "---", 3) != 0 || (text[3] != '\n' && text[3] != '\r')) {
		diag(d, DIAG_ERROR, shown, 1, 1, "het bestand moet beginnen met een regel '---'. Daaronder komen %s, en dan "
		                                 "weer een regel '---'",
		     what);
		return -1;
	}
	size_t fm_start = text[3] == '\r' ? 5 : 4, pos = fm_start, fm_end = 0;
	int line = 2;
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) : len;
		size_t l = end - pos;
		if (l && text[pos + l - 1] == '\r')
			l--;
		if ((l == 3 && (!strncmp(text + pos, "---", 3) || !strncmp(text + pos, "...", 3)))) {
			fm_end = pos;
			*body = nl ? end + 1 : len;
			*body_line = line;
			break;
		}
		pos = nl ? end + 1 : len;
		line++;
	}
	if (!*body_line) {
		diag(d, DIAG_ERROR, shown, 1, 1, "de gegevens bovenaan het bestand worden niet afgesloten met een regel '---'");
		return -1;
	}
	if (fm_end - fm_start > MAX_HEAD_BYTES) {
		diag(d, DIAG_ERROR, shown, 2, 1, "de kop van het bestand (tussen de regels ---) is groter dan %d kB; "
		     "zet lange tekst onder de tweede regel ---", MAX_HEAD_BYTES / 1024);
		return -1;
	}
	int failed;
	*fm = ytree_parse(text + fm_start, fm_end - fm_start, shown, 2, d, &failed);
	if (failed) {
		ytree_free(*fm);
		*fm = NULL;
		return -1;
	}
	if (!*fm || (*fm)->kind != Y_MAP) {
		diag(d, DIAG_ERROR, shown, 2, 1, "tussen de regels '---' horen %s", map_what);
		ytree_free(*fm);
		*fm = NULL;
		return -1;
	}
	return 0;
}

/* One file, read (prepare) and then taken into the model (load_page). Reading, checking the
 * text and parsing its front matter and Markdown need nothing of the other files and change
 * nothing shared, so content_load does that for all files on two threads, each file's messages
 * kept with it; everything that needs the model (settings, KPIs, images, the pages' order)
 * follows on one thread in name order, where each file's kept messages come first, as they
 * would have one file at a time. */
typedef struct {
	const char *name, *shown;
	char *text;         /* as read (content_load), or NULL when the caller keeps it */
	const char *start;  /* the text without a byte order mark */
	size_t len;
	int begun;          /* its text was fine: its messages count towards DIAG_FILE_LIMIT */
	ynode *fm;          /* the front matter, when it parsed */
	size_t body;        /* where the Markdown text starts, and on which line */
	int body_line;
	md_doc *doc;        /* that text, parsed */
	diag_t d;           /* its messages so far, held */
} file_t;

static void prepare(file_t *f)
{
	if (!content_text_ok(f->shown, f->start, f->len, &f->d))
		return;
	diag_file_begin(&f->d, f->shown);
	f->begun = 1;
	if (f->len >= 3 && memcmp(f->start, "\xEF\xBB\xBF", 3) == 0)
		f->start += 3, f->len -= 3;
	if (content_front(f->start, f->len, f->shown, &f->d, "titel, soort en de andere gegevens van de pagina",
	                  "de gegevens van de pagina, zoals 'titel:' en 'soort:'", &f->fm, &f->body, &f->body_line) == 0)
		f->doc = md_parse(f->start + f->body, f->len - f->body);
}

static void load_parsed(model_t *m, file_t *f, diag_t *d)
{
	const char *name = f->name, *shown = f->shown, *text = f->start;
	size_t len = f->len;
	int body_line = f->body_line;
	ynode *fm = f->fm;
	f->fm = NULL;
	ctx_t c = {shown, d, m, 0};
	page_t *p = xcalloc(1, sizeof *p);
	p->file = xstrdup(name);
	p->source = xmalloc(len + 1);
	memcpy(p->source, text, len);
	p->source[len] = '\0';
	p->source_len = len;
	p->slug = slug_from_name(name);
	const ynode *v;
	int soort = -1;
	if ((v = need(&c, fm, "soort", "de kop van het bestand")))
		soort = enum_value(&c, v, "soort", soort_names, 4);
	p->soort = soort < 0 ? SOORT_PROGRAMMA : (soort_t)soort;
	if (soort >= 0)
		check_keys(&c, fm, "de kop van het bestand",
		           soort == SOORT_PROGRAMMA ? keys_programma
		           : soort == SOORT_TEAM    ? keys_team
		                                    : keys_actie);
	if ((v = need(&c, fm, "titel", "de kop van het bestand")) && (p->titel = get_str(&c, v, "titel")))
		add_text(p, p->titel, v);
	if ((v = get(fm, "samenvatting")) && (p->samenvatting = get_str(&c, v, "samenvatting")))
		add_text(p, p->samenvatting, v);
	if (soort == SOORT_PROGRAMMA) {
		load_settings(&c, m, fm);
		if ((v = get(fm, "raadsrapportage")))
			get_bool(&c, v, "raadsrapportage", &p->in_report);
	}
	if (soort == SOORT_ACTIE || soort == SOORT_TEAMDOEL) {
		if ((v = need(&c, fm, "eigenaar", "de kop van het bestand")))
			load_owner(&c, p, v);
		if ((v = get(fm, "mijlpalen")))
			load_milestones(&c, p, v);
		if ((v = get(fm, "kpi")) && want_kind(&c, v, Y_SEQ, "kpi"))
			for (size_t i = 0; i < v->n; i++)
				load_kpi(&c, m, p, v->vals[i]);
	}
	ytree_free(fm);

	p->body = f->doc;
	f->doc = NULL;
	c.offset = body_line; /* line 1 of the text is the line after the closing --- */
	md_images(p->body, check_image, &c);
	int deep;
	if (md_depth(p->body, MAX_DEPTH, &deep) > MAX_DEPTH)
		diag(d, DIAG_ERROR, shown, body_line + deep, 0,
		     "de tekst heeft opsommingen of citaten die meer dan %d keer in elkaar zitten; maak hem eenvoudiger",
		     MAX_DEPTH);
	p->body_line = body_line;
	if (p->soort == SOORT_ACTIE || p->soort == SOORT_TEAMDOEL) {
		int lines[SMART_N + AMB_N] = {0};
		md_doc *secs[SMART_N + AMB_N] = {0};
		const char *names[SMART_N + AMB_N];
		for (int i = 0; i < SMART_N; i++)
			names[i] = smart_names[i];
		for (int i = 0; i < AMB_N; i++)
			names[SMART_N + i] = ambition_names[i];
		md_take_sections(p->body, names, SMART_N + AMB_N, secs, lines);
		for (int i = 0; i < SMART_N; i++)
			p->smart[i] = secs[i];
		for (int i = 0; i < AMB_N; i++)
			p->amb[i] = secs[SMART_N + i];
		if (!p->smart[SMART_S])
			diag(d, DIAG_ERROR, shown, body_line, 0,
			     "de sectie '## Specifiek' ontbreekt: zeg wat deze %s wil bereiken", soort_names[p->soort]);
	}
	struct heading_ctx hc = {&c, body_line};
	md_headings(p->body, check_heading, &hc);
	m->pages = xrealloc(m->pages, (m->npages + 1) * sizeof *m->pages);
	m->pages[m->npages++] = p;
}

/* The second step of a prepared file: its messages so far, then the page. 0 or -1. */
static int load_page(model_t *m, file_t *f, diag_t *d)
{
	int before = diag_errors(d);
	if (f->begun)
		diag_file_begin(d, f->shown);
	diag_release(&f->d, d); /* with the count of its errors towards the file's limit */
	if (f->doc)
		load_parsed(m, f, d);
	if (f->begun)
		diag_file_end(d);
	ytree_free(f->fm);
	md_free(f->doc);
	free(f->text);
	return diag_errors(d) == before ? 0 : -1;
}

/* Content is text: UTF-8 without NUL bytes or other control characters (a stray byte would
 * reach the site and garble the PDF; an escape code would colour a terminal), of a sane
 * size. Tabs and line ends are text. */
int content_text_ok(const char *shown, const char *text, size_t len, diag_t *d)
{
	if (len > MAX_FILE_BYTES) {
		diag(d, DIAG_ERROR, shown, 0, 0, "het bestand is groter dan %d MB; is dit wel een tekst voor het programma?",
		     MAX_FILE_BYTES / (1024 * 1024));
		return 0;
	}
	long line = 1, col = 1;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)text[i];
		if (c >= 0x20 && c < 0x7F) { /* nearly every byte of a text: printable ASCII */
			col++;
			i++;
			continue;
		}
		unsigned cp = 0;
		size_t l = utf8_decode((const unsigned char *)text + i, len - i, &cp);
		if (l == 0 || (cp_is_control(cp) && cp != '\n' && cp != '\t' && cp != '\r')) {
			if (l == 0)
				diag(d, DIAG_ERROR, shown, line, col, "dit teken is geen UTF-8; sla het bestand op als UTF-8");
			else if (cp == 0)
				diag(d, DIAG_ERROR, shown, line, col, "hier staat een NUL-teken; sla het bestand opnieuw op als tekst (UTF-8)");
			else
				diag(d, DIAG_ERROR, shown, line, col, "hier staat een onzichtbaar besturingsteken (U+%04X); haal het weg",
				     cp);
			return 0;
		}
		if (cp == '\n')
			line++, col = 1;
		else
			col++;
		i += l;
	}
	return 1;
}

int content_load_text(model_t *m, const char *name, const char *shown, const char *text,
                      size_t len, diag_t *d)
{
	file_t f = {.name = name, .shown = shown, .start = text, .len = len};
	diag_hold(&f.d, d);
	prepare(&f);
	return load_page(m, &f, d);
}

/* The files content_load prepares, taken one at a time by each of its two threads. */
typedef struct {
	file_t *files;
	size_t n, next;
	const char *dir;
	plat_mutex *lock;
} prep_t;

static void read_one(file_t *f, const char *dir)
{
	char *path = path_join(dir, f->name);
	size_t len;
	if (read_file(path, MAX_FILE_BYTES, &f->text, &len) != 0) {
		if (errno == EFBIG)
			diag(&f->d, DIAG_ERROR, f->shown, 0, 0, "het bestand is groter dan %d MB; is dit wel een tekst voor het programma?",
			     MAX_FILE_BYTES / (1024 * 1024));
		else
			diag(&f->d, DIAG_ERROR, f->shown, 0, 0, "kan het bestand niet lezen: het %s", file_problem(errno));
		f->text = NULL;
	} else {
		f->start = f->text;
		f->len = len;
		prepare(f);
	}
	free(path);
}

static void prepare_all(void *arg)
{
	prep_t *w = arg;
	for (size_t i; (i = plat_take(w->lock, &w->next, w->n)) < w->n;)
		read_one(&w->files[i], w->dir);
}

int content_load(model_t *m, const char *dir, const char *shown_dir, diag_t *d)
{
	free(m->content_dir);
	m->content_dir = xstrdup(dir);
	char **names;
	long ln = list_dir(dir, ".md", &names);
	if (ln < 0) {
		diag(d, DIAG_ERROR, shown_dir, 0, 0, "kan de map met inhoud niet openen (%s)", strerror(errno));
		return -1;
	}
	size_t n = (size_t)ln;
	int rv = 0;
	if (n == 0) {
		diag(d, DIAG_ERROR, shown_dir, 0, 0, "de map bevat geen .md-bestanden");
		rv = -1;
	}
	file_t *files = xcalloc(n ? n : 1, sizeof *files);
	char **shown = xcalloc(n ? n : 1, sizeof *shown);
	for (size_t i = 0; i < n; i++) {
		shown[i] = path_join(shown_dir, names[i]);
		files[i].name = names[i];
		files[i].shown = shown[i];
		diag_hold(&files[i].d, d);
	}
	/* a second thread only with a lock for the counter; without either, one does all */
	prep_t w = {files, n, 0, dir, n > 1 ? plat_mutex_new() : NULL};
	plat_thread *th = NULL;
	if (w.lock && plat_thread_start(&th, prepare_all, &w) != 0)
		th = NULL;
	prepare_all(&w);
	if (th)
		plat_thread_join(th);
	plat_mutex_free(w.lock);
	for (size_t i = 0; i < n; i++) {
		if (load_page(m, &files[i], d) != 0)
			rv = -1;
		free(shown[i]);
		free(names[i]);
	}
	free(shown);
	free(files);
	free(names);
	return rv;
}

typedef struct {
	int soort;
	const char *slug;
	size_t i;
} page_name;

static int cmp_page_name(const void *a, const void *b)
{
	const page_name *x = a, *y = b;
	if (x->soort != y->soort)
		return x->soort < y->soort ? -1 : 1;
	int c = strcmp(x->slug, y->slug);
	if (c)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
}

static int cmp_pair(const void *a, const void *b)
{
	const size_t *x = a, *y = b;
	if (x[0] != y[0])
		return x[0] < y[0] ? -1 : 1;
	return x[1] < y[1] ? -1 : x[1] > y[1];
}

/* Pages of one kind with the same name: each page against every earlier one, in that order,
 * found by sorting the names (comparing every pair took 17 M instructions at 1.000 pages). */
static void same_page_names(const model_t *m, const char *shown_dir, diag_t *d)
{
	if (m->npages < 2)
		return;
	page_name *names = xmalloc(m->npages * sizeof *names);
	for (size_t i = 0; i < m->npages; i++)
		names[i] = (page_name){(int)m->pages[i]->soort, m->pages[i]->slug, i};
	qsort(names, m->npages, sizeof *names, cmp_page_name);
	size_t (*pairs)[2] = NULL, npairs = 0, cap = 0;
	for (size_t g = 0, e; g < m->npages; g = e) {
		for (e = g + 1; e < m->npages && names[e].soort == names[g].soort && !strcmp(names[e].slug, names[g].slug); e++)
			for (size_t j = g; j < e; j++) {
				pairs = xgrow(pairs, &cap, npairs + 1, sizeof *pairs);
				pairs[npairs][0] = names[e].i;
				pairs[npairs++][1] = names[j].i;
			}
	}
	if (npairs)
		qsort(pairs, npairs, sizeof *pairs, cmp_pair);
	for (size_t p = 0; p < npairs; p++) {
		const page_t *a = m->pages[pairs[p][0]], *b = m->pages[pairs[p][1]];
		char *shown = path_join(shown_dir, a->file);
		diag(d, DIAG_ERROR, shown, 0, 0, "geeft dezelfde paginanaam '%s' als %s; hernoem een van beide", a->slug, b->file);
		free(shown);
	}
	free(pairs);
	free(names);
}

int content_finish(model_t *m, const char *shown_dir, diag_t *d)
{
	int before = diag_errors(d);
	for (size_t i = 0; i < m->nkpis; i++)
		for (size_t j = 0; j < i; j++)
			if (str_eq(m->kpis[i]->def.id, m->kpis[j]->def.id)) {
				diag(d, DIAG_ERROR, m->kpis[i]->src.file, m->kpis[i]->src.line, m->kpis[i]->src.col,
				     "kpi-id '%s' bestaat al (%s:%d)", m->kpis[i]->def.id, m->kpis[j]->src.file,
				     m->kpis[j]->src.line);
			}
	for (size_t i = 0; i < m->nkpis; i++) {
		const kpi_t *k = m->kpis[i];
		for (size_t j = 0; j < i && k->def.kort; j++)
			if (m->kpis[j]->def.kort && !strcasecmp(k->def.kort, m->kpis[j]->def.kort))
				diag(d, DIAG_ERROR, k->src.file, k->src.kort_line, k->src.kort_col,
				     "kpi '%s' heeft de korte naam '%s' al (%s:%d); geef elke kpi een eigen 'kort'",
				     m->kpis[j]->def.id, m->kpis[j]->def.kort, m->kpis[j]->src.file, m->kpis[j]->src.kort_line);
		if (k->def.maandrapportage && k->def.per != PER_MAAND)
			diag(d, DIAG_ERROR, k->src.file, k->src.line, k->src.col,
			     "'maandrapportage' kan alleen bij een kpi met 'per: maand' (kpi '%s')", k->def.id);
	}
	/* every page gets a file of its own: no theme or page may take the place of an overview or
	 * of another one whose name differs only in capitals, spaces or dashes */
	char **slugs = xcalloc(m->nkpis ? m->nkpis : 1, sizeof *slugs);
	for (size_t i = 0; i < m->nkpis; i++) {
		const kpi_t *k = m->kpis[i];
		if (!k->def.thema)
			continue;
		buf_t b = {0};
		esc_slug(&b, k->def.thema);
		slugs[i] = buf_take(&b);
		if (!slugs[i][0] || !strcmp(slugs[i], "index")) {
			diag(d, DIAG_ERROR, k->src.file, k->src.thema_line, k->src.thema_col,
			     "thema '%s' geeft geen eigen paginanaam (%s); gebruik een naam met letters a-z of cijfers, en niet "
			     "'index'",
			     k->def.thema, slugs[i][0] ? "themas/index.html is het overzicht van de thema's" : "er blijft niets over");
			continue;
		}
		for (size_t j = 0; j < i; j++)
			if (slugs[j] && !strcmp(slugs[i], slugs[j]) && strcmp(k->def.thema, m->kpis[j]->def.thema) != 0) {
				diag(d, DIAG_ERROR, k->src.file, k->src.thema_line, k->src.thema_col,
				     "thema '%s' krijgt dezelfde pagina (themas/%s.html) als thema '%s' (%s:%d); schrijf de naam van het "
				     "thema overal hetzelfde",
				     k->def.thema, slugs[i], m->kpis[j]->def.thema, m->kpis[j]->src.file, m->kpis[j]->src.thema_line);
				break;
			}
	}
	for (size_t i = 0; i < m->nkpis; i++)
		free(slugs[i]);
	free(slugs);
	for (size_t i = 0; i < m->npages; i++) {
		const page_t *p = m->pages[i];
		if ((p->soort == SOORT_ACTIE || p->soort == SOORT_TEAMDOEL) && !strcmp(p->slug, "index")) {
			char *shown = path_join(shown_dir, p->file);
			diag(d, DIAG_ERROR, shown, 0, 0, "de paginanaam 'index' is al van het overzicht (%s/index.html); hernoem het "
			                               "bestand",
			     p->soort == SOORT_ACTIE ? "acties" : "teams");
			free(shown);
		}
	}
	same_page_names(m, shown_dir, d);
	if (m->uitgelicht && !model_find_kpi(m, m->uitgelicht) &&
	    !model_kpi_failed(m, m->uitgelicht, strlen(m->uitgelicht))) {
		diag(d, DIAG_ERROR, m->conf_file, 0, 0, "'uitgelicht' noemt kpi '%s', maar die bestaat niet", m->uitgelicht);
	}
	if (!m->gemeente)
		m->gemeente = xstrdup("de gemeente");
	if (!m->thema)
		m->thema = xstrdup("default");
	return diag_errors(d) == before ? 0 : -1;
}
