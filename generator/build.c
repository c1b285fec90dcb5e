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

#include "load/content.h"
#include "load/data.h"
#include "model/model.h"
#include "render/render.h"
#include "base/util.h"

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

/* Theme settings: "key = value" lines in themes/<name>/thema.conf. */
static int load_theme(render_ctx *rc, const char *themedir, diag_t *d)
{
	char *conf = path_join(themedir, "thema.conf");
	char *text;
	size_t len;
	if (read_file(conf, &text, &len) != 0) {
		diag(d, DIAG_ERROR, conf, 0, 0, "kan het thema niet lezen (%s)", strerror(errno));
		free(conf);
		return -1;
	}
	int errors = 0, line = 0;
	char *save = NULL;
	for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		line++;
		while (*l == ' ' || *l == '\t')
			l++;
		if (*l == '#' || *l == '\0' || *l == '\r')
			continue;
		char *eq = strchr(l, '=');
		if (!eq) {
			diag(d, DIAG_ERROR, conf, line, 1, "verwacht 'naam = waarde'");
			errors++;
			continue;
		}
		char *k = l, *v = eq + 1;
		char *ke = eq;
		while (ke > k && (ke[-1] == ' ' || ke[-1] == '\t'))
			ke--;
		*ke = '\0';
		while (*v == ' ' || *v == '\t')
			v++;
		size_t vl = strlen(v);
		while (vl && (v[vl - 1] == ' ' || v[vl - 1] == '\r'))
			v[--vl] = '\0';
		char *val = v[0] == '/' ? xstrdup(v) : path_join(themedir, v);
		if (!strcmp(k, "pdf_lettertype")) {
			free(rc->font);
			rc->font = val;
		} else if (!strcmp(k, "pdf_lettertype_vet")) {
			free(rc->font_bold);
			rc->font_bold = val;
		} else {
			diag(d, DIAG_ERROR, conf, line, 1, "onbekende instelling '%s'; bekend zijn: pdf_lettertype, pdf_lettertype_vet", k);
			free(val);
			errors++;
		}
	}
	free(text);
	if (!errors && (!rc->font || !rc->font_bold)) {
		diag(d, DIAG_ERROR, conf, 0, 0, "pdf_lettertype en pdf_lettertype_vet moeten allebei gezet zijn");
		errors++;
	}
	const char *fonts[2] = {rc->font, rc->font_bold};
	for (int i = 0; i < 2 && !errors; i++)
		if (access(fonts[i], R_OK) != 0) {
			diag(d, DIAG_ERROR, conf, 0, 0, "lettertype %s ontbreekt (installeer fonts-dejavu-core, of pas het thema aan)",
			     fonts[i]);
			errors++;
		}
	free(conf);
	return errors ? -1 : 0;
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

static int render_all(const model_t *m, render_ctx *rc, const char *tmp, diag_t *d)
{
	char *pdf = path_join(tmp, rc->pdf_name);
	char *xlsx = path_join(tmp, rc->xlsx_name);
	int rv = 0;
	if (opendata_render(m, tmp, d) != 0 || pdf_render(m, rc, pdf, d) != 0 ||
	    xlsx_render(m, rc, xlsx, d) != 0 || site_render(m, rc, tmp, d) != 0)
		rv = -1;
	if (rv == 0) {
		char *marker = path_join(tmp, MARKER);
		if (write_file(marker, "meetlat\n", 8) != 0)
			rv = -1;
		free(marker);
	}
	free(pdf);
	free(xlsx);
	return rv;
}

