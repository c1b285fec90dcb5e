/* theme.c - see theme.h. */
#include "load/theme.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/hyphen.h"
#include "base/platform.h"
#include "base/template.h"
#include "base/util.h"

#define MAX_THEME_FILE (16 * 1024 * 1024)

const char *const theme_layout_vars[THEME_LAYOUT_VARS] = {"titel", "gemeente", "root", "peildatum", "navigatie",
	"voorbeelddata", "inhoud"};

static int is_dir(const char *p)
{
	return plat_kind_of(p, NULL) == PLAT_DIR;
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
	FILE *f = plat_fopen(path, "rb");
	if (!f)
		return 0;
	size_t n = fread(h, 1, sizeof h, f);
	fclose(f);
	return n == sizeof h && memcmp(h + 36, "acsp", 4) == 0 && memcmp(h + 16, "RGB ", 4) == 0 && h[8] >= 2 &&
	       h[8] <= 4 && (memcmp(h + 12, "mntr", 4) == 0 || memcmp(h + 12, "prtr", 4) == 0 || memcmp(h + 12, "scnr", 4) == 0);
}

/* A JPEG's size and colours from its frame header (SOF0-SOF2): 8 bits, 1 (grey) or 3 (RGB)
 * components, as PDF/A takes it with an sRGB output intent (CMYK would need another). 0, or
 * -1 with the problem in words. */
static int jpeg_info(const unsigned char *b, size_t n, int *w, int *h, const char **why)
{
	*why = "is geen JPEG-bestand (.jpg)";
	if (n < 4 || b[0] != 0xFF || b[1] != 0xD8)
		return -1;
	size_t i = 2;
	while (i + 4 <= n) {
		if (b[i] != 0xFF)
			return -1;
		unsigned mk = b[i + 1];
		if (mk == 0xFF) {
			i++;
			continue;
		}
		size_t seglen = (size_t)b[i + 2] << 8 | b[i + 3];
		if (seglen < 2 || i + 2 + seglen > n)
			return -1;
		if (mk >= 0xC0 && mk <= 0xCF && mk != 0xC4 && mk != 0xC8 && mk != 0xCC) {
			if (mk > 0xC2) {
				*why = "is een JPEG die libharu niet kan lezen (sla hem op als gewone JPEG)";
				return -1;
			}
			if (seglen < 8)
				return -1;
			int bits = b[i + 4], comps = b[i + 9];
			*h = b[i + 5] << 8 | b[i + 6];
			*w = b[i + 7] << 8 | b[i + 8];
			if (bits != 8 || (comps != 1 && comps != 3)) {
				*why = "is een JPEG in CMYK of met meer dan 8 bits per kleur; sla hem op in RGB";
				return -1;
			}
			if (*w < 1 || *h < 1)
				return -1;
			return 0;
		}
		i += 2 + seglen;
	}
	return -1;
}

static void open_patterns(void *arg)
{
	theme_t *t = arg;
	t->hyph = hyph_open(t->hyphens);
}

/* The optional settings: hyphenation patterns that load (theme_ready says), a logo that is a
 * JPEG PDF/A takes. Loading the patterns takes as long as the checks that follow theme_load
 * until the renderers start, and only the report needs them: they load on a thread of their
 * own, and from here on messages are held (*d becomes the theme's), so that the message about
 * patterns that do not load keeps its place before them. */
