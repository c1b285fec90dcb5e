/* Dutch numbers both ways, and escaping. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#if defined(__GLIBC__) && (defined(__x86_64__) || defined(__i386__))
#include <fpu_control.h>
#endif

#include "base/escape.h"
#include "base/fmt.h"

static double P(const char *s, int thou, int *ok)
{
	double v = -999;
	*ok = num_parse(s, strlen(s), thou, &v) == 0;
	return v;
}

static void test_parse(void **st)
{
	(void)st;
	int ok;
	assert_true(P("6,7", 1, &ok) == 6.7 && ok);
	assert_true(P("1.234,5", 1, &ok) == 1234.5 && ok);
	assert_true(P("1.234", 1, &ok) == 1234 && ok);       /* ';' file: thousands */
	assert_true(P("1.234", 0, &ok) == 1.234 && ok);      /* ',' file: decimal point */
	assert_true(P("6.7", 1, &ok) == 6.7 && ok);          /* not a thousands group */
	assert_true(P("1.234.567", 0, &ok) == 1234567 && ok);
	assert_true(P("1,234.5", 1, &ok) == 1234.5 && ok);   /* English with both */
	assert_true(P("-3", 1, &ok) == -3 && ok);
	assert_true(P(" 12 ", 1, &ok) == 12 && ok);
	assert_true(P("75.000,00", 1, &ok) == 75000 && ok);
	/* the nearest double to what is written, as strtod reads it: a workbook's "0.3" and a
	 * CSV file's "0,3" are the same number */
	assert_true(P("0,3", 1, &ok) == 0.3 && ok);
	assert_true(P("0.30000000000000004", 0, &ok) == 0.1 + 0.2 && ok);
	assert_true(P("45321.385416666664", 0, &ok) == 45321.385416666664 && ok);
	assert_true(P("-1.234.567,89", 1, &ok) == -1234567.89 && ok);
	assert_true(P("123456789012345678901234567890", 0, &ok) == 123456789012345678901234567890.0 && ok);
	const char *bad[] = {"", "abc", "6,", "1.23.4", "1,2,3", "--1", "1 000", "12a", ",5", "1.2345,6"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		P(bad[i], 1, &ok);
		if (ok)
			fail_msg("'%s' should not parse", bad[i]);
	}
}

static void test_format(void **st)
{
	(void)st;
	char s[64];
	fmt_num(1234.5, 1, s);
	assert_string_equal(s, "1.234,5");
	fmt_num(1234567, 0, s);
	assert_string_equal(s, "1.234.567");
	fmt_num(6.65, 1, s); /* half away from zero */
	assert_string_equal(s, "6,7");
	fmt_num(-0.04, 1, s);
	assert_string_equal(s, "0,0");
	fmt_num(-1234.25, 1, s);
	assert_string_equal(s, "-1.234,3");
	fmt_num_plain(1234.5, 1, s);
	assert_string_equal(s, "1234,5");
	fmt_pct(15, 0, s);
	assert_string_equal(s, "15%");
	fmt_pct(24.25, 1, s);
	assert_string_equal(s, "24,3%");
}

