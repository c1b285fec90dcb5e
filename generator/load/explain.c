/* explain.c - see explain.h. */
#include "load/explain.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/util.h"
#include "load/content.h"
#include "load/yamltree.h"
#include "model/markdown.h"
#include "model/present.h"

#define MAX_FILE (1024 * 1024)

typedef struct {
	const char *file;
	diag_t *d;
	int use;           /* this file is for the build's reference date: fill the model */
	model_t *m;
} ectx;

static void err(ectx *c, const ynode *n, const char *fmt, ...) PRINTF_LIKE(3, 4);
static void err(ectx *c, const ynode *n, const char *fmt, ...)
{
	buf_t b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	diag(c->d, DIAG_ERROR, c->file, n ? n->line : 0, n ? n->col : 0, "%s", b.s);
	buf_free(&b);
}

static const ynode *get(const ynode *map, const char *key)
{
	for (size_t i = 0; i < map->n; i++)
		if (!strcmp(map->keys[i]->str, key))
			return map->vals[i];
	return NULL;
}

/* Unknown and doubled keys of a map, each named. */
static void check_keys(ectx *c, const ynode *map, const char *what, const char *const *keys)
{
	for (size_t i = 0; i < map->n; i++) {
		const char *k = map->keys[i]->str;
		int known = 0;
		for (const char *const *q = keys; *q; q++)
			known |= !strcmp(*q, k);
		if (!known) {
			buf_t list = {0};
			for (const char *const *q = keys; *q; q++)
				buf_printf(&list, "%s%s", q == keys ? "" : ", ", *q);
			err(c, map->keys[i], "'%s:' kent meetlat niet in %s. Mogelijk zijn: %s", k, what, list.s);
			buf_free(&list);
		}
		for (size_t j = 0; j < i; j++)
			if (!strcmp(map->keys[j]->str, k))
				err(c, map->keys[i], "'%s:' staat er twee keer (ook op regel %d). Laat er één staan", k,
				    map->keys[j]->line);
	}
}

static void check_doubles(ectx *c, const ynode *map)
{
	for (size_t i = 0; i < map->n; i++)
		for (size_t j = 0; j < i; j++)
			if (!strcmp(map->keys[j]->str, map->keys[i]->str))
				err(c, map->keys[i], "'%s:' staat er twee keer (ook op regel %d). Laat er één staan", map->keys[i]->str,
				    map->keys[j]->line);
}

/* A text: a scalar with something in it, or NULL after a message. */
static char *text(ectx *c, const ynode *n, const char *key)
{
	if (n->kind != Y_SCALAR) {
		err(c, n, "'%s' moet een tekst zijn, niet %s", key, ykind_name(n->kind));
		return NULL;
	}
	const char *s = n->str;
	while (*s == ' ' || *s == '\n' || *s == '\t')
		s++;
	if (!*s) {
		err(c, n, "'%s' is leeg", key);
		return NULL;
	}
	/* a block scalar (|, >) keeps its line ends: one paragraph, one line */
	char *t = xstrdup(s);
	size_t len = strlen(t);
	while (len && (t[len - 1] == ' ' || t[len - 1] == '\n' || t[len - 1] == '\t'))
		t[--len] = '\0';
	for (size_t i = 0; i < len; i++)
		if (t[i] == '\n' || t[i] == '\t' || t[i] == '\r')
			t[i] = ' ';
	return t;
}

/* One explanation: a text (why), or {waarom, wat_we_doen, door}. */
static explain_t *item(ectx *c, const ynode *n, const char *whose)
{
	static const char *const keys[] = {"waarom", "wat_we_doen", "door", NULL};
	explain_t *e = xcalloc(1, sizeof *e);
	e->line = n->line;
	if (n->kind == Y_SCALAR) {
		e->waarom = text(c, n, whose);
	} else if (n->kind == Y_MAP) {
		check_keys(c, n, whose, keys);
		const ynode *v;
		if ((v = get(n, "waarom")))
			e->waarom = text(c, v, "waarom");
		if ((v = get(n, "wat_we_doen")))
			e->wat_we_doen = text(c, v, "wat_we_doen");
		if ((v = get(n, "door")))
			e->door = text(c, v, "door");
		if (!get(n, "waarom") && !get(n, "wat_we_doen"))
			err(c, n, "%s: schrijf 'waarom:' (waarom het cijfer zo is), 'wat_we_doen:' (wat er nu gebeurt) of "
			          "allebei",
			    whose);
	} else {
		err(c, n, "%s moet een tekst zijn, of 'waarom:' en 'wat_we_doen:' op eigen regels eronder", whose);
	}
	if (!e->waarom && !e->wat_we_doen) {
		explain_free(e);
		return NULL;
	}
	return e;
}

