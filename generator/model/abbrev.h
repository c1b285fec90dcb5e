/* abbrev.h - abbreviations in running text: finding the ones the content explains
 * ('afkortingen:', model.h abbrev_t) as whole words, and spotting words that look like an
 * abbreviation the list may not explain (for the plain-language check, model/b1.h).
 *
 * A word is a run of letters and digits; anything else ends it, a hyphen too, so "VTH" is
 * found in "VTH-APV", "MKB-Nederland" and "KCC's". Letters are ASCII and the accented Latin
 * letters (U+00C0 to U+024F); punctuation such as "–", "’" or "€" ends a word. Matching is
 * case-sensitive: "MT" is not "mt", and "Wmo" is found only as written in the list. */
#ifndef MEETLAT_ABBREV_H
#define MEETLAT_ABBREV_H

#include <stddef.h>

#include "model/model.h"

/* The list made ready for abbrev_next once: the bytes a term starts with and the longest term
 * rule out most words unread. The list must outlive the set; nothing to free. */
typedef struct {
	const abbrev_t *list;
	size_t n;
	unsigned char first[32];
	size_t longest;
} abbrev_set;
void abbrev_set_init(abbrev_set *set, const abbrev_t *list, size_t n);

/* The first word in s[from..len) that is an abbreviation of the set's list: its index in the
 * list, with *at and *n its place in s; -1 when there is none. */
int abbrev_next(const abbrev_set *set, const char *s, size_t len, size_t from, size_t *at, size_t *n);

/* The index of the list entry spelled exactly as s[0..n), or -1. */
int abbrev_index(const abbrev_t *list, size_t nlist, const char *s, size_t n);

/* Whether the word s[0..n) looks like an abbreviation: two or more characters, only capitals
 * and digits, at least one capital, and either two capitals or a digit (VTH, KCC, MT, B1). A
 * quarter (Q3, K3) and a Roman numeral (II, XIV) do not count. */
int abbrev_looks_like(const char *s, size_t n);

/* The end of the word that starts at or contains s[at] (for where to write an expansion: after
 * "MKB-vriendelijkste", not inside it): the first space or line break at or after `at`, less
 * the punctuation the word ends with (".,;:!?)" and closing quotes). */
size_t abbrev_word_end(const char *s, size_t len, size_t at);

/* Letters and digits in the sense above: the length of the code point at s[i] when it is one,
 * else 0. */
size_t abbrev_alnum_at(const char *s, size_t len, size_t i);

#endif
