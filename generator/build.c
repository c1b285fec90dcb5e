/* build.c - see build.h. */
#include "build.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/util.h"
#include "load/content.h"
#include "load/data.h"
#include "load/theme.h"
#include "model/markdown.h"
#include "model/model.h"
#include "model/present.h"
#include "render/render.h"

/* docs/definities.md, compiled in (Makefile) */
extern const char definities_md[];

#ifndef MEETLAT_DATADIR
#define MEETLAT_DATADIR "/usr/local/share/meetlat"
#endif

#define MARKER ".meetlat"

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

static int rm_tree(const char *path)
{
	return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static int is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* An existing output folder may only be replaced when meetlat made it or it is empty:
 * "-o ~" must never wipe a home folder. */
static int replaceable(const char *out)
{
	char *marker = path_join(out, MARKER);
	int ok = access(marker, F_OK) == 0;
	free(marker);
	if (ok)
		return 1;
	DIR *dh = opendir(out);
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

static time_t doc_stamp(const model_t *m, diag_t *d)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	if (sde && *sde) {
		char *end;
		errno = 0;
		long long v = strtoll(sde, &end, 10);
		if (!errno && *end == '\0' && v >= 0)
			return (time_t)v;
		diag(d, DIAG_WARN, NULL, 0, 0, "SOURCE_DATE_EPOCH is geen geheel getal; de peildatum wordt gebruikt");
	}
	return (time_t)m->peildatum * 86400;
}

static int render_all(const model_t *m, render_ctx *rc)
{
	if (opendata_render(m, rc) != 0 || pdf_render(m, rc) != 0 || xlsx_render(m, rc) != 0 ||
	    site_render(m, rc) != 0)
		return -1;
	char *marker = path_join(rc->out->dir, MARKER);
	int rv = write_file(marker, "meetlat\n", 8);
	free(marker);
	return rv;
}

static const char *const peil_words[] = {"opdrachtregel", "instelling", "gegevens"};

int build_run(const build_opts *o, diag_t *d)
{
	model_t *m = model_new();
	char *content = path_join(o->dir, "content");
	char *data = path_join(o->dir, "data");
	char *out = o->out ? xstrdup(o->out) : path_join(o->dir, "output");
	theme_t theme = {0};
	render_ctx rc = {0};
	out_t output = {0};
	char *tmpl = NULL;
	int status = 1;
	/* every phase runs, so one run lists every problem; diag counts them */
	content_load(m, content, "content", d);
	content_finish(m, "content", d);
	m->definities = md_parse(definities_md, strlen(definities_md));
	data_load(m, data, "data", o->peildatum, d);
	theme_load(&theme, o->dir, MEETLAT_DATADIR, m->thema, m->conf_file, d);
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
	rc.font = theme.font;
	rc.font_bold = theme.font_bold;
	rc.stamp = doc_stamp(m, d);
	char period[32];
	period_code(PER_KWARTAAL, m->mt_quarter, period);
	rc.pdf_name = xasprintf("raadsrapportage-%d.pdf", m->report_year);
	rc.xlsx_name = xasprintf("mt-rapportage-%s.xlsx", period);

	if (is_dir(out) && !replaceable(out)) {
		diag(d, DIAG_ERROR, out, 0, 0,
		     "deze map bestaat al en is niet door meetlat gemaakt; kies met -o een andere map of maak hem leeg");
		goto done;
	}
	tmpl = xasprintf("%s.tmp-XXXXXX", out);
	if (!mkdtemp(tmpl)) {
		diag(d, DIAG_ERROR, out, 0, 0, "kan geen tijdelijke map naast de uitvoer maken (%s)", strerror(errno));
		goto done;
	}
	chmod(tmpl, 0755);
	output.dir = tmpl;
	output.shown = out;
	output.d = d;
	rc.out = &output;
	if (render_all(m, &rc) != 0) {
		rm_tree(tmpl);
		fprintf(d->out, "meetlat: het maken van de uitvoer is mislukt; de vorige uitvoer is niet veranderd\n");
		goto done;
	}
	if (is_dir(out)) {
		if (renameat2(AT_FDCWD, tmpl, AT_FDCWD, out, RENAME_EXCHANGE) != 0) {
			diag(d, DIAG_ERROR, out, 0, 0, "kan de nieuwe uitvoer niet op zijn plaats zetten (%s)", strerror(errno));
			rm_tree(tmpl);
			goto done;
		}
		rm_tree(tmpl); /* now holds the previous output */
	} else if (rename(tmpl, out) != 0) {
		diag(d, DIAG_ERROR, out, 0, 0, "kan de nieuwe uitvoer niet op zijn plaats zetten (%s)", strerror(errno));
		rm_tree(tmpl);
		goto done;
	}
	fprintf(d->out, "meetlat: klaar; %s (peildatum %s, uit %s)%s\n", out, day, peil_words[m->peildatum_bron],
	        m->voorbeelddata ? "; let op: dit zijn voorbeeldgegevens" : "");
	status = 0;
done:
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
