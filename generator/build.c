/* build.c - see build.h. */
#include "build.h"

#include <dirent.h>
#include <math.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/date.h"
#include "base/platform.h"
#include "base/util.h"
#include "load/content.h"
#include "load/data.h"
#include "load/theme.h"
#include "model/b1.h"
#include "model/markdown.h"
#include "model/model.h"
#include "model/present.h"
#include "model/table.h"
#include "load/edition.h"
#include "load/explain.h"
#include "load/finance.h"
#include "model/edition.h"
#include "render/render.h"

/* docs/definities.md, compiled in (Makefile) */
extern const char definities_md[];

#ifndef MEETLAT_DATADIR
#define MEETLAT_DATADIR "/usr/local/share/meetlat"
#endif

/* In a temporary folder while meetlat is still writing it; gone before the swap. */
#define UNFINISHED ".meetlat-bezig"
#define FOREIGN_SHOWN 5

/* Fault injection for the tests (make test builds the sanitizer binary with MEETLAT_FAULTS):
 * MEETLAT_FOUT names the steps to fail, so that paths a real disk rarely takes are tested
 * (base/platform.h; the swap's own steps on Windows fail there). */
static int fault(const char *point)
{
	return plat_fault(point);
}

static int is_dir(const char *p)
{
	return plat_lkind(p, NULL) == PLAT_DIR;
}

/* The output folder as given, without trailing slashes; a "." or ".." at its end is resolved,
 * so that the temporary folder beside it ("<output>.tmp-...") really lies beside it and not in
 * it. NULL after a message. */
static char *out_name(const char *given, diag_t *d)
{
	char *out = xstrdup(given), *parent, *base;
	plat_trim_separators(out);
	plat_split(out, &parent, &base);
	int dots = !strcmp(base, ".") || !strcmp(base, "..");
	free(parent);
	free(base);
	if (dots) {
		char *real = plat_realpath(out);
		if (!real) {
			diag(d, DIAG_ERROR, given, 0, 0, "kan deze uitvoermap niet vinden (%s)", strerror(errno));
			free(out);
			return NULL;
		}
		free(out);
		out = real;
	}
	if (plat_is_root(out)) {
		diag(d, DIAG_ERROR, given, 0, 0, "de hoofdmap van de schijf kan geen uitvoermap zijn; kies met -o een eigen map");
		free(out);
		return NULL;
	}
	return out;
}

/* What an existing output folder holds (replaceable): gathered first, judged after. */
typedef struct {
	plat_kind kind;
	int empty;
	int n; /* out_foreign's count */
	char *names[FOREIGN_SHOWN];
} survey_t;

static void survey(const char *out, const char *index, survey_t *s)
{
	s->kind = plat_lkind(out, NULL);
	s->empty = 0;
	s->n = 0;
	if (s->kind != PLAT_NONE && s->kind != PLAT_DIR)
		return;
	s->empty = out_is_empty(out);
	if (!s->empty)
		s->n = out_foreign(out, index, s->names, FOREIGN_SHOWN);
}

/* An existing output folder may be replaced only when it is empty or every entry in it is a
 * file meetlat's manifest lists, unchanged: copying the output onto a share and building
 * into that share later must never delete another department's pages. The verdict on a
 * survey (which it frees). */
static int verdict(const char *out, survey_t *s, diag_t *d)
{
	if (s->kind != PLAT_NONE && s->kind != PLAT_DIR) {
		diag(d, DIAG_ERROR, out, 0, 0, "bestaat al en is geen map (maar %s); meetlat vervangt het niet",
		     s->kind == PLAT_LINK ? "een link naar een andere plek" : "een bestand");
		return 0;
	}
	int n = s->n;
	if (s->empty || n == 0)
		return 1;
	if (n < 0) {
		diag(d, DIAG_ERROR, out, 0, 0,
		     "deze map bestaat al en meetlat kan niet nagaan dat hij alles erin zelf heeft gemaakt (er is geen "
		     "lijst %s, of een van een oudere versie); kies met -o een andere map, of maak deze leeg als er niets "
		     "in staat dat weg mag",
		     OUT_MANIFEST);
		return 0;
	}
	buf_t b = {0};
	for (int i = 0; i < n && i < FOREIGN_SHOWN; i++) {
		buf_printf(&b, "%s%s", i ? ", " : "", s->names[i]);
		free(s->names[i]);
	}
	if (n > FOREIGN_SHOWN)
		buf_printf(&b, " en nog %d", n - FOREIGN_SHOWN);
	diag(d, DIAG_ERROR, out, 0, 0,
	     "in deze map %s %d %s die meetlat niet heeft gemaakt of die daarna %s veranderd: %s. Er is niets "
	     "vervangen of verwijderd; kies met -o een eigen map voor meetlat",
	     n == 1 ? "staat" : "staan", n, n == 1 ? "bestand of map" : "bestanden of mappen", n == 1 ? "is" : "zijn",
	     b.s);
	buf_free(&b);
	return 0;
}

