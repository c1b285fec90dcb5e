/* hyphen.c - see hyphen.h.
 *
 * Liang's patterns in libhyphen's file format, read into a trie and matched the way libhyphen
 * 2.8 matches them: the patterns are states of an automaton over ".word.", and at each letter
 * only the pattern of the longest state that ends there counts (libhyphen relies on the
 * patterns being closed under substrings, as the files it reads are made; it does not look
 * for shorter patterns that end at the same letter). Reading the 16.000 Dutch patterns takes
 * about 2 M instructions here against 42 M in libhyphen's loader, which builds a state table
 * through a string hash and frees it string by string (tests/unit/test_hyphen.c compares the
 * two on every word of a large sample and on generated pattern files).
 *
 * What the report needs of the format: the first line names the encoding (UTF-8, or an 8-bit
 * one whose bytes are read as Latin-1), '%' starts a comment, LEFTHYPHENMIN and RIGHTHYPHENMIN
 * raise the two limits. Words of letters only are broken, so COMPOUNDLEFTHYPHENMIN,
 * COMPOUNDRIGHTHYPHENMIN and NOHYPHEN, which libhyphen applies to the parts of a word around a
 * hyphen or apostrophe, change nothing and are skipped. A file with a second level (NEXTLEVEL)
 * or non-standard breaks ("/") is refused: no Dutch pattern file uses them. */
#include "base/hyphen.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"

/* A node of the trie: the string of letters from the root. */
typedef struct {
	unsigned ch;     /* the letter that leads here from the parent */
	unsigned child;  /* the first child, or 0 (the root is never a child) */
	unsigned next;   /* the next sibling, or 0 */
	unsigned values; /* a pattern ends here: its values (one more than its letters) at
	                  * values[this], or 0 */
} node;

struct hyph {
	node *n;
	size_t nn, ncap;
	unsigned char *values;
	size_t nvalues, vcap;
	int lhmin, rhmin;
	unsigned root[256]; /* the root's child for each letter below 256, once read */
};

/* libhyphen reads lines into a buffer of 100 bytes and skips a line that does not fit */
#define MAX_LINE 99
#define MAX_WORD 64

static unsigned child_of(const hyph *h, unsigned at, unsigned ch)
{
	if (at == 0 && ch < 256)
		return h->root[ch];
	for (unsigned c = h->n[at].child; c; c = h->n[c].next)
		if (h->n[c].ch == ch)
			return c;
	return 0;
}

static unsigned add_child(hyph *h, unsigned at, unsigned ch)
{
	unsigned c = h->n[at].child;
	while (c && h->n[c].ch != ch)
		c = h->n[c].next;
	if (c)
		return c;
	if (h->nn + 1 >= h->ncap)
		h->n = xgrow(h->n, &h->ncap, h->nn + 1, sizeof *h->n);
	c = (unsigned)h->nn++;
	h->n[c] = (node){ch, 0, h->n[at].child, 0};
	h->n[at].child = c;
	return c;
}

/* The letters of a pattern line (up to its first blank) and the value before, between and
 * after them; returns the number of letters. */
static size_t pattern_of(const char *s, size_t len, int utf8, unsigned *letters, unsigned char *values)
{
	size_t n = 0;
	values[0] = 0;
	for (size_t i = 0; i < len && (unsigned char)s[i] > ' ' && n < MAX_LINE;) {
		unsigned char c = (unsigned char)s[i];
		if (c >= '0' && c <= '9') {
			values[n] = (unsigned char)(c - '0');
			i++;
			continue;
		}
		unsigned cp = c;
		size_t l = 1;
		if (utf8 && c >= 0x80) {
			l = utf8_decode((const unsigned char *)s + i, len - i, &cp);
			if (!l) { /* not UTF-8: a byte no word's letter equals */
				cp = 0xDC00 + c;
				l = 1;
			}
		}
		letters[n++] = cp;
		values[n] = 0;
		i += l;
	}
	return n;
}

