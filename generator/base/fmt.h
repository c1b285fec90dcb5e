/* fmt.h - numbers as Dutch Excel and Dutch readers write them, both ways. */
#ifndef MEETLAT_FMT_H
#define MEETLAT_FMT_H

#include <stddef.h>

#include "base/util.h"

/* Parse a number as Dutch Excel writes it: "6,7", "1.234,5", "-3", "1.234" (thousands dot
 * when dot_is_thousands), "6.7" (decimal point when not). Blanks around are allowed.
 * Returns 0 and sets *v, or -1. */
int num_parse(const char *s, size_t len, int dot_is_thousands, double *v);

/* The one rounding function: half away from zero at `dec` decimals, the way people round
 * (a tiny epsilon absorbs binary fractions such as 0.15 stored as 0.14999...). Every figure
 * a reader sees is rounded by this, in every output. */
double num_round(double v, int dec);

/* 1.234,5 with `dec` (0-6) decimals and a thousands dot (out >= 48 bytes); "-" for a value that
 * is not finite or of 1e15 or more. */
void fmt_num(double v, int dec, char *out);
/* Same without thousands separator, for CSV cells. */
void fmt_num_plain(double v, int dec, char *out);
/* 15% or 24,3% */
void fmt_pct(double v, int dec, char *out);

/* v in decimal as %llu and %lld write it, at out (room for 21 bytes), '\0'-terminated; returns
 * the end. For numbers written often: printf costs some 1.500 instructions a number. */
char *fmt_ull(char *out, unsigned long long v);
char *fmt_ll(char *out, long long v);

/* v as printf's "%.1f" writes it, appended to b (a coordinate of a chart: "12.3", "-0.0"):
 * the exact value rounded to the nearest tenth, a tie to the even digit, in integer
 * arithmetic (printf only for 1e15 and more, and what is not finite). */
void fmt_f1(buf_t *b, double v);

#endif
