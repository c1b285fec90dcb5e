/* build.c - see build.h. */
#include "build.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
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

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

/* Only for a temporary folder this run made (or an unfinished one of an earlier run). */
static int rm_tree(const char *path)
{
	return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static int is_dir(const char *p)
{
	struct stat st;
	return lstat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_empty_dir(const char *p)
{
	DIR *dh = opendir(p);
	if (!dh)
		return 0;
	int empty = 1;
	struct dirent *de;
	while ((de = readdir(dh)))
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			empty = 0;
	closedir(dh);
	return empty;
}

/* An existing output folder may be replaced only when it is empty or every entry in it is a
 * file meetlat's manifest lists, unchanged: copying the output onto a share and building
 * into that share later must never delete another department's pages. */
static int replaceable(const char *out, diag_t *d)
{
	if (is_empty_dir(out))
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

/* Temporary folders of a build that was killed: "<out>.tmp-*" beside the output. One that is
 * still marked unfinished, or that holds a complete output its manifest proves, is removed;
 * anything else is only mentioned. Runs while this build holds the lock, so no other build
 * for the same folder is busy with them. */
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
		char *mark = path_join(p, UNFINISHED);
		if (!is_dir(p)) {
			/* not a folder: not ours */
		} else if (access(mark, F_OK) == 0) {
			rm_tree(p);
		} else if (out_foreign(p, NULL, 0) == 0) {
			out_remove(p);
		} else {
			diag(d, DIAG_NOTE, p, 0, 0, "lijkt een tijdelijke map van een afgebroken build, maar meetlat kan niet "
			                            "nagaan dat alles erin van hem is; verwijder hem zelf als hij weg mag");
		}
		free(mark);
		free(p);
	}
	if (dh)
		closedir(dh);
	free(prefix);
	free(copy1);
	free(copy2);
}

/* One build at a time per folder that holds outputs: a lock on that folder itself (no lock
 * file to leave behind), released when the process ends, however it ends. */
static int lock_parent(const char *out, diag_t *d)
{
	char *copy = xstrdup(out);
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		diag(d, DIAG_ERROR, out, 0, 0, "kan de map waarin de uitvoer komt niet openen (%s)", strerror(errno));
	} else if (flock(fd, LOCK_EX) != 0) {
		diag(d, DIAG_ERROR, out, 0, 0, "kan de map waarin de uitvoer komt niet vastzetten (%s)", strerror(errno));
		close(fd);
		fd = -1;
	}
	free(copy);
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

/* Put the finished folder `tmp` in the place of `out`; 0, or -1 after a message. */
static int swap_in(const char *tmp, const char *out, diag_t *d)
{
	struct stat st;
	if (lstat(out, &st) == 0 && !S_ISDIR(st.st_mode)) {
		diag(d, DIAG_ERROR, out, 0, 0, "bestaat al en is geen map; meetlat vervangt het niet");
		return -1;
	}
	if (!is_dir(out)) {
		if (rename(tmp, out) == 0)
			return 0;
		diag(d, DIAG_ERROR, out, 0, 0, "kan de nieuwe uitvoer niet op zijn plaats zetten (%s)", strerror(errno));
		return -1;
	}
	if (!replaceable(out, d))
		return -1;
	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, out, RENAME_EXCHANGE) != 0) {
		diag(d, DIAG_ERROR, out, 0, 0, "kan de nieuwe uitvoer niet op zijn plaats zetten (%s)", strerror(errno));
		return -1;
	}
	/* `tmp` now holds the previous output; checked once more, since someone may have added a
	 * file between the check and the swap, and removed by its manifest, file by file */
	if (out_foreign(tmp, NULL, 0) != 0) {
		renameat2(AT_FDCWD, tmp, AT_FDCWD, out, RENAME_EXCHANGE);
		diag(d, DIAG_ERROR, out, 0, 0, "er kwam tijdens het bouwen iets bij in deze map; er is niets vervangen");
		return -1;
	}
	if (out_remove(tmp) != 0)
		diag(d, DIAG_WARN, tmp, 0, 0, "de vorige uitvoer is niet helemaal opgeruimd; verwijder deze map zelf");
	return 0;
}

static const char *const peil_words[] = {"opdrachtregel", "instelling", "gegevens"};