int build_run(const build_opts *o, diag_t *d)
{
	model_t *m = model_new();
	char *content = path_join(o->dir, "content");
	char *data = path_join(o->dir, "data");
	char *out = o->out ? xstrdup(o->out) : path_join(o->dir, "output");
	int errors = content_load(m, content, "content", d);
	errors += content_finish(m, "content", d);
	errors += kpi_load(m, data, "data", o->peildatum, d);
	render_ctx rc = {0};
	/* the project's own themes/, else the ones installed with meetlat */
	char *themes = path_join(o->dir, "themes");
	char *themedir = path_join(themes, m->thema);
	free(themes);
	if (!is_dir(themedir)) {
		free(themedir);
		themes = path_join(MEETLAT_DATADIR, "themes");
		themedir = path_join(themes, m->thema);
		free(themes);
	}
	if (!is_dir(themedir)) {
		diag(d, DIAG_ERROR, m->conf_file, 0, 0, "thema '%s' bestaat niet (verwacht de map themes/%s)",
		     m->thema, m->thema);
		errors++;
	} else if (load_theme(&rc, themedir, d) != 0) {
		errors++;
	}
	int status = 0;
	if (errors || diag_errors(d)) {
		fprintf(d->out, "meetlat: %d %s gevonden; %s\n", diag_errors(d),
		        diag_errors(d) == 1 ? "fout" : "fouten",
		        o->check_only ? "los ze op en probeer het opnieuw"
		                      : "er is niets gemaakt en de vorige uitvoer is niet veranderd");
		status = 1;
		goto done;
	}
	char day[32];
	date_long(m->peildatum, day);
	if (o->check_only) {
		fprintf(d->out, "meetlat: geen fouten gevonden (peildatum %s, uit %s)\n", day, m->peildatum_bron);
		goto done;
	}
	rc.themedir = themedir;
	rc.stamp = doc_stamp(m, d);
	char period[32];
	model_mt_period(m, period);
	rc.pdf_name = xasprintf("raadsrapportage-%d.pdf", model_report_year(m));
	rc.xlsx_name = xasprintf("mt-rapportage-%s.xlsx", period);

	if (is_dir(out) && !replaceable(out)) {
		diag(d, DIAG_ERROR, out, 0, 0,
		     "deze map bestaat al en is niet door meetlat gemaakt; kies met -o een andere map of maak hem leeg");
		status = 1;
		goto done;
	}
	char *tmpl = xasprintf("%s.tmp-XXXXXX", out);
	if (!mkdtemp(tmpl)) {
		diag(d, DIAG_ERROR, out, 0, 0, "kan geen tijdelijke map naast de uitvoer maken (%s)", strerror(errno));
		free(tmpl);
		status = 1;
		goto done;
	}
	chmod(tmpl, 0755);
	if (render_all(m, &rc, tmpl, d) != 0) {
		rm_tree(tmpl);
		fprintf(d->out, "meetlat: het maken van de uitvoer is mislukt; de vorige uitvoer is niet veranderd\n");
		free(tmpl);
		status = 1;
		goto done;
	}
	if (is_dir(out)) {
		if (renameat2(AT_FDCWD, tmpl, AT_FDCWD, out, RENAME_EXCHANGE) != 0) {
			diag(d, DIAG_ERROR, out, 0, 0, "kan de nieuwe uitvoer niet op zijn plaats zetten (%s)", strerror(errno));
			rm_tree(tmpl);
			free(tmpl);
			status = 1;
			goto done;
		}
		rm_tree(tmpl); /* now holds the previous output */
	} else if (rename(tmpl, out) != 0) {
		diag(d, DIAG_ERROR, out, 0, 0, "kan de nieuwe uitvoer niet op zijn plaats zetten (%s)", strerror(errno));
		rm_tree(tmpl);
		free(tmpl);
		status = 1;
		goto done;
	}
	free(tmpl);
	fprintf(d->out, "meetlat: klaar; %s (peildatum %s, uit %s)%s\n", out, day, m->peildatum_bron,
	        m->voorbeelddata ? "; let op: dit zijn voorbeeldgegevens" : "");
done:
	free(rc.font);
	free(rc.font_bold);
	free(rc.pdf_name);
	free(rc.xlsx_name);
	free(themedir);
	free(content);
	free(data);
	free(out);
	model_free(m);
	return status;
}