static int replaceable(const char *out, const char *index, diag_t *d)
{
	survey_t s;
	survey(out, index, &s);
	return verdict(out, &s, d);
}

/* The survey of the existing output folder and the reading of its manifest for reuse
 * (out_prev_read) need nothing of the inputs: they run on a thread of their own while the
 * inputs are read (this build holds the folder's lock, so no other build changes it). They are
 * used only when the folder is still of the same kind when the build gets that far, and no
 * interrupted swap was undone meanwhile; otherwise they are made again. The checks at the swap
 * come after either way. */
typedef struct {
	const char *out, *index;
	survey_t s;
	out_prev *prev;
	plat_thread *th;
	int started; /* the survey is made or being made */
} early_t;

static void early_run(void *arg)
{
	early_t *e = arg;
	survey(e->out, e->index, &e->s);
	e->prev = e->s.kind == PLAT_DIR && (e->s.empty || e->s.n == 0) ? out_prev_read(e->out, e->index) : NULL;
}

static void early_start(early_t *e, const char *out, const char *index)
{
	*e = (early_t){.out = out, .index = index};
	if (plat_thread_start(&e->th, early_run, e) != 0)
		e->th = NULL;
	else
		e->started = 1;
}

/* The early survey, waited for (or made now, when no thread could be made). */
static void early_wait(early_t *e)
{
	if (!e->out)
		return; /* never started: no output folder (meetlat check) */
	if (e->th)
		plat_thread_join(e->th);
	else if (!e->started)
		early_run(e);
	e->th = NULL;
	e->started = 1;
}

/* What the survey holds that nobody took. */
static void early_drop(early_t *e)
{
	early_wait(e);
	for (int i = 0; i < e->s.n && i < FOREIGN_SHOWN; i++)
		free(e->s.names[i]);
	e->s.n = 0;
	out_prev_free(e->prev);
	e->prev = NULL;
}

/* Temporary folders beside the output, "<out>.tmp-*", of a build that was killed. Only what is
 * provably meetlat's unfinished work is removed, entry by entry: what a build's journal lists,
 * or the files of a previous output that was being removed by its manifest; and an empty
 * folder. Anything else is only mentioned (a copy someone named "output.tmp-backup" stays).
 * Runs while this build holds the lock, so no other build for the same folder is busy with
 * them. */
static void clean_stale(const char *out, diag_t *d)
{
	char *parent, *base;
	plat_split(out, &parent, &base);
	char *prefix = xasprintf("%s.tmp-", base);
	char **names;
	long nnames = plat_list(parent, &names);
	for (long i = 0; i < nnames; i++) {
		if (strncmp(names[i], prefix, strlen(prefix)) != 0)
			continue;
		char *p = path_join(parent, names[i]);
		char *leaving = path_join(p, OUT_LEAVING);
		int left = 1, err = 0;
		long n;
		if (!is_dir(p)) {
			/* not a folder: not ours */
		} else if (out_is_empty(p)) {
			left = plat_rmdir(p) != 0;
		} else if ((n = out_discard(p, &left)) >= 0) {
			diag(d, DIAG_NOTE, p, 0, 0, "tijdelijke map van een afgebroken build opgeruimd (%ld %s)%s", n,
			     n == 1 ? "bestand" : "bestanden", left ? "; er staat nog iets in dat meetlat niet heeft gemaakt" : "");
		} else if (plat_lkind(leaving, NULL) == PLAT_FILE && out_remove(p, 1, &err) == 0) {
			left = 0;
			diag(d, DIAG_NOTE, p, 0, 0, "de vorige uitvoer, die een afgebroken build aan het opruimen was, is nu opgeruimd");
		}
		if (left && is_dir(p))
			diag(d, DIAG_NOTE, p, 0, 0, "lijkt een tijdelijke map van een afgebroken build, maar meetlat kan niet "
			                            "nagaan dat alles erin van hem is; verwijder hem zelf als hij weg mag");
		free(leaving);
		free(p);
	}
	if (nnames > 0)
		free_names(names, nnames);
	free(prefix);
	free(parent);
	free(base);
}

/* A folder a build died moving aside on Windows holds a previous output (base/platform.h). */
static int previous_output(const char *dir)
{
	return out_is_empty(dir) || out_foreign(dir, NULL, NULL, 0) >= 0;
}

