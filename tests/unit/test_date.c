/* Calendar, date parsing and periods. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "base/date.h"

static int D(int y, int m, int d)
{
	return day_from_ymd(y, m, d);
}

static void test_roundtrip(void **st)
{
	(void)st;
	for (int day = D(1900, 1, 1); day < D(2199, 12, 31); day += 17) {
		int y, m, d;
		day_to_ymd(day, &y, &m, &d);
		assert_int_equal(day_from_ymd(y, m, d), day);
	}
	assert_int_equal(D(1970, 1, 1), 0);
	assert_int_equal(day_weekday(D(2024, 3, 28)), 3); /* Thursday */
	assert_int_equal(day_weekday(D(2025, 4, 27)), 6); /* Sunday */
}

/* Easter Sundays 2015-2035 from published tables. */
static void test_easter(void **st)
{
	(void)st;
	static const int e[][3] = {{2015, 4, 5}, {2016, 3, 27}, {2017, 4, 16}, {2018, 4, 1},
		{2019, 4, 21}, {2020, 4, 12}, {2021, 4, 4}, {2022, 4, 17}, {2023, 4, 9}, {2024, 3, 31},
		{2025, 4, 20}, {2026, 4, 5}, {2027, 3, 28}, {2028, 4, 16}, {2029, 4, 1}, {2030, 4, 21},
		{2031, 4, 13}, {2032, 3, 28}, {2033, 4, 17}, {2034, 4, 9}, {2035, 3, 25}};
	for (size_t i = 0; i < sizeof e / sizeof *e; i++)
		assert_int_equal(day_easter(e[i][0]), D(e[i][0], e[i][1], e[i][2]));
}

static void test_holidays(void **st)
{
	(void)st;
	/* every year 2015-2035: the fixed and Easter-based days are holidays */
	for (int y = 2015; y <= 2035; y++) {
		int e = day_easter(y);
		assert_non_null(calendar_holiday(D(y, 1, 1)));
		assert_non_null(calendar_holiday(D(y, 12, 25)));
		assert_non_null(calendar_holiday(D(y, 12, 26)));
		assert_string_equal(calendar_holiday(e + 1), "Tweede Paasdag");
		assert_string_equal(calendar_holiday(e + 39), "Hemelvaartsdag");
		assert_string_equal(calendar_holiday(e + 50), "Tweede Pinksterdag");
		assert_null(calendar_holiday(e - 2)); /* Goede Vrijdag is a working day */
		int k = D(y, 4, 27);
		if (day_weekday(k) == 6) {
			assert_null(calendar_holiday(k));
			assert_string_equal(calendar_holiday(k - 1), "Koningsdag");
		} else {
			assert_string_equal(calendar_holiday(k), "Koningsdag");
		}
		if (y >= 2024 || y == 2015 || y == 2020 || y == 2025 || y == 2030 || y == 2035)
			assert_string_equal(calendar_holiday(D(y, 5, 5)), "Bevrijdingsdag");
		else if (calendar_holiday(D(y, 5, 5))) /* Ascension fell on 5 May in 2016 */
			assert_string_equal(calendar_holiday(D(y, 5, 5)), "Hemelvaartsdag");
	}
	assert_string_equal(calendar_holiday(D(2025, 4, 26)), "Koningsdag");
	assert_string_equal(calendar_holiday(D(2031, 4, 26)), "Koningsdag");
	assert_null(calendar_holiday(D(2023, 5, 5)));
	assert_null(calendar_holiday(D(2024, 3, 29)));
	assert_null(calendar_holiday(D(2024, 12, 24)));
}

/* Why a weekday is off: a holiday by name, an extra closing day, nothing on a weekend. */
static void test_day_off(void **st)
{
	(void)st;
	calendar_t c = {0};
	calendar_add_closed(&c, day_from_ymd(2024, 5, 10));
	assert_string_equal(calendar_day_off(&c, day_from_ymd(2024, 4, 1)), "Tweede Paasdag");
	assert_string_equal(calendar_day_off(&c, day_from_ymd(2024, 5, 10)), "extra sluitingsdag");
	assert_null(calendar_day_off(&c, day_from_ymd(2024, 3, 29))); /* Goede Vrijdag works */
	assert_null(calendar_day_off(&c, day_from_ymd(2024, 5, 5)));  /* Bevrijdingsdag on a Sunday */
	assert_null(calendar_day_off(&c, day_from_ymd(2024, 5, 13)));
	calendar_free(&c);
}

