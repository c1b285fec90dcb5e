/* build.c - see build.h. */
#include "build.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/util.h"
#include "load/content.h"
#include "load/data.h"
#include "load/theme.h"
#include "model/b1.h"
#include "model/markdown.h"
#include "model/model.h"
#include "model/present.h"
#include "load/edition.h"
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
 * MEETLAT_FOUT names the steps to fail, so that paths a real disk rarely takes are tested. */
#ifdef MEETLAT_FAULTS
static int fault(const char *point)
{
	const char *f = getenv("MEETLAT_FOUT");
	return f && strstr(f, point) != NULL;
}
#else
static int fault(const char *point)
{
	(void)point;
	return 0;
}
#endif

static int is_dir(const char *p)
{
	struct stat st;
	return lstat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The output folder as given, without trailing slashes; a "." or ".." at its end is resolved,
 * so that the temporary folder beside it ("<output>.tmp-...") really lies beside it and not in
 * it. NULL after a message. */
static char *out_name(const char *given, diag_t *d)
{
	char *out = xstrdup(given);
	size_t l = strlen(out);
	while (l > 1 && out[l - 1] == '/')
		out[--l] = '\0';
	const char *base = strrchr(out, '/') ? strrchr(out, '/') + 1 : out;
	if (!strcmp(base, ".") || !strcmp(base, "..")) {
		char *real = realpath(out, NULL);
		if (!real) {
			diag(d, DIAG_ERROR, given, 0, 0, "kan deze uitvoermap niet vinden (%s)", strerror(errno));
			free(out);
			return NULL;
		}
		free(out);
		out = xstrdup(real);
		free(real);
	}
	if (!strcmp(out, "/")) {
		diag(d, DIAG_ERROR, given, 0, 0, "de hoofdmap van de schijf kan geen uitvoermap zijn; kies met -o een eigen map");
		free(out);
		return NULL;
	}
	return out;
}

/* An existing output folder may be replaced only when it is empty or every entry in it is a
 * file meetlat's manifest lists, unchanged: copying the output onto a share and building
 * into that share later must never delete another department's pages. */
static int replaceable(const char *out, diag_t *d)
{
	struct stat st;
	if (lstat(out, &st) == 0 && !S_ISDIR(st.st_mode)) {
		diag(d, DIAG_ERROR, out, 0, 0, "bestaat al en is geen map (maar %s); meetlat vervangt het niet",
		     S_ISLNK(st.st_mode) ? "een link naar een andere plek" : "een bestand");
		return 0;
	}
	if (out_is_empty(out))
		return 1;
	char *names[FOREIGN_SHOWN];
	int n = out_foreign(out, names, FOREIGN_SHOWN);
	if (n == 0)
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
		buf_printf(&b, "%s%s", i ? ", " : "", names[i]);
		free(names[i]);
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

/* Temporary folders beside the output, "<out>.tmp-*", of a build that was killed. Only what is
 * provably meetlat's unfinished work is removed, entry by entry: what a build's journal lists,
 * or the files of a previous output that was being removed by its manifest; and an empty
 * folder. Anything else is only mentioned (a copy someone named "output.tmp-backup" stays).
 * Runs while this build holds the lock, so no other build for the same folder is busy with
 * them. */
static void clean_stale(const char *out, diag_t *d)
{
	char *copy1 = xstrdup(out), *copy2 = xstrdup(out);
	const char *parent = dirname(copy1), *base = basename(copy2);
	char *prefix = xasprintf("%s.tmp-", base);
	DIR *dh = opendir(parent);
	struct dirent *de;
	while (dh && (de = readdir(dh))) {
		if (strncmp(de->d_name, prefix, strlen(prefix)) != 0)
			continue;
		char *p = path_join(parent, de->d_name);
		char *leaving = path_join(p, OUT_LEAVING);
		int left = 1, err = 0;
		long n;
		struct stat st;
		if (!is_dir(p)) {
			/* not a folder: not ours */
		} else if (out_is_empty(p)) {
			left = rmdir(p) != 0;
		} else if ((n = out_discard(p, &left)) >= 0) {
			diag(d, DIAG_NOTE, p, 0, 0, "tijdelijke map van een afgebroken build opgeruimd (%ld %s)%s", n,
			     n == 1 ? "bestand" : "bestanden", left ? "; er staat nog iets in dat meetlat niet heeft gemaakt" : "");
		} else if (lstat(leaving, &st) == 0 && S_ISREG(st.st_mode) && out_remove(p, 1, &err) == 0) {
			left = 0;
			diag(d, DIAG_NOTE, p, 0, 0, "de vorige uitvoer, die een afgebroken build aan het opruimen was, is nu opgeruimd");
		}
		if (left && is_dir(p))
			diag(d, DIAG_NOTE, p, 0, 0, "lijkt een tijdelijke map van een afgebroken build, maar meetlat kan niet "
			                            "nagaan dat alles erin van hem is; verwijder hem zelf als hij weg mag");
		free(leaving);
		free(p);
	}
	if (dh)
		closedir(dh);
	free(prefix);
	free(copy1);
	free(copy2);
}

/* One build at a time per folder that holds outputs, and per project when it publishes: a lock
 * on the folder itself (no lock file to leave behind), released when the process ends, however
 * it ends. The same folder is locked once. */
static int lock_dir(const char *dir, const char *shown, const struct stat *same_as, diag_t *d)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	struct stat st;
	if (fd < 0) {
		diag(d, DIAG_ERROR, shown, 0, 0, "kan de map waarin de uitvoer komt niet openen (%s)", strerror(errno));
		return -1;
	}
	if (same_as && fstat(fd, &st) == 0 && st.st_dev == same_as->st_dev && st.st_ino == same_as->st_ino) {
		close(fd);
		return -2; /* locked already */
	}
	if (flock(fd, LOCK_EX) != 0) {
		diag(d, DIAG_ERROR, shown, 0, 0, "kan de map waarin de uitvoer komt niet vastzetten (%s)", strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
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
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int render_all(const model_t *m, render_ctx *rc, double t0, diag_t *d)
{
	static const char *const names[] = {"open data", "raadsrapportage (PDF)", "MT-rapportage (XLSX)", "website"};
	int (*const steps[])(const model_t *, const render_ctx *) = {opendata_render, pdf_render, xlsx_render,
	                                                              site_render};
	double t[5];
	t[0] = seconds();
	for (int i = 0; i < 4; i++) {
		if (steps[i](m, rc) != 0)
			return -1;
		t[i + 1] = seconds();
	}
	if (getenv("MEETLAT_TIJDEN")) {
		fprintf(d->out, "meetlat: tijden: inlezen en rekenen %.3f s", t[0] - t0);
		for (int i = 0; i < 4; i++)
			fprintf(d->out, "; %s %.3f s", names[i], t[i + 1] - t[i]);
		fprintf(d->out, "\n");
	}
	return out_finish(rc->out);
}

/* Put the finished folder `tmp` in the place of `out`. Returns 0; -1 after a message, with
 * `tmp` still holding the new output (the caller discards it by its journal); -2 after a
 * message when both folders must stay as they are. */
static int swap_in(const char *tmp, const char *out, diag_t *d)
{
	struct stat st;
	if (lstat(out, &st) != 0) {
		if (!fault("plaats") && rename(tmp, out) == 0)
			return 0;
		diag(d, DIAG_ERROR, out, 0, 0, "kan de nieuwe uitvoer niet op zijn plaats zetten (%s)",
		     fault("plaats") ? "testfout" : strerror(errno));
		return -1;
	}
	if (!replaceable(out, d))
		return -1;
	if (fault("vreemd")) {
		char *f = path_join(out, "vreemd.html");
		write_file(f, "niet van meetlat\n", 17);
		free(f);
	}
	if (fault("wissel") || renameat2(AT_FDCWD, tmp, AT_FDCWD, out, RENAME_EXCHANGE) != 0) {
		diag(d, DIAG_ERROR, out, 0, 0, "kan de nieuwe uitvoer niet op zijn plaats zetten (%s)",
		     fault("wissel") ? "testfout" : strerror(errno));
		return -1;
	}
	/* `tmp` now holds the previous output; checked once more, since someone may have added a
	 * file between the check and the swap, and removed by its manifest, file by file */
	int err = 0;
	if (out_is_empty(tmp)) {
		rmdir(tmp);
	} else if (out_foreign(tmp, NULL, 0) == 0) {
		if (out_remove(tmp, 0, &err) != 0)
			diag(d, DIAG_WARN, tmp, 0, 0, "de vorige uitvoer is niet helemaal opgeruimd%s%s; verwijder deze map zelf",
			     err ? ": " : "", err ? strerror(err) : "");
	} else if (!fault("terug") && renameat2(AT_FDCWD, tmp, AT_FDCWD, out, RENAME_EXCHANGE) == 0) {
		diag(d, DIAG_ERROR, out, 0, 0, "er kwam tijdens het bouwen iets bij in deze map; er is niets vervangen");
		return -1;
	} else {
		diag(d, DIAG_ERROR, out, 0, 0,
		     "er kwam tijdens het bouwen iets bij in deze map, en meetlat kan de vorige uitvoer niet terugzetten "
		     "(%s). De nieuwe uitvoer staat nu in %s; de vorige, met wat erbij kwam, staat in %s. Er is niets "
		     "verwijderd: zet zelf terug wat nodig is",
		     fault("terug") ? "testfout" : strerror(errno), out, tmp);
		return -2;
	}
	return 0;
}

static const char *const peil_words[] = {"opdrachtregel", "instelling", "gegevens"};

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

/* Keep this build's record as edities/<name>, never over another file (link() does not
 * replace). 0, or -1 after a message. */
static int keep_record(const char *dir, const char *name, const buf_t *record, diag_t *d)
{
	char *shown = path_join("edities", name), *path = path_join(dir, name);
	char *tmp = xasprintf("%s.tmp", path);
	int rv = 0;
	if (fault("editie")) {
		errno = EROFS;
		rv = -1;
	} else if ((mkdir(dir, 0755) != 0 && errno != EEXIST) || write_file(tmp, record->s, record->len) != 0 ||
	           link(tmp, path) != 0) {
		rv = -1;
	}
	if (rv != 0)
		diag(d, DIAG_ERROR, shown, 0, 0, "kan de editie niet bewaren (%s); er is niets gepubliceerd en de vorige "
		                               "uitvoer is niet veranderd",
		     strerror(errno));
	unlink(tmp);
	free(tmp);
	free(path);
	free(shown);
	return rv;
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
	out_t output = {0};
	char *tmpl = NULL, *record_name = NULL;
	int status = 1, locks[2] = {-1, -1}, kept = 0;
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
		char *copy = xstrdup(out);
		struct stat first;
		locks[0] = lock_dir(dirname(copy), out, NULL, d);
		free(copy);
		if (locks[0] < 0 || fstat(locks[0], &first) != 0)
			goto failed;
		if (o->publish && (locks[1] = lock_dir(o->dir, editions, &first, d)) == -1)
			goto failed;
	}
	/* every phase runs, so one run lists every problem; diag counts them */
	content_load(m, content, "content", d);
	content_finish(m, "content", d);
	if (o->check_only)
		b1_check(m, "content", d); /* plain language: notices only */
	m->definities = md_parse(definities_md, strlen(definities_md));
	/* the technical part (formulas, file names) is for the site's sources page only */
	static const char *const tech[] = {"Technische toelichting"};
	int tech_line;
	md_take_sections(m->definities, tech, 1, &m->definities_tech, &tech_line);
	data_load(m, data, "data", o->peildatum, d);
	theme_load(&theme, o->dir, MEETLAT_DATADIR, m->thema, m->conf_file, d);
	theme_check_text(&theme, m, "content", d);
	edition_load(m, editions, "edities", d);
	if (!diag_errors(d) && m->peildatum != DAY_NONE) {
		drop_later_editions(m, d);
		edition_compare(m);
		/* this build's record, and an edition already kept for the same reference date */
		edition_record(m, &record);
		int y, mo, dd;
		day_to_ymd(m->peildatum, &y, &mo, &dd);
		record_name = xasprintf("editie-%04d-%02d-%02d.csv", y, mo, dd);
		for (size_t i = 0; i < m->neditions; i++) {
			const edition_t *e = &m->editions[i];
			char day[40];
			present_date(m->peildatum, day);
			if (e->peildatum != m->peildatum) {
				continue;
			} else if (edition_same(e->bytes, e->len, record.s, record.len)) {
				buf_reset(&record); /* published already, exactly so */
				if (o->publish)
					diag(d, DIAG_NOTE, e->file, 0, 0, "deze editie is al gepubliceerd; het bestand blijft zoals het is");
			} else if (o->publish) {
				diag(d, DIAG_ERROR, e->file, 0, 0,
				     "er is al een editie met peildatum %s, met andere cijfers. Die blijft bewaard. Moet deze "
				     "editie hem vervangen? Haal het bestand dan eerst uit de map",
				     day);
			} else {
				diag(d, DIAG_WARN, e->file, 0, 0,
				     "deze cijfers verschillen van de editie die is gepubliceerd met peildatum %s. Wat er toen is "
				     "gepubliceerd, staat in dat bestand; deze uitvoer is een nieuwe versie",
				     day);
			}
		}
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
	rc.stamp = doc_stamp(m, d);
	char period[32];
	period_code(PER_KWARTAAL, m->mt_quarter, period);
	rc.pdf_name = xasprintf("raadsrapportage-%d.pdf", m->report_year);
	rc.xlsx_name = xasprintf("mt-rapportage-%s.xlsx", period);

	clean_stale(out, d);
	struct stat st;
	if (lstat(out, &st) == 0 && !replaceable(out, d))
		goto failed;
	tmpl = xasprintf("%s.tmp-XXXXXX", out);
	if (!mkdtemp(tmpl)) {
		diag(d, DIAG_ERROR, out, 0, 0, "kan geen tijdelijke map naast de uitvoer maken (%s)", strerror(errno));
		free(tmpl);
		tmpl = NULL;
		goto failed;
	}
	chmod(tmpl, 0755);
	output.dir = tmpl;
	output.shown = out;
	output.d = d;
	rc.out = &output;
	if (out_begin(&output) != 0) {
		diag(d, DIAG_ERROR, out, 0, 0, "kan niet bijhouden wat meetlat maakt (%s)", strerror(errno));
		rmdir(tmpl);
		goto failed;
	}
	int swapped = -1, rendered = render_all(m, &rc, t0, d) == 0;
	out_end(&output);
	if (rendered && m->record)
		kept = keep_record(editions, record_name, &record, d) == 0;
	if (rendered && (kept || !m->record))
		swapped = swap_in(tmpl, out, d);
	if (swapped != 0) {
		if (kept) {
			char *path = path_join(editions, record_name);
			unlink(path); /* nothing was published after all */
			free(path);
			kept = 0;
		}
		if (swapped == -2) {
			/* both folders stay as they are (the message said where): the new output, now in
			 * place, is complete and must not look like unfinished work to a later build */
			char *journal = path_join(out, OUT_JOURNAL);
			unlink(journal);
			free(journal);
			goto done;
		}
		int left = 0;
		out_discard(tmpl, &left);
		if (left)
			diag(d, DIAG_NOTE, tmpl, 0, 0, "deze tijdelijke map bleef staan; de volgende build ruimt hem op");
		goto failed;
	}
	/* the journal went along with the swap; the output is complete without it */
	char *journal = path_join(out, OUT_JOURNAL);
	unlink(journal);
	free(journal);
	fprintf(d->out, "meetlat: klaar; %s (peildatum %s, uit %s)%s\n", out, day, peil_words[m->peildatum_bron],
	        m->voorbeelddata ? "; let op: dit zijn voorbeeldgegevens" : "");
	if (kept)
		fprintf(d->out, "meetlat: editie bewaard in edities/%s; bewaar de map edities/ bij content/ en data/\n",
		        record_name);
	status = 0;
	goto done;
failed:
	fprintf(d->out, "meetlat: het maken van de uitvoer is mislukt; de vorige uitvoer is niet veranderd\n");
done:
	buf_free(&record);
	free(record_name);
	free(editions);
	for (int i = 0; i < 2; i++)
		if (locks[i] >= 0)
			close(locks[i]);
	out_free(&output);
	free(tmpl);
	free(rc.pdf_name);
	free(rc.xlsx_name);
	theme_free(&theme);
	free(content);
	free(data);
	free(out);
	model_free(m);
	return status;
}
