/* hyphen.c - see hyphen.h. */
#include "base/hyphen.h"

#include <hyphen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/platform.h"
#include "base/util.h"

struct hyph {
	HyphenDict *dict;
};

hyph *hyph_open(const char *path)
{
	if (!path)
		return NULL;
	FILE *f = plat_fopen(path, "rb"); /* a UTF-8 name on Windows too */
	if (!f)
		return NULL;
	HyphenDict *d = hnj_hyphen_load_file(f);
	fclose(f);
	if (!d)
		return NULL;
	if (d->num_states < 2) {
		hnj_hyphen_free(d);
		return NULL;
	}
	hyph *h = xcalloc(1, sizeof *h);
	h->dict = d;
	return h;
}

void hyph_close(hyph *h)
{
	if (!h)
		return;
	hnj_hyphen_free(h->dict);
	free(h);
}

#define MAX_WORD 64

/* Lower case of a letter of Latin-1 (the dictionary's patterns are lower case); 0 for
 * anything that is not a letter. */
static unsigned lower_letter(unsigned c)
{
	if (c >= 'a' && c <= 'z')
		return c;
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c >= 0xE0 && c <= 0xFF && c != 0xF7)
		return c;
	if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
		return c + 32;
	return 0;
}

/* The letter at s[i] has a diaeresis (ä ë ï ö ü). */
static int diaeresis(const char *s, size_t i, size_t len)
{
	unsigned cp = 0;
	if (i >= len || !utf8_decode((const unsigned char *)s + i, len - i, &cp))
		return 0;
	cp = lower_letter(cp);
	return cp == 0xE4 || cp == 0xEB || cp == 0xEF || cp == 0xF6 || cp == 0xFC;
}

int hyph_points(const hyph *h, const char *s, size_t len, unsigned char *ok)
{
	memset(ok, 0, len);
	if (!h || len < 5)
		return 0;
	/* the word in the dictionary's encoding, and where each of its letters ends in s */
	char w[4 * MAX_WORD + 1];
	size_t end[MAX_WORD], n = 0, wl = 0;
	for (size_t i = 0; i < len;) {
		unsigned cp = 0;
		size_t l = utf8_decode((const unsigned char *)s + i, len - i, &cp);
		unsigned lc = l ? lower_letter(cp) : 0;
		if (!lc || n == MAX_WORD)
			return 0;
		if (h->dict->utf8) {
			char u[4];
			size_t k = 0;
			if (lc < 0x80) {
				u[k++] = (char)lc;
			} else {
				u[k++] = (char)(0xC0 | (lc >> 6));
				u[k++] = (char)(0x80 | (lc & 0x3F));
			}
			memcpy(w + wl, u, k);
			wl += k;
		} else {
			w[wl++] = (char)lc;
		}
		i += l;
		end[n++] = i;
	}
	w[wl] = '\0';
	if (n < 5)
		return 0;
	char hy[4 * MAX_WORD + 5];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL, found = 0;
	if (hnj_hyphen_hyphenate3(h->dict, w, (int)wl, hy, NULL, &rep, &pos, &cut, 2, 3, 2, 2) == 0) {
		/* hy[j] is per byte of w in a UTF-8 dictionary, per letter in a Latin-1 one */
		size_t letter = 0;
		for (size_t j = 0; j < wl && letter < n; j++) {
			int last_byte = !h->dict->utf8 || j + 1 == wl || ((unsigned char)w[j + 1] & 0xC0) != 0x80;
			if (!last_byte)
				continue;
			/* a standard break only: a non-standard one (rep) changes letters; and not before a
			 * diaeresis, which a break drops ("ge-evalueerd" is written without it) */
			if ((hy[j] & 1) && !(rep && rep[j]) && letter + 1 < n && !diaeresis(s, end[letter], len)) {
				ok[end[letter] - 1] = 1;
				found++;
			}
			letter++;
		}
	}
	if (rep) {
		for (size_t j = 0; j < wl; j++)
			free(rep[j]);
		free(rep);
	}
	free(pos);
	free(cut);
	return found;
}
