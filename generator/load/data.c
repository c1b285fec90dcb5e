/* data.c - see data.h. */
#include "load/data.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/fmt.h"
#include "base/util.h"
#include "load/csvread.h"
#include "model/engine.h"
#include "model/present.h"

/* The columns one KPI reads from a file, as indexes into the file's requested columns. */
typedef struct {
	size_t ki;                /* index in m->kpis */
	const kpi_def *k;
	int c_date, c_end, c_col, c_group; /* -1 if unused */
	int c_filter[8];
	int too_many;             /* MAX_GROUPS was reported */
} kread;

/* The dates in the data, while the reference date is still to be derived from them: how many
 * values fall on each day (dates run from 1900 to 2199), and per file the latest few with
 * their place, to name them if they turn out to lie far beyond the rest. */
#define LATEST_SHOWN 5

typedef struct {
	int day;
	long line, col;
	const char *column;
} date_at;

typedef struct {
	long *count;      /* per day since DAY0 */
	long total;
	int max;          /* latest date seen, DAY_NONE if none */
} datescan;

typedef struct {
	model_t *m;
	engine_t *e;
	datescan *scan;   /* NULL when the reference date is known */
	date_at latest[LATEST_SHOWN]; /* this file's latest dates, latest first */
	int nlatest;
	datafile_t *file;
	const char *cols[MAX_COLS];
	char *used_by[MAX_COLS]; /* the first KPI that names the column, for messages */
	int ncols;
	kread *ks;
	size_t nks;
	int peil;        /* known reference date or DAY_NONE */
	/* per-row cache of parsed columns */
	int day[MAX_COLS];
	signed char day_state[MAX_COLS]; /* 0 not parsed, 1 ok, 2 empty, 3 bad */
} loadctx;

static int col_index(loadctx *lc, const char *name, const kpi_t *k)
{
	if (!name)
		return -1;
	char a[128], b[128];
	csv_norm_name(name, strlen(name), a, sizeof a);
	for (int i = 0; i < lc->ncols; i++) {
		csv_norm_name(lc->cols[i], strlen(lc->cols[i]), b, sizeof b);
		if (!strcmp(a, b))
			return i;
	}
	if (lc->ncols == MAX_COLS)
		return -2; /* reported by read_one */
	lc->cols[lc->ncols] = name;
	lc->used_by[lc->ncols] = xasprintf("kpi '%s' (%s:%d)", k->def.id, k->src.file, k->src.line);
	return lc->ncols++;
}

static int day0(void)
{
	return day_from_ymd(1900, 1, 1);
}

static void scan_date(loadctx *lc, const csv_row *row, int i, int day)
{
	datescan *sc = lc->scan;
	sc->count[day - day0()]++;
	sc->total++;
	if (sc->max == DAY_NONE || day > sc->max)
		sc->max = day;
	/* keep this file's latest dates, latest first */
	int n = lc->nlatest, k = n;
	while (k > 0 && lc->latest[k - 1].day < day)
		k--;
	if (k >= LATEST_SHOWN)
		return;
	if (n < LATEST_SHOWN)
		n++;
	memmove(&lc->latest[k + 1], &lc->latest[k], (size_t)(n - 1 - k) * sizeof *lc->latest);
	lc->latest[k] = (date_at){day, row->line, row->col[i], lc->cols[i]};
	lc->nlatest = n;
}

/* Parse requested column i of the row as a date, once per row. */
static int row_day(loadctx *lc, const csv_row *row, int i, int required, int *day)
{
	if (lc->day_state[i] == 0) {
		size_t len = row->len[i];
		const char *s = row->val[i];
		size_t a = 0;
		while (a < len && (s[a] == ' ' || s[a] == '\t'))
			a++;
		if (a == len) {
			lc->day_state[i] = 2;
		} else if (date_parse(s, len, &lc->day[i]) == 0) {
			lc->day_state[i] = 1;
			if (lc->scan)
				scan_date(lc, row, i, lc->day[i]);
			else if (lc->day[i] > lc->peil)
				lc->file->after++;
		} else {
			lc->day_state[i] = 3;
			char why[160];
			present_date_problem(s, len, why, sizeof why);
			csv_row_error(row, i, "kolom '%s': '%s' is geen datum. %s", lc->cols[i], s, why);
		}
		if (lc->day_state[i] == 2 && required)
			csv_row_error(row, i, "kolom '%s' is leeg. Hier hoort een datum", lc->cols[i]);
	}
	*day = lc->day[i];
	return lc->day_state[i];
}

