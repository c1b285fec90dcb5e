/* theme.c - see theme.h. */
#include "load/theme.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/util.h"

static int is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static char *theme_dir(const char *base, const char *name)
{
	char *themes = path_join(base, "themes");
	char *dir = path_join(themes, name);
	free(themes);
	return dir;
}

/* One "key = value" line; `l` is the line without its newline. */
static int conf_line(theme_t *t, const char *conf, int line, char *l, diag_t *d)
{
	while (*l == ' ' || *l == '\t')
		l++;
	size_t len = strlen(l);
	while (len && (l[len - 1] == ' ' || l[len - 1] == '\t' || l[len - 1] == '\r'))
		l[--len] = '\0';
	if (*l == '#' || *l == '\0')
		return 0;
	char *eq = strchr(l, '=');
	if (!eq) {
		diag(d, DIAG_ERROR, conf, line, 1, "verwacht 'naam = waarde'");
		return -1;
	}
	char *ke = eq;
	while (ke > l && (ke[-1] == ' ' || ke[-1] == '\t'))
		ke--;
	*ke = '\0';
	char *v = eq + 1;
	while (*v == ' ' || *v == '\t')
		v++;
	char *val = v[0] == '/' ? xstrdup(v) : path_join(t->dir, v);
	if (!strcmp(l, "pdf_lettertype")) {
		free(t->font);
		t->font = val;
	} else if (!strcmp(l, "pdf_lettertype_vet")) {
		free(t->font_bold);
		t->font_bold = val;
	} else {
		diag(d, DIAG_ERROR, conf, line, 1, "onbekende instelling '%s'; bekend zijn: pdf_lettertype, pdf_lettertype_vet", l);
		free(val);
		return -1;
	}
	return 0;
}

int theme_load(theme_t *t, const char *projectdir, const char *installdir, const char *name,
               const char *shown, diag_t *d)
{
	t->dir = theme_dir(projectdir, name);
	/* messages name the project's theme as the secretary sees it: themes/<name>/thema.conf */
	char *conf = theme_dir("", name);
	if (!is_dir(t->dir)) {
		free(t->dir);
		free(conf);
		t->dir = theme_dir(installdir, name);
		conf = xstrdup(t->dir);
	}
	if (!is_dir(t->dir)) {
		diag(d, DIAG_ERROR, shown, 0, 0, "thema '%s' bestaat niet (verwacht de map themes/%s)", name, name);
		free(conf);
		return -1;
	}
	char *file = path_join(t->dir, "thema.conf");
	char *shown_conf = path_join(conf, "thema.conf");
	free(conf);
	conf = shown_conf;
	char *text;
	size_t len;
	int rd = read_file(file, &text, &len);
	free(file);
	if (rd != 0) {
		diag(d, DIAG_ERROR, conf, 0, 0, "kan het thema niet lezen (%s)", strerror(errno));
		free(conf);
		return -1;
	}
	int rv = 0, line = 1;
	/* line by line, blank lines included, so messages name the right line */
	for (char *l = text, *nl; l; l = nl ? nl + 1 : NULL, line++) {
		nl = strchr(l, '\n');
		if (nl)
			*nl = '\0';
		if (conf_line(t, conf, line, l, d) != 0)
			rv = -1;
		if (!nl)
			break;
	}
	free(text);
	if (rv == 0 && (!t->font || !t->font_bold)) {
		diag(d, DIAG_ERROR, conf, 0, 0, "pdf_lettertype en pdf_lettertype_vet moeten allebei gezet zijn");
		rv = -1;
	}
	const char *fonts[2] = {t->font, t->font_bold};
	for (int i = 0; i < 2 && rv == 0; i++)
		if (access(fonts[i], R_OK) != 0) {
			diag(d, DIAG_ERROR, conf, 0, 0, "lettertype %s ontbreekt (installeer fonts-dejavu-core, of pas het thema aan)",
			     fonts[i]);
			rv = -1;
		}
	free(conf);
	return rv;
}

void theme_free(theme_t *t)
{
	free(t->dir);
	free(t->font);
	free(t->font_bold);
	t->dir = t->font = t->font_bold = NULL;
}