static void kpis(ectx *c, const ynode *map)
{
	if (map->kind != Y_MAP) {
		err(c, map, "'kpi' moet een lijst zijn van kpi-id's met hun toelichting, één per regel");
		return;
	}
	check_doubles(c, map); /* every key is an id */
	for (size_t i = 0; i < map->n; i++) {
		const ynode *k = map->keys[i];
		char *whose = xasprintf("de toelichting bij kpi '%s'", k->str);
		explain_t *e = item(c, map->vals[i], whose);
		free(whose);
		kpi_t *kp = c->m ? model_find_kpi(c->m, k->str) : NULL;
		if (c->use && !kp)
			err(c, k, "kpi '%s' bestaat niet; gebruik het 'id' van een kpi uit content/", k->str);
		if (c->use && kp && e && !kp->explain) {
			kp->explain = e;
			e = NULL;
		}
		explain_free(e);
	}
}

static page_t *find_page(const model_t *m, const char *slug)
{
	for (size_t i = 0; i < m->npages; i++) {
		page_t *p = m->pages[i];
		if ((p->soort == SOORT_ACTIE || p->soort == SOORT_TEAMDOEL) && !strcasecmp(p->slug, slug))
			return p;
	}
	return NULL;
}

static void pages(ectx *c, const ynode *map)
{
	if (map->kind != Y_MAP) {
		err(c, map, "'onderdelen' moet een lijst zijn van acties en teamdoelen met hun toelichting, één per regel");
		return;
	}
	check_doubles(c, map);
	for (size_t i = 0; i < map->n; i++) {
		const ynode *k = map->keys[i];
		char *whose = xasprintf("de toelichting bij '%s'", k->str);
		explain_t *e = item(c, map->vals[i], whose);
		free(whose);
		page_t *p = c->m ? find_page(c->m, k->str) : NULL;
		if (c->use && !p)
			err(c, k, "'%s' is geen actie of teamdoel; schrijf de naam van het bestand in content/ zonder nummer en "
			          "zonder .md (voor content/12-terugbelverzoeken.md: terugbelverzoeken)",
			    k->str);
		if (c->use && p && e && !p->explain) {
			p->explain = e;
			e = NULL;
		}
		explain_free(e);
	}
}

/* One file. `seen`/`nseen`: the reference dates of the files before it. */
static void load_one(model_t *m, const char *shown, const char *txt, size_t len, int **seen, char ***seen_file,
                     size_t *nseen, diag_t *d)
{
	static const char *const keys[] = {"peildatum", "versie", "uitgegeven", "voorbeeld", "kpi", "onderdelen", NULL};
	if (len >= 3 && !memcmp(txt, "\xEF\xBB\xBF", 3))
		txt += 3, len -= 3;
	ynode *fm;
	size_t body;
	int body_line;
	if (content_front(txt, len, shown, d, "de peildatum en de toelichtingen bij de kpi's",
	                  "de peildatum en de toelichtingen, zoals 'peildatum:' en 'kpi:'", &fm, &body, &body_line) != 0)
		return;
	ectx c = {shown, d, 0, NULL};
	check_keys(&c, fm, "een toelichting", keys);
	const ynode *v = get(fm, "peildatum");
	int day = DAY_NONE;
	if (!v) {
		err(&c, fm, "de toelichting mist 'peildatum:', de datum van de editie waar hij bij hoort (zoals 2025-12-31)");
	} else if (v->kind != Y_SCALAR || date_parse(v->str, strlen(v->str), &day) != 0) {
		err(&c, v, "'peildatum' is geen datum; schrijf hem als 2025-12-31");
		day = DAY_NONE;
	}
	if (day != DAY_NONE) {
		for (size_t i = 0; i < *nseen; i++)
			if ((*seen)[i] == day) {
				char dd[40];
				present_date(day, dd);
				err(&c, v, "er is al een toelichting voor peildatum %s (%s); zet alles voor één editie in één bestand", dd,
				    (*seen_file)[i]);
				day = DAY_NONE;
				break;
			}
		if (day != DAY_NONE) {
			*seen = xrealloc(*seen, (*nseen + 1) * sizeof **seen);
			*seen_file = xrealloc(*seen_file, (*nseen + 1) * sizeof **seen_file);
			(*seen)[*nseen] = day;
			(*seen_file)[(*nseen)++] = xstrdup(shown);
		}
	}
	c.use = day != DAY_NONE && day == m->peildatum;
	c.m = c.use ? m : NULL;
	if ((v = get(fm, "versie"))) {
		char *s = text(&c, v, "versie");
		if (c.use && s) {
			free(m->versie);
			m->versie = s;
		} else {
			free(s);
		}
	}
	if ((v = get(fm, "uitgegeven"))) {
		int u;
		if (v->kind != Y_SCALAR || date_parse(v->str, strlen(v->str), &u) != 0)
			err(&c, v, "'uitgegeven' is geen datum; schrijf hem als 2026-01-20");
		else if (day != DAY_NONE && u < day)
			err(&c, v, "'uitgegeven' ligt voor de peildatum; een editie komt uit na de dag waarover hij gaat");
		else if (c.use)
			m->uitgegeven = u;
	}
	if ((v = get(fm, "voorbeeld"))) {
		if (v->kind == Y_SCALAR && (!strcasecmp(v->str, "ja") || !strcasecmp(v->str, "true")))
			m->words_example |= c.use;
		else if (!(v->kind == Y_SCALAR && (!strcasecmp(v->str, "nee") || !strcasecmp(v->str, "false"))))
			err(&c, v, "'voorbeeld' moet ja of nee zijn");
	}
	if ((v = get(fm, "kpi")))
		kpis(&c, v);
	if ((v = get(fm, "onderdelen")))
		pages(&c, v);
	if (c.use) {
		free(m->words_file);
		m->words_file = xstrdup(shown);
		md_free(m->mgmt_summary);
		m->mgmt_summary = md_parse(txt + body, len - body);
		if (md_is_empty(m->mgmt_summary)) {
			md_free(m->mgmt_summary);
			m->mgmt_summary = NULL;
		}
	}
	ytree_free(fm);
}

