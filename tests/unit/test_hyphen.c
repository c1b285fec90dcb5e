/* test_hyphen.c - base/hyphen.c against libhyphen 2.8, whose matching it repeats: the same
 * places on every word of the content, on 200.000 words made of pieces of the Dutch patterns,
 * and on generated pattern files (Latin-1 and UTF-8, repeated patterns, limits, comments,
 * Windows line ends). libhyphen is linked into this test only.
 *
 * One difference is meant: a line of 99 bytes or more is skipped, as libhyphen does since
 * 2.8.9; Debian's 2.8.8 reads it in pieces and writes past its buffers (test_long_line). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <hyphen.h>

#include "base/hyphen.h"
#include "base/util.h"

#define DIC "/usr/share/hyphen/hyph_nl_NL.dic"

/* libhyphen 2.8.8 loses the values of a pattern read twice, which the generated files have:
 * the sanitizer build of this test does not count that as ours */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libhyphen.so";
}

static uint64_t rnd_state;
static unsigned rnd(unsigned n)
{
	rnd_state = rnd_state * 6364136223846793005u + 1442695040888963407u;
	return (unsigned)((rnd_state >> 33) % n);
}

/* What hyph_points promises, from libhyphen: a standard break after a letter, at least two
 * letters before it and three after (hnj_hyphen_hyphenate3 with 2, 3), not before a letter
 * with a diaeresis. libhyphen's places are per character after its UTF-8 normalisation. */
