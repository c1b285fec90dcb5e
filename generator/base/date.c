/* date.c - see date.h. Day numbers follow the proleptic Gregorian calendar. */
#include "base/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"


int day_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void day_to_ymd(int z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* The days of month m (1-12) of year y. */
static int days_in_month(int y, int m)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return mdays[m - 1] + (m == 2 && leap(y));
}

int ymd_valid(int y, int m, int d)
{
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= days_in_month(y, m);
}

int day_weekday(int day)
{
	/* 1970-01-01 was a Thursday (3). */
	int w = (day + 3) % 7;
	return w < 0 ? w + 7 : w;
}

int day_easter(int y)
{
	int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31;
	int dd = (h + l - 7 * m + 114) % 31 + 1;
	return day_from_ymd(y, month, dd);
}

/* Reads 1..maxd digits; returns the number of digits read. */
static int digits(const char *s, size_t len, size_t *i, int maxd, int *out)
{
	int n = 0, v = 0;
	while (*i < len && n < maxd && s[*i] >= '0' && s[*i] <= '9') {
		v = v * 10 + (s[*i] - '0');
		(*i)++;
		n++;
	}
	*out = v;
	return n;
}

/* The date part of a value from *i: "2024-10-01" or "1-10-2024" (also with '/'), valid. */
static int parse_ymd(const char *s, size_t len, size_t *ip, int *y, int *m, int *d)
{
	size_t i = *ip;
	int a, b, c;
	int na = digits(s, len, &i, 4, &a);
	if (na == 0 || i >= len || (s[i] != '-' && s[i] != '/'))
		return -1;
	char sep = s[i++];
	int nb = digits(s, len, &i, 2, &b);
	if (nb == 0 || i >= len || s[i] != sep)
		return -1;
	i++;
	int nc = digits(s, len, &i, 4, &c);
	if (na == 4 && sep == '-' && nb == 2 && nc == 2) {
		*y = a, *m = b, *d = c;
	} else if (na <= 2 && nc == 4) {
		*d = a, *m = b, *y = c;
	} else {
		return -1;
	}
	if (!ymd_valid(*y, *m, *d))
		return -1;
	*ip = i;
	return 0;
}

/* What may follow the date: nothing, or a time ("09:15", "09:15:30") after blanks or a 'T'. */
static int parse_time(const char *s, size_t len, size_t i)
{
	if (i >= len)
		return 0;
	if (s[i] != ' ' && s[i] != 'T')
		return -1;
	/* " 09:15", as most exports write it: the same answer as the whole way below */
	if (len - i == 6 && s[i + 3] == ':' && s[i + 1] >= '0' && s[i + 1] <= '2' && s[i + 2] >= '0' &&
	    s[i + 2] <= '9' && s[i + 4] >= '0' && s[i + 4] <= '5' && s[i + 5] >= '0' && s[i + 5] <= '9')
		return s[i + 1] == '2' && s[i + 2] > '3' ? -1 : 0;
	while (i < len && (s[i] == ' ' || s[i] == 'T'))
		i++;
	int hh, mm, ss;
	if (digits(s, len, &i, 2, &hh) == 0 || hh > 23 || i >= len || s[i] != ':')
		return -1;
	i++;
	if (digits(s, len, &i, 2, &mm) != 2 || mm > 59)
		return -1;
	if (i < len && s[i] == ':') {
		i++;
		if (digits(s, len, &i, 2, &ss) != 2 || ss > 59)
			return -1;
	}
	return i == len ? 0 : -1;
}

static void trim_blanks(const char *s, size_t *i, size_t *len)
{
	while (*i < *len && (s[*i] == ' ' || s[*i] == '\t'))
		(*i)++;
	while (*len > *i && (s[*len - 1] == ' ' || s[*len - 1] == '\t'))
		(*len)--;
}

int date_parse(const char *s, size_t len, int *day)
{
	size_t i = 0;
	int y, m, d;
	trim_blanks(s, &i, &len);
	if (parse_ymd(s, len, &i, &y, &m, &d) != 0 || parse_time(s, len, i) != 0)
		return -1;
	*day = day_from_ymd(y, m, d);
	return 0;
}

static int is_digit(char c)
{
	return (unsigned)(c - '0') < 10;
}

/* The day of the month of s[i..len) when it is memo's date but for the day (same separators,
 * month and year): 1..31, or 0. *end is where the date ends. */