int explain_load(model_t *m, const char *dir, const char *shown_dir, diag_t *d)
{
	char **names;
	long n = list_dir(dir, ".md", &names);
	if (n < 0)
		return errno == ENOENT ? 0 : (diag(d, DIAG_ERROR, shown_dir, 0, 0, "kan de map niet lezen (%s)", strerror(errno)), -1);
	int before = diag_errors(d);
	int *seen = NULL;
	char **seen_file = NULL;
	size_t nseen = 0;
	for (long i = 0; i < n; i++) {
		char *path = path_join(dir, names[i]), *shown = path_join(shown_dir, names[i]);
		char *txt;
		size_t len;
		if (read_file(path, MAX_FILE, &txt, &len) != 0) {
			diag(d, DIAG_ERROR, shown, 0, 0, "kan de toelichting niet lezen: het bestand %s", file_problem(errno));
		} else {
			if (content_text_ok(shown, txt, len, d)) {
				diag_file_begin(d, shown);
				load_one(m, shown, txt, len, &seen, &seen_file, &nseen, d);
				diag_file_end(d);
			}
			free(txt);
		}
		free(path);
		free(shown);
	}
	for (size_t i = 0; i < nseen; i++)
		free(seen_file[i]);
	free(seen_file);
	free(seen);
	free_names(names, n);
	return diag_errors(d) == before ? 0 : -1;
}

int explain_load_text(model_t *m, const char *shown, const char *text, size_t len, diag_t *d)
{
	int before = diag_errors(d);
	int *seen = NULL;
	char **seen_file = NULL;
	size_t nseen = 0;
	if (content_text_ok(shown, text, len, d))
		load_one(m, shown, text, len, &seen, &seen_file, &nseen, d);
	for (size_t i = 0; i < nseen; i++)
		free(seen_file[i]);
	free(seen_file);
	free(seen);
	return diag_errors(d) == before ? 0 : -1;
}

void explain_notices(const model_t *m, const char *shown_dir, diag_t *d)
{
	if (m->peildatum == DAY_NONE)
		return;
	int y, mo, dd;
	day_to_ymd(m->peildatum, &y, &mo, &dd);
	char *want = m->words_file ? xstrdup(m->words_file) : xasprintf("%s/%04d-%02d-%02d.md", shown_dir, y, mo, dd);
	char day[40];
	present_date(m->peildatum, day);
	if (!m->words_file)
		diag(d, DIAG_NOTE, want, 0, 0, "er is nog geen toelichting voor peildatum %s: maak dit bestand, met een "
		                               "managementsamenvatting en een toelichting bij elke kpi die zijn doel niet haalt",
		     day);
	else if (!m->mgmt_summary)
		diag(d, DIAG_NOTE, want, 0, 0, "de toelichting heeft nog geen managementsamenvatting: schrijf die onder de "
		                               "tweede regel ---");
	for (size_t i = 0; i < m->nkpis; i++) {
		const kpi_t *k = m->kpis[i];
		if (!kpi_needs_explanation(k) || k->explain)
			continue;
		diag(d, DIAG_NOTE, want, 0, 0, "kpi '%s' staat op '%s' en heeft nog geen toelichting voor peildatum %s; "
		                               "schrijf onder 'kpi:' waarom, en wat we nu doen (het rapport zegt nu 'nog geen "
		                               "toelichting')",
		     k->def.id, present_status(k->res.status), day);
	}
	free(want);
}