static int load_extras(theme_t *t, const char *conf, diag_t **d)
{
	int rv = 0;
	if (t->hyphens) {
		t->hyph_conf = xstrdup(conf);
		if (plat_thread_start(&t->loading, open_patterns, t) != 0) {
			t->loading = NULL;
			open_patterns(t);
		}
		diag_hold(&t->held, *d);
		t->holding = 1;
		*d = &t->held;
	}
	if (t->logo_file) {
		const char *why = NULL;
		if (read_file(t->logo_file, 4 * 1024 * 1024, &t->logo, &t->logo_len) != 0) {
			diag(*d, DIAG_ERROR, conf, t->logo_line, 1, "kan het logo %s niet lezen: het bestand %s", t->logo_file,
			     file_problem(errno));
			rv = -1;
		} else if (jpeg_info((const unsigned char *)t->logo, t->logo_len, &t->logo_w, &t->logo_h, &why) != 0) {
			diag(*d, DIAG_ERROR, conf, t->logo_line, 1, "het logo %s %s", t->logo_file, why);
			free(t->logo);
			t->logo = NULL;
			t->logo_len = 0;
			rv = -1;
		}
	}
	return rv;
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
	char *val = plat_is_absolute(v) ? xstrdup(v) : path_join(t->dir, v);
	char **slot = NULL;
	for (int i = 0; i <= THEME_FONTS; i++)
		if (!strcmp(l, setting[i])) {
			slot = i < THEME_FONTS ? &t->font[i] : &t->icc;
			t->line[i] = line;
		}
	if (!strcmp(l, "pdf_afbreekpatronen")) {
		slot = &t->hyphens;
		t->hyphens_line = line;
	} else if (!strcmp(l, "pdf_logo")) {
		slot = &t->logo_file;
		t->logo_line = line;
	}
	if (!slot) {
		diag(d, DIAG_ERROR, conf, line, 1,
		     "onbekende instelling '%s'; bekend zijn: pdf_lettertype, pdf_lettertype_vet, pdf_lettertype_cursief, "
		     "pdf_lettertype_vet_cursief, pdf_kleurprofiel, pdf_afbreekpatronen, pdf_logo",
		     l);
		free(val);
		return -1;
	}
	free(*slot);
	*slot = val;
	return 0;
}

/* line:col of byte `off` in text, for messages */
static void text_pos(const char *text, size_t off, long *line, long *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off && text[i]; i++) {
		if (text[i] == '\n')
			++*line, *col = 1;
		else if (((unsigned char)text[i] & 0xC0) != 0x80)
			++*col;
	}
}

/* layout.html: UTF-8 text whose {{names}} are all known, that shows the contents and the
 * banner with every warning a reader must see (example data, incomplete figures). */
static int load_layout(theme_t *t, const char *shown_dir, diag_t *d)
{
	char *path = path_join(t->dir, "layout.html"), *shown = path_join(shown_dir, "layout.html");
	size_t len;
	int rv = 0;
	if (read_file(path, MAX_THEME_FILE, &t->layout, &len) != 0) {
		if (errno == ENOENT)
			diag(d, DIAG_ERROR, shown, 0, 0, "dit bestand ontbreekt; een thema heeft een layout.html met de opmaak van de "
			                               "pagina's (kijk in themes/default)");
		else
			diag(d, DIAG_ERROR, shown, 0, 0, "kan de opmaak van het thema niet lezen: het bestand %s", file_problem(errno));
		rv = -1;
	} else if (utf8_valid_prefix((const unsigned char *)t->layout, len) != len || memchr(t->layout, '\0', len)) {
		diag(d, DIAG_ERROR, shown, 0, 0, "is geen tekst in UTF-8; sla het bestand op als UTF-8");
		rv = -1;
	} else {
		tpl_var vars[THEME_LAYOUT_VARS];
		for (int i = 0; i < THEME_LAYOUT_VARS; i++)
			vars[i] = (tpl_var){theme_layout_vars[i], ""};
		buf_t out = {0};
		size_t bad = 0;
		if (tpl_render(t->layout, vars, THEME_LAYOUT_VARS, &out, &bad) != 0) {
			long line, col;
			text_pos(t->layout, bad, &line, &col);
			diag(d, DIAG_ERROR, shown, line, col,
			     "onbekende of niet afgesloten naam tussen {{ }}; bekend zijn: titel, gemeente, root, peildatum, "
			     "navigatie, voorbeelddata, inhoud");
			rv = -1;
		}
		buf_free(&out);
		static const char *const need[] = {"inhoud", "voorbeelddata"};
		for (int i = 0; i < 2; i++)
			if (tpl_uses(t->layout, need[i]) != 2) {
				diag(d, DIAG_ERROR, shown, 0, 0,
				     "{{{%s}}} ontbreekt; elke pagina moet %s tonen. Zet {{{%s}}} in de opmaak", need[i],
				     i == 0 ? "zijn inhoud" : "de waarschuwingen voor de lezer (zoals 'voorbeelddata')", need[i]);
				rv = -1;
			}
	}
	free(path);
	free(shown);
	return rv;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The theme's other files go into the output as they are: regular files only (never a pipe
 * or a device), of a sane size, that cannot take the place of a page or a report. */