static void trimmed(const char *s, size_t len, const char **out, size_t *outlen)
{
	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	*out = s;
	*outlen = len;
}

static int same_text(const char *s, size_t len, const char *want)
{
	const char *t;
	size_t tl;
	trimmed(s, len, &t, &tl);
	return tl == strlen(want) && strncasecmp(t, want, tl) == 0;
}

static int filters_pass(loadctx *lc, const kread *st, const csv_row *row)
{
	const kpi_def *k = st->k;
	for (size_t f = 0; f < k->nfilters; f++) {
		int i = st->c_filter[f];
		const filter_t *fl = &k->filters[f];
		double v;
		switch (fl->op) {
		case FILTER_IS:
			if (!same_text(row->val[i], row->len[i], fl->waarde))
				return 0;
			break;
		case FILTER_IS_NIET:
			if (same_text(row->val[i], row->len[i], fl->waarde))
				return 0;
			break;
		case FILTER_GROTER:
		case FILTER_KLEINER:
			if (num_parse(row->val[i], row->len[i], row->dot_is_thousands, &v) != 0) {
				csv_row_error(row, i, "kolom '%s': '%s' is geen getal", lc->cols[i], row->val[i]);
				return 0;
			}
			if (fl->op == FILTER_GROTER ? !(v > fl->getal) : !(v < fl->getal))
				return 0;
			break;
		}
	}
	return 1;
}

/* A group's name reaches every output: one line of printable text, of a sane length, and not
 * the name of the whole organisation. The value itself is not quoted. */
#define MAX_GROUP_CHARS 100

static int group_ok(loadctx *lc, const csv_row *row, int col, const char *g, size_t len)
{
	size_t chars = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)g[i];
		if (c < 0x20 || c == 0x7F) {
			csv_row_error(row, col, "kolom '%s' bevat een besturingsteken (zoals een tab of een regeleinde); haal het weg",
			              lc->cols[col]);
			return 0;
		}
		chars += (c & 0xC0) != 0x80;
	}
	if (chars > MAX_GROUP_CHARS) {
		csv_row_error(row, col, "kolom '%s': de naam is langer dan %d tekens; maak hem korter", lc->cols[col],
		              MAX_GROUP_CHARS);
		return 0;
	}
	if (len == 6 && !strncasecmp(g, "Totaal", 6)) {
		csv_row_error(row, col, "kolom '%s': 'Totaal' is de naam voor de hele organisatie; geef deze groep een andere naam",
		              lc->cols[col]);
		return 0;
	}
	return 1;
}