static int same_month(const date_memo *memo, const char *s, size_t len, size_t i, size_t *end)
{
	size_t ml = memo->len;
	if (!ml || len - i < ml - 1)
		return 0;
	int d;
	size_t e;
	if (memo->dlen == 0) { /* 2024-10-01: the last two digits */
		if (len - i < ml || memcmp(s + i, memo->text, ml - 2) || !is_digit(s[i + ml - 2]) || !is_digit(s[i + ml - 1]))
			return 0;
		d = (s[i + ml - 2] - '0') * 10 + (s[i + ml - 1] - '0');
		e = i + ml;
	} else { /* 1-10-2024: one or two digits before the separator */
		size_t k = is_digit(s[i]) ? (i + 1 < len && is_digit(s[i + 1]) ? 2 : 1) : 0;
		size_t rest = ml - (size_t)memo->dlen;
		if (!k || len - i - k < rest || memcmp(s + i + k, memo->text + memo->dlen, rest))
			return 0;
		d = k == 2 ? (s[i] - '0') * 10 + (s[i + 1] - '0') : s[i] - '0';
		e = i + k + rest;
	}
	if (d < 1 || d > memo->mdays || (e < len && is_digit(s[e])))
		return 0;
	*end = e;
	return d;
}

/* The text s[0..len) read as the day `day`: the next time it comes, it is only compared. */
static void memo_raw(date_memo *memo, const char *s, size_t len, int day)
{
	if (len <= sizeof memo->raw) {
		memcpy(memo->raw, s, len);
		memo->rawlen = len;
		memo->rawday = day;
	}
}

int date_parse_memo(date_memo *memo, const char *s, size_t len, int *day)
{
	/* the text of the row before, as most rows of a date-only column have it (a text with a
	 * time is not kept: its minutes differ from row to row) */
	if (len && len == memo->rawlen && !memcmp(s, memo->raw, len)) {
		*day = memo->rawday;
		return 0;
	}
	size_t i = 0, whole = len;
	trim_blanks(s, &i, &len);
	/* the date of the memo, or of its month, not followed by another digit (which parse_ymd
	 * would have read or refused): only the day and what follows are still to be checked */
	size_t e;
	int d = same_month(memo, s, len, i, &e);
	if (d) {
		if (parse_time(s, len, e) != 0)
			return -1;
		*day = memo->day + d - memo->d;
		if (d != memo->d && e - i <= sizeof memo->text) {
			memcpy(memo->text, s + i, e - i);
			memo->len = e - i;
			memo->dlen = memo->dlen ? (is_digit(s[i + 1]) ? 2 : 1) : 0;
			memo->day = *day;
			memo->d = d;
		}
		if (e == len)
			memo_raw(memo, s, whole, *day);
		return 0;
	}
	int y, m;
	size_t start = i;
	if (parse_ymd(s, len, &i, &y, &m, &d) != 0 || parse_time(s, len, i) != 0)
		return -1;
	*day = day_from_ymd(y, m, d);
	if (i - start <= sizeof memo->text) {
		memcpy(memo->text, s + start, i - start);
		memo->len = i - start;
		memo->day = *day;
		memo->d = d;
		memo->mdays = days_in_month(y, m);
		/* where the day is: the digits before the first separator, unless they are the four
		 * of a year ("2024-10-01") */
		int lead = 0;
		while (is_digit(s[start + (size_t)lead]))
			lead++;
		memo->dlen = lead == 4 ? 0 : lead;
	}
	if (i == len)
		memo_raw(memo, s, whole, *day);
	return 0;
}

void date_iso(int day, char *out)
{
	int y, m, d;
	day_to_ymd(day, &y, &m, &d);
	snprintf(out, 32, "%04d-%02d-%02d", y, m, d);
}

void date_short(int day, char *out)
{
	int y, m, d;
	day_to_ymd(day, &y, &m, &d);
	snprintf(out, 32, "%02d-%02d-%04d", d, m, y);
}

/* The month of every day from 1900 to 2199 (the dates meetlat reads), counted from January
 * 1900: period_of runs for every row the engine counts. Filled on first use, day by day. */
#define MONTHS_FROM 1900
#define MONTHS_TO 2200
static unsigned short month_table[(MONTHS_TO - MONTHS_FROM) * 366];
static int month_day0, month_days;

static void month_table_fill(void)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int n = 0;
	for (int y = MONTHS_FROM; y < MONTHS_TO; y++)
		for (int m = 0; m < 12; m++)
			for (int d = mdays[m] + (m == 1 && leap(y)); d > 0; d--)
				month_table[n++] = (unsigned short)((y - MONTHS_FROM) * 12 + m);
	month_day0 = day_from_ymd(MONTHS_FROM, 1, 1);
	month_days = n;
}

