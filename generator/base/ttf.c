/* ttf.c - see ttf.h. The file is untrusted input like any other: every offset is checked
 * against its length. */
#include "base/ttf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

static unsigned u16(const unsigned char *d, size_t len, size_t off, int *ok)
{
	if (off > len || len - off < 2) {
		*ok = 0;
		return 0;
	}
	return (unsigned)d[off] << 8 | d[off + 1];
}

static unsigned long u32(const unsigned char *d, size_t len, size_t off, int *ok)
{
	if (off > len || len - off < 4) {
		*ok = 0;
		return 0;
	}
	return (unsigned long)d[off] << 24 | (unsigned long)d[off + 1] << 16 | (unsigned long)d[off + 2] << 8 | d[off + 3];
}

static void set(charset_t *cs, unsigned long cp)
{
	if (cp < TTF_CODEPOINTS)
		cs->bits[cp >> 3] |= (unsigned char)(1u << (cp & 7));
}

/* Format 4: segments of the BMP; a character is there when it maps to a glyph other than 0. */
static int format4(const unsigned char *d, size_t len, size_t t, charset_t *cs)
{
	int ok = 1;
	unsigned segs = u16(d, len, t + 6, &ok) / 2;
	size_t ends = t + 14, starts = ends + 2 * (size_t)segs + 2, deltas = starts + 2 * (size_t)segs,
	       ranges = deltas + 2 * (size_t)segs;
	for (unsigned i = 0; i < segs && ok; i++) {
		unsigned end = u16(d, len, ends + 2 * i, &ok), start = u16(d, len, starts + 2 * i, &ok);
		unsigned delta = u16(d, len, deltas + 2 * i, &ok), ro = u16(d, len, ranges + 2 * i, &ok);
		for (unsigned long c = start; c <= end && ok && c != 0xFFFF; c++) {
			unsigned g;
			if (ro == 0) {
				g = (unsigned)(c + delta) & 0xFFFF;
			} else {
				g = u16(d, len, ranges + 2 * i + ro + 2 * (c - start), &ok);
				if (g)
					g = (g + delta) & 0xFFFF;
			}
			if (ok && g)
				set(cs, c);
		}
	}
	return ok ? 0 : -1;
}

/* Format 12: groups of consecutive characters, all of Unicode. */
static int format12(const unsigned char *d, size_t len, size_t t, charset_t *cs)
{
	int ok = 1;
	unsigned long groups = u32(d, len, t + 12, &ok), work = 0;
	for (unsigned long i = 0; i < groups && ok; i++) {
		size_t g = t + 16 + 12 * i;
		unsigned long start = u32(d, len, g, &ok), end = u32(d, len, g + 4, &ok), glyph = u32(d, len, g + 8, &ok);
		/* overlapping groups could make a small file cost minutes */
		if (!ok || end < start || end >= TTF_CODEPOINTS || (work += end - start + 1) > 4UL * TTF_CODEPOINTS)
			return -1;
		for (unsigned long c = start + (glyph == 0); c <= end; c++)
			set(cs, c);
	}
	return ok ? 0 : -1;
}

int ttf_charset(const unsigned char *d, size_t len, charset_t *cs)
{
	cs->bits = NULL;
	int ok = 1;
	unsigned long version = u32(d, len, 0, &ok);
	if (!ok || (version != 0x00010000UL && version != 0x74727565UL)) /* 'true' */
		return -1;
	unsigned ntables = u16(d, len, 4, &ok);
	size_t cmap = 0;
	for (unsigned i = 0; i < ntables && ok; i++)
		if (u32(d, len, 12 + 16 * (size_t)i, &ok) == 0x636D6170UL) /* 'cmap' */
			cmap = u32(d, len, 12 + 16 * (size_t)i + 8, &ok);
	if (!ok || !cmap)
		return -1;
	/* the best Unicode subtable: full repertoire (3,10 or 0,4+) first, then the BMP (3,1 or 0,x) */
	unsigned n = u16(d, len, cmap + 2, &ok);
	size_t best = 0;
	int best_rank = 0;
	for (unsigned i = 0; i < n && ok; i++) {
		size_t rec = cmap + 4 + 8 * (size_t)i;
		unsigned plat = u16(d, len, rec, &ok), enc = u16(d, len, rec + 2, &ok);
		size_t t = cmap + u32(d, len, rec + 4, &ok);
		unsigned fmt = u16(d, len, t, &ok);
		int rank = fmt == 12 && ((plat == 3 && enc == 10) || plat == 0)  ? 3
		           : fmt == 4 && ((plat == 3 && enc == 1) || plat == 0) ? 2
		                                                                  : 0;
		if (ok && rank > best_rank)
			best = t, best_rank = rank;
	}
	if (!ok || !best_rank)
		return -1;
	cs->bits = xcalloc(TTF_CODEPOINTS / 8, 1);
	if ((best_rank == 3 ? format12(d, len, best, cs) : format4(d, len, best, cs)) != 0) {
		charset_free(cs);
		return -1;
	}
	return 0;
}

void charset_and(charset_t *cs, const charset_t *other)
{
	if (!cs->bits)
		return;
	if (!other->bits) {
		memset(cs->bits, 0, TTF_CODEPOINTS / 8);
		return;
	}
	/* eight bytes at a time: the sets are 136 kB each */
	for (size_t i = 0; i < TTF_CODEPOINTS / 8; i += 8) {
		uint64_t x, y;
		memcpy(&x, cs->bits + i, 8);
		memcpy(&y, other->bits + i, 8);
		x &= y;
		memcpy(cs->bits + i, &x, 8);
	}
}

int charset_has(const charset_t *cs, unsigned cp)
{
	return cs->bits && cp < TTF_CODEPOINTS && (cs->bits[cp >> 3] >> (cp & 7) & 1);
}

void charset_free(charset_t *cs)
{
	free(cs->bits);
	cs->bits = NULL;
}