static int on_row(void *vp, const csv_row *row)
{
	loadctx *lc = vp;
	memset(lc->day_state, 0, sizeof lc->day_state);
	for (size_t q = 0; q < lc->nks; q++) {
		kread *st = &lc->ks[q];
		const kpi_def *k = st->k;
		if (!filters_pass(lc, st, row))
			continue;
		engine_row er = {0};
		/* a duration starts at its start column: a row without that date has not started yet
		 * (a report not handled, say) and is not counted; every other measure needs it */
		int duration = k->maat == MAAT_GEMIDDELDE && k->einde;
		if (row_day(lc, row, st->c_date, !duration, &er.day) != 1)
			continue;
		if (k->einde) {
			int state = row_day(lc, row, st->c_end, 0, &er.end_day);
			if (state == 3)
				continue;
			er.end = state == 1 ? END_DAY : END_EMPTY;
			if (er.end == END_DAY && er.end_day < er.day) {
				csv_row_error(row, st->c_end, "kolom '%s' ligt voor kolom '%s'", lc->cols[st->c_end],
				              lc->cols[st->c_date]);
				continue;
			}
		}
		if (lc->peil != DAY_NONE && er.day > lc->peil)
			continue; /* after the reference date: not counted */
		if (er.day < lc->file->first || lc->file->first == DAY_NONE)
			lc->file->first = er.day;
		if (er.day > lc->file->last || lc->file->last == DAY_NONE)
			lc->file->last = er.day;
		if (k->maat == MAAT_GEMIDDELDE && !k->einde) {
			const char *s = row->val[st->c_col];
			if (num_parse(s, row->len[st->c_col], row->dot_is_thousands, &er.v) != 0) {
				const char *t;
				size_t tl;
				trimmed(s, row->len[st->c_col], &t, &tl);
				if (tl == 0)
					continue; /* no answer to this question: not counted */
				csv_row_error(row, st->c_col, "kolom '%s': '%s' is geen getal", lc->cols[st->c_col], s);
				continue;
			}
			if (k->has_range && (er.v < k->range_lo || er.v > k->range_hi)) {
				char lo[48], hi[48];
				fmt_num(k->range_lo, 0, lo);
				fmt_num(k->range_hi, 0, hi);
				csv_row_error(row, st->c_col, "kolom '%s': %s ligt niet tussen %s en %s",
				              lc->cols[st->c_col], s, lo, hi);
				continue;
			}
		} else if (k->maat == MAAT_AANDEEL) {
			er.hit = same_text(row->val[st->c_col], row->len[st->c_col], k->is);
		}
		const char *g = NULL;
		size_t gl = 0;
		if (st->c_group >= 0) {
			trimmed(row->val[st->c_group], row->len[st->c_group], &g, &gl);
			if (gl == 0) {
				g = "Onbekend";
				gl = 8;
			}
			if (!group_ok(lc, row, st->c_group, g, gl))
				continue;
		}
		if (engine_add(lc->e, st->ki, g, gl, &er) != 0 && !st->too_many) {
			char most[64];
			present_number(MAX_GROUPS, 0, most);
			st->too_many = 1;
			csv_row_error(row, st->c_group,
			              "kolom '%s' heeft meer dan %s verschillende waarden; kpi '%s' telt per %s. Is dit de goede kolom?",
			              lc->cols[st->c_group], most, k->id, lc->cols[st->c_group]);
		}
	}
	return 0;
}

/* kpi.csv: manually reported values. */
static int on_value_row(void *vp, const csv_row *row)
{
	loadctx *lc = vp;
	const char *id;
	size_t idl;
	trimmed(row->val[0], row->len[0], &id, &idl);
	const kread *st = NULL;
	for (size_t q = 0; q < lc->nks; q++)
		if (strlen(lc->ks[q].k->id) == idl && !strncmp(lc->ks[q].k->id, id, idl))
			st = &lc->ks[q];
	if (!st) {
		csv_row_error(row, 0, "kpi '%s' komt in geen enkele pagina voor (zie 'id' bij de kpi's)", row->val[0]);
		return 0;
	}
	const kpi_def *k = st->k;
	per_t per;
	int key;
	double v;
	if (period_parse(row->val[1], row->len[1], &per, &key) != 0) {
		csv_row_error(row, 1, "'%s' is geen periode (schrijf 2024, 2024-K3 of 2024-09)", row->val[1]);
		return 0;
	}
	if (per != k->per) {
		csv_row_error(row, 1, "kpi '%s' wordt per %s gemeten; '%s' is geen %s", k->id,
		              present_per_word(k->per), row->val[1], present_per_word(k->per));
		return 0;
	}
	if (num_parse(row->val[2], row->len[2], row->dot_is_thousands, &v) != 0) {
		csv_row_error(row, 2, "'%s' is geen getal", row->val[2]);
		return 0;
	}
	int last = period_last_day(per, key);
	if (lc->peil != DAY_NONE && last > lc->peil && period_first_day(per, key) > lc->peil)
		return 0;
	if (engine_add_value(lc->e, st->ki, key, v) != 0) {
		csv_row_error(row, 1, "kpi '%s' heeft voor %s al een waarde", k->id, row->val[1]);
		return 0;
	}
	if (lc->file->first == DAY_NONE || period_first_day(per, key) < lc->file->first)
		lc->file->first = period_first_day(per, key);
	if (lc->file->last == DAY_NONE || last > lc->file->last)
		lc->file->last = last;
	return 0;
}