/* One build at a time per folder that holds outputs, and per project when it publishes: a lock
 * on the folder itself (on Linux no lock file to leave behind; base/platform.h), released when
 * the process ends, however it ends. The same folder (`same_as` holds it) is locked once.
 * 0 (*lock NULL when it was the same folder), or -1 after a message. */
static int lock_dir(const char *dir, const char *shown, const plat_lock *same_as, plat_lock **lock, diag_t *d)
{
	int rv = plat_lock_dir(dir, same_as, lock);
	if (rv < 0)
		diag(d, DIAG_ERROR, shown, 0, 0, "kan de map waarin de uitvoer komt niet %s (%s)",
		     rv == -1 ? "openen" : "vastzetten", strerror(errno));
	return rv < 0 ? -1 : 0;
}

/* Document dates: SOURCE_DATE_EPOCH when it is set and sane (reproducible builds), else the
 * reference date; never the clock. PDF and XLSX dates have four-digit years. */
static time_t doc_stamp(const model_t *m, diag_t *d)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde) {
		char *end;
		errno = 0;
		long long v = strtoll(sde, &end, 10);
		if (!errno && *end == '\0' && v >= 0 && v <= 253402300799LL)
			return (time_t)v;
		diag(d, DIAG_WARN, NULL, 0, 0,
		     "SOURCE_DATE_EPOCH is geen aantal seconden tussen 1970 en het jaar 9999; de peildatum wordt gebruikt");
	}
	return (time_t)m->peildatum * 86400;
}

/* With MEETLAT_TIJDEN set, the build prints how long each step took (for make bench; the
 * clock never reaches an output). */
static double seconds(void)
{
	return plat_seconds();
}

/* The renderers, side by side: the model is complete and only read from here on. Each job
 * has its own part of the output record and its own messages; the open data and the site run
 * one after the other on the main thread, the report and the workbook each on a thread of
 * their own (or on the main thread too, when no thread can be made). Afterwards their
 * messages and records are joined in a fixed order, the order in which they would have run one
 * by one (open data, report, workbook, site): the same messages in the same order, and as
 * then, nothing of what follows a renderer that failed. */
enum { JOB_OPENDATA, JOB_PDF, JOB_XLSX, JOB_SITE, JOBS };

typedef struct {
	const model_t *m;
	int (*render)(const model_t *, const render_ctx *);
	render_ctx rc;
	out_t part;
	diag_t d;
	int rv;
	double seconds;
} job_t;

static void job_run(void *arg)
{
	job_t *j = arg;
	double t = seconds();
	j->rv = j->render(j->m, &j->rc);
	j->seconds = seconds() - t;
}

/* the open data, then the site (its downloads page waits for the others: site_downloads) */
static void jobs_main(void *arg)
{
	job_t *jobs = arg;
	job_run(&jobs[JOB_OPENDATA]);
	job_run(&jobs[JOB_SITE]);
}

static int render_all(const model_t *m, render_ctx *rc, double t0, diag_t *d)
{
	static const char *const names[JOBS] = {"open data", "raadsrapportage (PDF)", "MT-rapportage (XLSX)", "website"};
	int (*const steps[JOBS])(const model_t *, const render_ctx *) = {opendata_render, pdf_render, xlsx_render,
	                                                                 site_render};
	job_t jobs[JOBS];
	double t[2];
	t[0] = seconds();
	date_tables(); /* before the threads: none of them fills it */
	for (int i = 0; i < JOBS; i++) {
		job_t *j = &jobs[i];
		j->m = m;
		j->render = steps[i];
		j->rc = *rc;
		diag_hold(&j->d, d);
		out_part(rc->out, &j->part, &j->d);
		j->rc.out = &j->part;
		j->rv = 0;
		j->seconds = 0;
	}
	/* MEETLAT_SERIEEL: all on the main thread, one after the other (the tests compare) */
	plat_thread *th[2] = {NULL, NULL};
	static const int on_thread[2] = {JOB_PDF, JOB_XLSX};
	const char *serial = getenv("MEETLAT_SERIEEL");
	for (int i = 0; i < 2 && !(serial && *serial); i++)
		if (plat_thread_start(&th[i], job_run, &jobs[on_thread[i]]) != 0)
			th[i] = NULL;
	jobs_main(jobs);
	for (int i = 0; i < 2; i++) {
		if (th[i])
			plat_thread_join(th[i]);
		else
			job_run(&jobs[on_thread[i]]);
	}
	int failed = 0;
	for (int i = 0; i < JOBS; i++) {
		if (!failed)
			diag_release(&jobs[i].d, d);
		else
			diag_drop(&jobs[i].d);
		out_join(rc->out, &jobs[i].part);
		failed |= jobs[i].rv != 0;
	}
	if (!failed)
		failed = site_downloads(m, rc) != 0;
	t[1] = seconds();
	if (getenv("MEETLAT_TIJDEN")) {
		fprintf(d->out, "meetlat: tijden: inlezen en rekenen %.3f s", t[0] - t0);
		for (int i = 0; i < JOBS; i++)
			fprintf(d->out, "; %s %.3f s", names[i], jobs[i].seconds);
		fprintf(d->out, "; alle uitvoer, naast elkaar %.3f s\n", t[1] - t[0]);
	}
	if (failed)
		return -1;
	return out_finish(rc->out);
}

