/* ttf.h - which characters a TrueType font has a glyph for, read from its cmap table, so
 * that text the report cannot show is found (and named) before anything is made. */
#ifndef MEETLAT_TTF_H
#define MEETLAT_TTF_H

#include <stddef.h>

#define TTF_CODEPOINTS 0x110000

/* A set of code points: one bit each. */
typedef struct {
	unsigned char *bits; /* TTF_CODEPOINTS / 8 bytes, or NULL */
} charset_t;

/* Read the characters of the font in `data` (len bytes) into *cs (which it allocates).
 * Returns 0, or -1 when it is no TrueType font with a Unicode cmap. */
int ttf_charset(const unsigned char *data, size_t len, charset_t *cs);
/* Keep only the characters `other` has too. */
void charset_and(charset_t *cs, const charset_t *other);
int charset_has(const charset_t *cs, unsigned cp);
void charset_free(charset_t *cs);

#endif
