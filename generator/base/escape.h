/* escape.h - every string from content or data passes one of these on its way out. */
#ifndef MEETLAT_ESCAPE_H
#define MEETLAT_ESCAPE_H

#include "base/util.h"

/* HTML text and attribute values (quotes escaped too, so one function serves both). */
void esc_html(buf_t *b, const char *s);
/* One text cell for a ';'-separated file: quoted when needed, and a cell that a spreadsheet
 * would run as a formula (= + - @ tab CR first, also after spaces) gets a leading '.
 * Numbers are written by the caller, not through this. */
void esc_csv(buf_t *b, const char *s);
/* A JSON string with its quotes: '"', '\\' and control characters escaped; other bytes (UTF-8)
 * as they are. NULL is written as null. */
void esc_json(buf_t *b, const char *s);
/* A relative URL path segment (slug): only [a-z0-9-] survive; others become '-'. */
void esc_slug(buf_t *b, const char *s);

#endif