/* A failed move of the new output: the reason ("testfout" when the tests asked for it), and on
 * Windows what to do about it. */
static void not_placed(const char *out, int faulty, int err, diag_t *d)
{
	const char *hint = faulty ? NULL : plat_busy_hint(err);
	diag(d, DIAG_ERROR, out, 0, 0, "kan de nieuwe uitvoer niet op zijn plaats zetten (%s)%s%s",
	     faulty ? "testfout" : strerror(err), hint ? "; " : "", hint ? hint : "");
}

/* Put the finished folder `tmp` in the place of `out`. Returns 0; -1 after a message, with
 * `tmp` still holding the new output (the caller discards it by its journal); -2 after a
 * message when both folders must stay as they are. */
static int swap_in(const char *tmp, const char *out, const char *index, diag_t *d)
{
	if (plat_lkind(out, NULL) == PLAT_NONE) {
		if (!fault("plaats") && plat_rename(tmp, out) == 0)
			return 0;
		not_placed(out, fault("plaats"), errno, d);
		return -1;
	}
	if (!replaceable(out, index, d))
		return -1;
	if (fault("vreemd")) {
		char *f = path_join(out, "vreemd.html");
		write_file(f, "niet van meetlat\n", 17);
		free(f);
	}
	/* (on Windows two moves, base/platform.h: "wissel" fails the first) */
	char *aside = NULL;
	int swapped = fault("wissel") ? -1 : plat_swap(tmp, out, &aside);
	if (swapped == -2) {
		diag(d, DIAG_ERROR, out, 0, 0,
		     "kan de nieuwe uitvoer niet op zijn plaats zetten (%s), en de vorige uitvoer niet terugzetten. De vorige "
		     "staat nu in %s, de nieuwe in %s. Er is niets verwijderd; de volgende build zet de vorige terug",
		     strerror(errno), aside, tmp);
		free(aside);
		return -2;
	}
	if (swapped != 0) {
		not_placed(out, fault("wissel"), errno, d);
		return -1;
	}
	/* `aside` (on Linux `tmp` itself) now holds the previous output; checked once more, since
	 * someone may have added a file between the check and the swap, and removed by its
	 * manifest, file by file */
	int err = 0, rv = 0;
	const char *new_at = out;
	if (out_is_empty(aside)) {
		plat_rmdir(aside);
	} else if (out_foreign(aside, index, NULL, 0) == 0) {
		if (out_remove(aside, 0, &err) != 0)
			diag(d, DIAG_WARN, aside, 0, 0, "de vorige uitvoer is niet helemaal opgeruimd%s%s; verwijder deze map zelf",
			     err ? ": " : "", err ? strerror(err) : "");
	} else if (!fault("terug") && plat_unswap(tmp, out, aside, &new_at) == 0) {
		diag(d, DIAG_ERROR, out, 0, 0, "er kwam tijdens het bouwen iets bij in deze map; er is niets vervangen");
		rv = -1;
	} else {
		/* where each one is now: on Linux the exchange failed as a whole; on Windows the new
		 * output may have left its place and not come back (plat_unswap says) */
		diag(d, DIAG_ERROR, out, 0, 0,
		     "er kwam tijdens het bouwen iets bij in deze map, en meetlat kan de vorige uitvoer niet terugzetten "
		     "(%s). De nieuwe uitvoer staat nu in %s; de vorige, met wat erbij kwam, staat in %s. Er is niets "
		     "verwijderd: zet zelf terug wat nodig is. Let op: een bestand dat in beide mappen gelijk is, is één "
		     "bestand onder twee namen. Wie het in de ene map verandert, verandert het ook in de andere; kopieer "
		     "het dan eerst",
		     fault("terug") ? "testfout" : strerror(errno), new_at, aside);
		/* the new output is complete: its journal goes, as after a swap that succeeds, so that
		 * no later build takes it for unfinished work once it is swapped aside in its turn */
		char *journal = path_join(new_at, OUT_JOURNAL);
		plat_unlink(journal);
		free(journal);
		rv = -2;
	}
	free(aside);
	return rv;
}