static int cmp_file(const void *a, const void *b)
{
	return strcmp(((const datafile_t *)a)->name, ((const datafile_t *)b)->name);
}

static int list_files(model_t *m, const char *datadir, const char *shown_dir, diag_t *d)
{
	DIR *dh = opendir(datadir);
	if (!dh) {
		diag(d, DIAG_ERROR, shown_dir, 0, 0, "kan de map met gegevens niet openen (%s)", strerror(errno));
		return -1;
	}
	size_t cap = 0;
	struct dirent *de;
	while ((de = readdir(dh))) {
		if (de->d_name[0] == '.')
			continue;
		if (!strcmp(de->d_name, "voorbeelddata.txt"))
			m->voorbeelddata = 1;
		size_t l = strlen(de->d_name);
		if (l < 5 || strcasecmp(de->d_name + l - 4, ".csv") != 0)
			continue;
		m->files = xgrow(m->files, &cap, m->nfiles, sizeof *m->files);
		datafile_t *f = &m->files[m->nfiles++];
		memset(f, 0, sizeof *f);
		f->name = xstrdup(de->d_name);
		f->first = f->last = DAY_NONE;
	}
	closedir(dh);
	if (m->nfiles)
		qsort(m->files, m->nfiles, sizeof *m->files, cmp_file);
	return 0;
}

static datafile_t *find_file(model_t *m, const char *name)
{
	for (size_t i = 0; i < m->nfiles; i++)
		if (!strcmp(m->files[i].name, name))
			return &m->files[i];
	return NULL;
}

/* The latest date seen in each file, as far as it was kept (for naming outliers). */
typedef struct {
	date_at latest[LATEST_SHOWN];
	int nlatest;
} file_dates;

static int read_one(model_t *m, engine_t *e, datafile_t *f, const char *datadir,
                    const char *shown_dir, int peil, datescan *scan, file_dates *fd, diag_t *d)
{
	loadctx lc = {0};
	lc.m = m;
	lc.e = e;
	lc.file = f;
	lc.peil = peil;
	lc.scan = scan;
	int is_values = !strcmp(f->name, "kpi.csv");
	if (is_values) {
		lc.cols[0] = "kpi";
		lc.cols[1] = "periode";
		lc.cols[2] = "waarde";
		lc.ncols = 3;
	}
	for (size_t i = 0; i < m->nkpis; i++) {
		const kpi_t *kp = m->kpis[i];
		const kpi_def *k = &kp->def;
		if (strcmp(k->bron, f->name) != 0)
			continue;
		lc.ks = xrealloc(lc.ks, (lc.nks + 1) * sizeof *lc.ks);
		kread *st = &lc.ks[lc.nks++];
		memset(st, 0, sizeof *st);
		st->ki = i;
		st->k = k;
		if (is_values)
			continue;
		st->c_date = col_index(&lc, k->start ? k->start : k->datum, kp);
		st->c_end = col_index(&lc, k->einde, kp);
		st->c_col = col_index(&lc, k->kolom, kp);
		st->c_group = col_index(&lc, k->groep, kp);
		for (size_t q = 0; q < k->nfilters; q++)
			st->c_filter[q] = col_index(&lc, k->filters[q].kolom, kp);
		int over = st->c_date == -2 || st->c_end == -2 || st->c_col == -2 || st->c_group == -2;
		for (size_t q = 0; q < k->nfilters; q++)
			over |= st->c_filter[q] == -2;
		if (over) {
			diag(d, DIAG_ERROR, kp->src.file, kp->src.line, kp->src.col,
			     "de kpi's samen gebruiken meer dan %d kolommen van %s; verdeel ze over minder kolommen",
			     MAX_COLS, f->name);
			for (int c = 0; c < lc.ncols; c++)
				free(lc.used_by[c]);
			free(lc.ks);
			return -1;
		}
	}
	char *path = path_join(datadir, f->name);
	char *shown = path_join(shown_dir, f->name);
	csv_info info;
	f->first = f->last = DAY_NONE;
	f->after = 0;
	int rv = csv_read(path, shown, lc.cols, (const char *const *)lc.used_by, lc.ncols,
	                  is_values ? on_value_row : on_row, &lc, d, &info);
	for (int c = 0; c < lc.ncols; c++)
		free(lc.used_by[c]);
	f->rows = info.rows;
	f->cp1252 = info.cp1252;
	f->used = 1;
	if (fd) {
		memcpy(fd->latest, lc.latest, sizeof lc.latest);
		fd->nlatest = lc.nlatest;
	}
	free(lc.ks);
	free(path);
	free(shown);
	return rv;
}