static int keyword(const char *s, size_t len, const char *kw, int *value)
{
	size_t k = strlen(kw);
	if (len < k || memcmp(s, kw, k))
		return 0;
	if (value) { /* as atoi reads it: blanks, a sign, digits */
		size_t i = k;
		while (i < len && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r')))
			i++;
		int neg = i < len && s[i] == '-';
		if (i < len && (s[i] == '-' || s[i] == '+'))
			i++;
		int v = 0;
		while (i < len && s[i] >= '0' && s[i] <= '9' && v < 1000)
			v = v * 10 + (s[i++] - '0');
		*value = neg ? -v : v;
	}
	return 1;
}

static hyph *parse(const char *s, size_t len)
{
	hyph *h = xcalloc(1, sizeof *h);
	h->n = xgrow(NULL, &h->ncap, 4096, sizeof *h->n);
	h->n[0] = (node){0, 0, 0, 0};
	h->nn = 1;
	h->values = xgrow(NULL, &h->vcap, 4096, 1);
	h->nvalues = 1; /* 0 means "no pattern" */
	int utf8 = 0, lhmin = 0, rhmin = 0, patterns = 0, ok = 1;
	/* the path of the previous pattern: the files are sorted, so most of a pattern's path is
	 * the previous one's */
	unsigned prev[MAX_LINE + 1], path[MAX_LINE + 1];
	size_t nprev = 0;
	path[0] = 0;
	for (size_t at = 0, line = 0; at < len && ok; line++) {
		const char *nl = memchr(s + at, '\n', len - at);
		size_t e = nl ? (size_t)(nl - s) : len, l = e - at;
		const char *t = s + at;
		at = e + 1;
		if (line == 0) { /* the encoding */
			while (l && (t[l - 1] == '\r' || t[l - 1] == '\n'))
				l--;
			utf8 = l == 5 && !memcmp(t, "UTF-8", 5);
			continue;
		}
		if (l >= MAX_LINE)
			continue;
		if (keyword(t, l, "NEXTLEVEL", NULL)) {
			ok = 0;
		} else if (l && t[0] == '%') {
			continue;
		} else if (l && t[0] >= 'C' && t[0] <= 'R' && /* the first letters of the keywords */
		           (keyword(t, l, "LEFTHYPHENMIN", &lhmin) || keyword(t, l, "RIGHTHYPHENMIN", &rhmin) ||
		            keyword(t, l, "COMPOUNDLEFTHYPHENMIN", NULL) || keyword(t, l, "COMPOUNDRIGHTHYPHENMIN", NULL) ||
		            keyword(t, l, "NOHYPHEN", NULL))) {
			continue;
		} else if (memchr(t, '/', l)) {
			ok = 0;
		} else {
			unsigned letters[MAX_LINE];
			unsigned char values[MAX_LINE + 1];
			size_t n = pattern_of(t, l, utf8, letters, values);
			if (!n)
				continue;
			size_t same = 0;
			while (same < n && same < nprev && letters[same] == prev[same])
				same++;
			for (size_t i = same; i < n; i++)
				path[i + 1] = add_child(h, path[i], letters[i]);
			memcpy(prev, letters, n * sizeof *letters);
			nprev = n;
			/* a pattern read again replaces the earlier one, as in libhyphen */
			if (h->nvalues + n + 1 >= h->vcap)
				h->values = xgrow(h->values, &h->vcap, h->nvalues + n + 1, 1);
			h->n[path[n]].values = (unsigned)h->nvalues;
			memcpy(h->values + h->nvalues, values, n + 1);
			h->nvalues += n + 1;
			patterns++;
		}
	}
	if (!ok || !patterns) {
		hyph_close(h);
		return NULL;
	}
	for (unsigned c = h->n[0].child; c; c = h->n[c].next)
		if (h->n[c].ch < 256)
			h->root[h->n[c].ch] = c;
	h->lhmin = lhmin > 2 ? lhmin : 2;
	h->rhmin = rhmin > 3 ? rhmin : 3;
	return h;
}

hyph *hyph_open(const char *path)
{
	char *data;
	size_t len;
	if (!path || read_file(path, 64u << 20, &data, &len) != 0)
		return NULL;
	hyph *h = parse(data, len);
	free(data);
	return h;
}

void hyph_close(hyph *h)
{
	if (!h)
		return;
	free(h->n);
	free(h->values);
	free(h);
}

unsigned hyph_letter(unsigned c)
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

static int diaeresis(unsigned lc)
{
	return lc == 0xE4 || lc == 0xEB || lc == 0xEF || lc == 0xF6 || lc == 0xFC;
}

int hyph_points(const hyph *h, const char *s, size_t len, unsigned char *ok)
{
	memset(ok, 0, len);
	if (!h || len < 5)
		return 0;
	/* ".word.", and where each letter ends in s */
	unsigned w[MAX_WORD + 2];
	size_t end[MAX_WORD], n = 0;
	w[0] = '.';
	for (size_t i = 0; i < len;) {
		unsigned cp = 0;
		size_t l = utf8_decode((const unsigned char *)s + i, len - i, &cp);
		unsigned lc = l ? hyph_letter(cp) : 0;
		if (!lc || n == MAX_WORD)
			return 0;
		w[1 + n] = lc;
		i += l;
		end[n++] = i;
	}
	if (n < 5)
		return 0;
	size_t m = n + 2;
	w[m - 1] = '.';
	/* the value of each gap: gap g is before w[g] */
	unsigned char v[MAX_WORD + 3] = {0};
	/* the state after w[i] is the longest w[a..i] that is a path from the root (a only grows):
	 * the state before it, or the longest of its suffixes that is a path, with w[i] added */
	size_t a = 0;
	unsigned at = 0; /* the node of w[a..i) */
	for (size_t i = 0; i < m; i++) {
		unsigned next;
		while (!(next = child_of(h, at, w[i])) && a < i) {
			do {
				a++;
				at = 0;
				size_t k = a;
				while (k < i && (at = child_of(h, at, w[k])) != 0)
					k++;
				if (k == i)
					break;
			} while (1);
		}
		if (!next) { /* not even w[i] alone: the empty state */
			a = i + 1;
			at = 0;
			continue;
		}
		at = next;
		if (!h->n[at].values)
			continue;
		const unsigned char *pv = h->values + h->n[at].values;
		for (size_t q = 0; q <= i - a + 1; q++)
			if (v[a + q] < pv[q])
				v[a + q] = pv[q];
	}
	/* a break after letter j is gap j + 2; at least lhmin letters before it and rhmin after,
	 * and not before a diaeresis, which a break drops ("ge-evalueerd" is written without it) */
	int found = 0;
	for (size_t j = (size_t)h->lhmin - 1; j + (size_t)h->rhmin < n; j++)
		if ((v[j + 2] & 1) && !diaeresis(w[j + 2])) {
			ok[end[j] - 1] = 1;
			found++;
		}
	return found;
}