static const char *const peil_words[] = {"opdrachtregel", "instelling", "gegevens"};

/* How this build differs from the edition of its reference date, one message each, at the
 * edition's line where there is one. */
#define DIFF_SHOWN 12

static void figure_value(const ed_diff *v, int now, buf_t *b)
{
	char x[64];
	present_value(&v->k->def, now ? v->now : v->was, x);
	buf_puts(b, x);
	if (v->kind == DIFF_FIGURE && v->was_prov != v->now_prov)
		buf_puts(b, (now ? v->now_prov : v->was_prov) ? " (voorlopig)" : " (definitief)");
	else if (v->kind == DIFF_FIGURE && fabs(v->now - v->was) < 0.05)
		buf_printf(b, " uit %ld %s", now ? v->now_total : v->was_total,
		           (now ? v->now_total : v->was_total) == 1 ? "regel" : "regels");
}

static void say_differences(const model_t *m, const edition_t *e, diag_level lvl, diag_t *d)
{
	ed_diff *v;
	size_t n = edition_differences(m, e, &v);
	for (size_t i = 0; i < n && i < DIFF_SHOWN; i++) {
		const ed_diff *x = &v[i];
		buf_t b = {0};
		char p[48];
		switch (x->kind) {
		case DIFF_SOURCE:
			buf_printf(&b, "de export data/%s is veranderd sinds deze editie", x->name);
			break;
		case DIFF_DEFINITION:
			buf_printf(&b, "%s: %s is veranderd in het programma", x->k->def.naam, x->name);
			break;
		case DIFF_KPI_NEW:
			buf_printf(&b, "%s: nieuw, niet in deze editie", x->k->def.naam);
			break;
		case DIFF_KPI_GONE:
			buf_printf(&b, "%s: in deze editie, maar nu niet meer gemeten", x->name);
			break;
		case DIFF_STATUS:
			buf_printf(&b, "%s: de status was %s, nu %s", x->k->def.naam, x->was_word, x->now_word);
			break;
		case DIFF_FIGURE:
		case DIFF_FIGURE_NEW:
		case DIFF_FIGURE_GONE:
			present_period(x->k->def.per, x->key, p);
			buf_printf(&b, "%s, %s", x->k->def.naam, p);
			if (strcmp(x->group, "Totaal") != 0)
				buf_printf(&b, ", %s %s", x->k->def.groep ? x->k->def.groep : "groep", x->group);
			buf_puts(&b, ": ");
			if (x->kind != DIFF_FIGURE_NEW) {
				buf_puts(&b, "gepubliceerd ");
				figure_value(x, 0, &b);
			} else {
				buf_puts(&b, "niet gepubliceerd");
			}
			buf_puts(&b, ", nu ");
			if (x->kind != DIFF_FIGURE_GONE)
				figure_value(x, 1, &b);
			else
				buf_puts(&b, "geen cijfer");
			break;
		case DIFF_MILESTONE:
			if (!x->page)
				buf_printf(&b, "mijlpaal '%s': in deze editie (%s), nu niet meer", x->wat, x->was_word);
			else if (!x->was_word)
				buf_printf(&b, "mijlpaal '%s' (%s): nieuw, niet in deze editie", x->wat, x->page->titel);
			else
				buf_printf(&b, "mijlpaal '%s' (%s): was %s, nu %s", x->wat, x->page->titel, x->was_word,
				           x->now_word);
			break;
		}
		diag(d, lvl, e->file, x->line, 0, "%s", b.s);
		buf_free(&b);
	}
	if (n > DIFF_SHOWN)
		diag(d, lvl, e->file, 0, 0, "en nog %zu verschillen", n - DIFF_SHOWN);
	else if (n == 0)
		diag(d, lvl, e->file, 0, 0, "de cijfers zijn hetzelfde; alleen wat de editie verder vastlegt, is anders");
	free(v);
}

/* Editions published for a later reference date than this build's (a monthly report made
 * afterwards for a past month, say) are not part of this edition's history. */
