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

static const char *const setting[THEME_FONTS + 1] = {"pdf_lettertype", "pdf_lettertype_vet",
	"pdf_lettertype_cursief", "pdf_lettertype_vet_cursief", "pdf_kleurprofiel"};

/* PDF/A accepts as output intent an ICC profile of a display (or printer, scanner) of major
 * version 2 to 4; the report's colours are RGB. */
static int rgb_profile(const char *path)
{
	unsigned char h[128];
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	size_t n = fread(h, 1, sizeof h, f);
	fclose(f);
	return n == sizeof h && memcmp(h + 36, "acsp", 4) == 0 && memcmp(h + 16, "RGB ", 4) == 0 && h[8] >= 2 &&
	       h[8] <= 4 && (memcmp(h + 12, "mntr", 4) == 0 || memcmp(h + 12, "prtr", 4) == 0 || memcmp(h + 12, "scnr", 4) == 0);
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
	char **slot = NULL;
	for (int i = 0; i <= THEME_FONTS; i++)
		if (!strcmp(l, setting[i])) {
			slot = i < THEME_FONTS ? &t->font[i] : &t->icc;
			t->line[i] = line;
		}
	if (!slot) {
		diag(d, DIAG_ERROR, conf, line, 1,
		     "onbekende instelling '%s'; bekend zijn: pdf_lettertype, pdf_lettertype_vet, pdf_lettertype_cursief, "
		     "pdf_lettertype_vet_cursief, pdf_kleurprofiel",
		     l);
		free(val);
		return -1;
	}
	free(*slot);
	*slot = val;
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
	for (int i = 0; i <= THEME_FONTS && rv == 0; i++) {
		const char *f = i < THEME_FONTS ? t->font[i] : t->icc;
		if (!f) {
			diag(d, DIAG_ERROR, conf, 0, 0, "'%s' ontbreekt; het thema moet alle vier lettertypen en het kleurprofiel noemen",
			     setting[i]);
			rv = -1;
		} else if (access(f, R_OK) != 0) {
			diag(d, DIAG_ERROR, conf, t->line[i], 1, "%s ontbreekt (installeer fonts-dejavu-core, fonts-dejavu-extra en "
			                                "colord-data, of pas het thema aan)",
			     f);
			rv = -1;
		} else if (i == THEME_FONTS && !rgb_profile(f)) {
			diag(d, DIAG_ERROR, conf, t->line[i], 1, "%s is geen RGB-kleurprofiel voor een beeldscherm (ICC, versie 2 tot en met 4)",
			     f);
			rv = -1;
		}
	}
	free(conf);
	return rv;
}

void theme_free(theme_t *t)
{
	free(t->dir);
	for (int i = 0; i < THEME_FONTS; i++)
		free(t->font[i]);
	free(t->icc);
	memset(t, 0, sizeof *t);
}
