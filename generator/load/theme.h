/* theme.h - finds the theme folder (the project's themes/<name>, else the installed one) and
 * reads its settings, thema.conf: "naam = waarde" lines, '#' starts a comment, its page layout
 * (layout.html) and the list of its other files (style.css, a logo). Everything a build could
 * stumble on in a theme is found here, so `meetlat check` finds it too. */
#ifndef MEETLAT_THEME_H
#define MEETLAT_THEME_H

#include "base/diag.h"
#include "base/hyphen.h"
#include "base/ttf.h"
#include "model/model.h"

/* The PDF's TrueType fonts, in the order of pdf_face: regular, bold, italic, bold italic. */
enum { THEME_FONTS = 4 };

/* The names a layout.html may use; `inhoud` and `voorbeelddata` (the banner that carries
 * every warning a reader must see) are required, as is, in {{{...}}}. */
extern const char *const theme_layout_vars[];
enum { THEME_LAYOUT_VARS = 7 };

typedef struct {
	char *dir;           /* themes/<name> */
	char *layout;        /* layout.html, checked */
	char **assets;       /* other regular files, copied into the output as they are (sorted) */
	size_t nassets;
	char *font[THEME_FONTS];
	char *icc;           /* sRGB colour profile for the PDF/A output intent */
	int line[THEME_FONTS + 1]; /* where thema.conf set each of them, for messages */
	char *hyphens;       /* the report's hyphenation patterns (pdf_afbreekpatronen), or NULL */
	hyph *hyph;          /* those patterns, loaded (once: the report uses them as they are), on a
	                      * thread of their own from theme_load until theme_ready */
	plat_thread *loading; /* that thread, or NULL */
	char *hyph_conf;     /* thema.conf as messages name it */
	diag_t held;         /* messages after the patterns' place in theme_load, until theme_ready */
	int holding;
	char *logo_file;     /* the cover's logo (pdf_logo), a JPEG, or NULL */
	char *logo;          /* its bytes, checked: greyscale or RGB, 8 bits */
	size_t logo_len;
	int logo_w, logo_h;  /* in pixels */
	int hyphens_line, logo_line;
	charset_t glyphs;    /* the characters all four fonts have */
} theme_t;

/* `shown` names the file that chose the theme, for messages. Returns 0, or -1 after
 * reporting the problem (for the hyphenation patterns, theme_ready says). theme_free is safe on a zeroed or half-filled theme. */
int theme_load(theme_t *t, const char *projectdir, const char *installdir, const char *name,
               const char *shown, diag_t *d);
void theme_free(theme_t *t);
/* When the theme names hyphenation patterns, theme_load leaves them loading and holds every
 * message from their place on: theme_diag is where the steps that follow send theirs (`d`
 * itself when nothing is held), and theme_ready waits for the patterns, says when they did not
 * load (an error; then -1), and adds the held messages after that, so that messages come in the
 * order they would have come with the patterns loaded at once. Call it before anything looks at
 * the number of errors or uses `hyph`. */
diag_t *theme_diag(theme_t *t, diag_t *d);
int theme_ready(theme_t *t, diag_t *d);

/* Text the council report cannot show: characters in the content or in group names from the
 * data that the theme's fonts have no glyph for (Chinese, an emoji). Each is named with its
 * place as a warning; the report shows them as a replacement character. */
void theme_check_text(const theme_t *t, const model_t *m, const char *content_dir, diag_t *d);

#endif