static int list_assets(theme_t *t, const char *shown_dir, diag_t *d)
{
	char **names;
	long nnames = plat_list(t->dir, &names);
	if (nnames < 0) {
		diag(d, DIAG_ERROR, shown_dir, 0, 0, "kan de map van het thema niet lezen (%s)", strerror(errno));
		return -1;
	}
	int rv = 0;
	size_t cap = 0;
	for (long i = 0; i < nnames; i++) {
		const char *n = names[i];
		if (n[0] == '.' || !strcmp(n, "layout.html") || !strcmp(n, "thema.conf") || str_ends(n, ".md"))
			continue;
		char *from = path_join(t->dir, n), *shown = path_join(shown_dir, n);
		long long size = 0;
		plat_kind k = plat_lkind(from, &size);
		size_t l = strlen(n);
		int lower_ext = l > 4 && (!strcasecmp(n + l - 5, ".html") || !strcasecmp(n + l - 4, ".htm") ||
		                          !strcasecmp(n + l - 4, ".pdf") || !strcasecmp(n + l - 5, ".xlsx") ||
		                          !strcasecmp(n + l - 4, ".csv"));
		if (k == PLAT_NONE) {
			diag(d, DIAG_ERROR, shown, 0, 0, "kan het bestand niet lezen (%s)", strerror(errno));
			rv = -1;
		} else if (k == PLAT_DIR) {
			/* folders of a theme are not copied */
		} else if (k != PLAT_FILE) {
			diag(d, DIAG_ERROR, shown, 0, 0, "is geen gewoon bestand (maar bijvoorbeeld een link, pijp of apparaat); "
			                               "een thema bevat alleen gewone bestanden");
			rv = -1;
		} else if (size > MAX_THEME_FILE) {
			diag(d, DIAG_ERROR, shown, 0, 0, "is groter dan %d MB; dat past niet in een thema",
			     MAX_THEME_FILE / (1024 * 1024));
			rv = -1;
		} else if (lower_ext) {
			diag(d, DIAG_ERROR, shown, 0, 0, "een thema mag geen eigen pagina's of rapporten bevatten (.html, .pdf, "
			                               ".xlsx, .csv): meetlat maakt die zelf. Alleen layout.html is de opmaak");
			rv = -1;
		} else {
			t->assets = xgrow(t->assets, &cap, t->nassets, sizeof *t->assets);
			t->assets[t->nassets++] = xstrdup(n);
		}
		free(from);
		free(shown);
	}
	free_names(names, nnames);
	if (t->nassets > 1)
		qsort(t->assets, t->nassets, sizeof *t->assets, cmp_str);
	return rv;
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
	int rd = read_file(file, 64 * 1024, &text, &len), err = errno;
	free(file);
	errno = err;
	if (rd != 0) {
		diag(d, DIAG_ERROR, conf, 0, 0, "kan het thema niet lezen: het bestand %s", file_problem(errno));
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
		} else if (!plat_readable(f)) {
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
	/* the characters the report can show: those all four fonts have */
	for (int i = 0; i < THEME_FONTS && rv == 0; i++) {
		char *font = NULL;
		size_t flen = 0;
		charset_t cs = {NULL};
		if (read_file(t->font[i], 64 * 1024 * 1024, &font, &flen) != 0 ||
		    ttf_charset((const unsigned char *)font, flen, &cs) != 0) {
			diag(d, DIAG_ERROR, conf, t->line[i], 1, "%s is geen TrueType-lettertype (.ttf) dat meetlat kan lezen",
			     t->font[i]);
			rv = -1;
		} else if (i == 0) {
			t->glyphs = cs;
		} else {
			charset_and(&t->glyphs, &cs);
			charset_free(&cs);
		}
		free(font);
	}
	if (rv == 0 && load_extras(t, conf, &d) != 0)
		rv = -1;
	char *shown_dir = theme_dir("", name);
	if (load_layout(t, shown_dir, d) != 0)
		rv = -1;
	if (list_assets(t, shown_dir, d) != 0)
		rv = -1;
	free(shown_dir);
	free(conf);
	return rv;
}

diag_t *theme_diag(theme_t *t, diag_t *d)
{
	return t->holding ? &t->held : d;
}

int theme_ready(theme_t *t, diag_t *d)
{
	if (!t->holding)
		return 0;
	if (t->loading)
		plat_thread_join(t->loading);
	t->loading = NULL;
	t->holding = 0;
	int rv = 0;
	if (!t->hyph) {
		diag(d, DIAG_ERROR, t->hyph_conf, t->hyphens_line, 1,
		     "%s is geen bestand met afbreekpatronen dat meetlat kan lezen (installeer hyphen-nl, of laat "
		     "pdf_afbreekpatronen weg: dan breekt de PDF geen woorden af)",
		     t->hyphens);
		rv = -1;
	}
	diag_release(&t->held, d);
	return rv;
}

void theme_free(theme_t *t)
{
	if (t->loading)
		plat_thread_join(t->loading);
	diag_drop(&t->held);
	free(t->hyph_conf);
	free(t->dir);
	for (int i = 0; i < THEME_FONTS; i++)
		free(t->font[i]);
	free(t->icc);
	free(t->hyphens);
	hyph_close(t->hyph);
	free(t->logo_file);
	free(t->logo);
	free(t->layout);
	charset_free(&t->glyphs);
	for (size_t i = 0; i < t->nassets; i++)
		free(t->assets[i]);
	free(t->assets);
	memset(t, 0, sizeof *t);
}

/* The characters of s (len bytes) the fonts lack, as "'字' (U+5B57)", the first few. */
/* (libharu draws only the BMP) */
static int missing(const theme_t *t, int ascii_ok, const char *s, size_t len, buf_t *out, int *shown)
{
	int n = 0;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || (ascii_ok && c < 0x7F)) { /* a control character is not checked */
			i++;
			/* eight bytes at a time while none is DEL or above */
			while (ascii_ok && i + 8 <= len) {
				uint64_t w;
				memcpy(&w, s + i, 8);
				uint64_t del = w ^ 0x7F7F7F7F7F7F7F7Full; /* a zero byte where w has DEL */
				if ((w & 0x8080808080808080ull) || ((del - 0x0101010101010101ull) & ~del & 0x8080808080808080ull))
					break;
				i += 8;
			}
			continue;
		}
		unsigned cp = 0;
		size_t l = utf8_decode((const unsigned char *)s + i, len - i, &cp);
		if (l == 0)
			l = 1;
		else if (cp >= 0x20 && (cp > 0xFFFF || !charset_has(&t->glyphs, cp)) && !cp_is_invisible(cp)) {
			if (*shown < 3)
				buf_printf(out, "%s'%.*s' (U+%04X)", *shown ? ", " : "", (int)l, s + i, cp);
			++*shown;
			n++;
		}
		i += l;
	}
	return n;
}