static void drop_later_editions(model_t *m, diag_t *d)
{
	size_t keep = 0;
	for (size_t i = 0; i < m->neditions; i++) {
		if (m->editions[i].peildatum <= m->peildatum) {
			m->editions[keep++] = m->editions[i];
			continue;
		}
		char day[40];
		present_date(m->peildatum, day);
		diag(d, DIAG_NOTE, m->editions[i].file, 0, 0,
		     "deze editie ligt na de peildatum (%s); deze uitvoer vergelijkt niet met hem en noemt hem niet", day);
		edition_free(&m->editions[i]);
	}
	m->neditions = keep;
}

/* Keep this build's record as edities/<name>, never over another file (plat_move_new does not
 * replace). 0, or -1 after a message. */
static int keep_record(const char *dir, const char *name, const buf_t *record, diag_t *d)
{
	char *shown = path_join("edities", name), *path = path_join(dir, name);
	char *tmp = xasprintf("%s.tmp", path);
	int rv = 0;
	if (fault("editie")) {
		errno = EROFS;
		rv = -1;
	} else if ((plat_mkdir(dir) != 0 && errno != EEXIST) || write_file(tmp, record->s, record->len) != 0 ||
	           plat_move_new(tmp, path) != 0) {
		rv = -1;
	}
	if (rv != 0)
		diag(d, DIAG_ERROR, shown, 0, 0, "kan de editie niet bewaren (%s); er is niets gepubliceerd en de vorige "
		                               "uitvoer is niet veranderd",
		     strerror(errno));
	plat_unlink(tmp);
	free(tmp);
	free(path);
	free(shown);
	return rv;
}

/* What the renderers leave for freeing: the theme and the model. */
typedef struct {
	theme_t *theme;
	model_t *m;
	render_later *later; /* what the report left */
} leftovers;

static void free_leftovers(void *arg)
{
	leftovers *l = arg;
	if (l->later->fn)
		l->later->fn(l->later->arg);
	l->later->fn = NULL;
	theme_free(l->theme);
	model_free(l->m);
}