/* Read every file a KPI uses into a new engine; the engine is returned for engine_finish. */
static engine_t *read_all(model_t *m, const char *datadir, const char *shown_dir, int peil, datescan *scan,
                          file_dates *fds, int content_errors, diag_t *d, int *rv)
{
	engine_t *e = engine_new(m, peil);
	for (size_t i = 0; i < m->nfiles; i++) {
		datafile_t *f = &m->files[i];
		int used = 0;
		for (size_t j = 0; j < m->nkpis; j++)
			used |= !strcmp(m->kpis[j]->def.bron, f->name);
		if (!used && content_errors)
			continue;
		if (!used) {
			char *shown = path_join(shown_dir, f->name);
			diag(d, DIAG_NOTE, shown, 0, 0, "geen enkele kpi gebruikt dit bestand; het wordt niet gelezen");
			free(shown);
			continue;
		}
		if (read_one(m, e, f, datadir, shown_dir, peil, scan, fds ? &fds[i] : NULL, d) != 0)
			*rv = -1;
	}
	return e;
}

/* The reference date when nothing sets it: the latest date in the data, unless a few values
 * lie far beyond all others (a typo such as 2199 for 2025): a group of at most 3 values, or
 * 0,1% of all dates, more than a quarter after the next date is left out, as often as it
 * applies. One outlier can then not move the date the whole report is judged at. */
#define OUTLIER_GAP 92

static int derive_peil(const datescan *sc)
{
	int base = day0();
	long limit = sc->total / 1000 > 3 ? sc->total / 1000 : 3;
	int cand = sc->max;
	long tail = sc->count[cand - base];
	for (;;) {
		int prev = cand - 1;
		while (prev >= base && sc->count[prev - base] == 0)
			prev--;
		if (prev < base || cand - prev <= OUTLIER_GAP || tail > limit)
			return cand;
		cand = prev;
		tail += sc->count[cand - base];
	}
}

/* A file that stops more than one period (of the finest KPI reading it) before the reference
 * date is probably an old export. */
static void stale_notes(const model_t *m, const char *shown_dir, diag_t *d)
{
	static const int span[] = {31, 92, 366};
	for (size_t i = 0; i < m->nfiles; i++) {
		const datafile_t *f = &m->files[i];
		if (!f->used || f->last == DAY_NONE)
			continue;
		int per = PER_JAAR;
		for (size_t j = 0; j < m->nkpis; j++)
			if (!strcmp(m->kpis[j]->def.bron, f->name) && (int)m->kpis[j]->def.per < per)
				per = (int)m->kpis[j]->def.per;
		if (m->peildatum - f->last <= span[per])
			continue;
		char last[40], peil[40];
		present_date(f->last, last);
		present_date(m->peildatum, peil);
		char *shown = path_join(shown_dir, f->name);
		diag(d, DIAG_NOTE, shown, 0, 0, "loopt tot %s, ruim voor de peildatum (%s); is deze export vernieuwd?", last,
		     peil);
		free(shown);
	}
}