static void test_deadline(void **st)
{
	(void)st;
	calendar_t c = {0};
	/* the examples of docs/definities.md, N = 2 */
	assert_int_equal(calendar_deadline(&c, D(2024, 3, 28), 2), D(2024, 4, 2));
	assert_int_equal(calendar_deadline(&c, D(2024, 3, 30), 2), D(2024, 4, 3));
	assert_int_equal(calendar_deadline(&c, D(2025, 12, 24), 2), D(2025, 12, 30));
	/* Ascension Thursday 2025-05-29; a Wednesday item has Friday as day 1 */
	assert_int_equal(calendar_deadline(&c, D(2025, 5, 28), 1), D(2025, 5, 30));
	assert_int_equal(calendar_deadline(&c, D(2025, 5, 28), 5), D(2025, 6, 5));
	/* an extra closing day moves the deadline */
	calendar_add_closed(&c, D(2025, 5, 30));
	assert_false(calendar_is_workday(&c, D(2025, 5, 30)));
	assert_int_equal(calendar_deadline(&c, D(2025, 5, 28), 1), D(2025, 6, 2));
	/* working days after Wed 28 May up to Thu 5 Jun: 2, 3, 4, 5 June (30 May is closed) */
	assert_int_equal(calendar_workdays_between(&c, D(2025, 5, 28), D(2025, 6, 5)), 4);
	assert_int_equal(calendar_workdays_between(&c, D(2025, 6, 5), D(2025, 6, 5)), 0);
	assert_int_equal(calendar_workdays_between(&c, D(2025, 6, 5), D(2025, 6, 2)), 0);
	/* 2024: 262 weekdays; six holidays fall on one (Koningsdag is a Saturday,
	 * Bevrijdingsdag a Sunday) */
	assert_int_equal(calendar_workdays_between(&c, D(2023, 12, 31), D(2024, 12, 31)), 256);
	calendar_add_closed(&c, D(2025, 5, 30)); /* twice is once */
	assert_int_equal((int)c.nclosed, 1);
	calendar_free(&c);
}