int build_run(const build_opts *o, diag_t *d)
{
	model_t *m = model_new();
	char *content = path_join(o->dir, "content");
	char *data = path_join(o->dir, "data");
	char *editions = path_join(o->dir, "edities");
	char *out = NULL;
	theme_t theme = {0};
	render_ctx rc = {0};
	render_later later = {0}; /* what the report leaves to free (free_leftovers) */
	rc.later = &later;
	out_t output = {0};
	out_prev *prev = NULL;
	char *tmpl = NULL, *record_name = NULL, *index = NULL;
	int status = 1, kept = 0;
	plat_lock *locks[2] = {NULL, NULL};
	early_t early = {0};
	plat_thread *freeing = NULL; /* free_leftovers, once the renderers are done */
	buf_t record = {0};
	double t0 = seconds();
	if (!o->check_only) {
		/* one build at a time writes this output, and with --publiceer this project's editions:
		 * everything from reading the editions to the swap happens under the lock */
		char *given = o->out ? xstrdup(o->out) : path_join(o->dir, "output");
		out = out_name(given, d);
		free(given);
		if (!out)
			goto failed;
		char *parent, *base;
		plat_split(out, &parent, &base);
		int locked = lock_dir(parent, out, NULL, &locks[0], d);
		free(parent);
		free(base);
		if (locked != 0)
			goto failed;
		if (o->publish && lock_dir(o->dir, editions, locks[0], &locks[1], d) != 0)
			goto failed;
		index = out_index_path(out);
		early_start(&early, out, index);
	}
	/* every phase runs, so one run lists every problem; diag counts them */
	content_load(m, content, "content", d);
	content_finish(m, "content", d);
	/* the theme before the data, so that its hyphenation patterns load on their thread while
	 * the exports are read (theme_ready); its messages keep their place after the data's */
	diag_t theme_msgs;
	diag_hold(&theme_msgs, d);
	char *installdir = plat_install_dir(MEETLAT_DATADIR);
	theme_load(&theme, o->dir, installdir, m->thema, m->conf_file, &theme_msgs);
	free(installdir);
	m->definities = md_parse(definities_md, strlen(definities_md));
	/* the technical part (formulas, file names) is for the site's sources page only */
	static const char *const tech[] = {"Technische toelichting"};
	int tech_line;
	md_take_sections(m->definities, tech, 1, &m->definities_tech, &tech_line);
	m->fingerprints = o->publish || edition_any(editions);
	data_load(m, data, "data", o->peildatum, d);
	diag_release(&theme_msgs, d);
	/* while the theme's hyphenation patterns load, messages go to the theme (theme_ready) */
	diag_t *held = theme_diag(&theme, d);
	theme_check_text(&theme, m, "content", held);
	/* the words people wrote for this edition, and the money per action */
	char *words = path_join(o->dir, "toelichtingen");
	explain_load(m, words, "toelichtingen", held);
	free(words);
	finance_load(m, data, "data", held);
	theme_ready(&theme, d);
	if (o->check_only && !diag_errors(d))
		explain_notices(m, "toelichtingen", d);
	if (o->check_only)
		b1_check(m, "content", d); /* plain language: notices only, its summary last */
	edition_load(m, editions, "edities", d);
	data_notes(m, "data", d);
	if (!diag_errors(d) && m->peildatum != DAY_NONE) {
		drop_later_editions(m, d);
		edition_compare(m);
		/* this build's record, and the edition already published for the same reference date:
		 * only when there are editions or this build publishes (the exports' fingerprints are
		 * made for them alone) */
		const edition_t *pub = m->fingerprints ? edition_of(m, m->peildatum) : NULL;
		char day[40], name[64];
		present_date(m->peildatum, day);
		if (m->fingerprints)
			edition_record(m, NULL, &record);
		if (pub && edition_same(pub, record.s, record.len)) {
			buf_reset(&record); /* published already: nothing to keep */
			if (o->publish)
				diag(d, DIAG_NOTE, pub->file, 0, 0, "deze editie is al gepubliceerd; het bestand blijft zoals het is");
		} else if (pub && o->publish && o->correct) {
			/* a correction: kept beside the edition it corrects */
			m->correction = pub->correction + 1;
			buf_reset(&record);
			edition_record(m, pub->name, &record);
			diag(d, DIAG_NOTE, pub->file, 0, 0,
			     "deze cijfers worden gepubliceerd als correctie %d van de editie met peildatum %s. Dit bestand blijft "
			     "bewaard; de website toont ze allebei. Dit is er veranderd:",
			     m->correction, day);
			say_differences(m, pub, DIAG_NOTE, d);
		} else if (pub && o->publish) {
			diag(d, DIAG_ERROR, pub->file, 0, 0,
			     "er is al een editie met peildatum %s, met andere cijfers (hieronder). Die blijft bewaard. Is dit een "
			     "correctie? Publiceer de cijfers dan als correctie: make correctie (of meetlat build --publiceer "
			     "--correctie). De correctie komt naast de editie, en de website toont ze allebei",
			     day);
			say_differences(m, pub, DIAG_WARN, d);
		} else if (pub) {
			diag(d, DIAG_WARN, pub->file, 0, 0,
			     "deze uitvoer verschilt van de editie die is gepubliceerd met peildatum %s (hieronder). Wat toen is "
			     "gepubliceerd, blijft in dat bestand. Is dit een correctie? Publiceer hem dan met make correctie (of "
			     "meetlat build --publiceer --correctie)",
			     day);
			say_differences(m, pub, DIAG_WARN, d);
		} else if (o->correct) {
			diag(d, DIAG_NOTE, NULL, 0, 0, "er is nog geen editie met peildatum %s; deze wordt gepubliceerd als de editie "
			                              "zelf, niet als correctie",
			     day);
		}
		edition_name(m->peildatum, m->correction, name);
		record_name = xstrdup(name);
		if (o->publish && record.len) {
			m->record = xmalloc(record.len);
			memcpy(m->record, record.s, record.len);
			m->record_len = record.len;
			m->record_name = xstrdup(record_name);
		}
	}
	if (diag_errors(d)) {
		fprintf(d->out, "meetlat: %d %s gevonden; %s\n", diag_errors(d),
		        diag_errors(d) == 1 ? "fout" : "fouten",
		        o->check_only ? "los ze op en probeer het opnieuw"
		                      : "er is niets gemaakt en de vorige uitvoer is niet veranderd");
		goto done;
	}
	char day[40];
	present_date(m->peildatum, day);
	if (o->check_only) {
		fprintf(d->out, "meetlat: geen fouten gevonden (peildatum %s, uit %s)\n", day,
		        peil_words[m->peildatum_bron]);
		status = 0;
		goto done;
	}
	rc.themedir = theme.dir;
	rc.layout = theme.layout;
	rc.assets = theme.assets;
	rc.nassets = theme.nassets;
	for (int i = 0; i < THEME_FONTS; i++)
		rc.fonts[i] = theme.font[i];
	rc.icc = theme.icc;
	rc.hyph = theme.hyph;
	rc.logo = theme.logo;
	rc.logo_len = theme.logo_len;
	rc.logo_w = theme.logo_w;
	rc.logo_h = theme.logo_h;
	rc.stamp = doc_stamp(m, d);
	char period[32];
	period_code(PER_KWARTAAL, m->mt_quarter, period);
	rc.pdf_name = xasprintf("raadsrapportage-%d.pdf", m->report_year);
	rc.xlsx_name = xasprintf("mt-rapportage-%s.xlsx", period);

	/* a build that died between the two moves of a swap on Windows left the old output aside */
	int recovered = plat_swap_recover(out, previous_output);
	if (recovered)
		diag(d, DIAG_NOTE, out, 0, 0, "een eerdere build is tijdens het vervangen afgebroken; de vorige uitvoer is teruggezet");
	clean_stale(out, d);
	early_wait(&early);
	int fresh = !recovered && plat_lkind(out, NULL) == early.s.kind;
	if (!fresh) {
		early_drop(&early);
		survey(out, index, &early.s);
	}
	int ok = early.s.kind == PLAT_NONE || verdict(out, &early.s, d);
	early.s.n = 0; /* its names are freed */
	if (!ok)
		goto failed;
	char *prefix = xasprintf("%s.tmp-", out);
	tmpl = plat_mkdtemp(prefix);
	free(prefix);
	if (!tmpl) {
		diag(d, DIAG_ERROR, out, 0, 0, "kan geen tijdelijke map naast de uitvoer maken (%s)", strerror(errno));
		goto failed;
	}
	/* the tables every renderer shows, made once while the model may still change */
	kt_tables(m);
	/* what reading needed and freed (parts of exports, content files, on other threads' heaps)
	 * goes back before the renderers take theirs */
	plat_release_memory();
	output.dir = tmpl;
	/* only meetlat's own folder comes this far */
	output.prev = prev = fresh ? early.prev : out_prev_read(out, index);
	early.prev = NULL;
	output.shown = out;
	output.d = d;
	rc.out = &output;
	if (out_begin(&output) != 0) {
		diag(d, DIAG_ERROR, out, 0, 0, "kan niet bijhouden wat meetlat maakt (%s)", strerror(errno));
		plat_rmdir(tmpl);
		goto failed;
	}
	int swapped = -1, rendered = render_all(m, &rc, t0, d) == 0;
	/* the renderers are done with the theme and the model: freeing them (some 20 M
	 * instructions of small frees) goes on while the output is swapped in */
	int has_record = m->record != NULL, correction = m->correction, voorbeeld = m->voorbeelddata;
	int bron = m->peildatum_bron;
	leftovers rest = {&theme, m, &later};
	if (plat_thread_start(&freeing, free_leftovers, &rest) != 0)
		freeing = NULL;
	out_end(&output);
	if (rendered && has_record)
		kept = keep_record(editions, record_name, &record, d) == 0;
	if (rendered && (kept || !has_record)) {
		out_prev_index(prev, index);
		swapped = swap_in(tmpl, out, index, d);
	}
	if (swapped != 0) {
		if (kept) {
			char *path = path_join(editions, record_name);
			plat_unlink(path); /* nothing was published after all */
			free(path);
			kept = 0;
		}
		if (swapped == -2)
			goto done; /* both folders stay as they are; the message said where */
		int left = 0;
		out_discard(tmpl, &left);
		if (left)
			diag(d, DIAG_NOTE, tmpl, 0, 0, "deze tijdelijke map bleef staan; de volgende build ruimt hem op");
		goto failed;
	}
	/* the journal went along with the swap; the output is complete without it */
	char *journal = path_join(out, OUT_JOURNAL);
	plat_unlink(journal);
	free(journal);
	/* what the system says of each new file, so that the next build need not read them again */
	out_index_write(&output, out, index);
	fprintf(d->out, "meetlat: klaar; %s (peildatum %s, uit %s)%s\n", out, day, peil_words[bron],
	        voorbeeld ? "; let op: dit zijn voorbeeldgegevens" : "");
	if (kept)
		fprintf(d->out, "meetlat: %s bewaard in edities/%s; bewaar de map edities/ bij content/ en data/\n",
		        correction ? "correctie" : "editie", record_name);
	status = 0;
	goto done;
failed:
	fprintf(d->out, "meetlat: het maken van de uitvoer is mislukt; de vorige uitvoer is niet veranderd\n");
done:
	early_drop(&early);
	buf_free(&record);
	free(record_name);
	free(editions);
	for (int i = 0; i < 2; i++)
		plat_unlock(locks[i]);
	out_free(&output);
	out_prev_free(prev);
	free(tmpl);
	free(index);
	free(rc.pdf_name);
	free(rc.xlsx_name);
	if (freeing) {
		plat_thread_join(freeing);
	} else {
		leftovers now = {&theme, m, &later};
		free_leftovers(&now);
	}
	free(content);
	free(data);
	free(out);
	return status;
}
