/* util.c - see util.h. */
#include "base/util.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/platform.h"

static void oom(void)
{
	fputs("meetlat: fout: onvoldoende geheugen\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xgrow(void *p, size_t *cap, size_t need, size_t sz)
{
	if (need < *cap)
		return p;
	size_t n = *cap ? *cap : 8;
	while (n <= need)
		n *= 2;
	p = xrealloc(p, n * sz);
	memset((char *)p + *cap * sz, 0, (n - *cap) * sz);
	*cap = n;
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xasprintf(const char *fmt, ...)
{
	buf_t b = {0};
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return buf_take(&b);
}

static void buf_reserve(buf_t *b, size_t n)
{
	if (b->len + n + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + n + 1)
		cap *= 2;
	b->s = xrealloc(b->s, cap);
	b->cap = cap;
}

void buf_add(buf_t *b, const void *p, size_t n)
{
	buf_reserve(b, n);
	if (n)
		memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void buf_puts(buf_t *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_putc(buf_t *b, char c)
{
	buf_add(b, &c, 1);
}

void buf_vprintf(buf_t *b, const char *fmt, va_list ap)
{
	/* formatted once into the room there is (most texts are short), a second time only when
	 * it did not fit */
	buf_reserve(b, 128);
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, cp);
	va_end(cp);
	if (n < 0) {
		b->s[b->len] = '\0';
		return;
	}
	if ((size_t)n >= b->cap - b->len) {
		buf_reserve(b, (size_t)n);
		vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void buf_printf(buf_t *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void buf_reset(buf_t *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void buf_free(buf_t *b)
{
	if (!b)
		return;
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

char *buf_take(buf_t *b)
{
	char *s = b->s ? b->s : xstrdup("");
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

int read_file(const char *path, size_t max, char **data, size_t *len)
{
	/* the type is checked before a byte is read (a FIFO is never waited for, a device or a
	 * folder is refused: base/platform.c), the size before the whole file is */
	long long size;
	FILE *f = plat_fopen_regular(path, &size);
	if (!f)
		return -1;
	if ((unsigned long long)size > max) {
		fclose(f);
		errno = EFBIG;
		return -1;
	}
	/* read straight into a buffer of the file's size, one byte more and a NUL (no stdio buffer,
	 * whose size stdio asks the system for, and no copy: the fonts alone are 2,8 MB); a short
	 * read is the end or an error. At most max bytes, also when the file grows meanwhile. */
	setvbuf(f, NULL, _IONBF, 0);
	size_t cap = (size_t)size + 2, got = 0;
	char *b = xmalloc(cap);
	errno = 0;
	for (;;) {
		size_t want = cap - 1 - got, n = fread(b + got, 1, want, f);
		got += n;
		if (got > max) {
			free(b);
			fclose(f);
			errno = EFBIG;
			return -1;
		}
		if (n < want)
			break;
		cap = cap < max / 2 ? cap * 2 : max + 2; /* it grew while it was read */
		b = xrealloc(b, cap);
	}
	if (ferror(f)) {
		int e = errno ? errno : EIO;
		fclose(f);
		free(b);
		errno = e;
		return -1;
	}
	b[got] = '\0';
	fclose(f);
	*len = got;
	*data = b;
	return 0;
}

const char *file_problem(int err)
{
	switch (err) {
	case EISDIR:
		return "is een map en geen bestand";
	case ENODEV:
		return "is geen gewoon bestand (maar bijvoorbeeld een pijp of een apparaat)";
	case EFBIG:
		return "is te groot";
	case ENOENT:
		return "bestaat niet";
	case EACCES:
	case EPERM:
		return "mag niet gelezen worden (geen toegang)";
	default:
		return strerror(err);
	}
}

int write_file(const char *path, const void *data, size_t len)
{
	FILE *f = plat_fopen(path, "wb");
	if (!f)
		return -1;
	if (len && fwrite(data, 1, len, f) != len) {
		fclose(f);
		return -1;
	}
	if (fflush(f) != 0 || ferror(f)) {
		fclose(f);
		return -1;
	}
	return fclose(f);
}

char *path_join(const char *a, const char *b)
{
	size_t la = strlen(a);
	if (la == 0)
		return xstrdup(b);
	/* (without printf: a build of 1.000 pages joins 12.000 paths) */
	size_t slash = a[la - 1] != '/', lb = strlen(b);
	char *p = xmalloc(la + slash + lb + 1);
	memcpy(p, a, la);
	p[la] = '/';
	memcpy(p + la + slash, b, lb + 1);
	return p;
}

size_t data_stem_len(const char *name)
{
	static const char *const ext[] = {".csv", ".xlsx", ".xls"};
	size_t n = strlen(name);
	for (size_t i = 0; i < sizeof ext / sizeof *ext; i++) {
		size_t l = strlen(ext[i]);
		if (n > l && !strcasecmp(name + n - l, ext[i]))
			return n - l;
	}
	return n;
}

int str_eq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

int str_ends(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);
	return ls >= lx && memcmp(s + ls - lx, suffix, lx) == 0;
}

size_t mem_hash(const void *p, size_t n)
{
	const unsigned char *s = p;
	unsigned long long h = 0x9E3779B97F4A7C15ULL ^ n, w = 0;
	if (n >= 8) {
		for (size_t i = 0; i + 8 < n; i += 8) {
			memcpy(&w, s + i, 8);
			h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
			h ^= h >> 29;
		}
		memcpy(&w, s + n - 8, 8); /* the last word, overlapping the one before */
	} else {
		for (size_t i = 0; i < n; i++)
			w = w << 8 | s[i];
	}
	h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
	return (size_t)(h ^ h >> 32);
}

/* Length of the valid UTF-8 prefix of s. */
size_t utf8_valid_prefix(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		/* fast path over ASCII: 32 bytes at a time (SSE2, on every x86-64), then eight */
#ifdef __SSE2__
		while (i + 32 <= n) {
			__m128i a = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
			__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s + i + 16));
			if (_mm_movemask_epi8(_mm_or_si128(a, b)))
				break;
			i += 32;
		}
#endif
		while (i + 8 <= n) {
			unsigned long long w;
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		unsigned c = s[i];
		size_t need;
		unsigned min;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			need = 1, min = 0x80;
		} else if (c >= 0xE0 && c <= 0xEF) {
			need = 2, min = 0x800;
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3, min = 0x10000;
		} else {
			return i;
		}
		if (i + need >= n)
			return i;
		unsigned cp = c & (0x3F >> need);
		for (size_t k = 1; k <= need; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += need + 1;
	}
	return n;
}

long list_dir(const char *dir, const char *suffix, char ***names)
{
	long n = plat_list(dir, names), k = 0;
	for (long i = 0; i < n; i++) {
		if ((*names)[i][0] == '.' || !str_ends((*names)[i], suffix))
			free((*names)[i]);
		else
			(*names)[k++] = (*names)[i];
	}
	return n < 0 ? n : k;
}

void free_names(char **names, long n)
{
	for (long i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

size_t utf8_cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	size_t n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

/* One code point of valid UTF-8 at s (n bytes left); returns its length, or 0. */
size_t utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
	if (n && s[0] < 0x80) { /* most characters: ASCII is valid UTF-8 as it stands */
		*cp = s[0];
		return 1;
	}
	size_t l = utf8_valid_prefix(s, n < 4 ? n : 4);
	if (l == 0)
		return 0;
	unsigned c = s[0];
	size_t need = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
	if (need + 1 > l)
		return 0;
	unsigned v = need ? c & (0x3F >> need) : c;
	for (size_t k = 1; k <= need; k++)
		v = (v << 6) | (s[k] & 0x3F);
	*cp = v;
	return need + 1;
}

int cp_is_control(unsigned cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

/* Characters that show nothing or look like a space: a name holding them looks like
 * another name. */
int cp_is_invisible(unsigned cp)
{
	return cp == 0xAD || cp == 0x34F || cp == 0x61C || cp == 0x115F || cp == 0x1160 || cp == 0x17B4 ||
	       cp == 0x17B5 || cp == 0x180E || (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2060 && cp <= 0x206F) || cp == 0x3164 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF ||
	       cp == 0xFFA0 || (cp >= 0xFFF0 && cp <= 0xFFF8) || (cp >= 0xE0000 && cp <= 0xE0FFF);
}

int cp_is_space(unsigned cp)
{
	return cp == ' ' || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
	       cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

int name_normalize(const char *s, size_t len, buf_t *out)
{
	buf_reset(out);
	buf_puts(out, "");
	int space = 0;
	for (size_t i = 0; i < len;) {
		unsigned cp = 0;
		size_t l = utf8_decode((const unsigned char *)s + i, len - i, &cp);
		if (l == 0) {
			l = 1; /* not UTF-8: the CSV reader converted what it could; keep the byte */
			cp = 0xFFFD;
		}
		if (cp_is_control(cp))
			return -1;
		if (cp_is_space(cp)) {
			space = out->len > 0;
		} else if (!cp_is_invisible(cp)) {
			if (space)
				buf_putc(out, ' ');
			space = 0;
			buf_add(out, s + i, l);
		}
		i += l;
	}
	return 0;
}

/* The Latin letter a character from another script looks like, or 0. */
static int latin_look(unsigned cp)
{
	static const struct {
		unsigned cp;
		char c;
	} t[] = {
		{0x391, 'a'}, {0x392, 'b'}, {0x395, 'e'}, {0x396, 'z'}, {0x397, 'h'}, {0x399, 'l'}, {0x39A, 'k'},
		{0x39C, 'm'}, {0x39D, 'n'}, {0x39F, 'o'}, {0x3A1, 'p'}, {0x3A4, 't'}, {0x3A5, 'y'}, {0x3A7, 'x'},
		{0x3B1, 'a'}, {0x3B9, 'l'}, {0x3BA, 'k'}, {0x3BF, 'o'}, {0x3C1, 'p'}, {0x3C4, 't'}, {0x3C5, 'u'},
		{0x406, 'l'}, {0x408, 'j'}, {0x410, 'a'}, {0x412, 'b'}, {0x415, 'e'}, {0x41A, 'k'}, {0x41C, 'm'},
		{0x41D, 'h'}, {0x41E, 'o'}, {0x420, 'p'}, {0x421, 'c'}, {0x422, 't'}, {0x425, 'x'}, {0x430, 'a'},
		{0x435, 'e'}, {0x43E, 'o'}, {0x440, 'p'}, {0x441, 'c'}, {0x442, 't'}, {0x443, 'y'}, {0x445, 'x'},
		{0x456, 'l'}, {0x458, 'j'}, {0x4C0, 'l'}, {0x4CF, 'l'}, {0x1C0, 'l'}, {0x131, 'l'}, {0x2160, 'l'},
		{0x217C, 'l'}, {0x2113, 'l'}, {0x1D40, 't'}, {0x1D1B, 't'}, {0x1D00, 'a'}, {0x1D0F, 'o'},
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++)
		if (t[i].cp == cp)
			return t[i].c;
	if (cp >= 0xFF21 && cp <= 0xFF3A)
		return (int)('a' + (cp - 0xFF21));
	if (cp >= 0xFF41 && cp <= 0xFF5A)
		return (int)('a' + (cp - 0xFF41));
	/* mathematical bold, italic, script, ... letters: 26 capitals then 26 small, repeated */
	if (cp >= 0x1D400 && cp <= 0x1D6A3)
		return (int)('a' + (cp - 0x1D400) % 26);
	return 0;
}

int name_reads_as(const char *name, const char *word)
{
	size_t len = strlen(name), w = 0;
	for (size_t i = 0; i < len;) {
		unsigned cp = 0;
		size_t l = utf8_decode((const unsigned char *)name + i, len - i, &cp);
		if (l == 0)
			return 0;
		int c = cp < 0x80 ? (int)cp : latin_look(cp);
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		/* a capital I and a digit 1 look like a small l; a 0 like an o */
		if (cp == 'I' || cp == '1' || cp == '|')
			c = 'l';
		if (cp == '0')
			c = 'o';
		if (!word[w] || c != word[w])
			return 0;
		w++;
		i += l;
	}
	return word[w] == '\0';
}

static size_t hash_nocase(const char *s)
{
	size_t h = 5381;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		h = h * 33 + (c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	return h;
}

int strset_has(const strset_t *set, const char *name)
{
	if (!set->nslot)
		return 0;
	for (size_t h = hash_nocase(name) & (set->nslot - 1); set->slot[h]; h = (h + 1) & (set->nslot - 1))
		if (!strcasecmp(set->slot[h], name))
			return 1;
	return 0;
}

void strset_add(strset_t *set, const char *name)
{
	if (strset_has(set, name))
		return;
	if ((set->n + 1) * 2 > set->nslot) {
		size_t ns = set->nslot ? set->nslot * 2 : 64;
		char **slot = xcalloc(ns, sizeof *slot);
		for (size_t i = 0; i < set->nslot; i++) {
			if (!set->slot[i])
				continue;
			size_t h = hash_nocase(set->slot[i]) & (ns - 1);
			while (slot[h])
				h = (h + 1) & (ns - 1);
			slot[h] = set->slot[i];
		}
		free(set->slot);
		set->slot = slot;
		set->nslot = ns;
	}
	size_t h = hash_nocase(name) & (set->nslot - 1);
	while (set->slot[h])
		h = (h + 1) & (set->nslot - 1);
	set->slot[h] = xstrdup(name);
	set->n++;
}

void strset_free(strset_t *set)
{
	for (size_t i = 0; i < set->nslot; i++)
		free(set->slot[i]);
	free(set->slot);
	memset(set, 0, sizeof *set);
}
