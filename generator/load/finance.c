/* finance.c - see finance.h. */
#include "load/finance.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/fmt.h"
#include "base/platform.h"
#include "base/util.h"
#include "load/data.h"
#include "load/export.h"
#include "model/present.h"

enum { F_JAAR, F_ONDERDEEL, F_BUDGET, F_BESTEED, F_VERWACHT, F_N };
static const char *const cols[F_N] = {"jaar", "onderdeel", "budget", "besteed", "verwacht"};

typedef struct {
	model_t *m;
	int *seen_line;          /* per page: the row that gave it its money this year (0: none) */
} fctx;

static void trim(const char **s, size_t *len)
{
	while (*len && (**s == ' ' || **s == '\t'))
		++*s, --*len;
	while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
		--*len;
}

/* An amount in euros: "40.000", "€ 40.000,50", "40000"; 0 (and *has) or -1 after a message.
 * `may_be_empty`: an empty cell means "not known yet". */
static int amount(const csv_row *row, int c, int may_be_empty, double *v, int *has)
{
	const char *s = row->val[c];
	size_t len = row->len[c];
	trim(&s, &len);
	if (len >= 3 && !memcmp(s, "\xE2\x82\xAC", 3)) /* € */
		s += 3, len -= 3;
	else if (len >= 3 && !strncasecmp(s, "EUR", 3))
		s += 3, len -= 3;
	trim(&s, &len);
	*has = 0;
	if (!len) {
		if (may_be_empty)
			return 0;
		csv_row_error(row, c, "kolom '%s' is leeg; hier hoort een bedrag in euro's, zoals 40.000", cols[c]);
		return -1;
	}
	if (num_parse(s, len, row->dot_is_thousands, v) != 0 || *v < 0 || *v > VALUE_MAX) {
		char shown[96];
		present_cell(CELL_GETAL, s, len, shown, sizeof shown);
		csv_row_error(row, c, "kolom '%s': %s is geen bedrag in euro's (schrijf 40.000 of 40000)", cols[c], shown);
		return -1;
	}
	*has = 1;
	return 0;
}

static int on_row(void *vp, const csv_row *row)
{
	fctx *c = vp;
	model_t *m = c->m;
	const char *s = row->val[F_JAAR];
	size_t len = row->len[F_JAAR];
	trim(&s, &len);
	double y;
	if (num_parse(s, len, 0, &y) != 0 || y != (int)y || y < 1900 || y > 2199) {
		char shown[96];
		present_cell(CELL_PERIODE, s, len, shown, sizeof shown);
		csv_row_error(row, F_JAAR, "kolom 'jaar': %s is geen jaar (schrijf 2025)", shown);
		return 0;
	}
	const char *o = row->val[F_ONDERDEEL];
	size_t ol = row->len[F_ONDERDEEL];
	trim(&o, &ol);
	/* the page by its file name without number, or by its title */
	size_t hit = m->npages;
	for (size_t i = 0; i < m->npages && hit == m->npages; i++) {
		const page_t *p = m->pages[i];
		if (p->soort != SOORT_ACTIE && p->soort != SOORT_TEAMDOEL)
			continue;
		if ((strlen(p->slug) == ol && !strncasecmp(p->slug, o, ol)) ||
		    (p->titel && strlen(p->titel) == ol && !strncasecmp(p->titel, o, ol)))
			hit = i;
	}
	if (hit == m->npages) {
		char shown[96];
		present_cell(CELL_ID, o, ol, shown, sizeof shown);
		csv_row_error(row, F_ONDERDEEL,
		              "kolom 'onderdeel': %s is geen actie of teamdoel; schrijf de naam van het bestand in content/ "
		              "zonder nummer (voor content/12-terugbelverzoeken.md: terugbelverzoeken) of de titel",
		              ol ? shown : "een lege cel");
		return 0;
	}
	double b = 0, sp = 0, ex = 0;
	int hb, hs, he;
	int bad = amount(row, F_BUDGET, 0, &b, &hb) | amount(row, F_BESTEED, 1, &sp, &hs) |
	          amount(row, F_VERWACHT, 1, &ex, &he);
	if (bad || (int)y != m->report_year)
		return 0;
	if (c->seen_line[hit]) {
		csv_row_error(row, F_ONDERDEEL, "'%s' heeft voor %d al een regel (regel %d); zet elk onderdeel één keer per jaar "
		                                "in het bestand",
		              m->pages[hit]->slug, (int)y, c->seen_line[hit]);
		return 0;
	}
	c->seen_line[hit] = (int)row->line;
	finance_t *f = xcalloc(1, sizeof *f);
	f->budget = b;
	f->besteed = hs ? sp : 0;
	f->verwacht = ex;
	f->has_verwacht = he;
	f->line = (int)row->line;
	free(m->pages[hit]->finance);
	m->pages[hit]->finance = f;
	m->finance_rows++;
	return 0;
}

int finance_load(model_t *m, const char *datadir, const char *shown_dir, diag_t *d)
{
	static const char *const ext[] = {".csv", ".xlsx"};
	char *found[2] = {NULL, NULL};
	int nfound = 0;
	for (int i = 0; i < 2; i++) {
		char *name = xasprintf("%s%s", FINANCE_STEM, ext[i]);
		char *path = path_join(datadir, name);
		if (plat_lkind(path, NULL) != PLAT_NONE)
			found[nfound++] = name;
		else
			free(name);
		free(path);
	}
	int rv = 0;
	if (nfound == 2) {
		char *shown = path_join(shown_dir, found[1]);
		diag(d, DIAG_ERROR, shown, 0, 0, "staat er ook als %s; haal een van beide weg", found[0]);
		free(shown);
		rv = -1;
	} else if (nfound == 1) {
		char *path = path_join(datadir, found[0]), *shown = path_join(shown_dir, found[0]);
		fctx c = {m, xcalloc(m->npages ? m->npages : 1, sizeof *c.seen_line)};
		csv_info info;
		const char *who[F_N] = {NULL};
		if (export_read(path, shown, NULL, 0, cols, who, F_N, on_row, &c, NULL, d, &info) != 0)
			rv = -1;
		free(c.seen_line);
		free(m->finance_file);
		m->finance_file = shown;
		free(path);
	}
	for (int i = 0; i < nfound; i++)
		free(found[i]);
	return rv;
}
