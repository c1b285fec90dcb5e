/* hyphen.h - where a Dutch word may be broken at the end of a line, from a hyphenation
 * dictionary (Liang's patterns in libhyphen's format, such as Debian's hyph_nl_NL.dic). */
#ifndef MEETLAT_HYPHEN_H
#define MEETLAT_HYPHEN_H

#include <stddef.h>

typedef struct hyph hyph;

/* Load the patterns at `path` (ISO 8859-1 or UTF-8, as the file's first line says); NULL when
 * the file cannot be read, holds no patterns, or has a second level (NEXTLEVEL) or
 * non-standard breaks ("/"), which no Dutch file has. hyph_close(NULL) does nothing. */
hyph *hyph_open(const char *path);
void hyph_close(hyph *h);

/* Where the UTF-8 word s[0..len) may break: ok[i] = 1 (else 0) when a line may end after
 * byte i with a hyphen added, for i < len. Only words of letters are broken (a number, a code
 * or a word with a character outside the dictionary's alphabet is not), at least two letters
 * from the start and three from the end. Returns the number of places. */
int hyph_points(const hyph *h, const char *s, size_t len, unsigned char *ok);

/* The lower case of a letter of Latin-1 (a-z and the accented letters from U+00C0), as the
 * patterns have it; 0 for any other code point: the letters hyph_points breaks words of. */
unsigned hyph_letter(unsigned cp);

#endif