void theme_check_text(const theme_t *t, const model_t *m, const char *content_dir, diag_t *d)
{
	if (!t->glyphs.bits)
		return;
	static const char tail[] = "; de raadsrapportage heeft er geen letter voor en toont ze als \xEF\xBF\xBD. De "
	                           "website en de werkmap tonen ze wel. Schrijf de tekst zonder deze tekens, of kies "
	                           "een lettertype dat ze heeft";
	/* text is mostly ASCII: when the font has every printable ASCII character, those bytes
	 * need no look-up */
	int ascii_ok = 1;
	for (unsigned cp = 0x20; cp < 0x7F; cp++)
		ascii_ok &= charset_has(&t->glyphs, cp) != 0;
	for (size_t i = 0; i < m->npages; i++) {
		const page_t *p = m->pages[i];
		char *shown = path_join(content_dir, p->file);
		long line = 1;
		for (size_t a = 0; a < p->source_len;) {
			const char *nl = memchr(p->source + a, '\n', p->source_len - a);
			size_t e = nl ? (size_t)(nl - p->source) : p->source_len;
			buf_t b = {0};
			int shown_n = 0;
			if (missing(t, ascii_ok, p->source + a, e - a, &b, &shown_n))
				diag(d, DIAG_WARN, shown, line, 0, "%s %s%s", shown_n == 1 ? "dit teken:" : "deze tekens:", b.s,
				     tail);
			buf_free(&b);
			a = e + 1;
			line++;
		}
		free(shown);
	}
	for (size_t i = 0; i < m->nkpis; i++) {
		const kpi_t *k = m->kpis[i];
		for (size_t g = 0; g < k->res.ngroups; g++) {
			buf_t b = {0};
			int shown_n = 0;
			const char *name = k->res.groups[g].name;
			if (missing(t, ascii_ok, name, strlen(name), &b, &shown_n)) {
				const datafile_t *f = model_source(m, k);
				char *shown = path_join("data", f ? f->name : k->def.bron);
				diag(d, DIAG_WARN, shown, 0, 0, "kolom '%s', groep '%s': %s %s%s", k->def.groep, name,
				     shown_n == 1 ? "dit teken:" : "deze tekens:", b.s, tail);
				free(shown);
			}
			buf_free(&b);
		}
	}
}