int data_load(model_t *m, const char *datadir, const char *shown_dir, int peildatum, diag_t *d)
{
	/* after errors in the content a KPI may be missing: say nothing that follows from that */
	int content_errors = diag_errors(d) > 0;
	if (list_files(m, datadir, shown_dir, d) != 0)
		return -1;
	int rv = 0;
	int peil = peildatum != DAY_NONE ? peildatum : m->conf_peildatum;
	m->peildatum_bron = peildatum != DAY_NONE ? PEIL_OPDRACHTREGEL
	                    : peil != DAY_NONE    ? PEIL_INSTELLING
	                                          : PEIL_GEGEVENS;
	for (size_t i = 0; i < m->nkpis; i++) {
		const kpi_t *k = m->kpis[i];
		if (!find_file(m, k->def.bron)) {
			diag(d, DIAG_ERROR, k->src.file, k->src.line, k->src.col,
			     "kpi '%s': het bestand '%s' staat niet in %s", k->def.id, k->def.bron, shown_dir);
			rv = -1;
		}
	}
	if (peil != DAY_NONE) {
		engine_t *e = read_all(m, datadir, shown_dir, peil, NULL, NULL, content_errors, d, &rv);
		engine_finish(e, peil);
		engine_free(e);
		stale_notes(m, shown_dir, d);
		return rv;
	}
	/* derive the reference date from the data while reading it */
	datescan sc = {0};
	sc.count = xcalloc((size_t)(day_from_ymd(2200, 1, 1) - day0()), sizeof *sc.count);
	sc.max = DAY_NONE;
	file_dates *fds = xcalloc(m->nfiles ? m->nfiles : 1, sizeof *fds);
	engine_t *e = read_all(m, datadir, shown_dir, DAY_NONE, &sc, fds, content_errors, d, &rv);
	if (sc.max == DAY_NONE) {
		if (rv == 0 && !content_errors)
			diag(d, DIAG_ERROR, NULL, 0, 0,
			     "er is geen peildatum: de gegevens bevatten geen datums; geef --peildatum JJJJ-MM-DD of zet 'peildatum' in de inhoud");
		engine_free(e);
		free(sc.count);
		free(fds);
		return -1;
	}
	peil = derive_peil(&sc);
	if (peil != sc.max) {
		/* name the values beyond it, then read once more with the date known, so that they
		 * count nowhere; the second reading repeats no message */
		engine_free(e);
		int quiet = d->mute;
		d->mute = 1;
		e = read_all(m, datadir, shown_dir, peil, NULL, NULL, content_errors, d, &rv);
		d->mute = quiet;
		char pd[40];
		present_date(peil, pd);
		for (size_t i = 0; i < m->nfiles; i++) {
			char *shown = path_join(shown_dir, m->files[i].name);
			long named = 0;
			for (int j = 0; j < fds[i].nlatest && fds[i].latest[j].day > peil; j++, named++) {
				const date_at *a = &fds[i].latest[j];
				char v[40];
				present_date(a->day, v);
				diag(d, DIAG_WARN, shown, a->line, a->col,
				     "kolom '%s': %s ligt ver na alle andere datums; is het een tikfout? Deze regel telt niet "
				     "mee en de peildatum blijft %s",
				     a->column, v, pd);
			}
			if (m->files[i].after > named)
				diag(d, DIAG_WARN, shown, 0, 0, "en nog %ld %s na de peildatum in dit bestand",
				     m->files[i].after - named, m->files[i].after - named == 1 ? "datum" : "datums");
			free(shown);
		}
	}
	engine_finish(e, peil);
	engine_free(e);
	free(sc.count);
	free(fds);
	stale_notes(m, shown_dir, d);
	return rv;
}
