/* theme.h - finds the theme folder (the project's themes/<name>, else the installed one) and
 * reads its settings, thema.conf: "naam = waarde" lines, '#' starts a comment. */
#ifndef MEETLAT_THEME_H
#define MEETLAT_THEME_H

#include "base/diag.h"

typedef struct {
	char *dir;           /* themes/<name> */
	char *font, *font_bold; /* TrueType files for the PDF */
} theme_t;

/* `shown` names the file that chose the theme, for messages. Returns 0, or -1 after
 * reporting the problem. theme_free is safe on a zeroed or half-filled theme. */
int theme_load(theme_t *t, const char *projectdir, const char *installdir, const char *name,
               const char *shown, diag_t *d);
void theme_free(theme_t *t);

#endif
