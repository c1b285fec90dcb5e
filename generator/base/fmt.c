/* fmt.c - see fmt.h. */
#include "base/fmt.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"

int num_parse(const char *s, size_t len, int dot_is_thousands, double *v)
{
	size_t i = 0;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	while (len > i && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (i == len)
		return -1;
	int neg = 0;
	if (s[i] == '-' || s[i] == '+') {
		neg = s[i] == '-';
		i++;
	}
	/* Which separator is the decimal one? The last of ',' and '.', if it occurs once
	 * and the other one occurs before it only. */
	const char *lastc = NULL, *lastd = NULL;
	int nc = 0, nd = 0;
	for (size_t k = i; k < len; k++) {
		if (s[k] == ',') {
			lastc = s + k;
			nc++;
		} else if (s[k] == '.') {
			lastd = s + k;
			nd++;
		} else if (s[k] < '0' || s[k] > '9') {
			return -1;
		}
	}
	char dec, thou;
	if (nc && nd) {
		if (lastc > lastd) {
			dec = ',', thou = '.';
		} else {
			dec = '.', thou = ',';
		}
	} else if (nc) {
		dec = ',', thou = nc > 1 ? ',' : 0;
		if (nc > 1)
			dec = 0;
	} else if (nd) {
		/* "1.234" is a thousand in a ';' file; "6.7" can only be a decimal point */
		size_t after = (size_t)(s + len - lastd - 1);
		if (nd > 1 || (dot_is_thousands && after == 3))
			dec = 0, thou = '.';
		else
			dec = '.', thou = 0;
	} else {
		dec = 0, thou = 0;
	}
	/* Checked here, converted by strtod from the plain digits ("1234.5"): the nearest double
	 * to the decimal written, the same whether it came as "1.234,5", "1234.5" or from a
	 * workbook. meetlat never sets a locale, so strtod reads '.' (the "C" locale). */
	char small[64];
	char *plain = len - i + 2 <= sizeof small ? small : xmalloc(len - i + 2);
	size_t o = 0;
	if (neg)
		plain[o++] = '-';
	int ndig = 0, nfrac = 0, group = -1, seen_dec = 0, rv = 0;
	for (size_t k = i; k < len && rv == 0; k++) {
		char c = s[k];
		if (thou && c == thou && !seen_dec) {
			/* groups of three after the first separator, first group 1-3 digits */
			if ((group == -1 && (ndig < 1 || ndig > 3)) || (group >= 0 && group != 3))
				rv = -1;
			group = 0;
		} else if (dec && c == dec) {
			if (seen_dec || ndig == 0 || (group >= 0 && group != 3))
				rv = -1;
			seen_dec = 1;
			plain[o++] = '.';
		} else if (c < '0' || c > '9') {
			rv = -1;
		} else {
			plain[o++] = c;
			if (seen_dec) {
				nfrac++;
			} else {
				ndig++;
				if (group >= 0)
					group++;
			}
		}
	}
	if (ndig == 0 || (group >= 0 && !seen_dec && group != 3))
		rv = -1;
	if (seen_dec && nfrac == 0)
		rv = -1; /* "6," */
	if (rv == 0) {
		plain[o] = '\0';
		*v = strtod(plain, NULL);
		if (!isfinite(*v))
			rv = -1; /* 400 digits */
	}
	if (plain != small)
		free(plain);
	return rv;
}

double num_round(double v, int dec)
{
	double p = pow(10, dec);
	double r = round(fabs(v) * p + 1e-9) / p;
	return v < 0 ? -r : r;
}

static void fmt_core(double v, int dec, int group, char *out)
{
	char tmp[64];
	/* callers give 48 bytes: 15 digits with their dots, a sign and a fraction fit; nothing a
	 * KPI can hold is larger (model.h, kpi_value_range) */
	if (!isfinite(v) || fabs(v) >= 1e15 || dec < 0 || dec > 6) {
		strcpy(out, "-");
		return;
	}
	/* num_round's steps: k the rounded value in units of the last decimal */
	double p = pow(10, dec);
	double k = round(fabs(v) * p + 1e-9), r = k / p;
	if (k < 4e15) {
		/* r printed with dec decimals ("%.*f") is the digits of k: below 2^52 the division's
		 * error is far less than half a unit of the last decimal. Written here, without the
		 * C library's exact conversion (a fifth of a build's formatting went there). */
		unsigned long long u = (unsigned long long)k;
		char d[32];
		int n = 0, t = 0;
		do {
			d[n++] = (char)('0' + u % 10);
			u /= 10;
		} while (u);
		while (n <= dec)
			d[n++] = '0';
		for (int i = n - 1; i >= dec; i--)
			tmp[t++] = d[i];
		if (dec) {
			tmp[t++] = '.';
			for (int i = dec - 1; i >= 0; i--)
				tmp[t++] = d[i];
		}
		tmp[t] = '\0';
	} else {
		snprintf(tmp, sizeof tmp, "%.*f", dec, r);
	}
	char *dot = strchr(tmp, '.');
	size_t ilen = dot ? (size_t)(dot - tmp) : strlen(tmp);
	char *o = out;
	if (v < 0 && r != 0)
		*o++ = '-';
	for (size_t j = 0; j < ilen; j++) {
		*o++ = tmp[j];
		size_t left = ilen - j - 1;
		if (group && left > 0 && left % 3 == 0)
			*o++ = '.';
	}
	if (dot) {
		*o++ = ',';
		strcpy(o, dot + 1);
	} else {
		*o = '\0';
	}
}

void fmt_num(double v, int dec, char *out)
{
	fmt_core(v, dec, 1, out);
}

void fmt_num_plain(double v, int dec, char *out)
{
	fmt_core(v, dec, 0, out);
}

void fmt_pct(double v, int dec, char *out)
{
	fmt_core(v, dec, 1, out);
	if (strcmp(out, "-") != 0)
		strcat(out, "%");
}

char *fmt_ull(char *out, unsigned long long v)
{
	char d[20];
	int n = 0;
	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*out++ = d[--n];
	*out = '\0';
	return out;
}

char *fmt_ll(char *out, long long v)
{
	if (v < 0)
		*out++ = '-';
	return fmt_ull(out, v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v);
}

void fmt_f1(buf_t *b, double v)
{
	double a = fabs(v);
	if (!(a < 1e15)) {
		buf_printf(b, "%.1f", v);
		return;
	}
	/* a = m * 2^e exactly, and q = a * 10 rounded to the nearest whole number, a tie to the
	 * even one, in integers: exact on any machine (no x87 precision, no valgrind rounding) */
	uint64_t bits;
	memcpy(&bits, &a, sizeof bits);
	int ex = (int)(bits >> 52 & 0x7FF);
	uint64_t m = bits & ((1ull << 52) - 1), q;
	if (ex)
		m |= 1ull << 52;
	int e = ex ? ex - 1075 : -1074;
	if (e >= 0) {
		q = m * 10 << e; /* below 1e16: no overflow */
	} else if (e > -64) {
		uint64_t n = m * 10, r = n & ((1ull << -e) - 1), half = 1ull << (-e - 1);
		q = n >> -e;
		q += r > half || (r == half && (q & 1));
	} else {
		q = 0; /* below 2^-11: a tenth rounds to nothing */
	}
	char s[24], *o = s;
	if (signbit(v))
		*o++ = '-';
	o = fmt_ull(o, q / 10);
	*o++ = '.';
	*o++ = (char)('0' + q % 10);
	buf_add(b, s, (size_t)(o - s));
}