void date_tables(void)
{
	if (!month_days)
		month_table_fill();
}

int period_of(per_t per, int day)
{
	if (!month_days)
		month_table_fill();
	int y, m;
	if (day >= month_day0 && day - month_day0 < month_days) {
		int mo = month_table[day - month_day0];
		if (per == PER_MAAND)
			return MONTHS_FROM * 12 + mo;
		y = MONTHS_FROM + mo / 12;
		m = mo % 12 + 1;
	} else {
		int d;
		day_to_ymd(day, &y, &m, &d);
	}
	switch (per) {
	case PER_MAAND:
		return y * 12 + (m - 1);
	case PER_KWARTAAL:
		return y * 4 + (m - 1) / 3;
	case PER_JAAR:
		return y;
	}
	return 0;
}

int period_first_day(per_t per, int key)
{
	switch (per) {
	case PER_MAAND:
		return day_from_ymd(key / 12, key % 12 + 1, 1);
	case PER_KWARTAAL:
		return day_from_ymd(key / 4, (key % 4) * 3 + 1, 1);
	case PER_JAAR:
		return day_from_ymd(key, 1, 1);
	}
	return 0;
}

int period_last_day(per_t per, int key)
{
	return period_first_day(per, key + 1) - 1;
}

/* v (0 to 9999) as %04d writes it, at o; returns the end. */
static char *four_digits(char *o, int v)
{
	o[0] = (char)('0' + v / 1000);
	o[1] = (char)('0' + v / 100 % 10);
	o[2] = (char)('0' + v / 10 % 10);
	o[3] = (char)('0' + v % 10);
	o[4] = '\0';
	return o + 4;
}

void period_code(per_t per, int key, char *out)
{
	int y = per == PER_MAAND ? key / 12 : per == PER_KWARTAAL ? key / 4 : key;
	if (key >= 0 && y <= 9999) { /* without snprintf: every row of the open data has one */
		out = four_digits(out, y);
		if (per == PER_MAAND) {
			int m = key % 12 + 1;
			out[0] = '-';
			out[1] = (char)('0' + m / 10);
			out[2] = (char)('0' + m % 10);
			out[3] = '\0';
		} else if (per == PER_KWARTAAL) {
			out[0] = '-';
			out[1] = 'K';
			out[2] = (char)('0' + key % 4 + 1);
			out[3] = '\0';
		}
		return;
	}
	switch (per) {
	case PER_MAAND:
		snprintf(out, 32, "%04d-%02d", key / 12, key % 12 + 1);
		return;
	case PER_KWARTAAL:
		snprintf(out, 32, "%04d-K%d", key / 4, key % 4 + 1);
		return;
	case PER_JAAR:
		snprintf(out, 32, "%04d", key);
		return;
	}
}

int period_parse(const char *s, size_t len, per_t *per, int *key)
{
	size_t i = 0;
	while (i < len && s[i] == ' ')
		i++;
	while (len > i && s[len - 1] == ' ')
		len--;
	int y, v;
	if (digits(s, len, &i, 4, &y) != 4 || y < 1900 || y > 2199)
		return -1;
	if (i == len) {
		*per = PER_JAAR;
		*key = y;
		return 0;
	}
	if (s[i++] != '-' || i >= len)
		return -1;
	if (s[i] == 'Q' || s[i] == 'q' || s[i] == 'K' || s[i] == 'k') {
		i++;
		if (digits(s, len, &i, 1, &v) != 1 || v < 1 || v > 4 || i != len)
			return -1;
		*per = PER_KWARTAAL;
		*key = y * 4 + v - 1;
		return 0;
	}
	if (digits(s, len, &i, 2, &v) != 2 || v < 1 || v > 12 || i != len)
		return -1;
	*per = PER_MAAND;
	*key = y * 12 + v - 1;
	return 0;
}

static void table_drop(calendar_t *c)
{
	free(c->before);
	free(c->workday);
	c->before = c->workday = NULL;
	c->ndays = c->nwork = 0;
}

void calendar_add_closed(calendar_t *c, int day)
{
	size_t i = 0;
	while (i < c->nclosed && c->closed[i] < day)
		i++;
	if (i < c->nclosed && c->closed[i] == day)
		return;
	c->closed = xgrow(c->closed, &c->capclosed, c->nclosed, sizeof *c->closed);
	memmove(c->closed + i + 1, c->closed + i, (c->nclosed - i) * sizeof *c->closed);
	c->closed[i] = day;
	c->nclosed++;
	table_drop(c);
}