static int oracle(HyphenDict *d, const char *s, size_t len, unsigned char *ok)
{
	memset(ok, 0, len);
	char w[4 * 64 + 1];
	unsigned lc[64];
	size_t end[64], n = 0, wl = 0;
	for (size_t i = 0; i < len;) {
		unsigned cp = 0;
		size_t l = utf8_decode((const unsigned char *)s + i, len - i, &cp);
		unsigned c = l ? hyph_letter(cp) : 0;
		if (!c || n == 64)
			return 0;
		if (d->utf8 && c >= 0x80) {
			w[wl++] = (char)(0xC0 | (c >> 6));
			w[wl++] = (char)(0x80 | (c & 0x3F));
		} else {
			w[wl++] = (char)c;
		}
		lc[n] = c;
		i += l;
		end[n++] = i;
	}
	w[wl] = '\0';
	if (n < 5)
		return 0;
	char hy[4 * 64 + 5];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL, found = 0;
	assert_int_equal(hnj_hyphen_hyphenate3(d, w, (int)wl, hy, NULL, &rep, &pos, &cut, 2, 3, 2, 2), 0);
	for (size_t j = 0; j + 1 < n; j++) {
		unsigned next = lc[j + 1];
		int dia = next == 0xE4 || next == 0xEB || next == 0xEF || next == 0xF6 || next == 0xFC;
		if ((hy[j] & 1) && !(rep && rep[j]) && !dia) {
			ok[end[j] - 1] = 1;
			found++;
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

static void same(const hyph *h, HyphenDict *d, const char *word, size_t len)
{
	unsigned char a[256], b[256];
	int na = hyph_points(h, word, len, a), nb = oracle(d, word, len, b);
	if (na != nb || memcmp(a, b, len)) {
		fprintf(stderr, "verschil bij '%.*s': %d tegen libhyphen %d\n", (int)len, word, na, nb);
		fail();
	}
}

static HyphenDict *oracle_load(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	HyphenDict *d = hnj_hyphen_load_file(f);
	fclose(f);
	return d;
}

/* the letters of the Dutch patterns, for words made of their pieces */
static size_t pieces(const char *data, size_t len, char ***out)
{
	size_t n = 0, cap = 0;
	char **p = NULL;
	for (size_t at = 0; at < len;) {
		const char *nl = memchr(data + at, '\n', len - at);
		size_t e = nl ? (size_t)(nl - data) : len;
		char piece[128];
		size_t k = 0;
		for (size_t i = at; i < e && k + 1 < sizeof piece; i++)
			if ((unsigned char)data[i] > ' ' && data[i] != '.' && (data[i] < '0' || data[i] > '9'))
				piece[k++] = data[i];
		piece[k] = '\0';
		at = e + 1;
		if (!k)
			continue;
		/* Latin-1 in the file, UTF-8 in a word */
		buf_t b = {0};
		for (size_t i = 0; i < k; i++) {
			unsigned char c = (unsigned char)piece[i];
			if (c < 0x80) {
				buf_putc(&b, (char)c);
			} else {
				buf_putc(&b, (char)(0xC0 | (c >> 6)));
				buf_putc(&b, (char)(0x80 | (c & 0x3F)));
			}
		}
		p = xgrow(p, &cap, n + 1, sizeof *p);
		p[n++] = buf_take(&b);
	}
	*out = p;
	return n;
}

static void test_dutch(void **st)
{
	(void)st;
	hyph *h = hyph_open(DIC);
	HyphenDict *d = oracle_load(DIC);
	if (!h || !d)
		skip(); /* hyphen-nl is not installed (tools/deps.sh build installs it) */
	char *data;
	size_t len;
	assert_int_equal(read_file(DIC, 1u << 24, &data, &len), 0);
	char **p;
	size_t np = pieces(data, len, &p);
	assert_true(np > 10000);
	/* the words of the content: every run of letters */
	const char *texts[] = {"content", "tests/regress"};
	size_t words = 0;
	for (size_t t = 0; t < sizeof texts / sizeof *texts; t++) {
		char cmd[256];
		snprintf(cmd, sizeof cmd, "cat $(find %s -name '*.md' | sort) 2>/dev/null", texts[t]);
		FILE *f = popen(cmd, "r");
		assert_non_null(f);
		char line[65536];
		while (fgets(line, sizeof line, f)) {
			size_t n = strlen(line);
			for (size_t i = 0; i < n;) {
				size_t j = i;
				unsigned cp;
				size_t l;
				while (j < n && (l = utf8_decode((const unsigned char *)line + j, n - j, &cp)) && hyph_letter(cp))
					j += l;
				if (j > i) {
					same(h, d, line + i, j - i);
					words++;
					i = j;
				} else {
					i++;
				}
			}
		}
		pclose(f);
	}
	assert_true(words > 1000);
	/* 200.000 words of two to four pieces, some capitalised */
	rnd_state = 1;
	for (int i = 0; i < 200000; i++) {
		char w[256];
		size_t wl = 0;
		for (unsigned k = 2 + rnd(3); k > 0; k--) {
			const char *piece = p[rnd((unsigned)np)];
			size_t pl = strlen(piece), from = rnd((unsigned)pl), to = from + 1 + rnd((unsigned)(pl - from));
			if (rnd(4) == 0)
				from = 0, to = pl;
			if (wl + (to - from) >= 120)
				break;
			memcpy(w + wl, piece + from, to - from);
			wl += to - from;
		}
		if (rnd(5) == 0 && w[0] >= 'a' && w[0] <= 'z')
			w[0] = (char)(w[0] - 32);
		same(h, d, w, wl);
	}
	for (size_t i = 0; i < np; i++)
		free(p[i]);
	free(p);
	free(data);
	hnj_hyphen_free(d);
	hyph_close(h);
}

/* A pattern file over a small alphabet, so that patterns overlap and repeat. */
static void make_dic(const char *path, int utf8)
{
	static const char *letters[] = {"a", "b", "c", "d", "e", "\xE9", "\xEB"};
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	const char *eol = rnd(3) == 0 ? "\r\n" : "\n";
	fprintf(f, "%s%s", utf8 ? "UTF-8" : "ISO8859-1", eol);
	/* the number as atoi reads it: after blanks, with a sign */
	static const char *const before[] = {" ", "\t", " +", "  -", ""};
	if (rnd(3) == 0)
		fprintf(f, "LEFTHYPHENMIN%s%u%s", before[rnd(5)], 1 + rnd(4), eol);
	if (rnd(3) == 0)
		fprintf(f, "RIGHTHYPHENMIN%s%u%s", before[rnd(5)], 1 + rnd(5), eol);
	for (unsigned i = 0, n = 20 + rnd(400); i < n; i++) {
		if (rnd(50) == 0)
			fprintf(f, "%% een opmerking%s", eol);
		unsigned nl = 1 + rnd(6);
		int dot_start = rnd(6) == 0, dot_end = rnd(6) == 0;
		/* no value before a leading dot: it means nothing, and libhyphen 2.8.8 writes it before
		 * its buffers */
		if (rnd(4) && !dot_start)
			fprintf(f, "%u", rnd(10));
		if (dot_start)
			fputc('.', f);
		for (unsigned k = 0; k < nl; k++) {
			const char *l = letters[rnd(7)];
			if ((unsigned char)l[0] >= 0x80 && utf8)
				fprintf(f, "%c%c", 0xC0 | ((unsigned char)l[0] >> 6), 0x80 | ((unsigned char)l[0] & 0x3F));
			else
				fputs(l, f);
			if (rnd(2))
				fprintf(f, "%u", rnd(10));
		}
		if (dot_end)
			fputc('.', f);
		fputs(eol, f);
	}
	fclose(f);
}

static void test_generated(void **st)
{
	(void)st;
	static const char *letters[] = {"a", "b", "c", "d", "e", "\xC3\xA9", "\xC3\xAB", "A", "\xC3\x89"};
	char path[] = "/tmp/meetlat-hyphen-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	rnd_state = 7;
	for (int round = 0; round < 300; round++) {
		make_dic(path, round % 2);
		hyph *h = hyph_open(path);
		HyphenDict *d = oracle_load(path);
		assert_non_null(h);
		assert_non_null(d);
		for (int i = 0; i < 3000; i++) {
			char w[128];
			size_t wl = 0;
			for (unsigned k = 5 + rnd(12); k > 0; k--) {
				const char *l = letters[rnd(9)];
				memcpy(w + wl, l, strlen(l));
				wl += strlen(l);
			}
			same(h, d, w, wl);
		}
		hnj_hyphen_free(d);
		hyph_close(h);
	}
	remove(path);
	close(fd);
}

static hyph *open_text(const char *text)
{
	char path[] = "/tmp/meetlat-hyphen-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (long)strlen(text));
	close(fd);
	hyph *h = hyph_open(path);
	remove(path);
	return h;
}

static void refused(const char *text)
{
	assert_null(open_text(text));
}

static char *points(const hyph *h, const char *word)
{
	unsigned char ok[64];
	size_t n = strlen(word);
	hyph_points(h, word, n, ok);
	buf_t b = {0};
	for (size_t j = 0; j < n; j++) {
		buf_putc(&b, word[j]);
		if (ok[j])
			buf_putc(&b, '-');
	}
	return buf_take(&b);
}

static void test_long_line(void **st)
{
	(void)st;
	char text[512];
	char line[103];
	memset(line, 'x', 99);
	memcpy(line + 99, "b1b", 4);
	/* read in pieces of 99 bytes, the line would end in the pattern b1b: it is skipped whole */
	snprintf(text, sizeof text, "ISO8859-1\n%s\nb1a\n", line);
	hyph *h = open_text(text);
	assert_non_null(h);
	char *p = points(h, "bbbbabbbb");
	assert_string_equal(p, "bbbb-abbbb");
	free(p);
	hyph_close(h);
}

static void test_refused(void **st)
{
	(void)st;
	refused("ISO8859-1\n");                               /* no pattern */
	refused("ISO8859-1\n% alleen een opmerking\n");       /* no pattern */
	refused("ISO8859-1\n1-1\nNEXTLEVEL\na1b\n");          /* a second level */
	refused("ISO8859-1\nc1k/k=k,1,2\nab1c\n");            /* a non-standard break */
	assert_null(hyph_open("/tmp/meetlat-geen-bestand.dic")); /* no file */
	assert_null(hyph_open(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dutch),
		cmocka_unit_test(test_generated),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_long_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