static void test_parse(void **st)
{
	(void)st;
	int d;
	assert_int_equal(date_parse("2024-10-01", 10, &d), 0);
	assert_int_equal(d, D(2024, 10, 1));
	assert_int_equal(date_parse("1-10-2024", 9, &d), 0);
	assert_int_equal(d, D(2024, 10, 1));
	assert_int_equal(date_parse("01-10-2024 09:15", 16, &d), 0);
	assert_int_equal(d, D(2024, 10, 1));
	assert_int_equal(date_parse("2024-10-01T09:15:30", 19, &d), 0);
	assert_int_equal(date_parse(" 2024-10-01 ", 12, &d), 0);
	assert_int_equal(date_parse("1/10/2024", 9, &d), 0);
	assert_int_equal(d, D(2024, 10, 1));
	assert_int_equal(date_parse("29-2-2024", 9, &d), 0);
	const char *good[] = {"1-10-2024 23:59", "1-10-2024 20:00", "1-10-2024T00:00", "1-10-2024 9:15",
		"1-10-2024  09:15", "1-10-2024 09:15:30", "1-10-2024 19:59 "};
	for (size_t i = 0; i < sizeof good / sizeof *good; i++)
		assert_int_equal(date_parse(good[i], strlen(good[i]), &d), 0);
	const char *bad[] = {"", "2023-02-29", "31-4-2024", "2024-1-1", "2024-10-01x", "10-2024",
		"2024-10-01 25:00", "2024-10-01 9:5", "1-10-24", "2024/10-01", "abc", "2024-13-01",
		"1-10-2024 24:00", "1-10-2024 19:60", "1-10-2024 30:00", "1-10-2024 09:1x", "1-10-2024 09.15",
		"1-10-2024x09:15"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(date_parse(bad[i], strlen(bad[i]), &d), -1);
}

/* date_parse_memo gives date_parse's result for every text, whatever it read before: dates in
 * each form (some not valid, as 31-4-2024 or 0-4-2024) with pieces after them, read one after
 * the other through one memo. */
static void test_parse_memo(void **st)
{
	(void)st;
	static const char *const forms[] = {"%d-%d-%d", "%02d-%02d-%04d", "%04d-%02d-%02d", "%d/%d/%d", " %d-%d-%d"};
	static const char *const bits[] = {"", "", " 09:15", "T09:15:30", " ", "\t", "0", "x", " 25:00", "-1", " 9:5"};
	date_memo memo = {0};
	unsigned long long state = 1;
	int valid = 0, f = 0, m = 1, y = 2024;
	for (int round = 0; round < 100000; round++) {
		unsigned r[6];
		for (int k = 0; k < 6; k++) {
			state = state * 6364136223846793005ULL + 1442695040888963407ULL;
			r[k] = (unsigned)(state >> 33);
		}
		/* most texts keep the form, month and year of the one before, as an export does, so
		 * the memo's same-month path is taken often; days run from 0 to 32 */
		if (round == 0 || r[0] % 8 == 0) {
			f = (int)(r[0] / 8 % 5);
			m = 1 + (int)(r[2] % 12);
			y = 2023 + (int)(r[3] % 2);
		}
		int d = (int)(r[1] % 33);
		static char s[80];
		/* a third of the texts repeat the one before, as a date-only column does */
		if (round == 0 || r[5] % 3 != 0) {
			if (f == 2)
				snprintf(s, sizeof s, forms[f], y, m, d);
			else
				snprintf(s, sizeof s, forms[f], d, m, y);
			strcat(s, bits[r[4] % (sizeof bits / sizeof *bits)]);
			strcat(s, bits[r[5] % 3]);
		}
		int a = -7, b = -7;
		int ra = date_parse(s, strlen(s), &a), rb = date_parse_memo(&memo, s, strlen(s), &b);
		assert_int_equal(ra, rb);
		if (ra == 0)
			assert_int_equal(a, b);
		valid += ra == 0;
	}
	assert_true(valid > 30000);
}

/* period_code is the "%04d-%02d", "%04d-K%d" and "%04d" of before, for every key from before
 * year 0 to after 9999 */
static void test_period_code(void **st)
{
	(void)st;
	for (int per = PER_MAAND; per <= PER_JAAR; per++)
		for (int key = -30; key < 130000; key++) {
			char got[32], want[32];
			period_code((per_t)per, key, got);
			if (per == PER_MAAND)
				snprintf(want, sizeof want, "%04d-%02d", key / 12, key % 12 + 1);
			else if (per == PER_KWARTAAL)
				snprintf(want, sizeof want, "%04d-K%d", key / 4, key % 4 + 1);
			else
				snprintf(want, sizeof want, "%04d", key);
			assert_string_equal(got, want);
		}
}

static void test_format(void **st)
{
	(void)st;
	char s[32];
	date_short(D(2024, 10, 1), s);
	assert_string_equal(s, "01-10-2024");
	date_iso(D(2024, 10, 1), s);
	assert_string_equal(s, "2024-10-01");
}

static void test_periods(void **st)
{
	(void)st;
	char s[32];
	int k = period_of(PER_KWARTAAL, D(2024, 8, 15));
	period_code(PER_KWARTAAL, k, s);
	assert_string_equal(s, "2024-K3");
	assert_int_equal(period_first_day(PER_KWARTAAL, k), D(2024, 7, 1));
	assert_int_equal(period_last_day(PER_KWARTAAL, k), D(2024, 9, 30));
	k = period_of(PER_MAAND, D(2024, 2, 10));
	assert_int_equal(period_last_day(PER_MAAND, k), D(2024, 2, 29));
	assert_int_equal(period_last_day(PER_MAAND, period_of(PER_MAAND, D(2024, 12, 5))), D(2024, 12, 31));
	per_t per;
	assert_int_equal(period_parse("2024-Q3", 7, &per, &k), 0);
	assert_int_equal(per, PER_KWARTAAL);
	assert_int_equal(k, 2024 * 4 + 2);
	assert_int_equal(period_parse("2024-k4", 7, &per, &k), 0);
	assert_int_equal(period_parse("2024-09", 7, &per, &k), 0);
	assert_int_equal(per, PER_MAAND);
	assert_int_equal(period_parse("2024", 4, &per, &k), 0);
	assert_int_equal(per, PER_JAAR);
	assert_int_equal(period_parse("2024-Q5", 7, &per, &k), -1);
	assert_int_equal(period_parse("2024-13", 7, &per, &k), -1);
	assert_int_equal(period_parse("24", 2, &per, &k), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip), cmocka_unit_test(test_easter),
		cmocka_unit_test(test_holidays), cmocka_unit_test(test_day_off), cmocka_unit_test(test_deadline),
		cmocka_unit_test(test_parse), cmocka_unit_test(test_parse_memo), cmocka_unit_test(test_format), cmocka_unit_test(test_period_code),
		cmocka_unit_test(test_periods),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