void calendar_free(calendar_t *c)
{
	if (!c)
		return;
	free(c->closed);
	c->closed = NULL;
	c->nclosed = c->capclosed = 0;
	table_drop(c);
}

const char *calendar_holiday(int day)
{
	int y, m, d;
	day_to_ymd(day, &y, &m, &d);
	if (m == 1 && d == 1)
		return "Nieuwjaarsdag";
	if (m == 12 && d == 25)
		return "Eerste Kerstdag";
	if (m == 12 && d == 26)
		return "Tweede Kerstdag";
	if (m == 4) {
		/* Koningsdag: 27 April, or 26 April when the 27th is a Sunday. */
		int k = day_from_ymd(y, 4, 27);
		if (day_weekday(k) == 6)
			k--;
		if (day == k)
			return "Koningsdag";
	}
	/* Bevrijdingsdag: every year from 2024, before that only in lustrum years. */
	if (m == 5 && d == 5 && (y >= 2024 || y % 5 == 0))
		return "Bevrijdingsdag";
	int e = day_easter(y);
	if (day == e + 1)
		return "Tweede Paasdag";
	if (day == e + 39)
		return "Hemelvaartsdag";
	if (day == e + 50)
		return "Tweede Pinksterdag";
	return NULL;
}

static int is_closed(const calendar_t *c, int day)
{
	size_t lo = 0, hi = c ? c->nclosed : 0;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (c->closed[mid] < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return c && lo < c->nclosed && c->closed[lo] == day;
}

int calendar_is_workday(const calendar_t *c, int day)
{
	return day_weekday(day) < 5 && !calendar_holiday(day) && !is_closed(c, day);
}

/* Build the table for whole years around [lo, hi], so a run over years of data builds it
 * once or twice, not per row. */
static void table_build(calendar_t *c, int lo, int hi)
{
	int y, m, d, y2;
	day_to_ymd(lo, &y, &m, &d);
	day_to_ymd(hi, &y2, &m, &d);
	if (c->ndays) {
		int oy, oy2;
		day_to_ymd(c->first, &oy, &m, &d);
		day_to_ymd(c->first + c->ndays - 1, &oy2, &m, &d);
		if (oy < y)
			y = oy;
		if (oy2 > y2)
			y2 = oy2;
	}
	table_drop(c);
	c->first = day_from_ymd(y - 1, 1, 1);
	c->ndays = day_from_ymd(y2 + 3, 1, 1) - c->first;
	c->before = xmalloc(((size_t)c->ndays + 1) * sizeof *c->before);
	c->workday = xmalloc((size_t)c->ndays * sizeof *c->workday);
	for (int i = 0; i < c->ndays; i++) {
		c->before[i] = c->nwork;
		if (calendar_is_workday(c, c->first + i))
			c->workday[c->nwork++] = c->first + i;
	}
	c->before[c->ndays] = c->nwork;
}

int calendar_workdays_between(calendar_t *c, int start, int end)
{
	if (end <= start)
		return 0;
	if (!c->ndays || start < c->first || end >= c->first + c->ndays) {
		if (end - start > 36600) {
			int n = 0;
			for (int d = start + 1; d <= end; d++)
				n += calendar_is_workday(c, d);
			return n;
		}
		table_build(c, start, end);
	}
	return c->before[end - c->first + 1] - c->before[start - c->first + 1];
}

int calendar_deadline(calendar_t *c, int start, int n)
{
	if (n <= 0)
		return start;
	for (int tries = 0; tries < 2; tries++) {
		if (c->ndays && start >= c->first && start < c->first + c->ndays) {
			/* working days up to and including start, plus n */
			int j = c->before[start - c->first + 1] + n - 1;
			if (j < c->nwork)
				return c->workday[j];
		}
		if (n > 3660)
			break;
		table_build(c, start, start + n * 2 + 14);
	}
	/* out of the table's reach (far-off dates): count day by day */
	int day = start;
	while (n > 0) {
		day++;
		if (calendar_is_workday(c, day))
			n--;
	}
	return day;
}

const char *calendar_day_off(const calendar_t *c, int day)
{
	if (day_weekday(day) >= 5)
		return NULL;
	const char *h = calendar_holiday(day);
	if (h)
		return h;
	for (size_t i = 0; i < c->nclosed; i++)
		if (c->closed[i] == day)
			return "extra sluitingsdag";
	return NULL;
}
