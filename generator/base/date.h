/* date.h - calendar dates as day numbers (days since 1970-01-01), periods, numeric date
 * formats, and the municipal working-day calendar of docs/definities.md. Dates and periods
 * in words are the presentation layer's (model/present.h). */
#ifndef MEETLAT_DATE_H
#define MEETLAT_DATE_H

#include <stddef.h>

#define DAY_NONE (-2147483647 - 1)

int day_from_ymd(int y, int m, int d);
void day_to_ymd(int day, int *y, int *m, int *d);
int ymd_valid(int y, int m, int d);
/* 0 = Monday ... 6 = Sunday */
int day_weekday(int day);
/* Easter Sunday (Meeus/Jones/Butcher). */
int day_easter(int year);

/* Parse "2024-10-01", "1-10-2024" or "01-10-2024", optionally followed by a time
 * ("09:15", "09:15:30", separated by a space or 'T'). Leading and trailing blanks
 * are allowed. Returns 0 and sets *day, or -1. */
int date_parse(const char *s, size_t len, int *day);
/* date_parse that remembers the last date it read (an export lists many rows of one day, with
 * different times, and many days of one month): the same result, but a repeated text is
 * compared rather than read, and a date of the same month is read only for its day. One memo
 * per column, zeroed before use. */
typedef struct {
	char text[12];
	size_t len;
	int day;
	int d, mdays;  /* its day of the month, and the days that month has */
	int dlen;      /* the digits of the day: before the first separator (1-10-2024), or 0 for
	                  the last two (2024-10-01) */
	char raw[24];  /* the whole text of the last date read (time and blanks included) */
	size_t rawlen; /* 0 when there is none */
	int rawday;
} date_memo;
int date_parse_memo(date_memo *memo, const char *s, size_t len, int *day);

/* Formats into out (at least 32 bytes). */
void date_iso(int day, char *out);      /* 2024-10-01 */
void date_short(int day, char *out);    /* 01-10-2024 */

/* Periods: a month, quarter or year, numbered so that consecutive periods differ by one. */
typedef enum { PER_MAAND, PER_KWARTAAL, PER_JAAR } per_t;
int period_of(per_t per, int day);
/* period_of fills a table on first use: date_tables fills it before work runs on several
 * threads (build.c), so that none of them does. */
void date_tables(void);
int period_first_day(per_t per, int key);
int period_last_day(per_t per, int key);
/* Machine label: 2024-10, 2024-K3, 2024 */
void period_code(per_t per, int key, char *out);
/* Parse "2024", "2024-Q3"/"2024-K3" or "2024-09" into a period; returns 0 or -1. */
int period_parse(const char *s, size_t len, per_t *per, int *key);

/* Working-day calendar: weekends, the municipal holidays and extra closing days.
 * Deadlines are looked up in a table of working days built on first use; adding a closing
 * day drops the table. Zero-initialise; calendar_free releases everything. */
typedef struct {
	int *closed;    /* extra closing days, sorted */
	size_t nclosed, capclosed;
	int first;      /* table covers days [first, first + ndays) */
	int ndays;
	int *before;    /* before[i]: working days in [first, first + i) */
	int *workday;   /* workday[j]: the j-th working day from first */
	int nwork;
} calendar_t;

void calendar_add_closed(calendar_t *c, int day);
void calendar_free(calendar_t *c);
/* Name of the municipal holiday on that day, or NULL. */
const char *calendar_holiday(int day);
int calendar_is_workday(const calendar_t *c, int day);
/* Why a weekday is no working day: the holiday's name, "extra sluitingsdag", or NULL. */
const char *calendar_day_off(const calendar_t *c, int day);
/* Working days d with start < d <= end (0 when end <= start). */
int calendar_workdays_between(calendar_t *c, int start, int end);
/* The n-th working day strictly after `start` (n >= 1). */
int calendar_deadline(calendar_t *c, int start, int n);

#endif