int build_run(const build_opts *o, diag_t *d)
{
	model_t *m = model_new();
	char *content = path_join(o->dir, "content");
	char *data = path_join(o->dir, "data");
	char *out = o->out ? xstrdup(o->out) : path_join(o->dir, "output");
	size_t ol = strlen(out);
	while (ol > 1 && out[ol - 1] == '/')
		out[--ol] = '\0';
	theme_t theme = {0};
	render_ctx rc = {0};
	out_t output = {0};
	char *tmpl = NULL;
	int status = 1, lock = -1;
	double t0 = seconds();
	/* every phase runs, so one run lists every problem; diag counts them */
	content_load(m, content, "content", d);
	content_finish(m, "content", d);
	m->definities = md_parse(definities_md, strlen(definities_md));
	data_load(m, data, "data", o->peildatum, d);
	theme_load(&theme, o->dir, MEETLAT_DATADIR, m->thema, m->conf_file, d);
	char *editions = path_join(o->dir, "edities");
	edition_load(m, editions, "edities", d);
	buf_t record = {0};
	char *record_name = NULL;
	if (!diag_errors(d) && m->peildatum != DAY_NONE) {
		edition_compare(m);
		if (o->publish) {
			/* this build's record; one for the same reference date stays as it is */
			edition_record(m, &record);
			int y, mo, dd;
			day_to_ymd(m->peildatum, &y, &mo, &dd);
			record_name = xasprintf("editie-%04d-%02d-%02d.csv", y, mo, dd);
			for (size_t i = 0; i < m->neditions; i++) {
				const edition_t *e = &m->editions[i];
				if (e->peildatum != m->peildatum)
					continue;
				if (e->len == record.len && !memcmp(e->bytes, record.s, record.len)) {
					buf_reset(&record); /* published already, exactly so */
					diag(d, DIAG_NOTE, e->file, 0, 0, "deze editie is al gepubliceerd; het bestand blijft zoals het is");
				} else {
					char day[40];
					present_date(m->peildatum, day);
					diag(d, DIAG_ERROR, e->file, 0, 0,
					     "er is al een editie met peildatum %s, met andere cijfers. Die blijft bewaard. Moet deze "
					     "editie hem vervangen? Haal het bestand dan eerst uit de map",
					     day);
				}
			}
			if (record.len) {
				m->record = xmalloc(record.len);
				memcpy(m->record, record.s, record.len);
				m->record_len = record.len;
				m->record_name = xstrdup(record_name);
			}
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
	for (int i = 0; i < THEME_FONTS; i++)
		rc.fonts[i] = theme.font[i];
	rc.icc = theme.icc;
	rc.stamp = doc_stamp(m, d);
	char period[32];
	period_code(PER_KWARTAAL, m->mt_quarter, period);
	rc.pdf_name = xasprintf("raadsrapportage-%d.pdf", m->report_year);
	rc.xlsx_name = xasprintf("mt-rapportage-%s.xlsx", period);

	if ((lock = lock_parent(out, d)) < 0)
		goto failed;
	clean_stale(out, d);
	if (is_dir(out) && !replaceable(out, d))
		goto failed;
	tmpl = xasprintf("%s.tmp-XXXXXX", out);
	if (!mkdtemp(tmpl)) {
		diag(d, DIAG_ERROR, out, 0, 0, "kan geen tijdelijke map naast de uitvoer maken (%s)", strerror(errno));
		free(tmpl);
		tmpl = NULL;
		goto failed;
	}
	chmod(tmpl, 0755);
	char *mark = path_join(tmpl, UNFINISHED);
	int marked = write_file(mark, "meetlat\n", 8);
	output.dir = tmpl;
	output.shown = out;
	output.d = d;
	rc.out = &output;
	if (marked != 0 || render_all(m, &rc, t0, d) != 0 || unlink(mark) != 0 || swap_in(tmpl, out, d) != 0) {
		free(mark);
		rm_tree(tmpl);
		goto failed;
	}
	free(mark);
	fprintf(d->out, "meetlat: klaar; %s (peildatum %s, uit %s)%s\n", out, day, peil_words[m->peildatum_bron],
	        m->voorbeelddata ? "; let op: dit zijn voorbeeldgegevens" : "");
	status = 0;
	if (record.len) {
		/* the record is written only now, with the output in place, and never over another */
		char *shown = path_join("edities", record_name), *path = path_join(editions, record_name);
		char *tmp = xasprintf("%s.tmp", path);
		/* link() never replaces a file: a record that appeared meanwhile stays as it is */
		if ((mkdir(editions, 0755) != 0 && errno != EEXIST) || write_file(tmp, record.s, record.len) != 0 ||
		    link(tmp, path) != 0) {
			diag(d, DIAG_ERROR, shown, 0, 0, "kan de editie niet bewaren (%s). De uitvoer is wel gemaakt", strerror(errno));
			unlink(tmp);
			status = 1;
		} else {
			unlink(tmp);
			fprintf(d->out, "meetlat: editie bewaard in %s; bewaar de map edities/ bij content/ en data/\n", shown);
		}
		free(tmp);
		free(path);
		free(shown);
	}
	goto done;
failed:
	fprintf(d->out, "meetlat: het maken van de uitvoer is mislukt; de vorige uitvoer is niet veranderd\n");
done:
	buf_free(&record);
	free(record_name);
	free(editions);
	if (lock >= 0)
		close(lock);
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
