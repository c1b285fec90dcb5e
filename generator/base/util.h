/* util.h - allocation helpers that abort on out-of-memory, a growable byte buffer,
 * and small string and file helpers shared by every module. */
#ifndef MEETLAT_UTIL_H
#define MEETLAT_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#include "base/platform.h"

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow *p (holding *cap elements of size sz) so index `need` fits. */
void *xgrow(void *p, size_t *cap, size_t need, size_t sz);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) PRINTF_LIKE(1, 2);

/* Growable buffer; always NUL-terminated after any add. buf_free is NULL-safe. */
typedef struct {
	char *s;
	size_t len, cap;
} buf_t;

void buf_add(buf_t *b, const void *p, size_t n);
void buf_puts(buf_t *b, const char *s);
void buf_putc(buf_t *b, char c);
void buf_printf(buf_t *b, const char *fmt, ...) PRINTF_LIKE(2, 3);
void buf_vprintf(buf_t *b, const char *fmt, va_list ap);
void buf_reset(buf_t *b);
void buf_free(buf_t *b);
/* Hand over the string (caller frees); the buffer is empty afterwards. */
char *buf_take(buf_t *b);

/* Read a whole regular file of at most `max` bytes; returns 0, or -1 with errno set: EISDIR
 * (a folder), ENODEV (a FIFO, device or socket: never waited for), EFBIG (larger than max),
 * or what open/read said. Nothing beyond max is ever read. */
int read_file(const char *path, size_t max, char **data, size_t *len);
/* What a read_file errno means, for a message after the file's name: "is een map ...". */
const char *file_problem(int err);
/* The names in `dir` that end in `suffix` and do not start with '.', sorted (byte order, so
 * the same on every machine). Returns the count, or -1 with errno set; free with free_names. */
long list_dir(const char *dir, const char *suffix, char ***names);
void free_names(char **names, long n);
/* Write a whole file, checking every step; returns 0 or -1 with errno set. */
int write_file(const char *path, const void *data, size_t len);

/* Join two path parts with one '/'. Caller frees. */
char *path_join(const char *a, const char *b);

/* Length of the valid UTF-8 prefix of s (n when all of it is valid). */
size_t utf8_valid_prefix(const unsigned char *s, size_t n);

/* A hash of n bytes for tables in memory, a word at a time: not stable between versions, so
 * never written anywhere. */
size_t mem_hash(const void *p, size_t n);

/* The length to keep of s (len bytes) so that it is at most max bytes and ends on a character
 * boundary: every limit cuts whole characters. */
size_t utf8_cut(const char *s, size_t len, size_t max);
/* Decode one code point of valid UTF-8 (n bytes left); its length in bytes, or 0. */
size_t utf8_decode(const unsigned char *s, size_t n, unsigned *cp);
int cp_is_control(unsigned cp);   /* C0, DEL, C1 */
int cp_is_invisible(unsigned cp); /* zero-width, soft hyphen, direction marks, BOM, ... */
int cp_is_space(unsigned cp);     /* space, no-break space and the other Unicode spaces */

/* A name as a reader sees it (a team, a channel): Unicode spaces become one space, invisible
 * characters go, no blanks at either end. Returns 0, or -1 when it holds a control character
 * (out is then incomplete). */
int name_normalize(const char *s, size_t len, buf_t *out);
/* Whether a normalized name reads as `word` (ASCII, lower case): look-alike letters from other
 * scripts and full-width forms count as the Latin letter ("Тоtааl" reads as "totaal"). */
int name_reads_as(const char *name, const char *word);

/* A set of names, compared without regard to ASCII case (as Excel compares sheet and table
 * names); add and look up in constant time. strset_free is NULL-safe. */
typedef struct {
	char **slot;
	size_t nslot, n;
} strset_t;
int strset_has(const strset_t *set, const char *name);
void strset_add(strset_t *set, const char *name); /* copies name */
void strset_free(strset_t *set);

/* The length of a data file's name without its extension when that is one an export may have
 * (.csv, .xlsx, .xls; any case): "terugbelverzoeken.xlsx" and "terugbelverzoeken" are the
 * same source. */
size_t data_stem_len(const char *name);

int str_eq(const char *a, const char *b);
int str_ends(const char *s, const char *suffix);

#endif
