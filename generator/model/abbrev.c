/* abbrev.c - see abbrev.h. */
#include "model/abbrev.h"

#include <string.h>

size_t abbrev_alnum_at(const char *s, size_t len, size_t i)
{
	const unsigned char *q = (const unsigned char *)s;
	unsigned c = q[i];
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
		return 1;
	if (i + 1 >= len || (q[i + 1] & 0xC0) != 0x80)
		return 0;
	/* two-byte code points U+00C0 to U+024F, less × and ÷ */
	if (c == 0xC3)
		return q[i + 1] == 0x97 || q[i + 1] == 0xB7 ? 0 : 2;
	if (c >= 0xC4 && c <= 0xC9)
		return 2;
	return 0;
}

/* The byte length of the code point at s[i] (1 for a stray byte). */
static size_t cp_len(const char *s, size_t len, size_t i)
{
	unsigned char c = (unsigned char)s[i];
	size_t k = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	return i + k <= len ? k : 1;
}

/* Whether a word could start at s[i]: nothing alphanumeric just before it. Looks back over a
 * two-byte letter too. */
static int word_start(const char *s, size_t i)
{
	if (i == 0)
		return 1;
	if (abbrev_alnum_at(s, i, i - 1))
		return 0;
	return !(i >= 2 && abbrev_alnum_at(s, i, i - 2) == 2);
}

int abbrev_index(const abbrev_t *list, size_t nlist, const char *s, size_t n)
{
	for (size_t i = 0; i < nlist; i++)
		if (strlen(list[i].term) == n && !memcmp(list[i].term, s, n))
			return (int)i;
	return -1;
}

/* An ASCII letter or digit. */
static int ascii_alnum(unsigned char c)
{
	return (unsigned char)((c | 0x20) - 'a') < 26 || (unsigned char)(c - '0') < 10;
}

void abbrev_set_init(abbrev_set *set, const abbrev_t *list, size_t n)
{
	memset(set, 0, sizeof *set);
	set->list = list;
	set->n = n;
	for (size_t t = 0; t < n; t++) {
		unsigned char c = (unsigned char)list[t].term[0];
		set->first[c >> 3] |= (unsigned char)(1u << (c & 7));
		size_t l = strlen(list[t].term);
		set->longest = l > set->longest ? l : set->longest;
	}
}

int abbrev_next(const abbrev_set *set, const char *s, size_t len, size_t from, size_t *at, size_t *n)
{
	if (!set->n)
		return -1;
	const unsigned char *first = set->first;
	size_t longest = set->longest;
	const unsigned char *q = (const unsigned char *)s;
	size_t i = from;
	while (i < len) {
		size_t k = ascii_alnum(q[i]) ? 1 : q[i] < 0x80 ? 0 : abbrev_alnum_at(s, len, i);
		if (!k) {
			i += q[i] < 0x80 ? 1 : cp_len(s, len, i);
			continue;
		}
		size_t j = i + k;
		while (j < len && (k = ascii_alnum(q[j]) ? 1 : q[j] < 0x80 ? 0 : abbrev_alnum_at(s, len, j)))
			j += k;
		if (j - i <= longest && (first[q[i] >> 3] >> (q[i] & 7) & 1) && word_start(s, i)) {
			int hit = abbrev_index(set->list, set->n, s + i, j - i);
			if (hit >= 0) {
				*at = i;
				*n = j - i;
				return hit;
			}
		}
		i = j;
	}
	return -1;
}

static int roman(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr("IVXLCDM", s[i]))
			return 0;
	return 1;
}

int abbrev_looks_like(const char *s, size_t n)
{
	if (n < 2 || n > 12)
		return 0;
	int caps = 0, digits = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] >= 'A' && s[i] <= 'Z')
			caps++;
		else if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else
			return 0;
	}
	if (!caps || (caps < 2 && !digits))
		return 0;
	if (n == 2 && (s[0] == 'Q' || s[0] == 'K') && s[1] >= '1' && s[1] <= '4')
		return 0;
	return !roman(s, n);
}

size_t abbrev_word_end(const char *s, size_t len, size_t at)
{
	size_t e = at;
	while (e < len && s[e] != ' ' && s[e] != '\n' && s[e] != '\t')
		e++;
	/* punctuation that closes the word stays after the expansion */
	for (;;) {
		if (e > at && strchr(".,;:!?)\"'", s[e - 1])) {
			e--;
		} else if (e >= at + 3 && (unsigned char)s[e - 3] == 0xE2 && (unsigned char)s[e - 2] == 0x80 &&
		           ((unsigned char)s[e - 1] == 0x99 || (unsigned char)s[e - 1] == 0x9D)) {
			e -= 3; /* ’ ” */
		} else {
			break;
		}
	}
	return e;
}