static void test_escape(void **st)
{
	(void)st;
	buf_t b = {0};
	esc_html(&b, "<a href=\"x\">R&D 'quote'</a>");
	assert_string_equal(b.s, "&lt;a href=&quot;x&quot;&gt;R&amp;D &#39;quote&#39;&lt;/a&gt;");
	buf_reset(&b);
	esc_csv(&b, "gewoon");
	buf_putc(&b, '|');
	esc_csv(&b, "a;b");
	buf_putc(&b, '|');
	esc_csv(&b, "zei \"ja\"");
	buf_putc(&b, '|');
	esc_csv(&b, "=HYPERLINK(\"x\")");
	buf_putc(&b, '|');
	esc_csv(&b, "-12");
	assert_string_equal(b.s, "gewoon|\"a;b\"|\"zei \"\"ja\"\"\"|\"'=HYPERLINK(\"\"x\"\")\"|\"'-12\"");
	/* OWASP: also after spaces, and tab and carriage return */
	const char *evil[] = {"-1+cmd|' /C calc'!A0", "-2+3", "+1", "@SUM(A1)", "\t=1", "\r=1", "  =1"};
	const char *want[] = {"\"'-1+cmd|' /C calc'!A0\"", "\"'-2+3\"", "\"'+1\"", "\"'@SUM(A1)\"",
		"\"'\t=1\"", "\"'\r=1\"", "\"'  =1\""};
	for (size_t i = 0; i < sizeof evil / sizeof *evil; i++) {
		buf_reset(&b);
		esc_csv(&b, evil[i]);
		assert_string_equal(b.s, want[i]);
	}
	buf_reset(&b);
	esc_slug(&b, "Één loket: Team WIL!");
	assert_string_equal(b.s, "n-loket-team-wil");
	/* JSON: quotes, backslashes and control characters escaped, UTF-8 kept, NULL as null */
	buf_reset(&b);
	esc_json(&b, "zei \"ja\"\\\n\t\x01 € ‘x’");
	buf_putc(&b, ' ');
	esc_json(&b, NULL);
	assert_string_equal(b.s, "\"zei \\\"ja\\\"\\\\\\n\\t\\u0001 € ‘x’\" null");
	buf_free(&b);
}

/* fmt_f1 is printf's "%.1f": on ties (0.25, 2.75: exact in binary), on values a hair either
 * side of a tie, on negative zero, on whole numbers and on two million others. */
static void f1_same(double v)
{
	char want[400];
	snprintf(want, sizeof want, "%.1f", v);
	buf_t b = {0};
	fmt_f1(&b, v);
	if (strcmp(b.s, want) != 0) {
		fprintf(stderr, "fmt_f1(%.17g) = %s, printf %s\n", v, b.s, want);
		fail();
	}
	buf_free(&b);
}

static void test_f1(void **st)
{
	(void)st;
	static const double some[] = {0, -0.0, 0.05, 0.25, 0.35, 0.45, 0.75, 0.95, 0.96, 9.95, 9.96, 99.95, -0.04,
		-0.05, -0.25, 1e14 + 0.25, 999999999999999.9, 1e15, 1e300, -1e300, 4.35, 2.675};
	for (size_t i = 0; i < sizeof some / sizeof *some; i++)
		f1_same(some[i]);
	for (int k = -4000; k <= 4000; k++) {
		f1_same(k / 4.0);
		f1_same(k / 20.0);
		f1_same(nextafter(k / 20.0, 1e9));
		f1_same(nextafter(k / 20.0, -1e9));
	}
	uint64_t x = 88172645463325252ull;
	for (int i = 0; i < 2000000; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		double v;
		if (i % 2) {
			v = ((double)(x >> 11) / 9007199254740992.0 - 0.5) * (double)(1ull << (x % 40));
		} else {
			uint64_t bits = (x & 0x800FFFFFFFFFFFFFull) | ((uint64_t)(1000 + x % 60) << 52);
			memcpy(&v, &bits, sizeof v);
		}
		f1_same(v);
	}
#if defined(__GLIBC__) && (defined(__x86_64__) || defined(__i386__))
	/* with the x87 unit rounding to 53 bits (as Windows sets it for MSVC programs) fmt_f1 is
	 * not exact by itself, and must still write what printf writes */
	fpu_control_t cw, cw53;
	_FPU_GETCW(cw);
	cw53 = (fpu_control_t)((cw & ~_FPU_EXTENDED) | _FPU_DOUBLE);
	_FPU_SETCW(cw53);
	for (int k = -400; k <= 400; k++)
		f1_same(k / 20.0);
	_FPU_SETCW(cw);
#endif
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse), cmocka_unit_test(test_format), cmocka_unit_test(test_f1), cmocka_unit_test(test_escape),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
