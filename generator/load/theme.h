/* theme.h - finds the theme folder (the project's themes/<name>, else the installed one) and
 * reads its settings, thema.conf: "naam = waarde" lines, '#' starts a comment. */
#ifndef MEETLAT_THEME_H
#define MEETLAT_THEME_H

#include "base/diag.h"

/* The PDF's TrueType fonts, in the order of pdf_face: regular, bold, italic, bold italic. */
enum { THEME_FONTS = 4 };

typedef struct {
	char *dir;           /* themes/<name> */
	char *font[THEME_FONTS];
	char *icc;           /* sRGB colour profile for the PDF/A output intent */
	int line[THEME_FONTS + 1]; /* where thema.conf set each of them, for messages */
} theme_t;

/* `shown` names the file that chose the theme, for messages. Returns 0, or -1 after
 * reporting the problem. theme_free is safe on a zeroed or half-filled theme. */
int theme_load(theme_t *t, const char *projectdir, const char *installdir, const char *name,
               const char *shown, diag_t *d);
void theme_free(theme_t *t);

#endif
